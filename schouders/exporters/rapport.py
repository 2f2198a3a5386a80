"""The content of the actieplan and of a meeting's verslag, as one structure that md, html and docx render.

Pure: a snapshot in, a `Rapport` out – a title, a few lines under it and a flat list of blocks (headings,
paragraphs, lists, tables, figures). Every renderer walks the same list, so the three documents always say
the same. Figures are built only when a renderer asks for them (`Figuur.maak()`), and each carries a small
table with the same numbers for documents that cannot show the chart.

For a leernetwerk the traject's actieplan has one chapter per deelnemer (their own vraagstuk, doel,
knelpunten, richtingen and acties); `actieplan(…, deelnemer_id=…)` gives one deelnemer's own plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from schouders import methode
from schouders.datums import datum_nl
from schouders.trajecten import geparkeerde_punten, huidig_doel, werkvraagstuk

# ---- blocks ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kop:
    tekst: str
    niveau: int = 2  # 1 is the document title


@dataclass(frozen=True)
class Alinea:
    tekst: str
    label: str = ""  # shown in bold before the text, e.g. "Kaders"
    nadruk: bool = False  # a warning or remark that must stand out


def scheiding(b: Alinea) -> str:
    """What goes between a paragraph's label and its text: a question needs no colon."""
    if not b.tekst:
        return ""
    return " " if b.label.endswith(("?", ":")) else ": "


@dataclass(frozen=True)
class Lijst:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Tabel:
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figuur:
    titel: str
    maak: Callable[[], Any]  # -> plotly go.Figure
    tabel: Tabel


Blok = Kop | Alinea | Lijst | Tabel | Figuur


@dataclass
class Rapport:
    titel: str
    onder: list[str] = field(default_factory=list)  # lines under the title
    blokken: list[Blok] = field(default_factory=list)
    bestandsnaam: str = "rapport"
    traject: str = ""  # for a document's header
    auteurs: tuple[str, ...] = ()  # the procesbegeleiders: a document's author
    onderwerp: str = ""  # a document's subject
    datum: date | None = None  # the day it was made

    def figuren(self) -> list[Figuur]:
        return [b for b in self.blokken if isinstance(b, Figuur)]

    def tekst(self) -> str:
        """All text of the report, for tests and searching."""
        delen = [self.titel, *self.onder]
        for b in self.blokken:
            if isinstance(b, Kop):
                delen.append(b.tekst)
            elif isinstance(b, Alinea):
                delen.append(f"{b.label} {b.tekst}".strip())
            elif isinstance(b, Lijst):
                delen += list(b.items)
            elif isinstance(b, Tabel):
                delen += [" | ".join(r) for r in b.rijen]
            elif isinstance(b, Figuur):
                delen.append(b.titel)
        return "\n".join(delen)


def bestandsnaam(*delen: str) -> str:
    """A safe file name (without extension) from readable parts."""
    s = "-".join(d for d in delen if d)
    s = re.sub(r"[^\w\-]+", "-", s, flags=re.UNICODE).strip("-_")
    return re.sub(r"-{2,}", "-", s)[:80] or "schouders"


# ---- labels ---------------------------------------------------------------------------------------------

STATUS_LABEL: dict[str, str] = dict(methode.ACTIE_STATUSSEN)
SMART_OORDEEL: dict[str, str] = dict(methode.SMART_STATUSSEN)
DOEL_SOORT: dict[str, str] = dict(methode.DOEL_SOORTEN)
EVALUATIE_VRAAG: dict[str, str] = dict(methode.EVALUATIE_VRAGEN)
KENMERK: dict[str, str] = dict(methode.KENMERKEN_VRAAGSTUK)
_STATUS_ORDE = {k: i for i, (k, _) in enumerate(methode.ACTIE_STATUSSEN)}


