"""Issue 16.2, readable charts for a group: numbered dots in the matrix, the same numbers in the list beside it,
user text escaped and wrapped in the figure, counts as text on the bars, hyphenation on the presentation board."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from schouders import analyse, charts, methode
from schouders import prioriteren as prio
from schouders.matrix import (
    ID_SEP,
    NUMMER_GROOTTE,
    matrix_figuur,
    matrix_legenda,
    matrix_nummers,
    nummer_tekst,
)
from schouders.model import Knelpunt, Traject
from schouders.ui import presentatie

STAP6 = "pages/stap6_oplossingsrichtingen.py"


def kp(tekst: str, gebied: str | None, belang: int | None, quick_win: int | None, **kw) -> Knelpunt:
    kw.setdefault("oplosbaarheid", "oplosbaar")
    return Knelpunt(traject_id="t", tekst=tekst, gebied=gebied, belang=belang, quick_win=quick_win, **kw)


def _nummers(label: str) -> list[int]:
    """The numbers a marker's label stands for: "<b>4</b>", "<b>4, 5</b>", "<b>4–9</b>"."""
    kaal = re.sub(r"</?b>", "", label)
    uit: list[int] = []
    for deel in kaal.split(", "):
        van, _, tot = deel.partition("–")
        uit += list(range(int(van), int(tot or van) + 1))
    return uit


def _punten(fig: go.Figure) -> list[tuple[str, list[str], list[int], str]]:
    """(trace name, knelpunt ids, numbers on the label, text position) per marker."""
    return [
        (t.name, cd[0].split(ID_SEP), _nummers(tekst), pos)
        for t in fig.data
        for cd, tekst, pos in zip(t.customdata, t.text, t.textposition, strict=True)
    ]


KNELPUNTEN = [
    kp("Wie zelf een afspraak moet maken, komt vaak niet", "keten", 4, 4, stemmen=3),
    kp("Partners weten niet wat de ander doet", "keten", 4, 4, stemmen=5),
    kp("Consulenten kennen de regels niet", "kennis", 4, 4),
    kp("Samenwerking verwatert", "kunde", 1, 5),
    kp("Geldzorgen zijn lastig te bespreken", None, 5, 1),
    kp("Formulieren zijn te ingewikkeld", "keten", 2, 2),
    kp("Nog niet gewogen", "keten", None, 3),
    kp("Kan niet opgelost worden", "keten", 5, 5, oplosbaarheid="onoplosbaar"),
]


def test_every_dot_carries_the_numbers_of_its_knelpunten_as_in_the_legend():
    fig = matrix_figuur(KNELPUNTEN)
    legenda = matrix_legenda(KNELPUNTEN)
    nummers = matrix_nummers(KNELPUNTEN)
    by_id = {k.id: k for k in KNELPUNTEN}
    assert [nr for nr, _, _ in legenda] == list(range(1, 7))  # the six scored, solvable knelpunten
    per_nummer = {nr: (tekst, gebied) for nr, tekst, gebied in legenda}
    op_stippen: list[int] = []
    for naam, ids, labels, _ in _punten(fig):
        assert [nummers[i] for i in ids] == labels  # the label shows exactly the numbers of the dot's knelpunten
        for i, nr in zip(ids, labels, strict=True):
            assert per_nummer[nr] == (by_id[i].tekst, methode.gebied_label(by_id[i].gebied)) == (by_id[i].tekst, naam)
        op_stippen += labels
    assert sorted(op_stippen) == list(per_nummer)  # every number once, nothing missing
    # the numbers are large enough to read on a shared screen, and in a dark colour beside the marker
    for t in fig.data:
        assert t.textfont.size == NUMMER_GROOTTE >= 16
        assert t.textfont.color == "#1F2328"
        assert t.mode == "markers+text" and t.cliponaxis is False
    assert matrix_figuur(KNELPUNTEN, nummer_grootte=20).data[0].textfont.size == 20  # the presentation's size
    # hover stays, and names the numbers too
    assert all(t.hoverinfo == "text" for t in fig.data)
    assert any("<b>1.</b> " in h for t in fig.data for h in t.hovertext)


