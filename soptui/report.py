"""The timing-compliance summary: one rich report and its exports, shared by the CLI and the TUI.

Input is a folded run (runs.RunState) and its figures (timing.RunTiming). Every export is built
from `summary_data`, so the numbers are the same in every format.
"""

from __future__ import annotations

import io
import json
from datetime import datetime

# rich is imported inside the functions that draw: the data exports (JSON above all) never need it.

from .durations import format_seconds, format_standard
from .i18n import get_lang, t
from .messages import report as _messages  # noqa: F401
from .messages import runs as _run_messages  # noqa: F401
from .runs import RunState
from .timing import AttemptTiming, RunTiming

FORMATS = ("text", "json", "csv", "xlsx", "html", "md")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _when(dt: datetime | None, tz) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M") if dt else "—"


def attempt_status(a: AttemptTiming, std) -> str:
    if a.in_progress:
        return "late_open" if a.late else "open"
    if std is None:
        return "no_standard"
    return "on_time" if a.on_time else "late"


# -- data ---------------------------------------------------------------------------------------

def summary_data(state: RunState, timing: RunTiming) -> dict:
    """Everything the exports show, as JSON-ready data."""
    sop, ident = state.sop, state.sop.identity
    lang = get_lang()
    steps = []
    for st in timing.steps:
        attempts = []
        for a in st.attempts:
            attempts.append({
                "n": a.n, "ready_at": _iso(a.ready_at), "started_at": _iso(a.started_at),
                "due_at": _iso(a.due_at), "completed_at": _iso(a.completed_at), "on_time": a.on_time,
                "status": attempt_status(a, st.standard),
                "actual_working_seconds": a.actual_working_seconds,
                "overrun_working_seconds": a.overrun_working_seconds,
                "wait_working_seconds": a.wait_working_seconds,
                "work_working_seconds": a.work_working_seconds,
                "role": a.role, "actor": a.actor, "output": a.output, "verdict": a.verdict})
        steps.append({"no": st.no, "kegiatan": st.kegiatan, "pelaksana": st.pelaksana,
                      "standard": format_standard(st.standard, lang) if st.standard else None,
                      "standard_text": sop.step(st.no).waktu or None,
                      "state": st.state, "attempts": attempts})
    return {
        "sop": {"id": sop.id, "nomor": ident.nomor, "nama": ident.nama, "unit": ident.unit,
                "pemerintah": ident.pemerintah, "disahkan_oleh": {
                    "jabatan": ident.disahkan_oleh.jabatan, "nama": ident.disahkan_oleh.nama,
                    "nip": ident.disahkan_oleh.nip}, "sop_hash": state.sop_hash},
        "run": {"id": state.id, "title": state.title, "operator": state.operator, "status": state.status,
                "timezone": state.timezone, "started_at": _iso(timing.started_at),
                "ended_at": _iso(timing.ended_at), "measured_at": _iso(timing.now),
                "current_step": state.current},
        "compliance": {"measured": timing.measured, "on_time": timing.on_time, "late": timing.late,
                       "rate": timing.rate, "unmeasured_steps": list(timing.unmeasured_steps)},
        "totals": {"lead_working_seconds": timing.lead_working_seconds,
                   "lead_elapsed_seconds": timing.lead_elapsed_seconds,
                   "standard_total": format_standard(timing.standard_total, lang),
                   "standard_total_working_seconds": timing.standard_total_working_seconds,
                   "attempts": timing.attempts_total},
        "rework": {"loops": timing.rework_loops,
                   "decisions": [{"step": st.no, "tidak": sum(1 for a in st.attempts if a.verdict == "tidak")}
                                 for st in timing.steps if sop.step(st.no).is_decision],
                   "attempts": {str(st.no): len(st.attempts) for st in timing.steps if len(st.attempts) > 1}},
        "roles": [{"role": r.role, "people": list(r.people), "steps": r.steps,
                   "working_seconds": r.working_seconds, "late": r.late} for r in timing.roles],
        "steps": steps,
    }


# -- rich ---------------------------------------------------------------------------------------

_STATUS_STYLE = {"on_time": "green", "late": "bold red", "open": "yellow", "late_open": "bold red",
                 "no_standard": "dim"}


