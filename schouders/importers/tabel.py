"""Spreadsheets (.csv and .xlsx) → knelpunten or succes- en verbeterpunten, shown as a preview first.

What it copes with:
- CSV with `,` `;` or tab between the cells, in UTF-8 (with or without BOM), UTF-16 (Excel's
  "Unicode-tekst") or Windows-1252 (what Dutch Excel writes);
- the header row found by name, case-insensitive, Dutch or English, also below a title row;
- gebied names read loosely ("Bestuurlijk mandaat en organisatie", "bestuur", "klant" …); a name that fits
  no gebied leaves the knelpunt in "nog niet ingedeeld" and is reported with its row number;
- cells our own export neutralised against formula injection (a leading apostrophe before = + - @) get
  exactly that apostrophe removed, so an export imports back unchanged;
- our own .xlsx export: its sheets with oplossingsrichtingen and acties come back too.

`lees(raw, naam)` returns a `Voorbeeld`; fatal problems (empty, binary, no text column, too big) raise one
Dutch ValueError. Nothing is saved here.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from schouders import methode
from schouders.importers.voorbeeld import Probleem, Punt, Voorbeeld
from schouders.model import MAX_TEKST, Actie, Deelnemer, Entity, Knelpunt, Oplossingsrichting, Traject

MAX_BYTES = 5_000_000
MAX_RIJEN = 10_000
MAX_UITGEPAKT = 100_000_000  # an .xlsx is a zip: refuse one that unpacks to something huge
# What openpyxl may be handed: it keeps every shared string, cell and merged cell as a Python object, so a
# 300 kB file with 8 million shared strings took 75 s and 780 MB, and one merged block A3:XFD1048576 never
# ended. A streaming count (expat, stops at the first limit) decides before openpyxl sees the file.
MAX_DEEL = 50_000_000  # uncompressed bytes of one part (a sheet, the shared strings)
MAX_DELEN = 1_000  # parts in the zip
MAX_GEDEELD = 200_000  # shared strings: 10,000 rows of 20 texts
MAX_CELLEN = 250_000  # cells over all sheets (merged blocks by their area): 10,000 rows of 25; ~3 s
MAX_XML_RIJEN = 30_000  # <row> elements over all sheets (only MAX_RIJEN of one sheet are read)
MAX_ELEMENTEN = 2_500_000  # XML elements over all parts
MAX_CEL = 32_767  # characters in one cell: Excel's own limit
MAX_KOLOMMEN = 100  # columns read per row (one stray cell in column XFD must not make every row 16,384 wide)
KOP_ZOEKEN = 10  # the header may sit below a title: look this many non-empty rows deep

# ---- formula injection ------------------------------------------------------------------------------

_FORMULE = re.compile(r"^'*[=+\-@\t\r]")


def neutraliseer(value: str) -> str:
    """A cell text that a spreadsheet would run as a formula, made inert with a leading apostrophe.

    Text that already starts with apostrophes before such a character gets one more, so that `herstel`
    can always remove exactly one: the pair is lossless.
    """
    return "'" + value if _FORMULE.match(value) else value


def herstel(value: str) -> str:
    """Undo `neutraliseer`: drop one leading apostrophe, only where `neutraliseer` would have put it."""
    if value.startswith("'") and _FORMULE.match(value[1:]):
        return value[1:]
    return value


# ---- names ------------------------------------------------------------------------------------------------


def norm(value: Any) -> str:
    """Lower case, no accents, letters and digits only: 'Quick-win ' → 'quickwin'."""
    s = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", s.casefold())


def _woorden(value: str) -> list[str]:
    s = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").casefold()
    return re.findall(r"[a-z0-9]+", s)


KOLOM_NAMEN: dict[str, tuple[str, ...]] = {
    "tekst": (
        "knelpunt",
        "knelpunten",
        "tekst",
        "text",
        "omschrijving",
        "beschrijving",
        "description",
        "punt",
        "punten",
        "verbeterpunt",
        "succespunt",
        "bericht",
        "message",
        "item",
        "issue",
        "probleem",
        "knelpuntomschrijving",
        "watishetknelpunt",
    ),
    "gebied": ("aandachtsgebied", "aandachtsgebieden", "gebied", "categorie", "category", "area", "focusarea"),
    "groep": (
        "groep",
        "group",
        "tafel",
        "table",
        "team",
        "subgroep",
        "groepsnaam",
        "werkgroep",
        "tafelnummer",
        "tafelnr",
        "groepnr",
        "groepsnummer",
    ),
    "auteur": (
        "naam",
        "auteur",
        "deelnemer",
        "author",
        "name",
        "ingebrachtdoor",
        "door",
        "wie",
        "who",
        "deelnemernaam",
        "naamdeelnemer",
        "ingevulddoor",
        "respondent",
        "volledigenaam",
        "jenaam",
        "uwnaam",
    ),
    "soort": ("soort", "type", "kind"),
    "toelichting": ("toelichting", "notitie", "notities", "opmerking", "opmerkingen", "note", "notes", "uitleg"),
    "gerelateerd": ("gerelateerdegebieden", "gerelateerd", "ookgebieden", "relatedareas", "related"),
    "oplosbaarheid": ("oplosbaarheid", "oplosbaar", "solvability", "solvable"),
    "essentieel": ("essentieel", "essential"),
    "belang": ("belang", "importance", "belangrijkheid", "hoebelangrijk", "scorebelang", "belangscore"),
    "quick_win": ("quickwin", "quickwins", "quickwinscore", "scorequickwin", "snelresultaat", "snellewinst"),
    "stemmen": (
        "stemmen",
        "votes",
        "stippen",
        "dots",
        "aantalstippen",
        "aantalstemmen",
        "stippenaantal",
        "stip",
        "stem",
        "punten",
        "aantalpunten",
        "dotvotes",
    ),
    "prioriteit": ("prioriteit", "priority"),  # our export computes it from belang and quick win: not read
    "stap": ("stap", "bronstap", "step"),
    "opgelost": ("opgelost", "solved"),
}
_LOS_ZOEKEN = ("tekst", "gebied", "groep", "auteur")  # fields also found inside a longer header
KOLOM_UITLEG = {
    "tekst": "tekst",
    "gebied": "aandachtsgebied",
    "groep": "groep",
    "auteur": "auteur",
    "soort": "soort",
    "toelichting": "toelichting",
    "gerelateerd": "gerelateerde gebieden",
    "oplosbaarheid": "oplosbaarheid",
    "essentieel": "essentieel",
    "belang": "belang",
    "quick_win": "quick win",
    "stemmen": "stemmen",
    "stap": "stap",
    "opgelost": "opgelost",
    "prioriteit": "prioriteit (berekend uit belang en quick win, niet ingelezen)",
}


def kolommen_uitleg(kolommen: dict[str, str]) -> str:
    """Which column of the file is read as what, in one Dutch line ("tekst ← 'Knelpunt', groep ← 'Tafel'")."""
    return ", ".join(f"{KOLOM_UITLEG.get(veld, veld)} ← '{kop}'" for veld, kop in kolommen.items())


# headers that name the text column only when nothing else does: "Punten" next to "Knelpunt" are votes
_ZWAK = {"tekst": ("punt", "punten", "item")}

RICHTING_KOLOMMEN: dict[str, tuple[str, ...]] = {
    "titel": ("oplossingsrichting", "richting", "titel", "direction"),
    "knelpunten": ("knelpunten", "knelpunt"),
    "kaders": ("kaders", "kader"),
    "notities": ("notities", "notitie", "toelichting"),
    "groep": ("groep", "group"),
}
ACTIE_KOLOMMEN: dict[str, tuple[str, ...]] = {
    "wat": ("actie", "acties", "wat", "action", "taak"),
    "richting": ("oplossingsrichting", "richting"),
    "eigenaar": ("eigenaar", "wie", "owner", "trekker"),
    "deadline": ("deadline", "datum", "klaaron", "due"),
    "status": ("status",),
    "verkennend": ("verkennend", "verkenning"),
    "ronde": ("ronde", "bijeenkomst"),
    "notities": ("notities", "notitie", "toelichting"),
}


def zoek_kolommen(kop: list[str], namen: dict[str, tuple[str, ...]], los: Iterable[str] = ()) -> dict[str, int]:
    """Field → column index, by header name: exact (normalised) first, then inside a longer header."""
    genormd = [norm(h) for h in kop]
    out: dict[str, int] = {}
    zwak = _ZWAK if namen is KOLOM_NAMEN else {}
    for veld, aliassen in namen.items():
        for alias in aliassen:
            if alias in zwak.get(veld, ()):
                continue
            if alias in genormd:
                i = genormd.index(alias)
                if i not in out.values():
                    out[veld] = i
                    break
    for veld in los:
        if veld in out:
            continue
        for i, h in enumerate(genormd):
            if i in out.values() or not h:
                continue
            if any(len(a) >= 4 and a in h for a in namen[veld] if a not in zwak.get(veld, ())):
                out[veld] = i
                break
    for veld, aliassen in zwak.items():
        if veld in out:
            continue
        for i, h in enumerate(genormd):
            if h in aliassen:
                for ander, j in list(out.items()):
                    if j == i:  # "Punten" alone is the text, not the votes
                        del out[ander]
                out[veld] = i
                break
    return out


# "Toelichting bij het knelpunt" or "Gebied van dit knelpunt" name another field, not a second text
_ANDERE_NAMEN = tuple(
    a for veld, namen in KOLOM_NAMEN.items() if veld != "tekst" for a in namen if len(a) >= 5 and a != "punten"
)


def extra_tekstkolommen(kop: list[str], kolommen: dict[str, int]) -> list[int]:
    """Further text columns (a Forms export: "Wat is het grootste knelpunt?", "Heb je nog een ander knelpunt?").

    A column that no field uses and whose header contains a clear text name (knelpunt, probleem …).
    """
    if "tekst" not in kolommen:
        return []
    sterk = [a for a in KOLOM_NAMEN["tekst"] if len(a) >= 5 and a not in _ZWAK["tekst"]]
    out = []
    for i, h in enumerate(kop):
        n = norm(h)
        if i in kolommen.values() or not n:
            continue
        if any(a in n for a in sterk) and not any(a in n for a in _ANDERE_NAMEN):
            out.append(i)
    return out


# ---- gebied, loosely -------------------------------------------------------------------------------

_GEBIED_WOORDEN: dict[str, tuple[str, ...]] = {
    "klantbeleving": (
        "klantbeleving",
        "klant",
        "klanten",
        "klantreis",
        "inwoner",
        "inwoners",
        "client",
        "clienten",
        "burger",
        "burgers",
        "customer",
    ),
    "kennis": ("kennis", "knowledge", "wetgeving", "informatie"),
    "kunde": ("kunde", "vaardigheid", "vaardigheden", "skills", "competenties"),
    "keten": ("keten", "ketenpartner", "ketenpartners", "samenwerking", "samenwerken", "chain", "netwerk"),
    "bestuurlijk_mandaat": (
        "bestuurlijk",
        "bestuur",
        "mandaat",
        "organisatie",
        "beleid",
        "management",
        "governance",
        "mandate",
    ),
    "randvoorwaarden": (
        "randvoorwaarden",
        "randvoorwaarde",
        "voorwaarden",
        "tijd",
        "geld",
        "capaciteit",
        "budget",
        "middelen",
        "financien",
        "ict",
        "systemen",
        "resources",
    ),
    "open": ("open", "overig", "overige", "anders", "other", "rest"),
}
_NIET_INGEDEELD = {norm(methode.NIET_INGEDEELD), "nietingedeeld", "geen", "onbekend", "none", "nvt"}


def _exact_gebied() -> dict[str, str]:
    out: dict[str, str] = {}
    for g in methode.GEBIEDEN:
        out[norm(g.key)] = g.key
        out[norm(g.label)] = g.key
        for w in _GEBIED_WOORDEN.get(g.key, ()):
            out[w] = g.key
    out["bestuurlijkmandaatenorganisatie"] = "bestuurlijk_mandaat"
    return out


_GEBIED_EXACT = _exact_gebied()


def gebied_uit(value: str) -> tuple[str | None, str | None]:
    """(gebied key or None, why it was not recognised or None). Empty and 'nog niet ingedeeld' are fine."""
    value = (value or "").strip()
    n = norm(value)
    if not n or n in _NIET_INGEDEELD:
        return None, None
    if n in _GEBIED_EXACT:
        return _GEBIED_EXACT[n], None
    gevonden: list[str] = []
    for w in _woorden(value):
        for key, woorden in _GEBIED_WOORDEN.items():
            if any(w == a or (len(a) >= 5 and w.startswith(a)) for a in woorden) and key not in gevonden:
                gevonden.append(key)
    if len(gevonden) == 1:
        return gevonden[0], None
    if len(gevonden) > 1:
        labels = " en ".join(methode.gebied_label(k) for k in gevonden)
        return None, f"aandachtsgebied '{value}' past bij meer dan één gebied ({labels})"
    return None, f"aandachtsgebied '{value}' ken ik niet"


# ---- other cell values ------------------------------------------------------------------------------

_JA = {"ja", "j", "yes", "y", "true", "waar", "x", "1", "v"}
_NEE = {"nee", "n", "no", "false", "onwaar", "0", ""}
_SOORT = {
    "knelpunt": "knelpunt",
    "knelpunten": "knelpunt",
    "succes": "succes",
    "succespunt": "succes",
    "succespunten": "succes",
    "gaatgoed": "succes",
    "success": "succes",
    "verbeter": "verbeter",
    "verbeterpunt": "verbeter",
    "verbeterpunten": "verbeter",
    "kanbeter": "verbeter",
    "improvement": "verbeter",
}
_OPLOSBAAR = {norm(k): k for k, _ in methode.OPLOSBAARHEID} | {norm(v): k for k, v in methode.OPLOSBAARHEID}


def ja_nee(value: str) -> bool | None:
    n = norm(value)
    if n in _JA or value.strip() in ("✓", "✔"):
        return True
    if n in _NEE:
        return False
    return None


def score(value: str) -> int | None:
    """A whole number from a cell ('4', '4,0', 4.0); raises ValueError otherwise."""
    s = value.strip().replace(",", ".")
    f = float(s)
    if not f.is_integer():
        raise ValueError
    return int(f)


def _heel(value: str) -> bool:
    try:
        return float(value.strip().replace(",", ".")).is_integer()
    except ValueError:
        return False


def afgerond(value: str) -> int:
    """A score from a cell, decimal comma or point, rounded half up ('4,5' → 5, '2,4' → 2); ValueError otherwise.

    Belang and quick win are whole numbers 1–5 in the model; a group that averaged its scores gives halves.
    """
    d = Decimal(value.strip().replace(",", "."))
    if not d.is_finite():
        raise ValueError
    return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def oplosbaarheid_uit(value: str) -> str | None:
    n = norm(value)
    if not n:
        return None
    if n in _OPLOSBAAR:
        return _OPLOSBAAR[n]
    if "onoplosbaar" in n or "nietoplosbaar" in n:
        return "onoplosbaar"
    if "invloed" in n or "buiten" in n:
        return "buiten_invloed"
    if "oplosbaar" in n:
        return "oplosbaar"
    raise ValueError


_DATUM_NL = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def datum_uit(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = _DATUM_NL.match(s)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(s[:10])


def cel(value: Any) -> str:
    """A cell as text: numbers without '.0', dates as ISO, our export's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return herstel(str(value).replace("\r\n", "\n").strip())


