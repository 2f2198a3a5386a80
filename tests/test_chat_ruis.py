"""Teams' and Zoom's copy-paste noise (issue 19.1): reactions, counts, "(Bewerkt)", system lines, reply quotes
and lone emoji never become knelpunt text. Each sample goes through the same public functions the app and the
command line use: `bestand.lees_bestand` (import page, `python -m schouders import`) and
`knelpunten.voorbeeld_rijen` (the bulk paste in stap 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schouders import knelpunten as kp
from schouders.importers import chat
from schouders.importers.bestand import lees_bestand

DATA = Path(__file__).resolve().parent / "data"

VERWACHT: dict[str, list[tuple[str, str]]] = {
    "teams_reacties.txt": [
        ("De wachttijd voor schuldhulp is drie maanden", "Marieke Visser"),
        ("Inwoners weten niet waar ze met een brief van de deurwaarder heen moeten", "Youssef Amrani"),
        ("Het intakegesprek gaat te veel over formulieren", "Bert Jansen"),
        ("Wij horen pas van schulden als het huurcontract al is opgezegd", "Fatima El Idrissi"),
    ],
    "teams_systeemregels.txt": [
        ("Goedemorgen allemaal, zet je knelpunten hier in de chat", "Marieke Visser"),
        ("Budgetcoaches en maatschappelijk werk zitten in verschillende gebouwen", "Youssef Amrani"),
        ("Er is geen vast aanspreekpunt bij de woningcorporatie", "Bert Jansen"),
        ("The forms for bijzondere bijstand are only online", "Chris Smit"),
    ],
    "teams_antwoord_citaat.txt": [
        ("Vrijwilligers van de formulierenbrigade stoppen na een paar maanden", "Marieke Visser"),
        ("Ze krijgen geen begeleiding en geen onkostenvergoeding", "Youssef Amrani"),
        ("Bij ons ook, en niemand houdt bij wie er nog actief is", "Anna de Boer"),
        ("Klopt, het budget daarvoor is vorig jaar geschrapt", "Bert Jansen"),
        ("De werving loopt via drie verschillende websites", "Chris Smit"),
    ],
    "zoom_reacties.txt": [
        ("Scholen zien de armoede wel maar weten niet bij wie ze het kunnen melden", "Marieke Visser"),
        ("Het kindpakket kent bijna niemand", "Bert Jansen"),
        ("Ouders schamen zich om hulp te vragen bij de gemeente", "Chris Smit"),
    ],
    "teams_gemengd.txt": [
        ("Jongeren met schulden vallen tussen wal en schip als ze achttien worden", "Marieke Visser"),
        ("De overdracht van jeugdhulp naar Wmo kost maanden", "Youssef Amrani"),
        ("Het sociaal wijkteam en de schuldhulp gebruiken verschillende registratiesystemen", "Bert Jansen"),
        ("Daardoor lopen de boetes van het CJIB intussen op", "Chris Smit"),
    ],
}


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_import_file_gives_exactly_these_knelpunten(naam: str) -> None:
    vb = lees_bestand((DATA / naam).read_bytes(), naam)
    assert [(p.tekst, p.auteur) for p in vb.punten] == VERWACHT[naam]
    assert vb.problemen == []


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_bulk_paste_gives_exactly_these_knelpunten(naam: str) -> None:
    rijen = kp.voorbeeld_rijen((DATA / naam).read_text(encoding="utf-8"))
    assert [(r["tekst"], r["auteur"]) for r in rijen] == VERWACHT[naam]


@pytest.mark.parametrize(
    "regel",
    [
        "👍",
        "👍 3",
        "❤️ 1",
        "😂 1 😮 2",
        "🙏🏽",
        "👏👏",
        "Like 2",
        "Vind ik leuk 1",
        "1 reactie",
        "3 reacties",
        "2 reactions",
        "(Bewerkt)",
        "Bewerkt",
        "(Edited)",
        "Marieke Visser is toegevoegd aan de vergadering.",
        "Anna de Boer heeft de vergadering verlaten.",
        "Opname is gestart.",
        "Opname is gestopt.",
        "De vergadering is gestart",
        "De vergadering is beëindigd: 1 u 4 min",
        "Chris Smit joined the meeting",
        "Recording has started",
        "Dewi Kok has left the chat",
        "Marieke Visser heeft Bert Jansen toegevoegd aan de vergadering.",
    ],
)
def test_noise_lines(regel: str) -> None:
    assert chat.is_ruis(regel)
    assert chat.parse(f"eerste punt\n{regel}\ntweede punt") == [chat.Item("eerste punt"), chat.Item("tweede punt")]


@pytest.mark.parametrize(
    "regel",
    [
        "Opname van klachten duurt te lang",
        "Like het of niet: de wachtlijst groeit",
        "3 maanden wachten op een intake",
        "De vergadering is gestart zonder agenda en zonder voorzitter",
        "Bewerkte formulieren komen niet aan",
        "Niemand weet wie er aan de vergadering heeft deelgenomen, en wat er besloten is",
        "Wachttijd 6 - 8 weken 😞",
    ],
)
def test_real_knelpunten_are_not_noise(regel: str) -> None:
    assert not chat.is_ruis(regel)
    assert chat.parse(regel) == [chat.Item(regel)]


def test_lone_emoji_message_and_edited_author_in_teams() -> None:
    text = "[10:00] Anna de Boer\n👍\n\n[10:01] Bert Jansen (Bewerkt)\nTe weinig tijd per klant (Bewerkt)\n"
    assert chat.parse(text) == [chat.Item("Te weinig tijd per klant", "Bert Jansen", "10:01")]


def test_a_file_of_only_noise_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="geen regels met tekst"):
        lees_bestand("[10:00] Anna\n👍\n[10:01] Opname is gestart.\n".encode(), "ruis.txt")


def test_quote_header_of_someone_outside_the_chat_needs_a_quote_like_line() -> None:
    bericht = "[10:00] Anna de Boer\nOverleg Noord 14:00\nniemand kwam opdagen\nwe wachten nog steeds\n"
    assert chat.parse(bericht) == [
        chat.Item("Overleg Noord 14:00\nniemand kwam opdagen\nwe wachten nog steeds", "Anna de Boer", "10:00")
    ]
    citaat = "[10:00] Anna de Boer\nKees van Dijk 09:40\nDe wachtlijst bij de…\nBij ons ook, een half jaar\n"
    assert chat.parse(citaat) == [chat.Item("Bij ons ook, een half jaar", "Anna de Boer", "10:00")]


def test_a_first_line_is_only_a_quote_when_it_repeats_an_earlier_message() -> None:
    text = "[10:00] Anna\nTe weinig geld voor vrijwilligers\n[10:01] Bert\nTe weinig\ntijd voor overleg\n"
    assert chat.parse(text)[1] == chat.Item("Te weinig\ntijd voor overleg", "Bert", "10:01")
    text = "[10:00] Anna\nTe weinig geld\n[10:01] Bert\nTe weinig geld\nen ook geen ruimte\n"
    assert chat.parse(text)[1] == chat.Item("en ook geen ruimte", "Bert", "10:01")


@pytest.mark.parametrize("regel", ["20°", "^^", "© 2024"])
def test_text_symbols_are_not_emoji(regel: str) -> None:
    assert not chat.is_ruis(regel)
