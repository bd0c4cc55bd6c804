"""A period's step statistics as CSV and XLSX: one row per step (and per SOP, role, decision), the
figures as numbers (times in working minutes, shares as fractions shown as percentages), for
people who count further in a spreadsheet. SOP content is data: spreadsheet formulas neutralised,
control characters shown.
"""

from __future__ import annotations

import io

from ..durations import waktu_text
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)
from ..safetext import one_line, visible

CSV_COLUMNS = ("sop_id", "no", "kegiatan", "pelaksana", "waktu", "runs", "attempts", "rework", "measured",
               "on_time", "on_time_rate", "median_working_seconds", "p90_working_seconds",
               "standard_median_working_seconds", "slowest_rank")


def csv_rows(stats: dict) -> list[list]:
    rows = []
    for block in stats["sops"]:
        rank = {no: i for i, no in enumerate(block["slowest"], 1)}
        for s in block["steps"]:
            rows.append([block["sop_id"], s["no"], s["kegiatan"], s["pelaksana"], s["waktu"], s["runs"],
                         s["attempts"], s["rework"], s["measured"], s["on_time"], s["on_time_rate"], s["median_s"],
                         s["p90_s"], s["std_median_s"], rank.get(s["no"])])
    return rows


def to_csv(stats: dict) -> str:
    import csv

    from ..report.tables import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(stats):
        writer.writerow(["" if v is None else neutralise(visible(v)) if isinstance(v, str) else
                         round(v, 3) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def _minutes(seconds: float | None) -> float | None:
    """Working minutes; None (an empty cell) when nothing was measured, never a misleading 0."""
    return None if seconds is None else round(seconds / 60, 2)


def xlsx_sheets(stats: dict, lang: str = "id") -> list[tuple[str, list[str], list[list], set[int]]]:
    """Each sheet: its title, its heads, its rows (numbers as numbers) and its percentage columns."""
    minutes = [t("stats.col.median_min"), t("stats.col.p90_min"), t("stats.col.std_min")]
    rank = {(b["sop_id"], no): i for b in stats["sops"] for i, no in enumerate(b["slowest"], 1)}
    return [
        (t("stats.sheet.runs"), [t("stats.col.sop"), t("stats.col.nomor"), t("stats.col.started"),
                                 t("stats.col.finished"), t("stats.col.cancelled"), t("stats.col.in_progress"),
                                 t("stats.col.rate")],
         [[b["sop_id"], b["nomor"], b["runs"]["started"], b["runs"]["finished"], b["runs"]["cancelled"],
           b["runs"]["in_progress"], b["totals"]["on_time_rate"]] for b in stats["sops"]], {6}),
        (t("stats.sheet.steps"), [t("stats.col.sop"), t("stats.col.no"), t("stats.col.kegiatan"), t("stats.col.waktu"),
                                  t("stats.col.attempts"), t("stats.col.rework"), t("stats.col.rate"), *minutes,
                                  t("stats.col.rank")],
         [[b["sop_id"], s["no"], one_line(s["kegiatan"]), one_line(waktu_text(s["waktu"], lang, short=True)) or None,
           s["attempts"], s["rework"], s["on_time_rate"], _minutes(s["median_s"]), _minutes(s["p90_s"]),
           _minutes(s["std_median_s"]), rank.get((b["sop_id"], s["no"]))]
          for b in stats["sops"] for s in b["steps"]], {6}),
        (t("stats.sheet.roles"), [t("stats.col.sop"), t("stats.col.role"), t("stats.col.attempts"), t("stats.col.rate"),
                                  t("stats.col.median_min"), t("stats.col.people")],
         [[b["sop_id"], r["role"], r["attempts"], r["on_time_rate"], _minutes(r["median_s"]), ", ".join(r["people"])]
          for b in stats["sops"] for r in b["roles"]], {3}),
        (t("stats.sheet.decisions"), [t("stats.col.sop"), t("stats.col.decision"), t("stats.col.target"),
                                      t("stats.col.tidak"), t("stats.col.ya"), t("stats.col.per_run")],
         [[b["sop_id"], d["step"], d["target"], d["tidak"], d["ya"], d["loops_per_run"]]
          for b in stats["sops"] for d in b["decisions"]], set()),
    ]


def to_xlsx(stats: dict, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..report.tables import xlsx_text

    wb = Workbook()
    for i, (title, head, rows, shares) in enumerate(xlsx_sheets(stats, lang)):
        ws = wb.worksheets[0] if i == 0 else wb.create_sheet()
        ws.title = title[:31]
        ws.append(head)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([xlsx_text(v) for v in row])
            for col in shares:
                ws.cell(ws.max_row, col + 1).number_format = "0%"
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
