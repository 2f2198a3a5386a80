"""Stap 6 and 7 as rules: what is solvable, which quadrant a knelpunt lands in, the 1–3 actions per round.

Pure: no Streamlit, no store. Pages and the matrix take their labels and rules from here, so the
quadrant names and the boundary between "hoog" and "laag" are defined once.

Boundary rule: scores run from methode.SCORE_MIN to methode.SCORE_MAX (1–5). A score is *hoog* when it
lies above the middle: with 1–5 that is 4 or 5 (score ≥ GRENS = 3.5). The middle score 3 counts as
*laag*: "gemiddeld" is not a reason to start first. Knelpunten without both scores, or not judged
oplosbaar, land in no quadrant.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from schouders import methode
from schouders.datums import datum_nl
from schouders.model import Actie, Bijeenkomst, Deelnemer, Knelpunt, Oplossingsrichting

# ---- oplosbaarheid -------------------------------------------------------------------------------

OPLOSBAAR, BUITEN_INVLOED, ONOPLOSBAAR = (k for k, _ in methode.OPLOSBAARHEID)
OPLOSBAARHEID_LABEL: dict[str, str] = dict(methode.OPLOSBAARHEID)
NIET_BEOORDEELD = "Nog niet beoordeeld"
# The oplosbaarheid editor's choices, "not yet" first: an empty cell would show Streamlit's English "None".
OPLOSBAARHEID_KEUZES: list[str] = [NIET_BEOORDEELD, *OPLOSBAARHEID_LABEL.values()]
OPLOSBAARHEID_UIT_LABEL: dict[str, str | None] = {NIET_BEOORDEELD: None} | {
    label: key for key, label in methode.OPLOSBAARHEID
}


def oplosbaarheid_label(key: str | None) -> str:
    return OPLOSBAARHEID_LABEL.get(key or "", NIET_BEOORDEELD)


def te_prioriteren(k: Knelpunt) -> bool:
    """Only knelpunten judged oplosbaar are weighed: the method first separates what cannot be solved."""
    return k.oplosbaarheid == OPLOSBAAR


def doel_in_gevaar(knelpunten: Iterable[Knelpunt]) -> list[Knelpunt]:
    """Essential knelpunten that are onoplosbaar: then the goal is not reachable as stated."""
    return [k for k in knelpunten if k.essentieel and k.oplosbaarheid == ONOPLOSBAAR]


def essentieel_buiten_invloed(knelpunten: Iterable[Knelpunt]) -> list[Knelpunt]:
    """Essential knelpunten the group can only address: the goal depends on others."""
    return [k for k in knelpunten if k.essentieel and k.oplosbaarheid == BUITEN_INVLOED]


# ---- kwadranten ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kwadrant:
    key: str
    label: str
    uitleg: str
    hoog_belang: bool
    hoog_quick_win: bool


EERST_DOEN = Kwadrant("eerst_doen", "Eerst doen", "Belangrijk én je kunt snel beginnen.", True, True)
LANGERE_ADEM = Kwadrant(
    "langere_adem", "Langere adem", "Belangrijk, maar het kost tijd en meerdere acties.", True, False
)
QUICK_WIN = Kwadrant(
    "quick_win", "Quick win", "Minder belangrijk, wel snel resultaat: goed voor de energie.", False, True
)
LATER = Kwadrant("later", "Later", "Minder belangrijk en niet snel te doen: bewaar het voor later.", False, False)
KWADRANTEN: tuple[Kwadrant, ...] = (EERST_DOEN, LANGERE_ADEM, QUICK_WIN, LATER)
KWADRANT_BY_KEY: dict[str, Kwadrant] = {q.key: q for q in KWADRANTEN}

# The line between laag and hoog: halfway between the middle score and the next one up (3.5 for 1–5).
GRENS: float = (methode.SCORE_MIN + methode.SCORE_MAX + 1) / 2
GRENS_UITLEG = (
    f"Scores lopen van {methode.SCORE_MIN} tot {methode.SCORE_MAX}. Hoog is {math.ceil(GRENS)} of meer; "
    f"het midden ({math.floor(GRENS)}) telt als laag."
)


def is_hoog(score: float) -> bool:
    return score >= GRENS


def kwadrant(belang: float | None, quick_win: float | None) -> Kwadrant | None:
    """The quadrant for a pair of scores; None when one is missing."""
    if belang is None or quick_win is None:
        return None
    hb, hq = is_hoog(belang), is_hoog(quick_win)
    for q in KWADRANTEN:
        if q.hoog_belang == hb and q.hoog_quick_win == hq:
            return q
    raise AssertionError("unreachable")  # pragma: no cover


def kwadrant_van(k: Knelpunt) -> Kwadrant | None:
    """The quadrant of a knelpunt, or None when it is not (yet) weighed."""
    if not te_prioriteren(k):
        return None
    return kwadrant(k.belang, k.quick_win)


def _prioriteit_sleutel(k: Knelpunt) -> tuple[Any, ...]:
    return (-(k.belang or 0), -(k.quick_win or 0), -k.stemmen, k.aangemaakt, k.id)


def indeling(knelpunten: Iterable[Knelpunt]) -> dict[str, list[Knelpunt]]:
    """Knelpunten per quadrant key (all four keys present), most important first."""
    out: dict[str, list[Knelpunt]] = {q.key: [] for q in KWADRANTEN}
    for k in knelpunten:
        q = kwadrant_van(k)
        if q is not None:
            out[q.key].append(k)
    for lijst in out.values():
        lijst.sort(key=_prioriteit_sleutel)
    return out


def gebied_volgorde(key: str | None) -> int:
    """Sort position of a gebied in the method's order; 'nog niet ingedeeld' last."""
    try:
        return methode.GEBIED_KEYS.index(key or "")
    except ValueError:
        return len(methode.GEBIED_KEYS)


