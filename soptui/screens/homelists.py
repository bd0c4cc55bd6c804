"""Home's two lists, the SOP library and the runs: how they are read and kept listed
(screens/home.py holds the screen itself: its layout, keys and actions).

Start-up stays close to a bare Textual app. The screen is laid out with the library's table
already as tall as its SOP files (a listing of the folder), so nothing below it moves when it
fills in; then, while the screen waits for its first frame, one thread reads the hot index
(store/hot.py: every run in progress and the newest runs, a fraction of the index) and the SOP
files (parsed TOML cached, tomlcache.py), and what it read is listed right after the first paint
(screens/firstread.py), or as it comes when that takes longer. The first screenful and the due
view's data come from it; the whole index (checked against the run files) is read in a thread
once that screenful is on screen, and extends the list a batch per refresh (a thousand runs fill
in without holding the screen). No run is folded for the list: every column comes from the index
rows. When rows must be rebuilt from the run files (a deleted index: seconds for thousands of
runs), the heading of the list counts them while the screen keeps answering.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Label
from textual.widgets.data_table import CellDoesNotExist
from textual.worker import get_current_worker

from ..errors import SoptuiError
from ..i18n import t
from ..rowtext import sop_text
from ..safetext import text as literal
from ..widgets.fittedtable import FittedTable
from .base import Localized
from .firstread import PARTS, FirstRead
from .homerows import current_text, run_cells

LATE_PAUSE = 0.005  # seconds between two runs measured in the background
PROGRESS_EVERY = 0.1  # seconds between two counts of a rebuild of the index
SAY_LOADING_AFTER = 0.3  # seconds: a reading of the index that takes longer says so
SOPS_SHARE = 0.4  # of the screen's height, at most, for the library (soptui.tcss #sops max-height)
FIRST_WAIT = 0.06  # seconds the screen waits for the library and the hot rows (screens/firstread.py):
# it has nothing else to do, and the reading has the interpreter to itself meanwhile; each part
# that comes later costs a layout pass of its own (10-20 ms)
HOT_SETTLE = 0.1  # seconds after the hot rows are drawn: the whole index is read then
POLL_SECONDS = 2.0  # how often home looks whether the index changed (records made elsewhere)

if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp
    from ..runrow import RunRow  # a type only: runrow (and what it imports) loads with the index


class _Stopped(Exception):
    """A reading of the index that a newer one replaced (or the app is closing)."""


class HomeLists(Localized, Screen):
    """The lists' state and their reading; the tables #sops and #runs, the lines #sop-line and
    #run-line under them and the heading #runs-head are composed by the screen."""

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)

    def __init__(self):
        super().__init__()
        self._run_rows: dict[str, RunRow] = {}  # run id -> index row, as shown
        self._now: datetime | None = None    # the moment the rows were read (lateness of open steps)
        self._loaded = False  # rows of the runs are in (every run in progress, at least)
        self._lines: dict[str, tuple[str, str]] = {}  # table id -> the line under it, as shown
        self._reading = 0      # the latest reading of the index; older ones are dropped
        self._busy_heading = False  # the list's heading says it is loading or rebuilding
        self._listed = 0            # the reading whose rows are listed
        self._first: FirstRead | None = None  # the reading of start-up, once started
        self._first_shown: set[str] = set()  # its parts shown (firstread.PARTS)
        self._reloaded = False  # the files were read again (F5): the start-up reading is outdated
        self.library: Any = None  # the library as listed (never read again on this thread)
        self._index_seen = 0  # the index as last read (index_stamp)

    def _hold_library_height(self) -> None:
        """The library's table takes the height of its SOP files before they are read (a
        listing of the folder), so the list of runs below it neither moves nor is laid out
        again when the library fills in."""
        try:
            files = sum(1 for e in os.scandir(self.app.config.sops_dir) if e.name.endswith(".toml"))
        except OSError:
            return  # the reading names the problem
        room = max(1, int(self.app.size.height * SOPS_SHARE) - 1)  # the table's max-height (soptui.tcss)
        self.query_one("#sops").styles.min_height = min(files, room) + 1  # and its header

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll_index)
        self._hold_library_height()
        # Focused on the runs from the start (a move of the focus restyles both tables): the first
        # listing leaves it there when a run is in progress, else moves it to the library.
        self.query_one("#runs").focus()

    def on_idle(self) -> None:
        # The reading starts once the screen is laid out, while it waits for its first frame;
        # what it read is shown right after the first paint.
        if self._first is None and self.query_one("#runs").region.width:
            self._reading += 1
            reading = self._reading
            self._first = first = FirstRead(
                self.app, lambda done, part: self.post_message(self.FirstReadDone(reading, done, part)), self.lang)
            self.call_after_refresh(self.load, reading, first)

    def load(self, reading: int, first: FirstRead) -> None:
        """After the first paint: the hot rows and the library (screens/firstread.py), shown when
        they come within FIRST_WAIT, else each when it comes."""
        self.set_timer(SAY_LOADING_AFTER, lambda: self._still_reading(reading))
        for part in first.wait(FIRST_WAIT):
            self._show_first(reading, first, part)

    def reload_lists(self) -> None:
        """Read the SOP files and the runs again (F5)."""
        self._reloaded = True
        self.app.reload_library()
        self.fill_sops()
        self.fill_runs()

    def on_screen_resume(self) -> None:
        if self._loaded:  # back from a run: its row has changed
            self.fill_runs()

    def poll_index(self) -> None:
        """The list follows what another clerk or the command line records (the open checklist
        does the same for its run): read again once the index changed and nothing is on its way.
        While lateness is being measured (fill_late), its own row writes are not news."""
        if not self.is_current or not self._loaded or self._listed != self._reading or any(
                w.group == "late" and not w.is_finished for w in self.app.workers if w.node is self):
            return
        stamp = self.app.service.store.index_stamp()
        if stamp != self._index_seen:
            self._index_seen = stamp
            self.fill_runs()

    # tables -----------------------------------------------------------------------------

    class FirstReadDone(Message):
        def __init__(self, reading: int, first: FirstRead, part: str):
            super().__init__()
            self.reading, self.first, self.part = reading, first, part

    @on(FirstReadDone)
    def _first_read_late(self, event: FirstReadDone) -> None:
        self._show_first(event.reading, event.first, event.part)

    def _show_first(self, reading: int, first: FirstRead, part: str) -> None:
        self._first_shown.add(part)
        if self._first_shown.issuperset(PARTS):  # start-up is over once this is drawn
            self.call_after_refresh(self.app.collect_garbage)
        if part in first.errors:
            raise first.errors[part]  # a bug, not bad input (which the library and the store report)
        if part == "library":
            if not self._reloaded:  # else a newer reading of the files is listed (F5)
                self._sops_read(self.SopsRead(first.library))
            return
        if reading != self._reading:
            return  # a newer reading of the runs is on its way
        hot = cast("list[RunRow]", first.hot)
        if not hot:  # no run in progress, nor any other (or a damaged index: the reading says)
            if self.focused is self.query_one("#runs"):
                self.query_one("#sops").focus()
            self.read_runs(reading, first.stale)
            return
        self._runs_read(self.RunsRead(reading, hot, [], partial=True))
        # The whole index (checked against the run files) is read once this screenful is drawn:
        # parsing it would otherwise hold the interpreter while the screen is being drawn.
        self.call_after_refresh(self._read_whole, reading, first.stale)

    def _read_whole(self, reading: int, stale: list[int]) -> None:
        if reading == self._reading:
            self.read_runs(reading, stale, settle=HOT_SETTLE)

    @work(thread=True, exclusive=True, group="sops")
    def fill_sops(self) -> None:
        """Read the SOP files again in a thread (an office's imported library may hold hundreds)."""
        self.post_message(self.SopsRead(self.app.library))

    class SopsRead(Message):
        def __init__(self, lib):
            super().__init__()
            self.lib = lib

    @on(SopsRead)
    def _sops_read(self, event: SopsRead) -> None:
        lib = event.lib
        self.library = lib
        table = self.query_one("#sops", FittedTable)
        table.set_rows([(sop.id, sop) for sop in lib.sops], keep=table.selected_key())
        if table.styles.min_height is not None:
            table.styles.min_height = None  # its rows hold it now (fewer, if some file failed)
        self._show_line("sops", table.selected_key())
        self.refresh_bindings()
        for path, problems in lib.failed.items():
            first = str(problems[0]) if problems else ""
            self.notify(t("home.sop_failed", path=path, first=first), severity="warning", timeout=15,
                        markup=False)

    def fill_runs(self) -> None:
        """Read the run index in a thread; the rows come back as a message."""
        self._reading += 1
        reading = self._reading
        self.set_timer(SAY_LOADING_AFTER, lambda: self._still_reading(reading))
        self.read_runs(reading)

    def _still_reading(self, reading: int) -> None:
        if reading == self._reading and reading != self._listed and not self._busy_heading:
            self._runs_heading(t("home.loading"))

    @work(thread=True, exclusive=True, group="runs")
    def read_runs(self, reading: int, stale: list[int] | None = None, settle: float = 0) -> None:
        """The whole index, after `settle` seconds (the screen finishes drawing first); then the
        hot files found stale at start-up are written again."""
        worker = get_current_worker()
        time.sleep(settle)
        if worker.is_cancelled:
            return  # a newer reading, or the app is closing
        counted = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Stopped  # the rows rebuilt so far are written; the newer reading goes on
            if done == 0:  # rows are rebuilt: with the office calendar they carry lateness too
                self.app.calendar  # noqa: B018 - attaches it to the service
            now = time.monotonic()
            if now - counted[0] >= PROGRESS_EVERY:
                counted[0] = now
                self.post_message(self.IndexProgress(reading, done, total))
        svc = self.app.service
        stamp = svc.store.index_stamp()  # before: a record made during the reading is news after it
        try:
            rows, problems = svc.index(progress=progress)
        except _Stopped:
            return
        from ..runrow import in_progress_first
        rows = in_progress_first(rows)
        # The index as this reading left it (it may have rebuilt rows): a later change is news.
        self.post_message(self.RunsRead(reading, rows, problems, stamp=stamp))
        if stale:
            svc.store.rebuild_hot(stale)  # after the list: the next start-up reads them

    class RunsRead(Message):
        """Rows read: the whole index, or (`partial`) the hot rows that show first."""
        def __init__(self, reading: int, rows: list[RunRow], problems: list[str], partial: bool = False,
                     stamp: int = 0):
            super().__init__()
            self.reading, self.rows, self.problems, self.partial = reading, rows, problems, partial
            self.stamp = stamp  # Store.index_stamp before the reading (the whole index only)

    class IndexProgress(Message):
        def __init__(self, reading: int, done: int, total: int):
            super().__init__()
            self.reading, self.done, self.total = reading, done, total

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        if event.reading == self._reading:
            self._runs_heading(t("home.rebuilding", done=event.done, total=event.total))

    def _runs_heading(self, busy: str = "") -> None:
        """The list's heading, with what is going on (a quick reading changes nothing: no flicker)."""
        if busy or self._busy_heading:
            self._busy_heading = bool(busy)
            self.query_one("#runs-head", Label).update(literal(t("home.runs") + (" · " + busy if busy else "")))

    @on(RunsRead)
    def _runs_read(self, event: RunsRead) -> None:
        if event.reading != self._reading:
            return  # a newer reading is on its way
        if not event.partial:  # until the whole index is in, a slow reading still says so
            self._runs_heading()
            self._listed = event.reading
            self._index_seen = event.stamp
        first = not self._loaded  # the first listing focuses the latest run in progress
        self._loaded = True  # the due view has what it needs: every run in progress
        for p in event.problems:  # a damaged run file or index shard: named, the rest stays usable
            self.notify(p, severity="warning", timeout=12, markup=False)
        rows = event.rows
        self._run_rows = {r["id"]: r for r in rows}
        self._now = self.app.now()
        table = self.query_one("#runs", FittedTable)
        keep = table.selected_key()
        if first and rows and rows[0]["status"] == "in_progress":
            # Resume is one key: the latest run in progress is selected, and Enter opens it.
            keep = rows[0]["id"]
            table.focus()
        elif first and self.focused is table:  # nothing to resume: the library, to start one
            self.query_one("#sops").focus()
        table.set_rows([(r["id"], r) for r in rows], keep=keep)
        self._show_line("runs", table.selected_key())
        if event.partial:
            self.refresh_bindings()
            return
        unmeasured = [r["id"] for r in rows if r["late_done"] is None and r["status"] != "damaged"]
        if unmeasured:
            self.fill_late(unmeasured)
        self.refresh_bindings()

    def _run_cells(self, row: RunRow) -> list:
        return run_cells(row, self._now or self.app.now(), self.app.tz)

    @work(thread=True, exclusive=True, group="late")
    def fill_late(self, run_ids: list[str]) -> None:
        """Lateness for index rows written without a calendar (older records, other tools).

        Each run is folded once, in a thread, in list order (runs in progress first), and its row
        is written back to the index, so the next start-up reads it. A short pause after each run
        leaves the screen responsive while a large backlog is worked through."""
        svc = self.app.service
        self.app.calendar  # noqa: B018 - attaches the calendar, so the rows carry lateness from now on
        worker = get_current_worker()
        for run_id in run_ids:
            if worker.is_cancelled:  # the list was refilled, or the app is closing
                return
            try:
                row = svc.refresh_row(run_id)
            except SoptuiError:
                continue  # a damaged run was already reported by index()
            self.post_message(self.LateMeasured(run_id, row))  # thread-safe, and never waits
            time.sleep(LATE_PAUSE)

    class LateMeasured(Message):
        def __init__(self, run_id: str, row: RunRow):
            super().__init__()
            self.run_id, self.row = run_id, row

    @on(LateMeasured)
    def _show_late(self, event: LateMeasured) -> None:
        run_id, fresh = event.run_id, event.row
        row = self._run_rows.get(run_id)
        if row is None:
            return
        self._run_rows[run_id] = row = fresh  # measured: the due view reads it as it is now
        table = self.query_one("#runs", FittedTable)
        try:
            table.update_cell(run_id, table.ordered_columns[4].key, self._run_cells(row)[4])
        except CellDoesNotExist:  # the list was refilled meanwhile; the new rows have their own
            pass

    def loaded_sop(self, key: str | None):
        """The SOP `key` (an id) of the library as listed; None before it is, or for no key."""
        return self.library.find(key) if key and self.library is not None else None

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        self._show_line(event.data_table.id or "", key)

    def _show_line(self, table_id: str, key: str | None) -> None:
        """The highlighted row in full under its table: at 80 columns the cells are cut short.
        Also called as rows are set, so the line is drawn with them (not one refresh later)."""
        style = ""
        if table_id == "sops":
            loaded = self.loaded_sop(key)
            text = "" if loaded is None else t("home.sop_line", nama=loaded.sop.identity.nama,
                                                unit=loaded.sop.identity.unit, id=loaded.sop.id)
        else:
            run = self._run_rows.get(key) if key else None
            text = "" if run is None else t("home.run_line", title=run["title"], sop=sop_text(run),
                                            id=run["id"], current=current_text(run))
            if run is not None and run["problem"]:  # a damaged run: why, in full
                text, style = run["problem"], "red"
        if self._lines.get(table_id) != (text, style):  # an update lays the screen out again
            self._lines[table_id] = (text, style)
            line = self.query_one("#sop-line" if table_id == "sops" else "#run-line", Label)
            line.update(literal(text, style=style, no_wrap=True, overflow="ellipsis"))

    def selected_sop(self) -> str | None:
        return self.query_one("#sops", FittedTable).selected_key()

    def selected_run(self) -> str | None:
        return self.query_one("#runs", FittedTable).selected_key()

    def focused_sop(self) -> str | None:
        """The SOP the keys act on: the highlighted run's when the runs have the focus (as `f`
        draws that run), else the one selected in the library."""
        run = self.selected_run() if self.focused is self.query_one("#runs") else None
        row = self._run_rows.get(run) if run else None
        return row["sop_id"] if row else self.selected_sop()