def test_numbering_follows_the_quadrants_and_does_not_depend_on_input_order():
    legenda = matrix_legenda(KNELPUNTEN)
    teksten = [tekst for _, tekst, _ in legenda]
    # eerst doen (4/4: kennis before keten, then most votes), langere adem, quick win, later
    assert teksten == [
        "Consulenten kennen de regels niet",
        "Partners weten niet wat de ander doet",
        "Wie zelf een afspraak moet maken, komt vaak niet",
        "Geldzorgen zijn lastig te bespreken",
        "Samenwerking verwatert",
        "Formulieren zijn te ingewikkeld",
    ]
    assert matrix_legenda(list(reversed(KNELPUNTEN))) == legenda
    assert legenda[3][2] == methode.NIET_INGEDEELD
    assert matrix_legenda([]) == [] and matrix_nummers([]) == {}
    # quadrant by quadrant, in the order of the quadrant tables
    nummers = matrix_nummers(KNELPUNTEN)
    kwadranten = [prio.kwadrant_van(k).key for k in sorted(KNELPUNTEN, key=lambda k: nummers.get(k.id, 99))[:6]]
    assert kwadranten == ["eerst_doen"] * 3 + ["langere_adem", "quick_win", "later"]
    assert len(nummers) == 6


def test_knelpunten_on_the_same_cell_share_one_label_or_are_spread():
    kns = [kp(f"keten {i}", "keten", 2, 2, stemmen=i) for i in range(4)]
    kns += [kp("twee a", "kennis", 5, 5), kp("twee b", "kennis", 5, 5)]
    drie = [kp(f"{g} op 3/3", g, 3, 3) for g in ("keten", "kennis", "kunde", "open")]
    fig = matrix_figuur(kns + drie)
    labels = {(t.name, t.x[i], t.y[i]): t.text[i] for t in fig.data for i in range(len(t.x))}
    # one gebied on one cell: one marker with its numbers together, a run of three or more as a range
    assert labels[("Kennis", 5, 5)] == "<b>1, 2</b>"  # eerst doen comes first
    assert labels[("Keten", 2, 2)] == "<b>7–10</b>"  # four knelpunten, after the 3/3 ones (higher belang)
    assert nummer_tekst([4]) == "4" and nummer_tekst([4, 5]) == "4, 5" and nummer_tekst([4, 5, 6, 7]) == "4–7"
    assert nummer_tekst([3, 7]) == "3, 7" and nummer_tekst([]) == ""
    # four gebieden on 3/3: four markers apart, in the method's gebied order, each label on its own side
    op_drie = [
        (t.x[i], t.y[i], t.textposition[i], t.text[i])
        for t in fig.data
        for i, cd in enumerate(t.customdata)
        if any(k.id in cd[0] for k in drie)
    ]
    assert len(op_drie) == 4
    assert len({(round(x, 3), round(y, 3)) for x, y, *_ in op_drie}) == 4
    assert len({pos for _, _, pos, _ in op_drie}) == 4
    assert sorted(tekst for *_, tekst in op_drie) == ["<b>3</b>", "<b>4</b>", "<b>5</b>", "<b>6</b>"]
    # a marker alone on its spot sits on it and keeps its number to its right
    alleen = matrix_figuur([kp("alleen", "keten", 2, 5)]).data[0]
    assert (alleen.x[0], alleen.y[0], alleen.textposition[0], alleen.text[0]) == (5, 2, "middle right", "<b>1</b>")


def test_user_text_is_escaped_and_wrapped_in_the_figure():
    lang = "Een <b>vette</b> & <a href='x'>link</a> over de arbeidsongeschiktheidsverzekeringsaanvraag"
    kns = [kp(lang, "keten", 4, 4), kp("Kort <i>schuin</i>", "kennis", 4, 4)]
    fig = matrix_figuur(kns)
    alle_tekst = " ".join(str(t.text) + str(t.hovertext) + str(t.name) for t in fig.data)
    assert "<b>vette</b>" not in alle_tekst and "<a href" not in alle_tekst and "<i>" not in alle_tekst
    assert "&lt;b&gt;vette&lt;/b&gt;" in alle_tekst and "&amp;" in alle_tekst and "&lt;i&gt;schuin" in alle_tekst
    # markers carry only our own bold numbers
    assert all(re.fullmatch(r"<b>[0-9, –]+</b>", tekst) for t in fig.data for tekst in t.text)
    hover = next(t for t in fig.data if t.name == "Keten").hovertext[0]
    regels = hover.split("<br>")
    assert len(regels) >= 3  # heading + the knelpunt over at least two lines
    assert all(len(re.sub(r"&\w+;|<[^>]+>", "x", r)) <= 60 for r in regels[1:])
    # wrapped at word boundaries: every word of the text is still whole (the long word is not cut)
    assert "arbeidsongeschiktheidsverzekeringsaanvraag" in " ".join(regels[1:]).split()
    # a text too long for the hover is shortened after a whole word
    te_lang = matrix_figuur([kp("woord " * 15 + "arbeidsongeschiktheidsverzekeringsaanvraag", "keten", 1, 1)])
    eind = te_lang.data[0].hovertext[0].split("<br>")[-1]
    assert eind.endswith("woord…")
    # the legend keeps the text as typed: the page and the board escape it where they show it
    assert {tekst for _, tekst, _ in matrix_legenda(kns)} == {lang, "Kort <i>schuin</i>"}


