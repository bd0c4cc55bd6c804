"""Everything the SOP says about one step, and what happened to it in this run."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..durations import format_seconds, format_standard
from ..i18n import get_lang, t
from ..timeinput import format_time


def earlier_outputs(state, before_no: int) -> set[str]:
    """Outputs of completed steps, lower-cased: a kelengkapan that matches one is already in hand."""
    outs = set()
    for st in state.ordered_steps():
        for a in st.attempts:
            if a.done and a.output:
                outs.add(a.output.strip().lower())
        expected = state.sop.step(st.no).output
        if st.last and st.last.done and expected:
            outs.add(expected.strip().lower())
    return outs


def detail(state, timing, no: int, tz) -> Group:
    step = state.sop.step(no)
    st = next(s for s in timing.steps if s.no == no)
    lang = get_lang()
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    role = step.pelaksana + (f" ({t('detail.inferred')})" if step.pelaksana_disimpulkan else "")
    grid.add_row(t("detail.kegiatan"), Text(step.kegiatan))
    grid.add_row(t("detail.pelaksana"), role)
    have = earlier_outputs(state, no)
    kel = Text()
    for i, k in enumerate(step.kelengkapan):
        if i:
            kel.append("\n")
        if k.strip().lower() in have:
            kel.append(f"✓ {k}", style="green")
            kel.append(f" ({t('detail.from_earlier')})", style="dim")
        else:
            kel.append(f"• {k}")
    grid.add_row(t("detail.kelengkapan"), kel if step.kelengkapan else Text("—", style="dim"))
    grid.add_row(t("detail.output"), step.output or "—")
    grid.add_row(t("detail.standard"), format_standard(st.standard, lang) + (
        f"  ({step.waktu})" if step.waktu and format_standard(st.standard, lang) != step.waktu else ""))
    if step.is_decision:
        ya = state.sop.next_after(no, "ya")
        grid.add_row(t("detail.decision"), t("detail.route", ya=ya or t("detail.end"), tidak=step.tidak))
    if step.keterangan:
        grid.add_row(t("detail.keterangan"), step.keterangan)
    a = st.last
    if a is not None:
        grid.add_row(t("detail.ready"), format_time(a.ready_at, tz))
        if a.started_at:
            grid.add_row(t("detail.started"), format_time(a.started_at, tz))
        grid.add_row(t("detail.due"), format_time(a.due_at, tz) if a.due_at else "—")
        if a.completed_at:
            status = t("report.status.on_time") if a.on_time else t("report.status.late") if a.on_time is False else ""
            grid.add_row(t("detail.completed"), f"{format_time(a.completed_at, tz)}  {status}")
            grid.add_row(t("detail.by"), a.actor or "—")
            if a.output:
                grid.add_row(t("detail.recorded_output"), a.output)
    parts = [grid]
    if len(st.attempts) > 1:
        hist = Table(box=None, expand=True, title=t("detail.attempts"), title_justify="left")
        for col in ("#", t("detail.ready"), t("detail.completed"), t("detail.by"), t("report.col.actual")):
            hist.add_column(col, no_wrap=True)
        for x in st.attempts:
            hist.add_row(str(x.n), format_time(x.ready_at, tz), format_time(x.completed_at, tz),
                         (x.actor or "—") + (f" ({t('verdict.' + x.verdict)})" if x.verdict else ""),
                         format_seconds(x.actual_working_seconds, lang))
        parts.append(hist)
    return Group(*parts)


class StepDetail(Static):
    pass
