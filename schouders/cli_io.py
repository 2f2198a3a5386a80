"""The command line's import, export and read-only check: `python -m schouders import FILE …`, `… export …`
and the checks behind `check` and `list` (`lees_alleen`, `controleer`), which never go through the store's
normal open: that open moves a damaged file aside and creates a missing one, and a check must only read.

Kept out of __main__ so that the command line starts fast: only the standard library is imported here at
start; pandas, plotly, openpyxl and python-docx load when a command needs them.

Exit codes: 0 done; 1 the input or the request cannot be used (one Dutch message on stderr, the store
file untouched); 2 a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

FORMATEN = ("docx", "html", "md", "xlsx", "csv", "json", "trello", "praatplaat", "praatplaat-png")
EXTENSIE = {
    "docx": ".docx",
    "html": ".html",
    "md": ".md",
    "xlsx": ".xlsx",
    "csv": ".csv",
    "json": ".json",
    "trello": ".trello.json",
    "praatplaat": ".pdf",
    "praatplaat-png": ".png",
}
SOORTEN = ("knelpunt", "succes", "verbeter")
TABELLEN = ("knelpunten", "richtingen", "acties")


def _fout(tekst: str) -> None:
    print(tekst, file=sys.stderr)


def _store(args: argparse.Namespace) -> Any:
    from schouders.store import open_store

    store = open_store(args.db)
    for melding in store.meldingen:  # a damaged file set aside or migrated on open: say so, as __main__ does
        print(melding, file=sys.stderr)
    return store


def _traject(snap: Any, naam: str) -> Any | None:
    key = naam.strip().casefold()
    return next((t for t in snap.all("traject") if t.naam.casefold() == key), None)


# ---- read-only check ------------------------------------------------------------------------------

# Where each link field points: the kinds its value may name. bron_id says where a record came from; the
# source may be removed on purpose, so a missing source is a note, not a fault.
LINKS: dict[str, tuple[str, ...]] = {
    "groep_id": ("groep",),
    "deelnemer_id": ("deelnemer",),
    "eigenaar_id": ("deelnemer",),
    "parent_id": ("vraagstuk",),
    "vraagstuk_id": ("vraagstuk",),
    "bijeenkomst_id": ("bijeenkomst",),
    "ronde_id": ("bijeenkomst",),
    "knelpunt_id": ("knelpunt",),
    "knelpunt_ids": ("knelpunt",),
    "nieuwe_knelpunt_ids": ("knelpunt",),
    "meedoen_id": ("ronde",),
    "richting_id": ("richting",),
    "actie_id": ("actie",),
    "vervolg_op": ("actie",),
    "bron_id": ("quickscanpunt", "knelpunt", "evaluatie"),
}
# Links the app itself may leave behind: a knelpunt deleted with "ongedaan maken" keeps its place in richtingen,
# themakeuzes and evaluaties so undo brings it back whole. Reported as a note, not an error.
ZACHTE_LINKS = ("bron_id", "knelpunt_id", "knelpunt_ids", "nieuwe_knelpunt_ids")
ZACHT_SLOT = "; verder is het in orde"
VELD_NAAM = {
    "groep_id": "de groep",
    "deelnemer_id": "de deelnemer",
    "eigenaar_id": "de eigenaar",
    "parent_id": "het bredere vraagstuk",
    "vraagstuk_id": "het vraagstuk",
    "bijeenkomst_id": "de bijeenkomst",
    "ronde_id": "de ronde (bijeenkomst)",
    "knelpunt_id": "het knelpunt",
    "knelpunt_ids": "het knelpunt",
    "nieuwe_knelpunt_ids": "het nieuwe knelpunt",
    "meedoen_id": "de Meedoen-ronde",
    "richting_id": "de oplossingsrichting",
    "actie_id": "de actie",
    "vervolg_op": "de actie waarop dit een vervolg is",
    "bron_id": "de bron",
}


class Beschadigd(Exception):
    """The store file cannot be used: the Dutch reason, nothing changed."""


def lees_alleen(path: Path) -> dict[str, Any]:
    """The store file's data, read and parsed without changing anything (no lock, no move, no create).
    Raises Beschadigd with the reason in Dutch."""
    import orjson

    from schouders.store import check_shape, reden

    if not path.exists():
        raise Beschadigd(f"Bestand bestaat niet: {path}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Beschadigd(f"Kan {path} niet lezen: {reden(exc)}.") from None
    if raw.startswith(b"\xef\xbb\xbf"):  # saved by an editor that adds a BOM: still our data, as the store says
        raw = raw[3:]
    if not raw.strip():
        raise Beschadigd(f"{path} is beschadigd: het bestand is leeg.")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Beschadigd(f"{path} is beschadigd: {reden(exc)}.") from None
    reason = check_shape(data)
    if reason:
        raise Beschadigd(f"{path} is beschadigd: {reason}.")
    return data


@dataclass
class Controle:
    """What `controleer` found: problems (exit 1), notes (exit 0) and counts of the sound records."""

    problemen: list[str] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    aantallen: dict[str, int] = field(default_factory=dict)


def controleer(data: dict[str, Any]) -> Controle:
    """Check parsed store data as the store would read it, without a store: every record through the model's
    from_dict, ids unique, every record in an existing traject, every link pointing at an existing record of
    the right kind in the same traject. Migrations run on a copy, so an older file checks as it will open."""
    import copy

    from schouders.model import ENTITY_BY_KIND
    from schouders.store import MIGRATIONS, SCHEMA_VERSION, schema_of

    uit = Controle()
    schema = schema_of(data)
    if schema > SCHEMA_VERSION:
        uit.problemen.append(
            f"het bestand is gemaakt met een nieuwere versie van Schouders (schema {schema}, deze versie kent "
            f"{SCHEMA_VERSION}); werk Schouders bij"
        )
        return uit
    if schema < SCHEMA_VERSION:
        data = copy.deepcopy(data)
        for v in range(schema, SCHEMA_VERSION):
            data = MIGRATIONS[v](data)
        uit.opmerkingen.append(
            f"Het gegevensbestand heeft versie {schema}; het wordt bijgewerkt naar versie {SCHEMA_VERSION} (met een "
            "reservekopie vooraf) zodra de app of een opdracht die schrijft het opent."
        )
    records: dict[str, dict[str, Any]] = {}  # id → sound record
    soort_van: dict[str, str] = {}
    ids: set[str] = set()
    for kind, table in data.items():
        cls = ENTITY_BY_KIND.get(kind)
        if cls is None:  # _meta, or a table of a newer version
            continue
        for doc_id, doc in table.items():
            try:
                obj = cls.from_dict(doc)
            except (ValueError, TypeError) as exc:
                uit.problemen.append(f"{kind} {doc_id}: {exc}")
                continue
            if obj.id in ids:  # type: ignore[attr-defined]
                uit.problemen.append(f"{kind} {doc_id}: id {obj.id} komt dubbel voor")  # type: ignore[attr-defined]
                continue
            ids.add(obj.id)  # type: ignore[attr-defined]
            records[obj.id] = obj.to_dict()  # type: ignore[attr-defined]
            soort_van[obj.id] = kind  # type: ignore[attr-defined]
            uit.aantallen[kind] = uit.aantallen.get(kind, 0) + 1
    trajecten = {i for i, k in soort_van.items() if k == "traject"}
    for kind, table in data.items():
        if kind not in ENTITY_BY_KIND:
            continue
        for doc_id, doc in table.items():
            if kind != "traject" and doc.get("traject_id") not in trajecten:
                uit.problemen.append(f"{kind} {doc_id}: hoort bij een traject dat niet bestaat")
                continue
            rec = records.get(doc.get("id"))  # type: ignore[arg-type]
            if rec is None or soort_van.get(rec["id"]) != kind:
                continue  # invalid or duplicate: reported above
            for veld, soorten in LINKS.items():
                waarde = rec.get(veld)
                for doel in waarde if isinstance(waarde, list) else [waarde]:
                    if not doel:
                        continue
                    melding = _link_fout(kind, doc_id, rec, veld, doel, soorten, soort_van, records)
                    if melding:
                        zacht = veld in ZACHTE_LINKS and melding.endswith(ZACHT_SLOT)  # only "gone", never "elsewhere"
                        (uit.opmerkingen if zacht else uit.problemen).append(melding)
    return uit


def _link_fout(
    kind: str,
    doc_id: str,
    rec: dict[str, Any],
    veld: str,
    doel: str,
    soorten: tuple[str, ...],
    soort_van: dict[str, str],
    records: dict[str, dict[str, Any]],
) -> str | None:
    wat = VELD_NAAM.get(veld, veld)
    label = next((str(rec[k]) for k in ("tekst", "titel", "wat", "onderwerp", "naam") if rec.get(k)), "")
    label = " ".join(label.split())
    wie = f"{kind} {doc_id}" + (f" ('{label[:40]}{'…' if len(label) > 40 else ''}')" if label else "")
    if soort_van.get(doel) not in soorten:
        if veld in ZACHTE_LINKS:
            return f"{wie}: {wat} ({doel}) bestaat niet meer{ZACHT_SLOT}"
        return f"{wie}: {wat} ({doel}) bestaat niet"
    if records[doel].get("traject_id") != rec.get("traject_id"):
        return f"{wie}: {wat} ({doel}) hoort bij een ander traject"
    return None


# ---- herstel: the explicit repair or restore ---------------------------------------------------------


def herstel_links(data: dict[str, Any]) -> list[str]:
    """Take out every link `controleer` calls a fault (to a record that does not exist, or into another
    traject), in place; one Dutch line per link taken out. Soft links (a knelpunt deleted with undo) stay, as
    the app leaves them. Invalid records, duplicate ids and records of a missing traject are left alone:
    `controleer` still names them."""
    from schouders.model import ENTITY_BY_KIND

    soort_van: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    for kind, table in data.items():
        cls = ENTITY_BY_KIND.get(kind)
        if cls is None:
            continue
        for doc in table.values():
            try:
                obj = cls.from_dict(doc)
            except (ValueError, TypeError):
                continue
            if obj.id not in soort_van:  # type: ignore[attr-defined]
                soort_van[obj.id] = kind  # type: ignore[attr-defined]
                records[obj.id] = obj.to_dict()  # type: ignore[attr-defined]
    trajecten = {i for i, k in soort_van.items() if k == "traject"}
    gedaan: list[str] = []
    for kind, table in data.items():
        if kind not in ENTITY_BY_KIND:
            continue
        for doc_id, doc in table.items():
            rec = records.get(doc.get("id"))  # type: ignore[arg-type]
            if (
                rec is None
                or soort_van.get(rec["id"]) != kind
                or (kind != "traject" and rec.get("traject_id") not in trajecten)
            ):
                continue
            for veld, soorten in LINKS.items():
                waarde = doc.get(veld)
                doelen = waarde if isinstance(waarde, list) else [waarde]
                fout = {}
                for doel in doelen:
                    if not doel:
                        continue
                    melding = _link_fout(kind, doc_id, rec, veld, doel, soorten, soort_van, records)
                    if melding and not (veld in ZACHTE_LINKS and melding.endswith(ZACHT_SLOT)):
                        fout[doel] = melding
                if not fout:
                    continue
                doc[veld] = [d for d in waarde if d not in fout] if isinstance(waarde, list) else None
                gedaan += [f"{m}: verwijzing weggehaald" for m in fout.values()]
    return gedaan


def _leesbare_backup(pad: Path) -> tuple[dict[str, Any] | None, str]:
    """(data, '') for a usable backup, (None, why not) otherwise."""
    from schouders.store import SCHEMA_VERSION, schema_of

    try:
        data = lees_alleen(pad)
    except Beschadigd as exc:
        return None, str(exc)
    if schema_of(data) > SCHEMA_VERSION:
        return None, f"{pad.name} komt uit een nieuwere versie van Schouders"
    return data, ""


def _na_schade(pad: Path) -> None:
    """A readable store after a damaged one was set aside (the app then starts empty): name the last backup
    from before the damage, with the command that puts it back."""
    from schouders.store import backups_van, voor_schade

    apart = sorted(pad.parent.glob(f"{pad.name}.beschadigd-*"))
    if not apart:
        return
    print(f"Let op: eerder apart gezet omdat het beschadigd was: {', '.join(p.name for p in apart)}.")
    goede = sorted(voor_schade(pad, backups_van(pad)), key=lambda b: b.name)
    if goede:
        print(
            "De laatste reservekopie van vóór die schade zet je zo terug (eerst komt er een kopie van wat er nu "
            f'staat): python -m schouders herstel --reservekopie "{goede[-1]}"'
        )


def cmd_herstel(args: argparse.Namespace) -> int:
    """Repair or restore the store file, explicitly and with a copy first.

    A damaged (or missing) file: the newest readable backup (or --reservekopie) is put back; the damaged file
    is copied aside first and never lost. A readable file: links to records that do not exist are taken out,
    each one said; with --reservekopie the given backup is put back. Dangling links in a restored backup are
    repaired in the same write. Exit 0: done or nothing to do; 1: nothing usable to restore, or faults that
    need a person (listed); 2: a file could not be copied or written; 3: the file is locked or newer."""
    from schouders.store import (
        SCHEMA_VERSION,
        StoreError,
        backups_van,
        bestandsslot,
        default_path,
        kopie_opzij,
        naar_huidig_schema,
        reden,
        schema_of,
        schrijf_data,
    )

    pad = Path(args.db).expanduser().resolve() if args.db else default_path()
    gekozen = Path(args.reservekopie).expanduser().resolve() if args.reservekopie else None
    if gekozen is None and not backups_van(pad):  # nothing to restore from: answer without a lock file
        if not pad.exists():
            _fout(f"Niet hersteld: {pad} bestaat niet en er zijn geen reservekopieën. Er is niets veranderd.")
            return 1
        try:
            lees_alleen(pad)
        except Beschadigd as exc:
            _fout(
                f"Niet hersteld: {exc} Er zijn geen reservekopieën in {pad.parent / (pad.stem + '-backups')}. Er is "
                "niets veranderd. Heb je er zelf een (bijvoorbeeld een export als reservekopie), geef die dan op met "
                "--reservekopie PAD."
            )
            return 1
    if not pad.parent.exists():
        _fout(f"Niet hersteld: de map {pad.parent} bestaat niet. Er is niets veranderd.")
        return 1
    with bestandsslot(pad):  # the app and other commands wait: nobody writes between the copy and the write
        huidig: dict[str, Any] | None = None
        waarom = ""
        if pad.exists():
            try:
                huidig = lees_alleen(pad)
            except Beschadigd as exc:
                waarom = str(exc)
        if huidig is not None and schema_of(huidig) > SCHEMA_VERSION:
            _fout(f"{pad} is gemaakt met een nieuwere versie van Schouders. Werk Schouders bij; er is niets veranderd.")
            return 3
        # what to write: a backup (damaged, missing or asked for) or the current data with its links repaired
        bron: Path | None = None
        if gekozen is not None:
            data, niet = _leesbare_backup(gekozen)
            if data is None:
                _fout(f"Niet hersteld: de reservekopie is niet bruikbaar: {niet}. Er is niets veranderd.")
                return 1
            bron = gekozen
        elif huidig is None:
            print(waarom or f"{pad} bestaat niet.")
            data = None
            for kandidaat in backups_van(pad):
                data, niet = _leesbare_backup(kandidaat)
                if data is not None:
                    bron = kandidaat
                    break
                print(f"Reservekopie overgeslagen: {niet}.")
            if data is None:
                map_ = pad.parent / f"{pad.stem}-backups"
                _fout(
                    f"Niet hersteld: geen leesbare reservekopie in {map_}. Er is niets veranderd. Heb je er zelf "
                    "een (bijvoorbeeld een export als reservekopie), geef die dan op met --reservekopie PAD."
                )
                return 1
        else:
            data = huidig
        nieuw = naar_huidig_schema(data)
        links = herstel_links(nieuw)
        if bron is None and not links and nieuw == huidig:
            over = controleer(nieuw).problemen
            if over:
                _fout(f"Niet automatisch te herstellen in {pad}:")
                for p in over:
                    _fout(f"- {p}")
                _fout("Er is niets veranderd. Zet eventueel een reservekopie terug met --reservekopie PAD.")
                return 1
            print(f"In orde: in {pad} is niets te herstellen. Er is niets veranderd.")
            _na_schade(pad)
            return 0
        try:
            if pad.exists():  # first the copy: whatever the file holds now is never lost
                kopie = kopie_opzij(pad, beschadigd=huidig is None)
                print(f"Eerst een kopie van het huidige bestand gemaakt: {kopie}")
            schrijf_data(pad, nieuw)
        except OSError as exc:
            _fout(f"Niet hersteld: {reden(exc)}. Er is niets veranderd.")
            return 2
        except StoreError as exc:
            _fout(f"Niet hersteld: {exc}")
            return 2
    if bron is not None:
        from datetime import datetime

        n = controleer(nieuw).aantallen
        wanneer = datetime.fromtimestamp(bron.stat().st_mtime).strftime("%d-%m-%Y %H:%M")
        print(
            f"Reservekopie teruggezet: {bron.name} van {wanneer} ({n.get('traject', 0)} trajecten, "
            f"{n.get('knelpunt', 0)} knelpunten). Wat daarna veranderde, staat er niet in."
        )
    for regel in links:
        print(f"Hersteld – {regel}.")
    if schema_of(data) < SCHEMA_VERSION:
        print(f"Bijgewerkt naar versie {SCHEMA_VERSION} van het gegevensbestand.")
    over = controleer(nieuw).problemen
    if over:
        _fout("Niet automatisch te herstellen (kijk er zelf naar, of zet een andere reservekopie terug):")
        for p in over:
            _fout(f"- {p}")
        return 1
    print(f"Klaar: {pad} is in orde.")
    return 0


# ---- import ------------------------------------------------------------------------------------------


def extend_import(parser: argparse.ArgumentParser) -> None:
    """Options of `import` beyond FILE, --traject and --werkvorm."""
    parser.add_argument(
        "--soort",
        choices=SOORTEN,
        default="knelpunt",
        help="wat de regels zijn als het bestand dat niet zelf zegt (standaard: knelpunt)",
    )
    parser.add_argument("--droog", action="store_true", help="alleen laten zien wat er zou gebeuren; niets opslaan")
    parser.add_argument(
        "--ook-dubbel",
        action="store_true",
        help="ook punten toevoegen die al in het traject staan (zelfde tekst en groep); standaard worden ze "
        "overgeslagen",
    )
    parser.set_defaults(func=cmd_import)


def niet_bruikbaar(pad: Path, wat: str) -> str | None:
    """Why a writing command (`import`, `demo`) refuses this store file, or None when it may go on.

    A damaged file is never moved aside and replaced by an empty store from the command line: that is the
    explicit `herstel` command's job, with a copy first. A missing file is fine: the command creates it."""
    if not pad.exists():
        return None
    try:
        lees_alleen(pad)
    except Beschadigd as exc:
        return (
            f"Niet {wat}: {exc} Er is niets veranderd. Herstel het bestand eerst met 'python -m schouders "
            "herstel' (dat bewaart eerst een kopie en zet dan de nieuwste leesbare reservekopie terug)."
        )
    return None


