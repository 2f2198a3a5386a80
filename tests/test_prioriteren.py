"""Stap 6–7 rules: quadrants and their boundaries, the essential-unsolvable rule, the 1–3 rule, votes, overview."""

from __future__ import annotations

from datetime import date

import pytest

from schouders import methode
from schouders import prioriteren as prio
from schouders.model import Actie, Bijeenkomst, Deelnemer, Knelpunt, Oplossingsrichting


def kp(tekst: str = "Knelpunt", **kw) -> Knelpunt:
    kw.setdefault("oplosbaarheid", "oplosbaar")
    return Knelpunt(traject_id="t", tekst=tekst, **kw)


# ---- quadrants -------------------------------------------------------------------------------------


def test_labels_are_defined_once_and_distinct():
    labels = [q.label for q in prio.KWADRANTEN]
    assert labels == ["Eerst doen", "Langere adem", "Quick win", "Later"]
    combos = {(q.hoog_belang, q.hoog_quick_win) for q in prio.KWADRANTEN}
    assert len(combos) == 4


@pytest.mark.parametrize(
    ("belang", "quick_win", "verwacht"),
    [
        (5, 5, "eerst_doen"),
        (4, 4, "eerst_doen"),  # lowest "hoog" on both axes
        (4, 3, "langere_adem"),  # 3 is the middle: counts as laag
        (5, 1, "langere_adem"),
        (3, 4, "quick_win"),
        (1, 5, "quick_win"),
        (3, 3, "later"),  # both on the middle
        (1, 1, "later"),
    ],
)
def test_quadrant_assignment(belang, quick_win, verwacht):
    assert prio.kwadrant(belang, quick_win).key == verwacht


def test_boundary_is_between_3_and_4():
    assert prio.GRENS == 3.5
    assert not prio.is_hoog(3)
    assert prio.is_hoog(4)
    assert prio.is_hoog(3.5)  # the line itself counts as hoog
    assert not prio.is_hoog(3.49)
    assert "het midden (3) telt als laag" in prio.GRENS_UITLEG


def test_missing_score_means_no_quadrant():
    assert prio.kwadrant(None, 4) is None
    assert prio.kwadrant(4, None) is None
    assert prio.kwadrant_van(kp(belang=5)) is None


@pytest.mark.parametrize("oplosbaarheid", [None, "buiten_invloed", "onoplosbaar"])
def test_only_solvable_knelpunten_are_weighed(oplosbaarheid):
    k = kp(oplosbaarheid=oplosbaarheid, belang=5, quick_win=5)
    assert not prio.te_prioriteren(k)
    assert prio.kwadrant_van(k) is None
    assert all(not lijst for lijst in prio.indeling([k]).values())


def test_indeling_sorts_most_important_first():
    a = kp("a", belang=4, quick_win=4, stemmen=1)
    b = kp("b", belang=5, quick_win=4)
    c = kp("c", belang=4, quick_win=4, stemmen=3)
    d = kp("d", belang=2, quick_win=2)
    out = prio.indeling([a, b, c, d])
    assert [k.tekst for k in out["eerst_doen"]] == ["b", "c", "a"]
    assert [k.tekst for k in out["later"]] == ["d"]
    assert out["quick_win"] == [] and out["langere_adem"] == []


def test_vaste_volgorde_ignores_scores():
    a = kp("a", gebied="keten", belang=1, quick_win=1)
    b = kp("b", gebied="klantbeleving", belang=5, quick_win=5)
    c = kp("c", gebied=None)
    eerst = [k.tekst for k in prio.vaste_volgorde([a, b, c])]
    na = [k.tekst for k in prio.vaste_volgorde([a.met(belang=5), b.met(belang=1), c])]
    assert eerst == na == ["b", "a", "c"]


# ---- essential and unsolvable --------------------------------------------------------------------------


def test_essential_unsolvable_endangers_the_goal():
    wet = kp("wet", oplosbaarheid="onoplosbaar", essentieel=True)
    lastig = kp("lastig", oplosbaarheid="onoplosbaar", essentieel=False)
    buiten = kp("buiten", oplosbaarheid="buiten_invloed", essentieel=True)
    goed = kp("goed", oplosbaarheid="oplosbaar", essentieel=True)
    nog = kp("nog", oplosbaarheid=None, essentieel=True)
    alles = [wet, lastig, buiten, goed, nog]
    assert prio.doel_in_gevaar(alles) == [wet]
    assert prio.essentieel_buiten_invloed(alles) == [buiten]
    assert prio.doel_in_gevaar([lastig, buiten, goed, nog]) == []


