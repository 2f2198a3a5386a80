"""Who may see what while the app is served to the room (`python -m schouders serve-room`).

Served to the room (`SCHOUDERS_ROOM=1`), every page except Meedoen belongs to the procesbegeleider: the
person at the machine the app runs on (the TCP peer is exactly 127.0.0.1 or ::1 – not the rest of 127/8),
or someone who typed the facilitator passcode (`SCHOUDERS_ROOM_PASS`) over the room's TLS port. Anyone else
gets a navigation with only the Meedoen page, hidden, so every other URL shows the Meedoen form and never a
traject's data. Without SCHOUDERS_ROOM the app only listens on 127.0.0.1 and everybody is the procesbegeleider.

The passcode and what it opens travel only over TLS: schouders/server.py serves the app a second time on a TLS
port and marks every request with the channel it came in on. Phones use plain HTTP for Meedoen (a certificate
warning on 40 phones costs more than the post-its' secrecy in a room where everyone hears them said); on that
channel the passcode field is not offered and a passcode is never accepted.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from schouders.meedoen import Begrenzer

ROOM_ENV = "SCHOUDERS_ROOM"
PASS_ENV = "SCHOUDERS_ROOM_PASS"
URL_ENV = "SCHOUDERS_ROOM_URL"
TLS_URL_ENV = "SCHOUDERS_ROOM_TLS_URL"  # https://…: where the second procesbegeleider logs in
VINGERAFDRUK_ENV = "SCHOUDERS_TLS_VINGERAFDRUK"  # the certificate's SHA-256, to compare with the browser's
LOKAAL: frozenset[str] = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})
SESSIE_KEY = "_procesbegeleider"  # set after the right passcode
MEEDOEN_PAGINA = "pages/meedoen.py"
MEEDOEN_PAD = "meedoen"  # its URL: http://…/meedoen
INLOG_POGINGEN = 5  # passcode attempts per minute, per session and per address
KANAAL_KOP = "x-schouders-kanaal"  # as schouders/server.py sets it


# ---- pure rules ----------------------------------------------------------------------------------------


def room_aan(env: Mapping[str, str] | None = None) -> bool:
    """True when the app is served to the room."""
    env = os.environ if env is None else env
    return env.get(ROOM_ENV, "").strip().lower() in ("1", "true", "ja", "yes")


def is_lokaal(ip: str | None) -> bool:
    """Exactly the loopback addresses of this machine; 127.0.0.2 and friends are not the procesbegeleider."""
    return ip is not None and ip.strip().lower() in LOKAAL


def wachtwoord_klopt(gegeven: str | None, verwacht: str | None) -> bool:
    """Passcode check in constant time; an unset or empty passcode never matches."""
    if not verwacht or not gegeven:
        return False
    return hmac.compare_digest(gegeven.strip().encode(), verwacht.strip().encode())


def mag_alles(*, room: bool, ip: str | None, ingelogd: bool) -> bool:
    """The access rule: outside room mode everyone (the app listens on 127.0.0.1 only); in room mode the
    machine itself or a session that gave the passcode."""
    return (not room) or is_lokaal(ip) or ingelogd


# ---- Streamlit side ------------------------------------------------------------------------------------


def client_ip() -> str | None:
    """The TCP peer of this browser session, loopback included; None when unknown.

    `st.context.ip_address` reports loopback as None, which cannot be told apart from "unknown", so the raw
    peer address of the session's connection is read first. Should that internal route ever change, the
    public API is used: there, None means "localhost" as Streamlit documents it.
    """
    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        client = runtime.get_instance().get_client(ctx.session_id) if ctx is not None else None
        context = getattr(client, "client_context", None)
        if context is not None:
            return context.remote_ip
        if client is not None:
            return None
    except Exception:  # the private route is unavailable: fall back to the public API
        pass
    ip = st.context.ip_address
    return "127.0.0.1" if ip is None else ip


def kanaal_is_tls(koppen: Iterable[tuple[str, str]], *, laag_actief: bool) -> bool:
    """Did this session's connection come in over the room's TLS port?

    Only schouders/server.py's value counts (it replaces whatever the browser sent); without that layer in
    this process (a plain `streamlit run`) no connection counts as TLS."""
    if not laag_actief:
        return False
    waarden = [v for k, v in koppen if k.lower() == KANAAL_KOP]
    return waarden == ["tls"]


def beveiligd() -> bool:
    """This session's connection is the room's TLS channel (see `kanaal_is_tls`)."""
    from schouders import server

    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        client = runtime.get_instance().get_client(ctx.session_id) if ctx is not None else None
        context = getattr(client, "client_context", None)
        koppen = list(context.headers) if context is not None else list(st.context.headers.items())
    except Exception:  # the private route is unavailable: the public headers are the same handshake
        koppen = list(st.context.headers.items())
    return kanaal_is_tls(koppen, laag_actief=server.actief())


def procesbegeleider() -> bool:
    """May this session see the traject pages?"""
    if not room_aan():
        return True
    ip = client_ip()
    return mag_alles(room=True, ip=ip, ingelogd=bool(st.session_state.get(SESSIE_KEY)) and beveiligd())


def bewaak(paginas: Mapping[str, Iterable[Any]] | Iterable[Any] = ()) -> None:
    """Called by app.py before its navigation: a participant gets only the Meedoen page, hidden.

    Every URL of the procesbegeleider's pages (`paginas`, as given to st.navigation) runs the Meedoen form
    too, so a participant who types such a URL sees the form instead of a "page not found" message.
    """
    if procesbegeleider():
        return
    lijst = [p for deel in paginas.values() for p in deel] if isinstance(paginas, Mapping) else list(paginas)
    # the default page answers at "/" (url_path ""); its own name is only kept privately by Streamlit
    paden = dict.fromkeys(getattr(p, "url_path", "") or getattr(p, "_url_path", "") for p in lijst)
    paden.pop("", None)
    paden.pop(MEEDOEN_PAD, None)
    pagina = dict(title="Meedoen", icon=":material/edit_note:")
    nav = [
        st.Page(MEEDOEN_PAGINA, url_path="deelnemen", default=True, **pagina),
        st.Page(MEEDOEN_PAGINA, url_path=MEEDOEN_PAD, **pagina),
        *(st.Page(MEEDOEN_PAGINA, url_path=pad, **pagina) for pad in paden),
    ]
    st.navigation(nav, position="hidden").run()
    st.stop()


def naar_navigatie() -> bool:
    """Leave Streamlit's pages-folder mode, so the next run goes through app.py and its navigation.

    Until some session has run app.py's `st.navigation` in this process, Streamlit runs a pages/ file that
    the URL names directly, without app.py. That is what `st.navigation` switches off on its first call; here
    the same switch is flipped (True when it was still on). Never raises: the page guards stay in place.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager

        if PagesManager.uses_pages_directory:
            PagesManager.uses_pages_directory = False
            return True
    except Exception:  # an internal that moved: the guard in ui.page() still shows only the form
        pass
    return False


