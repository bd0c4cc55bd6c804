"""Home: the SOP library and the runs (in progress first). Start, resume, read, summarise.

When runs are in progress, the list of runs opens focused on the latest of them: Enter resumes it
(Tab, or the footer's key, goes to the SOP library). `t` shows what is due across the runs
(screens/due.py), from the same index rows. How the two lists are read and kept, start-up
included, is in screens/homelists.py.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from ..errors import SoptuiError
from ..i18n import t
from ..messages import due as _due_messages  # noqa: F401  (the due view's key and columns)
from ..messages import stats as _stats_messages  # noqa: F401  (the statistics key's label)
from ..rowtext import sop_text, title_text
from ..widgets.fittedtable import Col, FittedTable
from ..widgets.keyline import KeyLine
from ..widgets.titleline import TitleLine
from .base import bind
from .homelists import HomeLists
from .homerows import current_text, sop_cells


class HomeScreen(HomeLists):

    BINDINGS = [
        bind("enter", "open", "open", priority=True),  # over the tables' own Enter: one id to remap
        bind("t", "due", "due"),
        bind("n", "new_run", "new_run"),
        bind("tab", "switch_list", "switch_list"),
        bind("d", "document", "document"),
        bind("f", "flowchart", "flowchart"),
        bind("r", "summary", "summary"),
        bind("s", "stats", "stats"),
        bind("f5", "reload", "refresh", show=False),
        bind("q", "app.quit", "quit"),
    ]

    HOWTO = "help.home"
    # At 80 columns these leave the footer (help and the palette keep them): resume, what is due,
    # start, the switch to the library and the summary stay in view (the clerk's keys; the
    # statistics are the evaluator's, and "Statistik" does not fit beside them in Indonesian).
    FOOTER_WHEN_WIDE = frozenset({"flowchart", "document", "stats", "quit"})

    def __init__(self):
        super().__init__()
        self._opening = False  # a run is being read to open it

    def compose(self) -> ComposeResult:
        yield TitleLine()
        with Vertical(id="home"):
            yield Label(t("home.library"), classes="section")
            yield FittedTable([Col(t("col.nomor"), weight=1, minimum=12, text=lambda s: s.identity.nomor),
                               Col(t("col.nama"), weight=4, text=lambda s: s.identity.nama),
                               Col(t("col.unit"), weight=2, text=lambda s: s.identity.unit), Col(t("col.steps"), width=3),
                               Col(t("col.standard_total"), width=18, shrink=True)], sop_cells, id="sops")
            yield Label("", id="sop-line", classes="row-line")
            yield Label(t("home.runs"), id="runs-head", classes="section")
            # Three runs titled "Renja 2027" are told apart by their SOP and unit; look-alike values
            # are cut in the middle, keeping the part that differs.
            yield FittedTable([Col(t("col.title"), weight=3, text=title_text),
                               Col(t("col.sop_unit"), weight=4, text=sop_text),
                               Col(t("col.progress"), width=5), Col(t("col.current"), weight=3, text=current_text),
                               Col(t("col.late"), width=3), Col(t("col.activity"), width=11)],
                              self._run_cells, id="runs")
            yield Label("", id="run-line", classes="row-line")
        yield KeyLine()

    def check_action(self, action: str, parameters) -> bool | None:
        """True: can run now. None: not now (shown dimmed, left out of the palette)."""
        # Until the first reading is in, the keys show as usable (they are, a few milliseconds
        # later): dimmed keys lit an instant after the first paint would flicker, and composing
        # the footer twice costs more than all the runs shown first. A key pressed that early
        # says "one moment".
        if action in ("new_run", "document"):
            return True if self.query_one("#sops", FittedTable).row_count or self.library is None else None
        if action == "summary":
            return True if self.query_one("#runs", FittedTable).row_count or not self._loaded else None
        return True

    # actions ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.reload_lists()

    def action_switch_list(self) -> None:
        """Tab: between the SOP library and the runs."""
        sops, runs = self.query_one("#sops"), self.query_one("#runs")
        (sops if self.focused is runs else runs).focus()

    def _not_yet(self, known: bool) -> bool:
        if not known:
            self.notify(t("home.wait_reading"), timeout=3, markup=False)
        return not known

    def action_due(self) -> None:
        """What is due across the runs in progress, from the rows read for the list."""
        from .due import DueScreen

        if self._not_yet(self._loaded):
            return

        def resume(run_id: str | None) -> None:
            if run_id:
                self.open_run(run_id)
        self.app.push_screen(DueScreen(list(self._run_rows.values())), resume)

    def action_open(self) -> None:
        if self.focused is self.query_one("#runs"):
            run = self.selected_run()
            if run:
                self.open_run(run)
            else:
                self._not_yet(self._loaded)  # Enter before the runs are read: "one moment"
        else:
            self.action_document()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "runs":
            if event.row_key.value is not None:
                self.open_run(event.row_key.value)
        else:
            self.action_document()

    def action_document(self) -> None:
        from .views import sop_screen
        key = self.selected_sop()
        if key is None and self._not_yet(self.library is not None):
            return
        loaded = self.loaded_sop(key)
        if loaded:
            self.app.push_screen(sop_screen(loaded.sop))

    def action_flowchart(self) -> None:
        from .flowchart import open_from_home
        if self.selected_run() is None and self._not_yet(self.library is not None):
            return
        open_from_home(self)

    def action_summary(self) -> None:
        from .views import summary_screen
        run = self.selected_run()
        if run is None and self._not_yet(self._loaded):
            return
        if run:
            self.app.push_screen(summary_screen(self.app, run))

    def action_stats(self) -> None:
        from .monitoring import StatsScreen
        if self._not_yet(self.library is not None):
            return
        self.app.push_screen(StatsScreen(self.app, self.focused_sop()))

    def action_new_run(self) -> None:
        key = self.selected_sop()
        if key is None and self._not_yet(self.library is not None):
            return
        if key:
            self.new_run(key)

    def new_run(self, sop_key: str) -> None:
        from .newrun import ask_new_run
        ask_new_run(self, sop_key)

    def open_run(self, run_key: str) -> None:
        """Read the run in a thread, then open its checklist (a damaged file is reported here,
        not on a blank screen). A second request meanwhile is answered "busy"."""
        if self._opening:
            self.notify(t("home.busy"), timeout=3, markup=False)
            return
        self._opening = True
        self.read_run(run_key)

    @work(thread=True, group="open")
    def read_run(self, run_key: str) -> None:
        from .runview import read_view
        try:
            run_id = self.app.service.resolve(run_key)
            self.post_message(self.RunRead(run_id, read_view(self.app, run_id), ""))
        except SoptuiError as exc:
            self.post_message(self.RunRead(run_key, None, str(exc)))

    class RunRead(Message):
        def __init__(self, run_id: str, view, error: str):
            super().__init__()
            self.run_id, self.view, self.error = run_id, view, error

    @on(RunRead)
    def _run_read(self, event: RunRead) -> None:
        from .checklist import ChecklistScreen
        self._opening = False
        if event.error:
            self.notify(event.error, severity="error", timeout=10, markup=False)
        else:
            self.app.push_screen(ChecklistScreen(event.run_id, event.view))
