"""Personal data in knelpunten (issue 21): the patterns alone, and with deduce, on two labelled sets of our own.

privacy_zinnen.json was used to tune the rules; privacy_zinnen_toets.json and privacy_zinnen_extra.json were
written afterwards and not tuned on. The floors below are a little under what was measured (README,
"Persoonsgegevens"); the table per kind is printed (pytest -s) and shown with any failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schouders import privacy

DATA = Path(__file__).parent / "data"


def _set(naam: str) -> dict:
    return json.loads((DATA / naam).read_text(encoding="utf-8"))


def _meet(naam: str, detector: privacy.Detector | None) -> tuple[float, float]:
    d = _set(naam)
    tp = fp = fn = 0
    for z in d["zinnen"]:
        gevonden = {(v.soort, v.tekst) for v in privacy.vind(z["tekst"], bekend=d["bekend"], detector=detector)}
        verwacht = {tuple(x) for x in z["vondsten"]}
        tp += len(gevonden & verwacht)
        fp += len(gevonden - verwacht)
        fn += len(verwacht - gevonden)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


SETS = ("privacy_zinnen.json", "privacy_zinnen_toets.json", "privacy_zinnen_extra.json")


def _per_soort(detector: privacy.Detector | None) -> tuple[dict[str, tuple[int, int, int]], str]:
    """(tp, fp, fn) per kind over all three sets, and the table as text."""
    telling: dict[str, list[int]] = {soort: [0, 0, 0] for soort in privacy.SOORTEN}
    for naam in SETS:
        d = _set(naam)
        for z in d["zinnen"]:
            gevonden = {(v.soort, v.tekst) for v in privacy.vind(z["tekst"], bekend=d["bekend"], detector=detector)}
            verwacht = {tuple(x) for x in z["vondsten"]}
            for soort, _ in gevonden & verwacht:
                telling[soort][0] += 1
            for soort, _ in gevonden - verwacht:
                telling[soort][1] += 1
            for soort, _ in verwacht - gevonden:
                telling[soort][2] += 1
    regels = ["soort          n  precisie  recall"]
    for soort, (tp, fp, fn) in telling.items():
        regels.append(f"{soort:<13}{tp + fn:>3}  {tp / max(1, tp + fp):>8.2f}  {tp / max(1, tp + fn):>6.2f}")
    return {k: (v[0], v[1], v[2]) for k, v in telling.items()}, "\n".join(regels)


def test_the_sets_are_big_enough() -> None:
    zinnen = [z for naam in SETS for z in _set(naam)["zinnen"]]
    met = [z for z in zinnen if z["vondsten"]]
    assert len(met) >= 60 and len(zinnen) - len(met) >= 60, (len(met), len(zinnen) - len(met))
    assert {s for z in met for s, _ in z["vondsten"]} == set(privacy.SOORTEN)


@pytest.fixture(scope="module")
def deduce_klaar() -> privacy.Detector:
    privacy.DETECTOR.laad(wacht=True)
    assert privacy.DETECTOR.status == "klaar", privacy.DETECTOR.fout
    return privacy.DETECTOR


def test_elfproef_and_iban_check() -> None:
    assert privacy.elfproef("123456782") and privacy.elfproef("1234.56.782")
    assert not privacy.elfproef("123456789") and not privacy.elfproef("000000000")
    assert privacy.iban_geldig("NL91 ABNA 0417 1643 00") and privacy.iban_geldig("NL44RABO0123456789")
    assert not privacy.iban_geldig("NL92ABNA0417164300")


def test_patterns_replace_only_the_personal_part() -> None:
    tekst = "Mevrouw Jansen uit de Kerkstraat 12 (BSN 123456782) belde vanaf 06-12345678"
    assert privacy.pseudonimiseer(tekst, detector=None) == (
        "Mevrouw [naam] uit de [adres] (BSN [bsn]) belde vanaf [telefoon]"
    )
    assert privacy.vind("Klantmanagers kennen de Wet gemeentelijke schuldhulpverlening niet", detector=None) == []
    assert privacy.vind("In Almere wacht je acht weken op de Kredietbank", detector=None) == []
    # A nine-digit number that fails the 11-check and has no "BSN" before it is a factuurnummer, not a BSN.
    assert privacy.vind("Het nummer 123456789 van de factuur klopt niet", detector=None) == []


def test_own_deelnemers_are_not_flagged() -> None:
    tekst = "Mevrouw Dekker van het wijkteam zegt dat mevrouw Jansen geen post krijgt"
    soorten = [(v.soort, v.tekst) for v in privacy.vind(tekst, bekend=["Marieke Dekker"], detector=None)]
    assert soorten == [("naam", "Jansen")]


def test_summary_names_each_kind_once() -> None:
    vondsten = privacy.vind("Meneer Kok en mevrouw Smit, Dorpsstraat 3", detector=None)
    assert privacy.samenvatting(vondsten) == "naam, adres"


def test_patterns_alone_are_precise() -> None:
    for naam in ("privacy_zinnen.json", "privacy_zinnen_toets.json"):
        precisie, _ = _meet(naam, None)
        assert precisie >= 0.9, (naam, precisie)


def test_with_deduce_names_without_a_form_of_address_are_found(deduce_klaar: privacy.Detector) -> None:
    assert [v.tekst for v in privacy.vind("Bel Ahmed op zijn werk", detector=deduce_klaar)] == ["Ahmed"]
    assert [v.tekst for v in privacy.vind("Kees van Dijk heeft vijf deurwaarders", detector=deduce_klaar)] == [
        "Kees van Dijk"
    ]
    precisie, recall = _meet("privacy_zinnen.json", deduce_klaar)
    assert precisie >= 0.9 and recall >= 0.95, (precisie, recall)
    precisie, recall = _meet("privacy_zinnen_toets.json", deduce_klaar)
    assert precisie >= 0.9 and recall >= 0.85, (precisie, recall)
    precisie, recall = _meet("privacy_zinnen_extra.json", deduce_klaar)
    assert precisie >= 0.9 and recall >= 0.9, (precisie, recall)


def test_precision_and_recall_per_kind(deduce_klaar: privacy.Detector) -> None:
    telling, tabel = _per_soort(deduce_klaar)
    print("\nMet deduce, drie sets samen:\n" + tabel)
    print("Alleen patronen:\n" + _per_soort(None)[1])
    for soort, (tp, fp, fn) in telling.items():
        assert tp / max(1, tp + fn) >= 0.8, (soort, tabel)  # recall: personal data is rarely missed
        assert tp / max(1, tp + fp) >= 0.75, (soort, tabel)


def test_a_missing_deduce_leaves_the_patterns_working(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A deduce that cannot be imported (not installed, broken): the worker says so, the patterns go on alone.
    nep = tmp_path / "deduce"
    nep.mkdir()
    (nep / "__init__.py").write_text("raise ImportError(\"No module named 'deduce'\")\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    d = privacy.Detector()
    d.laad(wacht=True, timeout=60)
    assert d.status == "niet beschikbaar" and "deduce" in (d.fout or ""), d.fout
    assert [v.soort for v in privacy.vind("BSN 123456782", detector=d)] == ["bsn"]


def test_names_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHOUDERS_NAMEN", "uit")
    d = privacy.Detector()
    d.laad(wacht=True, timeout=5)
    assert d.status == "niet beschikbaar" and d.vondsten("Bel Ahmed") == []


def test_loading_names_does_not_slow_the_app_process(deduce_klaar: privacy.Detector) -> None:
    # The worker is a process of its own: this process runs no deduce code at all.
    import sys

    assert "deduce" not in sys.modules
    assert deduce_klaar.vondsten_veel(["Bel Ahmed", "", "Kees van Dijk belde"]) == [
        [privacy.Vondst("naam", 4, 9, "Ahmed")],
        [],
        [privacy.Vondst("naam", 0, 13, "Kees van Dijk")],
    ]


def test_the_app_starts_without_the_worker_and_stap4_starts_it(tmp_path: Path) -> None:
    """The app's start is never delayed: the first page does not start name recognition; the first board does.
    In a fresh process, because the worker is one per process."""
    import os
    import subprocess
    import sys

    wortel = Path(__file__).resolve().parent.parent
    script = f"""
