"""The data of a traject as dataclasses, with validation in Dutch.

Objects are immutable: the store hands out one shared snapshot per revision, so nobody may change it in
place. Make a changed copy with `dataclasses.replace` (or `.met(...)`), which validates again.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

from schouders import methode

T = TypeVar("T", bound="Entity")

MAX_TEKST = 2000


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


# Characters nobody means to type that change how text looks: C0/C1 control characters (but tab and line
# break), zero-width characters and marks (U+200B–U+200F, U+2060–U+2064, U+FEFF) and bidi embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C). A U+202E in a knelpunt shows its text
# reversed on the shared screen and in every export (issue 20).
ONZICHTBAAR = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def zonder_stuurtekens(tekst: str) -> str:
    """Text without control, zero-width and bidi characters; Windows and old Mac line breaks become \\n."""
    return ONZICHTBAAR.sub("", tekst.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_text(value: Any, veld: str, *, required: bool = True, max_len: int = MAX_TEKST) -> str:
    """Strip text and its invisible characters; refuse empty (when required) or overly long text in Dutch."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{veld}: verwacht tekst, kreeg {type(value).__name__}.")
    value = zonder_stuurtekens(value).strip()
    if required and not value:
        raise ValueError(f"{veld} is leeg. Vul een tekst in.")
    if len(value) > max_len:
        raise ValueError(f"{veld} is te lang ({len(value)} tekens, maximaal {max_len}).")
    return value


def _check_gebied(value: str | None, veld: str = "Aandachtsgebied") -> str | None:
    if value in (None, ""):
        return None
    if value not in methode.GEBIED_BY_KEY:
        bekend = ", ".join(g.label for g in methode.GEBIEDEN)
        raise ValueError(f"{veld} '{value}' bestaat niet. Kies uit: {bekend}.")
    return value


