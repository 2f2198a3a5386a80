"""The meeting plan of a traject: pick the current meeting, add, remove, move and shift meetings,
check a meeting's length against the werkvorm, and say what has been done so far.

Pure functions over a Snapshot; the few that write take the Store and write once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from schouders import methode
from schouders.datums import datum_nl
from schouders.model import Bijeenkomst
from schouders.store import Snapshot, Store
from schouders.trajecten import stappen_gedaan
from schouders.uitvoering import KLAAR, OPEN_STATUSSEN, STATUS_LABEL, eigenaar_naam

# A werkplaats opens every meeting after the first round of actions with evaluating and adjusting.
OPENING_STAPPEN: tuple[int, ...] = (9, 10)


def gesorteerd(snap: Snapshot, traject_id: str) -> list[Any]:
    """The traject's meetings in plan order."""
    return sorted(snap.of("bijeenkomst", traject_id), key=lambda b: (b.nummer, b.datum or date.max))


def huidige_bijeenkomst(bijeenkomsten: list[Any], vandaag: date) -> Any | None:
    """The meeting we are most likely in: today's, else the latest one before today, else the first."""
    if not bijeenkomsten:
        return None
    voorbij = [b for b in bijeenkomsten if b.datum is not None and b.datum <= vandaag]
    if voorbij:
        return max(voorbij, key=lambda b: (b.datum, b.nummer))
    return bijeenkomsten[0]


def volgende_bijeenkomst(bijeenkomsten: list[Any], vandaag: date) -> Any | None:
    """The first meeting after today (or the first undated one without a verslag)."""
    toekomst = [b for b in bijeenkomsten if b.datum is not None and b.datum > vandaag]
    if toekomst:
        return min(toekomst, key=lambda b: (b.datum, b.nummer))
    zonder = [b for b in bijeenkomsten if b.datum is None and not b.verslag]
    return zonder[0] if zonder else None


def label(b: Any) -> str:
    """'3 · Bijeenkomst 3' – the datum is shown separately with datum_nl."""
    titel = b.titel or f"Bijeenkomst {b.nummer}"
    return f"{b.nummer} · {titel}"


def duur_waarschuwing(b: Any, werkvorm: str) -> str | None:
    """A Dutch warning when the meeting is longer than the werkvorm advises, else None."""
    wv = methode.werkvorm(werkvorm)
    limiet = wv.max_uren_online if b.online else wv.max_uren_fysiek
    if b.duur_uren is not None and float(b.duur_uren) > limiet:
        vorm = "online" if b.online else "fysiek"
        return (
            f"Deze bijeenkomst duurt {uren(b.duur_uren)}. Voor een {wv.label.lower()} is {vorm} "
            f"hooguit {uren(limiet)} het advies."
        )
    return None


def uren(value: float) -> str:
    """2.5 → '2,5 uur'; 4.0 → '4 uur'."""
    v = float(value)
    tekst = f"{v:g}".replace(".", ",")
    return f"{tekst} uur"


def _volgende_datum(bijeenkomsten: list[Any], werkvorm: str, vandaag: date) -> date:
    wv = methode.werkvorm(werkvorm)
    data = [b.datum for b in bijeenkomsten if b.datum is not None]
    if not data:
        return vandaag
    return max(data) + timedelta(days=wv.dagen_tussen or 7)


def nieuwe_bijeenkomst(snap: Snapshot, traject_id: str, vandaag: date) -> Bijeenkomst:
    """A meeting after the last one, spaced as the werkvorm does; it opens with steps 9 and 10."""
    traject = snap.get("traject", traject_id)
    if traject is None:
        raise ValueError("Dit traject bestaat niet meer.")
    items = gesorteerd(snap, traject_id)
    nummer = (max((b.nummer for b in items), default=0)) + 1
    stappen = OPENING_STAPPEN if traject.werkvorm == "werkplaats" and items else ()
    return Bijeenkomst(
        traject_id=traject_id,
        nummer=nummer,
        titel=f"Bijeenkomst {nummer}",
        datum=_volgende_datum(items, traject.werkvorm, vandaag),
        stappen=stappen,
    )


def voeg_toe(store: Store, traject_id: str, vandaag: date) -> Bijeenkomst:
    b = nieuwe_bijeenkomst(store.snapshot(), traject_id, vandaag)
    store.add(b)
    return b


def _titel_na_hernummeren(b: Any, nummer: int) -> str:
    # Titles we generated follow the number; a title the user typed stays.
    if b.titel == f"Bijeenkomst {b.nummer}":
        return f"Bijeenkomst {nummer}"
    return b.titel


def gekoppeld(snap: Snapshot, traject_id: str, bijeenkomst_id: str) -> dict[str, int]:
    """How many items record this meeting as their origin."""
    tel = {
        "knelpunten": sum(1 for k in snap.of("knelpunt", traject_id) if k.bijeenkomst_id == bijeenkomst_id),
        "acties": sum(1 for a in snap.of("actie", traject_id) if a.ronde_id == bijeenkomst_id),
        "evaluaties": sum(1 for e in snap.of("evaluatie", traject_id) if e.bijeenkomst_id == bijeenkomst_id),
        "doelen": sum(1 for d in snap.of("doel", traject_id) if d.bijeenkomst_id == bijeenkomst_id),
        "quickscanpunten": sum(1 for q in snap.of("quickscanpunt", traject_id) if q.bijeenkomst_id == bijeenkomst_id),
    }
    return {k: v for k, v in tel.items() if v}


