"""Counts per gebied, by groep, the suggested gebied, the relation matrix and expert suggestions."""

from __future__ import annotations

import pandas as pd

from schouders import analyse, methode
from schouders.model import Expert, Groep, Knelpunt, Traject
from schouders.store import Store


def _traject(store: Store, knelpunten: list[tuple[str | None, tuple[str, ...], str | None]]) -> str:
    t = Traject(naam="Analyse", werkvorm="themadag")
    ga, gb = Groep(traject_id=t.id, naam="Groep A"), Groep(traject_id=t.id, naam="Groep B")
    groep = {"A": ga.id, "B": gb.id, None: None}
    objs = [t, ga, gb]
    for i, (gebied, rel, g) in enumerate(knelpunten):
        objs.append(
            Knelpunt(
                traject_id=t.id,
                tekst=f"knelpunt {i}",
                gebied=gebied,
                gerelateerde_gebieden=rel,
                groep_id=groep[g],
                aangemaakt=f"2026-01-01T10:00:{i:02d}",
            )
        )
    store.add_many(objs)
    return t.id


def test_counts_in_method_order_with_all_gebieden_and_niet_ingedeeld(store: Store) -> None:
    tid = _traject(store, [("keten", (), None), ("keten", (), None), ("kennis", (), None), (None, (), None)])
    df = analyse.knelpunten_frame(store.snapshot(), tid)
    assert list(df["tekst"]) == ["knelpunt 0", "knelpunt 1", "knelpunt 2", "knelpunt 3"]
    telling = analyse.tel_per_gebied(df)
    assert list(telling.index) == [*methode.GEBIED_KEYS, analyse.ONGEDEELD]
    assert list(telling["gebied"]) == [g.label for g in methode.GEBIEDEN] + [methode.NIET_INGEDEELD]
    assert telling.at["keten", "aantal"] == 2
    assert telling.at["kennis", "aantal"] == 1
    assert telling.at[analyse.ONGEDEELD, "aantal"] == 1
    assert telling["aantal"].sum() == 4
    assert telling.at["keten", "kleur"] == methode.GEBIED_BY_KEY["keten"].kleur


def test_empty_traject(store: Store) -> None:
    tid = _traject(store, [])
    df = analyse.knelpunten_frame(store.snapshot(), tid)
    telling = analyse.tel_per_gebied(df)
    assert telling["aantal"].sum() == 0 and len(telling) == 8
    assert analyse.voorgesteld_gebied(telling) is None
    assert analyse.ranglijst(telling) == []
    assert analyse.relatie_matrix(df).to_numpy().sum() == 0
    assert not analyse.heeft_groepen(df)
    assert analyse.tel_per_gebied_en_groep(df).shape[1] == 0


def test_suggested_gebied_is_most_knelpunten_ties_in_method_order_never_niet_ingedeeld(store: Store) -> None:
    tid = _traject(store, [(None, (), None)] * 5 + [("randvoorwaarden", (), None), ("kennis", (), None)])
    telling = analyse.tel_per_gebied(analyse.knelpunten_frame(store.snapshot(), tid))
    assert analyse.voorgesteld_gebied(telling) == "kennis"  # tie: kennis comes before randvoorwaarden
    assert analyse.ranglijst(telling) == ["kennis", "randvoorwaarden"]


def test_counts_by_groep(store: Store) -> None:
    tid = _traject(store, [("keten", (), "A"), ("keten", (), "B"), ("keten", (), "B"), ("kunde", (), None)])
    df = analyse.knelpunten_frame(store.snapshot(), tid)
    assert analyse.heeft_groepen(df)
    tabel = analyse.tel_per_gebied_en_groep(df)
    assert list(tabel.columns) == ["Groep A", "Groep B", analyse.ZONDER_GROEP]
    assert list(tabel.index) == list(analyse.VOLGORDE)
    assert tabel.at["keten", "Groep B"] == 2
    assert tabel.at["kunde", analyse.ZONDER_GROEP] == 1
    assert tabel.to_numpy().sum() == 4
    alleen_a = analyse.knelpunten_frame(store.snapshot(), tid, groep_id=df.loc[0, "groep_id"])
    assert len(alleen_a) == 1


def test_relation_matrix(store: Store) -> None:
    tid = _traject(
        store,
        [
            ("keten", ("randvoorwaarden", "kennis"), None),
            ("keten", ("randvoorwaarden",), None),
            ("kennis", ("keten",), None),
            (None, ("keten",), None),  # not placed: does not count
        ],
    )
    df = analyse.knelpunten_frame(store.snapshot(), tid)
    m = analyse.relatie_matrix(df)
    assert m.shape == (7, 7)
    assert list(m.index) == [g.label for g in methode.GEBIEDEN]
    assert m.at["Keten", "Randvoorwaarden"] == 2
    assert m.at["Keten", "Kennis"] == 1
    assert m.at["Kennis", "Keten"] == 1
    assert m.to_numpy().sum() == 4
    naar = analyse.relaties_naar(df, "randvoorwaarden")
    assert len(naar) == 2 and set(naar["gebied"]) == {"keten"}


def test_expert_suggestions(store: Store) -> None:
    tid = _traject(store, [("keten", (), None)] * 3 + [("kennis", (), None)] * 2 + [("kunde", (), None)])
    telling = analyse.tel_per_gebied(analyse.knelpunten_frame(store.snapshot(), tid))
    experts = [
        Expert(traject_id=tid, naam="Sara", organisatie="Ketenbureau", gebied="keten"),
        Expert(traject_id=tid, naam="Tom", gebied="open"),
    ]
    sug = analyse.expert_suggesties(telling, experts, top=2)
    assert isinstance(sug, pd.DataFrame)
    assert list(sug["key"]) == ["keten", "kennis"]
    assert list(sug["knelpunten"]) == [3, 2]
    assert sug.iloc[0]["experts"] == "Sara (Ketenbureau)" and sug.iloc[0]["heeft_expert"]
    assert not sug.iloc[1]["heeft_expert"]


def test_thousand_knelpunten_frame_is_cheap(store: Store) -> None:
    t = Traject(naam="Groot", werkvorm="werkplaats")
    keys = [*methode.GEBIED_KEYS, None]
    store.add_many([t] + [Knelpunt(traject_id=t.id, tekst=f"k{i}", gebied=keys[i % len(keys)]) for i in range(1000)])
    telling = analyse.tel_per_gebied(analyse.knelpunten_frame(store.snapshot(), t.id))
    assert telling["aantal"].sum() == 1000
    assert telling.at["klantbeleving", "aantal"] == 125
