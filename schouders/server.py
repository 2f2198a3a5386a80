"""`python -m schouders.server run app.py [streamlit options]`: `streamlit run` with the server layer Streamlit
itself does not offer (issue 20.1 and 20.3). serve-room starts the app this way.

Streamlit 1.67 serves through Starlette/uvicorn in this very process, so one ASGI layer is put around the
Starlette app it builds (`starlette_server.create_starlette_app`) before its bootstrap runs:
- every HTTP request and websocket whose Host is not in `server.allowedHosts` is refused (Streamlit checks
  only the websocket: a rebound name still read /_stcore/health, /_stcore/host-config, the static files);
- in room mode (SCHOUDERS_ROOM=1) /_stcore/metrics is closed, and /_stcore/upload_file takes uploads only from
  a procesbegeleider's session (this computer, or a session that gave the passcode): a participant's page has
  no upload field, yet the route took 150 MB from one;
- uploads are capped per session (what is still held: a removed file no longer counts);
- Streamlit never looks up this computer's outside address: a websocket with a foreign Origin (any web page
  the procesbegeleider visits can open one to 127.0.0.1) made it ask checkip.amazonaws.com before refusing;
- in room mode with a certificate (SCHOUDERS_TLS_POORT, _CERT, _SLEUTEL; serve-room sets them) the same app
  is served a second time, over TLS, on its own port: the passcode and the second procesbegeleider's pages
  go only over that one (schouders/ui/toegang.py reads the channel), phones keep plain HTTP for Meedoen;
- every request carries the channel it came in on as the header `X-Schouders-Kanaal` ("tls" or "http"),
  set here and never taken from the browser;
- a sent form is never folded into a later rerun request (`houd_formulieren_apart`): that lost knelpunten.

This is the one module outside schouders/ui that imports Streamlit, and only in `main`: it starts the server.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_UPLOAD_PER_SESSIE = 60_000_000  # bytes held per session: the largest import (50 MB) and some room
LOKAAL = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})  # as schouders.ui.toegang: this computer only
UPLOAD = "/_stcore/upload_file/"
METRICS = "/_stcore/metrics"
KANAAL_KOP = b"x-schouders-kanaal"  # the channel a request came in on; the app trusts only this layer's value
TLS_POORT_ENV = "SCHOUDERS_TLS_POORT"
TLS_CERT_ENV = "SCHOUDERS_TLS_CERT"
TLS_SLEUTEL_ENV = "SCHOUDERS_TLS_SLEUTEL"


def _kop(scope: Scope, naam: bytes) -> str | None:
    for k, v in scope.get("headers") or ():
        if k.lower() == naam:
            return v.decode("latin-1")
    return None


class Wachter:
    """ASGI layer around Streamlit's Starlette app: Host, metrics and upload rules (see the module doc).

    `host_mag` and `procesbegeleider` are passed in so the rules can be tested without a running Streamlit."""

    def __init__(
        self,
        app: App,
        *,
        kamer: bool,
        host_mag: Callable[[str | None], bool],
        procesbegeleider: Callable[[str], bool],
        max_upload: int = MAX_UPLOAD_PER_SESSIE,
    ) -> None:
        self.app = app
        self.kamer = kamer
        self.host_mag = host_mag
        self.procesbegeleider = procesbegeleider
        self.max_upload = max_upload
        self.uploads: dict[str, dict[str, int]] = {}  # session id → file id → bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        kanaal = b"tls" if scope.get("scheme") in ("https", "wss") else b"http"
        scope["headers"] = [(k, v) for k, v in scope.get("headers") or () if k.lower() != KANAAL_KOP]
        scope["headers"].append((KANAAL_KOP, kanaal))
        if not self.host_mag(_kop(scope, b"host")):
            await _weiger(scope, receive, send, 403, "Deze naam hoort niet bij Schouders.")
            return
        pad = scope.get("path", "")
        if self.kamer and (pad == METRICS or pad.startswith(METRICS + "/")):
            await _weiger(scope, receive, send, 404, "Niet gevonden.")
            return
        if scope["type"] == "http" and pad.startswith(UPLOAD):
            fout = self._upload(scope, pad)
            if fout:
                await _weiger(scope, receive, send, *fout)
                return
        await self.app(scope, receive, send)

    def _upload(self, scope: Scope, pad: str) -> tuple[int, str] | None:
        """None when the upload may go on; else (status, Dutch reason)."""
        delen = pad[len(UPLOAD) :].split("/")
        sessie, bestand = delen[0], (delen[1] if len(delen) > 1 else "")
        methode = scope.get("method", "GET")
        if methode == "DELETE":
            self.uploads.get(sessie, {}).pop(bestand, None)
            return None
        if methode not in ("PUT", "POST"):
            return None
        client = (scope.get("client") or ("", 0))[0]
        if self.kamer and client not in LOKAAL and not self.procesbegeleider(sessie):
            return 403, "Bestanden uploaden kan alleen de procesbegeleider."
        try:
            lengte = int(_kop(scope, b"content-length") or "")
        except ValueError:
            return 411, "Een upload moet zijn lengte noemen."
        gehouden = sum(v for k, v in self.uploads.get(sessie, {}).items() if k != bestand)
        if gehouden + lengte > self.max_upload:
            return 413, f"Te veel geüpload in deze sessie (maximaal {self.max_upload // 1_000_000} MB)."
        self.uploads.setdefault(sessie, {})[bestand] = lengte
        return None


async def _weiger(scope: Scope, receive: Receive, send: Send, status: int, tekst: str) -> None:
    """Refuse: an HTTP status with a short Dutch text, or a websocket closed before it opens (uvicorn
    answers that with 403)."""
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": 1008})
        return
    body = tekst.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _sessie_is_procesbegeleider(sessie: str) -> bool:
    """Did this browser session give the passcode? Read from its session state (Streamlit internals; when
    they change, no one but this computer may upload – the safe side)."""
    try:
        from streamlit import runtime

        from schouders.ui.toegang import SESSIE_KEY

        info = runtime.get_instance()._session_mgr.get_active_session_info(sessie)
        return bool(
            info is not None and SESSIE_KEY in info.session.session_state and info.session.session_state[SESSIE_KEY]
        )
    except Exception:
        return False


_TAKEN: list[asyncio.Task[None]] = []  # the TLS server's task, kept so it is not collected
_ACTIEF: list[bool] = []  # [True] once installeer() ran in this process


def actief() -> bool:
    """Is this layer around the app in this process? Only then is `X-Schouders-Kanaal` this layer's own value."""
    return bool(_ACTIEF)


