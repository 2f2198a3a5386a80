"""Stap 6 and 7 pages under AppTest: the demo werkplaats, an empty traject, no traject, a leernetwerk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from schouders import methode
from schouders import prioriteren as prio
from schouders.demo import WERKPLAATS
from schouders.model import Actie, Bijeenkomst, Deelnemer, Knelpunt, Oplossingsrichting, Traject, Vraagstuk
from schouders.trajecten import nieuw_traject
from tests.helpers.formulier import wist_zichzelf
from tests.helpers.kaarten import kaart_labels

STAP6 = "pages/stap6_oplossingsrichtingen.py"
STAP7 = "pages/stap7_acties.py"


DELEN = ("1. Wat kunnen we oplossen?", "2. Belang en quick win", "3. De matrix", "4. Oplossingsrichtingen")


def _open(app_test, page: str, tid: str | None, deel: int | None = None):
    """Open a page; for stap 6 `deel` is the tab to open (what clicking it does: it is remembered)."""
    at = app_test()
    if tid:
        at.session_state["traject_id"] = tid
    if deel:
        at.session_state["s6_deel_gekozen"] = DELEN[deel - 1]
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _kaarten(at) -> list[str]:
    """The labels of the cards that open a popover (stap 6's richtingen), as markdown."""
    return kaart_labels(at)


def _md(at) -> str:
    return "\n".join([m.value for m in at.markdown] + _kaarten(at))


def _werkplaats(store):
    return next(t for t in store.snapshot().all("traject") if t.naam == WERKPLAATS)


def _knelpunt(store, tid: str, tekst: str) -> Knelpunt:
    return next(k for k in store.snapshot().of("knelpunt", tid) if k.tekst == tekst)


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


# ---- no traject, empty traject -------------------------------------------------------------------------


@pytest.mark.parametrize("page", [STAP6, STAP7])
def test_no_traject_shows_the_way(app_test, store, page):
    at = _open(app_test, page, None)
    assert any("nog geen traject" in i.value for i in at.info)


def test_empty_traject_stap6(app_test, store):
    t = nieuw_traject(store, "Leeg", "werkplaats")
    at = _open(app_test, STAP6, t.id, deel=3)
    assert any("nog geen knelpunten" in i.value for i in at.info)
    assert not at.error
    for q in prio.KWADRANTEN:
        assert f"**{q.label}** · 0" in _md(at)


def test_empty_traject_stap7(app_test, store):
    t = nieuw_traject(store, "Leeg", "werkplaats")
    at = _open(app_test, STAP7, t.id)
    assert any("nog geen oplossingsrichtingen" in i.value for i in at.info)
    assert not at.warning
    assert "Huidige ronde" in "\n".join(c.value for c in at.caption)


# ---- stap 6 on the demo --------------------------------------------------------------------------------


def test_demo_quadrants_and_terugblik(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=3)
    md = _md(at)
    # the demo's scores: 4 eerst doen, 2 langere adem, 1 quick win, 3 later
    for label, n in [("Eerst doen", 4), ("Langere adem", 2), ("Quick win", 1), ("Later", 3)]:
        assert f"**{label}** · {n}" in md
    at.session_state["s6_deel_gekozen"] = DELEN[0]
    at.run()
    assert not at.error  # no essential knelpunt is onoplosbaar in the demo
    at.session_state["s6_deel_gekozen"] = DELEN[3]
    at.run()
    md = _md(at)
    teksten = "\n".join(x.value for x in at.text)
    assert "✓ Werk en Inkomen vraagt bij de aanvraag al naar schulden" in teksten  # succespunt of stap 2
    assert "• Een gezamenlijk intakeformulier voor beide afdelingen" in teksten  # parked solution
    assert "**Warme overdracht bij de bijstandsaanvraag** · 2 actie(s)" in md


def test_only_the_open_part_runs_and_verder_walks_the_parts_in_order(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id)
    assert [tab.label for tab in at.tabs] == list(DELEN)

    def inhoud() -> dict[str, int]:
        return {
            "tabellen": len(at.get("dataframe")),
            "matrix": len(at.get("plotly_chart")),
            "formulier": len([f for f in at.get("form") if f.proto.form.form_id == "s6_nieuwe_richting"]),
        }

    assert inhoud() == {"tabellen": 1, "matrix": 0, "formulier": 0}  # part 1: the oplosbaarheid table only
    for naar, verwacht in [
        (2, {"tabellen": 1, "matrix": 0, "formulier": 0}),  # the score table
        (3, {"tabellen": 4, "matrix": 1, "formulier": 0}),  # the matrix and the four quadrant tables
        (4, {"tabellen": 0, "matrix": 0, "formulier": 1}),
    ]:
        _button(at, f"Verder: {DELEN[naar - 1]}").click().run()
        assert not at.exception
        assert at.session_state["s6_deel"] == DELEN[naar - 1]
        assert inhoud() == verwacht, naar
    assert not [b for b in at.button if b.label.startswith("Verder:")]  # the last part has none


def test_the_open_part_survives_a_page_switch(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=4)
    at.switch_page(STAP7).run()
    at.switch_page(STAP6).run()
    assert not at.exception
    assert at.session_state["s6_deel"] == DELEN[3]
    assert any(b.label == "Richting toevoegen" for b in at.button)


def test_a_table_that_comes_back_forgets_which_edits_it_applied(app_test, demo_store):
    """Back from another part the table starts from the store; an edit equal to one applied before must count."""
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id)
    at.session_state["s6_oplosbaar__verwerkt"] = (("x",), {0: {"Oplosbaarheid": "Oplosbaar"}})
    at.run()
    assert "s6_oplosbaar__verwerkt" in at.session_state  # the table stayed on screen: its record stays
    at.session_state["s6_deel_gekozen"] = DELEN[1]
    at.run()
    at.session_state["s6_deel_gekozen"] = DELEN[0]
    at.run()
    assert "s6_oplosbaar__verwerkt" not in at.session_state


