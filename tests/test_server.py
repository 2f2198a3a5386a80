"""schouders/server.py's ASGI layer on its own (issue 20.1, 20.3): Host, metrics and upload rules, without a
running Streamlit. The same rules against the real server: tests/e2e/test_hosts.py."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from schouders.server import Wachter


def _run(coro: Any) -> None:
    """asyncio.run in its own thread: Playwright's sync API keeps an event loop running in the main thread
    when the browser tests run in the same session."""
    fout: list[BaseException] = []

    def doe() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:
            fout.append(exc)

    t = threading.Thread(target=doe)
    t.start()
    t.join()
    if fout:
        raise fout[0]


async def _app(scope: Any, receive: Any, send: Any) -> None:  # what Streamlit would answer
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"streamlit"})


def _vraag(
    w: Wachter,
    pad: str,
    *,
    methode: str = "GET",
    host: str = "127.0.0.1:8501",
    client: str = "127.0.0.1",
    lengte: int | None = None,
) -> tuple[int, bytes]:
    kop = [(b"host", host.encode())]
    if lengte is not None:
        kop.append((b"content-length", str(lengte).encode()))
    scope = {"type": "http", "path": pad, "method": methode, "headers": kop, "client": (client, 5000)}
    uit: list[Any] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(m: Any) -> None:
        uit.append(m)

    _run(w(scope, receive, send))
    return uit[0]["status"], b"".join(m.get("body", b"") for m in uit[1:])


def _wachter(kamer: bool = True, pb: set[str] | None = None, max_upload: int = 1000) -> Wachter:
    return Wachter(
        _app,
        kamer=kamer,
        host_mag=lambda h: (h or "").split(":")[0] in ("127.0.0.1", "localhost"),
        procesbegeleider=lambda s: s in (pb or set()),
        max_upload=max_upload,
    )


@pytest.mark.parametrize("kamer", [True, False])
def test_vreemde_host_overal_geweigerd(kamer: bool) -> None:
    w = _wachter(kamer)
    for pad in ("/", "/_stcore/health", "/static/js/main.js", "/_stcore/upload_file/s/f"):
        assert _vraag(w, pad, host="rebind.example:8501") == (403, b"Deze naam hoort niet bij Schouders.")
    assert _vraag(w, "/_stcore/health") == (200, b"streamlit")


def test_metrics_alleen_dicht_in_de_kamer() -> None:
    assert _vraag(_wachter(True), "/_stcore/metrics")[0] == 404
    assert _vraag(_wachter(False), "/_stcore/metrics") == (200, b"streamlit")


def test_upload_in_de_kamer_alleen_procesbegeleider() -> None:
    w = _wachter(True, pb={"ingelogd"})
    pad = "/_stcore/upload_file/{}/f1"
    assert _vraag(w, pad.format("telefoon"), methode="PUT", client="192.168.1.7", lengte=10)[0] == 403
    assert _vraag(w, pad.format("ingelogd"), methode="PUT", client="192.168.1.8", lengte=10)[0] == 200
    assert _vraag(w, pad.format("hier"), methode="PUT", client="127.0.0.1", lengte=10)[0] == 200
    assert _vraag(w, pad.format("x"), methode="PUT", client="127.0.0.2", lengte=10)[0] == 403  # not this computer
    assert _vraag(_wachter(False), pad.format("telefoon"), methode="PUT", client="192.168.1.7", lengte=10)[0] == 200


def test_upload_begrensd_op_wat_de_sessie_vasthoudt() -> None:
    w = _wachter(False, max_upload=1000)
    assert _vraag(w, "/_stcore/upload_file/s/a", methode="PUT", lengte=600)[0] == 200
    assert _vraag(w, "/_stcore/upload_file/s/b", methode="PUT", lengte=600)[0] == 413
    assert _vraag(w, "/_stcore/upload_file/t/b", methode="PUT", lengte=600)[0] == 200  # another session
    assert _vraag(w, "/_stcore/upload_file/s/a", methode="PUT", lengte=900)[0] == 200  # the same file again
    _vraag(w, "/_stcore/upload_file/s/a", methode="DELETE")
    assert _vraag(w, "/_stcore/upload_file/s/b", methode="PUT", lengte=600)[0] == 200
    assert _vraag(w, "/_stcore/upload_file/s/c", methode="PUT")[0] == 411  # no length: no cap possible


def test_websocket_met_vreemde_host_gesloten() -> None:
    w = _wachter(False)
    uit: list[Any] = []

    async def receive() -> dict:
        return {"type": "websocket.connect"}

    async def send(m: Any) -> None:
        uit.append(m)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": [(b"host", b"rebind.example")]}
    _run(w(scope, receive, send))
    assert uit == [{"type": "websocket.close", "code": 1008}]


def _kanaal_van(scheme: str, meegestuurd: list[tuple[bytes, bytes]]) -> list[bytes]:
    """The X-Schouders-Kanaal values the app behind the layer sees for one request."""
    gezien: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        gezien.append([v for k, v in scope["headers"] if k == b"x-schouders-kanaal"])
        await _app(scope, receive, send)

    w = Wachter(app, kamer=True, host_mag=lambda h: True, procesbegeleider=lambda s: False)
    scope = {
        "type": "http",
        "scheme": scheme,
        "path": "/",
        "method": "GET",
        "headers": [(b"host", b"127.0.0.1"), *meegestuurd],
        "client": ("192.168.1.7", 5000),
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(m: Any) -> None:
        pass

    _run(w(scope, receive, send))
    return gezien[0]


def test_het_kanaal_komt_van_de_laag_nooit_van_de_browser() -> None:
    """The app lets the passcode in only over TLS; a browser that claims TLS on the plain port is overruled."""
    assert _kanaal_van("https", []) == [b"tls"]
    assert _kanaal_van("wss", []) == [b"tls"]
    assert _kanaal_van("http", []) == [b"http"]
    assert _kanaal_van("http", [(b"x-schouders-kanaal", b"tls")]) == [b"http"]
    assert _kanaal_van("ws", [(b"X-Schouders-Kanaal", b"tls"), (b"x-schouders-kanaal", b"tls")]) == [b"http"]
