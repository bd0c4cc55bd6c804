"""An SOP's flowchart as geometry on a grid of character cells: lanes, rows, symbols, connectors.

The SOP AP draws its procedure across the Pelaksana columns: one lane per role in the SOP's order,
one row per step, the step's symbol in the lane of each of its pelaksana (a capsule for the start
and the end, a rectangle for a process, a diamond for a decision), arrows between them, Ya/Tidak on
a decision's branches. This module only computes where everything goes; text.py and svg.py draw it.

Routing, so that no connector crosses a symbol:
- to the next row: down from the symbol, across in the connector row below it, down into the next
  symbol (the arrowhead sits in that connector row);
- back (a "tidak" to an earlier step, rework): out of the right side of the row, up a track in the
  gutter right of the lanes, into the right side of the target;
- forward past other steps (a "ya" or a "tidak" that skips): out of the left side, down a track
  in a gutter left of the lanes, into the left side of the target; when both branches of a
  decision skip, the "tidak" leaves from below, along the connector row.
Tracks whose rows overlap get different columns; the shorter loop runs nearer the lanes.

Pure: no Textual, no rich. x is a column, y a row, both from 0 at the top left.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Sop, Step

PITCH = 2          # rows per step: the symbol's row and the connector row below it
HEADER_ROWS = 3    # two rows of lane names, then a rule
WAKTU_FROM = 110   # columns from which the standard time gets a column of its own
MIN_TEXT, MAX_TEXT = 10, 48  # the Kegiatan column's width
MAX_LANE = 24


class Lane(NamedTuple):
    position: int   # 0 for the first role
    role: str
    x: int
    width: int

    @property
    def right(self) -> int:
        return self.x + self.width


class Symbol(NamedTuple):
    step: int
    role: str
    lane: int
    kind: str       # terminator | process | decision
    x: int
    y: int
    width: int
    primary: bool   # in the lane of the acting pelaksana

    @property
    def center(self) -> int:
        return self.x + self.width // 2

    @property
    def right(self) -> int:
        """The first column right of the symbol."""
        return self.x + self.width

    def covers(self, x: int, y: int) -> bool:
        return y == self.y and self.x <= x < self.right


class Edge(NamedTuple):
    source: int
    target: int
    branch: str     # next | ya | tidak
    route: str      # down (to the next row) | back (right gutter) | skip (left gutter)
    points: tuple[tuple[int, int], ...]  # cell centres; the last one carries the arrowhead
    head: str       # down | left | right: where the arrowhead points
    below: bool = False  # leaves from below its source (a "tidak" whose "ya" also skips), not the side

    @property
    def leaves(self) -> str:
        """How the connector leaves its source: down (from below), back (right side), skip (left side)."""
        return "down" if self.below else self.route

    def cells(self) -> list[tuple[int, int]]:
        """Every cell the connector runs through, in order."""
        out = [self.points[0]]
        for (x0, y0), (x1, y1) in zip(self.points, self.points[1:]):
            dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
            x, y = x0, y0
            while (x, y) != (x1, y1):
                x, y = x + dx, y + dy
                out.append((x, y))
        return out


class Label(NamedTuple):
    edge: int       # index in Layout.edges
    x: int
    y: int
    width: int      # the room: the text is cut to it


class Column(NamedTuple):
    x: int
    width: int


class Layout(NamedTuple):
    width: int
    height: int
    no: Column
    text: Column
    waktu: Column | None
    lanes: tuple[Lane, ...]
    symbols: tuple[Symbol, ...]
    edges: tuple[Edge, ...]
    labels: tuple[Label, ...]
    rows: dict[int, int]        # step -> y of its row
    gutter: Column              # right of the lanes: the back tracks
    skip_gutter: Column         # left of the lanes: the forward tracks (width 0 if none)

    def symbols_of(self, step: int) -> list[Symbol]:
        return [s for s in self.symbols if s.step == step]

    def step_at(self, y: int) -> int | None:
        """The step whose row (or connector row below it) is `y`."""
        for step, row in self.rows.items():
            if row <= y < row + PITCH:
                return step
        return None


def symbol_kind(sop: Sop, step: Step) -> str:
    """As on the paper form: a capsule at the start and the end, a diamond for a decision."""
    if step.is_decision:
        return "decision"
    if step.no in (sop.steps[0].no, sop.steps[-1].no):
        return "terminator"
    return "process"


def connections(sop: Sop) -> list[tuple[int, int, str]]:
    """(source, target, branch) of every arrow: a decision's "ya" and "tidak", else to the next."""
    out: list[tuple[int, int | None, str]] = []
    for step in sop.steps:
        if step.is_decision:
            ya = sop.next_after(step.no, "ya")
            if ya is not None:
                out.append((step.no, ya, "ya"))
            out.append((step.no, sop.next_after(step.no, "tidak"), "tidak"))
        else:
            nxt = sop.next_after(step.no)
            if nxt is not None:
                out.append((step.no, nxt, "next"))
    return [(s, t, b) for s, t, b in out if t is not None and sop.has_step(t)]


