"""Writer process for the concurrency test: THREADS threads each add COUNT knelpunten, one `store.add` each.

Usage: python concurrent_writer.py DB TRAJECT_ID TAG THREADS COUNT
Prints one line "klaar <file writes> <slowest add in s> <longest wait for the file lock in s>" when every thread is done; a thread that fails prints its error to stderr
and the process exits 1.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from schouders.model import Knelpunt  # noqa: E402
from schouders.store import open_store  # noqa: E402


def main() -> int:
    db, tid, tag, threads, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    store = open_store(db)
    start = threading.Barrier(threads)
    errors: list[BaseException] = []
    slowest = [0.0]
    lock_wait = [0.0]
    acquire = store._acquire_flock

    def timed_acquire() -> None:  # measures how long this process waits for the other processes
        t0 = time.perf_counter()
        acquire()
        lock_wait[0] = max(lock_wait[0], time.perf_counter() - t0)

    store._acquire_flock = timed_acquire  # type: ignore[method-assign]

    def work(t: int) -> None:
        start.wait()
        try:
            for i in range(count):
                t0 = time.perf_counter()
                store.add(Knelpunt(traject_id=tid, tekst=f"{tag} draad {t} nummer {i}", auteur=tag))
                slowest[0] = max(slowest[0], time.perf_counter() - t0)
        except BaseException as exc:  # report, the test fails on the exit code
            errors.append(exc)
            print(f"{tag}/{t}: {exc!r}", file=sys.stderr, flush=True)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"klaar {store.writes} {slowest[0]:.3f} {lock_wait[0]:.3f}", flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
