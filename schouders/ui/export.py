"""Download buttons for the actieplan, a verslag or the Praatplaat, for any page that wants them (one line
to call).

The files are made only when the button is clicked (Streamlit runs the callable then), so a page rerun
costs nothing. Word documents carry their charts as images (drawn without a browser, well under a second).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from schouders import privacy

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "md": "text/markdown",
}
LABEL = {"docx": "Word", "html": "HTML", "md": "Markdown"}


def _vectoren_bij_store() -> None:
    """The export's themadag themes are the Analyse page's: on meaning when the vectors are there. They are
    kept beside the store; attach that file before a file is made (cheap after the first time)."""
    from schouders import betekenis
    from schouders.ui.common import get_store

    betekenis.taalmodel().bewaar_bij(betekenis.naast(get_store().path))


def _maker(snap: Any, traject_id: str, soort: str, item_id: str | None, fmt: str) -> Any:
    def maak() -> bytes:
        from schouders.exporters import docx, html, markdown, rapport

        _vectoren_bij_store()
        r = rapport.maak_rapport(snap, traject_id, soort, item_id)
        if fmt == "docx":
            return docx.render(r)
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


def praatplaat_knoppen(
    snap: Any,
    traject_id: str,
    *,
    knelpunten: list[Any] | None = None,
    vraagstuk_id: str | None = None,
    key: str = "praatplaat",
    png: bool = False,
    bron: Callable[[], Any] | None = None,
) -> None:
    """The Praatplaat as one download (A3, PDF; with `png` also as picture), with a checkbox for the
    knelpunten as post-its. `knelpunten` narrows them (stap 4's groep filter); default: all of the traject.
    `vraagstuk_id`: a leernetwerk deelnemer's own vraagstuk and doel on top. `bron`: what to draw from when
    the file is made (default: the group's view, without personal data – the plaat hangs in the room)."""
    from schouders.exporters import praatplaat

    t = snap.get("traject", traject_id)
    if t is None:
        return
    met = st.checkbox(
        "met de knelpunten erop",
        key=f"{key}_met",
        help="Elk knelpunt als post-it in zijn aandachtsgebied. Zonder knelpunten is het een lege plaat om "
        "post-its op te plakken.",
    )
    naam = praatplaat.bestandsnaam(t.naam, met_knelpunten=met)
    opties = {"met_knelpunten": met, "knelpunten": list(knelpunten) if knelpunten is not None else None}
    if vraagstuk_id:
        opties["vraagstuk_id"] = vraagstuk_id

    def uit() -> Any:
        if bron is not None:
            return bron()
        privacy.DETECTOR.laad(wacht=True)
        return privacy.voor_de_groep(snap, traject_id)

    def maak(soort: str) -> Any:
        def bytes_() -> bytes:
            s = uit()
            o = dict(opties)
            if o["knelpunten"] is not None:  # the same knelpunten, as the snapshot to draw from has them
                o["knelpunten"] = [s.get("knelpunt", k.id) or k for k in o["knelpunten"]]
            return (praatplaat.png if soort == "png" else praatplaat.pdf)(s, traject_id, **o)

        return bytes_

    kolommen = st.columns(2 if png else 1)
    kolommen[0].download_button(
        "Praatplaat (A3, PDF)",
        maak("pdf"),
        file_name=f"{naam}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key=f"{key}_pdf",
        icon=":material/download:",
    )
    if png:
        kolommen[1].download_button(
            "Praatplaat als afbeelding (PNG)",
            maak("png"),
            file_name=f"{naam}.png",
            mime="image/png",
            on_click="ignore",
            key=f"{key}_png",
            icon=":material/image:",
        )


def uitgaand(snap: Any, traject_id: str, *, key: str) -> Callable[[], Any]:
    """The choice "Zonder persoonsgegevens" (on by default: what leaves the app is usually sent on), with how
    many texts it changes. Returns what to export from: a callable, so the wait for name recognition (seconds,
    once per process) happens when a file is made, never when the page is drawn. A reservekopie never uses it."""
    zonder = st.checkbox(
        "Zonder persoonsgegevens",
        value=True,
        key=key,
        help="Namen, adressen, postcodes, telefoonnummers, e-mailadressen, BSN's, rekeningnummers en geboortedata "
        "in de teksten worden [naam], [adres] … De gegevens in Schouders zelf blijven zoals ze zijn.",
    )
    if not zonder:
        st.caption("Let op: de teksten gaan mee zoals ze zijn, ook namen en nummers.")

        def zoals_het_is() -> Any:
            _vectoren_bij_store()
            return snap

        return zoals_het_is

    def vervangen() -> tuple[Any, int]:  # once per revision, and again when names can be recognised too
        return snap.memo(
            (privacy.zonder_persoonsgegevens, traject_id, privacy.DETECTOR.klaar),
            lambda: privacy.zonder_persoonsgegevens(snap, traject_id),
        )

    _, n = vervangen()
    if n:
        st.caption(
            f"In {n} {'tekst worden' if n == 1 else 'teksten worden'} persoonsgegevens vervangen door [naam], [adres] …."
        )
    elif privacy.DETECTOR.klaar:
        st.caption("Geen persoonsgegevens gevonden in de teksten van dit traject.")
    if not privacy.DETECTOR.klaar:
        st.caption("Namen zonder aanhef worden nog opgezocht; de bestanden wachten daarop (een paar seconden).")

    def bron() -> Any:
        _vectoren_bij_store()
        privacy.DETECTOR.laad(wacht=True)
        return vervangen()[0]

    return bron
