"""What the exports hold, read back cell by cell: text typed by people never becomes a
spreadsheet formula, in any sheet, and the renderers built on summary_data agree with it.

Only the report's public names are used (report.export, summary_data, to_xlsx, to_csv,
to_markdown, to_html, neutralise).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from soptui import report, runs
from soptui.calendar import OfficeCalendar
from soptui.timing import time_run
from tests.unit.test_timing import REWORK_SOP, at

NOW = at("2026-11-23T12:00")
FORMULA = '=HYPERLINK("http://x.example","klik")'


@pytest.fixture
def risky():
    """A run whose title, operator, actor, output and note would each run as a formula."""
    docs = runs.start_run("contoh", REWORK_SOP, title=FORMULA, operator="@SUM(A1)", timezone="Asia/Jakarta",
                          at=at("2026-11-23T08:00"), now=NOW)
    docs += runs.complete_step(docs, "r1", 1, at=at("2026-11-23T08:05"), now=NOW, actor="=1+2",
                               output="+62 811", note="-catatan")
    state = runs.fold(docs, "r1")
    return state, time_run(state, OfficeCalendar(), NOW)


def values(ws):
    return {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}


def test_xlsx_summary_sheet_keeps_typed_text_as_text(risky):
    wb = load_workbook(io.BytesIO(report.to_xlsx(report.summary_data(*risky, lang="en"))))
    summary = values(wb["Summary"])
    # The run's title and operator are what a person typed: quoted, stored as text, not a formula.
    assert summary["Title"].value == "'" + FORMULA and summary["Title"].data_type == "s"
    assert summary["Operator"].value == "'@SUM(A1)" and summary["Operator"].data_type == "s"
    assert summary["Run ID"].value == "r1"  # harmless text is left as it is


def test_no_sheet_of_the_xlsx_holds_a_formula(risky):
    wb = load_workbook(io.BytesIO(report.export(*risky, "xlsx")))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    header = [c.value for c in wb["Steps"][1]]
    first = dict(zip(header, [c.value for c in wb["Steps"][2]]))
    assert (first["Done by"], first["Output"], first["Note"]) == ("'=1+2", "'+62 811", "'-catatan")
    roles = [[c.value for c in row] for row in wb["Roles"].iter_rows(min_row=2)]
    assert roles[0][:3] == ["Staf", "'=1+2", 1]  # the people column too


def test_csv_markdown_and_html_agree_with_summary_data(risky):
    data = report.summary_data(*risky, lang="en")
    assert data["run"]["title"] == FORMULA  # the data keeps what was typed; only exports quote it
    [row] = [r for r in csv.DictReader(io.StringIO(report.to_csv(data))) if r["no"] == "1"]
    assert (row["actor"], row["output"], row["note"]) == ("'=1+2", "'+62 811", "'-catatan")
    assert row["actual_working_seconds"] == "300" and row["status"] == "on_time"
    md = report.to_markdown(data)
    # Markdown is not a spreadsheet: no quote added, but its own punctuation escaped (no live links)
    assert md.startswith("# Timing compliance summary: " + FORMULA.replace("(", "\\(").replace(")", "\\)") + "\n")
    assert "| 1 | 1 | Langkah 1 | Staf | =1\\+2 | 10 min | 2026-11-23 08:00 | 2026-11-23 08:10 | 2026-11-23 08:05 | 5 min |" in md
    html = report.to_html(data)
    root = ET.fromstring(html.split("\n", 1)[1])
    assert root.find(".//h1").text == f"Timing compliance summary: {FORMULA}"
    assert json.loads(report.export(*risky, "json")) == json.loads(json.dumps(data))


def test_neutralise_quotes_exactly_the_formula_starts():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert report.neutralise(start + "x") == "'" + start + "x"
        assert report.neutralise(start) == "'" + start
    for harmless in ("", "x=1", " =1", "'=1", "\n=1", "62", "Budi"):
        assert report.neutralise(harmless) == harmless
    for other in (None, 0, -5, 1.5, True):
        assert report.neutralise(other) is other  # numbers stay numbers


def test_markdown_shows_zero_counts(risky):
    data = report.summary_data(*risky, lang="en")
    roles = report.to_markdown(data).split("## By role\n", 1)[1].split("\n## ")[0]
    # Staf: 1 step, 5 min, 0 late.
    assert "| Staf | =1\\+2 | 1 | 5 min | 0 |" in roles