def vaste_volgorde(knelpunten: Iterable[Knelpunt]) -> list[Knelpunt]:
    """A row order that does not depend on the scores, so an editor's rows stay put while scoring."""
    return sorted(knelpunten, key=lambda k: (gebied_volgorde(k.gebied), k.aangemaakt, k.id))


# ---- labels for choices ------------------------------------------------------------------------------


def unieke_labels(paren: Iterable[tuple[str, str]]) -> dict[str, str]:
    """id → label, with " (2)", " (3)" … added to repeated labels.

    Streamlit maps a chosen option back through its label, so two options with the same label would be
    mixed up (two knelpunten with the same text, two rounds with the same title).
    """
    uit: dict[str, str] = {}
    gezien: Counter[str] = Counter()
    for item_id, label in paren:
        gezien[label] += 1
        uit[item_id] = label if gezien[label] == 1 else f"{label} ({gezien[label]})"
    return uit


# ---- stemmen → belang ----------------------------------------------------------------------------


# ---- the tables of stap 6, as frames (built once per store revision by the page) ------------------------


def oplosbaarheid_frame(knelpunten: list[Knelpunt]) -> pd.DataFrame:
    """Knelpunt, gebied, oplosbaarheid (label) and essentieel, indexed by knelpunt id: the first editor."""
    return pd.DataFrame(
        {
            "Knelpunt": [k.tekst for k in knelpunten],
            "Gebied": [methode.gebied_label(k.gebied) for k in knelpunten],
            "Oplosbaarheid": pd.array([oplosbaarheid_label(k.oplosbaarheid) for k in knelpunten], dtype="string"),
            "Essentieel": [k.essentieel for k in knelpunten],
        },
        index=pd.Index([k.id for k in knelpunten], name="id"),
    )


def score_frame(knelpunten: list[Knelpunt]) -> pd.DataFrame:
    """Belang, quick win, stemmen and the quadrant per knelpunt, indexed by id: the scoring editor."""
    return pd.DataFrame(
        {
            "Knelpunt": [k.tekst for k in knelpunten],
            "Gebied": [methode.gebied_label(k.gebied) for k in knelpunten],
            "Belang": pd.array([k.belang for k in knelpunten], dtype="Int64"),
            "Quick win": pd.array([k.quick_win for k in knelpunten], dtype="Int64"),
            "Stemmen": pd.array([k.stemmen for k in knelpunten], dtype="Int64"),
            "Kwadrant": [(q.label if (q := kwadrant_van(k)) else "") for k in knelpunten],
        },
        index=pd.Index([k.id for k in knelpunten], name="id"),
    )


def kwadrant_frame(knelpunten: list[Knelpunt]) -> pd.DataFrame:
    """The knelpunten of one quadrant with their scores, for the table under the matrix."""
    return pd.DataFrame(
        {
            "Knelpunt": [k.tekst for k in knelpunten],
            "Gebied": [methode.gebied_label(k.gebied) for k in knelpunten],
            "Belang": [k.belang for k in knelpunten],
            "Quick win": [k.quick_win for k in knelpunten],
        }
    )


def stemmen_naar_belang(stemmen: Mapping[str, int]) -> dict[str, int]:
    """Map votes to a belang score, relative to the most votes.

    The most-voted knelpunt gets SCORE_MAX, zero votes SCORE_MIN, linear in between, rounded half up.
    Nobody voted (all zero, or empty): no scores, an empty dict.
    """
    meeste = max(stemmen.values(), default=0)
    if meeste <= 0:
        return {}
    lo, hi = methode.SCORE_MIN, methode.SCORE_MAX
    return {kid: lo + math.floor((hi - lo) * max(v, 0) / meeste + 0.5) for kid, v in stemmen.items()}


