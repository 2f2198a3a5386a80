"""The actieplan as a Trello board in Trello's own JSON export shape.

One list per action status, one card per action (due date, member = owner, a label per aandachtsgebied of
its knelpunten, "Verkennend" for a verkennende actie), and a description holding the oplossingsrichting,
its kaders and the knelpunten – in the lines `importers.trello` reads back.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from schouders import methode
from schouders.importers.trello import KADERS_KOP, KNELPUNTEN_KOP, RICHTING_KOP, VERKENNEND_LABEL, knelpunt_regel
from schouders.model import now_iso

# Trello's label colours closest to the method's palette.
LABEL_KLEUR = {
    "klantbeleving": "orange",
    "kennis": "sky",
    "kunde": "green",
    "keten": "blue",
    "bestuurlijk_mandaat": "red",
    "randvoorwaarden": "pink",
    "open": "black",
}


def _id(*delen: str) -> str:
    """A stable 24-hex id like Trello's, derived from our ids."""
    return hashlib.sha1("/".join(delen).encode()).hexdigest()[:24]


def _due(d: date | None) -> str | None:
    return f"{d.isoformat()}T12:00:00.000Z" if d else None


def bord(snap: Any, traject_id: str, *, deelnemer_id: str | None = None) -> dict[str, Any]:
    """The board as a dict (Trello's export shape)."""
    from schouders.exporters.rapport import deelnemer_scope
    from schouders.trajecten import huidig_doel, werkvraagstuk

    t = snap.get("traject", traject_id)
    if t is None:
        raise ValueError("Dit traject bestaat niet (meer).")
    scope = deelnemer_scope(snap, traject_id, deelnemer_id) if deelnemer_id else None
    bord_id = _id("bord", traject_id, deelnemer_id or "")
    vraag = werkvraagstuk(snap, traject_id, deelnemer_id)
    doel = huidig_doel(snap, traject_id, vraag.id) if vraag else None
    desc = []
    if vraag:
        desc.append(f"Vraagstuk: {vraag.tekst}")
    if doel:
        desc.append(f"Doel: {doel.tekst}")
    labels = [
        {"id": _id("label", traject_id, g.key), "idBoard": bord_id, "name": g.label, "color": LABEL_KLEUR.get(g.key)}
        for g in methode.GEBIEDEN
    ]
    labels.append(
        {"id": _id("label", traject_id, "verkennend"), "idBoard": bord_id, "name": VERKENNEND_LABEL, "color": "purple"}
    )
    label_by = {lab["name"]: lab for lab in labels}
    lijsten = [
        {
            "id": _id("lijst", traject_id, key),
            "idBoard": bord_id,
            "name": label,
            "closed": False,
            "pos": (i + 1) * 16384,
        }
        for i, (key, label) in enumerate(methode.ACTIE_STATUSSEN)
    ]
    lijst_by = {key: lijsten[i]["id"] for i, (key, _) in enumerate(methode.ACTIE_STATUSSEN)}
    acties = [a for a in snap.of("actie", traject_id) if scope is None or scope.bevat(a)]
    acties.sort(key=lambda a: (a.deadline or date.max, a.aangemaakt, a.id))
    leden: dict[str, dict[str, Any]] = {}
    kaarten = []
    for pos, a in enumerate(acties, start=1):
        r = snap.get("richting", a.richting_id)
        kn = [k for k in (snap.get("knelpunt", i) for i in (r.knelpunt_ids if r else ())) if k is not None]
        regels = []
        if r:
            regels.append(f"{RICHTING_KOP} {' '.join(r.titel.split())}")
            if r.kaders:
                regels.append(f"{KADERS_KOP} {' '.join(r.kaders.split())}")
        if kn:
            regels += ["", KNELPUNTEN_KOP, *(knelpunt_regel(k.tekst, k.gebied) for k in kn)]
        if a.notities:
            regels += ["", a.notities]
        kaart_labels = [label_by[methode.gebied_label(g)] for g in dict.fromkeys(k.gebied for k in kn) if g]
        if a.verkennend:
            kaart_labels.append(label_by[VERKENNEND_LABEL])
        id_leden = []
        d = snap.get("deelnemer", a.eigenaar_id)
        if d is not None:
            lid = leden.setdefault(
                d.id,
                {"id": _id("lid", d.id), "fullName": d.naam, "username": _id("naam", d.id)[:12], "initials": ""},
            )
            lid["initials"] = "".join(w[0] for w in d.naam.split()[:3]).upper()
            id_leden.append(lid["id"])
        kaarten.append(
            {
                "id": _id("kaart", a.id),
                "idBoard": bord_id,
                "idList": lijst_by.get(a.status, lijst_by["gepland"]),
                "name": a.wat,
                "desc": "\n".join(regels).strip(),
                "due": _due(a.deadline),
                "dueComplete": a.status == "klaar",
                "idMembers": id_leden,
                "idLabels": [lab["id"] for lab in kaart_labels],
                "labels": kaart_labels,
                "closed": False,
                "pos": pos * 16384,
            }
        )
    naam = t.naam
    if deelnemer_id:
        d = snap.get("deelnemer", deelnemer_id)
        naam = f"{t.naam} · {d.naam if d else ''}"
    return {
        "id": bord_id,
        "name": f"Actieplan · {naam}",
        "desc": "\n".join(desc),
        "closed": False,
        "dateLastActivity": now_iso(),
        "labels": labels,
        "lists": lijsten,
        "cards": kaarten,
        "members": list(leden.values()),
        "checklists": [],
        "actions": [],
    }


def bord_bytes(snap: Any, traject_id: str, **kwargs: Any) -> bytes:
    return json.dumps(bord(snap, traject_id, **kwargs), ensure_ascii=False, indent=1).encode("utf-8")
