"""Importeren en exporteren: bring knelpunten in from a spreadsheet, chat, Trello or backup (preview first),
hand out the actieplan or a verslag as Word, HTML or Markdown, spreadsheets, a Trello board, backups."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from schouders import methode, privacy
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
    st.session_state.pop(P + "pg", None)
    st.session_state.pop(P + "pseudo", None)
    if traject_id:
        ui.select_traject(traject_id)
    ui.flash(bericht)


def _doel_traject() -> Traject:
    """The traject to add to: the current one, or a new one from the form fields."""
    if st.session_state.get(P + "waar", NIEUW if t is None else HUIDIG) == HUIDIG and t is not None:
        return t
    naam = st.session_state.get(P + "nieuw_naam", "")
    return Traject(naam=naam, werkvorm=st.session_state.get(P + "nieuw_werkvorm", "werkplaats"))


def _vraagstuk(doel: Traject, huidige_snap) -> str | None:  # noqa: ANN001
    """The deelnemer's vraagstuk chosen for a leernetwerk import, when it belongs to the target traject."""
    vraag = st.session_state.get(P + "vraagstuk") if doel is t else None
    if vraag and getattr(huidige_snap.get("vraagstuk", vraag), "traject_id", None) != doel.id:
        return None  # left over from another traject
    return vraag


def _wat_landt(vb, doel: Traject):  # noqa: ANN001, ANN202 – preview in, (preview of what lands, skipped rows) out
    """The preview as the save will do it: rows already in the target traject left out unless the user
    ticked "Ook dubbele toevoegen". The save makes the same choice on the same store data."""
    if not hasattr(vb, "dubbel") or st.session_state.get(P + "ook_dubbel"):
        return vb, []
    overslaan = vb.dubbel(snap, doel.id, _vraagstuk(doel, snap))
    return (vb.zonder(overslaan) if overslaan else vb), overslaan


def _zonder_persoonsgegevens(vb):  # noqa: ANN001, ANN202 – preview in, (preview to use, changed, kinds) out
    """The preview with personal data replaced when "Pseudonimiseer bij opslaan" is on; looked up once per
    file (one request for all rows), so the preview, the duplicate check and the save see the same texts."""
    if not getattr(vb, "punten", None):
        return vb, 0, ""
    bekend = privacy.bekende_namen(snap, t.id) if t is not None else ()
    sleutel = (id(vb), bekend, privacy.DETECTOR.klaar)
    oud = st.session_state.get(P + "pg")
    if not oud or oud[0] != sleutel:
        teksten = [x for p in vb.punten for x in (p.tekst, p.toelichting) if x]
        if len(teksten) > 100:  # an import of 1,020 rows takes a few seconds: show how far it is
            balk = st.progress(0.0, text="Persoonsgegevens zoeken")
            privacy.vooraf(
                teksten, bekend=bekend, voortgang=lambda f: balk.progress(f, text=f"Persoonsgegevens zoeken ({f:.0%})")
            )
            balk.empty()
        punten, n, soorten = privacy.punten_zonder(vb.punten, bekend=bekend)
        st.session_state[P + "pg"] = oud = (sleutel, (replace(vb, punten=punten), n, soorten))
    nieuw, n, soorten = oud[1]
    return (nieuw if st.session_state.get(P + "pseudo", True) else vb), n, soorten


def _opslaan() -> None:
    oud = st.session_state.get(VOORBEELD)
    if not oud or isinstance(oud[1], str):
        return
    vb = oud[1]
    if vb.bron != "backup":
        vb = _zonder_persoonsgegevens(vb)[0]

    def doe() -> None:
        if vb.bron == "backup":
            _klaar(vb.bericht(vb.opslaan(store)))
            return
        doel = _doel_traject()
        vraag = _vraagstuk(doel, store.snapshot())
        res = vb.opslaan(store, doel, vraag, ook_dubbel=bool(st.session_state.get(P + "ook_dubbel")))
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
    if not privacy.DETECTOR.klaar and not privacy.DETECTOR.fout:
        with st.spinner("Persoonsgegevens zoeken (de eerste keer duurt dat een paar seconden)…"):
            privacy.DETECTOR.laad(wacht=True, timeout=30)
    vb, n_pg, soorten_pg = _zonder_persoonsgegevens(vb)
    if n_pg:
        with st.container(border=True, key=P + "pg_vak"):
            st.warning(
                f"In {n_pg} van de {len(vb.punten)} punten staan persoonsgegevens ({ui.esc(soorten_pg)}).",
                icon=":material/shield_person:",
            )
            st.checkbox(
                "Pseudonimiseer bij opslaan",
                value=True,
                key=P + "pseudo",
                help="Namen, adressen en nummers worden [naam], [adres] … Het voorbeeld hieronder laat zien wat er "
                "bewaard wordt.",
            )
    alles = vb
    naar_huidig = t is not None and st.session_state.get(P + "waar", HUIDIG) == HUIDIG
    vb, overslaan = _wat_landt(alles, t) if naar_huidig else (alles, [])  # a new traject has nothing yet
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
    _waar_naartoe(vb, alles, overslaan)


