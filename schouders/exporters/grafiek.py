"""The app's charts as images for the Word documents, drawn without a browser.

plotly's own image export (kaleido) starts a Chrome or Chromium, which is not on every computer and which
contacts Google's servers on its own. Here the same figure – the dict `charts`, `matrix` and `groepen` build
for the app – is drawn with reportlab and turned into PNG by pdfium (see `tekenen`): the same bytes on
every computer, with or without a browser, and nothing sent anywhere.

It draws what those builders use, nothing more: horizontal (stacked) bars with their counts, scatter points
with their number labels, a heatmap with a number in every cell, rectangles and dashed lines in data
coordinates, annotations, axis titles and ticks, a title and a legend. A trace type it does not know is
left out, never guessed.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from typing import Any

from schouders.exporters import tekenen
from schouders.exporters.tekenen import LETTER, LETTER_VET

BREEDTE_PX = 760  # the figure's width in plotly pixels; on the page it is the text width (16 cm)
PT_PER_PX = 16 / 2.54 * 72 / BREEDTE_PX
DPI = 200  # 1260 pixels wide at 16 cm: sharp on paper
_TAG = re.compile(r"<[^>]+>")
INKT = "#1F2328"
AS_KLEUR = "#444444"


def _tekst(waarde: Any) -> tuple[str, bool]:
    """A plotly label as plain text, and whether it was bold (<b>…</b>); entities as their letters."""
    s = str(waarde if waarde is not None else "")
    vet = "<b>" in s
    s = s.replace("<br>", " ")
    return tekenen.schoon(html.unescape(_TAG.sub("", s))), vet


def _lijst(waarde: Any) -> list[Any]:
    """A plotly array as a list: plain, numpy, or the typed array plotly writes into its JSON
    ({"dtype", "bdata" (base64), "shape"})."""
    if waarde is None:
        return []
    if isinstance(waarde, dict) and "bdata" in waarde:
        import base64

        import numpy as np

        arr = np.frombuffer(base64.b64decode(waarde["bdata"]), dtype=np.dtype(waarde["dtype"]))
        if waarde.get("shape"):
            arr = arr.reshape([int(n) for n in str(waarde["shape"]).split(",")])
        return arr.tolist()
    if hasattr(waarde, "tolist"):
        return waarde.tolist()
    return list(waarde)


def _nette_ticks(lo: float, hi: float, dtick: float | None = None) -> list[float]:
    if hi <= lo:
        return [lo]
    if not dtick:
        ruw = (hi - lo) / 6
        macht = 10 ** math.floor(math.log10(ruw))
        dtick = next(m * macht for m in (1, 2, 5, 10) if m * macht >= ruw)
    start = math.ceil(lo / dtick) * dtick
    uit = []
    v = start
    while v <= hi + 1e-9:
        uit.append(round(v, 9))
        v += dtick
    return uit


def _getal(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}".replace(".", ",")


def _titel(d: dict[str, Any] | None) -> str:
    if not d:
        return ""
    t = d.get("title")
    if isinstance(t, dict):
        return _tekst(t.get("text", ""))[0]
    return _tekst(t)[0] if t else ""


class _Vlak:
    """Plot coordinates to page points (pt, origin bottom left)."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, xr: Sequence[float], yr: Sequence[float]):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.xr, self.yr = (float(xr[0]), float(xr[1])), (float(yr[0]), float(yr[1]))

    def x(self, v: float) -> float:
        lo, hi = self.xr
        return self.x0 + (v - lo) / ((hi - lo) or 1) * (self.x1 - self.x0)

    def y(self, v: float) -> float:
        lo, hi = self.yr
        return self.y0 + (v - lo) / ((hi - lo) or 1) * (self.y1 - self.y0)


def _vul(c: Any, kleur: str) -> None:
    """Fill colour; an rgba colour is mixed with the white background (the same look, no transparency)."""
    a = tekenen.alpha(kleur)
    c.setFillColorRGB(*tekenen.meng(_hex(kleur), 1 - a) if a < 1 else tekenen.rgb(_hex(kleur)))


def _hex(kleur: str) -> str:
    kleur = str(kleur).strip()
    namen = {"white": "#FFFFFF", "black": "#000000"}
    if kleur in namen:
        return namen[kleur]
    if kleur.startswith("rgb"):
        r, g, b = (round(v * 255) for v in tekenen.rgb(kleur))
        return f"#{r:02X}{g:02X}{b:02X}"
    return kleur


def _lijn(c: Any, kleur: str, breedte_px: float) -> None:
    c.setStrokeColorRGB(*tekenen.rgb(_hex(kleur)))
    c.setLineWidth(breedte_px * PT_PER_PX)


