"""The model: Dutch validation for every field that can be wrong, and a lossless to_dict/from_dict."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import Any

import orjson
import pytest

from schouders import methode, model
from schouders.model import (
    Actie,
    Bijeenkomst,
    Deelnemer,
    Doel,
    Evaluatie,
    Expert,
    GeparkeerdeOplossing,
    Groep,
    Knelpunt,
    Leesitem,
    Oplossingsrichting,
    Quickscanpunt,
    Traject,
    Vraagstuk,
)

# Words that show a message is Dutch (and none of them is English).
DUTCH = re.compile(
    r"\b(is|moet|niet|geen|bestaat|kies|uit|tussen|leeg|verwacht|kreeg|onbekend|vul|een|te|lang|"
    r"maximaal|hooguit|begint|bij|kan|lijkt|beantwoord|minstens|heel|getal|liggen|uur|datum|of|nee|ja|heeft|"
    r"hoort|alleen|letters|cijfers|van|het|de)\b",
    re.IGNORECASE,
)
ENGLISH = re.compile(
    r"\b(the|must|invalid|unknown|expected|should|between|value|error|could|convert|literal|argument|object|"
    r"attribute|unexpected|character)\b",
    re.IGNORECASE,
)


def assert_dutch(message: str) -> None:
    assert message.strip(), "empty message"
    assert DUTCH.search(message), message
    assert not ENGLISH.search(message), message


# ---- one full object of every entity, every field set away from its default -----------------------------

TID = "traject0001"


def full_objects() -> dict[str, model.Entity]:
    out: dict[str, model.Entity] = {
        "traject": Traject(
            naam="Werkplaats Noord",
            werkvorm="themadag",
            thema="Schulden",
            procesbegeleiders=("Anouk", "Ruben"),
            huidige_stap=5,
            verdieping_gebieden=("keten", "kennis"),
            gearchiveerd=True,
            aangemaakt="2026-01-02T10:00:00",
            id=TID,
        ),
        "deelnemer": Deelnemer(
            traject_id=TID,
            naam="Marieke Visser",
            organisatie="Gemeente",
            rol="Gemeente",
            email="m.visser@example.nl",
            groep_id="g1",
            id="d1",
        ),
        "groep": Groep(traject_id=TID, naam="Groep 1", procesbegeleider="Anouk", id="g1"),
        "vraagstuk": Vraagstuk(
            traject_id=TID,
            tekst="Hoe vinden mensen met schulden sneller hulp?",
            deelnemer_id="d1",
            parent_id="v0",
            werkvraag=True,
            kenmerken={"erkend": True, "overstijgend": False},
            aangemaakt="2026-01-02T10:01:00",
            id="v1",
        ),
        "bijeenkomst": Bijeenkomst(
            traject_id=TID,
            nummer=3,
            datum=date(2026, 3, 5),
            titel="Derde bijeenkomst",
            intentie="Verdiepen",
            agenda="Welkom\nVerdieping",
            stappen=(5, 6, 7),
            online=True,
            duur_uren=2.5,
            aanwezigen=("d1",),
            verslag="Goed gesprek.",
            id="b1",
        ),
        "quickscanpunt": Quickscanpunt(
            traject_id=TID,
            soort="succes",
            tekst="Het inloopspreekuur werkt goed",
            vraagstuk_id="v1",
            groep_id="g1",
            bijeenkomst_id="b1",
            knelpunt_id="k1",
            auteur="Marieke",
            aangemaakt="2026-01-02T10:02:00",
            id="q1",
        ),
        "oplossing": GeparkeerdeOplossing(
            traject_id=TID,
            tekst="Een gezamenlijke sociale kaart",
            vraagstuk_id="v1",
            bron_id="q1",
            groep_id="g1",
            opgepakt=True,
            aangemaakt="2026-01-02T10:03:00",
            id="o1",
        ),
        "doel": Doel(
            traject_id=TID,
            tekst="Binnen een jaar wacht niemand langer dan twee weken",
            vraagstuk_id="v1",
            smart={"S": {"status": "ja", "notitie": "duidelijk"}, "T": {"status": "onduidelijk", "notitie": ""}},
            bijeenkomst_id="b1",
            soort="subdoel",
            aangemaakt="2026-01-02T10:04:00",
            id="doel1",
        ),
        "knelpunt": Knelpunt(
            traject_id=TID,
            tekst="Wachtlijst bij schuldhulp",
            gebied="keten",
            vraagstuk_id="v1",
            gerelateerde_gebieden=("kennis", "randvoorwaarden"),
            toelichting="Vooral in het voorjaar",
            groep_id="g1",
            auteur="Marieke",
            oplosbaarheid="buiten_invloed",
            essentieel=True,
            belang=5,
            quick_win=2,
            stemmen=4,
            bron_stap=2,
            bijeenkomst_id="b1",
            bron_id="q1",
            opgelost=date(2026, 6, 1),
            aangemaakt="2026-01-02T10:05:00",
            id="k1",
        ),
        "richting": Oplossingsrichting(
            traject_id=TID,
            titel="Eén loket",
            knelpunt_ids=("k1",),
            kaders="Binnen budget",
            notities="Idee uit de quickscan",
            vraagstuk_id="v1",
            groep_id="g1",
            aangemaakt="2026-01-02T10:06:00",
            id="r1",
        ),
        "actie": Actie(
            traject_id=TID,
            wat="Verken een gezamenlijk loket",
            richting_id="r1",
            eigenaar_id="d1",
            deadline=date(2026, 4, 1),
            status="bezig",
            verkennend=True,
            ronde_id="b1",
            vraagstuk_id="v1",
            vervolg_op="a0",
            notities="Eerst met de wethouder",
            aangemaakt="2026-01-02T10:07:00",
            id="a1",
        ),
        "evaluatie": Evaluatie(
            traject_id=TID,
            actie_id="a1",
            onderwerp="Het loket",
            antwoorden={"bijdrage": "Ja, sneller", "bijeffecten": "Meer aanmeldingen"},
            nieuwe_knelpunt_ids=("k1",),
            bijeenkomst_id="b1",
            aangemaakt="2026-01-02T10:08:00",
            id="e1",
        ),
        "expert": Expert(
            traject_id=TID, naam="Dr. Jansen", organisatie="Hogeschool", gebied="kennis", contact="06", id="x1"
        ),
        "leesitem": Leesitem(traject_id=TID, titel="Rapport", link="https://example.nl", gebied="keten", id="l1"),
    }
    # Entities other parts of the app add; looked up by kind so this file does not depend on their order.
    extra: dict[str, dict[str, Any]] = {
        "ronde": {"stap": 4, "gebied": "keten", "vraagstuk_id": "v1", "code": "AB12CD", "open": False},
        "themakeuze": {"naam": "Wachten", "knelpunt_ids": ("k1", "k2")},
    }
    for kind, kwargs in extra.items():
        cls = model.ENTITY_BY_KIND.get(kind)
        if cls is not None:
            out[kind] = cls(traject_id=TID, id=f"{kind}1", **kwargs)
    return out


def example(cls: type[model.Entity]) -> model.Entity:
    """The full example of `cls`; an entity added later gets one built from its fields."""
    obj = full_objects().get(cls.kind)
    if obj is not None:
        return obj
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name == "traject_id":
            kwargs[f.name] = TID
        elif f.name in ("naam", "tekst", "titel", "wat", "onderwerp"):
            kwargs[f.name] = "Voorbeeldtekst"
    try:
        return cls(**kwargs)
    except (ValueError, TypeError) as exc:
        pytest.fail(f"add a full example for '{cls.kind}' to full_objects(): {exc}")


def test_examples_are_of_their_class():
    assert set(model.ENTITY_BY_KIND) == {cls.kind for cls in model.ENTITIES}
    assert len(model.ENTITY_BY_KIND) == len(model.ENTITIES)  # no kind used twice
    for cls in model.ENTITIES:
        assert type(example(cls)) is cls
    assert set(full_objects()) <= set(model.ENTITY_BY_KIND)


@pytest.mark.parametrize("cls", model.ENTITIES, ids=lambda c: c.kind)
def test_round_trip_to_dict_from_dict(cls):
    obj = example(cls)
    d = obj.to_dict()
    assert set(d) == {f.name for f in dataclasses.fields(cls)}
    assert cls.from_dict(d) == obj
    # Through JSON as the store writes it: dates become strings, tuples lists – and come back the same.
    via_json = orjson.loads(orjson.dumps(d))
    assert via_json == d
    back = cls.from_dict(via_json)
    assert back == obj
    assert back.to_dict() == d


@pytest.mark.parametrize("cls", model.ENTITIES, ids=lambda c: c.kind)
def test_from_dict_ignores_unknown_fields(cls):
    d = example(cls).to_dict() | {"veld_uit_een_nieuwere_versie": 1}
    assert cls.from_dict(d) == example(cls)


@pytest.mark.parametrize("cls", model.ENTITIES, ids=lambda c: c.kind)
def test_objects_are_frozen_and_met_gives_a_copy(cls):
    obj = example(cls)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.id = "ander"  # type: ignore[misc]
    copy = obj.met(id="nieuw")
    assert copy.id == "nieuw" and obj.id != "nieuw"


def test_new_ids_are_unique():
    ids = {Knelpunt(traject_id=TID, tekst="x").id for _ in range(2000)}
    assert len(ids) == 2000


# ---- validation: every wrong value is a ValueError in Dutch ---------------------------------------------


def _kn(**kw: Any) -> Knelpunt:
    return Knelpunt(traject_id=TID, **({"tekst": "Wachtlijst"} | kw))


INVALID: list[tuple[str, Any]] = [
    # empty and whitespace-only text
    ("knelpunt tekst leeg", lambda: _kn(tekst="")),
    ("knelpunt tekst spaties", lambda: _kn(tekst="   \t\n ")),
    ("knelpunt tekst alleen NUL", lambda: _kn(tekst="\x00\x00")),
    ("knelpunt tekst None", lambda: _kn(tekst=None)),
    ("knelpunt tekst getal", lambda: _kn(tekst=12)),
    ("knelpunt tekst te lang", lambda: _kn(tekst="x" * (model.MAX_TEKST + 1))),
    ("traject naam leeg", lambda: Traject(naam=" ")),
    ("deelnemer naam leeg", lambda: Deelnemer(traject_id=TID, naam="")),
    ("groep naam leeg", lambda: Groep(traject_id=TID, naam="\n")),
    ("vraagstuk leeg", lambda: Vraagstuk(traject_id=TID, tekst="  ")),
    ("quickscanpunt leeg", lambda: Quickscanpunt(traject_id=TID, tekst="")),
    ("oplossing leeg", lambda: GeparkeerdeOplossing(traject_id=TID, tekst=" ")),
    ("doel leeg", lambda: Doel(traject_id=TID, tekst="")),
    ("richting leeg", lambda: Oplossingsrichting(traject_id=TID, titel=" ")),
    ("actie leeg", lambda: Actie(traject_id=TID, wat="")),
    ("expert leeg", lambda: Expert(traject_id=TID, naam="")),
    ("leesitem leeg", lambda: Leesitem(traject_id=TID, titel="")),
    # unknown gebied
    ("gebied onbekend", lambda: _kn(gebied="fietsen")),
    ("gebied is label, geen key", lambda: _kn(gebied=methode.GEBIEDEN[0].label)),
    ("gerelateerd gebied onbekend", lambda: _kn(gerelateerde_gebieden=("keten", "fietsen"))),
    ("expert gebied onbekend", lambda: Expert(traject_id=TID, naam="X", gebied="weer")),
    ("leesitem gebied onbekend", lambda: Leesitem(traject_id=TID, titel="X", gebied="weer")),
    ("verdieping gebied onbekend", lambda: Traject(naam="T", verdieping_gebieden=("weer",))),
    # belang and quick win out of range or not whole numbers
    ("belang 0", lambda: _kn(belang=0)),
    ("belang 6", lambda: _kn(belang=6)),
    ("belang -1", lambda: _kn(belang=-1)),
    ("belang 2.5", lambda: _kn(belang=2.5)),
    ("belang tekst", lambda: _kn(belang="3")),
    ("belang bool", lambda: _kn(belang=True)),
    ("quick win 0", lambda: _kn(quick_win=0)),
    ("quick win 6", lambda: _kn(quick_win=6)),
    ("quick win 99", lambda: _kn(quick_win=99)),
    ("stemmen negatief", lambda: _kn(stemmen=-1)),
    ("bron stap 11", lambda: _kn(bron_stap=11)),
    # unknown choices
    ("status onbekend", lambda: Actie(traject_id=TID, wat="X", status="af")),
    ("status leeg", lambda: Actie(traject_id=TID, wat="X", status="")),
    ("oplosbaarheid onbekend", lambda: _kn(oplosbaarheid="misschien")),
    ("werkvorm onbekend", lambda: Traject(naam="T", werkvorm="cursus")),
    ("quickscan soort onbekend", lambda: Quickscanpunt(traject_id=TID, tekst="X", soort="neutraal")),
    ("doel soort onbekend", lambda: Doel(traject_id=TID, tekst="X", soort="wens")),
    ("smart letter onbekend", lambda: Doel(traject_id=TID, tekst="X", smart={"Q": {"status": "ja"}})),
    ("smart status onbekend", lambda: Doel(traject_id=TID, tekst="X", smart={"S": {"status": "misschien"}})),
    ("kenmerk onbekend", lambda: Vraagstuk(traject_id=TID, tekst="X", kenmerken={"groot": True})),
    ("evaluatievraag onbekend", lambda: Evaluatie(traject_id=TID, actie_id="a", antwoorden={"weer": "zon"})),
    ("evaluatie zonder antwoord", lambda: Evaluatie(traject_id=TID, actie_id="a", antwoorden={"bijdrage": " "})),
    ("evaluatie zonder onderwerp", lambda: Evaluatie(traject_id=TID, antwoorden={"bijdrage": "ja"})),
    ("stap 0", lambda: Traject(naam="T", huidige_stap=0)),
    ("stap 11", lambda: Traject(naam="T", huidige_stap=11)),
    (
        "themadag drie gebieden",
        lambda: Traject(naam="T", werkvorm="themadag", verdieping_gebieden=("keten", "kennis", "kunde")),
    ),
    ("bijeenkomst nummer 0", lambda: Bijeenkomst(traject_id=TID, nummer=0)),
    ("bijeenkomst stap 11", lambda: Bijeenkomst(traject_id=TID, stappen=(1, 11))),
    ("bijeenkomst duur 0", lambda: Bijeenkomst(traject_id=TID, duur_uren=0)),
    ("bijeenkomst duur 13", lambda: Bijeenkomst(traject_id=TID, duur_uren=13)),
    ("e-mail zonder @", lambda: Deelnemer(traject_id=TID, naam="X", email="marieke.example.nl")),
    # wrong types (e.g. from a hand-edited or foreign backup) are Dutch ValueErrors too, not English or TypeError
    ("stap als woord", lambda: Traject(naam="T", huidige_stap="drie")),
    ("stap leeg", lambda: Traject(naam="T", huidige_stap=None)),
    ("nummer als woord", lambda: Bijeenkomst(traject_id=TID, nummer="een")),
    ("nummer leeg", lambda: Bijeenkomst(traject_id=TID, nummer=None)),
    ("duur als woord", lambda: Bijeenkomst(traject_id=TID, duur_uren="lang")),
    ("evaluatie onderwerp None", lambda: Evaluatie(traject_id=TID, onderwerp=None, antwoorden={"bijdrage": "ja"})),
    ("smart geen tabel", lambda: Doel(traject_id=TID, tekst="X", smart={"S": "ja"})),
    ("stemmen leeg", lambda: _kn(stemmen=None)),
    # bad dates
    ("datum dag-maand-jaar", lambda: _kn(opgelost="31-12-2026")),
    ("datum 30 februari", lambda: _kn(opgelost="2026-02-30")),
    ("datum woord", lambda: Actie(traject_id=TID, wat="X", deadline="morgen")),
    ("datum getal", lambda: Actie(traject_id=TID, wat="X", deadline=20260101)),
    ("datum maand 13", lambda: Bijeenkomst(traject_id=TID, datum="2026-13-01")),
]


@pytest.mark.parametrize("make", [m for _, m in INVALID], ids=[n for n, _ in INVALID])
def test_invalid_values_raise_dutch_valueerror(make):
    with pytest.raises(ValueError) as info:
        make()
    assert_dutch(str(info.value))


def test_messages_name_the_choices():
    with pytest.raises(ValueError, match="Klantbeleving"):  # lists the labels the user knows
        _kn(gebied="fietsen")
    with pytest.raises(ValueError, match="tussen 1 en 5"):
        _kn(belang=6)
    with pytest.raises(ValueError, match="gepland"):
        Actie(traject_id=TID, wat="X", status="af")
    with pytest.raises(ValueError, match="oplosbaar"):
        _kn(oplosbaarheid="misschien")
    with pytest.raises(ValueError, match="jjjj-mm-dd"):
        _kn(opgelost="31-12-2026")


def test_met_validates_again():
    k = _kn(belang=3)
    with pytest.raises(ValueError):
        k.met(belang=9)
    with pytest.raises(ValueError):
        k.met(tekst="  ")
    assert k.met(belang=4).belang == 4


def test_from_dict_validates():
    d = _kn().to_dict() | {"gebied": "fietsen"}
    with pytest.raises(ValueError):
        Knelpunt.from_dict(d)


def test_valid_values_are_cleaned():
    k = _kn(
        tekst="  Wachtlijst\x00 ",
        belang=3.0,
        quick_win=None,
        gebied="",
        gerelateerde_gebieden=("keten", "keten", "kennis"),
        opgelost="2026-05-01T10:00:00",
    )
    assert k.tekst == "Wachtlijst"
    assert k.belang == 3 and isinstance(k.belang, int)
    assert k.gebied is None
    assert k.gerelateerde_gebieden == ("keten", "kennis")
    assert k.opgelost == date(2026, 5, 1)
    # the own gebied is not also a related one
    assert _kn(gebied="keten", gerelateerde_gebieden=("keten", "kunde")).gerelateerde_gebieden == ("kunde",)
    assert Actie(traject_id=TID, wat="X", deadline=datetime(2026, 1, 2, 9, 30)).deadline == date(2026, 1, 2)
    for g in methode.GEBIED_KEYS:
        assert _kn(gebied=g).gebied == g
    for lo_hi in (methode.SCORE_MIN, methode.SCORE_MAX):
        assert _kn(belang=lo_hi, quick_win=lo_hi).quick_win == lo_hi
    for key, _ in methode.OPLOSBAARHEID:
        assert _kn(oplosbaarheid=key).oplosbaarheid == key
    for key, _ in methode.ACTIE_STATUSSEN:
        assert Actie(traject_id=TID, wat="X", status=key).status == key
    assert Traject(naam="T", werkvorm="themadag", verdieping_gebieden=("keten", "kennis")).verdieping_gebieden
    assert Traject(naam="T", verdieping_gebieden=("keten", "", None)).verdieping_gebieden == ("keten",)
    assert Traject(naam="T", huidige_stap=3.0).huidige_stap == 3
    assert Bijeenkomst(traject_id=TID, nummer=2.0, duur_uren=3).nummer == 2
