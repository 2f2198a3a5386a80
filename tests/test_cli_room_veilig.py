"""Issue 20 for `serve-room`: only the room's own hosts, no external-IP lookup, no short passcodes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from schouders import cli_room
from schouders.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


def _waarden(cmd: list[str], vlag: str) -> list[str]:
    return [cmd[i + 1] for i, a in enumerate(cmd) if a == vlag]


def test_config_accepts_only_this_computer_as_host():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    hosts = config["server"]["allowedHosts"]
    assert set(hosts) == set(cli_room.EIGEN_HOSTS)
    assert {"127.0.0.1", "localhost", "::1"} <= set(hosts)
    assert "*" not in hosts and not any(h.startswith("*.") for h in hosts)


def test_room_allows_its_own_address_and_this_computer():
    plan = cli_room.maak_plan(poort=8600, code="ABCD2345", lan="192.168.1.20", env={})
    assert _waarden(plan.cmd, "--server.allowedHosts") == [*cli_room.EIGEN_HOSTS, "192.168.1.20"]


def test_room_with_a_given_address_allows_that_address():
    plan = cli_room.maak_plan(adres="10.0.0.5", code="ABCD2345", env={})
    assert "10.0.0.5" in _waarden(plan.cmd, "--server.allowedHosts")


def test_room_without_a_known_address_allows_only_this_computer():
    plan = cli_room.maak_plan(code="ABCD2345", lan=None, env={})
    assert _waarden(plan.cmd, "--server.allowedHosts") == list(cli_room.EIGEN_HOSTS)


@pytest.mark.parametrize("lan", ["192.168.1.20", None])
def test_room_turns_off_the_external_ip_lookup(lan):
    """Streamlit looks up checkip.amazonaws.com for its 'External URL' unless browser.serverAddress is set
    (streamlit/web/bootstrap.py); the room's address is what it should print anyway."""
    plan = cli_room.maak_plan(code="ABCD2345", lan=lan, env={})
    assert _waarden(plan.cmd, "--browser.serverAddress") == [lan or "127.0.0.1"]
    assert _waarden(plan.cmd, "--server.headless") == ["true"]
    assert _waarden(plan.cmd, "--browser.gatherUsageStats") == ["false"]


@pytest.mark.parametrize("code", ["1", "", "ABC234", "ABCD234"])
def test_short_passcodes_are_refused_in_dutch(code, monkeypatch, capsys):
    gestart = []
    monkeypatch.setattr(cli_room.subprocess, "call", lambda *a, **k: gestart.append(a) or 0)
    monkeypatch.setattr(cli_room, "lan_adres", lambda: "192.168.1.20")
    assert main(["serve-room", "--toegangscode", code]) == 2
    uit = capsys.readouterr()
    assert "De toegangscode is te kort" in uit.err and "minstens 8 tekens" in uit.err
    assert not gestart  # Streamlit never started
    assert "192.168.1.20" not in uit.out
    with pytest.raises(ValueError, match="te kort"):
        cli_room.maak_plan(code=code, env={})


def test_passcodes_of_eight_or_more_and_the_generated_one_are_accepted(monkeypatch):
    monkeypatch.setattr(cli_room.subprocess, "call", lambda *a, **k: 0)
    monkeypatch.setattr(cli_room, "lan_adres", lambda: "192.168.1.20")
    assert main(["serve-room", "--toegangscode", "ABCD2345"]) == 0
    assert main(["serve-room"]) == 0
    assert len(cli_room.maak_plan(env={}).toegangscode) >= cli_room.MIN_CODE_LENGTE


def test_room_with_a_certificate_serves_tls_on_the_next_port(tmp_path):
    from schouders import certificaat

    cert = certificaat.maak_of_laad(["192.168.1.20"], tmp_path / "tls")
    plan = cli_room.maak_plan(poort=8600, code="ABCD2345", lan="192.168.1.20", env={}, cert=cert)
    assert plan.tls_url == "https://192.168.1.20:8601"
    assert plan.deelnemers_url == "http://192.168.1.20:8600/meedoen"  # phones stay on plain HTTP by default
    assert plan.env["SCHOUDERS_TLS_POORT"] == "8601"
    assert plan.env["SCHOUDERS_TLS_CERT"] == str(cert.cert) and plan.env["SCHOUDERS_TLS_SLEUTEL"] == str(cert.sleutel)
    assert plan.env["SCHOUDERS_ROOM_TLS_URL"] == "https://192.168.1.20:8601"
    assert plan.env["SCHOUDERS_TLS_VINGERAFDRUK"] == plan.vingerafdruk == cert.vingerafdruk
    alles = cli_room.maak_plan(
        poort=8600, code="ABCD2345", lan="192.168.1.20", env={}, cert=cert, tls_poort=9443, deelnemers_https=True
    )
    assert alles.deelnemers_url == "https://192.168.1.20:9443/meedoen"


def test_room_without_a_certificate_drops_any_left_over_tls_settings():
    oud = {"SCHOUDERS_TLS_POORT": "1", "SCHOUDERS_TLS_CERT": "x", "SCHOUDERS_ROOM_TLS_URL": "https://oud"}
    plan = cli_room.maak_plan(code="ABCD2345", env=oud)
    assert not {"SCHOUDERS_TLS_POORT", "SCHOUDERS_TLS_CERT", "SCHOUDERS_ROOM_TLS_URL"} & set(plan.env)
    assert plan.tls_url is None


def test_serve_room_prints_the_fingerprint_and_the_secure_link(monkeypatch, capsys):
    gezien: dict = {}
    monkeypatch.setattr(cli_room.subprocess, "call", lambda cmd, env, cwd: gezien.update(env=env) or 0)
    monkeypatch.setattr(cli_room, "lan_adres", lambda: "192.168.1.20")
    assert main(["serve-room", "--toegangscode", "ABCD2345", "--port", "8700"]) == 0
    uit = capsys.readouterr().out
    assert "https://192.168.1.20:8701" in uit
    assert gezien["env"]["SCHOUDERS_TLS_VINGERAFDRUK"] in uit
