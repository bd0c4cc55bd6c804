"""Read-only views: the SOP document and a run's summary (rendered by the shared report code).

The renderable is built in a thread (a summary folds and times the run), at the screen's width,
and comes back as a message; meanwhile the view says it is loading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..errors import SoptuiError
from ..i18n import t
from ..messages import export as _export_messages  # noqa: F401  (the export key's label)
from ..safetext import one_line
from .base import Localized, bind


if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp

class DocumentScreen(Localized, Screen):
    """A scrollable rich renderable, rebuilt at the screen's width."""

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)

    BINDINGS = [
        bind("escape", "app.pop_screen", "back"),
        bind("f5", "rebuild", "refresh"),
        bind("f", "flowchart", "flowchart"),
    ]
    HOWTO = "help.document"

    def __init__(self, title: str, build, flowchart=None):
        super().__init__()
        self.doc_title = title
        self.build = build  # width -> renderable
        self.flowchart = flowchart  # () -> the flowchart screen of what is shown, if it has one
        self._building = 0  # the latest build asked for; older ones are dropped when they land
        self.failed = ""  # why the latest build failed (a run file damaged or removed), or ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="doc"):
            yield Static(Text(t("checklist.loading"), style="dim"), id="doc-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = one_line(self.doc_title)
        self.query_one("#doc").focus()

    def on_resize(self, event=None) -> None:
        self.action_rebuild()

    def check_action(self, action: str, parameters) -> bool | None:
        return self.flowchart is not None if action == "flowchart" else True

    def action_flowchart(self) -> None:
        if self.flowchart is not None:
            self.app.push_screen(self.flowchart())

    def action_rebuild(self) -> None:
        self._building += 1
        # The text gets the width it is shown in: the screen less the padding and the scrollbar,
        # so no column is squeezed to fit (at 80 columns one too many cut the timeline's figures).
        doc = self.query_one("#doc")
        room = (self.size.width or self.app.size.width) - doc.styles.padding.width - doc.styles.scrollbar_size_vertical
        self.build_body(max(40, room), self._building)

    @work(thread=True, exclusive=True, group="build")
    def build_body(self, width: int, building: int) -> None:
        failed = ""
        try:
            body = self.build(width)
        except SoptuiError as exc:  # a run file damaged or removed meanwhile: say so, stay usable
            failed = str(exc)
            body = Text(failed, style="bold red")
        self.post_message(self.Built(building, body, failed))

    class Built(Message):
        def __init__(self, building: int, body, failed: str):
            super().__init__()
            self.building, self.body, self.failed = building, body, failed

    @on(Built)
    def _built(self, event: Built) -> None:
        if event.building == self._building:
            self.query_one("#doc-body", Static).update(event.body)
            self.failed = event.failed
            self.refresh_bindings()


def sop_screen(sop) -> DocumentScreen:
    from ..sopview import sop_document
    from .flowchart import FlowchartScreen
    return DocumentScreen(f"{sop.identity.nomor} — {sop.identity.nama}", lambda w: sop_document(sop, width=w),
                          lambda: FlowchartScreen(sop))


class SummaryScreen(DocumentScreen):
    """A run's summary; `e` exports it (screens/export.py)."""

    BINDINGS = [bind("e", "export", "export")]
    HOWTO = "help.summary"

    def __init__(self, title: str, build, run_id: str):
        from .flowchart import FlowchartScreen
        super().__init__(title, build, lambda: FlowchartScreen(run_id=run_id))
        self.run_id = run_id

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "export":  # nothing to export from a run that cannot be read
            return not self.failed
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str | None:
        return t("summary.no_export", why=self.failed) if action == "export" and self.failed else None

    def action_export(self) -> None:
        from .export import open_export
        open_export(self, self.run_id)


def summary_screen(app, run_id: str) -> DocumentScreen:
    from ..report import summary_renderable
    from ..timing import time_run

    def build(width: int):
        state = app.service.state(run_id)
        return summary_renderable(state, time_run(state, app.calendar, app.now()), width=width)

    return SummaryScreen(t("summary.title", run=run_id), build, run_id)
