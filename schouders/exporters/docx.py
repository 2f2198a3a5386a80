"""A report as a Word document (python-docx): headings, lists, tables, and the charts as images when
plotly can make images here.

plotly's image export (kaleido) drives a Chrome or Chromium. When none is available, or it fails, the
document shows each chart's numbers as a table and says so in one sentence – it never fails for that.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from schouders.exporters.rapport import Alinea, Figuur, Kop, Lijst, Rapport, Tabel, scheiding

GEEN_AFBEELDINGEN = (
    "De grafieken staan in dit document als tabel: op deze computer kon Schouders er geen afbeelding van maken "
    "(daarvoor is Chrome of Chromium nodig). De HTML-export toont ze wel als grafiek."
)
BREEDTE_PX, HOOGTE_PX = 900, 520
PAGINA_BREEDTE_CM = 16.5
TABEL_STIJL = "Light Grid Accent 1"
_XML_ONGELDIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(text: str) -> str:
    """Text Word accepts: characters XML forbids are dropped."""
    return _XML_ONGELDIG.sub("", str(text))


def afbeeldingen(figuren: Sequence[Any]) -> list[bytes] | None:
    """PNG bytes for each plotly figure, or None when image export does not work on this machine."""
    if not figuren:
        return []
    try:
        import plotly.io as pio

        with tempfile.TemporaryDirectory(prefix="schouders-") as tmp:
            paden = [Path(tmp) / f"grafiek-{i}.png" for i in range(len(figuren))]
            if hasattr(pio, "write_images"):  # one browser session for all figures
                pio.write_images(list(figuren), paden, width=BREEDTE_PX, height=HOOGTE_PX, scale=2)
            else:  # pragma: no cover – older plotly
                for fig, pad in zip(figuren, paden, strict=True):
                    pad.write_bytes(pio.to_image(fig, format="png", width=BREEDTE_PX, height=HOOGTE_PX, scale=2))
            data = [p.read_bytes() for p in paden]
    except Exception:  # no kaleido, no Chrome, a crashed browser: all mean "no images", never a failed export
        return None
    if not all(d.startswith(b"\x89PNG") for d in data):
        return None
    return data


def render(
    r: Rapport,
    *,
    met_afbeeldingen: bool = True,
    voortgang: Callable[[float, str], None] | None = None,
) -> bytes:
    """The .docx file as bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
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
    doc.core_properties.title = _t(r.titel)
    doc.core_properties.author = "Schouders"
    doc.core_properties.language = "nl-NL"
    sectie = doc.sections[0]
    sectie.left_margin = sectie.right_margin = Cm(2.2)
    normaal = doc.styles["Normal"]
    normaal.font.size = Pt(11)

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
    figuur_nr = 0
    for b in r.blokken:
        if isinstance(b, Kop):
            alinea(_t(b.tekst), f"Heading {min(max(b.niveau - 1, 1), 9)}")
        elif isinstance(b, Alinea):
            p = doc.add_paragraph()
            if b.label:
                p.add_run(_t(b.label) + scheiding(b)).bold = True
            run = p.add_run(_t(b.tekst))
            if b.nadruk:
                run.font.color.rgb = RGBColor(0xA0, 0x40, 0x00)
                p.runs[0].font.color.rgb = RGBColor(0xA0, 0x40, 0x00)
        elif isinstance(b, Lijst):
            for item in b.items:
                alinea(_t(item), "List Bullet")
        elif isinstance(b, Tabel):
            _tabel(doc, b)
        elif isinstance(b, Figuur):
            if plaatjes is not None:
                doc.add_picture(io.BytesIO(plaatjes[figuur_nr]), width=Cm(PAGINA_BREEDTE_CM))
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                onder = doc.add_paragraph()
                onder.add_run(_t(b.titel)).italic = True
                onder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                p = doc.add_paragraph()
                p.add_run(_t(b.titel)).bold = True
                _tabel(doc, b.tabel)
            figuur_nr += 1
    out = io.BytesIO()
    doc.save(out)
    meld(1.0, "Klaar")
    return out.getvalue()


def _tabel(doc: Any, t: Tabel) -> None:
    tabel = doc.add_table(rows=1, cols=len(t.kolommen))
    try:
        tabel.style = TABEL_STIJL
    except (KeyError, ValueError):  # a template without that style
        tabel.style = "Table Grid"
    for cel, kop in zip(tabel.rows[0].cells, t.kolommen, strict=True):
        cel.text = ""
        cel.paragraphs[0].add_run(_t(kop)).bold = True
    _herhaal_kop(tabel.rows[0])
    for rij in t.rijen:
        cellen = tabel.add_row().cells
        for cel, waarde in zip(cellen, rij, strict=False):
            cel.text = _t(waarde)
    _breedtes(tabel, t)
    doc.add_paragraph()


def _breedtes(tabel: Any, t: Tabel) -> None:
    """Column widths after the text they hold, so long texts get room and short codes do not."""
    from docx.shared import Cm

    lengtes = []
    for i, kop in enumerate(t.kolommen):
        langste = max([len(kop), *(len(r[i]) for r in t.rijen if i < len(r))])
        lengtes.append(min(max(langste, 4), 60) ** 0.8)
    totaal = sum(lengtes)
    tabel.autofit = False
    for i, lengte in enumerate(lengtes):
        breedte = Cm(PAGINA_BREEDTE_CM * lengte / totaal)
        for cel in tabel.columns[i].cells:
            cel.width = breedte


def _herhaal_kop(rij: Any) -> None:
    """Repeat the header row on every page a long table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = rij._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
