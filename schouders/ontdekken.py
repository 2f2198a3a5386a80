"""Rules for the first steps (deelnemers, stap 1 vraagstuk, stap 2 quickscan, stap 3 doel). No Streamlit.

Every write here ends in exactly one file write (one `store.transaction()`), and every check runs before
anything is written: an invalid entry changes nothing.

Scope: a leernetwerk gives every deelnemer an own vraagstuk tree (`Vraagstuk.deelnemer_id`); the other
werkvormen share one tree with `deelnemer_id=None`. Quickscanpunten, parked oplossingen and doelen hang
at the werkvraag of their scope, so filtering by the scope's vraagstuk ids gives one deelnemer's work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from schouders import methode
from schouders.model import (
    Deelnemer,
    Doel,
    GeparkeerdeOplossing,
    Knelpunt,
    Quickscanpunt,
    Vraagstuk,
)
from schouders.store import Snapshot, Store
from schouders.trajecten import geparkeerde_punten, werkvraagstuk

SMART_LETTERS: tuple[str, ...] = tuple(letter for letter, _, _ in methode.SMART)
SMART_NAAM: dict[str, str] = {letter: naam for letter, naam, _ in methode.SMART}
SMART_STATUS_KEYS: tuple[str, ...] = tuple(k for k, _ in methode.SMART_STATUSSEN)
SMART_STATUS_LABEL: dict[str, str] = dict(methode.SMART_STATUSSEN)
SMART_JA, SMART_NEE, SMART_ONDUIDELIJK = SMART_STATUS_KEYS
SMART_TEKEN: dict[str, str] = {SMART_JA: "✓", SMART_NEE: "✗", SMART_ONDUIDELIJK: "?"}
DOEL_SOORT_KEYS: tuple[str, ...] = tuple(k for k, _ in methode.DOEL_SOORTEN)
DOEL_SOORT_LABEL: dict[str, str] = dict(methode.DOEL_SOORTEN)
SUCCES, VERBETER = (k for k, _ in methode.QUICKSCAN_SOORTEN)
MAX_NOTITIE = 200

# Fields that can point at a vraagstuk: a vraagstuk with work attached is not deleted.
_VRAAGSTUK_GEBRUIKERS = ("quickscanpunt", "oplossing", "doel", "knelpunt", "richting", "actie")


# ---- scope (werkvorm, deelnemer) ----------------------------------------------------------------------


def eigen_vraagstuk(snap: Snapshot, traject_id: str) -> bool:
    """True when every deelnemer brings an own vraagstuk (leernetwerk)."""
    t = snap.get("traject", traject_id)
    return bool(t and methode.werkvorm(t.werkvorm).eigen_vraagstuk)


def deelnemers(snap: Snapshot, traject_id: str) -> list[Deelnemer]:
    """The traject's deelnemers in the order they were entered."""
    return list(snap.of("deelnemer", traject_id))


def geldige_deelnemer(snap: Snapshot, traject_id: str, deelnemer_id: str | None) -> str | None:
    """The deelnemer scope to use: None outside a leernetwerk; else `deelnemer_id` when it belongs to this
    traject, or the first deelnemer, or None when there are none yet."""
    if not eigen_vraagstuk(snap, traject_id):
        return None
    ids = [d.id for d in deelnemers(snap, traject_id)]
    if deelnemer_id in ids:
        return deelnemer_id
    return ids[0] if ids else None