def cmd_import(args: argparse.Namespace) -> int:
    """Import a .csv/.xlsx (spreadsheet), .json (backup or Trello board) or .txt (chat, list) file."""
    from schouders.importers.bestand import lees_bestand
    from schouders.store import reden

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _fout(f"Kan {path} niet lezen: {reden(exc)}.")
        return 2
    try:
        vb = lees_bestand(raw, path.name, soort=getattr(args, "soort", "knelpunt"))
    except ValueError as exc:
        _fout(f"Niet geïmporteerd: {exc}")
        return 1
    is_backup = vb.bron == "backup"
    naam = (args.traject or "").strip()
    if not is_backup and not naam:
        _fout("Niet geïmporteerd: geef met --traject NAAM aan in welk traject het hoort.")
        return 1
    from schouders.store import default_path, snapshot_van

    pad = Path(args.db).expanduser().resolve() if args.db else default_path()
    weiger = niet_bruikbaar(pad, "geïmporteerd")
    if weiger:
        _fout(weiger)
        return 1
    # The dry run and the real import decide on the same data: the file as it is now, read without a store
    # (a dry run must not create, lock or migrate it).
    snap = snapshot_van(lees_alleen(pad)) if pad.exists() else None
    traject = _traject(snap, naam) if snap is not None and naam else None
    ook_dubbel = getattr(args, "ook_dubbel", False)
    overslaan = vb.dubbel(snap, traject.id) if traject is not None and hasattr(vb, "dubbel") and not ook_dubbel else []
    land = vb.zonder(overslaan) if overslaan else vb
    print(land.samenvatting())
    if getattr(land, "kolommen", None):  # before anything is written: which column is read as what, and where it lands
        from schouders.importers.tabel import kolommen_uitleg

        print(f"Kolommen: {kolommen_uitleg(land.kolommen)}.")
    if hasattr(land, "per_gebied") and land.per_gebied():  # knelpunten from a sheet or chat (not a backup or board)
        print("Per aandachtsgebied: " + ", ".join(f"{g} {n}" for g, n in land.per_gebied().items()) + ".")
    if hasattr(land, "per_groep") and land.groepen():
        print("Per groep: " + ", ".join(f"{g or 'zonder groep'} {n}" for g, n in land.per_groep().items()) + ".")
    if overslaan:
        from schouders.importers.voorbeeld import overgeslagen_zin

        print(overgeslagen_zin(len(overslaan)) + " Met --ook-dubbel komen ze er toch bij:")
        for regel in vb.dubbel_regels(overslaan):
            print(f"- {regel}")
    for p in vb.problemen:
        _fout(f"Let op – {p}")
    if overslaan and land.niets_te_doen():
        print(f"Niets toegevoegd: alles uit {vb.bestand} staat al in '{traject.naam}'. Er is niets veranderd.")
        return 0
    if getattr(args, "droog", False):
        print("Niets opgeslagen (--droog).")
        return 0
    store = _store(args)
    try:
        if is_backup:
            resultaat = vb.opslaan(store, naam or None)
            print(vb.bericht(resultaat))
            return 0
        from schouders.model import Traject

        doel = _traject(store.snapshot(), naam) or Traject(naam=naam, werkvorm=args.werkvorm)
        print(vb.opslaan(store, doel, ook_dubbel=ook_dubbel).bericht)
    except ValueError as exc:
        _fout(f"Niet geïmporteerd: {exc}")
        return 1
    return 0


