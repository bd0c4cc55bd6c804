"""The flowchart in the Pelaksana lanes: which lanes each row's symbols stand in, and where each
diamond's arrows lead.

Symbols are the visible closed shapes inside one lane (table cells and white label backgrounds
are not); a diamond has its four corners at the middles of its box's sides; a pentagon is an
off-page connector, which marks where the chart goes on, not who acts: a branch that runs into
one is followed to where the connector of the same label leads on a later page. Arrows are followed as
ink: segments that touch end to end or end on another, from a corner of the diamond to the
symbols they reach, stopping at symbols; an arrowhead near a corner makes that corner an entry.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from .geometry import Page, Seg, Shape, Word
from .table import Columns, Row

TOUCH = 2.0  # points: ink this close is joined
HEAD = 7.0  # an arrowhead this close to a corner or a symbol points at it


class Symbol(NamedTuple):
    kind: str  # "box" (a process), "terminator", "diamond", "connector"
    shape: Shape
    lane: int


class Branch(NamedTuple):
    label: str  # as printed ("Ya", "Tidak", "Berhasil"); "" when none stands by the arrow
    targets: tuple[int, ...]  # row indexes reached
    via: tuple[str, ...] = ()  # labels of the off-page connectors it runs into (goes on elsewhere)


class Diamond(NamedTuple):
    row: int
    lane: int
    question: str
    branches: tuple[Branch, ...]


class Flow(NamedTuple):
    lanes: dict[int, tuple[int, ...]]  # row index -> lane indexes of its symbols, the acting one first
    diamonds: list[Diamond]
    # off-page connectors an arrow leaves from (the chart coming in from another page): label -> rows
    entries: dict[str, tuple[int, ...]] = {}


def _kind(s: Shape) -> str:
    pts = s.pts
    if len(pts) == 4:
        mids = [(s.cx, s.top), (s.x1, s.cy), (s.cx, s.bottom), (s.x0, s.cy)]
        tol = 0.2 * max(s.width, s.height)
        if all(min(math.dist(p, m) for p in pts) <= tol for m in mids):
            return "diamond"
    if len(pts) == 5 and not _rectlike(s):
        return "connector"
    if len(pts) >= 6 and not _rectlike(s) and s.width > 1.4 * s.height:
        return "terminator"  # rounded ends: where the procedure starts or ends
    return "box"


def _rectlike(s: Shape) -> bool:
    return all(min(abs(x - s.x0), abs(x - s.x1)) <= 1 and min(abs(y - s.top), abs(y - s.bottom)) <= 1
               for x, y in s.pts)


def _lane_of(cols: Columns, x: float) -> int | None:
    for i, (a, b) in enumerate(cols.lanes):
        if a < x < b:
            return i
    return None


def find_symbols(page: Page, cols: Columns, top: float, bottom: float) -> tuple[list[Symbol], list[Shape]]:
    """The flowchart symbols and the arrowheads of the lanes between `top` and `bottom`."""
    symbols: list[Symbol] = []
    heads: list[Shape] = []
    for s in page.shapes:
        if not s.visible or not (top <= s.cy <= bottom):
            continue
        lane = _lane_of(cols, s.cx)
        if lane is None:
            continue
        a, b = cols.lanes[lane]
        if max(s.width, s.height) < 10:
            heads.append(s)
            continue
        if s.width < 10 or s.height < 5 or s.width >= 0.95 * (b - a):
            continue
        symbols.append(Symbol(_kind(s), s, lane))
    covers = [c for c in page.shapes if c.filled and c.width > 12]
    symbols = [m for m in symbols if not _covered(m.shape, covers)]
    return _dedupe(symbols), heads


def _covered(s: Shape, covers: list[Shape]) -> bool:
    """Drawn over by a later filled shape (a table cell painted after the symbol hides it)."""
    return any(c.kind == s.kind and c.order > s.order and c.x0 <= s.x0 - 0.5 and s.x1 + 0.5 <= c.x1
               and c.top <= s.top - 0.5 and s.bottom + 0.5 <= c.bottom for c in covers)


def _dedupe(symbols: list[Symbol]) -> list[Symbol]:
    """One symbol per drawn figure: a figure drawn twice (fill, then outline) or as a ring (black
    outer, white inner) keeps its outer shape."""
    out: list[Symbol] = []
    for sym in sorted(symbols, key=lambda m: -(m.shape.width * m.shape.height)):
        s = sym.shape
        if any(o.shape.x0 - 2 <= s.x0 and s.x1 <= o.shape.x1 + 2 and o.shape.top - 2 <= s.top
               and s.bottom <= o.shape.bottom + 2 for o in out):
            continue
        out.append(sym)
    return out


def _near_box(s: Shape, x: float, y: float, pad: float) -> bool:
    return s.x0 - pad <= x <= s.x1 + pad and s.top - pad <= y <= s.bottom + pad


def _pt_seg(px: float, py: float, s: Seg) -> float:
    dx, dy = s.x1 - s.x0, s.y1 - s.y0
    n = dx * dx + dy * dy
    u = 0.0 if n == 0 else max(0.0, min(1.0, ((px - s.x0) * dx + (py - s.y0) * dy) / n))
    return math.hypot(px - (s.x0 + u * dx), py - (s.y0 + u * dy))


def _ends(s: Seg) -> tuple[tuple[float, float], tuple[float, float]]:
    return (s.x0, s.y0), (s.x1, s.y1)


def _joined(a: Seg, b: Seg) -> bool:
    return any(_pt_seg(x, y, b) <= TOUCH for x, y in _ends(a)) or any(_pt_seg(x, y, a) <= TOUCH for x, y in _ends(b))


class Chart:
    """The ink of one page's lanes, ready to be followed."""

    def __init__(self, page: Page, cols: Columns, rows: list[tuple[int, Row]], symbols: list[Symbol],
                 heads: list[Shape]):
        self.rows = rows
        self.symbols = symbols
        self.heads = heads
        left, right = cols.lanes[0][0], cols.lanes[-1][1]
        top = min(r.top for _, r in rows)
        bottom = max(r.bottom for _, r in rows)
        grid_x = [x for lane in cols.lanes for x in lane]
        grid_y = [r.top for _, r in rows] + [r.bottom for _, r in rows]
        min_row = min(r.bottom - r.top for _, r in rows)
        segs = []
        for s in page.segs:
            mx, my = (s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2
            if not (left - 1 <= mx <= right + 1 and top - 1 <= my <= bottom + 1):
                continue
            if s.vertical and any(abs(s.x0 - g) <= 1.5 for g in grid_x) and s.length >= 0.6 * min_row:
                continue  # a rule (an arrow may run a short way along one)
            if s.horizontal and any(abs(s.y0 - g) <= 1.5 for g in grid_y) and s.length > 0.5 * (right - left) / len(cols.lanes):
                continue
            if any(_near_box(m.shape, s.x0, s.y0, 1.0) and _near_box(m.shape, s.x1, s.y1, 1.0) for m in symbols):
                continue  # an outline of a symbol
            segs.append(s)
        self.segs = segs
        # neighbours through a coarse grid: only segments whose boxes meet can touch
        cell = 24.0
        grid: dict[tuple[int, int], list[int]] = {}
        boxes = []
        for j, s in enumerate(segs):
            box = (min(s.x0, s.x1) - TOUCH, min(s.y0, s.y1) - TOUCH, max(s.x0, s.x1) + TOUCH, max(s.y0, s.y1) + TOUCH)
            boxes.append(box)
            for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
                for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                    grid.setdefault((gx, gy), []).append(j)
        self._grid, self._boxes, self._cell = grid, boxes, cell
        self._near: dict[int, list[int]] = {}

    def neighbours(self, j: int) -> list[int]:
        if j not in self._near:
            x0, y0, x1, y1 = self._boxes[j]
            c = self._cell
            found: set[int] = set()
            for gx in range(int(x0 // c), int(x1 // c) + 1):
                for gy in range(int(y0 // c), int(y1 // c) + 1):
                    found.update(self._grid.get((gx, gy), ()))
            found.discard(j)
            a = self.segs[j]
            self._near[j] = [k for k in found if _joined(a, self.segs[k])]
        return self._near[j]

    def row_of(self, shape: Shape) -> int | None:
        for i, r in self.rows:
            if r.top - 1 <= shape.cy <= r.bottom + 1:
                return i
        return None

    def component(self, start: list[int]) -> set[int]:
        seen = set(start)
        todo = list(start)
        while todo:
            for j in self.neighbours(todo.pop()):
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        return seen

    def touches(self, comp: set[int], origin: Symbol) -> list[tuple[Symbol, bool]]:
        """The symbols the ink reaches, each with whether an arrowhead points into it there."""
        out = []
        for sym in self.symbols:
            if sym is origin:
                continue
            points = [p for j in comp for p in _ends(self.segs[j]) if _near_box(sym.shape, p[0], p[1], TOUCH + 1)]
            if points:
                headed = any(_near_box(h, px, py, HEAD) for h in self.heads for px, py in points)
                out.append((sym, headed))
        return out


def _corners(s: Shape) -> list[tuple[float, float]]:
    return [(s.cx, s.top), (s.x1, s.cy), (s.cx, s.bottom), (s.x0, s.cy)]


def _label_of(words: list[Word], s: Shape) -> str:
    return " ".join(w.text for w in words if s.x0 <= w.cx <= s.x1 and s.top <= w.cy <= s.bottom)


def _entries(chart: Chart, words: list[Word]) -> dict[str, tuple[int, ...]]:
    """Connectors that ink leaves towards a symbol (an arrowhead at the far end, none at the
    connector): where the chart continues from another page, by the connector's label."""
    out: dict[str, tuple[int, ...]] = {}
    for sym in chart.symbols:
        if sym.kind != "connector":
            continue
        s = sym.shape
        start = [j for j, seg in enumerate(chart.segs) if any(_near_box(s, x, y, TOUCH + 1) for x, y in _ends(seg))]
        if not start or any(_near_box(h, x, y, HEAD) for h in chart.heads
                            for j in start for x, y in _ends(chart.segs[j]) if _near_box(s, x, y, TOUCH + 1)):
            continue  # nothing leaves it, or an arrow points into it: an exit
        reached = [m for m, headed in chart.touches(chart.component(start), sym) if headed and m.kind != "connector"]
        rows = sorted({r for r in (chart.row_of(m.shape) for m in reached) if r is not None})
        label = _label_of(words, s)
        if rows and label:
            out.setdefault(label, tuple(rows))
    return out


def read_flow(page: Page, cols: Columns, rows: list[tuple[int, Row]]) -> Flow:
    """The lanes of each row's symbols and the decisions of one page."""
    if not rows or not cols.lanes:
        return Flow({}, [])
    top = min(r.top for _, r in rows)
    bottom = max(r.bottom for _, r in rows)
    symbols, heads = find_symbols(page, cols, top, bottom)
    chart = Chart(page, cols, rows, symbols, heads)
    lanes: dict[int, list[int]] = {i: [] for i, _ in rows}
    # the acting lane first: the work (a box) before the check (a diamond) before a start or end mark
    rank = {"box": 0, "diamond": 1, "terminator": 2}
    for sym in sorted(symbols, key=lambda m: (rank.get(m.kind, 3), m.shape.x0)):
        if sym.kind == "connector":
            continue
        row = chart.row_of(sym.shape)
        if row is not None and sym.lane not in lanes[row]:
            lanes[row].append(sym.lane)
    diamonds = [_diamond(chart, page.words, sym) for sym in symbols if sym.kind == "diamond"]
    return Flow({k: tuple(v) for k, v in lanes.items()}, [d for d in diamonds if d is not None],
                _entries(chart, page.words))


_LABEL = re.compile(r"^[A-Za-z][A-Za-z/.-]{0,19}$")


def _diamond(chart: Chart, words: list[Word], sym: Symbol) -> Diamond | None:
    row = chart.row_of(sym.shape)
    if row is None:
        return None
    s = sym.shape
    question = " ".join(w.text for w in words if _near_box(s, w.cx, w.cy, 0) and s.x0 < w.cx < s.x1)
    corners = _corners(s)
    starts: dict[int, list[int]] = {}
    reach = 0.3 * max(s.width, s.height)
    for j, seg in enumerate(chart.segs):
        for k, (cx, cy) in enumerate(corners):
            near_end = any(math.dist(p, (cx, cy)) <= reach and _near_box(s, p[0], p[1], TOUCH + 1)
                           for p in _ends(seg))
            if near_end or _pt_seg(cx, cy, seg) <= TOUCH + 1:
                starts.setdefault(k, []).append(j)
                break
    comps: list[tuple[int, set[int]]] = []
    for k, segs in starts.items():
        cx, cy = corners[k]
        if any(_near_box(h, cx, cy, HEAD / 2) for h in chart.heads):
            continue  # an arrow into the diamond
        comps.append((k, chart.component(segs)))
    # labels: short words by the lanes' ink, outside every symbol, each to the nearest branch
    free = [w for w in words if _LABEL.match(w.text)
            and not any(_near_box(m.shape, w.cx, w.cy, 0) for m in chart.symbols)]
    chosen: dict[int, tuple[float, str]] = {}
    for w in free:
        best = None
        for n, (k, comp) in enumerate(comps):
            d = min((_pt_seg(w.cx, w.cy, chart.segs[j]) for j in comp), default=1e9)
            d = min(d, math.dist((w.cx, w.cy), corners[k]))
            if d <= 18 and (best is None or d < best[0]):
                best = (d, n)
        if best is not None:
            n = best[1]
            k = comps[n][0]
            closeness = math.dist((w.cx, w.cy), corners[k])
            if n not in chosen or closeness < chosen[n][0]:
                chosen[n] = (closeness, w.text)
    # a label by a corner that no arrow leaves: the chart left the line out, and the branch goes on
    # to the next row (a "Ya" written under a diamond with the next step's symbol below it)
    used = {text for _, text in chosen.values()}
    taken = set(starts)
    label_only = []
    for w in free:
        if w.text in used:
            continue
        k = min(range(4), key=lambda i: math.dist(corners[i], (w.cx, w.cy)))
        if k not in taken and k == 2 and math.dist(corners[k], (w.cx, w.cy)) <= 14:
            nxt = [i for i, _ in chart.rows if i > row]
            if nxt:
                label_only.append(Branch(w.text, (min(nxt),)))
                taken.add(k)
    branches = list(label_only)
    for n, (k, comp) in enumerate(comps):
        reached = chart.touches(comp, sym)
        pointed = [m for m, headed in reached if headed] or [m for m, _ in reached]
        # into an off-page connector: the branch goes on where that connector's twin leads
        via = tuple(_label_of(words, m.shape) for m in pointed if m.kind == "connector")
        targets = sorted({r for r in (chart.row_of(m.shape) for m in pointed if m.kind != "connector")
                          if r is not None})
        if targets or via:
            branches.append(Branch(chosen.get(n, (0, ""))[1], tuple(targets), tuple(v for v in via if v)))
    return Diamond(row, sym.lane, question, tuple(branches))
