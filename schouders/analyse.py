"""Counts and matrices over knelpunten, with pandas. Pure: snapshot or DataFrame in, DataFrame out.

Every count table lists the gebieden in the method's fixed order, with "nog niet ingedeeld" last, and
always all of them (a zero is information too: nothing knelt there yet).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from schouders import methode
from schouders.store import Snapshot

ONGEDEELD = "niet_ingedeeld"  # key for "nog niet ingedeeld" in tables (the model stores None)
VOLGORDE: tuple[str, ...] = (*methode.GEBIED_KEYS, ONGEDEELD)
ZONDER_GROEP = "Zonder groep"

KOLOMMEN = (
    "id",
    "tekst",
    "gebied",
    "gebied_label",
    "gerelateerde_gebieden",
    "toelichting",
    "auteur",
    "groep_id",
    "groep",
    "bijeenkomst_id",
    "bron_stap",
    "aangemaakt",
)


def label(key: str | None) -> str:
    return methode.gebied_label(None if key == ONGEDEELD else key)


def kleur(key: str | None) -> str:
    return methode.gebied_kleur(None if key == ONGEDEELD else key)


def knelpunten_frame(snap: Snapshot, traject_id: str, *, groep_id: str | None = None) -> pd.DataFrame:
    """One row per knelpunt of the traject (optionally of one groep), oldest first."""
    groepen = {g.id: g.naam for g in snap.of("groep", traject_id)}
    kn = sorted(
        (k for k in snap.of("knelpunt", traject_id) if groep_id is None or k.groep_id == groep_id),
        key=lambda k: k.aangemaakt,  # stable: equal times keep the store's order
    )
    # Column by column: a frame from lists is several times faster than from a dict per row.
    kolommen = {
        "id": [k.id for k in kn],
        "tekst": [k.tekst for k in kn],
        "gebied": [k.gebied or ONGEDEELD for k in kn],
        "gebied_label": [methode.gebied_label(k.gebied) for k in kn],
        "gerelateerde_gebieden": [tuple(k.gerelateerde_gebieden) for k in kn],
        "toelichting": [k.toelichting for k in kn],
        "auteur": [k.auteur for k in kn],
        "groep_id": [k.groep_id for k in kn],
        "groep": [groepen.get(k.groep_id or "", ZONDER_GROEP) for k in kn],
        "bijeenkomst_id": [k.bijeenkomst_id for k in kn],
        "bron_stap": [k.bron_stap for k in kn],
        "aangemaakt": [k.aangemaakt for k in kn],
    }
    return pd.DataFrame({c: kolommen[c] for c in KOLOMMEN})


def tel_per_gebied(df: pd.DataFrame) -> pd.DataFrame:
    """Counts per gebied in the method's order: index gebied key; columns gebied (label), aantal, kleur."""
    counts = df["gebied"].value_counts() if len(df) else pd.Series(dtype=int)
    aantal = [int(counts.get(k, 0)) for k in VOLGORDE]
    out = pd.DataFrame(
        {"gebied": [label(k) for k in VOLGORDE], "aantal": aantal, "kleur": [kleur(k) for k in VOLGORDE]},
        index=pd.Index(VOLGORDE, name="key"),
    )
    return out


def tel_per_gebied_en_groep(df: pd.DataFrame) -> pd.DataFrame:
    """Counts with one column per groep (names), rows the gebieden in order (index gebied key).

    Groups appear in order of their first knelpunt; knelpunten without a groep get a column of their own.
    """
    if not len(df):
        return pd.DataFrame(index=pd.Index(VOLGORDE, name="key"))
    # plain lists: iterating a pandas string column value by value is ten times slower
    groep_kolom = df["groep"].tolist()
    paren = Counter(zip(df["gebied"].tolist(), groep_kolom, strict=True))
    groepen = list(dict.fromkeys(groep_kolom))
    if ZONDER_GROEP in groepen:  # the rest after the named groups
        groepen.remove(ZONDER_GROEP)
        groepen.append(ZONDER_GROEP)
    return pd.DataFrame(
        [[paren[(k, g)] for g in groepen] for k in VOLGORDE],
        index=pd.Index(VOLGORDE, name="key"),
        columns=groepen,
        dtype=int,
    )


def heeft_groepen(df: pd.DataFrame) -> bool:
    """True when the knelpunten come from more than one groep (worth a stacked chart)."""
    return bool(len(df)) and df["groep_id"].notna().any() and df["groep"].nunique() > 1


def voorgesteld_gebied(telling: pd.DataFrame) -> str | None:
    """Where stap 5 starts: the gebied with the most knelpunten (first in the method's order on a tie).

    "Nog niet ingedeeld" is never suggested; None while no knelpunt has a gebied.
    """
    ingedeeld = telling.loc[list(methode.GEBIED_KEYS), "aantal"]
    if ingedeeld.max() <= 0:
        return None
    return str(ingedeeld.idxmax())  # idxmax returns the first maximum: method order breaks ties


def ranglijst(telling: pd.DataFrame) -> list[str]:
    """Gebieden with at least one knelpunt, most first (method order on a tie)."""
    ingedeeld = telling.loc[list(methode.GEBIED_KEYS)]
    ingedeeld = ingedeeld[ingedeeld["aantal"] > 0]
    volgorde = {k: i for i, k in enumerate(methode.GEBIED_KEYS)}
    return sorted(ingedeeld.index, key=lambda k: (-int(ingedeeld.at[k, "aantal"]), volgorde[k]))


def relatie_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """Gebied × related gebied: how many knelpunten of the row gebied also relate to the column gebied.

    Rows and columns are the seven gebieden in order (labels); knelpunten without a gebied do not count.
    """
    keys = list(methode.GEBIED_KEYS)
    paren: Counter[tuple[str, str]] = Counter()
    if len(df):
        for gebied, rel in zip(df["gebied"], df["gerelateerde_gebieden"], strict=True):
            if gebied in methode.GEBIED_BY_KEY:
                paren.update((gebied, r) for r in rel if r in methode.GEBIED_BY_KEY and r != gebied)
    m = pd.DataFrame([[paren[(r, c)] for c in keys] for r in keys], index=keys, columns=keys, dtype=int)
    m.index = [label(k) for k in keys]
    m.columns = [label(k) for k in keys]
    m.index.name = "gebied"
    m.columns.name = "hangt samen met"
    return m


def relaties_naar(df: pd.DataFrame, gebied: str) -> pd.DataFrame:
    """Knelpunten from other gebieden that were marked as related to `gebied`."""
    if not len(df):
        return df
    mask = df["gerelateerde_gebieden"].map(lambda rel: gebied in rel) & (df["gebied"] != gebied)
    return df[mask]


def expert_suggesties(telling: pd.DataFrame, experts: Iterable[Any], *, top: int = 3) -> pd.DataFrame:
    """The gebieden with the most knelpunten (at most `top`), with the experts already known for each.

    Columns: key, gebied, knelpunten, experts (names, comma separated), heeft_expert.
    """
    per_gebied: dict[str, list[str]] = {}
    for e in experts:
        if e.gebied:
            per_gebied.setdefault(e.gebied, []).append(e.naam + (f" ({e.organisatie})" if e.organisatie else ""))
    rows = [
        {
            "key": k,
            "gebied": label(k),
            "knelpunten": int(telling.at[k, "aantal"]),
            "experts": ", ".join(per_gebied.get(k, [])),
            "heeft_expert": bool(per_gebied.get(k)),
        }
        for k in ranglijst(telling)[:top]
    ]
    return pd.DataFrame(rows, columns=["key", "gebied", "knelpunten", "experts", "heeft_expert"])
