"""Browser tests: the app as start.py runs it (`python -m schouders.server run app.py`) on a free port against a
temporary store, driven by Playwright in Debian's Chromium (/usr/bin/chromium)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from schouders.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: F401 – re-exported for tests

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    db: Path
    proc: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def wait_healthy(proc: subprocess.Popen, url: str, log: Path) -> bool:
    """Wait until the app answers its health check (True), or stopped because its port was taken meanwhile
    (False: start again on another port); any other stop or 60 s without an answer raises with the log."""
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            if "is not available" in tail:
                return False
            raise RuntimeError(f"streamlit stopped: {tail}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


def start_until_healthy(start: Callable[[int], subprocess.Popen], log: Path) -> tuple[subprocess.Popen, int]:
    """`start(port)` on a free port until the app answers; when the port was taken meanwhile, again on another
    one (3 tries). Returns the process and its port."""
    for _ in range(3):
        port = free_port()
        proc = start(port)
        if wait_healthy(proc, f"http://127.0.0.1:{port}", log):
            return proc, port
    raise RuntimeError(f"no free port in 3 tries: {log.read_text(errors='replace')[-2000:]}")


def start_server(db: Path, log: Path, extra_env: dict[str, str] | None = None, address: str = "127.0.0.1") -> Server:
    env = {**os.environ, "SCHOUDERS_DB": str(db), **(extra_env or {})}

    def start(port: int) -> subprocess.Popen:
        with open(log, "ab") as fh:
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "schouders.server",  # as start.py and serve-room start it: Streamlit inside the server layer
                    "run",
                    "app.py",
                    "--server.port",
                    str(port),
                    "--server.address",
                    address,
                    "--server.headless",
                    "true",
                    "--browser.gatherUsageStats",
                    "false",
                    "--server.fileWatcherType",
                    "none",
                ],
                cwd=ROOT,
                env=env,
                stdout=fh,
                stderr=subprocess.STDOUT,
            )

    proc, port = start_until_healthy(start, log)
    return Server(f"http://127.0.0.1:{port}", db, proc, log)


EXPECT_TIMEOUT = 15_000  # ms; the machine is shared and has 2 cores


@pytest.fixture(autouse=True)
def _expect_timeout():
    """Every browser test starts with the same patience for screen assertions.

    `expect.set_options` is global: a module-level call or a test's own reset would otherwise decide the
    timeout of whichever test runs next (a 5 s default crept into later modules this way)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT)
    yield
    expect.set_options(timeout=EXPECT_TIMEOUT)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the test command from the README, it installs it.")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = start_server(tmp_path / "schouders.json", tmp_path / "streamlit.log")
    yield srv
    srv.stop()


@pytest.fixture
def page(browser, server: Server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server.url)
    wait_ready(pg)
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def wait_ready(pg, timeout: float = 20_000) -> None:
    """Wait until the app has rendered and no script run is in progress."""
    pg.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    pg.wait_for_selector("[data-testid='stMain']", timeout=timeout)
    wait_idle(pg, timeout)


def wait_idle(pg, timeout: float = 20_000) -> None:
    """Streamlit marks a running script with the status widget; wait until it is gone."""
    pg.wait_for_timeout(150)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    pg.wait_for_timeout(100)


def kies_optie(pg, veld, naam, *, exact: bool = True, typ: str | None = None) -> None:
    """Open a selectbox or multiselect (`veld`) and click the option `naam` (a string or a pattern).

    A rerun that arrives just as the list opens can close it again (seen in CI: the option never came); a person
    then opens it once more, and so does this – up to three times. `typ` filters the list first, as a user may
    where the list is short near the bottom of the screen."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    optie = pg.get_by_role("option", name=naam, exact=exact if isinstance(naam, str) else None).first
    for poging in range(3):
        veld.click()  # the first time at once, as an impatient person does
        if typ:
            pg.keyboard.type(typ)
        try:
            optie.click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            if poging == 2:
                raise
            pg.keyboard.press("Escape")
            wait_idle(pg)


def goto_page(pg, title: str) -> None:
    """Click a page in the sidebar navigation by its title."""
    pg.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    wait_idle(pg)
