"""A time box for an agenda item or a step: start, pause, +5 minutes, reset, and a signal at zero.

Pure: every method takes the current clock value (`now`, in seconds), so tests inject a clock and the
Streamlit part only stores the `Timer` in session state. A running timer keeps no thread of its own:
the remaining time is computed from the moment it was started.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

STANDAARD_MINUTEN = 10
PLUS_SECONDEN = 5 * 60
MAX_SECONDEN = 8 * 60 * 60  # a bijeenkomst lasts at most a working day
TIJD_IS_OM = "Tijd is om"


@dataclass(frozen=True, slots=True)
class Timer:
    """`basis` is the chosen duration, `duur` that plus the extra minutes; both in seconds."""

    basis: float = STANDAARD_MINUTEN * 60
    duur: float = STANDAARD_MINUTEN * 60
    verstreken: float = 0.0  # seconds counted before the current run
    gestart: float | None = None  # clock value at the start of the current run; None while paused
    gemeld: bool = False  # the signal at zero has been given

    @property
    def loopt(self) -> bool:
        return self.gestart is not None

    def verstreken_op(self, now: float) -> float:
        extra = max(0.0, now - self.gestart) if self.gestart is not None else 0.0
        return self.verstreken + extra

    def resterend(self, now: float) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.duur - self.verstreken_op(now))

    def is_om(self, now: float) -> bool:
        return self.verstreken_op(now) >= self.duur

    def start(self, now: float) -> Timer:
        """Run (again). A timer that reached zero stays at zero until it gets more time or a reset."""
        if self.loopt or self.is_om(now):
            return self
        return dataclasses.replace(self, gestart=now)

    def pauzeer(self, now: float) -> Timer:
        if not self.loopt:
            return self
        return dataclasses.replace(self, verstreken=min(self.verstreken_op(now), self.duur), gestart=None)

    def plus(self, now: float, seconden: float = PLUS_SECONDEN) -> Timer:
        """More time; after zero the signal may sound again when the extra time is up."""
        duur = min(max(self.duur, self.verstreken_op(now)) + seconden, MAX_SECONDEN)
        return dataclasses.replace(self, duur=duur, gemeld=False)

    def reset(self) -> Timer:
        """Back to the chosen duration, paused."""
        return Timer(basis=self.basis, duur=self.basis)

    def stel_in(self, minuten: float) -> Timer:
        """A new duration in minutes (paused, from the start)."""
        seconden = float(minuten) * 60
        if not 0 < seconden <= MAX_SECONDEN:
            raise ValueError(f"Kies een tijd tussen 1 en {MAX_SECONDEN // 60} minuten.")
        return Timer(basis=seconden, duur=seconden)

    def tik(self, now: float) -> tuple[Timer, bool]:
        """The timer after a clock tick, and whether the signal at zero should sound now (once)."""
        if not self.is_om(now):
            return self, False
        gestopt = self.pauzeer(now)
        if self.gemeld:
            return gestopt, False
        return dataclasses.replace(gestopt, gemeld=True), True


def klok_tekst(seconden: float) -> str:
    """Remaining time as 'mm:ss' (or 'u:mm:ss' from an hour), rounded up so zero shows only at zero."""
    totaal = int(-(-seconden // 1))  # ceil without importing math
    uren, rest = divmod(max(totaal, 0), 3600)
    minuten, sec = divmod(rest, 60)
    return f"{uren}:{minuten:02d}:{sec:02d}" if uren else f"{minuten:02d}:{sec:02d}"


def stand_tekst(t: Timer, now: float) -> str:
    """A short status in words, for screen readers and for the group: loopt, gepauzeerd, tijd is om."""
    if t.is_om(now):
        return TIJD_IS_OM
    return "loopt" if t.loopt else ("gepauzeerd" if t.verstreken else "klaar om te starten")
