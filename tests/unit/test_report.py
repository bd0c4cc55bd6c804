"""The summary and its exports: readable at 80 columns, the same figures as time_run in every
format, readable back by the programs they are for, and safe against formula injection."""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from soptui import amend, report, runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.cli import main
from soptui.errors import SoptuiError
from soptui.i18n import get_lang
from soptui.report import CSV_COLUMNS, export, neutralise, render_text, summary_data
from soptui.timing import time_run
from tests.unit.test_timing import REWORK_ACTIONS, REWORK_SOP, WIB, WITA, at, sop_text

NOW = at("2026-11-23T12:00")
M = 60


def record(text, start, actions, now=NOW, tz=WIB, run_id="20261123-abc123"):
    """actions: (step, completed_at, verdict, actor, output) -> (state, timing at `now`)."""
    docs = runs.start_run("contoh", text, title="Renja 2027", operator="Siti", timezone=str(tz),
                          at=at(start, tz), now=now)
    for no, when, verdict, actor, output in actions:
        when = at(when, tz) if isinstance(when, str) else when
        docs += runs.complete_step(docs, run_id, no, at=when, now=now, actor=actor, output=output,
                                   verdict=verdict)
    state = runs.fold(docs, run_id)
    cal = OfficeCalendar(CalendarSettings(timezone=str(tz)))
    return state, time_run(state, cal, now)


# The rework run of test_timing (figures worked by hand there): 1 on time (5 min); 2.1 late
# (45 min, 15 over); 3.1 "tidak" on time (5 min); 2.2 on time (25 min); 3.2 "ya" late (20 min,
# 10 over); 4 no standard (20 min). Measured 5, on time 3, late 2, rate 60 %.
# Outputs and names carry what a spreadsheet would run as a formula, and rich markup.
OUTPUTS = {1: "=HYPERLINK(\"http://x.example\",\"klik\")", 2: "+62 811 000", 4: "-", }
ACTORS = {1: "@SUM(A1)", 2: "Budi | Staf", 3: "[bold]Kepala[/bold]", 4: "Ani"}


@pytest.fixture
def finished():
    actions = [(no, when, verdict[0] if verdict else None, ACTORS[no], OUTPUTS.get(no, ""))
               for no, when, *verdict in REWORK_ACTIONS]
    return record(REWORK_SOP, "2026-11-23T08:00", actions)


@pytest.fixture
def open_run():
    """Long texts, a run still open at 12:00 with step 2 (1 jam, ready 08:05) overdue."""
    kegiatan = ("Memeriksa konsep Renja. Jika setuju, diserahkan kepada Tim. Jika tidak, diserahkan "
                "kepada staf untuk diperbaiki dan dikembalikan secepatnya")
    text = sop_text("10 menit", "1 jam", "1 hari").replace('kegiatan = "Langkah 1"', f'kegiatan = "{kegiatan}"')
    name = "Drs. H. Suroto Wicaksono Hadiningrat, S.H., M.M., M.Si. (Pembina Utama Muda)"
    return record(text, "2026-11-23T08:00", [(1, "2026-11-23T08:05", None, name, "Disposisi " * 12)])


def lines_of(text):
    return text.splitlines()


# -- the rich report -------------------------------------------------------------------------

def test_text_fits_80_columns_and_has_the_figures(finished):
    text = render_text(*finished, width=80)
    assert max(len(line) for line in lines_of(text)) <= 80
    for fragment in (
        "800/01/2026 — Contoh", "Kecamatan Contoh", "Camat Contoh, Budi", "                  NIP 1970",  # identity; the NIP on a line of its own
        "Renja 2027 (20261123-abc123)", "Siti", "finished", "2026-11-23 08:00", "2026-11-23 10:00",
        "2 h 00 m working time (0.1 calendar days)",                                  # lead time
        "Compliance rate     60 %  3 of 5 measured attempts on time, 2 late",
        "Late steps          2 of 4 steps (2, 3)",
        "step 4 (shown, not counted)",
        "Standard total      50 min along the path without rework",
        "50 min standard, 2 h 00 m actual: 1 h 10 m longer",
        "Sent back for rework once.", "Step 3 (Kepala): 1× no, 1× yes; on no, back to step 2.",
        "Attempts per step: step 2: 2×, step 3: 2×",
        "↻ rework, attempt 2", "2.2 = step 2, attempt 2 (rework)",
        "[bold]Kepala[/bold]",                                     # shown as typed, not as markup
        "Legend: █ on time  ▓ late  ▒ in progress  ░ no standard",
    ):
        assert fragment in text, fragment
    # Step rows: no, kegiatan, standard, actual, overrun, status; then who and what came out.
    row = next(line for line in lines_of(text) if line.startswith("  2   Langkah 2"))
    assert row.split()[-7:] == ["30", "min", "45", "min", "15", "min", "late"]
    i = lines_of(text).index(row)
    assert [line.strip() for line in lines_of(text)[i + 1:i + 3]] == ["Staf: Budi | Staf", "→ +62 811 000"]
    assert "Staf: Ani · → -" in text  # who and output share a line when they fit
    assert "answer: no" in text and "answer: yes" in text
    roles = {line.split()[0]: line for line in lines_of(text) if line.startswith(("Staf ", "Kepala "))}
    assert roles["Staf"].split()[-6:] == ["4", "1", "h", "35", "m", "1"]
    assert roles["Kepala"].split()[-4:] == ["2", "25", "min", "1"]


