"""Browser test for the Deelnemers grid and a fast user: a rol chosen in one row and a bad e-mail typed in another
reach the server in the same rerun. The rol must be saved and shown, the bad e-mail refused with one Dutch message
naming the row and the field, the typed text left in the grid to fix – and fixing it saves it.

To make "in the same rerun" certain rather than a matter of luck on a busy machine, the test holds back the
browser's rerun requests on the websocket while the person types (as a server still busy with the previous run
would), then lets through the last one: it carries both edits, exactly what Streamlit hands the page when
reruns pile up.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from schouders.model import Deelnemer
from schouders.store import Store
from schouders.trajecten import nieuw_traject
from tests.e2e.conftest import goto_page, wait_idle, wait_ready
from tests.e2e.test_stap123 import grid_tekst, kies_cel, typ_in_cel, vul_cel

pytestmark = pytest.mark.e2e

ROL = "Sociaal werk"
FOUT = "geen-mail"
GOED = "bram@example.nl"


class Sluis:
    """Sits on the app's websocket. While closed it keeps the page's (non-fragment) rerun requests instead of
    sending them on; `los()` sends only the newest, which holds all edits made in the meantime."""

    def __init__(self) -> None:
        self.dicht = False
        self.vast: list[bytes] = []
        self._server: WebSocketRoute | None = None

    def route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        self._server = server

        def naar_server(bericht: str | bytes) -> None:
            if self.dicht and isinstance(bericht, bytes):
                msg = BackMsg.FromString(bericht)
                if msg.WhichOneof("type") == "rerun_script":
                    if not msg.rerun_script.fragment_id:
                        self.vast.append(bericht)
                    return  # fragment reruns (the 1.5 s watcher) wait too; later ones carry the same state
            server.send(bericht)

        ws.on_message(naar_server)

    def los(self) -> None:
        """Open again and send the newest held rerun request (the others it contains)."""
        assert self._server is not None and self.vast
        self.dicht = False
        laatste, self.vast = self.vast[-1], []
        self._server.send(laatste)


def wacht_tot(pg: Page, klaar: Callable[[], bool], waarop: str, timeout: float = 40.0) -> None:
    """Poll `klaar` (store or websocket state, which the page cannot wait for) until it holds."""
    einde = time.monotonic() + timeout
    while not klaar():
        if time.monotonic() > einde:
            raise AssertionError(f"na {timeout:.0f} s nog niet: {waarop}")
        pg.wait_for_timeout(200)


def snel_kiezen(pg: Page, rij: int, kolom: int, tekst: str) -> None:
    """Choose an option in a selectbox cell by typing it, without waiting for any rerun."""
    for poging in range(3):  # a click while the grid is still settling may miss the cell: try again
        kies_cel(pg, rij, kolom)
        pg.keyboard.press("Enter")
        try:
            pg.get_by_role("option").first.wait_for(timeout=5000)  # the list is open
            break
        except Exception:
            if poging == 2:
                raise
            pg.keyboard.press("Escape")
    pg.keyboard.type(tekst)
    pg.get_by_role("option", name=tekst, exact=True).first.wait_for()
    pg.keyboard.press("Enter")


def test_snelle_gebruiker_rol_blijft_en_foute_email_krijgt_een_melding(page: Page, server) -> None:
    store = Store(server.db)
    t = nieuw_traject(store, "Werkplaats deelnemers", "werkplaats")
    anna = Deelnemer(traject_id=t.id, naam="Anna de Vries", organisatie="Gemeente Rivierstad")
    bram = Deelnemer(traject_id=t.id, naam="Bram Jansen", organisatie="Wijkteam")
    store.add_many([anna, bram])
    page.set_default_timeout(40_000)  # the machine is shared; 2 cores
    sluis = Sluis()
    page.route_web_socket("**/_stcore/stream", sluis.route)
    page.goto(server.url)  # a new session, now through the sluice
    wait_ready(page, timeout=60_000)
    goto_page(page, "Deelnemers")
    expect(page.get_by_text("2 deelnemers")).to_be_visible()

    # ---- the fast person: a rol in row 1, a bad e-mail in row 2, no rerun in between ----
    sluis.dicht = True
    snel_kiezen(page, 0, 2, ROL)
    vul_cel(page, 1, 3, FOUT)
    wacht_tot(
        page,
        lambda: bool(sluis.vast) and ROL.encode() in sluis.vast[-1] and FOUT.encode() in sluis.vast[-1],
        "één rerun-verzoek met de rol en de foute e-mail",
    )
    sluis.los()
    expect(page.get_by_text("Rij 2 (Bram Jansen)")).to_be_visible(timeout=40_000)  # that rerun has run
    wait_idle(page, 40_000)

    def opgeslagen() -> dict[str, Deelnemer]:
        return {d.naam: d for d in Store(server.db).snapshot().of("deelnemer", t.id)}

    wacht_tot(page, lambda: opgeslagen()["Anna de Vries"].rol == ROL, "de rol van Anna is opgeslagen", 20)
    assert opgeslagen()["Bram Jansen"] == bram  # the refused row is stored as it was
    melding = page.get_by_text("Rij 2 (Bram Jansen), e-mail: 'geen-mail' lijkt geen e-mailadres.")
    expect(melding).to_be_visible()  # names the row and the field
    expect(page.get_by_text("Niet bewaard")).to_have_count(1)  # one message
    tekst = grid_tekst(page)
    assert ROL in tekst and FOUT in tekst  # the rol is shown, the bad text stays to be fixed

    # ---- fixing the cell saves it, once, and the message goes ----
    typ_in_cel(page, 1, 3, GOED)
    wacht_tot(page, lambda: opgeslagen()["Bram Jansen"].email == GOED, "het verbeterde e-mailadres is opgeslagen")
    expect(melding).to_have_count(0)
    assert [d.naam for d in Store(server.db).snapshot().of("deelnemer", t.id)] == ["Anna de Vries", "Bram Jansen"]

    # ---- opened again, the grid shows what is stored ----
    page.reload()
    wait_ready(page, timeout=60_000)
    expect(page.get_by_text("2 deelnemers")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last.locator("table")).to_contain_text(ROL)
    tekst = grid_tekst(page)
    assert ROL in tekst and GOED in tekst and FOUT not in tekst
    assert not page.js_errors  # type: ignore[attr-defined]
