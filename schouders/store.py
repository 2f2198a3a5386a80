"""The only module that touches TinyDB: a crash-safe, locked, versioned store for all trajecten.

Why it looks like this:
- TinyDB's JSONStorage rewrites the file in place, so a crash mid-write breaks it. Here every commit
  writes a temp file in the same folder, fsyncs it and swaps it in with `os.replace`.
- TinyDB is not thread-safe and Streamlit serves every browser tab from its own thread; the command line
  may write to the same file. So: one Store per file per process, an RLock around every
  read-modify-write and a file lock (`<file>.lock`) across processes. Inside the lock the store re-reads
  the file when another process changed it.
- TinyDB writes go to memory; one `transaction()` (or one `add`, `update`, …) ends in exactly one file
  write, however many records it touched.
- A file that does not parse, or is not ours, is moved aside byte-identical and never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from schouders.model import ENTITIES, ENTITY_BY_KIND, Entity

T = TypeVar("T")

APP = "schouders"
SCHEMA_VERSION = 2
META = "_meta"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "schouders.json"
BACKUP_KEEP = 30
BACKUP_INTERVAL_S = 60.0
OPEN_STOND = "de laatste stand die Schouders zelf las of bewaarde"  # what a running app writes back


class StoreError(Exception):
    """A problem with the store file, explained in Dutch for the user."""


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    # Schema 1 kept the quick-win score under "quickwin"; schema 2 calls it "quick_win" like the method.
    for doc in data.get("knelpunt", {}).values():
        if "quickwin" in doc:
            doc["quick_win"] = doc.pop("quickwin")
    return data


MIGRATIONS: dict[int, Any] = {1: _migrate_1_to_2}


def default_path() -> Path:
    """The store file: `SCHOUDERS_DB` when set, else data/schouders.json next to the app."""
    env = os.environ.get("SCHOUDERS_DB")
    return Path(env).expanduser().resolve() if env else DEFAULT_PATH


def _empty_data() -> dict[str, Any]:
    return {META: {"1": {"app": APP, "schema": SCHEMA_VERSION}}}


def check_shape(data: Any) -> str | None:
    """Why `data` is not a Schouders store, or None when it is one."""
    if not isinstance(data, dict):
        return "het bestand bevat geen tabel-indeling van Schouders"
    meta = data.get(META)
    if not isinstance(meta, dict) or not any(isinstance(d, dict) and d.get("app") == APP for d in meta.values()):
        return "het bestand is geen Schouders-bestand (kenmerk ontbreekt)"
    schema = next(d.get("schema", 1) for d in meta.values() if isinstance(d, dict) and d.get("app") == APP)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        return f"het versienummer '{schema}' is onbekend"
    for name, table in data.items():
        # A table this version does not know comes from a newer version: it is kept as it is, not refused.
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            return f"tabel '{name}' heeft een onbekende vorm"
    return None


def schema_of(data: dict[str, Any]) -> int:
    for d in data[META].values():
        if d.get("app") == APP:
            return int(d.get("schema", 1))
    return 1


def reden(exc: BaseException) -> str:
    """Why reading failed, in Dutch: the system's and the JSON parser's own texts are English."""
    if isinstance(exc, orjson.JSONDecodeError):
        return f"het is geen geldige JSON (fout op regel {exc.lineno}, positie {exc.colno})"
    if isinstance(exc, FileNotFoundError):
        return "het bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(exc, PermissionError):
        return "je hebt geen toegang tot het bestand"
    if isinstance(exc, OSError):
        return f"het bestand is niet te lezen (systeemfout {exc.errno})"
    return str(exc)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(src: Path, dst: Path, attempts: int = 20) -> None:
    """os.replace, retried briefly: on Windows a virus scanner or backup tool may hold the file."""
    for i in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if i == attempts - 1:
                raise
            time.sleep(0.05 * (i + 1))


FILE_MODE = 0o600  # the store holds client data (AVG): readable by the user alone
DIR_MODE = 0o700


def _mode_of(path: Path) -> int:
    """The permission bits `path` has now, or FILE_MODE for a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return FILE_MODE


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that a crash leaves either the old or the new file.

    The new file keeps the old one's permissions (0600 for a new file), whatever the umask says."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    mode = _mode_of(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)  # os.open's mode is filtered by the umask
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _schrijffout(path: Path, exc: OSError) -> str:
    """One Dutch sentence for a write that the system refused; the file itself was not touched."""
    return (
        f"Bewaren in {path} lukte niet: {_schrijfreden(path, exc)}. Het bestand is niet veranderd; wat je net deed, "
        "is niet bewaard."
    )


