"""The Praatplaat: the poster of the seven aandachtsgebieden that a group sticks its post-its on (A3 landscape).

Pure: a snapshot in, PDF or PNG bytes out, drawn with reportlab and turned into PNG by pdfium (see
`tekenen`), so the PDF and the PNG are one drawing; no browser, no network, no fonts of this computer.

On top: the traject, its vraagstuk and its current doel. Below: one field per gebied in the method's order
and colour, with its questions from `methode`, and room for post-its. With the knelpunten on it, every
knelpunt is a post-it in its gebied, the not yet placed ones in an eighth field ("Nog niet ingedeeld";
without those the eighth field says how the plaat works).

How many post-its fit (`postits`, per field): the fields share the page after what their post-its ask
for (each keeps at least 72% of an equal share, so a crowded gebied takes room from quiet ones). In a field
the letter starts at 13 pt and goes down a step at a time to 7 pt; at each size a post-it is at most 14
letters' widths wide (they stay post-its, not a list) and at most 6 lines, each row as high as its tallest
post-it, and a size that would split a word is skipped. The first size at which all of a field's knelpunten
fit whole is used. When even 7 pt is too big, the field holds as many as fit and its last post-it says
"en nog N" (the footer says the full list is in the actieplan); a knelpunt longer than 6 lines ends in '…'
after its last whole word. The questions are 10 pt, 8.5 pt when a field's post-its would otherwise not
all fit or go below 10 pt. Measured with the demo's knelpunten (59 letters on average): 29 fit in one
crowded gebied, 105 when they are spread over all seven; short ones (15–25 letters): 79 and 215. 1,000
knelpunten take 0.15 s.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from schouders import methode
from schouders.datums import datum_nl
from schouders.exporters import tekenen
from schouders.exporters.tekenen import LETTER, LETTER_SCHUIN, LETTER_VET

A3_LIGGEND = (1190.55, 841.89)  # points: 420 × 297 mm
MARGE = 28.0  # about 1 cm: inside what a printer prints
TUSSEN = 10.0  # between the fields
KOLOMMEN, RIJEN = 4, 2  # seven gebieden and one field for the rest
KOP_HOOGTE = 28.0  # a field's coloured band
VRAAG_PT = 10.0  # the questions
VRAAG_PT_KLEIN = 8.5  # when the post-its would not all fit or would go below 10 pt: they get the room
GROOTTES = (13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0)  # post-it letter sizes, largest first
POSTIT_MAX_EM = 14.0  # a post-it at most this many letter sizes wide
POSTIT_MAX_REGELS = 6
POSTIT_TUSSEN = 0.4  # the room between post-its, in letter sizes
MIN_DEEL = 0.72  # a field never narrower or lower than this part of an equal share
POSTIT_GEEL = "#FFF1A6"
POSTIT_RAND = "#D4BC4A"
INKT = "#1F2328"
GRIJS = "#57606A"
DPI = 150  # the PNG: 2481 × 1754 pixels, sharp on a beamer and on paper up to A4
NIET_INGEDEELD_VRAGEN = ("Bij welk aandachtsgebied hoort dit knelpunt het meest?",)
UITLEG_TITEL = "Zo werkt de praatplaat"
UITLEG = (
    "Lees per gebied de vragen en zeg wat er knelt, gezien vanuit het vraagstuk.",
    "Schrijf één knelpunt per post-it: kort en concreet.",
    "Plak de post-it bij het gebied waar het het meest knelt. Past hij nergens? Dan bij "
    + methode.gebied_label("open")
    + ".",
    "Oplossingen zijn nog niet aan de beurt: die gaan naar de parkeerplaats.",
    "Tel daarna de post-its per gebied. Waar de meeste zitten, begint stap 5.",
)


@dataclass(frozen=True)
class Postits:
    """Where a field's post-its go: the letter size, post-its per row, the lines of each post-it shown,
    and how many knelpunten did not fit (the 'en nog N' post-it)."""

    pt: float
    kolommen: int
    postit_breedte: float
    teksten: tuple[tuple[str, ...], ...]
    rest: int

    @property
    def getoond(self) -> int:
        return len(self.teksten)


@dataclass(frozen=True)
class Veld:
    titel: str
    kleur: str
    vragen: tuple[str, ...]
    knelpunten: tuple[str, ...]
    gebied: str | None  # the gebied key; None for the eighth field


def _maat(pt: float) -> tuple[float, float]:
    """(line height, padding) of a post-it at this letter size."""
    return pt * 1.18, pt * 0.55


def _plaats(
    teksten: Sequence[str], kolommen: int, hoogte: float, pt: float, breedte: float
) -> list[tuple[list[str], bool]]:
    """The post-its that fit in `hoogte`, row by row, each row as high as its tallest post-it: their lines
    and whether each is whole. Wraps only the texts it places, so 1,000 knelpunten cost what fits."""
    regel, pad = _maat(pt)
    tussen = POSTIT_TUSSEN * pt
    y = 0.0
    geplaatst: list[tuple[list[str], bool]] = []
    for start in range(0, len(teksten), kolommen):
        rij = [
            tekenen.regels(t, LETTER, pt, breedte - 2 * pad, POSTIT_MAX_REGELS)
            for t in teksten[start : start + kolommen]
        ]
        h = max(len(g) for g, _ in rij) * regel + 2 * pad
        if y + h > hoogte + 0.01:
            break
        y += h + tussen
        geplaatst += rij
    return geplaatst


def postits(teksten: Sequence[str], breedte: float, hoogte: float) -> Postits:
    """The largest letter at which every knelpunt fits the area as a whole post-it; at the smallest letter,
    as many as fit with an 'en nog N' post-it last (see the module's docstring for the rules)."""
    n = len(teksten)
    beste: tuple[tuple[int, int], Postits] | None = None
    breedste = _langste_woord(teksten, 1.0)
    for pt in GROOTTES:
        _, pad = _maat(pt)
        tussen = POSTIT_TUSSEN * pt
        eerste = max(1, math.ceil((breedte + tussen) / (pt * POSTIT_MAX_EM + tussen)))
        langste = breedste * pt if pt > GROOTTES[-1] else 0.0
        for kolommen in range(eerste, eerste + 4):
            pb = (breedte - (kolommen - 1) * tussen) / kolommen
            if pb < pt * 7:  # narrower than about ten letters: not readable
                break
            if langste > pb - 2 * pad:
                continue  # a smaller letter keeps every word whole
            geplaatst = _plaats(teksten, kolommen, hoogte, pt, pb)
            heel = all(h for _, h in geplaatst)
            if len(geplaatst) >= n and heel:
                return Postits(pt, kolommen, pb, tuple(tuple(g) for g, _ in geplaatst), 0)
            if pt == GROOTTES[-1]:
                # the last place that fits becomes 'en nog N' (two lines: it always fits there)
                getoond = n if len(geplaatst) >= n else max(len(geplaatst) - 1, 0)
                score = (sum(1 for _, h in geplaatst[:getoond] if h), getoond)
                kandidaat = Postits(pt, kolommen, pb, tuple(tuple(g) for g, _ in geplaatst[:getoond]), n - getoond)
                if beste is None or score > beste[0]:
                    beste = (score, kandidaat)
    if beste is None:  # an area too small for any post-it
        return Postits(GROOTTES[-1], 1, breedte, (), n)
    return beste[1]


def _langste_woord(teksten: Sequence[str], pt: float) -> float:
    """The width of the widest word at this size (a width grows with the size: measured once, at 1 pt)."""
    woorden = {w for t in teksten for w in tekenen.schoon(t).split()}
    return max((tekenen.breedte(w, LETTER, 1.0) for w in woorden), default=0.0) * pt


def en_nog(rest: int) -> str:
    return f"en nog {rest}"


# ---- content --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inhoud:
    traject: str
    vraagstuk: str
    doel: str
    velden: tuple[Veld, ...]
    met_knelpunten: bool
    datum: date


def inhoud(
    snap: Any,
    traject_id: str,
    *,
    met_knelpunten: bool = False,
    knelpunten: Sequence[Any] | None = None,
    vraagstuk_id: str | None = None,
    vandaag: date | None = None,
) -> Inhoud:
    """What the plaat shows. `knelpunten` narrows the post-its (stap 4's groep filter); default: all of the
    traject's knelpunten, oldest first."""
    from schouders.trajecten import huidig_doel, werkvraagstuk

    t = snap.get("traject", traject_id)
    v = snap.get("vraagstuk", vraagstuk_id) if vraagstuk_id else werkvraagstuk(snap, traject_id)
    d = huidig_doel(snap, traject_id, vraagstuk_id)
    if knelpunten is None:
        knelpunten = snap.of("knelpunt", traject_id)
    kn = sorted(knelpunten, key=lambda k: k.aangemaakt) if met_knelpunten else []
    velden = [
        Veld(g.label, g.kleur, g.prompts, tuple(k.tekst for k in kn if k.gebied == g.key), g.key)
        for g in methode.GEBIEDEN
    ]
    los = tuple(k.tekst for k in kn if k.gebied not in methode.GEBIED_KEYS)
    if los:
        velden.append(Veld(methode.NIET_INGEDEELD, methode.NIET_INGEDEELD_KLEUR, NIET_INGEDEELD_VRAGEN, los, None))
    else:
        velden.append(Veld(UITLEG_TITEL, "#3A3F45", UITLEG, (), None))
    return Inhoud(
        traject=t.naam if t else "",
        vraagstuk=v.tekst if v else "Nog geen vraagstuk (stap 1).",
        doel=d.tekst if d else "Nog geen doel (stap 3).",
        velden=tuple(velden),
        met_knelpunten=met_knelpunten,
        datum=vandaag or date.today(),
    )


# ---- drawing --------------------------------------------------------------------------------------------


def _kleur(c: Any, kleur: str | tuple[float, float, float], *, vul: bool = True, lijn: bool = False) -> None:
    rgb = _rgb(kleur)
    if vul:
        c.setFillColorRGB(*rgb)
    if lijn:
        c.setStrokeColorRGB(*rgb)


def _rgb(kleur: str | tuple[float, float, float]) -> tuple[float, float, float]:
    return tekenen.rgb(kleur) if isinstance(kleur, str) else kleur


def _kop(c: Any, inh: Inhoud) -> float:
    """Title, vraagstuk and doel; returns the y under them."""
    b, h = A3_LIGGEND
    y = h - MARGE
    rechts = f"Schouders Eronder · stap 4 Aandachtsgebieden · {datum_nl(inh.datum)}"
    c.setFont(LETTER, 9)
    _kleur(c, GRIJS)
    c.drawRightString(b - MARGE, y - 14, tekenen.schoon(rechts))
    ruimte = b - 2 * MARGE - tekenen.breedte(rechts, LETTER, 9) - 24
    titel = tekenen.regels(f"Praatplaat: {inh.traject}" if inh.traject else "Praatplaat", LETTER_VET, 20, ruimte, 1)[0]
    _kleur(c, INKT)
    c.setFont(LETTER_VET, 20)
    c.drawString(MARGE, y - 18, titel[0] if titel else "Praatplaat")
    y -= 30
    vak_h = 66.0
    vak_b = (b - 2 * MARGE - TUSSEN) / 2
    for i, (label, tekst) in enumerate((("Vraagstuk", inh.vraagstuk), ("Doel", inh.doel))):
        x = MARGE + i * (vak_b + TUSSEN)
        _kleur(c, "#F3F4F6")
        _kleur(c, "#C9CED6", vul=False, lijn=True)
        c.setLineWidth(0.8)
        c.roundRect(x, y - vak_h, vak_b, vak_h, 5, stroke=1, fill=1)
        _kleur(c, GRIJS)
        c.setFont(LETTER_VET, 10)
        c.drawString(x + 10, y - 15, label)
        for pt in (13.0, 12.0, 11.0, 10.0):
            lijnen, heel = tekenen.regels(tekst, LETTER, pt, vak_b - 20, 3)
            if heel:
                break
        _kleur(c, INKT)
        tekenen.tekst_regels(c, lijnen, x + 10, y - 17 - pt * 1.2, LETTER, pt, pt * 1.2)
    return y - vak_h - 12


def _vragen(v: Veld, breedte: float, pt: float) -> list[list[str]]:
    return [tekenen.regels(q, LETTER, pt, breedte - 9)[0] for q in v.vragen]


def _vragen_hoogte(blokken: list[list[str]], pt: float) -> float:
    return sum(len(b) * pt * 1.2 + 2.5 for b in blokken)


def _postit(c: Any, x: float, y_top: float, b: float, h: float, lijnen: Sequence[str], pt: float) -> None:
    regel, pad = _maat(pt)
    _kleur(c, "#BFB38A")
    c.rect(x + 1.2, y_top - h - 1.2, b, h, stroke=0, fill=1)  # a shadow: it reads as paper on the wall
    _kleur(c, POSTIT_GEEL)
    _kleur(c, POSTIT_RAND, vul=False, lijn=True)
    c.setLineWidth(0.5)
    c.rect(x, y_top - h, b, h, stroke=1, fill=1)
    _kleur(c, INKT)
    tekenen.tekst_regels(c, lijnen, x + pad, y_top - pad - pt * 0.85, LETTER, pt, regel)


def _en_nog(c: Any, x: float, y_top: float, b: float, rest: int, pt: float) -> None:
    regel, pad = _maat(pt)
    h = 2 * regel + 2 * pad
    _kleur(c, "#FFFFFF")
    _kleur(c, INKT, vul=False, lijn=True)
    c.setLineWidth(0.8)
    c.setDash(2, 2)
    c.rect(x, y_top - h, b, h, stroke=1, fill=1)
    c.setDash()
    _kleur(c, INKT)
    c.setFont(LETTER_VET, pt)
    c.drawString(x + pad, y_top - pad - pt * 0.85, en_nog(rest))
    c.setFont(LETTER, pt * 0.85)
    onder = tekenen.regels("in het actieplan", LETTER, pt * 0.85, b - 2 * pad, 1)[0]
    c.drawString(x + pad, y_top - pad - pt * 0.85 - regel, onder[0] if onder else "")


def _veld(
    c: Any, v: Veld, x: float, y: float, b: float, h: float, vragen_h: float, met: bool, vraag_pt: float
) -> Postits | None:
    """One field: coloured band with the name, the questions, and the post-it area under them."""
    c.setLineWidth(1.6)
    _kleur(c, tekenen.meng(v.kleur, 0.93))
    _kleur(c, v.kleur, vul=False, lijn=True)
    c.roundRect(x, y - h, b, h, 6, stroke=1, fill=1)
    _kleur(c, v.kleur)
    p = c.beginPath()  # the band: rounded on top, straight below
    r = 6
    p.moveTo(x, y - KOP_HOOGTE)
    p.lineTo(x, y - r)
    p.arcTo(x, y - 2 * r, x + 2 * r, y, startAng=180, extent=-90)
    p.lineTo(x + b - r, y)
    p.arcTo(x + b - 2 * r, y - 2 * r, x + b, y, startAng=90, extent=-90)
    p.lineTo(x + b, y - KOP_HOOGTE)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    tekst = tekenen.tekstkleur(v.kleur)
    _kleur(c, tekst)
    aantal = ""
    if met and v.knelpunten:
        aantal = f"{len(v.knelpunten)} knelpunt" + ("en" if len(v.knelpunten) != 1 else "")
        c.setFont(LETTER, 10)
        c.drawRightString(x + b - 9, y - 18.5, aantal)
    ruimte = b - 18 - (tekenen.breedte(aantal, LETTER, 10) + 8 if aantal else 0)
    naam = tekenen.regels(v.titel, LETTER_VET, 15, ruimte, 1)[0]
    c.setFont(LETTER_VET, 15)
    c.drawString(x + 9, y - 19.5, naam[0] if naam else "")
    # the questions
    pt = vraag_pt
    yy = y - KOP_HOOGTE - 6 - pt
    _kleur(c, INKT)
    for blok in _vragen(v, b - 18, pt):
        c.setFont(LETTER, pt)
        c.drawString(x + 9, yy, "•")
        tekenen.tekst_regels(c, blok, x + 18, yy, LETTER, pt, pt * 1.2)
        yy -= len(blok) * pt * 1.2 + 2.5
    # the post-it area: under the tallest question block of the row, so the areas of a row line up
    top = y - KOP_HOOGTE - 6 - vragen_h - 6
    onder = y - h + 8
    if v.gebied is None and not v.knelpunten:
        return None
    c.setLineWidth(0.6)
    _kleur(c, "#FFFFFF")
    _kleur(c, tekenen.meng(v.kleur, 0.55), vul=False, lijn=True)
    c.roundRect(x + 8, onder, b - 16, top - onder, 4, stroke=1, fill=1)
    if not met or not v.knelpunten:
        _kleur(c, tekenen.meng(v.kleur, 0.5) if met else "#9AA0A6")
        c.setFont(LETTER_SCHUIN, 10)
        c.drawCentredString(
            x + b / 2, (top + onder) / 2 - 3, "Plak hier de post-its" if not met else "Nog geen knelpunten"
        )
        return None
    binnen_x, binnen_b = x + 14, b - 28
    indeling = postits(v.knelpunten, binnen_b, top - onder - 12)
    regel, pad = _maat(indeling.pt)
    y_rij = top - 6
    plekken = [*indeling.teksten]
    for start in range(0, len(plekken) + (1 if indeling.rest else 0), indeling.kolommen):
        rij = plekken[start : start + indeling.kolommen]
        rij_h = max((len(t) for t in rij), default=2) * regel + 2 * pad
        if indeling.rest and start + indeling.kolommen > len(plekken):
            rij_h = max(rij_h, 2 * regel + 2 * pad)
        for i in range(indeling.kolommen):
            px = binnen_x + i * (indeling.postit_breedte + POSTIT_TUSSEN * indeling.pt)
            nr = start + i
            if nr < len(plekken):
                _postit(c, px, y_rij, indeling.postit_breedte, rij_h, plekken[nr], indeling.pt)
            elif nr == len(plekken) and indeling.rest:
                _en_nog(c, px, y_rij, indeling.postit_breedte, indeling.rest, indeling.pt)
        y_rij -= rij_h + POSTIT_TUSSEN * indeling.pt
    return indeling


def _vraag(v: Veld) -> float:
    """How much room a field's post-its ask for: about their letters, and a post-it's edge each."""
    return float(sum(len(t) + 25 for t in v.knelpunten))


def verdeel(totaal: float, vragen: Sequence[float]) -> list[float]:
    """Split a length over fields: each gets at least MIN_DEEL of an equal share, the rest goes after what
    their post-its ask for (equal when none ask). A field crowded with knelpunten gets the room of quiet ones."""
    n = len(vragen)
    if n == 0:
        return []
    if sum(vragen) <= 0:
        return [totaal / n] * n
    minimum = MIN_DEEL * totaal / n
    over = totaal - n * minimum
    return [minimum + over * v / sum(vragen) for v in vragen]


def teken(c: Any, inh: Inhoud, vraag_pt: float = VRAAG_PT) -> dict[str, Postits]:
    """Draw the plaat on a canvas; returns where the post-its went per field title."""
    b, h = A3_LIGGEND
    y0 = _kop(c, inh)
    voet = MARGE - 6
    rijen = [inh.velden[r * KOLOMMEN : (r + 1) * KOLOMMEN] for r in range(RIJEN)]
    hoogtes = verdeel(y0 - voet - 8 - (RIJEN - 1) * TUSSEN, [sum(_vraag(v) for v in rij) for rij in rijen])
    uit: dict[str, Postits] = {}
    y = y0
    for velden, veld_h in zip(rijen, hoogtes, strict=True):
        breedtes = verdeel(b - 2 * MARGE - (len(velden) - 1) * TUSSEN, [_vraag(v) for v in velden])
        pt = vraag_pt
        # the post-it areas of a row line up under the tallest question block; the uitleg field has no area
        vragen_h = max(
            (
                _vragen_hoogte(_vragen(v, vb - 18, pt), pt)
                for v, vb in zip(velden, breedtes, strict=True)
                if v.gebied is not None or v.knelpunten
            ),
            default=0.0,
        )
        x = MARGE
        for v, veld_b in zip(velden, breedtes, strict=True):
            indeling = _veld(c, v, x, y, veld_b, veld_h, vragen_h, inh.met_knelpunten, vraag_pt)
            if indeling is not None:
                uit[v.titel] = indeling
            x += veld_b + TUSSEN
        y -= veld_h + TUSSEN
    totaal = sum(len(v.knelpunten) for v in inh.velden)
    weg = sum(p.rest for p in uit.values())
    delen = ["Gemaakt met Schouders"]
    if inh.met_knelpunten:
        woord = f"{totaal} knelpunt" + ("en" if totaal != 1 else "")
        if weg:
            delen.append(f"{woord}, {totaal - weg} op de plaat; de andere {weg} staan in het actieplan")
        else:
            delen.append(f"{woord} op post-its")
    c.setFont(LETTER, 8)
    _kleur(c, GRIJS)
    c.drawString(MARGE, voet - 8, tekenen.schoon(" · ".join(delen)))
    return uit


def pdf_en_indeling(inh: Inhoud) -> tuple[bytes, dict[str, Postits]]:
    """The PDF and where the post-its went. A first drawing (thrown away) tells whether the questions can
    keep their 10 pt: not when a field's post-its would not all fit or would go below 10 pt."""
    vraag_pt = VRAAG_PT
    if inh.met_knelpunten:
        proef = teken(tekenen.canvas(io.BytesIO(), A3_LIGGEND), inh, VRAAG_PT)
        if any(p.rest or p.pt < 10 for p in proef.values()):
            vraag_pt = VRAAG_PT_KLEIN
    uit = io.BytesIO()
    c = tekenen.canvas(uit, A3_LIGGEND, f"Praatplaat {inh.traject}".strip())
    c.setSubject("De zeven aandachtsgebieden van de Schouders Eronder methode")
    indeling = teken(c, inh, vraag_pt)
    c.showPage()
    c.save()
    return uit.getvalue(), indeling


def pdf(snap: Any, traject_id: str, **opties: Any) -> bytes:
    """The Praatplaat as an A3 landscape PDF (opties as for `inhoud`)."""
    return pdf_en_indeling(inhoud(snap, traject_id, **opties))[0]


def png(snap: Any, traject_id: str, *, dpi: float = DPI, **opties: Any) -> bytes:
    """The same drawing as PNG (at 150 dpi: 2481 × 1754 pixels)."""
    return tekenen.png_paginas(pdf(snap, traject_id, **opties), dpi)[0]


def bestandsnaam(traject_naam: str, *, met_knelpunten: bool = False) -> str:
    """The file name without extension."""
    from schouders.exporters.rapport import bestandsnaam as naam

    return naam("praatplaat", traject_naam, "met-knelpunten" if met_knelpunten else "")
