"""The parsed-TOML cache of the SOP library: the same library with or without it, never a stale or
damaged entry used, and nothing but speed lost when it cannot be read or written."""

from __future__ import annotations

import json
import math
import os
import shutil
import tomllib
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui import sopguard
from soptui.sopfile import load_library
from soptui.atomicfile import checked_bytes, read_checked
from soptui.tomlcache import STAMP, TomlCache, _decode, _encode

from tests.conftest import SOPS


def _entries(path) -> dict:
    head, body = read_checked(path)  # its checksum right
    assert head == {"stamp": STAMP}  # and its own version
    return json.loads(body)


def _write(path, entries: dict) -> None:
    path.write_bytes(checked_bytes({"stamp": STAMP}, json.dumps(entries).encode()))


def _same(a, b) -> None:
    assert [x.sop for x in a.loaded] == [x.sop for x in b.loaded]
    assert [x.text for x in a.loaded] == [x.text for x in b.loaded]
    assert [[str(w) for w in x.warnings] for x in a.loaded] == [[str(w) for w in x.warnings] for x in b.loaded]
    assert {k: [str(p) for p in v] for k, v in a.failed.items()} == {k: [str(p) for p in v] for k, v in b.failed.items()}


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "sops"
    shutil.copytree(SOPS, folder)
    return folder


def _no_parsing(monkeypatch) -> list[str]:
    parsed: list[str] = []
    real = sopguard.tomllib.loads

    def counting(text, **kwargs):
        parsed.append(text)
        return real(text, **kwargs)
    monkeypatch.setattr(sopguard.tomllib, "loads", counting)
    return parsed


def test_a_cached_library_is_the_library_and_is_not_parsed_again(library, tmp_path, monkeypatch):
    plain = load_library(library)
    cache = tmp_path / "cache"
    parsed = _no_parsing(monkeypatch)
    _same(load_library(library, cache_dir=cache), plain)
    assert len(parsed) == len(plain.loaded) == 5  # the first time, every file is parsed
    parsed.clear()
    _same(load_library(library, cache_dir=cache), plain)
    assert parsed == []  # the second time, none


