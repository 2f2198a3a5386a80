"""Recurring themes: knelpunten from different groups that say the same thing, grouped together.

On words (always there, no network):

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

On meaning (issue 17): when the language model's vectors are given (schouders/betekenis.py), the
similarity is its cosine mixed with the word overlap above, plus a small bonus for the same aandachtsgebied
and a small penalty for the same group, grouped by exact average linkage (`_upgma`). The weights and the
threshold were tuned on tests/data/themas_schuldhulp.json only (python -m schouders.betekenis_meting).
Without vectors everything is as described above.

A theme's label is a short name from its kernwoorden ("Privacy en delen"), the terms most of its
knelpunten share; its most central knelpunt (the one most like the others) comes first and is kept as
`voorbeeld`. The procesbegeleider can merge, split, rename or move by hand; those choices are stored as
`Themakeuze` objects, the knelpunten in them are left out of the automatic grouping, and `stand`/`herstel`
undo one step. `lijkt_op` and `samenvoegvoorstellen` are the suggestions the page offers.
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

from schouders import betekenis, methode
from schouders.model import Themakeuze
from schouders.store import Snapshot, Store

DREMPEL = 0.25  # minimum average similarity for knelpunten to share a theme
MIN_STAM = 3  # a suffix is only trimmed when at least this much of the word is left
PAAR_GEWICHT = 0.8  # weight of a neighbouring pair relative to a single term

# On meaning (schouders/betekenis.py). Tuned on tests/data/themas_schuldhulp.json only; the other two sets
# are the honest test (figures in the README, recomputed by tests/test_themas_betekenis.py).
BETEKENIS_DREMPEL = 0.79  # minimum average similarity (e5 cosines of knelpunten all lie around 0.8–0.9)
WOORD_MENG = 0.15  # the word overlap mixed in: a shared rare word still says something
GEBIED_BONUS = 0.05  # same aandachtsgebied: groups already placed them in the same corner
GROEP_STRAF = 0.05  # same group: a table rarely writes the same thing twice; a recurring theme spans tables
LIJKT_DREMPEL = 0.86  # "lijkt op": e5 cosine from another group at or above this (tuned on schuldhulp)
LIJKT_WOORD_DREMPEL = 0.2  # the same on words, when the model is not there
# Stap 4 (measured leave-one-out on all three labelled sets, figures in the README and recomputed by
# tests/test_themas_stap4.py): "Lijkt op" under the capture form only for a knelpunt in the SAME gebied at
# this e5 cosine or above (across gebieden e5 alone is right about one time in three at any threshold).
STAP4_LIJKT_DREMPEL = 0.89
VOORSTEL_BUREN = 5  # a pasted line's gebied: the gebieden of its 5 nearest placed knelpunten …
VOORSTEL_MEERDERHEID = 3  # … proposed only when at least 3 of them agree
VOORSTEL_DREMPEL = 0.82  # … and only neighbours at least this alike count (a line unlike all gets none)

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
    voorbeeld: str = ""  # its most central knelpunt, as written (the label is a short name)

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
    methode: str = "woorden"  # "betekenis" when grouped on the language model's vectors

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
    s_kn: np.ndarray | None = None,
) -> Thema:
    if len(leden) > 1 and s_kn is not None:
        score = s_kn[np.ix_(leden, leden)].sum(axis=1)
        rang = {i: round(float(x), 5) for i, x in zip(leden, score, strict=True)}
        leden = sorted(leden, key=lambda i: (-rang[i], len(knelpunten[i].tekst), i))
    elif len(leden) > 1:
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
    scores = {t: c * ruimte.idf.get(t, 0.5) for t, c in telling.items() if c >= minimaal and t not in _NAAM_STOP_TERM}
    beste = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:3]
    # a word family shows under its own name (vindbaar, avg); another term as the form written most
    kern = tuple(t if t in WOORDFAMILIES else vormen_gezien[t].most_common(1)[0][0] for t, _ in beste)
    if len(leden) > 1 and len(kern) < 2:
        # on meaning, knelpunten may share no word at all: the central knelpunt's rarest words name it
        eigen = [
            (t, w)
            for t, w in ruimte.vormen_per_tekst[leden[0]]
            if t not in scores and len(w) > 3 and t not in _NAAM_STOP_TERM and normaal(w) not in NAAM_STOP
        ]
        eigen.sort(key=lambda tw: -ruimte.idf.get(tw[0], 0.5))
        for t, w in eigen:
            if len(kern) >= 2:
                break
            woord = t if t in WOORDFAMILIES else w
            if woord not in kern:
                kern = (*kern, woord)
    groepen = tuple(dict.fromkeys(knelpunten[i].groep_id for i in leden if knelpunten[i].groep_id))
    gebieden = Counter(knelpunten[i].gebied for i in leden if knelpunten[i].gebied)
    return Thema(
        key=key,
        label=naam or (korte_naam(kern) if len(leden) > 1 else "") or knelpunten[leden[0]].tekst,
        voorbeeld=knelpunten[leden[0]].tekst,
        kernwoorden=kern,
        knelpunt_ids=tuple(knelpunten[i].id for i in leden),
        groep_ids=groepen,
        gebied=gebieden.most_common(1)[0][0] if gebieden else None,
        handmatig=handmatig,
        naam=naam,
        zonder_groep=sum(1 for i in leden if not knelpunten[i].groep_id),
    )


# Words that may be shared but say nothing as a theme's name: time, counts, "pas", "elke".
NAAM_STOP: frozenset[str] = frozenset(
    """
    pas twee drie vier vijf zes zeven acht negen tien honderd jaar jaren maand maanden week weken dag dagen
    uur keer lang langer kort eerst eerste laatste elke alles niemand iemand iets ander andere nieuwe altijd
    allemaal daarna meteen intussen vaak steeds zit zitten hebben houden horen hoort moet kunnen wachten
    """.split()
)

_NAAM_STOP_TERM: frozenset[str] = frozenset(t for w in NAAM_STOP if (t := term(w)) is not None) | NAAM_STOP

# How a word family reads in a theme name ("Privacy en gegevens", not "Avg en gegevens").
_TOONNAAM: dict[str, str] = {
    "avg": "privacy",
    "vindbaar": "vindbaarheid",
    "kennen": "elkaar kennen",
    "hulpvrager": "hulpvragers",
    "beroepskracht": "beroepskrachten",
    "samenwerken": "samenwerking",
}


def korte_naam(kernwoorden: Sequence[str]) -> str:
    """A short theme name from its two strongest key words: "Privacy en toestemming"; "" without any."""
    woorden_ = [_TOONNAAM.get(w, w) for w in kernwoorden[:2]]
    if not woorden_:
        return ""
    naam = " en ".join(woorden_)
    return naam[:1].upper() + naam[1:]


def _upgma(s: np.ndarray, gewicht: np.ndarray, drempel: float) -> list[list[int]]:
    """Average linkage on a dense similarity matrix (exact, Lance–Williams update): always merge the two
    most alike groups until no pair reaches `drempel` on average. O(n²) per merge in numpy – fast at 1,000
    knelpunten, where the pair-by-pair walk of `_clusters` would visit nearly all half a million pairs."""
    n = s.shape[0]
    m = s.astype(np.float64, copy=True)
    np.fill_diagonal(m, -np.inf)
    w = gewicht.astype(np.float64, copy=True)
    leden: dict[int, list[int]] = {i: [i] for i in range(n)}
    while len(leden) > 1:
        p = int(np.argmax(m))
        a, b = divmod(p, n)
        if m[a, b] < drempel:
            break
        nieuw = (w[a] * m[a] + w[b] * m[b]) / (w[a] + w[b])
        m[a], m[:, a] = nieuw, nieuw
        m[a, a] = -np.inf
        m[b], m[:, b] = -np.inf, -np.inf
        w[a] += w[b]
        leden[a].extend(leden.pop(b))
    return list(leden.values())


def betekenis_matrix(
    knelpunten: Sequence[KnelpuntAchtig], vectoren: np.ndarray, ruimte: _Ruimte | None = None
) -> np.ndarray:
    """How alike two knelpunten are in meaning: the model's cosine mixed with the word overlap."""
    ruimte = ruimte or _Ruimte([k.tekst for k in knelpunten])
    w = ruimte.s[np.ix_(ruimte.vorm, ruimte.vorm)].astype(np.float64)
    v = np.asarray(vectoren, dtype=np.float64)
    return (v @ v.T + WOORD_MENG * w) / (1.0 + WOORD_MENG)