@st.cache_resource(show_spinner=False)
def _per_adres() -> dict[str, Begrenzer]:
    return {}


def begrenzer(naam: str, per_minuut: int, *, per_adres: int | None = None) -> bool:
    """Count one attempt for this session (and address); False when a limit is reached."""
    now = time.monotonic()
    key = f"_begrenzer_{naam}"
    sessie = st.session_state.setdefault(key, Begrenzer(max_aantal=per_minuut))
    if not sessie.mag(now):
        return False
    if per_adres:
        adres = f"{naam}:{client_ip() or '?'}"
        tabel = _per_adres()
        b = tabel.setdefault(adres, Begrenzer(max_aantal=per_adres))
        if len(tabel) > 5000:  # never grows without bound
            tabel.clear()
        if not b.probeer(now):
            return False
    return sessie.probeer(now)


def _log_in() -> None:
    gegeven = st.session_state.get("md_pb_code", "")
    if not beveiligd():  # the form is not offered then; a crafted request still gets nowhere
        st.session_state["_md_pb_fout"] = "Inloggen kan alleen via de beveiligde link (https)."
        return
    if not begrenzer("inloggen", INLOG_POGINGEN, per_adres=INLOG_POGINGEN * 2):
        st.session_state["_md_pb_fout"] = "Te veel pogingen. Probeer het over een minuut opnieuw."
        return
    if wachtwoord_klopt(gegeven, os.environ.get(PASS_ENV)):
        st.session_state[SESSIE_KEY] = True
        st.session_state.pop("_md_pb_fout", None)
    else:
        st.session_state["_md_pb_fout"] = "Deze toegangscode klopt niet."


def inlog_procesbegeleider() -> None:
    """A small passcode field for a second procesbegeleider on another device (room mode only)."""
    if not room_aan() or not os.environ.get(PASS_ENV):
        return
    with st.expander("Ben je procesbegeleider?"):
        if not beveiligd():
            tls_url = os.environ.get(TLS_URL_ENV, "").strip()
            if tls_url:
                st.caption(
                    "De toegangscode vul je alleen in via de beveiligde link. Open deze link (hij staat ook in "
                    "het venster waarin Schouders draait):"
                )
                st.code(tls_url, language=None)
            else:
                st.caption(
                    "Inloggen kan alleen via een beveiligde verbinding. Start Schouders daarvoor met "
                    "python -m schouders serve-room."
                )
            return
        st.caption("Met de toegangscode uit het venster waarin Schouders draait, zie je het hele traject.")
        fout = st.session_state.get("_md_pb_fout")
        if fout:
            st.error(fout)
        with st.form("md_pb_form", clear_on_submit=True, border=False):
            st.text_input("Toegangscode voor procesbegeleiders", key="md_pb_code", type="password")
            st.form_submit_button("Inloggen", on_click=_log_in)