def test_essential_unsolvable_shows_goal_warning_with_link(app_test, demo_store):
    t = _werkplaats(demo_store)
    k = _knelpunt(demo_store, t.id, "De wet beperkt welke gegevens zonder toestemming gedeeld mogen worden")
    demo_store.save(k.met(essentieel=True))
    at = _open(app_test, STAP6, t.id)
    assert len(at.error) == 1
    fout = at.error[0].value
    assert fout.startswith("**Het doel is zo niet haalbaar.**")
    assert "De wet beperkt welke gegevens zonder toestemming gedeeld mogen worden" in fout
    links = at.get("page_link")
    assert any(link.proto.page == "stap3_doel" and "stap 3" in link.proto.label for link in links)


def test_essential_outside_influence_is_a_softer_note(app_test, demo_store):
    t = _werkplaats(demo_store)
    k = _knelpunt(demo_store, t.id, "Systemen van de afdelingen zijn niet gekoppeld")
    demo_store.save(k.met(essentieel=True))
    at = _open(app_test, STAP6, t.id)
    assert not at.error
    assert any("buiten jullie invloed" in i.value for i in at.info)


def test_user_text_is_not_rendered_as_markdown(app_test, demo_store):
    t = _werkplaats(demo_store)
    k = _knelpunt(demo_store, t.id, "De wet beperkt welke gegevens zonder toestemming gedeeld mogen worden")
    demo_store.save(k.met(tekst="[klik](https://evil.example) **vet**", essentieel=True))
    at = _open(app_test, STAP6, t.id)
    assert "\\[klik\\]\\(https" in at.error[0].value
    assert "\\*\\*vet\\*\\*" in at.error[0].value


def test_parked_solution_becomes_a_richting_in_one_write(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=4)
    voor = demo_store.writes
    _button(at, "Maak er een richting van").click().run()
    assert not at.exception
    assert demo_store.writes == voor + 1
    snap = demo_store.snapshot()
    assert all(o.opgepakt for o in snap.of("oplossing", t.id))
    titels = [r.titel for r in snap.of("richting", t.id)]
    assert "Een gezamenlijk intakeformulier voor beide afdelingen" in titels
    assert "opgepakt als richting" in "\n".join(c.value for c in at.caption)
    nieuw = next(r for r in snap.of("richting", t.id) if r.titel.startswith("Een gezamenlijk intakeformulier"))
    assert at.session_state["s6_bewerk"] == nieuw.id  # opened for editing, to add knelpunten and kaders
    assert at.text_area(key=f"s6_r_{nieuw.id}_kaders").value == ""


