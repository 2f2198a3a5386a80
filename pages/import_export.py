"""Importeren en exporteren: bring knelpunten in from a spreadsheet, chat, Trello or backup (preview first),
hand out the actieplan or a verslag as Word, HTML or Markdown, spreadsheets, a Trello board, backups."""

from datetime import date

import streamlit as st

from schouders import methode
from schouders.datums import datum_nl
from schouders.exporters import rapport
from schouders.importers.bestand import EXTENSIES, lees_bestand
from schouders.importers.voorbeeld import SOORT_LABEL, SOORTEN
from schouders.model import Traject
from schouders.ui import common as ui

ctx = ui.page(need_traject=False, title="Importeren en exporteren")
store, snap, t = ctx.store, ctx.snap, ctx.traject

P = "ie_"
UPLOAD_NR = P + "upload_nr"
VOORBEELD = P + "voorbeeld"  # (file id, soort, preview or error text)
DOCS = P + "docs"  # (key, file name base, {format: bytes})
NIEUW, HUIDIG = "nieuw", "huidig"

st.session_state.setdefault(UPLOAD_NR, 0)


# ---- import ------------------------------------------------------------------------------------------


def _lees(bestand, soort: str):  # noqa: ANN001, ANN202 – UploadedFile in, preview or message out
    sleutel = (bestand.file_id, soort)
    oud = st.session_state.get(VOORBEELD)
    if oud and oud[0] == sleutel:
        return oud[1]
    with st.status(f"{bestand.name} inlezen…", expanded=False) as status:
        try:
            resultaat = lees_bestand(bestand.getvalue(), bestand.name, soort=soort)
            status.update(label=f"{bestand.name} ingelezen", state="complete")
        except ValueError as exc:
            resultaat = str(exc)
            status.update(label=f"{bestand.name} kon niet worden ingelezen", state="error")
    st.session_state[VOORBEELD] = (sleutel, resultaat)
    return resultaat


def _klaar(bericht: str, traject_id: str | None = None) -> None:
    """After a save: message, the uploader emptied, the preview forgotten."""
    st.session_state[UPLOAD_NR] += 1
    st.session_state.pop(VOORBEELD, None)
    if traject_id:
        ui.select_traject(traject_id)
    ui.flash(bericht)


def _doel_traject() -> Traject:
    """The traject to add to: the current one, or a new one from the form fields."""
    if st.session_state.get(P + "waar", NIEUW if t is None else HUIDIG) == HUIDIG and t is not None:
        return t
    naam = st.session_state.get(P + "nieuw_naam", "")
    return Traject(naam=naam, werkvorm=st.session_state.get(P + "nieuw_werkvorm", "werkplaats"))


def _opslaan() -> None:
    oud = st.session_state.get(VOORBEELD)
    if not oud or isinstance(oud[1], str):
        return
    vb = oud[1]

    def doe() -> None:
        if vb.bron == "backup":
            _klaar(vb.bericht(vb.opslaan(store)))
            return
        doel = _doel_traject()
        vraag = st.session_state.get(P + "vraagstuk") if doel is t else None
        if vraag and getattr(store.snapshot().get("vraagstuk", vraag), "traject_id", None) != doel.id:
            vraag = None  # left over from another traject
        res = vb.opslaan(store, doel, vraag) if vraag else vb.opslaan(store, doel)
        _klaar(res.bericht, res.traject.id)

    ui.act(doe)


def _importeren() -> None:
    st.write(
        "Haal knelpunten (of succes- en verbeterpunten) binnen zonder overtypen: uit een spreadsheet (.xlsx of "
        ".csv), een opgeslagen chat van Zoom of Teams of een gewone lijst (.txt), een Trello-bord (.json) of een "
        "reservekopie van Schouders (.json). Je ziet eerst wat er binnenkomt; pas als je op Opslaan klikt, "
        "wordt er iets bewaard."
    )
    soort = st.radio(
        "Wat staat er in het bestand?",
        [k for k, _ in SOORTEN],
        format_func=lambda k: SOORT_LABEL[k],
        horizontal=True,
        key=P + "soort",
        help="Geldt voor spreadsheets zonder kolom 'Soort' en voor chats en lijsten.",
    )
    bestand = st.file_uploader(
        "Bestand kiezen",
        type=[e.lstrip(".") for e in EXTENSIES],
        key=f"{P}upload_{st.session_state[UPLOAD_NR]}",
    )
    if bestand is None:
        st.session_state.pop(VOORBEELD, None)
        return
    vb = _lees(bestand, soort)
    if isinstance(vb, str):
        st.error(ui.esc(vb))
        return
    if vb.bron == "backup":
        _backup_voorbeeld(vb)
        return
    st.info(ui.esc(vb.samenvatting()))
    details = []
    if getattr(vb, "details", None):
        d = vb.details
        if "codering" in d:
            details.append(f"tekenset {d['codering']}, gescheiden door {d['scheidingsteken']}")
        if "blad" in d:
            details.append(f"werkblad '{d['blad']}'")
    if getattr(vb, "kolommen", None):
        from schouders.importers.tabel import kolommen_uitleg

        details.append("kolommen: " + kolommen_uitleg(vb.kolommen))
    if details:
        st.caption(ui.esc("Gelezen met " + "; ".join(details) + "."))
    st.dataframe(vb.tabel(), hide_index=True, width="stretch", height=min(38 + 35 * len(vb.tabel()), 420))
    if vb.bron in ("tabel", "chat") and vb.per_gebied():
        st.caption(ui.esc("Per aandachtsgebied: " + ", ".join(f"{g} {n}" for g, n in vb.per_gebied().items())))
    _problemen(vb.problemen)
    _waar_naartoe(vb)


