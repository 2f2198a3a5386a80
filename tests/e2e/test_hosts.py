"""Issue 20: only the app's own hosts (DNS rebinding), and not one request leaves the laptop.

A web page the procesbegeleider visits can rebind its own name (rebind.example) to 127.0.0.1 and then talk to
the app from the browser, with `Host: rebind.example:PORT` and a matching Origin. Streamlit's
`server.allowedHosts` refuses such a websocket – the only route that carries the store's contents.
"""

from __future__ import annotations

import base64
import os
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import ROOT, Server, goto_page, start_server, wait_ready
from tests.e2e.kamer import start_kamer, tls_poort

pytestmark = pytest.mark.e2e

VREEMD = "rebind.example"


def _port(url: str) -> int:
    return int(urlparse(url).port or 0)


def _http(port: int, host: str, path: str = "/_stcore/health", extra: dict[str, str] | None = None) -> tuple[int, str]:
    """One raw HTTP/1.1 request to 127.0.0.1:port with the given Host header; (status, headers and body)."""
    headers = {"Host": host, "Connection": "close", **(extra or {})}
    req = f"GET {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(req.encode())
        s.settimeout(5)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data and extra and "Upgrade" in extra:
                    break  # a websocket upgrade keeps the connection open: the status line is enough
        except TimeoutError:
            pass
    text = data.decode("latin-1")
    status = int(text.split(" ", 2)[1]) if text.startswith("HTTP/") else 0
    return status, text


def _websocket(port: int, host: str, origin: str | None = None) -> int:
    """The status of a websocket upgrade to /_stcore/stream by hand: 101 is accepted."""
    extra = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Protocol": "streamlit",
    }
    if origin:
        extra["Origin"] = origin
    headers = {"Host": host, **extra}
    req = "GET /_stcore/stream HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(req.encode())
        s.settimeout(10)
        data = b""
        try:
            while b"\r\n" not in data and (chunk := s.recv(4096)):
                data += chunk
        except TimeoutError:
            pass
    line = data.decode("latin-1").split("\r\n", 1)[0]
    return int(line.split(" ", 2)[1]) if line.startswith("HTTP/") else 0


def _assert_alleen_eigen_hosts(port: int, eigen: list[str]) -> None:
    for host in eigen:
        assert _websocket(port, f"{host}:{port}", origin=f"http://{host}:{port}") == 101, host
        assert _http(port, f"{host}:{port}")[0] == 200, host
    vreemd = f"{VREEMD}:{port}"
    assert _websocket(port, vreemd, origin=f"http://{vreemd}") != 101
    assert _websocket(port, vreemd) != 101
    assert _websocket(port, VREEMD, origin=f"http://{VREEMD}") != 101


@pytest.fixture
def normaal(tmp_path: Path):
    srv = start_server(tmp_path / "schouders.json", tmp_path / "streamlit.log")
    yield srv
    srv.stop()


def _start_room(tmp_path: Path, lan: str) -> Server:
    """The app as `serve-room` starts it (cli_room.maak_plan), on a free port, the room's address `lan`."""
    srv, plan = start_kamer(tmp_path, lan=lan)
    srv.tls_poort = tls_poort(plan)  # type: ignore[attr-defined]
    return srv


def test_normaal_alleen_loopback(normaal: Server):
    _assert_alleen_eigen_hosts(_port(normaal.url), ["127.0.0.1", "localhost"])


def test_kamer_alleen_loopback_en_het_kameradres(tmp_path: Path):
    srv = _start_room(tmp_path, lan="127.0.0.3")
    try:
        _assert_alleen_eigen_hosts(_port(srv.url), ["127.0.0.1", "localhost", "127.0.0.3"])
    finally:
        srv.stop()


def test_kamer_zoekt_geen_extern_adres(tmp_path: Path):
    """Streamlit's banner asks checkip.amazonaws.com for an 'External URL' unless browser.serverAddress is set."""
    srv = _start_room(tmp_path, lan="127.0.0.3")
    try:
        time.sleep(1)
        log = srv.log.read_text(errors="replace")
    finally:
        srv.stop()
    assert "External URL" not in log
    assert "127.0.0.3" in log


@pytest.mark.parametrize("modus", ["normaal", "kamer"])
def test_de_browser_vraagt_niets_buiten_deze_computer(browser, tmp_path: Path, modus: str):
    """Every request the page makes – the app, two pages, icons, fonts, the favicon – goes to 127.0.0.1."""
    if modus == "kamer":
        srv = _start_room(tmp_path, lan="127.0.0.3")
    else:
        srv = start_server(tmp_path / "schouders.json", tmp_path / "streamlit.log")
    try:
        netwerk = _verzoeken(browser, srv)
    finally:
        srv.stop()
    assert len(netwerk) > 10
    assert any("/media/" in u and u.endswith(".png") for u in netwerk), "the favicon comes from the app itself"
    buiten = sorted({u for u in netwerk if urlparse(u).hostname != "127.0.0.1"})
    assert not buiten, buiten