def _dubbel(alles, overslaan: list) -> None:  # noqa: ANN001
    """Which rows are already in the traject, and the one switch that adds them anyway (shown only when
    there are such rows, ticked or not)."""
    from schouders.importers.voorbeeld import overgeslagen_zin

    al_er = overslaan or alles.dubbel(snap, t.id, _vraagstuk(t, snap))
    if not al_er:
        return
    with st.container(border=True, key=P + "dubbel_lijst"):
        if overslaan:
            st.warning(ui.esc(overgeslagen_zin(len(overslaan)) + " Deze staan er al:"))
        else:
            n = len(al_er)
            st.warning(
                f"{n} {'staat' if n == 1 else 'staan'} al in dit traject en {'komt' if n == 1 else 'komen'} "
                "er nog een keer bij:"
            )
        for regel in alles.dubbel_regels(al_er)[:200]:
            st.text(f"• {regel}")
        if len(al_er) > 200:
            st.text(f"… en nog {len(al_er) - 200}.")
        st.checkbox(
            "Ook dubbele toevoegen",
            key=P + "ook_dubbel",
            help="Punten die al in het traject staan (zelfde tekst en groep; hoofdletters en spaties tellen niet), "
            "komen er dan nog een keer bij.",
        )


def _problemen(problemen: list) -> None:
    if not problemen:
        return
    with st.container(border=True):
        st.markdown(f"**Meldingen ({len(problemen)})** · rijen met een melding die overgeslagen worden, komen niet mee")
        for p in problemen[:200]:
            st.text(f"• {p}")
        if len(problemen) > 200:
            st.text(f"… en nog {len(problemen) - 200} meldingen.")


def _waar_naartoe(vb, alles, overslaan: list) -> None:  # noqa: ANN001
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
    if waar == HUIDIG and t is not None and hasattr(alles, "dubbel"):
        _dubbel(alles, overslaan)
    niets = vb.niets_te_doen()
    if niets and overslaan:
        st.info(f"Alles uit dit bestand staat al in '{ui.esc(t.naam)}'. Er komt niets bij.")
    st.button("Opslaan", type="primary", on_click=_opslaan, key=P + "opslaan", icon=":material/save:", disabled=niets)


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


def _maak_documenten(
    bron: Callable[[], Any], soort: str, item_id: str | None, afbeeldingen: bool, sleutel: tuple
) -> None:
    from schouders.exporters import docx, html, markdown

    with st.status("Documenten maken…", expanded=True) as status:
        balk = st.progress(0.0, text="Inhoud verzamelen")
        balk.progress(0.02, text="Persoonsgegevens opzoeken")
        r = rapport.maak_rapport(bron(), t.id, soort, item_id, vandaag=date.today())
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
    from schouders.ui import export as export_ui

    bron = export_ui.uitgaand(snap, t.id, key=P + "zonder_pg")
    keuzes = rapport.rapporten_voor(snap, t.id)
    idx = st.selectbox("Welk document?", range(len(keuzes)), format_func=lambda i: keuzes[i][0], key=P + "document")
    _, soort, item_id = keuzes[idx or 0]
    afbeeldingen = st.checkbox(
        "Grafieken als afbeelding in het Word-document",
        value=True,
        key=P + "afbeeldingen",
        help="Schouders tekent de grafieken zelf, zonder browser of internet. Zonder afbeeldingen staan de "
        "cijfers als tabel in het document.",
    )
    zonder = bool(st.session_state.get(P + "zonder_pg", True))
    sleutel = (t.id, soort, item_id, afbeeldingen, zonder, snap.revision)
    if st.button("Documenten maken", type="primary", key=P + "maak", icon=":material/description:"):
        _maak_documenten(bron, soort, item_id, afbeeldingen, sleutel)
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
    tid = t.id  # the callables run on click, in another thread: they get this snapshot, without personal data if chosen
    c1, c2 = st.columns(2)
    c1.download_button(
        "Excel-werkmap (.xlsx)",
        lambda: spreadsheet.xlsx(bron(), tid),
        file_name=f"{basis}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=P + "dl_xlsx",
        icon=":material/table:",
    )
    c2.download_button(
        "Trello-bord (.json)",
        lambda: trello.bord_bytes(bron(), tid),
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
            lambda tabel=tabel: spreadsheet.csv_bytes(bron(), tid, tabel),
            file_name=f"{tabel}-{basis}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{P}dl_csv_{tabel}",
        )

    st.subheader("Praatplaat", anchor=False)
    st.write(
        "De zeven aandachtsgebieden met hun vragen, het vraagstuk en het doel op één A3 (liggend), om te printen "
        "voor een bijeenkomst op locatie. Ook als afbeelding, voor een scherm of een presentatie."
    )
    export_ui.praatplaat_knoppen(snap, tid, key=P + "praatplaat", png=True, bron=bron)


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
