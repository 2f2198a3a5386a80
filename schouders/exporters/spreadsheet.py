"""Knelpunten, oplossingsrichtingen and acties as spreadsheets: one .xlsx with a sheet each, or .csv per table.

Cells that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe
(`tabel.neutraliseer`); the importer removes exactly that again, so an export imports back unchanged.
The column names are ones the importer finds, so `tabel.lees` reads these files back without loss.
CSV is written the way Dutch Excel opens it directly: `;` between cells, UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from schouders import methode
from schouders.importers.tabel import neutraliseer

KNELPUNT_KOLOMMEN = (
    "Knelpunt",
    "Aandachtsgebied",
    "Groep",
    "Auteur",
    "Gerelateerde gebieden",
    "Toelichting",
    "Oplosbaarheid",
    "Essentieel",
    "Belang",
    "Quick win",
    "Prioriteit",
    "Stemmen",
    "Stap",
    "Opgelost",
)
RICHTING_KOLOMMEN = ("Oplossingsrichting", "Knelpunten", "Kaders", "Notities", "Groep")
ACTIE_KOLOMMEN = ("Actie", "Oplossingsrichting", "Eigenaar", "Deadline", "Status", "Verkennend", "Ronde", "Notities")
BLADEN = {"knelpunten": "Knelpunten", "richtingen": "Oplossingsrichtingen", "acties": "Acties"}
BREEDTES = {"Knelpunt": 60, "Oplossingsrichting": 45, "Actie": 55, "Knelpunten": 60, "Toelichting": 40, "Kaders": 40}

OPLOSBAARHEID_LABEL = dict(methode.OPLOSBAARHEID)
STATUS_LABEL = dict(methode.ACTIE_STATUSSEN)


def _ja(value: bool) -> str:
    return "ja" if value else ""


def tabellen(snap: Any, traject_id: str) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Per table (knelpunten, richtingen, acties): the column names and the rows (str, int, date or None)."""
    from schouders import prioriteren

    groepen = {g.id: g.naam for g in snap.of("groep", traject_id)}
    kn = sorted(
        snap.of("knelpunt", traject_id),
        key=lambda k: (prioriteren.gebied_volgorde(k.gebied), k.aangemaakt, k.id),
    )
    kn_rijen = []
    for k in kn:
        q = prioriteren.kwadrant_van(k)
        kn_rijen.append(
            (
                k.tekst,
                methode.gebied_label(k.gebied),
                groepen.get(k.groep_id or "", ""),
                k.auteur,
                ", ".join(methode.gebied_label(g) for g in k.gerelateerde_gebieden),
                k.toelichting,
                OPLOSBAARHEID_LABEL.get(k.oplosbaarheid or "", ""),
                _ja(k.essentieel),
                k.belang,
                k.quick_win,
                q.label if q else "",
                k.stemmen,
                k.bron_stap,
                k.opgelost,
            )
        )
    richtingen = sorted(snap.of("richting", traject_id), key=lambda r: (r.aangemaakt, r.id))
    r_rijen = []
    for r in richtingen:
        teksten = [k.tekst for k in (snap.get("knelpunt", i) for i in r.knelpunt_ids) if k is not None]
        r_rijen.append((r.titel, "\n".join(teksten), r.kaders, r.notities, groepen.get(r.groep_id or "", "")))
    acties = sorted(snap.of("actie", traject_id), key=lambda a: (a.deadline or date.max, a.aangemaakt, a.id))
    a_rijen = []
    for a in acties:
        r = snap.get("richting", a.richting_id)
        d = snap.get("deelnemer", a.eigenaar_id)
        b = snap.get("bijeenkomst", a.ronde_id)
        a_rijen.append(
            (
                a.wat,
                r.titel if r else "",
                d.naam if d else "",
                a.deadline,
                STATUS_LABEL.get(a.status, a.status),
                _ja(a.verkennend),
                (b.titel or f"Bijeenkomst {b.nummer}") if b else "",
                a.notities,
            )
        )
    return {
        "knelpunten": (KNELPUNT_KOLOMMEN, kn_rijen),
        "richtingen": (RICHTING_KOLOMMEN, r_rijen),
        "acties": (ACTIE_KOLOMMEN, a_rijen),
    }


def _xlsx_waarde(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return neutraliseer(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def xlsx(snap: Any, traject_id: str) -> bytes:
    """One workbook with a sheet for knelpunten, oplossingsrichtingen and acties."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for key, (kolommen, rijen) in tabellen(snap, traject_id).items():
        ws = wb.create_sheet(BLADEN[key])
        ws.append(list(kolommen))
        for c in ws[1]:
            c.font = Font(bold=True)
        for rij in rijen:
            ws.append([_xlsx_waarde(v) for v in rij])
        for i, kol in enumerate(kolommen, start=1):
            ws.column_dimensions[get_column_letter(i)].width = BREEDTES.get(kol, 18)
            if isinstance(next((r[i - 1] for r in rijen if r[i - 1] is not None), None), date):
                for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    c.number_format = "DD-MM-YYYY"
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and "\n" in c.value:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        if rijen:
            ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv_waarde(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return neutraliseer(str(value))


def csv_bytes(snap: Any, traject_id: str, tabel: str = "knelpunten", *, scheidingsteken: str = ";") -> bytes:
    """One table as CSV (UTF-8 with BOM, `;` by default: Dutch Excel opens it as is)."""
    if tabel not in BLADEN:
        raise ValueError(f"Onbekende tabel '{tabel}'. Kies uit: {', '.join(BLADEN)}.")
    kolommen, rijen = tabellen(snap, traject_id)[tabel]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=scheidingsteken, lineterminator="\r\n")
    w.writerow(kolommen)
    for rij in rijen:
        w.writerow([_csv_waarde(v) for v in rij])
    return buf.getvalue().encode("utf-8-sig")