def _rate(timing: RunTiming) -> str:
    return f"{timing.rate * 100:.0f} %" if timing.rate is not None else "—"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def summary_renderable(state: RunState, timing: RunTiming, width: int = 80) -> "Group":
    from rich import box
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    tz = timing.started_at.tzinfo
    lang = get_lang()
    ident = state.sop.identity
    head = Table.grid(padding=(0, 1))
    head.add_column(style="bold", no_wrap=True)
    head.add_column()
    for label, value in (
        ("SOP", f"{ident.nomor} — {ident.nama}"), ("Unit", ident.unit),
        (t("report.run"), f"{state.title} ({state.id})"), (t("report.operator"), state.operator or "—"),
        (t("report.status"), t(f"status.{state.status}")),
        (t("report.started"), _when(timing.started_at, tz)),
        (t("report.ended"), _when(timing.ended_at, tz) if timing.ended_at else
         t("report.until_now", now=_when(timing.now, tz))),
    ):
        head.add_row(label, value)

    steps = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, title=t("report.steps"),
                  title_style="bold", title_justify="left")
    steps.add_column("No", justify="right", no_wrap=True)
    steps.add_column(t("report.col.kegiatan"), ratio=3, no_wrap=True, overflow="ellipsis", min_width=12)
    steps.add_column(t("report.col.by"), ratio=2, no_wrap=True, overflow="ellipsis", min_width=8)
    steps.add_column(t("report.col.standard"), no_wrap=True)
    steps.add_column(t("report.col.actual"), justify="right", no_wrap=True)
    steps.add_column(t("report.col.overrun"), justify="right", no_wrap=True)
    steps.add_column(t("report.col.status"), no_wrap=True)
    wide = width >= 110
    if wide:
        steps.add_column(t("report.col.output"), ratio=2, overflow="fold")
    for st in timing.steps:
        for a in st.attempts or (None,):
            first = a is None or a.n == 1
            no = str(st.no) if first else f"{st.no}.{a.n}"
            kegiatan = st.kegiatan if first else "↻ " + t("report.attempt", n=a.n)
            by = a.actor if a and a.actor else st.pelaksana
            std = format_standard(st.standard, lang, short=True) if first else ""
            if a is None:
                steps.add_row(no, kegiatan, by, std, "", "", Text(t("step.pending"), style="dim"),
                              *([""] if wide else []))
                continue
            status = attempt_status(a, st.standard)
            label = t(f"report.status.{status}") + (f" ({t('verdict.' + a.verdict)})" if a.verdict else "")
            steps.add_row(no, kegiatan, by, std, format_seconds(a.actual_working_seconds, lang),
                          format_seconds(a.overrun_working_seconds, lang) if a.overrun_working_seconds else "",
                          Text(label, style=_STATUS_STYLE[status]), *([a.output] if wide else []))

    roles = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, title=t("report.roles"),
                  title_style="bold", title_justify="left")
    for label, kw in ((t("report.col.role"), {"ratio": 2}), (t("report.col.people"), {"ratio": 3}),
                      (t("report.col.steps"), {"justify": "right"}),
                      (t("report.col.working"), {"justify": "right"}), (t("report.col.late"), {"justify": "right"})):
        roles.add_column(label, **kw)
    for r in timing.roles:
        roles.add_row(r.role, ", ".join(r.people) or "—", str(r.steps), format_seconds(r.working_seconds, lang),
                      Text(str(r.late), style="red" if r.late else ""))

    totals = Table.grid(padding=(0, 1))
    totals.add_column(style="bold", no_wrap=True)
    totals.add_column()
    rate_style = "green" if (timing.rate or 0) >= 0.8 else "yellow" if (timing.rate or 0) >= 0.5 else "red"
    totals.add_row(t("report.compliance"), Text(
        f"{_rate(timing)}  " + t("report.compliance_detail", on_time=timing.on_time, measured=timing.measured,
                                 late=timing.late), style=rate_style))
    totals.add_row(t("report.lead"), t("report.lead_detail",
                                       working=format_seconds(timing.lead_working_seconds, lang),
                                       days=f"{timing.lead_elapsed_seconds / 86400:.1f}"))
    totals.add_row(t("report.standard_total"), t("report.standard_detail",
                                                 total=format_standard(timing.standard_total, lang),
                                                 working=format_seconds(timing.standard_total_working_seconds, lang)))
    rework = [f"{st.no}×{len(st.attempts)}" for st in timing.steps if len(st.attempts) > 1]
    totals.add_row(t("report.rework"), t("report.rework_detail", loops=timing.rework_loops,
                                         steps=", ".join(rework) or "—"))
    if timing.unmeasured_steps:
        totals.add_row(t("report.unmeasured"), ", ".join(map(str, timing.unmeasured_steps)))

    return Group(head, Rule(style="dim"), steps, roles, Rule(t("report.totals"), style="dim"), totals,
                 Rule(t("report.timeline"), style="dim"), timeline(timing, width))


