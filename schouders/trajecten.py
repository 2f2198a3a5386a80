"""Whole-traject operations: create with the werkvorm's plan, duplicate, archive, counts, where it stands."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from schouders import methode
from schouders.model import ENTITIES, Bijeenkomst, Entity, Traject, new_id
from schouders.store import Snapshot, Store


def voorgesteld_plan(werkvorm: str, start: date | None = None, traject_id: str = "") -> list[Bijeenkomst]:
    """The werkvorm's default meeting plan, dated from `start` (the procesbegeleider adjusts it)."""
    wv = methode.werkvorm(werkvorm)
    plan: list[Bijeenkomst] = []
    for i, stappen in enumerate(wv.plan, start=1):
        datum = None
        if start is not None:
            datum = start + timedelta(days=wv.dagen_tussen * (i - 1))
            if wv.terugkom_na_dagen and i == len(wv.plan):
                datum = start + timedelta(days=wv.dagen_tussen * (i - 2) + wv.terugkom_na_dagen)
        titel = f"Bijeenkomst {i}"
        if wv.terugkom_na_dagen and i == len(wv.plan):
            titel = "Terugkombijeenkomst"
        elif wv.key == "themadag":
            titel = f"Deel {i}"
        plan.append(Bijeenkomst(traject_id=traject_id, nummer=i, datum=datum, titel=titel, stappen=stappen))
    return plan


def nieuw_traject(
    store: Store,
    naam: str,
    werkvorm: str,
    *,
    thema: str = "",
    start: date | None = None,
    met_plan: bool = True,
) -> Traject:
    """Create a traject and, when asked, its werkvorm's meeting plan – in one write."""
    if _naam_bestaat(store.snapshot(), naam):
        raise ValueError(f"Er is al een traject met de naam '{naam.strip()}'. Kies een andere naam.")
    traject = Traject(naam=naam, werkvorm=werkvorm, thema=thema)
    objs: list[Entity] = [traject]
    if met_plan:
        objs += voorgesteld_plan(werkvorm, start, traject.id)
    store.add_many(objs)
    return traject


def _naam_bestaat(snap: Snapshot, naam: str, behalve: str | None = None) -> bool:
    key = naam.strip().casefold()
    return any(t.naam.casefold() == key and t.id != behalve for t in snap.all("traject"))  # type: ignore[attr-defined]


def vrije_naam(snap: Snapshot, naam: str) -> str:
    """`naam`, or `naam (2)`, `naam (3)` … when it is taken."""
    if not _naam_bestaat(snap, naam):
        return naam
    i = 2
    while _naam_bestaat(snap, f"{naam} ({i})"):
        i += 1
    return f"{naam} ({i})"


def hernoem(store: Store, traject_id: str, naam: str) -> Traject:
    if _naam_bestaat(store.snapshot(), naam, behalve=traject_id):
        raise ValueError(f"Er is al een traject met de naam '{naam.strip()}'. Kies een andere naam.")
    return store.update("traject", traject_id, naam=naam)  # type: ignore[return-value]


def kopieer(snap: Snapshot, traject_id: str, nieuwe_naam: str | None = None) -> list[Entity]:
    """Every object of a traject with new ids and references remapped: a full, independent copy."""
    bron = snap.get("traject", traject_id)
    if bron is None:
        raise ValueError("Dit traject bestaat niet meer.")
    objs: list[Entity] = [bron]
    for cls in ENTITIES:
        if cls.kind != "traject":
            objs += snap.of(cls.kind, traject_id)
    mapping = {o.id: new_id() for o in objs}  # type: ignore[attr-defined]

    def remap(value: Any) -> Any:
        return mapping.get(value, value) if isinstance(value, str) else value

    out: list[Entity] = []
    for o in objs:
        changes: dict[str, Any] = {"id": mapping[o.id]}  # type: ignore[attr-defined]
        # Every field whose value is an id of this traject is a reference, also fields added later
        # (a list of names to remap went stale when meedoen_id was added). Ids are random, so text never
        # equals one by accident.
        for f in dataclasses.fields(o):
            value = getattr(o, f.name)
            if f.name == "id":
                continue
            if isinstance(value, str) and value in mapping:
                changes[f.name] = mapping[value]
            elif isinstance(value, tuple) and any(v in mapping for v in value if isinstance(v, str)):
                changes[f.name] = tuple(remap(v) for v in value)
        if o.kind == "traject":
            changes["naam"] = nieuwe_naam or vrije_naam(snap, f"{bron.naam} (kopie)")
            changes["gearchiveerd"] = False
        if o.kind == "ronde":  # a copy never shares an open Meedoen code with the original
            changes["open"] = False
        out.append(dataclasses.replace(o, **changes))
    return out


