"""Crash loop: kill -9 a writer at random moments, hundreds of times; the file stays sound and holds every
write the writer acknowledged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schouders.model import Traject
from schouders.store import Store

ROOT = Path(__file__).resolve().parent.parent
WRITER = Path(__file__).resolve().parent / "helpers" / "crash_writer.py"

KILLS = 200
MAX_DELAY_S = 0.150

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (not on Windows)")


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _run_and_kill(db: Path, traject_id: str, delay: float) -> list[str]:
    """Start a writer, let it write for `delay` seconds, SIGKILL it; the ids it acknowledged."""
    p = subprocess.Popen(
        [sys.executable, str(WRITER), str(db), traject_id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        first = p.stdout.readline()
        assert first == b"start\n", (first, p.stderr.read().decode(errors="replace"))
        time.sleep(delay)
        os.kill(p.pid, signal.SIGKILL)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == -signal.SIGKILL, err.decode(errors="replace")  # died by the kill, not by an error
    return out.decode().split()


@pytest.mark.slow
def test_kill_9_during_writes_loses_no_acknowledged_write(db_path):
    t = Traject(naam="Crashtest")
    Store(db_path).add(t)
    rng = random.Random(20260112)
    acknowledged: list[str] = []
    killed_mid_write = 0  # kills that left a temp file: the process died inside atomic_write_bytes
    t0 = time.perf_counter()
    for _ in range(KILLS):
        acknowledged += _run_and_kill(db_path, t.id, rng.uniform(0, MAX_DELAY_S))
        killed_mid_write += bool(_temp_files(db_path.parent))
    elapsed = time.perf_counter() - t0

    store = Store(db_path)  # parses, not moved aside …
    assert store.moved_aside == [] and store.meldingen == []
    assert store.check() == []
    ids = {k.id for k in store.snapshot().all("knelpunt")}
    assert len(acknowledged) == len(set(acknowledged))
    missing = set(acknowledged) - ids
    assert not missing, f"{len(missing)} acknowledged writes lost"
    # At most one write per kill can have landed without its acknowledgement reaching us.
    unacknowledged = len(ids) - len(acknowledged)
    assert 0 <= unacknowledged <= KILLS
    assert _temp_files(db_path.parent) == []  # opening the store cleared what the kills left
    assert len(acknowledged) > KILLS  # the writers really wrote
    assert killed_mid_write + unacknowledged > 0, "no kill landed inside a write"
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s; {len(acknowledged)} acknowledged writes, all present; "
        f"{unacknowledged} written but not acknowledged; {killed_mid_write} kills inside the file write; "
        f"file {db_path.stat().st_size // 1024} kB"
    )