# ---- votes → belang ------------------------------------------------------------------------------------


def test_votes_map_to_belang_relative_to_the_most():
    scores = prio.stemmen_naar_belang({"a": 8, "b": 4, "c": 0, "d": 1, "e": 7})
    assert scores["a"] == methode.SCORE_MAX
    assert scores["c"] == methode.SCORE_MIN
    assert scores["b"] == 3  # 1 + 4 * 4/8 = 3
    assert scores["d"] == 2  # 1 + 0.5 rounds half up
    assert scores["e"] == 5  # 1 + 3.5 rounds half up


def test_no_votes_no_scores():
    assert prio.stemmen_naar_belang({}) == {}
    assert prio.stemmen_naar_belang({"a": 0, "b": 0}) == {}


# ---- the 1–3 rule ----------------------------------------------------------------------------------------


def actie(ronde: str | None = "r1", status: str = "gepland") -> Actie:
    return Actie(traject_id="t", wat="iets", ronde_id=ronde, status=status)


def test_three_actions_fit_a_round_four_do_not():
    assert methode.MAX_ACTIES_PER_RONDE == 3
    assert not prio.te_veel(1)
    assert not prio.te_veel(3)
    assert prio.te_veel(4)
    drie = [actie() for _ in range(3)]
    assert prio.volle_rondes(drie) == {}
    assert prio.ronde_melding(3, "Bijeenkomst 4") is None
    assert prio.volle_rondes([*drie, actie()]) == {"r1": 4}
    melding = prio.ronde_melding(4, "Bijeenkomst 4")
    assert melding.startswith("Bijeenkomst 4: 4 acties gepland")
    assert "1 tot 3" in melding


def test_rounds_are_counted_separately_and_stopped_actions_do_not_count():
    acties = [actie("r1"), actie("r1"), actie("r1"), actie("r2"), actie("r2"), actie(None), actie(None)]
    acties += [actie("r1", status="gestopt")]
    assert prio.acties_per_ronde(acties) == {"r1": 3, "r2": 2}
    assert prio.volle_rondes(acties) == {}
    # done and ongoing actions still take their place in the round
    assert prio.acties_per_ronde([actie(status="klaar"), actie(status="bezig")]) == {"r1": 2}


def test_stopped_status_is_a_known_status():
    assert prio._TELT_NIET == {"gestopt"}
    assert prio._TELT_NIET <= {k for k, _ in methode.ACTIE_STATUSSEN}


def test_huidige_ronde_is_the_latest_meeting_up_to_today():
    b1 = Bijeenkomst(traject_id="t", nummer=1, datum=date(2026, 1, 5))
    b2 = Bijeenkomst(traject_id="t", nummer=2, datum=date(2026, 2, 5))
    b3 = Bijeenkomst(traject_id="t", nummer=3, datum=date(2026, 3, 5))
    assert prio.huidige_ronde([b3, b1, b2], date(2026, 2, 20)) is b2
    assert prio.huidige_ronde([b1, b2, b3], date(2026, 2, 5)) is b2  # the meeting day itself
    assert prio.huidige_ronde([b1, b2, b3], date(2025, 12, 1)) is b1
    assert prio.huidige_ronde([Bijeenkomst(traject_id="t", nummer=2), b1.met(datum=None)], date.today()).nummer == 1
    assert prio.huidige_ronde([], date.today()) is None


def test_ronde_label_uses_dutch_dates():
    b = Bijeenkomst(traject_id="t", nummer=4, titel="Bijeenkomst 4", datum=date(2026, 12, 15))
    assert prio.ronde_label(b) == "Bijeenkomst 4 · di 15 december 2026"
    assert prio.ronde_label(Bijeenkomst(traject_id="t", nummer=2)) == "Bijeenkomst 2"


# ---- data editor edits ---------------------------------------------------------------------------------


def test_only_new_editor_cells_are_applied():
    vorige = {0: {"Belang": 4}}
    nu = {0: {"Belang": 4, "Quick win": 2}, 2: {"Stemmen": 3}}
    assert prio.nieuwe_bewerkingen(nu, vorige) == {0: {"Quick win": 2}, 2: {"Stemmen": 3}}
    assert prio.nieuwe_bewerkingen({0: {"Belang": 5}}, vorige) == {0: {"Belang": 5}}
    assert prio.nieuwe_bewerkingen(vorige, vorige) == {}


