"""Meedoen: rounds, codes, submissions and their guard rails (pure), and both sides of the page (AppTest)."""

from __future__ import annotations

import pytest

from schouders import meedoen, methode
from schouders.model import Knelpunt, Quickscanpunt, Ronde, Traject
from schouders.trajecten import kopieer


@pytest.fixture
def traject(store) -> Traject:
    t = Traject(naam="Werkplaats Rivierstad")
    store.add(t)
    return t


# ---- codes ------------------------------------------------------------------------------------------


def test_codes_are_short_and_unambiguous():
    codes = {meedoen.nieuwe_code() for _ in range(300)}
    assert len(codes) == 300
    for c in codes:
        assert len(c) == meedoen.CODE_LENGTE
        assert not set(c) & set("0O1IL")
        assert meedoen.geldig_formaat(c)


def test_new_code_avoids_codes_in_use():
    reeks = iter("AAAAAA" + "BBBBBB")
    assert meedoen.nieuwe_code({"AAAAAA"}, kies=lambda _: next(reeks)) == "BBBBBB"


@pytest.mark.parametrize(("typed", "code"), [(" k7tm-4q ", "K7TM4Q"), ("K7 TM 4Q", "K7TM4Q"), (None, "")])
def test_typed_code_is_normalised(typed, code):
    assert meedoen.normaliseer_code(typed) == code


def test_ronde_validates_in_dutch():
    with pytest.raises(ValueError, match="stap 2 of stap 4"):
        Ronde(traject_id="t", stap=6, code="ABCDEF")
    with pytest.raises(ValueError, match="Alleen een ronde voor stap 4"):
        Ronde(traject_id="t", stap=2, gebied="keten", code="ABCDEF")
    with pytest.raises(ValueError, match="letters en cijfers"):
        Ronde(traject_id="t", stap=4, code="<b>")
    assert Ronde(traject_id="t", stap=4, gebied="keten", code="abcdef").code == "ABCDEF"


# ---- rounds -----------------------------------------------------------------------------------------


def test_open_round_closes_the_previous_one_in_one_write(store, traject):
    eerste = meedoen.open_ronde(store, traject.id, 2)
    writes = store.writes
    tweede = meedoen.open_ronde(store, traject.id, 4, "keten")
    assert store.writes == writes + 1
    snap = store.snapshot()
    assert not snap.get("ronde", eerste.id).open
    assert meedoen.open_ronde_van(snap, traject.id) == tweede
    assert tweede.code != eerste.code and tweede.gebied == "keten"


