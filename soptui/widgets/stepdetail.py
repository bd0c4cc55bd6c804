"""Everything the SOP says about one step, and what happened to it in this run (read-only)."""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..durations import format_seconds, format_standard
from ..evidence import as_typed
from ..i18n import get_lang, t
from ..messages import flowchart as _flow_messages  # noqa: F401  ("skipped", as the flowchart says it)
from ..messages import report as _report_messages  # noqa: F401  (status words shared with the report)
from ..timeinput import format_time
from ..safetext import text as literal  # SOP and record text shown as written
from ..safetext import visible
from ..report.text import CORRECTED, OFF_HOURS  # the summary's marks: a corrected value, outside office hours
from ..messages import workday as _workday_messages  # noqa: F401  (offhours.*)



def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip(" .,;:-•").lower()


def _matches(need: str, have: str) -> bool:
    """Same text ignoring case and spacing, or one is the other plus more words
    ("Surat Edaran" satisfies "Surat Edaran Bappeda"; "Rencana Kinerja" is not "Draft Rencana Kinerja")."""
    return bool(need and have) and (need == have or have.startswith(need + " ") or need.startswith(have + " "))


def earlier_outputs(state, no: int) -> list[tuple[str, int]]:
    """(normalised output, step) for every completed attempt of another step that was done before
    step `no` became ready (its latest attempt), recorded and expected outputs, latest first: the
    first match is the attempt that produced the document last on the path actually taken (a
    rework's output replaces the first draft's). A decision that hands on what it checked (its
    output is one of its kelengkapan) is not where that document came from."""
    last = state.steps[no].last
    before = last.ready_at if last is not None else None
    done = [(a.completed_at, i, st.no, a) for i, st in enumerate(state.ordered_steps()) if st.no != no
            for a in st.attempts if a.done and (before is None or a.completed_at <= before)]
    outs = []
    for *_, step_no, a in sorted(done, key=lambda x: x[:2], reverse=True):
        sop_step = state.sop.step(step_no)
        expected = _norm(sop_step.output)
        if sop_step.is_decision and expected in {_norm(k) for k in sop_step.kelengkapan}:
            expected = ""  # a check passes on what it checked: it did not make that document
        outs += [(o, step_no) for o in dict.fromkeys((_norm(a.output), expected)) if o]
    return outs


def kelengkapan_text(state, no: int) -> Text:
    step = state.sop.step(no)
    if not step.kelengkapan:
        return literal("—", style="dim")
    have = earlier_outputs(state, no)
    out = literal()
    for i, k in enumerate(step.kelengkapan):
        if i:
            out.append("\n")
        source = next((src for o, src in have if _matches(_norm(k), o)), None)
        if source is not None:
            out.append(f"✓ {visible(k)}", style="green")
            out.append(f" ({t('detail.from_step', step=source)})", style="dim")
        else:
            out.append(f"• {visible(k)}")
    return out


def sop_rows(sop, no: int, kelengkapan: Text | None = None, title: str = "") -> Table:
    """What the SOP says of step `no`, as the rows of a two-column grid: the activity (`title`
    before it) and its question, the roles, the requirements (`kelengkapan`: as the run met them,
    else the SOP's list), the expected output, the standard time, a decision's routes, the remark.
    The checklist adds the run's rows under them; the flowchart shows them alone."""
    step = sop.step(no)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    role = step.pelaksana_text + (f" ({t('detail.inferred')})" if step.pelaksana_disimpulkan else "")
    grid.add_row(t("detail.kegiatan"), literal(title + step.kegiatan))
    if step.pertanyaan:
        grid.add_row("", literal(step.pertanyaan, style="italic"))
    grid.add_row(t("detail.pelaksana"), literal(role))
    grid.add_row(t("detail.kelengkapan"),
                 kelengkapan if kelengkapan is not None else literal("\n".join(f"• {k}" for k in step.kelengkapan) or "—"))
    grid.add_row(t("detail.output"), literal(step.output or "—"))
    standard = format_standard(sop.effective_standard(step), get_lang())
    if step.waktu and standard != step.waktu:
        standard += f"  ({step.waktu})"
    grid.add_row(t("detail.standard"), literal(standard))
    if step.is_decision:
        ya = sop.next_after(no, "ya")
        grid.add_row(t("detail.decision"), t("detail.route", ya=ya or t("detail.end"), tidak=step.tidak))
    if step.keterangan:
        grid.add_row(t("detail.keterangan"), literal(step.keterangan))
    return grid


