"""Pasted text and meeting chats → items (one knelpunt each).

Understood shapes, recognised automatically:
- plain lines: one item per non-empty line; bullets (-, •, *) and numbering (1., 2)) are stripped;
- a Zoom chat as Zoom saves it: `HH:MM:SS From NAME to Everyone:` with the message on the following
  tab-indented line(s), and the older one-line form `HH:MM:SS\t From  NAME : message`;
- messages copied from a Microsoft Teams meeting chat: `[HH:MM] NAME` followed by the message line(s).

Chat messages keep their author and time. Messages sent to one person (Zoom's "(Direct Message)",
"(Privately)" or "to NAME") are left out: they were not meant for the group. Zoom reactions are
skipped. Anything else reads as plain lines – parsing never raises.

Copy-paste noise never becomes text (`is_ruis`, `_schoon`): reactions and their counts ("👍 3", "Like 2",
"1 reactie"), lines of emoji only, "(Bewerkt)"/"(Edited)" markers, join/leave/recording system lines in
Dutch and English, and reply quotes (Teams copies the quoted message – often under its author and time,
or as "> …" lines – above the reply). A message that is only noise (a lone "👍") is left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 2_000_000

_BULLET = re.compile(r"^\s*(?:[-•*–·▪◦]|\(?\d{1,3}[.)]|[a-zA-Z][.)])\s+")

# Zoom, both forms: "14:10:05 From Marieke Visser to Everyone:" (message on the next lines) and
# "14:10:05\t From  Marieke Visser : message" (older, one line). Dutch Zoom writes "Van … aan Iedereen".
_ZOOM = re.compile(
    r"^\s*(?P<tijd>\d{1,2}:\d{2}:\d{2})\s+(?:From|Van)\s+(?P<wie>[^:\n]+?)\s*:(?:[ \t]*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_ZOOM_ONTVANGER = re.compile(r"^(?P<naam>.+?)\s+(?:to|aan|naar)\s+(?P<aan>.+)$", re.IGNORECASE)
_IEDEREEN = re.compile(r"^(?:everyone|iedereen|allen|all)\b", re.IGNORECASE)
_PRIVE = re.compile(r"\((?:direct message|privately|privé|prive|direct bericht)\)", re.IGNORECASE)
_ZOOM_REACTIE = re.compile(r"^(?:Reacted to |Removed a .* reaction|Heeft gereageerd op )", re.IGNORECASE)
_ZOOM_ANTWOORD = re.compile(r'^(?:Replying to|Antwoord op) ".*"\s*:?\s*$', re.IGNORECASE)

# Teams: "[14:10] Marieke Visser" – sometimes with a date inside the brackets ("[13-1 14:10]").
_TEAMS = re.compile(r"^\s*\[(?:[^\]\n]*?\s)?(?P<tijd>\d{1,2}:\d{2})(?::\d{2})?\]\s+(?P<naam>\S.*?)\s*$")


# ---- copy-paste noise ----------------------------------------------------------------------------

# Teams' reaction names as they are copied (English and Dutch Teams), optionally with a count.
_REACTIE_NAAM = (
    r"like|likes|heart|love|laugh|haha|surprised|wow|sad|angry|applause|clap|"
    r"vind ik leuk|leuk|hart|lachen|verrast|verdrietig|boos|applaus"
)
_REACTIE = re.compile(
    rf"^(?:(?:{_REACTIE_NAAM})\s*\d{{0,4}}[\s,]*)+$"
    r"|^\d{1,4}\s+(?:reactie|reacties|reaction|reactions)\.?$"
    r"|^(?:reacties|reactions)\s*:?\s*\d{0,4}$",
    re.IGNORECASE,
)
_BEWERKT_REGEL = re.compile(r"^\(?\s*(?:bewerkt|edited|gewijzigd)\s*\)?\.?$", re.IGNORECASE)
_BEWERKT_ACHTER = re.compile(r"\s*\((?:bewerkt|edited|gewijzigd)\)\s*$", re.IGNORECASE)
_NAAM_BEWERKT = re.compile(r"\s+\(?(?:bewerkt|edited)\)?$", re.IGNORECASE)
_WIE = r"[^\s.!?:][^.!?:\n]{0,79}?"  # a name (or "Anna en Bert") in a system line: short, no sentence in it
_SYSTEEM = re.compile(
    r"^(?:"
    # Dutch Teams
    rf"{_WIE}\s+(?:is|zijn)\s+toegevoegd\s+aan\s+(?:de|het)\s+(?:vergadering|chat|gesprek|groep)"
    rf"|{_WIE}\s+(?:heeft|hebben)\s+(?:de|het)\s+(?:vergadering|chat|gesprek|groep)\s+verlaten"
    rf"|{_WIE}\s+(?:heeft|hebben)\s+{_WIE}\s+toegevoegd(?:\s+aan\s+(?:de|het)\s+\w+)?"
    rf"|{_WIE}\s+(?:neemt|nemen)\s+deel\s+aan\s+de\s+vergadering"
    rf"|{_WIE}\s+is\s+(?:binnengekomen|vertrokken|verwijderd\s+uit\s+de\s+\w+)"
    r"|(?:de\s+)?(?:opname|transcriptie|opname\s+en\s+transcriptie)\s+(?:is|zijn)\s+(?:gestart|gestopt|beëindigd)"
    r"|(?:de\s+)?vergadering\s+(?:is\s+)?(?:gestart|begonnen|beëindigd|afgelopen)(?:\s*:.*)?"
    # English Teams and Zoom
    rf"|{_WIE}\s+(?:has\s+)?(?:joined|left)\s+(?:the\s+)?(?:meeting|chat|conversation)"
    rf"|{_WIE}\s+(?:was|were|has\s+been)\s+(?:added\s+to|removed\s+from)\s+the\s+(?:meeting|chat|conversation)"
    rf"|{_WIE}\s+added\s+{_WIE}\s+to\s+the\s+(?:meeting|chat|conversation)"
    r"|(?:the\s+)?(?:recording|transcription|recording\s+and\s+transcription)\s+(?:has\s+)?(?:started|stopped|ended)"
    r"|(?:the\s+)?meeting\s+(?:has\s+)?(?:started|ended)(?:\s*:.*)?"
    r")\s*[.!]?$",
    re.IGNORECASE,
)
# A reply quote's header as Teams copies it: "Marieke Visser 14:10", "Marieke Visser, 13-1 14:10",
# "Marieke Visser gisteren 14:10"; also "> Marieke Visser 14:10".
_CITAAT_KOP = re.compile(
    r"^>?\s*(?P<naam>[^\d\W][\w'’.\- ]{0,60}?)[,\s]+(?:(?:gisteren|yesterday|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?)\s+)?"
    r"\d{1,2}:\d{2}(?::\d{2})?$"
)
_TIJD = re.compile(r"^(?:(?:gisteren|yesterday|\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?)\s+)?\d{1,2}:\d{2}(?::\d{2})?$")
_TUSSENVOEGSELS = {"van", "de", "der", "den", "ten", "ter", "te", "het", "el", "al", "la", "le", "da", "di", "du", "op"}


def _is_emoji(ch: str) -> bool:
    if ch in "\u200d\ufe0f\ufe0e\u20e3":  # joiner, variation selectors, keycap
        return True
    if ch in "°©®™":  # symbols that come with text, not instead of it
        return False
    return unicodedata.category(ch) == "So" or "\U0001f3fb" <= ch <= "\U0001f3ff"  # symbols, skin tones


def _alleen_emoji(line: str) -> bool:
    """Only emoji (and perhaps counts): "👍", "👍 3", "❤️ 1 😂 2"."""
    tekens = [ch for ch in line if not ch.isspace() and ch not in ",·"]
    emoji = [ch for ch in tekens if _is_emoji(ch)]
    return bool(emoji) and all(_is_emoji(ch) or ch.isdigit() for ch in tekens)


def is_ruis(line: str) -> bool:
    """A line that is copy-paste noise of a meeting chat, never a knelpunt: a reaction (with its count),
    emoji only, an "edited" marker or a join/leave/recording system line."""
    t = " ".join(line.split())
    if not t:
        return False
    return bool(_alleen_emoji(t) or _REACTIE.match(t) or _BEWERKT_REGEL.match(t) or _SYSTEEM.match(t))


def _zonder_markering(line: str) -> str:
    return _BEWERKT_ACHTER.sub("", line)


def _lijkt_naam(naam: str, auteurs: set[str]) -> bool:
    naam = " ".join(naam.split())
    if naam.casefold() in auteurs:
        return True
    woorden = naam.split()
    if not 1 <= len(woorden) <= 5 or not woorden[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.casefold() in _TUSSENVOEGSELS for w in woorden)


def _afgekapt(line: str) -> bool:
    return line.rstrip().endswith(("…", "..."))


def _is_citaat_van(line: str, eerder: list[str]) -> bool:
    """Does the line repeat an earlier message – whole, or its start cut off with "…" as Teams quotes it?"""
    t = " ".join(line.strip().split()).casefold()
    vorige = [" ".join(e.split()).casefold() for e in eerder]
    if _afgekapt(t):
        kern = t.rstrip(".…").strip()
        return len(kern) >= 4 and any(e.startswith(kern) for e in vorige)
    return t in vorige


def _zonder_citaat(regels: list[str], auteurs: set[str], eerder: list[str]) -> list[str]:
    """A reply without the quote Teams copies above it."""
    r = [x.strip() for x in regels if x.strip()]
    if len(r) >= 2:
        kop = _CITAAT_KOP.match(r[0])
        bekend = bool(kop) and " ".join(kop.group("naam").split()).casefold() in auteurs
        # a quote header by someone not in this chat only with a quote-like next line ("…", "> …", a repeat):
        # "Overleg Noord 14:00" above two lines of text is a message, not a quote
        vreemd = (
            bool(kop)
            and not bekend
            and len(kop.group("naam").split()) >= 2
            and _lijkt_naam(kop.group("naam"), auteurs)
            and len(r) >= 3
            and (_afgekapt(r[1]) or r[1].startswith(">") or _is_citaat_van(r[1], eerder))
        )
        if (bekend or vreemd) and len(r) >= 3:
            # header + one quoted line (Teams shows one line of the quote) + the reply; "> …" lines too
            r = r[1:]
            if r[0].startswith(">"):
                while r and r[0].startswith(">"):
                    r = r[1:]
            else:
                r = r[1:]
        elif r[0].casefold() in auteurs and len(r) >= 4 and _TIJD.match(r[1]):
            r = r[3:]  # new Teams: author, time and the quoted line each on their own line
        elif r[0].startswith(">"):
            while r and r[0].startswith(">"):
                r = r[1:]
        elif _is_citaat_van(r[0], eerder):
            r = r[1:]
    return r


def _schoon(regels: list[str]) -> list[str]:
    """The lines of a message without noise lines and without "(Bewerkt)" at their end."""
    out: list[str] = []
    vorige_ruis = False
    for x in regels:
        if not x.strip():
            continue
        # a count on its own line right under a reaction ("👍" then "4") belongs to the reaction
        if is_ruis(x) or (vorige_ruis and x.strip().isdigit()):
            vorige_ruis = True
            continue
        vorige_ruis = False
        out.append(_zonder_markering(x))
    return out


@dataclass(frozen=True)
class Item:
    tekst: str
    auteur: str = ""
    tijd: str = ""


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def parse_lines(text: str) -> list[Item]:
    """One item per non-empty line, bullets and numbering stripped."""
    items = []
    for line in text.splitlines():
        if is_ruis(line):
            continue
        t = strip_bullet(_zonder_markering(line))
        if t and not is_ruis(t):
            items.append(Item(t))
    return items


def _join(lines: list[str]) -> str:
    """A multi-line message stays one item; empty lines inside it are dropped."""
    return "\n".join(s for s in (line.strip() for line in lines) if s)


def _zoom_afzender(wie: str) -> tuple[str, bool]:
    """(author, meant for the group?) from the part between "From" and the colon."""
    wie = " ".join(wie.split())
    if _PRIVE.search(wie):
        m = _ZOOM_ONTVANGER.match(wie)
        return (m.group("naam") if m else _PRIVE.sub("", wie).strip()), False
    m = _ZOOM_ONTVANGER.match(wie)
    if m is None:
        return wie, True  # older one-line form without a recipient: sent to everyone
    # "to Everyone" (also "to Everyone (in Waiting Room)") is public; "to Bert" is one person.
    return m.group("naam"), bool(_IEDEREEN.match(m.group("aan")))


def parse_zoom(text: str) -> list[Item]:
    """Items from a Zoom chat; lines before the first message read as plain lines."""
    items: list[Item] = []
    voor: list[str] = []
    huidig: tuple[str, str, bool] | None = None  # (auteur, tijd, publiek)
    regels: list[str] = []

    def klaar() -> None:
        if huidig is None:
            return
        auteur, tijd, publiek = huidig
        if regels and _ZOOM_ANTWOORD.match(regels[0].strip()):
            del regels[0]  # keep the reply, not the quote it answers
        tekst = _join(_schoon(regels))
        if publiek and tekst and not _ZOOM_REACTIE.match(tekst):
            items.append(Item(tekst, auteur, tijd))

    for line in text.splitlines():
        m = _ZOOM.match(line)
        if m:
            klaar()
            auteur, publiek = _zoom_afzender(m.group("wie"))
            huidig = (auteur, m.group("tijd"), publiek)
            rest = (m.group("rest") or "").strip()
            regels = [rest] if rest else []
        elif huidig is None:
            voor.append(line)
        else:
            regels.append(line)
    klaar()
    return parse_lines("\n".join(voor)) + items


def parse_teams(text: str) -> list[Item]:
    """Items from messages copied out of a Teams meeting chat."""
    items: list[Item] = []
    voor: list[str] = []
    huidig: tuple[str, str] | None = None
    regels: list[str] = []

    koppen = [m for m in map(_TEAMS.match, text.splitlines()) if m]
    auteurs = {_NAAM_BEWERKT.sub("", m.group("naam")).casefold() for m in koppen if not is_ruis(m.group("naam"))}
    eerder: list[str] = []

    def klaar() -> None:
        if huidig is None:
            return
        tekst = _join(_zonder_citaat(_schoon(regels), auteurs, eerder))
        if tekst:
            items.append(Item(tekst, huidig[0], huidig[1]))
            eerder.append(tekst)

    for line in text.splitlines():
        m = _TEAMS.match(line)
        if m:
            klaar()
            naam = _NAAM_BEWERKT.sub("", m.group("naam"))
            # "[14:00] Opname is gestart." is a system line, not an author: what follows has no author
            huidig = ("", m.group("tijd")) if is_ruis(naam) else (naam, m.group("tijd"))
            regels = []
        elif huidig is None:
            voor.append(line)
        else:
            regels.append(line)
    klaar()
    return parse_lines("\n".join(voor)) + items


def herken(text: str) -> str:
    """The shape of the text: "zoom", "teams" or "regels"."""
    zoom = teams = 0
    for line in text.splitlines():
        if _ZOOM.match(line):
            zoom += 1
        elif _TEAMS.match(line):
            teams += 1
    if zoom == 0 and teams == 0:
        return "regels"
    return "zoom" if zoom >= teams else "teams"


def parse(text: str) -> list[Item]:
    """Recognise the shape of the text and split it into items; unknown shapes read as plain lines."""
    if not isinstance(text, str):
        return []
    vorm = herken(text)
    if vorm == "zoom":
        return parse_zoom(text)
    if vorm == "teams":
        return parse_teams(text)
    return parse_lines(text)


def decode(raw: bytes, naam: str = "het bestand") -> str:
    """Bytes of a text file → text; refuses empty, binary and oversized files with a Dutch message."""
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{naam} is te groot ({len(raw) // 1024} kB, maximaal {MAX_BYTES // 1024} kB).")
    if not raw.strip():
        raise ValueError(f"{naam} is leeg.")
    if b"\x00" in raw[:4096]:
        raise ValueError(f"{naam} is geen tekstbestand (het bevat binaire gegevens).")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{naam} is geen leesbare tekst (onbekende tekenset).")
