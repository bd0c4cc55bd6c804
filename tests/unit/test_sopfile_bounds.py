"""Bounds on SOP files and Waktu cells: hostile or damaged input is refused quickly, with a message
naming the file, step and field, and never takes the rest of the library down."""

from __future__ import annotations

import json
import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from soptui import limits
from soptui.cli import main
from soptui.durations import parse_waktu
from soptui.errors import DurationError, SopFileError
from soptui.i18n import set_lang
from soptui.sopfile import load_file, load_library, parse_text

from tests.conftest import DATA, ROOT, SOPS

MINI = (DATA / "valid" / "mini.toml").read_text(encoding="utf-8")
HEAD, _, _ = MINI.partition("[[langkah]]")  # the top lines and the identity, without steps


def problems_of(text: str, where: str = "x.toml") -> list:
    with pytest.raises(SopFileError) as info:
        parse_text(text, where, "x")
    return info.value.problems


def one_problem(text: str):
    (p,) = problems_of(text)
    return p


def steps(numbers, extra: str = "") -> str:
    return HEAD + "".join(f'[[langkah]]\nno = {n}\nkegiatan = "k"\npelaksana = "Staf"\n{extra}'
                          for n in numbers)


# -- step numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, shown", [
    ("10000000", "got 10000000"),
    ("1_000_000_000", "got 1000000000"),
    ("1e9", "got 1000000000.0"),
    ("2.0", "got 2.0"),
    ("true", "got true"),
    ("0", "got 0"),
    ("-3", "got -3"),
    ("1000", "got 1000"),
    ('"4"', "got '4'"),
    ("inf", "got inf"),
    ("nan", "got nan"),
    ("0x" + "f" * 90, "got a very large number"),
    ("[4]", "got a list"),
])
def test_a_bad_step_number_names_the_entry(raw, shown):
    p = one_problem(MINI.replace("no = 4", f"no = {raw}"))
    assert (p.step, p.field) == (None, "no")
    assert p.message == f"entry 4: 'no' must be a whole number from 1 to 999, {shown}"


def one_warning(text: str):
    (w,) = parse_text(text, "x.toml", "x").warnings
    return w


def test_a_gap_up_to_the_highest_number_is_one_range():
    # printed numbering may skip (SOPs imported from PDFs keep it): a warning, and the file loads
    w = one_warning(steps([1, 2, 999]))
    assert (w.field, w.message) == ("no", "the step numbering skips (kept as printed): no 3–998")


def test_many_gaps_are_reported_compactly():
    w = one_warning(steps(range(1, 60, 2)))  # 1, 3, ..., 59: 29 numbers missing in 29 runs
    assert w.message == ("the step numbering skips (kept as printed): no 2, 4, 6, 8, 10, 12, 14, 16, 18, "
                         "20, … (29 numbers in all)")


def test_a_gap_and_steps_out_of_order_is_still_an_error():
    p = one_problem(steps([1, 2, 5, 4]))
    assert (p.field, p.message) == ("no", "steps must be listed in order of their number")


@pytest.mark.parametrize("raw, shown", [("1000", "1000"), ("0", "0"), ("true", "true"), ("1.5", "1.5"),
                                        ("10000000", "10000000")])
def test_a_decision_target_out_of_range(raw, shown):
    p = one_problem(MINI.replace("tidak = 2", f"tidak = {raw}"))
    assert (p.step, p.field, p.message) == (3, "tidak", f"must be a step number (1 to 999), got {shown}")


# -- counts and lengths ------------------------------------------------------------------------

def test_too_many_steps():
    p = one_problem(steps(range(1, 1001)))
    assert (p.field, p.message) == ("langkah", "1000 steps; an SOP may have at most 999")


def test_999_steps_load():
    assert len(parse_text(steps(range(1, 1000)), "x.toml", "x").sop.steps) == 999


