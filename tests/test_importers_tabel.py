"""Spreadsheet import: the Dutch Excel sample, separators, encodings, header search, loose gebied mapping,
problems per row, and the formula guard that must undo exactly what the export adds."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from schouders import methode
from schouders.importers import tabel
from schouders.model import Traject

SAMPLE = Path(__file__).resolve().parent / "data" / "voorbeeld_excel_nl.csv"

VERWACHT = [
    ("Cliënten haken af na het eerste gesprek", "klantbeleving", "Groep 1"),
    ("Kennis over de Wet gemeentelijke schuldhulpverlening ontbreekt", "kennis", "Groep 1"),
    ("Geen vaste contactpersoon bij de woningcorporatie", "keten", "Groep 2"),
    ("Te weinig uren voor huisbezoeken; €-budget op", "randvoorwaarden", "Groep 2"),
]


def _xlsx(rows: list[list[object]], titel: str = "Blad1") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = titel
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_sample_gives_four_knelpunten_with_gebied_and_groep():
    vb = tabel.lees(SAMPLE.read_bytes(), SAMPLE.name)
    assert [(p.tekst, p.gebied, p.groep) for p in vb.punten] == VERWACHT
    assert [p.rij for p in vb.punten] == [2, 3, 4, 5]
    assert vb.details == {"codering": "Windows-1252", "scheidingsteken": "puntkomma"}
    assert vb.problemen == []
    assert "4 knelpunten in 2 groepen" in vb.samenvatting()


def test_groups_become_groep_objects_and_are_reused(store):
    vb = tabel.lees(SAMPLE.read_bytes(), SAMPLE.name)
    traject = Traject(naam="Themadag")
    assert store.snapshot().get("traject", traject.id) is None
    schrijf = store.writes
    res = vb.opslaan(store, traject)
    assert store.writes == schrijf + 1  # the traject, its plan, groups and knelpunten in one write
    snap = store.snapshot()
    groepen = {g.id: g.naam for g in snap.of("groep", traject.id)}
    assert sorted(groepen.values()) == ["Groep 1", "Groep 2"]
    kn = sorted(snap.of("knelpunt", traject.id), key=lambda k: k.tekst)
    assert sorted((k.tekst, k.gebied, groepen[k.groep_id]) for k in kn) == sorted(VERWACHT)
    assert res.aantallen == {"groep": 2, "knelpunt": 4}
    # a second import into the same traject reuses the groups by name
    tabel.lees(SAMPLE.read_bytes(), SAMPLE.name).opslaan(store, snap.get("traject", traject.id))
    snap = store.snapshot()
    assert len(snap.of("groep", traject.id)) == 2
    assert len(snap.of("knelpunt", traject.id)) == 8


def test_nothing_is_saved_by_reading(store):
    before = store.path.read_bytes()
    tabel.lees(SAMPLE.read_bytes(), SAMPLE.name)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(("sep", "naam"), [(",", "komma"), (";", "puntkomma"), ("\t", "tab")])
def test_separators(sep, naam):
    regels = [
        ["Knelpunt", "Aandachtsgebied", "Groep"],
        ["Klanten haken af, ook later", "klant", "A"],
        ['Er is "geen" tijd', "tijd", "B"],
    ]
    buf = io.StringIO()
    import csv

    csv.writer(buf, delimiter=sep).writerows(regels)
    vb = tabel.lees(buf.getvalue().encode(), "x.csv")
    assert vb.details["scheidingsteken"] == naam
    assert [(p.tekst, p.gebied, p.groep) for p in vb.punten] == [
        ("Klanten haken af, ook later", "klantbeleving", "A"),
        ('Er is "geen" tijd', "randvoorwaarden", "B"),
    ]


@pytest.mark.parametrize(
    ("codering", "naam"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 met BOM"), ("cp1252", "Windows-1252"), ("utf-16", "UTF-16")],
)
def test_encodings(codering, naam):
    raw = "Knelpunt;Gebied\r\nCliënten één € ‘x’;Kennis\r\n".encode(codering)
    vb = tabel.lees(raw, "x.csv")
    assert vb.details["codering"] == naam
    assert vb.punten[0].tekst == "Cliënten één € ‘x’"
    assert vb.punten[0].gebied == "kennis"


def test_header_found_by_english_and_longer_names_below_a_title():
    raw = (
        b"Knelpunten van de themadag\n"
        b"\n"
        b"Group,Omschrijving van het knelpunt,Category,Author\n"
        b"T1,Te weinig tijd,Conditions,Ann\n"
        b"T2,Nobody knows the law,knowledge,Bob\n"
    )
    vb = tabel.lees(raw, "x.csv")
    assert [(p.tekst, p.gebied, p.groep, p.auteur) for p in vb.punten] == [
        ("Te weinig tijd", None, "T1", "Ann"),
        ("Nobody knows the law", "kennis", "T2", "Bob"),
    ]
    assert vb.kolommen["tekst"] == "Omschrijving van het knelpunt"
    meldingen = [str(p) for p in vb.problemen]
    assert any("kopregel staat op rij 3" in m for m in meldingen)
    assert any(m.startswith("Rij 4:") and "'Conditions'" in m and "Nog niet ingedeeld" in m for m in meldingen)


@pytest.mark.parametrize(
    ("invoer", "key"),
    [
        ("Bestuurlijk mandaat en organisatie", "bestuurlijk_mandaat"),
        ("bestuur", "bestuurlijk_mandaat"),
        ("mandaat", "bestuurlijk_mandaat"),
        ("BESTUURLIJK MANDAAT", "bestuurlijk_mandaat"),
        ("klant", "klantbeleving"),
        ("Klantbeleving (inwoner)", "klantbeleving"),
        ("kennis", "kennis"),
        ("Kunde", "kunde"),
        ("ketenpartners", "keten"),
        ("Randvoorwaarden", "randvoorwaarden"),
        ("geld", "randvoorwaarden"),
        ("Open gebied", "open"),
        ("bestuurlijk_mandaat", "bestuurlijk_mandaat"),
        ("", None),
        ("Nog niet ingedeeld", None),
    ],
)
def test_loose_gebied_mapping(invoer, key):
    assert tabel.gebied_uit(invoer) == (key, None)


@pytest.mark.parametrize("invoer", ["Sport", "Kennis en kunde", "xyz"])
def test_unknown_gebied_is_reported(invoer):
    gebied, fout = tabel.gebied_uit(invoer)
    assert gebied is None
    assert invoer in fout


def test_unknown_gebied_row_goes_to_niet_ingedeeld_and_is_reported():
    raw = b"Knelpunt;Aandachtsgebied\nA;Kennis\nB;Sport\nC;\n"
    vb = tabel.lees(raw, "x.csv")
    assert [(p.tekst, p.gebied) for p in vb.punten] == [("A", "kennis"), ("B", None), ("C", None)]
    assert [str(p) for p in vb.problemen] == [
        f"Rij 3: aandachtsgebied 'Sport' ken ik niet; het knelpunt komt bij '{methode.NIET_INGEDEELD}'."
    ]


def test_rows_without_text_and_bad_values_are_reported_by_row():
    raw = b"Knelpunt;Belang;Essentieel\nA;4;ja\n;3;\n\nB;hoog;misschien\nC;9;nee\n"
    vb = tabel.lees(raw, "x.csv")
    assert [(p.tekst, p.belang, p.essentieel) for p in vb.punten] == [
        ("A", 4, True),
        ("B", None, False),
        ("C", None, False),
    ]
    meldingen = [str(p) for p in vb.problemen]
    assert meldingen[0] == "Rij 3: geen tekst; deze rij is overgeslagen."
    assert any(m.startswith("Rij 5: belang 'hoog'") for m in meldingen)
    assert any(m.startswith("Rij 5: essentieel 'misschien'") for m in meldingen)
    assert any(m.startswith("Rij 6: belang '9'") for m in meldingen)
    assert vb.gelezen == 4  # the empty line is not a row


def test_soort_column_gives_succes_and_verbeterpunten(store):
    raw = b"Soort;Tekst\nsuccespunt;Korte lijnen\nverbeterpunt;Lange wachttijd\nknelpunt;Geen budget\n"
    vb = tabel.lees(raw, "x.csv")
    assert [p.soort for p in vb.punten] == ["succes", "verbeter", "knelpunt"]
    t = Traject(naam="Q")
    vb.opslaan(store, t)
    snap = store.snapshot()
    assert sorted((q.soort, q.tekst) for q in snap.of("quickscanpunt", t.id)) == [
        ("succes", "Korte lijnen"),
        ("verbeter", "Lange wachttijd"),
    ]
    assert [k.tekst for k in snap.of("knelpunt", t.id)] == ["Geen budget"]


def test_default_soort_for_a_plain_sheet():
    vb = tabel.lees(b"Tekst\nGoed contact\n", "x.csv", soort="succes")
    assert vb.punten[0].soort == "succes"


def test_xlsx_with_title_row_numbers_and_dates():
    raw = _xlsx(
        [
            ["Knelpunten themadag"],
            [],
            ["Knelpunt", "Gebied", "Groep", "Belang", "Opgelost"],
            ["Geen tijd", "randvoorwaarden", 3, 4.0, None],
            ["=1+1", "kennis", "A", None, None],  # a real formula: no text to read
            ["Alles kwijt", "kennis", "A", None, date(2026, 3, 1)],
        ]
    )
    vb = tabel.lees(raw, "x.xlsx")
    assert vb.details["blad"] == "Blad1"
    assert [(p.rij, p.tekst, p.gebied, p.groep, p.belang, p.opgelost) for p in vb.punten] == [
        (4, "Geen tijd", "randvoorwaarden", "3", 4, None),
        (6, "Alles kwijt", "kennis", "A", None, date(2026, 3, 1)),
    ]
    assert [str(p) for p in vb.problemen] == [
        "de kopregel staat op rij 3; wat erboven staat is overgeslagen.",
        "Rij 5: geen tekst; deze rij is overgeslagen.",
    ]


# ---- formula injection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "veilig"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-5 uur", "'-5 uur"),
        ("@home", "'@home"),
        ("'=al beschermd", "''=al beschermd"),
        ("''+twee", "'''+twee"),
        ("gewoon", "gewoon"),
        ("'citaat'", "'citaat'"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutraliseer_and_herstel_are_a_lossless_pair(tekst, veilig):
    assert tabel.neutraliseer(tekst) == veilig
    assert tabel.herstel(veilig) == tekst


def test_importer_strips_exactly_the_guard():
    raw = b"Knelpunt\n'=HYPERLINK(\"x\")\n''@twee\n'gewoon citaat\n"
    vb = tabel.lees(raw, "x.csv")
    assert [p.tekst for p in vb.punten] == ['=HYPERLINK("x")', "'@twee", "'gewoon citaat"]
