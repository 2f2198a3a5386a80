"""Stap 10 – placeholder until its issue fills it."""

from schouders.ui import common as ui

ctx = ui.page(stap=10)
ui.placeholder()
