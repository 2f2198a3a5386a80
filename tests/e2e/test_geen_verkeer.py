"""Issue 20.6: not one request leaves the laptop – seen by the kernel, not by the page.

The app (normal mode as start.py starts it, and room mode as `python -m schouders serve-room` starts it) and
the Chromium that shows it each run under `strace -f -e trace=socket,connect,sendto,sendmsg,sendmmsg`, so
every process and thread is seen: Streamlit, the script threads, the Word export with its charts (drawn in
the app's process), Chromium's browser, renderer, GPU and network-service processes. The test walks the
app, makes the Word document with charts and downloads it, and in room mode opens Meedoen as a phone would.

What counts as traffic: a connect or send to any address outside 127.0.0.0/8 and ::1, anything to port 53
(a DNS lookup), and a connect to systemd-resolved's socket (a lookup through it). What does not: a connect
on a UDP socket that then sends nothing (the kernel only picks a route; no packet leaves) – serve-room uses
that to find the room's address, and the test checks that no send follows on that socket.

Chromium runs with the project's CHROMIUM_ARGS (schouders/browser.py: --disable-background-networking and
friends): those concern the browser's own Google services, which the app cannot switch off in a user's own
browser; what the app makes the browser fetch (icons, fonts, the favicon) is what this test is about.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from schouders.browser import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.conftest import ROOT, free_port, goto_page, wait_ready
from tests.e2e.kamer import kies_traject, seed_demo

STRACE = shutil.which("strace") or "/usr/bin/strace"


def _strace_kan() -> str | None:
    """Why strace cannot watch here, or None (a container may forbid ptrace)."""
    if not Path(STRACE).exists():
        return "strace ontbreekt (scripts/test.sh installeert het met apt-get)"
    r = subprocess.run([STRACE, "-f", "-o", os.devnull, "true"], capture_output=True, text=True)
    return None if r.returncode == 0 else f"strace mag hier niet meekijken: {r.stderr.strip()[:200]}"


_WAAROM = _strace_kan()
pytestmark = [pytest.mark.e2e]
strace_nodig = pytest.mark.skipif(_WAAROM is not None, reason=_WAAROM or "")
SYSCALLS = "trace=socket,socketpair,accept,accept4,connect,sendto,sendmsg,sendmmsg,close,dup2,dup3"

_REGEL = re.compile(r"^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\()(.*)$")
_SOCKET = re.compile(r"^(AF_\w+), (SOCK_\w+)")
_FD = re.compile(r"^(\d+),")
_UITKOMST = re.compile(r"\)\s*=\s*(\d+)\s*$")
_V4 = re.compile(r'sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([\d.]+)"\)')
_V6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')
_UNIX = re.compile(r'sa_family=AF_UNIX, sun_path="([^"]+)"')
# a query's header (one question, recursion desired), then its labels, each after its length as strace
# escapes it (\\6update\\ngoogleapis: 10 is \\n)
_DNS_NAAM = re.compile(r'\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0((?:\\(?:[0-9]+|[tnvfr])[^\\"]+)+)')


def _lokaal(ip: str) -> bool:
    return ip.startswith("127.") or ip in ("::1", "::") or ip.startswith("::ffff:127.") or ip == "0.0.0.0"


def verkeer(log: Path) -> tuple[list[str], list[str]]:
    """(traffic that would leave this computer, UDP route look-ups without a send) from an strace -f log.

    Sockets are followed per (thread, fd): the socket() and connect() of a route look-up happen in one
    thread. A new socket on an fd number in any thread (socket, socketpair, accept: a thread of the same
    process may reuse the fd; fds also arrive from other processes) and a close or dup onto it end a route
    look-up on that number. Counted: a connect to an outside address (not a UDP
    one, which only picks a route), anything to port 53, a send with an outside address, and a send on a
    UDP socket connected for a route (then it was traffic after all)."""
    soort: dict[tuple[str, str], str] = {}
    wacht: dict[str, str] = {}  # a socket() call strace split around a thread switch
    route: dict[tuple[str, str], str] = {}  # open route look-ups: a send on one is traffic
    routes: set[str] = set()  # every route look-up seen, for the caller to check where they pointed
    buiten: list[str] = []

    def nieuw(fd: str) -> None:
        for k in [k for k in route if k[1] == fd]:
            del route[k]

    for regel in log.read_text(errors="replace").splitlines():
        m = _REGEL.match(regel)
        if not m:
            continue
        pid, hervat, call, rest = m.group(1), m.group(2), m.group(3), m.group(4)
        if call in ("close", "dup2", "dup3"):  # the fd number is free (or taken over) from here
            if f := re.match(r"^(\d+)" if call == "close" else r"^\d+, (\d+)", rest):
                nieuw(f.group(1))
            continue
        if (hervat or call) in ("socketpair", "accept", "accept4"):
            for fd in re.findall(r"\[(\d+), (\d+)\]", rest)[-1:] or []:
                nieuw(fd[0])
                nieuw(fd[1])
            if (hervat or call) != "socketpair" and (u := _UITKOMST.search(rest)):
                nieuw(u.group(1))
            continue
        if hervat == "socket":
            if (u := _UITKOMST.search(rest)) and pid in wacht:
                soort[pid, u.group(1)] = wacht.pop(pid)
                nieuw(u.group(1))
            continue
        if hervat:
            continue
        if call == "socket":
            if s := _SOCKET.match(rest):
                if u := _UITKOMST.search(rest):
                    soort[pid, u.group(1)] = s.group(2)
                    nieuw(u.group(1))
                else:
                    wacht[pid] = s.group(2)
            continue
        fd = _FD.match(rest)
        sleutel = (pid, fd.group(1) if fd else "?")
        doel = None
        if v := _V4.search(rest) or _V6.search(rest):
            poort, ip = int(v.group(1)), v.group(2)
            if not _lokaal(ip) or poort == 53:
                doel = f"{ip}:{poort}"
        elif (u := _UNIX.search(rest)) and "resolve" in u.group(1):
            doel = f"unix:{u.group(1)}"
        if call == "connect":
            if doel and soort.get(sleutel) == "SOCK_DGRAM" and not doel.endswith(":53"):
                route[sleutel] = doel  # UDP connect: a route, no packet, unless a send follows
                routes.add(doel)
            elif doel:
                buiten.append(f"connect {doel}")
        elif call in ("sendto", "sendmsg", "sendmmsg"):
            doel = doel or route.pop(sleutel, None)
            if doel:
                buiten.append(f"{call} {doel}")
    return sorted(set(buiten)), sorted(routes)


def dns_namen(log: Path) -> list[str]:
    """The names in DNS queries an strace log shows (strace -s 128): what a lookup was for."""
    namen = set()
    for m in _DNS_NAAM.finditer(log.read_text(errors="replace")):
        namen.add(re.sub(r"\\(?:[0-9]+|[tnvfr])", ".", m.group(1)).strip("."))
    return sorted(namen)


def _strace(log: Path) -> list[str]:
    return [STRACE, "-f", "-qq", "-s", "128", "-e", SYSCALLS, "-o", str(log)]


def _nakomelingen(pid: int) -> list[int]:
    """Every process below pid, deepest first (read from /proc, by id)."""
    uit: list[int] = []
    try:
        taken = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return uit
    for t in taken:
        try:
            kinderen = Path(f"/proc/{pid}/task/{t}/children").read_text().split()
        except OSError:
            continue
        for k in kinderen:
            uit = [*_nakomelingen(int(k)), int(k), *uit]
    return uit


def _stop(proc: subprocess.Popen) -> None:
    """Stop the traced program itself (SIGTERM to strace would only detach it), then strace ends."""
    for pid in _nakomelingen(proc.pid):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        for pid in _nakomelingen(proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.kill()
        proc.wait(10)


def _wacht_gezond(proc: subprocess.Popen, url: str, uitvoer: Path) -> None:
    deadline = time.time() + 90  # strace -f slows the start
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(uitvoer.read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    _stop(proc)
    raise RuntimeError("the app did not become healthy in 90 s")


def _start_app(tmp_path: Path, modus: str, log: Path) -> tuple[subprocess.Popen, str, str]:
    db = tmp_path / "schouders.json"
    traject = next(iter(seed_demo(db).values()))
    poort = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SCHOUDERS_DB"}
    if modus == "kamer":
        # as a procesbegeleider types it: all addresses, the room's address found by serve-room itself
        cmd = [sys.executable, "-m", "schouders", "--db", str(db), "serve-room", "--port", str(poort)]
        cmd += ["--toegangscode", "KAMER234"]
    else:
        env["SCHOUDERS_DB"] = str(db)
        # as start.py starts it: Streamlit through the server layer, with the project's .streamlit/config.toml
        cmd = [sys.executable, "-m", "schouders.server", "run", "app.py", "--server.port", str(poort)]
        cmd += ["--server.headless", "true"]
    env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    uitvoer = tmp_path / "app.log"
    proc = subprocess.Popen(
        [*_strace(log), *cmd],
        cwd=ROOT,
        env=env,
        stdout=open(uitvoer, "ab"),  # noqa: SIM115 – closed with the process
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{poort}"
    _wacht_gezond(proc, url, uitvoer)
    return proc, url, traject


def _chromium_onder_strace(tmp_path: Path, log: Path) -> Path:
    """A launcher Playwright can start: Chromium under strace, its pipes to Playwright passed through."""
    pad = tmp_path / "chromium-strace.sh"
    pad.write_text(f'#!/bin/sh\nexec {" ".join(_strace(log))} {CHROMIUM} "$@"\n')
    pad.chmod(pad.stat().st_mode | stat.S_IXUSR)
    return pad


# Chromium's own Google services (update.googleapis.com, accounts.google.com, content-autofill.googleapis.com,
# clients2.google.com: seen here with CHROMIUM_ARGS alone) are looked up whatever page it shows; no flag we
# found stops all four, and a procesbegeleider's own browser does the same with or without Schouders. So
# this browser resolves no name but this computer's: what the page asks for still shows up, as a request
# to another host in the page's own request log (checked below) – only its lookup is refused.
ALLEEN_LOKAAL = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def _door_de_app(browser_type, launcher: Path, url: str, modus: str, traject: str) -> list[str]:
    """Walk the app as a procesbegeleider (and in room mode a phone) does; the URLs the pages requested."""
    b = browser_type.launch(executable_path=str(launcher), headless=True, args=[*CHROMIUM_ARGS, ALLEEN_LOKAAL])
    gevraagd: list[str] = []
    try:
        ctx = b.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True)
        ctx.on("request", lambda r: gevraagd.append(r.url))
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(url)
        wait_ready(pg, 60_000)
        kies_traject(pg, traject)
        for titel in ("Deelnemers", "Bijeenkomsten"):
            goto_page(pg, titel)
            pg.get_by_role("heading", name=titel).first.wait_for()
        goto_page(pg, "Importeren en exporteren")
        pg.get_by_role("tab", name="Exporteren").click()
        pg.get_by_role("button", name="Documenten maken").click()
        try:
            pg.get_by_role("button", name="Word (.docx)").wait_for(timeout=180_000)  # slow under strace -f
        except Exception:
            pg.screenshot(path=str(launcher.parent / "documenten.png"), full_page=True)
            raise
        with pg.expect_download(timeout=60_000) as dl:
            pg.get_by_role("button", name="Word (.docx)").click()
        word = dl.value.path().read_bytes()
        assert word[:2] == b"PK" and b"word/media/" in word, "a Word document with chart images"
        if modus == "kamer":
            telefoon = b.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL")
            telefoon.on("request", lambda r: gevraagd.append(r.url))
            tp = telefoon.new_page()
            tp.set_default_timeout(60_000)
            tp.goto(url + "/meedoen")
            tp.get_by_role("heading", name="Meedoen").wait_for()
            telefoon.close()
        pg.wait_for_timeout(2000)  # late fonts, the favicon, anything a timer sends
        ctx.close()
    finally:
        b.close()
    return gevraagd


@strace_nodig
@pytest.mark.parametrize("modus", ["normaal", "kamer"])
def test_app_en_browser_maken_geen_verbinding_buiten_deze_computer(browser, tmp_path: Path, modus: str) -> None:
    app_log, browser_log = tmp_path / "app.strace", tmp_path / "chromium.strace"
    proc, url, traject = _start_app(tmp_path, modus, app_log)
    try:
        gevraagd = _door_de_app(
            browser.browser_type, _chromium_onder_strace(tmp_path, browser_log), url, modus, traject
        )
    finally:
        _stop(proc)
    app, app_route = verkeer(app_log)
    chromium, chromium_route = verkeer(browser_log)
    assert app_log.stat().st_size > 0 and browser_log.stat().st_size > 0
    assert "127.0.0.1" in browser_log.read_text(errors="replace"), "the browser's own connections were seen"
    assert not app, f"the app: {app}, DNS for {dns_namen(app_log)}"
    assert not chromium, f"Chromium: {chromium}, DNS for {dns_namen(browser_log)}"
    assert len(gevraagd) > 10
    buiten = sorted(
        {
            u
            for u in gevraagd
            if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname != "127.0.0.1"
        }
    )
    assert not buiten, buiten
    # A UDP connect only picks a route: serve-room may use one to find the room's address, Chromium one to
    # see whether IPv6 works (2001:4860:4860::8888, Google's resolver, port 443); neither sends anything.
    assert set(app_route) <= ({"10.255.255.255:1"} if modus == "kamer" else set()), app_route
    assert set(chromium_route) <= {"2001:4860:4860::8888:443"}, chromium_route


def test_verkeer_leest_strace_zoals_bedoeld(tmp_path: Path) -> None:
    """The parser itself, on lines as strace -f writes them."""
    log = tmp_path / "x.strace"
    log.write_text(
        "10 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 5\n"
        '10 connect(5, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0\n'
        "11 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 7\n"
        '11 connect(7, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("10.255.255.255")}, 16) = 0\n'
        "12 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 8\n"
        '12 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0\n'
        '12 sendto(8, "\\22\\332\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\6update\\ngoogleapis\\3com\\0", 39, 0, NULL, 0) = 39\n'
        "13 socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 9\n"
        "13 connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "
        '"2a00:1450::1", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>\n'
        "14 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP <unfinished ...>\n"
        "15 socket(AF_UNIX, SOCK_STREAM, 0) = 4\n"
        "14 <... socket resumed>) = 3\n"
        '14 connect(3, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("8.8.8.8")}, 16) = 0\n'
        '14 sendto(3, "x", 1, 0, NULL, 0) = 1\n'
        "16 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 18\n"
        "16 connect(18, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "
        '"2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0\n'
        "17 close(18)                              = 0\n"
        '16 sendto(18, "ipc", 3, MSG_NOSIGNAL, NULL, 0) = 3\n'
    )
    buiten, route = verkeer(log)
    assert buiten == [
        "connect 10.255.255.53:53",
        "connect 2a00:1450::1:443",
        "sendto 8.8.8.8:1",
    ]
    # the IPv6 probe's fd was closed and reused: the sendto on that number afterwards is not to the probe
    assert route == ["10.255.255.255:1", "2001:4860:4860::8888:443", "8.8.8.8:1"]  # 8.8.8.8 then sent: in buiten
    assert dns_namen(log) == ["update.googleapis.com"]


def _websocket_met_vreemde_origin(port: int) -> bytes:
    """What any web page the procesbegeleider visits can do: open ws://127.0.0.1:PORT/_stcore/stream."""
    import base64
    import socket

    sleutel = base64.b64encode(os.urandom(16)).decode()
    req = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {sleutel}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://aanval.example\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(req.encode())
        s.settimeout(10)
        return s.recv(200)