def test_too_many_roles_and_a_too_long_role_name():
    many = ", ".join(f'"r{i}"' for i in range(51))
    p = one_problem(MINI.replace('pelaksana = ["Kepala", "Staf"]', f'pelaksana = ["Kepala", "Staf", {many}]'))
    assert (p.field, p.message) == ("pelaksana", "53 roles; at most 50")
    long = "S" * 201
    problems = problems_of(MINI.replace('["Kepala", "Staf"]', f'["Kepala", "{long}"]'))
    assert (problems[0].field, problems[0].message) == ("pelaksana", "item 2 has 201 characters; at most 200")


@pytest.mark.parametrize("key", ["dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan",
                                 "peringatan", "pencatatan_pendataan"])
def test_every_box_is_bounded(key):
    base = MINI.replace('dasar_hukum = ["Peraturan contoh"]\n', "")
    items = ", ".join(['"a"'] * 201)
    p = one_problem(f"{key} = [{items}]\n" + base)
    assert (p.field, p.message) == (key, "201 items; a list may have at most 200")
    p = one_problem(f'{key} = ["a", "{"x" * 5001}"]\n' + base)
    assert (p.field, p.message) == (key, "item 2 has 5001 characters; at most 5000")
    items = ", ".join([f'"{"x" * 5000}"'] * 40 + ['"a"'] * 160)
    assert len(getattr(parse_text(f"{key} = [{items}]\n" + base, "x.toml", "x").sop.boxes, key)) == 200


def test_kelengkapan_is_bounded():
    items = ", ".join(['"a"'] * 201)
    p = one_problem(MINI.replace('kelengkapan = ["Konsep"]', f"kelengkapan = [{items}]"))
    assert (p.step, p.field, p.message) == (3, "kelengkapan", "201 items; a list may have at most 200")


@pytest.mark.parametrize("old, key, step", [
    ('kegiatan = "Mengarsipkan"', "kegiatan", 4), ('output = "Konsep"', "output", 2),
    ('nama = "Contoh"', "identitas.nama", None), ('nip = "19700101 199001 1 001"', "identitas.disahkan_oleh.nip", None),
])
def test_every_text_is_bounded(old, key, step):
    name = key.rpartition(".")[2]
    assert parse_text(MINI.replace(old, f'{name} = "{"x" * 5000}"'), "x.toml", "x")
    p = one_problem(MINI.replace(old, f'{name} = "{"x" * 5001}"'))
    assert (p.step, p.field, p.message) == (step, key, "a text of 5001 characters; at most 5000")


def test_conversion_notes_may_be_longer():
    assert parse_text(f'catatan_konversi = "{"x" * 20000}"\n' + MINI, "x.toml", "x")
    p = one_problem(f'catatan_konversi = "{"x" * 20001}"\n' + MINI)
    assert (p.field, p.message) == ("catatan_konversi", "a text of 20001 characters; at most 20000")


def test_problems_are_listed_up_to_a_bound():
    problems = problems_of("".join(f"kunci{i} = 1\n" for i in range(500)) + MINI)
    assert len(problems) == limits.MAX_PROBLEMS + 1
    assert problems[-1].message == "400 more errors not listed; fix the ones above and check again"


def test_long_values_are_quoted_shortened():
    p = one_problem(MINI.replace('tanggal_efektif = 2026-01-06', f'tanggal_efektif = "{"9" * 3000}"'))
    assert p.field == "identitas.tanggal_efektif" and len(p.message) < 120
    p = one_problem(MINI.replace('pelaksana = "Staf"\nwaktu = ""', f'pelaksana = "{"Q" * 4000}"\nwaktu = ""'))
    assert (p.step, p.field) == (4, "pelaksana") and len(p.message) < 150
    p = one_problem(f"{'k' * 3000} = 1\n" + MINI)
    assert len(str(p)) < 100


# -- the file as a whole -----------------------------------------------------------------------

