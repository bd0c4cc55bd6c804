"""The SOP's flowchart, bare or with a run drawn on it, beside (wide) or above (narrow) the
selected step's details: its activity in full, its Mutu Baku, and on a run its attempts.

A run is read in a thread (as the checklist reads it) and read again when its file changes, so
the chart follows what is recorded elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from ..i18n import t
from ..messages import flowchart as _messages  # noqa: F401
from ..safetext import one_line
from ..safetext import text as literal
from ..widgets.flowchart import FlowchartView, sop_step_detail
from .base import Localized, bind
from .runread import RunReader
from .runview import RunView, read_view

POLL_SECONDS = 1.5
WIDE = 150  # columns from which the details stand beside the chart rather than under it

if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp


class FlowchartScreen(RunReader, Localized, Screen):
    # The chart over the selected step's details; side by side when wide.
    DEFAULT_CSS = """
    #flow-head { padding: 0 1; background: $boost; width: 100%; height: 1; text-wrap: nowrap;
                 text-overflow: ellipsis; }
    #flow-body { height: 1fr; }
    #chart { height: 1fr; }
    #chart-head { height: 3; width: 100%; }
    #chart-scroll { height: 1fr; }
    #chart-body { width: auto; height: auto; }
    #flow-detail { height: 8; padding: 0 1; border-top: solid $primary-darken-2; }
    #flow-body.wide { layout: horizontal; }
    #flow-body.wide #chart { width: 1fr; }
    #flow-body.wide #flow-detail { width: 52; height: 1fr; border-top: none; border-left: solid $primary-darken-2; }
    """

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)
    BINDINGS = [
        bind("escape", "app.pop_screen", "back"),
        bind("f5", "reload", "refresh", show=False),
    ]
    HOWTO = "help.flowchart"

    def __init__(self, sop=None, run_id: str | None = None):
        super().__init__()
        self.sop = sop
        self.run_id = run_id
        self.view: RunView | None = None
        self._mtime: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="flow-head")
        with Container(id="flow-body"):
            yield FlowchartView(id="chart")
            with VerticalScroll(id="flow-detail"):
                yield Static(id="flow-detail-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fit(self.app.size.width)
        self.query_one(FlowchartView).focus()
        if self.run_id is None:
            self.sub_title = one_line(t("flow.title", sop=self.sop.identity.nama))
            self._head()
            self.query_one(FlowchartView).show(self.sop)
        else:
            self.query_one("#flow-head", Label).update(literal(t("checklist.loading")))
            self.reload()
            self.set_interval(POLL_SECONDS, self.poll)

    def on_resize(self, event) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#flow-body").set_class(width >= WIDE, "wide")

    def _head(self) -> None:
        sop = self.sop
        head = f"{sop.identity.nomor} · {sop.identity.nama}"
        if self.view is not None:
            s = self.view.state
            head = f"{s.title} · {head} · " + t("checklist.head", run=s.id, status=t(f"status.{s.status}"),
                                                 done=s.done_count, total=len(sop.steps))
        self.query_one("#flow-head", Label).update(literal(one_line(head), no_wrap=True, overflow="ellipsis"))

    # a run, read in a thread -------------------------------------------------------------

    def action_reload(self) -> None:
        if self.run_id is not None:
            self.reload()

    def on_screen_resume(self) -> None:
        self.poll()

    def poll(self) -> None:
        if self.run_id is not None and not self.reading and \
                self.app.service.store.modified_ns(self.run_id) != self._mtime:
            self.reload()

    def read_run(self) -> RunView:  # in a thread (screens/runread.py)
        assert self.run_id is not None  # only a run is read
        return read_view(self.app, self.run_id)

    def run_unreadable(self, error: str, mtime: int) -> None:
        self._mtime = mtime  # said once per change of the file
        super().run_unreadable(error, mtime)

    def run_read(self, view: RunView, mtime: int) -> None:
        from ..flowchart.overlay import run_overlay
        self.view, self._mtime = view, view.mtime
        state = view.state
        self.sop = state.sop
        self.sub_title = one_line(t("flow.title_run", sop=self.sop.identity.nama, run=state.title))
        self._head()
        self.query_one(FlowchartView).show(self.sop, run_overlay(state, view.timing))
        self.show_detail()

    # the selected step ------------------------------------------------------------------

    @on(FlowchartView.StepHighlighted)
    def _highlighted(self, event: FlowchartView.StepHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        chart = self.query_one(FlowchartView)
        no = chart.selected
        if no is None or self.sop is None:
            return
        body = self.query_one("#flow-detail-body", Static)
        if self.view is None:
            body.update(sop_step_detail(self.sop, no))
            return
        from ..widgets.stepdetail import detail
        # A skipped step says so itself (stepdetail). Its attempts first (what the cursor over a
        # step is for), then what the SOP says of it.
        parts = list(detail(self.view.state, self.view.timing, no, self.app.service.tz).renderables)
        body.update(Group(*parts[1:], *parts[:1]))


def open_from_home(home) -> None:
    """From the home screen: the chosen run drawn on its flowchart (when the runs have the
    focus), else the chosen SOP's flowchart."""
    run = home.selected_run() if home.focused is home.query_one("#runs") else None
    loaded = None if run else home.loaded_sop(home.selected_sop())
    if run:
        home.app.push_screen(FlowchartScreen(run_id=run))
    elif loaded:
        home.app.push_screen(FlowchartScreen(loaded.sop))

