"""The worker behind `privacy.Detector`: loads deduce once and answers requests, one JSON line each way.

Run as `python -m schouders.privacy_deduce CACHEMAP` by the app (never by hand). It writes "bouwen" when deduce
must first build its lookup lists (once per install, 1–2 minutes), "klaar" when it is ready or "fout …" when
it cannot load; then, for every line with a JSON list of texts, one line with per text a list of
[soort, start, eind]. stdin closing (the app stopped, even killed) ends it.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, BinaryIO


def _antwoord(d: Any, tekst: str) -> list[list[Any]]:
    from schouders.privacy import _knip_naam

    if not tekst.strip():
        return []
    uit: list[list[Any]] = []
    voornamen = d.lookup_structs.get("first_name")
    for a in d.deidentify(tekst).annotations:
        start, eind = int(a.start_char), int(a.end_char)
        if a.tag in ("persoon", "patient"):
            start, eind = _knip_naam(tekst, start, eind, voornamen)
            if eind > start:
                uit.append(["naam", start, eind])
        elif a.tag == "emailadres":
            uit.append(["email", start, eind])
    return uit


def laad(cache: Path, bij_bouwen: Any = None) -> Any:
    """deduce with its lookup lists from `cache`; built there first when missing (1–2 minutes, once per install).
    Under a file lock: two workers starting together (two app windows, the tests) build once, and nobody reads a
    half-written cache."""
    from deduce import Deduce
    from deduce.deduce import _LOOKUP_LIST_PATH
    from filelock import FileLock

    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache / "bouwen.lock")):
        if bij_bouwen is not None and not (cache / "cache" / "lookup_structs.pickle").exists():
            bij_bouwen()
        return Deduce(lookup_data_path=_LOOKUP_LIST_PATH, cache_path=cache)


def bouw(cache: Path) -> int:
    """`python -m schouders.privacy_deduce --bouw`: build the lookup lists now (start.py after installing, the
    test script before the tests), with a message, so the app never has to."""
    if (cache / "cache" / "lookup_structs.pickle").exists():
        return 0
    print("Namenlijsten voor de privacycontrole opbouwen (eenmalig, 1 à 2 minuten)…", file=sys.stderr, flush=True)
    try:
        laad(cache)
    except Exception as exc:
        print(f"Niet gelukt ({type(exc).__name__}); Schouders werkt zonder namen zonder aanhef.", file=sys.stderr)
        return 1
    print("Klaar.", file=sys.stderr)
    return 0


def main(cache: Path, uit: BinaryIO) -> int:
    def zeg(regel: str) -> None:
        uit.write(regel.encode("utf-8") + b"\n")
        uit.flush()

    try:
        d = laad(cache, lambda: zeg("bouwen"))
    except Exception as exc:  # not installed, a broken cache, no memory: the app goes on with the patterns
        zeg(f"fout {type(exc).__name__}: {exc}".replace("\n", " "))
        return 1
    zeg("klaar")
    for regel in sys.stdin.buffer:
        try:
            teksten = json.loads(regel)
            antwoord = [_antwoord(d, t) for t in teksten]
        except Exception:  # one odd text must not stop the worker: no finds for this request
            antwoord = [[] for _ in (teksten if isinstance(teksten, list) else [])]
        uit.write(json.dumps(antwoord).encode("utf-8") + b"\n")
        uit.flush()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if sys.argv[1:2] == ["--bouw"]:
        from schouders.privacy import _cache_map

        sys.exit(bouw(Path(sys.argv[2]) if len(sys.argv) > 2 else _cache_map()))
    protocol = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything a library prints goes to stderr, never into the answers
    sys.exit(main(Path(sys.argv[1]), protocol))
