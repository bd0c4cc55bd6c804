"""A saved form against the record that goes on after it: the runs it does not cover are counted
and never hidden (added to the form shown, warned by the command), saving again keeps what the
penilai wrote; an empty form is not saved; the statistics of one SOP name it; a typed day that
cannot be is said to be impossible, and why."""

from __future__ import annotations

import json
from datetime import date

import pytest

from soptui.cli import main
from soptui.i18n import using_lang
from soptui.service import RunService
from soptui.sopfile import parse_text
from soptui.stats import forms
from soptui.stats.period import ImpossibleDay, parse_day, period_stats
from soptui.stats.source import period_figs

from .stats_runs import NOW, WIB, build, record, sop_toml

NOV = ["--from", "2026-11-01", "--to", "2026-11-30"]


@pytest.fixture
def cli_data(workdir):
    build(workdir / "data")
    return workdir


def _nov(data) -> dict:
    svc = RunService(data, WIB, clock=lambda: NOW)
    return period_stats(period_figs(svc, None, date(2026, 11, 1), date(2026, 11, 30))[0],
                        date(2026, 11, 1), date(2026, 11, 30))


def _another_sop_run(data, start: str = "2026-11-30 08:00") -> None:
    svc = RunService(data, WIB, clock=lambda: NOW)
    record(svc, parse_text(sop_toml("u", "Lain"), "test", sop_id="u"), "G", start, [(1, "2026-11-30 08:05")])


def test_uncovered_counts_new_sops_and_new_runs(cli_data):
    stats = _nov(cli_data / "data")
    saved = {**forms.monitoring_form(stats, forms.Rule(), "en"), "saved_at": "2026-12-01T10:00:00+07:00"}
    assert forms.uncovered(saved, stats) == 0
    saved["rows"][0]["tindakan"] = "Rapat evaluasi"  # the penilai's words
    _another_sop_run(cli_data / "data")
    record(RunService(cli_data / "data", WIB, clock=lambda: NOW),
           parse_text(sop_toml(), "test", sop_id="t"), "H", "2026-11-27 08:00", [(1, "2026-11-27 08:30")])
    now = _nov(cli_data / "data")
    assert forms.uncovered(saved, now) == 2  # one run of a new SOP, one more of "t"
    legacy = {**saved, "rows": [{k: v for k, v in r.items() if k != "runs"} for r in saved["rows"]]}
    assert forms.uncovered(legacy, now) == 1  # saved before parts kept a count: the new SOP's run
    shown, missing, added = forms.with_new_runs(saved, forms.monitoring_form(now, forms.Rule(), "en"), now)
    assert (missing, added) == (2, {"u"})
    t_row, u_row = shown["rows"]
    assert (t_row["sop_id"], u_row["sop_id"], t_row["no"], u_row["no"]) == ("t", "u", 1, 2)
    assert t_row["tindakan"] == "Rapat evaluasi"  # kept as written
    assert t_row["catatan"].startswith("6 runs")  # the untouched suggestion follows the record
    assert shown["saved_at"] == saved["saved_at"] and forms.uncovered(shown, now) == 0


def test_up_to_date_evaluation_keeps_answers_and_follows_the_figures(cli_data):
    stats = _nov(cli_data / "data")
    saved = forms.evaluation_form(stats, "en", {"t": list("yyyyytt")})
    _another_sop_run(cli_data / "data")
    now = _nov(cli_data / "data")
    shown = forms.up_to_date(saved, forms.evaluation_form(now, "en"))
    assert [s["sop_id"] for s in shown["sops"]] == ["t", "u"]
    assert shown["sops"][0]["answers"] == list("yyyyytt") and shown["sops"][1]["answers"] == [None] * 7


def test_the_command_says_which_runs_the_saved_form_lacks(cli_data, capsys, monkeypatch):
    monkeypatch.setenv("SOPTUI_NOW", "2026-12-02T10:00:00+07:00")
    assert main(["monitor", *NOV, "--save", "--penilai", "Pak Budi"]) == 0
    captured = capsys.readouterr()
    assert "has not ended" not in captured.err  # November is over on 2 December
    _another_sop_run(cli_data / "data")
    assert main(["monitor", *NOV]) == 0
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert "the saved form covers runs up to 2026-12-02 10:00; 1 run recorded since is not in it: save again " \
           "(--save) to include it" in err
    assert "Saved by Pak Budi" in captured.out and "Lain" not in captured.out  # the record as signed
    assert main(["monitor", *NOV, "--save", "--penilai", "Pak Budi", "--format", "json"]) == 0
    form = json.loads(capsys.readouterr().out)
    assert [r["sop_id"] for r in form["rows"]] == ["t", "u"]
    assert main(["monitor", *NOV]) == 0
    captured = capsys.readouterr()
    assert "covers runs" not in captured.err and "Lain" in captured.out


def test_saving_a_period_not_ended_warns(cli_data, capsys):  # SOPTUI_NOW: 23 Nov 2026
    assert main(["monitor", *NOV, "--save"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "Form saved as number 1" in err and "The semester has not ended (it runs to 2026-11-30)" in err


@pytest.mark.parametrize("command", ["monitor", "evaluate"])
def test_an_empty_form_is_not_saved(cli_data, capsys, command):
    assert main([command, "--from", "2026-01-01", "--to", "2026-06-30", "--save"]) == 1
    assert "Nothing saved: no SOP was run in the period 2026-01-01 to 2026-06-30." in \
        " ".join(capsys.readouterr().err.split())
    data = cli_data / "data" / "forms.json"
    assert not data.exists() or not any(json.loads(data.read_text(encoding="utf-8")).values())


def test_statistics_of_one_sop_name_it(cli_data, capsys):
    assert main(["stats", "karangploso-renja"]) == 0  # runs of "t" only in the record
    out = " ".join(capsys.readouterr().out.split())
    assert "SOP: Perencanaan Kinerja (070/ /421.628/2015)" in out
    assert "No run of this SOP started in this period." in out and "No run started" not in out
    assert main(["stats"]) == 0
    assert "SOP:" not in capsys.readouterr().out


@pytest.mark.parametrize("text, why", [
    ("31/02/2026", "bulan 2/2026 hanya punya 28 hari, bukan 31"),
    ("2026-02-29", "bulan 2/2026 hanya punya 28 hari, bukan 29"),
    ("1/13/2026", "bulan 13 tidak ada: bulan 1 sampai 12"),
])
def test_an_impossible_day_says_why(text, why):
    with using_lang("id"), pytest.raises(ImpossibleDay) as exc:
        parse_day(text)
    assert exc.value.why == why
    assert parse_day("29/02/2028") == date(2028, 2, 29)
    with pytest.raises(ValueError) as unreadable:
        parse_day("besok")
    assert not isinstance(unreadable.value, ImpossibleDay)


@pytest.mark.parametrize("command", ["monitor", "evaluate"])
def test_a_form_is_never_saved_for_one_sop_over_the_whole_period(cli_data, capsys, command):
    _another_sop_run(cli_data / "data")  # SOPs t and u
    assert main(["monitor", *NOV, "--save", "--penilai", "Pak Budi"]) == 0
    capsys.readouterr()
    assert main([command, "t", *NOV, "--save"]) == 1  # it would stand as the period's form, the others lost
    assert "Nothing was saved" in " ".join(capsys.readouterr().err.split())
    assert main(["monitor", *NOV, "--format", "json"]) == 0
    assert [r["sop_id"] for r in json.loads(capsys.readouterr().out)["rows"]] == ["t", "u"]  # the first, whole
