"""A run's events as recorded, one option each: number, kind, step, time, who; what later changed
it (undone by #N, corrected by #N); for a correction or an undo what it changed, from what to
what, and why. The numbers are those a correction names (and `soptui correct` takes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..actions import Change, changes, corrected_values, finish_moments
from ..events import Event
from ..i18n import t
from ..messages import report as _report_messages  # noqa: F401  (the change history's words)
from ..messages import runs as _run_messages  # noqa: F401  (the events' words)
from ..report.history import corrected_texts, describe, history, value_text
from ..report.text import CORRECTED
from ..safetext import one_line
from ..timeinput import format_time

NUMBER_WIDTH = 4  # "#999"
UNDONE = "✗"


def _when(iso: str, tz) -> str:
    return format_time(datetime.fromisoformat(iso), tz)


def _who(event: Mapping[str, Any]) -> str:
    data = event["data"]
    if event["kind"] == "run_started":
        return data.get("operator") or ""
    if event["kind"] in ("step_completed", "decision"):
        return data.get("actor") or ""
    return data.get("by") or ""


def event_text(event: Mapping[str, Any], change: Change | None, described: tuple[str, str] | None, tz,
               corrected: Mapping[int, Mapping[str, Any]] | None = None, follows: tuple[int, str] | None = None):
    """One event: its number, then a few lines (wrapped under each other, not under the number):
    what, when and who; what it changed and why; what later changed it and what the record now
    reads (`corrected`: actions.corrected_values of it). A finish whose completion's moment was
    corrected (`follows`: actions.finish_moments of it) is shown at the corrected moment."""
    data, kind = event["data"], event["kind"]
    undone = change is not None and change.kind == "undone"
    what = t(f"event.{kind}")
    if data.get("step"):
        what += " " + t("event.step", step=data["step"])
    if data.get("verdict"):
        what += f" ({t('verdict.' + str(data['verdict']))})"
    line = Text(one_line(what), style="bold strike" if undone else "bold")
    line.append(f" · {_when(follows[1] if follows else event['at'], tz)}")
    who = _who(event)
    if who:
        line.append(" · " + one_line(who))
    lines = [line]
    if described is not None and kind in ("correction", "undo"):
        about, changed = described
        lines.append(Text(one_line(about + (": " + changed if changed else ""))))
    for name in ("output", "evidence", "note"):
        value = data.get(name)
        if value and kind in ("step_completed", "decision"):
            lines.append(Text(one_line(f"{t('change.' + name)}: {value_text(name, value, tz)}"), style="dim"))
    if data.get("reason"):
        lines.append(Text(one_line(f"{t('history.col.reason').lower()}: {data['reason']}"), style="dim"))
    if change is not None:
        if undone:
            lines.append(Text(f"{UNDONE} {t('event.undone', seq=change.by)}", style="red"))
        else:
            said = corrected_texts(corrected, tz) if corrected else [t("event.corrected_by", seq=change.by)]
            lines += [Text(one_line(f"{CORRECTED} {x}"), style="yellow") for x in said]
    if follows is not None and not undone:  # the log keeps the finish as recorded; it reads as corrected
        lines.append(Text(f"{CORRECTED} " + t("event.finish_follows", seq=follows[0], at=_when(event["at"], tz)),
                          style="yellow"))
    body = Text("\n").join(lines)
    if undone:
        body.stylize("dim")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=NUMBER_WIDTH, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text(f"#{event['seq']}", style="dim bold" if undone else "bold"), body)
    return grid


def plain(renderable, width: int = 80) -> str:
    """What an event shows, as plain text (for tests and the history's own checks)."""
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def event_options(events: Sequence[Event], tz) -> list[Option]:
    changed, corrected, follows = changes(events), corrected_values(events), finish_moments(events)
    described = {h["seq"]: describe(h, tz) for h in history(events)}
    return [Option(event_text(e, changed.get(e["seq"]), described.get(e["seq"]), tz, corrected.get(e["seq"]),
                              follows.get(e["seq"])), id=str(e["seq"]))
            for e in events]


class EventLog(OptionList):
    """The events, newest last; highlighting one posts EventHighlighted."""

    class EventHighlighted(Message):
        def __init__(self, seq: int):
            super().__init__()
            self.seq = seq

    def show(self, events: Sequence[Event], tz) -> None:
        keep = self.highlighted
        self.clear_options()
        self.add_options(event_options(events, tz))
        if self.option_count:
            self.highlighted = self.option_count - 1 if keep is None else min(keep, self.option_count - 1)

    @property
    def selected_seq(self) -> int | None:
        if self.highlighted is None or not self.option_count:
            return None
        return int(self.get_option_at_index(self.highlighted).id or 0)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.EventHighlighted(int(event.option.id or 0)))
