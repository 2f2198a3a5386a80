"""Issue 20: only the app's own hosts (DNS rebinding), and not one request leaves the laptop.

A web page the procesbegeleider visits can rebind its own name (rebind.example) to 127.0.0.1 and then talk to
the app from the browser, with `Host: rebind.example:PORT` and a matching Origin. Streamlit's
`server.allowedHosts` refuses such a websocket – the only route that carries the store's contents.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from schouders import cli_room
from tests.e2e.conftest import ROOT, Server, free_port, goto_page, start_server, wait_ready
from tests.e2e.kamer import seed_demo

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
    db = tmp_path / "schouders.json"
    seed_demo(db)
    poort = free_port()
    plan = cli_room.maak_plan(poort=poort, code="KAMER234", db=str(db), lan=lan)
    log = tmp_path / "streamlit.log"
    proc = subprocess.Popen(
        [*plan.cmd, "--server.fileWatcherType", "none"],
        cwd=ROOT,
        env=plan.env,
        stdout=open(log, "ab"),  # noqa: SIM115 – closed with the process
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{poort}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, db, proc, log)
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


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
