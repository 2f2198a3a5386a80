"""What every importer hands back: a preview of the rows it read and the problems it found, per row.

Nothing is saved while a preview exists: the caller shows it, and only `opslaan` writes – all objects
in one store write, so a failure leaves the store file untouched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from schouders import methode
from schouders.model import Entity, Groep, Knelpunt, Quickscanpunt, Traject

SOORTEN: tuple[tuple[str, str], ...] = (
    ("knelpunt", "Knelpunten"),
    ("succes", "Succespunten"),
    ("verbeter", "Verbeterpunten"),
)
SOORT_LABEL: dict[str, str] = dict(SOORTEN)
SOORT_ENKELVOUD: dict[str, str] = {"knelpunt": "knelpunt", "succes": "succespunt", "verbeter": "verbeterpunt"}


@dataclass(frozen=True)
class Probleem:
    """One thing the user should know about the file; `rij` is the row (or card, message) number."""

    melding: str
    rij: int | None = None
    eenheid: str = "Rij"  # "Rij", "Bericht", "Kaart"

    def __str__(self) -> str:
        return f"{self.eenheid} {self.rij}: {self.melding}" if self.rij is not None else self.melding


@dataclass(frozen=True)
class Punt:
    """One row that becomes a knelpunt, succespunt or verbeterpunt."""

    rij: int
    tekst: str
    soort: str = "knelpunt"
    gebied: str | None = None
    groep: str = ""
    auteur: str = ""
    toelichting: str = ""
    gerelateerde_gebieden: tuple[str, ...] = ()
    oplosbaarheid: str | None = None
    essentieel: bool = False
    belang: int | None = None
    quick_win: int | None = None
    stemmen: int = 0
    bron_stap: int | None = None
    opgelost: date | None = None
    tijd: str = ""

    def model(self, traject_id: str, groep_id: str | None = None, vraagstuk_id: str | None = None) -> Entity:
        """The model object for this row (validated; raises ValueError in Dutch)."""
        if self.soort == "knelpunt":
            return Knelpunt(
                traject_id=traject_id,
                tekst=self.tekst,
                gebied=self.gebied,
                vraagstuk_id=vraagstuk_id,
                gerelateerde_gebieden=self.gerelateerde_gebieden,
                toelichting=self.toelichting,
                groep_id=groep_id,
                auteur=self.auteur,
                oplosbaarheid=self.oplosbaarheid,
                essentieel=self.essentieel,
                belang=self.belang,
                quick_win=self.quick_win,
                stemmen=self.stemmen,
                bron_stap=self.bron_stap or 4,
                opgelost=self.opgelost,
            )
        return Quickscanpunt(
            traject_id=traject_id,
            soort=self.soort,
            tekst=self.tekst,
            vraagstuk_id=vraagstuk_id,
            groep_id=groep_id,
            auteur=self.auteur,
        )


@dataclass(frozen=True)
class ExtraRij:
    """A row of our own export's richtingen or acties sheet that is already in the traject (re-import)."""

    blad: str  # "richtingen" | "acties"
    rij: int
    tekst: str


@dataclass(frozen=True)
class Resultaat:
    """What a save did, for the message to the user."""

    traject: Traject
    aantallen: dict[str, int]
    bericht: str


def groepen_voor(snap: Any, traject_id: str, namen: list[str]) -> tuple[dict[str, str], list[Groep]]:
    """Map group names (case-insensitive) to the traject's Groep ids; new Groep objects for unknown names."""
    bestaand = {g.naam.casefold(): g.id for g in snap.of("groep", traject_id)} if snap is not None else {}
    ids: dict[str, str] = {}
    nieuw: list[Groep] = []
    for naam in namen:
        naam = naam.strip()
        if not naam or naam.casefold() in ids:
            continue
        key = naam.casefold()
        if key in bestaand:
            ids[key] = bestaand[key]
        else:
            g = Groep(traject_id=traject_id, naam=naam)
            nieuw.append(g)
            ids[key] = g.id
    return ids, nieuw


def werkvraag_id(snap: Any, traject: Traject) -> str | None:
    """Imported points belong to the traject's werkvraagstuk (not in a leernetwerk: whose would it be?)."""
    if snap is None or methode.werkvorm(traject.werkvorm).eigen_vraagstuk:
        return None
    from schouders.trajecten import werkvraagstuk

    v = werkvraagstuk(snap, traject.id)
    return v.id if v else None


