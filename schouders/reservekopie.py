"""Backups as the procesbegeleider chooses between them: when each was made and what is in it.

After a damaged file was set aside the app goes on with an empty store, and every change from then on makes a
new backup – of that empty store. The newest backup is then the wrong one to put back; the last one from
before the damage (`store.voor_schade`) is the right one, so that is what the choice starts on.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import orjson

from schouders.datums import datumtijd_nl

_STEMPEL = re.compile(r"-(\d{8}-\d{6})-\d{6}")


def gemaakt(pad: Path) -> datetime | None:
    """When the backup was made, from its name (`schouders-20261201-224100-123456.json`)."""
    m = _STEMPEL.search(pad.name)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def _leeg(pad: Path) -> bool | None:
    """True for a backup without trajecten, None when it cannot be read."""
    try:
        return not (orjson.loads(pad.read_bytes()).get("traject") or {})
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return None


def beste(backups: list[Path], voor_schade: set[Path]) -> int:
    """Which backup (index in the newest-first list) to offer first: the last one from before a damage that
    has trajecten in it; else the newest with trajecten; else the newest."""
    for i, b in enumerate(backups):
        if b in voor_schade and _leeg(b) is False:
            return i
    return next((i for i, b in enumerate(backups) if _leeg(b) is False), 0)


def beschrijving(pad: Path, *, voor_schade: bool = False) -> str:
    """ "di 1 december 2026 22:41 · 3 trajecten, 120 knelpunten" – what a person needs to pick one."""
    wanneer = gemaakt(pad)
    delen = [datumtijd_nl(wanneer) if wanneer else pad.name]
    try:
        data = orjson.loads(pad.read_bytes())
        n_t = len(data.get("traject", {}) or {})
        n_k = len(data.get("knelpunt", {}) or {})
        delen.append("leeg" if n_t == 0 else f"{n_t} {'traject' if n_t == 1 else 'trajecten'}, {n_k} knelpunten")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        delen.append("niet leesbaar")
    tekst = " · ".join(delen)
    return tekst + (" (de laatste van vóór de beschadiging)" if voor_schade else "")
