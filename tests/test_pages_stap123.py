"""AppTest on the pages Deelnemers, stap 1, stap 2 and stap 3: with the demo and with an empty traject."""

from __future__ import annotations

import pytest

from schouders import methode, ontdekken
from schouders.demo import THEMADAG, WERKPLAATS
from schouders.model import Deelnemer
from schouders.store import Store
from schouders.trajecten import nieuw_traject

PAGES = ("pages/deelnemers.py", "pages/stap1_vraagstuk.py", "pages/stap2_quickscan.py", "pages/stap3_doel.py")


def open_page(app_test, tid: str, page: str):
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def knop(at, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"geen knop '{label}' in {[b.label for b in at.button]}"
    return matches[0]


def teksten(at) -> list[str]:
    return [t.value for t in at.text]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def fouten(at) -> list[str]:
    return [e.value for e in at.error]


def _tid(store: Store, naam: str) -> str:
    return next(t.id for t in store.snapshot().all("traject") if t.naam == naam)


@pytest.fixture
def leeg(store: Store) -> str:
    return nieuw_traject(store, "Nieuw traject", "werkplaats").id


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("naam", [THEMADAG, WERKPLAATS])
def test_pages_render_with_the_demo(app_test, demo_store: Store, page: str, naam: str) -> None:
    at = open_page(app_test, _tid(demo_store, naam), page)
    assert not fouten(at)
    if page != "pages/deelnemers.py":
        assert at.title[0].value.startswith("Stap")
        assert methode.stap(int(page.split("stap")[1][0])).doel in markdown(at)  # purpose always visible


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_with_an_empty_traject(app_test, store: Store, leeg: str, page: str) -> None:
    at = open_page(app_test, leeg, page)
    assert not fouten(at)


# ---- deelnemers ------------------------------------------------------------------------------------------


def test_deelnemers_editor_shows_the_deelnemers(app_test, demo_store: Store) -> None:
    tid = _tid(demo_store, WERKPLAATS)
    at = open_page(app_test, tid, "pages/deelnemers.py")
    (editor,) = at.data_editor
    assert editor.editing_mode == "dynamic"
    namen = [d.naam for d in demo_store.snapshot().of("deelnemer", tid)]
    assert list(editor.value["naam"]) == namen
    assert f"{len(namen)} deelnemers" in markdown(at)


def test_deelnemers_empty_traject_invites_to_add(app_test, store: Store, leeg: str) -> None:
    at = open_page(app_test, leeg, "pages/deelnemers.py")
    assert len(at.data_editor[0].value) == 0
    assert any("Nog geen deelnemers" in i.value for i in at.info)


def test_deelnemers_editor_renews_when_someone_else_changed_them(app_test, store: Store, leeg: str) -> None:
    at = open_page(app_test, leeg, "pages/deelnemers.py")
    store.add(Deelnemer(traject_id=leeg, naam="Ada"))
    at.run()
    assert list(at.data_editor[0].value["naam"]) == ["Ada"]


# ---- stap 1 ----------------------------------------------------------------------------------------------


def test_stap1_write_check_split_and_choose(app_test, store: Store, leeg: str) -> None:
    at = open_page(app_test, leeg, "pages/stap1_vraagstuk.py")
    knop(at, "Vraagstuk bewaren").click().run()
    assert any("leeg" in f for f in fouten(at))
    assert store.snapshot().of("vraagstuk", leeg) == []

    at.text_area(key="s1_nieuw_tekst").input("Hoe helpen we mensen met schulden?")
    knop(at, "Vraagstuk bewaren").click().run()
    (breed,) = store.snapshot().of("vraagstuk", leeg)
    assert breed.werkvraag and "Hoe helpen we mensen met schulden?" in teksten(at)

    eerste = methode.KENMERKEN_VRAAGSTUK[0][0]
    at.checkbox(key=f"s1_km_{breed.id}_{eerste}").check().run()
    assert store.snapshot().get("vraagstuk", breed.id).kenmerken[eerste] is True

    for tekst in ("Hoe dragen we warmer over?", "Hoe herkennen we schulden?"):
        at.text_input(key="s1_kleiner_tekst").input(tekst)
        knop(at, "Toevoegen").click().run()
    at.text_input(key="s1_kleiner_tekst").input("   ")
    knop(at, "Toevoegen").click().run()
    assert any("leeg" in f for f in fouten(at))
    snap = store.snapshot()
    kleiner = [v for v in snap.of("vraagstuk", leeg) if v.parent_id == breed.id]
    assert [v.tekst for v in kleiner] == ["Hoe dragen we warmer over?", "Hoe herkennen we schulden?"]

    at.button(key=f"s1_kies_{kleiner[1].id}").click().run()
    assert ontdekken.werkvraag(store.snapshot(), leeg).id == kleiner[1].id
    assert at.button(key=f"s1_kies_{kleiner[1].id}").disabled
    assert "Hoe helpen we mensen met schulden?" in markdown(at)  # the others stay visible

    at.text_area(key=f"s1_tekst_{kleiner[0].id}").input("Hoe dragen we warm over?")
    [b for b in at.button if b.label == "Opslaan"][1].click().run()  # one per question, in tree order
    assert store.snapshot().get("vraagstuk", kleiner[0].id).tekst == "Hoe dragen we warm over?"
    assert not [b for b in at.button if b.key == f"s1_weg_{breed.id}"]  # has smaller questions: no delete
    at.button(key=f"s1_weg_{kleiner[0].id}").click().run()
    assert store.snapshot().get("vraagstuk", kleiner[0].id) is None


def test_stap1_themadag_explains_vraagstuk_is_set_beforehand(app_test, demo_store: Store) -> None:
    at = open_page(app_test, _tid(demo_store, THEMADAG), "pages/stap1_vraagstuk.py")
    assert any("organisatoren" in i.value for i in at.info)


def test_stap1_leernetwerk_one_tree_per_deelnemer_side_by_side(app_test, store: Store) -> None:
    t = nieuw_traject(store, "Leernetwerk", "leernetwerk")
    ada, bas = Deelnemer(traject_id=t.id, naam="Ada"), Deelnemer(traject_id=t.id, naam="Bas")
    store.add_many([ada, bas])
    ontdekken.nieuw_vraagstuk(store, t.id, "Vraag van Ada", deelnemer_id=ada.id)
    at = open_page(app_test, t.id, "pages/stap1_vraagstuk.py")
    assert "Vraag van Ada" in teksten(at) and "Nog geen vraagstuk." in teksten(at)  # overview
    picker = at.selectbox(key="_deelnemer_picker")
    picker.select(bas.id).run()
    assert at.session_state["deelnemer_id"] == bas.id
    at.text_area(key="s1_nieuw_tekst").input("Vraag van Bas")
    knop(at, "Vraagstuk bewaren").click().run()
    snap = store.snapshot()
    assert ontdekken.werkvraag(snap, t.id, bas.id).tekst == "Vraag van Bas"
    assert ontdekken.werkvraag(snap, t.id, ada.id).tekst == "Vraag van Ada"


def test_leernetwerk_without_deelnemers_asks_for_them(app_test, store: Store) -> None:
    t = nieuw_traject(store, "Leernetwerk", "leernetwerk")
    for page in PAGES[1:]:
        at = open_page(app_test, t.id, page)
        assert any("Voeg eerst deelnemers toe" in i.value for i in at.info)


# ---- stap 2 ----------------------------------------------------------------------------------------------


def test_stap2_quickscan_add_warn_park_promote(app_test, store: Store, leeg: str) -> None:
    vraag = ontdekken.nieuw_vraagstuk(store, leeg, "Ons vraagstuk")
    b1 = min(store.snapshot().of("bijeenkomst", leeg), key=lambda b: b.nummer)
    at = open_page(app_test, leeg, "pages/stap2_quickscan.py")
    assert "Ons vraagstuk" in teksten(at)  # read-only at the top
    at.selectbox(key="_bijeenkomst_picker").select(b1.id).run()

    at.text_input(key="s2_nieuw_verbeter").input("Inwoners maken zelf een afspraak")
    at.button[[b.label for b in at.button].index("Toevoegen", 1)].click().run()  # second form: verbeterpunten
    assert any("nog geen succespunt" in i.value for i in at.info)
    (punt,) = store.snapshot().of("quickscanpunt", leeg)
    assert (punt.soort, punt.vraagstuk_id, punt.bijeenkomst_id) == ("verbeter", vraag.id, b1.id)

    at.text_input(key="s2_nieuw_succes").input("  ")
    knop(at, "Toevoegen").click().run()
    assert any("leeg" in f for f in fouten(at))
    at.text_input(key="s2_nieuw_succes").input("Korte lijnen met het wijkteam")
    knop(at, "Toevoegen").click().run()
    assert not any("nog geen succespunt" in i.value for i in at.info)

    at.button(key=f"s2_park_{punt.id}").click().run()
    (opl,) = store.snapshot().of("oplossing", leeg)
    assert opl.bron_id == punt.id and not [b for b in at.button if b.key == f"s2_park_{punt.id}"]  # moved
    at.button(key=f"s2_opl_terug_{opl.id}").click().run()  # and back again
    assert not store.snapshot().of("oplossing", leeg) and at.button(key=f"s2_park_{punt.id}")

    at.selectbox(key=f"s2_gebied_{punt.id}").select("keten")
    knop(at, "Maak knelpunt").click().run()
    (kp,) = store.snapshot().of("knelpunt", leeg)
    assert (kp.gebied, kp.bron_id, kp.bron_stap) == ("keten", punt.id, 2)
    assert store.snapshot().get("quickscanpunt", punt.id).knelpunt_id == kp.id
    assert "knelpunt geworden (Keten)" in markdown(at)

    at.text_input(key="s2_nieuw_oplossing").input("Inloopspreekuur")
    knop(at, "Parkeren").click().run()
    assert {o.tekst for o in store.snapshot().of("oplossing", leeg)} == {"Inloopspreekuur"}

    at.button(key=f"s2_weg_{punt.id}").click().run()
    assert store.snapshot().get("quickscanpunt", punt.id) is None
    assert store.snapshot().get("knelpunt", kp.id) is not None  # the knelpunt stays


def test_stap2_themadag_shows_the_vraagstuk_read_only(app_test, demo_store: Store) -> None:
    tid = _tid(demo_store, THEMADAG)
    at = open_page(app_test, tid, "pages/stap2_quickscan.py")
    vraag = ontdekken.werkvraag(demo_store.snapshot(), tid)
    assert vraag.tekst in teksten(at)
    assert "vastgesteld door de organisatoren" in markdown(at)
    assert not [w for w in at.text_area if w.value == vraag.tekst]  # not editable here


# ---- stap 3 ----------------------------------------------------------------------------------------------


def test_stap3_two_versions_with_smart_check_and_history(app_test, store: Store, leeg: str) -> None:
    ontdekken.nieuw_vraagstuk(store, leeg, "Ons vraagstuk")
    at = open_page(app_test, leeg, "pages/stap3_doel.py")
    assert "Ons vraagstuk" in teksten(at)
    knop(at, "Bewaar als nieuwe versie").click().run()
    assert any("leeg" in f for f in fouten(at))

    at.text_area(key="s3_groep_nieuw_tekst").input("Meer mensen krijgen hulp.")
    at.segmented_control(key="s3_groep_nieuw_status_S").set_value("ja")
    at.segmented_control(key="s3_groep_nieuw_status_M").set_value("nee")
    at.text_input(key="s3_groep_nieuw_notitie_M").input("Geen cijfer")
    at.run()
    waarschuwing = " ".join(w.value for w in at.warning)
    assert "Nog niet SMART" in waarschuwing and "M (Meetbaar)" in waarschuwing and "S (Specifiek)" not in waarschuwing
    knop(at, "Bewaar als nieuwe versie").click().run()
    (v1,) = store.snapshot().of("doel", leeg)
    assert v1.smart["M"] == {"status": "nee", "notitie": "Geen cijfer"}

    prefix = f"s3_groep_{v1.id}_"
    assert at.text_area(key=prefix + "tekst").value == "Meer mensen krijgen hulp."  # starts from the newest
    knop(at, "Bewaar als nieuwe versie").click().run()
    assert any("niets veranderd" in f for f in fouten(at))

    at.text_area(key=prefix + "tekst").input("80% krijgt binnen twee weken hulp.")
    for letter in ontdekken.SMART_LETTERS:
        at.segmented_control(key=f"{prefix}status_{letter}").set_value("ja")
    at.selectbox(key=prefix + "soort").select("subdoel")
    at.run()
    assert any("alle vijf" in s.value for s in at.success)
    knop(at, "Bewaar als nieuwe versie").click().run()
    historie = ontdekken.doel_historie(store.snapshot(), leeg)
    assert [d.tekst for d in historie] == ["80% krijgt binnen twee weken hulp.", "Meer mensen krijgen hulp."]
    assert historie[0].soort == "subdoel"
    assert teksten(at)[-2:] == ["80% krijgt binnen twee weken hulp.", "Meer mensen krijgen hulp."]
    kop = markdown(at)
    assert "Versie 2" in kop and "Versie 1" in kop and "Subdoel" in kop


def test_stap3_demo_history_shows_meeting_and_date(app_test, demo_store: Store) -> None:
    tid = _tid(demo_store, WERKPLAATS)
    at = open_page(app_test, tid, "pages/stap3_doel.py")
    kop = markdown(at)
    assert "Versie 2" in kop and "Bijeenkomst 2" in kop
    assert any(dag in kop for dag in ("ma ", "di ", "wo ", "do ", "vr ", "za ", "zo "))


def test_stap2_themadag_group_view_and_new_items_get_the_group(app_test, demo_store: Store) -> None:
    tid = _tid(demo_store, THEMADAG)
    groep = next(g for g in demo_store.snapshot().of("groep", tid) if g.naam == "Groep A")
    at = open_page(app_test, tid, "pages/stap2_quickscan.py")
    at.selectbox(key="_groep_picker").select(groep.id).run()
    getoond = " ".join(m.value for m in at.markdown)
    assert "huisbezoek en winnen zo" in getoond  # group A's succespunt
    assert "voedselbank" not in getoond  # group C's is not shown
    at.text_input(key="s2_nieuw_succes").input("Nieuw in groep A")
    knop(at, "Toevoegen").click().run()
    nieuw = next(p for p in demo_store.snapshot().of("quickscanpunt", tid) if p.tekst == "Nieuw in groep A")
    assert nieuw.groep_id == groep.id


def test_scope_choices_hold_across_pages(app_test, store: Store) -> None:
    t = nieuw_traject(store, "Leernetwerk", "leernetwerk")
    ada, bas = Deelnemer(traject_id=t.id, naam="Ada"), Deelnemer(traject_id=t.id, naam="Bas")
    store.add_many([ada, bas])
    ontdekken.nieuw_vraagstuk(store, t.id, "Vraag van Ada", deelnemer_id=ada.id)
    ontdekken.nieuw_vraagstuk(store, t.id, "Vraag van Bas", deelnemer_id=bas.id)
    b2 = max(store.snapshot().of("bijeenkomst", t.id), key=lambda b: b.nummer)
    at = open_page(app_test, t.id, "pages/stap1_vraagstuk.py")
    at.selectbox(key="_deelnemer_picker").select(bas.id).run()
    at.switch_page("pages/stap2_quickscan.py").run()
    assert "Vraag van Bas" in teksten(at) and "Vraag van Ada" not in teksten(at)
    at.selectbox(key="_bijeenkomst_picker").select(b2.id).run()
    at.switch_page("pages/stap3_doel.py").run()
    assert at.selectbox(key="_deelnemer_picker").value == bas.id
    assert at.selectbox(key="_bijeenkomst_picker").value == b2.id
    at.text_area(key=f"s3_{bas.id}_nieuw_tekst").input("Doel van Bas")
    knop(at, "Bewaar als nieuwe versie").click().run()
    (doel,) = store.snapshot().of("doel", t.id)
    assert doel.bijeenkomst_id == b2.id
    assert doel.vraagstuk_id == ontdekken.werkvraag(store.snapshot(), t.id, bas.id).id
