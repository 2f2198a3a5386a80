"""The facilitator's mark on a text with personal data, for pages that show texts outside the stap 4/5 board.

Only on the facilitator's own pages: the group screen and presentation mode never show the real text
(`privacy.voor_de_groep`). Our own words; the found parts themselves are not repeated.
"""

from __future__ import annotations

import streamlit as st

from schouders import privacy
from schouders.store import Snapshot


def let_op(snap: Snapshot, traject_id: str, tekst: str) -> None:
    """A small line "Let op, persoonsgegevens: naam, adres" under a text that holds them; nothing otherwise."""
    bekend = snap.memo((privacy.bekende_namen, traject_id), lambda: privacy.bekende_namen(snap, traject_id))
    gevonden = privacy.vind(tekst, bekend=bekend)
    if gevonden:
        st.caption(
            f"**Let op, persoonsgegevens:** {privacy.samenvatting(gevonden)}. Op het groepsscherm en in exports "
            "staat hier [naam], [adres] …"
        )
