"""Issue 20: bidi, zero-width and control characters never enter the store – typed, pasted or imported.

A U+202E (right-to-left override) in a knelpunt shows it reversed on the shared screen and in every export;
U+200B and friends make two equal-looking texts differ. One function (model.zonder_stuurtekens) strips them,
used by every model object and by Meedoen.
"""

from __future__ import annotations

import pytest

from schouders import knelpunten as kp
from schouders import meedoen, model
from schouders.importers import bestand
from schouders.model import Deelnemer, Knelpunt, Traject
from schouders.store import Store

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NUL_BREEDTE = "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060"
C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t\r")
C1 = "".join(chr(c) for c in range(0x7F, 0xA0))
ALLES = BIDI + NUL_BREEDTE + C0 + C1


def _bevat_stuurteken(tekst: str) -> bool:
    return any(ch in ALLES for ch in tekst)


@pytest.fixture
def tid(store: Store) -> str:
    t = Traject(naam="Domein", werkvorm="themadag")
    store.add(t)
    return t.id


@pytest.mark.parametrize("ch", list(ALLES))
def test_every_listed_character_goes(ch):
    assert model.zonder_stuurtekens(f"Te{ch} laat") == "Te laat"


def test_tab_line_break_and_normal_text_stay():
    tekst = "Cliënten\thaken af – € 5,-\nna één gesprek 😊 (שלום, مرحبا)"
    assert model.zonder_stuurtekens(tekst) == tekst
    assert model.zonder_stuurtekens("a\r\nb\rc") == "a\nb\nc"


def test_typed_knelpunt_loses_them(store: Store, tid: str):
    k = kp.voeg_toe(store, tid, "\u202eniet\u200b ge\u2066lezen\u2069\x07 ")
    assert k.tekst == "niet gelezen"
    assert store.snapshot().get("knelpunt", k.id).tekst == "niet gelezen"


def test_every_model_text_field_loses_them():
    assert Traject(naam="Thema\u202edag").naam == "Themadag"
    d = Deelnemer(traject_id="t", naam="An\u200bna", organisatie="Ge\ufeffmeente", rol="\u2066Regie\u2069")
    assert (d.naam, d.organisatie, d.rol) == ("Anna", "Gemeente", "Regie")
    k = Knelpunt(traject_id="t", tekst="x\u202ey", toelichting="a\x85b", auteur="\u200fSam")
    assert (k.tekst, k.toelichting, k.auteur) == ("xy", "ab", "Sam")


def test_only_invisible_characters_is_empty():
    with pytest.raises(ValueError, match="leeg"):
        Knelpunt(traject_id="t", tekst="\u202e\u200b\u2066 \ufeff")


def test_meedoen_uses_the_same_cleaning():
    assert meedoen.schoon("Te\u202e laat\u200b\x1b", "Tekst", max_len=100) == "Te laat"
    assert not hasattr(meedoen, "_CONTROL")  # one function, in model.py


def test_pasted_chat_loses_them_when_saved(store: Store, tid: str):
    geplakt = "- Klanten\u202e haken af\n- Geen\u200b tijd\u2066 voor\u2069 overleg\n- \ufeffWachtlijst\x0c\n"
    rijen = kp.voorbeeld_rijen(geplakt)
    assert kp.bewaar_rijen(store, tid, rijen) == 3
    teksten = sorted(k.tekst for k in store.snapshot().of("knelpunt", tid))
    assert teksten == ["Geen tijd voor overleg", "Klanten haken af", "Wachtlijst"]


def test_imported_csv_loses_them(store: Store):
    csv = (
        "Knelpunt;Aandachtsgebied;Groep;Toelichting\n"
        "Cli\u200bënten haken af\u202e;Klantbeleving;Groep\u2066 1\u2069;Zie \x1bnotulen\n"
        "\ufeffGeen vaste contactpersoon;Keten;Groep 2;\u200d\n"
    ).encode()
    vb = bestand.lees_bestand(csv, "knelpunten.csv")
    traject = Traject(naam="Import\u202e")
    vb.opslaan(store, traject)
    snap = store.snapshot()
    kn = sorted(snap.of("knelpunt", traject.id), key=lambda k: k.tekst)
    assert [k.tekst for k in kn] == ["Cliënten haken af", "Geen vaste contactpersoon"]
    assert sorted(g.naam for g in snap.of("groep", traject.id)) == ["Groep 1", "Groep 2"]
    for k in kn:
        assert not _bevat_stuurteken(k.tekst + k.toelichting + k.auteur)
    assert snap.get("traject", traject.id).naam == "Import"
