"""Groups of a themadag and the analysis across them. No Streamlit.

- Groups: name, procesbegeleider, members (`Deelnemer.groep_id`); every knelpunt, succespunt and
  oplossingsrichting can belong to one. Each write here is one store write.
- Counts with pandas: knelpunten per gebied per groep, totals, one row per group.
- Figures with plotly.graph_objects: a heatmap gebied × groep and stacked bars per groep, in the method's
  order and colours; every figure has a table with the same numbers (`per_gebied_per_groep`).
- `opbrengst_themadag`: the whole dashboard as plain data, for the verslag and the exporters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from schouders import charts, methode, themas
from schouders.model import Deelnemer, Groep
from schouders.store import Snapshot, Store

ZONDER_GROEP = "Zonder groep"
TOTAAL = "Totaal"
_NIET = "__niet_ingedeeld__"
# Kinds that can belong to a group: their groep_id is cleared when the group is deleted.
GROEP_SOORTEN = ("deelnemer", "knelpunt", "quickscanpunt", "oplossing", "richting")
_FONT = {"family": "Source Sans Pro, sans-serif", "size": 14}


# ---- the groups --------------------------------------------------------------------------------------


def _natuurlijk(tekst: str) -> list[Any]:
    """Sort key: 'Groep 2' before 'Groep 10'."""
    return [int(d) if d.isdigit() else d for d in re.split(r"(\d+)", tekst.casefold())]


def groepen(snap: Snapshot, traject_id: str) -> list[Groep]:
    """The traject's groups, by name (Groep 2 before Groep 10)."""
    return sorted(snap.of("groep", traject_id), key=lambda g: _natuurlijk(g.naam))


def groep_namen(snap: Snapshot, traject_id: str) -> dict[str, str]:
    """Group id → name, in the order of `groepen`."""
    return {g.id: g.naam for g in groepen(snap, traject_id)}


def geldige_groep(snap: Snapshot, traject_id: str, groep_id: str | None) -> str | None:
    """`groep_id` when it is a group of this traject, else None."""
    g = snap.get("groep", groep_id)
    return groep_id if g is not None and g.traject_id == traject_id else None


def in_groep(items: Iterable[Any], groep_id: str | None) -> list[Any]:
    """Items (with `groep_id`) of one group; None means all groups."""
    return list(items) if groep_id is None else [i for i in items if getattr(i, "groep_id", None) == groep_id]


def leden(snap: Snapshot, traject_id: str, groep_id: str) -> list[Deelnemer]:
    return [d for d in snap.of("deelnemer", traject_id) if d.groep_id == groep_id]


def _volgende_namen(bestaand: Iterable[str], aantal: int) -> list[str]:
    namen = {n.casefold() for n in bestaand}
    out: list[str] = []
    i = 1
    while len(out) < aantal:
        naam = f"Groep {i}"
        if naam.casefold() not in namen:
            out.append(naam)
        i += 1
    return out


def maak_groepen(store: Store, traject_id: str, aantal: int, procesbegeleiders: Sequence[str] = ()) -> list[Groep]:
    """Add `aantal` groups named Groep 1, Groep 2, … (skipping names in use), in one write. The
    procesbegeleiders are handed out in turn."""
    if not 1 <= int(aantal) <= 50:
        raise ValueError("Kies tussen 1 en 50 groepen.")
    snap = store.snapshot()
    namen = _volgende_namen((g.naam for g in snap.of("groep", traject_id)), int(aantal))
    pb = [p for p in procesbegeleiders if p]
    nieuw = [
        Groep(traject_id=traject_id, naam=n, procesbegeleider=pb[i % len(pb)] if pb else "")
        for i, n in enumerate(namen)
    ]
    store.add_many(nieuw)
    return nieuw


def _check_uniek(alle: Iterable[Groep]) -> None:
    gezien: Counter[str] = Counter(g.naam.casefold() for g in alle)
    dubbel = [n for n, c in gezien.items() if c > 1]
    if dubbel:
        raise ValueError(f"Twee groepen heten '{dubbel[0]}'. Geef elke groep een eigen naam.")


