"""Long lists on the command line: one line per row, the columns measured once.

rich's Table measures and lays out every cell of every row: with 2,000 runs that was 1.3 s of
`soptui runs`, ten times the reading of the index. A list needs less: the width of each column,
measured once over all rows and fitted to the terminal, then each row written as one line, with
text too long for its column cut with an ellipsis (the full text is in `--json` and `status`).
One line per row also keeps the list easy to filter (grep, findstr).

Cells are shown literally: control characters made visible (`safetext.one_line`), nothing read as
markup (the lines go to the console as plain segments, with one style for a whole line).
"""

from __future__ import annotations

from typing import NamedTuple

from ..cuts import cells, cut_end, distinct_cuts
from ..safetext import one_line

MARGIN = 1  # cells before the first column
GAP = 2     # cells between two columns
MIN_SHARED = 4  # a sharing column cut this narrow still shows three cells and the ellipsis


class Column(NamedTuple):
    header: str
    weight: int = 0    # 0: as wide as its widest cell; above 0: shares the room left, by weight
    minimum: int = 8   # a sharing column is cut no narrower than this (while anything else can give)
    distinct: bool = False  # values that would look alike when cut are cut apart (cuts.distinct_cuts)


def fit(columns: list[Column], widest: list[int], width: int) -> list[int]:
    """Column widths for lines of `width` cells; `widest`: the widest cell of each column.

    A fixed column is as wide as its widest cell or its header; the sharing columns split what
    is left by weight, none wider than it needs. When their minimums do not fit, the fixed
    columns whose header is wider than their cells give up the difference (the header is cut),
    then the sharing columns go below their minimums: the widths never add up to more than the
    line, so no column is cut off at the line's end (a time cut to "02/12 1…" on every row)."""
    heads = [cells(c.header) for c in columns]
    need = [max(h, w) for h, w in zip(heads, widest)]
    widths = [0 if c.weight else n for c, n in zip(columns, need)]
    sharing = [i for i, c in enumerate(columns) if c.weight]
    room = width - MARGIN - GAP * (len(columns) - 1)
    short = sum(widths) + sum(min(columns[i].minimum, need[i]) for i in sharing) - room
    for i, c in enumerate(columns):
        if short > 0 and not c.weight:
            give = min(short, need[i] - max(widest[i], 1))
            widths[i] -= give
            short -= give
    left = room - sum(widths)
    for i in sharing:
        widths[i] = min(columns[i].minimum, need[i])
    left -= sum(widths[i] for i in sharing)
    # Short of room: the widest sharing column gives a cell at a time, down to a few cells.
    while left < 0 and sharing:
        widest_shared = max(sharing, key=lambda i: widths[i])
        if widths[widest_shared] <= MIN_SHARED:
            break
        widths[widest_shared] -= 1
        left += 1
    # Room to spare: a cell at a time to the sharing column with the fewest cells for its weight.
    while left > 0:
        open_ = [i for i in sharing if widths[i] < need[i]]
        if not open_:
            break
        i = min(open_, key=lambda i: widths[i] / columns[i].weight)
        widths[i] += 1
        left -= 1
    return widths


def cut(text: str, width: int, pad: bool = True) -> str:
    """`text` in `width` cells: cut with an ellipsis when longer, padded with spaces when shorter."""
    shown = cut_end(text, width)
    return shown + " " * (width - cells(shown)) if pad else shown


def table_lines(columns: list[Column], rows: list[list[str]], width: int, rule: str = "─") -> list[str]:
    """The header, a rule and one line per row, each at most `width` cells (trailing spaces off)."""
    rows = [[one_line(c) for c in row] for row in rows]
    widest = [max((cells(row[i]) for row in rows), default=0) for i in range(len(columns))]
    widths = fit(columns, widest, width)
    last = len(columns) - 1
    for i, c in enumerate(columns):
        if c.distinct:
            apart = distinct_cuts((row[i] for row in rows), widths[i])
            if apart:
                for row in rows:
                    row[i] = apart.get(row[i], row[i])

    def line(cells: list[str]) -> str:
        text = " " * MARGIN + (" " * GAP).join(cut(c, w, pad=i < last) for i, (c, w) in enumerate(zip(cells, widths)))
        return cut(text.rstrip(), width, pad=False)

    total = min(width, MARGIN + sum(widths) + GAP * last)
    return [line([one_line(c.header) for c in columns]), rule * total] + [line(row) for row in rows]


def plain_stdout() -> bool:
    """Is standard output a pipe or a file that rich would write without colours? Then the
    lines are written as they are, and rich is not even loaded (scripts, grep)."""
    import os
    import sys

    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return isatty is None or not isatty()


def stdout_width() -> int:
    """The width rich would give a console on standard output: COLUMNS, else the size of the
    first standard stream that is a terminal, else 80."""
    import os

    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) else width or 80


def write_plain(file, columns: list[Column], rows: list[list[str]], width: int) -> None:
    lines = table_lines(columns, rows, width, rule=rule_char(file))
    file.write("\n".join(lines) + "\n")


def rule_char(file) -> str:
    """The rule under the header: a line where the output is Unicode, dashes where it is not."""
    encoding = (getattr(file, "encoding", None) or "").lower().replace("-", "")
    return "─" if encoding.startswith("utf") else "-"


def print_table(console, columns: list[Column], rows: list[list[str]], styles: list[str | None] | None = None,
                header_style: str = "bold") -> None:
    """Print the table on a rich console at its width: one segment per line, `styles[i]` for row i."""
    from rich.segment import Segment, Segments
    from rich.style import Style

    lines = table_lines(columns, rows, console.width, rule=rule_char(console.file))
    parsed: dict[str | None, Style | None] = {None: None, "": None}
    line_styles = [header_style, None, *(styles or [None] * len(rows))]
    segments: list[Segment] = []
    newline = Segment.line()
    for text, style in zip(lines, line_styles):
        if style not in parsed:
            parsed[style] = Style.parse(style)
        segments += (Segment(text, parsed[style]), newline)
    console.print(Segments(segments), crop=False)