def _zelfde(waarden: Sequence[str | None]) -> np.ndarray:
    """1 where two knelpunten share a (known) value, else 0."""
    codes = {v: i for i, v in enumerate(dict.fromkeys(x for x in waarden if x))}
    c = np.array([codes.get(x, -1) if x else -1 for x in waarden])
    return ((c[:, None] == c[None, :]) & (c[:, None] >= 0)).astype(np.float64)


def groepeer(
    knelpunten: Iterable[KnelpuntAchtig],
    keuzes: Iterable[Themakeuze] = (),
    *,
    drempel: float | None = None,
    vectoren: np.ndarray | None = None,
) -> Indeling:
    """Group knelpunten into themes. Knelpunten in a `Themakeuze` keep the theme chosen by hand (the latest
    choice wins when one knelpunt is in two); the rest is grouped automatically: on meaning when the
    vectors of the language model are given (one row per knelpunt), else on words."""
    knelpunten = list(knelpunten)
    index = {k.id: i for i, k in enumerate(knelpunten)}
    ruimte = _Ruimte([k.tekst for k in knelpunten])
    op_betekenis = vectoren is not None and len(knelpunten) > 0 and len(vectoren) == len(knelpunten)
    s_kn: np.ndarray | None = None
    if op_betekenis:
        assert vectoren is not None
        s_kn = betekenis_matrix(knelpunten, vectoren, ruimte)

    vast: set[int] = set()
    themas: list[Thema] = []
    for keuze in sorted(keuzes, key=lambda k: k.aangemaakt, reverse=True):
        leden = [index[i] for i in keuze.knelpunt_ids if i in index and index[i] not in vast]
        vast.update(leden)
        if leden:
            themas.append(
                _maak_thema(f"hand:{keuze.id}", leden, knelpunten, ruimte, naam=keuze.naam, handmatig=True, s_kn=s_kn)
            )
    vrij = [i for i in range(len(knelpunten)) if i not in vast]
    if vrij and s_kn is not None:
        s = s_kn[np.ix_(vrij, vrij)]
        s = s + GEBIED_BONUS * _zelfde([knelpunten[i].gebied for i in vrij])
        s = s - GROEP_STRAF * _zelfde([knelpunten[i].groep_id for i in vrij])
        for cl in _upgma(s, np.ones(len(vrij)), BETEKENIS_DREMPEL if drempel is None else drempel):
            leden = sorted(vrij[u] for u in cl)
            key = "auto:" + min(knelpunten[i].id for i in leden)
            themas.append(_maak_thema(key, leden, knelpunten, ruimte, s_kn=s_kn))
    elif vrij:
        drempel = DREMPEL if drempel is None else drempel
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
    return Indeling(tuple(themas), per_knelpunt, "betekenis" if op_betekenis else "woorden")


