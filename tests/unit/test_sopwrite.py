"""The SOP writer: TOML escaping, round trips through the loader, house style, comments."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soptui.cli import main
from soptui.durations import parse_waktu
from soptui.model import Approver, Boxes, Identity, Sop, Step
from soptui.sopfile import load_file, parse_text
from soptui.sopwrite import to_toml, toml_multiline, toml_string

from tests.conftest import SOPS

BUNDLED = sorted(SOPS.glob("*.toml"))
CHARS = st.characters(blacklist_categories=("Cs",))  # lone surrogates have no UTF-8 form

NASTY = ['', '"', '""', '"""', '""""', 'a"', '"a', 'x"""y', '\\', '\\\n', 'a\\', '\\"', "'''",
         "\n", "\nlead", "x\r\ny", "x\ry", "\x00\x01\x08\x0b\x1f\x7f", "\x85\u2028\u2029",
         "\tTab\t", "é ñ 中文 🙂 \ufeff", "# not a comment", "key = 1\n[table]", "trail \n"]


def _read(value_text: str) -> str:
    return tomllib.loads(f"x = {value_text}\n")["x"]


@pytest.mark.parametrize("text", NASTY)
def test_escaping_survives_tomllib_for_awkward_texts(text):
    assert _read(toml_string(text)) == text
    assert _read(toml_multiline(text)) == text
    assert "\n" not in toml_string(text)


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS) | st.text(st.sampled_from('"\\\n\r\t x\x00\x7f'), max_size=12))
def test_escaping_round_trips_any_text(text):
    assert _read(toml_string(text)) == text
    assert _read(toml_multiline(text)) == text


def test_lone_surrogate_is_refused():
    with pytest.raises(ValueError, match="surrogate"):
        toml_string("a\ud800b")


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_sops_round_trip_and_writing_is_idempotent(path):
    loaded = load_file(path)
    text = to_toml(loaded.sop)
    again = parse_text(text, loaded.sop.path, loaded.sop.id)
    assert again.sop == loaded.sop
    assert [str(w) for w in again.warnings] == [str(w) for w in loaded.warnings]
    assert to_toml(again.sop) == text


def _keys(text: str) -> list[str]:
    """Headings and keys in file order; catatan_konversi is not in the model, so not written."""
    found = re.findall(r"^(\[\[?[\w.]+\]\]?|\w+)(?= =|$)", text, re.M)
    return [k for k in found if k != "catatan_konversi"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_written_keys_come_in_the_bundled_files_order(path):
    original = path.read_text(encoding="utf-8")
    assert _keys(to_toml(load_file(path).sop)) == _keys(original)


def test_house_style_of_a_written_file():
    text = to_toml(load_file(SOPS / "karangploso-renja.toml").sop)
    assert text.startswith('judul_prosedur = "Prosedur Penyusunan Renja"\n\npelaksana = [')
    assert "\npelaksana_disimpulkan = true\n" in text
    assert "\nperingatan = []\n" in text
    assert "\nketerkaitan = [\n  \"SOP Penyusunan Laporan Realisasi Anggaran\",\n" in text
    assert "\ntanggal_pembuatan = 2015-01-05\n" in text
    assert "basis" not in text  # office working time is the default and is left out
    assert all(len(line) <= 100 for line in text.splitlines() if re.match(r"\w+ = \[", line))
    block = text.split("[[langkah]]\n")[6]
    assert block == (
        'no = 6\n'
        'kegiatan = "Memeriksa konsep Renja. Jika setuju, diserahkan kepada Tim. Jika tidak, '
        'diserahkan kepada staf untuk diperbaiki."\n'
        'pelaksana = "Kasubag Evapor"\npelaksana_disimpulkan = true\nkelengkapan = ["Konsep Renja"]\n'
        'waktu = "10 menit"\noutput = "Konsep Renja"\n'
        'pertanyaan = "Konsep Renja yang diketik sudah benar?"\ntidak = 5\n\n')


def _mini() -> Sop:
    ident = Identity(pemerintah="Pemerintah Kabupaten Contoh", unit="Kecamatan Contoh", nomor="1/2",
                     nama="Contoh", disahkan_oleh=Approver(jabatan="Camat", nama="Budi", nip="1"))
    steps = (Step(no=1, kegiatan="Menyusun", pelaksana="Staf", waktu="1 hari", standard=parse_waktu("1 hari")),
             Step(no=2, kegiatan="Catatan panjang:\nbaris dua \"dikutip\"", pelaksana="Camat",
                  pertanyaan="Benar?", tidak=1, basis="kerja"),
             Step(no=3, kegiatan="Arsip", pelaksana="Staf"))
    return Sop(id="mini", identity=ident, roles=("Camat", "Staf"), steps=steps, basis="kalender",
               path="mini.toml")


def test_basis_decisions_and_multiline_text_round_trip():
    sop = _mini()
    text = to_toml(sop)
    assert text.startswith('basis = "kalender"\n')
    assert 'kegiatan = """\nCatatan panjang:\nbaris dua "dikutip\\""""\n' in text
    assert '\nbasis = "kerja"\n' in text and "\ntidak = 1\n" in text
    assert parse_text(text, "mini.toml", "mini").sop == sop


def test_notes_become_comments_above_their_keys():
    sop = _mini()
    notes = {"": "Imported from contoh.pdf.\n\nSecond paragraph.",
             "pelaksana": "the paper's column order",
             "identitas": "Identity from the first page.",
             "identitas.tanggal_revisi": "blank on the paper",
             "identitas.disahkan_oleh.nip": "as written",
             "langkah.2": "Decision: back to step 1.",
             "langkah.3.pelaksana": "inferred from the activity text",
             "langkah.3.keterangan": "blank on the paper",
             "langkah.1.kegiatan": "bell \x07 and " + "word " * 40}
    text = to_toml(sop, notes)
    assert text.startswith("# Imported from contoh.pdf.\n#\n# Second paragraph.\n\nbasis = ")
    assert "# the paper's column order\npelaksana = [" in text
    assert "# Identity from the first page.\n[identitas]\n" in text
    assert '# tanggal_revisi: blank on the paper\n' in text
    assert '# as written\nnip = "1"\n' in text
    assert "# Decision: back to step 1.\n[[langkah]]\nno = 2\n" in text
    assert 'no = 3\nkegiatan = "Arsip"\n# inferred from the activity text\npelaksana = "Staf"\n' in text
    assert '# keterangan: blank on the paper\n' in text
    assert "# bell   and word" in text  # a control character in a note becomes a space
    # a paragraph's wrapped lines are indented, so a reader tells them from the next note
    lines = text.splitlines()
    bell = next(n for n, line in enumerate(lines) if line.startswith("# bell"))
    assert lines[bell + 1].startswith("#   word word")
    assert all(len(line) <= 100 for line in text.splitlines() if line.startswith("#"))
    # Comments change nothing the loader reads.
    assert parse_text(text, "mini.toml", "mini").sop == sop


def test_a_note_for_a_key_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="langkah.3.pelaksan, langkah.9.pelaksana"):
        to_toml(_mini(), {"langkah.3.pelaksan": "typo", "langkah.9.pelaksana": "no such step"})


def test_written_file_passes_soptui_check(tmp_path, workdir):
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    path = tmp_path / "written.toml"
    path.write_text(to_toml(sop, {"langkah.3.pelaksana": "inferred"}), encoding="utf-8")
    assert main(["check", str(path)]) == 0


# -- arbitrary content ---------------------------------------------------------------------

def _texts(min_size: int = 0):
    # The loader strips every text, so the model's texts are stripped ones.
    return st.text(CHARS, max_size=30).map(str.strip).filter(lambda s: len(s) >= min_size)


WAKTU = ["", "10 menit", "1 Hari.", "1-2 hari", "2 hari kalender", "1 jam 30 menit", "½ hari",
         "3 (tiga) hari", "1 bulan"]


@st.composite
def sops(draw) -> Sop:
    roles = tuple(draw(st.lists(_texts(1), min_size=1, max_size=4, unique=True)))
    n = draw(st.integers(1, 5))
    steps = []
    for no in range(1, n + 1):
        tidak = draw(st.none() | st.integers(1, no - 1)) if no > 1 else None
        ya = draw(st.none() | st.integers(no + 1, n)) if tidak and no < n else None
        waktu = draw(st.sampled_from(WAKTU))
        steps.append(Step(
            no=no, kegiatan=draw(_texts(1)), pelaksana=draw(st.sampled_from(roles)), waktu=waktu,
            standard=parse_waktu(waktu), kelengkapan=tuple(draw(st.lists(_texts(1), max_size=3))),
            output=draw(_texts()), keterangan=draw(_texts()), pertanyaan=draw(_texts()),
            ya=ya, tidak=tidak, basis=draw(st.sampled_from([None, "kerja", "kalender"])),
            pelaksana_disimpulkan=draw(st.booleans())))
    approver = Approver(jabatan=draw(_texts(1)), nama=draw(_texts(1)), nip=draw(_texts(1)),
                        pangkat=draw(st.none() | _texts(1)))
    dates = {k: draw(st.none() | st.dates())
             for k in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")}
    ident = Identity(pemerintah=draw(_texts(1)), unit=draw(_texts(1)), nomor=draw(_texts(1)),
                     nama=draw(_texts(1)), disahkan_oleh=approver,
                     sub_unit=draw(st.none() | _texts(1)), **dates)
    boxes = Boxes(**{k: tuple(draw(st.lists(_texts(1), max_size=3))) for k in Boxes._fields})
    return Sop(id="gen", identity=ident, roles=roles, steps=tuple(steps), boxes=boxes,
               basis=draw(st.sampled_from(["kerja", "kalender"])), path="gen.toml",
               judul_prosedur=draw(_texts()))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sops())
def test_any_text_in_every_field_survives_the_round_trip(sop):
    text = to_toml(sop)
    again = parse_text(text, "gen.toml", "gen").sop  # raises on any error `soptui check` reports
    assert again == sop
    assert to_toml(again) == text


def test_a_step_with_several_pelaksana_is_written_as_a_list_and_read_back():
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    roles = sop.roles
    steps = list(sop.steps)
    steps[0] = steps[0]._replace(pelaksana=roles[0], pelaksana_lain=(roles[1],))
    text = to_toml(sop._replace(steps=tuple(steps)))
    assert f'pelaksana = ["{roles[0]}", "{roles[1]}"]' in text
    again = parse_text(text, "x.toml", "x").sop.steps[0]
    assert again.all_pelaksana == (roles[0], roles[1])
    assert again.pelaksana == roles[0]
