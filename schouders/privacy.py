"""Personal data in a text: found before it reaches the shared screen, a document or a Trello board.

Knelpunten come from casework, and people tell cases with names in them ("mevrouw Jansen uit de Kerkstraat
12"). The AVG applies, so the app notices such parts and can replace them ("mevrouw [naam] uit de [adres]").

Two layers, both offline:
1. Patterns that are exact and instant: e-mail addresses, IBANs (with the mod-97 check), BSNs (with the
   11-check, or right after the word BSN), Dutch phone numbers, postcodes, street + house number, a date
   right after "geboren"/"geb.", and a name after a form of address (mevrouw, meneer, dhr., familie …).
2. `deduce` (de-identification of Dutch text, with its own lists of first names, surnames and streets) for
   names without a form of address ("Ahmed", "Kees van Dijk"). It takes seconds to load (and about two
   minutes once per install to build its lookup lists), so it loads in the background (`Detector.laad`);
   until it is ready, the patterns alone answer.

What is not personal data here: municipalities, towns, organisations, laws and functions – a knelpunt is
about them. The names of the traject's own deelnemers (professionals, known to the traject) are not
flagged either: pass them as `bekend`.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import dataclasses
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schouders.store import Snapshot

SOORTEN: dict[str, str] = {
    "naam": "naam",
    "adres": "adres",
    "postcode": "postcode",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "bsn": "BSN",
    "iban": "rekeningnummer",
    "geboortedatum": "geboortedatum",
}
"""The kinds we find, with the word the app shows for each."""

VERVANGING: dict[str, str] = {soort: f"[{soort}]" for soort in SOORTEN}
VERVANGING["telefoon"] = "[telefoon]"


@dataclass(frozen=True)
class Vondst:
    """One part of a text that is personal data: its kind and where it is (characters start:eind)."""

    soort: str
    start: int
    eind: int
    tekst: str


# ---------------------------------------------------------------------------------------------------------
# Layer 1: patterns
# ---------------------------------------------------------------------------------------------------------

_HOOFD = "A-ZÀ-ÖØ-Þ"
_KLEIN = "a-zß-öø-ÿ"
_NAAMWOORD = rf"[{_HOOFD}][{_KLEIN}'’]+(?:-[{_HOOFD}]?[{_KLEIN}'’]+)*"
_TUSSEN = r"(?:van der|van den|van de|in 't|in het|van|de|der|den|ter|ten|te|het|'t|el|al)"
_TUSSEN_HOOFD = r"(?:Van der|Van den|Van de|Van|De|Der|Den|Ter|Ten|El|Al)"
_INITIALEN = rf"(?:[{_HOOFD}]\.\s?){{1,3}}"
# A surname as people write it after a form of address: "Jansen", "de Vries", "Visser-de Jong", "B. Hendriks".
_ACHTERNAAM = (
    rf"(?:{_INITIALEN})?(?:(?:{_TUSSEN}|{_TUSSEN_HOOFD})\s)*{_NAAMWOORD}"
    rf"(?:-(?:(?:{_TUSSEN})\s)*{_NAAMWOORD})*(?:\s{_NAAMWOORD})?"
)
_AANSPREEK = (
    r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de heer|familie|fam\.|gezin|echtpaar|"
    r"broer|zus|zoon|dochter|moeder|vader|buurvrouw|buurman|cliënt|client|cliënte|klant)"
)
_NA_AANSPREEK = re.compile(rf"(?<![\w])(?i:{_AANSPREEK})\s+(?P<naam>{_ACHTERNAAM})")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
_NEGEN_CIJFERS = re.compile(r"(?<![\d.,-])(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{9})(?![\d,]|\.\d)")
_BSN_WOORD = re.compile(r"(?i:bsn|burgerservicenummer|sofinummer)\W{0,3}$")
_TELEFOON = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\)\s?)?(?:6[\s-]?(?:\d[\s-]?){7}\d|[1-9](?:[\s-]?\d){8})(?!\d)"
    r"|(?<![\w])\(0\d{2,3}\)\s?(?:\d[\s-]?){5,6}\d(?!\d)"
)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
_STRAAT_EIND = (
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|steeg|pad|dreef|park|markt|baan|ring|plantsoen|"
    r"erf|veld|wal|haven|burg|zijde|akker|horst|hoeve|donk|loop|oord|dam)"
)
_ADRES = re.compile(
    rf"(?<![\w])(?:(?:{_TUSSEN_HOOFD}|{_TUSSEN})\s)*(?:[{_HOOFD}][{_KLEIN}]+\s)?[{_HOOFD}][{_KLEIN}]*{_STRAAT_EIND}"
    rf"\s\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{{1,3}})?"
)
_DATUM = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b|\b\d{1,2}\s[a-z]{3,9}\s(?:19|20)\d{2}\b")
_GEBOORTE = re.compile(r"(?i:geb\.|geboren(?:\sop)?|geboortedatum:?)\s*$")
_ORGANISATIE_ADRES = re.compile(r"(?i:postbus)\s*$")


def elfproef(cijfers: str) -> bool:
    """The BSN check: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    d = [int(c) for c in cijfers if c.isdigit()]
    if len(d) != 9 or not any(d):
        return False
    return (sum(w * x for w, x in zip(range(9, 1, -1), d[:8], strict=True)) - d[8]) % 11 == 0


