"""The flowchart as lines of text drawn with box-drawing characters, plus style spans.

Shared by the TUI (which turns the spans into a rich Text) and `soptui show SOP --flowchart`.
The styles are rich style strings, but nothing here imports rich: the lines are plain strings and
every SOP text in them is made visible (safetext), never markup.
"""

from __future__ import annotations

from typing import NamedTuple

from ..i18n import t
from ..marks import LATE, MARKS
from ..messages import flowchart as _messages  # noqa: F401
from ..model import Sop
from ..cuts import cut_end, distinct_word_cuts, wrap_lines
from ..safetext import one_line
from .layout import HEADER_ROWS, Edge, Layout, layout
from .overlay import Overlay

SHAPES = {"terminator": ("(", ")"), "process": ("[", "]"), "decision": ("<", ">")}
HEADS = {"down": "▼", "left": "◄", "right": "►"}
# Box-drawing character by the directions a cell's lines leave it.
LINES = {frozenset("lr"): "─", frozenset("ud"): "│", frozenset("dr"): "┌", frozenset("dl"): "┐",
         frozenset("ur"): "└", frozenset("ul"): "┘", frozenset("udr"): "├", frozenset("udl"): "┤",
         frozenset("lrd"): "┬", frozenset("lru"): "┴", frozenset("udlr"): "┼", frozenset("l"): "─",
         frozenset("r"): "─", frozenset("u"): "│", frozenset("d"): "│"}
LANE_BORDER = "┆"

STYLE = {"head": "bold", "rule": "dim", "border": "dim", "edge": "", "taken": "bold cyan",
         "idle": "dim", "symbol": "bold cyan", "label": "italic", "selected": "reverse",
         "count": "magenta"}


class Span(NamedTuple):
    line: int
    start: int
    end: int
    style: str


class Rendered(NamedTuple):
    lines: list[str]
    spans: list[Span]
    rows: dict[int, int]    # step -> line of its row
    width: int
    layout: Layout


class _Canvas:
    """Characters and their style, cell by cell: what is drawn later replaces both. Styles laid
    over a drawing (the cursor, a late mark) come after, as spans of their own."""

    def __init__(self, width: int, height: int):
        self.chars = [[" "] * width for _ in range(height)]
        self.styles: list[list[str]] = [[""] * width for _ in range(height)]
        self.over: list[Span] = []
        self.width = width

    def put(self, x: int, y: int, text: str, style: str = "") -> None:
        text = text[: max(0, self.width - x)]
        for i, ch in enumerate(text):
            self.chars[y][x + i] = ch
            self.styles[y][x + i] = style

    def style(self, x: int, y: int, length: int, style: str) -> None:
        if style and length > 0:
            self.over.append(Span(y, x, x + length, style))

    def spans(self) -> list[Span]:
        out = []
        for y, row in enumerate(self.styles):
            x = 0
            while x < len(row):
                end = x + 1
                while end < len(row) and row[end] == row[x]:
                    end += 1
                if row[x]:
                    out.append(Span(y, x, end, row[x]))
                x = end
        return out + self.over


def fit(text: str, width: int) -> str:
    """One line of `text` cut to `width` with an ellipsis."""
    return cut_end(one_line(text), width)



def label_text(edge: Edge, overlay: Overlay | None) -> str:
    text = t(f"flow.{edge.branch}")
    count = overlay.times_taken(edge.source, edge.branch) if overlay else 0
    if edge.branch == "tidak" and count:
        text += f" ×{count}"  # times the run went this way: rework loops, for a "tidak" back
    return text


def render(sop: Sop, width: int, overlay: Overlay | None = None, selected: int | None = None,
           lay: Layout | None = None) -> Rendered:
    lay = lay or layout(sop, width)
    c = _Canvas(lay.width, lay.height)
    _header(c, sop, lay)
    for lane in lay.lanes[1:]:
        for y in range(HEADER_ROWS, lay.height):
            c.put(lane.x, y, LANE_BORDER, STYLE["border"])
    for y in range(HEADER_ROWS, lay.height):
        c.put(lay.gutter.x, y, LANE_BORDER, STYLE["border"])
        c.put(lay.lanes[0].x if lay.lanes else lay.gutter.x, y, LANE_BORDER, STYLE["border"])
    _edges(c, lay, overlay)
    # Activities cut so that no two steps read the same (a step's "×n" leaves it less room).
    rooms = [lay.text.width - 1 - len(_count(overlay, step.no)) for step in sop.steps]
    activities = distinct_word_cuts([step.kegiatan for step in sop.steps], [max(1, r) for r in rooms])
    for step, activity in zip(sop.steps, activities):
        _row(c, sop, lay, step.no, overlay, selected, activity)
    lines = ["".join(row).rstrip() for row in c.chars]
    return Rendered(lines, c.spans(), dict(lay.rows), lay.width, lay)