def verwijder(store: Store, traject_id: str, bijeenkomst_id: str) -> None:
    """Remove a meeting and renumber the rest, in one write. Refused when work records it as its origin
    or when it has a verslag: that history must not get lost."""
    snap = store.snapshot()
    b = snap.get("bijeenkomst", bijeenkomst_id)
    if b is None or b.traject_id != traject_id:
        raise ValueError("Deze bijeenkomst bestaat niet meer.")
    links = gekoppeld(snap, traject_id, bijeenkomst_id)
    if links:
        wat = ", ".join(f"{n} {soort}" for soort, n in links.items())
        raise ValueError(
            f"Bijeenkomst {b.nummer} kan niet weg: er horen {wat} bij. Pas liever de datum of de stappen aan."
        )
    if b.verslag:
        raise ValueError(f"Bijeenkomst {b.nummer} heeft een verslag en kan daarom niet weg.")
    rest = [x for x in gesorteerd(snap, traject_id) if x.id != bijeenkomst_id]
    with store.transaction():
        store.delete("bijeenkomst", [bijeenkomst_id])
        store.save_many(_hernummerd(rest))


def _hernummerd(items: list[Any]) -> list[Any]:
    out = []
    for i, b in enumerate(items, start=1):
        if b.nummer != i:
            out.append(b.met(nummer=i, titel=_titel_na_hernummeren(b, i)))
    return out


def verplaats(store: Store, traject_id: str, bijeenkomst_id: str, stappen: int) -> None:
    """Move a meeting up (-1) or down (+1) in the plan. The dates stay with their place in the row,
    so the plan stays in date order: the content moves to the other date."""
    items = gesorteerd(store.snapshot(), traject_id)
    idx = next((i for i, b in enumerate(items) if b.id == bijeenkomst_id), None)
    if idx is None:
        raise ValueError("Deze bijeenkomst bestaat niet meer.")
    doel = idx + stappen
    if not 0 <= doel < len(items):
        raise ValueError("Verder kan deze bijeenkomst niet schuiven.")
    a, b = items[idx], items[doel]
    gewisseld = [
        a.met(nummer=b.nummer, datum=b.datum, titel=_titel_na_hernummeren(a, b.nummer)),
        b.met(nummer=a.nummer, datum=a.datum, titel=_titel_na_hernummeren(b, a.nummer)),
    ]
    store.save_many(gewisseld)


def verschuif(store: Store, traject_id: str, bijeenkomst_id: str, dagen: int) -> int:
    """Shift this meeting and all later ones by `dagen` days (a meeting postponed); returns how many."""
    items = gesorteerd(store.snapshot(), traject_id)
    idx = next((i for i, b in enumerate(items) if b.id == bijeenkomst_id), None)
    if idx is None:
        raise ValueError("Deze bijeenkomst bestaat niet meer.")
    if not dagen:
        return 0
    changed = [b.met(datum=b.datum + timedelta(days=dagen)) for b in items[idx:] if b.datum is not None]
    store.save_many(changed)
    return len(changed)


def zet_opening_vooraan(store: Store, bijeenkomst_id: str) -> Any:
    """Let a meeting open with steps 9 and 10 (werkplaats), keeping its other steps after them."""
    b = store.snapshot().get("bijeenkomst", bijeenkomst_id)
    if b is None:
        raise ValueError("Deze bijeenkomst bestaat niet meer.")
    stappen = OPENING_STAPPEN + tuple(s for s in b.stappen if s not in OPENING_STAPPEN)
    return store.update("bijeenkomst", bijeenkomst_id, stappen=stappen)


def opent_met_evaluatie(b: Any) -> bool:
    return tuple(b.stappen[: len(OPENING_STAPPEN)]) == OPENING_STAPPEN


def moet_openen_met_evaluatie(snap: Snapshot, traject_id: str, b: Any) -> bool:
    """Werkplaats: once actions have been planned in an earlier meeting, every next meeting opens
    with steps 9 and 10."""
    traject = snap.get("traject", traject_id)
    if traject is None or traject.werkvorm != "werkplaats":
        return False
    eerder = {x.id for x in snap.of("bijeenkomst", traject_id) if x.nummer < b.nummer}
    if any(a.ronde_id in eerder for a in snap.of("actie", traject_id)):
        return True
    return any(7 in x.stappen for x in snap.of("bijeenkomst", traject_id) if x.nummer < b.nummer)


@dataclass(frozen=True)
class Stand:
    """What has been done so far: for the opening of a meeting."""

    stappen_gedaan: tuple[int, ...]
    knelpunten: int
    richtingen: int
    acties_klaar: int
    acties_open: int
    evaluaties: int
    bijeenkomsten_met_verslag: int
    vorige: Any | None  # the last meeting before this one that has a verslag


