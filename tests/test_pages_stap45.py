"""AppTest for stap 4 (board, add form, bulk paste, move, delete + undo) and stap 5 (verdieping, themadag,
experts, leeslijst)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schouders import methode
from schouders.model import Bijeenkomst, Groep, Knelpunt, Traject
from schouders.store import Store
from schouders.ui import common as ui
from tests.helpers.formulier import wist_zichzelf
from tests.helpers.kaarten import kaart_labels

S4 = "pages/stap4_aandachtsgebieden.py"
S5 = "pages/stap5_verdieping.py"
ZOOM = (Path(__file__).resolve().parent / "data" / "voorbeeld_zoom_chat.txt").read_text(encoding="utf-8")


def plain(text: str) -> str:
    """A message without the markdown escapes ui.esc adds."""
    return text.replace("\\", "")


def _open(app_test, tid: str, page: str):
    at = app_test()
    at.run()
    at.session_state["traject_id"] = tid
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _traject(store: Store, werkvorm: str = "werkplaats", knelpunten=(), **kwargs) -> Traject:
    t = Traject(naam=f"Pagina {werkvorm}", werkvorm=werkvorm, **kwargs)
    objs = [t] + [
        Knelpunt(traject_id=t.id, tekst=tekst, gebied=gebied, aangemaakt=f"2026-01-01T10:00:{i:02d}")
        for i, (tekst, gebied) in enumerate(knelpunten)
    ]
    store.add_many(objs)
    return t


def _knelpunten(store: Store, tid: str) -> list[Knelpunt]:
    return sorted(store.snapshot().of("knelpunt", tid), key=lambda k: k.aangemaakt)


def _kaart_labels(at) -> list[str]:
    """The markdown labels of the stap 4 cards (each card is a popover button)."""
    return kaart_labels(at)


def _kaarten(at) -> list[str]:
    """The knelpunt texts on the cards, as the screen shows them (markdown escapes removed)."""
    return [plain(label.split("\n\n")[0]) for label in _kaart_labels(at)]


def _submit(at, label: str = "Toevoegen"):
    (knop,) = [b for b in at.button if b.label == label]
    return knop.click().run()


# ---- stap 4 --------------------------------------------------------------------------------------


def test_stap4_add_with_gebied_and_meeting_one_write_field_clears_gebied_stays(store: Store, app_test) -> None:
    t = _traject(store)
    b = Bijeenkomst(traject_id=t.id, nummer=1, titel="Start")
    store.add(b)
    at = _open(app_test, t.id, S4)
    at.selectbox(key="_bijeenkomst_picker").set_value(b.id).run()
    at.text_input(key="s4_tekst").input("Geen tijd voor overleg")
    at.selectbox(key="s4_gebied").set_value("randvoorwaarden")
    writes = store.writes
    _submit(at)
    assert not at.exception
    assert store.writes == writes + 1
    (k,) = _knelpunten(store, t.id)
    assert (k.tekst, k.gebied, k.bijeenkomst_id, k.bron_stap) == (
        "Geen tijd voor overleg",
        "randvoorwaarden",
        b.id,
        4,
    )
    assert wist_zichzelf(at, "s4_nieuw")  # the browser empties the field as it sends it
    assert at.selectbox(key="s4_gebied").value == "randvoorwaarden"  # next one goes to the same gebied
    assert "Geen tijd voor overleg" in _kaarten(at)
    assert any("Toegevoegd aan Randvoorwaarden" in plain(s.value) for s in at.success)


def test_stap4_empty_text_gives_one_dutch_error_and_no_write(store: Store, app_test) -> None:
    t = _traject(store)
    at = _open(app_test, t.id, S4)
    writes = store.writes
    at.text_input(key="s4_tekst").input("   ")
    _submit(at)
    assert store.writes == writes
    assert [e.value for e in at.error] and "leeg" in at.error[0].value


def test_stap4_bulk_paste_zoom_saves_all_in_one_write_with_authors(store: Store, app_test) -> None:
    t = _traject(store)
    at = _open(app_test, t.id, S4)
    assert not at.get("text_area")  # the paste box is closed: its fields are not built
    at.session_state["s4_plak_open"] = True  # what clicking "Plak een lijst of een chat" does
    at.run()
    at.text_area(key="s4_plak").input(ZOOM)
    at.button(key="s4_leesin").click().run()
    assert not at.exception
    assert any("Zoom-chat: 3 knelpunten" in plain(i.value) for i in at.info)
    writes = store.writes
    at.button(key="s4_bewaar").click().run()
    assert store.writes == writes + 1
    kn = _knelpunten(store, t.id)
    assert len(kn) == 3
    assert {k.auteur for k in kn} == {"Marieke Visser", "Youssef Amrani"}
    assert all(k.gebied is None and k.bron_stap == 4 for k in kn)
    assert any("3 knelpunten bewaard" in plain(s.value) for s in at.success)
    assert at.text_area(key="s4_plak").value == ""  # back to an empty paste field


def test_preview_edits_are_applied() -> None:
    from schouders.ui.knelpunten import bewerkte_rijen

    rijen = [{"bewaren": True, "tekst": "a", "gebied": "Nog niet ingedeeld"}, {"bewaren": True, "tekst": "b"}]
    out = bewerkte_rijen(rijen, {"edited_rows": {0: {"gebied": "Keten"}, "1": {"bewaren": False}}})
    assert out[0]["gebied"] == "Keten" and out[1]["bewaren"] is False
    assert rijen[0]["gebied"] == "Nog niet ingedeeld"  # the base rows stay as they were


def test_stap4_move_edit_delete_and_undo(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("Dossiers raken zoek", None)])
    (k,) = _knelpunten(store, t.id)
    at = _open(app_test, t.id, S4)
    assert at.selectbox(key="s4_gebied").value == "niet_ingedeeld"  # a real option, shown as such
    at.session_state[f"s4_kaart_{k.id}"] = True  # open the card: it is the button of its 'Wijzig' popover
    at.run()
    at.selectbox(key=f"s4_mv_{k.id}").set_value("keten").run()
    assert _knelpunten(store, t.id)[0].gebied == "keten"
    at.text_input(key=f"s4_tx_{k.id}").input("Dossiers raken zoek bij overdracht").run()
    assert _knelpunten(store, t.id)[0].tekst == "Dossiers raken zoek bij overdracht"
    assert _kaarten(at) == ["Dossiers raken zoek bij overdracht"]
    at.session_state[f"s4_kaart_{k.id}"] = True  # the card with its new text is a new button: open it again
    at.run()
    at.button(key=f"s4_rm_{k.id}").click().run()
    assert _knelpunten(store, t.id) == []
    assert "Verwijderd: Dossiers raken zoek bij overdracht" in [x.value for x in at.text]
    at.button(key="s4_undo_knop").click().run()
    (terug,) = _knelpunten(store, t.id)
    assert terug.id == k.id and terug.gebied == "keten"
    assert not [b for b in at.button if b.key == "s4_undo_knop"]


def test_stap4_board_shows_counts_table_and_link_to_stap5(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "keten"), ("b", "keten"), ("c", "kennis"), ("d", None)])
    at = _open(app_test, t.id, S4)
    kolommen = [m.value for m in at.markdown if " · " in m.value and m.value.startswith("**")]
    assert kolommen == [
        f"**{g.label}** · {n}" for g, n in zip(methode.GEBIEDEN, [0, 1, 0, 2, 0, 0, 0], strict=True)
    ] + [f"**{methode.NIET_INGEDEELD}** · 1"]
    (tabel,) = at.table
    df = tabel.value
    assert list(df["Aandachtsgebied"]) == [g.label for g in methode.GEBIEDEN] + [methode.NIET_INGEDEELD]
    assert list(df["Knelpunten"]) == [0, 1, 0, 2, 0, 0, 0, 1]
    assert df.loc[df["Aandachtsgebied"] == "Keten", "Stap 5"].item() == "start hier"
    assert any("begin bij Keten" in p.label for p in at.get("page_link"))


def test_stap4_count_table_escapes_group_names_in_its_headers(store: Store, app_test) -> None:
    """st.table renders markdown, also in headers: a group's name is user text."""
    t = _traject(store)
    a, b = Groep(traject_id=t.id, naam="**Vet** [link](https://x.example)"), Groep(traject_id=t.id, naam="Tafel 2")
    store.add_many(
        [
            a,
            b,
            Knelpunt(traject_id=t.id, tekst="x", gebied="keten", groep_id=a.id),
            Knelpunt(traject_id=t.id, tekst="y", gebied="keten", groep_id=b.id),
        ]
    )
    at = _open(app_test, t.id, S4)
    (tabel,) = at.table
    assert ui.esc("**Vet** [link](https://x.example)") in tabel.value.columns
    assert "**Vet** [link](https://x.example)" not in tabel.value.columns
    assert tabel.value.loc[tabel.value["Aandachtsgebied"] == "Keten", "Tafel 2"].item() == 1


