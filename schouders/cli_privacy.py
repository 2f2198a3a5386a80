"""`python -m schouders privacy`: which texts hold personal data – in a traject, or in a file before you send it.

For the procesbegeleider's own check (an actieplan for the wethouder, a CSV for a colleague) and for our own
measurements (`--json`). It only reads. Exit code 0: nothing found; 1: personal data found; 2: could not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from schouders import privacy
from schouders.importers.bestand import MAX_BYTES


def _teksten_uit_bestand(pad: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every text in a .docx, .xlsx or plain text file (one text per line)."""
    suffix = pad.suffix.lower()
    if suffix == ".docx":
        import docx

        doc = docx.Document(str(pad))
        for i, p in enumerate(doc.paragraphs, 1):
            if p.text.strip():
                yield f"alinea {i}", p.text
        for t, tabel in enumerate(doc.tables, 1):
            for r, rij in enumerate(tabel.rows, 1):
                for c, cel in enumerate(rij.cells, 1):
                    if cel.text.strip():
                        yield f"tabel {t}, rij {r}, kolom {c}", cel.text
        for s, sectie in enumerate(doc.sections, 1):
            for p in list(sectie.header.paragraphs) + list(sectie.footer.paragraphs):
                if p.text.strip():
                    yield f"kop- of voettekst {s}", p.text
        return
    if suffix == ".xlsx":
        from schouders.importers import tabel

        for blad, cel, tekst in tabel.werkmap_teksten(pad.read_bytes(), pad.name):  # the import's own bounds
            yield f"blad {blad}, cel {cel}", tekst
        return
    ruw = pad.read_bytes()
    if ruw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        tekst = ruw.decode("utf-16")
    else:
        try:
            tekst = ruw.decode("utf-8-sig")
        except UnicodeDecodeError:
            tekst = ruw.decode("cp1252", errors="replace")
    for i, regel in enumerate(tekst.splitlines(), 1):
        if regel.strip():
            yield f"regel {i}", regel


def cmd_privacy(args: argparse.Namespace) -> int:
    privacy.DETECTOR.laad(wacht=True)
    if privacy.DETECTOR.status != "klaar":
        print(
            f"Let op: namen zonder aanhef worden niet gevonden ({privacy.DETECTOR.fout}); de rest wel.",
            file=sys.stderr,
        )
    if args.bestand:
        pad = Path(args.bestand).expanduser()
        if not pad.is_file():
            print(f"Bestand niet gevonden: {pad}", file=sys.stderr)
            return 2
        if pad.stat().st_size > MAX_BYTES:
            print(
                f"{pad.name} is te groot ({pad.stat().st_size // 1_000_000} MB; maximaal {MAX_BYTES // 1_000_000} MB).",
                file=sys.stderr,
            )
            return 2
        try:
            bron = list(_teksten_uit_bestand(pad))
        except ValueError as exc:  # the workbook bounds, in Dutch already
            print(str(exc), file=sys.stderr)
            return 2
        except Exception as exc:  # a damaged docx: say so in Dutch, never a traceback
            print(f"Kan {pad.name} niet lezen: {type(exc).__name__}.", file=sys.stderr)
            return 2
        privacy.vooraf([tekst for _, tekst in bron])
        gevonden = [(plek, tekst, vs) for plek, tekst in bron if (vs := privacy.vind(tekst))]
    else:
        from schouders import cli_io
        from schouders.store import default_path

        db = Path(args.db).expanduser().resolve() if args.db else default_path()
        try:  # only reads: a damaged or missing store is said, never set aside or created
            cli_io.lees_alleen(db)
        except cli_io.Beschadigd as exc:
            print(f"Niet gecontroleerd: {exc}", file=sys.stderr)
            return 2
        store = cli_io._store(args)
        snap = store.snapshot()
        traject = cli_io._traject(snap, args.traject)
        if traject is None:
            print(f"Geen traject met de naam '{args.traject}'.", file=sys.stderr)
            return 2
        bron = privacy.alle_teksten(snap, traject.id)
        gevonden = [(f"{g.soort} {g.id} ({g.veld})", g.tekst, g.vondsten) for g in privacy.in_traject(snap, traject.id)]
    if args.json:
        uit = {
            "teksten": len(bron),
            "met_persoonsgegevens": len(gevonden),
            "namen_herkend": privacy.DETECTOR.status == "klaar",
            "vondsten": [
                {
                    "plek": plek,
                    "tekst": tekst,
                    "gevonden": [{"soort": v.soort, "start": v.start, "eind": v.eind, "tekst": v.tekst} for v in vs],
                }
                for plek, tekst, vs in gevonden
            ],
        }
        print(json.dumps(uit, ensure_ascii=False, indent=2))
    else:
        for plek, tekst, vs in gevonden:
            print(f"{plek}: {privacy.samenvatting(vs)}")
            print(f"    {tekst}")
            print(
                "    " + "; ".join(f"{privacy.SOORTEN[v.soort]} '{v.tekst}' (teken {v.start + 1}–{v.eind})" for v in vs)
            )
        print(f"{len(gevonden)} van {len(bron)} teksten bevatten persoonsgegevens.")
    return 1 if gevonden else 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "privacy",
        help="toon welke teksten persoonsgegevens bevatten (traject of bestand)",
        description=(
            "Zoekt namen, adressen, postcodes, telefoonnummers, e-mailadressen, BSN's, rekeningnummers en "
            "geboortedata. Alleen lezen. Foutcode 1 als er iets gevonden is."
        ),
    )
    bron = s.add_mutually_exclusive_group(required=True)
    bron.add_argument("--traject", help="naam van het traject")
    bron.add_argument("bestand", nargs="?", metavar="BESTAND", help="een .docx, .xlsx of tekstbestand (.csv, .md …)")
    s.add_argument("--json", action="store_true", help="alles als JSON, met de plaats van elk gevonden stuk")
    s.set_defaults(func=cmd_privacy)
