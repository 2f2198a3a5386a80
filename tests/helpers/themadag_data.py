"""A generated themadag at scale: 50 participants × 20 knelpunten = 1,000 knelpunten in 6 groups.

Most knelpunten come back in several groups in different words (a handful of phrasings per theme, with
varying additions); the rest are one-off remarks. Deterministic for a given seed. Used by the benchmark
and the browser test.
"""

from __future__ import annotations

import csv
import io
import random

from schouders import methode

# (gebied key, phrasings): each theme is said in several ways, as different groups would.
THEMAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "klantbeleving",
        (
            "Hulpvragers met schulden zijn moeilijk te vinden",
            "De vindbaarheid van de hulpvrager is slecht",
            "Inwoners met geldzorgen blijven onzichtbaar",
            "Cliënten met schulden zijn slecht bereikbaar",
        ),
    ),
    (
        "keten",
        (
            "Beroepskrachten en vrijwilligers kennen elkaar niet",
            "We kennen elkaar niet goed in de keten",
            "Vrijwilligers en professionals leren elkaar niet kennen",
            "Hulpverleners en vrijwilligers weten niet van elkaar wie wat doet",
        ),
    ),
    (
        "kennis",
        (
            "De AVG staat het delen van gegevens in de weg",
            "Onduidelijk welke gegevens we volgens de AVG mogen delen",
            "Privacyregels remmen het uitwisselen van informatie",
            "Vrijwilligers weten niet wat de AVG toestaat",
        ),
    ),
    (
        "randvoorwaarden",
        (
            "Te weinig tijd voor huisbezoeken",
            "De werkdruk laat geen tijd voor huisbezoeken",
            "Geen capaciteit om op huisbezoek te gaan",
        ),
    ),
    (
        "randvoorwaarden",
        (
            "Geen budget voor training van vrijwilligers",
            "Er is geen geld om vrijwilligers te trainen",
            "Financiering van de training voor vrijwilligers ontbreekt",
        ),
    ),
    (
        "klantbeleving",
        (
            "Mensen vragen pas laat om hulp door schaamte",
            "Schaamte houdt mensen weg bij de schuldhulp",
            "Uit schaamte zoeken inwoners te laat hulp",
        ),
    ),
    (
        "bestuurlijk_mandaat",
        (
            "De gemeente heeft geen beleid voor de inzet van vrijwilligers",
            "Er is geen gemeentelijk beleid over vrijwillige schuldhulp",
            "Beleid voor vrijwilligers in de schuldhulp ontbreekt bij de gemeente",
        ),
    ),
    (
        "randvoorwaarden",
        (
            "Systemen van gemeente en vrijwilligersorganisaties sluiten niet op elkaar aan",
            "De systemen zijn niet gekoppeld",
            "ICT van de partners sluit niet aan",
        ),
    ),
    (
        "keten",
        (
            "Niemand heeft de regie bij een hulpvrager met veel hulpverleners",
            "Te veel hulpverleners rond één gezin zonder regie",
            "Geen coördinatie als meerdere partijen bij één cliënt betrokken zijn",
        ),
    ),
    (
        "kunde",
        (
            "Geldzorgen bespreekbaar maken blijft lastig",
            "Het gesprek over geldzorgen is moeilijk te beginnen",
            "Professionals durven geldzorgen niet bespreekbaar te maken",
        ),
    ),
    (
        "open",
        (
            "Vrijwilligers haken af na een zware casus",
            "Na een zware casus stoppen vrijwilligers",
            "Uitval van vrijwilligers na zware casussen",
        ),
    ),
    (
        "keten",
        (
            "Doorverwijzen naar vrijwilligers gebeurt zelden",
            "Beroepskrachten verwijzen weinig door naar vrijwilligersorganisaties",
            "Er wordt nauwelijks doorverwezen naar vrijwillige hulp",
        ),
    ),
    (
        "kennis",
        (
            "Vrijwilligers kennen de regels van de schuldhulp onvoldoende",
            "Kennis van de wetgeving rond schuldhulp ontbreekt bij vrijwilligers",
            "Vrijwilligers missen kennis van de schuldregels",
        ),
    ),
    (
        "klantbeleving",
        (
            "Hulpvragers verdwalen tussen de loketten",
            "Te veel loketten voor één hulpvraag",
            "Inwoners weten niet bij welk loket ze moeten zijn",
        ),
    ),
)

TOEVOEGINGEN = (
    "",
    "",
    "",
    " in onze wijk",
    " vooral bij jongeren",
    " sinds de reorganisatie",
    " in de praktijk",
    " bij ondernemers",
    " in kleine kernen",
    " bij nieuwkomers",
)

# One-off remarks: built from parts, so each reads as its own knelpunt.
ONDERWERPEN = (
    "de wachtlijst bij de kredietbank",
    "het aanvraagformulier",
    "de bereikbaarheid van het wijkteam",
    "de overdracht na de zomer",
    "de huisvesting van het inloopspreekuur",
    "de vertaling van brieven",
    "het parkeren bij het gemeentehuis",
    "de planning van het spreekuur",
    "de folder over budgetbeheer",
    "de website van de bibliotheek",
    "de openingstijden van de voedselbank",
    "het vervoer naar de rechtbank",
)
GEBREKEN = (
    "is verouderd",
    "werkt averechts",
    "kost veel moeite",
    "roept vragen op",
    "schiet tekort",
    "is onbekend terrein",
)


def rijen(aantal: int = 1000, groepen: int = 6, seed: int = 8, deel_themas: float = 0.75) -> list[dict[str, str]]:
    """`aantal` knelpunten as rows {Knelpunt, Aandachtsgebied, Groep}, spread evenly over `groepen` groups."""
    rnd = random.Random(seed)
    out = []
    for i in range(aantal):
        groep = f"Groep {i % groepen + 1}"
        if rnd.random() < deel_themas:
            gebied, zinnen = rnd.choice(THEMAS)
            tekst = rnd.choice(zinnen) + rnd.choice(TOEVOEGINGEN)
        else:
            gebied = rnd.choice(methode.GEBIED_KEYS)
            tekst = f"{rnd.choice(ONDERWERPEN).capitalize()} {rnd.choice(GEBREKEN)} (punt {i + 1})"
        out.append({"Knelpunt": tekst, "Aandachtsgebied": methode.GEBIED_BY_KEY[gebied].label, "Groep": groep})
    return out


def csv_tekst(aantal: int = 1000, groepen: int = 6, seed: int = 8) -> str:
    """The rows as a semicolon-separated sheet, as Dutch Excel saves it."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["Knelpunt", "Aandachtsgebied", "Groep"], delimiter=";", lineterminator="\n")
    w.writeheader()
    w.writerows(rijen(aantal, groepen, seed))
    return buf.getvalue()
