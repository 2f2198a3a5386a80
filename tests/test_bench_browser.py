"""`bench --browser` measures every interaction of issue 22 in Chromium, next to a trivial twin, and reports
median, p90, ratio and targets. Not a timed test: it checks the report's shape and that nothing was skipped."""

from __future__ import annotations

import json
import sys

import pytest

from schouders import bench, bench_browser

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_p90_is_the_nearest_rank():
    assert bench_browser.p90([0.3, 0.1, 0.2]) == 0.3
    assert bench_browser.p90([float(i) for i in range(1, 11)]) == 9.0
    assert bench_browser.p90([5.0]) == 5.0


def test_targets_judge_the_twin_and_the_growth_from_the_small_size():
    result = {
        "sizes": [100, 1020],
        "interactions": {
            "100": {"a": {"ratio": 1.5, "median_s": 0.3}, "b": {"ratio": 1.0, "median_s": 0.2}},
            "1020": {"a": {"ratio": 1.8, "median_s": 0.36}, "b": {"ratio": 2.5, "median_s": 0.5}},
        },
    }
    t = bench_browser.targets(result)
    assert t["a (1020)"] == {"ratio": 1.8, "target": 2.0, "met": True}
    assert t["a groei (1020/100)"]["met"] is True  # 1.8 / 1.5 = 1.2
    assert t["a groei (1020/100)"]["seconds_ratio"] == 1.2
    assert t["b (1020)"]["met"] is False and t["b groei (1020/100)"]["met"] is False


def test_every_interaction_is_measured_next_to_its_twin(monkeypatch):
    monkeypatch.chdir(bench.ROOT)
    # In its own thread: after the browser tests, pytest-playwright keeps an asyncio loop running in this
    # thread, and Playwright's sync API refuses to start inside one (seen in the full suite).
    import threading

    uit: dict = {}

    def meet() -> None:
        try:
            uit["result"] = bench_browser.run([100], runs=1)
        except BaseException as exc:  # re-raised below, in the test's own thread
            uit["fout"] = exc

    draad = threading.Thread(target=meet)
    draad.start()
    draad.join()
    if "fout" in uit:
        raise uit["fout"]
    result = uit["result"]
    keys = [i.key for i in bench_browser.interacties()]
    assert {"stap4_enter", "stap5_gebied", "stap6_tabblad", "stap6_cel", "stap7_actie", "analyse_openen"} <= set(keys)
    assert sum(k.startswith("pagina ") for k in keys) == len(bench_browser.sidebar_pages()) - 1 >= 16
    gemeten = result["interactions"]["100"]
    assert list(gemeten) == keys
    for key, m in gemeten.items():
        assert "error" not in m, (key, m)
        assert set(m) == {"label", "median_s", "p90_s", "runs_s", "trivial", "ratio"}
        assert len(m["runs_s"]) == 1 and m["median_s"] > 0 and m["p90_s"] >= m["median_s"]
        assert set(m["trivial"]) == {"label", "median_s", "p90_s", "runs_s"} and m["trivial"]["median_s"] > 0
        assert m["ratio"] == pytest.approx(m["median_s"] / m["trivial"]["median_s"], rel=0.01)
    assert set(result["targets"]) == {f"{k} (100)" for k in keys}
    assert all(isinstance(t["met"], bool) and t["target"] == 2.0 for t in result["targets"].values())
    assert result["machine"]["cpus"] and result["runs"] == 1 and result["sizes"] == [100]
    json.dumps(result)  # what --json prints


def test_without_playwright_the_bench_says_so_in_dutch_and_exits_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert bench.main(["--browser", "--json"]) == 2
    fout = capsys.readouterr().err
    assert "Playwright" in fout and "niet geïnstalleerd" in fout


def test_alleen_picks_interactions_by_a_word_in_their_name():
    assert bench_browser.kies(["stap4"]) == {"stap4_enter"}
    assert bench_browser.kies(["analyse_openen", "Bijeenkomsten"]) == {"analyse_openen", "pagina Bijeenkomsten"}
    assert "pagina 5. Knelpuntenanalyse" in bench_browser.kies(["analyse"])  # a word in the label counts too
    assert "pagina 4. Aandachtsgebieden" in bench_browser.kies(["aandachtsgebieden"])
    with pytest.raises(ValueError, match="geen interactie"):
        bench_browser.kies(["bestaat niet"])


def test_alleen_is_in_the_dutch_help(capsys):
    with pytest.raises(SystemExit):
        bench_browser.main(["--help"])
    uit = capsys.readouterr().out
    assert "--alleen" in uit and "alleen de interacties" in uit
    assert bench_browser.main(["--alleen", "bestaat niet"]) == 2
    assert "geen interactie" in capsys.readouterr().err
