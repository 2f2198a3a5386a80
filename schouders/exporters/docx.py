"""A report as a Word document (python-docx): headings, lists, tables, and the charts as images.

Laid out as a Dutch office document: A4 with 2.5 cm margins, Calibri, nl-NL as the language of every style
(so Word checks the spelling in Dutch), a header with the traject and the date, "pagina X van Y" in the
footer, the procesbegeleiders as author, column widths after the text they hold (no word broken inside a
cell), alt text on every chart, each caption kept with its chart, and a table of contents for long plans.

The charts are drawn by `grafiek` (reportlab and pdfium, no browser): the document is the same on every
computer, with or without Chrome or Chromium, and making it sends nothing anywhere. Without images
(`met_afbeeldingen=False`, or should drawing fail) each chart's numbers are a table and one sentence says so.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from schouders.datums import datum_nl
from schouders.exporters.rapport import Alinea, Figuur, Kop, Lijst, Rapport, Tabel, scheiding

GEEN_AFBEELDINGEN = "De grafieken staan in dit document als tabel, met dezelfde cijfers."
A4_TWIPS = (11906, 16838)  # 210 × 297 mm
MARGE_CM = 2.5
PAGINA_BREEDTE_CM = 21.0 - 2 * MARGE_CM  # the text width
TWIPS_PER_CM = 1440 / 2.54
TAAL = "nl-NL"
LETTER = "Calibri"
TABEL_PT = 10  # table text, a point smaller than the body
CEL_MARGE_CM = 0.19  # the cell padding Word and LibreOffice put left and right of a cell's text
TABEL_STIJL = "Light Grid Accent 1"
KORT_CM = 4.5  # a column this narrow on one line (a date, a name) is kept on one line
INHOUD_VANAF_PAGINAS = 5  # a table of contents for documents longer than this
REGELS_PER_PAGINA = 46
_XML_ONGELDIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: str) -> str:
    """Text Word accepts: characters XML forbids are dropped."""
    return _XML_ONGELDIG.sub("", str(text))


def afbeeldingen(figuren: Sequence[Any]) -> list[bytes] | None:
    """PNG bytes for each plotly figure, drawn without a browser; None when drawing fails (never a failed
    export: the document then shows the numbers as tables)."""
    from schouders.exporters import grafiek

    try:
        return [grafiek.png(f, met_titel=False) for f in figuren]  # the caption under it says the title
    except Exception:  # a figure the drawing does not understand: tables, not a broken document
        return None


def render(
    r: Rapport,
    *,
    met_afbeeldingen: bool = True,
    voortgang: Callable[[float, str], None] | None = None,
) -> bytes:
    """The .docx file as bytes."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Pt, RGBColor

    def meld(deel: float, tekst: str) -> None:
        if voortgang:
            voortgang(deel, tekst)

    figuren = r.figuren()
    plaatjes: list[bytes] | None = None
    if met_afbeeldingen and figuren:
        meld(0.1, "Grafieken omzetten naar afbeeldingen")
        plaatjes = afbeeldingen([f.maak() for f in figuren])
    meld(0.6, "Word-document opbouwen")
    doc = Document()
    _pagina(doc)
    normaal = doc.styles["Normal"]
    normaal.font.size = Pt(11)
    normaal.font.name = LETTER
    tabeltekst = doc.styles.add_style("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH)
    tabeltekst.base_style = normaal
    tabeltekst.font.size = Pt(TABEL_PT)
    tabeltekst.paragraph_format.space_after = Pt(0)
    tabeltekst.paragraph_format.line_spacing = 1.0
    for niveau in (1, 2):
        toc = doc.styles.add_style(f"toc {niveau}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normaal
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.left_indent = Cm(0.6 * (niveau - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(Cm(PAGINA_BREEDTE_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _stijlen_nl(doc)
    _kop_en_voet(doc, r)
    _eigenschappen(doc, r)

    stijl_ids: dict[str, str] = {}

    def alinea(tekst: str, stijl: str) -> Any:
        """A paragraph in a named style. python-docx looks a style name up in a slow loop for every
        paragraph (half a minute for 1,000 knelpunten); the id is looked up once and set directly."""
        if stijl not in stijl_ids:
            stijl_ids[stijl] = doc.styles[stijl].style_id
        p = doc.add_paragraph(tekst)
        p._p.style = stijl_ids[stijl]
        return p

    alinea(_t(r.titel), "Title")
    for regel in r.onder:
        p = doc.add_paragraph()
        run = p.add_run(_t(regel))
        run.font.color.rgb = RGBColor(0x57, 0x60, 0x6A)
        p.paragraph_format.space_after = Pt(0)
    if figuren and plaatjes is None:
        p = doc.add_paragraph()
        p.add_run(GEEN_AFBEELDINGEN).italic = True
    in_inhoud: dict[int, int] = {}  # block index -> bookmark number
    if paginas(r) > INHOUD_VANAF_PAGINAS:
        koppen = _inhoud_koppen(r)
        in_inhoud = {i: nr for nr, (i, *_) in enumerate(koppen, start=1)}
        _inhoud(doc, koppen, alinea)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    figuur_nr = 0
    for i, b in enumerate(r.blokken):
        if isinstance(b, Kop):
            kop = alinea(_t(b.tekst), f"Heading {min(max(b.niveau - 1, 1), 9)}")
            if i in in_inhoud:
                _markeer(kop, in_inhoud[i])
        elif isinstance(b, Alinea):
            p = doc.add_paragraph()
            if b.label:
                p.add_run(_t(b.label) + scheiding(b)).bold = True
            run = p.add_run(_t(b.tekst))
            if b.nadruk:
                run.font.color.rgb = RGBColor(0xA0, 0x40, 0x00)
                p.runs[0].font.color.rgb = RGBColor(0xA0, 0x40, 0x00)
            volgende = r.blokken[i + 1] if i + 1 < len(r.blokken) else None
            if not b.tekst or (isinstance(volgende, Figuur) and plaatjes is not None):
                # a label that introduces the list or table under it, or the sentence a chart illustrates
                p.paragraph_format.keep_with_next = True
        elif isinstance(b, Lijst):
            for item in b.items:
                alinea(_t(item), "List Bullet")
        elif isinstance(b, Tabel):
            _tabel(doc, b)
        elif isinstance(b, Figuur):
            figuur_nr += 1
            if plaatjes is not None:
                vorm = doc.add_picture(io.BytesIO(plaatjes[figuur_nr - 1]), width=Cm(PAGINA_BREEDTE_CM))
                doc_pr = vorm._inline.docPr
                doc_pr.set("name", f"Grafiek {figuur_nr}")
                doc_pr.set("descr", _t(alt_tekst(b)))
                p = doc.paragraphs[-1]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.keep_with_next = True  # the caption stays with its chart
                onder = alinea(f"Figuur {figuur_nr}. {_t(b.titel)}", "Caption")
                onder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                p = doc.add_paragraph()
                p.add_run(_t(b.titel)).bold = True
                p.paragraph_format.keep_with_next = True
                _tabel(doc, b.tabel)
    out = io.BytesIO()
    doc.save(out)
    meld(1.0, "Klaar")
    return out.getvalue()


def alt_tekst(f: Figuur) -> str:
    """What a chart shows, in words: its title and its numbers (for screen readers and Word's alt text)."""
    kol = f.tabel.kolommen
    delen = []
    for rij in f.tabel.rijen:
        if len(kol) == 2:
            delen.append(f"{rij[0]}: {rij[1]}")
        else:
            delen.append(f"{rij[0]}: " + ", ".join(f"{k} {v}" for k, v in zip(kol[1:], rij[1:], strict=False)))
    tekst = f"Grafiek: {f.titel}. {kol[1] if len(kol) == 2 else 'Aantallen'} per {kol[0].lower()}: " + "; ".join(delen)
    return tekst if len(tekst) <= 1500 else tekst[:1497] + "…"


def _regels(b: Any) -> float:
    """Roughly how many lines of an A4 page (11 pt) a block takes."""
    if isinstance(b, Kop):
        return 2.5
    if isinstance(b, Alinea):
        return 1.5 + (len(b.label) + len(b.tekst)) / 95
    if isinstance(b, Lijst):
        return sum(1.2 + len(i) / 85 for i in b.items)
    if isinstance(b, Tabel):
        return 2 + sum(1 + max((len(c) for c in rij), default=0) / 40 for rij in b.rijen)
    if isinstance(b, Figuur):
        return 24
    return 0


def paginas(r: Rapport) -> float:
    """A rough page count (A4, 11 pt): enough to decide on a table of contents."""
    return (6.0 + len(r.onder) + sum(_regels(b) for b in r.blokken)) / REGELS_PER_PAGINA


def _inhoud_koppen(r: Rapport) -> list[tuple[int, int, str]]:
    """The headings a table of contents lists: (block index, toc level, text)."""
    hoofdstukken = sum(1 for b in r.blokken if isinstance(b, Kop) and b.niveau == 2)
    diepte = 2 if hoofdstukken < 6 else 1  # many chapters: the chapters alone
    return [
        (i, b.niveau - 1, _t(b.tekst))
        for i, b in enumerate(r.blokken)
        if isinstance(b, Kop) and 1 <= b.niveau - 1 <= diepte
    ]


# ---- layout: page, styles, header and footer, properties -----------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _pagina(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Twips

    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
    s.left_margin = s.right_margin = s.top_margin = s.bottom_margin = Cm(MARGE_CM)
    s.header_distance = s.footer_distance = Cm(1.25)


def _stijlen_nl(doc: Any) -> None:
    """nl-NL and Calibri on the document defaults and on every style; Word checks the spelling in Dutch."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rprs = [rpr_default] if rpr_default is not None else []
    for stijl in styles.findall(qn("w:style")):
        if stijl.get(qn("w:type")) == "numbering":  # numbering styles carry no run properties
            continue
        rprs.append(stijl.get_or_add_rPr())
    for rpr in rprs:
        _zet(rpr, "w:lang", {"val": TAAL})
    for fonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attr}"), LETTER)
    if rpr_default is not None and rpr_default.find(qn("w:rFonts")) is None:
        rpr_default.insert(0, _el("w:rFonts", ascii=LETTER, hAnsi=LETTER, cs=LETTER))
    instellingen = doc.settings.element
    for oud in instellingen.findall(qn("w:proofState")):  # "spelling checked": let Word check the Dutch
        instellingen.remove(oud)


_NA_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def _zet(rpr: Any, tag: str, attrs: dict[str, str]) -> None:
    """Set a child of run properties, in the place the schema wants it."""
    from docx.oxml.ns import qn

    el = rpr.find(qn(tag))
    if el is None:
        el = _el(tag)
        na = next((c for c in rpr if c.tag in {qn(t) for t in _NA_LANG}), None)
        if na is None:
            rpr.append(el)
        else:
            na.addprevious(el)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)


def _veld(p: Any, instructie: str, voorbeeld: str) -> None:
    """A Word field (PAGE, NUMPAGES, …) at the end of a paragraph, with the text shown until it updates."""
    _veld_begin(p, instructie)
    p.add_run(voorbeeld)
    p.add_run()._r.append(_fldchar("end"))


def _tabs(p: Any) -> None:
    """One right tab at the text's edge (the template's Letter-size tabs cleared)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Twips

    ts = p.paragraph_format.tab_stops
    for oud in (4680, 9360):
        ts.add_tab_stop(Twips(oud), WD_TAB_ALIGNMENT.CLEAR)
    ts.add_tab_stop(Cm(PAGINA_BREEDTE_CM), WD_TAB_ALIGNMENT.RIGHT)


def _kop_en_voet(doc: Any, r: Rapport) -> None:
    """Header: traject and date; footer: the document and 'pagina X van Y'."""
    from docx.shared import Pt, RGBColor

    grijs = RGBColor(0x57, 0x60, 0x6A)
    s = doc.sections[0]
    kop = s.header.paragraphs[0]
    _tabs(kop)
    kop.add_run(_t(r.traject or r.titel))
    kop.add_run("\t" + datum_nl(r.datum or date.today()))
    voet = s.footer.paragraphs[0]
    _tabs(voet)
    voet.add_run(_t(r.titel) + "\tpagina ")
    _veld(voet, "PAGE", "1")
    voet.add_run(" van ")
    _veld(voet, "NUMPAGES", "1")
    for p in (kop, voet):
        for run in p.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = grijs


def _eigenschappen(doc: Any, r: Rapport) -> None:
    """Title, subject, author (the procesbegeleiders), now, Dutch – and nothing of the template's history."""
    nu = datetime.now(UTC).replace(microsecond=0)
    wie = ", ".join(r.auteurs) or "Schouders"
    cp = doc.core_properties
    cp.title = _t(r.titel)
    cp.subject = _t(r.onderwerp or r.titel)[:250]
    cp.author = cp.last_modified_by = _t(wie)
    cp.created = cp.modified = nu
    for gedrukt in cp._element.findall(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted"
    ):  # never printed
        cp._element.remove(gedrukt)
    cp.language = TAAL
    cp.comments = "Gemaakt met Schouders"
    cp.keywords = _t(", ".join(d for d in ("Schouders", r.traject) if d))
    cp.category = ""
    cp.revision = 1
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":  # the template says "Microsoft Macintosh Word"
            xml = part.blob.decode("utf-8")
            xml = re.sub(r"<Application>.*?</Application>", "<Application>Schouders</Application>", xml)
            xml = re.sub(r"<Template>.*?</Template>", "<Template/>", xml)
            part._blob = xml.encode("utf-8")


def _bladwijzer(nr: int) -> str:
    return f"_Toc{nr:08d}"


def _inhoud(doc: Any, koppen: list[tuple[int, int, str]], alinea: Callable[[str, str], Any]) -> None:
    """A table of contents field. Until Word updates it (F9, or on printing) it shows the headings, each a link
    to its heading, without page numbers: an estimate would be wrong in one program or the other, and
    LibreOffice shows the stored result as it is."""
    diepte = max((niveau for _, niveau, _ in koppen), default=1)
    titel = alinea("Inhoud", "Heading 1")
    titel.paragraph_format.keep_with_next = True
    eerste = doc.add_paragraph()
    _veld_begin(eerste, f'TOC \\o "1-{diepte}" \\h \\z \\u')
    for nr, (_, niveau, tekst) in enumerate(koppen, start=1):
        p = alinea("", f"toc {niveau}")
        link = _el("w:hyperlink", anchor=_bladwijzer(nr), history="1")
        r_ = _el("w:r")
        t = _el("w:t")
        t.text = tekst
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r_.append(t)
        link.append(r_)
        p._p.append(link)
    laatste = doc.add_paragraph()
    laatste.add_run()._r.append(_fldchar("end"))


def _markeer(p: Any, nr: int) -> None:
    """A bookmark around a heading's text, for the table of contents to point at."""
    start = _el("w:bookmarkStart", id=str(nr), name=_bladwijzer(nr))
    p_pr = p._p.pPr
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p._p.insert(0, start)
    p._p.append(_el("w:bookmarkEnd", id=str(nr)))


def _fldchar(soort: str) -> Any:
    from docx.oxml.ns import qn

    el = _el("w:fldChar")
    el.set(qn("w:fldCharType"), soort)
    return el


def _veld_begin(p: Any, instructie: str) -> None:
    p.add_run()._r.append(_fldchar("begin"))
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instructie} "
    p.add_run()._r.append(instr)
    p.add_run()._r.append(_fldchar("separate"))


# ---- tables -------------------------------------------------------------------------------------------


def _tabel(doc: Any, t: Tabel) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    tabel = doc.add_table(rows=1, cols=len(t.kolommen))
    try:
        tabel.style = TABEL_STIJL
    except (KeyError, ValueError):  # a template without that style
        tabel.style = "Table Grid"
    look = tabel._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook")
    if look is not None:  # the header row stands out, the first column does not
        for k, v in (("firstColumn", "0"), ("val", "0420")):
            look.set(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{k}", v)
    pt, breedtes = tabelmaat(t)
    stijl = doc.styles["Tabeltekst"].style_id
    for cel, kop in zip(tabel.rows[0].cells, t.kolommen, strict=True):
        cel.text = ""
        cel.paragraphs[0]._p.style = stijl
        cel.paragraphs[0].add_run(_t(kop)).bold = True
    _herhaal_kop(tabel.rows[0])
    for rij in t.rijen:
        cellen = tabel.add_row().cells
        for cel, waarde in zip(cellen, rij, strict=False):
            cel.text = _t(waarde)
            cel.paragraphs[0]._p.style = stijl
    # the size on every run: LibreOffice lets a table style's size win over the paragraph style's
    grootte = Pt(pt)
    for tr in tabel._tbl.tr_lst:
        for r_ in tr.iter(qn("w:r")):
            r_.get_or_add_rPr().sz_val = grootte
    _breedtes(tabel, breedtes)
    doc.add_paragraph()


# Character widths in em, on the wide side: LibreOffice without Calibri or Carlito falls back to DejaVu Sans,
# which is wider than Calibri; a width that fits DejaVu fits Calibri too.
_SMAL = set("ijlI.,:;'!|` ")
_HALF = set('ftr()[]-/"')
_BREED = set("mwMW@%")


def tekstbreedte_cm(tekst: str, *, vet: bool = False, pt: float = TABEL_PT) -> float:
    """How wide a text is on one line, estimated from its letters."""
    em = 0.0
    for c in tekst:
        if c in _SMAL:
            em += 0.32
        elif c in _HALF:
            em += 0.43
        elif c in _BREED:
            em += 1.0
        elif c.isupper():
            em += 0.79
        elif c.isdigit():
            em += 0.64
        else:
            em += 0.63
    return em * (1.14 if vet else 1.0) * pt * 2.54 / 72


def tabelmaat(t: Tabel, totaal: float = PAGINA_BREEDTE_CM) -> tuple[float, list[float]]:
    """The letter size (pt) and column widths (cm) of a table: 10 pt, or smaller when the longest words of
    its columns do not fit side by side."""
    for pt in (TABEL_PT, 9, 8):
        breedtes, past = kolombreedtes(t, totaal, pt=pt)
        if past:
            break
    return pt, breedtes


def kolombreedtes(t: Tabel, totaal: float = PAGINA_BREEDTE_CM, *, pt: float = TABEL_PT) -> tuple[list[float], bool]:
    """Column widths in cm that add up to `totaal`: no column narrower than its longest word, short columns
    (dates, numbers, codes) kept on one line, and the room left to the columns with the most text.
    The flag says whether every word fits."""
    n = len(t.kolommen)
    smal = [0.0] * n  # the longest word
    vol = [0.0] * n  # the longest text on one line
    for i, kop in enumerate(t.kolommen):
        teksten = [(kop, True), *((rij[i], False) for rij in t.rijen if i < len(rij))]
        for tekst, vet in teksten:
            for regel in str(tekst).splitlines() or [""]:
                vol[i] = max(vol[i], tekstbreedte_cm(regel, vet=vet, pt=pt))
                for woord in regel.split():
                    smal[i] = max(smal[i], tekstbreedte_cm(woord, vet=vet, pt=pt))
    rand = 2 * CEL_MARGE_CM + 0.08
    smal = [s + rand for s in smal]
    vol = [max(v + rand, s) for v, s in zip(vol, smal, strict=True)]
    if sum(vol) <= totaal:  # everything on one line: the extra room in proportion
        return [v * totaal / sum(vol) for v in vol], True
    ondergrens = list(smal)
    for i in sorted(range(n), key=lambda i: vol[i]):  # short columns on one line, the shortest first
        if vol[i] <= KORT_CM and sum(ondergrens) - ondergrens[i] + vol[i] <= totaal:
            ondergrens[i] = vol[i]
    if sum(ondergrens) >= totaal:  # even the words do not fit: shrink (rare: many columns of long words)
        return [s * totaal / sum(ondergrens) for s in ondergrens], False
    wens = [max(v - o, 0.0) for v, o in zip(vol, ondergrens, strict=True)]
    over = totaal - sum(ondergrens)
    if sum(wens) == 0:
        return [o * totaal / sum(ondergrens) for o in ondergrens], True
    return [o + over * w / sum(wens) for o, w in zip(ondergrens, wens, strict=True)], True


def _breedtes(tabel: Any, breedtes_cm: list[float]) -> None:
    """Column widths after the text they hold, in the grid and in every cell, with a fixed layout: Word and
    LibreOffice then keep them."""
    from docx.oxml.ns import qn
    from docx.shared import Twips

    breedtes = [round(b * TWIPS_PER_CM) for b in breedtes_cm]
    tabel.autofit = False  # tblLayout fixed
    tbl = tabel._tbl
    for kol, w in zip(tbl.tblGrid.gridCol_lst, breedtes, strict=True):
        kol.w = Twips(w)
    tbl_w = tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = _el("w:tblW")
        tbl.tblPr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(breedtes)))
    tbl_w.set(qn("w:type"), "dxa")
    for tr in tbl.tr_lst:
        for tc, w in zip(tr.tc_lst, breedtes, strict=False):
            tc.width = Twips(w)


def _herhaal_kop(rij: Any) -> None:
    """Repeat the header row on every page a long table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = rij._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