def test_a_reset_editor_applies_everything_again():
    # the earlier cell is gone: the editor was rebuilt, so the same cell and value is a new edit
    assert prio.nieuwe_bewerkingen({1: {"Belang": 4}}, {0: {"Belang": 4}, 1: {"Belang": 4}}) == {1: {"Belang": 4}}


def test_pas_bewerkingen_toe_maps_columns_and_labels():
    a, b = kp("a"), kp("b")
    velden = {"Belang": "belang", "Oplosbaarheid": "oplosbaarheid", "Essentieel": "essentieel", "Stemmen": "stemmen"}
    vertaal = {"Oplosbaarheid": {label: key for key, label in methode.OPLOSBAARHEID}}
    uit = prio.pas_bewerkingen_toe(
        [a, b],
        {1: {"Belang": 4.0, "Oplosbaarheid": "Onoplosbaar", "Essentieel": True, "Stemmen": None, "Gebied": "x"}},
        velden,
        vertaal=vertaal,
    )
    assert len(uit) == 1
    assert uit[0].id == b.id
    assert (uit[0].belang, uit[0].oplosbaarheid, uit[0].essentieel, uit[0].stemmen) == (4, "onoplosbaar", True, 0)
    cleared = prio.pas_bewerkingen_toe([a], {0: {"Oplosbaarheid": None}}, velden, vertaal=vertaal)
    assert cleared[0].oplosbaarheid is None


def test_pas_bewerkingen_toe_refuses_out_of_range_in_dutch():
    with pytest.raises(ValueError, match="Belang moet tussen 1 en 5"):
        prio.pas_bewerkingen_toe([kp()], {0: {"Belang": 9}}, {"Belang": "belang"})


# ---- overview -------------------------------------------------------------------------------------------


@pytest.fixture
def plan():
    eerst = kp("Eerst", gebied="keten", belang=5, quick_win=5)
    later = kp("Later", gebied="kennis", belang=1, quick_win=1)
    los = kp("Los", gebied=None, oplosbaarheid=None)
    r1 = Oplossingsrichting(traject_id="t", titel="R1", knelpunt_ids=(eerst.id, later.id))
    r2 = Oplossingsrichting(traject_id="t", titel="R2")
    piet = Deelnemer(traject_id="t", naam="Piet")
    b = Bijeenkomst(traject_id="t", nummer=3, titel="Bijeenkomst 3", datum=date(2026, 12, 15))
    a1 = Actie(
        traject_id="t", wat="A1", richting_id=r1.id, eigenaar_id=piet.id, deadline=date(2026, 12, 1), ronde_id=b.id
    )
    a2 = Actie(traject_id="t", wat="A2", richting_id=r1.id, status="klaar")
    a3 = Actie(traject_id="t", wat="A3")  # no richting
    return [eerst, later, los], [r1, r2], [a1, a2, a3], [piet], [b]


def test_overview_reads_knelpunt_richting_actie(plan):
    kn, rs, acties, mensen, rondes = plan
    df = prio.overzicht(kn, rs, acties, mensen, rondes)
    assert list(df.columns) == list(prio.OVERZICHT_KOLOMMEN)
    rows = df.to_dict("records")
    # most important knelpunt first, one row per path
    assert [r["Knelpunt"] for r in rows[:2]] == ["Eerst", "Eerst"]
    assert rows[0]["Oplossingsrichting"] == "R1"
    assert {r["Actie"] for r in rows[:2]} == {"A1", "A2"}
    a1 = next(r for r in rows if r["Actie"] == "A1")
    assert a1["Eigenaar"] == "Piet"
    assert a1["Deadline"] == "di 1 december 2026"
    assert a1["Status"] == "Gepland"
    assert a1["Ronde"] == "Bijeenkomst 3 · di 15 december 2026"
    assert a1["Prioriteit"] == "Eerst doen"
    los = next(r for r in rows if r["Knelpunt"] == "Los")
    assert los["Oplossingsrichting"] == "" and los["Prioriteit"] == prio.NIET_BEOORDEELD
    assert los["Gebied"] == methode.NIET_INGEDEELD
    assert any(r["Knelpunt"] == prio.GEEN_KNELPUNT and r["Oplossingsrichting"] == "R2" for r in rows)
    assert any(r["Actie"] == "A3" and r["Oplossingsrichting"] == prio.GEEN_RICHTING for r in rows)