def _schaal_kleur(schaal: list[list[Any]], t: float) -> str:
    """The colour at t (0–1) on a plotly colour scale [[0, 'rgb(…)'], …, [1, …]]."""
    t = min(max(t, 0.0), 1.0)
    for (a, ka), (b, kb) in zip(schaal, schaal[1:], strict=False):
        if a <= t <= b:
            f = (t - a) / ((b - a) or 1)
            ra, rb = tekenen.rgb(_hex(ka)), tekenen.rgb(_hex(kb))
            r, g, bb = (round((x + (y - x) * f) * 255) for x, y in zip(ra, rb, strict=True))
            return f"#{r:02X}{g:02X}{bb:02X}"
    return _hex(schaal[-1][1])


def png(fig: Any, *, dpi: float = DPI, met_titel: bool = True) -> bytes:
    """One plotly figure (or its dict) as PNG bytes."""
    return tekenen.png_paginas(pdf(fig, met_titel=met_titel), dpi)[0]


def pdf(fig: Any, *, met_titel: bool = True) -> bytes:
    """One plotly figure (or its dict) as a one-page PDF of its own size; `met_titel=False` leaves the
    figure's title out (a document's caption says it) and the figure that much lower."""
    d = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    data: list[dict[str, Any]] = [dict(t) for t in d.get("data", [])]
    lay: dict[str, Any] = dict(d.get("layout", {}))
    if not met_titel:
        lay.pop("title", None)
    s = PT_PER_PX
    basis_px = float((lay.get("font") or {}).get("size", 14))
    b = BREEDTE_PX * s
    h = float(lay.get("height") or 450) * s
    if not met_titel and _titel(d.get("layout", {})):
        h -= 28 * s
    uit = io.BytesIO()
    c = tekenen.canvas(uit, (b, h), _titel(lay) or "Grafiek")
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, b, h, stroke=0, fill=1)
    # plotly's margins make room for its own axis labels; here the room for labels is measured, so a
    # small fixed edge is enough
    pt = basis_px * s
    titel = _titel(lay)
    links, rechts, onder = 4 * s, b - 12 * s, 6 * s
    boven = h - (40 if titel else 12) * s
    if titel:
        c.setFillColorRGB(*tekenen.rgb(INKT))
        c.setFont(LETTER_VET, pt * 1.2)
        c.drawString(links, h - 28 * s, titel)
    soorten = {t.get("type", "scatter") for t in data}
    # the legend: one entry per named trace, under the plot
    legenda = [t for t in data if t.get("name") and t.get("showlegend", True) is not False]
    if lay.get("showlegend") and legenda and "heatmap" not in soorten:
        onder = _legenda(c, lay, legenda, links, rechts, onder, pt)
    if "heatmap" in soorten:
        _heatmap(c, next(t for t in data if t.get("type") == "heatmap"), lay, links, rechts, onder, boven, pt)
    elif "bar" in soorten:
        _staven(c, [t for t in data if t.get("type") == "bar"], lay, links, rechts, onder, boven, pt)
    else:
        _punten(c, [t for t in data if t.get("type") == "scatter"], lay, links, rechts, onder, boven, pt)
    c.showPage()
    c.save()
    return uit.getvalue()


def _legenda(
    c: Any, lay: dict[str, Any], sporen: list[dict[str, Any]], links: float, rechts: float, onder: float, pt: float
) -> float:
    """The legend in rows at the bottom; returns the new bottom of the plot."""
    titel = _titel(lay.get("legend"))
    items = [(_tekst(t["name"])[0], _hex((t.get("marker") or {}).get("color", "#777777"))) for t in sporen]
    rijen: list[list[tuple[str, str]]] = [[]]
    inspring = tekenen.breedte(titel + ":", LETTER_VET, pt) + 8 if titel else 0
    x = links + inspring
    for naam, kleur in items:
        w = pt * 1.4 + tekenen.breedte(naam, LETTER, pt) + pt * 1.2
        if x + w > rechts and rijen[-1]:
            rijen.append([])
            x = links + inspring
        rijen[-1].append((naam, kleur))
        x += w
    y = onder + (len(rijen) - 1) * pt * 1.5
    c.setFillColorRGB(*tekenen.rgb(INKT))
    if titel:
        c.setFont(LETTER_VET, pt)
        c.drawString(links, y, titel + ":")
    for rij in rijen:
        x = links + inspring
        for naam, kleur in rij:
            c.setFillColorRGB(*tekenen.rgb(kleur))
            c.circle(x + pt * 0.45, y + pt * 0.33, pt * 0.42, stroke=0, fill=1)
            c.setFillColorRGB(*tekenen.rgb(INKT))
            c.setFont(LETTER, pt)
            c.drawString(x + pt * 1.2, y, naam)
            x += pt * 1.4 + tekenen.breedte(naam, LETTER, pt) + pt * 1.2
        y -= pt * 1.5
    return onder + len(rijen) * pt * 1.5 + pt * 0.8