def test_size_is_checked_before_reading_the_whole_file(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB that takes no disk
    tracemalloc.start()
    try:
        with pytest.raises(SopFileError) as info:
            load_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.problems[0].message.startswith("the file is 204,800 kB; an SOP file may be at most 256 kB")
    assert peak < 2 * limits.MAX_FILE_BYTES


def test_a_file_at_the_size_bound_loads(tmp_path):
    text = MINI + "#" * (limits.MAX_FILE_BYTES - len(MINI.encode()) - 1) + "\n"
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    assert load_file(tmp_path / "x.toml").sop.id == "x"
    (tmp_path / "x.toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(SopFileError, match="the file is 257 kB"):
        load_file(tmp_path / "x.toml")


# Each of these costs tomllib seconds, gigabytes or a traceback without the bounds.
PATHOLOGICAL = {
    "dotted_key": ("a" + ".a" * 100_000 + " = 1\n", "line 1: a dotted key with more than 8 parts"),
    "dotted_heading": (MINI + "[x" + ".y" * 50_000 + "]\n", f"line {MINI.count(chr(10)) + 1}: a dotted key"),
    "headings": ("[[langkah]]\n" * 20_000, "more than 1100 [..] table headings (line 1101)"),
    "nested_arrays": ("a = " + "[" * 5_000 + "]" * 5_000, "invalid TOML: lists or tables nested too deeply"),
    "nested_tables": ("a = " + "{b = " * 5_000 + "1" + "}" * 5_000, "nested too deeply"),
    "long_int": (MINI.replace("no = 4", "no = 1" + "0" * 4400), "a number or date of more than 100 characters"),
    "long_hex": ("a = 0x" + "f" * 200_000, "a number or date of more than 100 characters (line 1)"),
    "long_float": ("a = [\n  1." + "5" * 200_000 + "\n]", "a number or date of more than 100 characters (line 2)"),
    "many_small_tables": ("a = [" + "{b = {}}," * 25_000 + "]\n", "unknown key"),
    "many_keys": ("".join(f"k{i}.a.b.c.d.e.f = 1\n" for i in range(10_000)), "unknown key"),
    "many_steps": ("langkah = [" + "{no = 1}," * 25_000 + "]\n" + HEAD, "25000 steps; an SOP may have at most 999"),
    "huge_step_no": (MINI.replace("no = 4", "no = 10000000"), "from 1 to 999, got 10000000"),
    "waktu_digits": (MINI.replace('waktu = ""', f'waktu = "{"9" * 4301} jam"'), "is longer than 10 years"),
    "waktu_text": (MINI.replace('waktu = ""', f'waktu = "{"1 jam " * 20_000}"'), "a Waktu cell has at most 200"),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_files_cost_little(name):
    text, fragment = PATHOLOGICAL[name]
    assert len(text.encode()) <= limits.MAX_FILE_BYTES  # within the size bound: the other bounds act
    tracemalloc.start()
    try:
        problems = problems_of(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert fragment in problems[0].message
    assert all(len(str(p)) < 200 for p in problems)
    assert peak < 40_000_000  # measured at most 27 MB (30,000 inline tables); 1.1 GB before the bounds


def test_the_bounds_speak_indonesian():
    set_lang("id")
    assert one_problem(MINI.replace("no = 4", "no = 10000000")).message == (
        "entri ke-4: 'no' harus bilangan bulat dari 1 sampai 999, bukan 10000000")
    assert one_problem(steps(range(1, 1001))).message == "1000 langkah; SOP paling banyak memuat 999 langkah"
    assert "kunci bertitik dengan lebih dari 8 bagian" in one_problem("a" + ".a" * 20 + " = 1").message
    with pytest.raises(DurationError, match="isian Waktu paling panjang 200 karakter"):
        parse_waktu("1 jam " * 50)


# -- Waktu -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("9" * 4301 + " menit", "waktu '" + "9" * 59 + "…' is longer than 10 years"),
    ("9" * 4301 + " jam 1 menit", "waktu '" + "9" * 59 + "…' is longer than 10 years"),
    ("1-" + "9" * 5000 + " hari", "waktu '1-" + "9" * 57 + "…' is longer than 10 years"),
    ("1000000000000 detik", "waktu '1000000000000 detik' is longer than 10 years"),
    ("0," + "5" * 13 + " jam", "waktu '0," + "5" * 13 + " jam': a number with more than 12 digits"),
    ("0" * 13 + "1 jam", "waktu '" + "0" * 13 + "1 jam': a number with more than 12 digits"),
    ("x" * 201, "waktu '" + "x" * 40 + "'… is 201 characters long; a Waktu cell has at most 200 (e.g. \"2 hari kerja\")"),
])
def test_absurd_waktu_is_a_clear_duration_error(text, message):
    with pytest.raises(DurationError) as info:
        parse_waktu(text)
    assert str(info.value) == message


def test_waktu_within_the_bounds_still_reads():
    with pytest.raises(DurationError, match="'999999999999 detik' is longer than 10 years"):
        parse_waktu("999999999999 detik")  # 12 digits: read, then refused by its size
    assert parse_waktu("0,333333333333 jam").seconds == pytest.approx(1200)
    text = "paling lambat 1 jam" + " " * 170 + "30 menit"
    assert len(text) <= 200 and parse_waktu(text).seconds == 5400
    assert parse_waktu("120 bulan").months == 120


def test_a_bad_waktu_names_its_step():
    p = one_problem(MINI.replace('waktu = ""', f'waktu = "{"9" * 4301} jam"'))
    assert (p.step, p.field) == (4, "waktu")


# -- one bad file never stops the others -------------------------------------------------------

def squash(text: str) -> str:
    """Without whitespace: the console wraps long lines anywhere, even inside a path."""
    return re.sub(r"\s+", "", text)


def bad_library(folder: Path) -> dict[str, str]:
    """Two good SOPs and one of every kind of bad file; returns the bad names and what each says."""
    folder.mkdir()
    (folder / "mini.toml").write_text(MINI, encoding="utf-8")
    (folder / "renja.toml").write_bytes((SOPS / "karangploso-renja.toml").read_bytes())
    bad = {
        "huge_no.toml": (MINI.replace("no = 4", "no = 10000000"), "got 10000000"),
        "float_no.toml": (MINI.replace("no = 4", "no = 1e9"), "got 1000000000.0"),
        "billion_no.toml": (MINI.replace("no = 4", "no = 1_000_000_000"), "got 1000000000"),
        "nested.toml": ("a = " + "[" * 3000 + "]" * 3000, "nested too deeply"),
        "dotted.toml": ("a" + ".a" * 100_000 + " = 1", "dotted key"),
        "huge.toml": ("#" * (limits.MAX_FILE_BYTES + 1), "at most 256 kB"),
        "empty.toml": ("", "the [identitas] table is missing"),
        "binary.toml": (bytes(range(256)) * 64, "not UTF-8 text (byte 128)"),
        "latin1.toml": (MINI.replace("Contoh", "Contôh").encode("latin-1"), "not UTF-8 text"),
        "nul.toml": ("\0" * 100, "invalid TOML"),
    }
    for name, (content, _) in bad.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    expected = {name: fragment for name, (_, fragment) in bad.items()}
    (folder / "folder.toml").mkdir()
    expected["folder.toml"] = "this is a folder, not an SOP file"
    os.mkfifo(folder / "pipe.toml")  # opening it would wait for a writer forever
    expected["pipe.toml"] = "not an ordinary file"
    (folder / "zero.toml").symlink_to("/dev/zero")  # reading it would never end
    expected["zero.toml"] = "not an ordinary file"
    (folder / "dangling.toml").symlink_to(folder / "gone")
    expected["dangling.toml"] = "cannot read the file: No such file or directory"
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    expected["loop.toml"] = "cannot read the file"
    (folder / "unreadable.toml").write_text(MINI, encoding="utf-8")
    (folder / "unreadable.toml").chmod(0)
    expected["unreadable.toml"] = "cannot read the file: Permission denied"
    return expected


@pytest.fixture
def bad_folder(tmp_path, monkeypatch):
    folder = tmp_path / "sops"
    expected = bad_library(folder)
    from soptui import sopguard
    real_read = sopguard.read_regular

    def refusing_read(path, *args, **kwargs):  # root reads a mode-000 file: refuse as the system would
        if Path(path).name == "unreadable.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)
    monkeypatch.setattr(sopguard, "read_regular", refusing_read)
    (tmp_path / "soptui.toml").write_text(f'sops_dir = "{folder.as_posix()}"\ndata_dir = "data"\nlang = "en"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPTUI_CONFIG", raising=False)
    yield folder, expected
    (folder / "unreadable.toml").chmod(0o600)


def test_the_library_loads_the_good_files_beside_every_bad_one(bad_folder):
    folder, expected = bad_folder
    lib = load_library(folder)
    assert sorted(s.id for s in lib.sops) == ["mini", "renja"]
    assert sorted(Path(p).name for p in lib.failed) == sorted(expected)
    for path, problems in lib.failed.items():
        assert expected[Path(path).name] in problems[0].message, path
        assert str(problems[0]).startswith(path)


def test_list_show_and_check_survive_a_bad_library(bad_folder, capsys):
    folder, expected = bad_folder
    started = time.perf_counter()
    assert main(["list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(r["id"] for r in json.loads(out)) == ["mini", "renja"]
    err = squash(err)
    for name in expected:
        assert f"{name}:skipped," in err
    assert main(["show", "mini"]) == 0
    assert "Memeriksa konsep" in capsys.readouterr().out
    assert main(["show", "huge_no"]) == 1
    assert "got 10000000" in capsys.readouterr().err
    assert main(["check"]) == 1  # the documented status: 1 when any file has an error
    out, err = capsys.readouterr()
    assert "2 valid, 16 with problems" in out
    assert "mini.toml:valid" in squash(out) and "renja.toml:valid" in squash(out)
    err = squash(err)
    for name, fragment in expected.items():
        assert re.search(rf"{name}:([a-z_.]+:)?error:[^/]*{re.escape(squash(fragment))}", err), name
    assert "Traceback" not in err
    assert time.perf_counter() - started < 30  # measured about 1 s; the 10000000 file alone took >15 min before


def test_check_of_one_named_bad_file(bad_folder, capsys):
    folder, expected = bad_folder
    for name in ("pipe.toml", "zero.toml", "huge_no.toml", "unreadable.toml"):
        assert main(["check", str(folder / name)]) == 1
        assert squash(expected[name]) in squash(capsys.readouterr().err)


def test_the_limits_are_documented():
    doc = (ROOT / "docs" / "sop-format.md").read_text(encoding="utf-8")
    section = doc.partition("## Limits")[2].partition("\n## ")[0]
    for value in (f"{limits.MAX_FILE_BYTES // 1024} kB", f"{limits.MAX_STEP_NO}", f"{limits.MAX_ROLES}",
                  f"{limits.MAX_LIST_ITEMS}", f"{limits.MAX_TEXT_CHARS:,}", f"{limits.MAX_NOTE_CHARS:,}",
                  f"{limits.MAX_NAME_CHARS}", f"{limits.MAX_WAKTU_CHARS}", f"{limits.MAX_WAKTU_DIGITS}",
                  f"{limits.MAX_WAKTU_YEARS} years", f"{limits.MAX_KEY_PARTS}", f"{limits.MAX_TABLES:,}",
                  f"{limits.MAX_NUMBER_CHARS}", f"{limits.MAX_PROBLEMS}"):
        assert value in section, value


def test_a_file_saved_with_a_byte_order_mark_reads_as_without(tmp_path):
    from soptui.sopfile import load_file
    from tests.conftest import SOPS
    text = (SOPS / "karangploso-renja.toml").read_text(encoding="utf-8")
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_file(path).sop.steps == load_file(SOPS / "karangploso-renja.toml").sop.steps
