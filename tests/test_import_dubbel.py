"""Re-import (issue 19.3): rows already in the traject are skipped by default – on the command line (`import`,
`--droog`) and on the page Importeren en exporteren alike – named in the preview, and added anyway only when
asked (`--ook-dubbel`, "Ook dubbele toevoegen"). The preview's counts equal what lands."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from schouders.importers.bestand import lees_bestand
from schouders.model import Traject
from schouders.store import Store
from schouders.trajecten import nieuw_traject
from tests.test_cli import cli

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "voorbeeld_excel_nl.csv"
PAGE = "pages/import_export.py"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- the rule ------------------------------------------------------------------------------------------


def test_same_text_and_groep_is_skipped_other_groep_or_soort_is_not(store):
    t = nieuw_traject(store, "Werkplaats", "werkplaats")
    eerst = b"Knelpunt;Groep;Aandachtsgebied\nTe weinig tijd;Tafel 1;Kennis\nGeen overleg;;Keten\n"
    lees_bestand(eerst, "a.csv").opslaan(store, t)
    tweede = (
        b"Knelpunt;Groep;Aandachtsgebied\n"
        b"  te WEINIG   tijd ;tafel 1;Klantbeleving\n"  # case, spaces, groep case and gebied do not count
        b"Te weinig tijd;Tafel 2;Kennis\n"  # another groep: another knelpunt
        b"Te weinig tijd.;Tafel 1;Kennis\n"  # punctuation counts
        b"Geen overleg;;\n"  # no groep matches no groep
        b"Nieuw punt;Tafel 1;\n"
    )
    vb = lees_bestand(tweede, "b.csv")
    dubbel = vb.dubbel(store.snapshot(), t.id)
    assert [p.rij for p in dubbel] == [2, 5]
    land = vb.zonder(dubbel)
    assert [p.tekst for p in land.punten] == ["Te weinig tijd", "Te weinig tijd.", "Nieuw punt"]
    res = vb.opslaan(store, t, ook_dubbel=False)
    assert res.aantallen["knelpunt"] == 3 and "2 staan al in dit traject en worden overgeslagen." in res.bericht
    # a succespunt with the text of a knelpunt is not the same point
    vb = lees_bestand(b"Geen overleg\n", "c.txt", soort="succes")
    assert vb.dubbel(store.snapshot(), t.id) == []


def test_a_new_traject_has_no_duplicates(store):
    vb = lees_bestand(SAMPLE.read_bytes(), SAMPLE.name)
    assert vb.dubbel(store.snapshot(), Traject(naam="Nieuw").id) == []


def test_library_default_still_adds_everything(store):
    """Other callers (Analyse themadag) warn that duplicates come in twice: the default stays as it was."""
    t = nieuw_traject(store, "T", "themadag")
    for _ in range(2):
        lees_bestand(SAMPLE.read_bytes(), SAMPLE.name).opslaan(store, t)
    assert len(store.snapshot().of("knelpunt", t.id)) == 8


def test_leernetwerk_compares_within_the_chosen_vraagstuk(store):
    from schouders.model import Deelnemer, Vraagstuk

    t = nieuw_traject(store, "Leernetwerk", "leernetwerk")
    a, b = Deelnemer(traject_id=t.id, naam="Ans"), Deelnemer(traject_id=t.id, naam="Bert")
    va = Vraagstuk(traject_id=t.id, tekst="Vraag van Ans", deelnemer_id=a.id)
    vb_ = Vraagstuk(traject_id=t.id, tekst="Vraag van Bert", deelnemer_id=b.id)
    store.add_many([a, b, va, vb_])
    lees_bestand(b"Te weinig tijd\n", "a.txt").opslaan(store, t, va.id)
    vb = lees_bestand(b"Te weinig tijd\n", "a.txt")
    assert len(vb.dubbel(store.snapshot(), t.id, va.id)) == 1
    assert vb.dubbel(store.snapshot(), t.id, vb_.id) == []  # Bert's vraagstuk: his own knelpunt


# ---- the command line ----------------------------------------------------------------------------------


def test_cli_import_twice_second_time_adds_nothing_and_the_file_stays_byte_identical(tmp_path):
    db = tmp_path / "s.json"
    eerste = cli(db, "import", str(SAMPLE), "--traject", "T")
    assert eerste.returncode == 0, eerste.stderr
    assert "4 knelpunten en 2 groepen toegevoegd" in eerste.stdout
    voor = sha(db)
    droog = cli(db, "import", str(SAMPLE), "--traject", "T", "--droog")
    tweede = cli(db, "import", str(SAMPLE), "--traject", "T")
    for r in (droog, tweede):
        assert r.returncode == 0, r.stderr
        assert "4 staan al in dit traject en worden overgeslagen" in r.stdout
        assert "- Rij 2: Cliënten haken af na het eerste gesprek (groep Groep 1)" in r.stdout
        assert "niets om toe te voegen" in r.stdout
    assert "Niets toegevoegd" in tweede.stdout
    assert sha(db) == voor
    assert len(Store(db).snapshot().all("knelpunt")) == 4
    # --ook-dubbel: the dry run and the import both say 4 and 4 land
    droog = cli(db, "import", str(SAMPLE), "--traject", "T", "--droog", "--ook-dubbel")
    assert "klaar om toe te voegen: 4 knelpunten in 2 groepen" in droog.stdout and "overgeslagen" not in droog.stdout
    assert sha(db) == voor
    echt = cli(db, "import", str(SAMPLE), "--traject", "T", "--ook-dubbel")
    assert echt.returncode == 0 and "4 knelpunten toegevoegd" in echt.stdout
    assert len(Store(db).snapshot().all("knelpunt")) == 8


def test_cli_dry_run_counts_equal_real_counts_when_part_is_already_there(tmp_path):
    db = tmp_path / "s.json"
    deel = tmp_path / "deel.csv"
    regels = SAMPLE.read_bytes().splitlines(keepends=True)  # Excel's own Dutch CSV: cp1252
    deel.write_bytes(b"".join(regels[:3]))  # header + the 2 knelpunten of Groep 1
    assert cli(db, "import", str(deel), "--traject", "T").returncode == 0
    droog = cli(db, "import", str(SAMPLE), "--traject", "T", "--droog")
    m = re.search(r"klaar om toe te voegen: (\d+) knelpunten in (\d+) groep", droog.stdout)
    assert m and m.groups() == ("2", "1"), droog.stdout
    assert "2 staan al in dit traject en worden overgeslagen" in droog.stdout
    assert "Per groep: Groep 2 2." in droog.stdout
    echt = cli(db, "import", str(SAMPLE), "--traject", "T")
    assert echt.returncode == 0, echt.stderr
    assert "2 knelpunten en 1 groep toegevoegd" in echt.stdout
    assert len(Store(db).snapshot().all("knelpunt")) == 4


@pytest.mark.parametrize("opdracht", [("import", str(SAMPLE), "--traject", "T"), ("demo",)])
@pytest.mark.parametrize("inhoud", [b'{"_meta": {"1": {"app": "schouders"', b"", b"[1, 2]"])
def test_import_and_demo_refuse_a_damaged_store_and_leave_it_as_it_was(tmp_path, opdracht, inhoud):
    db = tmp_path / "s.json"
    db.write_bytes(inhoud)
    voor = sha(db)
    r = cli(db, *opdracht)
    assert r.returncode == 1
    assert "python -m schouders herstel" in r.stderr and "Er is niets veranderd" in r.stderr
    assert sha(db) == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]  # nothing set aside, no backup, no lock


# ---- the page ------------------------------------------------------------------------------------------


def _upload(at, naam: str, raw: bytes) -> None:
    at.file_uploader[0].set_value((naam, raw, "text/csv"))
    at.run()
    assert not at.exception


def test_page_upload_the_same_file_twice(store, app_test):
    t = nieuw_traject(store, "Themadag", "themadag")
    at = app_test(60)
    at.run()
    at.session_state["traject_id"] = t.id
    at.switch_page(PAGE).run()
    _upload(at, SAMPLE.name, SAMPLE.read_bytes())
    assert not [w for w in at.warning if "al in dit traject" in w.value]
    at.button(key="ie_opslaan").click().run()
    assert any("4 knelpunten en 2 groepen toegevoegd" in s.value for s in at.success)
    voor = sha(store.path)

    _upload(at, SAMPLE.name, SAMPLE.read_bytes())
    info = " ".join(i.value for i in at.info).replace("\\", "")  # markdown-escaped
    assert "niets om toe te voegen" in info and "Er komt niets bij" in info
    assert any("4 staan al in dit traject en worden overgeslagen" in w.value for w in at.warning)
    regels = [x.value for x in at.text]
    assert "• Rij 2: Cliënten haken af na het eerste gesprek (groep Groep 1)" in regels
    assert len(at.dataframe[0].value) == 0  # the table shows what lands: nothing
    assert at.button(key="ie_opslaan").disabled
    assert sha(store.path) == voor

    at.checkbox(key="ie_ook_dubbel").check().run()
    assert "klaar om toe te voegen: 4 knelpunten in 2 groepen" in " ".join(i.value for i in at.info).replace("\\", "")
    assert any("komen er nog een keer bij" in w.value for w in at.warning)
    assert not at.button(key="ie_opslaan").disabled
    at.button(key="ie_opslaan").click().run()
    assert not at.exception
    assert len(store.snapshot().of("knelpunt", t.id)) == 8


# ---- our own export and a Trello board: richtingen, acties and cards are not doubled either -------------


@pytest.mark.parametrize("fmt", ["xlsx", "trello"])
def test_cli_own_export_imported_back_into_its_traject_adds_nothing(tmp_path, fmt):
    from schouders.demo import WERKPLAATS

    db = tmp_path / "s.json"
    assert cli(db, "demo").returncode == 0
    bestand = tmp_path / f"export.{'xlsx' if fmt == 'xlsx' else 'trello.json'}"
    r = cli(db, "export", "--traject", WERKPLAATS, "--format", fmt, "-o", str(bestand))
    assert r.returncode == 0, r.stderr
    voor = sha(db)
    snap = Store(db).snapshot()
    t = next(t for t in snap.all("traject") if t.naam == WERKPLAATS)
    aantallen = {k: len(snap.of(k, t.id)) for k in ("knelpunt", "richting", "actie", "deelnemer", "groep")}
    droog = cli(db, "import", str(bestand), "--traject", WERKPLAATS, "--droog")
    echt = cli(db, "import", str(bestand), "--traject", WERKPLAATS)
    for r in (droog, echt):
        assert r.returncode == 0, r.stderr
        assert "staan al in dit traject en worden overgeslagen" in r.stdout
    assert "Niets toegevoegd" in echt.stdout, echt.stdout
    assert sha(db) == voor
    if fmt == "xlsx":
        assert "- Oplossingsrichting (werkblad richtingen, rij 2): " in echt.stdout
        assert "- Actie (werkblad acties, rij 2): " in echt.stdout
    else:
        assert "- Kaart 1: " in echt.stdout
    # into a new traject everything lands, as before
    r = cli(db, "import", str(bestand), "--traject", "Kopie")
    assert r.returncode == 0, r.stderr
    snap = Store(db).snapshot()
    kopie = next(t for t in snap.all("traject") if t.naam == "Kopie")
    assert len(snap.of("actie", kopie.id)) == aantallen["actie"]


def test_trello_board_partly_there_adds_only_the_new_cards(store):
    from schouders.demo import WERKPLAATS, laad_demo
    from schouders.exporters import trello as trello_export
    from schouders.importers import trello

    laad_demo(store)
    snap = store.snapshot()
    t = next(t for t in snap.all("traject") if t.naam == WERKPLAATS)
    bord = orjson_loads(trello_export.bord_bytes(snap, t.id))
    kaart = next(c for c in bord["cards"] if not c.get("closed"))
    kaart["name"] = "Een nieuwe actie die er nog niet is"
    vb = trello.lees_data(bord, "bord.json")
    dubbel = vb.dubbel(store.snapshot(), t.id)
    assert len(dubbel) == len(vb.kaarten) - 1
    voor = len(store.snapshot().of("actie", t.id))
    res = vb.opslaan(store, t, ook_dubbel=False)
    assert res.aantallen["actie"] == 1
    assert len(store.snapshot().of("actie", t.id)) == voor + 1


def orjson_loads(raw: bytes):
    import orjson

    return orjson.loads(raw)
