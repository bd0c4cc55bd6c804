"""The SOP loader and validator: the bundled library, broken files, mutated files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soptui.cli import main
from soptui.errors import SopFileError
from soptui.sopfile import load_file, load_library, parse_text

from tests.conftest import DATA, SOPS

EXPECTED_STEPS = {
    "satpolpp-perencanaan-kinerja": 11,
    "kec-lumajang-perencanaan-kinerja": 11,
    "satpolpp-pengumpulan-data-kinerja": 8,
    "satpolpp-pengukuran-kinerja": 10,
    "karangploso-renja": 12,
}


def test_bundled_library_loads_without_errors():
    lib = load_library(SOPS)
    assert lib.failed == {}
    assert {s.id: len(s.steps) for s in lib.sops} == EXPECTED_STEPS


def test_bundled_decisions_and_rework_targets():
    lib = load_library(SOPS)
    sops = {s.id: s for s in lib.sops}
    assert sops["satpolpp-pengumpulan-data-kinerja"].step(2).tidak == 1
    assert sops["satpolpp-pengukuran-kinerja"].step(8).is_decision
    karang = sops["karangploso-renja"]
    assert karang.step(6).tidak == 5 and karang.step(5).pelaksana == "Staf"
    assert karang.step(7).is_decision
    # Every step of a seed SOP says its pelaksana was inferred (the flowchart marks were lost).
    assert all(s.pelaksana_disimpulkan for sop in sops.values() for s in sop.steps)


def test_effective_date_before_creation_is_a_warning_not_an_error():
    loaded = load_file(SOPS / "kec-lumajang-perencanaan-kinerja.toml")
    assert [w.field for w in loaded.warnings] == ["identitas.tanggal_efektif"]
    assert loaded.warnings[0].severity == "warning"


def test_blank_waktu_is_no_standard():
    loaded = load_file(SOPS / "satpolpp-perencanaan-kinerja.toml")
    assert loaded.sop.step(11).standard is None
    assert loaded.sop.step(10).standard.seconds == 3600


BROKEN = {
    "unknown_role.toml": (2, "pelaksana", 'unknown role \'Staff\' (did you mean "Staf"?)'),
    "duplicate_step.toml": (3, "no", "duplicate step number"),
    "missing_step.toml": (None, "no", "in order of their number"),  # 1, 2, 5, 4
    "bad_target.toml": (3, "tidak", "goes to step 9, which does not exist"),
    "bad_waktu.toml": (2, "waktu", "sebentar saja"),
    "unknown_key.toml": (2, "outptu", 'did you mean "output"?'),
    "missing_identity.toml": (None, "identitas.nomor", "required but missing"),
    "invalid_toml.toml": (None, None, "line 9"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_gives_one_precise_message(name):
    step, field, fragment = BROKEN[name]
    path = DATA / "broken" / name
    with pytest.raises(SopFileError) as info:
        load_file(path)
    problems = info.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    assert (p.step, p.field) == (step, field)
    assert fragment in p.message
    assert str(p).startswith(str(path))


def test_broken_folder_does_not_stop_the_valid_files(tmp_path):
    for src in list((DATA / "broken").glob("*.toml")) + [DATA / "valid" / "mini.toml"]:
        (tmp_path / src.name).write_text(src.read_text())
    lib = load_library(tmp_path)
    assert [s.id for s in lib.sops] == ["mini"]
    assert len(lib.failed) == len(BROKEN)


def test_check_command_exit_codes(workdir, capsys):
    assert main(["check"]) == 0
    assert main(["check", str(DATA / "broken")]) == 1
    err = capsys.readouterr().err
    for name in BROKEN:
        assert name in err
    assert "Traceback" not in err


def test_list_json(workdir, capsys):
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["steps"] for r in rows} == EXPECTED_STEPS
    for r in rows:
        assert {"id", "nomor", "nama", "unit", "steps"} <= set(r)


def test_show_json_has_parsed_standards(workdir, capsys):
    assert main(["show", "karangploso-renja", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["identity"]["nomor"] == "070/ /421.628/2015"
    assert data["steps"][0]["standard"]["seconds"] == 600
    assert data["steps"][2]["standard"]["days"] == 1


def test_show_text_and_unknown_sop(workdir, capsys):
    assert main(["show", "karangploso-renja"]) == 0
    out = capsys.readouterr().out
    assert "070/ /421.628/2015" in out and "Pengetikan konsep" in out
    assert main(["show", "karangplosso"]) == 1
    assert "did you mean" in capsys.readouterr().err


MINI = (DATA / "valid" / "mini.toml").read_text()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_files_raise_only_sop_file_error(data):
    """Delete, duplicate or replace a slice of a valid file: only SopFileError ever comes out."""
    text = MINI
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + data.draw(st.text(max_size=12)) + text[j:]
    try:
        parse_text(text, "mutated.toml", "mutated")
    except SopFileError as exc:
        assert all(str(p).startswith("mutated.toml") for p in exc.problems)


BROKEN_ID = {  # the same files, checked in Bahasa Indonesia
    "unknown_role.toml": "pelaksana 'Staff' tidak dikenal (maksud Anda \"Staf\"?)",
    "duplicate_step.toml": "nomor langkah ganda",
    "missing_step.toml": "urut menurut nomornya",
    "bad_target.toml": "menuju langkah 9, yang tidak ada",
    "bad_waktu.toml": "waktu 'sebentar saja' tidak terbaca",
    "unknown_key.toml": 'kunci tidak dikenal (maksud Anda "output"?)',
    "missing_identity.toml": "wajib diisi tetapi tidak ada",
    "invalid_toml.toml": "TOML tidak sah",
}


@pytest.mark.parametrize("name", sorted(BROKEN_ID))
def test_broken_files_are_explained_in_indonesian(name):
    from soptui.i18n import set_lang
    set_lang("id")  # the autouse fixture of conftest sets English back
    with pytest.raises(SopFileError) as info:
        load_file(DATA / "broken" / name)
    (p,) = info.value.problems
    assert BROKEN_ID[name] in p.message
    assert ": kesalahan: " in str(p) and str(p).startswith(str(DATA / "broken" / name))


def test_check_prints_warnings_in_the_chosen_language(workdir, capsys):
    assert main(["--lang", "id", "check", str(SOPS / "kec-lumajang-perencanaan-kinerja.toml")]) == 0
    err = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "identitas.tanggal_efektif: peringatan: tanggal efektif 2022-03-01 lebih awal dari" in err


@pytest.mark.parametrize("value, expected", [
    ('"Petugas"', None),
    ('["Petugas", "Penata"]', None),
    ('["Petugas", "Penatta"]', "unknown role 'Penatta'"),
    ('["Petugas", "Petugas"]', "listed twice"),
    ('[]', "empty"),
    ('[1]', "list of texts"),
])
def test_a_step_names_one_or_several_pelaksana(value, expected):
    text = (SOPS / "karangploso-renja.toml").read_text(encoding="utf-8")
    text = text.replace('pelaksana = [', 'pelaksana = ["Petugas", "Penata", ', 1)
    head, sep, tail = text.partition("[[langkah]]\n")
    first, nl, rest = tail.partition("\n\n")
    first = "\n".join(line for line in first.splitlines() if not line.startswith("pelaksana"))
    text = head + sep + first + f"\npelaksana = {value}" + nl + rest
    if expected is None:
        step = parse_text(text, "x.toml", "x").sop.steps[0]
        assert step.all_pelaksana[0] == "Petugas" and len(step.all_pelaksana) == value.count('"') // 2
        return
    with pytest.raises(SopFileError) as err:
        parse_text(text, "x.toml", "x")
    assert expected in str(err.value)
    assert "pelaksana" in str(err.value)