def dupliceer(store: Store, traject_id: str, nieuwe_naam: str | None = None) -> Traject:
    """Copy a traject with everything in it, in one write."""
    objs = kopieer(store.snapshot(), traject_id, nieuwe_naam)
    store.add_many(objs)
    return objs[0]  # type: ignore[return-value]


def archiveer(store: Store, traject_id: str, gearchiveerd: bool = True) -> None:
    store.update("traject", traject_id, gearchiveerd=gearchiveerd)


@dataclass(frozen=True)
class Telling:
    deelnemers: int
    knelpunten: int
    ingedeeld: int
    succespunten: int
    verbeterpunten: int
    richtingen: int
    acties: int
    acties_open: int
    bijeenkomsten: int


def geparkeerde_punten(snap: Snapshot, traject_id: str) -> set[str]:
    """Ids of the quickscanpunten that were moved to the parkeerplaats.

    Parked is not a field of the punt but follows from the parked oplossing whose `bron_id` is the punt: one
    fact in one place, so the punt and the parkeerplaats cannot disagree, and older stores need nothing new.
    The punt itself stays in the store unchanged, so 'Terug naar de quickscan' brings back exactly what it was."""
    punten = {p.id for p in snap.of("quickscanpunt", traject_id)}
    return {o.bron_id for o in snap.of("oplossing", traject_id) if o.bron_id in punten}


def tel(snap: Snapshot, traject_id: str) -> Telling:
    """Counts for the overview page and `list --json` (a punt moved to the parkeerplaats is not counted)."""
    kn = snap.of("knelpunt", traject_id)
    geparkeerd = geparkeerde_punten(snap, traject_id)
    qs = [q for q in snap.of("quickscanpunt", traject_id) if q.id not in geparkeerd]
    acties = snap.of("actie", traject_id)
    return Telling(
        deelnemers=len(snap.of("deelnemer", traject_id)),
        knelpunten=len(kn),
        ingedeeld=sum(1 for k in kn if k.gebied),
        succespunten=sum(1 for q in qs if q.soort == "succes"),
        verbeterpunten=sum(1 for q in qs if q.soort == "verbeter"),
        richtingen=len(snap.of("richting", traject_id)),
        acties=len(acties),
        acties_open=sum(1 for a in acties if a.status in ("gepland", "bezig")),
        bijeenkomsten=len(snap.of("bijeenkomst", traject_id)),
    )


def werkvraagstuk(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> Any | None:
    """The vraagstuk the group works on (per deelnemer in a leernetwerk)."""
    vs = [v for v in snap.of("vraagstuk", traject_id) if v.deelnemer_id == deelnemer_id]
    for v in vs:
        if v.werkvraag:
            return v
    roots = [v for v in vs if v.parent_id is None]
    return roots[0] if roots else (vs[0] if vs else None)


def huidig_doel(snap: Snapshot, traject_id: str, vraagstuk_id: str | None = None) -> Any | None:
    """The newest saved version of the goal."""
    doelen = [d for d in snap.of("doel", traject_id) if vraagstuk_id is None or d.vraagstuk_id == vraagstuk_id]
    return max(doelen, key=lambda d: d.aangemaakt, default=None)


def stappen_gedaan(snap: Snapshot, traject_id: str) -> set[int]:
    """Steps with recorded work: what the overview's timeline marks as done."""
    done: set[int] = set()
    if snap.of("vraagstuk", traject_id):
        done.add(1)
    if snap.of("quickscanpunt", traject_id):
        done.add(2)
    if snap.of("doel", traject_id):
        done.add(3)
    kn = snap.of("knelpunt", traject_id)
    if kn:
        done.add(4)
    if any(k.toelichting or k.gerelateerde_gebieden for k in kn):
        done.add(5)
    if snap.of("richting", traject_id) or any(k.oplosbaarheid or k.belang for k in kn):
        done.add(6)
    acties = snap.of("actie", traject_id)
    if acties:
        done.add(7)
    if any(a.status != "gepland" for a in acties):
        done.add(8)
    if snap.of("evaluatie", traject_id):
        done.add(9)
    if any(a.vervolg_op for a in acties):
        done.add(10)
    return done
