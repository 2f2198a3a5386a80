"""Pasted text and meeting chats → items (one knelpunt each).

Understood shapes, recognised automatically:
- plain lines: one item per non-empty line; bullets (-, •, *) and numbering (1., 2)) are stripped;
- a Zoom chat as Zoom saves it: `HH:MM:SS From NAME to Everyone:` with the message on the following
  tab-indented line(s), and the older one-line form `HH:MM:SS\t From  NAME : message`;
- messages copied from a Microsoft Teams meeting chat: `[HH:MM] NAME` followed by the message line(s).

Chat messages keep their author and time. Messages sent to one person (Zoom's "(Direct Message)",
"(Privately)" or "to NAME") are left out: they were not meant for the group. Zoom reactions are
skipped. Anything else reads as plain lines – parsing never raises.
"""

from __future__ import annotations

import re
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
        t = strip_bullet(line)
        if t:
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
        tekst = _join(regels)
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

    def klaar() -> None:
        if huidig is not None and (tekst := _join(regels)):
            items.append(Item(tekst, huidig[0], huidig[1]))

    for line in text.splitlines():
        m = _TEAMS.match(line)
        if m:
            klaar()
            huidig = (m.group("naam"), m.group("tijd"))
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
