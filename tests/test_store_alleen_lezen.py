"""A store the system will not let us write: one Dutch message, the file byte-identical, the data in memory back to
what is on disk (issue 20, part 4)."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from schouders import store as store_mod
from schouders.model import Knelpunt, Traject
from schouders.store import Store, StoreError


def _store(tmp_path):
    s = Store(tmp_path / "schouders.json", backup_interval=3600)
    t = Traject(naam="Alleen lezen", werkvorm="werkplaats")
    s.add(t)
    return s, t


def test_a_read_only_store_is_refused_not_replaced(tmp_path):
    s, t = _store(tmp_path)
    os.chmod(s.path, 0o444)
    voor = s.path.read_bytes()
    with pytest.raises(StoreError, match="alleen-lezen. Er is niets bewaard"):
        s.add(Knelpunt(traject_id=t.id, tekst="Komt er niet in"))
    assert s.path.read_bytes() == voor
    assert stat.S_IMODE(os.stat(s.path).st_mode) == 0o444
    assert s.snapshot().of("knelpunt", t.id) == []  # memory back to what is on disk


@pytest.mark.parametrize(
    ("fout", "tekst"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EROFS, "kan alleen gelezen worden"),
        (errno.EACCES, "geen toestemming om te schrijven"),
    ],
)
def test_a_refused_write_gets_one_dutch_message_and_the_file_stays(tmp_path, monkeypatch, fout, tekst):
    s, t = _store(tmp_path)
    voor = s.path.read_bytes()

    def weigert(path, payload):
        raise OSError(fout, os.strerror(fout))

    monkeypatch.setattr(store_mod, "atomic_write_bytes", weigert)
    with pytest.raises(StoreError) as info:
        s.add(Knelpunt(traject_id=t.id, tekst="Komt er niet in"))
    assert tekst in str(info.value) and "niet veranderd" in str(info.value)
    assert "Errno" not in str(info.value)
    assert s.path.read_bytes() == voor
    assert s.snapshot().of("knelpunt", t.id) == []
    monkeypatch.undo()
    s.add(Knelpunt(traject_id=t.id, tekst="Nu wel"))  # once the disk has room again, saving works
    assert [k.tekst for k in s.snapshot().of("knelpunt", t.id)] == ["Nu wel"]


def test_in_the_app_a_read_only_store_says_so_and_keeps_the_typed_text(app_test, store):
    t = Traject(naam="Alleen lezen in de app", werkvorm="werkplaats")
    store.add(t)
    at = app_test()
    at.query_params["traject"] = t.id
    at.run()
    at.switch_page("pages/stap4_aandachtsgebieden.py").run()
    os.chmod(store.path, 0o444)
    voor = store.path.read_bytes()
    at.text_input(key="s4_tekst").input("Wachttijd bij de balie")
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert not at.exception
    assert any("alleen" in e.value and "lezen" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_input(key="s4_tekst").value == "Wachttijd bij de balie"
    assert store.path.read_bytes() == voor
