"""Every fix shows: the change history in every format, corrected values marked, timing from the
corrected record, the original values kept."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from soptui import amend, runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.report import export, summary_data
from soptui.timing import time_run
from tests.unit.test_amend import FINISHED, NOW, log, m


@pytest.fixture
def corrected():
    docs = log(*FINISHED)
    docs += amend.undo_last(docs, "r", reason="langkah 4 belum selesai", now=NOW, by="Sri")  # reopens
    docs += runs.complete_step(docs, "r", 4, at=m(40), now=NOW, actor="Ani")
    completion_2 = next(e for e in docs if e["kind"] == "step_completed" and e["data"]["step"] == 2)
    docs += amend.correct(docs, "r", completion_2["seq"], reason="salah ketik", now=NOW, by="Kasubag",
                          output="Konsep Renja revisi 1", actor="Budi", at=m(15))
    state = runs.fold(docs, "r")
    return state, time_run(state, OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta")), NOW)


def test_json_history_lists_every_change_with_from_and_to(corrected):
    state, timing = corrected
    data = json.loads(export(state, timing, "json", "en"))
    kinds = [(h["kind"], h["by"]) for h in data["history"]]
    assert kinds == [("undo", "Sri"), ("undo", "Sri"), ("correction", "Kasubag")]
    fix = data["history"][2]
    assert {c["field"]: (c["from"], c["to"]) for c in fix["changes"]} == {
        "at": (m(20).isoformat(), m(15).isoformat()), "actor": ("Ani", "Budi"),
        "output": ("hasil 2", "Konsep Renja revisi 1")}
    step2 = next(s for s in data["steps"] if s["no"] == 2)["attempts"][0]
    assert step2["output"] == "Konsep Renja revisi 1" and step2["corrected"] == ["actor", "completed_at", "output"]
    assert step2["completed_at"] == m(15).isoformat()  # timing follows the corrected time
    assert step2["actual_working_seconds"] == 10 * 60   # ready 08:05 (step 1 done), completed 08:15


def test_every_human_format_shows_the_history(corrected):
    state, timing = corrected
    for fmt in ("text", "md", "html"):
        out = export(state, timing, fmt, "id")
        assert "Riwayat perubahan" in out, fmt
        flat = " ".join(out.split())
        assert "hasil 2 → Konsep Renja revisi 1" in flat.replace("\\", ""), fmt
        assert "salah ketik" in out and "Kasubag" in out, fmt
    text = export(state, timing, "text", "id")
    assert "2✎" in text and "✎ = nilai yang dikoreksi" in text
    book = load_workbook(io.BytesIO(export(state, timing, "xlsx", "id")))
    sheet = book["Riwayat perubahan"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["#", "Dicatat", "Oleh", "Perubahan"]
    assert any("Konsep Renja revisi 1" in (r[4] or "") and r[5] == "salah ketik" for r in rows[1:])
    table = list(csv.DictReader(io.StringIO(export(state, timing, "csv", "id"))))
    step2 = next(r for r in table if r["no"] == "2")
    assert step2["corrected"] == "actor completed_at output" and step2["output"] == "Konsep Renja revisi 1"


def test_a_run_without_changes_says_so(corrected):
    docs = log(*FINISHED)
    state = runs.fold(docs, "r")
    timing = time_run(state, OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta")), NOW)
    assert summary_data(state, timing, "en")["history"] == []
    assert "No changes: nothing was undone, corrected or cancelled." in export(state, timing, "text", "en")
    assert "✎" not in export(state, timing, "text", "en")
