"""Schouders – entry point: page setup, the traject picker in the sidebar, navigation."""

from pathlib import Path

import streamlit as st

from schouders import methode
from schouders.ui import common as ui
from schouders.ui import groepsscherm, toegang

ICOON = Path(__file__).parent / "schouders" / "static" / "icoon.png"  # served by the app: no font CDN request
st.set_page_config(page_title="Schouders", page_icon=str(ICOON), layout="wide")


def _stap_page(nummer: int, bestand: str) -> st.Page:
    s = methode.stap(nummer)
    return st.Page(bestand, title=f"{s.nummer}. {s.naam}")


PAGES = {
    "Traject": [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/home:", default=True),
        st.Page("pages/trajecten.py", title="Trajecten beheren", icon=":material/folder:"),
        st.Page("pages/deelnemers.py", title="Deelnemers", icon=":material/group:"),
        st.Page("pages/bijeenkomsten.py", title="Bijeenkomsten", icon=":material/event:"),
        st.Page("pages/import_export.py", title="Importeren en exporteren", icon=":material/swap_horiz:"),
        st.Page("pages/groepen.py", title="Groepen", icon=":material/groups:"),
        st.Page("pages/analyse.py", title="Analyse themadag", icon=":material/insights:"),
        st.Page("pages/meedoen.py", title="Meedoen", icon=":material/qr_code_2:"),
        st.Page("pages/groepsscherm.py", title="Groepsscherm", url_path=groepsscherm.PAD, visibility="hidden"),
    ],
    "Ontdekken · stap 1–5": [
        _stap_page(1, "pages/stap1_vraagstuk.py"),
        _stap_page(2, "pages/stap2_quickscan.py"),
        _stap_page(3, "pages/stap3_doel.py"),
        _stap_page(4, "pages/stap4_aandachtsgebieden.py"),
        _stap_page(5, "pages/stap5_verdieping.py"),
    ],
    "Ontwerpen en uitproberen · stap 6–10": [
        _stap_page(6, "pages/stap6_oplossingsrichtingen.py"),
        _stap_page(7, "pages/stap7_acties.py"),
        _stap_page(8, "pages/stap8_uitvoeren.py"),
        _stap_page(9, "pages/stap9_evalueren.py"),
        _stap_page(10, "pages/stap10_bijsturen.py"),
    ],
}

toegang.bewaak(PAGES)  # served to the room: participants get only the Meedoen form, on every URL
navigation = st.navigation(PAGES, expanded=True)
st.session_state[ui.SHELL_KEY] = True  # this run went through app.py
if navigation.url_path != groepsscherm.PAD:  # the group screen has no sidebar: nothing to pick there
    ui.sidebar()
navigation.run()