def test_a_changed_file_is_parsed_again_and_its_old_entry_leaves(library, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    load_library(library, cache_dir=cache)
    path = library / "karangploso-renja.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('nama = "', 'nama = "Baru: ', 1), encoding="utf-8")
    parsed = _no_parsing(monkeypatch)
    lib = load_library(library, cache_dir=cache)
    assert len(parsed) == 1 and lib.find("karangploso-renja").sop.identity.nama.startswith("Baru: ")
    assert len(_entries(cache / "sop-toml.json")) == 5  # the entry of the old text is gone
    _same(lib, load_library(library))


def test_a_file_with_errors_is_never_cached(library, tmp_path):
    (library / "broken.toml").write_text('[sop\nnama = "x"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_library(library, cache_dir=cache)
    second = load_library(library, cache_dir=cache)
    assert str(library / "broken.toml") in first.failed
    assert [str(p) for p in first.failed[str(library / "broken.toml")]] == \
        [str(p) for p in second.failed[str(library / "broken.toml")]]
    assert len(_entries(cache / "sop-toml.json")) == 5


@pytest.mark.parametrize("content", [
    b"",
    b"\x00\xff garbage",
    b'{"stamp": "0:2.7"}\n{}',  # another format or Python
    checked_bytes({"stamp": STAMP}, b"[1, 2]"),  # not a table of entries
    checked_bytes({"stamp": STAMP}, b'{"x": '),  # cut short
    checked_bytes({"stamp": STAMP}, b"[" * 100_000 + b"]" * 100_000),  # too deep
], ids=["empty", "garbage", "other-stamp", "not-a-table", "cut-short", "too-deep"])
def test_a_damaged_cache_file_costs_only_speed(library, tmp_path, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "sop-toml.json").write_bytes(content)
    _same(load_library(library, cache_dir=cache), load_library(library))
    # ...and it is written anew, usable the next time
    assert len(_entries(cache / "sop-toml.json")) == 5


@pytest.mark.parametrize("bad", [
    {"x": 1},  # an unknown tag
    {"{": [["nama", "a"]], "[": []},  # two tags
    {"{": [["nama"]]},  # a key without a value
    {"{": [[1, "a"]]},  # a key that is not text
    {"d": "2020-13-45"},  # not a date
    {"{": [["a", None]]},  # null: TOML has none
    {"{": [["a", [1, 2]]]},  # an untagged array
], ids=["unknown-tag", "two-tags", "no-value", "number-key", "bad-date", "null", "untagged-array"])
def test_a_damaged_entry_is_parsed_afresh_and_replaced(library, tmp_path, bad):
    cache = tmp_path / "cache"
    load_library(library, cache_dir=cache)
    path = cache / "sop-toml.json"
    entries = _entries(path)
    digest = sorted(entries)[0]
    entries[digest] = bad
    _write(path, entries)  # checksum and all: only the entry is wrong
    _same(load_library(library, cache_dir=cache), load_library(library))
    assert _entries(path)[digest] != bad


def test_a_file_changed_by_accident_is_not_trusted(library, tmp_path):
    """One letter changed inside a cached title: the checksum catches it, the file is parsed."""
    cache = tmp_path / "cache"
    load_library(library, cache_dir=cache)
    path = cache / "sop-toml.json"
    raw = path.read_bytes()
    assert b"Kecamatan Karangploso" in raw and b"KECAMATAN KARANGPLOSO" not in raw
    path.write_bytes(raw.replace(b"Kecamatan Karangploso", b"KECAMATAN KARANGPLOSO", 1))
    _same(load_library(library, cache_dir=cache), load_library(library))
    assert b"KECAMATAN KARANGPLOSO" not in path.read_bytes()  # written anew


def test_a_sop_that_fails_its_checks_is_not_kept(library, tmp_path):
    text = (library / "karangploso-renja.toml").read_text(encoding="utf-8")
    (library / "karangploso-renja.toml").write_text(text.replace("[identitas]", "[identitas_lama]", 1), encoding="utf-8")
    cache = tmp_path / "cache"
    lib = load_library(library, cache_dir=cache)
    assert str(library / "karangploso-renja.toml") in lib.failed
    assert len(_entries(cache / "sop-toml.json")) == 4


def test_a_pipe_where_the_cache_should_be_is_not_read(library, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / "sop-toml.json")  # reading it would wait for a writer forever
    _same(load_library(library, cache_dir=cache), load_library(library))


def test_the_data_folder_is_never_made_for_the_cache(library, tmp_path):
    missing = tmp_path / "not-mounted" / "cache"
    _same(load_library(library, cache_dir=missing), load_library(library))
    assert not (tmp_path / "not-mounted").exists()


def test_a_read_only_cache_folder_costs_only_speed(library, tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder would be", encoding="utf-8")
    _same(load_library(library, cache_dir=cache), load_library(library))


def test_dates_times_and_nesting_come_back_as_tomllib_made_them():
    text = """
    d = 2015-01-05
    t = 07:30:00.5
    local = 2015-01-05T07:30:00
    offset = 2015-01-05T07:30:00+07:00
    utc = 2015-01-05T00:30:00Z
    inf = inf
    big = 123456789012345678901234567890
    mixed = [1, "a", [2, [3]], { x = 2015-01-05 }]
    [[langkah]]
    "d" = "not a date: a key named d"
    "{" = ["a key named {"]
    [[langkah]]
    "[" = 1
    """
    data = tomllib.loads(text)
    back = _decode(json.loads(json.dumps(_encode(data))))
    assert back == data
    assert type(back["d"]) is date and type(back["t"]) is time and type(back["local"]) is datetime
    assert back["offset"].utcoffset() == timedelta(hours=7) and back["utc"].tzinfo == timezone.utc
    assert back["langkah"][0]["d"] == "not a date: a key named d"


def test_what_would_not_come_back_as_it_was_is_not_kept(tmp_path):
    cache = TomlCache(tmp_path)
    cache.put("x = nan", tomllib.loads("x = nan"))
    cache.put("not toml", {"x": {1, 2}})  # a set: no TOML value, not written
    cache.save()
    again = TomlCache(tmp_path)
    assert math.isnan(again.get("x = nan")["x"])
    assert again.get("not toml") is None


toml_values = st.recursive(
    st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.dates(),
              st.floats(allow_nan=False), st.times(), st.datetimes()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=4), toml_values, max_size=4))
def test_any_toml_shaped_data_round_trips(data):
    assert _decode(json.loads(json.dumps(_encode(data)))) == data
