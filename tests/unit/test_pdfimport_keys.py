"""Each text-layer PDF of tests/fixtures/pdf against its answer key (tests/fixtures/pdf/keys),
written by reading the rendered pages: step numbers, every Waktu as printed, the lanes of every
step's symbols, the decisions and where their branches lead. And each import is a valid SOP file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from soptui.pdfimport import read_pdf, to_text
from soptui.sopfile import parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
KEYS = sorted((FIXTURES / "keys").glob("*.toml"))


def norm(text: str) -> str:
    """Whitespace, dash and slash spacing as the eye reads them ("1 – 5" = "1 - 5", "Tim/ Proyek")."""
    text = re.sub(r"\s+", " ", text.replace("–", "-").replace("—", "-")).strip()
    return re.sub(r"\s*([-/])\s*", r"\1", text)


def procedures(key: dict) -> list[dict]:
    return key["prosedur"] if "prosedur" in key else [{"langkah": key["langkah"], "lanes": key["lanes"]}]


@pytest.fixture(scope="module", params=KEYS, ids=lambda p: p.stem)
def case(request):
    key = tomllib.loads(request.param.read_text(encoding="utf-8"))
    return key, read_pdf(FIXTURES / key["file"])


def test_nine_keys():
    assert len(KEYS) == 9


def test_one_sop_per_step_table(case):
    key, imported = case
    assert len(imported) == len(procedures(key))
    if "prosedur" in key:
        assert [i.sop.judul_prosedur for i in imported] == [p["judul"] for p in key["prosedur"]]


def test_identity(case):
    key, imported = case
    for imp in imported:
        assert imp.sop.identity.nomor == key["nomor"]
        if "nama" in key:
            assert imp.sop.identity.nama == key["nama"]
        for field in ("unit", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
            if field in key:
                assert getattr(imp.sop.identity, field) == key[field], field
        if "nip" in key:
            assert imp.sop.identity.disahkan_oleh.nip == key["nip"]


def test_lanes(case):
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        assert [norm(r) for r in imp.sop.roles] == [norm(x) for x in proc["lanes"]]


def test_step_numbers_and_waktu(case):
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        got = [(r.printed.rstrip("."), norm(r.waktu), r.waktu_shared) for r in imp.readings]
        want = [(str(s["no"]), norm(s["waktu"]), s.get("waktu_sel_gabungan", False)) for s in proc["langkah"]]
        assert got == want


def test_pelaksana_of_every_step(case):
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        got = [(r.printed.rstrip("."), sorted(norm(x) for x in r.lanes)) for r in imp.readings]
        want = [(str(s["no"]), sorted(norm(x) for x in s["pelaksana"])) for s in proc["langkah"]]
        assert got == want
        # the written steps carry them too, each lane once
        for step, reading in zip(imp.sop.steps, imp.readings):
            assert sorted(step.all_pelaksana) == sorted(reading.lanes)


def test_decisions_and_their_targets(case):
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        want = {(str(s["no"]), norm(d["lane"]), label.lower(), str(target))
                for s in proc["langkah"] for d in s.get("keputusan", []) for label, target in d["cabang"].items()}
        # a branch drawn to two symbols (two "Ya" arrows) is read as reaching both: the first counts
        got = {(r.printed.rstrip("."), norm(lane), label.lower(), min(targets, key=lambda x: int(x.rstrip("."))).rstrip("."))
               for r in imp.readings for lane, _q, branches in r.diamonds for label, targets in branches}
        assert got == want


def test_questions_as_printed(case):
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        want = [(str(s["no"]), d["tanya"]) for s in proc["langkah"] for d in s.get("keputusan", []) if "tanya" in d]
        got = {(r.printed.rstrip("."), q) for r in imp.readings for _l, q, _b in r.diamonds}
        assert set(want) <= got


def test_the_import_is_a_valid_sop_file(case):
    _key, imported = case
    for imp in imported:
        loaded = parse_text(to_text(imp), f"{imp.sop.id}.toml", imp.sop.id)
        assert [s.no for s in loaded.sop.steps] == [s.no for s in imp.sop.steps]
        assert [s.all_pelaksana for s in loaded.sop.steps] == [s.all_pelaksana for s in imp.sop.steps]


def test_written_decisions(case):
    """What the SOP file carries: a Ya/Tidak diamond is the step's decision (a "tidak" back or
    forward); where the key says otherwise (`ditulis`), as it says, with a review note if asked."""
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        for s in proc["langkah"]:
            diamonds = s.get("keputusan", [])
            want = s.get("ditulis")
            if want is None and len(diamonds) == 1 and set(diamonds[0]["cabang"]) == {"Ya", "Tidak"}:
                want = {"ya": diamonds[0]["cabang"]["Ya"], "tidak": diamonds[0]["cabang"]["Tidak"]}
            step = next(x for x in imp.sop.steps if x.no == s["no"])
            if not want:
                assert not step.is_decision, s["no"]
                continue
            assert (step.tidak, imp.sop.next_after(step.no, "ya")) == (want["tidak"], want["ya"]), s["no"]
            if "tanya" in want:
                assert step.pertanyaan == want["tanya"]
            notes = [k for k in imp.notes if k in {f"langkah.{s['no']}.{f}" for f in ("tidak", "ya", "pertanyaan")}]
            assert bool(notes) == want.get("periksa", bool(notes)), (s["no"], notes)


def test_a_merged_waktu_cell_is_measured_once_on_the_spans_first_step(case):
    """The key marks the steps whose Waktu cell began in the row before (waktu_sel_gabungan)."""
    key, imported = case
    for proc, imp in zip(procedures(key), imported):
        keyed = proc["langkah"]
        for k, s in enumerate(keyed):
            if not s.get("waktu_sel_gabungan"):
                continue
            first = next(keyed[j] for j in range(k, -1, -1) if not keyed[j].get("waktu_sel_gabungan"))
            step, head = imp.sop.step(s["no"]), imp.sop.step(first["no"])
            assert step.waktu == "" and step.standard is None
            assert norm(head.waktu) == norm(first["waktu"]) and head.standard is not None
            assert f"on step {first['no']}" in imp.notes[f"langkah.{s['no']}.waktu"]
            assert f"covers steps {first['no']}–" in imp.notes[f"langkah.{first['no']}.waktu"]
            assert f"Steps {first['no']}–" in imp.notes[""]


def test_boxes_as_items_in_reading_order(case):
    key, imported = case
    for name, want in key.get("kotak", {}).items():
        for imp in imported:
            assert [norm(x) for x in getattr(imp.sop.boxes, name)] == [norm(x) for x in want], name