# ---- export ------------------------------------------------------------------------------------------


def add_export(sub: Any) -> None:
    s = sub.add_parser(
        "export",
        help="maak een actieplan, verslag, spreadsheet, Trello-bord of reservekopie",
        description="Exporteer een traject. Zonder -o komt het bestand in de huidige map.",
    )
    s.add_argument("--traject", help="naam van het traject (bij --format json zonder --traject: alles)")
    s.add_argument("--format", required=True, choices=FORMATEN, help="soort bestand")
    s.add_argument(
        "-o", "--output", metavar="BESTAND", help="bestand om naar te schrijven; '-' voor de standaarduitvoer"
    )
    s.add_argument("--deelnemer", help="leernetwerk: het actieplan van deze deelnemer (naam)")
    s.add_argument("--bijeenkomst", type=int, help="het verslag van bijeenkomst nummer N in plaats van het actieplan")
    s.add_argument("--tabel", choices=TABELLEN, default="knelpunten", help="bij csv: welke tabel")
    s.add_argument("--zonder-grafieken", action="store_true", help="docx/html: grafieken als tabel (sneller)")
    s.add_argument("--met-knelpunten", action="store_true", help="praatplaat: de knelpunten als post-its op de plaat")
    pg = s.add_mutually_exclusive_group()
    pg.add_argument(
        "--zonder-persoonsgegevens",
        action="store_true",
        help="namen, adressen en nummers in teksten worden [naam], [adres] … (standaard bij trello)",
    )
    pg.add_argument("--met-persoonsgegevens", action="store_true", help="trello: teksten precies zoals ze zijn")
    s.set_defaults(func=cmd_export)


