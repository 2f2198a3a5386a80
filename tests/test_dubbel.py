"""Duplicates are caught where they come in (issue 15, part 5): the same text after trimming, collapsing
whitespace and ignoring case. Punctuation counts: only case and whitespace make two texts the same.

The domain (`knelpunten.normaliseer`, `dubbele`, `dubbel_in_lijst`) and stap 4 through AppTest: a pasted
list that is already on the board starts unticked and is named above the preview, one click ticks it again,
and a typed knelpunt that exists is not added twice."""

from __future__ import annotations

from schouders import knelpunten as kp
from schouders.model import Knelpunt, Traject
from schouders.store import Store
from schouders.ui import common as ui

S4 = "pages/stap4_aandachtsgebieden.py"
S5 = "pages/stap5_verdieping.py"


def _traject(store: Store, knelpunten=(), naam: str = "Dubbel") -> Traject:
    t = Traject(naam=naam, werkvorm="werkplaats")
    store.add_many(
        [t]
        + [
            Knelpunt(traject_id=t.id, tekst=tekst, gebied=gebied, aangemaakt=f"2026-01-01T10:00:{i:02d}")
            for i, (tekst, gebied) in enumerate(knelpunten)
        ]
    )
    return t


def _knelpunten(store: Store, tid: str) -> list[Knelpunt]:
    return sorted(store.snapshot().of("knelpunt", tid), key=lambda k: k.aangemaakt)


def plain(text: str) -> str:
    """A message without the markdown escapes ui.esc adds."""
    return text.replace("\\", "")


# ---- the domain ----------------------------------------------------------------------------------


def test_normaliseer_trims_collapses_whitespace_and_ignores_case() -> None:
    assert kp.normaliseer("  Brieven   zijn\tONLEESBAAR \n") == "brieven zijn onleesbaar"
    assert kp.normaliseer("Het intakeformulier is te lang\nen te ingewikkeld") == kp.normaliseer(
        "het intakeformulier is te lang en te ingewikkeld"
    )
    assert kp.normaliseer("Straße") == kp.normaliseer("STRASSE")  # casefold, not just lower()
    assert kp.normaliseer("Cafe\u0301") == kp.normaliseer("Café")  # é typed or pasted as e + accent
    assert kp.normaliseer("geen\u00a0tijd") == "geen tijd"  # a non-breaking space from a chat is a space
    assert kp.normaliseer("") == kp.normaliseer("   ") == ""


def test_dubbele_case_and_spaces_are_the_same_text(store: Store) -> None:
    t = _traject(store, [("Brieven zijn onleesbaar", "kennis")])
    (k,) = _knelpunten(store, t.id)
    snap = store.snapshot()
    assert kp.dubbele(snap, t.id, ["BRIEVEN ZIJN ONLEESBAAR"]) == {0: k}
    assert kp.dubbele(snap, t.id, ["  brieven   zijn onleesbaar  "]) == {0: k}
    assert kp.dubbele(snap, t.id, ["brieven\nzijn\tonleesbaar"]) == {0: k}


def test_dubbele_punctuation_and_other_words_are_different_texts(store: Store) -> None:
    t = _traject(store, [("Brieven zijn onleesbaar", "kennis")])
    snap = store.snapshot()
    assert kp.dubbele(snap, t.id, ["Brieven zijn onleesbaar.", "Brieven zijn onleesbaar!"]) == {}
    assert kp.dubbele(snap, t.id, ["Brieven", "Brieven zijn onleesbaar voor klanten"]) == {}


def test_dubbele_gives_the_index_of_each_duplicate_in_a_mixed_list(store: Store) -> None:
    t = _traject(store, [("Geen tijd", "randvoorwaarden"), ("Dossiers raken zoek", None)])
    tijd, dossiers = _knelpunten(store, t.id)
    uit = kp.dubbele(store.snapshot(), t.id, ["nieuw", "geen tijd", "", "   ", "Dossiers raken zoek", "ook nieuw"])
    assert uit == {1: tijd, 4: dossiers}  # empty texts are never duplicates


def test_dubbele_looks_only_in_its_own_traject(store: Store) -> None:
    a = _traject(store, [("Geen tijd", "kennis")], naam="A")
    b = _traject(store, naam="B")
    assert kp.dubbele(store.snapshot(), b.id, ["Geen tijd"]) == {}
    assert list(kp.dubbele(store.snapshot(), a.id, ["Geen tijd"])) == [0]


def test_dubbele_names_the_oldest_when_the_board_has_it_twice(store: Store) -> None:
    t = _traject(store, [("Geen tijd", "kennis"), ("geen tijd", "keten")])
    oudste = _knelpunten(store, t.id)[0]
    assert kp.dubbele(store.snapshot(), t.id, ["GEEN TIJD"]) == {0: oudste}


