"""Small additions to schouders/ui/scope.py for the meeting page and steps 8–10: start on the meeting of
today (or the latest one before today) the first time a traject is opened, and turn the leernetwerk
deelnemer scope into the set of that deelnemer's vraagstukken."""

from __future__ import annotations

from datetime import date
from typing import Any

from schouders.ui import scope
from schouders.ui.common import Context
from schouders.uitvoering import Scope, deelnemer_scope

BIJEENKOMST_KEY = scope.BIJEENKOMST_KEY
standaard_bijeenkomst = scope.standaard_bijeenkomst


def kies_bijeenkomst(ctx: Context, *, label: str = "Bijeenkomst", vandaag: date | None = None) -> Any | None:
    """scope.kies_bijeenkomst with a sensible first choice; returns the Bijeenkomst or None."""
    standaard_bijeenkomst(ctx, vandaag)
    return ctx.snap.get("bijeenkomst", scope.kies_bijeenkomst(ctx, label=label, key="bk_picker"))


def huidige(ctx: Context) -> Any | None:
    """The shared current bijeenkomst (chosen in the sidebar), without a widget on the page."""
    return ctx.snap.get("bijeenkomst", scope.gekozen_bijeenkomst(ctx))


def kies_scope(ctx: Context) -> tuple[str | None, Scope]:
    """Leernetwerk: the deelnemer chooser; returns (deelnemer id, their vraagstuk ids). Elsewhere
    nothing is shown and (None, None) means: everything of the traject."""
    did = scope.kies_deelnemer(ctx)
    return did, deelnemer_scope(ctx.snap, ctx.tid, did)
