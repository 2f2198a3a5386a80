"""Recurring themes: knelpunten from different groups that say the same thing, grouped together.

Simple and robust on purpose (no network, no language model):

1. Normalise the text: lowercase, accents off (cliënt → client), punctuation out.
2. Drop Dutch stop words and words that say little about the content (niet, weinig, lastig, …).
3. Trim Dutch suffixes so word forms meet (loketten → loket, regels → regel, kennen → ken), and map a few
   word families of the social domain onto one term (vinden, vindbaarheid, onzichtbaar → vindbaar;
   privacy → avg; informatie → gegevens).
4. Weigh every term by how rare it is over all knelpunten (idf); a word that nearly every knelpunt has
   (on a themadag about vrijwilligers: "vrijwilliger") counts for little. Neighbouring terms also form a
   pair ("elkaar" + "kennen"), which makes two knelpunten with the same word combination closer.
5. Cosine similarity between knelpunten, then average-linkage grouping with a threshold: two groups of
   knelpunten only merge when they are, on average, alike – so one shared word cannot chain unrelated
   knelpunten together.

A theme's label is its most central knelpunt (the one most like the others), its kernwoorden are the terms
that most of its knelpunten share. The procesbegeleider can merge or split themes by hand; those choices
are stored as `Themakeuze` objects and the knelpunten in them are left out of the automatic grouping.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from schouders import methode
from schouders.model import Themakeuze
from schouders.store import Snapshot, Store

DREMPEL = 0.25  # minimum average similarity for knelpunten to share a theme
MIN_STAM = 3  # a suffix is only trimmed when at least this much of the word is left
PAAR_GEWICHT = 0.8  # weight of a neighbouring pair relative to a single term

# Our own list of Dutch function words, plus words that in a knelpunt only carry tone, not content.
STOPWOORDEN: frozenset[str] = frozenset(
    """
    aan aangaande achter af al alle alleen alles als altijd ander andere anders bij binnen boven buiten
    daar daarbij daardoor daarin daarna daarom daarover dan dat de deze die dit door doordat dus echter een
    eens eigen elk elke en enkel enkele er erg ergens even geen had hadden heb hebben heeft hem hen het hier
    hij hoe hoewel hun iedereen iemand iets ik in is ja je jij jou jouw juist kan kunnen kun kon konden maar
    me meer mee men met mij mijn minder misschien moet moeten mogen na naar naast net niet niets nog nooit
    nu of om omdat onder ons onze ook op over per reeds rond samen sinds sommige soms steeds te tegen toch
    toe tot tussen u uit uw van vanaf vanuit veel voor vooral waar waarbij waardoor waarin waarom wanneer
    want was waren wat we wel welk welke werd werden wie wij wil willen word wordt worden zal zelf zelfs zich
    zij zijn zo zoals zodat zonder zou zouden zulke zullen zeer ze haar jullie
    goed slecht slechte moeilijk lastig makkelijk weinig teveel genoeg vaak zelden nauwelijks echt heel
    onvoldoende voldoende grote groot groter klein kleine kleiner beter slechter nieuwe nieuw oude oud
    probleem problemen knelpunt knelpunten punt punten sprake gaat gaan doet doen gedaan maken maakt
    komt komen kom staat staan krijgen krijgt blijft blijven weten weet denk denken lijkt
    iedere ieder verschillende diverse bepaalde gewoon mensen vaker graag nodig hele mag
    """.split()
)

# Word families of the social domain: every word on the right counts as the term on the left.
WOORDFAMILIES: dict[str, tuple[str, ...]] = {
    "avg": ("avg", "privacy", "privacywet", "privacyregels", "privacyregel", "gdpr", "wbp"),
    "gegevens": ("gegevens", "gegeven", "informatie", "info", "data", "persoonsgegevens"),
    "delen": ("delen", "deelt", "uitwisselen", "uitwisseling", "doorgeven", "doorsturen", "gedeeld"),
    "vindbaar": (
        "vindbaar",
        "vindbaarheid",
        "onvindbaar",
        "vinden",
        "vind",
        "vindt",
        "gevonden",
        "bereiken",
        "bereikbaar",
        "bereikbaarheid",
        "onbereikbaar",
        "zichtbaar",
        "onzichtbaar",
        "zichtbaarheid",
        "opsporen",
        "traceren",
    ),
    "kennen": ("kennen", "kent", "gekend", "kennismaken", "kennismaking", "bekend", "onbekend", "onbekendheid"),
    "tijd": ("tijd", "capaciteit", "werkdruk", "uren", "tijdgebrek"),
    "geld": ("geld", "budget", "financiering", "subsidie", "middelen", "kosten", "bekostiging"),
    "hulpvrager": ("hulpvrager", "hulpvragers", "client", "clienten", "inwoner", "inwoners", "hulpzoekende"),
    "beroepskracht": (
        "beroepskracht",
        "beroepskrachten",
        "professional",
        "professionals",
        "hulpverlener",
        "hulpverleners",
    ),
    "systeem": ("systeem", "systemen", "ict", "software", "applicatie", "registratiesysteem"),
    "schaamte": ("schaamte", "taboe", "schamen", "schaamt"),
    "regie": ("regie", "coordinatie", "casusregie", "regisseur"),
    "samenwerken": ("samenwerken", "samenwerking", "samenwerkt", "samenwerkingsverband"),
}

_FAMILIE: dict[str, str] = {woord: term for term, woorden in WOORDFAMILIES.items() for woord in woorden}
_WOORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"[^\W_]+")
_KOPPEL = re.compile(r"(?<=\w)[-'’](?=\w)")
_KLINKERS = set("aeiouy")


class KnelpuntAchtig(Protocol):
    id: str
    tekst: str
    groep_id: str | None
    gebied: str | None


# ---- normalising -----------------------------------------------------------------------------------------


# ---- normalising -----------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def normaal(woord: str) -> str:
    """A word lowercased, accents off (één → een, cliënt → client); ß, æ and ø spelled out."""
    w = unicodedata.normalize("NFKD", woord.lower())
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")


def _tokens(tekst: str) -> list[str]:
    """The words as written (lowercase); hyphenated words are joined (re-integratie → reintegratie)."""
    return _TOKEN.findall(_KOPPEL.sub("", tekst.lower()))


def woorden(tekst: str) -> list[str]:
    """The words of a text, normalised."""
    return [w for w in (normaal(t) for t in _tokens(tekst)) if _WOORD.fullmatch(w)]


def stam(woord: str) -> str:
    """Trim Dutch suffixes so word forms meet: vindbaarheid → vind, loketten → loket, regels → regel.

    Deliberately light (a handful of rules, after the Dutch Snowball stemmer): it only has to make the
    forms in knelpunten meet, not be linguistically right. Words shorter than four letters stay as they are.
    """
    w = woord
    if len(w) < 4 or w.isdigit():
        return w

    def strip(suffix: str, vervang: str = "") -> bool:
        nonlocal w
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STAM:
            w = w[: len(w) - len(suffix)] + vervang
            return True
        return False

    # nouns from adjectives and verbs: vindbaarheid, duidelijkheid, regelingen
    strip("heden") or strip("heid")
    strip("baar")
    strip("ingen", "ing")
    # plural and verb endings: vrijwilligers, kennen, gegevens, vindt, werkt (not: kennis, document)
    if not strip("en"):
        if w.endswith("s") and len(w) > 4 and w[-2] not in "saiouy":
            w = w[:-1]
            strip("en")
        elif w.endswith("dt"):
            w = w[:-1]
        elif w.endswith("t") and len(w) > 4 and w[-2] in "lmnprk" and not w.endswith("ment"):
            w = w[:-1]
    strip("ing")
    strip("lijk")
    if w.endswith("e") and len(w) > MIN_STAM + 1:
        w = w[:-1]
    # spelling: kenn → ken, lokett → loket, systeem/systemen → system, gev → gef
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _KLINKERS:
        w = w[:-1]
    if len(w) > 4 and w[-1] not in _KLINKERS and w[-2] == w[-3] and w[-2] in "aeou":
        w = w[:-2] + w[-1]
    if w.endswith("v"):
        w = w[:-1] + "f"
    elif w.endswith("z"):
        w = w[:-1] + "s"
    return w


_FAMILIE_STAM: dict[str, str] = {stam(w): term for w, term in _FAMILIE.items()}


@lru_cache(maxsize=65536)
def term(woord: str) -> str | None:
    """The term a normalised word counts as: its word family or its stem; None for a stop word or a number."""
    if woord in _FAMILIE:
        return _FAMILIE[woord]
    if woord in STOPWOORDEN or woord.isdigit() or len(woord) < 2:
        return None
    s = stam(woord)
    return _FAMILIE_STAM.get(s, s)


_MENING = frozenset({"vind", "vindt", "vinden"})  # "ze vinden het lastig" is an opinion, not about finding
_NA_MENING = frozenset({"het", "dat", "dit", "ik", "je", "jij", "we", "wij", "ze", "zij", "jullie", "u"})


def _termen_met_vorm(tekst: str) -> list[tuple[str, str]]:
    """(term, word as written) for every content word, in order."""
    geschreven = _tokens(tekst)
    norm = [normaal(t) for t in geschreven]
    out = []
    for i, w in enumerate(norm):
        if w in _MENING and i + 1 < len(norm) and norm[i + 1] in _NA_MENING:
            continue
        t = term(w) if _WOORD.fullmatch(w) else None
        if t:
            out.append((t, geschreven[i]))
    return out


def termen(tekst: str) -> list[str]:
    """The content terms of a text, in order (repeats kept)."""
    return [t for t, _ in _termen_met_vorm(tekst)]


def _paren(ts: Sequence[str]) -> set[str]:
    return {"|".join(sorted((a, b))) for a, b in zip(ts, ts[1:], strict=False) if a != b}


@lru_cache(maxsize=16384)
def _analyse(tekst: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    paren = _termen_met_vorm(tekst)
    ts = [t for t, _ in paren]
    return frozenset(ts) | _paren(ts), tuple(paren)


def kenmerken(tekst: str) -> frozenset[str]:
    """Terms plus unordered pairs of neighbouring terms ("elkaar kennen" = "kennen elkaar")."""
    return _analyse(tekst)[0]


# ---- grouping ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thema:
    """A group of knelpunten that say the same thing. `knelpunt_ids` starts with the most central one."""

    key: str
    label: str
    kernwoorden: tuple[str, ...]
    knelpunt_ids: tuple[str, ...]
    groep_ids: tuple[str, ...]  # distinct groups that named it (knelpunten without a group not counted)
    gebied: str | None  # the gebied most of its knelpunten are in
    handmatig: bool = False
    naam: str = ""  # the name given by hand, "" when the label is automatic
    zonder_groep: int = 0  # knelpunten in this theme without a group

    @property
    def aantal(self) -> int:
        return len(self.knelpunt_ids)

    @property
    def aantal_groepen(self) -> int:
        return len(self.groep_ids)

    @property
    def terugkerend(self) -> bool:
        """More than one knelpunt: a theme, not a single remark."""
        return self.aantal > 1


@dataclass(frozen=True)
class Indeling:
    """All themes of a set of knelpunten: recurring ones first (most groups, then most knelpunten)."""

    themas: tuple[Thema, ...]
    per_knelpunt: dict[str, str] = field(default_factory=dict)  # knelpunt id → theme key

    @property
    def terugkerend(self) -> tuple[Thema, ...]:
        return tuple(t for t in self.themas if t.terugkerend)

    def top(self, n: int = 10) -> tuple[Thema, ...]:
        return self.terugkerend[:n]

    def __post_init__(self) -> None:
        # Labels of a selectbox look up every theme by key on each rerun: a dict keeps that linear.
        object.__setattr__(self, "_per_key", {t.key: t for t in self.themas})

    def get(self, key: str | None) -> Thema | None:
        return self._per_key.get(key) if key is not None else None  # type: ignore[attr-defined]


class _Ruimte:
    """The knelpunten as tf-idf vectors (binary tf, L2-normalised).

    Knelpunten with exactly the same terms share one vector ("vorm"), so a themadag where many people
    wrote the same words costs no more than the distinct ways of saying it. Only features that two or
    more knelpunten have become columns: a feature of one knelpunt adds to its norm, never to a similarity.
    """

    def __init__(self, teksten: Sequence[str]) -> None:
        analyses = [_analyse(t) for t in teksten]
        self.kenmerken = [a[0] for a in analyses]
        self.vormen_per_tekst = [a[1] for a in analyses]
        n = len(teksten)
        df: Counter[str] = Counter()
        for ks in self.kenmerken:
            df.update(ks)
        # no cut-off for common words: when most groups name the same thing (the AVG, on a small day),
        # its word must still bind them; a low idf is enough to keep common words from dominating
        self.idf: dict[str, float] = {}
        for k, d in df.items():
            # a word only one knelpunt uses cannot link it to another; weighing it as if two used it
            # keeps a long knelpunt from drowning the words it does share
            w = math.log((1 + n) / (1 + max(d, 2))) + 1.0
            self.idf[k] = w * PAAR_GEWICHT if "|" in k else w
        # one vector per distinct set of terms; a knelpunt without terms stays on its own
        self.vorm: list[int] = []
        sets: list[frozenset[str]] = []
        bekend: dict[frozenset[str], int] = {}
        for ks in self.kenmerken:
            gewogen = frozenset(k for k in ks if k in self.idf)
            if not gewogen:
                self.vorm.append(len(sets))
                sets.append(gewogen)
                continue
            if gewogen not in bekend:
                bekend[gewogen] = len(sets)
                sets.append(gewogen)
            self.vorm.append(bekend[gewogen])
        kolommen = sorted(k for k, d in df.items() if d >= 2 and k in self.idf)
        kolom = {k: i for i, k in enumerate(kolommen)}
        m = np.zeros((len(sets), len(kolommen)), dtype=np.float32)
        for u, ks in enumerate(sets):
            norm = math.sqrt(sum(self.idf[k] ** 2 for k in ks))
            for k in ks:
                j = kolom.get(k)
                if j is not None:
                    m[u, j] = self.idf[k] / norm
        self.s = m @ m.T
        np.fill_diagonal(self.s, 1.0)


def _clusters(s: np.ndarray, gewicht: np.ndarray, drempel: float) -> list[list[int]]:
    """Average-linkage grouping of vectors that stand for `gewicht` knelpunten each: pairs from most to least
    alike; two groups merge when the average similarity over all their knelpunten reaches `drempel`."""
    n = s.shape[0]
    ouder = list(range(n))
    leden: dict[int, list[int]] = {i: [i] for i in range(n)}
    versie = [0] * n
    geweigerd: set[tuple[int, int, int, int]] = set()

    def wortel(i: int) -> int:
        while ouder[i] != i:
            ouder[i] = ouder[ouder[i]]
            i = ouder[i]
        return i

    boven = np.triu(s, k=1)
    ii, jj = np.nonzero(boven >= drempel)
    volgorde = np.argsort(-boven[ii, jj], kind="stable")
    for p in volgorde:
        a, b = wortel(int(ii[p])), wortel(int(jj[p]))
        if a == b:
            continue
        sleutel = (min(a, b), versie[min(a, b)], max(a, b), versie[max(a, b)])
        if sleutel in geweigerd:
            continue
        la, lb = leden[a], leden[b]
        wa, wb = gewicht[la], gewicht[lb]
        gem = float(wa @ s[np.ix_(la, lb)] @ wb) / float(wa.sum() * wb.sum())
        if gem < drempel:
            geweigerd.add(sleutel)
            continue
        if len(la) < len(lb):
            a, b, la, lb = b, a, lb, la
        ouder[b] = a
        la.extend(lb)
        del leden[b]
        versie[a] += 1
    return list(leden.values())


def _maak_thema(
    key: str,
    leden: list[int],
    knelpunten: Sequence[KnelpuntAchtig],
    ruimte: _Ruimte,
    *,
    naam: str = "",
    handmatig: bool = False,
) -> Thema:
    if len(leden) > 1:
        vormen = [ruimte.vorm[i] for i in leden]
        uniek, aantal = np.unique(vormen, return_counts=True)
        score_per_vorm = dict(zip(uniek.tolist(), (ruimte.s[np.ix_(uniek, uniek)] @ aantal).tolist(), strict=True))
        # the most central knelpunt first: most like the others; on a tie the shorter text reads better
        leden = sorted(leden, key=lambda i: (-round(score_per_vorm[ruimte.vorm[i]], 5), len(knelpunten[i].tekst), i))
    telling: Counter[str] = Counter()
    vormen_gezien: dict[str, Counter[str]] = {}
    for i in leden:
        telling.update(k for k in ruimte.kenmerken[i] if "|" not in k)
        for t, w in ruimte.vormen_per_tekst[i]:
            vormen_gezien.setdefault(t, Counter())[w] += 1
    minimaal = 2 if len(leden) > 1 else 1
    scores = {t: c * ruimte.idf.get(t, 0.5) for t, c in telling.items() if c >= minimaal}
    beste = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:3]
    # a word family shows under its own name (vindbaar, avg); another term as the form written most
    kern = tuple(t if t in WOORDFAMILIES else vormen_gezien[t].most_common(1)[0][0] for t, _ in beste)
    groepen = tuple(dict.fromkeys(knelpunten[i].groep_id for i in leden if knelpunten[i].groep_id))
    gebieden = Counter(knelpunten[i].gebied for i in leden if knelpunten[i].gebied)
    return Thema(
        key=key,
        label=naam or knelpunten[leden[0]].tekst,
        kernwoorden=kern,
        knelpunt_ids=tuple(knelpunten[i].id for i in leden),
        groep_ids=groepen,
        gebied=gebieden.most_common(1)[0][0] if gebieden else None,
        handmatig=handmatig,
        naam=naam,
        zonder_groep=sum(1 for i in leden if not knelpunten[i].groep_id),
    )


def groepeer(
    knelpunten: Iterable[KnelpuntAchtig],
    keuzes: Iterable[Themakeuze] = (),
    *,
    drempel: float = DREMPEL,
) -> Indeling:
    """Group knelpunten into themes. Knelpunten in a `Themakeuze` keep the theme chosen by hand (the latest
    choice wins when one knelpunt is in two); the rest is grouped automatically."""
    knelpunten = list(knelpunten)
    index = {k.id: i for i, k in enumerate(knelpunten)}
    ruimte = _Ruimte([k.tekst for k in knelpunten])

    vast: set[int] = set()
    themas: list[Thema] = []
    for keuze in sorted(keuzes, key=lambda k: k.aangemaakt, reverse=True):
        leden = [index[i] for i in keuze.knelpunt_ids if i in index and index[i] not in vast]
        vast.update(leden)
        if leden:
            themas.append(_maak_thema(f"hand:{keuze.id}", leden, knelpunten, ruimte, naam=keuze.naam, handmatig=True))
    vrij = [i for i in range(len(knelpunten)) if i not in vast]
    if vrij:
        per_vorm: dict[int, list[int]] = {}
        for i in vrij:
            per_vorm.setdefault(ruimte.vorm[i], []).append(i)
        vormen = list(per_vorm)
        gewicht = np.array([len(per_vorm[u]) for u in vormen], dtype=np.float64)
        s = ruimte.s[np.ix_(vormen, vormen)].astype(np.float64)
        for cl in _clusters(s, gewicht, drempel):
            leden = sorted(i for u in cl for i in per_vorm[vormen[u]])
            key = "auto:" + min(knelpunten[i].id for i in leden)
            themas.append(_maak_thema(key, leden, knelpunten, ruimte))
    themas.sort(key=lambda t: (-t.aantal_groepen, -t.aantal, normaal(t.label)))
    per_knelpunt = {kid: t.key for t in themas for kid in t.knelpunt_ids}
    return Indeling(tuple(themas), per_knelpunt)


def themakeuzes(snap: Snapshot, traject_id: str) -> list[Themakeuze]:
    return list(snap.of(Themakeuze.kind, traject_id))


def indeling(snap: Snapshot, traject_id: str, *, drempel: float = DREMPEL) -> Indeling:
    """The themes of a traject's knelpunten, with the choices made by hand."""
    bekend = {g.id for g in snap.of("groep", traject_id)}
    knelpunten = [
        k if k.groep_id is None or k.groep_id in bekend else k.met(groep_id=None)  # a deleted group counts as none
        for k in snap.of("knelpunt", traject_id)
    ]
    return groepeer(knelpunten, themakeuzes(snap, traject_id), drempel=drempel)