@dataclass(frozen=True)
class GroepResultaat:
    toegevoegd: int = 0
    gewijzigd: int = 0
    verwijderd: int = 0
    losgemaakt: int = 0  # knelpunten, deelnemers … that lost their (deleted) group

    @property
    def iets(self) -> bool:
        return bool(self.toegevoegd or self.gewijzigd or self.verwijderd)

    def melding(self) -> str:
        delen = [
            f"{n} {wat}"
            for n, wat in (
                (self.toegevoegd, "toegevoegd"),
                (self.gewijzigd, "gewijzigd"),
                (self.verwijderd, "verwijderd"),
            )
            if n
        ]
        zin = "Groepen: " + ", ".join(delen) + "." if delen else "Niets veranderd."
        if self.losgemaakt:
            zin += f" {self.losgemaakt} onderdelen van verwijderde groepen staan nu onder '{ZONDER_GROEP}'."
        return zin


def _tekst(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def pas_groepen_toe(
    store: Store, traject_id: str, ids: Sequence[str], wijzigingen: Mapping[str, Any]
) -> GroepResultaat:
    """Apply a data editor's edits (edited_rows / added_rows / deleted_rows) to the groups `ids`.

    Every row is checked first; one invalid row refuses the whole change. A deleted group's members,
    knelpunten and other items stay, without a group. One store write.
    """
    snap = store.snapshot()
    bestaand = {g.id: g for g in snap.of("groep", traject_id)}
    edited = {int(k): v for k, v in (wijzigingen.get("edited_rows") or {}).items()}
    added = list(wijzigingen.get("added_rows") or [])
    deleted = sorted({int(i) for i in (wijzigingen.get("deleted_rows") or [])})
    fouten: list[str] = []
    te_bewaren: dict[str, Groep] = {}
    weg = [ids[i] for i in deleted if 0 <= i < len(ids) and ids[i] in bestaand]
    for i, changes in sorted(edited.items()):
        if i in deleted:
            continue
        g = bestaand.get(ids[i]) if 0 <= i < len(ids) else None
        if g is None:
            fouten.append(f"Rij {i + 1}: deze groep bestaat niet meer; laad de pagina opnieuw.")
            continue
        velden = {k: _tekst(v) for k, v in changes.items() if k in ("naam", "procesbegeleider")}
        try:
            nieuw = g.met(**velden)
        except ValueError as exc:
            fouten.append(f"Rij {i + 1}: {exc}")
            continue
        if nieuw != g:
            te_bewaren[g.id] = nieuw
    toegevoegd = 0
    for j, row in enumerate(added):
        velden = {k: _tekst(row.get(k)) for k in ("naam", "procesbegeleider")}
        if not any(v.strip() for v in velden.values()):
            continue
        try:
            g = Groep(traject_id=traject_id, **velden)
        except ValueError as exc:
            fouten.append(f"Rij {len(ids) + j + 1}: {exc}")
            continue
        te_bewaren[g.id] = g
        toegevoegd += 1
    if fouten:
        raise ValueError("Niets opgeslagen. " + " ".join(fouten))
    na = {gid: g for gid, g in bestaand.items() if gid not in weg} | te_bewaren
    _check_uniek(na.values())
    losgemaakt = 0
    if te_bewaren or weg:
        with store.transaction():
            if te_bewaren:
                store.save_many(te_bewaren.values())
            if weg:
                losgemaakt = _maak_los(store, snap, traject_id, set(weg))
                store.delete("groep", weg)
    return GroepResultaat(toegevoegd, len(te_bewaren) - toegevoegd, len(weg), losgemaakt)


def _maak_los(store: Store, snap: Snapshot, traject_id: str, groep_ids: set[str]) -> int:
    los = [o.met(groep_id=None) for kind in GROEP_SOORTEN for o in snap.of(kind, traject_id) if o.groep_id in groep_ids]
    if los:
        store.save_many(los)
    return len(los)


def verwijder_groepen(store: Store, traject_id: str, groep_ids: Iterable[str]) -> int:
    """Delete groups; what belonged to them stays, without a group. One store write."""
    ids = set(groep_ids)
    snap = store.snapshot()
    with store.transaction():
        _maak_los(store, snap, traject_id, ids)
        return store.delete("groep", ids)


def zet_leden(store: Store, traject_id: str, toewijzing: Mapping[str, str | None]) -> int:
    """Put deelnemers in groups (deelnemer id → group id or None), in one write; returns how many changed."""
    snap = store.snapshot()
    geldig = {g.id for g in snap.of("groep", traject_id)}
    gewijzigd = []
    for d in snap.of("deelnemer", traject_id):
        if d.id not in toewijzing:
            continue
        gid = toewijzing[d.id] or None
        if gid is not None and gid not in geldig:
            raise ValueError("Deze groep bestaat niet meer; laad de pagina opnieuw.")
        if d.groep_id != gid:
            gewijzigd.append(d.met(groep_id=gid))
    if gewijzigd:
        store.save_many(gewijzigd)
    return len(gewijzigd)


def verdeel(snap: Snapshot, traject_id: str, *, alleen_zonder_groep: bool = False) -> dict[str, str]:
    """A spread of the deelnemers over the groups: equal sizes, and people of one organisation or role
    spread over different groups (mixed groups learn more from each other)."""
    gs = groepen(snap, traject_id)
    if not gs:
        raise ValueError("Maak eerst groepen aan.")
    mensen = list(snap.of("deelnemer", traject_id))
    grootte = Counter(d.groep_id for d in mensen if d.groep_id)
    if alleen_zonder_groep:
        mensen = [d for d in mensen if not d.groep_id or d.groep_id not in {g.id for g in gs}]
    else:
        grootte = Counter()
    # same organisation (then same role) next to each other, then deal them out like cards
    mensen.sort(key=lambda d: (d.organisatie.casefold(), d.rol.casefold(), d.naam.casefold()))
    out: dict[str, str] = {}
    for d in mensen:
        g = min(gs, key=lambda g: (grootte[g.id], _natuurlijk(g.naam)))
        out[d.id] = g.id
        grootte[g.id] += 1
    return out


def voorstel_verdieping(snap: Snapshot, traject_id: str) -> list[str]:
    """The gebieden with the most knelpunten, as many as stap 5 of this werkvorm takes (method order on a tie)."""
    t = snap.get("traject", traject_id)
    limiet = methode.werkvorm(t.werkvorm).max_verdieping_gebieden if t else 2
    c = Counter(k.gebied for k in snap.of("knelpunt", traject_id) if k.gebied)
    volgorde = sorted((g for g in methode.GEBIED_KEYS if c[g]), key=lambda g: (-c[g], methode.GEBIED_KEYS.index(g)))
    return volgorde[:limiet]


def zet_verdieping(store: Store, traject_id: str, gebieden: Sequence[str]) -> None:
    """The gebieden chosen for stap 5 of the day (a themadag takes one or two)."""
    gekozen = tuple(g for g in methode.GEBIED_KEYS if g in set(gebieden))  # method order
    store.update("traject", traject_id, verdieping_gebieden=gekozen)


# ---- counts --------------------------------------------------------------------------------------------


def knelpunten_frame(snap: Snapshot, traject_id: str) -> pd.DataFrame:
    """One row per knelpunt: id, tekst, gebied (key, or a marker for 'nog niet ingedeeld'), groep_id, groep."""
    namen = groep_namen(snap, traject_id)
    rows = [
        (k.id, k.tekst, k.gebied or _NIET, k.groep_id if k.groep_id in namen else None)
        for k in snap.of("knelpunt", traject_id)
    ]
    df = pd.DataFrame(rows, columns=["id", "tekst", "gebied", "groep_id"])
    df["groep"] = df["groep_id"].map(lambda g: namen.get(g, ZONDER_GROEP) if g else ZONDER_GROEP)
    return df


def _kolommen(snap: Snapshot, traject_id: str, df: pd.DataFrame) -> list[str]:
    """Group names in order (groups without knelpunten too), 'Zonder groep' last when it has any."""
    namen = list(groep_namen(snap, traject_id).values())
    if len(df) and (df["groep_id"].isna()).any():
        namen.append(ZONDER_GROEP)
    return namen


def per_gebied_per_groep(snap: Snapshot, traject_id: str, df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Knelpunten per gebied (rows, the method's order, gebied labels) per groep (columns, names).

    'Nog niet ingedeeld' is a row only when it has knelpunten; 'Zonder groep' a column only then.
    """
    df = knelpunten_frame(snap, traject_id) if df is None else df
    rij_keys = list(methode.GEBIED_KEYS) + ([_NIET] if (df["gebied"] == _NIET).any() else [])
    kolommen = _kolommen(snap, traject_id, df)
    if len(df):
        tabel = pd.crosstab(df["gebied"], df["groep"])
    else:
        tabel = pd.DataFrame()
    tabel = tabel.reindex(index=rij_keys, columns=kolommen, fill_value=0).fillna(0).astype(int)
    tabel.index = [methode.gebied_label(None if k == _NIET else k) for k in rij_keys]
    tabel.index.name = "Aandachtsgebied"
    tabel.columns.name = None
    return tabel


def met_totalen(tabel: pd.DataFrame) -> pd.DataFrame:
    """The table with a 'Totaal' column and row."""
    out = tabel.copy()
    out[TOTAAL] = out.sum(axis=1)
    out.loc[TOTAAL] = out.sum(axis=0)
    return out.astype(int)


def groep_overzicht(snap: Snapshot, traject_id: str, df: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per group: Groep, Procesbegeleider, Deelnemers, Knelpunten, Meeste knelpunten in (gebied)."""
    df = knelpunten_frame(snap, traject_id) if df is None else df
    mensen = Counter(d.groep_id for d in snap.of("deelnemer", traject_id))
    rows = []

    def meest(sub: pd.DataFrame) -> str:
        ingedeeld = sub[sub["gebied"] != _NIET]
        if not len(ingedeeld):
            return ""
        c = ingedeeld["gebied"].value_counts()
        top = max(c.index, key=lambda g: (c[g], -methode.GEBIED_KEYS.index(g)))
        return f"{methode.gebied_label(top)} ({int(c[top])})"

    for g in groepen(snap, traject_id):
        sub = df[df["groep_id"] == g.id]
        rows.append((g.naam, g.procesbegeleider, mensen.get(g.id, 0), len(sub), meest(sub)))
    zonder = df[df["groep_id"].isna()]
    if len(zonder):
        rows.append((ZONDER_GROEP, "", mensen.get(None, 0), len(zonder), meest(zonder)))
    return pd.DataFrame(rows, columns=["Groep", "Procesbegeleider", "Deelnemers", "Knelpunten", "Meeste knelpunten in"])


# ---- figures -------------------------------------------------------------------------------------------


def _layout(layout: dict[str, Any], titel: str, hoogte: int) -> dict[str, Any]:
    """The shared look of the themadag figures, merged under the figure's own layout."""
    return {
        "title": {
            "text": titel,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12},
        },
        "height": hoogte,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "font": _FONT,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        **layout,
    }


def heatmap(tabel: pd.DataFrame, *, titel: str = "Knelpunten per aandachtsgebied en groep") -> go.Figure:
    """Heatmap gebied (rows) × groep (columns) of `per_gebied_per_groep`; every cell shows its number."""
    z = tabel.to_numpy()
    trace = {
        "type": "heatmap",
        "z": z,
        "x": [charts.tekst(c) for c in tabel.columns],
        "y": [str(i) for i in tabel.index],
        "colorscale": charts.BLAUWEN,
        "zmin": 0,
        "zmax": max(int(z.max()) if z.size else 0, 1),
        "text": z,
        "texttemplate": "%{text}",
        "hovertemplate": "%{y} · %{x}: %{z} knelpunten<extra></extra>",
        "showscale": False,  # every cell carries its number; a colour scale adds nothing
        "xgap": 2,
        "ygap": 2,
    }
    layout = {
        "yaxis": {"autorange": "reversed"},
        "xaxis": {"side": "top"},
        "margin": {"l": 10, "r": 10, "t": 100, "b": 10},  # room for the group names on top
    }
    return charts.figuur([trace], _layout(layout, titel, max(340, 100 + 44 * len(tabel.index))))


def gestapelde_staven(tabel: pd.DataFrame, *, titel: str = "Knelpunten per groep, naar aandachtsgebied") -> go.Figure:
    """Stacked bars: one bar per groep, one coloured part per gebied (method order and colours)."""
    labels = {g.label: g for g in methode.GEBIEDEN}
    groepen_x = [charts.tekst(c) for c in tabel.columns]
    traces: list[dict[str, Any]] = []
    for gebied, rij in zip(tabel.index, tabel.to_numpy().tolist(), strict=True):
        waarden = [int(v) for v in rij]
        if not any(waarden):
            continue
        g = labels.get(str(gebied))
        traces.append(
            {
                "type": "bar",
                "x": groepen_x,
                "y": waarden,
                "name": str(gebied),
                "marker": {
                    "color": g.kleur if g else methode.NIET_INGEDEELD_KLEUR,
                    "line": {"color": "#333", "width": 1},
                },
                "text": [str(v) if v else "" for v in waarden],
                "textposition": "inside",
                "hovertemplate": "%{x} · " + str(gebied) + ": %{y}<extra></extra>",
            }
        )
    totalen = [int(t) for t in tabel.sum(axis=0).tolist()]
    traces.append(
        {
            "type": "scatter",
            "x": groepen_x,
            "y": totalen,
            "mode": "text",
            "text": [f"<b>{t}</b>" for t in totalen],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
        }
    )
    top = max(totalen, default=0)
    layout = {
        "barmode": "stack",
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "traceorder": "normal"},
        "yaxis": {
            "title": {"text": "aantal knelpunten"},
            "rangemode": "tozero",
            "gridcolor": "#E5E5E5",
            "range": [0, max(top * 1.15, 3)],
        },
        "xaxis": {"categoryorder": "array", "categoryarray": groepen_x},
    }
    return charts.figuur(traces, _layout(layout, titel, 460))


def themas_figuur(rijen: Sequence[Mapping[str, Any]], aantal_groepen: int, *, titel: str = "Top thema's") -> go.Figure:
    """Horizontal bars of the top themes (rows of `themas.thema_rijen`): the number of knelpunten, with how
    many of the groups named each theme as text. The first theme is on top."""
    rijen = list(rijen)[::-1]  # plotly draws the first bar at the bottom
    trace = {
        "type": "bar",
        "x": [r["knelpunten"] for r in rijen],
        "y": [charts.tekst(_kort(f"{r['nr']}. {r['thema']}")) for r in rijen],
        "orientation": "h",
        "marker": {"color": "#0072B2"},
        "text": [f"{r['knelpunten']} knelpunten · {r['groepen']} van {aantal_groepen} groepen" for r in rijen],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x} knelpunten<extra></extra>",
    }
    layout = {
        "xaxis": {"title": {"text": "aantal knelpunten"}, "rangemode": "tozero", "gridcolor": "#E5E5E5"},
        "yaxis": {"automargin": True},
    }
    return charts.figuur([trace], _layout(layout, titel, max(260, 60 + 36 * len(rijen))))


