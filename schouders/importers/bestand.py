"""One entry point for every file a procesbegeleider brings: pick the importer by name and content.

.csv/.tsv/.xlsx → spreadsheet (tabel); .json → a Schouders backup or a Trello board, told apart by their
content; anything else that is text (.txt: a Zoom or Teams chat, a plain list) → the chat parser of the
bulk paste. Every importer returns a preview with `samenvatting()`, `tabel(…)`, `problemen` and
`opslaan(…)`; nothing is saved here. Bad files raise one Dutch ValueError.
"""

from __future__ import annotations

import codecs
from pathlib import PurePath
from typing import Any

from schouders.importers.voorbeeld import Probleem, Punt, Voorbeeld

MAX_BYTES = 50_000_000  # the largest file any importer takes (a backup of everything)
TABEL = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")  # .xls only to say how to convert it
EXTENSIES = (*TABEL, ".json", ".txt")


def soort_bestand(raw: bytes, naam: str) -> str:
    """'tabel', 'json' or 'tekst'."""
    ext = PurePath(naam).suffix.lower()
    if ext in TABEL or raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        return "tabel"
    if ext == ".json" or raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"{":
        return "json"
    if is_tabel_tekst(raw):
        return "tabel"
    return "tekst"


def is_tabel_tekst(raw: bytes) -> bool:
    """A .txt that is a table: Excel's "Unicode-tekst" (UTF-16, tabs) or "Tekst (tab-gescheiden)" with a
    header that names a text column among other columns. A chat or plain list stays a chat."""
    from schouders.importers import tabel

    try:
        text, _ = tabel.decodeer(raw[:65536] if not raw.startswith((b"\xff\xfe", b"\xfe\xff")) else raw, "")
    except ValueError:
        return False
    regels = [r for r in text.splitlines()[: tabel.KOP_ZOEKEN] if r.strip()]
    if not regels or not any("\t" in r for r in regels):
        return False
    for regel in regels:
        kop = regel.split("\t")
        if len(kop) >= 2 and "tekst" in tabel.zoek_kolommen(kop, tabel.KOLOM_NAMEN, tabel._LOS_ZOEKEN):
            return True
    return False


def lees_chat(raw: bytes, naam: str, *, soort: str = "knelpunt") -> Voorbeeld:
    """A Zoom or Teams chat or a plain list (.txt) → preview; authors are kept."""
    from schouders.importers import chat

    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's and Notepad's "Unicode" is UTF-16: the chat parser reads UTF-8, so hand it that
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(f"{naam} zegt UTF-16 te zijn, maar bevat ongeldige tekens.") from None
    tekst = chat.decode(raw, naam)
    items = chat.parse(tekst)
    vb = Voorbeeld(bestand=naam, bron="chat")
    for nr, item in enumerate(items, start=1):
        vb.gelezen += 1
        punt = Punt(rij=nr, tekst=item.tekst, soort=soort, auteur=item.auteur, tijd=getattr(item, "tijd", ""))
        try:
            punt.model("controle")
        except ValueError as exc:
            vb.problemen.append(Probleem(f"{exc} Overgeslagen.", nr, "Bericht"))
            continue
        vb.punten.append(punt)
    if not vb.punten:
        raise ValueError(f"{naam} bevat geen regels met tekst.")
    return vb


def lees_bestand(raw: bytes, naam: str = "het bestand", *, soort: str = "knelpunt") -> Any:
    """The right importer's preview for this file."""
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{naam} is te groot ({len(raw) // 1_000_000} MB; maximaal {MAX_BYTES // 1_000_000} MB).")
    if not raw.strip():
        raise ValueError(f"{naam} is leeg.")
    wat = soort_bestand(raw, naam)
    if wat == "tabel":
        from schouders.importers import tabel

        return tabel.lees(raw, naam, soort=soort)
    if wat == "json":
        from schouders.importers import backup, trello

        data = backup.json_laden(raw, naam)
        if backup.is_backup(data):
            return backup.lees_data(data, naam)
        if trello.is_trello(data) or (isinstance(data, dict) and ("cards" in data or "lists" in data)):
            if len(raw) > trello.MAX_BYTES:
                raise ValueError(f"{naam} is te groot voor een Trello-bord.")
            return trello.lees_data(data, naam)  # explains what is missing when the shape is wrong
        raise ValueError(f"{naam} is geen reservekopie van Schouders en geen Trello-bord: ik herken de inhoud niet.")
    return lees_chat(raw, naam, soort=soort)
