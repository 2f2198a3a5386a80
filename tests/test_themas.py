"""Recurring themes: normalising, stemming, grouping on small hand-made cases, the demo themadag, and merging
and splitting by hand."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from schouders import themas
from schouders.demo import themadag
from schouders.model import Groep, Knelpunt, Themakeuze


@dataclass(frozen=True)
class K:
    """A knelpunt as far as grouping needs it."""

    id: str
    tekst: str
    groep_id: str | None = None
    gebied: str | None = None


def _ks(*teksten: str, groepen: str = "ABC") -> list[K]:
    return [K(f"k{i:02d}", t, groepen[i % len(groepen)]) for i, t in enumerate(teksten)]


def _samen(ind: themas.Indeling, a: str, b: str) -> bool:
    return ind.per_knelpunt[a] == ind.per_knelpunt[b]


# ---- normalising ------------------------------------------------------------------------------------


def test_words_are_lowercased_without_accents_and_punctuation():
    assert themas.woorden("Cliënten: één re-integratie-traject, ÉCHT!") == [
        "clienten",
        "een",
        "reintegratietraject",
        "echt",
    ]


@pytest.mark.parametrize(
    "vormen",
    [
        ("vindbaarheid", "vindbaar", "vinden", "onvindbaar", "bereikbaar", "onzichtbaar"),
        ("loketten", "loket"),
        ("regels", "regel"),
        ("vrijwilligers", "vrijwilliger"),
        ("kennen", "kent", "kennismaking"),
        ("systemen", "systeem"),
        ("gegevens", "informatie", "data"),
        ("avg", "privacy", "AVG"),
        ("organisaties", "organisatie"),
        ("regelingen", "regeling"),
        ("Cliënten", "hulpvragers", "inwoners"),
    ],
)
def test_word_forms_meet_in_one_term(vormen):
    terms = {themas.term(themas.woorden(v)[0]) for v in vormen}
    assert len(terms) == 1, terms


def test_different_words_stay_different():
    t = lambda w: themas.term(w)  # noqa: E731
    assert t("kennis") != t("kennen")
    assert t("wet") != t("kennen")
    assert t("tijd") != t("geld")


def test_stop_words_and_numbers_are_dropped():
    assert themas.termen("Er is niet genoeg tijd voor de 3 teams") == ["tijd", themas.term("teams")]
    assert themas.termen("Het is niet goed") == []


def test_vinden_as_an_opinion_is_not_about_finding():
    assert "vindbaar" not in themas.termen("Beroepskrachten vinden het spannend")
    assert "vindbaar" in themas.termen("We weten elkaar niet te vinden")


def test_neighbouring_terms_form_an_unordered_pair():
    a = themas.kenmerken("Wij kennen elkaar niet")
    b = themas.kenmerken("Elkaar kennen lukt niet")
    paar = "|".join(sorted((themas.term("kennen"), themas.term("elkaar"))))
    assert paar in a and paar in b


# ---- grouping on hand-made cases -----------------------------------------------------------------------

ANDERE = (
    "Vrijwilligers haken af na een zware casus",
    "De wachtlijst bij de kredietbank is lang",
    "Geldzorgen bespreekbaar maken blijft lastig",
    "Huisartsen zien signalen maar verwijzen niet door",
)


def test_same_theme_in_different_words_is_one_theme():
    ks = _ks(
        "Cliënten met schulden zijn moeilijk te bereiken",
        "Hulpvragers zijn slecht vindbaar",
        "Inwoners met geldzorgen blijven onzichtbaar voor ons",
        "De vindbaarheid van de hulpvrager is een probleem",
        *ANDERE,
    )
    ind = themas.groepeer(ks)
    thema = ind.themas[0]
    assert set(thema.knelpunt_ids) == {"k00", "k01", "k02", "k03"}
    assert thema.aantal_groepen == 3
    assert "vindbaar" in thema.kernwoorden
    # the remarks that came up once stay on their own
    assert all(ind.get(ind.per_knelpunt[k.id]).aantal == 1 for k in ks[4:])


def test_privacy_in_other_words_is_one_theme():
    ks = _ks(
        "De AVG staat het delen van gegevens in de weg",
        "Privacyregels remmen het uitwisselen van informatie",
        "Onduidelijk welke gegevens we volgens de AVG mogen delen",
        *ANDERE,
    )
    ind = themas.groepeer(ks)
    assert _samen(ind, "k00", "k01") and _samen(ind, "k00", "k02")
    assert ind.themas[0].aantal == 3


def test_different_themes_sharing_a_common_word_stay_separate():
    ks = _ks(
        "De gemeente heeft geen budget voor schuldhulp",
        "Er is geen geld voor extra schuldhulp bij de gemeente",
        "De gemeente deelt geen gegevens met het wijkteam",
        "Het wijkteam krijgt geen informatie van de gemeente",
        "Vrijwilligers krijgen geen training",
        "Vrijwilligers kennen de AVG niet",
        *ANDERE,
    )
    ind = themas.groepeer(ks)
    assert _samen(ind, "k00", "k01")  # money
    assert _samen(ind, "k02", "k03")  # sharing information
    assert not _samen(ind, "k00", "k02")  # both say "gemeente", yet they are different themes
    assert not _samen(ind, "k04", "k05")  # both say "vrijwilligers"


def test_a_theme_most_groups_name_still_groups():
    ks = _ks(
        "De AVG remt het delen van gegevens",
        "Privacyregels maken het delen van gegevens lastig",
        "Gegevens delen mag niet van de AVG",
        "Onduidelijk wat de AVG toestaat bij het delen van gegevens",
        "Door de AVG delen we geen informatie",
        "AVG: gegevens delen is een probleem",
        "Te weinig tijd voor huisbezoeken",
        "Geen budget voor training",
    )
    ind = themas.groepeer(ks)
    assert ind.themas[0].aantal == 6 and set(ind.themas[0].knelpunt_ids) == {f"k{i:02d}" for i in range(6)}


def test_one_shared_word_does_not_chain_unrelated_knelpunten():
    ks = _ks(
        "Beroepskrachten en vrijwilligers kennen elkaar niet",
        "We kennen elkaar niet in de keten",
        "Vrijwilligers kennen de regels van de schuldhulp onvoldoende",
        "De regels van de schuldhulp zijn ingewikkeld voor vrijwilligers",
        *ANDERE,
    )
    ind = themas.groepeer(ks)
    assert _samen(ind, "k00", "k01")
    assert _samen(ind, "k02", "k03")
    assert not _samen(ind, "k00", "k02")


def test_identical_texts_are_one_theme_and_empty_ones_stay_alone():
    ks = _ks("Te weinig tijd", "Te weinig tijd", "te weinig TIJD!", "Het is niet goed", "Het is niet goed")
    ind = themas.groepeer(ks)
    assert _samen(ind, "k00", "k01") and _samen(ind, "k00", "k02")
    assert not _samen(ind, "k03", "k04")  # no content words: nothing to group on


def test_order_label_and_counts():
    ks = [
        K("a1", "Te weinig tijd voor huisbezoeken", "A"),
        K("a2", "Geen tijd voor huisbezoeken", "A"),
        K("b1", "De AVG remt het delen van gegevens", "B"),
        K("c1", "Gegevens delen mag niet door de AVG", "C"),
        K("d1", "Gegevens delen volgens de AVG is onduidelijk", None),
        K("x1", "De wachtlijst is lang", "A"),
    ]
    ind = themas.groepeer(ks)
    eerste, tweede = ind.terugkerend
    # most groups first, even though both themes have knelpunten from one group twice or none
    assert set(eerste.knelpunt_ids) == {"b1", "c1", "d1"} and eerste.aantal_groepen == 2
    assert eerste.zonder_groep == 1
    assert set(tweede.knelpunt_ids) == {"a1", "a2"} and tweede.aantal_groepen == 1
    # the label is a short name from the key words (issue 17: no raw knelpunt as a title); the most
    # central knelpunt comes first and is the theme's example
    assert eerste.label == "Privacy en delen" == themas.korte_naam(eerste.kernwoorden)
    assert eerste.voorbeeld == ks[[k.id for k in ks].index(eerste.knelpunt_ids[0])].tekst
    assert ind.themas[-1].label == "De wachtlijst is lang"  # a loner keeps its own words
    assert ind.top(1) == (eerste,)
    assert eerste.key.startswith("auto:") and eerste.key == "auto:" + min(eerste.knelpunt_ids)
    assert len(ind.themas) == 3 and not ind.themas[-1].terugkerend


def test_empty_input():
    ind = themas.groepeer([])
    assert ind.themas == () and ind.top() == ()


# ---- the demo themadag: the three themes from the werkwijzer's story ------------------------------------


def _demo() -> tuple[themas.Indeling, dict[str, str], int]:
    objs = themadag()
    kn = [o for o in objs if isinstance(o, Knelpunt)]
    groepen = [o for o in objs if isinstance(o, Groep)]
    return themas.groepeer(kn), {k.id: k.tekst for k in kn}, len(groepen)


@pytest.mark.parametrize(
    ("naam", "woorden"),
    [
        ("vindbaarheid van de hulpvrager", ("vind",)),
        ("elkaar kennen", ("kennen elkaar", "elkaar niet kennen", "kennen elkaar niet")),
        ("de AVG", ("AVG",)),
    ],
)
def test_demo_themes_include_the_three_from_the_story(naam, woorden):
    ind, teksten, aantal_groepen = _demo()
    top3 = ind.top(3)
    thema = next(
        (t for t in top3 if any(w.lower() in teksten[i].lower() for i in t.knelpunt_ids for w in woorden)), None
    )
    assert thema is not None, f"{naam} is not among the top themes"
    assert thema.aantal_groepen == aantal_groepen == 3, f"{naam} was not named by all groups"
    # and nothing else was pulled into it
    for i in thema.knelpunt_ids:
        assert any(w.lower() in teksten[i].lower() for w in woorden) or "AVG" in teksten[i], teksten[i]


def test_demo_top_three_are_three_different_themes():
    ind, _, _ = _demo()
    top = ind.top(3)
    assert len({t.key for t in top}) == 3
    assert {k for t in top for k in t.kernwoorden} >= {"avg", "vindbaar", "elkaar"}


# ---- by hand, stored ------------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_store):
    snap = demo_store.snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == "themadag")
    return demo_store, tid


def test_merge_is_stored_and_wins_over_the_automatic_grouping(demo):
    store, tid = demo
    ind = themas.indeling(store.snapshot(), tid)
    avg, kennen = ind.themas[2], ind.themas[0]
    los = next(t for t in ind.themas if not t.terugkerend)
    writes = store.writes
    keuze = themas.voeg_samen(store, tid, [avg, los], naam="Privacy en AVG")
    assert store.writes == writes + 1
    ind2 = themas.indeling(store.snapshot(), tid)
    samen = ind2.get(f"hand:{keuze.id}")
    assert samen is not None and samen.handmatig and samen.label == "Privacy en AVG"
    assert set(samen.knelpunt_ids) == set(avg.knelpunt_ids) | set(los.knelpunt_ids)
    assert ind2.get(kennen.key) is not None  # the other themes are untouched
    with pytest.raises(ValueError, match="minstens twee"):
        themas.voeg_samen(store, tid, [avg])


def test_split_takes_knelpunten_out_and_both_parts_stay(demo):
    store, tid = demo
    thema = themas.indeling(store.snapshot(), tid).top(1)[0]
    eruit = thema.knelpunt_ids[-1]
    blijft, apart = themas.splits(store, tid, thema, [eruit])
    ind = themas.indeling(store.snapshot(), tid)
    assert set(ind.get(f"hand:{blijft.id}").knelpunt_ids) == set(thema.knelpunt_ids) - {eruit}
    assert ind.get(f"hand:{apart.id}").knelpunt_ids == (eruit,)
    assert ind.per_knelpunt[eruit] == f"hand:{apart.id}"
    with pytest.raises(ValueError, match="minstens één knelpunt"):
        themas.splits(store, tid, ind.get(f"hand:{blijft.id}"), ind.get(f"hand:{blijft.id}").knelpunt_ids)
    with pytest.raises(ValueError, match="Kies welke"):
        themas.splits(store, tid, thema, [])


def test_a_knelpunt_is_in_one_hand_made_theme_only(demo):
    store, tid = demo
    ind = themas.indeling(store.snapshot(), tid)
    a, b, c = ind.top(3)
    themas.voeg_samen(store, tid, [a, b])
    ind2 = themas.indeling(store.snapshot(), tid)
    ab = ind2.get(ind2.per_knelpunt[a.knelpunt_ids[0]])
    themas.voeg_samen(store, tid, [ab, ind2.get(c.key)])
    keuzes = themas.themakeuzes(store.snapshot(), tid)
    ids = [i for k in keuzes for i in k.knelpunt_ids]
    assert len(ids) == len(set(ids)) == a.aantal + b.aantal + c.aantal
    assert len(keuzes) == 1


def test_rename_and_back_to_automatic(demo):
    store, tid = demo
    thema = themas.indeling(store.snapshot(), tid).top(1)[0]
    keuze = themas.hernoem(store, tid, thema, "  Elkaar kennen  ")
    assert themas.indeling(store.snapshot(), tid).get(f"hand:{keuze.id}").label == "Elkaar kennen"
    assert themas.automatisch(store, tid) == 1
    ind = themas.indeling(store.snapshot(), tid)
    assert not any(t.handmatig for t in ind.themas)
    assert ind.top(1)[0].knelpunt_ids == thema.knelpunt_ids
    assert themas.automatisch(store, tid) == 0


def test_themakeuze_validates_and_round_trips():
    with pytest.raises(ValueError, match="minstens één knelpunt"):
        Themakeuze(traject_id="t", knelpunt_ids=())
    k = Themakeuze(traject_id="t", naam="x", knelpunt_ids=("a", "b", "a"))
    assert k.knelpunt_ids == ("a", "b")
    assert Themakeuze.from_dict(json.loads(json.dumps(k.to_dict()))) == k


def test_deleted_knelpunten_in_a_choice_are_ignored(demo):
    store, tid = demo
    thema = themas.indeling(store.snapshot(), tid).top(1)[0]
    keuze = themas.hernoem(store, tid, thema, "Kennen")
    store.delete("knelpunt", [thema.knelpunt_ids[0]])
    ind = themas.indeling(store.snapshot(), tid)
    assert set(ind.get(f"hand:{keuze.id}").knelpunt_ids) == set(thema.knelpunt_ids[1:])


def test_thema_rijen_are_plain_data():
    ind, _, _ = _demo()
    namen = {"g1": "Groep A"}
    rijen = themas.thema_rijen(ind, namen, top=2)
    assert [r["nr"] for r in rijen] == [1, 2]
    json.dumps(rijen)


# ---- scale (a benchmark measures the time; this checks the result) ------------------------------------


def test_thousand_generated_knelpunten_in_six_groups():
    from tests.helpers.themadag_data import THEMAS, rijen

    ks = [K(f"k{i:04d}", r["Knelpunt"], r["Groep"]) for i, r in enumerate(rijen(1000, 6))]
    ind = themas.groepeer(ks)
    assert sum(t.aantal for t in ind.themas) == 1000
    top = ind.top(len(THEMAS))
    assert all(t.aantal_groepen == 6 for t in top[:10])
    # the three phrasings about privacy rules and sharing information end up in one theme
    avg = [
        k.id for k in ks if ("AVG" in k.tekst or "Privacy" in k.tekst) and "delen" in k.tekst or "uitwissel" in k.tekst
    ]
    assert len(avg) > 30
    assert len({ind.per_knelpunt[i] for i in avg}) == 1


def test_a_copied_traject_keeps_its_hand_made_themes(demo):
    from schouders.trajecten import dupliceer

    store, tid = demo
    thema = themas.indeling(store.snapshot(), tid).top(1)[0]
    themas.hernoem(store, tid, thema, "Elkaar kennen")
    kopie = dupliceer(store, tid)
    snap = store.snapshot()
    (keuze,) = themas.themakeuzes(snap, kopie.id)
    assert {snap.get("knelpunt", i).traject_id for i in keuze.knelpunt_ids} == {kopie.id}
    assert themas.indeling(snap, kopie.id).top(1)[0].label == "Elkaar kennen"