def _as_titel_onder(c: Any, tekst: str, x_mid: float, y: float, pt: float) -> None:
    if tekst:
        c.setFillColorRGB(*tekenen.rgb(INKT))
        c.setFont(LETTER, pt)
        c.drawCentredString(x_mid, y, tekst)


def _staven(
    c: Any,
    sporen: list[dict[str, Any]],
    lay: dict[str, Any],
    links: float,
    rechts: float,
    onder: float,
    boven: float,
    pt: float,
) -> None:
    """Horizontal bars, stacked when there are several traces, each with its count."""
    ya = lay.get("yaxis") or {}
    xa = lay.get("xaxis") or {}
    labels = [str(v) for v in (_lijst(ya.get("categoryarray")) or _lijst(sporen[0].get("y")))]
    namen = [_tekst(v)[0] for v in labels]
    label_b = max((tekenen.breedte(n, LETTER, pt) for n in namen), default=0) + pt
    xtitel = _titel(xa)
    onder_plot = onder + pt * 1.4 + (pt * 1.6 if xtitel else 0)
    totaal = [0.0] * len(labels)
    for t in sporen:
        for lab, v in zip(_lijst(t.get("y")), _lijst(t.get("x")), strict=False):
            if str(lab) in labels:
                totaal[labels.index(str(lab))] += float(v or 0)
    xr = _lijst(xa.get("range")) or [0, max(max(totaal, default=0) * 1.15, 1)]
    vlak = _Vlak(links + label_b, onder_plot, rechts, boven, xr, (len(labels), 0))
    # grid and ticks
    c.setFont(LETTER, pt * 0.9)
    for v in _nette_ticks(vlak.xr[0], vlak.xr[1], xa.get("dtick")):
        x = vlak.x(v)
        _lijn(c, xa.get("gridcolor", "#E5E5E5"), 1)
        c.line(x, vlak.y0, x, vlak.y1)
        c.setFillColorRGB(*tekenen.rgb(AS_KLEUR))
        c.drawCentredString(x, vlak.y0 - pt * 1.1, _getal(v))
    _as_titel_onder(c, xtitel, (vlak.x0 + vlak.x1) / 2, onder + pt * 0.2, pt)
    rij_h = (vlak.y1 - vlak.y0) / max(len(labels), 1)
    c.setFont(LETTER, pt)
    for i, naam in enumerate(namen):
        c.setFillColorRGB(*tekenen.rgb(INKT))
        c.drawRightString(vlak.x0 - pt * 0.5, vlak.y1 - (i + 0.5) * rij_h - pt * 0.35, naam)
    begin = [0.0] * len(labels)
    for t in sporen:
        marker = t.get("marker") or {}
        kleuren = marker.get("color")
        lijn = marker.get("line") or {}
        teksten = _lijst(t.get("text"))
        for j, (lab, v) in enumerate(zip(_lijst(t.get("y")), _lijst(t.get("x")), strict=False)):
            if str(lab) not in labels or not v:
                continue
            i = labels.index(str(lab))
            kleur = kleuren[j] if isinstance(kleuren, (list, tuple)) else (kleuren or "#777777")
            x0, x1 = vlak.x(begin[i]), vlak.x(begin[i] + float(v))
            y0 = vlak.y1 - (i + 0.85) * rij_h
            _vul(c, str(kleur))
            _lijn(c, lijn.get("color", "#333333"), float(lijn.get("width", 1)))
            c.rect(x0, y0, x1 - x0, rij_h * 0.7, stroke=1, fill=1)
            label = _tekst(teksten[j])[0] if j < len(teksten) else ""
            if label:
                if t.get("textposition") == "outside":
                    c.setFillColorRGB(*tekenen.rgb(INKT))
                    c.drawString(x1 + pt * 0.4, y0 + rij_h * 0.35 - pt * 0.35, label)
                else:
                    c.setFillColorRGB(*tekenen.tekstkleur(_hex(str(kleur))))
                    c.drawCentredString((x0 + x1) / 2, y0 + rij_h * 0.35 - pt * 0.35, label)
            begin[i] += float(v)
    _lijn(c, AS_KLEUR, 1)
    c.line(vlak.x0, vlak.y0, vlak.x0, vlak.y1)