def _check_score(value: int | None, veld: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise TypeError
        except TypeError:
            raise ValueError(f"{veld} moet een heel getal zijn, niet '{value}'.") from None
    lo, hi = methode.SCORE_MIN, methode.SCORE_MAX
    if not lo <= value <= hi:
        raise ValueError(f"{veld} moet tussen {lo} en {hi} liggen, niet {value}.")
    return value


def _whole(value: Any, veld: str) -> int:
    """A whole number (3, 3.0 or "3"); anything else is a Dutch ValueError, never a TypeError."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(f"{veld} moet een heel getal zijn, niet '{value}'.")


def _check_choice(value: str, keuzes: tuple[tuple[str, str], ...], veld: str) -> str:
    keys = [k for k, _ in keuzes]
    if value not in keys:
        raise ValueError(f"{veld} '{value}' is onbekend. Kies uit: {', '.join(keys)}.")
    return value


def _to_date(value: Any, veld: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"{veld}: '{value}' is geen geldige datum (verwacht jjjj-mm-dd).")


@dataclass(frozen=True, slots=True)
class Entity:
    """Common machinery: an id, the traject it belongs to, conversion to and from plain dicts."""

    kind: ClassVar[str] = ""
    _date_fields: ClassVar[tuple[str, ...]] = ()
    _tuple_fields: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, date):
                v = v.isoformat()
            elif isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, dict):
                v = dict(v)
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for k in cls._tuple_fields:
            if k in kwargs and kwargs[k] is not None:
                kwargs[k] = tuple(kwargs[k])
        return cls(**kwargs)

    def met(self: T, **changes: Any) -> T:
        """A copy with changes, validated again."""
        return dataclasses.replace(self, **changes)


def _fix(obj: Entity, name: str, value: Any) -> None:
    object.__setattr__(obj, name, value)


def _dates(obj: Entity) -> None:
    for name in obj._date_fields:
        _fix(obj, name, _to_date(getattr(obj, name), name.capitalize()))


@dataclass(frozen=True, slots=True)
class Traject(Entity):
    kind: ClassVar[str] = "traject"
    naam: str = ""
    werkvorm: str = "werkplaats"
    thema: str = ""
    procesbegeleiders: tuple[str, ...] = ()
    huidige_stap: int = 1
    verdieping_gebieden: tuple[str, ...] = ()  # themadag: the 1–2 gebieden chosen for stap 5
    gearchiveerd: bool = False
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("procesbegeleiders", "verdieping_gebieden")

    def __post_init__(self) -> None:
        _fix(self, "naam", _clean_text(self.naam, "Naam van het traject", max_len=120))
        if self.werkvorm not in methode.WERKVORM_BY_KEY:
            keuzes = ", ".join(w.label for w in methode.WERKVORMEN)
            raise ValueError(f"Werkvorm '{self.werkvorm}' bestaat niet. Kies uit: {keuzes}.")
        _fix(self, "thema", _clean_text(self.thema, "Thema", required=False))
        stap = _whole(self.huidige_stap, "De huidige stap")
        if not 1 <= stap <= len(methode.STAPPEN):
            raise ValueError(f"Stap {self.huidige_stap} bestaat niet; de methode heeft stap 1 tot 10.")
        _fix(self, "huidige_stap", stap)
        gebieden = tuple(g for g in (_check_gebied(g) for g in self.verdieping_gebieden) if g)
        limiet = methode.werkvorm(self.werkvorm).max_verdieping_gebieden
        if len(gebieden) > limiet:
            raise ValueError(f"Bij een {self.werkvorm} verdiep je hooguit {limiet} gebieden.")
        _fix(self, "verdieping_gebieden", gebieden)


@dataclass(frozen=True, slots=True)
class Deelnemer(Entity):
    kind: ClassVar[str] = "deelnemer"
    traject_id: str = ""
    naam: str = ""
    organisatie: str = ""
    rol: str = ""
    email: str = ""
    groep_id: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "naam", _clean_text(self.naam, "Naam van de deelnemer", max_len=120))
        _fix(self, "organisatie", _clean_text(self.organisatie, "Organisatie", required=False, max_len=200))
        _fix(self, "rol", _clean_text(self.rol, "Rol", required=False, max_len=80))
        email = _clean_text(self.email, "E-mail", required=False, max_len=200)
        if email and ("@" not in email or " " in email):
            raise ValueError(f"E-mail '{email}' lijkt geen e-mailadres.")
        _fix(self, "email", email)


@dataclass(frozen=True, slots=True)
class Groep(Entity):
    kind: ClassVar[str] = "groep"
    traject_id: str = ""
    naam: str = ""
    procesbegeleider: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "naam", _clean_text(self.naam, "Naam van de groep", max_len=80))
        _fix(self, "procesbegeleider", _clean_text(self.procesbegeleider, "Procesbegeleider", required=False))


@dataclass(frozen=True, slots=True)
class Vraagstuk(Entity):
    """A vraagstuk; a broad one can be split into smaller ones (parent_id), one is the werkvraag."""

    kind: ClassVar[str] = "vraagstuk"
    traject_id: str = ""
    tekst: str = ""
    deelnemer_id: str | None = None  # leernetwerk: whose vraagstuk
    parent_id: str | None = None
    werkvraag: bool = False
    kenmerken: dict[str, bool] = field(default_factory=dict)
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "tekst", _clean_text(self.tekst, "Vraagstuk"))
        known = {k for k, _ in methode.KENMERKEN_VRAAGSTUK}
        for k in self.kenmerken:
            if k not in known:
                raise ValueError(f"Kenmerk '{k}' is onbekend.")


@dataclass(frozen=True, slots=True)
class Bijeenkomst(Entity):
    kind: ClassVar[str] = "bijeenkomst"
    traject_id: str = ""
    nummer: int = 1
    datum: date | None = None
    titel: str = ""
    intentie: str = ""
    agenda: str = ""
    stappen: tuple[int, ...] = ()
    online: bool = False
    duur_uren: float = 2.0
    aanwezigen: tuple[str, ...] = ()  # deelnemer ids
    verslag: str = ""
    id: str = field(default_factory=new_id)
    _date_fields: ClassVar[tuple[str, ...]] = ("datum",)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("stappen", "aanwezigen")

    def __post_init__(self) -> None:
        _dates(self)
        nummer = _whole(self.nummer, "Het nummer van een bijeenkomst")
        if nummer < 1:
            raise ValueError("Het nummer van een bijeenkomst begint bij 1.")
        _fix(self, "nummer", nummer)
        for s in self.stappen:
            if s not in methode.STAP_BY_NUMMER:
                raise ValueError(f"Stap {s} bestaat niet; de methode heeft stap 1 tot 10.")
        if self.duur_uren is not None:
            try:
                duur = float(self.duur_uren)
            except (TypeError, ValueError):
                raise ValueError(f"Duur '{self.duur_uren}' is geen getal; geef de duur in uren.") from None
            if not 0 < duur <= 12:
                raise ValueError(f"Duur {self.duur_uren} uur kan niet; kies tussen 0 en 12 uur.")
        for name in ("titel", "intentie", "agenda", "verslag"):
            limit = 20000 if name == "verslag" else MAX_TEKST
            _fix(self, name, _clean_text(getattr(self, name), name.capitalize(), required=False, max_len=limit))


@dataclass(frozen=True, slots=True)
class Quickscanpunt(Entity):
    """A succespunt or verbeterpunt from stap 2; a verbeterpunt can become a knelpunt."""

    kind: ClassVar[str] = "quickscanpunt"
    traject_id: str = ""
    soort: str = "verbeter"  # "succes" | "verbeter"
    tekst: str = ""
    vraagstuk_id: str | None = None
    groep_id: str | None = None
    bijeenkomst_id: str | None = None
    knelpunt_id: str | None = None  # set when promoted
    auteur: str = ""
    meedoen_id: str | None = None  # the Meedoen round (Ronde) it was sent in from a phone
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.soort not in ("succes", "verbeter"):
            raise ValueError(f"Soort '{self.soort}' is onbekend: kies succes of verbeter.")
        _fix(self, "tekst", _clean_text(self.tekst, "Succes- of verbeterpunt"))


@dataclass(frozen=True, slots=True)
class GeparkeerdeOplossing(Entity):
    """A solution that came up too early; parked in stap 2, picked up in stap 6."""

    kind: ClassVar[str] = "oplossing"
    traject_id: str = ""
    tekst: str = ""
    vraagstuk_id: str | None = None
    bron_id: str | None = None  # the quickscanpunt or knelpunt it came from
    groep_id: str | None = None
    opgepakt: bool = False
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "tekst", _clean_text(self.tekst, "Geparkeerde oplossing"))


@dataclass(frozen=True, slots=True)
class Doel(Entity):
    """One saved version of the goal; the versions together are its history."""

    kind: ClassVar[str] = "doel"
    traject_id: str = ""
    tekst: str = ""
    vraagstuk_id: str | None = None
    smart: dict[str, dict[str, str]] = field(default_factory=dict)  # letter -> {status, notitie}
    bijeenkomst_id: str | None = None
    soort: str = "doel"  # "doel" | "subdoel" | "aangepast"
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "tekst", _clean_text(self.tekst, "Doel"))
        letters = {s[0] for s in methode.SMART}
        for letter, check in self.smart.items():
            if letter not in letters:
                raise ValueError(f"SMART-letter '{letter}' bestaat niet.")
            if not isinstance(check, dict):
                raise ValueError(f"SMART {letter}: verwacht een status en een notitie, kreeg '{check}'.")
            if check.get("status", "onduidelijk") not in ("ja", "nee", "onduidelijk"):
                raise ValueError(f"SMART {letter}: kies ja, nee of onduidelijk.")
        if self.soort not in ("doel", "subdoel", "aangepast"):
            raise ValueError(f"Soort doel '{self.soort}' is onbekend.")


@dataclass(frozen=True, slots=True)
class Knelpunt(Entity):
    kind: ClassVar[str] = "knelpunt"
    traject_id: str = ""
    tekst: str = ""
    gebied: str | None = None  # None: nog niet ingedeeld
    vraagstuk_id: str | None = None
    gerelateerde_gebieden: tuple[str, ...] = ()
    toelichting: str = ""
    groep_id: str | None = None
    auteur: str = ""
    oplosbaarheid: str | None = None
    essentieel: bool = False
    belang: int | None = None
    quick_win: int | None = None
    stemmen: int = 0
    bron_stap: int = 4
    bijeenkomst_id: str | None = None
    bron_id: str | None = None  # quickscanpunt or evaluatie it came from
    meedoen_id: str | None = None  # the Meedoen round (Ronde) it was sent in from a phone
    opgelost: date | None = None
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _date_fields: ClassVar[tuple[str, ...]] = ("opgelost",)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("gerelateerde_gebieden",)

    def __post_init__(self) -> None:
        _dates(self)
        _fix(self, "tekst", _clean_text(self.tekst, "Knelpunt"))
        _fix(self, "toelichting", _clean_text(self.toelichting, "Toelichting", required=False))
        _fix(self, "auteur", _clean_text(self.auteur, "Auteur", required=False, max_len=120))
        _fix(self, "gebied", _check_gebied(self.gebied))
        rel = tuple(dict.fromkeys(_check_gebied(g, "Gerelateerd gebied") for g in self.gerelateerde_gebieden))
        _fix(self, "gerelateerde_gebieden", tuple(g for g in rel if g and g != self.gebied))
        if self.oplosbaarheid is not None:
            _check_choice(self.oplosbaarheid, methode.OPLOSBAARHEID, "Oplosbaarheid")
        _fix(self, "belang", _check_score(self.belang, "Belang"))
        _fix(self, "quick_win", _check_score(self.quick_win, "Quick win"))
        if isinstance(self.stemmen, bool) or not isinstance(self.stemmen, int) or self.stemmen < 0:
            raise ValueError(f"Stemmen moet 0 of meer zijn, niet '{self.stemmen}'.")
        if self.bron_stap not in methode.STAP_BY_NUMMER:
            raise ValueError(f"Stap {self.bron_stap} bestaat niet.")


@dataclass(frozen=True, slots=True)
class Oplossingsrichting(Entity):
    kind: ClassVar[str] = "richting"
    traject_id: str = ""
    titel: str = ""
    knelpunt_ids: tuple[str, ...] = ()
    kaders: str = ""
    notities: str = ""
    vraagstuk_id: str | None = None
    groep_id: str | None = None
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("knelpunt_ids",)

    def __post_init__(self) -> None:
        _fix(self, "titel", _clean_text(self.titel, "Oplossingsrichting", max_len=300))
        _fix(self, "kaders", _clean_text(self.kaders, "Kaders", required=False))
        _fix(self, "notities", _clean_text(self.notities, "Notities", required=False))


@dataclass(frozen=True, slots=True)
class Actie(Entity):
    kind: ClassVar[str] = "actie"
    traject_id: str = ""
    wat: str = ""
    richting_id: str | None = None
    eigenaar_id: str | None = None  # a deelnemer
    deadline: date | None = None
    status: str = "gepland"
    verkennend: bool = False
    ronde_id: str | None = None  # the bijeenkomst (planning round) it belongs to
    vraagstuk_id: str | None = None
    vervolg_op: str | None = None  # follow-up of another actie (stap 10)
    notities: str = ""
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _date_fields: ClassVar[tuple[str, ...]] = ("deadline",)

    def __post_init__(self) -> None:
        _dates(self)
        _fix(self, "wat", _clean_text(self.wat, "Actie", max_len=500))
        _check_choice(self.status, methode.ACTIE_STATUSSEN, "Status")
        _fix(self, "notities", _clean_text(self.notities, "Notities", required=False))


@dataclass(frozen=True, slots=True)
class Evaluatie(Entity):
    kind: ClassVar[str] = "evaluatie"
    traject_id: str = ""
    actie_id: str | None = None
    onderwerp: str = ""  # a change that is not one actie
    antwoorden: dict[str, str] = field(default_factory=dict)  # vraag key -> answer
    nieuwe_knelpunt_ids: tuple[str, ...] = ()
    bijeenkomst_id: str | None = None
    vraagstuk_id: str | None = None  # whose vraagstuk (leernetwerk); also for a change that is not one actie
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("nieuwe_knelpunt_ids",)

    def __post_init__(self) -> None:
        keys = {k for k, _ in methode.EVALUATIE_VRAGEN}
        for k in self.antwoorden:
            if k not in keys:
                raise ValueError(f"Evaluatievraag '{k}' bestaat niet.")
        _fix(self, "onderwerp", _clean_text(self.onderwerp, "Onderwerp", required=False))
        if not self.actie_id and not self.onderwerp:
            raise ValueError("Kies een actie of beschrijf de verandering die je evalueert.")
        if not any(str(v).strip() for v in self.antwoorden.values()):
            raise ValueError("Beantwoord minstens één van de vier evaluatievragen.")


@dataclass(frozen=True, slots=True)
class Expert(Entity):
    kind: ClassVar[str] = "expert"
    traject_id: str = ""
    naam: str = ""
    organisatie: str = ""
    gebied: str | None = None
    contact: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "naam", _clean_text(self.naam, "Naam van de expert", max_len=120))
        _fix(self, "gebied", _check_gebied(self.gebied))


@dataclass(frozen=True, slots=True)
class Leesitem(Entity):
    kind: ClassVar[str] = "leesitem"
    traject_id: str = ""
    titel: str = ""
    link: str = ""
    gebied: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _fix(self, "titel", _clean_text(self.titel, "Titel", max_len=300))
        _fix(self, "gebied", _check_gebied(self.gebied))


@dataclass(frozen=True, slots=True)
class Themakeuze(Entity):
    """A recurring theme fixed by hand (merged, split or named by the procesbegeleider).

    Its knelpunten stay together and are left out of the automatic theme grouping (schouders/themas.py).
    """

    kind: ClassVar[str] = "themakeuze"
    traject_id: str = ""
    naam: str = ""  # empty: the theme is labelled by its most central knelpunt
    knelpunt_ids: tuple[str, ...] = ()
    aangemaakt: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("knelpunt_ids",)

    def __post_init__(self) -> None:
        _fix(self, "naam", _clean_text(self.naam, "Naam van het thema", required=False, max_len=200))
        _fix(self, "knelpunt_ids", tuple(dict.fromkeys(self.knelpunt_ids)))
        if not self.knelpunt_ids:
            raise ValueError("Een thema heeft minstens één knelpunt.")


MEEDOEN_STAPPEN: tuple[int, ...] = (2, 4)  # the steps participants can add to from their phone


@dataclass(frozen=True, slots=True)
class Ronde(Entity):
    """A Meedoen round: participants add items for stap 2 or stap 4 from their own phone with a short code.

    Closing the round (`open=False`) or giving it a new code locks out everyone who had the old one.
    """

    kind: ClassVar[str] = "ronde"
    traject_id: str = ""
    stap: int = 4  # 2 (quickscan) or 4 (aandachtsgebieden)
    gebied: str | None = None  # stap 4: one gebied, or None for all gebieden
    vraagstuk_id: str | None = None  # the items get this vraagstuk (a deelnemer's own one in a leernetwerk)
    bijeenkomst_id: str | None = None  # the items are recorded at this meeting (the traject's current one)
    code: str = ""
    open: bool = True
    geopend: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.stap not in MEEDOEN_STAPPEN:
            raise ValueError(f"Meedoen kan bij stap 2 of stap 4, niet bij stap {self.stap}.")
        _fix(self, "gebied", _check_gebied(self.gebied))
        if self.stap != 4 and self.gebied is not None:
            raise ValueError("Alleen een ronde voor stap 4 hoort bij een aandachtsgebied.")
        code = str(self.code or "").strip().upper()
        if not (4 <= len(code) <= 12 and code.isascii() and code.isalnum()):
            raise ValueError("De code van een ronde bestaat uit 4 tot 12 letters en cijfers.")
        _fix(self, "code", code)


ENTITIES: tuple[type[Entity], ...] = (
    Traject,
    Deelnemer,
    Groep,
    Vraagstuk,
    Bijeenkomst,
    Quickscanpunt,
    GeparkeerdeOplossing,
    Doel,
    Knelpunt,
    Oplossingsrichting,
    Actie,
    Evaluatie,
    Expert,
    Leesitem,
    Ronde,
    Themakeuze,
)
ENTITY_BY_KIND: dict[str, type[Entity]] = {e.kind: e for e in ENTITIES}