def _problemen(problemen: list) -> None:
    if not problemen:
        return
    with st.container(border=True):
        st.markdown(f"**Meldingen ({len(problemen)})** · rijen met een melding die overgeslagen worden, komen niet mee")
        for p in problemen[:200]:
            st.text(f"• {p}")
        if len(problemen) > 200:
            st.text(f"… en nog {len(problemen) - 200} meldingen.")


def _waar_naartoe(vb) -> None:  # noqa: ANN001
    opties = [HUIDIG, NIEUW] if t is not None else [NIEUW]
    labels = {HUIDIG: f"Toevoegen aan '{t.naam}'" if t is not None else "", NIEUW: "In een nieuw traject"}
    waar = st.radio("Waar moet het heen?", opties, format_func=labels.get, key=P + "waar", horizontal=True)
    if waar == NIEUW:
        c1, c2 = st.columns([3, 2])
        standaard = vb.bestand.rsplit(".", 1)[0]
        c1.text_input("Naam van het nieuwe traject", value=standaard, key=P + "nieuw_naam", max_chars=120)
        c2.selectbox(
            "Werkvorm",
            [w.key for w in methode.WERKVORMEN],
            format_func=lambda k: methode.werkvorm(k).label,
            key=P + "nieuw_werkvorm",
        )
    elif t is not None and vb.bron != "trello" and methode.werkvorm(t.werkvorm).eigen_vraagstuk:
        _kies_vraagstuk()
    if waar == HUIDIG and t is not None and hasattr(vb, "al_aanwezig"):
        dubbel = vb.al_aanwezig(snap, t.id)
        if dubbel:
            st.warning(
                f"{dubbel} van deze punten staan al in '{ui.esc(t.naam)}' (zelfde tekst). "
                "Ze komen er nog een keer bij als je opslaat."
            )
    st.button("Opslaan", type="primary", on_click=_opslaan, key=P + "opslaan", icon=":material/save:")


def _kies_vraagstuk() -> None:
    """Leernetwerk: every deelnemer has an own vraagstuk; the points go to the one chosen here."""
    eigen = [v for v in snap.of("vraagstuk", t.id) if v.deelnemer_id]
    if not eigen:
        st.session_state.pop(P + "vraagstuk", None)
        return
    namen = {d.id: d.naam for d in snap.of("deelnemer", t.id)}
    opties = [None, *(v.id for v in eigen)]
    labels = {v.id: f"{namen.get(v.deelnemer_id, '?')}: {v.tekst}" for v in eigen}
    st.selectbox(
        "Bij wiens vraagstuk horen deze punten?",
        opties,
        format_func=lambda i: labels.get(i, "Bij niemand in het bijzonder") if i else "Bij niemand in het bijzonder",
        key=P + "vraagstuk",
    )


def _backup_voorbeeld(vb) -> None:  # noqa: ANN001
    st.info(ui.esc(vb.samenvatting()))
    if vb.gemaakt:
        st.caption(f"Gemaakt op {ui.esc(datum_nl(vb.gemaakt[:10]))}.")
    st.dataframe(vb.tabel(snap), hide_index=True, width="stretch")
    st.caption(
        "Er wordt nooit iets overschreven: bestaat de naam al, dan komt het terug als nieuw traject met een eigen naam."
    )
    _problemen(vb.problemen)
    st.button("Terugzetten", type="primary", on_click=_opslaan, key=P + "terugzetten", icon=":material/restore:")


# ---- export ------------------------------------------------------------------------------------------


def _maak_documenten(soort: str, item_id: str | None, afbeeldingen: bool, sleutel: tuple) -> None:
    from schouders.exporters import docx, html, markdown

    with st.status("Documenten maken…", expanded=True) as status:
        balk = st.progress(0.0, text="Inhoud verzamelen")
        r = rapport.maak_rapport(snap, t.id, soort, item_id, vandaag=date.today())
        balk.progress(0.1, text="Markdown schrijven")
        bestanden = {"md": markdown.render_bytes(r)}
        balk.progress(0.2, text="HTML-pagina met grafieken maken")
        bestanden["html"] = html.render_bytes(r)
        balk.progress(0.35, text="Word-document maken")

        def stap(deel: float, tekst: str) -> None:
            balk.progress(0.35 + 0.65 * deel, text=tekst)

        bestanden["docx"] = docx.render(r, met_afbeeldingen=afbeeldingen, voortgang=stap)
        balk.progress(1.0, text="Klaar")
        status.update(label="Documenten klaar om te downloaden", state="complete", expanded=False)
    st.session_state[DOCS] = (sleutel, r.bestandsnaam, bestanden)