def themakeuzes(snap: Snapshot, traject_id: str) -> list[Themakeuze]:
    return list(snap.of(Themakeuze.kind, traject_id))


def knelpunten_voor_themas(snap: Snapshot, traject_id: str) -> list[Any]:
    """A traject's knelpunten as the grouping sees them: a deleted group counts as none."""
    bekend = {g.id for g in snap.of("groep", traject_id)}
    return [
        k if k.groep_id is None or k.groep_id in bekend else k.met(groep_id=None)
        for k in snap.of("knelpunt", traject_id)
    ]


AUTO = "auto"  # meaning when every vector is already there, else words (the page and the export)
OP_BETEKENIS = "betekenis"  # wait for the model (command line, tests); words when it cannot load
OP_WOORDEN = "woorden"  # always words
OPTIES = (AUTO, OP_BETEKENIS, OP_WOORDEN)


def vectoren_voor(
    knelpunten: Sequence[KnelpuntAchtig], op: str = AUTO, *, model: betekenis.Taalmodel | None = None
) -> np.ndarray | None:
    """The vectors to group these knelpunten on, or None for words: the one rule the Analyse page and the
    export ("Opbrengst themadag") share, so both show the same themes. With `AUTO` the choice depends only
    on which vectors exist (in memory or in the file beside the store): it never waits and never starts the
    model, so a test or an export cannot get other themes because something else loaded the model first."""
    if op not in OPTIES:
        raise ValueError(f"Onbekende keuze {op!r}: kies uit {', '.join(OPTIES)}.")
    if op == OP_WOORDEN or not knelpunten:
        return None
    model = model or betekenis.taalmodel()
    teksten = [k.tekst for k in knelpunten]
    if op == OP_BETEKENIS:
        return model.vectoren(teksten, wacht=True)
    return model.bekend(teksten)