def test_timeline_bars_sit_on_the_working_time_axis(finished):
    # Lead time 120 working minutes; at 80 columns the bar area is 80 - 3 (label) - 6 ("45 min")
    # - 2 gaps = 69 cells. Step 1: 0-5 min -> cells 0..round(5/120*69)=3; step 2: 5-50 min ->
    # cells 3..round(50/120*69)=29 (late: ▓); 3: 50-55 -> 29..32; 2.2: 55-80 -> 32..46;
    # 3.2: 80-100 -> 46..58 (late); 4: 100-120 -> 58..69 (no standard: ░).
    text = render_text(*finished, width=80)
    bars = {line[:3].strip(): line[4:4 + 69] for line in lines_of(text)
            if line[:3].strip() in ("1", "2", "3", "2.2", "3.2", "4") and line[4:5] in " █▓░▒"
            and any(g in line for g in "█▓░▒")}
    assert bars["1"] == "███" + " " * 66
    assert bars["2"] == " " * 3 + "▓" * 26 + " " * 40
    assert bars["3"] == " " * 29 + "█" * 3 + " " * 37
    assert bars["2.2"] == " " * 32 + "█" * 14 + " " * 23
    assert bars["3.2"] == " " * 46 + "▓" * 12 + " " * 11
    assert bars["4"] == " " * 58 + "░" * 11
    axis = next(line for line in lines_of(text) if "├" in line)
    assert axis.strip().startswith("├23/11 08:00") and axis.strip().endswith("23/11 10:00┤")


def test_text_in_indonesian(finished):
    text = render_text(*finished, width=80, lang="id")
    assert get_lang() == "en"  # the language is restored afterwards
    assert max(len(line) for line in lines_of(text)) <= 80
    for fragment in ("Ringkasan kepatuhan waktu", "Disahkan oleh", "Tingkat kepatuhan  60 %  3 dari 5",
                     "tepat waktu", "terlambat", "tanpa baku", "↻ perbaikan ke-2", "percobaan terukur",
                     "Langkah terlambat  2 dari 4 langkah (2, 3)",
                     "2 j 00 m waktu kerja (0,1 hari kalender)", "jawaban: tidak",
                     "Langkah 3 (Kepala): 1× tidak, 1× ya; jika tidak kembali ke langkah 2."):
        assert fragment in text, fragment


@pytest.mark.parametrize("width", [40, 60, 80, 100, 119, 120, 160])
def test_every_width_is_respected(open_run, width):
    text = render_text(*open_run, width=width)
    assert max(len(line) for line in lines_of(text)) <= width


def test_open_run_at_80_columns(open_run):
    text = render_text(*open_run, width=80)
    lines = lines_of(text)
    assert max(len(line) for line in lines) <= 80
    assert "in progress, current step: 2" in text
    assert "not finished (measured until 2026-11-23 12:00)" in text
    # Step 2 (1 jam) ready 08:05, due 09:05; at 12:00 it is overdue: 3 h 55 m so far, 2 h 55 m over.
    row = next(line for line in lines if line.split()[:2] == ["2", "Langkah"])
    assert row.split()[-10:] == ["1", "h", "3", "h", "55", "m", "2", "h", "55", "m", "overdue"][-10:]
    assert row.rstrip().endswith("3 h 55 m   2 h 55 m   overdue")
    assert next(line for line in lines if line.split()[:2] == ["3", "Langkah"]).rstrip().endswith("pending")
    # Lead time so far (4 h) is under the standard total (8 h 40 m): "so far", not "within".
    assert "8 h 40 m standard, 4 h 00 m so far (not finished)" in text
    # A long kegiatan takes two lines cut at a word boundary, never inside a word.
    i = next(i for i, line in enumerate(lines) if line.split()[:2] == ["1", "Memeriksa"])
    # The activity column is 29 cells here: 80 - No (2) - Standard (8) - Actual (8) - Over (8)
    # - Status (7) - 5 gaps of 3 - 2 to spare (a wider scrollbar never squeezes the figures).
    assert lines[i][5:34].rstrip() == "Memeriksa konsep Renja. Jika"
    assert lines[i + 1].strip() == "setuju, diserahkan kepada…"
    # Role and person do not fit on one line: each gets its own, the role whole.
    assert lines[i + 2].strip() == "Staf"
    assert lines[i + 3].strip().startswith("Drs. H. Suroto") and lines[i + 3].strip().endswith("…")
    # What came out is wrapped (up to three lines), not cut to one.
    assert lines[i + 4].strip().startswith("→ Disposisi Disposisi") and "Disposisi" in lines[i + 5]


