"""The summary as rich renderables (the CLI prints them, the TUI shows them) and as plain text."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is loaded by the functions that draw, not by importing the report
    from rich.console import JustifyMethod

from ..durations import format_minutes, format_standard
from ..i18n import get_lang, t
from ..runs import RunState
from ..timing import RunTiming
from ..safetext import text as literal  # every Text here shows its text literally
from ..cuts import distinct_wraps, shorten, wrap_clauses
from .history import history
from .history import rows as history_rows
from .figures import (attempt_label, attempt_status, clean, days_text, evidence_text, integrity_text,
                      language, late_steps_text, local_time, office_tz, rate_text)

CORRECTED = "✎"  # after an attempt's number: a value of it was corrected (see the history)
OFF_HOURS = "☾"  # after an attempt's number: started or completed outside office hours
# Attempt status -> rich style, timeline glyph (distinct glyphs so plain text keeps the meaning).
STATUS_STYLE = {"on_time": "green", "late": "bold red", "open": "yellow", "late_open": "bold red",
                "no_standard": "grey50", "pending": "dim", "skipped": "dim"}
BAR = {"on_time": ("█", "green"), "late": ("▓", "red"), "late_open": ("▓", "red"),
       "open": ("▒", "yellow"), "no_standard": ("░", "grey50")}


def summary_renderable(state: RunState, timing: RunTiming, width: int = 80, lang: str | None = None):
    """The whole summary as a rich Group that fits `width` columns."""
    from rich.console import Group
    from rich.rule import Rule
    width = max(40, int(width))
    with language(lang) as lang:
        tz = office_tz(state, timing)
        parts = [literal(t("report.title"), style="bold"), _identity(state, timing, tz, lang),
                 Rule(t("report.steps"), style="dim")]
        parts += _steps_table(state, timing, width, lang)
        parts += [Rule(t("report.roles"), style="dim"), _roles_table(timing, lang),
                  Rule(t("report.rework"), style="dim"), *_rework_lines(state, timing),
                  Rule(t("report.totals"), style="dim"), _totals(timing, lang, state.status == "finished"),
                  Rule(t("report.timeline"), style="dim"), *_timeline(timing, tz, width),
                  Rule(t("report.history"), style="dim"), *_history(state, tz)]
        return Group(*parts)


def _grid():
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    return grid


def _identity(state: RunState, timing: RunTiming, tz, lang: str):
    ident = state.sop.identity
    appr = ident.disahkan_oleh
    approver = ", ".join(x for x in (appr.jabatan, appr.nama) if x)
    if appr.nip:  # a line of its own: a NIP broken over two lines reads as two numbers
        approver += "\n" + t("report.nip", nip=appr.nip)
    status = t(f"status.{state.status}")
    if state.status == "in_progress" and state.current is not None:
        status += ", " + t("report.current", step=state.current)
    if state.status == "cancelled":
        status = t("report.cancelled_at", reason=state.cancelled_reason or "—")
    if timing.ended_at:
        ended = local_time(timing.ended_at, tz)
    else:
        ended = t("report.until_now", now=local_time(timing.now, tz))
    unit = ", ".join(x for x in (ident.sub_unit, ident.unit, ident.pemerintah) if x)
    grid = _grid()
    for label, value in (
        (t("report.sop"), f"{ident.nomor} — {ident.nama}"),
        (t("report.unit"), unit),
        (t("report.approver"), approver),
        (t("report.run"), f"{state.title} ({state.id})"),
        (t("report.operator"), state.operator or "—"),
        (t("report.status"), status),
        (t("report.started"), local_time(timing.started_at, tz)),
        (t("report.ended"), ended),
        (t("report.lead"), t("report.lead_detail", working=format_minutes(timing.lead_working_seconds, lang),
                             days=days_text(timing.lead_elapsed_seconds, lang))),
    ):
        grid.add_row(label, literal(value))  # Text: SOP content is never read as markup
    problem = state.integrity_problem()
    grid.add_row(t("report.integrity"), literal(integrity_text(problem), style="bold red" if problem else ""))
    return grid



def _step_rows(state: RunState, timing: RunTiming, lang: str) -> list[dict]:
    """One row per attempt (a pending step without attempts gets one row too)."""
    rows: list[dict] = []
    for st in timing.steps:
        std = format_standard(st.standard, lang, short=True) if st.standard else "—"
        kegiatan = clean(st.kegiatan)
        if not st.attempts:
            rows.append({"no": str(st.no), "kegiatan": kegiatan, "pelaksana": st.pelaksana, "actor": "",
                         "standard": std, "actual": "", "overrun": "",
                         "status": "skipped" if st.state == "skipped" else "pending", "output": "",
                         "extra": [], "evidence": "", "note": ""})
            continue
        recorded = state.steps[st.no].attempts
        for a in st.attempts:
            status = attempt_status(a, st.standard)
            source = recorded[a.n - 1] if a.n - 1 < len(recorded) else None
            corrected = source is not None and bool(source.corrected)
            extra = []
            if a.verdict:
                extra.append(t("report.answer", verdict=t(f"verdict.{a.verdict}")))
            if a.wait_working_seconds is not None:
                extra.append(t("report.wait_work", wait=format_minutes(a.wait_working_seconds, lang),
                               work=format_minutes(a.work_working_seconds, lang)))
            rows.append({
                "no": attempt_label(st.no, a.n) + (CORRECTED if corrected else "") + (OFF_HOURS if a.off_hours else ""),
                # A rework row sits under its step's first row (4.2 under 4): the activity is not repeated.
                "kegiatan": kegiatan if a.n == 1 else f"↻ {t('report.rework_attempt', n=a.n)}",
                "pelaksana": st.pelaksana, "actor": clean(a.actor),
                "standard": std, "actual": format_minutes(a.actual_working_seconds, lang),
                "overrun": format_minutes(a.overrun_working_seconds, lang) if a.overrun_working_seconds > 0 else "",
                "status": status, "output": clean(a.output), "extra": extra,
                # The evidence and the note are what an office hands over as proof: every format shows them.
                "evidence": clean(evidence_text(source.evidence)) if source else "",
                "note": clean(source.note) if source else ""})
    return rows


def _steps_table(state: RunState, timing: RunTiming, width: int, lang: str) -> list:
    """One row per attempt. Figures get the columns they need; the activity cell gets the rest.

    The activity cell holds the kegiatan (two lines at most, cut at a word boundary), then, dim,
    who did it and what came out. From 120 columns the role and the person get columns of their own.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    rows = _step_rows(state, timing, lang)
    wide = width >= 120
    columns: list[tuple[str, str, JustifyMethod]] = [("no", "report.col.no", "right"),
                                                     ("kegiatan", "report.col.kegiatan", "left")]
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
    # Two cells to spare: a screen whose scrollbar is wider than its caller allowed for must not
    # squeeze the figures (rich would cut "tepat waktu" before it cut anything else).
    room = max(6, width - fixed - gaps - 2)

    # The lines of the activity cell are cut to `room` here, so rich never has to cut them.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, padding=(0, 1))
    for key, head, justify in columns:
        if key == "kegiatan":
            table.add_column(t(head), ratio=1, min_width=room, no_wrap=True, overflow="ellipsis")
        else:
            table.add_column(t(head), justify=justify, no_wrap=True)
    # Two activities that differ never read the same once cut (6 and 7 of an SOP both "Memeriksa…").
    wraps = distinct_wraps([r["kegiatan"] for r in rows], room)
    for r, lines in zip(rows, wraps):
        cell = literal("\n".join(lines))
        details = [] if wide else _who(r["pelaksana"], r["actor"], room)
        output = f"→ {r['output']}" if r["output"] else ""
        if output and details and cell_len(details[-1]) + 3 + cell_len(output) <= room:
            details[-1] += " · " + output
        elif output:  # what came out is what a reader looks for: wrapped, never cut
            details += _wrapped(output, room)
        for part in r["extra"]:  # the answer, the wait and the work: figures are never cut in half
            if details and cell_len(details[-1]) + 3 + cell_len(part) <= room:
                details[-1] += " · " + part
            else:
                details += wrap_clauses(part, room)
        # Two files or letters that differ must never read alike: wrapped in full, never cut.
        for key, label in (("evidence", "report.col.evidence"), ("note", "report.col.note")):
            if r[key]:
                details += _wrapped(f"{t(label)}: {r[key]}", room)
        for line in details:
            cell.append("\n" + shorten(line, room), style="dim")
        values = {"no": r["no"], "kegiatan": cell, "pelaksana": literal(r["pelaksana"]), "actor": literal(r["actor"]),
                  "standard": r["standard"], "actual": r["actual"], "overrun": r["overrun"],
                  "status": literal(r["status_label"], style=STATUS_STYLE[r["status"]])}
        table.add_row(*(values[key] for key, _, _ in columns))
    out = [table]
    rework = next((r["no"].rstrip(CORRECTED + OFF_HOURS) for r in rows if "." in r["no"]), None)
    if rework:
        no, n = rework.split(".")
        out.append(literal(t("report.legend_no", example=rework, no=no, n=n), style="dim"))
    if any(CORRECTED in r["no"] for r in rows):
        out.append(literal(t("report.corrected_mark"), style="dim"))
    if any(OFF_HOURS in r["no"] for r in rows):
        out.append(literal(t("offhours.legend", mark=OFF_HOURS), style="yellow"))
    return out


