"""Issue 20: no traceback with server paths reaches anyone; the app's own Dutch messages still do."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.elements.exception import marshall
from streamlit.proto.Exception_pb2 import Exception as ExceptionProto

ROOT = Path(__file__).resolve().parent.parent
GEHEIM_PAD = str(ROOT / "schouders" / "store.py")


def _config_waarde() -> str:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return config["client"]["showErrorDetails"]


def test_config_hides_error_details():
    assert _config_waarde() == "none"  # the most restrictive of full, stacktrace, type, none


@pytest.fixture
def met_onze_config():
    oud = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", _config_waarde())
    yield
    st_config.set_option("client.showErrorDetails", oud)


def _onverwacht() -> ExceptionProto:
    try:
        raise OSError(f"[Errno 13] Permission denied: '{GEHEIM_PAD}'")
    except OSError as exc:
        proto = ExceptionProto()
        marshall(proto, exc, apply_show_error_details=True)  # what Streamlit does for an uncaught error
        return proto


def test_an_uncaught_error_sends_no_path_type_or_trace(met_onze_config):
    proto = _onverwacht()
    verstuurd = str(proto)
    assert GEHEIM_PAD not in verstuurd
    assert str(ROOT) not in verstuurd
    assert "OSError" not in verstuurd and "PermissionError" not in verstuurd
    assert not list(proto.stack_trace)


def test_the_default_would_send_the_path():
    """Without the setting Streamlit sends everything ('full'): the reason for the setting."""
    oud = st_config.get_option("client.showErrorDetails")
    st_config.set_option("client.showErrorDetails", "full")
    try:
        assert GEHEIM_PAD in str(_onverwacht())
    finally:
        st_config.set_option("client.showErrorDetails", oud)


def test_dutch_messages_from_the_app_still_show(app_test, db_path, met_onze_config):
    """A StoreError in Dutch reaches the procesbegeleider through st.error, whatever showErrorDetails says."""
    db_path.write_text('{"_meta": {"1": {"app": "schouders", "schema": 999}}}', encoding="utf-8")
    at = app_test().run()
    assert any("nieuwere versie van Schouders" in e.value for e in at.error)
