"""Read-only views: the SOP document and a run's summary (rendered by the shared report code)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..i18n import t


class DocumentScreen(Screen):
    """A scrollable rich renderable, rebuilt at the screen's width."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("bind.back"), id="back", tooltip=t("tip.back")),
        Binding("f5", "rebuild", t("bind.refresh"), id="refresh", tooltip=t("tip.refresh")),
    ]

    def __init__(self, title: str, build):
        super().__init__()
        self.doc_title = title
        self.build = build  # width -> renderable

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="doc"):
            yield Static(id="doc-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.doc_title
        self.action_rebuild()
        self.query_one("#doc").focus()

    def on_resize(self) -> None:
        self.action_rebuild()

    def action_rebuild(self) -> None:
        width = max(40, self.size.width - 2)
        self.query_one("#doc-body", Static).update(self.build(width))


def sop_screen(sop) -> DocumentScreen:
    from ..sopview import sop_document
    return DocumentScreen(f"{sop.identity.nomor} — {sop.identity.nama}", lambda w: sop_document(sop, width=w))


def summary_screen(app, run_id: str) -> DocumentScreen:
    from ..report import summary_renderable
    from ..timing import time_run

    def build(width: int):
        state = app.service.state(run_id)
        return summary_renderable(state, time_run(state, app.calendar, app.now()), width=width)

    return DocumentScreen(t("summary.title", run=run_id), build)
