"""Elapsed working time against the standard: green, amber from 80 %, red past the due moment."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..durations import format_seconds
from ..i18n import get_lang, t

AMBER_FROM = 0.8


def elapsed_bar(actual: float, standard: float | None, width: int = 30) -> Text:
    lang = get_lang()
    if not standard:
        return Text(t("detail.no_standard_bar", actual=format_seconds(actual, lang)), style="dim")
    ratio = actual / standard
    style = "green" if ratio < AMBER_FROM else "yellow" if ratio <= 1 else "bold red"
    filled = min(width, int(round(min(ratio, 1.0) * width)))
    bar = Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")
    bar.append(f" {format_seconds(actual, lang)} / {format_seconds(standard, lang)} ({ratio * 100:.0f} %)",
               style=style)
    return bar


class ElapsedBar(Static):
    def show(self, actual: float, standard: float | None) -> None:
        self.update(elapsed_bar(actual, standard, width=max(10, min(40, self.size.width - 30 or 30))))