# ---- bytes → rows ------------------------------------------------------------------------------------


def decodeer(raw: bytes, naam: str) -> tuple[str, str]:
    """(text, name of the encoding) for a CSV file; a Dutch ValueError when it is no text."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 met BOM"
        except UnicodeDecodeError:
            raise ValueError(f"{naam} zegt UTF-8 te zijn, maar bevat ongeldige tekens.") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ValueError(f"{naam} zegt UTF-16 te zijn, maar bevat ongeldige tekens.") from None
    kop = raw[:8192]
    stuur = sum(1 for b in kop if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in kop or stuur > max(2, len(kop) // 100):
        raise ValueError(f"{naam} is geen tekstbestand of spreadsheet: het bevat binaire gegevens.")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ValueError(f"{naam} is geen leesbare tekst (onbekende tekenset).") from None


SCHEIDINGSTEKENS = {";": "puntkomma", ",": "komma", "\t": "tab"}


def scheidingsteken(text: str) -> str:
    """The separator that splits the first lines into the most equal, widest rows."""
    regels = [r for r in text.splitlines()[:30] if r.strip()]
    if not regels:
        return ","
    proef = "\n".join(regels)
    beste, beste_score = ",", (-1.0, 0)
    for sep in (";", "\t", ","):
        try:
            rijen = list(csv.reader(io.StringIO(proef), delimiter=sep))
        except csv.Error:  # a cell over csv's field limit: csv_rijen names its row
            continue
        if not rijen:
            continue
        breedte = Counter(len(r) for r in rijen).most_common(1)[0][0]  # a title row above is allowed
        if breedte <= 1:
            continue
        gelijk = sum(1 for r in rijen if len(r) == breedte) / len(rijen)
        s = (gelijk, breedte)
        if s > beste_score:
            beste, beste_score = sep, s
    return beste


def csv_rijen(text: str, sep: str, naam: str = "het bestand") -> Iterator[tuple[int, list[Any]]]:
    """(row number as a spreadsheet shows it, cells): header row 1, first data row 2. A cell longer than
    csv's field limit (131,072 characters; a text may hold 2,000) is a Dutch ValueError naming its row:
    csv's own error is English and names no row, and raising the process-wide limit would only let
    a 5 MB cell through to be refused later."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    # Excel counts records, not lines: a cell with a line break inside is still one row
    nr = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" not in str(exc):
                raise
            raise ValueError(
                f"{naam}: rij {nr + 1} heeft een cel van meer dan {_getal(csv.field_size_limit())} tekens "
                f"(of een aanhalingsteken dat niet wordt gesloten). Een tekst mag hoogstens {_getal(MAX_TEKST)} "
                "tekens zijn: maak die cel korter en lees het bestand opnieuw in."
            ) from None
        nr += 1
        yield nr, row