def iban_geldig(tekst: str) -> bool:
    """The IBAN check (ISO 13616): move the first four characters to the end, letters to numbers, mod 97 = 1."""
    s = re.sub(r"\s", "", tekst).upper()
    if not 15 <= len(s) <= 34:
        return False
    getal = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(getal) % 97 == 1


def _patronen(tekst: str) -> list[Vondst]:
    uit: list[Vondst] = []

    def voeg(soort: str, start: int, eind: int) -> None:
        uit.append(Vondst(soort, start, eind, tekst[start:eind]))

    for m in _EMAIL.finditer(tekst):
        voeg("email", m.start(), m.end())
    for m in _IBAN.finditer(tekst):
        # A Dutch account number with a typo is still someone's account number; others need the check.
        if iban_geldig(m.group()) or re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", re.sub(r"\s", "", m.group())):
            voeg("iban", m.start(), m.end())
    for m in _NEGEN_CIJFERS.finditer(tekst):
        if elfproef(m.group(1)) or _BSN_WOORD.search(tekst[: m.start()]):
            voeg("bsn", m.start(1), m.end(1))
    for m in _TELEFOON.finditer(tekst):
        voeg("telefoon", m.start(), m.end())
    for m in _POSTCODE.finditer(tekst):
        voeg("postcode", m.start(), m.end())
    for m in _ADRES.finditer(tekst):
        start = m.start()
        while tekst[start].islower():  # "de Kerkstraat 12": the article is not part of the address
            start = tekst.index(" ", start) + 1
        voeg("adres", start, m.end())
    for m in _DATUM.finditer(tekst):
        if _GEBOORTE.search(tekst[: m.start()]):
            voeg("geboortedatum", m.start(), m.end())
    for m in _NA_AANSPREEK.finditer(tekst):
        voeg("naam", m.start("naam"), m.end("naam"))
    return uit


# ---------------------------------------------------------------------------------------------------------
# Layer 2: deduce, loaded in the background
# ---------------------------------------------------------------------------------------------------------


def _cache_map() -> Path:
    """Where deduce's lookup lists are built once: the user's own cache folder, never the program folder."""
    basis = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(basis) / "schouders" / "deduce"