def _bind(adres: str, poort: int) -> socket.socket:
    """A listening socket for the TLS port (IPv6 dual stack for "::"), or SystemExit with a Dutch reason."""
    familie = socket.AF_INET6 if ":" in adres else socket.AF_INET
    sock = socket.socket(familie)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if familie == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((adres, poort))
        sock.listen(128)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        raise SystemExit(
            f"De beveiligde poort {poort} is niet vrij ({exc.strerror or exc}). Kies een andere met --tls-poort."
        ) from exc
    return sock


def start_tls(app: App, *, adres: str, poort: int, cert: str, sleutel: str) -> None:
    """Serve `app` a second time over TLS on `poort`, in the running event loop, beside Streamlit's own server.

    Streamlit's websocket settings are reused where it has them; lifespan is off (Streamlit's own server runs
    the app's start-up once)."""
    import uvicorn

    try:
        from streamlit.web.server.starlette import starlette_server

        opties = dict(starlette_server._get_uvicorn_config_kwargs())
    except Exception:  # an internal that moved: uvicorn's own defaults serve as well
        opties = {}
    opties.update(ssl_certfile=cert, ssl_keyfile=sleutel, lifespan="off", access_log=False)
    cfg = uvicorn.Config(app, host=adres, port=poort, **opties)
    sock = _bind(adres, poort)
    server = uvicorn.Server(cfg)

    async def serveer() -> None:
        cfg.load()
        server.lifespan = cfg.lifespan_class(cfg)
        await server.startup(sockets=[sock])
        await server.main_loop()

    _TAKEN.append(asyncio.get_running_loop().create_task(serveer(), name="schouders-tls"))


def _verstuurt_formulier(data: Any) -> bool:
    """Does this rerun request carry a form's submit whose callback has not run yet?"""
    staten = getattr(data, "widget_states", None)
    return staten is not None and any(
        "FormSubmitter:" in w.id and w.WhichOneof("value") == "trigger_value" and w.trigger_value
        for w in staten.widgets
    )