def _wrapped(text: str, room: int) -> list[str]:
    """All of `text` in lines of `room` cells, broken at spaces; a word longer than a line (a
    file's path) starts a line of its own and goes on over the next ones, never cut."""
    import textwrap

    from ..cuts import cells, head

    out = []
    for line in textwrap.wrap(clean(text), max(room, 1), break_long_words=False, break_on_hyphens=False):
        while cells(line) > room:
            part = head(line, max(room, 1))
            out.append(part)
            line = line[len(part):]
        if line:
            out.append(line)
    return out


def _who(role: str, actor: str, room: int) -> list[str]:
    """"Role: person" in `room` cells, else the role and the person on lines of their own: a role
    cut short could read as another ("Kasubag…" is Kasubag Evapor or Kasubag Umum)."""
    from rich.cells import cell_len

    if not actor:
        return [shorten(role, room)]
    line = f"{role}: {actor}"
    return [line] if cell_len(line) <= room else [shorten(role, room), shorten(actor, room)]


def _history(state: RunState, tz) -> list:
    """The change history: one line per undo, correction, reopening and cancellation."""
    entries = history(state.events)
    if not entries:
        return [literal(t("report.history.none"))]
    lines = []
    for seq, when, by, what, changes, reason in history_rows(entries, tz):
        line = literal(f"#{seq} ", style="bold")
        line.append_text(literal(f"{when} · {by} · {what}"))
        if changes:
            line.append_text(literal(": " + changes))
        if reason:
            line.append_text(literal(f" — {t('history.col.reason').lower()}: {reason}", style="dim"))
        lines.append(line)
    return lines