# ---- merging and splitting by hand (each one store write) -----------------------------------------------


def _pin(store: Store, traject_id: str, nieuwe: list[Themakeuze]) -> None:
    """Store new hand-made themes and take their knelpunten out of older choices, in one write."""
    ids = {i for k in nieuwe for i in k.knelpunt_ids}
    snap = store.snapshot()
    with store.transaction():
        weg, bijwerken = [], []
        for oud in themakeuzes(snap, traject_id):
            rest = tuple(i for i in oud.knelpunt_ids if i not in ids)
            if not rest:
                weg.append(oud.id)
            elif rest != oud.knelpunt_ids:
                bijwerken.append(oud.met(knelpunt_ids=rest))
        if weg:
            store.delete(Themakeuze.kind, weg)
        store.save_many([*bijwerken, *nieuwe])


def voeg_samen(store: Store, traject_id: str, themas: Sequence[Thema], naam: str = "") -> Themakeuze:
    """Merge themes (or single knelpunten) into one theme that stays together. The first theme's name is
    kept when no new name is given."""
    if len(themas) < 2:
        raise ValueError("Kies minstens twee thema's om samen te voegen.")
    ids = tuple(dict.fromkeys(i for t in themas for i in t.knelpunt_ids))
    naam = naam.strip() or next((t.naam for t in themas if t.naam), "")
    keuze = Themakeuze(traject_id=traject_id, naam=naam, knelpunt_ids=ids)
    _pin(store, traject_id, [keuze])
    return keuze