def indeling(
    snap: Snapshot, traject_id: str, *, drempel: float | None = None, vectoren: np.ndarray | None = None
) -> Indeling:
    """The themes of a traject's knelpunten, with the choices made by hand. `vectoren` (rows in the order
    of `knelpunten_voor_themas`) groups on meaning; without them on words."""
    knelpunten = knelpunten_voor_themas(snap, traject_id)
    return groepeer(knelpunten, themakeuzes(snap, traject_id), drempel=drempel, vectoren=vectoren)


def indeling_op(
    snap: Snapshot, traject_id: str, op: str = AUTO, *, model: betekenis.Taalmodel | None = None
) -> Indeling:
    """The themes exactly as the Analyse page shows them (`vectoren_voor` picks meaning or words)."""
    knelpunten = knelpunten_voor_themas(snap, traject_id)
    return indeling(snap, traject_id, vectoren=vectoren_voor(knelpunten, op, model=model))


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


def verplaats(store: Store, traject_id: str, knelpunt_id: str, naar: Thema) -> Themakeuze:
    """Move one knelpunt into a theme: the theme (with its name) and the knelpunt stay together from now on."""
    if knelpunt_id in naar.knelpunt_ids:
        raise ValueError("Dit knelpunt staat al in dat thema.")
    keuze = Themakeuze(traject_id=traject_id, naam=naar.naam, knelpunt_ids=(*naar.knelpunt_ids, knelpunt_id))
    _pin(store, traject_id, [keuze])
    return keuze


def stand(snap: Snapshot, traject_id: str) -> tuple[Themakeuze, ...]:
    """All choices made by hand, to put back with `herstel` (one step of "ongedaan maken")."""
    return tuple(themakeuzes(snap, traject_id))


def herstel(store: Store, traject_id: str, vorige: Sequence[Themakeuze]) -> int:
    """Undo: the choices by hand become exactly `vorige` again, in one write. Returns how many there are."""
    with store.transaction():
        nu = [k.id for k in themakeuzes(store.snapshot(), traject_id)]
        if nu:
            store.delete(Themakeuze.kind, nu)
        if vorige:
            store.save_many(list(vorige))
    return len(vorige)


# ---- suggestions: "lijkt op" and themes that may belong together ------------------------------------------


@dataclass(frozen=True)
class Lijkt:
    """A knelpunt from another group that may say the same thing."""

    knelpunt_id: str
    score: float


def lijkt_op(
    knelpunten: Sequence[KnelpuntAchtig], vectoren: np.ndarray | None = None, *, n: int = 3
) -> dict[str, tuple[Lijkt, ...]]:
    """Per knelpunt the (at most n) most similar knelpunten from OTHER groups above a threshold: on the
    model's cosine when its vectors are there (best at finding the same thing in other words), else on
    words. A knelpunt without a group is compared with all others."""
    knelpunten = list(knelpunten)
    if len(knelpunten) < 2:
        return {}
    if vectoren is not None and len(vectoren) == len(knelpunten):
        v = np.asarray(vectoren, dtype=np.float64)
        s, drempel = v @ v.T, LIJKT_DREMPEL
    else:
        r = _Ruimte([k.tekst for k in knelpunten])
        s, drempel = r.s[np.ix_(r.vorm, r.vorm)].astype(np.float64), LIJKT_WOORD_DREMPEL
    s = np.where(_zelfde([k.groep_id for k in knelpunten]) > 0, -np.inf, s)
    np.fill_diagonal(s, -np.inf)
    k = min(n, len(knelpunten) - 1)
    beste = np.argsort(-s, axis=1, kind="stable")[:, :k]
    uit: dict[str, tuple[Lijkt, ...]] = {}
    for i, rij in enumerate(beste):
        gevonden = tuple(Lijkt(knelpunten[j].id, round(float(s[i, j]), 3)) for j in rij if s[i, j] >= drempel)
        if gevonden:
            uit[knelpunten[i].id] = gevonden
    return uit


