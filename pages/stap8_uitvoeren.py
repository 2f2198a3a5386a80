"""Stap 8 – placeholder until its issue fills it."""

from schouders.ui import common as ui

ctx = ui.page(stap=8)
ui.placeholder()