def vraagstukken(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> list[Vraagstuk]:
    """The vraagstukken of one scope (one deelnemer in a leernetwerk, else the shared tree)."""
    return [v for v in snap.of("vraagstuk", traject_id) if v.deelnemer_id == deelnemer_id]


def scope_ids(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> set[str]:
    """Ids of the scope's vraagstukken: filter anything with a `vraagstuk_id` by this."""
    return {v.id for v in vraagstukken(snap, traject_id, deelnemer_id)}


def in_scope(items: Iterable[Any], snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> list[Any]:
    """Items (with `vraagstuk_id`) of this scope. Outside a deelnemer scope, items without a vraagstuk
    count as shared and are included."""
    ids = scope_ids(snap, traject_id, deelnemer_id)
    return [i for i in items if i.vraagstuk_id in ids or (deelnemer_id is None and i.vraagstuk_id is None)]


def werkvraag(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> Vraagstuk | None:
    """The vraagstuk this scope works on: the chosen werkvraag, else the first main question."""
    return werkvraagstuk(snap, traject_id, deelnemer_id)


def boom(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> list[tuple[Vraagstuk, int]]:
    """The scope's vraagstukken as a tree: (vraagstuk, depth), parents before their smaller questions."""
    vs = sorted(vraagstukken(snap, traject_id, deelnemer_id), key=lambda v: v.aangemaakt)
    ids = {v.id for v in vs}
    kinderen: dict[str | None, list[Vraagstuk]] = {}
    for v in vs:
        parent = v.parent_id if v.parent_id in ids else None
        kinderen.setdefault(parent, []).append(v)
    out: list[tuple[Vraagstuk, int]] = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for v in kinderen.get(parent, []):
            if v.id in seen:  # a cycle in hand-edited data must not hang the page
                continue
            seen.add(v.id)
            out.append((v, depth))
            walk(v.id, depth + 1)

    walk(None, 0)
    out += [(v, 0) for v in vs if v.id not in seen]
    return out


@dataclass(frozen=True)
class Leernetwerkregel:
    """One deelnemer's line in the leernetwerk overview."""

    deelnemer: Deelnemer
    werkvraag: Vraagstuk | None
    aantal_vragen: int
    kenmerken: int  # how many of the three marks are ticked for the werkvraag


def leernetwerk_overzicht(snap: Snapshot, traject_id: str) -> list[Leernetwerkregel]:
    """Every deelnemer with their own werkvraag, for the side-by-side overview."""
    out = []
    for d in deelnemers(snap, traject_id):
        vs = vraagstukken(snap, traject_id, d.id)
        wv = werkvraag(snap, traject_id, d.id)
        tel = sum(1 for k, _ in methode.KENMERKEN_VRAAGSTUK if wv and wv.kenmerken.get(k))
        out.append(Leernetwerkregel(d, wv, len(vs), tel))
    return out


# ---- deelnemers ---------------------------------------------------------------------------------------

DEELNEMER_VELDEN = ("naam", "organisatie", "rol", "email")
# The field as a refusal names it (the grid's column), and how the model's own message starts for it: that
# start is dropped so a refusal reads "Rij 2 (Bram), e-mail: 'x' lijkt geen e-mailadres." and not "e-mail: E-mail…".
_VELD_NAAM = {"naam": "naam", "organisatie": "organisatie", "rol": "rol", "email": "e-mail"}
_MODEL_VELD = {"naam": "Naam van de deelnemer", "organisatie": "Organisatie", "rol": "Rol", "email": "E-mail"}


@dataclass(frozen=True)
class DeelnemerResultaat:
    """What one replay of the editor did: counts of what was saved, and what was refused (and why)."""

    toegevoegd: int = 0
    gewijzigd: int = 0
    verwijderd: int = 0
    nieuw_ids: tuple[str | None, ...] = ()  # per added editor row: the deelnemer it became (None: empty or refused)
    zonder_eigenaar: int = 0  # actions whose owner was deleted: they now have no owner
    geweigerd: tuple[str, ...] = ()  # one Dutch sentence per refused row change ("Rij 2 (Bram), e-mail: …")

    @property
    def iets(self) -> bool:
        return bool(self.toegevoegd or self.gewijzigd or self.verwijderd)

    def melding(self) -> str:
        delen = []
        if self.toegevoegd:
            delen.append(f"{self.toegevoegd} toegevoegd")
        if self.gewijzigd:
            delen.append(f"{self.gewijzigd} gewijzigd")
        if self.verwijderd:
            delen.append(f"{self.verwijderd} verwijderd")
        tekst = "Deelnemers: " + ", ".join(delen) + "." if delen else "Niets veranderd."
        if self.zonder_eigenaar:
            n = self.zonder_eigenaar
            tekst += (
                f" {n} actie{'s' if n != 1 else ''} {'hebben' if n != 1 else 'heeft'} nu geen eigenaar (zie stap 7)."
            )
        return tekst

    def weigering(self) -> str | None:
        """All refusals as one message (None when nothing was refused): what is wrong, and where."""
        if not self.geweigerd:
            return None
        n = len(self.geweigerd)
        return (
            f"Niet bewaard ({n} regel{'s' if n != 1 else ''}): "
            + " ".join(self.geweigerd)
            + " Verbeter het in de tabel; tot dan blijft de opgeslagen regel zoals hij was."
        )


def deelnemer_rijen(snap: Snapshot, traject_id: str) -> tuple[list[str], list[dict[str, str]]]:
    """(ids, rows) for a data editor: one plain dict per deelnemer with DEELNEMER_VELDEN."""
    mensen = deelnemers(snap, traject_id)
    return [d.id for d in mensen], [{v: getattr(d, v) for v in DEELNEMER_VELDEN} for d in mensen]


def deelnemers_stand(snap: Snapshot, traject_id: str) -> tuple[tuple[str, ...], ...]:
    """A comparable fingerprint of the traject's deelnemers: changes when anyone edits them."""
    return tuple((d.id, *(getattr(d, v) for v in DEELNEMER_VELDEN)) for d in deelnemers(snap, traject_id))


def _velden(row: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for k in DEELNEMER_VELDEN:
        if k in row:
            v = row[k]
            out[k] = "" if v is None or (isinstance(v, float) and v != v) else str(v)  # NaN from pandas
    return out


def _leeg(row: Mapping[str, Any]) -> bool:
    return not any(v.strip() for v in _velden(row).values())


def _rij(i: int, naam: str = "") -> str:
    return f"Rij {i + 1}" + (f" ({naam.strip()})" if naam and naam.strip() else "")


def _veldfouten(basis: Deelnemer, velden: Mapping[str, str], waar: str, exc: ValueError) -> list[str]:
    """Why `basis.met(**velden)` was refused, one sentence per bad field, so the user knows which cell to fix.
    Each field is tried on its own on `basis` (a valid deelnemer); `exc` is the fallback when no single field
    fails (a rule across fields)."""
    uit = []
    for veld, waarde in velden.items():
        try:
            basis.met(**{veld: waarde})
        except ValueError as fout:
            tekst = str(fout)
            start = _MODEL_VELD[veld]
            if tekst.startswith(start):
                tekst = tekst[len(start) :].lstrip(": ")
            uit.append(f"{waar}, {_VELD_NAAM[veld]}: {tekst}")
    return uit or [f"{waar}: {exc}"]


def pas_deelnemers_toe(
    store: Store,
    traject_id: str,
    ids: Sequence[str],
    wijzigingen: Mapping[str, Any],
    nieuw_ids: Sequence[str | None] = (),
) -> DeelnemerResultaat:
    """Bring the store in line with a data editor: base rows `ids` plus its edits (edited_rows /
    added_rows / deleted_rows, as Streamlit keeps them – cumulative since the editor was shown).

    Applying the same edits again changes nothing, so the editor can keep its base and its edits while
    every change is saved at once. `nieuw_ids` are the deelnemers earlier calls made of the added rows
    (from the previous result), so an added row is saved once and then updated.

    Each row stands on its own: every valid row change is saved (in one write), and a row with an invalid
    cell is left as it is in the store and named in `geweigerd` (row number and field). A fast user's good
    edit must not be lost because another row's edit arrived in the same rerun; the refused text stays in
    the editor, and once it is fixed the next replay saves that row. Added rows that are still empty are
    skipped (the user just clicked 'add').
    """
    snap = store.snapshot()
    bestaand = {d.id: d for d in snap.of("deelnemer", traject_id)}
    edited = {int(k): v for k, v in (wijzigingen.get("edited_rows") or {}).items()}
    added = list(wijzigingen.get("added_rows") or [])
    deleted = sorted({int(i) for i in (wijzigingen.get("deleted_rows") or [])})
    heeft_vraagstuk = {v.deelnemer_id for v in snap.of("vraagstuk", traject_id) if v.deelnemer_id}
    fouten: list[str] = []
    nieuw: list[Deelnemer] = []
    gewijzigd: list[Deelnemer] = []
    weg: list[str] = []

    def weghalen(d: Deelnemer, i: int) -> None:
        if d.id in heeft_vraagstuk:
            fouten.append(f"{_rij(i, d.naam)}: heeft een eigen vraagstuk in stap 1; verwijder dat eerst.")
        else:
            weg.append(d.id)

    for i in deleted:
        d = bestaand.get(ids[i]) if 0 <= i < len(ids) else None
        if d is not None:  # else: already deleted by an earlier call
            weghalen(d, i)
    for i, changes in sorted(edited.items()):
        if i in deleted or not 0 <= i < len(ids):
            continue
        d = bestaand.get(ids[i])
        if d is None:
            fouten.append(f"Rij {i + 1}: deze deelnemer bestaat niet meer; open de pagina opnieuw.")
            continue
        velden = _velden(changes)
        try:
            na = d.met(**velden)
        except ValueError as exc:
            fouten += _veldfouten(d, velden, _rij(i, d.naam), exc)
            continue
        if na != d:
            gewijzigd.append(na)
    nieuwe_ids: list[str | None] = []
    for j, row in enumerate(added):
        i = len(ids) + j
        eerder = bestaand.get(nieuw_ids[j] or "") if j < len(nieuw_ids) else None
        if eerder is None and _leeg(row):
            nieuwe_ids.append(None)
            continue
        velden = {v: "" for v in DEELNEMER_VELDEN} | _velden(row)  # the whole row: a cleared cell is empty
        try:
            if eerder is None:
                d = Deelnemer(traject_id=traject_id, **velden)
                nieuw.append(d)
            else:
                d = eerder.met(**velden)
                if d != eerder:
                    gewijzigd.append(d)
        except ValueError as exc:
            # Refused: an earlier saved version stays as it was (and keeps its place in nieuw_ids, so the
            # fixed row updates it); a row never saved is added once it is fixed.
            basis = eerder or Deelnemer(traject_id=traject_id, naam="?")
            fouten += _veldfouten(basis, velden, _rij(i, velden["naam"]), exc)
            nieuwe_ids.append(eerder.id if eerder else None)
            continue
        nieuwe_ids.append(d.id)
    for j, did in enumerate(nieuw_ids[len(added) :], start=len(added)):
        d = bestaand.get(did or "")
        if d is not None:  # an added row that was removed again in the editor
            weghalen(d, len(ids) + j)
    # A deleted deelnemer leaves no id behind: out of the attendance lists, and its actions lose their owner.
    weg_set = set(weg)
    bijeenkomsten = [
        b.met(aanwezigen=tuple(i for i in b.aanwezigen if i not in weg_set))
        for b in snap.of("bijeenkomst", traject_id)
        if weg_set.intersection(b.aanwezigen)
    ]
    acties = [a.met(eigenaar_id=None) for a in snap.of("actie", traject_id) if a.eigenaar_id in weg_set]
    if nieuw or gewijzigd or weg:
        with store.transaction():
            if nieuw or gewijzigd or bijeenkomsten or acties:
                store.save_many([*nieuw, *gewijzigd, *bijeenkomsten, *acties])
            if weg:
                store.delete("deelnemer", weg)
    return DeelnemerResultaat(
        len(nieuw), len(gewijzigd), len(weg), tuple(nieuwe_ids), len(acties), geweigerd=tuple(fouten)
    )


# ---- stap 1: vraagstuk ------------------------------------------------------------------------------


def _vraagstuk(snap: Snapshot, vraagstuk_id: str) -> Vraagstuk:
    v = snap.get("vraagstuk", vraagstuk_id)
    if v is None:
        raise ValueError("Dit vraagstuk bestaat niet meer; misschien is het net verwijderd.")
    return v


def nieuw_vraagstuk(
    store: Store,
    traject_id: str,
    tekst: str,
    *,
    deelnemer_id: str | None = None,
    parent_id: str | None = None,
) -> Vraagstuk:
    """Add a vraagstuk, or a smaller question under `parent_id` (starting with the parent's marks). The
    first one of a scope becomes the werkvraag, so a scope with vraagstukken always has exactly one."""
    with store.transaction():
        snap = store.snapshot()
        if deelnemer_id is not None:
            d = snap.get("deelnemer", deelnemer_id)
            if d is None or d.traject_id != traject_id:
                raise ValueError("Deze deelnemer hoort niet (meer) bij dit traject.")
        kenmerken: dict[str, bool] = {}
        if parent_id is not None:
            parent = _vraagstuk(snap, parent_id)
            if parent.traject_id != traject_id or parent.deelnemer_id != deelnemer_id:
                raise ValueError("Een kleinere vraag hoort bij een vraagstuk van dezelfde deelnemer.")
            kenmerken = dict(parent.kenmerken)  # a smaller question starts with the marks of the broad one
        bestaand = vraagstukken(snap, traject_id, deelnemer_id)
        dubbel = tekst.strip().casefold() if isinstance(tekst, str) else ""
        if dubbel and any(v.tekst.casefold() == dubbel for v in bestaand):
            raise ValueError("Deze vraag staat er al.")
        v = Vraagstuk(
            traject_id=traject_id,
            tekst=tekst,
            deelnemer_id=deelnemer_id,
            parent_id=parent_id,
            werkvraag=not any(b.werkvraag for b in bestaand),
            kenmerken=kenmerken,
        )
        store.add(v)
    return v


def kies_werkvraag(store: Store, vraagstuk_id: str) -> Vraagstuk:
    """Make this vraagstuk the werkvraag of its scope; the others stay, no longer chosen. One write."""
    with store.transaction():
        snap = store.snapshot()
        gekozen = _vraagstuk(snap, vraagstuk_id)
        changed = []
        for v in vraagstukken(snap, gekozen.traject_id, gekozen.deelnemer_id):
            if v.werkvraag != (v.id == vraagstuk_id):
                changed.append(v.met(werkvraag=v.id == vraagstuk_id))
        if changed:
            store.save_many(changed)
    return gekozen.met(werkvraag=True)


def wijzig_vraagstuk(store: Store, vraagstuk_id: str, tekst: str) -> Vraagstuk:
    return store.update("vraagstuk", vraagstuk_id, tekst=tekst)  # type: ignore[return-value]


def zet_kenmerken(store: Store, vraagstuk_id: str, kenmerken: Mapping[str, bool]) -> Vraagstuk:
    """Store the three marks of a social vraagstuk (keys from methode.KENMERKEN_VRAAGSTUK)."""
    return store.update("vraagstuk", vraagstuk_id, kenmerken={k: bool(v) for k, v in kenmerken.items()})  # type: ignore[return-value]


def ontbrekende_kenmerken(v: Vraagstuk | None) -> list[str]:
    """Labels of the marks not (yet) ticked."""
    return [label for k, label in methode.KENMERKEN_VRAAGSTUK if not (v and v.kenmerken.get(k))]


def verwijder_vraagstuk(store: Store, vraagstuk_id: str) -> None:
    """Delete a vraagstuk without smaller questions and without work attached. When it was the werkvraag,
    its parent (or the first remaining one) becomes the werkvraag – in the same write."""
    with store.transaction():
        snap = store.snapshot()
        v = _vraagstuk(snap, vraagstuk_id)
        scope = vraagstukken(snap, v.traject_id, v.deelnemer_id)
        if any(c.parent_id == v.id for c in scope):
            raise ValueError("Dit vraagstuk heeft kleinere vragen. Verwijder die eerst.")
        for kind in _VRAAGSTUK_GEBRUIKERS:
            if any(getattr(o, "vraagstuk_id", None) == v.id for o in snap.of(kind, v.traject_id)):
                raise ValueError("Aan dit vraagstuk hangt al werk uit latere stappen; het blijft staan.")
        rest = [c for c in scope if c.id != v.id]
        if v.werkvraag and rest:
            opvolger = next((c for c in rest if c.id == v.parent_id), rest[0])
            store.save(opvolger.met(werkvraag=True))
        store.delete("vraagstuk", [v.id])


# ---- stap 2: quickscan --------------------------------------------------------------------------------


def quickscan(
    snap: Snapshot, traject_id: str, deelnemer_id: str | None = None
) -> tuple[list[Quickscanpunt], list[Quickscanpunt]]:
    """(succespunten, verbeterpunten) of the scope, oldest first. A punt moved to the parkeerplaats is
    neither (see `geparkeerde_punten`)."""
    weg = geparkeerde_punten(snap, traject_id)
    punten = sorted(
        (p for p in in_scope(snap.of("quickscanpunt", traject_id), snap, traject_id, deelnemer_id) if p.id not in weg),
        key=_ouderdom,
    )
    return [p for p in punten if p.soort == SUCCES], [p for p in punten if p.soort == VERBETER]


def _ouderdom(obj: Any) -> str:
    return obj.aangemaakt


def geparkeerd(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> list[GeparkeerdeOplossing]:
    """The parkeerplaats of the scope, oldest first."""
    return sorted(in_scope(snap.of("oplossing", traject_id), snap, traject_id, deelnemer_id), key=_ouderdom)


# Words that give a solution away while the group is still naming what goes well and what could be better
# (the method: park solutions, pick them up in stap 6). Matched as whole words, case ignored; a hint, never a
# move. Kept short on purpose: every phrase here must be rare in a plain verbeterpunt.
OPLOSSING_SIGNALEN: tuple[str, ...] = (
    "we moeten",
    "wij moeten",
    "moeten we",
    "we zouden",
    "wij zouden",
    "zouden we",
    "zouden moeten",
    "zou moeten",
    "we gaan",
    "wij gaan",
    "laten we",
    "zullen we",
    "kunnen we niet",
    "misschien kunnen we",
    "wat als we",
    "waarom niet",
    "waarom geen",
    "moet er komen",
    "moeten er komen",
    "zou goed zijn",
    "zou fijn zijn",
    "zou mooi zijn",
    "zou beter zijn",
    "zou helpen",
    "ik stel voor",
    "we stellen voor",
    "voorstel",
    "idee",
    "oplossing",
)
# Infinitives that name a thing to do. Dutch spells the plural present the same way ("wijkteams organiseren
# een overleg"), so these count only where a proposal puts them: at the end of a sentence ("Een spreekuur
# organiseren.") and not after "te" ("het is lastig om vervoer te organiseren").
OPLOSSING_WERKWOORDEN: tuple[str, ...] = (
    "invoeren",
    "organiseren",
    "aanschaffen",
    "opzetten",
    "aanstellen",
    "inrichten",
    "inzetten",
    "inhuren",
    "aanbieden",
    "uitbreiden",
    "ontwikkelen",
    "koppelen",
    "samenwerken",
    "vereenvoudigen",
    "versimpelen",
)
# Phrases that contain a signal but say the opposite: 'geen idee wie dit doet' is a verbeterpunt.
GEEN_OPLOSSING: tuple[str, ...] = ("geen idee", "geen oplossing", "geen oplossingen")


def _woorden(zinnen: Iterable[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, z.split())) for z in zinnen)


_SIGNAAL = re.compile(rf"(?<!\w)(?:{_woorden(OPLOSSING_SIGNALEN)})(?!\w)", re.IGNORECASE)
_WERKWOORD = re.compile(
    rf"(?<!\w)(?<!\bte\s)(?:{_woorden(OPLOSSING_WERKWOORDEN)})(?=\s*(?:[.!?;,:…)]|$))", re.IGNORECASE
)
_TEGEN = re.compile(rf"(?<!\w)(?:{_woorden(GEEN_OPLOSSING)})(?!\w)", re.IGNORECASE)


def klinkt_als_oplossing(tekst: str) -> bool:
    """True when a quickscanpunt sounds like a solution ('We moeten een spreekuur organiseren'), so the page
    can offer to park it. Pure; whole words, case ignored (OPLOSSING_SIGNALEN, OPLOSSING_WERKWOORDEN)."""
    schoon = _TEGEN.sub(" ", " ".join(str(tekst or "").split()))
    return bool(_SIGNAAL.search(schoon) or _WERKWOORD.search(schoon))


def quickscan_waarschuwing(succes: Sequence[Any], verbeter: Sequence[Any]) -> str | None:
    """A gentle nudge when the group only names what could be better."""
    if verbeter and not succes:
        return (
            "Er staan al verbeterpunten, maar nog geen succespunt. Wat gaat er nu al goed? "
            "Successen geven energie en laten zien waar je op kunt bouwen."
        )
    return None


def voeg_punt_toe(
    store: Store,
    traject_id: str,
    soort: str,
    tekst: str,
    *,
    vraagstuk_id: str | None = None,
    bijeenkomst_id: str | None = None,
    groep_id: str | None = None,
) -> Quickscanpunt:
    punt = Quickscanpunt(
        traject_id=traject_id,
        soort=soort,
        tekst=tekst,
        vraagstuk_id=vraagstuk_id,
        bijeenkomst_id=bijeenkomst_id,
        groep_id=groep_id,
    )
    return store.add(punt)  # type: ignore[return-value]


def _punt(snap: Snapshot, punt_id: str) -> Quickscanpunt:
    p = snap.get("quickscanpunt", punt_id)
    if p is None:
        raise ValueError("Dit punt bestaat niet meer; misschien is het net verwijderd.")
    return p


def parkeer_punt(store: Store, punt_id: str) -> GeparkeerdeOplossing:
    """Move a quickscanpunt to the parkeerplaats as 'oplossing, later', in one write. From then on it is no
    succes- or verbeterpunt any more (`quickscan` leaves it out); the oplossing's bron_id keeps where it came
    from, and `terug_naar_quickscan` undoes the move."""
    with store.transaction():
        snap = store.snapshot()
        p = _punt(snap, punt_id)
        if p.id in geparkeerde_punten(snap, p.traject_id):
            raise ValueError("Dit punt staat al op de parkeerplaats.")
        opl = GeparkeerdeOplossing(
            traject_id=p.traject_id, tekst=p.tekst, vraagstuk_id=p.vraagstuk_id, bron_id=p.id, groep_id=p.groep_id
        )
        store.add(opl)
    return opl


def uit_quickscan(snap: Snapshot, oplossing: GeparkeerdeOplossing) -> Quickscanpunt | None:
    """The quickscanpunt a parked oplossing was moved from, or None (typed straight onto the parkeerplaats,
    or its punt is gone)."""
    if not oplossing.bron_id:
        return None
    p = snap.get("quickscanpunt", oplossing.bron_id)
    return p if p is not None and p.traject_id == oplossing.traject_id else None


def terug_naar_quickscan(store: Store, oplossing_id: str) -> Quickscanpunt:
    """Undo 'Parkeer': the oplossing leaves the parkeerplaats and its punt is back in the quickscan as it was
    (same soort, same text). One write. Refused once stap 6 has made a richting of it."""
    with store.transaction():
        snap = store.snapshot()
        o = snap.get("oplossing", oplossing_id)
        if o is None:
            raise ValueError("Deze oplossing bestaat niet meer; misschien is ze net verwijderd.")
        p = uit_quickscan(snap, o)
        if p is None:
            raise ValueError("Deze oplossing komt niet uit de quickscan; ze kan daar niet naar terug.")
        zelfde_bron = [x for x in snap.of("oplossing", o.traject_id) if x.bron_id == p.id]
        if any(x.opgepakt for x in zelfde_bron):
            raise ValueError("Deze oplossing is in stap 6 al opgepakt als richting; ze blijft op de parkeerplaats.")
        store.delete("oplossing", [x.id for x in zelfde_bron])
    return p


def parkeer_oplossing(
    store: Store, traject_id: str, tekst: str, *, vraagstuk_id: str | None = None, groep_id: str | None = None
) -> GeparkeerdeOplossing:
    """Type a solution straight onto the parkeerplaats."""
    opl = GeparkeerdeOplossing(traject_id=traject_id, tekst=tekst, vraagstuk_id=vraagstuk_id, groep_id=groep_id)
    return store.add(opl)  # type: ignore[return-value]


def maak_knelpunt(store: Store, punt_id: str, gebied: str | None = None) -> Knelpunt:
    """Promote a verbeterpunt to a knelpunt for stap 4, keeping the link both ways, in one write:
    the knelpunt gets bron_id (and bron_stap 2), the verbeterpunt gets knelpunt_id."""
    with store.transaction():
        snap = store.snapshot()
        p = _punt(snap, punt_id)
        if p.soort != VERBETER:
            raise ValueError("Alleen een verbeterpunt kan een knelpunt worden.")
        if p.knelpunt_id and snap.get("knelpunt", p.knelpunt_id) is not None:
            raise ValueError("Dit verbeterpunt is al een knelpunt.")
        k = Knelpunt(
            traject_id=p.traject_id,
            tekst=p.tekst,
            gebied=gebied or None,
            vraagstuk_id=p.vraagstuk_id,
            groep_id=p.groep_id,
            auteur=p.auteur,
            bron_stap=2,
            bron_id=p.id,
            bijeenkomst_id=p.bijeenkomst_id,
        )
        store.save_many([k, p.met(knelpunt_id=k.id)])
    return k


def verwijder_punt(store: Store, punt_id: str) -> None:
    """Delete a quickscanpunt. A knelpunt or parked oplossing made from it stays."""
    if not store.delete("quickscanpunt", [punt_id]):
        raise ValueError("Dit punt bestaat niet meer; misschien is het net verwijderd.")


def verwijder_oplossing(store: Store, oplossing_id: str) -> None:
    """Take an oplossing off the parkeerplaats for good. A punt that was moved here from the quickscan goes
    with it (in the same write): otherwise it would pop up in the quickscan again."""
    with store.transaction():
        snap = store.snapshot()
        o = snap.get("oplossing", oplossing_id)
        if o is None:
            raise ValueError("Deze oplossing bestaat niet meer; misschien is ze net verwijderd.")
        p = uit_quickscan(snap, o)
        store.delete("oplossing", [o.id])
        if p is not None and not any(x.bron_id == p.id and x.id != o.id for x in snap.of("oplossing", o.traject_id)):
            store.delete("quickscanpunt", [p.id])


# ---- stap 3: doel -------------------------------------------------------------------------------------


def smart_status(smart: Mapping[str, Mapping[str, str]] | None, letter: str) -> str:
    """The status of one letter; a letter that was never checked counts as 'onduidelijk'."""
    check = (smart or {}).get(letter) or {}
    status = check.get("status") or SMART_ONDUIDELIJK
    return status if status in SMART_STATUS_KEYS else SMART_ONDUIDELIJK


def smart_open(smart: Mapping[str, Mapping[str, str]] | None) -> list[str]:
    """Letters that are not yet 'ja', in SMART order."""
    return [letter for letter in SMART_LETTERS if smart_status(smart, letter) != SMART_JA]


def smart_compleet(smart: Mapping[str, Mapping[str, str]] | None) -> bool:
    """True when all five letters are 'ja'."""
    return not smart_open(smart)


def smart_waarschuwingen(smart: Mapping[str, Mapping[str, str]] | None) -> list[str]:
    """One Dutch line per letter that is not yet 'ja', with its note."""
    out = []
    for letter in smart_open(smart):
        status = smart_status(smart, letter)
        notitie = ((smart or {}).get(letter) or {}).get("notitie", "")
        regel = f"{letter} – {SMART_NAAM[letter]}: {SMART_STATUS_LABEL[status].lower()}"
        out.append(regel + (f" ({notitie})" if notitie else ""))
    return out


def smart_kort(smart: Mapping[str, Mapping[str, str]] | None) -> str:
    """'S✓ M✗ A? R✓ T✓': the check in one glance."""
    return " ".join(f"{letter}{SMART_TEKEN[smart_status(smart, letter)]}" for letter in SMART_LETTERS)


def maak_smart(statussen: Mapping[str, str | None], notities: Mapping[str, str | None]) -> dict[str, dict[str, str]]:
    """A clean SMART dict for all five letters; no status means 'onduidelijk', notes are one line."""
    out = {}
    for letter in SMART_LETTERS:
        status = statussen.get(letter) or SMART_ONDUIDELIJK
        if status not in SMART_STATUS_KEYS:
            raise ValueError(f"SMART {letter}: kies {', '.join(SMART_STATUS_KEYS)}.")
        notitie = " ".join(str(notities.get(letter) or "").replace("\x00", "").split())
        if len(notitie) > MAX_NOTITIE:
            raise ValueError(f"De notitie bij {SMART_NAAM[letter]} is te lang (maximaal {MAX_NOTITIE} tekens).")
        out[letter] = {"status": status, "notitie": notitie}
    return out


def doel_historie(snap: Snapshot, traject_id: str, deelnemer_id: str | None = None) -> list[Doel]:
    """Every saved version of the scope's goal, newest first."""
    return sorted(in_scope(snap.of("doel", traject_id), snap, traject_id, deelnemer_id), key=_ouderdom, reverse=True)


def bewaar_doel(
    store: Store,
    traject_id: str,
    tekst: str,
    smart: Mapping[str, Mapping[str, str]],
    *,
    vraagstuk_id: str | None = None,
    bijeenkomst_id: str | None = None,
    soort: str = "doel",
    deelnemer_id: str | None = None,
) -> Doel:
    """Save a NEW version of the goal; older versions stay as its history. Refuses an unchanged copy of
    the newest version."""
    doel = Doel(
        traject_id=traject_id,
        tekst=tekst,
        vraagstuk_id=vraagstuk_id,
        smart={k: dict(v) for k, v in smart.items()},
        bijeenkomst_id=bijeenkomst_id,
        soort=soort,
    )
    with store.transaction():
        historie = doel_historie(store.snapshot(), traject_id, deelnemer_id)
        if historie:
            laatste = historie[0]
            if (laatste.tekst, laatste.smart, laatste.soort) == (doel.tekst, doel.smart, doel.soort):
                raise ValueError("Er is niets veranderd sinds de vorige versie; er is geen nieuwe versie gemaakt.")
            if doel.aangemaakt <= laatste.aangemaakt:  # same second: keep the order of the history
                doel = doel.met(aangemaakt=_na(laatste.aangemaakt))
        store.add(doel)
    return doel


def _na(stamp: str) -> str:
    return (datetime.fromisoformat(stamp) + timedelta(seconds=1)).isoformat(timespec="seconds")