def lijkt_al(
    vector: np.ndarray,
    gebied: str | None,
    bestaand: Sequence[KnelpuntAchtig],
    vectoren: np.ndarray,
    *,
    drempel: float = STAP4_LIJKT_DREMPEL,
) -> tuple[KnelpuntAchtig, float] | None:
    """The existing knelpunt in the same gebied that a new one most likely repeats (cosine at or above
    `drempel`), or None. Rows of `vectoren` follow `bestaand`. Without a gebied: None – across gebieden the
    model alone gives more wrong hints than right ones (README)."""
    if not gebied or not len(bestaand):
        return None
    plek = [i for i, k in enumerate(bestaand) if k.gebied == gebied]
    if not plek:
        return None
    s = np.asarray(vectoren, dtype=np.float64)[plek] @ np.asarray(vector, dtype=np.float64)
    j = int(np.argmax(s))
    return (bestaand[plek[j]], float(s[j])) if s[j] >= drempel else None


@dataclass(frozen=True)
class Gebiedvoorstel:
    """A proposed aandachtsgebied for a knelpunt without one: `eens` of its `buren` nearest placed
    knelpunten are in `gebied`."""

    gebied: str
    eens: int
    buren: int


def gebied_voorstellen(
    nieuw: np.ndarray,
    geplaatst: Sequence[KnelpuntAchtig],
    vectoren: np.ndarray,
    *,
    buren: int = VOORSTEL_BUREN,
    meerderheid: int = VOORSTEL_MEERDERHEID,
    drempel: float = VOORSTEL_DREMPEL,
) -> list[Gebiedvoorstel | None]:
    """Per row of `nieuw` a gebied from the traject's own placed knelpunten (rows of `vectoren` follow
    `geplaatst`; knelpunten without a gebied are skipped): the gebied most of its nearest neighbours by
    meaning are in, only when at least `meerderheid` of `buren` (each at least `drempel` alike) agree; else
    None. Fewer placed knelpunten
    than `buren`: no proposals (too little to go on)."""
    plek = [i for i, k in enumerate(geplaatst) if k.gebied]
    if len(plek) < buren or not len(nieuw):
        return [None] * len(nieuw)
    gebieden = [geplaatst[i].gebied for i in plek]
    s = np.asarray(nieuw, dtype=np.float64) @ np.asarray(vectoren, dtype=np.float64)[plek].T
    uit: list[Gebiedvoorstel | None] = []
    for rij in s:
        dichtst = [j for j in np.argsort(-rij, kind="stable")[:buren] if rij[j] >= drempel]
        telling = Counter(gebieden[j] for j in dichtst)
        if not telling:
            uit.append(None)
            continue
        (g, n), *rest = telling.most_common()
        gelijk = any(m == n for _, m in rest)
        uit.append(Gebiedvoorstel(str(g), n, buren) if n >= meerderheid and not gelijk else None)
    return uit


@dataclass(frozen=True)
class Samenvoegvoorstel:
    """Two proposed themes that are, on average, nearly alike: one click merges them."""

    a: str  # theme keys
    b: str
    score: float


def samenvoegvoorstellen(
    ind: Indeling, knelpunten: Sequence[KnelpuntAchtig], vectoren: np.ndarray | None = None, *, n: int = 5
) -> list[Samenvoegvoorstel]:
    """The n pairs of recurring themes most alike on average (meaning when there, else words), best first:
    the grouping drew a line there, the facilitator may see one theme."""
    knelpunten = list(knelpunten)
    index = {k.id: i for i, k in enumerate(knelpunten)}
    if vectoren is not None and len(vectoren) == len(knelpunten):
        s = betekenis_matrix(knelpunten, vectoren)
    else:
        r = _Ruimte([k.tekst for k in knelpunten])
        s = r.s[np.ix_(r.vorm, r.vorm)].astype(np.float64)
    kandidaten = [t for t in ind.terugkerend if all(i in index for i in t.knelpunt_ids)]
    paren: list[Samenvoegvoorstel] = []
    for x, ta in enumerate(kandidaten):
        la = [index[i] for i in ta.knelpunt_ids]
        for tb in kandidaten[x + 1 :]:
            lb = [index[i] for i in tb.knelpunt_ids]
            paren.append(Samenvoegvoorstel(ta.key, tb.key, round(float(s[np.ix_(la, lb)].mean()), 3)))
    paren.sort(key=lambda p: (-p.score, p.a, p.b))
    return paren[:n]


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
            "voorbeeld": t.voorbeeld,
            "kernwoorden": ", ".join(t.kernwoorden),
            "groepen": t.aantal_groepen,
            "knelpunten": t.aantal,
            "genoemd_door": _genoemd_door(t, groep_namen, plek),
            "gebied": methode.gebied_label(t.gebied),
            "handmatig": t.handmatig,
        }
        for n, t in enumerate(themas, start=1)
    ]
