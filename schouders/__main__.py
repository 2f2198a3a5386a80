"""Command line: python -m schouders [--db PATH] list|check|herstel|demo|import|export|privacy|themas|bench|serve-room …

No Streamlit import, so it starts fast and runs next to the app on the same store file. `check` and `list`
only read: they never move, create or repair the store file. Every text is Dutch, argparse's own included
(`nederlands_argparse`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from schouders import methode

# argparse's own texts (it looks them up through gettext at the moment it needs them) in Dutch.
ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "subcommands": "opdrachten",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "niet herkend: %s",
    "the following arguments are required: %s": "dit moet je nog opgeven: %s",
    "one of the arguments %s is required": "geef een van deze op: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r (verwacht: %(type)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "waarde %r wordt niet gebruikt",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}
ARGPARSE_TYPES = {"int": "een geheel getal", "float": "een getal"}


def nederlands_argparse() -> None:
    """Make argparse speak Dutch in this process, also in parsers built elsewhere (bench, serve-room)."""

    def vertaal(tekst: str | None) -> str | None:
        return ARGPARSE_NL.get(tekst, tekst) if tekst is not None else None

    def vertaal_n(enkel: str, meer: str, n: int) -> str:
        if enkel == "expected %s argument":
            return "hier hoort %s waarde bij" if n == 1 else "hier horen %s waarden bij"
        return vertaal(enkel if n == 1 else meer) or ""

    argparse._ = vertaal  # type: ignore[attr-defined]
    argparse.ngettext = vertaal_n  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose type errors name the type in Dutch ("een geheel getal", not "int")."""

    def _get_value(self, action, arg_string):  # noqa: ANN001, ANN202 – argparse's own signature
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            naam = getattr(action.type, "__name__", "")
            if naam in ARGPARSE_TYPES:
                raise argparse.ArgumentError(
                    action, f"ongeldige waarde: {arg_string!r} (verwacht: {ARGPARSE_TYPES[naam]})"
                ) from None
            raise exc from None


def _store(args: argparse.Namespace, *, meld: bool = True):  # noqa: ANN202 – keeps store import lazy
    from schouders.store import open_store

    store = open_store(args.db)
    if meld:  # a file moved aside or migrated on open: say so, also when the command itself succeeds
        for melding in store.meldingen:
            print(melding, file=sys.stderr)
    return store


def _db_pad(args: argparse.Namespace):  # noqa: ANN202 – keeps store import lazy
    from pathlib import Path

    from schouders.store import default_path

    return Path(args.db).expanduser().resolve() if args.db else default_path()


