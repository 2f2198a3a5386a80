"""Issue 17: `themas --json` prints the themes as the Analyse page groups them, and only reads the store."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from schouders import demo, themas
from schouders.store import Store
from tests.test_cli import cli


def _groepering(ind: themas.Indeling) -> set[frozenset[str]]:
    return {frozenset(t.knelpunt_ids) for t in ind.terugkerend}


def test_themas_json_equals_the_page_grouping_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "schouders.json"
    store = Store(db)
    namen = demo.laad_demo(store)
    snap = store.snapshot()
    t = next(x for x in snap.all("traject") if x.werkvorm == "themadag")
    voor = hashlib.sha256(db.read_bytes()).hexdigest()
    r = cli(db, "themas", "--traject", t.naam, "--json", "--op", "woorden")
    assert r.returncode == 0, r.stderr
    uit = json.loads(r.stdout)
    assert uit["methode"] == "woorden" and uit["traject"] in namen
    verwacht = themas.indeling_op(snap, t.id, themas.OP_WOORDEN)
    assert {frozenset(k["id"] for k in th["knelpunten"]) for th in uit["themas"]} == _groepering(verwacht)
    assert all(th["groepen"] and th["naam"] for th in uit["themas"])
    assert hashlib.sha256(db.read_bytes()).hexdigest() == voor
    tekst = cli(db, "themas", "--traject", t.naam, "--op", "woorden")
    assert "gevonden op woorden" in tekst.stdout and " groepen" in tekst.stdout


def test_themas_on_an_unknown_traject_is_a_dutch_message(tmp_path: Path) -> None:
    db = tmp_path / "schouders.json"
    demo.laad_demo(Store(db))
    r = cli(db, "themas", "--traject", "Bestaat niet")
    assert r.returncode == 2 and "Geen traject met de naam 'Bestaat niet'" in r.stderr


def test_the_options_are_the_domain_options() -> None:
    from schouders import cli_themas

    assert cli_themas.OPTIES == themas.OPTIES
