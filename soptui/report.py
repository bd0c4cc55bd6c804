"""The timing-compliance summary: one rich report and its exports, shared by the CLI and the TUI.

Input is a folded run (runs.RunState) and its figures (timing.RunTiming, from timing.time_run).
Every export is built from `summary_data`, so the numbers are the same in every format:

- `summary_renderable(state, timing, width, lang)` -> a rich Group (the CLI prints it, the TUI
  shows it in a Static); it fits `width` columns (80 included).
- `export(state, timing, fmt, lang)` -> str (text, json, csv, html, md) or bytes (xlsx).

Labels go through i18n.t(); SOP content and what people typed are shown as written (never as
rich markup, always HTML-escaped, neutralised against spreadsheet formulas in CSV and XLSX).
Times are shown in the office's time zone (the run's); XLSX gets naive office-local datetimes.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# rich, csv, openpyxl and html are imported inside the functions that need them: a JSON export
# never loads the drawing code.

from .durations import format_seconds, format_standard
from .errors import SoptuiError
from .i18n import get_lang, set_lang, t
from .messages import report as _messages  # noqa: F401  (registers the report strings)
from .messages import runs as _run_messages  # noqa: F401  (status.* and step.* labels)
from .runs import RunState
from .timing import AttemptTiming, RunTiming

FORMATS = ("text", "json", "csv", "xlsx", "html", "md")
# OWASP CSV injection: cells a spreadsheet would read as a formula (or that hide one behind a
# tab or carriage return) get a leading single quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SCHEMA = 1

# Attempt status -> rich style, timeline glyph (distinct glyphs so plain text keeps the meaning).
STATUS_STYLE = {"on_time": "green", "late": "bold red", "open": "yellow", "late_open": "bold red",
                "no_standard": "grey50", "pending": "dim"}
BAR = {"on_time": ("█", "green"), "late": ("▓", "red"), "late_open": ("▓", "red"),
       "open": ("▒", "yellow"), "no_standard": ("░", "grey50")}


# -- helpers ------------------------------------------------------------------------------------

@contextmanager
def _language(lang: str | None):
    """Use `lang` for t() while building one report (labels are resolved eagerly)."""
    previous = get_lang()
    if lang:
        set_lang(lang)
    try:
        yield get_lang()
    finally:
        set_lang(previous)


def office_tz(state: RunState, timing: RunTiming) -> tzinfo:
    """The office's time zone: the run's, else the zone of its start moment."""
    try:
        if state.timezone:
            return ZoneInfo(state.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return timing.started_at.tzinfo


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _local(dt: datetime | None, tz: tzinfo) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M") if dt else "—"


def _clean(text) -> str:
    """One line: SOP cells carry newlines, bullets and runs of spaces."""
    return " ".join(str(text or "").split())


def attempt_status(a: AttemptTiming, std) -> str:
    """on_time | late | open | late_open (still open, already past due) | no_standard."""
    if a.in_progress:
        return "late_open" if a.late else "open"
    if std is None or a.on_time is None:
        return "no_standard"
    return "on_time" if a.on_time else "late"


def _rate(rate: float | None) -> str:
    return f"{rate * 100:.0f} %" if rate is not None else "—"


def _days(seconds: float, lang: str) -> str:
    text = f"{seconds / 86400:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _evidence_text(evidence: dict | None) -> str:
    if not evidence:
        return ""
    if evidence.get("kind") == "file":
        return f"{evidence.get('path', '')} (sha256 {str(evidence.get('sha256', ''))[:12]}…)"
    return str(evidence.get("ref") or evidence.get("path") or "")


def _attempt_label(no: int, n: int) -> str:
    return str(no) if n == 1 else f"{no}.{n}"


# -- data ---------------------------------------------------------------------------------------

def summary_data(state: RunState, timing: RunTiming, lang: str | None = None) -> dict:
    """Everything the exports show, as JSON-ready data (times ISO 8601 with offset, seconds)."""
    with _language(lang) as lang:
        return _summary_data(state, timing, lang)


def _summary_data(state: RunState, timing: RunTiming, lang: str) -> dict:
    sop, ident = state.sop, state.sop.identity
    problem = state.integrity_problem()
    approver = ident.disahkan_oleh
    steps = []
    for st in timing.steps:
        sop_step = sop.step(st.no)
        recorded = state.steps[st.no].attempts
        attempts = []
        for a in st.attempts:
            source = recorded[a.n - 1] if a.n - 1 < len(recorded) else None
            attempts.append({
                "n": a.n, "ready_at": _iso(a.ready_at), "started_at": _iso(a.started_at),
                "due_at": _iso(a.due_at), "completed_at": _iso(a.completed_at),
                "on_time": a.on_time, "status": attempt_status(a, st.standard),
                "in_progress": a.in_progress,
                "actual_working_seconds": a.actual_working_seconds,
                "overrun_working_seconds": a.overrun_working_seconds,
                "wait_working_seconds": a.wait_working_seconds,
                "work_working_seconds": a.work_working_seconds,
                "role": a.role, "actor": a.actor, "output": a.output, "verdict": a.verdict,
                "note": source.note if source else "", "evidence": source.evidence if source else None})
        steps.append({
            "no": st.no, "kegiatan": st.kegiatan, "pelaksana": st.pelaksana,
            "waktu": sop_step.waktu or None,
            "standard": format_standard(st.standard, lang) if st.standard else None,
            "standard_parts": st.standard.as_dict() if st.standard else None,
            "expected_output": sop_step.output or None,
            "decision": sop_step.is_decision, "state": st.state, "attempts": attempts})
    decisions = []
    for st in timing.steps:
        sop_step = sop.step(st.no)
        if sop_step.is_decision:
            decisions.append({"step": st.no, "kegiatan": st.kegiatan, "pelaksana": st.pelaksana,
                              "target": sop_step.tidak,
                              "tidak": sum(1 for a in st.attempts if a.verdict == "tidak"),
                              "ya": sum(1 for a in st.attempts if a.verdict == "ya")})
    return {
        "schema": SCHEMA,
        "lang": lang,
        "sop": {"id": sop.id, "nomor": ident.nomor, "nama": ident.nama, "unit": ident.unit,
                "sub_unit": ident.sub_unit, "pemerintah": ident.pemerintah,
                "disahkan_oleh": {"jabatan": approver.jabatan, "nama": approver.nama,
                                  "nip": approver.nip, "pangkat": approver.pangkat},
                "tanggal_efektif": ident.tanggal_efektif.isoformat() if ident.tanggal_efektif else None,
                "sop_hash": state.sop_hash},
        "run": {"id": state.id, "title": state.title, "operator": state.operator,
                "status": state.status, "timezone": state.timezone,
                "started_at": _iso(timing.started_at), "ended_at": _iso(timing.ended_at),
                "measured_at": _iso(timing.now), "current_step": state.current,
                "cancelled_reason": state.cancelled_reason or None,
                "record_intact": problem is None, "integrity_problem": problem},
        "compliance": {"measured": timing.measured, "on_time": timing.on_time, "late": timing.late,
                       "rate": timing.rate, "unmeasured_steps": list(timing.unmeasured_steps)},
        "totals": {"lead_working_seconds": timing.lead_working_seconds,
                   "lead_elapsed_seconds": timing.lead_elapsed_seconds,
                   "standard_total": format_standard(timing.standard_total, lang),
                   "standard_total_parts": timing.standard_total.as_dict(),
                   "standard_total_working_seconds": timing.standard_total_working_seconds,
                   "attempts": timing.attempts_total},
        "rework": {"loops": timing.rework_loops, "decisions": decisions,
                   "attempts": {str(st.no): len(st.attempts) for st in timing.steps if len(st.attempts) > 1}},
        "roles": [{"role": r.role, "people": list(r.people), "steps": r.steps,
                   "working_seconds": r.working_seconds, "late": r.late} for r in timing.roles],
        "steps": steps,
    }


# -- rich ---------------------------------------------------------------------------------------

def shorten(text: str, width: int) -> str:
    """One line of at most `width` cells, cut at a word boundary where one is near, with '…'."""
    from rich.cells import cell_len

    text = _clean(text)
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…" if width == 1 else ""
    cut = text
    while cut and cell_len(cut) > width - 1:
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space >= (width - 1) * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–—/") + "…"


def summary_renderable(state: RunState, timing: RunTiming, width: int = 80, lang: str | None = None):
    """The whole summary as a rich Group that fits `width` columns."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    width = max(40, int(width))
    with _language(lang) as lang:
        tz = office_tz(state, timing)
        parts = [Text(t("report.title"), style="bold"), _identity(state, timing, tz, lang),
                 Rule(t("report.steps"), style="dim")]
        parts += _steps_table(state, timing, width, lang)
        parts += [Rule(t("report.roles"), style="dim"), _roles_table(timing, lang),
                  Rule(t("report.rework"), style="dim"), *_rework_lines(state, timing),
                  Rule(t("report.totals"), style="dim"), _totals(timing, lang, state.status == "finished"),
                  Rule(t("report.timeline"), style="dim"), *_timeline(timing, tz, width)]
        return Group(*parts)


