"""Het groepsscherm: the window for the group, following the procesbegeleider (schouders/ui/groepsscherm.py)."""

from schouders.ui import groepsscherm

groepsscherm.scherm()