def cmd_list(args: argparse.Namespace) -> int:
    from schouders.cli_io import Beschadigd, lees_alleen
    from schouders.trajecten import tel

    pad = _db_pad(args)
    if not pad.exists():  # listing creates nothing: a mistyped --db must not leave a new file behind
        print("[]" if args.json else f"Nog geen trajecten: {pad} bestaat (nog) niet.")
        return 0
    try:  # a damaged file is a failure here, never moved aside and then listed as empty
        lees_alleen(pad)
    except Beschadigd as exc:
        print(f"{exc} Er is niets veranderd. Controleer het met 'python -m schouders check'.", file=sys.stderr)
        return 1
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
    """Read the store file and say what is wrong; never moves, creates, locks or repairs anything."""
    from schouders.cli_io import Beschadigd, controleer, lees_alleen
    from schouders.store import SCHEMA_VERSION, schema_of

    pad = _db_pad(args)
    try:
        data = lees_alleen(pad)
    except Beschadigd as exc:
        print(str(exc), file=sys.stderr)
        if pad.exists():
            print(
                "Er is niets veranderd. Herstel het met 'python -m schouders herstel' (eerst een kopie, dan de "
                "nieuwste leesbare reservekopie terug), of open Schouders in de browser: de app zet het bestand "
                "onaangeroerd apart en laat je een reservekopie terugzetten.",
                file=sys.stderr,
            )
        return 1
    if schema_of(data) > SCHEMA_VERSION:  # 3 as for every command: a store problem, not a data problem
        print(
            f"{pad} is gemaakt met een nieuwere versie van Schouders (schema {schema_of(data)}, deze versie kent "
            f"{SCHEMA_VERSION}). Werk Schouders bij; het bestand is niet aangeraakt.",
            file=sys.stderr,
        )
        return 3
    uitkomst = controleer(data)
    for opmerking in uitkomst.opmerkingen:
        print(opmerking)
    if uitkomst.problemen:
        print(f"Er is iets mis met {pad}:", file=sys.stderr)
        for p in uitkomst.problemen:
            print(f"- {p}", file=sys.stderr)
        print(
            "Er is niets veranderd. 'python -m schouders herstel' haalt verwijzingen naar iets dat niet bestaat weg "
            "(met eerst een kopie).",
            file=sys.stderr,
        )
        return 1
    n = uitkomst.aantallen
    print(f"In orde: {pad} ({n.get('traject', 0)} trajecten, {n.get('knelpunt', 0)} knelpunten).")
    apart = sorted(pad.parent.glob(f"{pad.name}.beschadigd-*"))
    if apart:  # the store is sound, but earlier data was set aside: remind the user where it is
        print(f"Let op: eerder apart gezet en niet meer in gebruik: {', '.join(p.name for p in apart)}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from schouders.cli_io import niet_bruikbaar
    from schouders.demo import laad_demo

    weiger = niet_bruikbaar(_db_pad(args), "geladen")
    if weiger:  # never set a damaged file aside and go on with an empty store: `herstel` does that, explicitly
        print(weiger, file=sys.stderr)
        return 1
    namen = laad_demo(_store(args))
    print("Voorbeeldtrajecten geladen: " + "; ".join(namen))
    return 0


def cmd_herstel(args: argparse.Namespace) -> int:
    from schouders.cli_io import cmd_herstel as run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    from schouders.cli_io import cmd_import as run

    return run(args)


def cmd_bench(args: argparse.Namespace) -> int:
    """Hand the options over to bench's own parser (it imports Streamlit, so only when asked for)."""
    from schouders import bench

    argv: list[str] = []
    if args.json:
        argv.append("--json")
    if args.sizes is not None:
        argv += ["--sizes", args.sizes]
    if args.repeat is not None:
        argv += ["--repeat", str(args.repeat)]
    if args.no_cold_start:
        argv.append("--no-cold-start")
    if args.browser:
        argv.append("--browser")
    if args.runs is not None:
        argv += ["--runs", str(args.runs)]
    if args.size is not None:
        argv += ["--size", args.size]
    return bench.main(argv)


def _sizes(tekst: str) -> str:
    if not all(d.strip().isdigit() for d in tekst.split(",")):
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen lijst van aantallen (bijvoorbeeld 100,1000)")
    return tekst


def build_parser() -> argparse.ArgumentParser:
    nederlands_argparse()
    p = _Parser(prog="python -m schouders", description="Schouders vanaf de opdrachtregel.")
    p.add_argument(
        "--db", metavar="BESTAND", help="het gegevensbestand (standaard: SCHOUDERS_DB of data/schouders.json)"
    )
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten", required=True)
    s = sub.add_parser("list", help="toon de trajecten")
    s.add_argument("--json", action="store_true", help="als JSON")
    s.set_defaults(func=cmd_list)
    s = sub.add_parser(
        "check",
        help="controleer het gegevensbestand (leest alleen)",
        description="Controleer het gegevensbestand: leesbaar, elk record geldig, elke verwijzing naar iets dat "
        "bestaat. Leest alleen: verplaatst, maakt en herstelt niets. Uitkomst 0: in orde; 1: er is iets mis.",
    )
    s.set_defaults(func=cmd_check)
    s = sub.add_parser(
        "bench",
        help="meet de snelheid",
        description="Meet hoe snel Schouders is met gegevensbestanden van verschillende grootte (in een tijdelijke "
        "map; je eigen gegevensbestand blijft onaangeroerd).",
    )
    s.add_argument("--json", action="store_true", help="de uitkomst als JSON")
    s.add_argument("--sizes", type=_sizes, metavar="AANTALLEN", help="aantallen knelpunten, bv. 100,1000 (standaard)")
    s.add_argument("--repeat", type=int, metavar="N", help="hoe vaak elke meting wordt herhaald (standaard 9)")
    s.add_argument("--no-cold-start", action="store_true", help="sla de meting van een koude start over")
    s.add_argument(
        "--browser",
        action="store_true",
        help="meet in Chromium hoe lang elke klik duurt tot het resultaat op het scherm staat, naast een lege "
        "Streamlit-app (Playwright nodig)",
    )
    s.add_argument("--runs", type=int, metavar="N", help="met --browser: metingen per interactie (standaard 7)")
    s.add_argument(
        "--size",
        choices=("small", "full"),
        help="met --browser: small meet alleen bij 100 knelpunten (snel), full bij 100 en 1.020 (standaard)",
    )
    s.set_defaults(func=cmd_bench)
    s = sub.add_parser(
        "herstel",
        help="herstel het gegevensbestand of zet een reservekopie terug (met eerst een kopie)",
        description="Herstel het gegevensbestand. Eerst komt er altijd een kopie van het huidige bestand (ook van "
        "een beschadigd bestand). Is het bestand beschadigd of weg, dan wordt de nieuwste leesbare reservekopie "
        "uit de map met reservekopieën teruggezet (of die je opgeeft). Is het leesbaar, dan worden verwijzingen "
        "naar iets dat niet meer bestaat weggehaald; elke verwijzing wordt genoemd. Uitkomst 0: klaar of niets te "
        "doen; 1: niets bruikbaars of iets dat je zelf moet bekijken; 2: lezen of schrijven lukte niet.",
    )
    s.add_argument("--reservekopie", metavar="PAD", help="deze reservekopie terugzetten in plaats van de nieuwste")
    s.set_defaults(func=cmd_herstel)
    s = sub.add_parser("demo", help="laad de voorbeeldtrajecten")
    s.set_defaults(func=cmd_demo)
    s = sub.add_parser("import", help="voeg knelpunten toe uit een bestand")
    s.add_argument("file", metavar="BESTAND", help="een .csv, .xlsx, .json of .txt (chat of lijst)")
    s.add_argument("--traject", help="naam van het traject (wordt zo nodig aangemaakt)")
    s.add_argument(
        "--werkvorm",
        default="werkplaats",
        choices=list(methode.WERKVORM_BY_KEY),
        help="werkvorm van een nieuw traject (standaard: werkplaats)",
    )
    s.set_defaults(func=cmd_import)
    from schouders import cli_io

    cli_io.extend_import(s)
    cli_io.add_export(sub)
    from schouders import cli_room

    cli_room.add_parser(sub)
    from schouders import cli_privacy, cli_themas

    cli_privacy.add_parser(sub)
    cli_themas.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    from schouders.store import StoreError

    try:
        return args.func(args)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
