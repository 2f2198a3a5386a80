"""`python -m schouders themas --traject NAAM [--json]`: the recurring themes of a themadag as the Analyse page
shows them – for a facilitator who wants them in a mail or a sheet, and for our own measurements. Only reads.

The same rule as the page and the export (`themas.vectoren_voor`): on meaning when every knelpunt's vector is
already known (beside the store), else on words; `--op betekenis` reads the missing ones first (minutes for
1,000 knelpunten), `--op woorden` never uses the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cmd_themas(args: argparse.Namespace) -> int:
    from schouders import betekenis, cli_io, themas
    from schouders.store import default_path

    pad = Path(args.db).expanduser().resolve() if args.db else default_path()
    try:  # only reads: a damaged or missing store is said, never set aside or created
        cli_io.lees_alleen(pad)
    except cli_io.Beschadigd as exc:
        print(f"Niet gelezen: {exc}", file=sys.stderr)
        return 2
    snap = cli_io._store(args).snapshot()
    traject = cli_io._traject(snap, args.traject)
    if traject is None:
        namen = ", ".join(f"'{t.naam}'" for t in snap.trajecten(archief=True)) or "geen"
        print(f"Geen traject met de naam '{args.traject}'. Wel aanwezig: {namen}.", file=sys.stderr)
        return 2
    if args.op != themas.OP_WOORDEN:
        betekenis.taalmodel().bewaar_bij(betekenis.naast(pad))  # the vectors the app already read
    ind = themas.indeling_op(snap, traject.id, args.op)
    groepen = {g.id: g.naam for g in snap.of("groep", traject.id)}
    kn = {k.id: k for k in snap.of("knelpunt", traject.id)}
    lijst = ind.themas if args.alle else ind.terugkerend
    uit = [
        {
            "naam": t.naam or t.label,
            "kernwoorden": list(t.kernwoorden),
            "aantal": t.aantal,
            "groepen": [groepen.get(g, g) for g in t.groep_ids],
            "knelpunten": [
                {"id": i, "tekst": kn[i].tekst, "groep": groepen.get(kn[i].groep_id or "", "")}
                for i in t.knelpunt_ids
                if i in kn
            ],
        }
        for t in lijst
    ]
    if args.json:
        print(
            json.dumps({"traject": traject.naam, "methode": ind.methode, "themas": uit}, ensure_ascii=False, indent=2)
        )
        return 0
    n_groepen = len(groepen)
    print(f"Thema's van '{traject.naam}' (gevonden op {'betekenis' if ind.methode == 'betekenis' else 'woorden'}):")
    for nr, t in enumerate(uit, 1):
        bij = f"{len(t['groepen'])} van {n_groepen} groepen" if n_groepen else f"{t['aantal']} knelpunten"
        print(f"{nr}. {t['naam']} – {t['aantal']} knelpunten, {bij}")
        for k in t["knelpunten"]:
            print(f"     - {k['tekst']}" + (f" ({k['groep']})" if k["groep"] else ""))
    if not uit:
        print("Nog geen terugkerende thema's.")
    return 0


OPTIES = ("auto", "betekenis", "woorden")  # as themas.OPTIES; not imported here: `--help` stays light


def add_parser(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "themas",
        help="toon de terugkerende thema's van een traject, zoals Analyse ze laat zien",
        description="Toont de thema's met hun knelpunten en groepen. Alleen lezen.",
    )
    s.add_argument("--traject", required=True, help="naam van het traject")
    s.add_argument("--json", action="store_true", help="alles als JSON (met de ids van de knelpunten)")
    s.add_argument("--alle", action="store_true", help="ook thema's van één knelpunt")
    s.add_argument(
        "--op",
        choices=OPTIES,
        default="auto",
        help="betekenis, woorden, of auto (standaard: zoals de app nu, op betekenis als alles al gelezen is)",
    )
    s.set_defaults(func=cmd_themas)