def _header(c: _Canvas, sop: Sop, lay: Layout) -> None:
    c.put(0, 1, "No".rjust(lay.no.width - 1), STYLE["head"])
    c.put(lay.text.x, 1, fit(t("flow.kegiatan"), lay.text.width - 1), STYLE["head"])
    for lane in lay.lanes:
        names = wrap_lines(lane.role, lane.width - 1, 2)
        for i, name in enumerate(names):
            y = i + (2 - len(names))
            c.put(lane.x + 1 + (lane.width - 1 - len(name)) // 2, y, name, STYLE["head"])
    if lay.waktu:
        c.put(lay.waktu.x + 1, 1, fit(t("flow.waktu"), lay.waktu.width - 1), STYLE["head"])
    c.put(0, HEADER_ROWS - 1, "─" * lay.width, STYLE["rule"])


def _edges(c: _Canvas, lay: Layout, overlay: Overlay | None) -> None:
    dirs: dict[tuple[int, int], set[str]] = {}
    style: dict[tuple[int, int], str] = {}
    heads: dict[tuple[int, int], str] = {}
    for edge in lay.edges:
        taken = overlay.times_taken(edge.source, edge.branch) if overlay else 0
        name = "edge" if overlay is None else ("taken" if taken else "idle")
        cells = edge.cells()
        first = {"down": "u", "back": "l", "skip": "r"}[edge.leaves]
        dirs.setdefault(cells[0], set()).add(first)
        for (x0, y0), (x1, y1) in zip(cells, cells[1:]):
            step = "r" if x1 > x0 else "l" if x1 < x0 else "d" if y1 > y0 else "u"
            back = {"r": "l", "l": "r", "d": "u", "u": "d"}[step]
            dirs.setdefault((x0, y0), set()).add(step)
            dirs.setdefault((x1, y1), set()).add(back)
        for cell in cells:
            if style.get(cell) != STYLE["taken"]:
                style[cell] = STYLE[name]
        heads[cells[-1]] = HEADS[edge.head]
    for (x, y), d in dirs.items():
        c.put(x, y, heads.get((x, y)) or LINES.get(frozenset(d), "┼"), style[(x, y)])
    for label in lay.labels:
        edge = lay.edges[label.edge]
        text = label_text(edge, overlay)[: label.width]
        taken = overlay.times_taken(edge.source, edge.branch) if overlay else 0
        tone = "" if overlay is None else STYLE["taken" if taken else "idle"]
        c.put(label.x, label.y, text, f"{tone} {STYLE['label']}".strip())


def _count(overlay: Overlay | None, no: int) -> str:
    """" ×n" after a step the run went through more than once."""
    mark = overlay.steps.get(no) if overlay else None
    return f" ×{mark.attempts}" if mark and mark.attempts > 1 else ""


def _row(c: _Canvas, sop: Sop, lay: Layout, no: int, overlay: Overlay | None, selected: int | None,
         activity: str) -> None:
    y = lay.rows[no]
    step = sop.step(no)
    mark = overlay.steps.get(no) if overlay else None
    sym_style = mark.style if mark else STYLE["symbol"]
    syms = sorted(lay.symbols_of(no), key=lambda s: s.x)
    for a, b in zip(syms, syms[1:]):  # several pelaksana: their symbols joined on the row
        c.put(a.right, y, "─" * (b.x - a.right), sym_style)
    for sym in syms:
        opening, closing = SHAPES[sym.kind]
        state = mark.mark if mark else " "
        late = "!" if mark and mark.late else " "
        digits = sym.width - 4
        c.put(sym.x, y, f"{opening}{state}{str(no).rjust(digits)}{late}{closing}", sym_style)
        if late != " ":
            c.style(sym.right - 2, y, 1, LATE[1])
    text_style = MARKS["pending"][1] if mark and mark.state in ("pending", "skipped") else ""
    c.put(0, y, str(no).rjust(lay.no.width - 1), sym_style if mark else "")
    count = _count(overlay, no)
    c.put(lay.text.x, y, activity, text_style)
    if count:
        c.put(lay.text.x + len(activity), y, count, STYLE["count"])
    if lay.waktu:
        c.put(lay.waktu.x + 1, y, fit(step.waktu or "—", lay.waktu.width - 1), text_style)
    if no == selected:
        c.over += selection(lay, no)


def selection(lay: Layout, no: int) -> list[Span]:
    """The cursor on step `no`: its number and activity, and its symbols, reversed."""
    y = lay.rows[no]
    return [Span(y, 0, lay.text.x + lay.text.width - 1, STYLE["selected"])] + [
        Span(y, sym.x, sym.right, STYLE["selected"]) for sym in lay.symbols_of(no)]


def legend(overlay: Overlay | None) -> str:
    """What the shapes and marks mean, in one line."""
    text = t("flow.legend")
    if overlay is not None:
        text += "   " + t("flow.legend_run")
    return text


def to_rich(lines: list[str], spans: list[Span], dim_from: int | None = None):
    """A rich Text of the lines with their spans as styles (rich is loaded only here); lines from
    `dim_from` on (the legend) dimmed. The text itself is never read as markup."""
    from rich.text import Text

    text = Text(no_wrap=True, overflow="crop")
    offsets = []
    for i, line in enumerate(lines):
        offsets.append(len(text))
        text.append(line + ("\n" if i < len(lines) - 1 else ""))
    for span in spans:
        end = min(span.end, len(lines[span.line]))
        if end > span.start:
            text.stylize(span.style, offsets[span.line] + span.start, offsets[span.line] + end)
    if dim_from is not None and dim_from < len(lines):
        text.stylize("dim", offsets[dim_from], len(text))
    return text


def render_lines(sop: Sop, width: int, overlay: Overlay | None = None) -> list[str]:
    """The plain text (no styles): the chart and its legend."""
    return render(sop, width, overlay).lines + ["", legend(overlay)]
