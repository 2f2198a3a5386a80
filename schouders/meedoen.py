"""Meedoen: participants add succes- en verbeterpunten (stap 2) or knelpunten (stap 4) from their own phone.

The procesbegeleider opens a round (`Ronde`) for a traject and gets a short join code. Every submission
carries that code and is checked against the store at the moment it is saved, so closing the round or
giving it a new code locks everyone out at once. Guard rails live here, without Streamlit: a code of
unambiguous characters, a length limit, control characters removed, and a rate limiter (`Begrenzer`) that
the app keeps per browser session and per address. Text is stored as the participant typed it (plain
text, never HTML); every screen shows it escaped.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from schouders import methode
from schouders.model import Knelpunt, Quickscanpunt, Ronde, zonder_stuurtekens
from schouders.store import Snapshot, Store

# No 0/O, 1/I/L: a code read from a projected screen or a QR-less phone must be easy to type.
CODE_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 6
MAX_TEKST = 280
MAX_NAAM = 60
PER_MINUUT = 10  # submissions per browser session
PER_MINUUT_ADRES = 40  # per network address: a few people may share one (a hybrid room behind one router)
VENSTER_S = 60.0
_UITLEG_SOORT = {"succes": "dit gaat goed", "verbeter": "dit kan beter"}
# stap 2: the method's labels with a plain explanation, for the participant's choice
SOORTEN: dict[str, str] = {k: f"{label}: {_UITLEG_SOORT.get(k, '')}" for k, label in methode.QUICKSCAN_SOORTEN}

FOUTE_CODE = (
    "Deze code werkt niet (meer). Kijk of je hem goed hebt overgenomen, "
    "of vraag de procesbegeleider om de code die nu op het scherm staat."
)
TE_SNEL = "Je stuurt veel tegelijk. Wacht even en probeer het over een minuut opnieuw."

_NIET_CODE = re.compile(r"[\s\-_.]")


# ---- codes ---------------------------------------------------------------------------------------------


def nieuwe_code(bezet: Iterable[str] = (), *, kies: Callable[[Sequence[str]], str] = secrets.choice) -> str:
    """A random code of CODE_LENGTE unambiguous characters that is not in `bezet`."""
    bezet = set(bezet)
    for _ in range(1000):
        code = "".join(kies(CODE_TEKENS) for _ in range(CODE_LENGTE))
        if code not in bezet:
            return code
    raise RuntimeError("Geen vrije code gevonden.")  # pragma: no cover – 31^6 codes


def normaliseer_code(code: Any) -> str:
    """What the participant typed, as a code: capitals, without spaces, dashes or dots."""
    return _NIET_CODE.sub("", str(code or "")).upper()


def geldig_formaat(code: str) -> bool:
    return len(code) == CODE_LENGTE and all(c in CODE_TEKENS for c in code)


# ---- rounds (procesbegeleider) -------------------------------------------------------------------------


def rondes(snap: Snapshot, traject_id: str) -> list[Ronde]:
    """The traject's rounds, newest first."""
    return sorted(snap.of("ronde", traject_id), key=lambda r: r.geopend, reverse=True)


def open_ronde_van(snap: Snapshot, traject_id: str) -> Ronde | None:
    """The traject's open round (there is at most one), or None."""
    return next((r for r in rondes(snap, traject_id) if r.open), None)


def open_ronde(
    store: Store,
    traject_id: str,
    stap: int,
    gebied: str | None = None,
    *,
    vraagstuk_id: str | None = None,
    bijeenkomst_id: str | None = None,
) -> Ronde:
    """Open a round with a fresh code; an open round of the same traject is closed first. One write.
    What participants send is recorded at `bijeenkomst_id` (the traject's current meeting)."""
    with store.transaction():
        snap = store.snapshot()
        if snap.get("traject", traject_id) is None:
            raise ValueError("Dit traject bestaat niet meer.")
        bezet = {r.code for r in snap.all("ronde")}
        b = snap.get("bijeenkomst", bijeenkomst_id)
        ronde = Ronde(
            traject_id=traject_id,
            stap=stap,
            gebied=gebied if stap == 4 else None,
            vraagstuk_id=vraagstuk_id,
            bijeenkomst_id=b.id if b is not None and b.traject_id == traject_id else None,
            code=nieuwe_code(bezet),
        )
        oud = [r.met(open=False) for r in snap.of("ronde", traject_id) if r.open]
        if oud:
            store.save_many(oud)
        store.add(ronde)
    return ronde