def _meer(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"


def _stappen(stappen: Iterable[int]) -> str:
    return ", ".join(f"{s}. {methode.stap(s).naam}" for s in stappen) or "geen"


def _uren(u: float | None) -> str:
    if not u:
        return ""
    return f"{u:g} uur".replace(".", ",")


# ---- scope: which objects belong to this plan -------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The vraagstuk ids a plan covers; None covers the whole traject. May contain None (not linked)."""

    vraagstukken: frozenset[str | None] | None = None

    def bevat(self, obj: Any) -> bool:
        return self.vraagstukken is None or getattr(obj, "vraagstuk_id", None) in self.vraagstukken


def deelnemer_scope(snap: Any, traject_id: str, deelnemer_id: str) -> Scope:
    """A deelnemer's vraagstukken and everything split off from them."""
    alle = snap.of("vraagstuk", traject_id)
    ids = {v.id for v in alle if v.deelnemer_id == deelnemer_id}
    groeit = True
    while groeit:
        extra = {v.id for v in alle if v.parent_id in ids and v.id not in ids}
        ids |= extra
        groeit = bool(extra)
    return Scope(frozenset(ids))


def deelnemers_met_vraagstuk(snap: Any, traject_id: str) -> list[Any]:
    """Deelnemers of a leernetwerk who have an own vraagstuk, in name order."""
    met = {v.deelnemer_id for v in snap.of("vraagstuk", traject_id) if v.deelnemer_id}
    return sorted((d for d in snap.of("deelnemer", traject_id) if d.id in met), key=lambda d: d.naam.casefold())


# ---- sections -------------------------------------------------------------------------------------------


def _vraagstuk(snap: Any, tid: str, scope: Scope, deelnemer_id: str | None, n: int) -> list[Blok]:
    out: list[Blok] = [Kop("Vraagstuk", n)]
    werk = werkvraagstuk(snap, tid, deelnemer_id)
    alle = [v for v in snap.of("vraagstuk", tid) if scope.vraagstukken is None or v.id in scope.vraagstukken]
    if deelnemer_id is None and scope.vraagstukken is None:
        alle = [v for v in alle if v.deelnemer_id is None]
    if werk is None and alle:
        werk = alle[0]
    if werk is None:
        out.append(Alinea("Nog niet beschreven (stap 1)."))
        return out
    out.append(Alinea(werk.tekst, label="Waar we aan werken"))
    kenmerken = [KENMERK[k] for k, v in werk.kenmerken.items() if v and k in KENMERK]
    if kenmerken:
        out += [Alinea("", label="Kenmerken van een maatschappelijk vraagstuk"), Lijst(tuple(kenmerken))]
    rest = sorted((v for v in alle if v.id != werk.id), key=lambda v: v.aangemaakt)
    if rest:
        items = []
        for v in rest:
            rol = "breder vraagstuk" if v.id == werk.parent_id else "deelvraag"
            items.append(f"{v.tekst} ({rol})")
        out += [Alinea("", label="Ook genoemd"), Lijst(tuple(items))]
    return out


def _smart_tabel(doel: Any) -> Tabel:
    rijen = []
    for letter, naam, _ in methode.SMART:
        check = doel.smart.get(letter, {})
        status = check.get("status", "onduidelijk")
        rijen.append((letter, naam, SMART_OORDEEL.get(status, status), check.get("notitie", "")))
    return Tabel(("Letter", "Betekenis", "Oordeel", "Toelichting"), tuple(rijen))


def _doel(snap: Any, tid: str, scope: Scope, deelnemer_id: str | None, n: int) -> list[Blok]:
    out: list[Blok] = [Kop("Doel", n)]
    werk = werkvraagstuk(snap, tid, deelnemer_id)
    doelen = [d for d in snap.of("doel", tid) if scope.bevat(d)]
    doel = huidig_doel(snap, tid, werk.id) if werk else None
    if doel is None or not scope.bevat(doel):
        doel = max(doelen, key=lambda d: d.aangemaakt, default=None)
    if doel is None:
        out.append(Alinea("Nog niet bepaald (stap 3)."))
        return out
    label = DOEL_SOORT.get(doel.soort, "Doel")
    out.append(Alinea(doel.tekst, label=f"{label} (vastgelegd {datum_nl(doel.aangemaakt)})"))
    out.append(Alinea("Hoe SMART is het doel?", label="SMART-check"))
    out.append(_smart_tabel(doel))
    eerder = sorted((d for d in doelen if d.id != doel.id), key=lambda d: d.aangemaakt, reverse=True)
    if eerder:
        out.append(Alinea("", label="Eerdere versies"))
        out.append(Lijst(tuple(f"{datum_nl(d.aangemaakt)}: {d.tekst}" for d in eerder)))
    return out


def _quickscan(snap: Any, tid: str, scope: Scope, n: int, bijeenkomst_id: str | None = None) -> list[Blok]:
    def hier(o: Any) -> bool:
        return scope.bevat(o) and (bijeenkomst_id is None or o.bijeenkomst_id == bijeenkomst_id)

    weg = geparkeerde_punten(snap, tid)  # moved to the parkeerplaats: listed there, not twice
    punten = sorted(
        (q for q in snap.of("quickscanpunt", tid) if hier(q) and q.id not in weg), key=lambda q: q.aangemaakt
    )
    geparkeerd = [] if bijeenkomst_id else [o for o in snap.of("oplossing", tid) if scope.bevat(o)]
    if not punten and not geparkeerd and bijeenkomst_id:
        return []
    out: list[Blok] = [Kop("Quickscan: wat gaat goed, wat kan beter", n)]
    if not punten and not geparkeerd:
        out.append(Alinea("Nog niets verzameld (stap 2)."))
        return out
    for soort, titel in (("succes", "Wat gaat goed"), ("verbeter", "Wat kan beter")):
        items = tuple(q.tekst for q in punten if q.soort == soort)
        if items:
            out += [Kop(titel, n + 1), Lijst(items)]
    if geparkeerd:
        items = tuple(o.tekst + (" (opgepakt)" if o.opgepakt else "") for o in geparkeerd)
        out += [Kop("Geparkeerde oplossingen", n + 1), Lijst(items)]
    return out


def _knelpunt_regel(k: Any, groepen: dict[str, str], met_gebied: bool = False) -> str:
    extra = []
    if met_gebied:
        extra.append(methode.gebied_label(k.gebied))
    if k.groep_id and k.groep_id in groepen:
        extra.append(groepen[k.groep_id])
    if k.gerelateerde_gebieden:
        extra.append("ook " + ", ".join(methode.gebied_label(g) for g in k.gerelateerde_gebieden))
    if k.stemmen:
        extra.append(_meer(k.stemmen, "stem", "stemmen"))
    if k.opgelost:
        extra.append(f"opgelost {datum_nl(k.opgelost)}")
    regel = k.tekst + (f" ({'; '.join(extra)})" if extra else "")
    if k.toelichting:
        regel += f" – {k.toelichting}"
    return regel


def _telling(knelpunten: list[Any]) -> Tabel:
    rijen = []
    for key in (*methode.GEBIED_KEYS, None):
        aantal = sum(1 for k in knelpunten if k.gebied == key)
        if aantal or key is not None:
            rijen.append((methode.gebied_label(key), str(aantal)))
    return Tabel(("Aandachtsgebied", "Knelpunten"), tuple(rijen))


def _balk_figuur(knelpunten: list[Any]) -> Callable[[], Any]:
    def maak() -> Any:
        import pandas as pd

        from schouders import analyse, charts

        df = pd.DataFrame({"gebied": [k.gebied or analyse.ONGEDEELD for k in knelpunten]})
        # no "start stap 5 hier" marker: that is a hint for the group in the app, not for a document's reader
        return charts.knelpunten_per_gebied(analyse.tel_per_gebied(df))

    return maak


def _knelpunten(snap: Any, tid: str, scope: Scope, n: int, bijeenkomst_id: str | None = None) -> list[Blok]:
    kn = [k for k in snap.of("knelpunt", tid) if scope.bevat(k)]
    if bijeenkomst_id is not None:
        kn = [k for k in kn if k.bijeenkomst_id == bijeenkomst_id]
        if not kn:
            return []
    kn.sort(key=lambda k: k.aangemaakt)
    titel = "Nieuwe knelpunten per aandachtsgebied" if bijeenkomst_id else "Knelpunten per aandachtsgebied"
    out: list[Blok] = [Kop(titel, n)]
    if not kn:
        out.append(Alinea("Nog geen knelpunten verzameld (stap 4)."))
        return out
    ingedeeld = sum(1 for k in kn if k.gebied)
    per = {key: [k for k in kn if k.gebied == key] for key in (*methode.GEBIED_KEYS, None)}
    meeste = max(methode.GEBIED_KEYS, key=lambda g: len(per[g]))
    zin = f"{_meer(len(kn), 'knelpunt', 'knelpunten')}, waarvan {ingedeeld} ingedeeld in een aandachtsgebied."
    if per[meeste]:
        zin += f" De meeste knelpunten liggen bij {methode.gebied_label(meeste)} ({len(per[meeste])})."
    out.append(Alinea(zin))
    out.append(Figuur("Knelpunten per aandachtsgebied", _balk_figuur(kn), _telling(kn)))
    groepen = {g.id: g.naam for g in snap.of("groep", tid)}
    for key, lijst in per.items():
        if lijst:
            out.append(Kop(f"{methode.gebied_label(key)} ({len(lijst)})", n + 1))
            out.append(Lijst(tuple(_knelpunt_regel(k, groepen) for k in lijst)))
    return out


def _prioriteiten(snap: Any, tid: str, scope: Scope, n: int) -> list[Blok]:
    from schouders import prioriteren as p

    kn = [k for k in snap.of("knelpunt", tid) if scope.bevat(k)]
    beoordeeld = [k for k in kn if k.oplosbaarheid or k.belang is not None or k.quick_win is not None]
    out: list[Blok] = [Kop("Prioriteiten: belang en quick wins", n)]
    if not beoordeeld:
        out.append(Alinea("Nog niet geprioriteerd (stap 6)."))
        return out
    for k in p.doel_in_gevaar(kn):
        out.append(
            Alinea(
                f"'{k.tekst}' is essentieel voor het vraagstuk maar onoplosbaar. Zo is het doel niet haalbaar: "
                "denk aan subdoelen of een aangepast doel.",
                label="Let op",
                nadruk=True,
            )
        )
    for k in p.essentieel_buiten_invloed(kn):
        out.append(
            Alinea(
                f"'{k.tekst}' is essentieel, maar ligt buiten onze invloed: het doel hangt hier af van anderen.",
                label="Let op",
                nadruk=True,
            )
        )
    indeling = p.indeling(kn)
    tabel = Tabel(("Kwadrant", "Knelpunten"), tuple((q.label, str(len(indeling[q.key]))) for q in p.KWADRANTEN))
    out.append(Alinea(p.GRENS_UITLEG))

    def maak() -> Any:
        from schouders import matrix

        return matrix.matrix_figuur(kn)

    if any(indeling.values()):
        out.append(Figuur("Belang en quick win van de oplosbare knelpunten", maak, tabel))
    groepen = {g.id: g.naam for g in snap.of("groep", tid)}
    from schouders import matrix

    nummers = matrix.matrix_nummers(kn)  # the numbers on the chart's markers, so a reader finds each point

    def nr(k: Any) -> str:
        return f"{nummers[k.id]}. " if k.id in nummers else ""

    for q in p.KWADRANTEN:
        lijst = sorted(indeling[q.key], key=lambda k: nummers.get(k.id, 10**9))
        out.append(Kop(f"{q.label} ({len(lijst)})", n + 1))
        out.append(Alinea(q.uitleg))
        if lijst:
            out.append(
                Lijst(
                    tuple(
                        f"{nr(k)}{_knelpunt_regel(k, groepen, met_gebied=True)} – belang {k.belang}, "
                        f"quick win {k.quick_win}"
                        for k in lijst
                    )
                )
            )
    for key in (p.BUITEN_INVLOED, p.ONOPLOSBAAR):
        lijst = [k for k in kn if k.oplosbaarheid == key]
        if lijst:
            out.append(Kop(f"{p.oplosbaarheid_label(key)} ({len(lijst)})", n + 1))
            out.append(Lijst(tuple(_knelpunt_regel(k, groepen, met_gebied=True) for k in lijst)))
    zonder = [k for k in kn if k.oplosbaarheid == p.OPLOSBAAR and p.kwadrant_van(k) is None]
    nog = [k for k in kn if not k.oplosbaarheid]
    if zonder or nog:
        delen = []
        if zonder:
            delen.append(
                f"{_meer(len(zonder), 'oplosbaar knelpunt heeft', 'oplosbare knelpunten hebben')} nog geen score"
            )
        if nog:
            delen.append(f"{_meer(len(nog), 'knelpunt is', 'knelpunten zijn')} nog niet op oplosbaarheid beoordeeld")
        out.append(Alinea("; ".join(delen) + "."))
    return out


def _richtingen(snap: Any, tid: str, scope: Scope, n: int) -> list[Blok]:
    rs = sorted((r for r in snap.of("richting", tid) if scope.bevat(r)), key=lambda r: r.aangemaakt)
    out: list[Blok] = [Kop("Oplossingsrichtingen", n)]
    if not rs:
        out.append(Alinea("Nog geen oplossingsrichtingen gekozen (stap 6)."))
        return out
    for r in rs:
        out.append(Kop(r.titel, n + 1))
        if r.kaders:
            out.append(Alinea(r.kaders, label="Kaders"))
        kn = [snap.get("knelpunt", i) for i in r.knelpunt_ids]
        kn = [k for k in kn if k is not None]
        if kn:
            out += [Alinea("", label="Voor deze knelpunten"), Lijst(tuple(k.tekst for k in kn))]
        if r.notities:
            out.append(Alinea(r.notities, label="Notities"))
    return out


def _actie_rijen(snap: Any, acties: list[Any]) -> Tabel:
    acties = sorted(acties, key=lambda a: (_STATUS_ORDE.get(a.status, 9), a.deadline or date.max, a.aangemaakt))
    rijen = []
    for a in acties:
        r = snap.get("richting", a.richting_id)
        d = snap.get("deelnemer", a.eigenaar_id)
        b = snap.get("bijeenkomst", a.ronde_id)
        wat = a.wat + (" (verkennend)" if a.verkennend else "")
        rijen.append(
            (
                wat,
                r.titel if r else "",
                d.naam if d else "nog niemand",
                datum_nl(a.deadline, leeg=""),
                STATUS_LABEL.get(a.status, a.status),
                (b.titel or f"Bijeenkomst {b.nummer}") if b else "",
            )
        )
    return Tabel(("Actie", "Oplossingsrichting", "Eigenaar", "Deadline", "Status", "Ronde"), tuple(rijen))


def _acties(snap: Any, tid: str, scope: Scope, n: int, bijeenkomst_id: str | None = None) -> list[Blok]:
    acties = [a for a in snap.of("actie", tid) if scope.bevat(a)]
    if bijeenkomst_id is not None:
        acties = [a for a in acties if a.ronde_id == bijeenkomst_id]
        if not acties:
            return []
    out: list[Blok] = [Kop("Afgesproken acties" if bijeenkomst_id else "Acties", n)]
    if not acties:
        out.append(Alinea("Nog geen acties gepland (stap 7)."))
        return out
    open_ = sum(1 for a in acties if a.status in ("gepland", "bezig"))
    if not bijeenkomst_id:
        out.append(Alinea(f"{_meer(len(acties), 'actie', 'acties')}, waarvan {open_} nog open."))
    out.append(_actie_rijen(snap, acties))
    notities = [(a.wat, a.notities) for a in acties if a.notities]
    if notities:
        out.append(Alinea("", label="Notities bij acties"))
        out.append(Lijst(tuple(f"{wat}: {tekst}" for wat, tekst in notities)))
    return out


def _evaluaties(snap: Any, tid: str, scope: Scope, n: int, bijeenkomst_id: str | None = None) -> list[Blok]:
    def hoort(e: Any) -> bool:
        if bijeenkomst_id is not None and e.bijeenkomst_id != bijeenkomst_id:
            return False
        a = snap.get("actie", e.actie_id)
        return scope.vraagstukken is None or (a is not None and scope.bevat(a))

    evs = sorted((e for e in snap.of("evaluatie", tid) if hoort(e)), key=lambda e: e.aangemaakt)
    if not evs:
        return (
            []
            if bijeenkomst_id or scope.vraagstukken is not None
            else [
                Kop("Evaluaties", n),
                Alinea("Nog geen evaluaties (stap 9)."),
            ]
        )
    out: list[Blok] = [Kop("Evaluaties", n)]
    for e in evs:
        a = snap.get("actie", e.actie_id)
        onderwerp = a.wat if a else e.onderwerp
        out.append(Kop(f"{onderwerp} ({datum_nl(e.aangemaakt)})", n + 1))
        for key, vraag in methode.EVALUATIE_VRAGEN:
            antwoord = str(e.antwoorden.get(key, "")).strip()
            if antwoord:
                out.append(Alinea(antwoord, label=vraag))
        nieuw = [snap.get("knelpunt", i) for i in e.nieuwe_knelpunt_ids]
        nieuw = [k for k in nieuw if k is not None]
        if nieuw:
            out += [Alinea("", label="Nieuwe knelpunten"), Lijst(tuple(k.tekst for k in nieuw))]
    return out


def _bijeenkomsten(snap: Any, tid: str, n: int) -> list[Blok]:
    bs = sorted(snap.of("bijeenkomst", tid), key=lambda b: b.nummer)
    if not bs:
        return []
    rijen = tuple(
        (
            str(b.nummer),
            b.titel,
            datum_nl(b.datum, leeg=""),
            ", ".join(str(s) for s in b.stappen),
            str(len(b.aanwezigen)) if b.aanwezigen else "",
            "ja" if b.verslag else "",
        )
        for b in bs
    )
    out: list[Blok] = [
        Kop("Bijeenkomsten", n),
        Tabel(("Nr", "Titel", "Datum", "Stappen", "Aanwezig", "Verslag"), rijen),
    ]
    for b in bs:
        if b.verslag:
            out.append(Alinea(b.verslag, label=f"Verslag {b.titel or b.nummer}"))
    return out


def _deelnemers(snap: Any, tid: str, n: int) -> list[Blok]:
    ds = sorted(snap.of("deelnemer", tid), key=lambda d: d.naam.casefold())
    if not ds:
        return []
    groepen = {g.id: g.naam for g in snap.of("groep", tid)}
    met_groep = any(d.groep_id for d in ds)
    kol = ("Naam", "Organisatie", "Rol", "Groep") if met_groep else ("Naam", "Organisatie", "Rol")
    rijen = tuple((d.naam, d.organisatie, d.rol, groepen.get(d.groep_id or "", ""))[: len(kol)] for d in ds)
    return [Kop("Deelnemers", n), Tabel(kol, rijen)]


def _experts(snap: Any, tid: str, n: int) -> list[Blok]:
    ex = snap.of("expert", tid)
    lees = snap.of("leesitem", tid)
    if not ex and not lees:
        return []
    out: list[Blok] = [Kop("Experts en leeslijst", n)]
    if ex:
        items = []
        for e in ex:
            regel = e.naam + (f", {e.organisatie}" if e.organisatie else "")
            regel += f" – {methode.gebied_label(e.gebied)}" if e.gebied else ""
            regel += f" ({e.contact})" if e.contact else ""
            items.append(regel)
        out += [Kop("Experts", n + 1), Lijst(tuple(items))]
    if lees:
        items = [
            i.titel + (f" – {i.link}" if i.link else "") + (f" ({methode.gebied_label(i.gebied)})" if i.gebied else "")
            for i in lees
        ]
        out += [Kop("Leeslijst", n + 1), Lijst(tuple(items))]
    return out


def _plan(snap: Any, tid: str, scope: Scope, deelnemer_id: str | None, n: int) -> list[Blok]:
    """The chapters every actieplan has, for one scope."""
    return [
        *_vraagstuk(snap, tid, scope, deelnemer_id, n),
        *_doel(snap, tid, scope, deelnemer_id, n),
        *_quickscan(snap, tid, scope, n),
        *_knelpunten(snap, tid, scope, n),
        *_prioriteiten(snap, tid, scope, n),
        *_richtingen(snap, tid, scope, n),
        *_acties(snap, tid, scope, n),
        *_evaluaties(snap, tid, scope, n),
    ]


# ---- the two documents ---------------------------------------------------------------------------------


def _opbrengst_themadag(snap: Any, tid: str, n: int, themas_op: str = "auto") -> list[Blok]:
    """The analysis across groups (issue 8): recurring themes and knelpunten per gebied per groep. The themes
    are the Analyse page's own (meaning when the vectors are there, else words: `themas.vectoren_voor`)."""
    from schouders import groepen

    d = groepen.opbrengst_themadag(snap, tid, op=themas_op)
    blokken: list[Blok] = [
        Kop(d["titel"], n),
        Alinea(
            f"{_meer(d['totaal_knelpunten'], 'knelpunt', 'knelpunten')} uit "
            f"{_meer(d['aantal_groepen'], 'groep', 'groepen')}; "
            f"{_meer(d['aantal_themas'], 'terugkerend thema', 'terugkerende thema’s')}."
        ),
    ]
    if d["themas"]:
        blokken.append(Kop("Thema’s die het vaakst terugkwamen", n + 1))
        blokken.append(
            Alinea(
                "Gevonden op betekenis, met het taalmodel op deze computer."
                if d["methode"] == "betekenis"
                else "Gevonden op de woorden van de knelpunten."
            )
        )
        blokken.append(
            Tabel(
                ("Nr", "Thema", "Groepen", "Genoemd door", "Knelpunten", "Kernwoorden"),
                tuple(
                    (
                        str(r["nr"]),
                        str(r["thema"]),
                        str(r["groepen"]),
                        str(r["genoemd_door"]),
                        str(r["knelpunten"]),
                        ", ".join(r["kernwoorden"]) if isinstance(r["kernwoorden"], list) else str(r["kernwoorden"]),
                    )
                    for r in d["themas"]
                ),
            )
        )
    tabel = Tabel(
        tuple(d["per_gebied_per_groep"]["kolommen"]),
        tuple(tuple(str(v) for v in rij) for rij in d["per_gebied_per_groep"]["rijen"]),
    )
    blokken.append(
        Figuur(
            "Knelpunten per aandachtsgebied en groep",
            maak=lambda: groepen.heatmap(groepen.per_gebied_per_groep(snap, tid)),
            tabel=tabel,
        )
    )
    if d["groepen"]:
        kolommen = tuple(d["groepen"][0])
        blokken.append(Tabel(kolommen, tuple(tuple(str(r[k]) for k in kolommen) for r in d["groepen"])))
    if d["verdieping"]:
        blokken.append(Alinea(", ".join(d["verdieping"]), label="Verdiept in stap 5"))
    return blokken


def _kop_regels(t: Any, vandaag: date) -> list[str]:
    wv = methode.werkvorm(t.werkvorm)
    regels = [wv.label + (f" · thema: {t.thema}" if t.thema else "")]
    if t.procesbegeleiders:
        regels.append("Procesbegeleiding: " + ", ".join(t.procesbegeleiders))
    regels.append(f"Huidige stap: {t.huidige_stap}. {methode.stap(t.huidige_stap).naam}")
    regels.append(f"Gemaakt op {datum_nl(vandaag)}")
    return regels


def _meta(t: Any, onderwerp: str, vandaag: date) -> dict[str, Any]:
    """What a document's header and properties say: traject, procesbegeleiders, subject, date."""
    return {"traject": t.naam, "auteurs": tuple(t.procesbegeleiders), "onderwerp": onderwerp, "datum": vandaag}


def actieplan(
    snap: Any,
    traject_id: str,
    *,
    deelnemer_id: str | None = None,
    vandaag: date | None = None,
    themas_op: str = "auto",
) -> Rapport:
    """The actieplan of a traject – or of one deelnemer in a leernetwerk. `themas_op` chooses how the
    themadag's themes are found ("auto": as the Analyse page shows them; "woorden"; "betekenis")."""
    vandaag = vandaag or date.today()
    t = snap.get("traject", traject_id)
    if t is None:
        raise ValueError("Dit traject bestaat niet (meer).")
    if deelnemer_id is not None:
        d = snap.get("deelnemer", deelnemer_id)
        if d is None or d.traject_id != traject_id:
            raise ValueError("Deze deelnemer hoort niet bij dit traject.")
        scope = deelnemer_scope(snap, traject_id, deelnemer_id)
        rapport = Rapport(
            f"Actieplan van {d.naam}",
            [f"{t.naam}" + (f" · {d.organisatie}" if d.organisatie else ""), *_kop_regels(t, vandaag)],
            _plan(snap, traject_id, scope, deelnemer_id, 2),
            bestandsnaam("actieplan", d.naam, t.naam),
            **_meta(t, f"Actieplan van {d.naam}", vandaag),
        )
        return rapport
    rapport = Rapport(
        f"Actieplan · {t.naam}",
        _kop_regels(t, vandaag),
        [],
        bestandsnaam("actieplan", t.naam),
        **_meta(t, "Actieplan" + (f" · {werk.tekst}" if (werk := werkvraagstuk(snap, traject_id)) else ""), vandaag),
    )
    if methode.werkvorm(t.werkvorm).eigen_vraagstuk:
        mensen = deelnemers_met_vraagstuk(snap, traject_id)
        if not mensen:
            rapport.blokken.append(Alinea("Nog geen deelnemer heeft een eigen vraagstuk (stap 1)."))
        for d in mensen:
            rapport.blokken.append(Kop(f"Actieplan van {d.naam}" + (f" ({d.organisatie})" if d.organisatie else ""), 2))
            rapport.blokken += _plan(snap, traject_id, deelnemer_scope(snap, traject_id, d.id), d.id, 3)
        los = Scope(frozenset({None}))
        if any(los.bevat(o) for kind in ("knelpunt", "richting", "actie") for o in snap.of(kind, traject_id)):
            rapport.blokken.append(Kop("Gezamenlijke punten (niet aan één vraagstuk gekoppeld)", 2))
            rapport.blokken += _knelpunten(snap, traject_id, los, 3)
            rapport.blokken += _richtingen(snap, traject_id, los, 3)
            rapport.blokken += _acties(snap, traject_id, los, 3)
    else:
        rapport.blokken += _plan(snap, traject_id, Scope(), None, 2)
    if t.werkvorm == "themadag" or snap.of("groep", traject_id):
        rapport.blokken += _opbrengst_themadag(snap, traject_id, 2, themas_op)
    rapport.blokken += _bijeenkomsten(snap, traject_id, 2)
    rapport.blokken += _deelnemers(snap, traject_id, 2)
    rapport.blokken += _experts(snap, traject_id, 2)
    return rapport


def verslag(snap: Any, bijeenkomst_id: str, *, vandaag: date | None = None) -> Rapport:
    """The verslag of one meeting: intention, agenda, who came, the notes, and what it produced."""
    vandaag = vandaag or date.today()
    b = snap.get("bijeenkomst", bijeenkomst_id)
    if b is None:
        raise ValueError("Deze bijeenkomst bestaat niet (meer).")
    t = snap.get("traject", b.traject_id)
    tid = b.traject_id
    naam = b.titel or f"Bijeenkomst {b.nummer}"
    onder = [t.naam if t else ""]
    wanneer = datum_nl(b.datum)
    wanneer += " · online" if b.online else " · op locatie"
    if b.duur_uren:
        wanneer += f" · {_uren(b.duur_uren)}"
    onder += [wanneer, f"Stappen: {_stappen(b.stappen)}", f"Gemaakt op {datum_nl(vandaag)}"]
    r = Rapport(
        f"Verslag · {naam}",
        onder,
        [],
        bestandsnaam("verslag", naam, t.naam if t else ""),
        traject=t.naam if t else "",
        auteurs=tuple(t.procesbegeleiders) if t else (),
        onderwerp=f"Verslag van {naam}, {datum_nl(b.datum)}",
        datum=vandaag,
    )
    bl = r.blokken
    if b.intentie:
        bl += [Kop("Intentie", 2), Alinea(b.intentie)]
    agenda = [regel.strip(" -•\t") for regel in b.agenda.splitlines() if regel.strip(" -•\t")]
    if agenda:
        bl += [Kop("Agenda", 2), Lijst(tuple(agenda))]
    aanwezig = [snap.get("deelnemer", i) for i in b.aanwezigen]
    namen = tuple(
        d.naam + (f" ({d.organisatie})" if d.organisatie else "")
        for d in sorted((d for d in aanwezig if d is not None), key=lambda d: d.naam.casefold())
    )
    if namen:
        bl += [Kop(f"Aanwezig ({len(namen)})", 2), Lijst(namen)]
    bl += [Kop("Verslag", 2), Alinea(b.verslag or "Nog geen verslag geschreven.")]
    alle = Scope()
    doelen = sorted((d for d in snap.of("doel", tid) if d.bijeenkomst_id == b.id), key=lambda d: d.aangemaakt)
    if doelen:
        laatste = doelen[-1]
        bl += [
            Kop("Doel", 2),
            Alinea(laatste.tekst, label=DOEL_SOORT.get(laatste.soort, "Doel")),
            _smart_tabel(laatste),
        ]
        if len(doelen) > 1:
            bl += [Alinea("", label="Eerder in deze bijeenkomst"), Lijst(tuple(d.tekst for d in doelen[:-1]))]
    bl += _quickscan(snap, tid, alle, 2, bijeenkomst_id=b.id)
    bl += _knelpunten(snap, tid, alle, 2, bijeenkomst_id=b.id)
    bl += _acties(snap, tid, alle, 2, bijeenkomst_id=b.id)
    bl += _evaluaties(snap, tid, alle, 2, bijeenkomst_id=b.id)
    volgende = min(
        (x for x in snap.of("bijeenkomst", tid) if x.nummer > b.nummer), key=lambda x: x.nummer, default=None
    )
    if volgende is not None:
        tekst = f"{volgende.titel or f'Bijeenkomst {volgende.nummer}'} – {datum_nl(volgende.datum)}"
        if volgende.stappen:
            tekst += f" (stappen {', '.join(str(s) for s in volgende.stappen)})"
        bl += [Kop("Volgende bijeenkomst", 2), Alinea(tekst)]
    return r


def rapporten_voor(snap: Any, traject_id: str) -> list[tuple[str, str, str | None]]:
    """The documents one can make for a traject: (label, soort, id) – soort 'traject', 'deelnemer', 'verslag'."""
    t = snap.get("traject", traject_id)
    if t is None:
        return []
    out: list[tuple[str, str, str | None]] = [("Actieplan van het hele traject", "traject", None)]
    if methode.werkvorm(t.werkvorm).eigen_vraagstuk:
        out += [(f"Actieplan van {d.naam}", "deelnemer", d.id) for d in deelnemers_met_vraagstuk(snap, traject_id)]
    for b in sorted(snap.of("bijeenkomst", traject_id), key=lambda b: b.nummer):
        out.append((f"Verslag van {b.titel or f'bijeenkomst {b.nummer}'} ({datum_nl(b.datum)})", "verslag", b.id))
    return out


def maak_rapport(
    snap: Any, traject_id: str, soort: str = "traject", item_id: str | None = None, vandaag: date | None = None
) -> Rapport:
    """The report for one entry of `rapporten_voor`."""
    if soort == "deelnemer":
        return actieplan(snap, traject_id, deelnemer_id=item_id, vandaag=vandaag)
    if soort == "verslag":
        if item_id is None:
            raise ValueError("Kies een bijeenkomst.")
        return verslag(snap, item_id, vandaag=vandaag)
    return actieplan(snap, traject_id, vandaag=vandaag)