def _roles_table(timing: RunTiming, lang: str):
    from rich import box
    from rich.table import Table
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, padding=(0, 1))
    table.add_column(t("report.col.role"), ratio=2)
    table.add_column(t("report.col.people"), ratio=3)
    table.add_column(t("report.col.steps"), justify="right", no_wrap=True)
    table.add_column(t("report.col.working"), justify="right", no_wrap=True)
    table.add_column(t("report.col.late"), justify="right", no_wrap=True)
    for r in timing.roles:
        table.add_row(literal(r.role), literal(", ".join(r.people) or "—"), str(r.steps),
                      format_minutes(r.working_seconds, lang), literal(str(r.late), style="red" if r.late else ""))
    return table


def _rework_lines(state: RunState, timing: RunTiming) -> list:
    if not timing.rework_loops:
        return [literal(t("report.rework.none"))]
    lines = [literal(t("report.rework.loops", loops=timing.rework_loops))]
    for st in timing.steps:
        sop_step = state.sop.step(st.no)
        tidak = sum(1 for a in st.attempts if a.verdict == "tidak")
        if sop_step.sends_back and tidak:  # a "tidak" that skips ahead is no rework
            lines.append(literal(t("report.rework.decision", no=st.no, role=st.pelaksana, tidak=tidak,
                                ya=sum(1 for a in st.attempts if a.verdict == "ya"), target=sop_step.tidak)))
    repeated = [t("report.rework.times", no=st.no, n=len(st.attempts)) for st in timing.steps
                if len(st.attempts) > 1]
    lines.append(literal(t("report.rework.attempts", steps=", ".join(repeated))))
    return lines


