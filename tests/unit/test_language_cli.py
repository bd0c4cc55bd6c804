"""The command line in one language: argparse's own words and placeholders, the time and TOML
reasons of its errors, and `soptui check`'s validator messages (see tests/words.py)."""

from __future__ import annotations

import re

import pytest

from soptui import i18n
from soptui.cli import main
from soptui.cli.main import COMMANDS
from tests.conftest import DATA
from tests.words import foreign_words

# What is typed, not said: option names, command names, choices, quoted values and paths.
NAMES = re.compile(r"(?<![\w-])--?[a-z][a-z-]*|\{[^}]*\}|'[^']*'|\"[^\"]*\"|\S+\.toml\b|\b(?:%s)\b" % "|".join(COMMANDS))

CASES = [
    ["--help"], ["log", "--help"], ["summary", "--help"], ["correct", "--help"], ["check", "--help"],
    ["log"], ["frob"], ["summary", "x", "--format", "foo"], ["undo", "x"], ["runs", "--bogus"],
    ["log", "R", "1", "--at"], ["status"],
]


def said(capsys, argv: list[str], *, raw: bool = False) -> str:
    try:
        main(argv)
    except SystemExit:
        pass
    out, err = capsys.readouterr()
    return out + err if raw else NAMES.sub(" ", out + err)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_help_and_usage_errors_are_in_the_language(workdir, capsys, lang):
    found = {}
    for argv in CASES:
        text = said(capsys, ["--lang", lang, *argv])
        assert text.strip(), argv
        words = foreign_words(text, lang)
        if words:
            found[" ".join(argv)] = words
    assert found == {}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_time_toml_and_validator_reasons_are_in_the_language(workdir, capsys, lang):
    start = said(capsys, ["--lang", lang, "start", "karangploso-renja", "--at", "2026-11-23 08:00"], raw=True)
    run = start.split()[-1]
    texts = {
        "impossible date": said(capsys, ["--lang", lang, "log", run, "1", "--at", "31/02/2026 10:00"]),
        "impossible time": said(capsys, ["--lang", lang, "log", run, "1", "--at", "25:00"]),
        "check": said(capsys, ["--lang", lang, "check", str(DATA / "broken")]),
    }
    (workdir / "bad.toml").write_text('lang = "id"\n[calendar\n', encoding="utf-8")
    texts["config"] = said(capsys, ["--lang", lang, "--config", str(workdir / "bad.toml"), "list"])
    assert "31" in texts["impossible date"] and "28" in texts["impossible date"]  # the reason is there
    # check names where in the SOP file, by its own keys: [[langkah]] no = 3, waktu, tidak, pelaksana.
    keys = {"langkah", "waktu", "pelaksana"} if lang == "en" else set()
    assert {name: foreign_words(text, lang, allowed=keys) for name, text in texts.items()} == \
        {name: [] for name in texts}


def test_without_lang_the_config_speaks_before_the_parser(workdir, capsys, monkeypatch):
    """`lang = "id"` in soptui.toml: argparse's errors are Indonesian whatever the locale says."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    (workdir / "soptui.toml").write_text((workdir / "soptui.toml").read_text("utf-8").replace(
        'lang = "en"', 'lang = "id"'), encoding="utf-8")
    text = said(capsys, ["undo", "x"])
    assert "argumen berikut wajib diisi" in text and not foreign_words(text, "id")
    i18n.set_lang("en")


def test_the_scan_catches_an_argparse_word_left_in_english(workdir, capsys, monkeypatch):
    monkeypatch.setitem(i18n._catalogs["id"], "argparse:the following arguments are required: %s",
                        "the following arguments are required: %s")
    assert foreign_words(said(capsys, ["--lang", "id", "undo", "x"]), "id") == ["the", "arguments", "are",
                                                                               "required"]


def test_the_systems_reasons_are_said_in_the_language():
    from soptui.oserror import os_reason
    refused = PermissionError(13, "Permission denied", "/x")
    i18n.set_lang("id")
    assert os_reason(refused) == "Izin ditolak" and os_reason(OSError(28, "No space left on device")) == \
        "Ruang disk habis"
    assert os_reason(OSError(0, "odd")) == "odd"  # one without a catalog entry passes through
    i18n.set_lang("en")
    assert os_reason(refused) == "Permission denied"
