"""The monitoring and evaluation forms suggested from the hand-computed runs (stats_runs.py), saved
and read back by a new service (a restart), and the commands that print and export them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from soptui.cli import main
from soptui.service import RunService
from soptui.stats import forms
from soptui.stats.formsout import export
from soptui.stats.period import period_stats
from soptui.stats.source import period_figs, save_form

from .stats_runs import NOW, WIB, build

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    return build(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="module")
def stats(recorded):
    return period_stats(period_figs(recorded[0], None, *NOV)[0], *NOV)


@pytest.mark.parametrize("today, semester", [
    (date(2026, 12, 2), (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 7, 1), (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 6, 30), (date(2025, 7, 1), date(2025, 12, 31))),
    (date(2026, 1, 1), (date(2025, 7, 1), date(2025, 12, 31))),
])
def test_default_period_is_the_last_full_semester(today, semester):
    assert forms.last_semester(today) == semester


@pytest.mark.parametrize("rule, verdict, action", [
    # 8 of 12 attempts on time (67 %), 1 loop in 4 timed runs
    (forms.Rule(), "tidak_baik",
     "Review step 1: its standard time 10 min (10 menit) or its workload and method; reduce rework at step 2: check the "
     "requirements before handing over; find out why 1 run was cancelled"),
    (forms.Rule(min_on_time=0.6), "baik", "Keep applying the SOP; watch step 1"),
    (forms.Rule(min_on_time=0.6, max_rework_per_run=0.2), "tidak_baik",  # 0.25 loops per run
     "Review step 1: its standard time 10 min (10 menit) or its workload and method; reduce rework at step 2: check the "
     "requirements before handing over; find out why 1 run was cancelled"),
])
def test_monitoring_suggestions_follow_the_rule(stats, rule, verdict, action):
    form = forms.monitoring_form(stats, rule, "en")
    (row,) = form["rows"]
    assert (row["penilaian"], row["tindakan"]) == (verdict, action)
    # step 1's median 1,050 s is 17.5 min, shown to the minute; steps 2 and 3 tie on rework: the first is named
    assert row["catatan"] == ("5 runs; 1 cancelled; 3 of 4 steps on time on average; step 1 slowest: median "
                              "18 min against standard 10 min (10 menit); 1 rework attempt at step 2")
    assert row["suggested"]["penilaian"] == verdict


def test_evidence_in_indonesian(stats):
    from soptui.i18n import using_lang
    with using_lang("id"):
        row = forms.monitoring_form(stats, forms.Rule(), "id")["rows"][0]
    assert row["catatan"] == ("5 pelaksanaan; 1 dibatalkan; 3 dari 4 langkah rata-rata tepat waktu; langkah 1 "
                              "paling lambat: median 18 menit lawan baku 10 menit; 1 kali perbaikan di langkah 2")


@pytest.mark.parametrize("answers, score", [
    (["ya"] * 7, 1.0), (["ya"] * 5 + ["tidak"] * 2, 5 / 7), (["ya"] * 6 + [None], None), (["ya"] * 6, None)])
def test_evaluation_score_is_the_share_of_ya(answers, score):
    assert forms.score(answers) == (pytest.approx(score) if score is not None else None)


def test_evaluation_form_shows_figures_beside_the_questions(stats):
    form = forms.evaluation_form(stats, "en", {"t": ["ya"] * 6 + ["tidak"]})
    (sop,) = form["sops"]
    assert sop["score"] == pytest.approx(6 / 7)
    assert sop["figures"][0] == "67 % of attempts on time"
    assert sop["figures"][2] == "1 of 5 runs cancelled"
    assert "86 %" in export(form, "text")


def test_saved_forms_survive_a_restart(recorded, stats, tmp_path):
    svc, _ = recorded
    form = forms.monitoring_form(stats, forms.Rule(), "en")
    form["rows"][0]["penilaian"] = "baik"  # the penilai changed column 3
    saved = save_form(svc, form, " Ibu Sari ")
    again = RunService(svc.store.root, WIB, clock=lambda: NOW)  # a new process, as after a restart
    (kept,) = [f for f in again.store.forms("monitoring") if f["no"] == saved["no"]]
    assert (kept["penilai"], kept["saved_at"], kept["rows"][0]["penilaian"]) == ("Ibu Sari", NOW.isoformat(), "baik")
    assert kept["rows"][0]["suggested"]["penilaian"] == "tidak_baik"
    assert forms.latest_saved(again.store.forms("monitoring"), "2026-11-01", "2026-11-30")["no"] == saved["no"]
    html = export(kept, "html")
    assert "Ibu Sari" in html and "Running well" in html and 'class="sign"' in html


def test_a_saved_form_keeps_its_language(recorded, stats):
    """A saved form is a record: exported in the language it was saved in, labels and words."""
    from soptui.i18n import get_lang, using_lang

    svc, _ = recorded
    with using_lang("id"):
        saved = save_form(svc, forms.monitoring_form(stats, forms.Rule(), "id"), "Ibu Sari")
    assert get_lang() == "en"
    text = export(saved, "text")
    assert "pelaksanaan" in saved["rows"][0]["catatan"] and "pelaksanaan" in text
    assert "Disimpan oleh Ibu Sari" in text and "Saved by" not in text
    assert '<html lang="id">' in export(saved, "html") and "Prosedur" in export(saved, "html")
    assert "Saved by" in export({**saved, "lang": "en"}, "text")


def test_hostile_text_is_escaped_in_every_export(stats):
    form = forms.monitoring_form(stats, forms.Rule(), "en")
    form["rows"][0]["tindakan"] = "=HYPERLINK(\"http://x\")<script>alert(1)</script>"
    assert "<script>" not in export(form, "html")
    from openpyxl import load_workbook
    import io
    ws = load_workbook(io.BytesIO(export(form, "xlsx"))).worksheets[0]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith("=") for v in cells)
    assert any(v.startswith("'=HYPERLINK") for v in cells)


@pytest.fixture
def cli_data(workdir):
    build(workdir / "data")
    return workdir


def test_stats_command_json_and_files(cli_data, capsys):
    assert main(["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == {"started": 5, "finished": 2, "cancelled": 1, "in_progress": 2}
    for suffix in ("csv", "xlsx", "html", "md", "txt"):
        assert main(["stats", "--out", str(cli_data / f"s.{suffix}")]) == 0
        assert (cli_data / f"s.{suffix}").stat().st_size > 100
    assert "Langkah 1" in (cli_data / "s.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["stats", "--from", "2026-13-01"], "--from: the date '2026-13-01' cannot be: there is no month 13"),
    (["stats", "--from", "31/02/2026"], "--from: the date '31/02/2026' cannot be: month 2/2026 has 28 days, not 31"),
    (["stats", "--to", "besok"], "--to: cannot read the date 'besok'; write YYYY-MM-DD or DD/MM/YYYY"),
    (["stats", "--from", "2026-12-01", "--to", "2026-11-01"], "the period is reversed"),
    (["evaluate", "--answers", "t=yyy"], "--answers 't=yyy'"),
])
def test_bad_period_and_answers_are_named(cli_data, capsys, argv, message):
    assert main(argv) == 1
    assert message in " ".join(capsys.readouterr().err.split())


def test_monitor_command_saves_and_shows_the_saved_form(cli_data, capsys):
    argv = ["monitor", "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*argv, "--save", "--penilai", "Pak Budi", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "Form saved as number 1" in captured.err
    assert json.loads(captured.out)["penilai"] == "Pak Budi"
    assert main([*argv, "--out", str(cli_data / "m.xlsx")]) == 0
    from openpyxl import load_workbook
    ws = load_workbook(cli_data / "m.xlsx").worksheets[0]
    assert "Pak Budi" in [c.value for row in ws.iter_rows() for c in row]
    assert main(["evaluate", "--from", "2026-11-01", "--to", "2026-11-30", "--answers", "t=yyyyytt", "--save"]) == 0
    assert "Score: 71 % yes" in capsys.readouterr().out
    assert main(["--lang", "id", *argv]) == 0  # the saved form, read in another language: as it was saved
    captured = capsys.readouterr()
    assert "saved in English: its words stay as signed" not in captured.err
    assert "tersimpan dalam bahasa Inggris" in captured.err and "Saved by Pak Budi" in captured.out


def _two_sop_form(stats, kind, other="satpolpp-pengukuran-kinerja"):
    """A form over two SOPs: "t" of the recorded runs and a second one with the same figures."""
    twin = {**stats["sops"][0], "sop_id": other, "nomor": "427.46", "nama": "Pengukuran Kinerja"}
    both = {**stats, "sops": [stats["sops"][0], twin]}
    return forms.monitoring_form(both, forms.Rule(), "en") if kind == forms.MONITORING else forms.evaluation_form(both, "en")


@pytest.mark.parametrize("kind", [forms.MONITORING, forms.EVALUATION])
def test_latest_saved_for_one_sop_is_limited_to_it(stats, kind):
    form = {**_two_sop_form(stats, kind), "saved_at": "2026-12-01T10:00"}
    mine = forms.latest_saved([form], form["from"], form["to"], "satpolpp-pengukuran-kinerja")
    assert [e["sop_id"] for e in forms.entries(mine)] == ["satpolpp-pengukuran-kinerja"]
    assert forms.latest_saved([form], form["from"], form["to"], "other") is None
    assert len(forms.entries(forms.latest_saved([form], form["from"], form["to"]))) == 2


@pytest.mark.parametrize("command", ["evaluate", "monitor"])
def test_a_named_sop_shows_only_its_part_of_the_saved_form(cli_data, capsys, command):
    svc = RunService(cli_data / "data", WIB, clock=lambda: NOW)
    nov = period_stats(period_figs(svc, None, *NOV)[0], *NOV)
    kind = forms.EVALUATION if command == "evaluate" else forms.MONITORING
    save_form(svc, _two_sop_form(nov, kind), "Pak Budi")
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([command, "satpolpp-pengukuran-kinerja", *period]) == 0
    captured = capsys.readouterr()
    assert "Pengukuran Kinerja" in captured.out and "Contoh" not in captured.out
    assert "Saved by Pak Budi" in captured.out and "no form saved" not in captured.err
    assert main([command, "karangploso-renja", *period]) == 0
    captured = capsys.readouterr()
    assert "no form saved for SOP karangploso-renja in this period" in captured.err
    assert "Contoh" not in captured.out and "Pengukuran Kinerja" not in captured.out
