"""The method as data: ten steps in two diamonds, seven aandachtsgebieden, three werkvormen."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from schouders import methode

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def test_ten_steps_numbered_one_to_ten():
    assert [s.nummer for s in methode.STAPPEN] == list(range(1, 11))
    assert set(methode.STAP_BY_NUMMER) == set(range(1, 11))
    for s in methode.STAPPEN:
        assert s.naam.strip() and s.doel.strip()
        assert methode.stap(s.nummer) is s
    assert len({s.naam for s in methode.STAPPEN}) == 10


def test_double_diamond_steps_1_to_5_then_6_to_10():
    assert methode.ONTDEKKEN != methode.ONTWERPEN
    for s in methode.STAPPEN:
        assert s.diamant == (methode.ONTDEKKEN if s.nummer <= 5 else methode.ONTWERPEN), s.nummer


def test_every_step_has_prompts():
    for s in methode.STAPPEN:
        assert s.prompts, s.nummer
        assert all(p.strip() for p in s.prompts)


def test_seven_gebieden_with_unique_keys_and_labels():
    assert len(methode.GEBIEDEN) == 7
    keys = [g.key for g in methode.GEBIEDEN]
    assert len(set(keys)) == 7
    assert len({g.label for g in methode.GEBIEDEN}) == 7
    assert methode.GEBIED_KEYS == tuple(keys)
    assert set(methode.GEBIED_BY_KEY) == set(keys)
    for key in keys:  # keys are stored in the data: plain lowercase identifiers
        assert re.fullmatch(r"[a-z_]+", key), key
    # The seven areas of the werkwijzer, in its order.
    assert keys == ["klantbeleving", "kennis", "kunde", "keten", "bestuurlijk_mandaat", "randvoorwaarden", "open"]


def test_gebied_colours_valid_hex_and_distinct():
    kleuren = [g.kleur for g in methode.GEBIEDEN]
    for k in kleuren + [methode.NIET_INGEDEELD_KLEUR]:
        assert HEX.match(k), k
    normalised = {k.upper() for k in kleuren}
    assert len(normalised) == 7
    assert methode.NIET_INGEDEELD_KLEUR.upper() not in normalised


@pytest.mark.parametrize("gebied", methode.GEBIEDEN, ids=lambda g: g.key)
def test_gebied_has_two_to_five_prompts(gebied):
    assert 2 <= len(gebied.prompts) <= 5
    assert all(p.strip().endswith("?") for p in gebied.prompts)
    assert len(set(gebied.prompts)) == len(gebied.prompts)
    assert gebied.omschrijving.strip()


def test_gebied_label_and_kleur_helpers():
    for g in methode.GEBIEDEN:
        assert methode.gebied_label(g.key) == g.label
        assert methode.gebied_kleur(g.key) == g.kleur
    for missing in (None, "", "bestaat_niet"):
        assert methode.gebied_label(missing) == methode.NIET_INGEDEELD
        assert methode.gebied_kleur(missing) == methode.NIET_INGEDEELD_KLEUR


def test_three_werkvormen():
    assert [w.key for w in methode.WERKVORMEN] == ["werkplaats", "leernetwerk", "themadag"]
    assert set(methode.WERKVORM_BY_KEY) == {"werkplaats", "leernetwerk", "themadag"}
    for w in methode.WERKVORMEN:
        assert methode.werkvorm(w.key) is w
        assert len(w.plan) == w.aantal_bijeenkomsten
        for stappen in w.plan:
            assert stappen and all(s in methode.STAP_BY_NUMMER for s in stappen)
        assert w.max_uren_fysiek <= 4
        assert w.max_uren_online <= 2.5


def test_werkplaats_eight_meetings_a_month_apart():
    w = methode.werkvorm("werkplaats")
    assert w.aantal_bijeenkomsten == 8
    assert 25 <= w.dagen_tussen <= 31
    assert w.dagen_tussen == 28
    assert w.max_uren_fysiek == 4.0
    assert w.max_uren_online == 2.5
    assert not w.eigen_vraagstuk
    # Meetings 1–2: steps 1–4; the meetings cover every step except 8 (uitvoeren happens in between).
    assert set(w.plan[0]) | set(w.plan[1]) == {1, 2, 3, 4}
    assert {s for stappen in w.plan for s in stappen} == set(range(1, 11)) - {8}
    assert set(w.plan[2]) == {5, 6, 7}
    assert w.stappen == tuple(range(1, 11))
    # From meeting 4 on every meeting starts by looking back (steps 9–10).
    for stappen in w.plan[3:]:
        assert stappen[:2] == (9, 10)


def test_leernetwerk_six_weekly_and_a_terugkom_after_three_months():
    w = methode.werkvorm("leernetwerk")
    assert w.dagen_tussen == 7
    assert w.aantal_bijeenkomsten == 6 + 1  # six weekly meetings and one terugkombijeenkomst
    assert 80 <= w.terugkom_na_dagen <= 100
    assert w.eigen_vraagstuk
    assert w.stappen == tuple(range(1, 8))  # steps 1–7 together; 8–10 on their own
    assert {s for stappen in w.plan[:6] for s in stappen} == set(range(1, 8))
    assert set(w.plan[-1]) == {8, 9, 10}  # the terugkom meeting looks at 8–10


def test_themadag_two_parts_and_at_most_two_verdieping_gebieden():
    w = methode.werkvorm("themadag")
    assert w.aantal_bijeenkomsten == 2
    assert w.max_verdieping_gebieden == 2
    assert w.vaste_stappen == (1, 3)
    assert w.stappen == (2, 4, 5, 6)
    assert not set(w.vaste_stappen) & set(w.stappen)
    for other in ("werkplaats", "leernetwerk"):
        assert methode.werkvorm(other).max_verdieping_gebieden == 7


def test_choice_lists_have_unique_keys():
    for keuzes in (
        methode.OPLOSBAARHEID,
        methode.ACTIE_STATUSSEN,
        methode.EVALUATIE_VRAGEN,
        methode.KENMERKEN_VRAAGSTUK,
    ):
        keys = [k for k, _ in keuzes]
        assert len(keys) == len(set(keys))
        assert all(label.strip() for _, label in keuzes)
    assert [s[0] for s in methode.SMART] == list("SMART")
    assert len(methode.EVALUATIE_VRAGEN) == 4
    assert methode.MAX_ACTIES_PER_RONDE == 3
    assert (methode.SCORE_MIN, methode.SCORE_MAX) == (1, 5)


# ---- the labels live in methode.py only ---------------------------------------------------------------

# Labels that are ordinary Dutch words ("Kennis", "Keten", "Kunde") may occur inside a sentence; a literal
# that IS the label means someone repeated it instead of importing it. The distinctive labels may not occur
# in any literal at all.
LABELS = {g.label for g in methode.GEBIEDEN}
DISTINCTIVE = {g.label for g in methode.GEBIEDEN if " " in g.label or len(g.label) >= 10}


def _sources() -> list[Path]:
    files = sorted((ROOT / "schouders").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
    return [f for f in files if f.name != "methode.py" or f.parent.name != "schouders"]


def _docstrings(tree: ast.AST) -> set[int]:
    """Docstrings describe the code, they are not shown to users: leave them out."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _literal_hits(source: str) -> list[str]:
    hits = []
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if text.strip() in LABELS:
                hits.append(text)
            hits += [f"{label!r} in {text[:60]!r}" for label in DISTINCTIVE if label in text]
    return hits


def test_distinctive_labels_are_as_expected():
    assert {"Klantbeleving", "Randvoorwaarden", "Bestuurlijk mandaat", "Open gebied"} <= DISTINCTIVE


def test_label_detector_finds_repeated_labels():
    assert _literal_hits('x = "Klantbeleving"')
    assert _literal_hits('x = f"{n} knelpunten bij Bestuurlijk mandaat"')
    assert _literal_hits('x = ("Kennis", 1)')
    assert not _literal_hits('x = "klantbeleving"; y = "Kennis ophalen bij sprekers"; z = "bestuurlijk_mandaat"')
    assert not _literal_hits('"""Reads Bestuurlijk mandaat loosely."""\ndef f():\n    """Klantbeleving."""\n')


def test_no_module_repeats_the_gebied_labels():
    assert len(_sources()) > 5
    problems = {}
    for path in _sources():
        hits = _literal_hits(path.read_text(encoding="utf-8"))
        if hits:
            problems[str(path.relative_to(ROOT))] = hits
    assert not problems, f"gebied labels as literals (import them from methode): {problems}"
