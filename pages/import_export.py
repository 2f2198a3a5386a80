"""Importeren en exporteren – placeholder until its issue fills it."""

from schouders.ui import common as ui

ctx = ui.page(title="Importeren en exporteren")
ui.placeholder()
