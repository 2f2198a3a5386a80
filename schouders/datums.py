"""Dates the Dutch way: "di 15 december 2026"."""

from __future__ import annotations

from datetime import date, datetime

DAGEN = ("ma", "di", "wo", "do", "vr", "za", "zo")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def datum_nl(value: date | datetime | str | None, *, leeg: str = "geen datum") -> str:
    """Format a date as 'di 15 december 2026'; ISO strings are accepted too."""
    if value in (None, ""):
        return leeg
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.date()
    return f"{DAGEN[value.weekday()]} {value.day} {MAANDEN[value.month - 1]} {value.year}"


def datumtijd_nl(value: datetime | str | None) -> str:
    """'di 15 december 2026, 14:05'."""
    if value in (None, ""):
        return "onbekend"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{datum_nl(value)}, {value:%H:%M}"