def test_wide_layout_has_role_and_person_columns(finished):
    text = render_text(*finished, width=140)
    header = next(line for line in lines_of(text) if line.lstrip().startswith("No "))
    assert header.split() == ["No", "Activity", "Role", "Done", "by", "Standard", "Actual", "Over", "Status"]
    row = next(line for line in lines_of(text) if line.startswith("  2   Langkah 2"))
    assert "Staf" in row and "Budi | Staf" in row


# -- JSON ----------------------------------------------------------------------------------------

def test_json_has_the_contract_and_the_numbers_of_time_run(finished):
    state, timing = finished
    data = json.loads(export(state, timing, "json"))
    assert data["run"]["id"] == "20261123-abc123" and data["run"]["status"] == "finished"
    assert data["run"]["record_intact"] is True and data["run"]["integrity_problem"] is None
    assert data["sop"]["nomor"] == "800/01/2026" and data["sop"]["disahkan_oleh"]["nama"] == "Budi"
    assert data["compliance"] == {"measured": 5, "on_time": 3, "late": 2, "rate": 0.6, "unmeasured_steps": [4],
                                  "late_steps": [2, 3], "steps": 4, "off_hours": []}
    assert data["totals"]["standard_total_working_seconds"] == 50 * M
    assert data["totals"]["lead_working_seconds"] == 120 * M
    assert data["rework"]["loops"] == 1
    assert data["rework"]["decisions"] == [{"step": 3, "kegiatan": "Langkah 3", "pelaksana": "Kepala",
                                            "target": 2, "tidak": 1, "ya": 1}]
    assert data["rework"]["attempts"] == {"2": 2, "3": 2}
    assert [(r["role"], r["steps"], r["working_seconds"], r["late"]) for r in data["roles"]] == [
        ("Staf", 4, 95 * M, 1), ("Kepala", 2, 25 * M, 1)]
    a = data["steps"][1]["attempts"][0]
    assert (data["steps"][1]["no"], a["n"]) == (2, 1)
    assert a["ready_at"] == "2026-11-23T08:05:00+07:00" and a["due_at"] == "2026-11-23T08:35:00+07:00"
    assert a["completed_at"] == "2026-11-23T08:50:00+07:00"
    assert (a["on_time"], a["actual_working_seconds"], a["overrun_working_seconds"]) == (False, 2700, 900)
    assert data["steps"][1]["waktu"] == "30 menit" and data["steps"][3]["standard"] is None
    # Every attempt carries time_run's own figures.
    for st, st_json in zip(timing.steps, data["steps"]):
        assert st_json["no"] == st.no and len(st_json["attempts"]) == len(st.attempts)
        for at_, aj in zip(st.attempts, st_json["attempts"]):
            assert aj["due_at"] == (at_.due_at.isoformat() if at_.due_at else None)
            assert datetime.fromisoformat(aj["ready_at"]) == at_.ready_at
            assert (aj["on_time"], aj["actual_working_seconds"], aj["overrun_working_seconds"]) == (
                at_.on_time, at_.actual_working_seconds, at_.overrun_working_seconds)


def test_json_of_an_open_run(open_run):
    data = json.loads(export(*open_run, "json"))
    a = data["steps"][1]["attempts"][0]
    assert a["completed_at"] is None and a["status"] == "late_open" and a["on_time"] is False
    assert (a["actual_working_seconds"], a["overrun_working_seconds"]) == (235 * M, 175 * M)
    assert data["run"]["ended_at"] is None and data["run"]["measured_at"] == "2026-11-23T12:00:00+07:00"
    assert data["compliance"]["measured"] == 2 and data["compliance"]["rate"] == 0.5


# -- CSV -----------------------------------------------------------------------------------------

def test_csv_reads_back_one_row_per_attempt(finished):
    rows = list(csv.DictReader(io.StringIO(export(*finished, "csv"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["no"], r["attempt"]) for r in rows] == [("1", "1"), ("2", "1"), ("2", "2"), ("3", "1"),
                                                       ("3", "2"), ("4", "1")]
    by = {(r["no"], r["attempt"]): r for r in rows}
    assert by[("2", "1")]["on_time"] == "false" and by[("2", "1")]["overrun_working_seconds"] == "900"
    assert by[("2", "1")]["due_at"] == "2026-11-23T08:35:00+07:00"
    assert by[("2", "2")]["on_time"] == "true" and by[("2", "2")]["actual_working_seconds"] == "1500"
    assert by[("4", "1")]["on_time"] == "" and by[("4", "1")]["due_at"] == "" and by[("4", "1")]["status"] == "no_standard"
    assert by[("3", "1")]["verdict"] == "tidak"


def test_csv_neutralises_formulas(finished):
    by = {(r["no"], r["attempt"]): r for r in csv.DictReader(io.StringIO(export(*finished, "csv")))}
    assert by[("1", "1")]["output"] == "'=HYPERLINK(\"http://x.example\",\"klik\")"
    assert by[("1", "1")]["actor"] == "'@SUM(A1)"
    assert by[("2", "1")]["output"] == "'+62 811 000"
    assert by[("4", "1")]["output"] == "'-"
    assert by[("2", "1")]["actor"] == "Budi | Staf"  # harmless text stays as it is


def test_neutralise():
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@x", "\tx", "\rx", "ok", " =1", 5, -5, None)] == [
        "'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok", " =1", 5, -5, None]


# -- XLSX ----------------------------------------------------------------------------------------

def sheet_rows(ws):
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, [c.value for c in row])) for row in ws.iter_rows(min_row=2)]


