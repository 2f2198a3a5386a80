"""Many writers on one store file: threads in one process (the thread lock) and processes (the file lock)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest

from schouders.model import Knelpunt, Traject
from schouders.store import Store

ROOT = Path(__file__).resolve().parent.parent
WRITER = Path(__file__).resolve().parent / "helpers" / "concurrent_writer.py"

PROCESSES, THREADS, PER_THREAD = 4, 8, 100


def _records_in_file_order(path: Path) -> list[dict]:
    table = orjson.loads(path.read_bytes()).get("knelpunt", {})
    return [table[k] for k in sorted(table, key=int)]


def _switches(labels: list[str]) -> int:
    return sum(1 for a, b in zip(labels, labels[1:], strict=False) if a != b)


def test_threads_in_one_process(store):
    t = store.add(Traject(naam="Druk"))
    threads, per_thread = 8, 40
    start = threading.Barrier(threads)
    errors: list[BaseException] = []
    before = store.writes

    def work(n: int) -> None:
        start.wait()
        try:
            for i in range(per_thread):
                store.add(Knelpunt(traject_id=t.id, tekst=f"draad {n} nummer {i}"))
                if i % 10 == 0:
                    store.snapshot()  # readers in between the writers
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert store.writes - before == threads * per_thread  # one file write per add, none lost
    kn = Store(store.path).snapshot().all("knelpunt")
    assert len(kn) == threads * per_thread
    assert len({k.id for k in kn}) == len(kn)
    assert Counter(k.tekst for k in kn) == Counter(
        f"draad {n} nummer {i}" for n in range(threads) for i in range(per_thread)
    )
    assert store.check() == []


@pytest.mark.slow
def test_four_processes_eight_threads_each(db_path):
    store = Store(db_path)
    t = store.add(Traject(naam="Gelijktijdig"))
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), t.id, f"p{n}", str(THREADS), str(PER_THREAD)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    results = [p.communicate(timeout=500) for p in procs]
    elapsed = time.perf_counter() - t0
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        writes, slowest = out.split()[1:3]
        assert int(writes) == THREADS * PER_THREAD  # each add was exactly one file write
    slowest_add = max(float(out.split()[2]) for out, _ in results)
    lock_wait = max(float(out.split()[3]) for out, _ in results)
    print(
        f"\n{PROCESSES}x{THREADS}x{PER_THREAD} adds in {elapsed:.1f} s; slowest single add {slowest_add:.2f} s; "
        f"longest wait for the file lock {lock_wait:.2f} s"
    )

    total = PROCESSES * THREADS * PER_THREAD
    fresh = Store(db_path)
    kn = fresh.snapshot().all("knelpunt")
    assert len(kn) == total
    assert len({k.id for k in kn}) == total  # no duplicate ids
    expected = Counter(
        f"p{n} draad {d} nummer {i}" for n in range(PROCESSES) for d in range(THREADS) for i in range(PER_THREAD)
    )
    assert Counter(k.tekst for k in kn) == expected  # every write landed exactly once
    assert fresh.check() == []
    assert fresh.moved_aside == []
    assert [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []

    # Both locks were really exercised: in file order the processes take turns (the file lock hands the
    # file over, and every process re-reads what the others wrote) and within one process the threads do.
    records = _records_in_file_order(db_path)
    process_turns = _switches([r["auteur"] for r in records])
    assert process_turns > PROCESSES - 1, "the processes did not interleave"
    for n in range(PROCESSES):
        own = [r["tekst"].split(" nummer")[0] for r in records if r["auteur"] == f"p{n}"]
        assert _switches(own) > THREADS - 1, f"the threads of p{n} did not interleave"
    print(f"process turns in file order: {process_turns}")
