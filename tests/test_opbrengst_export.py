"""The themadag's analysis across groups travels with the actieplan export ("Opbrengst themadag")."""

from schouders.exporters import markdown, rapport


def _themadag(snap):
    return next(t for t in snap.all("traject") if t.werkvorm == "themadag")


def test_themadag_actieplan_holds_opbrengst(demo_store):
    snap = demo_store.snapshot()
    t = _themadag(snap)
    r = rapport.actieplan(snap, t.id)
    tekst = r.tekst()
    assert "Opbrengst themadag" in tekst
    assert "3 terugkerende thema’s" in tekst
    # the three themes from the seeds' story, each named by all three groups
    for woord in ("kennen", "vindbaar", "avg"):
        regel = next(line for line in tekst.splitlines() if woord in line.lower() and "alle 3 groepen" in line)
        assert regel
    assert any(f.titel == "Knelpunten per aandachtsgebied en groep" for f in r.figuren())
    md = markdown.render(r)
    assert "Opbrengst themadag" in md and "Verdiept in stap 5" in md


def test_werkplaats_without_groups_has_no_opbrengst(demo_store):
    snap = demo_store.snapshot()
    t = next(t for t in snap.all("traject") if t.werkvorm == "werkplaats")
    assert "Opbrengst themadag" not in rapport.actieplan(snap, t.id).tekst()