def test_xlsx_reads_back_with_types_and_neutralised_cells(finished, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(export(*finished, "xlsx"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", "Steps", "Roles", "Change history"]
    header, rows = sheet_rows(wb["Steps"])
    assert wb["Steps"]["A1"].font.bold and wb["Steps"].column_dimensions["C"].width > 8
    assert len(rows) == 6
    first, second = rows[0], rows[1]
    assert first["Done by"] == "'@SUM(A1)" and first["Output"].startswith("'=HYPERLINK(")
    assert second["Output"] == "'+62 811 000" and rows[5]["Output"] == "'-"
    assert first["Ready"] == datetime(2026, 11, 23, 8, 0)  # naive, office-local wall time
    assert second["Due"] == datetime(2026, 11, 23, 8, 35) and second["Completed"] == datetime(2026, 11, 23, 8, 50)
    assert (second["Actual (working min)"], second["Over (working min)"], second["On time"]) == (45, 15, False)
    assert second["Status"] == "late" and rows[3]["Answer"] == "no"
    assert rows[5]["Due"] is None and rows[5]["On time"] is None and rows[5]["Status"] == "no standard"
    _, summary = sheet_rows(wb["Summary"])
    items = {r["Item"]: r["Value"] for r in summary}
    assert items["Compliance rate"] == 0.6 and items["Attempts measured"] == 5 and items["Attempts on time"] == 3
    assert items["Started"] == datetime(2026, 11, 23, 8, 0) and items["SOP number"] == "800/01/2026"
    rate_cell = next(row[1] for row in wb["Summary"].iter_rows(min_row=2) if row[0].value == "Compliance rate")
    assert rate_cell.number_format == "0%"
    _, roles = sheet_rows(wb["Roles"])
    assert [(r["Role"], r["Attempts"], r["Working time (min)"], r["Late"]) for r in roles] == [
        ("Staf", 4, 95, 1), ("Kepala", 2, 25, 1)]


def test_a_text_longer_than_a_spreadsheet_cell_says_where_it_was_cut(tmp_path):
    long = "catatan panjang " * 7000  # 112,000 characters; a cell holds 32,767
    state, timing = record(sop_text("10 menit", "1 jam", "1 hari"), "2026-11-23T08:00",
                           [(1, "2026-11-23T08:05", None, "Budi", long)])
    path = tmp_path / "r.xlsx"
    path.write_bytes(export(state, timing, "xlsx"))
    _, rows = sheet_rows(load_workbook(path)["Steps"])
    output = rows[0]["Output"]
    assert len(output) == 32767 and output.startswith("catatan panjang catatan")
    assert output.endswith(f"this text {len(long.strip())}; the whole text is in the HTML or CSV export]")


def test_xlsx_in_indonesian_and_in_office_time(tmp_path):
    # A WITA office; the completion was typed in WIB (06:45 WIB = 07:45 WITA). Excel has no time
    # zones, so the sheet holds the office's wall time: 07:45.
    state, timing = record(sop_text("30 menit"), "2026-11-23T15:50",
                           [(1, at("2026-11-24T06:45", WIB), None, "Ani", "")], now=at("2026-11-25T00:00"), tz=WITA)
    wb = load_workbook(io.BytesIO(export(state, timing, "xlsx", "id")))
    assert wb.sheetnames == ["Ringkasan", "Langkah", "Pelaksana", "Riwayat perubahan"]
    _, rows = sheet_rows(wb["Langkah"])
    assert rows[0]["Selesai"] == datetime(2026, 11, 24, 7, 45)
    assert rows[0]["Batas"] == datetime(2026, 11, 24, 7, 50) and rows[0]["Status"] == "tepat waktu"
    assert rows[0]["Nyata (menit kerja)"] == 25


# -- HTML ----------------------------------------------------------------------------------------

class _Balance(HTMLParser):
    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.seen = [], []

    def handle_starttag(self, tag, attrs):
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):  # <meta .../>
        self.seen.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_html_is_well_formed_escaped_and_complete(finished):
    state, timing = finished
    state.steps[2].attempts[0].output = "<script>alert('x & y')</script>"
    html = export(state, time_run(state, OfficeCalendar(), NOW), "html")
    assert html.startswith("<!DOCTYPE html>")
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    root = ET.fromstring(html.split("\n", 1)[1])  # well-formed XML once the doctype is gone
    assert root.tag == "html" and root.get("lang") == "en"
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x &amp; y&#x27;)&lt;/script&gt;" in html
    tables = root.findall(".//table")
    steps = tables[1]
    assert [th.text for th in steps.find("thead").iter("th")][:3] == ["No", "Attempt", "Activity"]
    assert len(steps.find("tbody").findall("tr")) == 6
    assert root.find(".//title").text == "Timing compliance summary: Renja 2027"
    summary = {tr.find("th").text: tr.find("td").text for tr in tables[0].iter("tr")}
    assert summary["Compliance rate"] == "60 %" and summary["Approved by"] == "Camat Contoh, Budi (NIP 1970)"
    bars = root.findall(".//div[@class='bar late']")
    assert len(bars) == 2 and bars[0].get("style") == "left:4.17%;width:37.50%"  # 5-50 of 120 min


# -- Markdown ------------------------------------------------------------------------------------

def test_markdown_has_a_table_row_per_attempt(finished):
    md = export(*finished, "md")
    assert md.startswith("# Timing compliance summary: Renja 2027\n")
    assert "## Steps" in md and "## By role" in md and "## Rework" in md
    steps = md.split("## Steps")[1].split("##")[0]
    rows = [line for line in steps.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 6
    assert rows[1].startswith("| 2 | 1 | Langkah 2 | Staf | Budi \\| Staf | 30 min | 2026-11-23 08:05 | "
                              "2026-11-23 08:35 | 2026-11-23 08:50 | 45 min | 15 min | late |")
    assert all(line.count(" | ") == rows[0].count(" | ") for line in rows)  # escaped pipes keep the columns
    assert "| Compliance rate | 60 % |" in md


def test_unknown_format(finished):
    with pytest.raises(SoptuiError, match="unknown summary format 'pdf'; choose one of text, json, csv"):
        export(*finished, "pdf")


# -- soptui summary ------------------------------------------------------------------------------

@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    """A config pointing at a folder with one small SOP; the clock fixed at Mon 23 Nov 12:00."""
    sops = tmp_path / "sops"
    sops.mkdir()
    (sops / "contoh.toml").write_text(REWORK_SOP, encoding="utf-8")
    config = tmp_path / "soptui.toml"
    config.write_text(f'sops_dir = "{sops.as_posix()}"\ndata_dir = "{(tmp_path / "data").as_posix()}"\n'
                      'lang = "en"\n', encoding="utf-8")
    monkeypatch.delenv("SOPTUI_CONFIG", raising=False)
    monkeypatch.setenv("SOPTUI_NOW", "2026-11-23T12:00:00+07:00")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    return ["--config", str(config)]


@pytest.fixture
def finished_run(cli_env, capsys):
    assert main([*cli_env, "start", "contoh", "--title", "Renja 2027", "--at", "2026-11-23 08:00"]) == 0
    run = capsys.readouterr().out.strip()
    for argv in (["log", run, "1", "--at", "08:05", "--output", "=1+1"], ["log", run, "2", "--at", "08:50"],
                 ["decide", run, "3", "tidak", "--at", "08:55"], ["log", run, "2", "--at", "09:20"],
                 ["decide", run, "3", "ya", "--at", "09:40"], ["log", run, "4", "--at", "10:00"]):
        assert main([*cli_env, *argv]) == 0, argv
    capsys.readouterr()
    return cli_env, run


def test_summary_command_to_the_terminal_and_stdout(finished_run, capsys):
    cfg, run = finished_run
    assert main([*cfg, "summary", run[:8 + 3]]) == 0  # a unique prefix is enough
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Compliance rate     60 %  3 of 5 measured attempts on time, 2 late" in out
    assert main([*cfg, "summary", run, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["run"]["status"] == "finished"
    assert data["compliance"] == {"measured": 5, "on_time": 3, "late": 2, "rate": 0.6, "unmeasured_steps": [4],
                                  "late_steps": [2, 3], "steps": 4, "off_hours": []}
    assert main([*cfg, "summary", run, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 6 and rows[0]["output"] == "'=1+1"
    assert main([*cfg, "summary", run, "--format", "md"]) == 0
    assert "| Compliance rate | 60 % |" in capsys.readouterr().out
    assert main([*cfg, "summary", run, "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main([*cfg, "--lang", "id", "summary", run, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"][0]["standard"] == "10 menit"


def test_summary_xlsx_to_stdout_only_when_it_is_not_a_terminal(finished_run, capsys, monkeypatch):
    cfg, run = finished_run
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))  # a pipe: not a TTY
    assert main([*cfg, "summary", run, "--format", "xlsx"]) == 0
    payload = raw.getvalue()
    assert payload[:2] == b"PK" and load_workbook(io.BytesIO(payload)).sheetnames == ["Summary", "Steps", "Roles", "Change history"]
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a terminal: refused, nothing written
    assert main([*cfg, "summary", run, "--format", "xlsx"]) == 1
    assert raw.getvalue() == payload
    err = capsys.readouterr().err
    assert "--out" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "xlsx", "html", "md"])
def test_summary_out_writes_each_format(finished_run, capsys, tmp_path, fmt):
    cfg, run = finished_run
    out = tmp_path / "exports" / f"summary.{fmt}"
    out.parent.mkdir()
    assert main([*cfg, "summary", run, "--format", fmt, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and f"Written: {out}" in captured.err
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind
    # The run of finished_run: 1, 2.1 (late), 3.1 "tidak", 2.2, 3.2 "ya" (late), 4 (no standard).
    attempts = [(1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1)]
    if fmt == "xlsx":
        wb = load_workbook(out)
        _, rows = sheet_rows(wb["Steps"])
        assert [(r["No"], r["Attempt"], r["Status"]) for r in rows] == [
            (1, 1, "on time"), (2, 1, "late"), (2, 2, "on time"), (3, 1, "on time"), (3, 2, "late"),
            (4, 1, "no standard")]
        assert rows[0]["Output"] == "'=1+1"  # typed as --output =1+1, kept as text
        items = {r["Item"]: r["Value"] for r in sheet_rows(wb["Summary"])[1]}
        assert (items["Compliance rate"], items["Attempts measured"], items["Attempts late"]) == (0.6, 5, 2)
        return
    body = out.read_bytes().decode("utf-8")  # as written: CSV keeps its \r\n line ends
    # The file holds exactly what the same command prints without --out.
    assert main([*cfg, "summary", run, "--format", fmt]) == 0
    assert body == capsys.readouterr().out
    if fmt == "text":
        assert max(len(line) for line in body.splitlines()) <= 80
        assert "Compliance rate     60 %  3 of 5 measured attempts on time, 2 late" in body
    elif fmt == "json":
        data = json.loads(body)
        assert data["compliance"] == {"measured": 5, "on_time": 3, "late": 2, "rate": 0.6, "unmeasured_steps": [4],
                                  "late_steps": [2, 3], "steps": 4, "off_hours": []}
        assert [(s["no"], a["n"]) for s in data["steps"] for a in s["attempts"]] == attempts
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [(int(r["no"]), int(r["attempt"])) for r in rows] == attempts
        assert [r["on_time"] for r in rows] == ["true", "false", "true", "true", "false", ""]
        assert rows[0]["output"] == "'=1+1" and {r["run_id"] for r in rows} == {run}
    elif fmt == "html":
        summary, steps = html_tables(body)[:2]
        assert dict(summary)["Compliance rate"] == "60 %" and dict(summary)["Attempts late"] == "2"
        assert dict(summary)["Late steps"] == "2 of 4 steps (2, 3)"
        assert [(int(r[0]), int(r[1])) for r in steps[1:]] == attempts
        assert steps[2][2] == "Langkah 2" and "late" in steps[2] and "15 min" in steps[2]
    else:
        rows = md_rows(body, "Steps")
        assert [(int(r[0]), int(r[1])) for r in rows] == attempts
        assert rows[1][9:12] == ["45 min", "15 min", "late"]
        assert "| Compliance rate | 60 % |" in body


def test_summary_errors_are_messages_not_tracebacks(finished_run, capsys, tmp_path):
    cfg, run = finished_run
    assert main([*cfg, "summary", "nope"]) == 1
    assert "no run 'nope'" in capsys.readouterr().err
    a_folder = tmp_path / "s.json"
    a_folder.mkdir()  # the name given for the file is taken by a folder
    assert main([*cfg, "summary", run, "--format", "json", "--out", str(a_folder)]) == 1
    err = capsys.readouterr().err
    assert "not a regular file" in err and str(a_folder) in err and "Traceback" not in err
    # The failed write cleaned up after itself: no temporary file is left beside the target.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def html_tables(html):
    """Each <table> of an HTML export as rows of cell texts (header rows included)."""
    root = ET.fromstring(html.split("\n", 1)[1])
    return [[["".join(cell.itertext()) for cell in tr] for tr in table.iter("tr")] for table in root.iter("table")]


def md_rows(md, section):
    """The body rows of the first table under `## section`, as lists of cell texts."""
    lines = md.split(f"## {section}\n", 1)[1].split("\n## ")[0].splitlines()
    table = [line for line in lines if line.startswith("|")][2:]  # past the header and its rule
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "xlsx", "html", "md"])
def test_a_run_just_started_and_a_cancelled_run(fmt):
    # Just started (now = the start): one open attempt of 0 s, nothing measured.
    start = at("2026-11-23T08:00")
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="", timezone="Asia/Jakarta", at=start, now=start)
    state = runs.fold(docs, "r1")
    timing = time_run(state, OfficeCalendar(), start)
    out = report.export(state, timing, fmt)
    # Step 1 (10 menit) ready 08:00, due 08:10, open, 0 s so far; steps 2-4 have no attempt yet.
    # The summary writes every time to the minute: "0 min", never "0 s" beside "50 min".
    if fmt == "text":
        assert "—  0 of 0 measured attempts on time" in out and "50 min standard, 0 min so far (not finished)" in out
        timeline = out.split("Timeline")[1].splitlines()
        assert timeline[2].rstrip().endswith(" 0 min") and " s\n" not in out
    elif fmt == "json":
        data = json.loads(out)
        assert (data["run"]["status"], data["run"]["current_step"], data["run"]["ended_at"]) == ("in_progress", 1, None)
        assert data["compliance"] == {"measured": 0, "on_time": 0, "late": 0, "rate": None, "unmeasured_steps": [4],
                                      "late_steps": [], "steps": 4, "off_hours": []}
        [a] = data["steps"][0]["attempts"]
        assert (a["status"], a["due_at"], a["completed_at"], a["actual_working_seconds"], a["on_time"]) == (
            "open", "2026-11-23T08:10:00+07:00", None, 0, None)
        assert [len(s["attempts"]) for s in data["steps"]] == [1, 0, 0, 0]
    elif fmt == "csv":
        [row] = csv.DictReader(io.StringIO(out))
        assert (row["no"], row["attempt"], row["status"], row["on_time"], row["completed_at"]) == ("1", "1", "open", "", "")
        assert (row["due_at"], row["actual_working_seconds"]) == ("2026-11-23T08:10:00+07:00", "0")
    elif fmt == "xlsx":
        wb = load_workbook(io.BytesIO(out))
        _, [row] = sheet_rows(wb["Steps"])
        assert (row["No"], row["Attempt"], row["Status"], row["Completed"], row["On time"]) == (1, 1, "in progress", None, None)
        assert row["Due"] == datetime(2026, 11, 23, 8, 10) and row["Actual (working min)"] == 0
        items = {r["Item"]: r["Value"] for r in sheet_rows(wb["Summary"])[1]}
        assert (items["Status"], items["Attempts measured"], items["Compliance rate"], items["Ended"]) == (
            "in progress", 0, None, None)
    elif fmt == "html":
        summary, steps = html_tables(out)[:2]
        assert dict(summary)["Compliance rate"] == "—" and dict(summary)["Status"] == "in progress"
        assert len(steps) == 2 and steps[1][:3] == ["1", "1", "Langkah 1"] and "in progress" in steps[1]
    else:
        [row] = md_rows(out, "Steps")
        assert row == ["1", "1", "Langkah 1", "Staf", "", "10 min", "2026-11-23 08:00", "2026-11-23 08:10", "", "0 min",
                       "", "in progress", "", "", "", "", ""]  # no answer, output, note, evidence, off hours
        assert "| Compliance rate | — |" in out and "| Status | in progress |" in out

    # Cancelled after step 1 (on time, 5 min): the run did not finish, so no "within the standard".
    later = at("2026-11-23T09:00")
    docs += runs.complete_step(docs, "r1", 1, at=at("2026-11-23T08:05"), now=later)
    docs += amend.cancel_run(docs, "r1", reason="SOP diganti", now=later)
    state = runs.fold(docs, "r1")
    timing = time_run(state, OfficeCalendar(), later)
    out = report.export(state, timing, fmt, "id")
    # Step 1 done 08:05 (5 min, on time); step 2's open attempt ended with the run and is not shown.
    if fmt == "text":
        # The lead time runs from the start to the cancellation (09:00), not on to "now".
        assert "dibatalkan (SOP diganti)" in out and "50 mnt baku, 1 j 00 m sampai dibatalkan" in out
        assert "Tingkat kepatuhan  100 %  1 dari 1" in out
    elif fmt == "json":
        data = json.loads(out)
        assert (data["run"]["status"], data["run"]["cancelled_reason"], data["run"]["ended_at"]) == (
            "cancelled", "SOP diganti", "2026-11-23T09:00:00+07:00")
        assert data["compliance"] == {"measured": 1, "on_time": 1, "late": 0, "rate": 1.0, "unmeasured_steps": [4],
                                      "late_steps": [], "steps": 4, "off_hours": []}
        assert data["totals"]["lead_working_seconds"] == 3600
        assert [len(s["attempts"]) for s in data["steps"]] == [1, 0, 0, 0]
        assert data["steps"][0]["attempts"][0]["status"] == "on_time"
    elif fmt == "csv":
        [row] = csv.DictReader(io.StringIO(out))
        assert (row["no"], row["status"], row["on_time"], row["actual_working_seconds"], row["standard"]) == (
            "1", "on_time", "true", "300", "10 menit")
        assert row["completed_at"] == "2026-11-23T08:05:00+07:00"
    elif fmt == "xlsx":
        wb = load_workbook(io.BytesIO(out))
        assert wb.sheetnames == ["Ringkasan", "Langkah", "Pelaksana", "Riwayat perubahan"]
        _, [row] = sheet_rows(wb["Langkah"])
        assert (row["No"], row["Status"], row["Tepat waktu"], row["Nyata (menit kerja)"]) == (1, "tepat waktu", True, 5)
        items = {r["Butir"]: r["Nilai"] for r in sheet_rows(wb["Ringkasan"])[1]}
        assert (items["Status"], items["Tingkat kepatuhan"], items["Selesai"]) == (
            "dibatalkan", 1, datetime(2026, 11, 23, 9, 0))
        _, roles = sheet_rows(wb["Pelaksana"])
        assert [(r["Pelaksana"], r["Percobaan"], r["Waktu kerja (menit)"], r["Terlambat"]) for r in roles] == [
            ("Staf", 1, 5, 0)]
    elif fmt == "html":
        summary, steps = html_tables(out)[:2]
        assert dict(summary)["Status"] == "dibatalkan" and dict(summary)["Tingkat kepatuhan"] == "100 %"
        assert len(steps) == 2 and steps[1][:3] == ["1", "1", "Langkah 1"] and "tepat waktu" in steps[1]
    else:
        [row] = md_rows(out, "Langkah")
        assert row == ["1", "1", "Langkah 1", "Staf", "", "10 menit", "2026-11-23 08:00", "2026-11-23 08:10",
                       "2026-11-23 08:05", "5 mnt", "", "tepat waktu", "", "", "", "", ""]
        assert "| Status | dibatalkan |" in out and "| Tingkat kepatuhan | 100 % |" in out


def test_a_cancelled_run_stops_counting_at_its_cancellation():
    start, cancelled = at("2026-11-23T08:00"), at("2026-11-23T10:00")
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="", timezone="Asia/Jakarta", at=start, now=start)
    docs += amend.cancel_run(docs, "r1", reason="salah SOP", now=cancelled)
    state = runs.fold(docs, "r1")
    assert state.cancelled_at == cancelled
    a_week_later = time_run(state, OfficeCalendar(), at("2026-11-30T10:00"))
    same_day = time_run(state, OfficeCalendar(), cancelled)
    assert a_week_later.ended_at == cancelled
    assert a_week_later.lead_working_seconds == same_day.lead_working_seconds == 2 * 3600
    assert a_week_later.measured == 0  # the step left open is not judged
    data = json.loads(export(state, a_week_later, "json"))
    assert data["run"]["ended_at"] == "2026-11-23T10:00:00+07:00"


def test_out_file_ending_chooses_the_format_and_folders_are_not_invented(finished_run, capsys, tmp_path):
    cfg, run = finished_run
    assert main([*cfg, "summary", run, "--out", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("run_id,")
    assert main([*cfg, "summary", run, "--out", str(tmp_path / "r.XLSX")]) == 0
    assert (tmp_path / "r.XLSX").read_bytes()[:2] == b"PK"
    assert main([*cfg, "summary", run, "--out", str(tmp_path / "r.txt")]) == 0
    assert "Timing compliance summary" in (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert main([*cfg, "summary", run, "--format", "json", "--out", str(tmp_path / "r.csv")]) == 0
    assert json.loads((tmp_path / "r.csv").read_text(encoding="utf-8"))["run"]["id"] == run  # explicit wins
    capsys.readouterr()
    missing = tmp_path / "no" / "such" / "folder" / "r.csv"
    assert main([*cfg, "summary", run, "--out", str(missing)]) == 1
    assert "there is no folder" in capsys.readouterr().err and not (tmp_path / "no").exists()
    # A file where the folder was meant: named as such, not as missing, and left as it was.
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    assert main([*cfg, "summary", run, "--out", str(tmp_path / "notes.txt" / "r.csv")]) == 1
    err = " ".join(capsys.readouterr().err.split())  # as read, whatever the line breaks
    assert "is a file, not a folder" in err and "there is no folder" not in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_the_wait_and_the_work_are_never_cut_in_half():
    """A "wait …, work …" line (an attempt started after it became ready) is broken after its comma
    where the activity cell is too narrow for it: no figure is cut ("wait 55 min, work 1 h…")."""
    import re

    docs = runs.start_run("contoh", sop_text("10 menit", "1 hari", "30 menit"), title="Renja 2027", operator="Siti",
                          timezone="Asia/Jakarta", at=at("2026-11-23T08:00"), now=NOW)
    docs += runs.complete_step(docs, "20261123-abc123", 1, at=at("2026-11-23T08:05"), now=NOW)
    docs += runs.start_step(docs, "20261123-abc123", 2, at=at("2026-11-23T09:00"), now=NOW)
    docs += runs.complete_step(docs, "20261123-abc123", 2, at=at("2026-11-23T10:00"), now=NOW)
    state = runs.fold(docs, "20261123-abc123")
    timing = time_run(state, OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta")), NOW)
    seen = set()
    for width in range(66, 101):  # from where the activity cell holds "work 1 h 00 m"
        lines = [line.strip() for line in render_text(state, timing, width=width).splitlines()
                 if re.search(r"\b(wait|work) \d", line)]
        assert lines and not any(line.endswith("…") for line in lines), (width, lines)
        joined = " ".join(lines)
        assert "wait 55 min," in joined and "work 1 h 00 m" in joined, (width, lines)
        seen.add(len(lines))
    assert seen == {1, 2}  # on one line where it fits, else on two