def stand(snap: Snapshot, traject_id: str, voor: Any | None = None) -> Stand:
    """Counts of the work so far and the previous meeting's verslag (before meeting `voor`)."""
    acties = snap.of("actie", traject_id)
    items = gesorteerd(snap, traject_id)
    eerder = [b for b in items if b.verslag and (voor is None or b.nummer < voor.nummer)]
    return Stand(
        stappen_gedaan=tuple(sorted(stappen_gedaan(snap, traject_id))),
        knelpunten=len(snap.of("knelpunt", traject_id)),
        richtingen=len(snap.of("richting", traject_id)),
        acties_klaar=sum(1 for a in acties if a.status == KLAAR),
        acties_open=sum(1 for a in acties if a.status in OPEN_STATUSSEN),
        evaluaties=len(snap.of("evaluatie", traject_id)),
        bijeenkomsten_met_verslag=sum(1 for b in items if b.verslag),
        vorige=eerder[-1] if eerder else None,
    )


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def stand_tekst(s: Stand) -> str:
    """'14 knelpunten · 2 oplossingsrichtingen · 1 actie klaar, 2 open · …'."""
    return " · ".join(
        [
            _aantal(s.knelpunten, "knelpunt", "knelpunten"),
            _aantal(s.richtingen, "oplossingsrichting", "oplossingsrichtingen"),
            f"{_aantal(s.acties_klaar, 'actie', 'acties')} klaar, {s.acties_open} open",
            _aantal(s.evaluaties, "evaluatie", "evaluaties"),
            _aantal(s.bijeenkomsten_met_verslag, "bijeenkomst", "bijeenkomsten") + " met verslag",
        ]
    )


def stappen_tekst(stappen: tuple[int, ...] | list[int]) -> str:
    """'9. Evalueren, 10. Bijsturen' – or 'geen stappen gekozen'."""
    if not stappen:
        return "geen stappen gekozen"
    return ", ".join(f"{s}. {methode.stap(s).naam}" for s in stappen)


def plan_uitleg(werkvorm: str) -> str:
    """The werkvorm's rhythm and duration limits in one plain sentence pair."""
    wv = methode.werkvorm(werkvorm)
    if wv.terugkom_na_dagen:
        reeks = wv.aantal_bijeenkomsten - 1
        ritme = (
            f"Een {wv.label.lower()} heeft {reeks} bijeenkomsten, {_ritme(wv.dagen_tussen)}, en een "
            f"terugkombijeenkomst ongeveer {round(wv.terugkom_na_dagen / 30)} maanden later."
        )
    elif wv.dagen_tussen == 0:
        ritme = f"Een {wv.label.lower()} is één dag in {wv.aantal_bijeenkomsten} delen."
    else:
        ritme = (
            f"Een {wv.label.lower()} heeft hooguit {wv.aantal_bijeenkomsten} bijeenkomsten, {_ritme(wv.dagen_tussen)}."
        )
    duur = (
        f"Duur per bijeenkomst: fysiek hooguit {uren(wv.max_uren_fysiek)}, online hooguit {uren(wv.max_uren_online)}."
    )
    return f"{ritme} {duur}"


def _ritme(dagen: int) -> str:
    if dagen == 7:
        return "een week uit elkaar"
    if 26 <= dagen <= 31:
        return "ongeveer een maand uit elkaar"
    if dagen % 7 == 0:
        return f"{dagen // 7} weken uit elkaar"
    return f"{dagen} dagen uit elkaar"


def verslag_tekst(snap: Snapshot, b: Any) -> str:
    """A short plain-text verslag of one meeting, to share with the group."""
    traject = snap.get("traject", b.traject_id)
    namen = [d.naam for d in (snap.get("deelnemer", i) for i in b.aanwezigen) if d is not None]
    regels = [
        f"{traject.naam if traject else ''} – {label(b)}",
        f"Datum: {datum_nl(b.datum)} ({'online' if b.online else 'fysiek'}, {uren(b.duur_uren)})",
        f"Stappen: {stappen_tekst(b.stappen)}",
        "",
        "Intentie:",
        b.intentie or "-",
        "",
        "Agenda:",
        b.agenda or "-",
        "",
        f"Aanwezig: {', '.join(namen) if namen else '-'}",
        "",
        "Verslag:",
        b.verslag or "-",
    ]
    kn = [k for k in snap.of("knelpunt", b.traject_id) if k.bijeenkomst_id == b.id]
    if kn:
        regels += ["", "Nieuwe knelpunten:"] + [f"- {k.tekst} ({methode.gebied_label(k.gebied)})" for k in kn]
    acties = [a for a in snap.of("actie", b.traject_id) if a.ronde_id == b.id]
    if acties:
        regels += ["", "Afgesproken acties:"] + [
            f"- {a.wat} – {eigenaar_naam(snap, a)}, {datum_nl(a.deadline)} ({STATUS_LABEL[a.status].lower()})"
            for a in acties
        ]
    return "\n".join(regels) + "\n"
