"""AppTest of the meeting page and steps 8–10: on the demo werkplaats and on empty trajecten."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schouders import planning
from schouders.datums import datum_nl
from schouders.demo import WERKPLAATS
from schouders.model import Actie, Knelpunt
from schouders.trajecten import nieuw_traject
from schouders.ui import common as ui
from tests.helpers.kaarten import kaart_labels

PAGES = (
    "pages/bijeenkomsten.py",
    "pages/stap8_uitvoeren.py",
    "pages/stap9_evalueren.py",
    "pages/stap10_bijsturen.py",
)


def _errors(at) -> list[str]:
    return [e.value for e in at.exception]


def _open(app_test, tid: str, page: str):
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page(page).run()
    assert not _errors(at), _errors(at)
    return at


def _werkplaats(store):
    return next(t for t in store.snapshot().all("traject") if t.naam == WERKPLAATS)


def _kaarten(at) -> list[str]:
    """The labels of the cards that open a popover (stap 8's actions), as markdown."""
    return kaart_labels(at)


def _teksten(at) -> str:
    return "\n".join(
        [x.value for x in at.text]
        + _kaarten(at)
        + [x.value for x in at.markdown]
        + [x.value for x in at.caption]
        + [x.value for x in at.info]
        + [x.value for x in at.warning]
    )


def _submit(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not _errors(at), _errors(at)
    return at


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("werkvorm", "met_plan"), [("werkplaats", False), ("werkplaats", True), ("leernetwerk", True), ("themadag", True)]
)
def test_pages_open_on_an_empty_traject(app_test, store, page, werkvorm, met_plan):
    t = nieuw_traject(store, f"Leeg {werkvorm}", werkvorm, met_plan=met_plan, start=date(2027, 1, 4))
    at = _open(app_test, t.id, page)
    tekst = _teksten(at)
    if page.endswith(("stap8_uitvoeren.py", "stap10_bijsturen.py")):
        assert "nog geen acties" in tekst.lower()
    if page.endswith("bijeenkomsten.py") and not met_plan:
        assert "nog geen bijeenkomsten" in tekst


@pytest.mark.parametrize("page", PAGES)
def test_pages_open_on_the_demo(app_test, demo_store, page):
    _open(app_test, _werkplaats(demo_store).id, page)


# ---- bijeenkomsten --------------------------------------------------------------------------------


def test_meeting_page_opens_with_goal_done_so_far_and_the_plan(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    items = planning.gesorteerd(snap, t.id)
    at = _open(app_test, t.id, "pages/bijeenkomsten.py")
    tekst = _teksten(at)
    assert "Over een jaar krijgt 80%" in tekst  # the bigger goal first
    assert "Stappen met resultaat: 1. Vraagstuk" in tekst
    assert "Doel in twee rondes aangescherpt." in tekst  # the previous meeting's verslag
    plan = at.table[0].value
    assert plan["Nr"].tolist() == list(range(1, 9))
    assert plan["Datum"].tolist()[0] == datum_nl(items[0].datum)
    assert all(d.split(" ")[0] in ("ma", "di", "wo", "do", "vr", "za", "zo") for d in plan["Datum"])
    # today's or the latest earlier meeting is chosen, app-wide
    assert at.session_state["bijeenkomst_id"] == items[2].id
    acties = at.table[-1].value
    assert ui.esc("Lunchsessie voor consulenten: wanneer zijn schulden problematisch?") in acties["Actie"].tolist()


def test_record_a_meeting_intention_attendance_and_verslag(app_test, demo_store):
    t = _werkplaats(demo_store)
    items = planning.gesorteerd(demo_store.snapshot(), t.id)
    at = _open(app_test, t.id, "pages/bijeenkomsten.py")
    b4 = items[3]
    at.selectbox(key="_bijeenkomst_picker").set_value(b4.id).run()
    assert at.session_state["bijeenkomst_id"] == b4.id

    def widget(kind, prefix):
        return next(w for w in getattr(at, kind) if w.key and w.key.startswith(prefix))

    widget("text_area", "bk_intentie_").input("Kijken wat de eerste acties opleverden.")
    widget("text_area", "bk_agenda_").input("Terugblik\nStap 9\nStap 10")
    widget("radio", "bk_vorm_").set_value("online")
    widget("number_input", "bk_duur_").set_value(3.0)
    mensen = [d.id for d in demo_store.snapshot().of("deelnemer", t.id)]
    widget("multiselect", "bk_aanwezig_").set_value(mensen[:3])
    _submit(at, "Bijeenkomst opslaan")
    b = demo_store.snapshot().get("bijeenkomst", b4.id)
    assert b.intentie == "Kijken wat de eerste acties opleverden."
    assert b.agenda.splitlines() == ["Terugblik", "Stap 9", "Stap 10"]
    assert b.online and b.duur_uren == 3.0 and b.aanwezigen == tuple(mensen[:3])
    assert any("2,5 uur" in w.value for w in at.warning)  # online limit of a werkplaats

    widget("text_area", "bk_verslag_").input("Besloten: formulier eerst testen bij twee consulenten.")
    _submit(at, "Verslag opslaan")
    assert demo_store.snapshot().get("bijeenkomst", b4.id).verslag.startswith("Besloten: formulier")

    at.text_input(key="bk_kn_tekst").input("Consulenten vergeten het formulier")
    at.selectbox(key="bk_kn_gebied").set_value("kunde")
    _submit(at, "Noteren")
    (k,) = [k for k in demo_store.snapshot().of("knelpunt", t.id) if k.bijeenkomst_id == b4.id]
    assert (k.tekst, k.gebied) == ("Consulenten vergeten het formulier", "kunde")
    nieuw = at.table[1].value
    assert nieuw["Knelpunt"].tolist() == ["Consulenten vergeten het formulier"]
    assert nieuw["Herkomst"].tolist() == [ui.esc(f"uit stap 4, bijeenkomst 4 ({datum_nl(b4.datum)})")]


def test_meeting_shows_its_newest_20_knelpunten_and_says_how_many_more(app_test, store):
    t = nieuw_traject(store, "Themadag", "themadag")
    b = planning.gesorteerd(store.snapshot(), t.id)[0]
    store.add_many(
        [
            Knelpunt(
                traject_id=t.id, tekst=f"Knelpunt {i:02d}", bijeenkomst_id=b.id, aangemaakt=f"2026-03-01T10:{i:02d}"
            )
            for i in range(25)
        ]
    )
    at = _open(app_test, t.id, "pages/bijeenkomsten.py")
    at.selectbox(key="_bijeenkomst_picker").set_value(b.id).run()
    (tabel,) = [x.value for x in at.table if "Herkomst" in x.value.columns]
    assert tabel["Knelpunt"].tolist() == [f"Knelpunt {i:02d}" for i in range(24, 4, -1)]
    assert any("De nieuwste 20 van 25" in c.value for c in at.caption)


def test_adjust_the_plan_add_move_shift_remove(app_test, store):
    t = nieuw_traject(store, "Werkplaats plan", "werkplaats", start=date(2027, 1, 4))
    at = _open(app_test, t.id, "pages/bijeenkomsten.py")
    at.button(key="bk_toevoegen").click().run()
    items = planning.gesorteerd(store.snapshot(), t.id)
    assert len(items) == 9 and at.session_state["bijeenkomst_id"] == items[8].id
    assert items[8].datum == items[7].datum + timedelta(days=28)
    assert len(at.table[0].value) == 9

    at.selectbox(key="_bijeenkomst_picker").set_value(items[1].id).run()
    at.button(key="bk_later").click().run()
    na = planning.gesorteerd(store.snapshot(), t.id)
    assert na[2].id == items[1].id and na[2].datum == items[2].datum

    at.number_input(key="bk_dagen").set_value(14)
    at.button(key="bk_verschuif").click().run()
    na2 = planning.gesorteerd(store.snapshot(), t.id)
    assert na2[2].datum == na[2].datum + timedelta(days=14) and na2[1].datum == na[1].datum

    store.add(Actie(traject_id=t.id, wat="Bellen", ronde_id=items[1].id))
    at.run()
    at.button(key="bk_verwijder").click().run()
    assert any("kan niet weg" in e.value for e in at.error)
    assert len(planning.gesorteerd(store.snapshot(), t.id)) == 9

    at.selectbox(key="_bijeenkomst_picker").set_value(items[8].id).run()
    at.button(key="bk_verwijder").click().run()
    assert len(planning.gesorteerd(store.snapshot(), t.id)) == 8
    assert not _errors(at)


# ---- stap 8 ---------------------------------------------------------------------------------------


def test_board_shows_overdue_and_moves_status(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, t.id, "pages/stap8_uitvoeren.py")
    tekst = _teksten(at)
    assert "TE LAAT" in tekst  # a text label, not only colour
    assert "1 te laat" in tekst
    assert "Gepland** (1)" in tekst and "Klaar** (1)" in tekst
    a2 = next(a for a in demo_store.snapshot().of("actie", t.id) if a.wat.startswith("Toestemmingsformulier"))
    assert any(datum_nl(a2.deadline) in label for label in _kaarten(at))
    at.session_state[f"s8_kaart_{a2.id}"] = True  # click the card: its status choice opens
    at.run()
    at.radio(key=f"s8_status_{a2.id}").set_value("klaar").run()
    assert not _errors(at)
    assert demo_store.snapshot().get("actie", a2.id).status == "klaar"
    assert "TE LAAT" not in _teksten(at)
    assert any("staat nu op 'klaar'" in s.value for s in at.success)


def test_board_shows_the_first_cards_of_a_long_column_and_all_on_request(app_test, store):
    t = nieuw_traject(store, "Veel acties", "werkplaats", met_plan=False)
    acties = [
        Actie(traject_id=t.id, wat=f"Actie {i:02d}", deadline=date(2030, 1, 1) + timedelta(days=i)) for i in range(11)
    ]
    store.add_many(acties)
    at = _open(app_test, t.id, "pages/stap8_uitvoeren.py")
    assert "Gepland** (11)" in _teksten(at)

    def titels() -> list[str]:
        return [label.split("\n\n")[0] for label in _kaarten(at)]

    assert titels() == [f"Actie {i:02d}" for i in range(8)]  # earliest deadlines first
    _submit(at, "Toon alle 11")
    assert titels() == [a.wat for a in acties]
    _submit(at, "Toon de eerste 8")
    assert len(titels()) == 8


# ---- stap 9 ---------------------------------------------------------------------------------------


def test_evaluate_an_action_and_add_a_knelpunt_in_one_write(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    a1 = next(a for a in snap.of("actie", t.id) if a.status == "bezig")
    at = _open(app_test, t.id, "pages/stap9_evalueren.py")
    bijeenkomst = at.session_state["bijeenkomst_id"]
    assert bijeenkomst is not None
    at.selectbox(key="s9_actie").set_value(a1.id)
    at.text_area(key="s9_bijdrage").input("Ja, de eerste gesprekken gaan sneller")
    at.text_area(key="s9_nieuwe_knelpunten").input("Ja: de agenda's lopen vol")
    at.text_area(key="s9_verschuiving").input("Overdracht gaat beter")
    at.text_area(key="s9_bijeffecten").input("Meer overleg")
    at.text_input(key="s9_kn_0").input("Agenda's van consulenten lopen vol")
    at.selectbox(key="s9_kn_gebied_0").set_value("randvoorwaarden")
    before = demo_store.writes
    _submit(at, "Evaluatie opslaan")
    assert demo_store.writes == before + 1
    snap = demo_store.snapshot()
    e = next(e for e in snap.of("evaluatie", t.id) if e.actie_id == a1.id)
    assert e.bijeenkomst_id == bijeenkomst and len(e.antwoorden) == 4
    k = snap.get("knelpunt", e.nieuwe_knelpunt_ids[0])
    assert (k.gebied, k.bron_stap, k.bron_id, k.bijeenkomst_id) == ("randvoorwaarden", 9, e.id, bijeenkomst)
    assert any("1 nieuw knelpunt toegevoegd" in s.value for s in at.success)
    assert at.text_area(key="s9_bijdrage").value == ""  # cleared for the next one
    assert "Agenda's van consulenten lopen vol (Randvoorwaarden)" in _teksten(at)


def test_evaluation_without_answers_is_refused_and_keeps_the_text(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, t.id, "pages/stap9_evalueren.py")
    n = len(demo_store.snapshot().all("evaluatie"))
    at.selectbox(key="s9_actie").set_value("")
    at.text_input(key="s9_onderwerp").input("Nieuwe werkwijze")
    at.text_input(key="s9_kn_0").input("Iets nieuws")
    _submit(at, "Evaluatie opslaan")
    assert any("minstens één" in e.value for e in at.error)
    assert len(demo_store.snapshot().all("evaluatie")) == n
    assert at.text_input(key="s9_kn_0").value == "Iets nieuws"


# ---- stap 10 --------------------------------------------------------------------------------------


def test_adjust_stop_and_follow_up_actions(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    a2 = next(a for a in snap.of("actie", t.id) if a.wat.startswith("Toestemmingsformulier"))
    hakim = next(d for d in snap.of("deelnemer", t.id) if d.naam == "Hakim Benali")
    at = _open(app_test, t.id, "pages/stap10_bijsturen.py")
    tekst = _teksten(at)
    assert "begint met stap 9 en 10" in tekst  # werkplaats: the next meeting opens with 9 and 10
    assert any(p.proto.page == "stap3_doel" for p in at.get("page_link"))  # "adjust the goal" → stap 3
    at.selectbox(key="s10_actie").set_value(a2.id).run()

    nieuw = date.today() + timedelta(days=21)
    next(w for w in at.date_input if w.key.startswith("s10_deadline_")).set_value(nieuw)
    next(w for w in at.selectbox if w.key.startswith("s10_eigenaar_")).set_value(hakim.id)
    _submit(at, "Aanpassing opslaan")
    a = demo_store.snapshot().get("actie", a2.id)
    assert (a.deadline, a.eigenaar_id) == (nieuw, hakim.id)
    assert datum_nl(nieuw) in at.dataframe[-1].value["Deadline"].tolist()

    next(w for w in at.text_input if w.key.startswith("s10_vervolg_wat_")).input(
        "Formulier laten toetsen door de privacy-adviseur"
    )
    next(w for w in at.date_input if w.key.startswith("s10_vervolg_deadline_")).set_value(nieuw + timedelta(days=14))
    _submit(at, "Vervolgactie toevoegen")
    v = next(x for x in demo_store.snapshot().of("actie", t.id) if x.vervolg_op == a2.id)
    assert v.wat == "Formulier laten toetsen door de privacy-adviseur"
    assert v.eigenaar_id == hakim.id and v.ronde_id == at.session_state["bijeenkomst_id"]
    assert v.deadline == nieuw + timedelta(days=14)
    plan = at.dataframe[-1].value
    assert plan.loc[plan["Actie"] == v.wat, "Vervolg op"].item() == a2.wat
    assert next(w for w in at.text_input if w.key.startswith("s10_vervolg_wat_")).value == ""

    next(b for b in at.button if b.key and b.key.startswith("s10_stop_")).click().run()
    assert demo_store.snapshot().get("actie", a2.id).status == "gestopt"
    assert "Gestopt" in at.dataframe[-1].value["Status"].tolist()


def test_mark_knelpunten_resolved(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    a3 = next(a for a in snap.of("actie", t.id) if a.status == "klaar")
    at = _open(app_test, t.id, "pages/stap10_bijsturen.py")
    at.selectbox(key="s10_actie").set_value(a3.id).run()
    ms = next(w for w in at.multiselect if w.key.startswith("s10_opgelost_"))
    kid = ms.options and next(iter(demo_store.snapshot().get("richting", a3.richting_id).knelpunt_ids))
    ms.set_value([kid])
    _submit(at, "Opgelost opslaan")
    assert demo_store.snapshot().get("knelpunt", kid).opgelost == date.today()
    assert any(c.value.startswith(f"Opgelost op {datum_nl(date.today())}") for c in at.caption)


def test_next_meeting_can_be_set_to_open_with_steps_9_and_10(app_test, store):
    t = nieuw_traject(store, "Werkplaats opening", "werkplaats", start=date.today() - timedelta(days=60))
    items = planning.gesorteerd(store.snapshot(), t.id)
    volgende = planning.volgende_bijeenkomst(items, date.today())
    store.update("bijeenkomst", volgende.id, stappen=(5, 6))
    store.add(Actie(traject_id=t.id, wat="Iets proberen", ronde_id=items[0].id))
    at = _open(app_test, t.id, "pages/stap10_bijsturen.py")
    assert any("begint nu met" in w.value for w in at.warning)
    at.button(key="s10_opening").click().run()
    assert store.snapshot().get("bijeenkomst", volgende.id).stappen == (9, 10, 5, 6)
    assert "begint met stap 9 en 10" in _teksten(at)
