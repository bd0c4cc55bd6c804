"""A run as the checklist shows it, read in a thread (by the checklist, and by the home screen
before it opens one), and the words for one of its events."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, NamedTuple

from ..i18n import t
from ..timeinput import format_time


class RunView(NamedTuple):
    """A run as the checklist shows it: its state, its timing, what the chain check says, and
    the file's modification time taken before it was read (a write meanwhile is seen later)."""
    state: Any
    timing: Any
    problem: str | None
    mtime: int


def read_view(app, run_id: str) -> RunView:
    """Read, fold, time and check one run (slow for long runs: call it in a thread)."""
    from ..timing import time_run
    svc = app.service
    mtime = svc.store.modified_ns(run_id)
    state = svc.state(run_id)
    return RunView(state, time_run(state, app.calendar, app.now()), state.integrity_problem(), mtime)


def describe(event: Mapping[str, Any], tz) -> str:
    """'#5 completion of step 2, 2026-11-23 08:30' for the undo and correction dialogs."""
    step = event["data"].get("step")
    kind = t(f"event.{event['kind']}")
    when = format_time(datetime.fromisoformat(event["at"]), tz)
    return f"#{event['seq']} {kind}" + (f" {t('event.step', step=step)}" if step else "") + f", {when}"
