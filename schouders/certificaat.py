"""The room's TLS certificate: made on first use, kept readable by the user alone, and shown by its fingerprint.

Why self-signed: a laptop in a meeting room has no domain name a public authority could certify, and nothing may
leave the machine to get one. The second procesbegeleider's browser warns once; they compare the fingerprint it
shows with the one in the facilitator's window, and then know they talk to this laptop and nobody in between.

The certificate is kept (data/tls/, or SCHOUDERS_TLS_MAP) so the fingerprint stays the same from one meeting to
the next; a new one is made when it is missing, unreadable, nearly expired, or does not name the address the
room uses today.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parent.parent
MAP_ENV = "SCHOUDERS_TLS_MAP"
CERT_NAAM = "schouders-kamer.crt"
SLEUTEL_NAAM = "schouders-kamer.key"
GELDIG_DAGEN = 397  # the longest browsers accept for a certificate at all
VERNIEUW_DAGEN = 30  # make a new one when fewer days are left
DIR_MODE = 0o700
FILE_MODE = 0o600
VASTE_NAMEN = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Certificaat:
    cert: Path
    sleutel: Path
    vingerafdruk: str  # SHA-256 of the certificate, "AB:CD:…", as browsers show it
    nieuw: bool  # made just now (the fingerprint changed)


def standaard_map() -> Path:
    """Where the certificate lives: SCHOUDERS_TLS_MAP, else data/tls next to the app."""
    return Path(os.environ.get(MAP_ENV) or ROOT / "data" / "tls").expanduser()


def vingerafdruk(der: bytes) -> str:
    """The SHA-256 fingerprint in the colon form browsers show in their certificate viewer."""
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def _namen(hosts: list[str]) -> list[str]:
    return list(dict.fromkeys([*VASTE_NAMEN, *(h.strip() for h in hosts if h and h.strip())]))


def _san(namen: list[str]) -> x509.SubjectAlternativeName:
    delen: list[x509.GeneralName] = []
    for naam in namen:
        try:
            delen.append(x509.IPAddress(ipaddress.ip_address(naam)))
        except ValueError:
            delen.append(x509.DNSName(naam))
    return x509.SubjectAlternativeName(delen)


def _bruikbaar(cert_pad: Path, sleutel_pad: Path, namen: list[str], nu: dt.datetime) -> x509.Certificate | None:
    """The kept certificate when it still serves: readable, its key matching, not nearly expired, every name in it."""
    try:
        cert = x509.load_pem_x509_certificate(cert_pad.read_bytes())
        sleutel = serialization.load_pem_private_key(sleutel_pad.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None
    if sleutel.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        return None
    if cert.not_valid_after_utc - nu < dt.timedelta(days=VERNIEUW_DAGEN) or cert.not_valid_before_utc > nu:
        return None
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    aanwezig = {str(v) for v in san.get_values_for_type(x509.IPAddress)} | set(san.get_values_for_type(x509.DNSName))
    return cert if {_vorm(n) for n in namen} <= aanwezig else None


def _vorm(naam: str) -> str:
    """One spelling per address ("::0001" and "::1" are the same), names as they are."""
    try:
        return str(ipaddress.ip_address(naam))
    except ValueError:
        return naam


def _schrijf(pad: Path, data: bytes) -> None:
    """Write a file readable by the user alone, replacing what was there in one step."""
    tijdelijk = pad.with_name(pad.name + ".nieuw")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, data)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # os.open's mode is filtered by the umask
    finally:
        os.close(fd)
    os.replace(tijdelijk, pad)


def maak_of_laad(hosts: list[str], map_: Path | None = None, *, nu: dt.datetime | None = None) -> Certificaat:
    """The certificate for these hosts (loopback is always in it): the kept one when it serves, else a new one.

    Raises OSError (with a Dutch message) when the folder cannot be written."""
    map_ = standaard_map() if map_ is None else map_
    nu = nu or dt.datetime.now(dt.UTC)
    namen = _namen(hosts)
    cert_pad, sleutel_pad = map_ / CERT_NAAM, map_ / SLEUTEL_NAAM
    cert = _bruikbaar(cert_pad, sleutel_pad, namen, nu)
    if cert is not None:
        os.chmod(map_, DIR_MODE)
        for pad in (cert_pad, sleutel_pad):
            os.chmod(pad, FILE_MODE)
        return Certificaat(cert_pad, sleutel_pad, vingerafdruk(cert.public_bytes(serialization.Encoding.DER)), False)
    try:
        map_.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.chmod(map_, DIR_MODE)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise OSError(f"De map voor het certificaat ({map_}) kan niet worden gemaakt: {exc.strerror or exc}") from exc
    sleutel = ec.generate_private_key(ec.SECP256R1())
    onderwerp = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Schouders (deze laptop)")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(onderwerp)
        .issuer_name(onderwerp)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - dt.timedelta(minutes=5))  # a phone whose clock runs a little behind
        .not_valid_after(nu + dt.timedelta(days=GELDIG_DAGEN))
        .add_extension(_san(namen), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(sleutel, hashes.SHA256())
    )
    try:
        _schrijf(
            sleutel_pad,
            sleutel.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
        )
        _schrijf(cert_pad, cert.public_bytes(serialization.Encoding.PEM))
    except OSError as exc:
        raise OSError(f"Het certificaat kan niet worden bewaard in {map_}: {exc.strerror or exc}") from exc
    return Certificaat(cert_pad, sleutel_pad, vingerafdruk(cert.public_bytes(serialization.Encoding.DER)), True)
