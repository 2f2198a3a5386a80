"""A report as Markdown. User text is escaped, so it reads as text wherever the file is shown."""

from __future__ import annotations

import re

from schouders.exporters.rapport import Alinea, Figuur, Kop, Lijst, Rapport, Tabel, scheiding

_SPECIAAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")


def esc(text: str) -> str:
    """Markdown-safe text: no emphasis, links, images, HTML or headings from user input."""
    s = _SPECIAAL.sub(r"\\\1", str(text))
    s = re.sub(r"^(\s*)([-+]|\d+[.)])(\s)", r"\1\\\2\3", s, flags=re.MULTILINE)  # no accidental lists
    return s


def _regels(text: str) -> str:
    """Keep line breaks inside a paragraph (two spaces before the newline)."""
    return "  \n".join(esc(r) for r in str(text).splitlines())


def _cel(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def render(r: Rapport) -> str:
    out = [f"# {esc(r.titel)}", ""]
    out += [f"{_regels(regel)}  " for regel in r.onder]
    out.append("")
    for b in r.blokken:
        if isinstance(b, Kop):
            out += [f"{'#' * min(b.niveau, 6)} {esc(b.tekst)}", ""]
        elif isinstance(b, Alinea):
            tekst = _regels(b.tekst)
            if b.label:
                tekst = f"**{esc(b.label)}**{scheiding(b)}{tekst}"
            if b.nadruk:
                tekst = "> " + tekst.replace("\n", "\n> ")
            out += [tekst, ""]
        elif isinstance(b, Lijst):
            out += [f"- {_regels(i).replace(chr(10), chr(10) + '  ')}" for i in b.items]
            out.append("")
        elif isinstance(b, Tabel):
            out += _tabel(b)
        elif isinstance(b, Figuur):
            out += [f"*{esc(b.titel)}*", "", *_tabel(b.tabel)]
    return "\n".join(out).rstrip() + "\n"


def _tabel(t: Tabel) -> list[str]:
    regels = ["| " + " | ".join(_cel(k) for k in t.kolommen) + " |", "|" + "---|" * len(t.kolommen)]
    regels += ["| " + " | ".join(_cel(c) for c in rij) + " |" for rij in t.rijen]
    return [*regels, ""]


def render_bytes(r: Rapport) -> bytes:
    return render(r).encode("utf-8")