@dataclass
class Voorbeeld:
    """A preview of knelpunten / succes- en verbeterpunten read from a file."""

    bestand: str
    bron: str  # "tabel" | "chat"
    punten: list[Punt] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)
    gelezen: int = 0  # data rows (or messages) read, empty ones not counted
    kolommen: dict[str, str] = field(default_factory=dict)  # field -> header found in the file
    details: dict[str, str] = field(default_factory=dict)  # scheidingsteken, codering, blad …
    extra: dict[str, Any] = field(default_factory=dict)  # richtingen/acties sheets of our own export

    # ---- reading the preview ---------------------------------------------------------------------

    def per_soort(self) -> Counter[str]:
        return Counter(p.soort for p in self.punten)

    def per_gebied(self) -> dict[str, int]:
        """Knelpunten per gebied label, in the method's order, 'nog niet ingedeeld' last."""
        c = Counter(p.gebied for p in self.punten if p.soort == "knelpunt")
        out = {g.label: c[g.key] for g in methode.GEBIEDEN if c[g.key]}
        if c[None]:
            out[methode.NIET_INGEDEELD] = c[None]
        return out

    def groepen(self) -> list[str]:
        """The groups the points go to, once each as `groepen_voor` matches them (case-insensitive, trimmed):
        the count in the summary is the number of groups the save creates or uses."""
        out: dict[str, str] = {}
        for p in self.punten:
            naam = p.groep.strip()
            if naam:
                out.setdefault(naam.casefold(), naam)
        return list(out.values())

    def per_groep(self) -> dict[str, int]:
        """Points per group as the save will file them (case-insensitive), in file order; '' for no group."""
        namen = {n.casefold(): n for n in self.groepen()}
        c = Counter(namen.get(p.groep.strip().casefold(), "") for p in self.punten)
        return {naam: c[naam] for naam in [*namen.values(), ""] if c[naam]}

    def samenvatting(self) -> str:
        """One Dutch sentence: what was read and what will be added."""
        delen = [f"{n} {SOORT_LABEL[s].lower() if n != 1 else SOORT_ENKELVOUD[s]}" for s, n in self.per_soort().items()]
        wat = f"klaar om toe te voegen: {', '.join(delen)}" if delen else "niets om toe te voegen"
        eenheid = "berichten" if self.bron == "chat" else "rijen"
        zin = f"{self.bestand}: {self.gelezen} {eenheid} gelezen; {wat}"
        groepen = self.groepen()
        if groepen:
            zin += f" in {len(groepen)} groep{'en' if len(groepen) != 1 else ''}"
        extra = self.extra_tellingen()
        if extra:
            zin += ", " + ", ".join(f"{n} {wat}" for wat, n in extra.items())
        zin += "."
        if self.problemen:
            zin += f" {len(self.problemen)} melding{'en' if len(self.problemen) != 1 else ''}: zie hieronder."
        return zin

    def extra_tellingen(self) -> dict[str, int]:
        out = {}
        for key, een, meer in (
            ("richtingen", "oplossingsrichting", "oplossingsrichtingen"),
            ("acties", "actie", "acties"),
        ):
            n = len(self.extra.get(key) or [])
            if n:
                out[een if n == 1 else meer] = n
        return out

    def tabel(self) -> list[dict[str, Any]]:
        """Rows for a preview table."""
        rows = []
        for p in self.punten:
            nr = "Bericht" if self.bron == "chat" else "Rij"
            row: dict[str, Any] = {nr: p.rij, "Soort": SOORT_ENKELVOUD[p.soort], "Tekst": p.tekst}
            if p.soort == "knelpunt":
                row["Aandachtsgebied"] = methode.gebied_label(p.gebied)
            else:
                row["Aandachtsgebied"] = ""
            row["Groep"] = p.groep
            row["Auteur"] = p.auteur
            rows.append(row)
        return rows

    def al_aanwezig(self, snap: Any, traject_id: str) -> int:
        """How many rows have the same text as a point already in the traject (they would be added again)."""
        if snap is None or not traject_id:
            return 0
        bestaand = {k.tekst.casefold() for k in snap.of("knelpunt", traject_id)}
        bestaand |= {q.tekst.casefold() for q in snap.of("quickscanpunt", traject_id)}
        return sum(1 for p in self.punten if p.tekst.casefold() in bestaand)

    # ---- re-import: what is already in the traject ------------------------------------------------

    def dubbel(self, snap: Any, traject_id: str, vraagstuk_id: str | None = None) -> list[Punt | ExtraRij]:
        """The rows that are already in the traject, in file order: they are skipped unless asked otherwise.

        "The same" (`dubbel_sleutel`): the same soort (knelpunt, succespunt, verbeterpunt), the same text as
        `knelpunten.normaliseer` compares it (case and runs of whitespace ignored, punctuation counts) and the
        same groep by name (no groep matches no groep); in a leernetwerk also the same deelnemer's vraagstuk.
        The gebied does not count: a knelpunt moved to another gebied on the board is still the same one, and
        importing the file again must not bring the old place back as a second card. The same text from
        another groep is a different knelpunt (group comparisons count it). Rows repeated inside the file
        itself are not touched here: a first import keeps them, as before. From our own export's sheets: an
        oplossingsrichting with the same title, an actie with the same text under the same richting."""
        if snap is None or not traject_id or snap.get("traject", traject_id) is None:
            return []
        scope = vraagstuk_scope(snap, traject_id, vraagstuk_id)
        bestaand = _bestaande_sleutels(snap, traject_id, scope)
        uit: list[Punt | ExtraRij] = [
            p for p in self.punten if dubbel_sleutel(p.soort, p.tekst, p.groep, scope) in bestaand
        ]
        return uit + self._dubbele_extra(snap, traject_id)

    def _dubbele_extra(self, snap: Any, traject_id: str) -> list[ExtraRij]:
        if not self.extra:
            return []
        from schouders.importers.tabel import cel
        from schouders.knelpunten import normaliseer

        richtingen = {r.id: r.titel for r in snap.of("richting", traject_id)}
        titels = {normaliseer(t) for t in richtingen.values()}
        acties = {
            (normaliseer(a.wat), normaliseer(richtingen.get(a.richting_id, ""))) for a in snap.of("actie", traject_id)
        }
        uit = []
        for w in self.extra.get("richtingen", []):
            titel = cel(w.get("titel"))[:300]
            if normaliseer(titel) in titels:
                uit.append(ExtraRij("richtingen", w.get("rij", 0), titel))
        for a in self.extra.get("acties", []):
            wat = cel(a.get("wat"))[:500]
            if (normaliseer(wat), normaliseer(cel(a.get("richting")))) in acties:
                uit.append(ExtraRij("acties", a.get("rij", 0), wat))
        return uit

    def zonder(self, overslaan: Iterable[Punt | ExtraRij]) -> Voorbeeld:
        """A copy without these rows: its counts, table and save are exactly what lands."""
        overslaan = list(overslaan)
        weg = {id(p) for p in overslaan if isinstance(p, Punt)}
        weg_extra = {(e.blad, e.rij) for e in overslaan if isinstance(e, ExtraRij)}
        extra = {
            blad: [r for r in rijen if (blad, r.get("rij", 0)) not in weg_extra] for blad, rijen in self.extra.items()
        }
        return replace(
            self, punten=[p for p in self.punten if id(p) not in weg], extra={k: v for k, v in extra.items() if v}
        )

    def dubbel_regels(self, items: Iterable[Punt | ExtraRij]) -> list[str]:
        """One line per skipped row: where it is in the file, its text, its groep."""
        eenheid = "Bericht" if self.bron == "chat" else "Rij"
        out = []
        for p in items:
            if isinstance(p, ExtraRij):
                wat = "Oplossingsrichting" if p.blad == "richtingen" else "Actie"
                out.append(f"{wat} (werkblad {p.blad}, rij {p.rij}): {_kort(p.tekst)}")
                continue
            groep = f" (groep {p.groep.strip()})" if p.groep.strip() else ""
            out.append(f"{eenheid} {p.rij}: {_kort(p.tekst)}{groep}")
        return out

    def niets_te_doen(self) -> bool:
        return not self.punten and not self.extra_tellingen()

    # ---- saving ------------------------------------------------------------------------------------

    def objecten(
        self, snap: Any, traject: Traject, bestaand: Iterable[Entity] = (), vraagstuk_id: str | None = None
    ) -> list[Entity]:
        """All model objects to add (new groups first); nothing is written.

        `bestaand`: objects that will be added together with these (a new traject's meeting plan).
        `vraagstuk_id`: the vraagstuk the points belong to (a deelnemer's in a leernetwerk); by default the
        traject's werkvraagstuk.
        """
        ids, nieuwe_groepen = groepen_voor(snap, traject.id, self.groepen())
        vraag = vraagstuk_id or werkvraag_id(snap, traject)
        objs: list[Entity] = list(nieuwe_groepen)
        for p in self.punten:
            objs.append(p.model(traject.id, ids.get(p.groep.casefold()) if p.groep else None, vraag))
        if self.extra:
            from schouders.importers.tabel import actieplan_objecten

            objs += actieplan_objecten(self.extra, snap, traject, [*bestaand, *objs])
        return objs

    def opslaan(
        self, store: Any, traject: Traject, vraagstuk_id: str | None = None, *, ook_dubbel: bool = True
    ) -> Resultaat:
        """Add everything in one write; `traject` is created too (with its werkvorm's meeting plan) when it
        is not in the store yet. `ook_dubbel=False` skips the rows `dubbel` names (the import page and the
        command line do; their preview made the same choice on the same data)."""
        snap = store.snapshot()
        basis = nieuw_traject_objecten(snap, traject)
        if vraagstuk_id is not None:
            v = snap.get("vraagstuk", vraagstuk_id)
            if basis or v is None or v.traject_id != traject.id:
                raise ValueError("Dit vraagstuk hoort niet bij het gekozen traject.")
        overgeslagen = [] if ook_dubbel or basis else self.dubbel(snap, traject.id, vraagstuk_id)
        bron = self.zonder(overgeslagen) if overgeslagen else self
        objs = bron.objecten(None if basis else snap, traject, basis, vraagstuk_id)
        if not objs:
            if overgeslagen:
                raise ValueError(f"Alles uit {self.bestand} staat al in '{traject.naam}'; er is niets toegevoegd.")
            raise ValueError(f"{self.bestand} bevat niets om toe te voegen.")
        store.add_many(basis + objs)
        aantallen = Counter(o.kind for o in objs)
        bericht = bericht_toegevoegd(aantallen, traject.naam, bool(basis))
        if overgeslagen:
            bericht += f" {overgeslagen_zin(len(overgeslagen))}"
        return Resultaat(traject, dict(aantallen), bericht)