def _is_xlsx(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


Samengevoegd = tuple[int, int, int, int]  # min_row, max_row, min_col, max_col (1-based, as openpyxl)


class _Teller:
    """Counts what openpyxl would build, over the parts of one workbook, and stops at the first limit."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        self.elementen = self.gedeeld = self.cellen = self.rijen = 0
        self.tekst = 0  # characters in the current <t> or <v>
        self.rij = ""  # the cell being read, as Excel names it ("B7")
        self.deel = ""

    def _te_veel(self, wat: str) -> ValueError:
        return ValueError(f"{self.naam} is te groot om in te lezen: {wat}. Sla alleen het blad met de punten op.")

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.elementen += 1
        if self.elementen > MAX_ELEMENTEN:
            raise self._te_veel(f"meer dan {_getal(MAX_ELEMENTEN)} onderdelen in de werkmap")
        naam = tag.rpartition("}")[2]
        if naam in ("t", "v"):
            self.tekst = 0
        elif naam == "si":
            self.gedeeld += 1
            if self.gedeeld > MAX_GEDEELD:
                raise self._te_veel(f"meer dan {_getal(MAX_GEDEELD)} verschillende teksten")
        elif naam == "c":
            self.rij = attrs.get("r", "")
            self._cellen(1)
        elif naam == "row":
            self.rijen += 1
            if self.rijen > MAX_XML_RIJEN:
                raise self._te_veel(f"meer dan {_getal(MAX_XML_RIJEN)} rijen")
        elif naam == "mergeCell":
            self._cellen(_oppervlak(attrs.get("ref", "")))

    def _cellen(self, n: int) -> None:
        self.cellen += n
        if self.cellen > MAX_CELLEN:
            raise self._te_veel(f"meer dan {_getal(MAX_CELLEN)} cellen")

    def tekens(self, data: str) -> None:
        self.tekst += len(data)
        if self.tekst > MAX_CEL:
            waar = f" (cel {self.rij})" if self.rij and "worksheets" in self.deel else ""
            raise ValueError(
                f"{self.naam} heeft een cel met meer dan {_getal(MAX_CEL)} tekens{waar}; zo'n lange cel kan Excel "
                f"zelf niet maken. Een tekst mag hoogstens {_getal(MAX_TEKST)} tekens zijn."
            )

    def lees(self, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        import xml.parsers.expat

        self.deel, self.rij = info.filename, ""
        p = xml.parsers.expat.ParserCreate(namespace_separator="}")
        p.StartElementHandler = self.start
        p.CharacterDataHandler = self.tekens
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                p.Parse(chunk, False)
            p.Parse(b"", True)


def _getal(n: int) -> str:
    """12345 → '12.345', as Dutch writes it."""
    return f"{n:,}".replace(",", ".")


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _oppervlak(ref: str) -> int:
    """Cells in a range such as 'A3:C9' (openpyxl makes an object for each cell of a merged block)."""
    hoeken = []
    for deel in ref.upper().split(":")[:2]:
        m = _REF.match(deel.strip())
        if not m:
            return 1
        kol = 0
        for ch in m.group(1):
            kol = kol * 26 + ord(ch) - 64
        hoeken.append((int(m.group(2)), kol))
    if len(hoeken) < 2:
        return 1
    (r1, c1), (r2, c2) = hoeken
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _xlsx_grenzen(z: zipfile.ZipFile, naam: str) -> None:
    """Refuse, with one Dutch message, a workbook that would take openpyxl more than a few seconds or
    hundreds of MB: sizes from the zip's directory (zipfile never unpacks more than an entry declares),
    then a streaming count of every XML part."""
    infos = z.infolist()
    if len(infos) > MAX_DELEN:
        raise ValueError(f"{naam} is te groot om in te lezen: meer dan {_getal(MAX_DELEN)} onderdelen.")
    if sum(i.file_size for i in infos) > MAX_UITGEPAKT:
        raise ValueError(f"{naam} is uitgepakt te groot om in te lezen (meer dan {MAX_UITGEPAKT // 1_000_000} MB).")
    for i in infos:
        if i.file_size > MAX_DEEL:
            raise ValueError(
                f"{naam} is uitgepakt te groot om in te lezen: {i.filename} is {i.file_size // 1_000_000} MB "
                f"(maximaal {MAX_DEEL // 1_000_000} MB)."
            )
    if "xl/workbook.xml" not in z.namelist():
        raise ValueError(f"{naam} is een zip-bestand, maar geen Excel-werkmap (.xlsx).")
    teller = _Teller(naam)
    for i in infos:
        if i.filename.lower().endswith((".xml", ".rels")) and not i.is_dir():
            try:
                teller.lees(z, i)
            except ValueError:
                raise
            except Exception:  # expat, zlib or CRC errors: openpyxl says it better below
                return


def _xlsx_bladen(raw: bytes, naam: str) -> tuple[dict[str, list[tuple[int, list[Any]]]], dict[str, list[Samengevoegd]]]:
    """All sheets as (row number as Excel shows it, cells), at most MAX_RIJEN rows each, and the blocks of
    merged cells that span rows, per sheet (filled by `_vul_samengevoegd` once the header is known)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            _xlsx_grenzen(z, naam)
    except zipfile.BadZipFile:
        raise ValueError(f"{naam} is beschadigd: het is geen geldig Excel-bestand (.xlsx).") from None
    from openpyxl import load_workbook

    try:
        # not read_only: only a full worksheet knows its merged cells
        wb = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ValueError(f"{naam} kon niet gelezen worden als Excel-bestand ({type(exc).__name__}).") from None
    bladen: dict[str, list[tuple[int, list[Any]]]] = {}
    blokken: dict[str, list[Samengevoegd]] = {}
    try:
        for ws in wb.worksheets:
            rijen = []
            # from row 1 and column A explicitly: openpyxl starts at the first filled cell otherwise,
            # and the row numbers must be the ones Excel shows
            max_row = min(ws.max_row, MAX_RIJEN + KOP_ZOEKEN)
            # only the cells that exist: iter_rows creates a Cell for every empty one in the sheet's extent
            # (a stray cell in XFD10000 made that 164 million), so build the rows from the cells themselves
            waarden: dict[tuple[int, int], Any] = {}
            breedte = 0
            for (r, c), cell in ws._cells.items():
                if r <= max_row and c <= MAX_KOLOMMEN:
                    waarden[r, c] = cell.value
                    breedte = max(breedte, c)
            for i in range(1, max_row + 1):
                rijen.append((i, [waarden.get((i, c)) for c in range(1, breedte + 1)]))
            eigen: list[Samengevoegd] = []
            for r in ws.merged_cells.ranges:
                if r.max_row > r.min_row and r.min_row <= len(rijen):  # a block across columns only: nothing to fill
                    eigen.append((r.min_row, min(r.max_row, len(rijen)), r.min_col, r.max_col))
            bladen[ws.title] = rijen
            blokken[ws.title] = sorted(eigen)
    except Exception as exc:
        raise ValueError(f"{naam} kon niet helemaal gelezen worden ({type(exc).__name__}).") from None
    finally:
        wb.close()
    return bladen, blokken


def werkmap_teksten(raw: bytes, naam: str = "het bestand") -> Iterator[tuple[str, str, str]]:
    """(sheet, cell as Excel names it, text) for every text cell, within the same bounds as an import
    (`privacy BESTAND` reads workbooks this way). Raises one Dutch ValueError."""
    bladen, _ = _xlsx_bladen(raw, naam)
    for blad, rijen in bladen.items():
        for nr, cellen in rijen:
            for c, waarde in enumerate(cellen):
                if isinstance(waarde, str) and waarde.strip():
                    yield blad, f"{kolom_letter(c)}{nr}", waarde


def _vul_samengevoegd(
    blokken: list[Samengevoegd],
    rijen: list[tuple[int, list[Any]]],
    kop_idx: int,
    kop: list[str],
    kolommen: dict[str, int],
    tekst_kolommen: Iterable[int],
    vb: Voorbeeld,
) -> None:
    """Fill merged blocks below the header: the top-left value goes down the block's first column (a "Tafel"
    or gebied given once for a block of rows applies to every row of it), and say so per column:
    "Samengevoegde cellen ingevuld: kolom Tafel, rij 3–6". A merged text is one point: not repeated."""
    kop_rij = rijen[kop_idx][0]
    gebruikt = set(kolommen.values())
    teksten = set(tekst_kolommen)
    gevuld: dict[int, list[str]] = {}
    niet: dict[int, list[str]] = {}
    for min_row, max_row, min_col, _ in blokken:
        i = min_col - 1
        if min_row <= kop_rij or i not in gebruikt | teksten:
            continue  # a title or the header itself, or a column nothing reads
        if i in teksten:
            niet.setdefault(i, []).append(f"{min_row}–{max_row}")
            continue
        boven = rijen[min_row - 1][1]
        waarde = boven[i] if i < len(boven) else None
        for nr in range(min_row + 1, max_row + 1):
            cellen = rijen[nr - 1][1]
            if i < len(cellen) and cellen[i] is None:
                cellen[i] = waarde
        gevuld.setdefault(i, []).append(f"{min_row}–{max_row}")
    for i, stukken in sorted(gevuld.items()):
        naam = kop[i] if i < len(kop) and kop[i] else kolom_letter(i)
        vb.problemen.append(Probleem(f"Samengevoegde cellen ingevuld: kolom {naam}, rij {', '.join(stukken)}."))
    for i, stukken in sorted(niet.items()):
        naam = kop[i] if i < len(kop) and kop[i] else kolom_letter(i)
        vb.problemen.append(
            Probleem(f"Samengevoegde cellen in kolom {naam}, rij {', '.join(stukken)}: één tekst, één punt.")
        )


def _leeg(row: list[Any]) -> bool:
    return all(cel(v) == "" for v in row)


def _vind_kop(
    rijen: list[tuple[int, list[Any]]], namen: dict[str, tuple[str, ...]], sleutel: str, los: Iterable[str] = ()
) -> tuple[int, list[str], dict[str, int]] | None:
    """(index in rijen, header texts, field → column) of the first row that names the key field.

    Of the rows that do, the one naming the most fields wins (the first on a tie): a title such as
    "Knelpunten van de themadag" names one, the real header several.
    """
    beste: tuple[int, list[str], dict[str, int]] | None = None
    kandidaten = [(idx, [cel(v) for v in row]) for idx, (_, row) in enumerate(rijen) if not _leeg(row)][:KOP_ZOEKEN]
    for idx, kop in kandidaten:
        kolommen = zoek_kolommen(kop, namen, los)
        if sleutel in kolommen and (beste is None or len(kolommen) > len(beste[2])):
            beste = (idx, kop, kolommen)
    return beste


def _geen_tekstkolom(naam: str, rijen: list[tuple[int, list[Any]]]) -> ValueError:
    eerste = next((row for _, row in rijen if not _leeg(row)), [])
    koppen = ", ".join(f"'{cel(v)}'" for v in eerste if cel(v))[:300]
    gevonden = f" De eerste rij heeft: {koppen}." if koppen else ""
    return ValueError(
        f"{naam}: geen kolom met de tekst van de punten gevonden. Geef die kolom de kop 'Knelpunt' of "
        f"'Tekst' (ook goed: Omschrijving, Text).{gevonden}"
    )


# ---- rows → preview ------------------------------------------------------------------------------


def _punten(
    rijen: list[tuple[int, list[Any]]],
    kop_idx: int,
    kolommen: dict[str, int],
    soort: str,
    vb: Voorbeeld,
    extra_tekst: Iterable[int] = (),
) -> None:
    def waarde(row: list[Any], veld: str) -> Any:
        i = kolommen.get(veld)
        return row[i] if i is not None and i < len(row) else None

    tekst_kolommen = [kolommen["tekst"], *extra_tekst]
    data = rijen[kop_idx + 1 :]
    for nr, row in data:
        if _leeg(row):
            continue
        vb.gelezen += 1
        if vb.gelezen > MAX_RIJEN:
            vb.problemen.append(Probleem(f"meer dan {MAX_RIJEN} rijen; de rest is niet ingelezen.", nr))
            break
        teksten = [cel(row[i]) if i < len(row) else "" for i in tekst_kolommen]
        teksten = [t for t in teksten if t]
        if not teksten:
            vb.problemen.append(Probleem("geen tekst; deze rij is overgeslagen.", nr))
            continue
        velden: dict[str, Any] = {"rij": nr, "tekst": teksten[0], "soort": soort}
        ruwe_soort = cel(waarde(row, "soort"))
        if ruwe_soort:
            s = _SOORT.get(norm(ruwe_soort))
            if s is None:
                vb.problemen.append(
                    Probleem(
                        f"soort '{ruwe_soort}' ken ik niet (knelpunt, succespunt of verbeterpunt); "
                        f"ingelezen als {soort}.",
                        nr,
                    )
                )
            else:
                velden["soort"] = s
        velden["groep"] = cel(waarde(row, "groep"))[:80]
        velden["auteur"] = cel(waarde(row, "auteur"))
        if velden["soort"] == "knelpunt":
            _knelpunt_velden(row, waarde, velden, nr, vb)
        eerste = Punt(**velden)
        # more texts in one row (Forms): each its own point with the row's groep, gebied and deelnemer;
        # votes and scores stay with the first, so the row's votes are not counted twice
        for i, tekst in enumerate(teksten):
            punt = eerste if i == 0 else replace(eerste, tekst=tekst, belang=None, quick_win=None, stemmen=0)
            try:
                punt.model("controle")
            except ValueError as exc:
                vb.problemen.append(Probleem(f"{exc} Deze rij is overgeslagen.", nr))
                continue
            vb.punten.append(punt)


def niet_gebruikt(
    rijen: list[tuple[int, list[Any]]], kop_idx: int, kop: list[str], gebruikt: Iterable[int]
) -> list[str]:
    """Names of the non-empty columns that nothing reads: "'Opmerking'", "F (zonder kop)"."""
    gebruikt = set(gebruikt)
    breedte = max([len(kop), *(len(r) for _, r in rijen[kop_idx + 1 :])], default=0)
    out = []
    for i in range(breedte):
        if i in gebruikt:
            continue
        kopnaam = kop[i] if i < len(kop) else ""
        gevuld = any(i < len(r) and cel(r[i]) for _, r in rijen[kop_idx + 1 :])
        if kopnaam and gevuld:
            out.append(f"'{kopnaam}'")
        elif gevuld:
            out.append(f"{kolom_letter(i)} (zonder kop)")
    return out


def kolom_letter(i: int) -> str:
    """0 → 'A', 26 → 'AA': the column as Excel names it."""
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _knelpunt_velden(row: list[Any], waarde: Any, velden: dict[str, Any], nr: int, vb: Voorbeeld) -> None:
    ruw = cel(waarde(row, "gebied"))
    gebied, fout = gebied_uit(ruw)
    if fout:
        vb.problemen.append(Probleem(f"{fout}; het knelpunt komt bij '{methode.NIET_INGEDEELD}'.", nr))
    velden["gebied"] = gebied
    velden["toelichting"] = cel(waarde(row, "toelichting"))
    rel: list[str] = []
    for deel in re.split(r"[,;/\n]", cel(waarde(row, "gerelateerd"))):
        if not deel.strip():
            continue
        g, fout = gebied_uit(deel)
        if fout:
            vb.problemen.append(Probleem(f"gerelateerd {fout}; weggelaten.", nr))
        elif g:
            rel.append(g)
    velden["gerelateerde_gebieden"] = tuple(rel)
    ruw = cel(waarde(row, "oplosbaarheid"))
    if ruw:
        try:
            velden["oplosbaarheid"] = oplosbaarheid_uit(ruw)
        except ValueError:
            vb.problemen.append(Probleem(f"oplosbaarheid '{ruw}' ken ik niet; leeg gelaten.", nr))
    ruw = cel(waarde(row, "essentieel"))
    if ruw:
        jn = ja_nee(ruw)
        if jn is None:
            vb.problemen.append(Probleem(f"essentieel '{ruw}' is geen ja of nee; op nee gezet.", nr))
        velden["essentieel"] = bool(jn)
    for veld, label in (("belang", "belang"), ("quick_win", "quick win"), ("stemmen", "stemmen"), ("stap", "stap")):
        ruw = cel(waarde(row, veld))
        if not ruw:
            continue
        try:
            rond = veld in ("belang", "quick_win")
            getal = afgerond(ruw) if rond else score(ruw)
            lo, hi = (methode.SCORE_MIN, methode.SCORE_MAX) if rond else (0, 10**6)
            if veld == "stap":
                lo, hi = 1, len(methode.STAPPEN)
        except (ValueError, InvalidOperation):
            vb.problemen.append(Probleem(f"{label} '{ruw}' is geen geldig getal; leeg gelaten.", nr))
            continue
        if not lo <= getal <= hi:
            vb.problemen.append(Probleem(f"{label} '{ruw}' ligt niet tussen {lo} en {hi}; leeg gelaten.", nr))
            continue
        if rond and not _heel(ruw):
            vb.problemen.append(
                Probleem(f"{label} '{ruw}' afgerond op {getal} (de schaal is 1–5, in hele getallen).", nr)
            )
        velden["bron_stap" if veld == "stap" else veld] = getal
    ruw = waarde(row, "opgelost")
    if cel(ruw):
        try:
            velden["opgelost"] = datum_uit(ruw if isinstance(ruw, date) else cel(ruw))
        except ValueError:
            vb.problemen.append(Probleem(f"opgelost '{cel(ruw)}' is geen datum; leeg gelaten.", nr))


def _zoek_blad(bladen: dict[str, Any], namen: Iterable[str]) -> str | None:
    for titel in bladen:
        if norm(titel) in namen:
            return titel
    return None


def lees(raw: bytes, naam: str = "het bestand", *, soort: str = "knelpunt", blad: str | None = None) -> Voorbeeld:
    """Read a .csv or .xlsx file into a preview. Raises one Dutch ValueError when it cannot be used."""
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{naam} is te groot ({len(raw) // 1024} kB; maximaal {MAX_BYTES // 1_000_000} MB).")
    if not raw.strip():
        raise ValueError(f"{naam} is leeg.")
    if raw[:4] == b"\xd0\xcf\x11\xe0":
        raise ValueError(f"{naam} is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of .csv.")
    if raw[:5] == b"%PDF-":
        raise ValueError(f"{naam} is een PDF, geen spreadsheet.")
    vb = Voorbeeld(bestand=naam, bron="tabel")
    extra_bladen: dict[str, list[tuple[int, list[Any]]]] = {}
    samengevoegd: list[Samengevoegd] = []
    if _is_xlsx(raw):
        bladen, blokken = _xlsx_bladen(raw, naam)
        if not bladen:
            raise ValueError(f"{naam} heeft geen werkbladen.")
        if blad is not None and blad not in bladen:
            raise ValueError(f"{naam} heeft geen werkblad '{blad}'.")
        titel = blad or _zoek_blad(bladen, ("knelpunten", "knelpunt", "punten", "quickscan")) or next(iter(bladen))
        rijen = bladen[titel]
        samengevoegd = blokken.get(titel, [])
        vb.details["blad"] = titel
        if len(bladen) > 1:
            vb.details["bladen"] = ", ".join(bladen)
        for key, namen in (("richtingen", ("oplossingsrichtingen", "richtingen")), ("acties", ("acties",))):
            t = _zoek_blad(bladen, namen)
            if t and t != titel:
                extra_bladen[key] = bladen[t]
    else:
        text, codering = decodeer(raw, naam)
        if not text.strip():
            raise ValueError(f"{naam} is leeg.")
        sep = scheidingsteken(text)
        vb.details["codering"] = codering
        vb.details["scheidingsteken"] = SCHEIDINGSTEKENS[sep]
        try:
            rijen = []
            for nr, row in csv_rijen(text, sep, naam):
                rijen.append((nr, row))
                if len(rijen) > MAX_RIJEN + KOP_ZOEKEN:
                    break
        except csv.Error as exc:
            raise ValueError(f"{naam} is geen geldig CSV-bestand: {exc}.") from None
    if not any(not _leeg(r) for _, r in rijen):
        raise ValueError(f"{naam} is leeg: er staan geen gegevens in.")
    gevonden = _vind_kop(rijen, KOLOM_NAMEN, "tekst", _LOS_ZOEKEN)
    if gevonden is None:
        raise _geen_tekstkolom(naam, rijen)
    kop_idx, kop, kolommen = gevonden
    vb.kolommen = {veld: kop[i] for veld, i in kolommen.items()}
    if kop_idx:
        vb.problemen.append(
            Probleem(f"de kopregel staat op rij {rijen[kop_idx][0]}; wat erboven staat is overgeslagen.")
        )
    extra_tekst = extra_tekstkolommen(kop, kolommen)
    for n, i in enumerate(extra_tekst, start=2):
        vb.kolommen[f"tekst {n}"] = kop[i]
        vb.problemen.append(
            Probleem(
                f"Kolom '{kop[i]}' ook gelezen als tekst: elke ingevulde cel wordt een eigen punt, met de groep, "
                f"het gebied en de deelnemer van zijn rij (stemmen, belang en quick win blijven bij de eerste)."
            )
        )
    if samengevoegd:
        _vul_samengevoegd(samengevoegd, rijen, kop_idx, kop, kolommen, [kolommen["tekst"], *extra_tekst], vb)
    _punten(rijen, kop_idx, kolommen, soort, vb, extra_tekst)
    ongebruikt = niet_gebruikt(rijen, kop_idx, kop, [*kolommen.values(), *extra_tekst])
    if ongebruikt:
        vb.problemen.append(
            Probleem(f"Niet gebruikt: kolom{'men' if len(ongebruikt) != 1 else ''} {', '.join(ongebruikt)}.")
        )
    for key, bladrijen in extra_bladen.items():
        _extra_blad(key, bladrijen, vb)
    if not vb.punten and not vb.extra:
        details = f" ({vb.problemen[0]})" if vb.problemen else ""
        raise ValueError(f"{naam} bevat onder de kopregel geen bruikbare rijen{details}.")
    return vb


def _extra_blad(key: str, rijen: list[tuple[int, list[Any]]], vb: Voorbeeld) -> None:
    """The oplossingsrichtingen or acties sheet of our own export."""
    namen = RICHTING_KOLOMMEN if key == "richtingen" else ACTIE_KOLOMMEN
    sleutel = "titel" if key == "richtingen" else "wat"
    gevonden = _vind_kop(rijen, namen, sleutel)
    if gevonden is None:
        return
    kop_idx, _, kolommen = gevonden
    out = []
    for nr, row in rijen[kop_idx + 1 :]:
        if _leeg(row):
            continue
        waarden = {veld: (row[i] if i < len(row) else None) for veld, i in kolommen.items()}
        if not cel(waarden.get(sleutel)):
            vb.problemen.append(Probleem(f"werkblad {key}: geen tekst; overgeslagen.", nr))
            continue
        waarden["rij"] = nr
        out.append(waarden)
    if out:
        vb.extra[key] = out


def _status_uit(value: str) -> str | None:
    n = norm(value)
    for k, label in methode.ACTIE_STATUSSEN:
        if n in (norm(k), norm(label)):
            return k
    return None


def _gekoppeld(cel_tekst: str, kn_ids: dict[str, str]) -> tuple[str, ...]:
    """Knelpunt ids whose text is one of the lines (or line blocks: texts may span lines) of a cell."""
    blok = "\n" + "\n".join(r.strip() for r in cel_tekst.casefold().splitlines()) + "\n"
    gevonden = [(blok.find("\n" + t + "\n"), i) for t, i in kn_ids.items()]
    return tuple(dict.fromkeys(i for pos, i in sorted(gevonden) if pos >= 0))


def actieplan_objecten(extra: dict[str, Any], snap: Any, traject: Traject, nieuw: list[Entity]) -> list[Entity]:
    """Oplossingsrichtingen and acties from our export's sheets, linked by text to knelpunten and owners."""
    tid = traject.id
    kn_ids: dict[str, str] = {}
    for k in list(snap.of("knelpunt", tid) if snap is not None else []) + [o for o in nieuw if isinstance(o, Knelpunt)]:
        kn_ids.setdefault(k.tekst.casefold(), k.id)
    groep_ids = {g.naam.casefold(): g.id for g in (snap.of("groep", tid) if snap is not None else [])}
    groep_ids |= {o.naam.casefold(): o.id for o in nieuw if o.kind == "groep"}  # type: ignore[attr-defined]
    out: list[Entity] = []
    richting_ids: dict[str, str] = {r.titel.casefold(): r.id for r in (snap.of("richting", tid) if snap else [])}
    for w in extra.get("richtingen", []):
        r = Oplossingsrichting(
            traject_id=tid,
            titel=cel(w.get("titel"))[:300],
            knelpunt_ids=_gekoppeld(cel(w.get("knelpunten")), kn_ids),
            kaders=cel(w.get("kaders")),
            notities=cel(w.get("notities")),
            groep_id=groep_ids.get(cel(w.get("groep")).casefold()),
        )
        richting_ids.setdefault(r.titel.casefold(), r.id)
        out.append(r)
    mensen = {d.naam.casefold(): d.id for d in (snap.of("deelnemer", tid) if snap is not None else [])}
    rondes: dict[str, str] = {}
    for b in [
        *(snap.of("bijeenkomst", tid) if snap is not None else []),
        *(o for o in nieuw if o.kind == "bijeenkomst"),
    ]:
        rondes.setdefault((b.titel or f"Bijeenkomst {b.nummer}").casefold(), b.id)  # type: ignore[attr-defined]
    for a in extra.get("acties", []):
        eigenaar = cel(a.get("eigenaar"))
        if eigenaar and eigenaar.casefold() not in mensen:
            d = Deelnemer(traject_id=tid, naam=eigenaar[:120])
            mensen[eigenaar.casefold()] = d.id
            out.append(d)
        try:
            deadline = datum_uit(a.get("deadline") if isinstance(a.get("deadline"), date) else cel(a.get("deadline")))
        except ValueError:
            deadline = None
        out.append(
            Actie(
                traject_id=tid,
                wat=cel(a.get("wat"))[:500],
                richting_id=richting_ids.get(cel(a.get("richting")).casefold()),
                eigenaar_id=mensen.get(eigenaar.casefold()) if eigenaar else None,
                deadline=deadline,
                status=_status_uit(cel(a.get("status"))) or "gepland",
                verkennend=bool(ja_nee(cel(a.get("verkennend")))),
                ronde_id=rondes.get(cel(a.get("ronde")).casefold()),
                notities=cel(a.get("notities")),
            )
        )
    return out
