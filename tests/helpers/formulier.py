"""AppTest cannot see the browser empty a form: check instead that a capture form is one that does."""

from __future__ import annotations

from typing import Any


def wist_zichzelf(at: Any, form_id: str) -> bool:
    """True when the form `form_id` is on the page and the browser empties it as it is sent."""

    def zoek(node: Any) -> Any:
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "form" and proto.form.form_id == form_id:
            return proto.form
        for kind in getattr(node, "children", {}).values():
            gevonden = zoek(kind)
            if gevonden is not None:
                return gevonden
        return None

    form = zoek(at._tree)
    return form is not None and form.clear_on_submit
