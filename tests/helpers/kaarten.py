"""Reading the cards of a page under AppTest: a card is the button of its own popover, its label is markdown."""

from __future__ import annotations

from typing import Any


def kaart_labels(at: Any, *, behalve: tuple[str, ...] = ()) -> list[str]:
    """The labels of the popovers in the page's main area (the sidebar's timer is one too), in page order,
    leaving out those labelled as in `behalve`."""
    return [b.proto.popover.label for b in at.main.get("popover") if b.proto.popover.label not in behalve]