def _totals(timing: RunTiming, lang: str, finished: bool):
    rate = timing.rate
    style = "bold green" if (rate or 0) >= 0.8 else "bold yellow" if (rate or 0) >= 0.5 else "bold red"
    grid = _grid()
    value = literal(rate_text(rate), style=style if rate is not None else "")
    value.append("  " + t("report.compliance_detail", on_time=timing.on_time, measured=timing.measured,
                          late=timing.late))
    grid.add_row(t("report.compliance"), value)
    grid.add_row(t("report.late_steps"), literal(late_steps_text(
        {"late_steps": timing.late_steps, "steps": len(timing.steps)}), style="red" if timing.late_steps else ""))
    if timing.unmeasured_steps:
        grid.add_row(t("report.unmeasured"), t("report.unmeasured_detail", n=len(timing.unmeasured_steps),
                                               steps=", ".join(map(str, timing.unmeasured_steps))))
    grid.add_row(t("report.standard_total"), t("report.standard_detail",
                                               total=format_standard(timing.standard_total, lang)))
    grid.add_row(t("report.vs"), _versus(timing, lang, finished))
    grid.add_row(t("report.attempts_total"), str(timing.attempts_total))
    return grid


def _versus(timing: RunTiming, lang: str, finished: bool):
    """The standard total along the path (in working time) against the run's lead time; an open
    run is only compared once it is already longer, a cancelled one not at all."""
    standard = format_minutes(timing.standard_total_working_seconds, lang)
    actual = format_minutes(timing.lead_working_seconds, lang)
    diff = timing.lead_working_seconds - timing.standard_total_working_seconds
    if timing.ended_at and not finished:  # cancelled: stopped part-way, neither over nor within
        return literal(t("report.vs_cancelled", standard=standard, actual=actual))
    if diff > 0:
        return literal(t("report.vs_over", standard=standard, actual=actual, diff=format_minutes(diff, lang)),
                    style="red")
    if not finished:
        return literal(t("report.vs_open", standard=standard, actual=actual))
    return literal(t("report.vs_within", standard=standard, actual=actual), style="green")


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
    items = [(st, a) for st in timing.steps for a in st.attempts]
    if not items:
        return [literal("—")]
    lang = get_lang()
    labels = [attempt_label(st.no, a.n) for st, a in items]
    figures = [format_minutes(a.actual_working_seconds, lang) for _, a in items]
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
    grid.add_row("", literal(axis, style="dim"), "")
    for (st, a), label, figure in zip(items, labels, figures):
        lo, hi = positions[(st.no, a.n)]
        left = min(round(lo / total * bar_w), bar_w - 1)
        right = min(max(round(hi / total * bar_w), left + 1), bar_w)
        glyph, style = BAR[attempt_status(a, st.standard)]
        grid.add_row(label, literal(" " * left) + literal(glyph * (right - left), style=style), figure)
    legend = literal(f"{t('report.legend')}: ")
    for status in ("on_time", "late", "open", "no_standard"):
        glyph, style = BAR[status]
        legend.append(glyph, style=style)
        legend.append(" " + t(f"report.status.{status}") + "  ")
    legend.rstrip()
    return [grid, legend]


def render_text(state: RunState, timing: RunTiming, width: int = 80, lang: str | None = None) -> str:
    """The rich report as plain text (no colour codes), `width` columns wide."""
    from ..safetext import console as safe_console

    console = safe_console(width=width, record=True, file=io.StringIO(), color_system=None,
                      force_terminal=False, legacy_windows=False)
    console.print(summary_renderable(state, timing, width, lang))
    return console.export_text()


