"""Full backup of one traject, or of everything, as one JSON file – and restoring it.

Restoring never overwrites: a traject whose name (or any id) is already in the store comes back as a new
traject with a free name ("Naam (2)"), new ids and every reference remapped (trajecten.kopieer). Otherwise
it comes back exactly as it was, ids included. The store's own files (data/schouders.json and its
automatic backups) are accepted too.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import orjson

from schouders.importers.voorbeeld import Probleem
from schouders.model import ENTITIES, ENTITY_BY_KIND, Entity, Traject, now_iso

SOORT = "reservekopie"
MAX_BYTES = 50_000_000
_KIND_ORDE = [cls.kind for cls in ENTITIES]


def maak(snap: Any, traject_id: str | None = None) -> dict[str, Any]:
    """The backup of one traject (or all trajecten when None) as a plain dict."""
    from schouders.store import APP, SCHEMA_VERSION

    if traject_id is not None and snap.get("traject", traject_id) is None:
        raise ValueError("Dit traject bestaat niet (meer).")
    trajecten = [t for t in snap.all("traject") if traject_id is None or t.id == traject_id]
    ids = {t.id for t in trajecten}
    data: dict[str, list[dict[str, Any]]] = {}
    for cls in ENTITIES:
        if cls.kind == "traject":
            docs = [t.to_dict() for t in trajecten]
        else:
            docs = [o.to_dict() for o in snap.all(cls.kind) if o.traject_id in ids]  # type: ignore[attr-defined]
        if docs:
            data[cls.kind] = docs
    return {
        "app": APP,
        "soort": SOORT,
        "schema": SCHEMA_VERSION,
        "gemaakt": now_iso(),
        "trajecten": [t.naam for t in trajecten],
        "data": data,
    }


def maak_bytes(snap: Any, traject_id: str | None = None) -> bytes:
    """The backup as UTF-8 JSON, indented so that a person can read it."""
    return json.dumps(maak(snap, traject_id), ensure_ascii=False, indent=1).encode("utf-8")


@dataclass
class BackupVoorbeeld:
    """A read backup: its trajecten and all their objects, validated; nothing restored yet."""

    bestand: str
    trajecten: list[Traject]
    objecten: dict[str, list[Entity]]  # traject id -> its objects (traject first)
    problemen: list[Probleem] = field(default_factory=list)
    gemaakt: str = ""
    bron: str = "backup"

    def tellingen(self, traject_id: str) -> Counter[str]:
        return Counter(o.kind for o in self.objecten[traject_id])

    def plan(self, snap: Any, naam: str | None = None) -> list[tuple[Traject, str, bool]]:
        """Per traject: (traject, the name it gets, restored as a copy with new ids?)."""
        from schouders.trajecten import vrije_naam

        bestaande_ids = {o.id for kind in snap.tables for o in snap.all(kind)}  # type: ignore[attr-defined]
        gekozen: list[str] = []
        out = []
        for t in self.trajecten:
            gewenst = (naam or t.naam).strip() if len(self.trajecten) == 1 else t.naam
            botst_id = any(o.id in bestaande_ids for o in self.objecten[t.id])  # type: ignore[attr-defined]
            vrij = _vrij(snap, gewenst, gekozen, vrije_naam)
            gekozen.append(vrij.casefold())
            out.append((t, vrij, botst_id or vrij != gewenst))
        return out

    def samenvatting(self) -> str:
        delen = []
        for t in self.trajecten:
            c = self.tellingen(t.id)
            delen.append(f"'{t.naam}' ({c['knelpunt']} knelpunten, {c['actie']} acties, {sum(c.values())} items)")
        n = len(self.trajecten)
        return f"{self.bestand}: reservekopie met {n} traject{'en' if n != 1 else ''}: " + "; ".join(delen) + "."

    def tabel(self, snap: Any, naam: str | None = None) -> list[dict[str, Any]]:
        rows = []
        for t, nieuwe_naam, kopie in self.plan(snap, naam):
            c = self.tellingen(t.id)
            rows.append(
                {
                    "Traject in de reservekopie": t.naam,
                    "Wordt teruggezet als": nieuwe_naam,
                    "Hoe": "als nieuw traject (naam of gegevens bestaan al)" if kopie else "precies zoals het was",
                    "Knelpunten": c["knelpunt"],
                    "Acties": c["actie"],
                    "Items": sum(c.values()),
                }
            )
        return rows

    def objecten_voor(self, snap: Any, naam: str | None = None) -> list[Entity]:
        """All objects to add; copies get new ids. Nothing is written."""
        import dataclasses

        from schouders.store import Snapshot
        from schouders.trajecten import kopieer

        out: list[Entity] = []
        for t, nieuwe_naam, kopie in self.plan(snap, naam):
            objs = self.objecten[t.id]
            if kopie:
                bron = Snapshot(0, _tabellen(objs))
                objs = kopieer(bron, t.id, nieuwe_naam)
                objs[0] = dataclasses.replace(objs[0], gearchiveerd=t.gearchiveerd)  # type: ignore[call-arg]
            elif nieuwe_naam != t.naam:
                objs = [dataclasses.replace(objs[0], naam=nieuwe_naam), *objs[1:]]  # type: ignore[call-arg]
            out += objs
        return out

    def opslaan(self, store: Any, naam: str | None = None) -> list[tuple[str, str]]:
        """Restore in one write. Returns (name in the backup, name in the store) per traject."""
        snap = store.snapshot()
        plan = self.plan(snap, naam)
        store.add_many(self.objecten_voor(snap, naam))
        return [(t.naam, nieuwe_naam) for t, nieuwe_naam, _ in plan]

    def bericht(self, resultaat: list[tuple[str, str]]) -> str:
        delen = []
        for oud, nieuw in resultaat:
            delen.append(f"'{nieuw}'" if oud == nieuw else f"'{oud}' als '{nieuw}'")
        return "Teruggezet: " + ", ".join(delen) + "."


def _vrij(snap: Any, gewenst: str, gekozen: list[str], vrije_naam: Any) -> str:
    kandidaat = vrije_naam(snap, gewenst)
    i = 2
    while kandidaat.casefold() in gekozen:
        kandidaat = vrije_naam(snap, f"{gewenst} ({i})")
        i += 1
    return kandidaat


def _tabellen(objs: list[Entity]) -> dict[str, tuple[Entity, ...]]:
    tables: dict[str, list[Entity]] = {}
    for o in objs:
        tables.setdefault(o.kind, []).append(o)
    return {k: tuple(v) for k, v in tables.items()}


def is_backup(data: Any) -> bool:
    """A JSON value that is one of our backups or a store file (as opposed to e.g. a Trello board)."""
    from schouders.store import APP, META

    if not isinstance(data, dict):
        return False
    if data.get("app") == APP:
        return True
    meta = data.get(META)
    return isinstance(meta, dict) and any(isinstance(d, dict) and d.get("app") == APP for d in meta.values())


def json_laden(raw: bytes, naam: str) -> Any:
    """Parse JSON with a Dutch message that says where it broke."""
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{naam} is te groot ({len(raw) // 1_000_000} MB; maximaal {MAX_BYTES // 1_000_000} MB).")
    if not raw.strip():
        raise ValueError(f"{naam} is leeg.")
    if b"\x00" in raw[:8192]:
        raise ValueError(f"{naam} is geen JSON-bestand: het bevat binaire gegevens.")
    try:
        return orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        kapot = "end of data" in exc.msg or "EOF" in exc.msg  # the file stops in the middle
        waar = f"regel {exc.lineno}, teken {exc.colno}"
        if kapot:
            raise ValueError(f"{naam} is onvolledig: het JSON-bestand houdt halverwege op ({waar}).") from None
        raise ValueError(f"{naam} is geen geldig JSON-bestand: fout op {waar}.") from None


def _tabellen_uit(data: dict[str, Any], naam: str) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """kind -> docs and the schema version, from a backup or from a store file."""
    from schouders.store import APP, META, check_shape, schema_of

    if data.get("app") == APP:
        if data.get("soort") != SOORT or not isinstance(data.get("data"), dict):
            raise ValueError(f"{naam} is wel van Schouders, maar geen reservekopie (onderdeel 'data' ontbreekt).")
        tabellen = data["data"]
        for kind, docs in tabellen.items():
            if kind not in ENTITY_BY_KIND:
                raise ValueError(f"{naam}: onbekend onderdeel '{kind}'.")
            if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
                raise ValueError(f"{naam}: onderdeel '{kind}' heeft een onbekende vorm.")
        schema = data.get("schema", 1)
        if not isinstance(schema, int):
            raise ValueError(f"{naam}: het versienummer '{schema}' is ongeldig.")
        return tabellen, schema
    reden = check_shape(data)
    if reden:
        raise ValueError(f"{naam} is geen reservekopie van Schouders: {reden}.")
    tabellen = {k: list(v.values()) for k, v in data.items() if k != META}
    return tabellen, schema_of(data)


def lees(raw: bytes, naam: str = "het bestand") -> BackupVoorbeeld:
    """Read and validate a backup. Raises one Dutch ValueError when it cannot be restored."""
    data = json_laden(raw, naam)
    return lees_data(data, naam)


def lees_data(data: Any, naam: str) -> BackupVoorbeeld:
    from schouders.store import MIGRATIONS, SCHEMA_VERSION

    if not is_backup(data):
        raise ValueError(f"{naam} is geen reservekopie van Schouders (het kenmerk 'app: schouders' ontbreekt).")
    tabellen, schema = _tabellen_uit(data, naam)
    if schema > SCHEMA_VERSION:
        raise ValueError(
            f"{naam} komt uit een nieuwere versie van Schouders (versie {schema}; deze kent {SCHEMA_VERSION}). "
            "Werk Schouders eerst bij."
        )
    if schema < SCHEMA_VERSION:  # the store's migrations work on {kind: {key: doc}}
        vorm = {k: {str(i): dict(d) for i, d in enumerate(docs)} for k, docs in tabellen.items()}
        while schema < SCHEMA_VERSION:
            vorm = MIGRATIONS[schema](vorm)
            schema += 1
        tabellen = {k: list(v.values()) for k, v in vorm.items()}
    objecten: dict[str, list[Entity]] = {}
    trajecten: list[Traject] = []
    for i, doc in enumerate(tabellen.get("traject", []), start=1):
        t = _object("traject", doc, i, naam)
        trajecten.append(t)  # type: ignore[arg-type]
        objecten[t.id] = [t]  # type: ignore[attr-defined]
    if not trajecten:
        raise ValueError(f"{naam} bevat geen traject.")
    problemen: list[Probleem] = []
    ids: set[str] = {t.id for t in trajecten}
    for kind in _KIND_ORDE:
        if kind == "traject":
            continue
        for i, doc in enumerate(tabellen.get(kind, []), start=1):
            obj = _object(kind, doc, i, naam)
            if obj.id in ids:  # type: ignore[attr-defined]
                raise ValueError(f"{naam}: {kind} nummer {i} heeft een id dat al eerder voorkomt ({obj.id}).")  # type: ignore[attr-defined]
            ids.add(obj.id)  # type: ignore[attr-defined]
            tid = obj.traject_id  # type: ignore[attr-defined]
            if tid not in objecten:
                problemen.append(Probleem(f"{kind} nummer {i} hoort bij geen traject in dit bestand; overgeslagen."))
                continue
            objecten[tid].append(obj)
    gemaakt = data.get("gemaakt", "") if isinstance(data.get("gemaakt"), str) else ""
    return BackupVoorbeeld(naam, trajecten, objecten, problemen, gemaakt)


def _object(kind: str, doc: Any, nummer: int, naam: str) -> Entity:
    cls = ENTITY_BY_KIND[kind]
    if not isinstance(doc, dict):
        raise ValueError(f"{naam}: {kind} nummer {nummer} heeft een onbekende vorm.")
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ValueError(f"{naam}: {kind} nummer {nummer} heeft geen id.")
    if kind != "traject" and not isinstance(doc.get("traject_id"), str):
        raise ValueError(f"{naam}: {kind} nummer {nummer} hoort bij geen traject.")
    try:
        return cls.from_dict(doc)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{naam}: {kind} nummer {nummer} is ongeldig: {exc}") from None