def test_overview_filters_by_gebied_and_status(plan):
    kn, rs, acties, mensen, rondes = plan
    keten = prio.overzicht(kn, rs, acties, mensen, rondes, gebieden=["keten"])
    assert set(keten["Knelpunt"]) == {"Eerst"}
    geen_gebied = prio.overzicht(kn, rs, acties, mensen, rondes, gebieden=[None])
    assert list(geen_gebied["Knelpunt"]) == ["Los"]
    klaar = prio.overzicht(kn, rs, acties, mensen, rondes, statussen=["klaar"])
    assert list(klaar["Actie"]) == ["A2", "A2"]  # under both knelpunten of R1
    beide = prio.overzicht(kn, rs, acties, mensen, rondes, gebieden=["kennis"], statussen=["gepland"])
    assert list(beide["Actie"]) == ["A1"]
    leeg = prio.overzicht(kn, rs, acties, mensen, rondes, gebieden=["kunde"])
    assert leeg.empty and list(leeg.columns) == list(prio.OVERZICHT_KOLOMMEN)


def test_overview_of_nothing_is_empty():
    assert prio.overzicht([], [], []).empty


def test_unieke_labels_tell_equal_texts_apart():
    assert prio.unieke_labels([("a", "Tijd"), ("b", "Geld"), ("c", "Tijd"), ("d", "Tijd")]) == {
        "a": "Tijd",
        "b": "Geld",
        "c": "Tijd (2)",
        "d": "Tijd (3)",
    }


def test_all_edits_of_one_editor_change_are_one_write(store):
    kns = [kp(f"k{i}") for i in range(5)]
    store.add_many(kns)
    voor = store.writes
    bewerkingen = {0: {"Belang": 4, "Quick win": 5}, 3: {"Belang": 2}, 4: {"Stemmen": 6}}
    store.save_many(
        prio.pas_bewerkingen_toe(kns, bewerkingen, {"Belang": "belang", "Quick win": "quick_win", "Stemmen": "stemmen"})
    )
    assert store.writes == voor + 1
    opgeslagen = {k.tekst: k for k in store.snapshot().all("knelpunt")}
    assert (opgeslagen["k0"].belang, opgeslagen["k0"].quick_win) == (4, 5)
    assert opgeslagen["k3"].belang == 2 and opgeslagen["k4"].stemmen == 6
    assert opgeslagen["k1"].belang is None


def test_stap6_frames_carry_ids_labels_and_scores() -> None:
    a = Knelpunt(traject_id="t", tekst="A", gebied="keten", oplosbaarheid="oplosbaar", belang=5, quick_win=4)
    b = Knelpunt(traject_id="t", tekst="B", gebied=None, oplosbaarheid="onoplosbaar", essentieel=True)
    c = Knelpunt(traject_id="t", tekst="C", gebied="kennis")
    opl = prio.oplosbaarheid_frame([a, b, c])
    assert list(opl.index) == [a.id, b.id, c.id]
    assert opl["Oplosbaarheid"].tolist() == ["Oplosbaar", "Onoplosbaar", "Nog niet beoordeeld"]  # no empty cell
    assert set(opl["Oplosbaarheid"]) <= set(prio.OPLOSBAARHEID_KEUZES)  # every cell is one of the editor's choices
    terug = prio.pas_bewerkingen_toe(
        [a, c],
        {0: {"Oplosbaarheid": "Nog niet beoordeeld"}, 1: {"Oplosbaarheid": "Buiten onze invloed (adresseren)"}},
        {"Oplosbaarheid": "oplosbaarheid"},
        vertaal={"Oplosbaarheid": prio.OPLOSBAARHEID_UIT_LABEL},
    )
    assert [k.oplosbaarheid for k in terug] == [None, "buiten_invloed"]  # the choice back to "not yet" too
    opl = prio.oplosbaarheid_frame([a, b])
    assert opl["Essentieel"].tolist() == [False, True] and opl.at[b.id, "Gebied"] == methode.NIET_INGEDEELD
    score = prio.score_frame([a])
    assert (score.at[a.id, "Belang"], score.at[a.id, "Quick win"]) == (5, 4)
    assert score.at[a.id, "Kwadrant"] == prio.EERST_DOEN.label and str(score["Belang"].dtype) == "Int64"
    assert prio.kwadrant_frame([a]).to_dict("records") == [
        {"Knelpunt": "A", "Gebied": methode.gebied_label("keten"), "Belang": 5, "Quick win": 4}
    ]
