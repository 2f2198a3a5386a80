"""Helpers for the live-facilitation browser tests: a 'phone' on another address, picking a traject, the pages.

On Linux a browser that opens http://127.0.0.2:PORT still connects *from* 127.0.0.1 (the kernel picks the
loopback's primary address as the source), so the server could not tell it apart from the procesbegeleider.
`Relay` makes the phone's connection really come from 127.0.0.2, as a phone on the LAN comes from its own
address: it listens on 127.0.0.2 and opens every upstream connection with source address 127.0.0.2.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


class Relay:
    """A tiny TCP relay: browser → listen_host:port → 127.0.0.1:target_port, from source_host."""

    def __init__(
        self, target_port: int, listen_host: str = "127.0.0.2", source_host: str = "127.0.0.2", scheme: str = "http"
    ) -> None:
        self.target = ("127.0.0.1", target_port)
        self.source = source_host
        self._srv = socket.socket()
        self._srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._srv.bind((listen_host, 0))
        self._srv.listen(64)
        self._srv.settimeout(0.5)
        self.port = self._srv.getsockname()[1]
        self.url = f"{scheme}://{listen_host}:{self.port}"  # TLS passes through untouched
        self._stop = threading.Event()
        self._socks: list[socket.socket] = []
        self._deadline = time.monotonic() + 900  # never outlives a test run
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                client, _ = self._srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            up = socket.socket()
            try:
                up.bind((self.source, 0))
                up.connect(self.target)
            except OSError:
                client.close()
                up.close()
                continue
            self._socks += [client, up]
            for a, b in ((client, up), (up, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._srv.close()
        for s in self._socks:
            with contextlib.suppress(OSError):
                s.close()


def start_kamer(tmp_path: Path, *, lan: str = "127.0.0.3", code: str = "KAMER234", seed: bool = True):
    """The app exactly as `serve-room` starts it (cli_room.maak_plan, schouders.server, its own certificate),
    on free ports; returns (Server, Plan). The TLS port: `tls_poort(plan)`."""
    import subprocess

    from schouders import certificaat, cli_room
    from tests.e2e.conftest import Server, free_port, start_until_healthy

    db = tmp_path / "schouders.json"
    if seed:
        seed_demo(db)
    cert = certificaat.maak_of_laad([lan], tmp_path / "tls")
    log = tmp_path / "streamlit.log"
    plannen = {}

    def start(poort: int) -> subprocess.Popen:
        plannen[poort] = plan = cli_room.maak_plan(
            poort=poort, code=code, db=str(db), lan=lan, cert=cert, tls_poort=free_port()
        )
        with open(log, "ab") as fh:
            return subprocess.Popen(
                [*plan.cmd, "--server.fileWatcherType", "none"],
                cwd=ROOT,
                env=plan.env,
                stdout=fh,
                stderr=subprocess.STDOUT,
            )

    proc, poort = start_until_healthy(start, log)
    return Server(f"http://127.0.0.1:{poort}", db, proc, log), plannen[poort]


def tls_poort(plan) -> int:
    return int(plan.env["SCHOUDERS_TLS_POORT"])


def log_in_als_procesbegeleider(page, code: str) -> None:
    """Open "Ben je procesbegeleider?", type the passcode, log in (on the TLS port: only there is the field)."""
    from tests.e2e.conftest import wait_idle

    page.get_by_text("Ben je procesbegeleider?").click()
    page.get_by_label("Toegangscode voor procesbegeleiders").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    wait_idle(page)


def kies_traject(page, naam: str) -> None:
    """Pick a traject in the sidebar picker, as a user does."""
    from playwright.sync_api import expect

    from tests.e2e.conftest import kies_optie, wait_idle

    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Traject")
    wait_idle(page)
    kies_optie(page, box, re.compile(re.escape(naam)))  # a rerun that redraws the sidebar may close the list
    wait_idle(page)
    expect(box).to_have_value(re.compile(re.escape(naam)))


def seed_demo(db: Path) -> dict[str, str]:
    """Load the two demo trajecten into the store file; returns {werkvorm: naam}."""
    from schouders.demo import laad_demo
    from schouders.store import Store

    store = Store(db)
    laad_demo(store)
    return {t.werkvorm: t.naam for t in store.snapshot().all("traject")}