def zonder_persoonsgegevens(args: argparse.Namespace) -> bool:
    """Trello goes outside the traject (other people's boards): without personal data unless asked otherwise.
    A reservekopie (json) is always exact."""
    if args.format == "json":
        return False
    if args.zonder_persoonsgegevens:
        return True
    return args.format == "trello" and not args.met_persoonsgegevens


def _deelnemer(snap: Any, traject_id: str, naam: str) -> Any:
    key = naam.strip().casefold()
    d = next((d for d in snap.of("deelnemer", traject_id) if d.naam.casefold() == key), None)
    if d is None:
        raise ValueError(f"Geen deelnemer '{naam}' in dit traject.")
    return d


def _bijeenkomst(snap: Any, traject_id: str, nummer: int) -> Any:
    b = next((b for b in snap.of("bijeenkomst", traject_id) if b.nummer == nummer), None)
    if b is None:
        raise ValueError(f"Dit traject heeft geen bijeenkomst {nummer}.")
    return b


def maak_export(snap: Any, traject: Any | None, args: argparse.Namespace) -> tuple[bytes, str]:
    """(file contents, suggested file name) for the requested format."""
    from schouders.exporters.rapport import bestandsnaam

    fmt = args.format
    if fmt == "json":
        from schouders.importers import backup

        naam = bestandsnaam("reservekopie", traject.naam if traject else "alle-trajecten", date.today().isoformat())
        return backup.maak_bytes(snap, traject.id if traject else None), naam + EXTENSIE[fmt]
    tid = traject.id
    if fmt == "xlsx":
        from schouders.exporters import spreadsheet

        return spreadsheet.xlsx(snap, tid), bestandsnaam("actieplan", traject.naam) + EXTENSIE[fmt]
    if fmt == "csv":
        from schouders.exporters import spreadsheet

        return spreadsheet.csv_bytes(snap, tid, args.tabel), bestandsnaam(args.tabel, traject.naam) + EXTENSIE[fmt]
    if fmt.startswith("praatplaat"):
        from schouders.exporters import praatplaat

        met = bool(getattr(args, "met_knelpunten", False))
        data = (praatplaat.png if fmt.endswith("-png") else praatplaat.pdf)(snap, tid, met_knelpunten=met)
        return data, praatplaat.bestandsnaam(traject.naam, met_knelpunten=met) + EXTENSIE[fmt]
    deelnemer = _deelnemer(snap, tid, args.deelnemer) if args.deelnemer else None
    if fmt == "trello":
        from schouders.exporters import trello

        data = trello.bord_bytes(snap, tid, deelnemer_id=deelnemer.id if deelnemer else None)
        return data, bestandsnaam("trello", traject.naam, deelnemer.naam if deelnemer else "") + EXTENSIE[fmt]
    from schouders.exporters import rapport

    if args.bijeenkomst is not None:
        r = rapport.verslag(snap, _bijeenkomst(snap, tid, args.bijeenkomst).id)
    else:
        r = rapport.actieplan(snap, tid, deelnemer_id=deelnemer.id if deelnemer else None)
    grafieken = not args.zonder_grafieken
    if fmt == "docx":
        from schouders.exporters import docx

        return docx.render(r, met_afbeeldingen=grafieken), r.bestandsnaam + EXTENSIE[fmt]
    if fmt == "html":
        from schouders.exporters import html

        return html.render_bytes(r, grafieken=grafieken), r.bestandsnaam + EXTENSIE[fmt]
    from schouders.exporters import markdown

    return markdown.render_bytes(r), r.bestandsnaam + EXTENSIE[fmt]