def test_votes_become_belang_in_one_write(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=2)
    voor = demo_store.writes
    _button(at, "Stemmen omzetten naar belang").click().run()
    assert not at.exception
    assert demo_store.writes == voor + 1
    kn = {k.tekst: k for k in demo_store.snapshot().of("knelpunt", t.id)}
    assert kn["Consulenten weten niet wanneer schulden problematisch zijn"].belang == methode.SCORE_MAX  # 7 votes
    assert kn["Samenwerking verwatert als mensen van baan wisselen"].belang == methode.SCORE_MIN  # 0 votes
    assert kn["Systemen van de afdelingen zijn niet gekoppeld"].belang is None  # not solvable: not scored
    assert at.session_state["s6_scores_v"] == 1  # a fresh editor shows the new scores


def test_new_richting_from_the_form(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=4)
    k = _knelpunt(demo_store, t.id, "Partners weten niet precies wat de ander doet")
    at.text_input(key="s6_nr_titel").input("Elkaars werk leren kennen")
    at.multiselect(key="s6_nr_knelpunten").select(k.id)
    at.text_area(key="s6_nr_kaders").input("Binnen werktijd")
    _button(at, "Richting toevoegen").click().run()
    assert not at.exception
    r = next(r for r in demo_store.snapshot().of("richting", t.id) if r.titel == "Elkaars werk leren kennen")
    assert r.knelpunt_ids == (k.id,)
    assert r.kaders == "Binnen werktijd"
    assert wist_zichzelf(at, "s6_nieuwe_richting")  # the browser empties it for the next one
    assert any("Richting toegevoegd" in s.value for s in at.success)


def test_new_richting_without_a_name_is_refused_and_keeps_the_input(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=4)
    voor = len(demo_store.snapshot().of("richting", t.id))
    at.text_area(key="s6_nr_kaders").input("Binnen werktijd")
    _button(at, "Richting toevoegen").click().run()
    assert len(demo_store.snapshot().of("richting", t.id)) == voor
    assert any("leeg" in e.value for e in at.error)
    assert at.text_area(key="s6_nr_kaders").value == "Binnen werktijd"


def test_edit_a_richting_and_delete_only_without_actions(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP6, t.id, deel=4)
    assert not [b for b in at.button if b.label == "Richting verwijderen"]  # no edit form until asked
    eerste = sorted(demo_store.snapshot().of("richting", t.id), key=lambda r: r.aangemaakt)[0]
    at.session_state["s6_bewerk"] = eerste.id  # what clicking its card does (the browser test clicks)
    at.run()
    weg = [b for b in at.button if b.label == "Richting verwijderen"]
    assert len(weg) == 1 and weg[0].disabled  # the demo richting has actions
    rid = at.session_state["s6_bewerk"]
    at.text_area(key=f"s6_r_{rid}_kaders").input("Nieuwe kaders")
    _button(at, "Opslaan").click().run()
    assert demo_store.snapshot().get("richting", rid).kaders == "Nieuwe kaders"
    assert at.session_state["s6_bewerk"] is None

    leeg = Oplossingsrichting(traject_id=t.id, titel="Zonder acties", vraagstuk_id=None)
    demo_store.add(leeg)
    at.session_state["s6_bewerk"] = leeg.id
    at.run()
    weg = [b for b in at.button if b.label == "Richting verwijderen"]
    assert len(weg) == 1 and not weg[0].disabled
    weg[0].click().run()
    assert demo_store.snapshot().get("richting", leeg.id) is None