def _tracks(spans: list[tuple[int, int]]) -> list[int]:
    """A track per span (lo, hi) such that overlapping spans never share one; short spans first,
    so that they take the tracks nearest the lanes."""
    taken: list[list[tuple[int, int]]] = []
    out = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][1] - spans[i][0], spans[i][0])):
        lo, hi = spans[i]
        for track, used in enumerate(taken):
            if all(hi < a or lo > b for a, b in used):
                used.append((lo, hi))
                out[i] = track
                break
        else:
            taken.append([(lo, hi)])
            out[i] = len(taken) - 1
    return out


def symbol_width(sop: Sop) -> int:
    """Bracket, state mark, number, late mark, bracket: "[✓12!]"."""
    return len(str(max((s.no for s in sop.steps), default=1))) + 4


def layout(sop: Sop, width: int, *, waktu: bool | None = None) -> Layout:
    """The flowchart fitted to `width` columns (wider when even the narrowest lanes do not fit:
    the view scrolls). `waktu`: give the standard time a column (default: from WAKTU_FROM)."""
    index = {s.no: i for i, s in enumerate(sop.steps)}
    links = connections(sop)
    kinds = ["down" if index[t] == index[s] + 1 else "back" if index[t] <= index[s] else "skip"
             for s, t, _ in links]
    back = [i for i, k in enumerate(kinds) if k == "back"]
    skip = [i for i, k in enumerate(kinds) if k == "skip"]
    span = [(min(index[s], index[t]), max(index[s], index[t])) for s, t, _ in links]
    back_track = dict(zip(back, _tracks([span[i] for i in back])))
    skip_track = dict(zip(skip, _tracks([span[i] for i in skip])))
    n_back = max(back_track.values(), default=-1) + 1
    n_skip = max(skip_track.values(), default=-1) + 1

    sym_w = symbol_width(sop)
    digits = sym_w - 4
    no_w = max(digits, 2) + 1  # room for the heading "No"
    skip_w = 2 * n_skip
    gutter_w = 2 * n_back + 1
    n_lanes = max(len(sop.roles), 1)
    min_lane = sym_w + 2
    waktu_need = max(6, min(12, max((len(s.waktu) for s in sop.steps), default=0) + 1))
    if waktu is None:  # from WAKTU_FROM, and only when the narrowest chart still fits beside it
        narrowest = no_w + MIN_TEXT + skip_w + n_lanes * min_lane + gutter_w
        waktu = width >= WAKTU_FROM and width - waktu_need >= narrowest
    waktu_w = waktu_need if waktu else 0
    rest = width - no_w - skip_w - gutter_w - waktu_w
    # About a third for the activity text, the rest for the lanes; the lanes no narrower than a
    # symbol and its margins, the text no wider than it needs.
    text_goal = max(MIN_TEXT, min(MAX_TEXT, rest * 3 // 10))
    lane_w = max(min_lane, min(MAX_LANE, (rest - text_goal) // n_lanes))
    text_w = max(MIN_TEXT, rest - lane_w * n_lanes)

    no = Column(0, no_w)
    text = Column(no_w, text_w)
    skip_col = Column(text.x + text_w, skip_w)
    lanes_x = skip_col.x + skip_w
    lanes = tuple(Lane(i, role, lanes_x + i * lane_w, lane_w) for i, role in enumerate(sop.roles))
    lanes_end = lanes_x + lane_w * len(lanes)
    gutter = Column(lanes_end, gutter_w)
    waktu_col = Column(gutter.x + gutter_w, waktu_w) if waktu else None
    total = gutter.x + gutter_w + waktu_w

    rows = {s.no: HEADER_ROWS + i * PITCH for i, s in enumerate(sop.steps)}
    lane_of = {lane.role: lane for lane in lanes}
    symbols: list[Symbol] = []
    for step in sop.steps:
        kind = symbol_kind(sop, step)
        for k, role in enumerate(step.all_pelaksana):
            lane = lane_of.get(role)
            if lane is None:  # a role not in the SOP's list (sopfile refuses it): nowhere to draw
                continue
            x = lane.x + 1 + (lane.width - 1 - sym_w) // 2
            symbols.append(Symbol(step.no, role, lane.position, kind, x, rows[step.no], sym_w, k == 0))
    by_step: dict[int, list[Symbol]] = {}
    for sym in symbols:
        by_step.setdefault(sym.step, []).append(sym)

    skipping = {(s, b) for (s, _t, b), k in zip(links, kinds) if k == "skip"}
    edges: list[Edge] = []
    for i, ((s, t, branch), route) in enumerate(zip(links, kinds)):
        src, dst = by_step.get(s), by_step.get(t)
        if not src or not dst:
            continue
        ys, yt = rows[s], rows[t]
        if route == "down":
            a, b = min(((a, b) for a in src for b in dst),
                       key=lambda p: (abs(p[0].center - p[1].center), not p[0].primary, not p[1].primary))
            pts = [(a.center, ys + 1)] + ([(b.center, ys + 1)] if b.center != a.center else [])
            edges.append(Edge(s, t, branch, route, tuple(pts), "down"))
        elif route == "back":
            a, b = max(src, key=lambda x: x.x), max(dst, key=lambda x: x.x)
            tx = gutter.x + 1 + 2 * back_track[i]
            pts = [(a.right, ys), (tx, ys), (tx, yt), (b.right, yt)]
            edges.append(Edge(s, t, branch, route, tuple(pts), "left"))
        else:
            a, b = min(src, key=lambda x: x.x), min(dst, key=lambda x: x.x)
            tx = lanes_x - 2 - 2 * skip_track[i]
            # Out of the left side; a "tidak" whose "ya" skips too leaves from below instead
            # (down, then left along the connector row), so the two never share a line.
            both = branch == "tidak" and (s, "ya") in skipping
            pts = ([(a.center, ys + 1)] if both else [(a.x - 1, ys)]) + [(tx, ys + both), (tx, yt), (b.x - 1, yt)]
            edges.append(Edge(s, t, branch, route, tuple(pts), "right", below=both))

    labels = [lab for i, e in enumerate(edges) if e.branch != "next"
              for lab in [_label(i, e, by_step[e.source], lanes_x, lanes_end)] if lab is not None]
    height = HEADER_ROWS + PITCH * len(sop.steps)
    return Layout(width=total, height=height, no=no, text=text, waktu=waktu_col, lanes=lanes,
                  symbols=tuple(symbols), edges=tuple(edges), labels=tuple(labels), rows=rows,
                  gutter=gutter, skip_gutter=skip_col)


def _label(i: int, edge: Edge, src: list[Symbol], lanes_x: int, lanes_end: int) -> Label | None:
    """Where a branch's Ya/Tidak goes: beside the line where it leaves the diamond."""
    (x0, y0), (x1, _y1) = edge.points[0], edge.points[min(1, len(edge.points) - 1)]
    if edge.route == "back":   # along the way out to the gutter, one cell of line either side
        room = x1 - x0 - 2
        return Label(i, x0 + 1, y0, room) if room > 0 else None
    if edge.route == "skip" and edge.below:  # right of every track, so no other line runs under it
        room = x0 - lanes_x - 2
        return Label(i, lanes_x + 1, y0, room) if room > 0 else None
    if edge.route == "skip":
        room = x0 - x1 - 2
        return Label(i, x1 + 2, y0, room) if room > 0 else None
    # Down to the next row: right of the line leaving the diamond, unless the line turns right
    # (then on it, short of the arrowhead, or left of the turn).
    if len(edge.points) == 1 or x1 < x0:  # the connector row holds nothing else up to the gutter
        return Label(i, x0 + 1, y0, min(8, lanes_end - x0 - 1))
    if x1 - x0 - 2 >= 2:
        return Label(i, x0 + 1, y0, x1 - x0 - 2)
    left = max([lanes_x] + [s.right for s in src if s.right <= x0])
    return Label(i, left, y0, x0 - left) if x0 > left else None