def vraagstuk_scope(snap: Any, traject_id: str, vraagstuk_id: str | None) -> str | None:
    """Whose vraagstuk counts for "the same": in a leernetwerk every deelnemer has an own one (None = nobody in
    particular); elsewhere all points share the werkvraagstuk, so it is left out ("*")."""
    t = snap.get("traject", traject_id)
    if t is None or not methode.werkvorm(t.werkvorm).eigen_vraagstuk:
        return "*"
    return vraagstuk_id


def dubbel_sleutel(soort: str, tekst: str, groep: str, vraagstuk: str | None = "*") -> tuple[str, str, str, str]:
    """What makes two points "the same" on re-import (see `Voorbeeld.dubbel`)."""
    from schouders.knelpunten import normaliseer

    return (soort, normaliseer(tekst), " ".join(groep.split()).casefold(), vraagstuk or "")


def _bestaande_sleutels(snap: Any, traject_id: str, scope: str | None) -> set[tuple[str, str, str, str]]:
    groepen = {g.id: g.naam for g in snap.of("groep", traject_id)}

    def vraag(v: str | None) -> str | None:
        return "*" if scope == "*" else v

    uit = {
        dubbel_sleutel("knelpunt", k.tekst, groepen.get(k.groep_id, ""), vraag(k.vraagstuk_id))
        for k in snap.of("knelpunt", traject_id)
    }
    uit |= {
        dubbel_sleutel(q.soort, q.tekst, groepen.get(q.groep_id, ""), vraag(q.vraagstuk_id))
        for q in snap.of("quickscanpunt", traject_id)
    }
    return uit


