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
import pyarrow as pa
import streamlit as st

from schouders import groepen, themas
from schouders.ui.common import Context, als_arrow, esc

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


def veilig(df: pd.DataFrame, *, met_index: bool = False) -> pa.Table:
    """A table for `tabel`: every text escaped (st.table renders Markdown in cells and headers; group names and
    knelpunten are user text), in Arrow form. `met_index`: the index becomes the first column.
    Memoise it (`Snapshot.memo`) so a rerun does not escape and convert the same table again."""

    def esc_tekst(v: object) -> object:
        return esc(v) if isinstance(v, str) else v

    out = df.reset_index() if met_index else df.copy()
    out.columns = [esc_tekst(c) for c in out.columns]
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):  # text may be stored as Arrow strings
            out[c] = out[c].map(esc_tekst)
    return als_arrow(out)


def tabel(data: pa.Table) -> None:
    """A small static table that screen readers and browser tests can read (st.dataframe draws on a canvas).
    `data` comes from `veilig`."""
    st.table(data, hide_index=True)
