"""Issue 19, parts 2 and 3: spreadsheets as municipalities really have them lose nothing, say everything,
and the preview's counts are exactly what the import then adds."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from schouders import methode
from schouders.importers import tabel
from schouders.importers.bestand import lees_bestand, soort_bestand
from schouders.model import Groep, Traject
from schouders.store import Store

DATA = Path(__file__).parent / "data"


def _lees(naam: str):
    return lees_bestand((DATA / naam).read_bytes(), naam)


def _meldingen(vb) -> list[str]:
    return [str(p) for p in vb.problemen]


def _opslaan(tmp_path, vb, traject: Traject | None = None, groepen: tuple[str, ...] = ()):
    """Save into a fresh store; (snapshot, traject) afterwards."""
    store = Store(tmp_path / "s.json")
    traject = traject or Traject(naam="Proef", werkvorm="themadag")
    if groepen:
        store.add_many([traject])
        store.add_many([Groep(traject_id=traject.id, naam=n) for n in groepen])
    resultaat = vb.opslaan(store, traject)
    return store.snapshot(), traject, resultaat


def _geland(snap, tid) -> list[tuple]:
    groepen = {g.id: g.naam for g in snap.of("groep", tid)}
    return sorted(
        (k.tekst, groepen.get(k.groep_id, ""), k.gebied, k.auteur, k.stemmen, k.belang, k.quick_win)
        for k in snap.of("knelpunt", tid)
    )


def _telling(vb) -> tuple[int, int]:
    """(knelpunten, groepen) as the preview sentence says them."""
    m = re.search(r"(\d+) knelpunt(?:en)?(?: in (\d+) groep)?", vb.samenvatting())
    assert m, vb.samenvatting()
    return int(m.group(1)), int(m.group(2) or 0)


def _klopt_telling(vb, snap, tid) -> None:
    n, g = _telling(vb)
    knelpunten = list(snap.of("knelpunt", tid))
    assert n == len(knelpunten)
    gebruikt = {k.groep_id for k in knelpunten if k.groep_id}
    assert g == len(gebruikt)


# ---- merged cells ---------------------------------------------------------------------------------


TAFELS = [
    ("Inwoners weten niet waar ze met schulden terechtkunnen", "Tafel 1", "klantbeleving", "", 3, None, None),
    ("Schuldeisers reageren pas na weken op een voorstel", "Tafel 1", "keten", "", 1, None, None),
    ("Woningcorporatie meldt huurachterstand te laat", "Tafel 1", "keten", "", 2, None, None),
    (
        "Nieuwe collega's kennen de Wet gemeentelijke schuldhulpverlening slecht",
        "Tafel 1",
        "kennis",
        "",
        0,
        None,
        None,
    ),
    ("Wachtlijst van zes weken voor een eerste gesprek", "Tafel 2", "randvoorwaarden", "", 4, None, None),
    ("Geen mandaat om kleine schulden zelf af te kopen", "Tafel 2", "bestuurlijk_mandaat", "", 0, None, None),
    ("Gespreksvaardigheid bij schaamte ontbreekt", "Tafel 2", "kunde", "", 1, None, None),
    ("Te weinig tijd voor huisbezoeken", "Tafel 2", "kunde", "", 2, None, None),
]


def test_merged_tafel_and_gebied_cells_apply_to_their_block_and_are_reported(tmp_path):
    vb = _lees("tafels_samengevoegd.xlsx")
    assert [p.rij for p in vb.punten] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert _meldingen(vb) == [
        "de kopregel staat op rij 2; wat erboven staat is overgeslagen.",
        "Samengevoegde cellen ingevuld: kolom Tafel, rij 3–6, 7–10.",
        "Samengevoegde cellen ingevuld: kolom Gebied, rij 4–5, 9–10.",
        "Niet gebruikt: kolom 'Kleur post-it'.",
    ]
    assert vb.samenvatting().startswith(
        "tafels_samengevoegd.xlsx: 8 rijen gelezen; klaar om toe te voegen: 8 knelpunten in 2 groepen."
    )
    snap, t, resultaat = _opslaan(tmp_path, vb)
    assert _geland(snap, t.id) == sorted(TAFELS)
    _klopt_telling(vb, snap, t.id)
    assert "8 knelpunten en 2 groepen toegevoegd" in resultaat.bericht


def _xlsx(rijen: list[list], samenvoegen: tuple[str, ...] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rijen:
        ws.append(r)
    for bereik in samenvoegen:
        ws.merge_cells(bereik)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_empty_cells_without_merging_are_not_guessed():
    raw = _xlsx([["Groep", "Knelpunt"], ["A", "een"], [None, "twee"], ["B", "drie"], [None, "vier"]])
    vb = tabel.lees(raw, "los.xlsx")
    assert [(p.tekst, p.groep) for p in vb.punten] == [("een", "A"), ("twee", ""), ("drie", "B"), ("vier", "")]
    assert not any("Samengevoegde" in m for m in _meldingen(vb))


def test_a_merge_across_columns_fills_nothing_and_rows_count_from_excel_row_1():
    # data starting in row 3, column B: the row numbers are still Excel's
    raw = _xlsx([[], [None, "Knelpunt", "Groep"], [None, "een", "A"], [None, "twee", "A"]], ("B3:C3",))
    vb = tabel.lees(raw, "b.xlsx")
    assert [(p.rij, p.tekst) for p in vb.punten] == [(3, "een"), (4, "twee")]
    assert not any("Samengevoegde" in m for m in _meldingen(vb))


# ---- Forms: two knelpunt columns and stippen --------------------------------------------------------


FORMS = [
    ("Het klantportaal is alleen op een computer goed te gebruiken", "Tafel A", "klantbeleving", "Ayse Kaya", 4),
    ("Brieven zijn te moeilijk geschreven", "Tafel A", "klantbeleving", "Ayse Kaya", 0),
    ("We horen pas van het UWV als het al mis is", "Tafel A", "keten", "Joost de Wit", 2),
    ("Er is geen budget voor een extra consulent", "Tafel B", "randvoorwaarden", "Fatima El Amrani", 5),
    ("Het werkproces staat nergens beschreven", "Tafel B", "randvoorwaarden", "Fatima El Amrani", 0),
    ("Teamleiders beslissen niet over uitzonderingen", "Tafel B", "bestuurlijk_mandaat", "anoniem", 0),
    ("Collega's weten weinig van de Participatiewet", "Tafel B", "kennis", "Pieter Bakker", 1),
    ("Inwerken duurt drie maanden", "Tafel B", "kennis", "Pieter Bakker", 0),
    ("Consulenten durven geen nee te zeggen", "Tafel C", "kunde", "Sanne Visser", 3),
]


def test_forms_export_every_knelpunt_column_and_the_stippen_land(tmp_path):
    vb = _lees("forms_twee_knelpunten.xlsx")
    assert vb.kolommen == {
        "tekst": "Wat is het grootste knelpunt?",
        "gebied": "Onder welk aandachtsgebied valt dit?",
        "groep": "Aan welke tafel zat je?",
        "auteur": "Naam",
        "stemmen": "Aantal stippen",
        "tekst 2": "Heb je nog een ander knelpunt?",
    }
    meldingen = _meldingen(vb)
    assert meldingen[0].startswith("Kolom 'Heb je nog een ander knelpunt?' ook gelezen als tekst")
    assert meldingen[1] == "Niet gebruikt: kolommen 'Id', 'Begintijd', 'Tijd van voltooien', 'E-mail'."
    assert len(meldingen) == 2
    # "Tafel B" and "tafel b" are one group, as the save matches them: 3 groups, not 4
    assert "9 knelpunten in 3 groepen" in vb.samenvatting()
    assert vb.per_groep() == {"Tafel A": 3, "Tafel B": 5, "Tafel C": 1}
    snap, t, resultaat = _opslaan(tmp_path, vb)
    assert [(a, b, c, d, e) for a, b, c, d, e, _, _ in _geland(snap, t.id)] == sorted(FORMS)
    geland = Counter(g.naam for k in snap.of("knelpunt", t.id) for g in snap.of("groep", t.id) if g.id == k.groep_id)
    assert dict(geland) == vb.per_groep()
    assert vb.per_gebied() == dict(Counter(methode.gebied_label(k.gebied) for k in snap.of("knelpunt", t.id)))
    assert sum(k.stemmen for k in snap.of("knelpunt", t.id)) == 15  # the row totals, not doubled
    _klopt_telling(vb, snap, t.id)
    assert "9 knelpunten en 3 groepen toegevoegd" in resultaat.bericht


def test_group_count_includes_existing_groups_the_import_uses(tmp_path):
    vb = _lees("forms_twee_knelpunten.xlsx")
    t = Traject(naam="Bestaand", werkvorm="themadag")
    snap, t, resultaat = _opslaan(tmp_path, vb, t, groepen=("tafel a",))
    _klopt_telling(vb, snap, t.id)
    assert "9 knelpunten en 2 groepen toegevoegd" in resultaat.bericht  # Tafel A already there
    assert len(list(snap.of("groep", t.id))) == 3


# ---- names of columns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kop", "veld"),
    [
        ("Aantal stippen", "stemmen"),
        ("Stippen", "stemmen"),
        ("Stemmen", "stemmen"),
        ("Punten", "stemmen"),
        ("Belang", "belang"),
        ("Quick win", "quick_win"),
        ("Quick-win", "quick_win"),
        ("Deelnemer", "auteur"),
        ("Naam", "auteur"),
        ("Tafel", "groep"),
        ("Groep", "groep"),
        ("Tafelnummer", "groep"),
    ],
)
def test_common_dutch_column_names(kop, veld):
    assert tabel.zoek_kolommen(["Knelpunt", kop], tabel.KOLOM_NAMEN, tabel._LOS_ZOEKEN) == {"tekst": 0, veld: 1}


def test_punten_alone_is_still_the_text_column():
    vb = tabel.lees(b"Punten;Groep\nTe weinig tijd;A\n", "lijst.csv")
    assert vb.kolommen == {"tekst": "Punten", "groep": "Groep"}
    assert [p.tekst for p in vb.punten] == ["Te weinig tijd"]


def test_a_column_without_header_with_values_is_named_by_its_letter():
    vb = tabel.lees(b"Knelpunt;Groep;\neen;A;x\n", "k.csv")
    assert "Niet gebruikt: kolom C (zonder kop)." in _meldingen(vb)


# ---- decimal comma ----------------------------------------------------------------------------------


def test_decimal_commas_round_half_up_and_are_reported(tmp_path):
    vb = _lees("decimale_komma.csv")
    assert _meldingen(vb) == [
        "Rij 2: belang '4,5' afgerond op 5 (de schaal is 1–5, in hele getallen).",
        "Rij 2: quick win '2,5' afgerond op 3 (de schaal is 1–5, in hele getallen).",
        "Rij 3: belang '3,4' afgerond op 3 (de schaal is 1–5, in hele getallen).",
        "Rij 4: belang '5,5' ligt niet tussen 1 en 5; leeg gelaten.",
        "Rij 5: quick win '3,49' afgerond op 3 (de schaal is 1–5, in hele getallen).",
        "Rij 5: stemmen '1,5' is geen geldig getal; leeg gelaten.",
    ]
    assert "4 knelpunten in 2 groepen" in vb.samenvatting()
    snap, t, _ = _opslaan(tmp_path, vb)
    assert _geland(snap, t.id) == sorted(
        [
            ("Aanvragen bijzondere bijstand duren te lang", "Tafel A", "klantbeleving", "Marieke", 3, 5, 3),
            ("Geen overzicht van lopende regelingen", "Tafel A", "kennis", "Henk", 2, 3, 4),
            ("Ketenpartners delen geen gegevens", "Tafel B", "keten", "Marieke", 0, None, 1),
            ("Formulieren alleen in het Nederlands", "Tafel B", "klantbeleving", "Özlem", 0, 2, 3),
        ]
    )
    _klopt_telling(vb, snap, t.id)


@pytest.mark.parametrize(("cel", "getal"), [("4,5", 5), ("4.5", 5), ("2,49", 2), ("1,5", 2), ("3", 3), ("4,0", 4)])
def test_afgerond(cel, getal):
    assert tabel.afgerond(cel) == getal


# ---- UTF-16 "Unicode-tekst" -----------------------------------------------------------------------------


def test_excel_unicode_text_is_read_as_a_table_with_excel_row_numbers(tmp_path):
    raw = (DATA / "unicode_tekst.txt").read_bytes()
    assert raw[:2] == b"\xff\xfe"
    assert soort_bestand(raw, "unicode_tekst.txt") == "tabel"
    vb = _lees("unicode_tekst.txt")
    assert vb.details["codering"] == "UTF-16"
    assert vb.details["scheidingsteken"] == "tab"
    # the second data row has a line break in its cell: Excel row 4 is on file line 5
    assert _meldingen(vb) == [
        "Rij 4: aandachtsgebied 'Sportclub' ken ik niet; het knelpunt komt bij 'Nog niet ingedeeld'."
    ]
    assert [p.rij for p in vb.punten] == [2, 3, 4, 5]
    snap, t, _ = _opslaan(tmp_path, vb)
    assert _geland(snap, t.id) == sorted(
        [
            ("Lange wachttijd aan de telefoon", "Ochtend", "klantbeleving", "", 3, None, None),
            ("Dossiers staan in twee systemen\nen lopen uit de pas", "Ochtend", "randvoorwaarden", "", 1, None, None),
            ("Geen vast aanspreekpunt bij de GGD", "Middag", None, "", 2, None, None),
            ("Er wordt te laat doorverwezen naar de schuldhulp", "Middag", "keten", "", 0, None, None),
        ]
    )
    _klopt_telling(vb, snap, t.id)


def test_a_plain_list_or_chat_in_a_txt_stays_a_chat():
    assert soort_bestand("Te weinig tijd\nGeen budget\n".encode("utf-16"), "lijst.txt") == "tekst"
    assert soort_bestand(b"[10:02] Ayse: geen budget\n", "chat.txt") == "tekst"


def test_csv_row_numbers_count_records_not_lines():
    vb = tabel.lees(b'Knelpunt;Belang\n"twee\nregels";3\nde derde;hoog\n', "r.csv")
    assert _meldingen(vb) == ["Rij 3: belang 'hoog' is geen geldig getal; leeg gelaten."]


def test_a_header_naming_another_field_is_no_second_text_column():
    kop = [
        "Knelpunt",
        "Toelichting bij het knelpunt",
        "Heb je nog een ander knelpunt?",
        "Welk gebied past bij dit knelpunt?",
    ]
    assert tabel.extra_tekstkolommen(kop, {"tekst": 0}) == [2]


# ---- the command line: --droog says what the import then does ------------------------------------------


@pytest.mark.parametrize("bestand", ["tafels_samengevoegd.xlsx", "forms_twee_knelpunten.xlsx", "unicode_tekst.txt"])
def test_cli_dry_run_counts_equal_what_the_import_adds(tmp_path, bestand):
    import os
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    db = tmp_path / "s.json"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "schouders",
                "--db",
                str(db),
                "import",
                str(DATA / bestand),
                "--traject",
                "T",
                *args,
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "PYTHONPATH": str(root)},
        )

    droog = run("--droog")
    assert droog.returncode == 0, droog.stderr
    assert not db.exists() or not list(Store(db).snapshot().all("knelpunt"))
    m = re.search(r"(\d+) knelpunten in (\d+) groepen", droog.stdout)
    assert m, droog.stdout
    echt = run()
    assert echt.returncode == 0, echt.stderr
    assert f"{m.group(1)} knelpunten en {m.group(2)} groepen toegevoegd" in echt.stdout
    snap = Store(db).snapshot()
    t = next(iter(snap.all("traject")))
    _klopt_telling(lees_bestand((DATA / bestand).read_bytes(), bestand), snap, t.id)


def test_a_merged_text_is_one_knelpunt_and_a_header_merged_down_fills_nothing():
    raw = _xlsx(
        [
            ["Tafel", "Knelpunt", "Gebied"],
            [None, "Een lange tekst over twee rijen", "Keten"],
            [None, None, None],
            ["Tafel 2", "Kort", "Kennis"],
        ],
        ("A1:A3", "B2:B3"),
    )
    vb = tabel.lees(raw, "m.xlsx")
    assert [(p.rij, p.tekst, p.groep, p.gebied) for p in vb.punten] == [
        (2, "Een lange tekst over twee rijen", "", "keten"),
        (4, "Kort", "Tafel 2", "kennis"),
    ]
    assert _meldingen(vb) == ["Samengevoegde cellen in kolom Knelpunt, rij 2–3: één tekst, één punt."]


def test_a_utf16_plain_list_in_a_txt_is_read_as_a_list_not_called_binary():
    vb = lees_bestand("Te weinig tijd\r\nGeen budget voor één extra consulent\r\n".encode("utf-16"), "lijst.txt")
    assert vb.bron == "chat"
    assert [p.tekst for p in vb.punten] == ["Te weinig tijd", "Geen budget voor één extra consulent"]


def test_droog_on_the_command_line_says_which_column_is_read_as_what(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "schouders.json"
    bestand = Path(__file__).parent / "data" / "tafels_samengevoegd.xlsx"
    r = subprocess.run(
        [sys.executable, "-m", "schouders", "--db", str(db), "import", str(bestand), "--traject", "T", "--droog"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert r.returncode == 0, r.stderr
    assert "Kolommen: tekst ← 'Knelpunt', aandachtsgebied ← 'Gebied', groep ← 'Tafel'" in r.stdout
    assert "Per groep: Tafel 1 4, Tafel 2 4." in r.stdout
    assert "Per aandachtsgebied: " in r.stdout
    assert not db.exists()  # --droog writes nothing