import os, sys
os.chdir({str(wortel)!r})
from streamlit.testing.v1 import AppTest
from schouders import demo, privacy
from schouders.store import Store
demo.laad_demo(Store(os.environ["SCHOUDERS_DB"]))
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, at.exception
print("start", privacy.DETECTOR.status)
at.switch_page("pages/stap4_aandachtsgebieden.py").run()
assert not at.exception, at.exception
print("stap4", privacy.DETECTOR.status)
"""
    env = {**os.environ, "SCHOUDERS_DB": str(tmp_path / "s.json"), "PYTHONPATH": str(wortel)}
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    regels = dict(line.split(" ", 1) for line in r.stdout.splitlines() if line.startswith(("start", "stap4")))
    assert regels["start"] == "niet gestart"
    assert regels["stap4"] in ("laden", "klaar")


def test_stap2_marks_a_point_with_personal_data(app_test, store) -> None:
    from schouders.model import Quickscanpunt, Traject

    t = Traject(naam="Quickscan", werkvorm="werkplaats")
    store.add_many(
        [
            t,
            Quickscanpunt(traject_id=t.id, soort="verbeter", tekst="Meneer Kok kreeg drie brieven op één dag"),
            Quickscanpunt(traject_id=t.id, soort="succes", tekst="Korte lijnen met het wijkteam"),
        ]
    )
    at = app_test()
    at.session_state["traject_id"] = t.id
    at.run()
    at.switch_page("pages/stap2_quickscan.py").run()
    assert not at.exception
    marks = [c.value for c in at.caption if "persoonsgegevens" in c.value]
    assert len(marks) == 1 and "naam" in marks[0]


def test_many_texts_are_looked_up_in_batches_with_progress(deduce_klaar: privacy.Detector) -> None:
    teksten = [f"Bel Ahmed over brief {i}" for i in range(250)]
    stappen: list[float] = []
    privacy.vooraf(teksten, voortgang=stappen.append)
    assert stappen == [0.4, 0.8, 1.0]
    assert all(privacy.vind(t)[0].tekst == "Ahmed" for t in teksten)