def test_stap4_gebied_questions_are_on_the_column_header(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "kennis")])
    at = _open(app_test, t.id, S4)
    kennis = methode.GEBIED_BY_KEY["kennis"]
    (kop,) = [m for m in at.markdown if m.value == f"**{kennis.label}** · 1"]
    assert kennis.omschrijving in kop.help  # shown on hover over the (?), no click and no rerun
    assert all(f"- {p}" in kop.help for p in kennis.prompts)
    assert kaart_labels(at) == ["a"]  # one card: the questions are no popover of their own


def test_stap4_user_text_is_never_markdown_or_html(store: Store, app_test) -> None:
    evil = '<script>window.__x=1</script> <img src=x onerror="window.__y=1"> [x](javascript:alert(1)) **vet**'
    t = _traject(store, knelpunten=[(evil, "kunde")])
    store.update("knelpunt", _knelpunten(store, t.id)[0].id, auteur="<b>Eva</b> [link](javascript:x)")
    at = _open(app_test, t.id, S4)
    assert _kaarten(at) == [evil]  # shown as typed
    # every markdown and HTML character of the text and the author is escaped in the card's label
    assert _kaart_labels(at) == [f"{ui.esc(evil)}\n\n:gray[— {ui.esc('<b>Eva</b> [link](javascript:x)')}]"]
    for m in [*at.markdown, *at.caption]:
        assert "<script>" not in m.value and "<img" not in m.value and "](javascript" not in m.value


