"""The Trello export carries every field that the Trello importers of Wekan, Nextcloud Deck, Planka and
Focalboard read; labels carry gebied and quick win and come back on import; unmapped labels are named."""

from __future__ import annotations

import json
import re

import pytest

from schouders import methode
from schouders.demo import WERKPLAATS
from schouders.exporters import trello as trello_export
from schouders.importers import trello as trello_import
from schouders.model import Traject
from schouders.prioriteren import is_hoog

# Fields per level as each importer reads them ("a.b" is a nested field; checkItems are the items of a checklist).
IMPORTEURS: dict[str, dict[str, tuple[str, ...]]] = {
    # wekan/wekan models/trelloCreator.js: check() (checkActions, checkBoard, checkLabels, checkLists, checkCards,
    # checkChecklists) and createBoardAndLabels, createLists, createCards, createChecklists.
    "wekan": {
        "board": (
            "id",
            "name",
            "closed",
            "url",
            "prefs.background",
            "prefs.permissionLevel",
            "labels",
            "lists",
            "cards",
            "checklists",
            "actions",
            "memberships",
        ),
        "membership": ("idMember", "memberType"),
        "list": ("id", "name", "closed", "pos"),
        "card": ("id", "name", "desc", "closed", "dateLastActivity", "idLabels", "idMembers", "idList", "pos", "due"),
        "label": ("id", "name", "color"),
        "checklist": ("id", "idBoard", "idCard", "name", "pos", "checkItems"),
        "checkItem": ("name", "state", "pos"),
        # checkActions; parseActions/importActions for createCard (creation date, the list it was made on)
        "action": ("type", "date", "data", "data.card.id", "data.list.id", "idMemberCreator"),
    },
    # nextcloud/deck lib/Service/Importer/Systems/TrelloJsonService.php: getLabels, getStacks, getCards,
    # getCardLabelAssignment, getCardAssignments, getComments (actions), validateUsers (members).
    "deck": {
        "board": ("name", "labels", "lists", "cards", "checklists", "actions", "members"),
        "member": ("id", "username"),
        "list": ("id", "name", "closed"),
        "card": (
            "id",
            "name",
            "desc",
            "closed",
            "dateLastActivity",
            "idChecklists",
            "idList",
            "idMembers",
            "labels",
            "pos",
            "due",
        ),
        "label": ("id", "name", "color"),
        "checklist": ("id", "idCard", "name", "checkItems"),
        "checkItem": ("name", "state"),
        # getCards takes a card's creation date from its createCard action (a warning on PHP 8 without one)
        "action": ("type", "date", "data.card.id"),
    },
    # plankanban/planka server/api/helpers/boards/import-from-trello.js, both the older version (getTrelloLists,
    # getUsedTrelloLabels from card.labels, getAllTrelloCheckItemsOfCard, importCards) and the 2024 one (board
    # labels, card idLabels and dueComplete, checklists as task lists with pos and name).
    "planka": {
        "board": ("labels", "lists", "cards", "checklists", "actions"),
        "list": ("id", "name", "closed", "pos"),
        "card": ("id", "name", "desc", "closed", "idList", "idLabels", "labels", "pos", "due", "dueComplete"),
        "label": ("id", "name", "color"),
        "checklist": ("idCard", "name", "pos", "checkItems"),
        "checkItem": ("name", "state", "pos"),
    },
    # mattermost-community/focalboard import/trello/importTrello.ts: convert() (board, lists, cards).
    "focalboard": {
        "board": ("name", "desc", "lists", "cards"),
        "list": ("id", "name"),
        "card": ("name", "idList", "desc"),
    },
}

ISO_MS_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")  # Deck parses 'Y-m-d\TH:i:s.v\Z'


def _werkplaats(snap):
    return next(t for t in snap.all("traject") if t.naam == WERKPLAATS)


@pytest.fixture
def bord(demo_store):
    snap = demo_store.snapshot()
    return json.loads(trello_export.bord_bytes(snap, _werkplaats(snap).id))


def _objecten(b: dict, niveau: str) -> list[dict]:
    return {
        "board": [b],
        "membership": b["memberships"],
        "member": b["members"],
        "list": b["lists"],
        "card": b["cards"],
        "label": b["labels"] + [lab for c in b["cards"] for lab in c["labels"]],
        "checklist": b["checklists"],
        "checkItem": [i for cl in b["checklists"] for i in cl["checkItems"]],
        "action": b["actions"],
    }[niveau]


def _heeft(obj: dict, veld: str) -> bool:
    for deel in veld.split("."):
        if not isinstance(obj, dict) or deel not in obj:
            return False
        obj = obj[deel]
    return True


@pytest.mark.parametrize("importeur", sorted(IMPORTEURS))
def test_export_has_every_field_the_importer_reads(bord, importeur):
    for niveau, velden in IMPORTEURS[importeur].items():
        objecten = _objecten(bord, niveau)
        assert objecten, f"{importeur}: no {niveau} in the demo export to check"
        for obj in objecten:
            ontbreekt = [v for v in velden if not _heeft(obj, v)]
            assert not ontbreekt, f"{importeur} reads {niveau} fields {ontbreekt}, missing in {obj.get('id')}"


