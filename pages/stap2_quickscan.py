"""Stap 2 – placeholder until its issue fills it."""

from schouders.ui import common as ui

ctx = ui.page(stap=2)
ui.placeholder()
