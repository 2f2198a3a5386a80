"""Knelpunten in steps 4 and 5: add, bulk add from pasted text, move, edit, delete and undo, relate.

Pure domain operations on the store: every function is one store write (or none), so the page stays fast
however many knelpunten a traject has. Validation and its Dutch messages come from the model.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from schouders import methode
from schouders.importers import chat
from schouders.model import Expert, Knelpunt, Leesitem, Traject
from schouders.store import Snapshot, Store

# Labels → gebied keys for preview tables (a selectbox column holds labels, the model holds keys).
LABEL_NAAR_GEBIED: dict[str, str | None] = {g.label: g.key for g in methode.GEBIEDEN} | {methode.NIET_INGEDEELD: None}
GEBIED_LABELS: tuple[str, ...] = (*(g.label for g in methode.GEBIEDEN), methode.NIET_INGEDEELD)


def gebied_uit_label(value: str | None) -> str | None:
    """A gebied key from a label or key (None and "nog niet ingedeeld" → None)."""
    if value in (None, ""):
        return None
    if value in methode.GEBIED_BY_KEY:
        return value
    if value in LABEL_NAAR_GEBIED:
        return LABEL_NAAR_GEBIED[value]
    raise ValueError(f"Aandachtsgebied '{value}' bestaat niet.")


def nieuw(
    traject_id: str,
    tekst: str,
    gebied: str | None = None,
    *,
    bijeenkomst_id: str | None = None,
    groep_id: str | None = None,
    vraagstuk_id: str | None = None,
    auteur: str = "",
    bron_stap: int = 4,
) -> Knelpunt:
    """A new knelpunt (validated); not stored yet."""
    return Knelpunt(
        traject_id=traject_id,
        tekst=tekst,
        gebied=gebied or None,
        bijeenkomst_id=bijeenkomst_id or None,
        groep_id=groep_id or None,
        vraagstuk_id=vraagstuk_id or None,
        auteur=auteur,
        bron_stap=bron_stap,
    )


def voeg_toe(store: Store, traject_id: str, tekst: str, gebied: str | None = None, **kwargs: Any) -> Knelpunt:
    """Add one knelpunt: one store write."""
    k = nieuw(traject_id, tekst, gebied, **kwargs)
    store.add(k)
    return k


def voorbeeld_rijen(text: str) -> list[dict[str, Any]]:
    """Pasted text → rows for the preview table: bewaren, tekst, auteur, gebied (label)."""
    return [
        {"bewaren": True, "tekst": i.tekst, "auteur": i.auteur, "gebied": methode.NIET_INGEDEELD}
        for i in chat.parse(text)
    ]


def normaliseer(tekst: str) -> str:
    """A knelpunt's text as compared for duplicates: trimmed, every run of whitespace (also line breaks) one
    space, case ignored. Punctuation counts: "Te laat." and "Te laat" are two different texts."""
    return " ".join(unicodedata.normalize("NFC", str(tekst or "")).split()).casefold()


def _bord_teksten(snap: Snapshot, traject_id: str) -> dict[str, Knelpunt]:
    """Normalised text → the first knelpunt with it, once per store revision (shared: never change it)."""

    def bouw() -> dict[str, Knelpunt]:
        index: dict[str, Knelpunt] = {}
        for k in sorted(snap.of("knelpunt", traject_id), key=lambda k: k.aangemaakt):
            index.setdefault(normaliseer(k.tekst), k)
        return index

    return snap.memo((_bord_teksten, traject_id), bouw)


def dubbele(snap: Snapshot, traject_id: str, teksten: Sequence[str]) -> dict[int, Knelpunt]:
    """Which texts are already on the traject's board: index of the text → the knelpunt with the same
    normalised text (see `normaliseer`). Empty texts are never duplicates."""
    bord = _bord_teksten(snap, traject_id)
    out: dict[int, Knelpunt] = {}
    for i, tekst in enumerate(teksten):
        n = normaliseer(tekst)
        if n and n in bord:
            out[i] = bord[n]
    return out


def dubbel_in_lijst(teksten: Sequence[str]) -> dict[int, int]:
    """Texts that come twice in one list: index of each later occurrence → index of the first one."""
    eerste: dict[str, int] = {}
    out: dict[int, int] = {}
    for i, tekst in enumerate(teksten):
        n = normaliseer(tekst)
        if not n:
            continue
        if n in eerste:
            out[i] = eerste[n]
        else:
            eerste[n] = i
    return out


def uit_rijen(traject_id: str, rijen: Iterable[Mapping[str, Any]], **kwargs: Any) -> list[Knelpunt]:
    """Knelpunten from the kept preview rows; a row with an empty text is skipped.

    Raises ValueError (Dutch, with the row number) when a row is invalid, so nothing is half saved.
    """
    out: list[Knelpunt] = []
    for nr, rij in enumerate(rijen, start=1):
        if not rij.get("bewaren", True):
            continue
        tekst = str(rij.get("tekst") or "").strip()
        if not tekst:
            continue
        try:
            out.append(
                nieuw(
                    traject_id,
                    tekst,
                    gebied_uit_label(rij.get("gebied")),
                    auteur=str(rij.get("auteur") or ""),
                    **kwargs,
                )
            )
        except ValueError as exc:
            raise ValueError(f"Regel {nr}: {exc}") from None
    return out


def bewaar_rijen(store: Store, traject_id: str, rijen: Iterable[Mapping[str, Any]], **kwargs: Any) -> int:
    """Save all kept preview rows in ONE store write; returns how many."""
    nieuwe = uit_rijen(traject_id, rijen, **kwargs)
    if not nieuwe:
        raise ValueError("Er is niets om te bewaren: vink minstens één regel met tekst aan.")
    return store.add_many(nieuwe)


def verplaats(store: Store, knelpunt_id: str, gebied: str | None) -> Knelpunt:
    """Move a knelpunt to another gebied (None: nog niet ingedeeld)."""
    return store.update("knelpunt", knelpunt_id, gebied=gebied or None)  # type: ignore[return-value]


def wijzig_tekst(store: Store, knelpunt_id: str, tekst: str) -> Knelpunt:
    return store.update("knelpunt", knelpunt_id, tekst=tekst)  # type: ignore[return-value]


def zet_toelichting(store: Store, knelpunt_id: str, toelichting: str) -> Knelpunt:
    return store.update("knelpunt", knelpunt_id, toelichting=toelichting or "")  # type: ignore[return-value]


def zet_relaties(store: Store, knelpunt_id: str, gebieden: Iterable[str]) -> Knelpunt:
    """Which other gebieden a knelpunt relates to (its own gebied is dropped by the model)."""
    return store.update("knelpunt", knelpunt_id, gerelateerde_gebieden=tuple(gebieden))  # type: ignore[return-value]


def zet_verdieping(store: Store, knelpunt_id: str, toelichting: str, gebieden: Iterable[str]) -> Knelpunt:
    """Stap 5 for one knelpunt: its toelichting and the other gebieden it relates to, in one write."""
    return store.update(  # type: ignore[return-value]
        "knelpunt", knelpunt_id, toelichting=toelichting or "", gerelateerde_gebieden=tuple(gebieden)
    )


def verwijder(store: Store, snap: Snapshot, knelpunt_id: str) -> Knelpunt:
    """Delete a knelpunt; returns the deleted object so it can be put back with `herstel`."""
    k = snap.get("knelpunt", knelpunt_id)
    if k is None:
        raise ValueError("Dit knelpunt bestaat niet meer; misschien is het al verwijderd.")
    store.delete("knelpunt", [knelpunt_id])
    return k


def herstel(store: Store, knelpunt: Knelpunt) -> Knelpunt:
    """Put a deleted knelpunt back, with the same id (so links from elsewhere still point at it)."""
    if store.snapshot().get("knelpunt", knelpunt.id) is not None:
        raise ValueError("Dit knelpunt staat er al weer.")
    store.add(knelpunt)
    return knelpunt


def zet_verdieping_gebieden(store: Store, traject_id: str, gebieden: Iterable[str]) -> Traject:
    """The gebieden chosen for stap 5 (themadag: 1 or 2; the model refuses more)."""
    gekozen = tuple(g for g in methode.GEBIED_KEYS if g in set(gebieden))  # method order
    return store.update("traject", traject_id, verdieping_gebieden=gekozen)  # type: ignore[return-value]


def voeg_expert_toe(
    store: Store, traject_id: str, naam: str, organisatie: str = "", gebied: str | None = None, contact: str = ""
) -> Expert:
    e = Expert(
        traject_id=traject_id,
        naam=naam,
        organisatie=(organisatie or "").strip(),
        gebied=gebied or None,
        contact=(contact or "").strip(),
    )
    store.add(e)
    return e


def voeg_leesitem_toe(store: Store, traject_id: str, titel: str, link: str = "", gebied: str | None = None) -> Leesitem:
    item = Leesitem(traject_id=traject_id, titel=titel, link=(link or "").strip(), gebied=gebied or None)
    store.add(item)
    return item


def verwijder_items(store: Store, kind: str, ids: Iterable[str]) -> int:
    """Delete experts or leesitems (one write)."""
    ids = list(ids)
    if not ids:
        raise ValueError("Kies eerst wat je wilt verwijderen.")
    return store.delete(kind, ids)