_POSITIE = {"top": 1, "middle": 0, "bottom": -1, "left": -1, "center": 0, "right": 1}


def _punten(
    c: Any,
    sporen: list[dict[str, Any]],
    lay: dict[str, Any],
    links: float,
    rechts: float,
    onder: float,
    boven: float,
    pt: float,
) -> None:
    """Scatter points with their labels, the shapes (quadrants, dashed lines) and the annotations."""
    xa, ya = lay.get("xaxis") or {}, lay.get("yaxis") or {}
    s = PT_PER_PX
    xt, yt = _titel(xa), _titel(ya)
    vlak = _Vlak(
        links + (pt * 1.8 if yt else 0) + pt,
        onder + pt * 1.4 + (pt * 1.6 if xt else 0),
        rechts,
        boven,
        _lijst(xa.get("range")) or [0, 1],
        _lijst(ya.get("range")) or [0, 1],
    )
    c.saveState()
    p = c.beginPath()
    p.rect(vlak.x0, vlak.y0, vlak.x1 - vlak.x0, vlak.y1 - vlak.y0)
    c.clipPath(p, stroke=0, fill=0)
    for vorm in lay.get("shapes") or []:
        if vorm.get("type") == "rect":
            _vul(c, str(vorm.get("fillcolor", "rgba(0,0,0,0)")))
            x0, x1 = vlak.x(vorm["x0"]), vlak.x(vorm["x1"])
            y0, y1 = vlak.y(vorm["y0"]), vlak.y(vorm["y1"])
            c.rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), stroke=0, fill=1)
    for vorm in lay.get("shapes") or []:
        if vorm.get("type") == "line":
            lijn = vorm.get("line") or {}
            _lijn(c, str(lijn.get("color", "#666666")), float(lijn.get("width", 1)))
            if lijn.get("dash"):
                c.setDash(4, 3)
            c.line(vlak.x(vorm["x0"]), vlak.y(vorm["y0"]), vlak.x(vorm["x1"]), vlak.y(vorm["y1"]))
            c.setDash()
    c.restoreState()
    _lijn(c, AS_KLEUR, 1)
    c.rect(vlak.x0, vlak.y0, vlak.x1 - vlak.x0, vlak.y1 - vlak.y0, stroke=1, fill=0)
    c.setFont(LETTER, pt * 0.9)
    c.setFillColorRGB(*tekenen.rgb(AS_KLEUR))
    for v in _lijst(xa.get("tickvals")) or _nette_ticks(*vlak.xr):
        c.drawCentredString(vlak.x(v), vlak.y0 - pt * 1.1, _getal(v))
    for v in _lijst(ya.get("tickvals")) or _nette_ticks(*vlak.yr):
        c.drawRightString(vlak.x0 - pt * 0.4, vlak.y(v) - pt * 0.3, _getal(v))
    _as_titel_onder(c, xt, (vlak.x0 + vlak.x1) / 2, onder + pt * 0.2, pt)
    if yt:
        c.saveState()
        c.translate(links + pt * 0.9, (vlak.y0 + vlak.y1) / 2)
        c.rotate(90)
        _as_titel_onder(c, yt, 0, 0, pt)
        c.restoreState()
    for a in lay.get("annotations") or []:
        tekst, vet = _tekst(a.get("text", ""))
        grootte = float((a.get("font") or {}).get("size", 14)) * s
        c.setFont(LETTER_VET if vet else LETTER, grootte)
        c.setFillColorRGB(*tekenen.rgb(_hex((a.get("font") or {}).get("color", INKT))))
        if a.get("xref") == "paper":
            x = vlak.x0 + float(a.get("x", 0.5)) * (vlak.x1 - vlak.x0)
            y = vlak.y0 + float(a.get("y", 0.5)) * (vlak.y1 - vlak.y0)
        else:
            x, y = vlak.x(float(a.get("x", 0))), vlak.y(float(a.get("y", 0)))
        w = tekenen.breedte(tekst, c._fontname, grootte)
        anker_x = {"left": 0, "center": -w / 2, "right": -w}.get(a.get("xanchor", "center"), -w / 2)
        anker_y = {"top": -grootte * 0.8, "middle": -grootte * 0.35, "bottom": 0}.get(a.get("yanchor", "middle"), 0)
        c.drawString(x + anker_x, y + anker_y, tekst)
    for t in sporen:
        marker = t.get("marker") or {}
        kleur = _hex(str(marker.get("color", "#777777")))
        maten = marker.get("size", 10)
        teksten = _lijst(t.get("text"))
        posities = t.get("textposition") or "middle right"
        font = t.get("textfont") or {}
        tpt = float(font.get("size", 14)) * s
        for j, (xv, yv) in enumerate(zip(_lijst(t.get("x")), _lijst(t.get("y")), strict=False)):
            maat = float(maten[j] if isinstance(maten, (list, tuple)) else maten) * s
            px, py = vlak.x(float(xv)), vlak.y(float(yv))
            c.setFillColorRGB(*tekenen.meng(kleur, 1 - float(marker.get("opacity", 1))))
            c.setStrokeColorRGB(1, 1, 1)
            c.setLineWidth(0.6)
            c.circle(px, py, maat / 2, stroke=1, fill=1)
            if j >= len(teksten):
                continue
            label, vet = _tekst(teksten[j])
            positie = posities[j] if isinstance(posities, (list, tuple)) else posities
            delen = str(positie).split()
            v, hpos = (delen[0], delen[-1]) if len(delen) == 2 else ("middle", delen[0] if delen else "right")
            dy, dx = _POSITIE.get(v, 0), _POSITIE.get(hpos, 0)
            c.setFont(LETTER_VET if vet else LETTER, tpt)
            c.setFillColorRGB(*tekenen.rgb(_hex(font.get("color", INKT))))
            w = tekenen.breedte(label, LETTER_VET if vet else LETTER, tpt)
            lx = px + dx * (maat / 2 + 1.5) + {-1: -w, 0: -w / 2, 1: 0}[dx]
            ly = py + dy * (maat / 2 + 1.5) + {-1: -tpt * 0.8, 0: -tpt * 0.35, 1: 0}[dy]
            c.drawString(lx, ly, label)


