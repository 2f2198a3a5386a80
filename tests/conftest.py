"""Shared fixtures: a temporary store for every test, never data/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from schouders import store as store_mod  # noqa: E402


@pytest.fixture(autouse=True)
def _tls_map(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The room's certificate (serve-room makes one) goes to a temporary folder, never data/tls."""
    monkeypatch.setenv("SCHOUDERS_TLS_MAP", str(tmp_path_factory.getbasetemp() / "tls"))


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store file; SCHOUDERS_DB points at it so the app under AppTest uses it too."""
    path = tmp_path / "schouders.json"
    monkeypatch.setenv("SCHOUDERS_DB", str(path))
    yield path
    store_mod._stores.pop(path.resolve(), None)


@pytest.fixture
def store(db_path: Path) -> store_mod.Store:
    return store_mod.open_store(db_path)


@pytest.fixture
def demo_store(store: store_mod.Store) -> store_mod.Store:
    from schouders.demo import laad_demo

    laad_demo(store)
    return store


@pytest.fixture
def app_test(db_path: Path):
    """AppTest factory on app.py against the temporary store; chdir so page paths resolve."""
    from streamlit.testing.v1 import AppTest

    old = os.getcwd()
    os.chdir(ROOT)

    def make(timeout: float = 30) -> AppTest:
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)

    yield make
    os.chdir(old)