def _schrijfreden(path: Path, exc: OSError) -> str:
    """Why the system refused a write, in Dutch."""
    return {
        errno.ENOSPC: "de schijf is vol",
        errno.EROFS: "de schijf of map kan alleen gelezen worden",
        errno.EACCES: f"je hebt geen toestemming om te schrijven in {path.parent}",
        errno.EPERM: f"je hebt geen toestemming om te schrijven in {path.parent}",
        errno.EDQUOT: "je schijfruimte (quotum) is op",
    }.get(exc.errno or 0, f"het systeem weigerde het ({exc.strerror or exc})")


def _temp_files(path: Path) -> list[Path]:
    """Temp files `atomic_write_bytes` leaves when a process is killed mid-write."""
    return list(path.parent.glob(f".{path.name}.*.tmp"))


class _MemoryStorage(Storage):
    """TinyDB storage over the Store's in-memory data. Writes only mark the data dirty; the Store
    writes the file once at the end of a transaction."""

    def __init__(self, owner: Store) -> None:
        self._owner = owner

    def read(self) -> dict[str, Any]:
        return self._owner._data

    def write(self, data: dict[str, Any]) -> None:
        if not self._owner._in_transaction():
            raise RuntimeError("write outside a transaction")
        self._owner._data = data
        self._owner._dirty = True


