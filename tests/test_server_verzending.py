"""A sent form keeps its values until its callback has run (schouders.server.houd_formulieren_apart).

Streamlit's own request queue, without the patch, loses the knelpunt typed just before the gebied box was
clicked: the browser had already emptied the form, and the newer, empty value won. These tests drive the
queue as the ScriptRunner does (a request arrives, the script takes it at its next yield), with widget states
as the browser sends them."""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType

from schouders.server import houd_formulieren_apart

TEKST = "$$ID-tekst-s4_tekst"
KNOP = "$$ID-knop-FormSubmitter:s4_nieuw-Toevoegen"
GEBIED = "$$ID-gebied-s4_gebied"


class Apart(ScriptRequests):
    pass


houd_formulieren_apart(Apart)


def _verzoek(tekst: str, gebied: str, *, verzonden: bool) -> RerunData:
    staten = WidgetStates()
    w = staten.widgets.add()
    w.id, w.string_value = TEKST, tekst
    w = staten.widgets.add()
    w.id, w.string_value = GEBIED, gebied
    if verzonden:
        w = staten.widgets.add()
        w.id, w.trigger_value = KNOP, True
    return RerunData(widget_states=staten)


def _waarden(verzoek) -> dict[str, object]:
    assert verzoek is not None and verzoek.type == ScriptRequestType.RERUN
    return {w.id: getattr(w, w.WhichOneof("value")) for w in verzoek.rerun_data.widget_states.widgets}


def _running(cls: type[ScriptRequests]) -> ScriptRequests:
    q = cls()
    q.request_rerun(RerunData())  # the run that is under way
    assert q.on_scriptrunner_ready().type == ScriptRequestType.RERUN
    return q


def test_streamlit_alone_loses_the_text_sent_just_before_the_gebied_was_changed() -> None:
    """Why the patch exists: without it the submit's callback sees the emptied field."""
    q = _running(ScriptRequests)
    q.request_rerun(_verzoek("Brieven komen te laat", "kennis", verzonden=True))
    q.request_rerun(_verzoek("", "keten", verzonden=False))  # the gebied box, the browser's form already empty
    assert _waarden(q.on_scriptrunner_yield())[TEKST] == ""


def test_the_sent_text_and_its_gebied_reach_the_callback_and_the_click_comes_after() -> None:
    q = _running(Apart)
    q.request_rerun(_verzoek("Brieven komen te laat", "kennis", verzonden=True))
    q.request_rerun(_verzoek("", "keten", verzonden=False))
    eerst = _waarden(q.on_scriptrunner_yield())
    assert eerst[TEKST] == "Brieven komen te laat" and eerst[GEBIED] == "kennis" and eerst[KNOP] is True
    assert q.on_scriptrunner_yield() is None  # the session state's step before the callbacks: no preemption
    q.callbacks_klaar()
    daarna = _waarden(q.on_scriptrunner_yield())  # the run of the submit is preempted after its callbacks
    assert daarna[GEBIED] == "keten" and daarna[TEKST] == ""
    assert q.on_scriptrunner_yield() is None


def test_two_enters_while_the_script_is_busy_are_two_callbacks_in_order() -> None:
    q = _running(Apart)
    for i in range(3):
        q.request_rerun(_verzoek(f"Knelpunt {i}", "kennis", verzonden=True))
    q.request_rerun(_verzoek("", "kennis", verzonden=False))  # a fragment's timer
    gezien = []
    for _ in range(4):
        gezien.append(_waarden(q.on_scriptrunner_yield())[TEKST])
        q.callbacks_klaar()
    assert gezien == ["Knelpunt 0", "Knelpunt 1", "Knelpunt 2", ""]
    assert q.on_scriptrunner_yield() is None


def test_what_waits_in_line_runs_when_the_script_ends() -> None:
    q = _running(Apart)
    q.request_rerun(_verzoek("Knelpunt A", "kennis", verzonden=True))
    q.request_rerun(_verzoek("Knelpunt B", "keten", verzonden=True))
    assert _waarden(q.on_scriptrunner_yield())[TEKST] == "Knelpunt A"
    # the script ran to its end without another st. call: B is taken at the end
    assert _waarden(q.on_scriptrunner_ready())[TEKST] == "Knelpunt B"
    assert q.on_scriptrunner_ready().type == ScriptRequestType.STOP


@pytest.mark.parametrize("verzonden", [False, True])
def test_without_a_waiting_submit_requests_fold_as_streamlit_folds_them(verzonden: bool) -> None:
    q = _running(Apart)
    q.request_rerun(_verzoek("", "kennis", verzonden=False))
    q.request_rerun(_verzoek("Knelpunt C", "keten", verzonden=verzonden))
    w = _waarden(q.on_scriptrunner_yield())
    assert w[GEBIED] == "keten" and w[TEKST] == "Knelpunt C"
    assert q.on_scriptrunner_yield() is None


def test_a_request_that_comes_while_the_submit_s_callbacks_are_pending_waits() -> None:
    """The run that took the submit is not stopped before its callback (Streamlit's own step before them)."""
    q = _running(Apart)
    q.request_rerun(_verzoek("Knelpunt E", "kennis", verzonden=True))
    assert _waarden(q.on_scriptrunner_yield())[TEKST] == "Knelpunt E"
    q.request_rerun(_verzoek("", "keten", verzonden=False))  # arrives between taking the submit and its callback
    assert q.on_scriptrunner_yield() is None
    q.callbacks_klaar()
    assert _waarden(q.on_scriptrunner_yield())[GEBIED] == "keten"


def test_a_stopped_session_takes_no_more_requests() -> None:
    q = _running(Apart)
    q.request_rerun(_verzoek("Knelpunt D", "kennis", verzonden=True))
    q.request_stop()
    assert q.request_rerun(_verzoek("", "kennis", verzonden=False)) is False


def test_a_form_is_under_way_from_its_send_until_its_callbacks() -> None:
    """What laat_formulier_uitlopen asks before it lets a whole-page request stop the script."""
    q = _running(Apart)
    assert not q.formulier_onderweg()
    q.request_rerun(_verzoek("Knelpunt F", "kennis", verzonden=True))
    assert q.formulier_onderweg()  # waiting
    q.on_scriptrunner_yield()
    assert q.formulier_onderweg()  # taken, callbacks not yet run
    q.callbacks_klaar()
    assert not q.formulier_onderweg()
    q.request_rerun(_verzoek("", "keten", verzonden=False))
    assert not q.formulier_onderweg()  # an ordinary click: Streamlit's own way