def _grid():
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    return grid


def _identity(state: RunState, timing: RunTiming, tz, lang: str):
    from rich.text import Text

    ident = state.sop.identity
    appr = ident.disahkan_oleh
    approver = ", ".join(x for x in (appr.jabatan, appr.nama) if x)
    if appr.nip:
        approver += f" ({t('report.nip', nip=appr.nip)})"
    status = t(f"status.{state.status}")
    if state.status == "in_progress" and state.current is not None:
        status += ", " + t("report.current", step=state.current)
    if state.status == "cancelled":
        status = t("report.cancelled_at", reason=state.cancelled_reason or "—")
    if timing.ended_at:
        ended = _local(timing.ended_at, tz)
    else:
        ended = t("report.until_now", now=_local(timing.now, tz))
    unit = ", ".join(x for x in (ident.sub_unit, ident.unit, ident.pemerintah) if x)
    grid = _grid()
    for label, value in (
        (t("report.sop"), f"{ident.nomor} — {ident.nama}"),
        (t("report.unit"), unit),
        (t("report.approver"), approver),
        (t("report.run"), f"{state.title} ({state.id})"),
        (t("report.operator"), state.operator or "—"),
        (t("report.status"), status),
        (t("report.started"), _local(timing.started_at, tz)),
        (t("report.ended"), ended),
        (t("report.lead"), t("report.lead_detail", working=format_seconds(timing.lead_working_seconds, lang),
                             days=_days(timing.lead_elapsed_seconds, lang))),
    ):
        grid.add_row(label, Text(value))  # Text: SOP content is never read as markup
    problem = state.integrity_problem()
    grid.add_row(t("report.integrity"), Text(integrity_text(problem), style="bold red" if problem else ""))
    return grid


