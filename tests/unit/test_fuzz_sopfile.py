"""Fuzzing the readers of SOP files: whatever the input, only the project's own errors come out
(DurationError from parse_waktu, SopFileError from the SOP reader), with short messages."""

from __future__ import annotations

import json
import math
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soptui.durations import parse_waktu
from soptui.errors import DurationError, SopFileError
from soptui.limits import MAX_WAKTU_YEARS
from soptui.model import Standard
from soptui.sopfile import Loaded, load_file, parse_text

from tests.conftest import SOPS

SOURCES = {p.name: p.read_text(encoding="utf-8") for p in sorted(SOPS.glob("*.toml"))}
VALUE_LINE = re.compile(r"^([a-z_]+) = .*$", re.MULTILINE)  # one-line `key = value`, top level or in a table
FUZZ = settings(max_examples=200, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])


# -- parse_waktu -------------------------------------------------------------------------------

WAKTU_TOKENS = ["0", "1", "2", "12", "0,5", "1.5", "1.000", "½", "1/2", "1 1/2", "9" * 20, "9" * 4400,
                "0" * 30, "1e9", "satu", "dua puluh", "setengah", "se", "a", "half", "detik", "menit", "jam",
                "hari", "hari kerja", "hari kalender", "minggu", "bulan", "hr", "m", "h", "x", "24", "-", "–",
                "s/d", "sampai", "dan", "+", ",", ".", "(", ")", "(tiga)", "maks.", "±", "kurang lebih",
                "paling lambat", " ", "  ", "\n", "\t"]
WAKTU_LIKE = st.lists(st.sampled_from(WAKTU_TOKENS), max_size=12).map(" ".join)
LIMIT = {"seconds": MAX_WAKTU_YEARS * 366 * 86400, "days": MAX_WAKTU_YEARS * 366, "months": MAX_WAKTU_YEARS * 12}


@settings(max_examples=500, deadline=timedelta(milliseconds=500))
@given(st.one_of(st.text(), st.text(max_size=2000), WAKTU_LIKE,
                 st.lists(st.one_of(st.text(max_size=5), st.sampled_from(WAKTU_TOKENS))).map("".join)))
def test_parse_waktu_raises_only_duration_error(text):
    try:
        std = parse_waktu(text)
    except DurationError as exc:
        assert 0 < len(str(exc)) < 700  # a long cell is quoted shortened, never whole
        return
    assert std is None or isinstance(std, Standard)
    for s in filter(None, (std, std and std.low)):
        for field, limit in LIMIT.items():
            value = getattr(s, field)
            assert math.isfinite(value) and 0 <= value <= limit, (field, value)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=10), st.lists(st.integers(), max_size=3)))
def test_parse_waktu_of_a_value_that_is_not_text(value):
    if value is None:
        assert parse_waktu(value) is None
        return
    with pytest.raises(DurationError):
        parse_waktu(value)


# -- whole SOP files ---------------------------------------------------------------------------

def check(text: str, where: str = "fuzz.toml") -> None:
    """Parse; the only failure allowed is a SopFileError whose problems name the file, briefly."""
    try:
        assert isinstance(parse_text(text, where, "fuzz"), Loaded)
    except SopFileError as exc:
        assert exc.problems
        for p in exc.problems:
            assert str(p).startswith(where) and len(str(p)) < 1000, str(p)[:200]


HOSTILE = [
    "10000000", "1_000_000_000", "1e9", "-1", "0", "1000", "inf", "-inf", "nan", "true", "false",
    "1" + "0" * 4400, "0x" + "f" * 5000, "1." + "5" * 300, "9" * 99, "2022-02-30", "2022-02-28",
    "1979-05-27T07:32:00Z", "07:32:00", '"' + "x" * 6000 + '"', '"' + "9" * 5000 + ' jam"', '"' + "1 jam " * 50 + '"',
    '"2 hari"', '""', "''", '"""\n' + "baris\n" * 50 + '"""', "[]", "{}", "[" * 400 + "]" * 400,
    "[" * 30 + "1" + "]" * 30, "{a = {b = {c = 1}}}", "[" + '"x", ' * 300 + "]", "[1, 2, 3]", "[[1], [2]]",
    '["a", 1]', "{no = 1}", "[{no = 1}]", "\\u0000", '"\\u0000"', '"\\uD800"', "=", "[[langkah]]",
    "#", "\x00", "\x7f", "é", "😀",
]


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's (DEL and a few are refused)


