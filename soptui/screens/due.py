"""What is due ("tugas"): the current step of every run in progress, earliest due moment first.

Read from the run index rows the home screen already holds (runrow.RunRow): no run is folded,
except a row written without the office calendar, which is measured once (in the thread that also
works out how late or how much time is left, on the office calendar). The list can be narrowed
to one person (the roster's, or the last one in that role in the run); Enter resumes the run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label

from ..errors import SoptuiError
from ..i18n import t
from ..messages import due as _messages  # noqa: F401
from ..rowtext import due_moment, sop_text, step_text, title_text, who_text
from ..runrow import RunRow, acts, due_left, due_rows, due_words, short_moment, who_acts
from ..safetext import text as literal
from ..widgets.fittedtable import Col, FittedTable, cell
from .base import Localized, bind

if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp

WIDE = 110  # columns from which the table has room for "ready since" too


class Due(NamedTuple):
    """One current step, with what the clock says about it now."""

    row: RunRow
    person: str                     # who should act ("" when nobody is known)
    left: tuple[bool, float] | None  # (late, working seconds) or None without a due moment


def run_label(row: RunRow) -> str:
    return f"{title_text(row)} · {sop_text(row)}"


class DueScreen(Localized, Screen[str | None]):
    """Dismissed with the id of the run to resume (Enter), or nothing (Esc)."""

    if TYPE_CHECKING:
        app = getters.app(SoptuiApp)

    BINDINGS = [
        bind("enter", "resume", "due_resume", priority=True),
        bind("p", "person", "due_person"),
        bind("m", "mine", "due_mine"),
        bind("escape", "back", "back"),
    ]
    HOWTO = "help.due"
    DEFAULT_CSS = """
    #due { height: 1fr; }
    #due .section { text-style: bold; padding: 0 1; background: $boost; width: 100%; }
    #due-person { margin: 0 1; }
    #due-table { height: 1fr; }
    #due .row-line { color: $text-muted; padding: 0 1; width: 100%; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, rows: list[RunRow]):
        super().__init__()
        self._rows = rows
        self._all: list[Due] = []
        self._by_id: dict[str, Due] = {}
        self.shown: list[Due] = []  # what the list shows now, in order

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="due"):
            yield Label(t("due.heading"), id="due-head", classes="section")
            yield Input(placeholder=t("due.person_placeholder"), id="due-person", compact=True)
            tz = self.app.service.tz
            cols = [Col(t("due.col.due"), width=11), Col(t("due.col.left"), width=22, shrink=True),
                    Col(t("due.col.who"), weight=3, text=lambda d: who_text(d.row, d.person)),
                    Col(t("due.col.step"), weight=3, text=lambda d: step_text(d.row)),
                    Col(t("due.col.run"), weight=4, text=lambda d: run_label(d.row))]
            if self.app.size.width >= WIDE:
                cols.append(Col(t("due.col.ready"), width=11))
            yield FittedTable(cols, lambda d: self._cells(d, tz, len(cols)), id="due-table")
            yield Label("", id="due-line1", classes="row-line")
            yield Label("", id="due-line2", classes="row-line")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = t("due.title")
        self.query_one("#due-table").focus()
        self.measure(self._rows)

    @staticmethod
    def _cells(d: Due, tz, count: int) -> list[Text]:
        late = d.left is not None and d.left[0]
        made = [cell(short_moment(due_moment(d.row), tz)),
                cell(due_words(d.left), "bold red" if late else ""), cell(who_text(d.row, d.person)),
                cell(step_text(d.row)), cell(run_label(d.row)),
                cell(short_moment(d.row["current_ready_at"], tz))]
        return made[:count]

    # reading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="due")
    def measure(self, rows: list[RunRow]) -> None:
        """Late or time left for each current step, on the office calendar (in a thread: the
        calendar may load the holidays). A row written without the calendar is measured first."""
        app = self.app
        calendar, svc, roster = app.calendar, app.service, app.config.person_for
        now = app.now()
        fresh: list[RunRow] = []
        for row in rows:
            if row["status"] == "in_progress" and row["late_done"] is None and not row["damaged"]:
                try:
                    row = svc.refresh_row(row["id"])
                except SoptuiError:
                    continue  # a damaged run: the home screen says why
            fresh.append(row)
        listed = [Due(r, who_acts(r, roster), due_left(r, now, calendar)) for r in due_rows(fresh)]
        self.post_message(self.Measured(listed))

    class Measured(Message):
        def __init__(self, listed: list[Due]):
            super().__init__()
            self.listed = listed

    @on(Measured)
    def _measured(self, event: Measured) -> None:
        self._all = event.listed
        self._by_id = {d.row["id"]: d for d in event.listed}
        self.show()

    def show(self) -> None:
        """The list, narrowed to the person typed (part of a name or a role; case and spaces ignored)."""
        wanted = self.query_one("#due-person", Input).value.strip()
        roster = self.app.config.person_for
        shown = [d for d in self._all if acts(d.row, wanted, roster)] if wanted else self._all
        self.shown = shown
        table = self.query_one("#due-table", FittedTable)
        table.set_rows([(d.row["id"], d) for d in shown], keep=table.selected_key())
        late = sum(1 for d in shown if d.left is not None and d.left[0])
        head = t("due.heading_count", count=len(shown), late=late)
        if wanted:
            head += " · " + t("due.for_person", person=wanted)
        self.query_one("#due-head", Label).update(literal(head))
        if not shown:
            self._lines(t("due.none_for") if wanted else t("due.none"), "")
        self.refresh_bindings()  # Enter resumes only a run that is listed

    def _lines(self, first: str, second: str) -> None:
        self.query_one("#due-line1", Label).update(literal(first, no_wrap=True, overflow="ellipsis"))
        self.query_one("#due-line2", Label).update(literal(second, no_wrap=True, overflow="ellipsis"))

    @on(Input.Changed, "#due-person")
    def _person_typed(self) -> None:
        self.show()

    @on(Input.Submitted, "#due-person")
    def _person_done(self) -> None:
        self.query_one("#due-table").focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        d = self._by_id.get(event.row_key.value or "") if event.row_key else None
        if d is None:
            return
        tz, row = self.app.service.tz, d.row
        self._lines(t("home.run_line", title=row["title"], sop=sop_text(row), id=row["id"], current=step_text(row)),
                    t("due.line", who=who_text(row, d.person), ready=short_moment(row["current_ready_at"], tz),
                      due=short_moment(due_moment(row), tz),
                      left=due_words(d.left)))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.dismiss(event.row_key.value)

    # actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("person", "mine") and isinstance(self.focused, Input):
            return False  # a letter typed into the filter
        if action == "resume":  # only a listed run resumes (Enter in the empty filter: back to the list)
            return bool(self.query_one("#due-table", FittedTable).row_count)
        if action == "mine":
            return True if self.app.config.operator else None
        return True

    def why_not(self, action: str) -> str | None:
        return t("due.nothing_to_resume") if action == "resume" else None

    def action_resume(self) -> None:
        if isinstance(self.focused, Input):  # Enter in the filter: back to the list
            self.query_one("#due-table").focus()
            return
        key = self.query_one("#due-table", FittedTable).selected_key()
        if key:
            self.dismiss(key)

    def action_person(self) -> None:
        self.query_one("#due-person", Input).focus()

    def action_mine(self) -> None:
        """The steps of the person at the keyboard (soptui.toml operator)."""
        self.query_one("#due-person", Input).value = self.app.config.operator
        self.query_one("#due-table").focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):  # Esc in the filter clears it, back to the list
            self.focused.value = ""
            self.query_one("#due-table").focus()
            return
        self.dismiss(None)