def test_stap4_thousand_knelpunten_limited_cards_one_read_one_write(store: Store, app_test, monkeypatch) -> None:
    keys = [*methode.GEBIED_KEYS, None]
    t = _traject(store, knelpunten=[(f"knelpunt {i}", keys[i % len(keys)]) for i in range(1000)])
    at = _open(app_test, t.id, S4)
    kaarten = [x for x in _kaarten(at) if x.startswith("knelpunt ")]
    assert len(kaarten) <= 8 * 6  # not 1,000 widgets: 'toon alle' per column
    assert any(b.label == "Toon alle 125" for b in at.button)
    calls = {"n": 0}
    orig = Store.snapshot

    def counting(self):
        calls["n"] += 1
        return orig(self)

    monkeypatch.setattr(Store, "snapshot", counting)
    at.text_input(key="s4_tekst").input("nummer 1001")
    writes = store.writes
    _submit(at)
    assert not at.exception
    assert store.writes == writes + 1
    assert len(store.snapshot().of("knelpunt", t.id)) == 1001
    # the sidebar and the page each take the one cached snapshot: never one read per knelpunt
    assert calls["n"] <= 4


def test_stap4_list_view_shows_all_in_one_table(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[(f"k{i}", "keten") for i in range(30)])
    at = _open(app_test, t.id, S4)
    at.button_group[0].set_value("Lijst").run() if at.button_group else None
    assert not at.exception
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 30


# ---- stap 5 --------------------------------------------------------------------------------------


def test_stap5_opens_on_suggested_gebied_and_relates_a_knelpunt(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "kennis"), ("b", "keten"), ("c", "keten")])
    b_id = _knelpunten(store, t.id)[1].id
    at = _open(app_test, t.id, S5)
    (radio,) = at.radio
    assert radio.value == "keten"
    assert any("Begin bij Keten" in m.value for m in at.markdown)
    at.session_state[f"s5_kaart_{b_id}"] = True  # click the card: its fields open
    at.run()
    writes = store.writes
    at.multiselect(key=f"s5_rel_{b_id}").set_value(["randvoorwaarden"])
    at.text_area(key=f"s5_tl_{b_id}").input("Er is geen tijd om elkaar te leren kennen")
    _submit(at, "Bewaren")
    assert store.writes == writes + 1  # toelichting and samenhang in one write
    k = store.snapshot().get("knelpunt", b_id)
    assert k.gerelateerde_gebieden == ("randvoorwaarden",) and k.toelichting.startswith("Er is geen tijd")
    kaart = next(label for label in _kaart_labels(at) if label.startswith("b"))
    assert "**Toelichting:** Er is geen tijd om elkaar te leren kennen" in kaart
    assert "**Hangt ook samen met:** Randvoorwaarden" in kaart
    matrix = [tb.value for tb in at.table if "Gebied" in tb.value.columns]
    assert matrix and matrix[0].set_index("Gebied").at["Keten", "Randvoorwaarden"] == 1


