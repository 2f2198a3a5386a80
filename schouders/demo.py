"""Two demo trajecten, so a new user sees a full dashboard in one click.

Written for this app after the practice stories in the werkwijzer: a themadag on volunteers and
professionals in schuldhulp, and a werkplaats on bijstand and schulden. All names are made up.
"""

from __future__ import annotations

from datetime import date, timedelta

from schouders.model import (
    Actie,
    Deelnemer,
    Doel,
    Entity,
    Evaluatie,
    Expert,
    GeparkeerdeOplossing,
    Groep,
    Knelpunt,
    Leesitem,
    Oplossingsrichting,
    Quickscanpunt,
    Traject,
    Vraagstuk,
)
from schouders.store import Store
from schouders.trajecten import voorgesteld_plan, vrije_naam

THEMADAG = "Demo · Themadag vrijwilligers en beroepskrachten"
WERKPLAATS = "Demo · Werkplaats bijstand en schulden"


def _smart(**letters: str) -> dict[str, dict[str, str]]:
    return {k: {"status": v.split("|")[0], "notitie": v.split("|")[1] if "|" in v else ""} for k, v in letters.items()}


def themadag(naam: str = THEMADAG, vandaag: date | None = None) -> list[Entity]:
    vandaag = vandaag or date.today()
    t = Traject(
        naam=naam,
        werkvorm="themadag",
        thema="Vrijwillige schuldhulp en beroepskrachten",
        procesbegeleiders=("Anouk de Wit", "Ruben Mulder"),
        huidige_stap=5,
        verdieping_gebieden=("keten", "kennis"),
    )
    tid = t.id
    objs: list[Entity] = [t]
    delen = voorgesteld_plan("themadag", vandaag - timedelta(days=3), tid)
    delen[0] = delen[0].met(
        intentie="Kennis ophalen bij sprekers uit praktijk en onderzoek; uitleg van de methode.",
        agenda="Welkom\nTwee korte lezingen\nUitleg Schouders Eronder\nPauze",
        online=True,
    )
    delen[1] = delen[1].met(
        intentie="In groepen de knelpunten rond het vraagstuk verzamelen en twee gebieden verdiepen.",
        agenda="Quickscan\nKnelpunten per aandachtsgebied\nVerdieping keten en kennis\nTerugblik",
        online=True,
        verslag="Drie groepen hebben knelpunten verzameld. Vaak genoemd: hulpvragers zijn moeilijk te "
        "vinden, beroepskrachten en vrijwilligers kennen elkaar slecht, en de AVG remt het delen van "
        "gegevens.",
    )
    objs += delen
    deel2 = delen[1].id
    vraag = Vraagstuk(
        traject_id=tid,
        tekst="Hoe kunnen vrijwilligers en beroepskrachten in de schuldhulp elkaar versterken?",
        werkvraag=True,
        kenmerken={"erkend": True, "overstijgend": True, "maatschappelijk": True},
    )
    objs.append(vraag)
    objs.append(
        Doel(
            traject_id=tid,
            vraagstuk_id=vraag.id,
            tekst="Aan het eind van de dag weten we welke knelpunten in de samenwerking het vaakst "
            "terugkomen en in welke gebieden ze liggen.",
            smart=_smart(S="ja", M="ja|Top drie knelpunten over alle groepen", A="ja", R="ja", T="ja|Einde van de dag"),
            bijeenkomst_id=delen[0].id,
        )
    )
    groepen = [
        Groep(traject_id=tid, naam="Groep A", procesbegeleider="Anouk de Wit"),
        Groep(traject_id=tid, naam="Groep B", procesbegeleider="Ruben Mulder"),
        Groep(traject_id=tid, naam="Groep C", procesbegeleider="Fatma Yilmaz"),
    ]
    objs += groepen
    mensen = [
        ("Sanne Bakker", "SchuldHulpMaatje Oost", "Vrijwilliger", 0),
        ("Mehmet Kaya", "Gemeente Rivierstad", "Gemeente", 0),
        ("Lotte Jansen", "Humanitas thuisadministratie", "Vrijwilliger", 0),
        ("Peter Smit", "Wijkteam Noord", "Sociaal werk", 1),
        ("Ingrid Vos", "Stichting Geldfit", "Vrijwilliger", 1),
        ("Karim El Idrissi", "Kredietbank", "Ketenpartner", 1),
        ("Els Hoekstra", "Cliëntenraad", "Cliëntenraad", 2),
        ("Jeroen Dekker", "Gemeente Rivierstad", "Gemeente", 2),
        ("Naima Bouzid", "Ervaringsdeskundige", "Ervaringsdeskundige", 2),
    ]
    for n, org, rol, g in mensen:
        objs.append(Deelnemer(traject_id=tid, naam=n, organisatie=org, rol=rol, groep_id=groepen[g].id))

    qs = [
        (0, "succes", "Vrijwilligers hebben tijd voor een huisbezoek en winnen zo vertrouwen"),
        (0, "verbeter", "Beroepskrachten verwijzen zelden door naar vrijwilligers"),
        (1, "succes", "In twee wijken lopen vrijwilligers mee met het wijkteam"),
        (1, "verbeter", "Onduidelijk wie welke rol heeft bij één hulpvrager"),
        (2, "succes", "De voedselbank kent veel mensen met geldzorgen"),
        (2, "verbeter", "Informatie over een hulpvrager raakt kwijt bij de overdracht"),
    ]
    for g, soort, tekst in qs:
        objs.append(
            Quickscanpunt(
                traject_id=tid,
                soort=soort,
                tekst=tekst,
                vraagstuk_id=vraag.id,
                groep_id=groepen[g].id,
                bijeenkomst_id=deel2,
            )
        )
    objs.append(
        GeparkeerdeOplossing(
            traject_id=tid,
            vraagstuk_id=vraag.id,
            groep_id=groepen[0].id,
            tekst="Samen op huisbezoek: beroepskracht en vrijwilliger",
        )
    )
    objs.append(
        GeparkeerdeOplossing(
            traject_id=tid,
            vraagstuk_id=vraag.id,
            groep_id=groepen[2].id,
            tekst="Eén regionale verwijskaart van alle hulporganisaties",
        )
    )

    knelpunten = [
        # (groep, gebied, tekst, gerelateerd)
        (
            0,
            "klantbeleving",
            "Hulpvragers met schulden zijn moeilijk te vinden; veel hulpvragers blijven onzichtbaar",
            ("keten",),
        ),
        (0, "keten", "Beroepskrachten en vrijwilligers kennen elkaar niet goed", ("kennis",)),
        (
            0,
            "kennis",
            "Vrijwilligers weten niet wat de AVG toestaat bij het delen van gegevens",
            ("bestuurlijk_mandaat",),
        ),
        (0, "randvoorwaarden", "Beroepskrachten hebben te weinig tijd om vrijwilligers in te schakelen", ("keten",)),
        (0, "kunde", "Geldzorgen bespreekbaar maken blijft lastig in een eerste gesprek", ()),
        (0, "keten", "Bij één hulpvrager zijn soms vijf hulpverleners betrokken zonder regie", ("klantbeleving",)),
        (0, "bestuurlijk_mandaat", "De gemeente heeft geen beleid voor de inzet van vrijwilligers", ()),
        (1, "klantbeleving", "Vindbaarheid van de hulpvrager: mensen vragen pas laat om hulp door schaamte", ()),
        (1, "keten", "We kennen elkaar niet als vrijwilligersorganisaties en beroepskrachten", ("kennis",)),
        (1, "kennis", "Onduidelijk welke gegevens je volgens de AVG mag delen met vrijwilligers", ()),
        (1, "keten", "Vrijwilligersorganisaties spreken niet met één stem naar de gemeente", ("bestuurlijk_mandaat",)),
        (1, "kunde", "Beroepskrachten vinden het spannend om op vrijwilligers te leunen", ("keten",)),
        (1, "randvoorwaarden", "Geen vast budget voor training van vrijwilligers", ("bestuurlijk_mandaat",)),
        (1, "klantbeleving", "Hulpvragers verdwalen in een wirwar van loketten", ("keten",)),
        (2, "klantbeleving", "Hulpvragers zijn slecht vindbaar, vooral ondernemers en jongeren", ()),
        (2, "keten", "Beroepskrachten en vrijwilligers leren elkaar niet kennen in de drukte van de dag", ()),
        (2, "kennis", "De AVG remt het uitwisselen van informatie over een hulpvrager", ("randvoorwaarden",)),
        (2, "kennis", "Vrijwilligers kennen de regels van de schuldhulp onvoldoende", ()),
        (2, "randvoorwaarden", "Systemen van gemeente en vrijwilligers sluiten niet op elkaar aan", ("keten",)),
        (2, "open", "Vrijwilligers haken af na een zware casus", ()),
        (2, None, "Huisartsen en scholen zien signalen maar weten niet waar ze heen kunnen", ()),
    ]
    for g, gebied, tekst, rel in knelpunten:
        objs.append(
            Knelpunt(
                traject_id=tid,
                tekst=tekst,
                gebied=gebied,
                gerelateerde_gebieden=rel,
                groep_id=groepen[g].id,
                vraagstuk_id=vraag.id,
                bijeenkomst_id=deel2,
            )
        )
    kennen = [k for k in objs if isinstance(k, Knelpunt) and "kennen" in k.tekst]
    objs.append(
        Oplossingsrichting(
            traject_id=tid,
            titel="Ambassadeurs voor vrijwilligers binnen beroepsorganisaties",
            knelpunt_ids=tuple(k.id for k in kennen),
            groep_id=groepen[1].id,
            kaders="Past binnen bestaande uren; geen nieuwe overlegtafel.",
        )
    )
    objs.append(
        Expert(
            traject_id=tid,
            naam="Mr. J. de Boer",
            organisatie="Privacy-adviesbureau",
            gebied="kennis",
            contact="via de organisatoren",
        )
    )
    objs.append(
        Leesitem(
            traject_id=tid,
            titel="Handreiking samenwerking vrijwilligers en beroepskrachten",
            link="eigen archief",
            gebied="keten",
        )
    )
    return objs