def integrity_text(problem: str | None) -> str:
    """The summary's line on the record: intact, or what `soptui verify` found."""
    return t("report.integrity_bad", problem=problem) if problem else t("report.integrity_ok")


def _step_rows(state: RunState, timing: RunTiming, lang: str) -> list[dict]:
    """One row per attempt (a pending step without attempts gets one row too)."""
    rows = []
    for st in timing.steps:
        std = format_standard(st.standard, lang, short=True) if st.standard else "—"
        kegiatan = _clean(st.kegiatan)
        if not st.attempts:
            rows.append({"no": str(st.no), "kegiatan": kegiatan, "pelaksana": st.pelaksana, "actor": "",
                         "standard": std, "actual": "", "overrun": "", "status": "pending", "output": "",
                         "extra": ""})
            continue
        for a in st.attempts:
            status = attempt_status(a, st.standard)
            extra = []
            if a.verdict:
                extra.append(t("report.answer", verdict=t(f"verdict.{a.verdict}")))
            if a.wait_working_seconds is not None:
                extra.append(t("report.wait_work", wait=format_seconds(a.wait_working_seconds, lang),
                               work=format_seconds(a.work_working_seconds, lang)))
            rows.append({
                "no": _attempt_label(st.no, a.n),
                "kegiatan": kegiatan if a.n == 1 else f"↻ {t('report.rework_attempt', n=a.n)}: {kegiatan}",
                "pelaksana": st.pelaksana, "actor": _clean(a.actor),
                "standard": std, "actual": format_seconds(a.actual_working_seconds, lang),
                "overrun": format_seconds(a.overrun_working_seconds, lang) if a.overrun_working_seconds > 0 else "",
                "status": status, "output": _clean(a.output), "extra": " · ".join(extra)})
    return rows


def _wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """At most `lines` lines of `width` cells; the last one cut with '…' if text remains."""
    import textwrap

    out = textwrap.wrap(_clean(text), max(width, 1), break_long_words=True, break_on_hyphens=False) or [""]
    if len(out) > lines:
        out = out[:lines - 1] + [shorten(" ".join(out[lines - 1:]), width)]
    return [shorten(line, width) for line in out]