# ---- data editor edits -----------------------------------------------------------------------------


def nieuwe_bewerkingen(
    edited_rows: Mapping[Any, Mapping[str, Any]], al_verwerkt: Mapping[Any, Mapping[str, Any]]
) -> dict[int, dict[str, Any]]:
    """The cells in a data editor's `edited_rows` that were not applied before.

    Streamlit keeps all edits of a keyed editor (cumulative); applying only what is new means an edit
    made elsewhere in the meantime is not overwritten by an old one. When cells applied before are gone,
    the editor was reset (new rows or columns): then every cell is new.
    """
    nu = {(str(r), kol) for r, cellen in edited_rows.items() for kol in cellen}
    if any((str(r), kol) not in nu for r, cellen in al_verwerkt.items() for kol in cellen):
        al_verwerkt = {}
    out: dict[int, dict[str, Any]] = {}
    for rij, cellen in edited_rows.items():
        oud = al_verwerkt.get(rij, {}) or al_verwerkt.get(str(rij), {})
        nieuw = {kol: v for kol, v in cellen.items() if kol not in oud or oud[kol] != v}
        if nieuw:
            out[int(rij)] = nieuw
    return out


def _schoon(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def pas_bewerkingen_toe(
    knelpunten: list[Knelpunt],
    bewerkingen: Mapping[int, Mapping[str, Any]],
    velden: Mapping[str, str],
    *,
    vertaal: Mapping[str, Mapping[Any, Any]] | None = None,
) -> list[Knelpunt]:
    """Changed copies of the knelpunten for data-editor edits (row position → {column: value}).

    `velden` maps an editor column to a Knelpunt field; `vertaal` maps shown values back to stored
    ones (e.g. a label to its key). Raises ValueError (Dutch) for an invalid value.
    """
    vertaal = vertaal or {}
    uit: list[Knelpunt] = []
    for rij, cellen in sorted(bewerkingen.items()):
        if not 0 <= rij < len(knelpunten):
            continue
        changes: dict[str, Any] = {}
        for kol, waarde in cellen.items():
            veld = velden.get(kol)
            if veld is None:
                continue
            waarde = _schoon(waarde)
            if kol in vertaal:
                waarde = vertaal[kol].get(waarde, waarde)
            if veld == "stemmen":
                waarde = 0 if waarde is None else int(waarde)
            elif veld == "essentieel":
                waarde = bool(waarde)
            changes[veld] = waarde
        if changes:
            uit.append(knelpunten[rij].met(**changes))
    return uit


# ---- 1–3 acties per ronde ----------------------------------------------------------------------------

# A stopped action no longer takes up room in its round.
_TELT_NIET = frozenset({methode.ACTIE_STATUSSEN[-1][0]})
STATUS_LABEL: dict[str, str] = dict(methode.ACTIE_STATUSSEN)


def telt_mee(a: Actie) -> bool:
    return a.status not in _TELT_NIET


def acties_per_ronde(acties: Iterable[Actie]) -> Counter[str]:
    """Actions per planning round (bijeenkomst id) that take up room; actions without a round are left out."""
    return Counter(a.ronde_id for a in acties if a.ronde_id and telt_mee(a))


def te_veel(aantal: int) -> bool:
    """The werkwijzer's rule: plan 1 to MAX_ACTIES_PER_RONDE actions at a time."""
    return aantal > methode.MAX_ACTIES_PER_RONDE


def volle_rondes(acties: Iterable[Actie]) -> dict[str, int]:
    """Rounds with more actions than the rule allows."""
    return {rid: n for rid, n in acties_per_ronde(acties).items() if te_veel(n)}


def ronde_melding(aantal: int, ronde: str) -> str | None:
    """A plain Dutch warning when a round holds too many actions, else None."""
    if not te_veel(aantal):
        return None
    m = methode.MAX_ACTIES_PER_RONDE
    return (
        f"{ronde}: {aantal} acties gepland. Dat is meer dan de groep naast het gewone werk kan doen. "
        f"Plan 1 tot {m} acties per ronde: kies wat eerst moet en schuif de rest door naar een volgende "
        "bijeenkomst."
    )


def ronde_label(b: Bijeenkomst | None) -> str:
    if b is None:
        return "Geen ronde"
    naam = b.titel or f"Bijeenkomst {b.nummer}"
    return f"{naam} · {datum_nl(b.datum)}" if b.datum else naam


def huidige_ronde(bijeenkomsten: Iterable[Bijeenkomst], vandaag: date) -> Bijeenkomst | None:
    """The round we plan in now: the latest meeting on or before today, else the first one."""
    lijst = sorted(bijeenkomsten, key=lambda b: b.nummer)
    geweest = [b for b in lijst if b.datum is not None and b.datum <= vandaag]
    if geweest:
        return max(geweest, key=lambda b: (b.datum, b.nummer))
    return lijst[0] if lijst else None


# ---- overzicht knelpunt → oplossingsrichting → actie ------------------------------------------------

OVERZICHT_KOLOMMEN = (
    "Knelpunt",
    "Gebied",
    "Prioriteit",
    "Oplossingsrichting",
    "Actie",
    "Eigenaar",
    "Deadline",
    "Status",
    "Ronde",
)
GEEN_KNELPUNT = "(geen knelpunt gekoppeld)"
GEEN_RICHTING = "(geen richting)"


def overzicht(
    knelpunten: Iterable[Knelpunt],
    richtingen: Iterable[Oplossingsrichting],
    acties: Iterable[Actie],
    deelnemers: Iterable[Deelnemer] = (),
    bijeenkomsten: Iterable[Bijeenkomst] = (),
    *,
    gebieden: Iterable[str | None] | None = None,
    statussen: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per knelpunt → richting → actie path, read left to right, most important first.

    A knelpunt without a richting, or a richting without actions, still gets a row (empty cells).
    `gebieden` keeps rows whose knelpunt lies in one of them (None = nog niet ingedeeld);
    `statussen` keeps only rows with an action in one of these statuses.
    """
    kn = list(knelpunten)
    rs = list(richtingen)
    namen = {d.id: d.naam for d in deelnemers}
    rondes = {b.id: b for b in bijeenkomsten}
    acties_per_richting: dict[str | None, list[Actie]] = {}
    for a in sorted(acties, key=lambda a: (a.deadline or date.max, a.aangemaakt)):
        acties_per_richting.setdefault(a.richting_id, []).append(a)
    richting_ids = {r.id for r in rs}

    def actie_cellen(a: Actie | None) -> dict[str, Any]:
        if a is None:
            return {"Actie": "", "Eigenaar": "", "Deadline": "", "Status": "", "Ronde": "", "_status": None}
        return {
            "Actie": a.wat,
            "Eigenaar": namen.get(a.eigenaar_id or "", ""),
            "Deadline": datum_nl(a.deadline, leeg=""),
            "Status": STATUS_LABEL.get(a.status, a.status),
            "Ronde": ronde_label(rondes.get(a.ronde_id or "")) if a.ronde_id else "",
            "_status": a.status,
        }

    rows: list[dict[str, Any]] = []

    def voeg_toe(k: Knelpunt | None, r: Oplossingsrichting | None, a: Actie | None) -> None:
        q = kwadrant_van(k) if k else None
        rows.append(
            {
                "Knelpunt": k.tekst if k else GEEN_KNELPUNT,
                "Gebied": methode.gebied_label(k.gebied) if k else "",
                "Prioriteit": q.label if q else (oplosbaarheid_label(k.oplosbaarheid) if k else ""),
                "Oplossingsrichting": r.titel if r else (GEEN_RICHTING if a else ""),
                **actie_cellen(a),
                "_gebied": k.gebied if k else "",
                "_volgorde": (
                    [q.key for q in KWADRANTEN].index(q.key) if q else len(KWADRANTEN),
                    _prioriteit_sleutel(k) if k else (1,),
                ),
            }
        )

    gekoppeld: set[str] = set()
    per_knelpunt: dict[str, list[Oplossingsrichting]] = {}
    for r in rs:
        for kid in r.knelpunt_ids:
            per_knelpunt.setdefault(kid, []).append(r)
    for k in kn:
        rlijst = per_knelpunt.get(k.id, [])
        if not rlijst:
            voeg_toe(k, None, None)
        for r in rlijst:
            gekoppeld.add(r.id)
            alijst = acties_per_richting.get(r.id, [])
            if not alijst:
                voeg_toe(k, r, None)
            for a in alijst:
                voeg_toe(k, r, a)
    for r in rs:
        if r.id not in gekoppeld:
            for a in acties_per_richting.get(r.id, []) or [None]:
                voeg_toe(None, r, a)
    for rid, alijst in acties_per_richting.items():
        if rid is None or rid not in richting_ids:
            for a in alijst:
                voeg_toe(None, None, a)

    rows.sort(key=lambda row: row["_volgorde"])  # stable: paths of one knelpunt stay together
    df = pd.DataFrame(rows, columns=[*OVERZICHT_KOLOMMEN, "_status", "_gebied"])
    if gebieden is not None:
        wanted = {g or "" for g in gebieden}
        df = df[df["_gebied"].fillna("").isin(wanted) & (df["Knelpunt"] != GEEN_KNELPUNT)]
    if statussen is not None:
        df = df[df["_status"].isin(set(statussen))]
    return df.loc[:, list(OVERZICHT_KOLOMMEN)].reset_index(drop=True)