def werkplaats(naam: str = WERKPLAATS, vandaag: date | None = None) -> list[Entity]:
    vandaag = vandaag or date.today()
    start = vandaag - timedelta(days=63)
    t = Traject(
        naam=naam,
        werkvorm="werkplaats",
        thema="Bijstand en problematische schulden",
        procesbegeleiders=("Marloes Peters",),
        huidige_stap=7,
    )
    tid = t.id
    objs: list[Entity] = [t]
    plan = voorgesteld_plan("werkplaats", start, tid)
    mensen = [
        Deelnemer(
            traject_id=tid,
            naam="Louise Timmers",
            organisatie="Schulddienstverlening",
            rol="Gemeente",
            email="l.timmers@example.nl",
        ),
        Deelnemer(traject_id=tid, naam="Hakim Benali", organisatie="Werk en Inkomen", rol="Gemeente"),
        Deelnemer(traject_id=tid, naam="Marianne Koster", organisatie="Wijkteam", rol="Sociaal werk"),
        Deelnemer(traject_id=tid, naam="Tom Verbeek", organisatie="Re-integratiebedrijf", rol="Ketenpartner"),
        Deelnemer(traject_id=tid, naam="Gerda Post", organisatie="Cliëntenraad", rol="Cliëntenraad"),
    ]
    objs += mensen
    ids = tuple(m.id for m in mensen)
    plan[0] = plan[0].met(
        intentie="Elkaar en elkaars werk leren kennen; het vraagstuk scherp krijgen.",
        agenda="Kennismaking: iedere organisatie vertelt wat ze doet\nStap 1 vraagstuk\nStap 2 quickscan",
        aanwezigen=ids,
        verslag="Iedere partij heeft haar werk toegelicht. Het brede vraagstuk is kleiner gemaakt; de "
        "groep kiest voor de vraag hoe bijstandsgerechtigden met schulden eerder en warmer worden "
        "overgedragen.",
    )
    plan[1] = plan[1].met(
        intentie="Een doel vaststellen en de eerste knelpunten per aandachtsgebied ophalen.",
        agenda="Terugblik\nStap 3 doel\nStap 4 aandachtsgebieden",
        aanwezigen=ids[:4],
        verslag="Doel in twee rondes aangescherpt. Veertien knelpunten verzameld; de meeste in keten en kennis.",
    )
    plan[2] = plan[2].met(
        intentie="Verdiepen op keten en kennis, prioriteren en de eerste acties kiezen.",
        agenda="Stap 5 verdieping\nStap 6 prioriteren\nStap 7 acties",
        aanwezigen=ids,
    )
    objs += plan
    m1, m2, m3 = plan[0].id, plan[1].id, plan[2].id
    breed = Vraagstuk(
        traject_id=tid,
        tekst="Hoe helpen we mensen met een bijstandsuitkering en problematische schulden, zodat de schulden "
        "hun deelname aan werk niet in de weg staan?",
        kenmerken={"erkend": True, "overstijgend": True, "maatschappelijk": True},
    )
    werk = Vraagstuk(
        traject_id=tid,
        tekst="Hoe zorgen we dat bijstandsgerechtigden met schulden na de aanvraag warm worden overgedragen "
        "aan de schulddienstverlening?",
        parent_id=breed.id,
        werkvraag=True,
        kenmerken={"erkend": True, "overstijgend": True, "maatschappelijk": True},
    )
    kleiner = Vraagstuk(
        traject_id=tid,
        tekst="Hoe herkennen consulenten Werk en Inkomen wanneer schulden problematisch zijn?",
        parent_id=breed.id,
    )
    objs += [breed, werk, kleiner]
    objs.append(
        Doel(
            traject_id=tid,
            vraagstuk_id=werk.id,
            bijeenkomst_id=m2,
            tekst="Meer mensen met schulden komen bij de schulddienstverlening terecht.",
            smart=_smart(
                S="onduidelijk|Wie zijn 'meer mensen'?", M="nee|Geen cijfer", A="ja", R="ja", T="nee|Geen datum"
            ),
            aangemaakt=f"{start + timedelta(days=28)}T10:15:00",
        )
    )
    objs.append(
        Doel(
            traject_id=tid,
            vraagstuk_id=werk.id,
            bijeenkomst_id=m2,
            tekst="Over een jaar krijgt 80% van de nieuwe bijstandsgerechtigden met problematische schulden binnen "
            "twee weken een warme overdracht naar de schulddienstverlening.",
            smart=_smart(
                S="ja",
                M="ja|Registratie bij de aanvraag",
                A="ja|Akkoord van beide teamleiders",
                R="onduidelijk|Hangt af van capaciteit",
                T="ja|Binnen een jaar",
            ),
            aangemaakt=f"{start + timedelta(days=28)}T11:40:00",
        )
    )
    for soort, tekst in [
        ("succes", "Werk en Inkomen vraagt bij de aanvraag al naar schulden"),
        ("succes", "De lijnen tussen wijkteam en schulddienstverlening zijn kort"),
        ("verbeter", "Inwoners moeten zelf een afspraak maken bij de schulddienstverlening"),
        ("verbeter", "Dezelfde gegevens worden twee keer uitgevraagd"),
    ]:
        objs.append(Quickscanpunt(traject_id=tid, soort=soort, tekst=tekst, vraagstuk_id=werk.id, bijeenkomst_id=m1))
    objs.append(
        GeparkeerdeOplossing(
            traject_id=tid, vraagstuk_id=werk.id, tekst="Een gezamenlijk intakeformulier voor beide afdelingen"
        )
    )
    kn_spec = [
        (
            "klantbeleving",
            "Inwoners voelen zich overvraagd doordat ze alles opnieuw moeten vertellen",
            ("keten",),
            "oplosbaar",
            False,
            4,
            4,
            5,
        ),
        ("klantbeleving", "Wie zelf een afspraak moet maken, komt vaak niet", ("keten",), "oplosbaar", True, 5, 4, 6),
        (
            "kennis",
            "Consulenten weten niet wanneer schulden problematisch zijn",
            ("kunde",),
            "oplosbaar",
            True,
            5,
            5,
            7,
        ),
        (
            "kennis",
            "Onduidelijk welke ontheffingen van de sollicitatieplicht gelden",
            ("keten",),
            "oplosbaar",
            False,
            3,
            4,
            2,
        ),
        (
            "kunde",
            "Geldzorgen bespreken aan het loket is lastig voor nieuwe consulenten",
            (),
            "oplosbaar",
            False,
            3,
            2,
            1,
        ),
        (
            "keten",
            "Overdracht van gegevens tussen Werk en Inkomen en schulddienstverlening is traag",
            ("randvoorwaarden",),
            "oplosbaar",
            True,
            5,
            2,
            6,
        ),
        ("keten", "Partners weten niet precies wat de ander doet", ("kennis",), "oplosbaar", False, 4, 5, 4),
        (
            "keten",
            "De re-integratiecoach hoort te laat dat er schulden zijn",
            ("klantbeleving",),
            "oplosbaar",
            False,
            3,
            3,
            2,
        ),
        (
            "bestuurlijk_mandaat",
            "Er is geen gezamenlijke opdracht van de wethouders voor werk en schulden",
            (),
            "buiten_invloed",
            False,
            None,
            None,
            1,
        ),
        (
            "randvoorwaarden",
            "Systemen van de afdelingen zijn niet gekoppeld",
            ("keten",),
            "buiten_invloed",
            False,
            None,
            None,
            3,
        ),
        (
            "randvoorwaarden",
            "De wet beperkt welke gegevens zonder toestemming gedeeld mogen worden",
            ("kennis",),
            "onoplosbaar",
            False,
            None,
            None,
            2,
        ),
        (
            "randvoorwaarden",
            "Wachttijd bij de schulddienstverlening is zes weken",
            ("klantbeleving",),
            "oplosbaar",
            False,
            4,
            1,
            3,
        ),
        ("open", "Samenwerking verwatert als mensen van baan wisselen", ("keten",), "oplosbaar", False, 2, 3, 0),
        (None, "Consulenten hebben weinig tijd per aanvraag", (), None, False, None, None, 0),
    ]
    kns: list[Knelpunt] = []
    for gebied, tekst, rel, opl, ess, belang, qw, stemmen in kn_spec:
        kns.append(
            Knelpunt(
                traject_id=tid,
                vraagstuk_id=werk.id,
                tekst=tekst,
                gebied=gebied,
                gerelateerde_gebieden=rel,
                oplosbaarheid=opl,
                essentieel=ess,
                belang=belang,
                quick_win=qw,
                stemmen=stemmen,
                bijeenkomst_id=m2,
                toelichting="Komt terug in bijna elk dossier." if stemmen >= 6 else "",
            )
        )
    objs += kns
    r1 = Oplossingsrichting(
        traject_id=tid,
        vraagstuk_id=werk.id,
        titel="Warme overdracht bij de bijstandsaanvraag",
        knelpunt_ids=(kns[1].id, kns[5].id, kns[0].id),
        kaders="Binnen de bestaande formatie; toestemming van de inwoner vooraf vastleggen.",
    )
    r2 = Oplossingsrichting(
        traject_id=tid,
        vraagstuk_id=werk.id,
        titel="Consulenten leren problematische schulden herkennen",
        knelpunt_ids=(kns[2].id, kns[4].id),
        kaders="Korte scholing; geen extra registratie.",
    )
    objs += [r1, r2]
    a1 = Actie(
        traject_id=tid,
        vraagstuk_id=werk.id,
        richting_id=r1.id,
        eigenaar_id=mensen[1].id,
        wat="Verkennen hoe een gezamenlijk eerste gesprek in de agenda past",
        verkennend=True,
        deadline=vandaag + timedelta(days=14),
        status="bezig",
        ronde_id=m3,
    )
    a2 = Actie(
        traject_id=tid,
        vraagstuk_id=werk.id,
        richting_id=r1.id,
        eigenaar_id=mensen[0].id,
        wat="Toestemmingsformulier voor het delen van gegevens opstellen",
        deadline=vandaag - timedelta(days=3),
        status="gepland",
        ronde_id=m3,
    )
    a3 = Actie(
        traject_id=tid,
        vraagstuk_id=werk.id,
        richting_id=r2.id,
        eigenaar_id=mensen[0].id,
        wat="Lunchsessie voor consulenten: wanneer zijn schulden problematisch?",
        deadline=vandaag - timedelta(days=10),
        status="klaar",
        ronde_id=m3,
    )
    objs += [a1, a2, a3]
    objs.append(
        Evaluatie(
            traject_id=tid,
            actie_id=a3.id,
            bijeenkomst_id=m3,
            antwoorden={
                "bijdrage": "Ja: consulenten verwijzen sinds de sessie vaker door.",
                "nieuwe_knelpunten": "Geen.",
                "verschuiving": "Het knelpunt over herkennen is kleiner geworden.",
                "bijeffecten": "Consulenten vragen nu ook om een korte handreiking.",
            },
        )
    )
    objs.append(
        Expert(
            traject_id=tid,
            naam="Dr. A. Vermeulen",
            organisatie="Lectoraat schulden en incasso",
            gebied="keten",
            contact="a.vermeulen@example.nl",
        )
    )
    objs.append(
        Leesitem(
            traject_id=tid,
            titel="Handreiking warme overdracht in het sociaal domein",
            link="https://example.nl/handreiking",
            gebied="keten",
        )
    )
    return objs


def laad_demo(store: Store) -> list[str]:
    """Add both demo trajecten (with free names) in one write; returns their names."""
    snap = store.snapshot()
    td = themadag(vrije_naam(snap, THEMADAG))
    wp = werkplaats(vrije_naam(snap, WERKPLAATS))
    store.add_many(td + wp)
    return [td[0].naam, wp[0].naam]  # type: ignore[attr-defined]
