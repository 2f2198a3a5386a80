"""Capture forms that are safe at any typing speed, with drafts that survive a page switch.

Why this exists. A form whose callback empties its own field (`st.session_state[key] = ""`) sends the empty
value to the browser with the rerun that follows. Until that rerun arrives the browser still shows the old
text, so what the procesbegeleider types right after Enter is appended to the previous knelpunt, and when
the empty value finally lands it wipes letters that were typed meanwhile (measured in Chromium: 18 of 30
exact at 0–250 ms between Enter and the next keystroke). With `clear_on_submit` the browser empties the form
itself in the same moment it sends it: the next keystrokes go into an empty field, whatever the server does.
So every capture form here clears in the browser, and a choice that must stay for the next item (the gebied
in stap 4, the richting in stap 7) lives outside the form, where the clear cannot reach it.

Text typed but not yet sent lives only in the browser (a form sends nothing before Enter), so the drafts are
kept there too: in the tab's sessionStorage, per traject and field, restored when the field comes back and
removed when the form is sent or the field is emptied. Nothing leaves the laptop.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

# Our own script; the only data in it are our own keys and the traject id, as JSON.
_CONCEPT_JS = """<script>
(function () {
  var cfg = %s;
  var S = window.__schoudersConcept = window.__schoudersConcept || {vakken: {}, traject: ""};
  S.vakken[cfg.vak] = true;
  S.traject = cfg.traject;
  function velden(vak) {
    return document.querySelectorAll(".st-key-" + vak + " [data-testid='stTextInput'] input, .st-key-" + vak +
      " [data-testid='stTextArea'] textarea");
  }
  function sleutel(el) {
    var box = el.closest("[class*='st-key-']");
    if (!box) return null;
    var naam = Array.prototype.find.call(box.classList, function (c) { return c.indexOf("st-key-") === 0; });
    return naam ? "schouders-concept:" + S.traject + ":" + naam.slice(7) : null;
  }
  function inVak(el) {
    return Object.keys(S.vakken).some(function (vak) { return el.closest(".st-key-" + vak); });
  }
  function zet(el, waarde) {
    var proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, waarde);
    el.dispatchEvent(new Event("input", {bubbles: true}));
  }
  function herstel() {
    Object.keys(S.vakken).forEach(function (vak) {
      velden(vak).forEach(function (el) {
        var k = sleutel(el);
        if (!k || el.__schoudersConcept === k) return;
        el.__schoudersConcept = k;
        var concept = window.sessionStorage.getItem(k);
        if (concept && !el.value) zet(el, concept);
      });
    });
  }
  function vergeet(el) {
    var form = el.closest("[data-testid='stForm']");
    if (!form) return;
    form.querySelectorAll("[data-testid='stTextInput'] input, [data-testid='stTextArea'] textarea")
      .forEach(function (veld) { var k = sleutel(veld); if (k) window.sessionStorage.removeItem(k); });
  }
  S.herstel = herstel;
  if (!S.aan) {
    S.aan = true;
    document.addEventListener("input", function (e) {
      var el = e.target;
      if (!el || !el.matches || !el.matches("input, textarea") || !inVak(el)) return;
      var k = sleutel(el);
      if (!k) return;
      if (el.value) window.sessionStorage.setItem(k, el.value); else window.sessionStorage.removeItem(k);
    }, true);
    document.addEventListener("keydown", function (e) {
      var el = e.target;
      if (e.key !== "Enter" || !el || !el.matches || !inVak(el)) return;
      if (el.tagName === "TEXTAREA" ? (e.ctrlKey || e.metaKey) : el.tagName === "INPUT") vergeet(el);
    }, true);
    document.addEventListener("click", function (e) {
      var knop = e.target && e.target.closest && e.target.closest("[data-testid='stFormSubmitButton'] button");
      if (knop && inVak(knop)) vergeet(knop);
    }, true);
    var gepland = false;
    new MutationObserver(function () {
      if (gepland) return;
      gepland = true;
      window.requestAnimationFrame(function () { gepland = false; S.herstel(); });
    }).observe(document.body, {childList: true, subtree: true});
  }
  herstel();
})();
</script>"""


# A multiselect's search field is one whole line while it has the focus and shrinks beside the last choice when
# it loses it: the form below jumps up under the pointer and the first click on the submit button misses it.
# Always a whole line: the height stays, the button stays where the user aims.
# Streamlit's own English hint in a form field ("Press Enter to submit form") has no parameter to say it in
# Dutch; our placeholders say "druk op Enter", so the English hint is hidden in capture forms.
_STIJL = (
    "<style>.st-key-VAK [data-testid='stMultiSelect'] input {min-width: 100% !important;}\n"
    ".st-key-VAK [data-testid='InputInstructions'] {display: none !important;}</style>"
)


@contextmanager
def formulier(key: str, *, traject_id: str, border: bool = True) -> Iterator[None]:
    """A capture form that empties itself in the browser the moment it is sent, and keeps unsent text as a
    draft per traject. Give every text field inside a `key`; never empty a field from the callback."""
    vak = f"{key}_vak"
    with st.container(key=vak):
        with st.form(key, clear_on_submit=True, enter_to_submit=True, border=border):
            yield
        st.html(
            _STIJL.replace("VAK", vak) + _CONCEPT_JS % json.dumps({"vak": vak, "traject": traject_id}),
            unsafe_allow_javascript=True,
        )


def terugzetten(waarden: dict[str, object]) -> None:
    """After a refused save, put what was sent back in the form's fields (call from the submit callback), so
    only the mistake needs fixing. The browser had already emptied them."""
    for key, waarde in waarden.items():
        st.session_state[key] = waarde
