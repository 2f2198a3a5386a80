"""`python -m schouders herstel`: the explicit repair and restore (issue 19.4). A copy of the current file comes
first (a damaged one too, byte for byte); then the newest readable backup (or --reservekopie) is put back, or
dangling links in a readable store are taken out, each one said. Checked with sha256 of every file."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import orjson
import pytest

from schouders import demo
from schouders.store import Store, backups_van
from tests.test_cli import cli
from tests.test_model import assert_dutch


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shas(folder: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "schouders.json"


def _met_backups(db: Path) -> list[Path]:
    """A demo store with two writes after it: two backups, newest first."""
    store = Store(db, backup_interval=0)
    demo.laad_demo(store)
    t = store.snapshot().trajecten()[0]
    time.sleep(0.01)
    store.update("traject", t.id, thema="Eerste wijziging")
    time.sleep(0.01)
    store.update("traject", t.id, thema="Tweede wijziging")
    return backups_van(db)


def test_damaged_store_is_copied_aside_and_the_newest_readable_backup_comes_back(db):
    backups = _met_backups(db)
    assert len(backups) >= 2
    backups[0].write_bytes(b"{kapot")  # the newest backup is unreadable too: skipped, said
    goede = backups[1]
    db.write_bytes(b'{"_meta": {"1": {"app": "schouders"')
    kapot = sha(db)
    backup_shas = shas(backups[0].parent)
    r = cli(db, "herstel")
    assert r.returncode == 0, r.stderr
    assert_dutch(r.stdout + r.stderr)
    assert f"Reservekopie overgeslagen: {backups[0]} is beschadigd" in r.stdout
    assert f"Reservekopie teruggezet: {goede.name} van " in r.stdout
    (apart,) = db.parent.glob("schouders.json.beschadigd-*")
    assert sha(apart) == kapot  # the damaged file is kept, byte for byte
    assert f"Eerst een kopie van het huidige bestand gemaakt: {apart}" in r.stdout
    assert orjson.loads(db.read_bytes()) == orjson.loads(goede.read_bytes())
    assert shas(backups[0].parent) == backup_shas  # the backups themselves are untouched
    assert cli(db, "check").returncode == 0


def test_missing_store_comes_back_from_the_newest_backup(db):
    backups = _met_backups(db)
    db.unlink()
    r = cli(db, "herstel")
    assert r.returncode == 0, r.stderr
    assert orjson.loads(db.read_bytes()) == orjson.loads(backups[0].read_bytes())
    assert not list(db.parent.glob("*.beschadigd-*"))  # there was nothing to copy


def test_no_readable_backup_changes_nothing(db):
    db.write_bytes(b"niet eens json")
    voor = sha(db)
    r = cli(db, "herstel")
    assert r.returncode == 1
    assert "Er zijn geen reservekopieën" in r.stderr and "Er is niets veranderd" in r.stderr
    assert sha(db) == voor
    assert sorted(p.name for p in db.parent.iterdir()) == ["schouders.json"]
    backups = db.parent / "schouders-backups"
    backups.mkdir()
    (backups / "schouders-20260101-000000-000000.json").write_bytes(b"[]")
    r = cli(db, "herstel")
    assert r.returncode == 1 and "geen leesbare reservekopie" in r.stderr and "--reservekopie PAD" in r.stderr
    assert sha(db) == voor and not list(db.parent.glob("*.beschadigd-*"))


def test_missing_store_without_backups_creates_nothing(tmp_path):
    db = tmp_path / "map" / "schouders.json"
    r = cli(db, "herstel")
    assert r.returncode == 1 and "bestaat niet" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_given_backup_replaces_a_readable_store_after_a_copy(db, tmp_path):
    store = Store(db)
    demo.laad_demo(store)
    eigen = tmp_path / "mijn-kopie.json"
    eigen.write_bytes(db.read_bytes())
    store.delete_traject(store.snapshot().trajecten()[0].id)
    voor = sha(db)
    eigen_sha = sha(eigen)
    r = cli(db, "herstel", "--reservekopie", str(eigen))
    assert r.returncode == 0, r.stderr
    (kopie,) = (db.parent / "schouders-backups").glob("*-voor-herstel.json")
    assert sha(kopie) == voor  # the readable file went into the backups, where the app's restore list shows it
    assert orjson.loads(db.read_bytes()) == orjson.loads(eigen.read_bytes())
    assert sha(eigen) == eigen_sha
    assert len(Store(db).snapshot().trajecten()) == 2


def test_unusable_given_backup_changes_nothing(db, tmp_path):
    demo.laad_demo(Store(db))
    voor = shas(db.parent)
    slecht = tmp_path / "slecht.json"
    slecht.write_bytes(b'{"cards": []}')
    r = cli(db, "herstel", "--reservekopie", str(slecht))
    assert r.returncode == 1 and "niet bruikbaar" in r.stderr and "geen Schouders-bestand" in r.stderr
    assert shas(db.parent) == {**voor, "slecht.json": sha(slecht)}


def test_dangling_links_are_taken_out_and_each_one_is_named(db):
    store = Store(db)
    demo.laad_demo(store)
    data = json.loads(db.read_text())
    actie_doc = next(iter(data["actie"].values()))
    actie_doc["richting_id"] = "weg0001"
    actie_doc["eigenaar_id"] = "weg0002"
    kn_doc = next(iter(data["knelpunt"].values()))
    kn_doc["groep_id"] = "weg0003"
    richting_doc = next(iter(data["richting"].values()))
    richting_doc["knelpunt_ids"] = [*richting_doc["knelpunt_ids"], "weg0004"]  # undo keeps these: a note only
    db.write_text(json.dumps(data))
    voor = sha(db)
    assert cli(db, "check").returncode == 1
    r = cli(db, "herstel")
    assert r.returncode == 0, r.stderr
    assert_dutch(r.stdout)
    hersteld = [regel for regel in r.stdout.splitlines() if regel.startswith("Hersteld – ")]
    assert len(hersteld) == 3
    assert any("de eigenaar (weg0002) bestaat niet: verwijzing weggehaald" in h for h in hersteld)
    assert any("de oplossingsrichting (weg0001)" in h for h in hersteld)
    assert any("de groep (weg0003)" in h for h in hersteld)
    (kopie,) = (db.parent / "schouders-backups").glob("*-voor-herstel.json")
    assert sha(kopie) == voor
    na = json.loads(db.read_text())
    actie = na["actie"][next(iter(data["actie"]))]
    assert actie["richting_id"] is None and actie["eigenaar_id"] is None
    assert na["knelpunt"][next(iter(data["knelpunt"]))]["groep_id"] is None
    assert "weg0004" in na["richting"][next(iter(data["richting"]))]["knelpunt_ids"]
    assert cli(db, "check").returncode == 0
    # a second herstel has nothing to do and touches nothing
    voor = shas(db.parent / "schouders-backups") | {"db": sha(db)}
    r = cli(db, "herstel")
    assert r.returncode == 0 and "niets te herstellen" in r.stdout
    assert shas(db.parent / "schouders-backups") | {"db": sha(db)} == voor


def test_an_invalid_record_is_not_guessed_at(db):
    demo.laad_demo(Store(db))
    data = json.loads(db.read_text())
    next(iter(data["knelpunt"].values()))["gebied"] = "bestaat-niet"
    db.write_text(json.dumps(data))
    voor = shas(db.parent)
    r = cli(db, "herstel")
    assert r.returncode == 1
    assert "Niet automatisch te herstellen" in r.stderr and "Er is niets veranderd" in r.stderr
    assert shas(db.parent) == voor


def test_herstel_help_is_dutch(db):
    r = cli(db, "herstel", "--help")
    assert r.returncode == 0
    assert "--reservekopie PAD" in r.stdout and "kopie" in r.stdout
    assert_dutch(r.stdout)


def test_the_last_good_backup_survives_the_rolling_backups_after_damage(db):
    """The app sets a damaged file aside and goes on with an empty store; its rolling backups (30 kept) must
    not push out the last backup from before the damage – that is what `herstel` puts back."""
    store = Store(db, backup_keep=3, backup_interval=0)
    demo.laad_demo(store)
    t = store.snapshot().trajecten()[0]
    for i in range(4):
        time.sleep(0.002)
        store.update("traject", t.id, thema=f"Wijziging {i}")
    laatste_goede = backups_van(db)[0]
    goede_sha = sha(laatste_goede)
    db.write_bytes(b"{kapot")
    time.sleep(0.002)
    leeg = Store(db, backup_keep=3, backup_interval=0)  # as the app does: set aside, start empty
    assert leeg.moved_aside
    from schouders.trajecten import nieuw_traject

    nieuw = nieuw_traject(leeg, "Nieuw na de schade", "werkplaats")
    for i in range(6):
        time.sleep(0.002)
        leeg.update("traject", nieuw.id, thema=f"Na de schade {i}")
    over = backups_van(db)
    assert laatste_goede in over and sha(laatste_goede) == goede_sha
    assert len(over) == 4  # 3 rolling + the protected one
    # herstel on the (readable) empty store names that backup and the command that puts it back
    r = cli(db, "herstel")
    assert r.returncode == 0 and "niets te herstellen" in r.stdout
    assert f'python -m schouders herstel --reservekopie "{laatste_goede}"' in r.stdout
    r = cli(db, "herstel", "--reservekopie", str(laatste_goede))
    assert r.returncode == 0, r.stderr
    assert len(Store(db).snapshot().all("traject")) == 2
