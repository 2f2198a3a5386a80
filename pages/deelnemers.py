"""Deelnemers – placeholder until its issue fills it."""

from schouders.ui import common as ui

ctx = ui.page(title="Deelnemers")
ui.placeholder()