def test_a_long_list_of_richtingen_shows_the_newest_and_all_on_request(app_test, store):
    t = nieuw_traject(store, "Veel richtingen", "werkplaats", met_plan=False)
    begin = date(2026, 1, 1)
    richtingen = [
        Oplossingsrichting(traject_id=t.id, titel=f"Richting {i:02d}", aangemaakt=f"{begin + timedelta(days=i)}T09:00")
        for i in range(12)
    ]
    store.add_many(richtingen)
    at = _open(app_test, STAP6, t.id, deel=4)

    def titels() -> list[str]:
        return [label.split("**")[1] for label in _kaarten(at) if label.startswith("**Richting ")]

    assert titels() == [f"Richting {i:02d}" for i in range(2, 12)]  # the newest 10, oldest of those first
    assert any("nieuwste 10 van 12" in c.value for c in at.caption)
    at.session_state["s6_bewerk"] = richtingen[0].id  # the one being edited is always on screen
    at.run()
    assert titels()[0] == "Richting 00" and len(titels()) == 11
    _button(at, "Toon alle 12 richtingen").click().run()
    assert titels() == [f"Richting {i:02d}" for i in range(12)]


# ---- stap 7 on the demo --------------------------------------------------------------------------------


def _vul_actie(at, wat: str, eigenaar_id: str, ronde_id: str, deadline: date) -> None:
    at.text_input(key="s7_na_wat").input(wat)
    at.selectbox(key="s7_na_eigenaar").set_value(eigenaar_id)
    at.selectbox(key="s7_na_ronde").set_value(ronde_id)
    at.date_input(key="s7_na_deadline").set_value(deadline)
    _button(at, "Actie toevoegen").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_demo_stap7_current_round_is_full_but_not_over(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP7, t.id)
    captions = "\n".join(c.value for c in at.caption)
    assert "**Huidige ronde:** Bijeenkomst 3" in captions
    assert "3 van de 3 acties gepland" in captions
    assert not at.warning
    assert at.selectbox(key="s7_na_ronde").value == next(
        b.id for b in demo_store.snapshot().of("bijeenkomst", t.id) if b.nummer == 3
    )


def test_fourth_action_in_a_round_warns(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    ronde3 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 3)
    hakim = next(d for d in snap.of("deelnemer", t.id) if d.naam == "Hakim Benali")
    at = _open(app_test, STAP7, t.id)
    voor = demo_store.writes
    _vul_actie(at, "Navragen of er budget is", hakim.id, ronde3.id, date(2026, 12, 15))
    assert demo_store.writes == voor + 1
    nieuw = next(a for a in demo_store.snapshot().of("actie", t.id) if a.wat == "Navragen of er budget is")
    assert (nieuw.eigenaar_id, nieuw.deadline, nieuw.ronde_id) == (hakim.id, date(2026, 12, 15), ronde3.id)
    assert nieuw.richting_id is not None and nieuw.vraagstuk_id is not None
    warnings = [w.value for w in at.warning]
    assert any("4 acties gepland" in w and "1 tot 3" in w for w in warnings), warnings
    # the round and the richting stay for the next action; the form (text, date) empties itself in the browser
    assert at.selectbox(key="s7_na_ronde").value == ronde3.id
    assert wist_zichzelf(at, "s7_nieuwe_actie")


def test_three_actions_in_a_new_round_do_not_warn(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    ronde4 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 4)
    gerda = next(d for d in snap.of("deelnemer", t.id) if d.naam == "Gerda Post")
    at = _open(app_test, STAP7, t.id)
    for i in range(3):
        _vul_actie(at, f"Actie {i}", gerda.id, ronde4.id, date(2027, 1, 5) + timedelta(days=i))
    assert not at.warning
    assert any("3 van de 3 acties gepland" in s.value for s in at.success)
    # the table shows dates the Dutch way
    df = next(d.value for d in at.dataframe if "Deadline" in d.value.columns and "Richting" in d.value.columns)
    assert "di 5 januari 2027" in set(df["Deadline"])


