"""Writer process for the crash loop: adds knelpunten one by one and acknowledges each id on stdout.

Usage: python crash_writer.py DB TRAJECT_ID
Prints "start" once the store is open, then one id per line, each only AFTER `store.add` returned (and so
after the file write and its fsync). The test kills this process with SIGKILL at a random moment.
Imports only the store and the model, so it starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from schouders.model import Knelpunt  # noqa: E402
from schouders.store import Store  # noqa: E402


def main() -> None:
    db, tid = sys.argv[1], sys.argv[2]
    store = Store(db)
    out = sys.stdout
    out.write("start\n")
    out.flush()
    i = 0
    while True:
        i += 1
        k = Knelpunt(traject_id=tid, tekst=f"knelpunt {i} van proces", auteur="schrijver")
        store.add(k)
        out.write(k.id + "\n")
        out.flush()


if __name__ == "__main__":
    main()