def _exporteren() -> None:
    if t is None:
        st.info("Kies of maak eerst een traject; dan kun je hier het actieplan en de verslagen downloaden.")
        return
    st.write(
        "Maak het actieplan of het verslag van één bijeenkomst als Word-document, als HTML-pagina (werkt "
        "zonder internet, met grafieken die je kunt aanwijzen; print netjes naar PDF vanuit de browser) of als "
        "Markdown."
    )
    keuzes = rapport.rapporten_voor(snap, t.id)
    idx = st.selectbox("Welk document?", range(len(keuzes)), format_func=lambda i: keuzes[i][0], key=P + "document")
    _, soort, item_id = keuzes[idx or 0]
    afbeeldingen = st.checkbox(
        "Grafieken als afbeelding in het Word-document",
        value=True,
        key=P + "afbeeldingen",
        help="Hiervoor start Schouders even een onzichtbare browser; dat duurt enkele seconden. Zonder "
        "afbeeldingen staan de cijfers als tabel in het document.",
    )
    sleutel = (t.id, soort, item_id, afbeeldingen, snap.revision)
    if st.button("Documenten maken", type="primary", key=P + "maak", icon=":material/description:"):
        _maak_documenten(soort, item_id, afbeeldingen, sleutel)
    klaar = st.session_state.get(DOCS)
    if klaar and klaar[0] == sleutel:
        _, naam, bestanden = klaar
        documenten = (
            ("Word (.docx)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("HTML-pagina", "html", "text/html"),
            ("Markdown", "md", "text/markdown"),
        )
        for kolom, (label, ext, mime) in zip(st.columns(3), documenten, strict=True):
            kolom.download_button(
                label,
                bestanden[ext],
                file_name=f"{naam}.{ext}",
                mime=mime,
                on_click="ignore",
                key=P + "dl_" + ext,
                icon=":material/download:",
            )
    elif klaar and klaar[0][:2] == sleutel[:2]:
        st.caption("De gegevens of de keuze zijn veranderd sinds je de documenten maakte: maak ze opnieuw.")

    st.subheader("Spreadsheets en Trello", anchor=False)
    st.write(
        "Knelpunten, oplossingsrichtingen en acties als Excel-werkmap (één werkblad per soort) of als CSV, en het "
        "actieplan als Trello-bord. Een werkmap uit Schouders kun je hierboven ook weer importeren."
    )
    from schouders.exporters import spreadsheet, trello

    basis = rapport.bestandsnaam(t.naam)
    tid, vaste_snap = t.id, snap  # the callables run on click, in another thread: give them this snapshot
    c1, c2 = st.columns(2)
    c1.download_button(
        "Excel-werkmap (.xlsx)",
        lambda: spreadsheet.xlsx(vaste_snap, tid),
        file_name=f"{basis}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=P + "dl_xlsx",
        icon=":material/table:",
    )
    c2.download_button(
        "Trello-bord (.json)",
        lambda: trello.bord_bytes(vaste_snap, tid),
        file_name=f"{basis}.trello.json",
        mime="application/json",
        on_click="ignore",
        key=P + "dl_trello",
        icon=":material/view_kanban:",
    )
    kolommen = st.columns(3)
    for kol, (tabel, label) in zip(
        kolommen,
        (("knelpunten", "Knelpunten"), ("richtingen", "Oplossingsrichtingen"), ("acties", "Acties")),
        strict=True,
    ):
        kol.download_button(
            f"{label} (.csv)",
            lambda tabel=tabel: spreadsheet.csv_bytes(vaste_snap, tid, tabel),
            file_name=f"{tabel}-{basis}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{P}dl_csv_{tabel}",
        )


def _reservekopie() -> None:
    from schouders.importers import backup

    st.write(
        "Een reservekopie bevat alles van een traject in één bestand. Zet hem terug via Importeren: bestaat de naam "
        "al, dan komt hij terug als nieuw traject; er wordt nooit iets overschreven."
    )
    vaste_snap = snap
    vandaag = date.today().isoformat()
    c1, c2 = st.columns(2)
    if t is not None:
        tid = t.id
        c1.download_button(
            f"Reservekopie van '{t.naam}'",
            lambda: backup.maak_bytes(vaste_snap, tid),
            file_name=f"{rapport.bestandsnaam('reservekopie', t.naam, vandaag)}.json",
            mime="application/json",
            on_click="ignore",
            key=P + "dl_backup",
            icon=":material/backup:",
        )
    if snap.all("traject"):
        c2.download_button(
            "Reservekopie van alle trajecten",
            lambda: backup.maak_bytes(vaste_snap),
            file_name=f"reservekopie-alle-trajecten-{vandaag}.json",
            mime="application/json",
            on_click="ignore",
            key=P + "dl_backup_alles",
            icon=":material/backup:",
        )


tab_in, tab_uit, tab_kopie = st.tabs(["Importeren", "Exporteren", "Reservekopie"])
with tab_in:
    _importeren()
with tab_uit:
    _exporteren()
with tab_kopie:
    _reservekopie()
