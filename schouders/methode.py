"""The Schouders Eronder methode as data: steps, aandachtsgebieden, werkvormen.

Every other module takes these names from here, so the method is described in one place.
The texts are our own wording of the werkwijzer (2023).
"""

from __future__ import annotations

from dataclasses import dataclass

ONTDEKKEN = "Ontdekken en onderzoeken"
ONTWERPEN = "Ontwerpen en uitproberen"


@dataclass(frozen=True, slots=True)
class Stap:
    nummer: int
    naam: str
    doel: str
    diamant: str
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Aandachtsgebied:
    key: str
    label: str
    kleur: str
    omschrijving: str
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Werkvorm:
    key: str
    label: str
    omschrijving: str
    aantal_bijeenkomsten: int
    dagen_tussen: int
    max_uren_fysiek: float
    max_uren_online: float
    plan: tuple[tuple[int, ...], ...]  # steps covered per bijeenkomst, in order
    stappen: tuple[int, ...]  # steps the group does together
    eigen_vraagstuk: bool  # every deelnemer brings an own vraagstuk (leernetwerk)
    vaste_stappen: tuple[int, ...] = ()  # set beforehand by the organisers (themadag)
    max_verdieping_gebieden: int = 7  # how many gebieden stap 5 may take
    terugkom_na_dagen: int = 0  # leernetwerk: return meeting after the series


STAPPEN: tuple[Stap, ...] = (
    Stap(
        1,
        "Vraagstuk",
        "Beschrijf en begrens het vraagstuk: klein, concreet en door velen herkend.",
        ONTDEKKEN,
        (
            "Herkennen meer mensen dit, ook buiten één cliënt of één collega?",
            "Kunnen we dit alleen samen oplossen, met meerdere partijen?",
            "Is dit nog te groot? In welke kleinere vragen valt het uiteen?",
        ),
    ),
    Stap(
        2,
        "Quickscan",
        "Wat gaat al goed en wat kan beter? Noem ook successen, blijf bij het vraagstuk, "
        "en parkeer oplossingen voor later.",
        ONTDEKKEN,
        (
            "Wat gaat er nu al goed waar we energie van krijgen?",
            "Wat zegt dit punt over óns vraagstuk?",
            "Is dit een oplossing? Dan zetten we het op de parkeerplaats.",
        ),
    ),
    Stap(
        3,
        "Doel",
        "Wanneer zijn we tevreden? Maak het doel concreet, haalbaar en zo SMART mogelijk.",
        ONTDEKKEN,
        (
            "Wanneer zijn jullie tevreden? Wat is er dan anders?",
            "Hoe zien we dat het doel bereikt is?",
            "Is dit haalbaar met de mensen en middelen die er zijn?",
        ),
    ),
    Stap(
        4,
        "Aandachtsgebieden",
        "Loop alle aandachtsgebieden langs en verzamel snel de eerste knelpunten.",
        ONTDEKKEN,
        (
            "Wat knelt er op dit gebied, gezien vanuit ons vraagstuk?",
            "Eerst alles ophalen: verdiepen doen we in stap 5.",
        ),
    ),
    Stap(
        5,
        "Knelpuntenanalyse",
        "Verdiep per gebied, te beginnen bij het gebied met de meeste knelpunten, "
        "en zoek de samenhang met andere gebieden.",
        ONTDEKKEN,
        (
            "Waar komt dit knelpunt vandaan? Speelt er ook tijd, kennis of beleid mee?",
            "Met welke andere gebieden hangt dit samen?",
            "Is er een knelpunt dat alle andere blokkeert?",
        ),
    ),
    Stap(
        6,
        "Oplossingsrichtingen",
        "Bepaal eerst wat oplosbaar is, weeg dan belang tegen quick wins en kies richtingen met hun kaders.",
        ONTWERPEN,
        (
            "Kunnen wij hier iets aan doen, of kunnen we het alleen aankaarten?",
            "Wat draagt het meest bij aan het vraagstuk? Waar kunnen we morgen al mee beginnen?",
            "Wat leren de successen uit de quickscan ons?",
        ),
    ),
    Stap(
        7,
        "Acties plannen",
        "Maak van richtingen concrete acties, met een eigenaar en een datum. Plan er 1 tot 3 tegelijk.",
        ONTWERPEN,
        (
            "Wat is de eerste stap om te verkennen of dit haalbaar is?",
            "Wie pakt dit op, en wanneer is het klaar?",
            "Welke 1 tot 3 acties kiezen we voor deze ronde?",
        ),
    ),
    Stap(
        8,
        "Uitvoeren",
        "Voer de acties uit en begin met nieuwe manieren van werken.",
        ONTWERPEN,
        ("Wat is er sinds de vorige keer gedaan?", "Waar loopt een actie vast?"),
    ),
    Stap(
        9,
        "Evalueren",
        "Kijk bij elke verandering of die bijdraagt aan het doel en wat die nog meer doet.",
        ONTWERPEN,
        (
            "Helpt deze verandering ons doel dichterbij?",
            "Ontstaan er nieuwe knelpunten, of verschuiven bestaande?",
            "Zien we bijeffecten die we niet hadden verwacht?",
        ),
    ),
    Stap(
        10,
        "Bijsturen",
        "Pas het actieplan aan op wat de evaluatie liet zien.",
        ONTWERPEN,
        ("Wat stoppen we, wat passen we aan, wat komt erbij?", "Klopt het doel nog?"),
    ),
)

