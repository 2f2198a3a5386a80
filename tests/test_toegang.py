"""Served to the room, every page except Meedoen belongs to the procesbegeleider; and the serve-room command."""

from __future__ import annotations

from pathlib import Path

import pytest

from schouders import cli_room
from schouders.__main__ import build_parser
from schouders.ui import toegang

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("ip", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_this_machine_is_local(ip):
    assert toegang.is_lokaal(ip)


@pytest.mark.parametrize("ip", ["127.0.0.2", "127.1.2.3", "192.168.1.20", "10.0.0.5", "::2", "", None, "localhost"])
def test_other_addresses_are_not_local(ip):
    assert not toegang.is_lokaal(ip)


@pytest.mark.parametrize(("value", "aan"), [("1", True), ("true", True), ("", False), ("0", False), (None, False)])
def test_room_mode_from_env(value, aan):
    env = {} if value is None else {toegang.ROOM_ENV: value}
    assert toegang.room_aan(env) is aan


def test_passcode_check():
    assert toegang.wachtwoord_klopt(" ABCD2345 ", "ABCD2345")
    assert not toegang.wachtwoord_klopt("ABCD2346", "ABCD2345")
    assert not toegang.wachtwoord_klopt("", "")
    assert not toegang.wachtwoord_klopt("iets", None)


def test_access_rule():
    assert toegang.mag_alles(room=False, ip="192.168.1.20", ingelogd=False)
    assert toegang.mag_alles(room=True, ip="127.0.0.1", ingelogd=False)
    assert toegang.mag_alles(room=True, ip="192.168.1.20", ingelogd=True)
    assert not toegang.mag_alles(room=True, ip="127.0.0.2", ingelogd=False)
    assert not toegang.mag_alles(room=True, ip=None, ingelogd=False)


# ---- the app under AppTest, as a phone in the room ---------------------------------------------------


@pytest.fixture
def kamer(monkeypatch):
    """Room mode with a passcode; the session looks like a laptop at 127.0.0.2 on the room's TLS port."""
    monkeypatch.setenv(toegang.ROOM_ENV, "1")
    monkeypatch.setenv(toegang.PASS_ENV, "GEHEIM23")
    monkeypatch.setattr(toegang, "client_ip", lambda: "127.0.0.2")
    monkeypatch.setattr(toegang, "beveiligd", lambda: True)


@pytest.fixture
def kamer_http(kamer, monkeypatch):
    """The same session on the plain-HTTP port, as every phone is."""
    monkeypatch.setenv(toegang.TLS_URL_ENV, "https://192.168.1.5:8502")
    monkeypatch.setattr(toegang, "beveiligd", lambda: False)


def test_the_channel_counts_only_from_the_server_layer():
    tls = [("Host", "x"), ("X-Schouders-Kanaal", "tls")]
    assert toegang.kanaal_is_tls(tls, laag_actief=True)
    assert not toegang.kanaal_is_tls(tls, laag_actief=False)  # plain `streamlit run`: a browser could send it
    assert not toegang.kanaal_is_tls([("x-schouders-kanaal", "http")], laag_actief=True)
    assert not toegang.kanaal_is_tls([], laag_actief=True)
    assert not toegang.kanaal_is_tls([("x-schouders-kanaal", "tls"), ("x-schouders-kanaal", "tls")], laag_actief=True)


def test_over_plain_http_the_passcode_is_not_asked_and_never_accepted(app_test, demo_store, kamer_http):
    at = app_test().run()
    assert [t.value for t in at.title] == ["Meedoen"]
    assert not [w for w in at.text_input if w.key == "md_pb_code"]  # no passcode field on this channel
    assert "https://192.168.1.5:8502" in [c.value for c in at.code]


def test_a_passcode_sent_over_plain_http_is_refused(app_test, demo_store, kamer, monkeypatch):
    """The form was drawn, but the click arrives on the plain port (a crafted request): no way in."""
    at = app_test().run()
    at.text_input(key="md_pb_code").set_value("GEHEIM23")
    monkeypatch.setattr(toegang, "beveiligd", lambda: False)
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert [t.value for t in at.title] == ["Meedoen"]
    assert toegang.SESSIE_KEY not in at.session_state


def test_logged_in_over_tls_is_not_enough_on_plain_http(app_test, demo_store, kamer, monkeypatch):
    """A session that logged in over TLS and then comes back on the plain port (its id reused) sees Meedoen."""
    at = app_test().run()
    at.text_input(key="md_pb_code").set_value("GEHEIM23")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    assert any("Stap 4" in t.value for t in at.title)
    monkeypatch.setattr(toegang, "beveiligd", lambda: False)
    at.run()
    assert [t.value for t in at.title] == ["Meedoen"]


def _alle_tekst(at) -> str:
    delen = []
    for soort in ("title", "header", "subheader", "markdown", "caption", "text", "info", "error", "success"):
        delen += [str(e.value) for e in getattr(at, soort)]
    delen += [str(getattr(e, "label", "")) for e in (*at.selectbox, *at.button, *at.text_input)]
    delen += [str(o) for s in at.selectbox for o in s.options]
    return "\n".join(delen)


def test_phone_gets_only_the_meedoen_form(app_test, demo_store, kamer):
    at = app_test().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Meedoen"]
    assert at.text_input(key="md_code_invoer") is not None
    assert not at.sidebar.selectbox  # no traject picker
    tekst = _alle_tekst(at)
    for t in demo_store.snapshot().all("traject"):
        assert t.naam not in tekst
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/stap4_aandachtsgebieden.py")


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/meedoen.py"])
def test_page_file_run_directly_shows_no_data(demo_store, kamer, page, monkeypatch):
    """Before app.py has run once, Streamlit runs a pages/ file that a URL names: the guard in ui.page holds."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(toegang, "naar_navigatie", lambda: False)
    snap = demo_store.snapshot()
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.session_state["traject_id"] = snap.trajecten()[0].id
    at.run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Meedoen"]
    tekst = _alle_tekst(at)
    for t in snap.all("traject"):
        assert t.naam not in tekst
    for k in snap.all("knelpunt")[:20]:
        assert k.tekst not in tekst


def test_second_procesbegeleider_logs_in_with_the_passcode(app_test, demo_store, kamer):
    at = app_test().run()
    at.text_input(key="md_pb_code").set_value("FOUT1234")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert any("klopt niet" in e.value for e in at.error)
    assert [t.value for t in at.title] == ["Meedoen"]
    at.text_input(key="md_pb_code").set_value("GEHEIM23")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert not at.exception
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    assert not at.exception
    assert any("Stap 4" in t.value for t in at.title)


def test_passcode_attempts_are_limited(app_test, demo_store, kamer):
    at = app_test().run()
    for _ in range(toegang.INLOG_POGINGEN):
        at.text_input(key="md_pb_code").set_value("FOUT1234")
        next(b for b in at.button if b.label == "Inloggen").click().run()
    at.text_input(key="md_pb_code").set_value("GEHEIM23")  # even the right one waits now
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert any("Te veel pogingen" in e.value for e in at.error)
    assert [t.value for t in at.title] == ["Meedoen"]


def test_this_machine_sees_everything_in_room_mode(app_test, demo_store, monkeypatch):
    monkeypatch.setenv(toegang.ROOM_ENV, "1")
    monkeypatch.setattr(toegang, "client_ip", lambda: "127.0.0.1")
    at = app_test().run()
    assert not at.exception
    at.switch_page("pages/meedoen.py").run()
    assert at.button(key="md_pb_open") is not None  # the procesbegeleider's side
    assert not any("serve-room" in i.value for i in at.info)


def test_without_room_mode_everyone_is_procesbegeleider(app_test, demo_store, monkeypatch):
    monkeypatch.delenv(toegang.ROOM_ENV, raising=False)
    monkeypatch.setattr(toegang, "client_ip", lambda: "192.168.1.20")
    at = app_test().run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    assert not at.exception
    assert any("Stap 4" in t.value for t in at.title)


# ---- python -m schouders serve-room -------------------------------------------------------------------


def test_serve_room_plan_binds_all_interfaces_and_sets_room_mode(tmp_path):
    plan = cli_room.maak_plan(poort=8600, code="ABCD2345", db=str(tmp_path / "x.json"), lan="192.168.1.20", env={})
    i = plan.cmd.index("--server.address")
    assert plan.cmd[i + 1] == "0.0.0.0"
    assert plan.cmd[plan.cmd.index("--server.port") + 1] == "8600"
    assert plan.env["SCHOUDERS_ROOM"] == "1"
    assert plan.env["SCHOUDERS_ROOM_PASS"] == "ABCD2345"
    assert plan.env["SCHOUDERS_DB"] == str((tmp_path / "x.json").resolve())
    assert plan.deelnemers_url == "http://192.168.1.20:8600/meedoen"
    assert plan.env["SCHOUDERS_ROOM_URL"] == plan.deelnemers_url


def test_serve_room_generates_a_passcode_and_accepts_an_address():
    plan = cli_room.maak_plan(adres="192.168.1.20", env={})
    assert len(plan.toegangscode) == cli_room.CODE_LENGTE
    assert plan.deelnemers_url.startswith("http://192.168.1.20:8501/")
    assert cli_room.maak_plan(env={}).toegangscode != plan.toegangscode


def test_serve_room_is_a_command_and_the_default_stays_local():
    args = build_parser().parse_args(["serve-room", "--port", "8600"])
    assert args.func is cli_room.cmd_serve_room and args.port == 8600
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert 'address = "127.0.0.1"' in config


def test_serve_room_runs_streamlit_with_the_plan(monkeypatch, capsys):
    gezien = {}

    def nep_call(cmd, env, cwd):  # noqa: ANN202
        gezien.update(cmd=cmd, env=env)
        return 0

    monkeypatch.setattr(cli_room.subprocess, "call", nep_call)
    monkeypatch.setattr(cli_room, "lan_adres", lambda: "192.168.1.20")
    args = build_parser().parse_args(["serve-room", "--toegangscode", "ABCD2345"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "http://192.168.1.20:8501/meedoen" in out and "ABCD2345" in out
    assert gezien["env"]["SCHOUDERS_ROOM"] == "1"


def test_leaving_pages_folder_mode(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert toegang.naar_navigatie()
    assert PagesManager.uses_pages_directory is False
    assert not toegang.naar_navigatie()


def test_this_machine_sees_the_passcode_for_a_second_procesbegeleider(app_test, demo_store, monkeypatch):
    monkeypatch.setenv(toegang.ROOM_ENV, "1")
    monkeypatch.setenv(toegang.PASS_ENV, "GEHEIM23")
    monkeypatch.setenv(toegang.URL_ENV, "http://192.168.1.5:8501/meedoen")
    monkeypatch.setenv(toegang.TLS_URL_ENV, "https://192.168.1.5:8502")
    monkeypatch.setenv(toegang.VINGERAFDRUK_ENV, "AB:CD:EF")
    monkeypatch.setattr(toegang, "client_ip", lambda: "127.0.0.1")
    at = app_test().run()
    at.switch_page("pages/meedoen.py").run()
    assert not at.exception
    codes = [c.value for c in at.code]
    assert "GEHEIM23" in codes and "https://192.168.1.5:8502" in codes and "AB:CD:EF" in codes


def test_a_logged_in_second_procesbegeleider_is_not_shown_the_passcode(app_test, demo_store, kamer):
    at = app_test().run()
    at.text_input(key="md_pb_code").set_value("GEHEIM23")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    at.switch_page("pages/meedoen.py").run()
    assert not at.exception
    assert "GEHEIM23" not in [c.value for c in at.code]