@strace_nodig
@pytest.mark.parametrize(
    "start",
    [
        "kamer",
        "schouders.server",
        pytest.param(
            "streamlit run",
            marks=pytest.mark.xfail(
                strict=True,
                reason="plain 'streamlit run app.py' (without start.py): "
                "Streamlit then asks checkip.amazonaws.com about a foreign Origin; start.py and serve-room use "
                "'python -m schouders.server run app.py', which does not",
            ),
        ),
    ],
)
def test_vreemde_origin_laat_streamlit_niets_opzoeken(tmp_path: Path, start: str) -> None:
    """Streamlit's origin check asks checkip.amazonaws.com for this computer's outside address before it
    refuses a websocket from a foreign page (is_url_from_allowed_origins → net_util.get_external_ip)."""
    log = tmp_path / "app.strace"
    if start == "kamer":
        proc, url, _ = _start_app(tmp_path, "kamer", log)
    else:
        db = tmp_path / "schouders.json"
        poort = free_port()
        cmd = ["-m", "schouders.server" if start == "schouders.server" else "streamlit", "run", "app.py"]
        cmd += ["--server.port", str(poort), "--server.headless", "true", "--server.fileWatcherType", "none"]
        proc = subprocess.Popen(
            [*_strace(log), sys.executable, *cmd],
            cwd=ROOT,
            env={**os.environ, "SCHOUDERS_DB": str(db)},
            stdout=open(tmp_path / "app.log", "ab"),  # noqa: SIM115 – closed with the process
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{poort}"
        _wacht_gezond(proc, url, tmp_path / "app.log")
    try:
        antwoord = _websocket_met_vreemde_origin(int(url.rsplit(":", 1)[1]))
        time.sleep(2)  # the look-up runs before the refusal; give a slow one time to show
    finally:
        _stop(proc)
    assert antwoord.startswith(b"HTTP/1.1 403"), antwoord
    buiten, _ = verkeer(log)
    assert not buiten, f"{buiten}, DNS for {dns_namen(log)}"