def houd_formulieren_apart(requests_cls: Any) -> None:
    """A form sent with Enter keeps its own values until its callback has run.

    Streamlit folds a rerun request into the one still waiting for the script (at its next `st.` call), and the
    newer values win; and a request that comes in just after a run took a submit stops that run at its first
    step, before the submit's callback. A capture form empties itself in the browser as it is sent, so the
    request right after it (a click on the gebied box, a fragment's timer, the next Enter) carries the emptied
    field: the knelpunt just typed was gone. Seen in Chromium: 29 of 30 at talking speed on a busy laptop,
    always a knelpunt typed just before the gebied was changed. Here what comes in while a submit waits, or
    while its callbacks have not run yet, is put in line; after the callbacks (`callbacks_klaar`, called from
    the session state) or at the end of the run the next one waits in its place. Streamlit folds the ones in
    line as before (a fragment's rerun in line becomes a whole run), except another submit, which again waits its
    own turn. Fragment reruns reach this queue as they are; whole-page requests reach it only through
    `laat_formulier_uitlopen` (Streamlit's fast reruns would stop the script instead). Turning fast reruns off
    altogether was tried: form fields were then drawn twice under load. Patched on
    Streamlit's ScriptRequests (version pinned in requirements.txt; tests/test_server_verzending.py fails
    when its internals change)."""
    from dataclasses import replace

    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

    vraag, bij_pauze, bij_klaar = (
        requests_cls._request_rerun_locked,
        requests_cls.on_scriptrunner_yield,
        requests_cls.on_scriptrunner_ready,
    )
    wacht = ScriptRequestType.RERUN

    def _rij(self: Any) -> list[Any]:
        return self.__dict__.setdefault("_schouders_rij", [])

    def _volgende(self: Any) -> None:  # with the lock held: the first in line (and what folds into it) waits
        rij = _rij(self)
        while rij and not (self._state == wacht and _verstuurt_formulier(self._rerun_data)):
            vraag(self, rij.pop(0))

    def _genomen(self: Any, verzoek: Any) -> None:  # the script took a request
        if verzoek is not None and verzoek.type == wacht:
            with self._lock:
                self._schouders_bezig = _verstuurt_formulier(verzoek.rerun_data)
                if not self._schouders_bezig:
                    _volgende(self)

    def _request_rerun_locked(self: Any, new_data: Any) -> bool:
        wachtend = self._state == wacht and _verstuurt_formulier(self._rerun_data)
        if self._state != ScriptRequestType.STOP and (_rij(self) or wachtend or self.__dict__.get("_schouders_bezig")):
            # In line as a whole run: a fragment's own rerun, held back, could land after a full run rebuilt
            # the page and draw its part a second time (seen: two "Nieuw knelpunt" fields).
            _rij(self).append(
                replace(
                    new_data,
                    fragment_id=None,
                    fragment_id_queue=[],
                    is_fragment_scoped_rerun=False,
                    is_auto_rerun=False,
                )
            )
            return True
        return vraag(self, new_data)

    def on_scriptrunner_yield(self: Any) -> Any:
        verzoek = bij_pauze(self)
        _genomen(self, verzoek)
        return verzoek

    def on_scriptrunner_ready(self: Any) -> Any:
        with self._lock:  # the run has ended: whatever it took has had its callbacks
            self._schouders_bezig = False
            if self._state == ScriptRequestType.CONTINUE:
                _volgende(self)
        verzoek = bij_klaar(self)
        _genomen(self, verzoek)
        return verzoek

    def callbacks_klaar(self: Any) -> None:
        """The submit's callbacks have run: what waits in line may now come."""
        with self._lock:
            if self.__dict__.get("_schouders_bezig"):
                self._schouders_bezig = False
                if self._state != ScriptRequestType.STOP:
                    _volgende(self)

    def formulier_onderweg(self: Any) -> bool:
        """A sent form waits, is in line, or was taken and its callbacks have not run yet."""
        with self._lock:
            if self._state == ScriptRequestType.STOP:
                return False
            wachtend = self._state == wacht and _verstuurt_formulier(self._rerun_data)
            return bool(self.__dict__.get("_schouders_bezig") or wachtend or _rij(self))

    requests_cls.formulier_onderweg = formulier_onderweg
    requests_cls._request_rerun_locked = _request_rerun_locked
    requests_cls.on_scriptrunner_yield = on_scriptrunner_yield
    requests_cls.on_scriptrunner_ready = on_scriptrunner_ready
    requests_cls.callbacks_klaar = callbacks_klaar


