"""The actieplan as a Trello board in Trello's own JSON export shape.

One list per action status, one card per action (due date, member = owner, a label per aandachtsgebied of
its knelpunten, "Quick win" when one of them scores high on quick win, "Verkennend" for a verkennende actie),
a description holding the oplossingsrichting, its kaders and the knelpunten – in the lines `importers.trello`
reads back – a checklist "Knelpunten" (ticked when a knelpunt is opgelost) and a createCard action.

Every field Trello writes that the Trello importers of Wekan, Nextcloud Deck, Planka and Focalboard read is
present (tests/test_trello_velden.py lists them per importer). Addresses (`url`, `shortUrl`) have Trello's
shape on the reserved host `schouders.invalid` (RFC 2606): nothing resolves them, a click goes nowhere.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from typing import Any

from schouders import methode
from schouders.importers.trello import (
    KADERS_KOP,
    KNELPUNTEN_CHECKLIST,
    KNELPUNTEN_KOP,
    QUICK_WIN_LABEL,
    RICHTING_KOP,
    VERKENNEND_LABEL,
    knelpunt_regel,
)
from schouders.model import now_iso
from schouders.prioriteren import is_hoog

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
VERKENNEND_KLEUR = "purple"
QUICK_WIN_KLEUR = "yellow"
# Trello's fixed label colours (the keys of a board's labelNames).
TRELLO_KLEUREN = ("green", "yellow", "orange", "red", "purple", "blue", "sky", "lime", "pink", "black")
# Not a real address: Trello's URL shape on a reserved host that never resolves.
URL_BASIS = "https://schouders.invalid"


def _id(*delen: str) -> str:
    """A stable 24-hex id like Trello's, derived from our ids."""
    return hashlib.sha1("/".join(delen).encode()).hexdigest()[:24]


def _due(d: date | None) -> str | None:
    return f"{d.isoformat()}T12:00:00.000Z" if d else None


def _iso(value: str | None) -> str:
    """A stored timestamp (local, seconds) → Trello's ISO 8601 in UTC with milliseconds and Z."""
    try:
        d = datetime.fromisoformat(value or "")
    except ValueError:
        d = datetime.fromisoformat(now_iso())
    d = d.astimezone(UTC)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def _short_link(*delen: str) -> str:
    """Trello's 8-character short link, stable from our ids."""
    return hashlib.sha1(("kort/" + "/".join(delen)).encode()).hexdigest()[:8]


def _slug(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.casefold()).strip("-")[:60] or "kaart"


