"""Het groepsscherm follows the procesbegeleider: which step is open, what is pinned, the running timer.

The group screen is a window of its own (another browser session on the same laptop, or the beamer), so
what it should show cannot live in one session's state. It lives here, in memory, per traject: the
facilitator's pages report their step and timer, the group screen reads the picture and redraws when its
`versie` changes. Nothing is written to the store (a page switch is not data) and nothing leaves the process.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field

from schouders.timer import Timer

# What the facilitator can pin the group screen to, besides following them. Keys are ours, labels Dutch.
VASTE_BEELDEN: dict[str, str] = {
    "stap": "Deze stap vastzetten",
    "telling": "Knelpunten per aandachtsgebied",
    "matrix": "De matrix: belang en quick win",
    "meedoen": "Meedoen: code en QR",
}


@dataclass(frozen=True)
class Beeld:
    """What the group screen of one traject shows. `vast` None: it follows `stap`."""

    stap: int | None = None  # the step the facilitator has open (the last one, on pages without a step)
    vast: str | None = None  # a key of VASTE_BEELDEN
    vaste_stap: int | None = None  # the step that was open when "stap" was pinned
    timers: dict[str, Timer] = field(default_factory=dict)  # per timer key ("stap4", …)
    versie: int = 0

    @property
    def getoonde_stap(self) -> int | None:
        """The step whose board is on screen (None when a pinned view that is not a step is shown)."""
        if self.vast == "stap":
            return self.vaste_stap
        return None if self.vast else self.stap

    @property
    def soort(self) -> str:
        """'stap' (a step's board) or the pinned view's key."""
        return "stap" if self.vast in (None, "stap") else self.vast


class Volgbord:
    """The pictures of all trajecten in this process; safe to use from every session's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._beelden: dict[str, Beeld] = {}

    def beeld(self, traject_id: str) -> Beeld:
        with self._lock:
            return self._beelden.get(traject_id, Beeld())

    def _wijzig(self, traject_id: str, **wijziging: object) -> Beeld:
        with self._lock:
            oud = self._beelden.get(traject_id, Beeld())
            nieuw = dataclasses.replace(oud, **wijziging)  # type: ignore[arg-type]
            if nieuw != oud:
                nieuw = dataclasses.replace(nieuw, versie=oud.versie + 1)
                self._beelden[traject_id] = nieuw
            return nieuw

    def volg(self, traject_id: str, stap: int) -> Beeld:
        """The facilitator opened this step (a no-op when it already was the one)."""
        if not traject_id:
            return Beeld()
        return self._wijzig(traject_id, stap=stap)

    def zet_vast(self, traject_id: str, vast: str | None) -> Beeld:
        """Pin the group screen to a view (None: follow the facilitator again)."""
        if vast is not None and vast not in VASTE_BEELDEN:
            raise ValueError(f"Het groepsscherm kan '{vast}' niet tonen.")
        huidig = self.beeld(traject_id)
        return self._wijzig(traject_id, vast=vast, vaste_stap=huidig.stap if vast == "stap" else None)

    def timer(self, traject_id: str | None, sleutel: str, timer: Timer) -> None:
        """A timer of this traject changed in the facilitator's window (started, paused, more time)."""
        if not traject_id:
            return
        huidig = self.beeld(traject_id)
        if huidig.timers.get(sleutel) != timer:
            self._wijzig(traject_id, timers={**huidig.timers, sleutel: timer})

    def versie(self, traject_id: str) -> int:
        return self.beeld(traject_id).versie


VOLGBORD = Volgbord()  # one per process: every session of this app serves the same laptop's meeting
