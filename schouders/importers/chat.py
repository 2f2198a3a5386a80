"""Pasted text and meeting chats → items (one knelpunt each).

For now: plain lists. Bullets (-, •, *) and numbering (1., 2)) are stripped, empty lines skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 2_000_000

_BULLET = re.compile(r"^\s*(?:[-•*–·▪◦]|\(?\d{1,3}[.)]|[a-zA-Z][.)])\s+")


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


def parse(text: str) -> list[Item]:
    """Recognise the shape of the text and split it into items; unknown shapes read as plain lines."""
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