def test_field_types_as_wekan_checks_and_dates_as_deck_parses(bord):
    assert isinstance(bord["name"], str) and isinstance(bord["prefs"]["background"], str)
    assert bord["prefs"]["permissionLevel"] in ("org", "private", "public")
    assert ISO_MS_Z.match(bord["dateLastActivity"])
    for c in bord["cards"]:
        assert isinstance(c["closed"], bool) and isinstance(c["desc"], str) and isinstance(c["name"], str)
        assert isinstance(c["pos"], int | float) and not isinstance(c["pos"], bool)
        assert all(isinstance(i, str) for i in c["idLabels"] + c["idMembers"] + c["idChecklists"])
        assert ISO_MS_Z.match(c["dateLastActivity"])
        assert c["due"] is None or ISO_MS_Z.match(c["due"])
        assert c["idShort"] >= 1 and c["url"].startswith(trello_export.URL_BASIS)
        assert c["badges"]["checkItems"] == sum(
            len(cl["checkItems"]) for cl in bord["checklists"] if cl["id"] in c["idChecklists"]
        )
    for lst in bord["lists"]:
        assert isinstance(lst["closed"], bool) and isinstance(lst["name"], str)
    for cl in bord["checklists"]:
        assert isinstance(cl["idBoard"], str) and cl["idBoard"] == bord["id"]
        assert all(i["state"] in ("complete", "incomplete") for i in cl["checkItems"])
    assert sorted(a["data"]["card"]["id"] for a in bord["actions"] if a["type"] == "createCard") == sorted(
        c["id"] for c in bord["cards"]
    )
    assert all(ISO_MS_Z.match(a["date"]) and isinstance(a["data"], dict) for a in bord["actions"])
    assert {m["idMember"] for m in bord["memberships"]} == {m["id"] for m in bord["members"]}


def test_labels_in_trellos_colours_one_per_gebied_and_quick_win(bord):
    kleuren = set(trello_export.TRELLO_KLEUREN)
    assert all(lab["color"] in kleuren for lab in bord["labels"])
    assert set(bord["labelNames"]) == kleuren
    namen = {lab["name"]: lab["color"] for lab in bord["labels"]}
    assert set(namen) == {g.label for g in methode.GEBIEDEN} | {"Verkennend", "Quick win"}
    assert len(set(namen.values())) == len(namen), "every label its own colour"
    assert namen["Keten"] == "blue" and namen["Klantbeleving"] == "orange"
    assert any(lab["name"] == "Quick win" for c in bord["cards"] for lab in c["labels"])


def test_round_trip_keeps_gebied_and_quick_win(demo_store):
    snap = demo_store.snapshot()
    bron = _werkplaats(snap)
    vb = trello_import.lees(trello_export.bord_bytes(snap, bron.id), "bord.json")
    assert vb.niet_overgenomen == {}
    doel = Traject(naam="Uit Trello")
    res = vb.opslaan(demo_store, doel)
    assert "Niet overgenomen" not in res.bericht
    nieuw = demo_store.snapshot()
    verwacht = {
        snap.get("knelpunt", i).tekst: (
            snap.get("knelpunt", i).gebied,
            trello_export.is_quick_win(snap.get("knelpunt", i)),
        )
        for r in snap.of("richting", bron.id)
        for i in r.knelpunt_ids
    }
    assert any(qw for _, qw in verwacht.values()) and not all(qw for _, qw in verwacht.values())
    terug = {
        k.tekst: (k.gebied, k.quick_win is not None and is_hoog(k.quick_win)) for k in nieuw.of("knelpunt", doel.id)
    }
    assert terug == verwacht
    # The "Knelpunten" checklist repeats the description: it does not end up in the notes.
    assert not any("Checklist" in a.notities for a in nieuw.of("actie", doel.id))


def _vreemd_bord() -> dict:
    labels = [
        {"id": "l1", "name": "keten", "color": "blue"},
        {"id": "l2", "name": "Quick win", "color": "yellow"},
        {"id": "l3", "name": "Urgent", "color": "red"},
        {"id": "l4", "name": "", "color": "green"},
    ]
    kaart = {"closed": False, "idList": "a", "idMembers": [], "due": None}
    return {
        "name": "Team",
        "labels": labels,
        "lists": [{"id": "a", "name": "To do", "closed": False, "pos": 1}],
        "cards": [
            kaart
            | {"id": "c1", "name": "Bel de gemeente", "desc": "Knelpunten:\n- Geen vast aanspreekpunt", "pos": 1}
            | {"idLabels": ["l1", "l2", "l3"]},
            kaart | {"id": "c2", "name": "Plan overleg", "desc": "", "pos": 2, "idLabels": ["l3", "l4"]},
            kaart | {"id": "c3", "name": "Maak flyer", "desc": "", "pos": 3, "idLabels": ["l1", "l3"]},
        ],
        "checklists": [],
    }


def test_foreign_labels_map_and_unmapped_ones_are_named(store):
    vb = trello_import.lees_data(_vreemd_bord(), "team.json")
    zin = vb.samenvatting()
    assert "Niet overgenomen: label 'Urgent' op 3 kaarten" in zin
    assert "label 'keten' op 1 kaart (geen knelpunt op de kaart)" in zin
    assert "label 'zonder naam, green' op 1 kaart" in zin  # Trello's colour-only label
    t = Traject(naam="Team")
    res = vb.opslaan(store, t)
    assert "label 'Urgent' op 3 kaarten" in res.bericht
    (k,) = store.snapshot().of("knelpunt", t.id)
    assert (k.tekst, k.gebied, k.quick_win) == ("Geen vast aanspreekpunt", "keten", trello_import.QUICK_WIN_SCORE)


def test_all_labels_mapped_says_nothing(store):
    data = _vreemd_bord()
    data["cards"] = data["cards"][:1]
    data["cards"][0]["idLabels"] = ["l1", "l2"]
    vb = trello_import.lees_data(data, "team.json")
    assert "Niet overgenomen" not in vb.samenvatting()