def _steps_table(state: RunState, timing: RunTiming, width: int, lang: str) -> list:
    """One row per attempt. Figures get the columns they need; the activity cell gets the rest.

    The activity cell holds the kegiatan (two lines at most, cut at a word boundary), then, dim,
    who did it and what came out. From 120 columns the role and the person get columns of their own.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    rows = _step_rows(state, timing, lang)
    wide = width >= 120
    columns = [("no", "report.col.no", "right"), ("kegiatan", "report.col.kegiatan", "left")]
    if wide:
        for r in rows:
            r["pelaksana"], r["actor"] = shorten(r["pelaksana"], 18), shorten(r["actor"], 22)
        columns += [("pelaksana", "report.col.pelaksana", "left"), ("actor", "report.col.by", "left")]
    columns += [("standard", "report.col.standard", "left"), ("actual", "report.col.actual", "right"),
                ("overrun", "report.col.overrun", "right"), ("status", "report.col.status", "left")]
    for r in rows:
        r["status_label"] = t(f"report.status.{r['status']}")
    fixed = 0
    for key, head, _ in columns:
        if key != "kegiatan":
            cell_key = "status_label" if key == "status" else key
            fixed += max([cell_len(t(head))] + [cell_len(r[cell_key]) for r in rows])
    gaps = 3 * (len(columns) - 1)  # a divider and a pad either side, between columns
    room = max(6, width - fixed - gaps)

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, padding=(0, 1))
    for key, head, justify in columns:
        if key == "kegiatan":
            table.add_column(t(head), ratio=1, no_wrap=True, overflow="ellipsis")
        else:
            table.add_column(t(head), justify=justify, no_wrap=True)
    for r in rows:
        cell = Text("\n".join(_wrap(r["kegiatan"], room)))
        details = [] if wide else [f"{r['pelaksana']}: {r['actor']}" if r["actor"] else r["pelaksana"]]
        more = " · ".join(x for x in (f"→ {r['output']}" if r["output"] else "", r["extra"]) if x)
        if more and details and cell_len(details[0]) + 3 + cell_len(more) <= room:
            details[0] += " · " + more
        elif more:
            details.append(more)
        for line in details:
            cell.append("\n" + shorten(line, room), style="dim")
        values = {"no": r["no"], "kegiatan": cell, "pelaksana": Text(r["pelaksana"]), "actor": Text(r["actor"]),
                  "standard": r["standard"], "actual": r["actual"], "overrun": r["overrun"],
                  "status": Text(r["status_label"], style=STATUS_STYLE[r["status"]])}
        table.add_row(*(values[key] for key, _, _ in columns))
    out = [table]
    rework = next((r["no"] for r in rows if "." in r["no"]), None)
    if rework:
        no, n = rework.split(".")
        out.append(Text(t("report.legend_no", example=rework, no=no, n=n), style="dim"))
    return out


def _roles_table(timing: RunTiming, lang: str):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, padding=(0, 1))
    table.add_column(t("report.col.role"), ratio=2)
    table.add_column(t("report.col.people"), ratio=3)
    table.add_column(t("report.col.steps"), justify="right", no_wrap=True)
    table.add_column(t("report.col.working"), justify="right", no_wrap=True)
    table.add_column(t("report.col.late"), justify="right", no_wrap=True)
    for r in timing.roles:
        table.add_row(Text(r.role), Text(", ".join(r.people) or "—"), str(r.steps),
                      format_seconds(r.working_seconds, lang), Text(str(r.late), style="red" if r.late else ""))
    return table


def _rework_lines(state: RunState, timing: RunTiming) -> list:
    from rich.text import Text

    if not timing.rework_loops:
        return [Text(t("report.rework.none"))]
    lines = [Text(t("report.rework.loops", loops=timing.rework_loops))]
    for st in timing.steps:
        sop_step = state.sop.step(st.no)
        tidak = sum(1 for a in st.attempts if a.verdict == "tidak")
        if sop_step.is_decision and tidak:
            lines.append(Text(t("report.rework.decision", no=st.no, role=st.pelaksana, tidak=tidak,
                                ya=sum(1 for a in st.attempts if a.verdict == "ya"), target=sop_step.tidak)))
    repeated = [t("report.rework.times", no=st.no, n=len(st.attempts)) for st in timing.steps
                if len(st.attempts) > 1]
    lines.append(Text(t("report.rework.attempts", steps=", ".join(repeated))))
    return lines


def _totals(timing: RunTiming, lang: str, finished: bool):
    from rich.text import Text

    rate = timing.rate
    style = "bold green" if (rate or 0) >= 0.8 else "bold yellow" if (rate or 0) >= 0.5 else "bold red"
    grid = _grid()
    value = Text(_rate(rate), style=style if rate is not None else "")
    value.append("  " + t("report.compliance_detail", on_time=timing.on_time, measured=timing.measured,
                          late=timing.late))
    grid.add_row(t("report.compliance"), value)
    if timing.unmeasured_steps:
        grid.add_row(t("report.unmeasured"), t("report.unmeasured_detail",
                                               steps=", ".join(map(str, timing.unmeasured_steps))))
    grid.add_row(t("report.standard_total"), t("report.standard_detail",
                                               total=format_standard(timing.standard_total, lang)))
    grid.add_row(t("report.vs"), _versus(timing, lang, finished))
    grid.add_row(t("report.attempts_total"), str(timing.attempts_total))
    return grid


def _versus(timing: RunTiming, lang: str, finished: bool):
    """The standard total along the path (in working time) against the run's lead time; an open
    run is only compared once it is already longer, a cancelled one not at all."""
    from rich.text import Text

    standard = format_seconds(timing.standard_total_working_seconds, lang)
    actual = format_seconds(timing.lead_working_seconds, lang)
    diff = timing.lead_working_seconds - timing.standard_total_working_seconds
    if timing.ended_at and not finished:  # cancelled: stopped part-way, neither over nor within
        return Text(t("report.vs_cancelled", standard=standard, actual=actual))
    if diff > 0:
        return Text(t("report.vs_over", standard=standard, actual=actual, diff=format_seconds(diff, lang)),
                    style="red")
    if not finished:
        return Text(t("report.vs_open", standard=standard, actual=actual))
    return Text(t("report.vs_within", standard=standard, actual=actual), style="green")


def _axis_positions(timing: RunTiming) -> dict:
    """(step, n) -> (from, to) in working seconds since the run's start.

    Each attempt becomes ready when the one before it on the run's path ends, so the working time
    from the start to an attempt's ready moment is the sum of the earlier attempts' actual times.
    """
    chain = sorted(((a.ready_at, a.completed_at is None, st.no, a.n, a) for st in timing.steps
                    for a in st.attempts), key=lambda x: x[:4])
    out, offset = {}, 0.0
    for *_, a in chain:
        out[(a.step, a.n)] = (offset, offset + a.actual_working_seconds)
        offset += a.actual_working_seconds
    return out


def _timeline(timing: RunTiming, tz, width: int) -> list:
    from rich.table import Table
    from rich.text import Text

    items = [(st, a) for st in timing.steps for a in st.attempts]
    if not items:
        return [Text("—")]
    lang = get_lang()
    labels = [_attempt_label(st.no, a.n) for st, a in items]
    figures = [format_seconds(a.actual_working_seconds, lang) for _, a in items]
    label_w = max(len(x) for x in labels)
    fig_w = max(len(x) for x in figures)
    bar_w = max(10, width - label_w - fig_w - 2)
    total = max(timing.lead_working_seconds, max(hi for _, hi in _axis_positions(timing).values()), 1.0)
    positions = _axis_positions(timing)

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, width=label_w)
    grid.add_column(no_wrap=True, width=bar_w)
    grid.add_column(justify="right", no_wrap=True, width=fig_w)
    start = timing.started_at.astimezone(tz).strftime("%d/%m %H:%M")
    end = (timing.ended_at or timing.now).astimezone(tz).strftime("%d/%m %H:%M")
    if bar_w >= len(start) + len(end) + 4:
        axis = f"├{start}" + "─" * (bar_w - len(start) - len(end) - 2) + f"{end}┤"
    else:
        axis = "├" + "─" * (bar_w - 2) + "┤"
    grid.add_row("", Text(axis, style="dim"), "")
    for (st, a), label, figure in zip(items, labels, figures):
        lo, hi = positions[(st.no, a.n)]
        left = min(round(lo / total * bar_w), bar_w - 1)
        right = min(max(round(hi / total * bar_w), left + 1), bar_w)
        glyph, style = BAR[attempt_status(a, st.standard)]
        grid.add_row(label, Text(" " * left) + Text(glyph * (right - left), style=style), figure)
    legend = Text(f"{t('report.legend')}: ")
    for status in ("on_time", "late", "open", "no_standard"):
        glyph, style = BAR[status]
        legend.append(glyph, style=style)
        legend.append(" " + t(f"report.status.{status}") + "  ")
    legend.rstrip()
    return [grid, legend]


def render_text(state: RunState, timing: RunTiming, width: int = 80, lang: str | None = None) -> str:
    """The rich report as plain text (no colour codes), `width` columns wide."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None,
                      force_terminal=False, legacy_windows=False)
    console.print(summary_renderable(state, timing, width, lang))
    return console.export_text()


