"""The time box on screen: a Streamlit fragment, so only the clock reruns every second, never the page.

The timer itself (`schouders.timer.Timer`) lives in session state under one key per step or agenda item,
so it keeps running when the procesbegeleider switches pages or turns presentation mode on and off.
The fragment only ticks while the timer runs; starting or stopping it reruns the app once to switch the
tick on or off.
"""

from __future__ import annotations

import time

import streamlit as st

from schouders.groepsscherm import VOLGBORD
from schouders.timer import MAX_SECONDEN, PLUS_SECONDEN, TIJD_IS_OM, Timer, klok_tekst, stand_tekst

_PREFIX = "_timer_"


def _nu() -> float:
    return time.monotonic()


def huidig(sleutel: str) -> Timer:
    """The timer for `sleutel` (a new, paused one the first time)."""
    t = st.session_state.get(_PREFIX + sleutel)
    if not isinstance(t, Timer):
        t = Timer()
        st.session_state[_PREFIX + sleutel] = t
    return t


def _zet(sleutel: str, t: Timer) -> None:
    st.session_state[_PREFIX + sleutel] = t
    # the group screen shows the facilitator's running timer large: it reads it from the shared picture
    VOLGBORD.timer(st.session_state.get("traject_id"), sleutel, t)


def _start_pauze(sleutel: str) -> None:
    t = huidig(sleutel)
    _zet(sleutel, t.pauzeer(_nu()) if t.loopt else t.start(_nu()))


def _plus(sleutel: str) -> None:
    _zet(sleutel, huidig(sleutel).plus(_nu()))


def _reset(sleutel: str) -> None:
    _zet(sleutel, huidig(sleutel).reset())


def _stel_in(sleutel: str) -> None:
    minuten = st.session_state.get(f"tm_{sleutel}_min")
    if minuten:
        _zet(sleutel, huidig(sleutel).stel_in(minuten))


def _minuten(sleutel: str, titel: str, t: Timer) -> None:
    st.number_input(
        f"{titel}: minuten",
        min_value=1,
        max_value=int(MAX_SECONDEN // 60),
        value=max(1, int(t.basis // 60)),
        step=5,
        key=f"tm_{sleutel}_min",
        on_change=_stel_in,
        args=(sleutel,),
        help="Zet de timer op dit aantal minuten (hij staat dan stil).",
    )


def _nieuw(t: Timer) -> bool:
    """Never started, or reset: nothing to watch yet."""
    return not t.loopt and not t.verstreken


def toon(sleutel: str, titel: str = "Timer", *, instellen: bool = True) -> None:
    """The clock with start/pauze, +5 min and reset; `instellen` adds the minutes field.

    In the sidebar (`instellen`) a time box that was never started is one button: it opens the clock, the
    minutes and Start. Every page shows a timer, so this keeps each page's rerun and the sidebar light;
    once started (or paused halfway) the clock stays in view.
    """
    t = huidig(sleutel)
    if instellen and _nieuw(t):
        pop = st.popover(
            titel,  # constant: a label that changes would close the popover
            key=f"tm_{sleutel}_open",
            icon=":material/timer:",
            on_change="rerun",
            width="stretch",
        )
        if not pop.open:
            return
        with pop:
            st.metric(titel, klok_tekst(t.duur))
            _minuten(sleutel, titel, t)
            st.button(
                "Start", key=f"tm_{sleutel}_start", icon=":material/play_arrow:", on_click=_start_pauze, args=(sleutel,)
            )
        return
    if instellen:
        _minuten(sleutel, titel, t)
    interval = 1 if t.loopt else None

    @st.fragment(run_every=interval)
    def _klok() -> None:
        now = _nu()
        t, signaal = huidig(sleutel).tik(now)
        _zet(sleutel, t)
        if signaal:
            st.toast(f"{TIJD_IS_OM}: {titel.lower()}.", icon=":material/alarm:")
        if t.loopt != (interval is not None) or (instellen and _nieuw(t)):
            st.rerun()  # switch the tick on or off, or back to the closed time box: one run of the whole app
        st.metric(titel, klok_tekst(t.resterend(now)))
        if t.is_om(now):
            st.info(TIJD_IS_OM, icon=":material/alarm:")
        else:
            st.caption(f"Timer {stand_tekst(t, now)}")
        with st.container(horizontal=True, gap="small"):
            if t.loopt:
                st.button(
                    "Pauze", key=f"tm_{sleutel}_start", icon=":material/pause:", on_click=_start_pauze, args=(sleutel,)
                )
            else:
                st.button(
                    "Verder" if t.verstreken and not t.is_om(now) else "Start",
                    key=f"tm_{sleutel}_start",
                    icon=":material/play_arrow:",
                    on_click=_start_pauze,
                    args=(sleutel,),
                    disabled=t.is_om(now),
                )
            st.button(f"+{PLUS_SECONDEN // 60} min", key=f"tm_{sleutel}_plus", on_click=_plus, args=(sleutel,))
            st.button(
                "Reset", key=f"tm_{sleutel}_reset", icon=":material/restart_alt:", on_click=_reset, args=(sleutel,)
            )

    _klok()