def _kort(tekst: str, n: int = 60) -> str:
    return tekst if len(tekst) <= n else tekst[: n - 1].rstrip() + "…"


# ---- the day's harvest ---------------------------------------------------------------------------------


def opbrengst_themadag(
    snap: Snapshot,
    traject_id: str,
    *,
    indeling: themas.Indeling | None = None,
    top: int = 10,
    op: str = themas.AUTO,
) -> dict[str, Any]:
    """The dashboard as plain data (lists, dicts, str and int only) for the verslag and the exporters.

    Keys: titel, traject, totaal_knelpunten, aantal_groepen, groepen (one dict per group: Groep,
    Procesbegeleider, Deelnemers, Knelpunten, Meeste knelpunten in), gebieden (labels in the method's order),
    per_gebied_per_groep ({"kolommen": [Aandachtsgebied, group names…, Totaal], "rijen": [[label, counts…,
    total], …, [Totaal, …]]}), verdieping (labels of the gebieden chosen for stap 5), themas (the top
    recurring themes: nr, thema, kernwoorden, groepen, knelpunten, genoemd_door, gebied, handmatig,
    voorbeelden), aantal_themas (all recurring themes), methode ("betekenis" or "woorden").

    The themes are the Analyse page's (`themas.indeling_op`): on meaning when every knelpunt's vector is
    already there, else on words; `op` chooses explicitly (themas.OP_WOORDEN, themas.OP_BETEKENIS).
    """
    t = snap.get("traject", traject_id)
    df = knelpunten_frame(snap, traject_id)
    tabel = per_gebied_per_groep(snap, traject_id, df)
    ind = indeling if indeling is not None else themas.indeling_op(snap, traject_id, op)
    namen = groep_namen(snap, traject_id)
    teksten = {k.id: k.tekst for k in snap.of("knelpunt", traject_id)}
    per_tabel = met_totalen(tabel)
    themarijen = themas.thema_rijen(ind, namen, top=top)
    for rij, thema in zip(themarijen, ind.top(top), strict=True):
        rij["voorbeelden"] = [teksten[i] for i in thema.knelpunt_ids[:3] if i in teksten]
    return {
        "titel": "Opbrengst themadag",
        "traject": t.naam if t else "",
        "totaal_knelpunten": len(df),
        "aantal_groepen": len(namen),
        "groepen": [
            {str(k): (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
            for r in groep_overzicht(snap, traject_id, df).to_dict("records")
        ],
        "gebieden": [str(i) for i in tabel.index],
        "per_gebied_per_groep": {
            "kolommen": ["Aandachtsgebied", *(str(c) for c in per_tabel.columns)],
            "rijen": [[str(idx), *(int(v) for v in per_tabel.loc[idx].tolist())] for idx in per_tabel.index],
        },
        "verdieping": [methode.gebied_label(g) for g in (t.verdieping_gebieden if t else ())],
        "themas": themarijen,
        "aantal_themas": len(ind.terugkerend),
        "methode": ind.methode,
    }
