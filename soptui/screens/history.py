"""The history of one run: every event as recorded, with what later changed it and, for each
undo and correction, what it changed and why. `t` corrects the highlighted event (any step's,
the run's start, its cancellation). The run is read in a thread; after a correction, again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from .. import actions
from ..i18n import t
from ..safetext import one_line
from ..safetext import text as literal
from ..widgets.eventlog import CORRECTED, UNDONE, EventLog
from . import fixes
from .base import Localized, bind
from .runread import RunReader


if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp

class HistoryScreen(RunReader, Localized, Screen):
    # Its styles (scoped to it): parsed when it first opens, not at start-up.
    DEFAULT_CSS = """
    #history-head { padding: 0 1; background: $boost; width: 100%; }
    #events { height: 1fr; }
    """

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)
    BINDINGS = [
        bind("t", "correct", "correct"),
        bind("f5", "reload", "refresh", show=False),
        bind("escape", "back", "back"),
    ]
    HOWTO = "help.history"

    def __init__(self, run_id: str, state=None):
        super().__init__()
        self.run_id = run_id
        self.state = state

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(literal(t("checklist.loading")), id="history-head")
        yield EventLog(id="events")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = one_line(t("eventlog.title", run=self.run_id))
        self.query_one(EventLog).focus()
        if self.state is not None:
            self.show(self.state)
        else:
            self.reload()

    def read_run(self):  # in a thread (screens/runread.py)
        return self.app.service.state(self.run_id)

    def run_read(self, state, mtime: int) -> None:
        self.show(state)

    def show(self, state) -> None:
        self.state = state
        head = t("eventlog.head", run=state.id, status=t(f"status.{state.status}"), count=len(state.events),
                 corrected=CORRECTED, undone=UNDONE)
        self.query_one("#history-head", Label).update(literal(head))
        self.query_one(EventLog).show(state.events, self.app.service.tz)
        self.refresh_bindings()

    @on(EventLog.EventHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()  # `t` is offered only on an event that can be corrected

    def selected_event(self) -> dict | None:
        seq = self.query_one(EventLog).selected_seq
        if self.state is None or seq is None:
            return None
        return next((e for e in self.state.events if e["seq"] == seq), None)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "correct":
            event = self.selected_event()
            return event is not None and any(e["seq"] == event["seq"] for e in actions.correctable(self.state))
        return True

    def why_not(self, action: str) -> str | None:
        if action == "correct":
            return fixes.why_not_correct(self.state, self.selected_event())
        return None

    def action_correct(self) -> None:
        event = self.selected_event()
        if event is None:
            return

        def after(ok: bool | None) -> None:
            if ok:
                self.notify(t("checklist.corrected"), timeout=6)
                self.reload()

        self.app.push_screen(fixes.correction_dialog(self, self.state, event["seq"]), after)

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()
