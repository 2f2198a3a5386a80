"""Reading the cards of a page under AppTest: a card is the button of its own popover, its label is markdown."""

from __future__ import annotations

from typing import Any


def kaart_labels(at: Any) -> list[str]:
    """The labels of the popovers in the page's main area (the sidebar's timer is one too), in page order."""
    return [b.proto.popover.label for b in at.main.get("popover")]
