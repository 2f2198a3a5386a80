"""Drawing without a browser: text that fits a box, colours, and a PDF page as PNG.

The Praatplaat and the Word charts are drawn with reportlab (vector PDF, selectable text) and turned into
PNG by pdfium (pypdfium2): one drawing for both files, the same bytes on every run, no Chrome or Chromium
and no network. The letter is reportlab's built-in Helvetica (pdfium carries its own copy), so nothing
depends on the fonts of the computer. Helvetica writes Windows-1252 – all of Dutch, €, “ ” and … –; a
letter outside it becomes its plain letter (ł → l, ś → s) or a '?', never a black box.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import Any

LETTER = "Helvetica"
LETTER_VET = "Helvetica-Bold"
LETTER_SCHUIN = "Helvetica-Oblique"
AFBREEK = "-"  # the mark at the end of a line where a word too long for the box goes on
WEGGELATEN = "…"  # the mark where text did not fit
_VERVANG = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "ı": "i", "→": "->", "←": "<-", "≥": ">=", "≤": "<="}


def schoon(tekst: object) -> str:
    """Text Helvetica can write: Windows-1252 as is, anything else as its plain letter or '?'."""
    tekst = str(tekst)
    try:  # nearly always: nothing to replace but tabs and line breaks
        tekst.encode("cp1252")
        return tekst.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    except UnicodeEncodeError:
        pass
    uit = []
    for c in str(tekst):
        if c in "\t\n\r":
            uit.append(" ")
            continue
        try:
            c.encode("cp1252")
            uit.append(c)
            continue
        except UnicodeEncodeError:
            pass
        if c in _VERVANG:
            uit.append(_VERVANG[c])
            continue
        basis = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
        try:
            basis.encode("cp1252")
            uit.append(basis or "?")
        except UnicodeEncodeError:
            uit.append("?")
    return "".join(uit)


def breedte(tekst: str, letter: str, pt: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(tekst, letter, pt)


def regels(
    tekst: str, letter: str, pt: float, max_breedte: float, max_regels: int | None = None
) -> tuple[list[str], bool]:
    """The text wrapped at spaces to lines no wider than `max_breedte`, and whether all of it is there.

    A word wider than the line is split with a '-' at the end of each part; when `max_regels` lines are
    not enough the last line ends in '…' after the last whole word that fits. Text is never cut without a mark.
    """
    woorden = schoon(tekst).split()
    uit: list[str] = []
    huidig = ""
    for woord in woorden:
        proef = f"{huidig} {woord}" if huidig else woord
        if breedte(proef, letter, pt) <= max_breedte:
            huidig = proef
            continue
        if huidig:
            uit.append(huidig)
            huidig = ""
        while breedte(woord, letter, pt) > max_breedte and len(woord) > 1:  # too long for one line: split it
            n = len(woord) - 1
            while n > 1 and breedte(woord[:n] + AFBREEK, letter, pt) > max_breedte:
                n -= 1
            uit.append(woord[:n] + AFBREEK)
            woord = woord[n:]
        huidig = woord
    if huidig:
        uit.append(huidig)
    if max_regels is None or len(uit) <= max_regels:
        return uit, True
    kort = uit[:max_regels]
    laatste = kort[-1]
    if laatste.endswith(AFBREEK):
        laatste = laatste[: -len(AFBREEK)]
    while laatste and breedte(laatste + WEGGELATEN, letter, pt) > max_breedte:
        spatie = laatste.rfind(" ")
        laatste = laatste[:spatie] if spatie > 0 else laatste[:-1]
    kort[-1] = laatste.rstrip(" ,;:") + WEGGELATEN
    return kort, False


def rgb(kleur: str) -> tuple[float, float, float]:
    """'#RRGGBB' (or 'rgba(r, g, b, a)', alpha ignored) as reportlab's 0–1 floats."""
    kleur = kleur.strip()
    if kleur.startswith("rgb"):
        delen = [float(d) for d in kleur[kleur.index("(") + 1 : kleur.index(")")].split(",")[:3]]
        return delen[0] / 255, delen[1] / 255, delen[2] / 255
    h = kleur.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def alpha(kleur: str) -> float:
    """The opacity of an 'rgba(…)' colour; 1 for any other."""
    if kleur.strip().startswith("rgba"):
        return float(kleur[kleur.index("(") + 1 : kleur.index(")")].split(",")[3])
    return 1.0


def meng(kleur: str, wit: float) -> tuple[float, float, float]:
    """The colour mixed with white: 0 is the colour itself, 1 is white (a pale tint for a background)."""
    r, g, b = rgb(kleur)
    return r + (1 - r) * wit, g + (1 - g) * wit, b + (1 - b) * wit


def _luminantie(c: tuple[float, float, float]) -> float:
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminantie(a), _luminantie(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tekstkleur(achtergrond: str) -> tuple[float, float, float]:
    """Black or white, whichever reads better on the colour."""
    c = rgb(achtergrond)
    zwart, wit = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
    return zwart if contrast(c, zwart) >= contrast(c, wit) else wit


def canvas(uit: io.BytesIO, grootte: tuple[float, float], titel: str = "") -> Any:
    """A reportlab canvas that writes the same bytes for the same drawing (no date, no random id)."""
    from reportlab.pdfgen import canvas as rl_canvas

    c = rl_canvas.Canvas(uit, pagesize=grootte, invariant=1, pageCompression=1)
    c.setCreator("Schouders")
    c.setProducer("Schouders")
    if titel:
        c.setTitle(schoon(titel))
    c.setAuthor("Schouders")
    return c


def png_paginas(pdf: bytes, dpi: float = 150) -> list[bytes]:
    """Every page of the PDF as PNG bytes, at `dpi`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        uit = []
        for i in range(len(doc)):
            pagina = doc[i]
            beeld = pagina.render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
            buf = io.BytesIO()
            beeld.save(buf, format="PNG", optimize=True, dpi=(dpi, dpi))
            uit.append(buf.getvalue())
            pagina.close()
        return uit
    finally:
        doc.close()


def tekst_regels(
    c: Any, lijnen: Sequence[str], x: float, y: float, letter: str, pt: float, regelafstand: float
) -> float:
    """Draw lines top-down from baseline y; returns the baseline after the last line."""
    c.setFont(letter, pt)
    for lijn in lijnen:
        c.drawString(x, y, lijn)
        y -= regelafstand
    return y
