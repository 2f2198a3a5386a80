"""The chat parser: plain lists, Zoom (current and older one-line form) and Teams."""

from __future__ import annotations

from pathlib import Path

import pytest

from schouders.importers import chat
from schouders.importers.chat import Item

DATA = Path(__file__).resolve().parent / "data"


def teksten(items: list[Item]) -> list[str]:
    return [i.tekst for i in items]


# ---- plain lines ---------------------------------------------------------------------------------


def test_plain_lines_strip_bullets_numbering_and_empty_lines() -> None:
    text = "- eerste\n\n• tweede\n* derde\n1. vierde\n2) vijfde\n   \nzesde zonder teken\n"
    assert teksten(chat.parse(text)) == ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde zonder teken"]
    assert all(i.auteur == "" for i in chat.parse(text))


def test_plain_lines_keep_inner_dashes_and_times() -> None:
    text = "Wachttijd is 6 - 8 weken\n10:30 overleg loopt uit"
    assert teksten(chat.parse(text)) == ["Wachttijd is 6 - 8 weken", "10:30 overleg loopt uit"]


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\x00", ":::", "[", "14:10:05 From"])
def test_odd_input_never_raises(text: str) -> None:
    items = chat.parse(text)
    assert isinstance(items, list)
    assert all(i.tekst.strip() for i in items)


def test_parse_lines_and_strip_bullet_still_public() -> None:
    assert chat.strip_bullet("  - punt ") == "punt"
    assert chat.parse_lines("a\n\nb") == [Item("a"), Item("b")]


# ---- Zoom ----------------------------------------------------------------------------------------


def test_zoom_sample_file() -> None:
    items = chat.parse((DATA / "voorbeeld_zoom_chat.txt").read_text(encoding="utf-8"))
    assert items == [
        Item("Klanten haken af na het eerste gesprek", "Marieke Visser", "14:10:05"),
        Item("Wij weten niet welke bewindvoerders in de regio actief zijn", "Youssef Amrani", "14:10:41"),
        Item("Het intakeformulier is te lang\nen te ingewikkeld voor laaggeletterden", "Marieke Visser", "14:11:02"),
    ]


def test_zoom_current_format_multiline_direct_messages_and_empty_lines() -> None:
    text = (
        "09:01:00 From Anna de Boer to Everyone:\n"
        "\tDe wachtlijst is te lang\n"
        "\n"
        "\tvooral in de zomer\n"
        "09:02:10 From Bert Jansen to Anna de Boer(Direct Message):\n"
        "\tzullen we straks even bellen?\n"
        "09:02:30 From Chris Smit to Bert Jansen (Privately):\n"
        "\tgeheim\n"
        "09:03:00 From Dewi Kok to Chris Smit:\n"
        "\tookal privé\n"
        "09:04:00 From Eva Tol to Everyone:\n"
        "\t\n"
        "09:05:00 From Fatima El Idrissi to Everyone:\n"
        "\tGeen tijd voor overleg met de keten\n"
    )
    items = chat.parse(text)
    assert items == [
        Item("De wachtlijst is te lang\nvooral in de zomer", "Anna de Boer", "09:01:00"),
        Item("Geen tijd voor overleg met de keten", "Fatima El Idrissi", "09:05:00"),
    ]


def test_zoom_reactions_skipped_and_reply_quote_dropped() -> None:
    text = (
        "10:00:00 From Anna to Everyone:\n"
        "\tTe weinig geld voor vrijwilligers\n"
        "10:00:20 From Bert to Everyone:\n"
        '\tReacted to "Te weinig geld voor..." with 👍\n'
        "10:01:00 From Chris to Everyone:\n"
        '\tReplying to "Te weinig geld voor..."\n'
        "\tEn de subsidie stopt volgend jaar\n"
    )
    assert chat.parse(text) == [
        Item("Te weinig geld voor vrijwilligers", "Anna", "10:00:00"),
        Item("En de subsidie stopt volgend jaar", "Chris", "10:01:00"),
    ]


def test_zoom_old_single_line_format() -> None:
    text = (
        "14:10:05\t From  Marieke Visser : Klanten haken af na het eerste gesprek\r\n"
        "14:10:41\t From  Youssef Amrani : Let op: niemand kent de bewindvoerders\r\n"
        "14:11:00\t From  Youssef Amrani to  Marieke Visser(Privately) : even bellen?\r\n"
        "14:11:30\t From  Anna to  Everyone : Het formulier is te lang\r\n"
        "\r\n"
        "14:12:00\t From  Bert : eerste regel\r\n"
        "\ttweede regel\r\n"
    )
    assert chat.parse(text) == [
        Item("Klanten haken af na het eerste gesprek", "Marieke Visser", "14:10:05"),
        Item("Let op: niemand kent de bewindvoerders", "Youssef Amrani", "14:10:41"),
        Item("Het formulier is te lang", "Anna", "14:11:30"),
        Item("eerste regel\ntweede regel", "Bert", "14:12:00"),
    ]


def test_zoom_lines_before_first_message_read_as_plain_lines() -> None:
    text = "Chat van vandaag\n14:10:05 From Anna to Everyone:\n\tGeen budget\n"
    assert chat.parse(text) == [Item("Chat van vandaag"), Item("Geen budget", "Anna", "14:10:05")]


def test_zoom_name_with_to_in_it_and_everyone_in_waiting_room() -> None:
    text = "11:00:00 From Otto ten Brink to Everyone (in Waiting Room):\n\tWe wachten te lang\n"
    assert chat.parse(text) == [Item("We wachten te lang", "Otto ten Brink", "11:00:00")]


# ---- Teams ---------------------------------------------------------------------------------------


def test_teams_sample_file() -> None:
    items = chat.parse((DATA / "voorbeeld_teams_chat.txt").read_text(encoding="utf-8"))
    assert items == [
        Item("Klanten haken af na het eerste gesprek", "Marieke Visser", "14:10"),
        Item("Wij weten niet welke bewindvoerders in de regio actief zijn", "Youssef Amrani", "14:11"),
    ]


def test_teams_multiline_empty_lines_and_dated_header() -> None:
    text = (
        "[14:10] Marieke Visser\n"
        "Klanten haken af\n"
        "na het eerste gesprek\n"
        "\n"
        "[14:11] Youssef Amrani\n"
        "\n"
        "[13-1 14:12] Anna de Boer\n"
        "- De keten kent elkaar niet\n"
    )
    assert chat.parse(text) == [
        Item("Klanten haken af\nna het eerste gesprek", "Marieke Visser", "14:10"),
        Item("- De keten kent elkaar niet", "Anna de Boer", "14:12"),
    ]


def test_herken() -> None:
    assert chat.herken("a\nb") == "regels"
    assert chat.herken("[14:10] Anna\nhoi") == "teams"
    assert chat.herken("14:10:05 From Anna to Everyone:\n\thoi") == "zoom"


# ---- decode --------------------------------------------------------------------------------------


def test_decode_windows_1252_and_refusals() -> None:
    assert chat.decode("café".encode("cp1252")) == "café"
    assert chat.decode("\ufeffhoi".encode()) == "hoi"
    with pytest.raises(ValueError, match="leeg"):
        chat.decode(b"  ")
    with pytest.raises(ValueError, match="binaire"):
        chat.decode(b"ab\x00cd")
