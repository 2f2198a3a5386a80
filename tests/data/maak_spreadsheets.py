"""Makes the spreadsheet samples in this folder the way they come from Excel and Microsoft Forms.

Run once (`python3 tests/data/maak_spreadsheets.py`); the files are committed, so the tests do not need it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HIER = Path(__file__).parent


def tafels_samengevoegd() -> None:
    """A themadag's knelpunten typed in afterwards: a title, 'Tafel' and sometimes 'Gebied' merged per block."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Themadag"
    ws["A1"] = "Knelpunten themadag schuldhulp, 12 november"
    ws.merge_cells("A1:E1")
    ws.append(["Tafel", "Gebied", "Knelpunt", "Kleur post-it", "Stippen"])
    rijen = [
        ("Tafel 1", "Klantbeleving", "Inwoners weten niet waar ze met schulden terechtkunnen", "geel", 3),
        (None, "Keten", "Schuldeisers reageren pas na weken op een voorstel", "geel", 1),
        (None, None, "Woningcorporatie meldt huurachterstand te laat", "roze", 2),
        (None, "Kennis", "Nieuwe collega's kennen de Wet gemeentelijke schuldhulpverlening slecht", "geel", None),
        ("Tafel 2", "Randvoorwaarden", "Wachtlijst van zes weken voor een eerste gesprek", "blauw", 4),
        (None, "Bestuurlijk mandaat", "Geen mandaat om kleine schulden zelf af te kopen", "blauw", None),
        (None, "Kunde", "Gespreksvaardigheid bij schaamte ontbreekt", "groen", 1),
        (None, None, "Te weinig tijd voor huisbezoeken", "groen", 2),
    ]
    for r in rijen:
        ws.append(list(r))
    ws.merge_cells("A3:A6")  # Tafel 1
    ws.merge_cells("A7:A10")  # Tafel 2
    ws.merge_cells("B4:B5")  # Keten
    ws.merge_cells("B9:B10")  # Kunde
    wb.save(HIER / "tafels_samengevoegd.xlsx")


def forms_twee_knelpunten() -> None:
    """A Microsoft Forms export: its own columns first, two knelpunt questions and an 'Aantal stippen'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(
        [
            "Id",
            "Begintijd",
            "Tijd van voltooien",
            "E-mail",
            "Naam",
            "Aan welke tafel zat je?",
            "Wat is het grootste knelpunt?",
            "Onder welk aandachtsgebied valt dit?",
            "Heb je nog een ander knelpunt?",
            "Aantal stippen",
        ]
    )
    antwoorden = [
        (
            "Ayse Kaya",
            "Tafel A",
            "Het klantportaal is alleen op een computer goed te gebruiken",
            "Klantbeleving",
            "Brieven zijn te moeilijk geschreven",
            4,
        ),
        ("Joost de Wit", "Tafel A", "We horen pas van het UWV als het al mis is", "Keten", "", 2),
        (
            "Fatima El Amrani",
            "Tafel B",
            "Er is geen budget voor een extra consulent",
            "Randvoorwaarden",
            "Het werkproces staat nergens beschreven",
            5,
        ),
        ("anoniem", "Tafel B", "Teamleiders beslissen niet over uitzonderingen", "Bestuurlijk mandaat", "", 0),
        (
            "Pieter Bakker",
            "tafel b",
            "Collega's weten weinig van de Participatiewet",
            "Kennis",
            "Inwerken duurt drie maanden",
            1,
        ),
        ("Sanne Visser", "Tafel C", "Consulenten durven geen nee te zeggen", "Kunde", "", 3),
    ]
    for nr, (naam, tafel, k1, gebied, k2, stippen) in enumerate(antwoorden, start=1):
        start = datetime(2026, 11, 3, 9, 10 + nr)
        ws.append(
            [nr, start, start.replace(minute=start.minute + 4), "anoniem", naam, tafel, k1, gebied, k2 or None, stippen]
        )
    wb.save(HIER / "forms_twee_knelpunten.xlsx")


def unicode_tekst() -> None:
    """Excel's 'Opslaan als → Unicode-tekst (*.txt)': UTF-16 LE with BOM, tabs, CRLF, a line break in a cell
    (quoted), so Excel row 4 sits on file line 5."""
    regels = [
        "Knelpunt\tAandachtsgebied\tGroep\tStippen",
        "Lange wachttijd aan de telefoon\tKlantbeleving\tOchtend\t3",
        '"Dossiers staan in twee systemen\r\nen lopen uit de pas"\tRandvoorwaarden\tOchtend\t1',
        "Geen vast aanspreekpunt bij de GGD\tSportclub\tMiddag\t2",
        "Er wordt te laat doorverwezen naar de schuldhulp\tKeten\tMiddag\t0",
    ]
    tekst = "\r\n".join(regels) + "\r\n"
    (HIER / "unicode_tekst.txt").write_bytes(b"\xff\xfe" + tekst.encode("utf-16-le"))


def decimale_komma() -> None:
    """Dutch Excel's 'CSV (gescheiden door lijstscheidingsteken)': semicolons, Windows-1252, averages with a comma."""
    regels = [
        "Knelpunt;Aandachtsgebied;Tafel;Deelnemer;Belang;Quick win;Aantal stemmen",
        "Aanvragen bijzondere bijstand duren te lang;Klantbeleving;Tafel A;Marieke;4,5;2,5;3",
        "Geen overzicht van lopende regelingen;Kennis;tafel a;Henk;3,4;4;2",
        "Ketenpartners delen geen gegevens;Keten;Tafel B;Marieke;5,5;1,0;0",
        "Formulieren alleen in het Nederlands;Klantbeleving; Tafel B ;Özlem;2;3,49;1,5",
    ]
    (HIER / "decimale_komma.csv").write_bytes(("\r\n".join(regels) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    tafels_samengevoegd()
    forms_twee_knelpunten()
    unicode_tekst()
    decimale_komma()
