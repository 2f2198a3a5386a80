"""Steps 8–10 as pure logic: the action board, overdue actions, evaluations that add new knelpunten,
adjusting and following up actions, and progress per deelnemer in a leernetwerk."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from schouders import methode
from schouders.datums import datum_nl
from schouders.model import Actie, Entity, Evaluatie, Knelpunt, new_id
from schouders.store import Snapshot, Store
from schouders.trajecten import huidig_doel, werkvraagstuk

STATUS_KEYS: tuple[str, ...] = tuple(k for k, _ in methode.ACTIE_STATUSSEN)
STATUS_LABEL: dict[str, str] = dict(methode.ACTIE_STATUSSEN)
GEPLAND, BEZIG, KLAAR, GESTOPT = STATUS_KEYS
OPEN_STATUSSEN: tuple[str, ...] = (GEPLAND, BEZIG)
TE_LAAT = "te laat"
EVALUATIE_STAP = 9


def te_laat(actie: Any, vandaag: date) -> bool:
    """An open action whose deadline has passed."""
    return actie.status in OPEN_STATUSSEN and actie.deadline is not None and actie.deadline < vandaag


@dataclass(frozen=True)
class Kaart:
    """One action as shown on the board."""

    actie: Any
    eigenaar: str
    deadline: str
    te_laat: bool


def eigenaar_naam(snap: Snapshot, actie: Any) -> str:
    d = snap.get("deelnemer", actie.eigenaar_id)
    return d.naam if d else "nog niemand"


def kaart(snap: Snapshot, actie: Any, vandaag: date) -> Kaart:
    return Kaart(
        actie=actie,
        eigenaar=eigenaar_naam(snap, actie),
        deadline=datum_nl(actie.deadline),
        te_laat=te_laat(actie, vandaag),
    )


def _sleutel(a: Any) -> tuple[Any, ...]:
    return (a.deadline is None, a.deadline or date.max, a.aangemaakt)


Scope = Collection[str] | None  # the vraagstuk ids of one deelnemer (leernetwerk); None: everything


def filter_scope(items: Iterable[Any], scope: Scope) -> list[Any]:
    """Items whose vraagstuk is in `scope` (a leernetwerk deelnemer's vraagstukken); None means all."""
    return [x for x in items if scope is None or x.vraagstuk_id in scope]


def bord(snap: Snapshot, traject_id: str, vandaag: date, scope: Scope = None) -> dict[str, list[Kaart]]:
    """The actions per status column, in methode order; overdue first, then by deadline."""
    kolommen: dict[str, list[Kaart]] = {k: [] for k in STATUS_KEYS}
    for a in sorted(filter_scope(snap.of("actie", traject_id), scope), key=_sleutel):
        kolommen[a.status].append(kaart(snap, a, vandaag))
    for k in OPEN_STATUSSEN:
        kolommen[k].sort(key=lambda c: not c.te_laat)  # stable: keeps the deadline order
    return kolommen


def aantal_te_laat(snap: Snapshot, traject_id: str, vandaag: date, scope: Scope = None) -> int:
    return sum(1 for a in filter_scope(snap.of("actie", traject_id), scope) if te_laat(a, vandaag))


def zet_status(store: Store, actie_id: str, status: str) -> Any:
    return store.update("actie", actie_id, status=status)


def actie_label(snap: Snapshot, actie: Any) -> str:
    """'Wat · eigenaar · status' for choosers."""
    return f"{actie.wat} · {eigenaar_naam(snap, actie)} · {STATUS_LABEL[actie.status].lower()}"


# ---- stap 9 ------------------------------------------------------------------------------------


def maak_evaluatie(
    snap: Snapshot,
    traject_id: str,
    *,
    antwoorden: dict[str, str],
    actie_id: str | None = None,
    onderwerp: str = "",
    bijeenkomst_id: str | None = None,
    vraagstuk_id: str | None = None,
    nieuwe_knelpunten: Iterable[tuple[str, str | None]] = (),
) -> list[Entity]:
    """The evaluatie and the new knelpunten it brought up, linked both ways (not yet stored).

    Each new knelpunt gets bron_stap 9, bron_id = the evaluatie, the meeting, and the vraagstuk of the
    evaluated action, else `vraagstuk_id` (a leernetwerk keeps every deelnemer's analysis apart)."""
    actie = snap.get("actie", actie_id) if actie_id else None
    if actie_id and actie is None:
        raise ValueError("Deze actie bestaat niet meer; kies een andere.")
    if actie is not None and actie.vraagstuk_id is not None:
        vraagstuk_id = actie.vraagstuk_id
    antwoorden = {k: (v or "").strip() for k, v in antwoorden.items() if (v or "").strip()}
    eval_id = new_id()
    knelpunten = [
        Knelpunt(
            traject_id=traject_id,
            tekst=tekst,
            gebied=gebied or None,
            vraagstuk_id=vraagstuk_id,
            bron_stap=EVALUATIE_STAP,
            bron_id=eval_id,
            bijeenkomst_id=bijeenkomst_id,
        )
        for tekst, gebied in nieuwe_knelpunten
        if tekst and tekst.strip()
    ]
    evaluatie = Evaluatie(
        traject_id=traject_id,
        actie_id=actie_id,
        onderwerp=onderwerp.strip(),
        antwoorden=antwoorden,
        nieuwe_knelpunt_ids=tuple(k.id for k in knelpunten),
        bijeenkomst_id=bijeenkomst_id,
        vraagstuk_id=vraagstuk_id,
        id=eval_id,
    )
    return [evaluatie, *knelpunten]


def evalueer(store: Store, traject_id: str, **kwargs: Any) -> Evaluatie:
    """Store an evaluatie and its new knelpunten in ONE write; returns the evaluatie."""
    objs = maak_evaluatie(store.snapshot(), traject_id, **kwargs)
    store.add_many(objs)
    return objs[0]  # type: ignore[return-value]


def evaluatie_onderwerp(snap: Snapshot, e: Any) -> str:
    if e.actie_id:
        a = snap.get("actie", e.actie_id)
        return f"Actie: {a.wat}" if a else "Actie (verwijderd)"
    return e.onderwerp


def evaluaties_van(snap: Snapshot, traject_id: str, scope: Scope = None) -> list[Any]:
    """Evaluations in scope: by their own vraagstuk, else their action's, else the knelpunten they added."""
    out = []
    for e in snap.of("evaluatie", traject_id):
        if scope is None:
            out.append(e)
            continue
        actie = snap.get("actie", e.actie_id)
        nieuw = [snap.get("knelpunt", i) for i in e.nieuwe_knelpunt_ids]
        vraagstukken = {e.vraagstuk_id, actie.vraagstuk_id if actie else None} | {
            k.vraagstuk_id for k in nieuw if k is not None
        }
        if vraagstukken & set(scope):
            out.append(e)
    return out


def herkomst(snap: Snapshot, knelpunt: Any) -> str:
    """Where a knelpunt came from, in words: 'uit de evaluatie van …' or 'uit stap 4'."""
    delen = []
    if knelpunt.bron_stap == EVALUATIE_STAP:
        e = snap.get("evaluatie", knelpunt.bron_id)
        onderwerp = evaluatie_onderwerp(snap, e) if e else "een evaluatie"
        delen.append(f"uit stap 9, evaluatie van: {onderwerp}")
    else:
        delen.append(f"uit stap {knelpunt.bron_stap}")
    b = snap.get("bijeenkomst", knelpunt.bijeenkomst_id)
    if b is not None:
        delen.append(f"bijeenkomst {b.nummer} ({datum_nl(b.datum)})")
    return ", ".join(delen)


# ---- stap 10 -----------------------------------------------------------------------------------


def stuur_bij(
    store: Store,
    actie_id: str,
    *,
    deadline: date | None = None,
    eigenaar_id: str | None = None,
) -> Any:
    """New deadline and/or new owner for an action; a stopped or finished action is opened again
    only through a follow-up, so its history stays readable."""
    changes: dict[str, Any] = {}
    if deadline is not None:
        changes["deadline"] = deadline
    if eigenaar_id is not None:
        changes["eigenaar_id"] = eigenaar_id
    if not changes:
        raise ValueError("Kies een nieuwe deadline of een nieuwe eigenaar.")
    return store.update("actie", actie_id, **changes)


def stop(store: Store, actie_id: str) -> Any:
    return store.update("actie", actie_id, status=GESTOPT)


def maak_vervolg(
    snap: Snapshot,
    actie_id: str,
    wat: str,
    *,
    eigenaar_id: str | None = None,
    deadline: date | None = None,
    ronde_id: str | None = None,
) -> Actie:
    """A follow-up action: same richting and vraagstuk, `vervolg_op` points at the original."""
    bron = snap.get("actie", actie_id)
    if bron is None:
        raise ValueError("Deze actie bestaat niet meer; kies een andere.")
    return Actie(
        traject_id=bron.traject_id,
        wat=wat,
        richting_id=bron.richting_id,
        eigenaar_id=eigenaar_id if eigenaar_id is not None else bron.eigenaar_id,
        deadline=deadline,
        ronde_id=ronde_id,
        vraagstuk_id=bron.vraagstuk_id,
        vervolg_op=bron.id,
    )


def vervolg(store: Store, actie_id: str, wat: str, **kwargs: Any) -> Actie:
    a = maak_vervolg(store.snapshot(), actie_id, wat, **kwargs)
    store.add(a)
    return a


def markeer_opgelost(store: Store, knelpunt_ids: Iterable[str], op: date | None) -> int:
    """Set (or clear, with None) the date knelpunten were resolved, in one write."""
    snap = store.snapshot()
    items = [snap.get("knelpunt", i) for i in knelpunt_ids]
    changed = [k.met(opgelost=op) for k in items if k is not None]
    if changed:
        store.save_many(changed)
    return len(changed)


def open_acties(snap: Snapshot, traject_id: str, scope: Scope = None) -> list[Any]:
    return [a for a in filter_scope(snap.of("actie", traject_id), scope) if a.status in OPEN_STATUSSEN]


def actieplan(snap: Snapshot, traject_id: str, scope: Scope = None) -> list[dict[str, str]]:
    """The action plan as rows: every action with its richting, owner, deadline, status and history."""
    rows = []
    for a in sorted(filter_scope(snap.of("actie", traject_id), scope), key=_sleutel):
        r = snap.get("richting", a.richting_id)
        ronde = snap.get("bijeenkomst", a.ronde_id)
        bron = snap.get("actie", a.vervolg_op)
        rows.append(
            {
                "Actie": a.wat,
                "Oplossingsrichting": r.titel if r else "",
                "Eigenaar": eigenaar_naam(snap, a),
                "Deadline": datum_nl(a.deadline),
                "Status": STATUS_LABEL[a.status],
                "Bijeenkomst": f"{ronde.nummer}" if ronde else "",
                "Vervolg op": bron.wat if bron else "",
            }
        )
    return rows


def knelpunten_bij_acties(snap: Snapshot, actie: Any) -> list[Any]:
    """The knelpunten the action's oplossingsrichting addresses."""
    r = snap.get("richting", actie.richting_id)
    if r is None:
        return []
    return [k for k in (snap.get("knelpunt", i) for i in r.knelpunt_ids) if k is not None]


# ---- leernetwerk -------------------------------------------------------------------------------


def deelnemer_scope(snap: Snapshot, traject_id: str, deelnemer_id: str | None) -> Scope:
    """The vraagstuk ids of one deelnemer (their vraagstuk and the smaller questions split from it);
    None (everything) when no deelnemer is chosen."""
    if deelnemer_id is None:
        return None
    return {v.id for v in snap.of("vraagstuk", traject_id) if v.deelnemer_id == deelnemer_id}


def voortgang_deelnemers(snap: Snapshot, traject_id: str, vandaag: date) -> list[dict[str, Any]]:
    """Side-by-side progress of every deelnemer's own vraagstuk (leernetwerk), one row per deelnemer."""
    kn = snap.of("knelpunt", traject_id)
    acties = snap.of("actie", traject_id)
    richtingen = snap.of("richting", traject_id)
    rows = []
    for d in sorted(snap.of("deelnemer", traject_id), key=lambda d: d.naam.casefold()):
        ids = deelnemer_scope(snap, traject_id, d.id) or set()
        v = werkvraagstuk(snap, traject_id, d.id)
        doel = huidig_doel(snap, traject_id, v.id) if v else None
        eigen_acties = filter_scope(acties, ids)
        rij: dict[str, Any] = {
            "Deelnemer": d.naam,
            "Vraagstuk": v.tekst if v else "nog niet beschreven",
            "Doel": doel.tekst if doel else "",
            "Knelpunten": len(filter_scope(kn, ids)),
            "Opgelost": sum(1 for k in filter_scope(kn, ids) if k.opgelost),
            "Richtingen": len(filter_scope(richtingen, ids)),
        }
        for key, lab in methode.ACTIE_STATUSSEN:
            rij[lab] = sum(1 for a in eigen_acties if a.status == key)
        rij["Te laat"] = sum(1 for a in eigen_acties if te_laat(a, vandaag))
        rij["Evaluaties"] = len(evaluaties_van(snap, traject_id, ids)) if ids else 0
        rows.append(rij)
    return rows
