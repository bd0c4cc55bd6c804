"""Elapsed working time against the standard: green, amber from 80 %, red past the standard."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..durations import format_seconds
from ..i18n import get_lang, t
from ..messages import workday as _workday_messages  # noqa: F401  (progress.*)

AMBER_FROM = 0.8


def bar_style(ratio: float) -> str:
    return "green" if ratio < AMBER_FROM else "yellow" if ratio <= 1 else "bold red"


def progress_text(actual: float, standard: float, running: bool) -> str:
    """What the bar means, as a clerk says it: "sisa 2 j 10 m" or "terlambat 89 j 20 m" while the
    step is open; once done, on time (how long, of how long) or late by how much. Working time:
    past the standard is past the due moment (timing's overrun)."""
    lang = get_lang()
    if actual > standard:
        return t("progress.late" if running else "progress.done_late", over=format_seconds(actual - standard, lang))
    if running:
        return t("progress.left", left=format_seconds(standard - actual, lang))
    return t("progress.done_on_time", actual=format_seconds(actual, lang), standard=format_seconds(standard, lang))


def elapsed_bar(actual: float, standard: float | None, width: int = 60, label: str = "",
                running: bool = True) -> Text:
    """One line of `width` cells: label, bar, then what it means (progress_text). Where the line
    is short, the bar goes first, then the label: the figures are never cut."""
    lang = get_lang()
    head = Text(f"{label} " if label else "", style="bold")
    if not standard:
        return head + Text(t("detail.no_standard_bar", actual=format_seconds(actual, lang)), style="dim")
    ratio = actual / standard
    style = bar_style(ratio)
    tail = Text(" " + progress_text(actual, standard, running), style=style)
    cells = min(40, width - head.cell_len - tail.cell_len)
    if cells < 4:
        if head.cell_len + tail.cell_len - 1 > width:
            head = Text("")
        return head + Text(tail.plain[1:], style=style)  # the label ends with its space
    filled = min(cells, int(round(min(ratio, 1.0) * cells)))
    return head + Text("█" * filled, style=style) + Text("░" * (cells - filled), style="dim") + tail


class ElapsedBar(Static):
    """One line under the step details; the screen feeds it on every clock tick."""

    _shown: tuple | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, actual: float, standard: float | None, running: bool = False) -> None:
        self._shown = (actual, standard, running)
        label = t("detail.elapsed_running" if running else "detail.elapsed")
        text = elapsed_bar(actual, standard, width=(self.size.width or 50), label=label, running=running)
        text.no_wrap, text.overflow = True, "ellipsis"
        self.update(text)

    def clear(self) -> None:
        self._shown = None
        self.update("")
