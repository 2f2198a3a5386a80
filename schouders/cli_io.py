"""The command line's import and export: `python -m schouders import FILE …` and `… export …`.

Kept out of __main__ so that the command line starts fast: only the standard library is imported here at
start; pandas, plotly, openpyxl and python-docx load when a command needs them.

Exit codes: 0 done; 1 the input or the request cannot be used (one Dutch message on stderr, the store
file untouched); 2 a file cannot be read or written.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

FORMATEN = ("docx", "html", "md", "xlsx", "csv", "json", "trello")
EXTENSIE = {
    "docx": ".docx",
    "html": ".html",
    "md": ".md",
    "xlsx": ".xlsx",
    "csv": ".csv",
    "json": ".json",
    "trello": ".trello.json",
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
    parser.set_defaults(func=cmd_import)


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
    print(vb.samenvatting())
    for p in vb.problemen:
        _fout(f"Let op – {p}")
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

        traject = _traject(store.snapshot(), naam) or Traject(naam=naam, werkvorm=args.werkvorm)
        print(vb.opslaan(store, traject).bericht)
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
    s.add_argument("-o", "--output", help="bestand om naar te schrijven; '-' voor de standaarduitvoer")
    s.add_argument("--deelnemer", help="leernetwerk: het actieplan van deze deelnemer (naam)")
    s.add_argument("--bijeenkomst", type=int, help="het verslag van bijeenkomst nummer N in plaats van het actieplan")
    s.add_argument("--tabel", choices=TABELLEN, default="knelpunten", help="bij csv: welke tabel")
    s.add_argument("--zonder-grafieken", action="store_true", help="docx/html: grafieken als tabel (sneller)")
    s.set_defaults(func=cmd_export)


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
    store = _store(args)
    snap = store.snapshot()
    traject = None
    if args.traject:
        traject = _traject(snap, args.traject)
        if traject is None:
            namen = ", ".join(f"'{t.naam}'" for t in snap.trajecten(archief=True)) or "geen"
            _fout(f"Geen traject met de naam '{args.traject}'. Wel aanwezig: {namen}.")
            return 1
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
    return 0
