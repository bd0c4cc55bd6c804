"""A DataTable whose columns share the screen's width, filled in batches.

Fixed columns keep their width; the others split what is left by weight, so that every column
stays visible at 80 columns and long text is cut with an ellipsis instead of pushing columns off
screen. Cells are rich Text, so user and SOP text is never read as markup. Rows are added a batch
at a time, one batch per refresh, and their cells are made only then: the first screenful paints
at once even with a thousand runs.

A column with `text` (the value it shows, as a string) is cut so that look-alikes stay apart
(cuts.distinct_cuts): values that would read the same when cut at the end are cut in the middle,
keeping their distinguishing tails. Only those strings are read for every row, never whole cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from ..cuts import distinct_cuts
from ..safetext import one_line

BATCH = 200
MEASURE_UP_TO = 60  # rows whose cells are measured to size the columns
REST_AFTER_FIRST = 0.05  # seconds between the first screenful and the next batch (~0.1 s of work)
# Rows among which look-alikes are cut apart: the top of the list (runs in progress, the newest),
# what is read at a glance. Further rows are cut at the end (10,000 rows would cost ~0.2 s here).
# No more than the hot index surely holds at the top (store/hot.py): the rows shown from it are
# then cut as the whole list cuts them, and stay on screen when it arrives.
DISTINCT_UP_TO = 200


@dataclass(frozen=True)
class Col:
    label: str
    width: int = 0       # fixed width (at least the label's); 0 = flexible
    weight: int = 1      # share of the space left, for flexible columns
    minimum: int = 6
    shrink: bool = False  # a fixed column no wider than its longest cell (up to `width`), when measured
    text: Callable[[Any], str] | None = None  # the row's value as shown: look-alikes are cut apart


def cell(value, style: str = "") -> Text:
    """One line of literal text: control characters shown, never sent to the terminal."""
    return Text(one_line(value), style=style, no_wrap=True, overflow="ellipsis", end="")


def fit(cols: list[Col], room: int, longest: list[int] | None = None) -> list[int]:
    """Widths for `cols` in `room` cells of content (padding already taken off).

    `longest` is the longest cell of each column when known (small tables): a column never gets
    more than its longest cell, and what it leaves goes to the columns that still want more."""
    known = longest is not None
    longest = longest or [0] * len(cols)
    widths = [max(min(c.width, n) if c.shrink and known else c.width, len(c.label)) if c.width else 0
              for c, n in zip(cols, longest)]
    want = {i: max(longest[i], len(c.label), c.minimum) if known else room
            for i, c in enumerate(cols) if not c.width}
    left = room - sum(widths)
    open_ = list(want)
    while open_ and left > 0:
        weight = sum(cols[i].weight for i in open_)
        share = {i: max(1, left * cols[i].weight // weight) for i in open_}
        full = [i for i in open_ if widths[i] + share[i] >= want[i]]
        if not full:  # nobody is satisfied: split what is left and stop
            for i in open_:
                widths[i] += share[i]
            break
        for i in full:
            left -= want[i] - widths[i]
            widths[i] = want[i]
            open_.remove(i)
    floor = {i: max(cols[i].minimum, min(len(cols[i].label), 6)) for i in want}
    for i in want:  # never narrower than a readable minimum, even when the room is short
        widths[i] = max(widths[i], floor[i])
    over = sum(widths) - room
    while over > 0:  # a minimum raised above its share: the widest that can give, gives
        give = [i for i in want if widths[i] > floor[i]]
        if not give:
            break
        widest = max(give, key=lambda i: widths[i] - floor[i])
        widths[widest] -= 1
        over -= 1
    spare = room - sum(widths)
    if open_ and spare > 0:  # rounding leftovers go to the widest column that still wants more
        widths[max(open_, key=lambda i: widths[i])] += spare
    return widths


class FittedTable(DataTable):
    DEFAULT_CSS = "FittedTable { scrollbar-size-vertical: 1; }"

    def __init__(self, cols: list[Col], cells: Callable[[Any], list[Text]], **kwargs):
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.cols = cols
        self.cells = cells  # row data -> one Text per column
        self._rows: list[tuple[str, Any]] = []
        self._widths: list[int] = []
        self._generation = 0
        self._keep: str | None = None
        self._cuts: dict[int, dict[str, str]] = {}  # column -> value -> how it is shown when cut

    # columns -------------------------------------------------------------------------------

    def _room(self) -> int:
        width = self.size.width or self.app.size.width
        padding = 2 * self.cell_padding * len(self.cols)
        return max(len(self.cols) * 4, width - padding - self.styles.scrollbar_size_vertical)

    def _fit(self) -> list[int]:
        if len(self._rows) > MEASURE_UP_TO:  # a long list: weights only, no cell is made twice
            return fit(self.cols, self._room())
        longest = [0] * len(self.cols)
        for _, data in self._rows:
            longest = [max(n, c.cell_len) for n, c in zip(longest, self.cells(data))]
        return fit(self.cols, self._room(), longest)

    def _ensure_columns(self) -> bool:
        """(Re)build the columns for the current width; True when they changed."""
        widths = self._fit()
        top = self._rows[:DISTINCT_UP_TO]
        self._cuts = {i: distinct_cuts({one_line(col.text(data)) for _, data in top}, width)
                      for i, (col, width) in enumerate(zip(self.cols, widths)) if col.text is not None}
        if widths == self._widths and self.columns:
            return False
        self._widths = widths
        self.clear(columns=True)
        for col, width in zip(self.cols, widths):
            self.add_column(Text(col.label), width=width)
        return True

    def on_resize(self) -> None:
        if self._rows and self._fit() != self._widths:
            self.set_rows(self._rows, keep=self.selected_key())

    def _update_dimensions(self, new_rows) -> None:
        """DataTable measures every cell of the rows it adds, for columns sized to their content
        (~0.1 s per 200 rows). Here every column has its width and every row one line without a
        label: only the table's virtual size changes."""
        rows = self.rows
        if any(c.auto_width for c in self.columns.values()) or any(
                (row := rows.get(key)) is not None and (row.label is not None or row.auto_height) for key in new_rows):
            super()._update_dimensions(new_rows)
            return
        width = sum(c.get_render_width(self) for c in self.columns.values()) + self._row_label_column_width
        self.virtual_size = Size(width, self._total_row_height + (self.header_height if self.show_header else 0))

    # rows ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[tuple[str, Any]], keep: str | None = None) -> None:
        """Show `rows` (key, data); the cursor returns to row `keep` once it is there."""
        self._generation += 1
        shown, before, cuts = self.row_count, self._rows, self._cuts
        self._rows = rows
        self._keep = keep
        if not self._ensure_columns():
            if shown and before[:shown] == rows[:shown] and self._same_cuts(cuts, shown):
                # The rows on screen begin the new list (the hot rows, then the whole index):
                # they stay, and the rest is added after them.
                self._keep_cursor(keep, shown)
                self._add_batch(shown, BATCH, self._generation)
                return
            self.clear()
        self._add_batch(0, self._screenful(), self._generation)

    def _screenful(self) -> int:
        """The rows the table shows at once (the first batch: what paints with it); the header
        row counts too, so there is one to spare. Before the table is laid out, the terminal's."""
        return max(1, self.size.height or self.app.size.height)

    def _same_cuts(self, before: dict[int, dict[str, str]], shown: int) -> bool:
        """Are the first `shown` rows cut as they were with the cuts `before`?"""
        if before.keys() != self._cuts.keys():
            return False
        for i, cuts in self._cuts.items():
            text = self.cols[i].text
            assert text is not None  # only columns with `text` have cuts
            for _, data in self._rows[:shown]:
                value = one_line(text(data))
                if cuts.get(value) != before[i].get(value):
                    return False
        return True

    def _keep_cursor(self, keep: str | None, shown: int) -> None:
        for i, (key, _) in enumerate(self._rows[:shown]):
            if key == keep:
                if i != self.cursor_row:
                    self.move_cursor(row=i)
                return

    def _add_batch(self, start: int, size: int, generation: int) -> None:
        if generation != self._generation:
            return  # a newer set_rows took over
        for key, data in self._rows[start:start + size]:
            self.add_row(*self.row_cells(data), key=key)
            if key == self._keep:
                self.move_cursor(row=self.row_count - 1)
        if start + size < len(self._rows):
            if start == 0:  # the first screenful paints and answers keys before the bulk is added
                self.call_after_refresh(self.set_timer, REST_AFTER_FIRST,
                                        lambda: self._add_batch(start + size, BATCH, generation))
            else:
                self.call_after_refresh(self._add_batch, start + size, BATCH, generation)

    def row_cells(self, data) -> list[Text]:
        """The row's cells, look-alike values cut apart."""
        made = self.cells(data)
        for i, cuts in self._cuts.items():
            shown = cuts.get(made[i].plain)
            if shown is not None:
                made[i] = Text(shown, style=made[i].style, no_wrap=True, overflow="ellipsis", end="")
        return made

    def selected_key(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # the cursor is past a row that just went away
            return None
