"""Download buttons for the actieplan or a verslag, for any page that wants them (one line to call).

The files are made only when the button is clicked (Streamlit runs the callable then), so a page rerun
costs nothing. Word documents made here carry the charts as tables; the page Importeren en exporteren
makes them with chart images and shows progress.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "md": "text/markdown",
}
LABEL = {"docx": "Word", "html": "HTML", "md": "Markdown"}


def _maker(snap: Any, traject_id: str, soort: str, item_id: str | None, fmt: str) -> Any:
    def maak() -> bytes:
        from schouders.exporters import docx, html, markdown, rapport

        r = rapport.maak_rapport(snap, traject_id, soort, item_id)
        if fmt == "docx":
            return docx.render(r, met_afbeeldingen=False)
        if fmt == "html":
            return html.render_bytes(r)
        return markdown.render_bytes(r)

    return maak


def download_knoppen(
    snap: Any, traject_id: str, *, soort: str = "traject", item_id: str | None = None, key: str = "export"
) -> None:
    """Three small download buttons (Word, HTML, Markdown) for the actieplan (soort 'traject'), one
    deelnemer's plan ('deelnemer', item_id = deelnemer id) or a meeting's verslag ('verslag', bijeenkomst id)."""
    from schouders.exporters.rapport import bestandsnaam

    t = snap.get("traject", traject_id)
    if t is None:
        return
    wie = ""
    if soort == "deelnemer":
        wie = getattr(snap.get("deelnemer", item_id), "naam", "")
    elif soort == "verslag":
        b = snap.get("bijeenkomst", item_id)
        wie = (b.titel or f"bijeenkomst-{b.nummer}") if b else ""
    naam = bestandsnaam("actieplan" if soort != "verslag" else "verslag", wie, t.naam)
    for kolom, fmt in zip(st.columns(3), ("docx", "html", "md"), strict=True):
        kolom.download_button(
            LABEL[fmt],
            _maker(snap, traject_id, soort, item_id, fmt),
            file_name=f"{naam}.{fmt}",
            mime=MIME[fmt],
            on_click="ignore",
            key=f"{key}_{soort}_{item_id or ''}_{fmt}",
            icon=":material/download:",
        )