def test_stap5_add_in_chosen_gebied_has_bron_stap_5(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "kunde")])
    at = _open(app_test, t.id, S5)
    at.text_input(key="s5_kunde_tekst").input("Gespreksvaardigheden ontbreken")
    _submit(at)
    nieuw = [k for k in _knelpunten(store, t.id) if k.tekst.startswith("Gespreks")]
    assert len(nieuw) == 1 and nieuw[0].gebied == "kunde" and nieuw[0].bron_stap == 5


def test_stap5_themadag_limits_to_chosen_gebieden_and_says_so(store: Store, app_test) -> None:
    t = _traject(
        store,
        "themadag",
        knelpunten=[("a", "klantbeleving")] * 3 + [("b", "keten"), ("c", "kennis")],
        verdieping_gebieden=("keten", "kennis"),
    )
    at = _open(app_test, t.id, S5)
    assert any("hooguit 2 gebieden" in i.value and "Kennis en Keten" in i.value for i in at.info)
    (radio,) = at.radio
    assert list(radio.options) == ["Kennis (1)", "Keten (1)"]
    at.multiselect(key="s5_daggebieden").set_value(["klantbeleving"]).run()
    assert store.snapshot().get("traject", t.id).verdieping_gebieden == ("klantbeleving",)
    assert [o for o in at.radio[0].options] == ["Klantbeleving (3) · meeste knelpunten"]


def test_stap5_themadag_without_choice_asks_for_one_or_two(store: Store, app_test) -> None:
    t = _traject(store, "themadag", knelpunten=[("a", "keten")])
    at = _open(app_test, t.id, S5)
    assert any("1 of 2 gebieden" in w.value for w in at.warning)
    assert at.multiselect(key="s5_daggebieden").max_selections == 2


def test_stap5_counts_per_gebied_in_the_choice_and_chart_on_request(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "keten"), ("b", "keten"), ("c", "kennis")])
    at = _open(app_test, t.id, S5)
    keuze = at.radio(key=f"s5_gebied_{'_'.join(methode.GEBIED_KEYS)}")
    assert "Keten (2) · meeste knelpunten" in keuze.options and "Kennis (1)" in keuze.options
    assert not [tb for tb in at.table if "Knelpunten" in tb.value.columns]  # closed: no chart, no table
    at.session_state["s5_telling_open"] = True  # what clicking the expander does
    at.run()
    (tabel,) = [tb.value for tb in at.table if "Knelpunten" in tb.value.columns]
    assert dict(zip(tabel["Aandachtsgebied"], tabel["Knelpunten"], strict=False))["Keten"] == 2
    assert len(at.get("plotly_chart")) == 1


def test_stap5_experts_and_leeslijst(store: Store, app_test) -> None:
    t = _traject(store, knelpunten=[("a", "keten"), ("b", "keten"), ("c", "kennis")])
    at = _open(app_test, t.id, S5)
    assert not [m for m in at.markdown if "nodig er een uit" in m.value]  # closed: not built
    at.session_state["s5_experts_open"] = True  # what clicking "Experts uitnodigen" does
    at.session_state["s5_lees_open"] = True
    at.run()
    assert any("Keten" in m.value and "nodig er een uit" in m.value for m in at.markdown)
    at.text_input(key="s5_ex_naam").input("Sara de Vries")
    at.text_input(key="s5_ex_org").input("Ketenbureau")
    at.text_input(key="s5_ex_contact").input("sara@example.org")
    _submit(at, "Expert toevoegen")
    (e,) = store.snapshot().of("expert", t.id)
    assert (e.naam, e.organisatie, e.gebied, e.contact) == ("Sara de Vries", "Ketenbureau", "keten", "sara@example.org")
    assert any("al bekend" in m.value and "Sara de Vries" in m.value for m in at.markdown)
    at.text_input(key="s5_lees_titel").input("Samenwerken in de keten")
    at.text_input(key="s5_lees_link").input("https://example.org/keten")
    _submit(at, "Toevoegen aan leeslijst")
    (item,) = store.snapshot().of("leesitem", t.id)
    assert item.titel == "Samenwerken in de keten" and item.gebied == "keten"


@pytest.mark.parametrize("page", [S4, S5])
def test_pages_work_on_the_demo(demo_store: Store, app_test, page: str) -> None:
    for t in demo_store.snapshot().trajecten():
        at = _open(app_test, t.id, page)
        assert not at.error