def laat_formulier_uitlopen(session_cls: Any) -> None:
    """With fast reruns (Streamlit's default) a whole-page request stops the running script and starts a new
    one with only that request. While the running script holds a sent form whose callback has not run, the
    request goes into that script's line instead (houd_formulieren_apart): a click on the gebied box right
    after Enter no longer takes the knelpunt with it. Otherwise Streamlit's own path, unchanged. The request
    is built as Streamlit's AppSession.request_rerun builds it."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.runtime.state.query_params import sanitize_query_string

    eigen = session_cls.request_rerun

    def request_rerun(self: Any, client_state: Any) -> None:
        runner = self._scriptrunner
        onderweg = getattr(getattr(runner, "_requests", None), "formulier_onderweg", None)
        if client_state and not client_state.fragment_id and onderweg is not None and onderweg():
            context = client_state.context_info if client_state.HasField("context_info") else None
            if context is not None:
                self._client_state.context_info.CopyFrom(context)
            data = RerunData(
                query_string=sanitize_query_string(client_state.query_string),
                widget_states=client_state.widget_states,
                page_script_hash=client_state.page_script_hash,
                page_name=client_state.page_name,
                is_auto_rerun=client_state.is_auto_rerun,
                is_history_navigation=client_state.is_history_navigation,
                cached_message_hashes=frozenset(client_state.cached_message_hashes),
                context_info=context,
            )
            if runner.request_rerun(data):
                return
        eigen(self, client_state)

    session_cls.request_rerun = request_rerun


def _meld_callbacks_klaar(state_cls: Any) -> None:
    """After a run's widget callbacks, tell its ScriptRequests (see houd_formulieren_apart)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    eigen = state_cls.on_script_will_rerun

    def on_script_will_rerun(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            eigen(self, *args, **kwargs)
        finally:
            ctx = get_script_run_ctx(suppress_warning=True)
            klaar = getattr(getattr(ctx, "script_requests", None), "callbacks_klaar", None)
            if klaar is not None:
                klaar()

    state_cls.on_script_will_rerun = on_script_will_rerun


def installeer() -> None:
    """Put the Wachter around the Starlette app Streamlit is about to build, and switch off its look-ups of
    this computer's addresses (None: nothing to add to the allowed origins beyond localhost and the
    configured server address)."""
    from streamlit import config, net_util
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.web.server.starlette import starlette_server, starlette_websocket

    houd_formulieren_apart(ScriptRequests)
    _meld_callbacks_klaar(SafeSessionState)
    laat_formulier_uitlopen(AppSession)

    net_util.get_external_ip = lambda: None
    net_util.get_internal_ip = lambda: None
    bouw = starlette_server.create_starlette_app

    def met_wachter(rt: Any) -> Any:
        wachter = Wachter(
            bouw(rt),
            kamer=os.environ.get("SCHOUDERS_ROOM") == "1",
            host_mag=starlette_websocket.is_host_allowed,
            procesbegeleider=_sessie_is_procesbegeleider,
            max_upload=min(MAX_UPLOAD_PER_SESSIE, int(config.get_option("server.maxUploadSize")) * 1_000_000),
        )
        poort = os.environ.get(TLS_POORT_ENV)
        if wachter.kamer and poort:
            adres = str(config.get_option("server.address") or "0.0.0.0")
            start_tls(
                wachter,
                adres=adres,
                poort=int(poort),
                cert=os.environ[TLS_CERT_ENV],
                sleutel=os.environ[TLS_SLEUTEL_ENV],
            )
        return wachter

    starlette_server.create_starlette_app = met_wachter
    _ACTIEF.append(True)


def main(argv: list[str] | None = None) -> int:
    """Run Streamlit's own command line (`streamlit run …`) with the Wachter installed."""
    installeer()
    from streamlit.web import cli

    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    return int(cli.main() or 0)


if __name__ == "__main__":
    # run through the importable module, so the app (toegang) sees the same `actief()` state
    from schouders.server import main as _main

    sys.exit(_main())