def _heatmap(
    c: Any, t: dict[str, Any], lay: dict[str, Any], links: float, rechts: float, onder: float, boven: float, pt: float
) -> None:
    """A heatmap: rows top-down (autorange reversed), columns named on top, a number in every cell."""
    z = [[float(v or 0) for v in rij] for rij in _lijst(t.get("z"))]
    xs = [_tekst(v)[0] for v in _lijst(t.get("x"))]
    ys = [_tekst(v)[0] for v in _lijst(t.get("y"))]
    zmax = float(t.get("zmax") or max((v for rij in z for v in rij), default=1) or 1)
    zmin = float(t.get("zmin") or 0)
    schaal = t.get("colorscale") or [[0, "#F7FBFF"], [1, "#08306B"]]
    if isinstance(schaal, (list, tuple)):
        schaal = [[float(a), str(k)] for a, k in schaal]
    label_b = max((tekenen.breedte(y, LETTER, pt) for y in ys), default=0) + pt
    x0, x1 = links + label_b, rechts
    kol_b = (x1 - x0) / max(len(xs), 1)
    # column names on top, wrapped to their column
    kop_regels = [tekenen.regels(x, LETTER, pt * 0.9, kol_b - 4, 3)[0] for x in xs]
    kop_h = max((len(r) for r in kop_regels), default=1) * pt * 1.05 + pt * 0.4
    top = boven - kop_h
    rij_h = (top - onder) / max(len(ys), 1)
    gap = float(t.get("xgap", 0)) * PT_PER_PX
    c.setFillColorRGB(*tekenen.rgb(INKT))
    for i, regels in enumerate(kop_regels):
        y = boven - pt * 0.9
        for r in regels:
            c.setFont(LETTER, pt * 0.9)
            c.drawCentredString(x0 + (i + 0.5) * kol_b, y, r)
            y -= pt * 1.05
    for j, naam in enumerate(ys):
        c.setFillColorRGB(*tekenen.rgb(INKT))
        c.setFont(LETTER, pt)
        c.drawRightString(x0 - pt * 0.5, top - (j + 0.5) * rij_h - pt * 0.35, naam)
        for i in range(len(xs)):
            v = z[j][i] if j < len(z) and i < len(z[j]) else 0.0
            kleur = _schaal_kleur(schaal, (v - zmin) / ((zmax - zmin) or 1))
            c.setFillColorRGB(*tekenen.rgb(kleur))
            c.rect(
                x0 + i * kol_b + gap / 2, top - (j + 1) * rij_h + gap / 2, kol_b - gap, rij_h - gap, stroke=0, fill=1
            )
            c.setFillColorRGB(*tekenen.tekstkleur(kleur))
            c.setFont(LETTER, pt)
            c.drawCentredString(x0 + (i + 0.5) * kol_b, top - (j + 0.5) * rij_h - pt * 0.35, _getal(v))
