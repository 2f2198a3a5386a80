"""The group filter for a themadag, and the cached theme grouping.

`kies_groep(ctx)` shows a selectbox "Groep" only when the traject has groups. The choice lives in
`st.session_state["groep_id"]`, so it holds across pages (widget state itself is dropped on a page switch):
during the day each group works in its own view. Pages filter with `groepen.in_groep(items, groep_id)` and
give new items `groep_id`.

`indeling(ctx)` groups the traject's knelpunten into themes once per store revision: a rerun that changed
nothing reuses the result, however many knelpunten there are.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from schouders import groepen, themas
from schouders.ui.common import Context, esc

GROEP_KEY = "groep_id"
_ALLE = "__alle__"


def gekozen_groep(ctx: Context) -> str | None:
    """The chosen group without showing a widget; None for 'all groups' or when it is not of this traject."""
    if ctx.traject is None:
        return None
    gid = groepen.geldige_groep(ctx.snap, ctx.tid, st.session_state.get(GROEP_KEY))
    if gid is None:
        st.session_state[GROEP_KEY] = None
    return gid


def _copy(src: str) -> None:
    value = st.session_state.get(src)
    st.session_state[GROEP_KEY] = None if value == _ALLE else value


def kies_groep(
    ctx: Context,
    *,
    label: str = "Groep",
    key: str = "_groep_picker",
    alle: str = "Alle groepen",
    help: str | None = "Laat alleen het werk van deze groep zien; wat je toevoegt, komt bij deze groep.",
) -> str | None:
    """A selectbox of the traject's groups (with 'Alle groepen'); returns the chosen group id or None.

    Shown only when the traject has groups; otherwise nothing is shown and None is returned.
    """
    gid = gekozen_groep(ctx)
    if ctx.traject is None:
        return None
    namen = groepen.groep_namen(ctx.snap, ctx.tid)
    if not namen:
        return None
    opties = {_ALLE: alle} | namen
    st.session_state[key] = gid or _ALLE
    st.selectbox(
        label,
        list(opties),
        key=key,
        format_func=lambda i: opties.get(i, i),
        on_change=_copy,
        args=(key,),
        help=help,
    )
    return gid


def indeling(ctx: Context) -> themas.Indeling:
    """The themes of the traject's knelpunten, built once per store revision (kept on the snapshot)."""
    return ctx.snap.memo((themas.indeling, ctx.tid), lambda: themas.indeling(ctx.snap, ctx.tid))


def tabel(df: pd.DataFrame, *, hide_index: bool = True) -> None:
    """A small static table that screen readers and browser tests can read (st.dataframe draws on a canvas).

    st.table renders Markdown in cells and headers, so every text – group names and knelpunten are user
    text – is escaped first.
    """

    def veilig(v: object) -> object:
        return esc(v) if isinstance(v, str) else v

    out = df.copy()
    out.columns = [veilig(c) for c in out.columns]
    if not hide_index:
        out.index = [veilig(i) for i in out.index]
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(veilig)
    st.table(out, hide_index=hide_index)
