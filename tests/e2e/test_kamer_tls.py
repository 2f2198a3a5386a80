"""Issue 20.2 against the app as `serve-room` starts it: the second procesbegeleider's way in is TLS only.

- The TLS port presents the certificate whose fingerprint serve-room shows; a client that trusts exactly that
  certificate (and nothing else) connects; plain HTTP on that port gets no answer at all.
- The TLS port keeps the same rules as the plain one: foreign Host refused, metrics closed, no upload for a
  participant.
- On this laptop the Meedoen page tells the procesbegeleider the https link and the fingerprint to compare.
"""

from __future__ import annotations

import base64
import os
import socket
import ssl
from pathlib import Path

import pytest
from playwright.sync_api import expect

from schouders import certificaat
from tests.e2e.conftest import goto_page, wait_ready
from tests.e2e.kamer import kies_traject, start_kamer, tls_poort

pytestmark = pytest.mark.e2e


@pytest.fixture
def kamer(tmp_path: Path):
    srv, plan = start_kamer(tmp_path, lan="127.0.0.3")
    yield srv, plan
    srv.stop()


def _tls(poort: int, cafile: str | None, host: str, verzoek: bytes, bron: str = "127.0.0.1") -> bytes:
    """One request over TLS from `bron`; with `cafile` the server must present exactly that certificate."""
    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl._create_unverified_context()
    if cafile:
        ctx.check_hostname = False  # the room's name is checked by the fingerprint, not a public name
        ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN  # the self-signed certificate is its own anchor
    ruw = socket.create_connection(("127.0.0.1", poort), timeout=10, source_address=(bron, 0))
    with ctx.wrap_socket(ruw, server_hostname="127.0.0.1") as s:
        s.sendall(verzoek)
        s.settimeout(10)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
                if b"\r\n\r\n" in data and b" 101 " in data.split(b"\r\n", 1)[0]:
                    break
        except (TimeoutError, ssl.SSLError):
            pass
    return data


def _get(pad: str, host: str, extra: str = "") -> bytes:
    return f"GET {pad} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n{extra}\r\n".encode()


def _status(antwoord: bytes) -> int:
    regel = antwoord.split(b"\r\n", 1)[0].decode("latin-1")
    return int(regel.split(" ", 2)[1]) if regel.startswith("HTTP/") else 0


def test_the_tls_port_shows_the_certificate_serve_room_names(kamer):
    srv, plan = kamer
    poort = tls_poort(plan)
    pem = ssl.get_server_certificate(("127.0.0.1", poort))
    assert certificaat.vingerafdruk(ssl.PEM_cert_to_DER_cert(pem)) == plan.vingerafdruk
    # a client that trusts only this laptop's certificate gets the app over TLS
    antwoord = _tls(poort, plan.env["SCHOUDERS_TLS_CERT"], f"127.0.0.3:{poort}", _get("/_stcore/health", "x"))
    assert _status(antwoord) == 403  # Host "x" is not the room's: refused, over TLS too
    antwoord = _tls(poort, plan.env["SCHOUDERS_TLS_CERT"], "", _get("/_stcore/health", f"127.0.0.3:{poort}"))
    assert _status(antwoord) == 200 and antwoord.endswith(b"ok")


def test_plain_http_on_the_tls_port_gets_nothing(kamer):
    _, plan = kamer
    poort = tls_poort(plan)
    with socket.create_connection(("127.0.0.1", poort), timeout=10, source_address=("127.0.0.2", 0)) as s:
        s.sendall(_get("/", f"127.0.0.3:{poort}"))
        s.settimeout(10)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    assert b"HTTP/" not in data and b"streamlit" not in data.lower()


def test_the_tls_port_keeps_the_room_rules(kamer):
    _, plan = kamer
    poort, host = tls_poort(plan), f"127.0.0.3:{tls_poort(plan)}"
    assert _status(_tls(poort, None, host, _get("/", f"rebind.example:{poort}"))) == 403
    assert _status(_tls(poort, None, host, _get("/_stcore/metrics", host), bron="127.0.0.2")) == 404
    upload = (
        f"PUT /_stcore/upload_file/sessie-van-een-telefoon/f HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nConnection: close\r\n\r\n12345"
    ).encode()
    antwoord = _tls(poort, None, host, upload, bron="127.0.0.2")
    assert _status(antwoord) == 403 and b"alleen de procesbegeleider" in antwoord
    ws = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: rebind.example:{poort}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
        f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\nOrigin: https://rebind.example:{poort}\r\n"
        "\r\n"
    ).encode()
    assert _status(_tls(poort, None, host, ws)) == 403
    ws_eigen = ws.replace(b"rebind.example", b"127.0.0.3")
    assert _status(_tls(poort, None, host, ws_eigen)) == 101  # the room's own name: the app answers


def test_this_laptop_sees_the_https_link_and_the_fingerprint(browser, kamer):
    srv, plan = kamer
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        pg = ctx.new_page()
        pg.set_default_timeout(30_000)
        pg.goto(srv.url)
        wait_ready(pg, 60_000)
        kies_traject(pg, "Werkplaats")
        goto_page(pg, "Meedoen")
        pg.get_by_text("Tweede procesbegeleider").click()
        main = pg.get_by_test_id("stMain")
        expect(main.get_by_text(plan.tls_url, exact=True)).to_be_visible()
        expect(main.get_by_text(plan.vingerafdruk, exact=True)).to_be_visible()
        expect(main.get_by_text(plan.toegangscode, exact=True)).to_be_visible()
    finally:
        ctx.close()