def timeline(timing: RunTiming, width: int = 80) -> "Table":
    """Each attempt as a bar on the run's working-time axis: green on time, red late, grey no standard."""
    from rich.table import Table
    from rich.text import Text

    total = max(timing.lead_working_seconds, 1.0)
    bar_width = max(20, width - 12)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    positions = _axis_positions(timing)
    for st in timing.steps:
        for a in st.attempts:
            lo, hi = positions[(st.no, a.n)]
            left = int(lo / total * bar_width)
            length = max(1, int(hi / total * bar_width) - left)
            left = min(left, bar_width - 1)
            length = min(length, bar_width - left)
            status = attempt_status(a, st.standard)
            style = {"on_time": "green", "late": "red", "late_open": "red", "open": "yellow",
                     "no_standard": "grey50"}[status]
            grid.add_row(str(st.no) if a.n == 1 else f"{st.no}.{a.n}",
                         Text(" " * left) + Text("█" * length, style=style))
    return grid


def _axis_positions(timing: RunTiming) -> dict:
    """Working seconds from the run's start to each attempt's ready and end, in order."""
    out = {}
    # The attempts form a chain (each ready when the previous ended), so sum actual times in order.
    chain = sorted((a.ready_at, st.no, a) for st in timing.steps for a in st.attempts)
    offset = 0.0
    for _, no, a in chain:
        out[(no, a.n)] = (offset, offset + a.actual_working_seconds)
        offset += a.actual_working_seconds
    return out


def render_text(state: RunState, timing: RunTiming, width: int = 80) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(summary_renderable(state, timing, width))
    return console.export_text()


# -- exports ------------------------------------------------------------------------------------

