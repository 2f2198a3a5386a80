"""The room's TLS certificate (issue 20.2): made once, kept for the user alone, renewed only when it no longer
serves; its fingerprint is the SHA-256 browsers show."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import stat
import sys

import pytest
from cryptography import x509

from schouders import certificaat


def _laad(pad):
    return x509.load_pem_x509_certificate(pad.read_bytes())


def test_a_new_certificate_names_the_room_and_this_computer(tmp_path):
    c = certificaat.maak_of_laad(["192.168.1.5"], tmp_path / "tls")
    assert c.nieuw
    cert = _laad(c.cert)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert set(san.get_values_for_type(x509.IPAddress)) == {
        ipaddress.ip_address("192.168.1.5"),
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    }
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    der = cert.public_bytes(certificaat.serialization.Encoding.DER)
    assert c.vingerafdruk == ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())
    assert len(c.vingerafdruk.split(":")) == 32


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_key_and_folder_are_for_the_user_alone(tmp_path):
    c = certificaat.maak_of_laad([], tmp_path / "tls")
    assert stat.S_IMODE(os.stat(tmp_path / "tls").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(c.sleutel).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(c.cert).st_mode) == 0o600
    os.chmod(c.sleutel, 0o644)  # loosened by hand or a copy: tightened again on the next start
    certificaat.maak_of_laad([], tmp_path / "tls")
    assert stat.S_IMODE(os.stat(c.sleutel).st_mode) == 0o600


def test_the_same_certificate_next_time_so_the_fingerprint_stays(tmp_path):
    eerste = certificaat.maak_of_laad(["192.168.1.5"], tmp_path / "tls")
    tweede = certificaat.maak_of_laad(["192.168.1.5", "127.0.0.1"], tmp_path / "tls")
    assert not tweede.nieuw and tweede.vingerafdruk == eerste.vingerafdruk


@pytest.mark.parametrize("reden", ["ander adres", "bijna verlopen", "kapot", "sleutel weg", "andere sleutel"])
def test_a_new_one_when_the_kept_one_no_longer_serves(tmp_path, reden):
    map_ = tmp_path / "tls"
    eerste = certificaat.maak_of_laad(["192.168.1.5"], map_)
    hosts, nu = ["192.168.1.5"], None
    if reden == "ander adres":
        hosts = ["10.0.0.7"]
    elif reden == "bijna verlopen":
        nu = dt.datetime.now(dt.UTC) + dt.timedelta(days=certificaat.GELDIG_DAGEN - 10)
    elif reden == "kapot":
        eerste.cert.write_bytes(b"geen certificaat")
    elif reden == "sleutel weg":
        eerste.sleutel.unlink()
    else:
        ander = certificaat.maak_of_laad(["192.168.1.5"], tmp_path / "ander")
        eerste.sleutel.write_bytes(ander.sleutel.read_bytes())
    nieuw = certificaat.maak_of_laad(hosts, map_, nu=nu)
    assert nieuw.nieuw and nieuw.vingerafdruk != eerste.vingerafdruk


def test_the_default_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(certificaat.MAP_ENV, str(tmp_path / "elders"))
    assert certificaat.standaard_map() == tmp_path / "elders"
    monkeypatch.delenv(certificaat.MAP_ENV)
    assert certificaat.standaard_map() == certificaat.ROOT / "data" / "tls"


def test_an_unusable_folder_gets_a_dutch_message(tmp_path):
    bestand = tmp_path / "een-bestand"
    bestand.write_text("geen map")  # a file where the folder should be: even root cannot make it
    with pytest.raises(OSError, match="De map voor het certificaat .* kan niet worden gemaakt"):
        certificaat.maak_of_laad([], bestand / "tls")