def _ronde(snap: Snapshot, ronde_id: str) -> Ronde:
    r = snap.get("ronde", ronde_id)
    if r is None:
        raise ValueError("Deze ronde bestaat niet meer.")
    return r


def vernieuw_code(store: Store, ronde_id: str) -> Ronde:
    """A new code for an open round: whoever has the old one can no longer send anything."""
    with store.transaction():
        snap = store.snapshot()
        r = _ronde(snap, ronde_id)
        code = nieuwe_code({x.code for x in snap.all("ronde")})
        nieuw = r.met(code=code, open=True)
        store.save(nieuw)
    return nieuw


def sluit(store: Store, ronde_id: str) -> Ronde:
    """Close a round: its code stops working at once."""
    with store.transaction():
        r = _ronde(store.snapshot(), ronde_id)
        dicht = r.met(open=False)
        store.save(dicht)
    return dicht


def zoek(snap: Snapshot, code: Any) -> Ronde | None:
    """The open round with this code, when its traject still exists and is not archived; else None."""
    c = normaliseer_code(code)
    if not geldig_formaat(c):
        return None
    gevonden = None
    for r in snap.all("ronde"):
        # compare every code in constant time: how long a check takes says nothing about a near miss
        if hmac.compare_digest(r.code.encode(), c.encode()) and r.open:
            gevonden = r
    if gevonden is None:
        return None
    t = snap.get("traject", gevonden.traject_id)
    if t is None or t.gearchiveerd:
        return None
    return gevonden


def items(snap: Snapshot, ronde: Ronde) -> list[Quickscanpunt | Knelpunt]:
    """What was sent in during this round, oldest first (same second: in the order they were stored)."""
    kind = "quickscanpunt" if ronde.stap == 2 else "knelpunt"
    return sorted((i for i in snap.of(kind, ronde.traject_id) if i.meedoen_id == ronde.id), key=lambda i: i.aangemaakt)


# ---- what the participant sees -------------------------------------------------------------------------


def opdracht(ronde: Ronde) -> str:
    """The question on the participant's phone: the step and gebied in the method's words, no traject data."""
    s = methode.stap(ronde.stap)
    if ronde.stap == 2:
        return f"Stap {s.nummer} · {s.naam}: wat gaat al goed, en wat kan beter?"
    if ronde.gebied:
        g = methode.GEBIED_BY_KEY[ronde.gebied]
        return f"Stap {s.nummer} · {s.naam}: wat knelt er bij {g.label.lower()}? ({g.omschrijving})"
    return f"Stap {s.nummer} · {s.naam}: wat knelt er? Eén knelpunt per bericht."


def vragen(ronde: Ronde) -> tuple[str, ...]:
    """A few prompts to help participants think (the gebied's own questions for stap 4 with one gebied)."""
    if ronde.stap == 4 and ronde.gebied:
        return methode.GEBIED_BY_KEY[ronde.gebied].prompts[:3]
    return methode.stap(ronde.stap).prompts[:2]


def kies_gebied(ronde: Ronde) -> bool:
    """Whether the participant may pick a gebied (stap 4 for all gebieden)."""
    return ronde.stap == 4 and ronde.gebied is None


# ---- submitting ----------------------------------------------------------------------------------------


