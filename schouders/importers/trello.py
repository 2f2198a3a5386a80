"""A Trello board's JSON export → acties (with their oplossingsrichting, knelpunten and owners).

Cards on open lists become acties; archived cards and closed lists are skipped and counted. The list a
card is on gives its status (by name, Dutch or English); a finished due date means klaar. Due dates and
members are kept (a member becomes the owner; unknown names become deelnemers), checklists and the
description become the action's notes. Cards made by our own Trello export carry "Oplossingsrichting:" and
"Knelpunten:" in their description: those come back as the action's richting and knelpunten (the
"Knelpunten" checklist that repeats them is not added to the notes).

Labels: one that names an aandachtsgebied (case-insensitive) gives the card's new knelpunten their gebied,
"Quick win" gives them a high quick-win score, "Verkennend" makes a verkennende actie. Labels that map to
nothing – or a gebied/quick-win label on a card without knelpunten, which an actie cannot hold – are named
in the import message ("Niet overgenomen: label 'Urgent' op 3 kaarten").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from schouders import methode
from schouders.importers.backup import json_laden
from schouders.importers.tabel import gebied_uit, norm
from schouders.importers.voorbeeld import (
    Probleem,
    Resultaat,
    bericht_toegevoegd,
    nieuw_traject_objecten,
    overgeslagen_zin,
)
from schouders.model import MAX_TEKST, Actie, Deelnemer, Entity, Knelpunt, Oplossingsrichting, Traject
from schouders.prioriteren import GRENS

MAX_BYTES = 20_000_000
RICHTING_KOP = "Oplossingsrichting:"
KNELPUNTEN_KOP = "Knelpunten:"
KADERS_KOP = "Kaders:"
VERKENNEND_LABEL = "Verkennend"
QUICK_WIN_LABEL = "Quick win"
KNELPUNTEN_CHECKLIST = "Knelpunten"
# The score a "Quick win" label gives: the lowest high score (4 on 1–5).
QUICK_WIN_SCORE = math.ceil(GRENS)

_STATUS_WOORDEN: dict[str, tuple[str, ...]] = {
    "gepland": ("gepland", "todo", "tedoen", "backlog", "nogtedoen", "planning", "later", "ideeen"),
    "bezig": ("bezig", "doing", "inprogress", "mee bezig", "onderhanden", "loopt", "inuitvoering"),
    "klaar": ("klaar", "done", "gedaan", "afgerond", "voltooid", "complete", "completed", "finished"),
    "gestopt": ("gestopt", "gestaakt", "stopped", "cancelled", "canceled", "geannuleerd", "vervallen"),
}


def status_van_lijst(naam: str) -> str | None:
    n = norm(naam)
    for key, label in methode.ACTIE_STATUSSEN:
        if n in (norm(key), norm(label)):
            return key
    for key, woorden in _STATUS_WOORDEN.items():
        if any(norm(w) == n or (len(norm(w)) >= 4 and norm(w) in n) for w in woorden):
            return key
    return None


@dataclass(frozen=True)
class Kaart:
    nummer: int
    wat: str
    status: str
    deadline: date | None
    leden: tuple[str, ...]
    notities: str
    richting: str
    kaders: str
    knelpunten: tuple[tuple[str, str | None, bool], ...]  # (tekst, gebied, quick win)
    gebieden: tuple[str, ...]
    verkennend: bool
    lijst: str
    quick_win: bool = False


@dataclass
class TrelloVoorbeeld:
    bestand: str
    bord: str
    kaarten: list[Kaart] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)
    overgeslagen: Counter[str] = field(default_factory=Counter)
    # (label, why) → number of cards; why is "" for a label that maps to nothing
    niet_overgenomen: Counter[tuple[str, str]] = field(default_factory=Counter)
    bron: str = "trello"

    def niet_overgenomen_zin(self) -> str:
        """'Niet overgenomen: label 'Urgent' op 3 kaarten.' – or '' when every label was used."""
        if not self.niet_overgenomen:
            return ""
        delen = [
            f"label '{lab}' op {n} kaart{'en' if n != 1 else ''}" + (f" ({waarom})" if waarom else "")
            for (lab, waarom), n in sorted(self.niet_overgenomen.items(), key=lambda x: (-x[1], x[0][0].casefold()))
        ]
        return "Niet overgenomen: " + ", ".join(delen) + "."

    def samenvatting(self) -> str:
        zin = f"{self.bestand}: Trello-bord '{self.bord}' met {len(self.kaarten)} acties"
        weg = []
        if self.overgeslagen["gearchiveerd"]:
            weg.append(f"{self.overgeslagen['gearchiveerd']} gearchiveerde kaarten")
        if self.overgeslagen["gesloten lijst"]:
            weg.append(f"{self.overgeslagen['gesloten lijst']} kaarten op gesloten lijsten")
        if weg:
            zin += " (overgeslagen: " + ", ".join(weg) + ")"
        zin += "."
        if self.niet_overgenomen:
            zin += " " + self.niet_overgenomen_zin()
        return zin

    def tabel(self) -> list[dict[str, Any]]:
        labels = dict(methode.ACTIE_STATUSSEN)
        return [
            {
                "Kaart": k.nummer,
                "Actie": k.wat,
                "Lijst": k.lijst,
                "Status": labels[k.status],
                "Deadline": k.deadline.isoformat() if k.deadline else "",
                "Leden": ", ".join(k.leden),
                "Oplossingsrichting": k.richting,
            }
            for k in self.kaarten
        ]

    def dubbel(self, snap: Any, traject_id: str, vraagstuk_id: str | None = None) -> list[Kaart]:
        """Cards already in the traject as an actie: the same text (as `knelpunten.normaliseer` compares it)
        under the same oplossingsrichting (by title; none matches none). Knelpunten and richtingen on a card
        are matched by text anyway (`objecten`), so a re-imported board adds nothing twice. `vraagstuk_id`
        is not used: actions belong to the traject."""
        if snap is None or not traject_id or snap.get("traject", traject_id) is None:
            return []
        from schouders.knelpunten import normaliseer

        titels = {r.id: r.titel for r in snap.of("richting", traject_id)}
        bestaand = {
            (normaliseer(a.wat), normaliseer(titels.get(a.richting_id, ""))) for a in snap.of("actie", traject_id)
        }
        return [k for k in self.kaarten if (normaliseer(k.wat), normaliseer(k.richting)) in bestaand]

    def zonder(self, overslaan: list[Kaart]) -> TrelloVoorbeeld:
        """A copy without these cards: its counts and save are exactly what lands."""
        weg = {id(k) for k in overslaan}
        return replace(self, kaarten=[k for k in self.kaarten if id(k) not in weg])

    def dubbel_regels(self, kaarten: list[Kaart]) -> list[str]:
        return [f"Kaart {k.nummer}: {' '.join(k.wat.split())[:80]}" for k in kaarten]

    def niets_te_doen(self) -> bool:
        return not self.kaarten

    def objecten(self, snap: Any, traject: Traject) -> list[Entity]:
        tid = traject.id
        mensen = {d.naam.casefold(): d.id for d in (snap.of("deelnemer", tid) if snap is not None else [])}
        richtingen = {r.titel.casefold(): r for r in (snap.of("richting", tid) if snap is not None else [])}
        knelpunten = {k.tekst.casefold(): k.id for k in (snap.of("knelpunt", tid) if snap is not None else [])}
        out: list[Entity] = []
        nieuwe_richtingen: dict[str, Oplossingsrichting] = {}
        for kaart in self.kaarten:
            for naam in kaart.leden:
                if naam.casefold() not in mensen:
                    d = Deelnemer(traject_id=tid, naam=naam[:120])
                    mensen[naam.casefold()] = d.id
                    out.append(d)
            kn_ids = []
            for tekst, gebied, quick_win in kaart.knelpunten:
                if tekst.casefold() not in knelpunten:
                    if gebied is None and len(kaart.gebieden) == 1:
                        gebied = kaart.gebieden[0]
                    # Our own export marks each quick win in its line; a foreign card only has the label.
                    if not any(q for _, _, q in kaart.knelpunten):
                        quick_win = kaart.quick_win
                    k = Knelpunt(
                        traject_id=tid,
                        tekst=tekst[:MAX_TEKST],
                        gebied=gebied,
                        quick_win=QUICK_WIN_SCORE if quick_win else None,
                        bron_stap=6,
                    )
                    knelpunten[tekst.casefold()] = k.id
                    out.append(k)
                kn_ids.append(knelpunten[tekst.casefold()])
            richting_id = None
            if kaart.richting:
                key = kaart.richting.casefold()
                r = richtingen.get(key) or nieuwe_richtingen.get(key)
                if r is None:
                    r = Oplossingsrichting(
                        traject_id=tid, titel=kaart.richting[:300], knelpunt_ids=tuple(kn_ids), kaders=kaart.kaders
                    )
                    nieuwe_richtingen[key] = r
                elif key in nieuwe_richtingen:
                    extra = tuple(i for i in kn_ids if i not in r.knelpunt_ids)
                    r = nieuwe_richtingen[key] = r.met(knelpunt_ids=r.knelpunt_ids + extra)
                richting_id = r.id
            eigenaar = mensen.get(kaart.leden[0].casefold()) if kaart.leden else None
            notities = kaart.notities
            if len(kaart.leden) > 1:
                notities = (f"Ook betrokken: {', '.join(kaart.leden[1:])}\n\n" + notities).strip()
            out.append(
                Actie(
                    traject_id=tid,
                    wat=kaart.wat,
                    richting_id=richting_id,
                    eigenaar_id=eigenaar,
                    deadline=kaart.deadline,
                    status=kaart.status,
                    verkennend=kaart.verkennend,
                    notities=notities[:MAX_TEKST],
                )
            )
        return list(nieuwe_richtingen.values()) + out

    def opslaan(
        self, store: Any, traject: Traject, vraagstuk_id: str | None = None, *, ook_dubbel: bool = True
    ) -> Resultaat:
        """Add the board in one write; `ook_dubbel=False` skips the cards `dubbel` names (as the preview did)."""
        snap = store.snapshot()
        basis = nieuw_traject_objecten(snap, traject)
        overgeslagen = [] if ook_dubbel or basis else self.dubbel(snap, traject.id)
        bron = self.zonder(overgeslagen) if overgeslagen else self
        objs = bron.objecten(None if basis else snap, traject)
        if not objs:
            if overgeslagen:
                raise ValueError(f"Alles uit {self.bestand} staat al in '{traject.naam}'; er is niets toegevoegd.")
            raise ValueError(f"{self.bestand} bevat geen kaarten om toe te voegen.")
        store.add_many(basis + objs)
        aantallen = Counter(o.kind for o in objs)
        bericht = bericht_toegevoegd(aantallen, traject.naam, bool(basis))
        if overgeslagen:
            bericht += f" {overgeslagen_zin(len(overgeslagen))}"
        if self.niet_overgenomen:
            bericht = f"{bericht} {self.niet_overgenomen_zin()}"
        return Resultaat(traject, dict(aantallen), bericht)


def is_trello(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("cards"), list) and isinstance(data.get("lists"), list)


def _datum(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        d = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d.astimezone().date() if d.tzinfo else d.date()


_GEBIED_LABELS = {norm(g.label): g.key for g in methode.GEBIEDEN} | {norm(methode.NIET_INGEDEELD): None}


def knelpunt_regel(tekst: str, gebied: str | None, quick_win: bool = False) -> str:
    """One knelpunt line in a card description: '- [Keten] tekst' or '- [Keten · Quick win] tekst'."""
    kop = methode.gebied_label(gebied) + (f" · {QUICK_WIN_LABEL}" if quick_win else "")
    return f"- [{kop}] {' '.join(tekst.split())}"


def _beschrijving(desc: str) -> tuple[str, str, str, tuple[tuple[str, str | None, bool], ...]]:
    """(other text, richting, kaders, knelpunten) from a card description written by our export."""
    richting = ""
    kaders = ""
    knelpunten: list[tuple[str, str | None, bool]] = []
    rest: list[str] = []
    in_knelpunten = False
    for regel in desc.splitlines():
        s = regel.strip()
        if s.startswith(RICHTING_KOP):
            richting = s[len(RICHTING_KOP) :].strip()
            in_knelpunten = False
        elif richting and not kaders and s.startswith(KADERS_KOP) and not rest:
            kaders = s[len(KADERS_KOP) :].strip()
        elif s == KNELPUNTEN_KOP:
            in_knelpunten = True
        elif in_knelpunten and re.match(r"^[-*•]\s+", s):
            tekst = re.sub(r"^[-*•]\s+", "", s).strip()
            gebied = None
            quick_win = False
            m = re.match(r"^\[([^\]]+)\]\s+(.+)$", tekst)
            if m:
                delen = [norm(d) for d in m.group(1).split("·")]
                if delen[0] in _GEBIED_LABELS and all(d == norm(QUICK_WIN_LABEL) for d in delen[1:]):
                    gebied, tekst = _GEBIED_LABELS[delen[0]], m.group(2).strip()
                    quick_win = len(delen) > 1
            if tekst:
                knelpunten.append((tekst, gebied, quick_win))
        else:
            in_knelpunten = False
            rest.append(regel)
    return "\n".join(rest).strip(), richting, kaders, tuple(knelpunten)


def lees(raw: bytes, naam: str = "het bestand") -> TrelloVoorbeeld:
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{naam} is te groot ({len(raw) // 1_000_000} MB; maximaal {MAX_BYTES // 1_000_000} MB).")
    return lees_data(json_laden(raw, naam), naam)


def lees_data(data: Any, naam: str) -> TrelloVoorbeeld:
    """A Trello board export → preview. Raises one Dutch ValueError for the wrong shape."""
    if not is_trello(data):
        ontbreekt = [k for k in ("lists", "cards") if not isinstance(data, dict) or k not in data]
        if ontbreekt:
            wat = " en ".join(f"'{k}'" for k in ontbreekt)
            reden = f"het onderdeel {wat} ontbreekt" if len(ontbreekt) == 1 else f"de onderdelen {wat} ontbreken"
        else:
            reden = "'lists' en 'cards' zijn geen lijsten"
        raise ValueError(
            f"{naam} is geen bruikbaar Trello-bord: {reden}. Exporteer in Trello via Menu → Afdrukken, "
            "exporteren en delen → Exporteren als JSON."
        )
    vb = TrelloVoorbeeld(naam, str(data.get("name") or "zonder naam"))
    lijsten: dict[str, dict[str, Any]] = {}
    for lijst in data["lists"]:
        if isinstance(lijst, dict) and isinstance(lijst.get("id"), str):
            lijsten[lijst["id"]] = lijst
    leden = {
        m["id"]: str(m.get("fullName") or m.get("username") or "").strip()
        for m in data.get("members") or []
        if isinstance(m, dict) and isinstance(m.get("id"), str)
    }
    checklists: dict[str, list[dict[str, Any]]] = {}
    for c in data.get("checklists") or []:
        if isinstance(c, dict) and isinstance(c.get("idCard"), str):
            checklists.setdefault(c["idCard"], []).append(c)
    label_namen = {
        lab["id"]: _label_naam(lab)
        for lab in data.get("labels") or []
        if isinstance(lab, dict) and isinstance(lab.get("id"), str)
    }
    kaarten = sorted(
        (c for c in data["cards"] if isinstance(c, dict)),
        key=lambda c: (_pos(lijsten.get(c.get("idList"), {}).get("pos")), _pos(c.get("pos"))),
    )
    if len(kaarten) != len(data["cards"]):
        vb.problemen.append(Probleem("sommige kaarten hebben een onbekende vorm; die zijn overgeslagen."))
    for nummer, card in enumerate(kaarten, start=1):
        lijst = lijsten.get(card.get("idList"))
        if card.get("closed"):
            vb.overgeslagen["gearchiveerd"] += 1
            continue
        if lijst is None:
            vb.problemen.append(
                Probleem("staat op een lijst die niet in het bestand staat; overgeslagen.", nummer, "Kaart")
            )
            continue
        if lijst.get("closed"):
            vb.overgeslagen["gesloten lijst"] += 1
            continue
        wat = " ".join(str(card.get("name") or "").split())
        if not wat:
            vb.problemen.append(Probleem("heeft geen titel; overgeslagen.", nummer, "Kaart"))
            continue
        if len(wat) > 500:
            vb.problemen.append(Probleem("titel langer dan 500 tekens; ingekort.", nummer, "Kaart"))
            wat = wat[:499] + "…"
        lijstnaam = str(lijst.get("name") or "")
        status = status_van_lijst(lijstnaam)
        if card.get("dueComplete"):
            status = "klaar"
        if status is None:
            status = "gepland"
        notities, richting, kaders, kn = _beschrijving(str(card.get("desc") or ""))
        kn_teksten = {" ".join(t.split()).casefold() for t, _, _ in kn}
        for cl in sorted(checklists.get(card.get("id"), []), key=lambda c: _pos(c.get("pos"))):
            if _herhaalt_knelpunten(cl, kn_teksten):
                continue
            regels = [f"Checklist {cl.get('name') or ''}:".replace(" :", ":")]
            for item in sorted(cl.get("checkItems") or [], key=lambda i: _pos(i.get("pos"))):
                if isinstance(item, dict):
                    vinkje = "[x]" if item.get("state") == "complete" else "[ ]"
                    regels.append(f"{vinkje} {item.get('name') or ''}".rstrip())
            notities = (notities + "\n\n" + "\n".join(regels)).strip()
        if len(notities) > MAX_TEKST:
            vb.problemen.append(
                Probleem(f"beschrijving en checklists langer dan {MAX_TEKST} tekens; ingekort.", nummer, "Kaart")
            )
            notities = notities[: MAX_TEKST - 1] + "…"
        labels = [label_namen.get(i, "") for i in card.get("idLabels") or [] if isinstance(i, str)]
        labels += [_label_naam(lab) for lab in card.get("labels") or [] if isinstance(lab, dict)]
        labels = list(dict.fromkeys(lab for lab in labels if lab))
        gebieden = tuple(dict.fromkeys(g for g in (gebied_uit(lab)[0] for lab in labels) if g))
        quick_win = False
        for lab in labels:
            if norm(lab) == norm(VERKENNEND_LABEL):
                continue
            bekend = norm(lab) == norm(QUICK_WIN_LABEL) or gebied_uit(lab)[0] is not None
            quick_win = quick_win or norm(lab) == norm(QUICK_WIN_LABEL)
            if not bekend:
                vb.niet_overgenomen[(lab, "")] += 1
            elif not kn:  # an actie has no gebied or quick win of its own: only its knelpunten do
                vb.niet_overgenomen[(lab, "geen knelpunt op de kaart")] += 1
        namen = tuple(leden[i] for i in card.get("idMembers") or [] if isinstance(i, str) and leden.get(i))
        vb.kaarten.append(
            Kaart(
                nummer=nummer,
                wat=wat,
                status=status,
                deadline=_datum(card.get("due")),
                leden=namen,
                notities=notities,
                richting=richting,
                kaders=kaders,
                knelpunten=kn,
                gebieden=gebieden,
                verkennend=any(norm(lab) == norm(VERKENNEND_LABEL) for lab in labels),
                lijst=lijstnaam,
                quick_win=quick_win,
            )
        )
    if not vb.kaarten:
        weg = sum(vb.overgeslagen.values())
        uitleg = f" ({weg} gearchiveerde of gesloten kaarten overgeslagen)" if weg else ""
        raise ValueError(f"{naam}: het Trello-bord heeft geen open kaarten om als actie te importeren{uitleg}.")
    return vb


def _label_naam(lab: dict[str, Any]) -> str:
    """A label's name; Trello's colour-only labels are named by their colour, so the message can name them."""
    naam = " ".join(str(lab.get("name") or "").split())
    return naam or (f"zonder naam, {lab['color']}" if isinstance(lab.get("color"), str) and lab["color"] else "")


def _herhaalt_knelpunten(checklist: dict[str, Any], kn_teksten: set[str]) -> bool:
    """True for our export's "Knelpunten" checklist: every item is a knelpunt already read from the description."""
    items = [i for i in checklist.get("checkItems") or [] if isinstance(i, dict)]
    return (
        bool(kn_teksten)
        and norm(str(checklist.get("name") or "")) == norm(KNELPUNTEN_CHECKLIST)
        and all(" ".join(str(i.get("name") or "").split()).casefold() in kn_teksten for i in items)
    )


def _pos(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0
