"""Presentatiemodus: the boards escape user text, every page shows a read-only view, switching back keeps all."""

from __future__ import annotations

from pathlib import Path

import pytest

from schouders.ui import presentatie

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py") if p.stem != "groepsscherm")
# the group screen is itself the presentation (tests/test_groepsscherm.py)


def test_board_escapes_user_text_and_names_every_column():
    html = presentatie.bord_html(
        [
            presentatie.Kolom("Keten", "#0072B2", [presentatie.Kaart('<img src=x onerror="alert(1)">', "<b>")]),
            presentatie.Kolom("Kennis", "#56B4E9", []),
        ],
        leeg="Nog niets.",
    )
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;" in html
    assert "Keten" in html and "· 1" in html and "Kennis" in html and "Nog niets." in html


def test_board_shows_a_count_for_what_does_not_fit():
    kaarten = [presentatie.Kaart(f"punt {i}") for i in range(presentatie.MAX_KAARTEN + 7)]
    html = presentatie.bord_html([presentatie.Kolom("Open gebied", "#7F7F7F", kaarten)])
    assert html.count('class="sch-kaart"') == presentatie.MAX_KAARTEN + 1
    assert "… en nog 7" in html


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("werkvorm", ["themadag", "werkplaats"])
def test_every_page_has_a_read_only_presentation(app_test, demo_store, page, werkvorm):
    tid = next(t.id for t in demo_store.snapshot().all("traject") if t.werkvorm == werkvorm)
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page(page).run()
    at.session_state["presentatie"] = True
    at.run()
    assert not at.exception, at.exception
    assert at.button(key="pr_verlaat").label == "Presentatie verlaten"
    # no editing controls in the main area: only the exit and the timer's buttons
    assert not at.main.text_input and not at.main.text_area and not at.main.selectbox
    assert {b.key for b in at.main.button} <= {
        "pr_verlaat",
        *(f"tm_{s}_{x}" for s in ("algemeen", *(f"stap{n}" for n in range(1, 11))) for x in ("start", "plus", "reset")),
    }


def test_switching_back_keeps_everything(app_test, demo_store):
    tid = next(t.id for t in demo_store.snapshot().all("traject") if t.werkvorm == "werkplaats")
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    at.session_state["eigen_sleutel"] = "blijft"
    at.session_state["presentatie"] = True  # the sidebar switch's key (AppTest drops sidebar widgets on reruns)
    at.run()
    assert at.button(key="pr_verlaat") is not None
    assert not at.main.text_input
    knelpunt = demo_store.snapshot().of("knelpunt", tid)[0]
    assert knelpunt.tekst in "\n".join(h.value for h in at.main.get("html"))  # the board shows the knelpunten
    at.button(key="pr_verlaat").click().run()
    assert not at.exception
    assert at.session_state["presentatie"] is False
    assert at.session_state["eigen_sleutel"] == "blijft" and at.session_state["traject_id"] == tid
    assert any("Stap 4" in t.value for t in at.title)