def schoon(tekst: Any, veld: str, *, max_len: int, verplicht: bool = True) -> str:
    """Plain text without control or direction characters; refused when empty (if required) or too long."""
    t = zonder_stuurtekens(str(tekst or ""))
    t = "\n".join(regel.rstrip() for regel in t.strip().split("\n"))
    if verplicht and not t:
        raise ValueError(f"{veld} is leeg. Typ eerst iets.")
    if len(t) > max_len:
        raise ValueError(f"{veld} is te lang: {len(t)} tekens, maximaal {max_len}.")
    return t


def dien_in(
    store: Store,
    code: Any,
    tekst: Any,
    *,
    naam: Any = "",
    soort: str | None = None,
    gebied: str | None = None,
) -> Quickscanpunt | Knelpunt:
    """Save one item from a participant. The code is checked inside the write, so a round closed a moment
    ago refuses it. Raises ValueError (Dutch) and stores nothing when anything is wrong."""
    if not normaliseer_code(code):
        raise ValueError("Vul de code in die de procesbegeleider laat zien.")
    tekst = schoon(tekst, "Je bericht", max_len=MAX_TEKST)
    naam = schoon(naam, "Je naam", max_len=MAX_NAAM, verplicht=False)
    with store.transaction():
        ronde = zoek(store.snapshot(), code)
        if ronde is None:
            raise ValueError(FOUTE_CODE)
        item: Quickscanpunt | Knelpunt
        if ronde.stap == 2:
            if soort not in SOORTEN:
                raise ValueError("Kies of het iets is dat goed gaat of iets dat beter kan.")
            item = Quickscanpunt(
                traject_id=ronde.traject_id,
                soort=soort,
                tekst=tekst,
                vraagstuk_id=ronde.vraagstuk_id,
                bijeenkomst_id=ronde.bijeenkomst_id,
                auteur=naam,
                meedoen_id=ronde.id,
            )
        else:
            if ronde.gebied:
                gebied = ronde.gebied
            elif gebied not in (None, "") and gebied not in methode.GEBIED_BY_KEY:
                raise ValueError("Dit aandachtsgebied bestaat niet.")
            item = Knelpunt(
                traject_id=ronde.traject_id,
                tekst=tekst,
                gebied=gebied or None,
                vraagstuk_id=ronde.vraagstuk_id,
                bijeenkomst_id=ronde.bijeenkomst_id,
                auteur=naam,
                bron_stap=4,
                meedoen_id=ronde.id,
            )
        store.add(item)
    return item


# ---- rate limit ----------------------------------------------------------------------------------------


@dataclass
class Begrenzer:
    """At most `max_aantal` attempts per `venster_s` seconds (a sliding window). Kept per session/address."""

    max_aantal: int = PER_MINUUT
    venster_s: float = VENSTER_S
    momenten: list[float] = field(default_factory=list)

    def _opruimen(self, now: float) -> None:
        grens = now - self.venster_s
        self.momenten = [m for m in self.momenten if m > grens]

    def mag(self, now: float) -> bool:
        self._opruimen(now)
        return len(self.momenten) < self.max_aantal

    def probeer(self, now: float) -> bool:
        """Count one attempt when allowed; False (and nothing counted) when the limit is reached."""
        if not self.mag(now):
            return False
        self.momenten.append(now)
        return True

    def wacht_s(self, now: float) -> float:
        """Seconds until the next attempt is allowed (0 when it is allowed now)."""
        self._opruimen(now)
        if len(self.momenten) < self.max_aantal:
            return 0.0
        return max(0.0, self.momenten[0] + self.venster_s - now)


def soort_label(soort: str) -> str:
    return dict(methode.QUICKSCAN_SOORTEN).get(soort, soort)


def ronde_label(ronde: Ronde) -> str:
    """Short description for the procesbegeleider: step, gebied."""
    s = methode.stap(ronde.stap)
    deel = f" · {methode.gebied_label(ronde.gebied)}" if ronde.stap == 4 and ronde.gebied else ""
    alle = " · alle gebieden" if ronde.stap == 4 and not ronde.gebied else ""
    return f"Stap {s.nummer} · {s.naam}{deel}{alle}"