def splits(store: Store, traject_id: str, thema: Thema, los_ids: Sequence[str]) -> tuple[Themakeuze, Themakeuze]:
    """Take knelpunten out of a theme: they form a theme of their own, the rest stays together."""
    los = [i for i in dict.fromkeys(los_ids) if i in thema.knelpunt_ids]
    if not los:
        raise ValueError("Kies welke knelpunten uit dit thema moeten.")
    rest = tuple(i for i in thema.knelpunt_ids if i not in los)
    if not rest:
        raise ValueError("Laat minstens één knelpunt in het thema staan; kies minder knelpunten om apart te zetten.")
    blijft = Themakeuze(traject_id=traject_id, naam=thema.naam, knelpunt_ids=rest)
    apart = Themakeuze(traject_id=traject_id, naam="", knelpunt_ids=tuple(los))
    _pin(store, traject_id, [blijft, apart])
    return blijft, apart


def hernoem(store: Store, traject_id: str, thema: Thema, naam: str) -> Themakeuze:
    """Give a theme a name of its own (empty: back to the automatic label); its knelpunten stay together."""
    keuze = Themakeuze(traject_id=traject_id, naam=naam, knelpunt_ids=thema.knelpunt_ids)
    _pin(store, traject_id, [keuze])
    return keuze


