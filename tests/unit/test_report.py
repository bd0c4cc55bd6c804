"""The summary and its exports: readable at 80 columns, readable by the programs they are for."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from soptui.calendar import OfficeCalendar
from soptui.cli import main
from soptui.report import export, neutralise, render_text, summary_data
from soptui.timing import time_run
from tests.unit.test_timing import at, build, sop_text

NOW = at("2026-11-23T12:00")


@pytest.fixture
def finished():
    text = sop_text("10 menit", "30 menit", "10 menit", "", decision=(3, 2))
    state = build(text, "2026-11-23T08:00", [
        (1, "2026-11-23T08:05"), (2, "2026-11-23T08:50"), (3, "2026-11-23T08:55", "tidak"),
        (2, "2026-11-23T09:20"), (3, "2026-11-23T09:40", "ya"), (4, "2026-11-23T10:00")])
    return state, time_run(state, OfficeCalendar(), NOW)


def test_text_fits_80_columns_and_has_the_figures(finished):
    text = render_text(*finished, width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for fragment in ("Compliance", "60 %", "3 of 5", "Rework", "2.2", "Timeline", "Staf", "Kepala"):
        assert fragment in text


def test_json_has_the_contract(finished):
    data = json.loads(export(*finished, "json"))
    assert data["run"]["id"] == "r" and data["run"]["status"] == "finished"
    assert data["compliance"] == {"measured": 5, "on_time": 3, "late": 2, "rate": 0.6, "unmeasured_steps": [4]}
    step2 = next(s for s in data["steps"] if s["no"] == 2)
    a = step2["attempts"][0]
    assert a["ready_at"] == "2026-11-23T08:05:00+07:00" and a["due_at"] == "2026-11-23T08:35:00+07:00"
    assert a["completed_at"] == "2026-11-23T08:50:00+07:00"
    assert (a["on_time"], a["actual_working_seconds"], a["overrun_working_seconds"]) == (False, 2700, 900)


def test_csv_reads_back_and_neutralises_formulas(finished):
    state, timing = finished
    state.steps[1].attempts[0].output = "=HYPERLINK(\"http://x\")"
    state.steps[2].attempts[0].output = "+62 811"
    rows = list(csv.DictReader(io.StringIO(export(state, timing, "csv"))))
    assert len(rows) == 6
    by = {(r["no"], r["attempt"]): r for r in rows}
    assert by[("2", "1")]["on_time"] == "False" and by[("2", "1")]["overrun_working_seconds"] == "900"
    timing = time_run(state, OfficeCalendar(), NOW)
    rows = list(csv.DictReader(io.StringIO(export(state, timing, "csv"))))
    outputs = {(r["no"], r["attempt"]): r["output"] for r in rows}
    assert outputs[("1", "1")] == "'=HYPERLINK(\"http://x\")"
    assert outputs[("2", "1")] == "'+62 811"


def test_xlsx_reads_back_with_neutralised_cells(finished, tmp_path):
    state, _ = finished
    state.steps[1].attempts[0].actor = "@SUM(A1)"
    timing = time_run(state, OfficeCalendar(), NOW)
    path = tmp_path / "r.xlsx"
    path.write_bytes(export(state, timing, "xlsx"))
    wb = load_workbook(path)
    assert len(wb.sheetnames) == 3
    steps = wb[wb.sheetnames[1]]
    header = [c.value for c in steps[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in steps.iter_rows(min_row=2)]
    assert len(rows) == 6
    assert rows[0]["actor"] == "'@SUM(A1)"
    assert rows[0]["ready_at"].isoformat() == "2026-11-23T08:00:00"  # office-local wall time
    assert isinstance(rows[1]["overrun_working_seconds"], int)


class _Balance(HTMLParser):
    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_html_is_well_formed_and_escaped(finished):
    state, _ = finished
    state.steps[1].attempts[0].output = "<script>alert(1)</script>"
    html = export(state, time_run(state, OfficeCalendar(), NOW), "html")
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_has_a_row_per_attempt(finished):
    md = export(*finished, "md")
    rows = [line for line in md.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 6
    assert "| 3 | 1 |" in md


def test_neutralise():
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@x", "ok", 5, None)] == ["'=1", "'+1", "'-1", "'@x", "ok", 5, None]


def test_summary_command_every_format(workdir, capsys, tmp_path):
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["log", run, "1", "--actor", "Camat", "--at", "2026-11-23 07:38"]) == 0
    capsys.readouterr()
    assert main(["summary", run, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # Step 1 was on time; step 2 (20 menit, ready 07:38) is still open at 10:00, so already late.
    assert data["compliance"] == {"measured": 2, "on_time": 1, "late": 1, "rate": 0.5, "unmeasured_steps": []}
    assert data["steps"][0]["attempts"][0]["on_time"] is True
    assert main(["summary", run]) == 0
    assert "Compliance" in capsys.readouterr().out
    assert main(["summary", run, "--format", "xlsx"]) == 1
    assert "--out" in capsys.readouterr().err
    for fmt in ("csv", "xlsx", "html", "md", "text", "json"):
        out = tmp_path / f"s.{fmt}"
        assert main(["summary", run, "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 100
    assert load_workbook(tmp_path / "s.xlsx")