def test_dubbele_sees_a_knelpunt_added_after_an_earlier_check(store: Store) -> None:
    """The index of the board's texts is built once per store revision, so a new knelpunt counts at once."""
    t = _traject(store)
    assert kp.dubbele(store.snapshot(), t.id, ["Geen tijd"]) == {}
    k = kp.voeg_toe(store, t.id, "Geen tijd", "kennis")
    assert kp.dubbele(store.snapshot(), t.id, ["geen tijd"]) == {0: k}


def test_dubbel_in_lijst_points_later_occurrences_at_the_first() -> None:
    teksten = ["Geen tijd", "Dossiers raken zoek", "geen  TIJD", "", "", "Geen tijd.", "Geen tijd"]
    assert kp.dubbel_in_lijst(teksten) == {2: 0, 6: 0}  # empty lines are no duplicates; "." makes it another
    assert kp.dubbel_in_lijst([]) == {}
    assert kp.dubbel_in_lijst(["a", "b"]) == {}


# ---- stap 4 through AppTest ----------------------------------------------------------------------


def _open(app_test, tid: str, page: str = S4):
    at = app_test()
    at.run()
    at.session_state["traject_id"] = tid
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _plak(at, tekst: str) -> None:
    at.session_state["s4_plak_open"] = True  # what clicking "Plak een lijst of een chat" does
    at.run()
    at.text_area(key="s4_plak").input(tekst)
    at.button(key="s4_leesin").click().run()
    assert not at.exception, at.exception


def _voorbeeld(at):
    (df,) = at.dataframe  # the preview's data editor
    return df.value


def _melding(at) -> str:
    (w,) = [w.value for w in at.warning if "al op het bord" in w.value or "twee keer" in w.value]
    return w


LIJST = "- Brieven zijn onleesbaar\n- Geen tijd voor overleg\n- Dossiers raken zoek"


def test_paste_same_list_twice_second_time_unticked_named_and_adds_nothing(store: Store, app_test) -> None:
    t = _traject(store)
    at = _open(app_test, t.id)
    _plak(at, LIJST)
    assert not [w for w in at.warning if "al op het bord" in w.value]  # nothing there yet
    assert list(_voorbeeld(at)["bewaren"]) == [True, True, True]
    at.button(key="s4_bewaar").click().run()
    assert len(_knelpunten(store, t.id)) == 3
    store.update("knelpunt", _knelpunten(store, t.id)[0].id, gebied="kennis")  # placed on the board meanwhile

    # the same list again, typed a little differently: all three are named and start unticked
    _plak(at, "1. brieven zijn onleesbaar\n2. GEEN TIJD VOOR OVERLEG\n3.   Dossiers  raken zoek  ")
    melding = plain(_melding(at))
    assert melding.startswith("3 staan al op het bord: ")
    assert "'brieven zijn onleesbaar' (Kennis)" in melding
    assert "'GEEN TIJD VOOR OVERLEG' (Nog niet ingedeeld)" in melding
    assert "'Dossiers raken zoek' (Nog niet ingedeeld)" in melding
    df = _voorbeeld(at)
    assert list(df["bewaren"]) == [False, False, False]
    assert list(df["dubbel"]) == ["Staat al bij Kennis", "Staat al bij Nog niet ingedeeld"] + [
        "Staat al bij Nog niet ingedeeld"
    ]
    assert [b.label for b in at.button if b.key == "s4_toch"] == ["Toch allemaal bewaren"]

    writes = store.writes
    at.button(key="s4_bewaar").click().run()
    assert not at.exception
    assert store.writes == writes  # nothing added, not even an empty write
    assert len(_knelpunten(store, t.id)) == 3
    assert any("Niets bewaard" in plain(i.value) for i in at.info)
    assert not at.error  # skipping duplicates is no mistake
    assert not at.dataframe  # the preview is closed again
    assert at.text_area(key="s4_plak").value == ""


def test_paste_with_some_duplicates_saves_only_the_new_ones_in_one_write(store: Store, app_test) -> None:
    t = _traject(store, [("Geen tijd voor overleg", "randvoorwaarden")])
    at = _open(app_test, t.id)
    _plak(at, "Geen tijd voor overleg\nWachtlijsten zijn lang\nwachtlijsten  zijn lang\nKlanten snappen de brief niet")
    melding = plain(_melding(at))
    assert "1 staat al op het bord: 'Geen tijd voor overleg' (Randvoorwaarden)." in melding
    assert "1 staat twee keer in de lijst: 'wachtlijsten zijn lang'." in melding
    df = _voorbeeld(at)
    assert list(df["bewaren"]) == [False, True, False, True]
    assert list(df["dubbel"]) == ["Staat al bij Randvoorwaarden", "", "Staat hoger in de lijst", ""]
    writes = store.writes
    at.button(key="s4_bewaar").click().run()
    assert store.writes == writes + 1
    assert [k.tekst for k in _knelpunten(store, t.id)] == [
        "Geen tijd voor overleg",
        "Wachtlijsten zijn lang",
        "Klanten snappen de brief niet",
    ]
    assert any("2 knelpunten bewaard. 2 dubbele niet bewaard." in plain(s.value) for s in at.success)


