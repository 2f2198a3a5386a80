"""Command line: python -m schouders [--db PATH] list|check|demo|import …

No Streamlit import, so it starts fast and runs next to the app on the same store file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from schouders import methode


def _store(args: argparse.Namespace, *, meld: bool = True):  # noqa: ANN202 – keeps store import lazy
    from schouders.store import open_store

    store = open_store(args.db)
    if meld:  # a file moved aside or migrated on open: say so, also when the command itself succeeds
        for melding in store.meldingen:
            print(melding, file=sys.stderr)
    return store


def cmd_list(args: argparse.Namespace) -> int:
    from schouders.trajecten import tel

    store = _store(args)
    snap = store.snapshot()
    rows = []
    for t in snap.trajecten(archief=True):
        c = tel(snap, t.id)
        rows.append(
            {
                "id": t.id,
                "naam": t.naam,
                "werkvorm": t.werkvorm,
                "thema": t.thema,
                "gearchiveerd": t.gearchiveerd,
                "knelpunten": c.knelpunten,
                "acties": c.acties,
                "deelnemers": c.deelnemers,
                "bijeenkomsten": c.bijeenkomsten,
            }
        )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"Nog geen trajecten in {store.path}.")
        return 0
    for r in rows:
        label = methode.werkvorm(r["werkvorm"]).label
        archief = " (archief)" if r["gearchiveerd"] else ""
        print(f"{r['naam']}{archief} · {label} · {r['knelpunten']} knelpunten · {r['acties']} acties")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    store = _store(args, meld=False)
    problems = store.check()
    for melding in store.meldingen:
        if melding not in problems:
            print(melding)
    if problems:
        print(f"Er is iets mis met {store.path}:", file=sys.stderr)
        for p in problems:
            print(f"- {p}", file=sys.stderr)
        return 1
    snap = store.snapshot()
    print(f"In orde: {store.path} ({len(snap.all('traject'))} trajecten, {len(snap.all('knelpunt'))} knelpunten).")
    apart = sorted(store.path.parent.glob(f"{store.path.name}.beschadigd-*"))
    if apart:  # the store is sound, but earlier data was set aside: remind the user where it is
        print(f"Let op: eerder apart gezet en niet meer in gebruik: {', '.join(p.name for p in apart)}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from schouders.demo import laad_demo

    namen = laad_demo(_store(args))
    print("Voorbeeldtrajecten geladen: " + "; ".join(namen))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from schouders.cli_io import cmd_import as run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m schouders", description="Schouders vanaf de opdrachtregel.")
    p.add_argument("--db", help="het gegevensbestand (standaard: SCHOUDERS_DB of data/schouders.json)")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("list", help="toon de trajecten")
    s.add_argument("--json", action="store_true", help="als JSON")
    s.set_defaults(func=cmd_list)
    s = sub.add_parser("check", help="controleer het gegevensbestand")
    s.set_defaults(func=cmd_check)
    sub.add_parser("bench", help="meet de snelheid (zie python -m schouders bench --help)")
    s = sub.add_parser("demo", help="laad de voorbeeldtrajecten")
    s.set_defaults(func=cmd_demo)
    s = sub.add_parser("import", help="voeg knelpunten toe uit een bestand")
    s.add_argument("file")
    s.add_argument("--traject", help="naam van het traject (wordt zo nodig aangemaakt)")
    s.add_argument("--werkvorm", default="werkplaats", choices=list(methode.WERKVORM_BY_KEY))
    s.set_defaults(func=cmd_import)
    from schouders import cli_io

    cli_io.extend_import(s)
    cli_io.add_export(sub)
    from schouders import cli_room

    cli_room.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:  # its own options; imports Streamlit, so only when asked for
        from schouders import bench

        return bench.main(argv[1:])
    args = build_parser().parse_args(argv)
    from schouders.store import StoreError

    try:
        return args.func(args)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