@dataclass(frozen=True)
class Snapshot:
    """Everything in the store at one revision, as model objects. Shared: never change it."""

    revision: int
    tables: dict[str, tuple[Entity, ...]]
    _by_id: dict[str, dict[str, Entity]] = field(default_factory=dict, repr=False)
    _per_traject: dict[str, dict[str | None, tuple[Entity, ...]]] = field(default_factory=dict, repr=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def all(self, kind: str) -> tuple[Entity, ...]:
        return self.tables.get(kind, ())

    def of(self, kind: str, traject_id: str) -> list[Any]:
        """The items of one traject, in store order (a new list: callers may sort it)."""
        if kind not in self._per_traject:
            groups: dict[str | None, list[Entity]] = {}
            for e in self.tables.get(kind, ()):
                groups.setdefault(getattr(e, "traject_id", None), []).append(e)
            self._per_traject[kind] = {t: tuple(items) for t, items in groups.items()}
        return list(self._per_traject[kind].get(traject_id, ()))

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """Derived data (a frame, a figure) built once per revision: reruns without a change reuse it.

        Key it on the function that builds it plus what it depends on, e.g. `(analyse.relatie_matrix, tid)`:
        two builders can then never share a key. The snapshot is shared between sessions and reruns, so
        never change what this returns.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def get(self, kind: str, item_id: str | None) -> Any | None:
        if item_id is None:
            return None
        if kind not in self._by_id:
            self._by_id[kind] = {e.id: e for e in self.tables.get(kind, ())}  # type: ignore[attr-defined]
        return self._by_id[kind].get(item_id)

    def trajecten(self, *, archief: bool = False) -> list[Any]:
        items = [t for t in self.tables.get("traject", ()) if archief or not t.gearchiveerd]  # type: ignore[attr-defined]
        return sorted(items, key=lambda t: t.aangemaakt, reverse=True)


class Store:
    """One store file. Use `open_store()` to get the process-wide instance."""

    def __init__(
        self,
        path: Path | str,
        *,
        backup_keep: int = BACKUP_KEEP,
        backup_interval: float = BACKUP_INTERVAL_S,
    ) -> None:
        self.path = Path(path).expanduser().resolve()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.backup_dir = self.path.parent / f"{self.path.stem}-backups"
        self.backup_keep = backup_keep
        self.backup_interval = backup_interval
        self.meldingen: list[str] = []  # Dutch messages for the user (moved files, migrations)
        self._problemen: list[str] = []  # the meldingen that are problems: check() reports these
        self._overgeslagen: set[tuple[str, str]] = set()  # records the snapshot skipped (invalid)
        self.moved_aside: list[Path] = []
        self.writes = 0  # file writes by this instance: lets tests and benchmarks count them
        self._lock = threading.RLock()
        self._flock = FileLock(str(self.path) + ".lock", timeout=30)
        self._zonder_slot = ""  # why the last lock attempt failed (a read-only folder, see _acquire_flock)
        self._zonder_slot_gemeld = False
        self._depth = 0
        self._owner_thread: int | None = None
        self._dirty = False
        self._data: dict[str, Any] = _empty_data()
        self._sig: tuple[int, int, int] | None = None
        self._revision = 0
        self._snapshot: Snapshot | None = None
        self._last_backup = 0.0
        self._db = TinyDB(storage=lambda: _MemoryStorage(self))
        with self._lock, self._file_lock():
            # Under the file lock no other process is writing, so temp files left here are from a crash.
            for tmp in _temp_files(self.path):
                with contextlib.suppress(OSError):
                    tmp.unlink()
            self._load_from_disk(initial=True)

    def _acquire_flock(self) -> None:
        """Take the cross-process lock; waiting too long becomes a StoreError in Dutch. Not taken (and
        `_zonder_slot` says why) when the lock file cannot be made because the folder or file system is
        read-only (or not ours): then nobody can write the store either (`atomic_write_bytes` replaces it,
        never writes in place), so reading without the lock is safe and `list` and the app still read it;
        any write is refused with a Dutch message."""
        try:
            self._flock.acquire()
        except Timeout:
            raise StoreError(
                f"Het gegevensbestand {self.path.name} is al {self._flock.timeout:.0f} seconden bezet door een "
                "ander programma. Probeer het zo nog eens."
            ) from None
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StoreError(
                    f"Het slotbestand {self._flock.lock_file} kan niet gemaakt worden: "
                    f"{_schrijfreden(self.path, exc)}. Er is niets veranderd."
                ) from None
            self._zonder_slot = f"het slotbestand kan niet gemaakt worden ({_schrijfreden(self.path, exc)})"
            if not self._zonder_slot_gemeld:
                self._zonder_slot_gemeld = True
                self.meldingen.append(
                    f"Het slotbestand {self._flock.lock_file} kan niet gemaakt worden "
                    f"({_schrijfreden(self.path, exc)}): Schouders leest het gegevensbestand zonder slot en kan "
                    "er niets in bewaren."
                )
            return
        self._zonder_slot = ""

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        self._acquire_flock()
        slot = not self._zonder_slot  # read here, not returned: tests wrap _acquire_flock to time it
        try:
            yield
        finally:
            if slot:
                self._flock.release()

    # ---- file handling -------------------------------------------------------------------------

    def _stat_sig(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _move_aside(self, reason: str, *, initial: bool) -> Path:
        """Set a damaged file aside and say what comes next: at start there is nothing else to go on, so an
        empty store; while running the data this process holds is written back (see _load_from_disk)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.path.with_name(f"{self.path.name}.beschadigd-{stamp}")
        _replace(self.path, target)
        _fsync_dir(self.path.parent)
        self.moved_aside.append(target)
        if initial:
            verder = "Schouders begint met een leeg bestand; je kunt hieronder een reservekopie terugzetten."
        else:
            verder = f"Schouders heeft het gegevensbestand opnieuw geschreven uit wat er open stond ({OPEN_STOND})."
        melding = (
            f"Het gegevensbestand kon niet worden gebruikt ({reason}). Het is onaangeroerd apart gezet "
            f"als {target}. {verder}"
        )
        self.meldingen.append(melding)
        self._problemen.append(melding)
        return target

    def _load_from_disk(self, *, initial: bool = False) -> None:
        """(Re)read the file. Caller holds both locks."""
        self._db = TinyDB(storage=lambda: _MemoryStorage(self))  # fresh table caches and next ids
        self._revision += 1
        sig = self._stat_sig()
        if sig is None:
            if initial:
                self._data = _empty_data()
                self._dirty = True
                self._write_file()
            return
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise StoreError(f"Kan het gegevensbestand {self.path} niet lezen: {reden(exc)}.") from exc
        reason = None
        data: Any = None
        if raw.startswith(b"\xef\xbb\xbf"):  # saved by an editor that adds a BOM: still our data
            raw = raw[3:]
        if not raw.strip():
            reason = "het bestand is leeg"
        else:
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                reason = reden(exc)
        if reason is None:
            reason = check_shape(data)
        if reason is not None and self._zonder_slot:  # nothing can be set aside in a read-only folder
            raise StoreError(
                f"Het gegevensbestand {self.path} kan niet worden gebruikt ({reason}) en de map kan alleen gelezen "
                "worden: er is niets veranderd. Bekijk het met 'python -m schouders check'."
            )
        if reason is not None:
            self._move_aside(reason, initial=initial)
            if initial:
                self._data = _empty_data()
            self._dirty = True
            self._write_file()
            return
        schema = schema_of(data)
        if schema > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} is gemaakt met een nieuwere versie van Schouders (schema {schema}, deze "
                f"versie kent {SCHEMA_VERSION}). Werk Schouders bij; het bestand is niet aangeraakt."
            )
        if schema < SCHEMA_VERSION and self._zonder_slot:  # read-only: brought up to date in memory only
            while schema < SCHEMA_VERSION:
                data = MIGRATIONS[schema](data)
                schema += 1
            self._data = data
            self._sig = sig
            return
        if schema < SCHEMA_VERSION:
            self._backup(label=f"voor-migratie-v{schema}", force=True)
            while schema < SCHEMA_VERSION:
                data = MIGRATIONS[schema](data)
                schema += 1
            for d in data[META].values():
                if d.get("app") == APP:
                    d["schema"] = SCHEMA_VERSION
            self._data = data
            self._dirty = True
            self._write_file()
            self.meldingen.append(f"Het gegevensbestand is bijgewerkt naar versie {SCHEMA_VERSION}.")
            return
        self._data = data
        self._sig = sig

    def _refresh(self) -> None:
        if self._stat_sig() != self._sig:
            # Under the file lock: a reload may move a damaged file aside or migrate it, and both write.
            with self._file_lock():
                if self._sig is not None and self._stat_sig() is None:
                    self._weer_schrijven()
                else:
                    self._load_from_disk()

    def _weer_schrijven(self) -> None:
        """The file was there when last read and is gone now (deleted or moved while the app runs): write
        back what this process holds, as a damaged file is, and say so; before, nothing was said and the
        data lived only in memory until the next change. Caller holds both locks."""
        try:
            if self._zonder_slot:
                raise OSError(errno.EROFS, self._zonder_slot)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, orjson.dumps(self._data))
        except OSError as exc:
            self._sig = None  # no retry on every rerun: the next change tries again and says why it fails
            waarom = self._zonder_slot or _schrijfreden(self.path, exc)
            melding = (
                f"Het gegevensbestand {self.path} was weg en kon niet opnieuw geschreven worden: {waarom}. "
                "Wat er open staat, is er alleen zolang Schouders draait."
            )
            self.meldingen.append(melding)
            self._problemen.append(melding)
            return
        self._sig = self._stat_sig()
        self.writes += 1
        self.meldingen.append(
            f"Het gegevensbestand {self.path} was weg. Schouders heeft het opnieuw geschreven uit wat er open "
            f"stond ({OPEN_STOND})."
        )

    def _backup(self, *, label: str = "", force: bool = False) -> None:
        if not self.path.exists():
            return
        now = time.monotonic()
        if not force and now - self._last_backup < self.backup_interval and self._last_backup:
            return
        if not self.backup_dir.exists():
            self.backup_dir.mkdir(mode=DIR_MODE, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(self.backup_dir, DIR_MODE)  # mkdir's mode is filtered by the umask
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        suffix = f"-{label}" if label else ""
        target = self.backup_dir / f"{self.path.stem}-{stamp}{suffix}.json"
        n = 1
        while True:
            try:
                os.link(self.path, target)  # the old file lives on as the backup: no copy needed
            except FileExistsError:  # two backups in one microsecond: never overwrite the first
                n += 1
                target = self.backup_dir / f"{self.path.stem}-{stamp}-{n}{suffix}.json"
                continue
            except OSError:  # no hard links on this file system
                shutil.copy2(self.path, target)
            break
        self._last_backup = now
        beschermd = voor_schade(self.path, self.backups())
        for old in self.backups()[self.backup_keep :]:
            if old in beschermd:
                continue
            with contextlib.suppress(OSError):
                old.unlink()

    def _write_file(self) -> None:
        if not self._dirty:
            return
        if self._zonder_slot:  # never write without the lock (and where it cannot be made, nothing can be)
            raise StoreError(
                f"Bewaren in {self.path} lukte niet: {self._zonder_slot}. Het bestand is niet veranderd; wat je net "
                "deed, is niet bewaard."
            )
        payload = orjson.dumps(self._data)
        with contextlib.suppress(FileNotFoundError):
            if not os.stat(self.path).st_mode & stat.S_IWUSR:  # the user made it read-only: respect that
                raise StoreError(
                    f"{self.path} is alleen-lezen. Er is niets bewaard. Maak het bestand weer schrijfbaar, of kies "
                    "een ander gegevensbestand (SCHOUDERS_DB of --db)."
                )
        try:
            self._backup()
            atomic_write_bytes(self.path, payload)
        except OSError as exc:
            raise StoreError(_schrijffout(self.path, exc)) from None
        self._dirty = False
        self._sig = self._stat_sig()
        self._revision += 1
        self.writes += 1

    # ---- transactions ----------------------------------------------------------------------------

    def _in_transaction(self) -> bool:
        return self._depth > 0 and self._owner_thread == threading.get_ident()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """Group changes into one file write. Nested use joins the outer transaction."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._acquire_flock()
                slot = not self._zonder_slot
                try:
                    self._refresh()
                except BaseException:
                    if slot:
                        self._flock.release()
                    raise
                self._owner_thread = threading.get_ident()
                # no file to go back to (gone, and writing it back failed): keep a copy to drop changes to
                voor = orjson.dumps(self._data) if self._sig is None else None
            self._depth += 1
            try:
                yield self._db
                if outer:
                    self._write_file()
            except BaseException:
                if outer:  # drop half-made changes: back to what is on disk
                    self._dirty = False
                    self._sig = None
                    with contextlib.suppress(StoreError):
                        self._load_from_disk()
                    if voor is not None and self._stat_sig() is None:
                        self._data = orjson.loads(voor)
                raise
            finally:
                self._depth -= 1
                if outer:
                    self._owner_thread = None
                    if slot:
                        self._flock.release()

    # ---- reading -----------------------------------------------------------------------------------

    @property
    def revision(self) -> int:
        return self._revision

    def snapshot(self) -> Snapshot:
        """All data as model objects, re-read only when the file changed. One call per page rerun."""
        with self._lock:
            if self._depth == 0:
                self._refresh()
            if self._snapshot is not None and self._snapshot.revision == self._revision:
                return self._snapshot
            tables: dict[str, tuple[Entity, ...]] = {}
            for cls in ENTITIES:
                objs: list[Entity] = []
                for doc_id, doc in self._data.get(cls.kind, {}).items():
                    try:
                        objs.append(cls.from_dict(doc))
                    except (ValueError, TypeError) as exc:
                        # One bad record (edited by hand, or from a newer version) must not stop the app;
                        # it stays in the file and check() lists it.
                        if (cls.kind, doc_id) not in self._overgeslagen:
                            self._overgeslagen.add((cls.kind, doc_id))
                            self.meldingen.append(f"Een {cls.kind} in het gegevensbestand is overgeslagen: {exc}")
                tables[cls.kind] = tuple(objs)
            self._snapshot = Snapshot(self._revision, tables)
            return self._snapshot

    def raw(self) -> dict[str, Any]:
        """A deep copy of the stored data (for backups and checks)."""
        with self._lock:
            if self._depth == 0:
                self._refresh()
            return orjson.loads(orjson.dumps(self._data))

    # ---- writing -----------------------------------------------------------------------------------

    def add(self, obj: Entity) -> Entity:
        self.add_many([obj])
        return obj

    def add_many(self, objs: Iterable[Entity]) -> int:
        """Insert new objects in one write; returns how many."""
        objs = list(objs)
        with self.transaction() as db:
            by_kind: dict[str, list[dict[str, Any]]] = {}
            for o in objs:
                by_kind.setdefault(o.kind, []).append(o.to_dict())
            for kind, docs in by_kind.items():
                db.table(kind).insert_multiple(docs)
        return len(objs)

    def save(self, obj: Entity) -> Entity:
        """Insert or replace the object with the same id."""
        self.save_many([obj])
        return obj

    def save_many(self, objs: Iterable[Entity]) -> None:
        with self.transaction() as db:
            for o in objs:
                table = db.table(o.kind)
                doc = o.to_dict()
                if not table.update(_replace_doc(doc), Query().id == o.id):  # type: ignore[arg-type]
                    table.insert(doc)

    def update(self, kind: str, item_id: str, **changes: Any) -> Entity:
        """Change fields of one object, validated by the model; raises ValueError in Dutch."""
        cls = ENTITY_BY_KIND[kind]
        with self.transaction() as db:
            table = db.table(kind)
            doc = table.get(Query().id == item_id)
            if doc is None:
                raise ValueError("Dit item bestaat niet meer; misschien is het net verwijderd.")
            obj = cls.from_dict(dict(doc)).met(**changes)
            table.update(_replace_doc(obj.to_dict()), Query().id == item_id)  # type: ignore[arg-type]
            return obj

    def delete(self, kind: str, ids: Iterable[str]) -> int:
        ENTITY_BY_KIND[kind]  # an unknown kind is a programming error; TinyDB would create that table
        ids = set(ids)
        if not ids:
            return 0
        with self.transaction() as db:
            return len(db.table(kind).remove(Query().id.one_of(list(ids))))

    def delete_traject(self, traject_id: str) -> None:
        """Delete a traject and everything that belongs to it, in one write."""
        with self.transaction() as db:
            for cls in ENTITIES:
                if cls.kind == "traject":
                    db.table(cls.kind).remove(Query().id == traject_id)
                else:
                    db.table(cls.kind).remove(Query().traject_id == traject_id)

    # ---- backups ---------------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.exists():
            return []
        return sorted(self.backup_dir.glob(f"{self.path.stem}-*.json"), reverse=True)

    def restore(self, backup: Path | str) -> None:
        """Make a backup the current data. The current file is kept as a backup first."""
        backup = Path(backup)
        try:
            data = orjson.loads(backup.read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise StoreError(f"De reservekopie {backup.name} is niet leesbaar: {reden(exc)}.") from exc
        reason = check_shape(data)
        if reason:
            raise StoreError(f"De reservekopie {backup.name} is niet bruikbaar: {reason}.")
        if schema_of(data) > SCHEMA_VERSION:
            raise StoreError(f"De reservekopie {backup.name} komt uit een nieuwere versie van Schouders.")
        with self.transaction():
            self._backup(label="voor-terugzetten", force=True)
            # Fresh TinyDB tables: the old ones remember the next doc id of the old data, and the next
            # insert would silently overwrite a restored record with that id.
            self._db = TinyDB(storage=lambda: _MemoryStorage(self))
            while schema_of(data) < SCHEMA_VERSION:
                v = schema_of(data)
                data = MIGRATIONS[v](data)
                for d in data[META].values():
                    if d.get("app") == APP:
                        d["schema"] = v + 1
            self._data = data
            self._dirty = True
        self._problemen.clear()  # the damaged file, if any, has been replaced by a sound backup

    def check(self) -> list[str]:
        """Problems in the stored data, in Dutch; empty when sound."""
        problems: list[str] = list(self._problemen)
        data = self.raw()
        reason = check_shape(data)
        if reason:
            return problems + [reason]
        ids: set[str] = set()
        for kind, table in data.items():
            if kind not in ENTITY_BY_KIND:  # _meta, or a table of a newer version
                continue
            cls = ENTITY_BY_KIND[kind]
            for doc_id, doc in table.items():
                try:
                    obj = cls.from_dict(doc)
                except (ValueError, TypeError) as exc:
                    problems.append(f"{kind} {doc_id}: {exc}")
                    continue
                if obj.id in ids:  # type: ignore[attr-defined]
                    problems.append(f"{kind} {doc_id}: id {obj.id} komt dubbel voor")  # type: ignore[attr-defined]
                ids.add(obj.id)  # type: ignore[attr-defined]
        trajecten = {d.get("id") for d in data.get("traject", {}).values()}
        for kind, table in data.items():
            if kind not in ENTITY_BY_KIND or kind == "traject":
                continue
            for doc_id, doc in table.items():
                if doc.get("traject_id") not in trajecten:
                    problems.append(f"{kind} {doc_id}: hoort bij een traject dat niet bestaat")
        return problems


def snapshot_van(data: dict[str, Any]) -> Snapshot:
    """A Snapshot of parsed store data without a Store (no lock, no create, no move, no migration on disk):
    what a dry run (`import --droog`) compares with must be exactly what the real import will see."""
    if schema_of(data) < SCHEMA_VERSION:
        data = orjson.loads(orjson.dumps(data))
        for v in range(schema_of(data), SCHEMA_VERSION):
            data = MIGRATIONS[v](data)
    tables: dict[str, tuple[Entity, ...]] = {}
    for cls in ENTITIES:
        objs: list[Entity] = []
        for doc in data.get(cls.kind, {}).values():
            with contextlib.suppress(ValueError, TypeError):  # skipped as Store.snapshot skips it
                objs.append(cls.from_dict(doc))
        tables[cls.kind] = tuple(objs)
    return Snapshot(0, tables)


def voor_schade(path: Path, backups: list[Path]) -> set[Path]:
    """The newest backup from before each time the file was found damaged (`<naam>.beschadigd-<tijd>`): the
    last good data. Rolling backups never delete these – after a damaged file was set aside the app goes on
    with an empty store, and 30 backups of that later the good ones would otherwise be gone."""
    stamps = sorted(p.name.rsplit(".beschadigd-", 1)[1] for p in path.parent.glob(f"{path.name}.beschadigd-*"))
    if not stamps:
        return set()
    prefix = f"{path.stem}-"
    oudste_eerst = sorted(backups, key=lambda b: b.name)
    uit: set[Path] = set()
    for stamp in stamps:
        eerder = [b for b in oudste_eerst if b.name[len(prefix) : len(prefix) + len(stamp)] < stamp]
        if eerder:
            uit.add(eerder[-1])
    return uit


# ---- herstel: the explicit repair and restore of the command line ---------------------------------------
# These work on the file itself, not through a Store: opening a Store on a damaged file moves it aside and
# starts empty, and `herstel` must first copy, then decide, then write once.


def backup_map(path: Path) -> Path:
    """Where a Store keeps the rolling backups of `path`."""
    return path.parent / f"{path.stem}-backups"


def backups_van(path: Path) -> list[Path]:
    """The backups of `path`, newest first (as `Store.backups`), without opening the store."""
    folder = backup_map(path)
    return sorted(folder.glob(f"{path.stem}-*.json"), reverse=True) if folder.exists() else []


@contextlib.contextmanager
def bestandsslot(path: Path, timeout: float = 30) -> Iterator[None]:
    """The same cross-process lock a Store takes: the app and the command line wait for each other."""
    lock = FileLock(str(path) + ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(
            f"Het gegevensbestand {path.name} is al {timeout:.0f} seconden bezet door een ander programma. "
            "Probeer het zo nog eens."
        ) from None
    try:
        yield
    finally:
        lock.release()


def kopie_opzij(path: Path, *, beschadigd: bool) -> Path:
    """Copy (never move) the current file aside before it is changed, and fsync the copy: a damaged file goes
    next to it as `<naam>.beschadigd-<tijd>` (where the app puts one too, and `check` names it), a readable
    one into the backups folder as `…-voor-herstel.json`, where the app's restore list shows it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    if beschadigd:
        target = path.with_name(f"{path.name}.beschadigd-{stamp}")
    else:
        folder = backup_map(path)
        if not folder.exists():
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            with contextlib.suppress(OSError):
                os.chmod(folder, DIR_MODE)
        target = folder / f"{path.stem}-{stamp}-voor-herstel.json"
    shutil.copy2(path, target)  # keeps the permission bits (0600)
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())
    _fsync_dir(target.parent)
    return target


