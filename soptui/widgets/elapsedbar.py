"""Elapsed working time against the standard: green, amber from 80 %, red past the standard."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..durations import format_seconds
from ..i18n import get_lang, t

AMBER_FROM = 0.8


def bar_style(ratio: float) -> str:
    return "green" if ratio < AMBER_FROM else "yellow" if ratio <= 1 else "bold red"


def elapsed_bar(actual: float, standard: float | None, width: int = 60, label: str = "") -> Text:
    """One line of `width` cells: label, bar, then 'actual / standard (n %)'."""
    lang = get_lang()
    head = Text(f"{label} " if label else "", style="bold")
    if not standard:
        return head + Text(t("detail.no_standard_bar", actual=format_seconds(actual, lang)), style="dim")
    ratio = actual / standard
    style = bar_style(ratio)
    tail = Text(f" {format_seconds(actual, lang)} / {format_seconds(standard, lang)} ({ratio * 100:.0f} %)",
                style=style)
    cells = max(4, min(40, width - head.cell_len - tail.cell_len))
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
        text = elapsed_bar(actual, standard, width=(self.size.width or 50), label=label)
        text.no_wrap, text.overflow = True, "ellipsis"
        self.update(text)

    def clear(self) -> None:
        self._shown = None
        self.update("")