KEYS = st.sampled_from(["no", "a", "kegiatan", "waktu", "tidak", "ya", "x.y", '"k"'])
SCALARS = st.one_of(st.integers().map(str), st.integers(min_value=10**17, max_value=10**200).map(str),
                    st.floats().map(repr), st.booleans().map(lambda b: str(b).lower()),
                    st.text(max_size=30).map(toml_string), st.dates().map(str))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.dictionaries(KEYS, inner, max_size=3).map(
        lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}")), max_leaves=20)


def replace_value(text: str, index: int, value: str) -> str:
    lines = list(VALUE_LINE.finditer(text))
    m = lines[index % len(lines)]
    return f"{text[:m.start()]}{m[1]} = {value}{text[m.end():]}"


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 500),
       st.one_of(st.sampled_from(HOSTILE), VALUES, st.text(max_size=40)))
def test_a_bundled_sop_with_one_value_replaced(name, index, value):
    check(replace_value(SOURCES[name], index, value))


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.lists(st.tuples(st.integers(0, 500), st.sampled_from(HOSTILE)),
                                                  min_size=2, max_size=6))
def test_a_bundled_sop_with_several_hostile_values(name, changes):
    text = SOURCES[name]
    for index, value in changes:
        text = replace_value(text, index, value)
    check(text)


INSERTS = st.one_of(
    st.sampled_from(["[[langkah]]", "[identitas]", "[identitas.disahkan_oleh]", "[langkah]", "langkah = []",
                     "pelaksana = []", "no = 1", "[x]", "a.b.c = 1", '"""', "'''", "[[", "]]", "= 1"]),
    st.integers(0, 3000).map(lambda n: "a" + ".a" * n + " = 1"),
    st.integers(0, 3000).map(lambda n: "x = " + "[" * n + "]" * n),
    st.integers(0, 3000).map(lambda n: "x = " + "{a = " * n + "1" + "}" * n),
    st.integers(0, 3000).map(lambda n: "[[langkah]]\nno = 1\n" * n),
    VALUES.map(lambda v: f"extra = {v}"),
)


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.lists(st.tuples(st.integers(0, 400), INSERTS), min_size=1, max_size=4))
def test_a_bundled_sop_with_lines_inserted(name, inserts):
    lines = SOURCES[name].splitlines()
    for at, line in inserts:
        lines.insert(at % (len(lines) + 1), line)
    check("\n".join(lines))


TOMLISH = st.lists(st.one_of(
    st.sampled_from(list("[]{}=.,\"'#\n \t0123456789-_+:eTZ") + ['"""', "'''", "langkah", "identitas", "no",
                                                                  "pelaksana", "waktu", "tidak", "ya", "inf", "nan",
                                                                  "true", "1e9", "\\u", "\\"]),
    st.text(max_size=3)), max_size=200).map("".join)


@FUZZ
@given(TOMLISH)
def test_toml_like_text(text):
    check(text)


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 10_000), st.integers(0, 200), st.binary(max_size=20))
def test_a_bundled_file_with_bytes_replaced(tmp_path_factory, name, at, length, data):
    raw = (SOPS / name).read_bytes()
    at %= len(raw) + 1
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(raw[:at] + data + raw[at + length:])
    try:
        load_file(path)
    except SopFileError as exc:
        assert all(str(p).startswith(str(path)) for p in exc.problems)