def naar_huidig_schema(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of store data migrated to SCHEMA_VERSION (the caller checked it is not newer)."""
    data = orjson.loads(orjson.dumps(data))
    while schema_of(data) < SCHEMA_VERSION:
        v = schema_of(data)
        data = MIGRATIONS[v](data)
        for d in data[META].values():
            if d.get("app") == APP:
                d["schema"] = v + 1
    return data


def schrijf_data(path: Path, data: dict[str, Any]) -> None:
    """Write whole store data atomically (caller holds `bestandsslot`); a refused write is a StoreError in Dutch
    and leaves the file as it was. A running app sees the new file on its next read."""
    with contextlib.suppress(FileNotFoundError):
        if not os.stat(path).st_mode & stat.S_IWUSR:
            raise StoreError(f"{path} is alleen-lezen. Er is niets veranderd. Maak het bestand weer schrijfbaar.")
    try:
        atomic_write_bytes(path, orjson.dumps(data))
    except OSError as exc:
        raise StoreError(_schrijffout(path, exc)) from None


def _replace_doc(new: dict[str, Any]) -> Any:
    def transform(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform


_stores: dict[Path, Store] = {}
_stores_lock = threading.Lock()


def open_store(path: Path | str | None = None) -> Store:
    """The one Store for this file in this process."""
    p = Path(path).expanduser().resolve() if path else default_path()
    with _stores_lock:
        store = _stores.get(p)
        if store is None:
            store = _stores[p] = Store(p)
        return store