def automatisch(store: Store, traject_id: str) -> int:
    """Forget every choice made by hand: all themes automatic again. Returns how many choices were dropped."""
    ids = [k.id for k in themakeuzes(store.snapshot(), traject_id)]
    if ids:
        store.delete(Themakeuze.kind, ids)
    return len(ids)


def _genoemd_door(t: Thema, groep_namen: dict[str, str], plek: dict[str, int]) -> str:
    if len(groep_namen) > 1 and set(groep_namen) <= set(t.groep_ids):
        return f"alle {len(groep_namen)} groepen"
    return ", ".join(groep_namen.get(g, g) for g in sorted(t.groep_ids, key=lambda g: plek.get(g, len(plek))))


def thema_rijen(ind: Indeling, groep_namen: dict[str, str], *, top: int | None = None) -> list[dict[str, Any]]:
    """The recurring themes as plain rows (for a table, an export or the screen)."""
    themas = ind.terugkerend if top is None else ind.top(top)
    plek = {g: i for i, g in enumerate(groep_namen)}
    return [
        {
            "nr": n,
            "thema": t.label,
            "kernwoorden": ", ".join(t.kernwoorden),
            "groepen": t.aantal_groepen,
            "knelpunten": t.aantal,
            "genoemd_door": _genoemd_door(t, groep_namen, plek),
            "gebied": methode.gebied_label(t.gebied),
            "handmatig": t.handmatig,
        }
        for n, t in enumerate(themas, start=1)
    ]
