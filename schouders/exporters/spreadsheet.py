"""Knelpunten, oplossingsrichtingen and acties as spreadsheets: one .xlsx with a sheet each, or .csv per table.

The .xlsx also has sheets for the vraagstuk, the doel with all its versions, the bijeenkomsten, the deelnemers
and the evaluaties; every sheet prints landscape on A4 at page width, with the header row on every page and a
Dutch header and footer. Long texts wrap in columns wide enough to read them.

A text that a spreadsheet would run as a formula (starting with = + - @) is a text cell in the .xlsx (the cell's
type says so; nothing is added to the text). In CSV, which has no types, it gets a leading apostrophe
(`tabel.neutraliseer`); the importer removes exactly that again, so an export imports back unchanged.
The column names are ones the importer finds, so `tabel.lees` reads these files back without loss.
CSV is written the way Dutch Excel opens it directly: `;` between cells, UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from schouders import methode
from schouders.datums import datum_nl
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
EXTRA_BLADEN = {
    "vraagstuk": "Vraagstuk",
    "doel": "Doel",
    "bijeenkomsten": "Bijeenkomsten",
    "deelnemers": "Deelnemers",
    "evaluaties": "Evaluaties",
}
VRAAGSTUK_KOLOMMEN = ("Vraagstuk", "Rol", "Deelnemer", "Kenmerken", "Vastgelegd")
DOEL_KOLOMMEN = ("Doel", "Soort", "Huidig", "Vastgelegd", "Bijeenkomst", "Vraagstuk", "SMART")
BIJEENKOMST_KOLOMMEN = (
    "Nr",
    "Titel",
    "Datum",
    "Vorm",
    "Duur (uur)",
    "Stappen",
    "Intentie",
    "Agenda",
    "Aanwezig",
    "Verslag",
)
DEELNEMER_KOLOMMEN = ("Naam", "Organisatie", "Rol", "Groep", "Aanwezig bij", "Acties als eigenaar")
EVALUATIE_KOLOMMEN = ("Actie of verandering", "Datum", "Bijeenkomst", *(v for _, v in methode.EVALUATIE_VRAGEN))
EVALUATIE_KOLOMMEN = (*EVALUATIE_KOLOMMEN, "Nieuwe knelpunten")
# widths in characters; a column not named here gets a width after its content (at most BREEDTE_MAX)
BREEDTES = {"Knelpunt": 60, "Oplossingsrichting": 45, "Actie": 55, "Knelpunten": 60, "Toelichting": 40, "Kaders": 40}
BREEDTES |= {"Vraagstuk": 70, "Doel": 70, "Intentie": 45, "Agenda": 40, "Verslag": 60, "Notities": 40}
BREEDTES |= {"SMART": 45, "Actie of verandering": 40, "Nieuwe knelpunten": 40}
BREEDTE_MIN, BREEDTE_MAX = 8, 50

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


def _dag(iso: str | None) -> date | None:
    """The day of an ISO timestamp (the store's `aangemaakt`)."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None


def extra_tabellen(snap: Any, traject_id: str) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """The .xlsx's other sheets: vraagstuk, doel (every version, newest first), bijeenkomsten, deelnemers and
    evaluaties – column names and rows."""
    from schouders.exporters.rapport import DOEL_SOORT, KENMERK, SMART_OORDEEL
    from schouders.trajecten import werkvraagstuk

    tid = traject_id
    namen = {d.id: d.naam for d in snap.of("deelnemer", tid)}
    bijeenkomsten = sorted(snap.of("bijeenkomst", tid), key=lambda b: b.nummer)
    b_naam = {b.id: b.titel or f"Bijeenkomst {b.nummer}" for b in bijeenkomsten}
    vraagstukken = sorted(snap.of("vraagstuk", tid), key=lambda v: (v.deelnemer_id or "", v.aangemaakt, v.id))
    v_tekst = {v.id: v.tekst for v in vraagstukken}
    werk = {w.id for w in (werkvraagstuk(snap, tid, d) for d in {v.deelnemer_id for v in vraagstukken}) if w}

    def rol(v: Any) -> str:
        if v.id in werk:
            return "werkvraagstuk"
        if v.parent_id:
            return "deelvraag"
        return "breder vraagstuk" if any(x.parent_id == v.id for x in vraagstukken) else "ook genoemd"

    v_rijen = [
        (
            v.tekst,
            rol(v),
            namen.get(v.deelnemer_id or "", ""),
            ", ".join(KENMERK[k] for k, aan in v.kenmerken.items() if aan and k in KENMERK),
            _dag(v.aangemaakt),
        )
        for v in vraagstukken
    ]
    doelen = sorted(snap.of("doel", tid), key=lambda d: (d.aangemaakt, d.id), reverse=True)
    nieuwste: dict[str | None, str] = {}
    for d in doelen:
        nieuwste.setdefault(d.vraagstuk_id, d.id)
    d_rijen = []
    for d in doelen:
        smart = "; ".join(
            f"{letter}: {SMART_OORDEEL.get(c.get('status', ''), c.get('status', ''))}"
            + (f" ({c['notitie']})" if c.get("notitie") else "")
            for letter, c in d.smart.items()
        )
        d_rijen.append(
            (
                d.tekst,
                DOEL_SOORT.get(d.soort, d.soort),
                _ja(nieuwste.get(d.vraagstuk_id) == d.id),
                _dag(d.aangemaakt),
                b_naam.get(d.bijeenkomst_id or "", ""),
                v_tekst.get(d.vraagstuk_id or "", ""),
                smart,
            )
        )
    b_rijen = [
        (
            b.nummer,
            b.titel,
            b.datum,
            "online" if b.online else "op locatie",
            b.duur_uren,
            ", ".join(str(s) for s in b.stappen),
            b.intentie,
            b.agenda,
            ", ".join(namen[i] for i in b.aanwezigen if i in namen),
            b.verslag,
        )
        for b in bijeenkomsten
    ]
    groepen = {g.id: g.naam for g in snap.of("groep", tid)}
    acties = snap.of("actie", tid)
    dn_rijen = [
        (
            d.naam,
            d.organisatie,
            d.rol,
            groepen.get(d.groep_id or "", ""),
            ", ".join(b_naam[b.id] for b in bijeenkomsten if d.id in b.aanwezigen),
            sum(1 for a in acties if a.eigenaar_id == d.id) or None,
        )
        for d in sorted(snap.of("deelnemer", tid), key=lambda d: d.naam.casefold())
    ]
    e_rijen = []
    for e in sorted(snap.of("evaluatie", tid), key=lambda e: (e.aangemaakt, e.id)):
        a = snap.get("actie", e.actie_id)
        nieuw = [k.tekst for k in (snap.get("knelpunt", i) for i in e.nieuwe_knelpunt_ids) if k is not None]
        e_rijen.append(
            (
                a.wat if a else e.onderwerp,
                _dag(e.aangemaakt),
                b_naam.get(e.bijeenkomst_id or "", ""),
                *(str(e.antwoorden.get(key, "")).strip() for key, _ in methode.EVALUATIE_VRAGEN),
                "\n".join(nieuw),
            )
        )
    return {
        "vraagstuk": (VRAAGSTUK_KOLOMMEN, v_rijen),
        "doel": (DOEL_KOLOMMEN, d_rijen),
        "bijeenkomsten": (BIJEENKOMST_KOLOMMEN, b_rijen),
        "deelnemers": (DEELNEMER_KOLOMMEN, dn_rijen),
        "evaluaties": (EVALUATIE_KOLOMMEN, e_rijen),
    }


def _xlsx_cel(ws: Any, rij: int, kol: int, value: Any) -> Any:
    """One cell. A text is always a text cell: one that starts like a formula (`=1+1 budget`) is stored as
    it is with the type 's', so no spreadsheet runs it and nobody sees an apostrophe. Only a text that
    itself starts with apostrophes before such a character gets one more, so the importer's `herstel`
    (which drops one) gives it back unchanged."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("'"):
            value = neutraliseer(value)
        cel = ws.cell(row=rij, column=kol)
        cel.value = value
        cel.data_type = "s"
        return cel
    return ws.cell(row=rij, column=kol, value=value)


def _breedte(kol: str, rijen: list[tuple[Any, ...]], i: int) -> float:
    if kol in BREEDTES:
        return BREEDTES[kol]
    lengtes = [len(kol) + 2]
    for r in rijen:
        v = r[i]
        if isinstance(v, date):
            lengtes.append(11)
        elif v is not None:
            lengtes.append(max((len(regel) for regel in str(v).splitlines()), default=0) + 2)
    return max(BREEDTE_MIN, min(max(lengtes), BREEDTE_MAX))


def xlsx(snap: Any, traject_id: str, *, vandaag: date | None = None) -> bytes:
    """One workbook: knelpunten, oplossingsrichtingen and acties (read back by the importer), then vraagstuk,
    doel, bijeenkomsten, deelnemers and evaluaties."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    t = snap.get("traject", traject_id)
    traject_naam = t.naam if t else ""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = ", ".join(t.procesbegeleiders) if t and t.procesbegeleiders else "Schouders"
    wb.properties.title = f"Actieplan · {traject_naam}" if traject_naam else "Actieplan"
    wb.properties.language = "nl-NL"
    bladen = [(BLADEN[k], v) for k, v in tabellen(snap, traject_id).items()]
    bladen += [(EXTRA_BLADEN[k], v) for k, v in extra_tabellen(snap, traject_id).items()]
    kop_stijl = Font(bold=True)
    boven = Alignment(vertical="top")
    omloop = Alignment(wrap_text=True, vertical="top")
    for titel, (kolommen, rijen) in bladen:
        ws = wb.create_sheet(titel)
        for k, kol in enumerate(kolommen, start=1):
            c = _xlsx_cel(ws, 1, k, kol)
            c.font = kop_stijl
            c.alignment = omloop
        for r, rij in enumerate(rijen, start=2):
            for k, waarde in enumerate(rij, start=1):
                _xlsx_cel(ws, r, k, waarde)
        for i, kol in enumerate(kolommen, start=1):
            ws.column_dimensions[get_column_letter(i)].width = _breedte(kol, rijen, i - 1)
            waarden = [r[i - 1] for r in rijen if r[i - 1] is not None]
            tekst = any(isinstance(v, str) for v in waarden) or not waarden
            datum = bool(waarden) and isinstance(waarden[0], date)
            for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if datum:
                    c.number_format = "DD-MM-YYYY"
                c.alignment = omloop if tekst else boven
        ws.freeze_panes = "A2"
        if rijen:
            ws.auto_filter.ref = ws.dimensions
        _afdruk(ws, titel, traject_naam, vandaag or date.today())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _afdruk(ws: Any, titel: str, traject: str, vandaag: date) -> None:
    """Print set-up: A4 landscape at the page's width (as many pages down as needed), the header row on every
    page, and a Dutch header and footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    for kop in (ws.oddHeader, ws.evenHeader):
        kop.left.text = _kopvoet(traject)
        kop.right.text = datum_nl(vandaag)
    for voet in (ws.oddFooter, ws.evenFooter):
        voet.left.text = _kopvoet(titel)
        voet.right.text = "Pagina &P van &N"


def _kopvoet(tekst: str) -> str:
    """Text for a print header: '&' starts a code there, so it is doubled."""
    return tekst.replace("&", "&&")


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
