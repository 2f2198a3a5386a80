"""Meedoen – participants add items from their own phone; the procesbegeleider opens the round and watches.

Who sees what is decided in schouders/ui/toegang.py: served to the room, only the procesbegeleider (this
machine, or with the passcode) gets the round, the code and the board; everyone else gets the form.
"""

from schouders.ui import meedoen as md
from schouders.ui import toegang

if toegang.procesbegeleider() and not md.als_deelnemer():
    md.procesbegeleider()
else:
    md.deelnemer()