def test_submission_becomes_knelpunt_with_author_and_round(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    k = meedoen.dien_in(store, ronde.code.lower(), "  De overdracht loopt stroef  ", naam="Ayşe", gebied="keten")
    assert isinstance(k, Knelpunt)
    stored = store.snapshot().get("knelpunt", k.id)
    assert (stored.tekst, stored.auteur, stored.gebied, stored.meedoen_id) == (
        "De overdracht loopt stroef",
        "Ayşe",
        "keten",
        ronde.id,
    )
    anoniem = meedoen.dien_in(store, ronde.code, "Te weinig tijd")
    assert anoniem.auteur == "" and anoniem.gebied is None
    assert [i.id for i in meedoen.items(store.snapshot(), ronde)] == [k.id, anoniem.id]


def test_round_for_one_gebied_places_everything_there(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4, "kennis")
    k = meedoen.dien_in(store, ronde.code, "Regels onbekend", gebied="keten")
    assert k.gebied == "kennis"


def test_quickscan_round_needs_succes_or_verbeter(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 2)
    with pytest.raises(ValueError, match="goed gaat of iets dat beter kan"):
        meedoen.dien_in(store, ronde.code, "Fijne samenwerking")
    p = meedoen.dien_in(store, ronde.code, "Fijne samenwerking", soort="succes", naam="Bram")
    assert isinstance(p, Quickscanpunt) and p.soort == "succes" and p.auteur == "Bram"
    assert p.meedoen_id == ronde.id


def test_html_is_stored_as_the_plain_text_that_was_typed(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    tekst = '<b>vet</b> & <img src=x onerror="alert(1)"> [link](http://x)'
    k = meedoen.dien_in(store, ronde.code, tekst)
    assert store.snapshot().get("knelpunt", k.id).tekst == tekst


def test_control_and_direction_characters_are_removed(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    k = meedoen.dien_in(store, ronde.code, "a\x00b\u202ec\r\nd\x07")
    assert k.tekst == "abc\nd"


@pytest.mark.parametrize(
    ("kwargs", "melding"),
    [
        ({"code": "", "tekst": "iets"}, "Vul de code in"),
        ({"code": "ZZZZZZ", "tekst": "iets"}, "werkt niet"),
        ({"code": "<script>", "tekst": "iets"}, "werkt niet"),
        ({"tekst": "   "}, "leeg"),
        ({"tekst": "x" * (meedoen.MAX_TEKST + 1)}, "te lang"),
        ({"tekst": "iets", "naam": "n" * (meedoen.MAX_NAAM + 1)}, "te lang"),
    ],
)
def test_refused_submissions_add_nothing(store, traject, kwargs, melding):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    kwargs = {"code": ronde.code, **kwargs}
    writes = store.writes
    with pytest.raises(ValueError, match=melding):
        meedoen.dien_in(store, kwargs.pop("code"), kwargs.pop("tekst"), **kwargs)
    assert store.writes == writes
    assert not store.snapshot().of("knelpunt", traject.id)


def test_new_code_or_closing_locks_everyone_out(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    oud = ronde.code
    nieuw = meedoen.vernieuw_code(store, ronde.id)
    assert nieuw.code != oud
    with pytest.raises(ValueError, match="werkt niet"):
        meedoen.dien_in(store, oud, "met de oude code")
    meedoen.dien_in(store, nieuw.code, "met de nieuwe code")
    meedoen.sluit(store, ronde.id)
    with pytest.raises(ValueError, match="werkt niet"):
        meedoen.dien_in(store, nieuw.code, "na het sluiten")
    assert [k.tekst for k in store.snapshot().of("knelpunt", traject.id)] == ["met de nieuwe code"]


def test_archived_or_deleted_traject_refuses(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    store.update("traject", traject.id, gearchiveerd=True)
    assert meedoen.zoek(store.snapshot(), ronde.code) is None
    store.update("traject", traject.id, gearchiveerd=False)
    assert meedoen.zoek(store.snapshot(), ronde.code) == ronde
    store.delete_traject(traject.id)
    assert meedoen.zoek(store.snapshot(), ronde.code) is None


def test_a_copied_traject_does_not_share_an_open_code(store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4)
    kopie = kopieer(store.snapshot(), traject.id)
    rondes = [o for o in kopie if o.kind == "ronde"]
    assert rondes and not any(r.open for r in rondes)
    store.add_many(kopie)
    assert meedoen.zoek(store.snapshot(), ronde.code).traject_id == traject.id


def test_old_data_without_meedoen_fields_still_loads():
    k = Knelpunt.from_dict({"traject_id": "t", "tekst": "oud", "id": "k1"})
    q = Quickscanpunt.from_dict({"traject_id": "t", "tekst": "oud", "soort": "succes", "id": "q1"})
    assert k.meedoen_id is None and q.meedoen_id is None


def test_participant_question_uses_the_method_words():
    assert "Quickscan" in meedoen.opdracht(Ronde(traject_id="t", stap=2, code="ABCDEF"))
    een = Ronde(traject_id="t", stap=4, gebied="randvoorwaarden", code="ABCDEF")
    assert "randvoorwaarden" in meedoen.opdracht(een)
    assert meedoen.vragen(een) == methode.GEBIED_BY_KEY["randvoorwaarden"].prompts[:3]
    assert meedoen.kies_gebied(Ronde(traject_id="t", stap=4, code="ABCDEF"))
    assert not meedoen.kies_gebied(een)


# ---- rate limit -------------------------------------------------------------------------------------


def test_rate_limit_is_a_sliding_window():
    b = meedoen.Begrenzer(max_aantal=3, venster_s=60)
    assert [b.probeer(t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert b.wacht_s(3) == pytest.approx(57)
    assert not b.probeer(59.9)
    assert b.probeer(60.5)  # the attempt at 0 has left the window
    assert not b.probeer(60.6)


# ---- the page (AppTest) -----------------------------------------------------------------------------


def _meedoen_page(app_test, tid, **query):
    at = app_test()
    at.session_state["traject_id"] = tid
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/meedoen.py").run()
    assert not at.exception, at.exception
    return at


def test_procesbegeleider_opens_round_and_sees_code(app_test, store, traject):
    at = _meedoen_page(app_test, traject.id)
    assert any("serve-room" in i.value for i in at.info)  # not served to the room: says how
    at.radio(key="md_pb_stap").set_value(2).run()
    at.button(key="md_pb_open").click().run()
    ronde = meedoen.open_ronde_van(store.snapshot(), traject.id)
    assert ronde is not None and ronde.stap == 2
    assert any(ronde.code in s.value for s in at.success)
    at.button(key="md_pb_nieuw").click().run()
    assert meedoen.open_ronde_van(store.snapshot(), traject.id).code != ronde.code
    at.button(key="md_pb_sluit").click().run()
    assert meedoen.open_ronde_van(store.snapshot(), traject.id) is None


def test_participant_form_adds_only_with_a_valid_code(app_test, store, traject):
    ronde = meedoen.open_ronde(store, traject.id, 4, "keten")
    at = _meedoen_page(app_test, traject.id, als="deelnemer")
    # the participant sees nothing of the traject
    tekst = " ".join(str(e.value) for e in (*at.markdown, *at.caption, *at.title, *at.subheader))
    assert traject.naam not in tekst
    at.text_input(key="md_code_invoer").set_value("ZZZZZZ")
    at.button[0].click().run()
    assert any("werkt niet" in e.value for e in at.error)
    at.text_input(key="md_code_invoer").set_value(ronde.code.lower())
    at.button[0].click().run()
    assert any("keten" in s.value for s in at.subheader)
    at.text_input(key="md_naam").set_value("Ayşe")
    at.text_area(key="md_tekst").set_value("<i>Overdracht</i> hapert")
    next(b for b in at.button if b.label == "Versturen").click().run()
    assert not at.exception
    ks = store.snapshot().of("knelpunt", traject.id)
    assert [(k.tekst, k.auteur, k.gebied) for k in ks] == [("<i>Overdracht</i> hapert", "Ayşe", "keten")]
    assert "<i>Overdracht</i> hapert" in [t.value for t in at.text]  # own items, as plain text
    # the code changes: the next submission is refused and the code form comes back
    meedoen.vernieuw_code(store, ronde.id)
    at.text_area(key="md_tekst").set_value("nog een")
    next(b for b in at.button if b.label == "Versturen").click().run()
    assert any("werkt niet" in e.value for e in at.error)
    assert len(store.snapshot().of("knelpunt", traject.id)) == 1
    assert at.text_input(key="md_code_invoer") is not None