def is_quick_win(k: Any) -> bool:
    """A knelpunt counts as a quick win when its quick-win score is high (4 or 5 on 1–5)."""
    return k.quick_win is not None and is_hoog(k.quick_win)


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
        {
            "id": _id("label", traject_id, "verkennend"),
            "idBoard": bord_id,
            "name": VERKENNEND_LABEL,
            "color": VERKENNEND_KLEUR,
        }
    )
    labels.append(
        {
            "id": _id("label", traject_id, "quick_win"),
            "idBoard": bord_id,
            "name": QUICK_WIN_LABEL,
            "color": QUICK_WIN_KLEUR,
        }
    )
    label_by = {lab["name"]: lab for lab in labels}
    lijsten = [
        {
            "id": _id("lijst", traject_id, key),
            "idBoard": bord_id,
            "name": label,
            "closed": False,
            "subscribed": False,
            "pos": (i + 1) * 16384,
        }
        for i, (key, label) in enumerate(methode.ACTIE_STATUSSEN)
    ]
    lijst_by = {key: lijsten[i] for i, (key, _) in enumerate(methode.ACTIE_STATUSSEN)}
    acties = [a for a in snap.of("actie", traject_id) if scope is None or scope.bevat(a)]
    acties.sort(key=lambda a: (a.deadline or date.max, a.aangemaakt, a.id))
    leden: dict[str, dict[str, Any]] = {}
    kaarten = []
    checklists = []
    acties_log = []  # Trello's "actions": one createCard per card, which gives Wekan and Deck its creation date
    for pos, a in enumerate(acties, start=1):
        r = snap.get("richting", a.richting_id)
        kn = [k for k in (snap.get("knelpunt", i) for i in (r.knelpunt_ids if r else ())) if k is not None]
        regels = []
        if r:
            regels.append(f"{RICHTING_KOP} {' '.join(r.titel.split())}")
            if r.kaders:
                regels.append(f"{KADERS_KOP} {' '.join(r.kaders.split())}")
        if kn:
            regels += ["", KNELPUNTEN_KOP, *(knelpunt_regel(k.tekst, k.gebied, is_quick_win(k)) for k in kn)]
        if a.notities:
            regels += ["", a.notities]
        kaart_labels = [label_by[methode.gebied_label(g)] for g in dict.fromkeys(k.gebied for k in kn) if g]
        if any(is_quick_win(k) for k in kn):
            kaart_labels.append(label_by[QUICK_WIN_LABEL])
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
        kaart_id = _id("kaart", a.id)
        id_checklists = []
        items = []
        if kn:
            checklist_id = _id("checklist", a.id)
            id_checklists.append(checklist_id)
            items = [
                {
                    "id": _id("item", a.id, k.id),
                    "idChecklist": checklist_id,
                    "name": " ".join(k.tekst.split()),
                    "state": "complete" if k.opgelost else "incomplete",
                    "pos": (i + 1) * 16384,
                    "due": None,
                    "idMember": None,
                }
                for i, k in enumerate(kn)
            ]
            checklists.append(
                {
                    "id": checklist_id,
                    "idBoard": bord_id,
                    "idCard": kaart_id,
                    "name": KNELPUNTEN_CHECKLIST,
                    "pos": 16384,
                    "checkItems": items,
                }
            )
        short = _short_link("kaart", a.id)
        desc_tekst = "\n".join(regels).strip()
        due = _due(a.deadline)
        lijst = lijst_by.get(a.status, lijst_by["gepland"])
        acties_log.append(
            {
                "id": _id("maak", a.id),
                "idMemberCreator": None,
                "type": "createCard",
                "date": _iso(a.aangemaakt),
                "data": {
                    "card": {"id": kaart_id, "name": a.wat, "idShort": pos, "shortLink": short},
                    "list": {"id": lijst["id"], "name": lijst["name"]},
                    "board": {"id": bord_id},
                },
            }
        )
        kaarten.append(
            {
                "id": kaart_id,
                "idShort": pos,
                "idBoard": bord_id,
                "idList": lijst["id"],
                "name": a.wat,
                "desc": desc_tekst,
                "due": due,
                "dueComplete": a.status == "klaar",
                "start": None,
                "dateLastActivity": _iso(a.aangemaakt),
                "idMembers": id_leden,
                "idMembersVoted": [],
                "idLabels": [lab["id"] for lab in kaart_labels],
                "labels": kaart_labels,
                "idChecklists": id_checklists,
                "idAttachmentCover": None,
                "attachments": [],
                "closed": False,
                "subscribed": False,
                "pos": pos * 16384,
                "shortLink": short,
                "shortUrl": f"{URL_BASIS}/c/{short}",
                "url": f"{URL_BASIS}/c/{short}/{pos}-{_slug(a.wat)}",
                "badges": {
                    "checkItems": len(items),
                    "checkItemsChecked": sum(1 for i in items if i["state"] == "complete"),
                    "comments": 0,
                    "attachments": 0,
                    "description": bool(desc_tekst),
                    "due": due,
                    "dueComplete": a.status == "klaar",
                    "start": None,
                    "votes": 0,
                    "viewingMemberVoted": False,
                    "subscribed": False,
                    "fogbugz": "",
                    "location": False,
                },
            }
        )
    naam = t.naam
    if deelnemer_id:
        d = snap.get("deelnemer", deelnemer_id)
        naam = f"{t.naam} · {d.naam if d else ''}"
    bord_naam = f"Actieplan · {naam}"
    short = _short_link("bord", traject_id, deelnemer_id or "")
    label_names = dict.fromkeys(TRELLO_KLEUREN, "")
    for lab in labels:
        if lab["color"] in label_names and not label_names[lab["color"]]:
            label_names[lab["color"]] = lab["name"]
    return {
        "id": bord_id,
        "name": bord_naam,
        "desc": "\n".join(desc),
        "descData": None,
        "closed": False,
        "idOrganization": None,
        "pinned": False,
        "starred": False,
        "url": f"{URL_BASIS}/b/{short}/{_slug(bord_naam)}",
        "shortUrl": f"{URL_BASIS}/b/{short}",
        "shortLink": short,
        "prefs": {
            "permissionLevel": "private",
            "voting": "disabled",
            "comments": "members",
            "invitations": "members",
            "selfJoin": False,
            "cardCovers": True,
            "cardAging": "regular",
            "calendarFeedEnabled": False,
            "background": "blue",
            "backgroundColor": "#0079BF",
            "backgroundImage": None,
            "backgroundImageScaled": None,
            "backgroundTile": False,
            "backgroundBrightness": "dark",
            "canBePublic": False,
            "canBeOrg": False,
            "canBePrivate": True,
            "canInvite": True,
        },
        "labelNames": label_names,
        "dateLastActivity": _iso(now_iso()),
        "labels": labels,
        "lists": lijsten,
        "cards": kaarten,
        "members": list(leden.values()),
        "memberships": [
            {
                "id": _id("lidmaatschap", bord_id, lid["id"]),
                "idMember": lid["id"],
                "memberType": "normal",
                "unconfirmed": False,
                "deactivated": False,
            }
            for lid in leden.values()
        ],
        "checklists": checklists,
        "actions": acties_log,
    }


def bord_bytes(snap: Any, traject_id: str, **kwargs: Any) -> bytes:
    return json.dumps(bord(snap, traject_id, **kwargs), ensure_ascii=False, indent=1).encode("utf-8")
