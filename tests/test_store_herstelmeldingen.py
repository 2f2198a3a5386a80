"""Recovery messages say what really happened (issue 20.6).

A store replaced with garbage while the app runs is set aside and written back from the data the app holds:
the message used to say "begint met een leeg bestand". A store deleted while the app runs was not mentioned
and lived on only in memory until the next change; now it is written back at once, and said so.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest

from schouders import store as store_mod
from schouders.model import Traject
from schouders.store import Store, StoreError


def _namen(path: Path) -> list[str]:
    data = orjson.loads(path.read_bytes())
    return sorted(d["naam"] for d in data.get("traject", {}).values())


def _met_traject(db_path: Path) -> Store:
    s = Store(db_path)
    s.add(Traject(naam="Noord"))
    assert s.meldingen == []
    return s


def test_rommel_tijdens_draaien_wordt_opnieuw_geschreven_uit_het_geheugen(db_path: Path) -> None:
    s = _met_traject(db_path)
    rommel = b"dit is geen json, maar het is wel langer dan het was " * 10
    db_path.write_bytes(rommel)
    assert [t.naam for t in s.snapshot().all("traject")] == ["Noord"]
    (apart,) = s.moved_aside
    assert apart.read_bytes() == rommel
    assert _namen(db_path) == ["Noord"]  # written back, not empty
    (melding,) = s.meldingen
    assert "leeg bestand" not in melding
    assert melding.startswith("Het gegevensbestand kon niet worden gebruikt (")
    assert melding.endswith(
        f"Het is onaangeroerd apart gezet als {apart}. Schouders heeft het gegevensbestand opnieuw geschreven "
        "uit wat er open stond (de laatste stand die Schouders zelf las of bewaarde)."
    )
    assert s.check() == [melding]


def test_rommel_bij_het_openen_begint_leeg(db_path: Path) -> None:
    db_path.write_bytes(b"{kapot")
    s = Store(db_path)
    (melding,) = s.meldingen
    assert melding.endswith("Schouders begint met een leeg bestand; je kunt hieronder een reservekopie terugzetten.")
    assert _namen(db_path) == []


def test_verwijderd_tijdens_draaien_wordt_opnieuw_geschreven_en_gemeld(db_path: Path) -> None:
    s = _met_traject(db_path)
    revisie = s.revision
    db_path.unlink()
    assert [t.naam for t in s.snapshot().all("traject")] == ["Noord"]
    assert _namen(db_path) == ["Noord"]
    assert s.meldingen == [
        f"Het gegevensbestand {db_path} was weg. Schouders heeft het opnieuw geschreven uit wat er open stond "
        "(de laatste stand die Schouders zelf las of bewaarde)."
    ]
    assert s.check() == []  # nothing is wrong any more
    s.snapshot()
    assert len(s.meldingen) == 1 and s.revision == revisie  # said once; the snapshot was not rebuilt
    s.add(Traject(naam="Zuid"))
    assert _namen(db_path) == ["Noord", "Zuid"]
    assert (os.stat(db_path).st_mode & 0o777) == 0o600


def test_verwijderd_en_niet_terug_te_schrijven(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk full at that moment: said once, the data kept in memory, the next change refused in Dutch."""
    s = _met_traject(db_path)
    db_path.unlink()

    def vol(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod, "atomic_write_bytes", vol)
    assert [t.naam for t in s.snapshot().all("traject")] == ["Noord"]
    assert s.meldingen == [
        f"Het gegevensbestand {db_path} was weg en kon niet opnieuw geschreven worden: de schijf is vol. "
        "Wat er open staat, is er alleen zolang Schouders draait."
    ]
    s.snapshot()
    assert len(s.meldingen) == 1
    with pytest.raises(StoreError, match="de schijf is vol"):
        s.add(Traject(naam="Zuid"))
    monkeypatch.undo()
    s.add(Traject(naam="Zuid"))
    assert _namen(db_path) == ["Noord", "Zuid"]
