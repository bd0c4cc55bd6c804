"""The command-line parser: only the named command's parser is built, and the summary path stays
free of the imports that made it slow (see docs/benchmarks.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from soptui import cli
from tests.conftest import ROOT


def _choices(parser) -> list[str]:
    sub = next(a for a in parser._actions if a.dest == "command")
    return list(sub.choices)


def test_commands_constant_lists_every_command_in_order():
    assert _choices(cli.build_parser()) == list(cli.COMMANDS)


@pytest.mark.parametrize("argv, built", [
    (["summary", "RUN", "--format", "json"], ["summary"]),
    (["--config", "summary", "list"], ["list"]),          # a config file named "summary"
    (["--config=x.toml", "--lang", "en", "log", "R", "2"], ["log"]),
    (["status", "-h"], ["status"]),
    (["--conf", "summary", "list"], ["list"]),            # argparse accepts abbreviated options
    ([], []),                                             # the interactive view: no command
    (["--lang", "id"], []),
])
def test_only_the_named_command_is_built(argv, built):
    assert _choices(cli.build_parser(argv)) == built


@pytest.mark.parametrize("argv", [["-h"], ["--help", "list"], ["--he"], ["sumary", "RUN"], ["RUN-ID"],
                                  ["--", "status", "x"], ["-", "status"], ["--bogus", "status", "x"]])
def test_help_and_unknown_commands_get_every_parser(argv):
    assert _choices(cli.build_parser(argv)) == list(cli.COMMANDS)


def test_a_partly_built_parser_parses_as_the_full_one():
    argv = ["--lang", "en", "log", "20261123-abc", "3", "--actor", "Rina", "--at", "09:00"]
    partial, full = cli.build_parser(argv).parse_args(argv), cli.build_parser().parse_args(argv)
    assert vars(partial) == vars(full)
    assert partial.step == 3 and partial.actor == "Rina"
    from soptui.cli.tui import cmd_tui
    assert cli.build_parser([]).parse_args([]).func is cmd_tui


def test_help_is_as_wide_as_columns_says(monkeypatch, capsys):
    for columns, widest in (("60", 60), ("120", 120)):
        monkeypatch.setenv("COLUMNS", columns)
        with pytest.raises(SystemExit):
            cli.build_parser(["--help"]).parse_args(["--help"])
        lines = capsys.readouterr().out.splitlines()
        assert max(map(len, lines)) <= widest
        assert columns == "60" or max(map(len, lines)) > 80  # the long help lines use the room


def test_mistyped_command_lists_the_choices(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.build_parser(["sumary"]).parse_args(["sumary"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "'sumary'" in err and "'summary'" in err and "'verify'" in err


def test_summary_json_is_a_real_summary_without_the_interface(tmp_path):
    """`soptui summary --format json` checks the record and never loads Textual; what else it loads
    is for the benchmarks (bench_summary.py) to judge, not for a ban here."""
    (tmp_path / "soptui.toml").write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\n',
                                          encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "SOPTUI_NOW": "2026-11-23T09:00:00+07:00"}

    def soptui(*argv: str) -> str:
        result = subprocess.run([sys.executable, "-m", "soptui", *argv], cwd=tmp_path, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run_id = soptui("start", "karangploso-renja", "--operator", "Rina", "--at", "08:00").strip().split()[-1]
    soptui("log", run_id, "1", "--actor", "Rina", "--at", "08:45")
    code = ("import sys\nfrom soptui.cli import main\nrc = main(sys.argv[1:])\n"
            "sys.stderr.write(' '.join(sorted(sys.modules)))\nsys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, "summary", run_id, "--format", "json"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["run"]["id"] == run_id
    loaded = set(result.stderr.split())
    assert "soptui.timing" in loaded and "soptui.digest" in loaded  # a real summary, integrity checked
    assert "textual" not in loaded


@pytest.mark.parametrize("typed, recorded", [("ya", "ya"), ("Yes", "ya"), ("tidak", "tidak"), ("NO", "tidak")])
def test_decide_takes_the_sops_words_or_english(typed, recorded):
    argv = ["decide", "R", "6", typed]
    assert cli.build_parser(argv).parse_args(argv).verdict == recorded


def test_decide_refuses_other_answers(capsys):
    argv = ["decide", "R", "6", "mungkin"]
    with pytest.raises(SystemExit):
        cli.build_parser(argv).parse_args(argv)
    assert "answer ya (yes) or tidak (no), not 'mungkin'" in capsys.readouterr().err


@pytest.mark.parametrize("argv, lang", [(["--lang", "en", "runs"], "en"), (["--la", "en", "runs"], "en"),
                                        (["--lang=id", "runs"], "id"), (["runs"], "auto"),
                                        (["--config", "--lang", "runs"], "auto")])  # a file named --lang
def test_the_language_is_read_as_argparse_reads_options(argv, lang):
    from soptui.cli.main import _early_lang
    assert _early_lang(argv) == lang


def test_only_the_modules_of_the_named_command_are_imported():
    code = ("import sys; from soptui import cli; cli.build_parser(sys.argv[1:]);"
            "print(' '.join(m for m in ('soptui.cli.runs', 'soptui.cli.report') if m in sys.modules))")
    for argv, loaded in ((["list"], ""), (["run", "x"], ""), ([], ""), (["log", "R", "1"], "soptui.cli.runs"),
                         (["summary", "R"], "soptui.cli.report")):
        out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=ROOT)
        assert out.stdout.strip() == loaded, argv


def test_only_the_command_line_reads_soptui_now(monkeypatch, tmp_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from soptui.cli.context import clock
    from soptui.errors import SoptuiError
    from soptui.service import RunService
    tz = ZoneInfo("Asia/Jakarta")
    monkeypatch.setenv("SOPTUI_NOW", "2020-01-02T03:04:05+07:00")
    assert clock(tz)() == datetime(2020, 1, 2, 3, 4, 5, tzinfo=tz)
    assert RunService(tmp_path, tz).now().year >= 2026  # a service (the TUI, a server) keeps the real clock
    monkeypatch.setenv("SOPTUI_NOW", "kemarin")
    with pytest.raises(SoptuiError, match="SOPTUI_NOW"):
        clock(tz)
    monkeypatch.delenv("SOPTUI_NOW")
    assert clock(tz) is None


@pytest.mark.parametrize("option", ["--operator", "--title"])
def test_a_run_is_never_started_with_an_empty_operator_or_title(workdir, option):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["start", "karangploso-renja", "--at", "2026-11-20 14:00", option, "  "])
    assert exit_.value.code == 2
    assert not list(workdir.rglob("runs/*.json"))  # nothing started


def test_a_step_start_refuses_what_only_a_completion_records(workdir, capsys):
    cli.main(["start", "karangploso-renja", "--at", "2026-11-20 08:00", "--operator", "Sri"])
    run = capsys.readouterr().out.strip()
    rc = cli.main(["--lang", "en", "log", run, "1", "--start", "--at", "2026-11-20 08:05", "--actor", "Pak Kabid",
                   "--note", "mulai"])
    err = " ".join(capsys.readouterr().err.split())
    assert rc == 1 and "--actor, --note belong to its completion" in err and "Nothing was recorded" in err
    assert cli.main(["log", run, "1", "--start", "--at", "2026-11-20 08:05"]) == 0  # the moment alone: recorded