def cmd_export(args: argparse.Namespace) -> int:
    if not args.traject and args.format != "json":
        _fout("Geef met --traject NAAM aan welk traject je wilt exporteren.")
        return 1
    from schouders.store import default_path

    pad = Path(args.db).expanduser().resolve() if args.db else default_path()
    try:  # exporting only reads: a damaged or missing store is an error, never set aside or created
        lees_alleen(pad)
    except Beschadigd as exc:
        _fout(f"Niet geëxporteerd: {exc}" + (" Er is niets veranderd." if pad.exists() else ""))
        return 1
    store = _store(args)
    snap = store.snapshot()
    from schouders import betekenis

    betekenis.taalmodel().bewaar_bij(betekenis.naast(pad))  # the themadag's themes as the Analyse page shows them
    traject = None
    if args.traject:
        traject = _traject(snap, args.traject)
        if traject is None:
            namen = ", ".join(f"'{t.naam}'" for t in snap.trajecten(archief=True)) or "geen"
            _fout(f"Geen traject met de naam '{args.traject}'. Wel aanwezig: {namen}.")
            return 1
    if args.format == "json" and args.zonder_persoonsgegevens:
        _fout(
            "Niet geëxporteerd: een reservekopie (json) blijft precies zoals de gegevens zijn. Kies een ander formaat."
        )
        return 1
    aangepast = None
    if traject is not None and zonder_persoonsgegevens(args):
        from schouders import privacy

        privacy.DETECTOR.laad(wacht=True)  # names too: deduce takes a few seconds to load
        snap, aangepast = privacy.zonder_persoonsgegevens(snap, traject.id)
    try:
        data, naam = maak_export(snap, traject, args)
    except ValueError as exc:
        _fout(f"Niet geëxporteerd: {exc}")
        return 1
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    doel = Path(args.output) if args.output else Path.cwd() / naam
    try:
        doel.write_bytes(data)
    except OSError as exc:
        _fout(f"Kan {doel} niet schrijven (systeemfout {exc.errno}). Kies een andere plek met -o.")
        return 2
    print(f"Geschreven: {doel} ({max(1, len(data) // 1024)} kB).")
    if aangepast is not None:
        print(
            f"Zonder persoonsgegevens: in {aangepast} {'tekst' if aangepast == 1 else 'teksten'} zijn namen, adressen "
            "of nummers vervangen door [naam], [adres] …"
            + (" Wil je ze er toch in: --met-persoonsgegevens." if args.format == "trello" else "")
        )
    return 0