def _verzoeken(browser, srv: Server) -> list[str]:
    """The http(s)/ws(s) requests a browser makes loading the app and two pages."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    gezien: list[str] = []
    ctx.on("request", lambda r: gezien.append(r.url))
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    try:
        pg.goto(srv.url)
        wait_ready(pg)
        for titel in ("Deelnemers", "Bijeenkomsten"):
            goto_page(pg, titel)
            pg.get_by_role("heading", name=titel).first.wait_for()
        pg.wait_for_timeout(1500)  # the favicon and late fonts
    finally:
        ctx.close()
    return [u for u in gezien if urlparse(u).scheme in ("http", "https", "ws", "wss")]


# ---- the server layer (schouders/server.py): every HTTP request, metrics, uploads ----------------------------


def _verzoek(
    port: int, methode: str, pad: str, host: str, kop: dict[str, str] | None = None, bron: str = "127.0.0.1"
) -> tuple[int, str]:
    """One raw HTTP/1.1 request from address `bron` (127.0.0.2 is another device to the app): (status, body)."""
    headers = {"Host": host, "Connection": "close", **(kop or {})}
    req = f"{methode} {pad} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(bron, 0)) as s:
        s.sendall(req.encode())
        s.settimeout(10)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    tekst = data.decode("utf-8", errors="replace")
    status = int(tekst.split(" ", 2)[1]) if tekst.startswith("HTTP/") else 0
    return status, tekst.split("\r\n\r\n", 1)[-1]


@pytest.fixture
def kamer(tmp_path: Path):
    srv = _start_room(tmp_path, lan="127.0.0.3")
    yield srv
    srv.stop()


@pytest.mark.parametrize("pad", ["/_stcore/health", "/", "/_stcore/host-config", "/meedoen", "/favicon.png"])
def test_kamer_elk_http_verzoek_met_vreemde_host_geweigerd(kamer: Server, pad: str):
    """Streamlit checks the Host of the websocket only; a rebound name read every other route."""
    port = _port(kamer.url)
    assert _verzoek(port, "GET", pad, f"{VREEMD}:{port}") == (403, "Deze naam hoort niet bij Schouders.")
    for eigen in ("127.0.0.1", "localhost", "127.0.0.3"):
        assert _verzoek(port, "GET", "/_stcore/health", f"{eigen}:{port}") == (200, "ok")


def test_kamer_metrics_dicht(kamer: Server):
    port = _port(kamer.url)
    for bron in ("127.0.0.1", "127.0.0.2"):
        assert _verzoek(port, "GET", "/_stcore/metrics", f"127.0.0.3:{port}", bron=bron)[0] == 404


def test_kamer_upload_alleen_voor_de_procesbegeleider(kamer: Server):
    """A participant's phone (here 127.0.0.2, which the app treats as another device) gets no upload at all;
    the route took 150 MB from one before. From this computer the request reaches Streamlit (which then
    wants a real session and XSRF token: not our refusal)."""
    port = _port(kamer.url)
    kop = {"Content-Length": "5", "Content-Type": "multipart/form-data; boundary=x"}
    pad = "/_stcore/upload_file/sessie-van-een-telefoon/bestand"
    status, tekst = _verzoek(port, "PUT", pad, f"127.0.0.3:{port}", kop, bron="127.0.0.2")
    assert (status, tekst) == (403, "Bestanden uploaden kan alleen de procesbegeleider.")
    status, tekst = _verzoek(port, "PUT", pad, f"127.0.0.1:{port}", kop)
    assert "procesbegeleider" not in tekst and status != 0


def test_kamer_upload_begrensd_per_sessie(kamer: Server):
    port = _port(kamer.url)
    kop = {"Content-Length": str(70_000_000), "Content-Type": "multipart/form-data; boundary=x"}
    status, tekst = _verzoek(port, "PUT", "/_stcore/upload_file/s/b", f"127.0.0.1:{port}", kop)
    assert (status, tekst) == (413, "Te veel geüpload in deze sessie (maximaal 60 MB).")


def test_kamer_tweede_procesbegeleider_kan_na_de_toegangscode_uploaden(browser, kamer: Server):
    """The upload rule reads the passcode from the session's own state: a second laptop (127.0.0.2) that
    logged in imports a spreadsheet through the browser, as a procesbegeleider does."""
    from tests.e2e.conftest import wait_idle
    from tests.e2e.kamer import Relay, log_in_als_procesbegeleider

    relay = Relay(kamer.tls_poort, scheme="https")  # the passcode goes over TLS only
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", ignore_https_errors=True)
    try:
        pg = ctx.new_page()
        pg.set_default_timeout(30_000)
        pg.goto(f"{relay.url}/")
        wait_ready(pg, 60_000)
        log_in_als_procesbegeleider(pg, "KAMER234")
        goto_page(pg, "Importeren en exporteren")
        pg.get_by_text("Bestand kiezen").wait_for()
        voorbeeld = ROOT / "tests" / "data" / "voorbeeld_excel_nl.csv"
        pg.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(voorbeeld))
        wait_idle(pg, 60_000)
        pg.get_by_test_id("stMain").get_by_text("4 rijen gelezen", exact=False).wait_for()
    finally:
        ctx.close()
        relay.close()