def test_toch_allemaal_bewaren_ticks_the_duplicates_in_one_click(store: Store, app_test) -> None:
    t = _traject(store, [("Brieven zijn onleesbaar", "kennis"), ("Geen tijd", "keten")])
    at = _open(app_test, t.id)
    _plak(at, "Brieven zijn onleesbaar\nGeen tijd\nNieuw punt\nnieuw punt")
    assert list(_voorbeeld(at)["bewaren"]) == [False, False, True, False]
    writes = store.writes
    at.button(key="s4_toch").click().run()
    assert not at.exception
    assert store.writes == writes  # only ticked: saving is still the user's own click
    assert list(_voorbeeld(at)["bewaren"]) == [True, True, True, True]
    assert not [b for b in at.button if b.key == "s4_toch"]
    assert not [w for w in at.warning if "al op het bord" in w.value]
    assert any("weer aangevinkt" in i.value for i in at.info)
    at.button(key="s4_bewaar").click().run()
    assert store.writes == writes + 1
    assert len(_knelpunten(store, t.id)) == 6


def test_duplicate_message_escapes_user_text(store: Store, app_test) -> None:
    evil = "**vet** [x](javascript:alert(1)) <img src=x onerror=alert(2)>"
    t = _traject(store, [(evil, "kennis")])
    at = _open(app_test, t.id)
    _plak(at, evil)
    melding = _melding(at)
    assert f"'{ui.esc(evil)}' (Kennis)" in melding
    assert evil not in melding  # never as markdown: every special character has its backslash
    for teken in ("<img", "](javascript", "**vet"):
        assert melding.count(teken) == 0 or melding.count(teken) == melding.count(ui.esc(teken))
    assert "**vet**" not in melding and "[x](" not in melding


def test_duplicate_message_names_five_and_counts_the_rest(store: Store, app_test) -> None:
    teksten = [f"Knelpunt nummer {i}" for i in range(8)]
    t = _traject(store, [(x, "keten") for x in teksten])
    at = _open(app_test, t.id)
    _plak(at, "\n".join(teksten))
    melding = plain(_melding(at))
    assert melding.startswith("8 staan al op het bord: ")
    assert "'Knelpunt nummer 4' (Keten) en nog 3." in melding
    assert "Knelpunt nummer 5" not in melding


def test_typing_an_existing_knelpunt_warns_and_adds_nothing(store: Store, app_test) -> None:
    t = _traject(store, [("Brieven zijn onleesbaar", "kennis")])
    at = _open(app_test, t.id)
    at.selectbox(key="s4_gebied").set_value("keten")
    at.text_input(key="s4_tekst").input("  brieven zijn   ONLEESBAAR ")
    writes = store.writes
    (knop,) = [b for b in at.button if b.label == "Toevoegen"]
    knop.click().run()
    assert not at.exception
    assert store.writes == writes
    assert [k.tekst for k in _knelpunten(store, t.id)] == ["Brieven zijn onleesbaar"]
    assert [plain(w.value) for w in at.warning] == ["Dit knelpunt staat al op het bord bij Kennis."]
    assert at.text_input(key="s4_tekst").value == "  brieven zijn   ONLEESBAAR "  # back, to change it
    assert not at.success

    # changed a little (punctuation is a different text): added, in one write
    at.text_input(key="s4_tekst").input("Brieven zijn onleesbaar voor laaggeletterden")
    (knop,) = [b for b in at.button if b.label == "Toevoegen"]
    knop.click().run()
    assert store.writes == writes + 1
    assert len(_knelpunten(store, t.id)) == 2
    assert any("Toegevoegd aan Keten" in plain(s.value) for s in at.success)


def test_typing_an_existing_knelpunt_in_stap5_is_refused_too(store: Store, app_test) -> None:
    t = _traject(store, [("Gespreksvaardigheden ontbreken", "kunde")])
    at = _open(app_test, t.id, S5)
    at.text_input(key="s5_kunde_tekst").input("gespreksvaardigheden ontbreken")
    writes = store.writes
    (knop,) = [b for b in at.button if b.label == "Toevoegen"]
    knop.click().run()
    assert store.writes == writes
    assert any("staat al op het bord bij Kunde" in plain(w.value) for w in at.warning)