# Okabe–Ito palette: distinguishable for the common forms of colour blindness.
GEBIEDEN: tuple[Aandachtsgebied, ...] = (
    Aandachtsgebied(
        "klantbeleving",
        "Klantbeleving",
        "#E69F00",
        "Wat de klant nodig heeft, meemaakt en zelf kan.",
        (
            "Wat heeft de klant nodig, en krijgt hij dat nu ook van ons?",
            "Hoe beleeft de klant onze hulp en het contact met ons?",
            "Weet de klant bij wie hij met een vraag terecht kan?",
            "Hoe houden we contact met de klant?",
        ),
    ),
    Aandachtsgebied(
        "kennis",
        "Kennis",
        "#56B4E9",
        "De kennis die nodig is, zoals wetten en regels en kennis van andere organisaties, en het delen ervan.",
        (
            "Weten alle betrokkenen genoeg om hun deel van het werk goed te doen?",
            "Welke kennis mist er, bijvoorbeeld over regels of over andere organisaties?",
            "Wordt kennis die er is ook gedeeld met collega's en partners?",
        ),
    ),
    Aandachtsgebied(
        "kunde",
        "Kunde",
        "#009E73",
        "Vaardigheden van deelnemers, collega's en ketenpartners.",
        (
            "Beheersen de betrokkenen de vaardigheden die dit vraagt?",
            "Welke gespreksvaardigheden zijn nodig, en zijn die er?",
            "Geldt dat ook voor collega's en ketenpartners?",
        ),
    ),
    Aandachtsgebied(
        "keten",
        "Keten",
        "#0072B2",
        "De andere partijen die nodig zijn: samenwerken, rollen kennen, elkaar vinden, overdragen.",
        (
            "Welke partijen, binnen en buiten, zijn nodig voor dit vraagstuk?",
            "Hoe gaat de samenwerking nu?",
            "Kennen we elkaars rol en verantwoordelijkheid?",
            "Vinden we elkaar, en overleggen we over dossiers?",
            "Hoe gaat de overdracht van een dossier?",
        ),
    ),
    Aandachtsgebied(
        "bestuurlijk_mandaat",
        "Bestuurlijk mandaat",
        "#D55E00",
        "Mandaat, steun en urgentie in de organisatie; beleid en prioriteit in de praktijk.",
        (
            "Hebben we het mandaat om met dit vraagstuk aan de slag te gaan?",
            "Krijgen we genoeg steun uit de organisatie?",
            "Voelt de organisatie de urgentie?",
            "Is er beleid op dit vraagstuk, en krijgt het voorrang in de praktijk?",
        ),
    ),
    Aandachtsgebied(
        "randvoorwaarden",
        "Randvoorwaarden",
        "#CC79A7",
        "Praktische zaken: tijd, capaciteit, geld en digitale voorzieningen.",
        (
            "Is er genoeg capaciteit om dit op te pakken?",
            "Is er geld om het in de praktijk uit te voeren?",
            "Zijn de digitale voorzieningen op orde?",
        ),
    ),
    Aandachtsgebied(
        "open",
        "Open gebied",
        "#7F7F7F",
        "Alles wat nergens anders past.",
        (
            "Is er nog iets dat knelt en nergens anders past?",
            "Missen we een kant van het vraagstuk?",
        ),
    ),
)

NIET_INGEDEELD = "Nog niet ingedeeld"
NIET_INGEDEELD_KLEUR = "#BBBBBB"

GEBIED_BY_KEY: dict[str, Aandachtsgebied] = {g.key: g for g in GEBIEDEN}
GEBIED_KEYS: tuple[str, ...] = tuple(g.key for g in GEBIEDEN)
STAP_BY_NUMMER: dict[int, Stap] = {s.nummer: s for s in STAPPEN}

