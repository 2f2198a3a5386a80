"""Small additions to schouders/ui/scope.py for the meeting page and steps 8–10: start on the meeting of
today (or the latest one before today) the first time a traject is opened, and turn the leernetwerk
deelnemer scope into the set of that deelnemer's vraagstukken."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from schouders import planning
from schouders.ui import scope
from schouders.ui.common import Context
from schouders.uitvoering import Scope, deelnemer_scope

BIJEENKOMST_KEY = scope.BIJEENKOMST_KEY
_STANDAARD_VOOR = "_bijeenkomst_standaard_voor"  # traject whose meeting was chosen by default


def standaard_bijeenkomst(ctx: Context, vandaag: date | None = None) -> None:
    """Choose today's (or the latest earlier) meeting once per traject, when nothing valid is chosen.
    A choice the user made, also 'geen bijeenkomst', is left alone after that."""
    if st.session_state.get(_STANDAARD_VOOR) == ctx.tid:
        return
    st.session_state[_STANDAARD_VOOR] = ctx.tid
    gekozen = ctx.snap.get("bijeenkomst", st.session_state.get(BIJEENKOMST_KEY))
    if gekozen is not None and gekozen.traject_id == ctx.tid:
        return
    b = planning.huidige_bijeenkomst(planning.gesorteerd(ctx.snap, ctx.tid), vandaag or date.today())
    st.session_state[BIJEENKOMST_KEY] = b.id if b else None


def kies_bijeenkomst(ctx: Context, *, label: str = "Bijeenkomst", vandaag: date | None = None) -> Any | None:
    """scope.kies_bijeenkomst with a sensible first choice; returns the Bijeenkomst or None."""
    standaard_bijeenkomst(ctx, vandaag)
    return ctx.snap.get("bijeenkomst", scope.kies_bijeenkomst(ctx, label=label))


def kies_scope(ctx: Context) -> tuple[str | None, Scope]:
    """Leernetwerk: the deelnemer chooser; returns (deelnemer id, their vraagstuk ids). Elsewhere
    nothing is shown and (None, None) means: everything of the traject."""
    did = scope.kies_deelnemer(ctx)
    return did, deelnemer_scope(ctx.snap, ctx.tid, did)
