"""The Praatplaat (issue 18.4): an A3 landscape poster of the seven aandachtsgebieden, as PDF and PNG."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from schouders import methode
from schouders.demo import WERKPLAATS
from schouders.exporters import praatplaat, tekenen
from schouders.model import Doel, Knelpunt, Traject, Vraagstuk
from tests.test_cli_io import ROOT


def _werkplaats(snap):
    return next(t for t in snap.all("traject") if t.naam == WERKPLAATS)


def _poppler(pdf: bytes, tmp_path, naam: str = "plaat") -> tuple[str, str]:
    """(pdfinfo, pdftotext -raw with all white space as one space)."""
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.fail("pdfinfo and pdftotext are needed: run scripts/test.sh, it installs them.")
    pad = tmp_path / f"{naam}.pdf"
    pad.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(pad)], check=True, capture_output=True, text=True).stdout
    tekst = subprocess.run(["pdftotext", "-raw", str(pad), "-"], check=True, capture_output=True, text=True).stdout
    return info, " ".join(tekst.split())


def test_pdf_is_a3_landscape_with_the_seven_gebieden_their_questions_vraagstuk_and_doel(demo_store, tmp_path):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    info, tekst = _poppler(praatplaat.pdf(snap, t.id), tmp_path)
    assert "Page size:       1190.55 x 841.89 pts (A3)" in info
    assert "Pages:           1" in info
    for g in methode.GEBIEDEN:
        assert g.label in tekst
        for vraag in g.prompts:
            assert vraag in tekst, vraag
    inh = praatplaat.inhoud(snap, t.id)
    assert inh.vraagstuk.startswith("Hoe zorgen we") and inh.vraagstuk in tekst
    assert inh.doel in tekst
    assert "Plak hier de post-its" in tekst and praatplaat.UITLEG_TITEL in tekst
    assert not any(k.tekst in tekst for k in snap.of("knelpunt", t.id))  # without: an empty plaat


def test_with_knelpunten_every_demo_knelpunt_is_a_post_it_in_its_gebied(demo_store, tmp_path):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    kn = snap.of("knelpunt", t.id)
    inh = praatplaat.inhoud(snap, t.id, met_knelpunten=True)
    data, indeling = praatplaat.pdf_en_indeling(inh)
    _, tekst = _poppler(data, tmp_path)
    for k in kn:
        assert k.tekst in tekst, k.tekst
    assert "en nog" not in tekst
    for g in methode.GEBIEDEN:
        verwacht = sorted(k.tekst for k in kn if k.gebied == g.key)
        assert sorted(" ".join(p) for p in indeling[g.label].teksten) == verwacht  # wrapped, not cut
    assert methode.NIET_INGEDEELD in tekst  # the demo has one knelpunt without a gebied: the eighth field
    assert f"{len(kn)} knelpunten op post-its" in tekst


def test_many_knelpunten_end_in_en_nog_n_and_nothing_is_cut_without_a_mark(store, tmp_path):
    t = Traject(naam="Druk")
    lang = "Overdracht van gegevens tussen Werk en Inkomen en de schulddienstverlening gaat te traag"
    kn = [Knelpunt(traject_id=t.id, tekst=f"{i:03d} {lang}", gebied="keten") for i in range(150)]
    kn += [Knelpunt(traject_id=t.id, tekst=f"Kort {i}", gebied="kennis") for i in range(30)]
    store.add_many([t, Vraagstuk(traject_id=t.id, tekst="Warme overdracht"), *kn])
    snap = store.snapshot()
    data, indeling = praatplaat.pdf_en_indeling(praatplaat.inhoud(snap, t.id, met_knelpunten=True))
    _, tekst = _poppler(data, tmp_path)
    keten = indeling["Keten"]
    assert keten.rest > 0 and keten.getoond + keten.rest == 150 and keten.getoond >= 20
    assert keten.pt == praatplaat.GROOTTES[-1]
    assert f"en nog {keten.rest}" in tekst
    for i in range(150):  # the first ones are on the plaat, whole; the others are not
        assert (f"{i:03d} {lang}" in tekst) == (i < keten.getoond), i
    kennis = indeling["Kennis"]
    assert kennis.rest == 0 and all(f"Kort {i}" in tekst for i in range(30))
    assert f"180 knelpunten, {180 - keten.rest} op de plaat; de andere {keten.rest} staan in het actieplan" in tekst


def test_postits_shrink_before_they_drop_and_prefer_whole_words():
    weinig = praatplaat.postits(["Te weinig tijd", "Geen geld"], 250, 200)
    assert weinig.pt == praatplaat.GROOTTES[0] and weinig.rest == 0
    veel = praatplaat.postits(["Te weinig tijd om vrijwilligers in te werken"] * 15, 250, 200)
    assert veel.pt < weinig.pt and veel.rest == 0
    te_veel = praatplaat.postits(["Te weinig tijd om vrijwilligers in te werken"] * 300, 250, 200)
    assert te_veel.pt == praatplaat.GROOTTES[-1] and te_veel.rest == 300 - te_veel.getoond > 0
    # a long word: a smaller letter rather than a broken word
    woord = praatplaat.postits(["Wachttijd bij de schulddienstverlening"], 250, 200)
    assert not any(r.endswith(tekenen.AFBREEK) for p in woord.teksten for r in p)


def test_lines_break_at_spaces_split_long_words_with_a_mark_and_end_cut_text_in_an_ellipsis():
    lijnen, heel = tekenen.regels("Een knelpunt over de schulddienstverlening", tekenen.LETTER, 10, 130)
    assert heel and " ".join(lijnen) == "Een knelpunt over de schulddienstverlening"
    lijnen, heel = tekenen.regels("Arbeidsongeschiktheidsverzekering", tekenen.LETTER, 10, 60)
    assert heel and len(lijnen) > 1 and all(r.endswith("-") for r in lijnen[:-1])
    assert "".join(r.removesuffix("-") for r in lijnen) == "Arbeidsongeschiktheidsverzekering"
    lijnen, heel = tekenen.regels("een twee drie vier vijf zes zeven acht negen tien", tekenen.LETTER, 10, 50, 2)
    assert not heel and len(lijnen) == 2 and lijnen[-1].endswith("…")
    assert all(w in "een twee drie vier vijf zes zeven acht negen tien".split() for w in lijnen[-1][:-1].split())


def test_dutch_letters_euro_and_quotes_come_out_right(store, tmp_path):
    t = Traject(naam="Cliënten €")
    store.add_many(
        [
            t,
            Vraagstuk(traject_id=t.id, tekst="Hoe krijgt de cliënt “warme” hulp voor € 50?"),
            Doel(traject_id=t.id, tekst="Naïeve coördinatie wordt één ‘keten’ – in 2027…"),
            Knelpunt(traject_id=t.id, tekst="Łódź-methode: geen ś of 😀 maar wél cliënt", gebied="kennis"),
        ]
    )
    _, tekst = _poppler(praatplaat.pdf(store.snapshot(), t.id, met_knelpunten=True), tmp_path)
    assert "Hoe krijgt de cliënt “warme” hulp voor € 50?" in tekst
    assert "Naïeve coördinatie wordt één ‘keten’ – in 2027…" in tekst
    assert "Lódz-methode: geen s of ? maar wél cliënt" in tekst  # outside Windows-1252: plain letter or '?'
    assert "Praatplaat: Cliënten €" in tekst


def test_png_is_the_same_drawing_at_150_dpi(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    data = praatplaat.png(snap, t.id, met_knelpunten=True)
    assert data.startswith(b"\x89PNG")
    beeld = Image.open(io.BytesIO(data))
    assert beeld.size == (2481, 1754)
    assert abs(beeld.size[0] / beeld.size[1] - 420 / 297) < 0.002
    klein = Image.open(io.BytesIO(praatplaat.png(snap, t.id, dpi=60)))
    assert abs(klein.size[0] - 992) <= 1 and abs(klein.size[1] - 701) <= 1
    # the gebied colours are on it: Klantbeleving's orange band top left
    assert beeld.convert("RGB").getpixel((120, 300)) == tuple(
        int(methode.GEBIEDEN[0].kleur[i : i + 2], 16) for i in (1, 3, 5)
    )


def test_same_input_same_bytes(demo_store):
    snap = demo_store.snapshot()
    t = _werkplaats(snap)
    assert praatplaat.pdf(snap, t.id, met_knelpunten=True) == praatplaat.pdf(snap, t.id, met_knelpunten=True)


def test_cli_writes_pdf_and_png_without_a_browser_on_path(tmp_path):
    db = tmp_path / "s.json"
    leeg = tmp_path / "bin"  # PATH with python alone: no chromium, no pdf tools
    leeg.mkdir()
    (leeg / "python3").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(leeg), "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "schouders", "--db", str(db), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("demo").returncode == 0
    proc = run("export", "--traject", WERKPLAATS, "--format", "praatplaat", "--met-knelpunten")
    assert proc.returncode == 0, proc.stderr
    pdf = next(tmp_path.glob("praatplaat-*met-knelpunten.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    proc = run("export", "--traject", WERKPLAATS, "--format", "praatplaat-png", "-o", "plaat.png")
    assert proc.returncode == 0, proc.stderr
    assert Image.open(tmp_path / "plaat.png").size == (2481, 1754)


def test_an_empty_traject_and_a_very_long_vraagstuk_still_make_a_plaat(store, tmp_path):
    leeg = Traject(naam="Leeg")
    lang = Traject(naam="Lang " * 23)
    vraag = "Hoe zorgen we samen voor een warme overdracht van elke inwoner met schulden " * 8
    store.add_many([leeg, lang, Vraagstuk(traject_id=lang.id, tekst=vraag)])
    snap = store.snapshot()
    _, tekst = _poppler(praatplaat.pdf(snap, leeg.id, met_knelpunten=True), tmp_path, "leeg")
    assert "Nog geen vraagstuk (stap 1)." in tekst and "Nog geen doel (stap 3)." in tekst
    assert "Nog geen knelpunten" in tekst and all(g.label in tekst for g in methode.GEBIEDEN)
    _, tekst = _poppler(praatplaat.pdf(snap, lang.id), tmp_path, "lang")
    assert "Hoe zorgen we samen" in tekst and "…" in tekst  # cut after a whole word, with a mark
    assert vraag.strip() not in tekst


def test_leernetwerk_shows_the_chosen_deelnemers_own_vraagstuk_and_doel(store):
    from schouders.model import Deelnemer

    t = Traject(naam="Leernetwerk", werkvorm="leernetwerk")
    a, b = Deelnemer(traject_id=t.id, naam="Ans"), Deelnemer(traject_id=t.id, naam="Bert")
    va = Vraagstuk(traject_id=t.id, tekst="Vraag van Ans", deelnemer_id=a.id)
    vb = Vraagstuk(traject_id=t.id, tekst="Vraag van Bert", deelnemer_id=b.id)
    store.add_many([t, a, b, va, vb, Doel(traject_id=t.id, tekst="Doel van Bert", vraagstuk_id=vb.id)])
    inh = praatplaat.inhoud(store.snapshot(), t.id, vraagstuk_id=vb.id)
    assert (inh.vraagstuk, inh.doel) == ("Vraag van Bert", "Doel van Bert")
