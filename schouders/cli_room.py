"""`python -m schouders serve-room`: serve the app to the room so participants can join from their phone.

Serving to the room is an explicit choice: this command starts Streamlit on all network interfaces (or the
address given) with SCHOUDERS_ROOM=1 and a fresh passcode for a second procesbegeleider, and prints the
link for participants. Without it the app keeps listening on 127.0.0.1 only (.streamlit/config.toml).
While served to the room, every page except Meedoen is for the procesbegeleider alone
(schouders/ui/toegang.py).

Two ports: the plain one (8501) for phones and this laptop, and a TLS one (8502) with a certificate made on
first use (schouders/certificaat.py) for the second procesbegeleider: the passcode and the traject's pages go
only over TLS. `--deelnemers-https` puts the phones' link on the TLS port too (each phone then warns once).
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

from schouders import certificaat
from schouders.certificaat import Certificaat

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
    tls_url: str | None = None  # where the second procesbegeleider logs in
    vingerafdruk: str | None = None


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
    cert: Certificaat | None = None,
    tls_poort: int | None = None,
    deelnemers_https: bool = False,
) -> Plan:
    """The Streamlit command and environment for serving to the room (pure apart from the defaults).

    With `cert` the app is also served over TLS on `tls_poort` (default: the next port) for the second
    procesbegeleider; `deelnemers_https` sends the phones there too.

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
    tls_poort = tls_poort or poort + 1
    tls_url = f"https://{zichtbaar}:{tls_poort}" if cert else None
    deelnemers_url = f"{tls_url}/meedoen" if cert and deelnemers_https else f"http://{zichtbaar}:{poort}/meedoen"
    omgeving = dict(os.environ if env is None else env)
    omgeving.update(
        {
            "SCHOUDERS_ROOM": "1",
            "SCHOUDERS_ROOM_PASS": code,
            "SCHOUDERS_ROOM_URL": deelnemers_url,
        }
    )
    for sleutel in ("SCHOUDERS_TLS_POORT", "SCHOUDERS_TLS_CERT", "SCHOUDERS_TLS_SLEUTEL", "SCHOUDERS_ROOM_TLS_URL"):
        omgeving.pop(sleutel, None)  # never a certificate from an earlier shell
    omgeving.pop("SCHOUDERS_TLS_VINGERAFDRUK", None)
    if cert and tls_url:
        omgeving.update(
            {
                "SCHOUDERS_TLS_POORT": str(tls_poort),
                "SCHOUDERS_TLS_CERT": str(cert.cert),
                "SCHOUDERS_TLS_SLEUTEL": str(cert.sleutel),
                "SCHOUDERS_ROOM_TLS_URL": tls_url,
                "SCHOUDERS_TLS_VINGERAFDRUK": cert.vingerafdruk,
            }
        )
    if db:
        omgeving["SCHOUDERS_DB"] = str(Path(db).expanduser().resolve())
    cmd = [
        sys.executable,
        "-m",
        "schouders.server",  # streamlit run with the Host, metrics and upload rules (schouders/server.py)
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
    return Plan(
        cmd, omgeving, deelnemers_url, f"http://127.0.0.1:{poort}", code, tls_url, cert.vingerafdruk if cert else None
    )


def cmd_serve_room(args: argparse.Namespace) -> int:
    adres = args.address or ALLE_ADRESSEN
    lan = lan_adres() if adres in (ALLE_ADRESSEN, "::") else None
    try:
        if args.toegangscode is not None and len(args.toegangscode) < MIN_CODE_LENGTE:
            maak_plan(code=args.toegangscode)  # the Dutch message about the passcode, before any file is made
        hosts = [h for h in (adres, lan) if h and h not in (ALLE_ADRESSEN, "::")]
        cert = certificaat.maak_of_laad(hosts)
        plan = maak_plan(
            poort=args.port,
            adres=adres,
            code=args.toegangscode,
            db=getattr(args, "db", None),
            lan=lan,
            cert=cert,
            tls_poort=args.tls_poort,
            deelnemers_https=args.deelnemers_https,
        )
    except (ValueError, OSError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print("Schouders is nu te bereiken in dit netwerk. Alleen de pagina Meedoen is open voor deelnemers.")
    print(f"  Link voor deelnemers:         {plan.deelnemers_url}")
    print(f"  Procesbegeleider (deze pc):   {plan.eigen_url}")
    print(f"  Tweede procesbegeleider:      {plan.tls_url}  (beveiligd)")
    print(f"  Toegangscode procesbegeleider op een ander apparaat: {plan.toegangscode}")
    print(f"  Vingerafdruk certificaat (SHA-256){' – nieuw' if cert.nieuw else ''}:")
    print(f"    {plan.vingerafdruk}")
    print("  De browser van de tweede procesbegeleider waarschuwt één keer: controleer daar deze vingerafdruk.")
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
    s.add_argument(
        "--tls-poort",
        type=int,
        default=None,
        help="poort van de beveiligde verbinding (https) voor de tweede procesbegeleider (standaard: poort + 1)",
    )
    s.add_argument(
        "--deelnemers-https",
        action="store_true",
        help="ook deelnemers via https laten meedoen (elke telefoon waarschuwt dan één keer voor het certificaat)",
    )
    s.set_defaults(func=cmd_serve_room)
