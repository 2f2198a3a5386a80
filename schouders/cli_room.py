"""`python -m schouders serve-room`: serve the app to the room so participants can join from their phone.

Serving to the room is an explicit choice: this command starts Streamlit on all network interfaces (or the
address given) with SCHOUDERS_ROOM=1 and a fresh passcode for a second procesbegeleider, and prints the
link for participants. Without it the app keeps listening on 127.0.0.1 only (.streamlit/config.toml).
While served to the room, every page except Meedoen is for the procesbegeleider alone
(schouders/ui/toegang.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STANDAARD_POORT = 8501
ALLE_ADRESSEN = "0.0.0.0"
CODE_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 8
MIN_CODE_LENGTE = 8
# The hosts of this computer (as in .streamlit/config.toml); a flag replaces that list, so room mode repeats it.
EIGEN_HOSTS = ("127.0.0.1", "localhost", "::1", "127.0.0.2")


@dataclass(frozen=True)
class Plan:
    cmd: list[str]
    env: dict[str, str]
    deelnemers_url: str
    eigen_url: str
    toegangscode: str


def toegangscode(lengte: int = CODE_LENGTE) -> str:
    return "".join(secrets.choice(CODE_TEKENS) for _ in range(lengte))


def lan_adres() -> str | None:
    """This computer's address in the local network, or None when it cannot be found.

    First the addresses of the host name; else the address the system would use for a private-range route
    (a UDP socket that is connected but never sends anything).
    """
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            ip = str(info[4][0])
            if not ip.startswith("127."):
                return ip
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # connect() on UDP only picks a route; no packet is sent
            ip = str(s.getsockname()[0])
            return None if ip.startswith(("127.", "0.")) else ip
    except OSError:
        return None


def maak_plan(
    *,
    poort: int = STANDAARD_POORT,
    adres: str = ALLE_ADRESSEN,
    code: str | None = None,
    db: str | None = None,
    lan: str | None = None,
    env: dict[str, str] | None = None,
) -> Plan:
    """The Streamlit command and environment for serving to the room (pure apart from the defaults).

    Raises ValueError (Dutch) for a passcode shorter than MIN_CODE_LENGTE: it is all that stands between the
    room's network and every knelpunt."""
    if code is not None and len(code) < MIN_CODE_LENGTE:
        raise ValueError(
            f"De toegangscode is te kort ({len(code)} tekens). Kies er een van minstens {MIN_CODE_LENGTE} tekens, "
            "of laat --toegangscode weg: dan maakt Schouders er zelf een."
        )
    code = code or toegangscode()
    bekend = adres if adres not in (ALLE_ADRESSEN, "::", "") else lan
    zichtbaar = bekend or "<adres-van-deze-computer>"
    deelnemers_url = f"http://{zichtbaar}:{poort}/meedoen"
    omgeving = dict(os.environ if env is None else env)
    omgeving.update(
        {
            "SCHOUDERS_ROOM": "1",
            "SCHOUDERS_ROOM_PASS": code,
            "SCHOUDERS_ROOM_URL": deelnemers_url,
        }
    )
    if db:
        omgeving["SCHOUDERS_DB"] = str(Path(db).expanduser().resolve())
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address",
        adres,
        "--server.port",
        str(poort),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Streamlit prints the address it is given here instead of looking up the 'External URL' at
        # checkip.amazonaws.com: no request leaves the laptop (issue 20).
        "--browser.serverAddress",
        bekend or "127.0.0.1",
    ]
    # Only the room's own address and this computer's: a rebound name (DNS rebinding) gets no websocket.
    for host in dict.fromkeys([*EIGEN_HOSTS, *([bekend] if bekend else [])]):
        cmd += ["--server.allowedHosts", host]
    return Plan(cmd, omgeving, deelnemers_url, f"http://127.0.0.1:{poort}", code)


def cmd_serve_room(args: argparse.Namespace) -> int:
    adres = args.address or ALLE_ADRESSEN
    try:
        plan = maak_plan(
            poort=args.port,
            adres=adres,
            code=args.toegangscode,
            db=getattr(args, "db", None),
            lan=lan_adres() if adres in (ALLE_ADRESSEN, "::") else None,
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print("Schouders is nu te bereiken in dit netwerk. Alleen de pagina Meedoen is open voor deelnemers.")
    print(f"  Link voor deelnemers:         {plan.deelnemers_url}")
    print(f"  Procesbegeleider (deze pc):   {plan.eigen_url}")
    print(f"  Toegangscode procesbegeleider op een ander apparaat: {plan.toegangscode}")
    print("Stoppen met Ctrl+C. Start je daarna gewoon, dan luistert Schouders weer alleen op deze computer.")
    sys.stdout.flush()
    try:
        return subprocess.call(plan.cmd, env=plan.env, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `serve-room` on the main parser's subcommands."""
    s = sub.add_parser("serve-room", help="laat deelnemers meedoen vanaf hun telefoon (luistert in het netwerk)")
    s.add_argument("--port", type=int, default=STANDAARD_POORT, help=f"poort (standaard {STANDAARD_POORT})")
    s.add_argument(
        "--address",
        default=None,
        help="adres om op te luisteren (standaard alle adressen, zodat deze pc via 127.0.0.1 procesbegeleider is)",
    )
    s.add_argument(
        "--toegangscode",
        default=None,
        help=f"eigen toegangscode voor procesbegeleiders, minstens {MIN_CODE_LENGTE} tekens (standaard willekeurig)",
    )
    s.set_defaults(func=cmd_serve_room)
