"""The flowchart drawn by flowchart/text.py, scrollable, with a cursor on one step.

Up/Down (and a click on a row) move the cursor from step to step; the view scrolls to keep it in
sight and posts StepHighlighted (the screen shows that step's details). Left/Right scroll across
when the lanes do not fit. The chart is redrawn at the widget's width when it changes.
"""

from __future__ import annotations

import textwrap

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from ..flowchart.layout import HEADER_ROWS, PITCH
from ..flowchart.text import legend, render, selection, to_rich
from .stepdetail import sop_rows


class Drawn:
    """The chart drawn once at a width (the slow part), split into the lane names and the rows
    with the legend; the cursor is laid over a copy of the rows (a cursor move redraws nothing)."""

    def __init__(self, sop, width: int, overlay):
        self.out = out = render(sop, width, overlay)
        self.width = width
        lines = out.lines + [""] + textwrap.wrap(legend(overlay), max(20, out.width))
        self.head = to_rich(lines[:HEADER_ROWS], [s for s in out.spans if s.line < HEADER_ROWS]).split(
            "\n", allow_blank=True)
        self.lines = lines[HEADER_ROWS:]
        self.spans = [s._replace(line=s.line - HEADER_ROWS) for s in out.spans if s.line >= HEADER_ROWS]
        self.legend_at = len(out.lines) - HEADER_ROWS

    def body(self, selected: int | None) -> Text:
        cursor = selection(self.out.layout, selected) if selected in self.out.rows else []
        spans = self.spans + [s._replace(line=s.line - HEADER_ROWS) for s in cursor]
        return to_rich(self.lines, spans, dim_from=self.legend_at)


def sop_step_detail(sop, no: int) -> Table:
    """What the SOP says of one step: the activity in full and its Mutu Baku."""
    return sop_rows(sop, no, title=f"{no}. ")


class _Body(Static):
    """The chart's rows; a click picks the step of the row clicked."""

    def _view(self) -> FlowchartView:
        return next(a for a in self.ancestors if isinstance(a, FlowchartView))

    def on_click(self, event: events.Click) -> None:
        self._view().pick_line(event.y + HEADER_ROWS)

    def on_resize(self) -> None:
        self._view().follow()  # the first drawing is laid out only now: scroll to the cursor then


class FlowchartView(Vertical, can_focus=True):
    """The lane names stay on top (scrolled across with the chart); the rows scroll under them."""

    BINDINGS = [
        Binding("up,k", "move(-1)", show=False), Binding("down,j", "move(1)", show=False),
        Binding("pageup", "move(-5)", show=False), Binding("pagedown", "move(5)", show=False),
        Binding("home", "first", show=False), Binding("end", "last", show=False),
        Binding("left", "across(-8)", show=False), Binding("right", "across(8)", show=False),
    ]

    class StepHighlighted(Message):
        def __init__(self, no: int):
            super().__init__()
            self.no = no

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sop = None
        self.overlay = None
        self.selected: int | None = None
        self._head: list[Text] = []
        self._drawn_at = -1
        self._drawn: Drawn | None = None

    def compose(self):
        yield Static(id="chart-head")
        with ScrollableContainer(id="chart-scroll", can_focus=False):
            yield _Body(id="chart-body")

    def on_mount(self) -> None:
        self.watch(self.query_one("#chart-scroll"), "scroll_x", self._head_across, init=False)

    def show(self, sop, overlay=None, selected: int | None = None) -> None:
        first = self.sop is None
        self.sop, self.overlay = sop, overlay
        if selected is not None or self.selected is None or not sop.has_step(self.selected):
            self.selected = selected or (overlay.current if overlay and overlay.current else sop.steps[0].no)
        self.redraw()
        if first:
            self.post_message(self.StepHighlighted(self.selected))

    def redraw(self) -> None:
        if self.sop is None:
            return
        scroll = self.query_one("#chart-scroll", ScrollableContainer)
        # Room left of a vertical scrollbar: the chart is taller than the view on most screens.
        width = max(20, (scroll.size.width or self.size.width) - scroll.styles.scrollbar_size_vertical)
        self._drawn_at = width
        self._drawn = Drawn(self.sop, width, self.overlay)
        self._head = list(self._drawn.head)
        self._head_across(scroll.scroll_x)
        self.paint()

    def paint(self) -> None:
        """The rows with the cursor on the selected step, kept in sight."""
        if self._drawn is not None:
            self.query_one("#chart-body", Static).update(self._drawn.body(self.selected))
            self.call_after_refresh(self.follow)

    def _head_across(self, x: float) -> None:
        """The lane names as far across as the rows below them."""
        at = int(x)
        head = Text("\n", no_wrap=True, overflow="crop").join(line[at:] for line in self._head)
        self.query_one("#chart-head", Static).update(head)

    def on_resize(self, event: events.Resize) -> None:
        scroll = self.query_one("#chart-scroll", ScrollableContainer)
        if self.sop is not None and scroll.size.width - scroll.styles.scrollbar_size_vertical != self._drawn_at:
            self.redraw()

    def follow(self) -> None:
        """Scroll the selected step's row (and the connector under it) to the middle, with its
        neighbours in sight."""
        row = self.rows.get(self.selected) if self.selected is not None else None
        if row is not None:
            scroll = self.query_one("#chart-scroll", ScrollableContainer)
            scroll.scroll_to_region(Region(int(scroll.scroll_x), row - HEADER_ROWS, 1, PITCH),
                                    animate=False, force=True, center=True)

    def select(self, no: int) -> None:
        if self.sop is None or no == self.selected:
            return
        self.selected = no
        self.paint()
        self.post_message(self.StepHighlighted(no))

    @property
    def rows(self) -> dict[int, int]:
        """Step -> the line of its row, as drawn."""
        return self._drawn.out.layout.rows if self._drawn is not None else {}

    def pick_line(self, line: int) -> None:
        no = self._drawn.out.layout.step_at(line) if self._drawn is not None else None
        if no is not None:
            self.select(no)

    def action_move(self, by: int) -> None:
        if self.sop is None:
            return
        numbers = [s.no for s in self.sop.steps]
        i = numbers.index(self.selected) if self.selected in numbers else 0
        self.select(numbers[max(0, min(len(numbers) - 1, i + by))])

    def action_first(self) -> None:
        if self.sop is not None:
            self.select(self.sop.steps[0].no)

    def action_last(self) -> None:
        if self.sop is not None:
            self.select(self.sop.steps[-1].no)

    def action_across(self, by: int) -> None:
        scroll = self.query_one("#chart-scroll", ScrollableContainer)
        scroll.scroll_to(x=scroll.scroll_x + by, animate=False)
