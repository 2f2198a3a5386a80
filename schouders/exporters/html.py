"""A report as one self-contained HTML page: interactive charts with plotly.js inlined, so it works offline,
and a print style sheet so "Afdrukken → Opslaan als PDF" in the browser gives a tidy document.

Every user string goes through html.escape; plotly escapes the data it embeds itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from schouders.exporters.rapport import Alinea, Figuur, Kop, Lijst, Rapport, Tabel, scheiding

CSS = """
:root { --tekst: #1f2328; --lijn: #d0d7de; --zacht: #f6f8fa; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: var(--tekst); line-height: 1.5;
       max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; font-size: 16px; }
h1 { font-size: 1.9rem; margin-bottom: .25rem; }
h2 { font-size: 1.45rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.2rem; margin-top: 1.6rem; }
h4 { font-size: 1.05rem; margin-top: 1.2rem; }
.onder { color: #57606a; margin: 0 0 1.5rem; }
.onder p { margin: .1rem 0; }
p { margin: .5rem 0; white-space: pre-line; }
.nadruk { border-left: 4px solid #D55E00; background: #fff4ec; padding: .5rem .8rem; }
ul { padding-left: 1.4rem; }
li { margin: .2rem 0; white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--lijn); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--zacht); }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
.cijfers { font-size: .9rem; }
.cijfers summary { cursor: pointer; color: #57606a; }
footer { margin-top: 3rem; color: #57606a; font-size: .85rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  figure, tr, li { break-inside: avoid; }
  table { page-break-inside: auto; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .modebar-container, .cijfers { display: none !important; }
}
"""


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def plotly_js() -> str:
    """plotly.js as bundled with the plotly package: no network needed to show the charts."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _figuur(b: Figuur, nummer: int) -> str:
    import plotly.io as pio

    fig = b.maak()
    div = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        div_id=f"grafiek-{nummer}",
        config={"displaylogo": False, "responsive": True, "locale": "nl"},
        default_width="100%",
    )
    return (
        f"<figure><figcaption>{_e(b.titel)}</figcaption>{div}"
        f'<details class="cijfers"><summary>Cijfers bij deze grafiek</summary>{_tabel(b.tabel)}</details>'
        "</figure>"
    )


def _tabel(t: Tabel) -> str:
    kop = "".join(f"<th>{_e(k)}</th>" for k in t.kolommen)
    rijen = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in rij) + "</tr>" for rij in t.rijen)
    return f"<table><thead><tr>{kop}</tr></thead><tbody>{rijen}</tbody></table>"


def render(r: Rapport, *, grafieken: bool = True, voortgang: Callable[[float, str], None] | None = None) -> str:
    """The whole page. Without `grafieken` the figures show as their tables (small, fast)."""
    delen: list[str] = []
    figuren = r.figuren()
    gedaan = 0
    for b in r.blokken:
        if isinstance(b, Kop):
            n = min(max(b.niveau, 2), 6)
            delen.append(f"<h{n}>{_e(b.tekst)}</h{n}>")
        elif isinstance(b, Alinea):
            label = f"<strong>{_e(b.label)}</strong>{scheiding(b)}" if b.label else ""
            klasse = ' class="nadruk"' if b.nadruk else ""
            delen.append(f"<p{klasse}>{label}{_e(b.tekst)}</p>")
        elif isinstance(b, Lijst):
            delen.append("<ul>" + "".join(f"<li>{_e(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Tabel):
            delen.append(_tabel(b))
        elif isinstance(b, Figuur):
            if grafieken:
                gedaan += 1
                if voortgang:
                    voortgang(gedaan / max(len(figuren), 1), f"Grafiek {gedaan} van {len(figuren)}")
                delen.append(_figuur(b, gedaan))
            else:
                delen.append(f"<figure><figcaption>{_e(b.titel)}</figcaption>{_tabel(b.tabel)}</figure>")
    script = f"<script>{plotly_js()}</script>" if grafieken and figuren else ""
    onder = "".join(f"<p>{_e(regel)}</p>" for regel in r.onder)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(r.titel)}</title>\n<style>{CSS}</style>\n{script}\n</head>\n<body>\n"
        f'<h1>{_e(r.titel)}</h1>\n<div class="onder">{onder}</div>\n'
        + "\n".join(delen)
        + "\n<footer>Gemaakt met Schouders, volgens de Schouders Eronder methode.</footer>\n</body>\n</html>\n"
    )


def render_bytes(r: Rapport, **kwargs: object) -> bytes:
    return render(r, **kwargs).encode("utf-8")  # type: ignore[arg-type]