WERKVORMEN: tuple[Werkvorm, ...] = (
    Werkvorm(
        key="werkplaats",
        label="Werkplaats",
        omschrijving="Eén gemeente met haar ketenpartners werkt aan één gezamenlijk vraagstuk.",
        aantal_bijeenkomsten=8,
        dagen_tussen=28,
        max_uren_fysiek=4.0,
        max_uren_online=2.5,
        plan=(
            (1, 2, 3, 4),
            (1, 2, 3, 4),
            (5, 6, 7),
            (9, 10, 5, 6, 7),
            (9, 10, 5, 6, 7),
            (9, 10, 5, 6, 7),
            (9, 10, 6, 7),
            (9, 10),
        ),
        stappen=tuple(range(1, 11)),
        eigen_vraagstuk=False,
    ),
    Werkvorm(
        key="leernetwerk",
        label="Leernetwerk",
        omschrijving="Professionals uit verschillende organisaties, elk met een eigen vraagstuk rond één thema.",
        aantal_bijeenkomsten=7,
        dagen_tussen=7,
        max_uren_fysiek=4.0,
        max_uren_online=2.5,
        plan=((1, 2), (3, 4), (4, 5), (5, 6), (6, 7), (7,), (8, 9, 10)),
        stappen=tuple(range(1, 8)),
        eigen_vraagstuk=True,
        terugkom_na_dagen=90,
    ),
    Werkvorm(
        key="themadag",
        label="Themadag",
        omschrijving="Eén dag in twee delen rond één vraagstuk van de organisatoren; in deel 2 "
        "werken kleine groepen met de methode.",
        aantal_bijeenkomsten=2,
        dagen_tussen=0,
        max_uren_fysiek=4.0,
        max_uren_online=2.5,
        plan=((1, 3), (2, 4, 5, 6)),
        stappen=(2, 4, 5, 6),
        eigen_vraagstuk=False,
        vaste_stappen=(1, 3),
        max_verdieping_gebieden=2,
    ),
)
WERKVORM_BY_KEY: dict[str, Werkvorm] = {w.key: w for w in WERKVORMEN}

SMART: tuple[tuple[str, str, str], ...] = (
    ("S", "Specifiek", "Is het doel eenduidig en concreet genoeg?"),
    ("M", "Meetbaar", "Kunnen we zien of meten dat het bereikt is?"),
    ("A", "Acceptabel", "Past het binnen de kaders van alle betrokkenen?"),
    ("R", "Realistisch", "Is het haalbaar met wat er is?"),
    ("T", "Tijdgebonden", "Wanneer moet het bereikt zijn?"),
)

SMART_STATUSSEN: tuple[tuple[str, str], ...] = (
    ("ja", "Ja"),
    ("nee", "Nee"),
    ("onduidelijk", "Onduidelijk"),
)

DOEL_SOORTEN: tuple[tuple[str, str], ...] = (
    ("doel", "Doel"),
    ("subdoel", "Subdoel"),
    ("aangepast", "Aangepast doel"),
)

QUICKSCAN_SOORTEN: tuple[tuple[str, str], ...] = (
    ("succes", "Succespunten"),
    ("verbeter", "Verbeterpunten"),
)

KENMERKEN_VRAAGSTUK: tuple[tuple[str, str], ...] = (
    ("erkend", "Breed herkend: veel professionals vinden de situatie ongewenst"),
    ("overstijgend", "Gaat verder dan één cliënt of één professional"),
    ("maatschappelijk", "Maatschappelijk van belang en alleen samen op te lossen"),
)

OPLOSBAARHEID: tuple[tuple[str, str], ...] = (
    ("oplosbaar", "Oplosbaar"),
    ("buiten_invloed", "Buiten onze invloed (adresseren)"),
    ("onoplosbaar", "Onoplosbaar"),
)

ACTIE_STATUSSEN: tuple[tuple[str, str], ...] = (
    ("gepland", "Gepland"),
    ("bezig", "Bezig"),
    ("klaar", "Klaar"),
    ("gestopt", "Gestopt"),
)

ROLLEN: tuple[str, ...] = (
    "Gemeente",
    "Sociaal werk",
    "Vrijwilliger",
    "Ervaringsdeskundige",
    "Cliëntenraad",
    "Ketenpartner",
    "Expert",
    "Anders",
)

EVALUATIE_VRAGEN: tuple[tuple[str, str], ...] = (
    ("bijdrage", "Draagt de verandering bij aan het doel?"),
    ("nieuwe_knelpunten", "Levert de verandering nieuwe knelpunten op?"),
    ("verschuiving", "Verschuiven bestaande knelpunten, positief of negatief?"),
    ("bijeffecten", "Zijn er bijeffecten?"),
)

MAX_ACTIES_PER_RONDE = 3
SCORE_MIN, SCORE_MAX = 1, 5


def gebied_label(key: str | None) -> str:
    """Label for a gebied key; None or an unknown key reads as 'nog niet ingedeeld'."""
    g = GEBIED_BY_KEY.get(key or "")
    return g.label if g else NIET_INGEDEELD


def gebied_kleur(key: str | None) -> str:
    g = GEBIED_BY_KEY.get(key or "")
    return g.kleur if g else NIET_INGEDEELD_KLEUR


def stap(nummer: int) -> Stap:
    return STAP_BY_NUMMER[nummer]


def werkvorm(key: str) -> Werkvorm:
    return WERKVORM_BY_KEY[key]