# -- exports ------------------------------------------------------------------------------------

def neutralise(value):
    """Spreadsheet formula injection: a text cell starting with = + - @ tab or CR gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = ("run_id", "no", "attempt", "kegiatan", "pelaksana", "actor", "waktu", "standard",
               "ready_at", "started_at", "due_at", "completed_at", "status", "on_time",
               "actual_working_seconds", "overrun_working_seconds", "wait_working_seconds",
               "work_working_seconds", "verdict", "output", "note", "evidence",
               "record_intact")  # the run's, on every row: a flat file has nowhere else to say it


def _seconds(value: float | None):
    return None if value is None else int(round(value))


def attempt_records(data: dict) -> list[dict]:
    """One flat record per attempt, in step order (the rows of CSV, XLSX, HTML and Markdown)."""
    out = []
    for st in data["steps"]:
        for a in st["attempts"]:
            out.append({
                "run_id": data["run"]["id"], "record_intact": data["run"]["record_intact"],
                "no": st["no"], "attempt": a["n"], "kegiatan": st["kegiatan"],
                "pelaksana": st["pelaksana"], "actor": a["actor"], "waktu": st["waktu"] or "",
                "standard": st["standard"] or "", "ready_at": a["ready_at"], "started_at": a["started_at"],
                "due_at": a["due_at"], "completed_at": a["completed_at"], "status": a["status"],
                "on_time": a["on_time"], "actual_working_seconds": _seconds(a["actual_working_seconds"]),
                "overrun_working_seconds": _seconds(a["overrun_working_seconds"]),
                "wait_working_seconds": _seconds(a["wait_working_seconds"]),
                "work_working_seconds": _seconds(a["work_working_seconds"]),
                "verdict": a["verdict"] or "", "output": a["output"], "note": a["note"],
                "evidence": _evidence_text(a["evidence"])})
    return out


def to_csv(data: dict) -> str:
    """One row per attempt; stable machine column names (like the JSON keys), times ISO 8601."""
    import csv

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return neutralise(value)

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in attempt_records(data):
        writer.writerow([cell(rec[k]) for k in CSV_COLUMNS])
    return buf.getvalue()


def _summary_items(data: dict, lang: str) -> list[tuple[str, str, object]]:
    """(key, label, value) of the summary; values typed: ISO times (key *_at), numbers, text."""
    sop, run, c, tot = data["sop"], data["run"], data["compliance"], data["totals"]
    appr = sop["disahkan_oleh"]
    approver = ", ".join(x for x in (appr["jabatan"], appr["nama"]) if x)
    if appr["nip"]:
        approver += f" ({t('report.nip', nip=appr['nip'])})"
    rework = [t("report.rework.decision", no=d["step"], role=d["pelaksana"], tidak=d["tidak"], ya=d["ya"],
                target=d["target"]) for d in data["rework"]["decisions"] if d["tidak"]]
    return [
        ("nomor", t("report.nomor"), sop["nomor"]), ("nama", t("report.nama"), sop["nama"]),
        ("unit", t("report.unit"), sop["unit"]), ("pemerintah", t("report.pemerintah"), sop["pemerintah"]),
        ("approver", t("report.approver"), approver),
        ("run_id", t("report.run_id"), run["id"]), ("title", t("report.run_title"), run["title"]),
        ("operator", t("report.operator"), run["operator"]),
        ("status", t("report.status"), t(f"status.{run['status']}")),
        ("timezone", t("report.timezone"), run["timezone"]),
        ("started_at", t("report.started"), run["started_at"]),
        ("ended_at", t("report.ended"), run["ended_at"]),
        ("measured_at", t("report.measured_at"), run["measured_at"]),
        ("integrity", t("report.integrity"), integrity_text(run["integrity_problem"])),
        ("lead", t("report.lead"), t("report.lead_detail",
                                     working=format_seconds(tot["lead_working_seconds"], lang),
                                     days=_days(tot["lead_elapsed_seconds"], lang))),
        ("measured", t("report.measured"), c["measured"]), ("on_time", t("report.on_time"), c["on_time"]),
        ("late", t("report.late"), c["late"]), ("rate", t("report.compliance"), c["rate"]),
        ("unmeasured", t("report.unmeasured"), ", ".join(map(str, c["unmeasured_steps"])) or "—"),
        ("standard_total", t("report.standard_total"), t("report.standard_detail", total=tot["standard_total"])),
        ("standard_working", t("report.standard_working"),
         format_seconds(tot["standard_total_working_seconds"], lang)),
        ("attempts", t("report.attempts_total"), tot["attempts"]),
        ("rework", t("report.rework"), t("report.rework.loops", loops=data["rework"]["loops"]) + (
            " " + " ".join(rework) if rework else "")),
    ]


def _readable_items(data: dict, lang: str, tz) -> list[tuple[str, str]]:
    """The summary items as text (HTML, Markdown): local times, the rate in per cent."""
    out = []
    for key, label, value in _summary_items(data, lang):
        if key.endswith("_at"):
            value = _local(datetime.fromisoformat(value), tz) if value else "—"
        elif key == "rate":
            value = _rate(value)
        out.append((label, "" if value is None else str(value)))
    return out


def _human_columns() -> list[tuple[str, str]]:
    """(record key, label) of the attempt tables in human exports (XLSX, HTML, Markdown)."""
    return [("no", t("report.col.no")), ("attempt", t("report.col.attempt")),
            ("kegiatan", t("report.col.kegiatan")), ("pelaksana", t("report.col.pelaksana")),
            ("actor", t("report.col.by")), ("standard", t("report.col.standard")),
            ("ready_at", t("report.col.ready")), ("started_at", t("report.col.started")),
            ("due_at", t("report.col.due")), ("completed_at", t("report.col.completed")),
            ("actual", t("report.col.actual")), ("overrun", t("report.col.overrun")),
            ("status", t("report.col.status")), ("verdict", t("report.col.verdict")),
            ("output", t("report.col.output")), ("note", t("report.col.note")),
            ("evidence", t("report.col.evidence"))]


TIME_KEYS = ("ready_at", "started_at", "due_at", "completed_at")


def _to_local(iso: str | None, tz) -> datetime | None:
    """Excel has no time zones: the office-local wall time, naive."""
    if not iso:
        return None
    return datetime.fromisoformat(iso).astimezone(tz).replace(tzinfo=None)


def _data_tz(data: dict):
    try:
        return ZoneInfo(data["run"]["timezone"])
    except (ZoneInfoNotFoundError, ValueError, TypeError, KeyError):
        return datetime.fromisoformat(data["run"]["started_at"]).tzinfo


def to_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    lang, tz = data["lang"], _data_tz(data)
    bold = Font(bold=True)
    date_format = "yyyy-mm-dd hh:mm"

    def cell(value):
        if isinstance(value, str):
            return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
        return value

    def finish(ws, cap=60):
        for c in ws[1]:
            c.font = bold
        ws.freeze_panes = "A2"
        for i, column in enumerate(ws.iter_cols(), start=1):
            longest = max((16 if isinstance(c.value, datetime) else len(str(c.value)) if c.value is not None
                           else 0) for c in column)
            ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 6), cap)

    wb = Workbook()
    ws = wb.active
    ws.title = t("report.sheet.summary")[:31]
    ws.append([t("report.item"), t("report.value")])
    for key, label, value in _summary_items(data, lang):
        if key.endswith("_at"):
            value = _to_local(value, tz)
        ws.append([cell(label), cell(value)])
        target = ws.cell(ws.max_row, 2)
        target.alignment = Alignment(horizontal="left", wrap_text=isinstance(value, str))
        if isinstance(value, datetime):
            target.number_format = date_format
        if key == "rate" and value is not None:
            target.number_format = "0%"
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].font = bold
    finish(ws, cap=80)

    steps = wb.create_sheet(t("report.sheet.steps")[:31])
    columns = [(k, label) for k, label in _human_columns() if k not in ("actual", "overrun")]
    columns[10:10] = [("actual_min", t("report.col.actual_min")), ("overrun_min", t("report.col.overrun_min")),
                      ("wait_min", t("report.col.wait_min")), ("work_min", t("report.col.work_min")),
                      ("on_time", t("report.col.on_time"))]
    steps.append([label for _, label in columns])
    for rec in attempt_records(data):
        row = []
        for key, _ in columns:
            if key in TIME_KEYS:
                row.append(_to_local(rec[key], tz))
            elif key.endswith("_min"):
                seconds = rec[key.replace("_min", "_working_seconds")]
                row.append(None if seconds is None else round(seconds / 60, 2))
            elif key == "status":
                row.append(t(f"report.status.{rec['status']}"))
            elif key == "verdict":
                row.append(t(f"verdict.{rec['verdict']}") if rec["verdict"] else None)
            else:
                row.append(cell(rec[key]) if rec[key] != "" else None)
        steps.append(row)
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
                      round(r["working_seconds"] / 60, 2), format_seconds(r["working_seconds"], lang), r["late"]])
    finish(roles)

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _display_value(rec: dict, key: str, tz, lang: str) -> str:
    """An attempt field as people read it (HTML, Markdown)."""
    if key in TIME_KEYS:
        return _local(datetime.fromisoformat(rec[key]), tz) if rec[key] else ""
    if key == "actual":
        return format_seconds(rec["actual_working_seconds"], lang)
    if key == "overrun":
        return format_seconds(rec["overrun_working_seconds"], lang) if rec["overrun_working_seconds"] else ""
    if key == "status":
        return t(f"report.status.{rec['status']}")
    if key == "verdict":
        return t(f"verdict.{rec['verdict']}") if rec["verdict"] else ""
    value = rec[key]
    return "" if value is None else str(value)


def _md(value) -> str:
    """One table cell: pipes and backslashes escaped, HTML tags shown as text, not rendered."""
    return (_clean(value).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;"))


def _md_table(head: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return lines


def to_markdown(data: dict) -> str:
    lang, tz = data["lang"], _data_tz(data)
    run = data["run"]
    lines = [f"# {t('report.title')}: {_md(run['title'])}", "", f"## {t('report.sop')} / {t('report.run')}", ""]
    lines += _md_table([t("report.item"), t("report.value")], _readable_items(data, lang, tz))
    columns = [c for c in _human_columns() if c[0] not in ("started_at", "note", "evidence")]
    lines += ["", f"## {t('report.steps')}", ""]
    lines += _md_table([label for _, label in columns],
                       [[_display_value(rec, k, tz, lang) for k, _ in columns] for rec in attempt_records(data)])
    lines += ["", f"## {t('report.roles')}", ""]
    lines += _md_table([t("report.col.role"), t("report.col.people"), t("report.col.steps"),
                        t("report.col.working"), t("report.col.late")],
                       [[r["role"], ", ".join(r["people"]), r["steps"], format_seconds(r["working_seconds"], lang),
                         r["late"]] for r in data["roles"]])
    decisions = data["rework"]["decisions"]
    if decisions:
        lines += ["", f"## {t('report.rework')}", ""]
        lines += _md_table([t("report.col.decision"), t("report.col.pelaksana"), t("report.col.answers_tidak"),
                            t("report.col.answers_ya"), t("report.col.target")],
                           [[d["step"], d["pelaksana"], d["tidak"], d["ya"], d["target"]] for d in decisions])
    return "\n".join(lines) + "\n"


HTML_STYLE = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:1.5em;color:#111;font-size:10.5pt}
h1{font-size:1.4em;margin:0 0 .6em}
h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.3em 0 .8em;width:100%}
th,td{border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left}
thead th{background:#e8e8e8}
table.kv th{width:14em;background:#f4f4f4;font-weight:600}
td.num{text-align:right;white-space:nowrap}
td.time{white-space:nowrap}
.on_time{color:#176f2c}
.late,.late_open{color:#b00020;font-weight:bold}
.open{color:#8a6d00}
.no_standard,.pending{color:#666}
.track{position:relative;height:.9em;background:#f1f1f1;min-width:16em}
.bar{position:absolute;top:0;height:100%}
.bar.on_time{background:#2e9d4a}
.bar.late,.bar.late_open{background:#c62828}
.bar.open{background:#d4a600}
.bar.no_standard{background:#9e9e9e}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}
.bar,.track,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def to_html(data: dict) -> str:
    import html

    def e(value) -> str:
        return html.escape("" if value is None else str(value), quote=True)

    lang, tz = data["lang"], _data_tz(data)
    run = data["run"]
    records = attempt_records(data)

    def table(head, rows, classes=None, attrs=""):
        out = [f"<table{attrs}>", "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead>",
               "<tbody>"]
        for row in rows:
            cells = []
            for i, value in enumerate(row):
                cls = (classes or {}).get(i)
                cls = cls(value) if callable(cls) else cls
                cells.append(f'<td class="{e(cls)}">{e(value)}</td>' if cls else f"<td>{e(value)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    items = [f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in _readable_items(data, lang, tz)]

    columns = [c for c in _human_columns() if c[0] not in ("started_at",)]
    step_rows = []
    for rec in records:
        cells = []
        for key, _ in columns:
            text = _display_value(rec, key, tz, lang)
            cls = {"status": rec["status"], "actual": "num", "overrun": "num", "no": "num",
                   "attempt": "num"}.get(key) or ("time" if key in TIME_KEYS else "")
            cells.append(f'<td class="{e(cls)}">{e(text)}</td>' if cls else f"<td>{e(text)}</td>")
        step_rows.append("<tr>" + "".join(cells) + "</tr>")

    # Timeline: bars on the run's working-time axis, as percentages of the lead time.
    total = max(data["totals"]["lead_working_seconds"], 1.0)
    offset, bars = 0.0, []
    chain = sorted(records, key=lambda r: (r["ready_at"], r["completed_at"] is None, r["no"], r["attempt"]))
    for rec in chain:
        seconds = rec["actual_working_seconds"] or 0
        total = max(total, offset + seconds)
        bars.append((rec, offset, seconds))
        offset += seconds
    timeline = []
    for rec, lo, seconds in sorted(bars, key=lambda b: (b[0]["no"], b[0]["attempt"])):
        left, width = lo / total * 100, max(seconds / total * 100, 0.4)
        label = _attempt_label(rec["no"], rec["attempt"])
        status = t(f"report.status.{rec['status']}")
        timeline.append(
            f'<tr><td class="num">{e(label)}</td><td><div class="track"><div class="bar {e(rec["status"])}" '
            f'style="left:{left:.2f}%;width:{min(width, 100 - left):.2f}%" '
            f'title="{e(status)}"></div></div></td>'
            f'<td class="num">{e(format_seconds(seconds, lang))}</td></tr>')

    decisions = data["rework"]["decisions"]
    parts = [
        "<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{e(t('report.title'))}: {e(run['title'])}</title>", f"<style>{HTML_STYLE}</style>",
        "</head>", "<body>",
        f"<h1>{e(t('report.title'))}: {e(run['title'])}</h1>",
        '<table class="kv"><tbody>', *items, "</tbody></table>",
        f"<h2>{e(t('report.steps'))}</h2>",
        "<table><thead><tr>" + "".join(f"<th>{e(label)}</th>" for _, label in columns) + "</tr></thead>",
        "<tbody>", *step_rows, "</tbody></table>",
        f"<h2>{e(t('report.roles'))}</h2>",
        table([t("report.col.role"), t("report.col.people"), t("report.col.steps"), t("report.col.working"),
               t("report.col.late")],
              [[r["role"], ", ".join(r["people"]), r["steps"], format_seconds(r["working_seconds"], lang), r["late"]]
               for r in data["roles"]], classes={2: "num", 3: "num", 4: "num"}),
    ]
    if decisions:
        parts += [f"<h2>{e(t('report.rework'))}</h2>",
                  f"<p>{e(t('report.rework.loops', loops=data['rework']['loops']))}</p>",
                  table([t("report.col.decision"), t("report.col.pelaksana"), t("report.col.answers_tidak"),
                         t("report.col.answers_ya"), t("report.col.target")],
                        [[d["step"], d["pelaksana"], d["tidak"], d["ya"], d["target"]] for d in decisions],
                        classes={0: "num", 2: "num", 3: "num", 4: "num"})]
    parts += [f"<h2>{e(t('report.timeline'))}</h2>",
              '<table class="timeline"><tbody>', *timeline, "</tbody></table>",
              "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def export(state: RunState, timing: RunTiming, fmt: str, lang: str | None = None, *,
           width: int = 80) -> str | bytes:
    """The summary in `fmt` (one of FORMATS): bytes for xlsx, str otherwise."""
    if fmt not in FORMATS:
        raise SoptuiError(f"unknown summary format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with _language(lang) as lang:
        if fmt == "text":
            return render_text(state, timing, width)
        data = _summary_data(state, timing, lang)
        if fmt == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return {"csv": to_csv, "xlsx": to_xlsx, "html": to_html, "md": to_markdown}[fmt](data)