def neutralise(value):
    """Spreadsheet formula injection: a text cell starting with = + - @ is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


ATTEMPT_COLUMNS = ("no", "attempt", "kegiatan", "pelaksana", "actor", "standard", "ready_at", "started_at",
                   "due_at", "completed_at", "status", "on_time", "actual_working_seconds",
                   "overrun_working_seconds", "verdict", "output")


def attempt_rows(data: dict) -> list[list]:
    rows = []
    for st in data["steps"]:
        for a in st["attempts"]:
            rows.append([st["no"], a["n"], st["kegiatan"], st["pelaksana"], a["actor"], st["standard"] or "",
                         a["ready_at"], a["started_at"] or "", a["due_at"] or "", a["completed_at"] or "",
                         a["status"], "" if a["on_time"] is None else a["on_time"],
                         round(a["actual_working_seconds"]), round(a["overrun_working_seconds"]),
                         a["verdict"] or "", a["output"]])
    return rows


def to_csv(data: dict) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(ATTEMPT_COLUMNS)
    for row in attempt_rows(data):
        writer.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def to_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = t("report.sheet.summary")[:31]
    c = data["compliance"]
    for label, value in (("SOP", f"{data['sop']['nomor']} — {data['sop']['nama']}"), ("Unit", data["sop"]["unit"]),
                         (t("report.run"), data["run"]["title"]), ("ID", data["run"]["id"]),
                         (t("report.status"), data["run"]["status"]),
                         (t("report.started"), _naive(data["run"]["started_at"])),
                         (t("report.ended"), _naive(data["run"]["ended_at"])),
                         (t("report.measured"), c["measured"]), (t("report.on_time"), c["on_time"]),
                         (t("report.compliance"), c["rate"]), (t("report.rework"), data["rework"]["loops"])):
        ws.append([neutralise(label), neutralise(value)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        if isinstance(value, datetime):
            ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd hh:mm"
    ws.cell(10, 2).number_format = "0%"
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60

    steps = wb.create_sheet(t("report.sheet.steps")[:31])
    steps.append(list(ATTEMPT_COLUMNS))
    time_cols = {ATTEMPT_COLUMNS.index(k) for k in ("ready_at", "started_at", "due_at", "completed_at")}
    for row in attempt_rows(data):
        steps.append([_naive(v) if i in time_cols else neutralise(v) for i, v in enumerate(row)])
    for cell in steps[1]:
        cell.font = Font(bold=True)
    for col in time_cols:
        for cell in list(steps.iter_cols(min_col=col + 1, max_col=col + 1, min_row=2))[0] if steps.max_row > 1 else []:
            cell.number_format = "yyyy-mm-dd hh:mm"
    for letter, w in zip("ABCDEFGHIJKLMNOP", (5, 7, 40, 16, 16, 14, 17, 17, 17, 17, 10, 8, 10, 10, 8, 30)):
        steps.column_dimensions[letter].width = w

    roles = wb.create_sheet(t("report.sheet.roles")[:31])
    roles.append(["role", "people", "steps", "working_seconds", "late"])
    for r in data["roles"]:
        roles.append([neutralise(r["role"]), neutralise(", ".join(r["people"])), r["steps"],
                      round(r["working_seconds"]), r["late"]])
    for cell in roles[1]:
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _naive(iso: str | None):
    """Excel has no time zones: store the office-local wall time."""
    if not iso:
        return None
    return datetime.fromisoformat(iso).replace(tzinfo=None)


def _md_cell(value) -> str:
    return str("" if value is None else value).replace("|", "\\|").replace("\n", " ")


def to_markdown(data: dict) -> str:
    c, run, sop = data["compliance"], data["run"], data["sop"]
    rate = f"{c['rate'] * 100:.0f} %" if c["rate"] is not None else "—"
    lines = [f"# {t('report.title')}: {_md_cell(run['title'])}", "",
             f"- SOP: {_md_cell(sop['nomor'])} — {_md_cell(sop['nama'])} ({_md_cell(sop['unit'])})",
             f"- {t('report.run')}: `{run['id']}`, {t('status.' + run['status'])}",
             f"- {t('report.started')}: {run['started_at']}", f"- {t('report.ended')}: {run['ended_at'] or '—'}",
             f"- {t('report.compliance')}: **{rate}** ({c['on_time']}/{c['measured']})",
             f"- {t('report.rework')}: {data['rework']['loops']}", "",
             "| " + " | ".join(ATTEMPT_COLUMNS) + " |", "|" + "---|" * len(ATTEMPT_COLUMNS)]
    for row in attempt_rows(data):
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    lines += ["", f"## {t('report.roles')}", "", "| role | people | steps | working_seconds | late |",
              "|---|---|---|---|---|"]
    for r in data["roles"]:
        lines.append(f"| {_md_cell(r['role'])} | {_md_cell(', '.join(r['people']))} | {r['steps']} | "
                     f"{round(r['working_seconds'])} | {r['late']} |")
    return "\n".join(lines) + "\n"


def to_html(data: dict) -> str:
    import html

    e = html.escape
    c, run, sop = data["compliance"], data["run"], data["sop"]
    rate = f"{c['rate'] * 100:.0f} %" if c["rate"] is not None else "—"

    def table(head, rows):
        out = ["<table>", "<thead><tr>" + "".join(f"<th>{e(str(h))}</th>" for h in head) + "</tr></thead>", "<tbody>"]
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{e('' if v is None else str(v))}</td>" for v in row) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #999;padding:2px 6px;font-size:90%}th{background:#eee}")
    parts = [
        "<!DOCTYPE html>", f'<html lang="{get_lang()}">', "<head>", '<meta charset="utf-8"/>',
        f"<title>{e(t('report.title'))}: {e(run['title'])}</title>", f"<style>{style}</style>", "</head>", "<body>",
        f"<h1>{e(t('report.title'))}: {e(run['title'])}</h1>",
        f"<p>SOP {e(sop['nomor'])} — {e(sop['nama'])}, {e(sop['unit'])}<br/>"
        f"{e(t('report.run'))}: {e(run['id'])}, {e(t('status.' + run['status']))}<br/>"
        f"{e(t('report.compliance'))}: <strong>{e(rate)}</strong> ({c['on_time']}/{c['measured']}), "
        f"{e(t('report.rework'))}: {data['rework']['loops']}</p>",
        f"<h2>{e(t('report.steps'))}</h2>", table(ATTEMPT_COLUMNS, attempt_rows(data)),
        f"<h2>{e(t('report.roles'))}</h2>",
        table(("role", "people", "steps", "working_seconds", "late"),
              [(r["role"], ", ".join(r["people"]), r["steps"], round(r["working_seconds"]), r["late"])
               for r in data["roles"]]),
        "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def export(state: RunState, timing: RunTiming, fmt: str, width: int = 80) -> str | bytes:
    if fmt == "text":
        return render_text(state, timing, width)
    data = summary_data(state, timing)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return {"csv": to_csv, "xlsx": to_xlsx, "html": to_html, "md": to_markdown}[fmt](data)