def test_overview_filters(app_test, demo_store):
    t = _werkplaats(demo_store)
    at = _open(app_test, STAP7, t.id)

    def overzicht():
        return next(d.value for d in at.dataframe if list(d.value.columns) == list(prio.OVERZICHT_KOLOMMEN))

    alles = overzicht()
    assert len(alles) >= 14
    at.multiselect(key="s7_f_status").select("klaar").run()
    assert list(overzicht()["Actie"]) == ["Lunchsessie voor consulenten: wanneer zijn schulden problematisch?"] * 2
    at.multiselect(key="s7_f_status").unselect("klaar").run()
    at.multiselect(key="s7_f_gebied").select("keten").run()
    assert set(overzicht()["Gebied"]) == {"Keten"}


def test_no_action_form_without_a_richting(app_test, store):
    t = nieuw_traject(store, "Zonder richting", "werkplaats")
    at = _open(app_test, STAP7, t.id)
    assert not [b for b in at.button if b.label == "Actie toevoegen"]  # no form without a richting


# ---- leernetwerk: each deelnemer's own vraagstuk ----------------------------------------------------------


def test_leernetwerk_shows_only_the_chosen_deelnemers_work(app_test, store):
    t = Traject(naam="Leernetwerk", werkvorm="leernetwerk")
    ans, bo = Deelnemer(traject_id=t.id, naam="Ans"), Deelnemer(traject_id=t.id, naam="Bo")
    va = Vraagstuk(traject_id=t.id, tekst="Vraag van Ans", deelnemer_id=ans.id, werkvraag=True)
    vb = Vraagstuk(traject_id=t.id, tekst="Vraag van Bo", deelnemer_id=bo.id, werkvraag=True)
    ka = Knelpunt(traject_id=t.id, vraagstuk_id=va.id, tekst="Knelpunt van Ans", oplosbaarheid="oplosbaar")
    kb = Knelpunt(
        traject_id=t.id,
        vraagstuk_id=vb.id,
        tekst="Knelpunt van Bo",
        oplosbaarheid="onoplosbaar",
        essentieel=True,
    )
    rb = Oplossingsrichting(traject_id=t.id, vraagstuk_id=vb.id, titel="Richting van Bo", knelpunt_ids=(kb.id,))
    b1 = Bijeenkomst(traject_id=t.id, nummer=1, datum=date.today())
    acties = [
        Actie(traject_id=t.id, vraagstuk_id=vb.id, richting_id=rb.id, wat=f"B{i}", ronde_id=b1.id) for i in range(4)
    ]
    store.add_many([t, ans, bo, va, vb, ka, kb, rb, b1, *acties])

    at = _open(app_test, STAP6, t.id)  # the first deelnemer is chosen
    assert not at.error  # Bo's essential, unsolvable knelpunt is not Ans's problem
    at.selectbox(key="_deelnemer_picker").set_value(bo.id).run()
    assert any("Knelpunt van Bo" in e.value for e in at.error)

    richtingen = _open(app_test, STAP6, t.id, deel=4)
    richtingen.selectbox(key="_deelnemer_picker").set_value(ans.id).run()
    assert "Richting van Bo" not in _md(richtingen)
    richtingen.selectbox(key="_deelnemer_picker").set_value(bo.id).run()
    assert "**Richting van Bo**" in _md(richtingen)

    at7 = _open(app_test, STAP7, t.id)
    at7.selectbox(key="_deelnemer_picker").set_value(ans.id).run()
    assert not at7.warning  # Bo's four actions do not fill Ans's round
    at7.selectbox(key="_deelnemer_picker").set_value(bo.id).run()
    assert any("4 acties gepland" in w.value for w in at7.warning)


def test_a_past_round_that_was_too_full_does_not_warn_any_more(app_test, demo_store):
    t = _werkplaats(demo_store)
    snap = demo_store.snapshot()
    ronde1 = next(b for b in snap.of("bijeenkomst", t.id) if b.nummer == 1)  # long before today
    demo_store.add_many([Actie(traject_id=t.id, wat=f"Oud {i}", ronde_id=ronde1.id) for i in range(4)])
    at = _open(app_test, STAP7, t.id)
    assert not at.warning
    per_ronde = next(d.value for d in at.dataframe if "Oordeel" in d.value.columns)
    assert "te veel: kies er 3" in set(per_ronde["Oordeel"])
