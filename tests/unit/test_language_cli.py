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


def test_no_help_shows_a_message_key(workdir):
    """Each command's --help, in a fresh process as a clerk runs it (only that command's catalogs
    are loaded then), says its options in words: never a catalog key such as report.opt.out."""
    import importlib
    import pkgutil
    import subprocess
    import sys

    import soptui.messages
    from tests.conftest import ROOT
    for module in pkgutil.iter_modules(soptui.messages.__path__):
        importlib.import_module(f"soptui.messages.{module.name}")
    keys = set(i18n._catalogs["en"]) | set(i18n._catalogs["id"])
    code = ("import sys\nfrom soptui.cli import main\nfor lang in ('id', 'en'):\n"
            "    try:\n        main(['--lang', lang, *sys.argv[1:], '--help'])\n"
            "    except SystemExit:\n        pass\n")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": "100"}
    shown = {}
    for command in ("", *COMMANDS):
        out = subprocess.run([sys.executable, "-c", code, *command.split()], cwd=workdir, env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0 and out.stdout.count("--help") >= 2, (command, out.stderr)
        found = [w for w in re.findall(r"[\w-]+(?:\.[\w-]+)+", out.stdout) if w in keys]
        if found:
            shown[command or "soptui"] = found
    assert shown == {}


@pytest.mark.parametrize("configured, locale", [("en", "id_ID.UTF-8"), ("id", "en_US.UTF-8")])
def test_a_mistyped_lang_is_refused_in_the_configured_language(workdir, capsys, monkeypatch, configured, locale):
    monkeypatch.setenv("LANG", locale)
    (workdir / "soptui.toml").write_text((workdir / "soptui.toml").read_text("utf-8").replace(
        'lang = "en"', f'lang = "{configured}"'), encoding="utf-8")
    text = said(capsys, ["--lang", "fr", "list"], raw=True)
    assert "'fr'" in text
    assert ("invalid choice" if configured == "en" else "pilihan tidak dikenal") in text
    assert not foreign_words(NAMES.sub(" ", text), configured)


@pytest.fixture
def stats_data(workdir):
    from tests.unit.stats_runs import build, sop_toml
    build(workdir / "data")
    (workdir / "sops").mkdir()
    (workdir / "sops" / "t.toml").write_text(sop_toml(), encoding="utf-8")  # the runs' SOP, to be named
    (workdir / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\nlang = "en"\n', encoding="utf-8")
    return workdir


FIGURES = [["stats"], ["monitor"], ["evaluate"], ["evaluate", "--answers", "t=yyyyyyt"]]  # SOP t: the only one run
# After a standard said in the interface's words, the SOP's own Waktu in brackets: "1 h (1 jam)".
SOP_WAKTU = re.compile(r"(?<=\w) \(\d[^()]*\)")
PERIODS = [["--from", "2026-11-02", "--to", "2026-11-02"], ["--from", "2026-11-01", "--to", "2026-11-30"],
           ["--from", "2027-01-01", "--to", "2027-01-31"]]  # one run (with one rework loop), five, none


@pytest.mark.parametrize("lang", ["id", "en"])
def test_statistics_and_forms_are_in_the_language(stats_data, capsys, lang):
    """The figures across runs and the two forms: the interface's words only (the SOP's own
    "Langkah 1" names stay), standard times said as the checklist says them."""
    found = {}
    for argv in FIGURES:
        for period in PERIODS:
            text = SOP_WAKTU.sub(" ", said(capsys, ["--lang", lang, *argv, *period]))
            words = foreign_words(text, lang, allowed={"Langkah"} if lang == "en" else frozenset())
            if words:
                found[" ".join(argv + period)] = words
    assert found == {}


def test_counts_take_the_right_english_form(stats_data, capsys):
    one, five, none = PERIODS
    stats = said(capsys, ["stats", *one], raw=True)
    assert "1 run started:" in stats and "1 rework loop\n" in stats
    assert "Decision 3: 1 × back to step 2; 1 × yes" in stats and "By role" in stats
    assert "5 runs started:" in said(capsys, ["stats", *five], raw=True)
    assert "1 run;" in said(capsys, ["monitor", *one], raw=True)
    assert "1 rework loop in 1 run" in " ".join(said(capsys, ["evaluate", *one], raw=True).split())
    assert "1 rework loop in 4 runs" in " ".join(said(capsys, ["evaluate", *five], raw=True).split())


def test_standard_times_are_said_in_the_language(stats_data, capsys):
    """The stats table's Std column and the forms give the standard as the checklist does: formatted
    in the interface's language ("10 min"; the monitoring form adds the SOP's words, "(10 menit)")."""
    five = PERIODS[1]
    rows = {line.split()[0]: line for line in said(capsys, ["stats", *five], raw=True).splitlines()
            if line[:2].strip().isdigit()}
    assert [rows[no].split("Langkah " + no)[1].split()[:2] for no in "1234"] == \
        [["10", "min"], ["1", "h"], ["30", "min"], ["1", "d"]]
    rows = {line.split()[0]: line for line in said(capsys, ["--lang", "id", "stats", *five], raw=True).splitlines()
            if line[:2].strip().isdigit()}
    assert [rows[no].split("Langkah " + no)[1].split()[:2] for no in "1234"] == \
        [["10", "mnt"], ["1", "j"], ["30", "mnt"], ["1", "hr"]]
    monitor = " ".join(said(capsys, ["monitor", *five], raw=True).split())
    assert "against standard 10 min (10 menit)" in monitor and "its standard time 10 min (10 menit)" in monitor
    monitor = " ".join(said(capsys, ["--lang", "id", "monitor", *five], raw=True).split())
    assert "lawan baku 10 menit;" in monitor


@pytest.mark.parametrize("lang, said_so", [("en", "Score: given once all seven questions are answered"),
                                           ("id", "Skor: dihitung setelah ketujuh pertanyaan dijawab")])
def test_an_unanswered_evaluation_says_why_it_has_no_score(stats_data, capsys, lang, said_so):
    text = said(capsys, ["--lang", lang, "evaluate", "t", *PERIODS[1]], raw=True)
    assert said_so in text and "— " + ("yes" if lang == "en" else "ya") not in text
    answered = said(capsys, ["--lang", lang, "evaluate", "t", "--answers", "t=yyyyyyt", *PERIODS[1]], raw=True)
    assert ("Score: 86 % yes" if lang == "en" else "Skor: 86 % ya") in answered
