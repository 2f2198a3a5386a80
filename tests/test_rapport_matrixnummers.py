"""Issue 18: the actieplan's lists under each quadrant carry the numbers of the matrix chart's markers, so a
reader of the printed plan finds every point of the chart in the text."""

from __future__ import annotations

from schouders import matrix
from schouders.exporters import rapport


def test_quadrant_lists_carry_the_chart_numbers(demo_store) -> None:
    snap = demo_store.snapshot()
    tid = next(t.id for t in snap.all("traject") if t.werkvorm == "werkplaats")
    r = rapport.actieplan(snap, tid)
    kn = snap.of("knelpunt", tid)
    nummers = matrix.matrix_nummers(kn)
    assert nummers, "the demo werkplaats has scored knelpunten"
    regels = [item for b in r.blokken if isinstance(b, rapport.Lijst) for item in b.items]
    for k in kn:
        if k.id in nummers:
            assert any(regel.startswith(f"{nummers[k.id]}. ") and k.tekst in regel for regel in regels), k.tekst