def test_count_bars_carry_their_numbers_as_text():
    df = pd.DataFrame(
        {
            "gebied": ["keten", "keten", "kennis", "keten", None],
            "groep": ["A", "B", "B", "A", "A"],
            "groep_id": ["a", "b", "b", "a", "a"],
        }
    )
    telling = analyse.tel_per_gebied(df)
    (bar,) = charts.knelpunten_per_gebied(telling).data
    assert [int(t) for t in bar.text] == list(bar.x) and bar.textposition == "outside"
    gestapeld = charts.knelpunten_per_gebied(telling, per_groep=analyse.tel_per_gebied_en_groep(df))
    assert len(gestapeld.data) == 2
    for t in gestapeld.data:
        assert [int(s) if s else 0 for s in t.text] == list(t.x)  # every segment with a count shows it
        assert t.textposition == "inside"


def test_presentation_cards_hyphenate_instead_of_cutting_words():
    css = presentatie.BORD_CSS
    assert "overflow-wrap: anywhere" not in css
    kaart = css[css.index(".sch-kaart {") :]
    kaart = kaart[: kaart.index("}")]
    assert "hyphens: auto" in kaart and "overflow-wrap: break-word" in kaart


# ---- where the matrix is shown (AppTest) ------------------------------------------------------------------


def _traject_met_scores(store, extra: list[Knelpunt] = ()) -> Traject:
    t = Traject(naam="Leesbaar", werkvorm="werkplaats")
    kns = [
        Knelpunt(
            traject_id=t.id,
            tekst=k.tekst,
            gebied=k.gebied,
            belang=k.belang,
            quick_win=k.quick_win,
            stemmen=k.stemmen,
            oplosbaarheid=k.oplosbaarheid,
        )
        for k in [*KNELPUNTEN, *extra]
    ]
    store.add_many([t, *kns])
    return t


def test_stap6_matrix_tab_lists_the_numbers_beside_the_chart_escaped(app_test, store):
    t = _traject_met_scores(store, [kp("Een **vet** <b>knelpunt</b> [link](http://x)", "kunde", 2, 1)])
    at = app_test()
    at.session_state["traject_id"] = t.id
    at.session_state["s6_deel_gekozen"] = "3. De matrix"
    at.run()
    at.switch_page(STAP6).run()
    assert not at.exception, [e.value for e in at.exception]
    md = "\n".join(m.value for m in at.markdown)
    assert "**Nummers in de matrix** · 7" in md
    lijst = next(m.value for m in at.markdown if m.value.startswith("**1** · "))
    regels = lijst.split("  \n")
    assert len(regels) == 7
    for nr, _, gebied in matrix_legenda(store.snapshot().of("knelpunt", t.id)):
        assert regels[nr - 1].startswith(f"**{nr}** · ") and regels[nr - 1].endswith(f" · :gray[{gebied}]")
    vet = next(r for r in regels if "vet" in r)
    assert "**vet**" not in vet and "\\*\\*vet\\*\\*" in vet and "<b>" not in vet.replace("\\<b\\>", "")
    assert len(at.get("plotly_chart")) == 1


def test_presentation_board_shows_the_numbered_list_escaped(app_test, store):
    t = _traject_met_scores(store, [kp('<img src=x onerror="alert(1)">', "kunde", 2, 1)])
    at = app_test()
    at.session_state["traject_id"] = t.id
    at.run()
    at.switch_page(STAP6).run()
    at.session_state["presentatie"] = True
    at.run()
    assert not at.exception, at.exception
    html = "\n".join(h.value for h in at.main.get("html"))
    assert "Nummers in de matrix" in html and html.count('class="sch-nr"') == 7
    for nr, tekst, _ in matrix_legenda(store.snapshot().of("knelpunt", t.id)):
        if "<" not in tekst:
            assert f'<span class="sch-nr">{nr}</span>{tekst}' in html
    assert "<img" not in html and "&lt;img src=x" in html
    assert len(at.get("plotly_chart")) == 1