class Detector:
    """deduce in a worker process of its own, started once (`laad()` returns at once).

    Why a process and not a thread: loading deduce is seconds of pure Python (unpickling its lookup lists)
    that holds the interpreter lock; in a thread it made the app's own work 1.4–7× slower meanwhile (measured:
    a 0.11 s loop took 0.15–0.86 s). In its own process the app does not notice it. The worker answers one
    line of JSON per request on its stdout (`schouders.privacy_deduce`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._vraag = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._antwoorden: queue.Queue[bytes] = queue.Queue()
        self._klaar_of_fout = threading.Event()
        self._klaar = False
        self.bouwen = False  # deduce builds its lookup lists once per install (1–2 minutes)
        self.fout: str | None = None

    @property
    def klaar(self) -> bool:
        return self._klaar

    @property
    def status(self) -> str:
        """'klaar', 'laden', 'niet beschikbaar' (with `fout`) or 'niet gestart'."""
        if self._klaar:
            return "klaar"
        if self.fout:
            return "niet beschikbaar"
        return "laden" if self._proc is not None else "niet gestart"

    def laad(self, *, wacht: bool = False, timeout: float = 600) -> None:
        """Start the worker (once). With `wacht`, return when it is ready or has failed (or after `timeout`)."""
        with self._lock:
            if self._proc is None and not self.fout and os.environ.get("SCHOUDERS_NAMEN") != "uit":
                self._start()
            elif os.environ.get("SCHOUDERS_NAMEN") == "uit" and not self.fout and self._proc is None:
                self.fout = "uitgezet met SCHOUDERS_NAMEN=uit"
                self._klaar_of_fout.set()
        if wacht:
            self._klaar_of_fout.wait(timeout)

    def _start(self) -> None:
        wortel = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = wortel + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "schouders.privacy_deduce", str(_cache_map())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window on Windows
            )
        except OSError as exc:
            self.fout = f"kon niet starten ({exc.strerror or exc})"
            self._klaar_of_fout.set()
            return
        atexit.register(self._stop)
        threading.Thread(target=self._lees, name="schouders-deduce", daemon=True).start()

    def _lees(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for regel in proc.stdout:
            if not self._klaar and not self.fout:
                woord = regel.strip().decode("utf-8", "replace")
                if woord == "bouwen":
                    self.bouwen = True
                elif woord == "klaar":
                    self._klaar, self.bouwen = True, False
                    self._klaar_of_fout.set()
                else:
                    self.fout = woord.removeprefix("fout ") or "onbekende fout"
                    self._klaar_of_fout.set()
                continue
            self._antwoorden.put(regel)
        if not self.fout:  # the worker stopped: the patterns go on alone
            self.fout = "het zoeken naar namen is gestopt"
        self._klaar = False
        self._klaar_of_fout.set()

    def _stop(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.terminate()

    def vondsten_veel(self, teksten: Sequence[str]) -> list[list[Vondst]]:
        """What deduce finds (names, e-mail addresses) per text, or nothing while it is not ready."""
        leeg: list[list[Vondst]] = [[] for _ in teksten]
        if not self._klaar or not teksten:
            return leeg
        proc = self._proc
        with self._vraag:
            try:
                assert proc is not None and proc.stdin is not None
                proc.stdin.write(json.dumps(list(teksten), ensure_ascii=False).encode("utf-8") + b"\n")
                proc.stdin.flush()
                regel = self._antwoorden.get(timeout=10 + 0.01 * len(teksten))
            except (OSError, AssertionError, queue.Empty):
                self.fout, self._klaar = "het zoeken naar namen antwoordde niet", False
                self._stop()
                return leeg
        uit: list[list[Vondst]] = []
        for tekst, gevonden in zip(teksten, json.loads(regel), strict=True):
            uit.append([Vondst(soort, a, b, tekst[a:b]) for soort, a, b in gevonden])
        return uit

    def vondsten(self, tekst: str) -> list[Vondst]:
        return self.vondsten_veel([tekst])[0] if tekst.strip() else []


DETECTOR = Detector()

_LOS_VOOR = re.compile(rf"^(?i:{_AANSPREEK})\s+")


def _knip_naam(tekst: str, start: int, eind: int, voornamen: Any = None) -> tuple[int, int]:
    """Deduce's name spans may hold the form of address and trailing small words ("mevrouw Jansen uit de "),
    or the capitalised first word of a sentence ("Bel Ahmed"); keep the name only, so the replacement reads
    "mevrouw [naam] uit de …" and "Bel [naam]"."""
    m = _LOS_VOOR.match(tekst[start:eind])
    if m:
        start += m.end()
    woorden = list(re.finditer(r"\S+", tekst[start:eind]))
    while woorden and not woorden[-1].group()[0].isupper() and not woorden[-1].group()[0] == "'":
        woorden.pop()
    begin_zin = start == 0 or re.search(r"[.!?:]\s*$", tekst[:start]) is not None
    if len(woorden) > 1 and begin_zin and voornamen is not None:
        eerste = woorden[0].group().strip(",;")
        try:
            is_voornaam = [eerste.capitalize()] in voornamen
        except Exception:
            is_voornaam = True
        if not is_voornaam:
            woorden.pop(0)
    if not woorden:
        return start, start
    return start + woorden[0].start(), start + woorden[-1].end()


# ---------------------------------------------------------------------------------------------------------
# Together
# ---------------------------------------------------------------------------------------------------------


def _is_bekend(stuk: str, bekend: Sequence[str]) -> bool:
    laag = stuk.lower()
    for naam in bekend:
        n = naam.strip().lower()
        if n and (laag == n or laag in n.split() or laag in n):
            return True
    return False


_GEZIEN: dict[tuple[str, tuple[str, ...], bool], list[Vondst]] = {}
_GEZIEN_MAX = 50_000


def vind(tekst: str, *, bekend: Iterable[str] = (), detector: Detector | None = DETECTOR) -> list[Vondst]:
    """Every part of `tekst` that is personal data, in order, without overlaps (the longer find wins).

    With the shared detector the answer is kept per text, so a board redrawn on every click costs a lookup;
    the first call starts loading deduce in the background."""
    if not tekst:
        return []
    if detector is DETECTOR:
        DETECTOR.laad()
        sleutel = (tekst, tuple(bekend), DETECTOR.klaar)
        if sleutel not in _GEZIEN:
            if len(_GEZIEN) > _GEZIEN_MAX:
                _GEZIEN.clear()
            _GEZIEN[sleutel] = _vind(tekst, sleutel[1], DETECTOR)
        return list(_GEZIEN[sleutel])
    return _vind(tekst, tuple(bekend), detector)


def vooraf(
    teksten: Iterable[str], *, bekend: Iterable[str] = (), voortgang: Callable[[float], None] | None = None
) -> None:
    """Look up many texts at once (requests of 100 to the worker instead of one per text), so the `vind` calls
    that follow are cache lookups: an import of 1,020 rows in a few seconds, with `voortgang(0..1)` after each
    batch for a progress bar."""
    DETECTOR.laad()
    bekend_t = tuple(bekend)
    nieuw = sorted({t for t in teksten if t and (t, bekend_t, DETECTOR.klaar) not in _GEZIEN})
    if not nieuw:
        return
    if len(_GEZIEN) + len(nieuw) > _GEZIEN_MAX:
        _GEZIEN.clear()
    klaar = DETECTOR.klaar
    for begin in range(0, len(nieuw), 100):
        deel = nieuw[begin : begin + 100]
        for tekst, van_deduce in zip(deel, DETECTOR.vondsten_veel(deel), strict=True):
            _GEZIEN[(tekst, bekend_t, klaar)] = _samen(tekst, bekend_t, _patronen(tekst) + van_deduce)
        if voortgang is not None:
            voortgang(min(1.0, (begin + len(deel)) / len(nieuw)))


def _vind(tekst: str, bekend: tuple[str, ...], detector: Detector | None) -> list[Vondst]:
    return _samen(tekst, bekend, _patronen(tekst) + (detector.vondsten(tekst) if detector is not None else []))


def _samen(tekst: str, bekend: tuple[str, ...], alles: list[Vondst]) -> list[Vondst]:
    namen = [n for n in bekend if n and n.strip()]
    alles = [v for v in alles if not (v.soort == "naam" and _is_bekend(v.tekst, namen))]
    # A telephone number inside an IBAN, a postcode inside an address: the longer find wins, and a name
    # loses to any other kind ("de klant de Lelystraat 5" is an address, not a Mr. Lelystraat).
    alles.sort(key=lambda v: (v.start, -(v.eind - v.start)))
    uit: list[Vondst] = []
    for v in alles:
        if uit and v.start < uit[-1].eind:
            vorige = uit[-1]
            if (vorige.soort == "naam") != (v.soort == "naam"):
                if vorige.soort == "naam":
                    uit[-1] = v
            elif v.eind - v.start > vorige.eind - vorige.start:
                uit[-1] = v
            continue
        uit.append(v)
    return uit


def pseudonimiseer(tekst: str, vondsten: Sequence[Vondst] | None = None, **kw: Any) -> str:
    """The text with each find replaced by its kind in brackets: "mevrouw [naam] uit de [adres]"."""
    vondsten = vind(tekst, **kw) if vondsten is None else vondsten
    delen: list[str] = []
    plek = 0
    for v in sorted(vondsten, key=lambda v: v.start):
        delen.append(tekst[plek : v.start])
        delen.append(VERVANGING[v.soort])
        plek = v.eind
    delen.append(tekst[plek:])
    return "".join(delen)


def samenvatting(vondsten: Sequence[Vondst]) -> str:
    """ "naam, adres" – the kinds found, for a mark on a card or a line in a report."""
    gezien: list[str] = []
    for v in vondsten:
        woord = SOORTEN[v.soort]
        if woord not in gezien:
            gezien.append(woord)
    return ", ".join(gezien)


# ---------------------------------------------------------------------------------------------------------
# A traject without personal data: for the group screen, presentation mode and exports
# ---------------------------------------------------------------------------------------------------------

TEKSTVELDEN: dict[str, tuple[str, ...]] = {
    "vraagstuk": ("tekst",),
    "bijeenkomst": ("titel", "intentie", "agenda", "verslag"),
    "quickscanpunt": ("tekst",),
    "oplossing": ("tekst",),
    "doel": ("tekst", "smart"),
    "knelpunt": ("tekst", "toelichting"),
    "richting": ("titel", "kaders", "notities"),
    "actie": ("wat", "notities"),
    "evaluatie": ("onderwerp", "antwoorden"),
    "themakeuze": ("naam",),
}
"""The fields where users write in their own words. Names of deelnemers, groups and experts are the traject's
own professionals (known to it) and stay; ids, dates and choices hold no free text."""


def bekende_namen(snap: Snapshot, traject_id: str) -> tuple[str, ...]:
    """The people the traject itself knows: deelnemers, procesbegeleiders, experts."""
    namen: list[str] = [d.naam for d in snap.of("deelnemer", traject_id)]
    namen += [e.naam for e in snap.of("expert", traject_id)]
    namen += [g.procesbegeleider for g in snap.of("groep", traject_id) if g.procesbegeleider]
    traject = snap.get("traject", traject_id)
    if traject is not None:
        namen += list(traject.procesbegeleiders)
    return tuple(sorted({n.strip() for n in namen if n and n.strip()}))


def _waarden(waarde: Any) -> Iterator[str]:
    if isinstance(waarde, str):
        yield waarde
    elif isinstance(waarde, dict):
        for v in waarde.values():
            yield from _waarden(v)


def _vervang(waarde: Any, bekend: tuple[str, ...], detector: Detector | None) -> Any:
    if isinstance(waarde, str):
        vondsten = vind(waarde, bekend=bekend, detector=detector)
        return pseudonimiseer(waarde, vondsten) if vondsten else waarde
    if isinstance(waarde, dict):
        return {k: _vervang(v, bekend, detector) for k, v in waarde.items()}
    return waarde


def alle_teksten(snap: Snapshot, traject_id: str) -> list[str]:
    """Every free text of the traject (see TEKSTVELDEN), empty ones left out."""
    return [
        tekst
        for kind, velden in TEKSTVELDEN.items()
        for e in snap.of(kind, traject_id)
        for veld in velden
        for tekst in _waarden(getattr(e, veld, ""))
        if tekst.strip()
    ]


@dataclass(frozen=True)
class Gevonden:
    """One stored text with personal data in it: which record and field, and what was found."""

    soort: str  # the record kind: "knelpunt", "actie" …
    id: str
    veld: str
    tekst: str
    vondsten: tuple[Vondst, ...]


def in_traject(snap: Snapshot, traject_id: str, *, detector: Detector | None = DETECTOR) -> list[Gevonden]:
    """Every text of the traject with personal data, with what was found where (for `privacy` and counts)."""
    bekend = bekende_namen(snap, traject_id)
    if detector is DETECTOR:
        vooraf(alle_teksten(snap, traject_id), bekend=bekend)
    uit: list[Gevonden] = []
    for kind, velden in TEKSTVELDEN.items():
        for e in snap.of(kind, traject_id):
            for veld in velden:
                for tekst in _waarden(getattr(e, veld, "")):
                    vondsten = vind(tekst, bekend=bekend, detector=detector)
                    if vondsten:
                        uit.append(Gevonden(kind, e.id, veld, tekst, tuple(vondsten)))
    return uit


def zonder_persoonsgegevens(
    snap: Snapshot, traject_id: str, *, detector: Detector | None = DETECTOR
) -> tuple[Snapshot, int]:
    """A snapshot in which this traject's texts have their personal data replaced ("[naam]"), and how many
    records changed. The store is not touched: this is what the group sees and what goes out."""
    bekend = bekende_namen(snap, traject_id)
    if detector is DETECTOR:
        vooraf(alle_teksten(snap, traject_id), bekend=bekend)
    tabellen = dict(snap.tables)
    veranderd = 0
    for kind, velden in TEKSTVELDEN.items():
        nieuw = []
        for e in tabellen.get(kind, ()):
            if getattr(e, "traject_id", None) != traject_id:
                nieuw.append(e)
                continue
            wijzig = {}
            for veld in velden:
                oud = getattr(e, veld, "")
                vervangen = _vervang(oud, bekend, detector)
                if vervangen != oud:
                    wijzig[veld] = vervangen
            if wijzig:
                kopie = copy.copy(e)
                for veld, waarde in wijzig.items():
                    object.__setattr__(kopie, veld, waarde)  # the replacement is our own safe text
                nieuw.append(kopie)
                veranderd += 1
            else:
                nieuw.append(e)
        tabellen[kind] = tuple(nieuw)
    return Snapshot(snap.revision, tabellen), veranderd


def punten_zonder(punten: Sequence[Any], *, bekend: Iterable[str] = ()) -> tuple[list[Any], int, str]:
    """Import rows (dataclasses with `tekst` and `toelichting`) with their personal data replaced: the rows,
    how many changed, and the kinds found ("naam, adres") – for an import preview and its save."""
    bekend_t = tuple(bekend)
    vooraf([t for p in punten for t in (p.tekst, getattr(p, "toelichting", ""))], bekend=bekend_t)
    uit: list[Any] = []
    n = 0
    gezien: list[Vondst] = []
    for p in punten:
        wijzig = {}
        for veld in ("tekst", "toelichting"):
            oud = getattr(p, veld, "")
            vondsten = vind(oud, bekend=bekend_t) if oud else []
            if vondsten:
                wijzig[veld] = pseudonimiseer(oud, vondsten)
                gezien += vondsten
        if wijzig:
            n += 1
            p = dataclasses.replace(p, **wijzig)
        uit.append(p)
    return uit, n, samenvatting(gezien)


def voor_de_groep(snap: Snapshot, traject_id: str) -> Snapshot:
    """What the shared screen shows: the snapshot without personal data, built once per revision (and again
    when deduce has finished loading, so names are then replaced too)."""
    return snap.memo(
        (voor_de_groep, traject_id, DETECTOR.klaar),
        lambda: zonder_persoonsgegevens(snap, traject_id)[0],
    )
