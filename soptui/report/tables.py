"""The summary as tables for spreadsheets and documents: CSV, XLSX, Markdown."""

from __future__ import annotations

import io
from collections.abc import Sequence
import re
from datetime import datetime

from ..durations import format_minutes
from ..i18n import t
from ..safetext import visible
from .history import columns as history_columns
from .history import rows as history_rows
from .figures import (TIME_KEYS, attempt_records, clean, data_tz, display_value, human_columns,
                      readable_items, summary_items, to_local)

# OWASP CSV injection: cells a spreadsheet would read as a formula (or that hide one behind a
# tab or carriage return) get a leading single quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


XLSX_CELL_MAX = 32767  # characters a spreadsheet cell holds


def xlsx_text(value):
    """A value for a spreadsheet cell: text shown (control characters visible: XLSX refuses most),
    neutralised against formulas, and past a cell's size cut with a note saying so (openpyxl cuts
    it there without a word). Every XLSX writer's cells go through here."""
    if not isinstance(value, str):
        return value
    value = neutralise(visible(value))
    if len(value) > XLSX_CELL_MAX:
        note = t("report.xlsx_cut", n=len(value))
        value = value[:XLSX_CELL_MAX - len(note)] + note
    return value


def neutralise(value):
    """Spreadsheet formula injection: a text cell starting with = + - @ tab or CR gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = ("run_id", "no", "attempt", "kegiatan", "pelaksana", "actor", "waktu", "standard",
               "ready_at", "started_at", "due_at", "completed_at", "status", "on_time",
               "actual_working_seconds", "overrun_working_seconds", "wait_working_seconds",
               "work_working_seconds", "verdict", "output", "note", "evidence",
               "corrected",  # the fields a correction changed ("completed_at actor"): see the history
               "off_hours",  # started or completed outside office hours (recorded once confirmed)
               "record_intact")  # the run's, on every row: a flat file has nowhere else to say it


def to_csv(data: dict) -> str:
    """One row per attempt; stable machine column names (like the JSON keys), times ISO 8601."""
    import csv

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return neutralise(visible(value) if isinstance(value, str) else value)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in attempt_records(data):
        writer.writerow([cell(rec[k]) for k in CSV_COLUMNS])
    return buf.getvalue()




def to_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    lang, tz = data["lang"], data_tz(data)
    bold = Font(bold=True)
    date_format = "yyyy-mm-dd hh:mm"

    cell = xlsx_text

    def finish(ws, cap=60):
        for c in ws[1]:
            c.font = bold
        ws.freeze_panes = "A2"
        for i, column in enumerate(ws.iter_cols(), start=1):
            longest = max((16 if isinstance(c.value, datetime) else len(str(c.value)) if c.value is not None
                           else 0) for c in column)
            ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 6), cap)

    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = t("report.sheet.summary")[:31]
    ws.append([t("report.item"), t("report.value")])
    for key, label, value in summary_items(data, lang):
        if key.endswith("_at"):
            value = to_local(str(value) if value else None, tz)
        ws.append([cell(label), cell(value)])
        target = ws.cell(ws.max_row, 2)
        target.alignment = Alignment(horizontal="left", wrap_text=isinstance(value, str))
        if isinstance(value, datetime):
            target.number_format = date_format
        if key == "rate" and value is not None:
            target.number_format = "0%"
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].font = bold
    _signature_rows(ws, data.get("signature"), cell, bold)
    finish(ws, cap=80)

    steps = wb.create_sheet(t("report.sheet.steps")[:31])
    columns = [(k, label) for k, label in human_columns() if k not in ("actual", "overrun")]
    columns[10:10] = [("actual_min", t("report.col.actual_min")), ("overrun_min", t("report.col.overrun_min")),
                      ("wait_min", t("report.col.wait_min")), ("work_min", t("report.col.work_min")),
                      ("on_time", t("report.col.on_time"))]
    steps.append([label for _, label in columns])
    for rec in attempt_records(data):
        values: list = []
        for key, _ in columns:
            if key in TIME_KEYS:
                values.append(to_local(rec[key], tz))
            elif key.endswith("_min"):
                seconds = rec[key.replace("_min", "_working_seconds")]
                values.append(None if seconds is None else round(seconds / 60, 2))
            elif key == "status":
                values.append(t(f"report.status.{rec['status']}"))
            elif key == "verdict":
                values.append(t(f"verdict.{rec['verdict']}") if rec["verdict"] else None)
            elif key == "off_hours":
                values.append(t("offhours.mark") if rec["off_hours"] else None)
            else:
                values.append(cell(rec[key]) if rec[key] != "" else None)
        steps.append(values)
    for row in steps.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime):
                c.number_format = date_format
    finish(steps, cap=45)
    steps.auto_filter.ref = steps.dimensions

    roles = wb.create_sheet(t("report.sheet.roles")[:31])
    roles.append([t("report.col.role"), t("report.col.people"), t("report.col.steps"),
                  t("report.col.working_min"), t("report.col.working"), t("report.col.late")])
    for r in data["roles"]:
        roles.append([cell(r["role"]), cell(", ".join(r["people"])), r["steps"],
                      round(r["working_seconds"] / 60, 2), format_minutes(r["working_seconds"], lang), r["late"]])
    finish(roles)

    changes = wb.create_sheet(t("report.sheet.history")[:31])
    changes.append(history_columns())
    for entry in history_rows(data["history"], tz):
        changes.append([cell(v) for v in entry])
    finish(changes, cap=60)

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _signature_rows(ws, block: dict | None, cell, bold) -> None:
    """The signature block under the summary items: a column per signer, the place and date over
    the last one (the preparer), room to sign between position and name."""
    if not block:
        return
    signers = block["signers"]
    ws.append([])
    ws.append([None] * (len(signers) - 1) + [cell(block["place_date"])])
    for key in ("caption", "position"):
        ws.append([cell(s[key]) for s in signers])
    for _ in range(3):
        ws.append([])
    ws.append([cell(s["name"]) for s in signers])
    for c in ws[ws.max_row]:
        c.font = bold
    if any(s["rank"] for s in signers):
        ws.append([cell(s["rank"]) for s in signers])
    ws.append([cell(s["nip"]) for s in signers])




# Markdown punctuation that could start a link, an image, emphasis, code or a heading; each is
# backslash-escaped so a cell reads as typed ("![t](http://…)" is text, not an image).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _md(value) -> str:
    """One table cell as literal text: Markdown punctuation escaped, HTML tags shown as text."""
    text = clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_table(head: list[str], rows: Sequence[Sequence]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(data: dict) -> str:
    lang, tz = data["lang"], data_tz(data)
    run = data["run"]
    lines = [f"# {t('report.title')}: {_md(run['title'])}", "", f"## {t('report.sop')} / {t('report.run')}", ""]
    lines += _md_table([t("report.item"), t("report.value")], readable_items(data, lang, tz))
    columns = [c for c in human_columns() if c[0] != "started_at"]
    lines += ["", f"## {t('report.steps')}", ""]
    lines += _md_table([label for _, label in columns],
                       [[display_value(rec, k, tz, lang) for k, _ in columns] for rec in attempt_records(data)])
    lines += ["", f"## {t('report.roles')}", ""]
    lines += _md_table([t("report.col.role"), t("report.col.people"), t("report.col.steps"),
                        t("report.col.working"), t("report.col.late")],
                       [[r["role"], ", ".join(r["people"]), r["steps"], format_minutes(r["working_seconds"], lang),
                         r["late"]] for r in data["roles"]])
    decisions = data["rework"]["decisions"]
    if decisions:
        lines += ["", f"## {t('report.rework')}", ""]
        lines += _md_table([t("report.col.decision"), t("report.col.pelaksana"), t("report.col.answers_tidak"),
                            t("report.col.answers_ya"), t("report.col.target")],
                           [[d["step"], d["pelaksana"], d["tidak"], d["ya"], d["target"]] for d in decisions])
    lines += ["", f"## {t('report.history')}", ""]
    if data["history"]:
        lines += _md_table(history_columns(), history_rows(data["history"], tz))
    else:
        lines.append(_md(t("report.history.none")))
    return "\n".join(lines) + "\n"