def overgeslagen_zin(n: int) -> str:
    """'3 staan al in dit traject en worden overgeslagen.' – the one sentence page and command line use."""
    return f"{n} {'staat' if n == 1 else 'staan'} al in dit traject en {'wordt' if n == 1 else 'worden'} overgeslagen."


def _kort(tekst: str, n: int = 80) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def nieuw_traject_objecten(snap: Any, traject: Traject) -> list[Entity]:
    """[] when the traject exists; else the traject and its werkvorm's meeting plan, as `nieuw_traject` makes."""
    if snap.get("traject", traject.id) is not None:
        return []
    from schouders.trajecten import _naam_bestaat, voorgesteld_plan

    if _naam_bestaat(snap, traject.naam):
        raise ValueError(f"Er is al een traject met de naam '{traject.naam}'. Kies een andere naam.")
    return [traject, *voorgesteld_plan(traject.werkvorm, None, traject.id)]


_KIND_LABEL = {
    "knelpunt": ("knelpunt", "knelpunten"),
    "quickscanpunt": ("succes- of verbeterpunt", "succes- en verbeterpunten"),
    "groep": ("groep", "groepen"),
    "richting": ("oplossingsrichting", "oplossingsrichtingen"),
    "actie": ("actie", "acties"),
    "deelnemer": ("deelnemer", "deelnemers"),
}


def bericht_toegevoegd(aantallen: Counter[str] | dict[str, int], naam: str, nieuw: bool = False) -> str:
    """'4 knelpunten en 2 groepen toegevoegd aan 'X'.'"""
    delen = []
    for kind, (een, meer) in _KIND_LABEL.items():
        n = aantallen.get(kind, 0)
        if n:
            delen.append(f"{n} {een if n == 1 else meer}")
    if not delen:
        wat = "Niets"
    elif len(delen) == 1:
        wat = delen[0]
    else:
        wat = ", ".join(delen[:-1]) + " en " + delen[-1]
    return f"{wat} toegevoegd aan {'het nieuwe traject ' if nieuw else ''}'{naam}'."