def detail(state, timing, no: int, tz) -> Group:
    step = state.sop.step(no)
    st = next(s for s in timing.steps if s.no == no)
    lang = get_lang()
    grid = sop_rows(state.sop, no, kelengkapan_text(state, no))
    a = st.last
    last = state.steps[no].last
    corrected = last.corrected if last is not None else set()

    def mark(value: Text, field: str) -> Text:
        """✎ after a value a correction changed (the history says from what, and why)."""
        if field in corrected:
            value.append(f" {CORRECTED}", style="yellow")
        return value

    def off_hours(value: Text) -> Text:
        """☾ and its words, as the summary marks an attempt started or completed outside office hours."""
        value.append(f"  {OFF_HOURS} {t('offhours.mark')}", style="yellow")
        return value

    if a is not None:
        grid.add_row(t("detail.ready"), format_time(a.ready_at, tz))
        if a.started_at:
            started = mark(literal(format_time(a.started_at, tz)), "started_at")
            grid.add_row(t("detail.started"), off_hours(started) if a.off_hours and not a.completed_at else started)
        due = literal(format_time(a.due_shown, tz) if a.due_shown else "—")
        if a.in_progress and a.late:
            due.append(f"  {t('report.status.late')}", style="bold red")
        grid.add_row(t("detail.due"), due)
        if a.completed_at:
            status = mark(literal(format_time(a.completed_at, tz)), "completed_at")
            if a.on_time is not None:
                status.append("  " + t("report.status.on_time" if a.on_time else "report.status.late"),
                              style="green" if a.on_time else "bold red")
            if a.off_hours:
                off_hours(status)
            grid.add_row(t("detail.completed"), status)
            grid.add_row(t("detail.by"), mark(literal(a.actor or "—"), "actor"))
            if a.output:
                grid.add_row(t("detail.recorded_output"), mark(literal(a.output), "output"))
            if last is not None and last.note:
                grid.add_row(t("detail.note"), mark(literal(last.note), "note"))
            if last is not None and last.evidence:
                ev = last.evidence
                grid.add_row(t("detail.evidence"), mark(literal(as_typed(ev)), "evidence"))
    elif st.state == "skipped":  # a decision jumped over it: it will not be reached in this pass
        grid.add_row(t("detail.ready"), literal(t("flow.skipped"), style="dim"))
    elif state.status == "in_progress":
        grid.add_row(t("detail.ready"), literal(t("detail.not_yet"), style="dim"))
    parts = [grid]
    if len(st.attempts) > 1:
        parts.append(attempts_table(st, step.is_decision, tz, lang))
    return Group(*parts)


def attempts_table(st, decision: bool, tz, lang: str) -> Table:
    """One row per attempt: when it was done, the answer, how long, on time or late, by whom. The
    figures and times keep their width (a cut time reads like another time); only the name column
    gives way, cut with '…'. (Each attempt was ready when the one before it on the path ended.)"""
    hist = Table(box=None, expand=True, title=t("detail.attempts"), title_justify="left", padding=(0, 1),
                 pad_edge=False, collapse_padding=True)
    rows = []
    for x in st.attempts:
        status = "—" if x.on_time is None else t("report.status.on_time" if x.on_time else "report.status.late")
        rows.append([f"{x.n}{OFF_HOURS}" if x.off_hours else str(x.n), _short(x.completed_at, tz),
                     *([t(f"verdict.{x.verdict}") if x.verdict else "—"] if decision else []),
                     format_seconds(x.actual_working_seconds, lang), status, literal(x.actor or "—")])
    heads = ["#", t("detail.completed"), *([t("report.col.verdict")] if decision else []),
             t("report.col.actual"), t("report.col.status"), t("detail.by")]
    for i, head in enumerate(heads):
        if i == len(heads) - 1:  # a long name wraps at its spaces: a cut one could read as another
            hist.add_column(head, ratio=1, overflow="fold", min_width=4)
        else:
            width = max([len(head) if i else 1] + [len(str(r[i])) for r in rows])
            hist.add_column(head, no_wrap=True, min_width=width, max_width=width,
                            justify="right" if i in (0, len(heads) - 3) else "left")
    for r in rows:
        hist.add_row(*r)
    if any(x.off_hours for x in st.attempts):  # the summary's legend, under the attempts it marks
        hist.caption, hist.caption_justify = t("offhours.legend", mark=OFF_HOURS), "left"
        hist.caption_style = "yellow"
    return hist


def _short(dt, tz) -> str:
    return dt.astimezone(tz).strftime("%d/%m %H:%M") if dt else "—"


class StepDetail(Static):
    """The screen renders `detail(...)` into it."""
