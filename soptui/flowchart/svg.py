"""The flowchart as one inline SVG (no external assets), for the HTML exports; A4 landscape.

The same layout as the terminal's (layout.py, at a fixed width in cells), drawn on the paper
form's grid: No, Kegiatan, one column per Pelaksana, Waktu. Symbol rows are taller than connector
rows, so the symbols read as shapes. Each step's symbol has class "symbol" and data-step; each
connection is one polyline of class "arrow" with data-from, data-to and data-branch.
"""

from __future__ import annotations

from ..cuts import wrap_lines
from ..i18n import t
from ..messages import flowchart as _messages  # noqa: F401
from ..model import Sop
from ..safetext import html_text
from .layout import HEADER_ROWS, Layout, Symbol, layout
from .overlay import Overlay
from .text import label_text

CELLS = 150              # the layout's width in cells
CW = 7.0                 # px per cell, across
HEAD_H, SYM_H, GAP_H = 15.0, 30.0, 16.0  # px: a header row, a symbol row, a connector row
PAD = 3.0                # px between a symbol and its row's edges
FONT = "Arial, Helvetica, sans-serif"
# Fill and stroke by state: the checklist's colours as print colours.
STATE_COLOURS = {"done": ("#dff3e3", "#176f2c"), "late": ("#fde0e0", "#b00020"),
                 "current": ("#fff4c2", "#8a6d00"), "pending": ("#ffffff", "#9e9e9e"),
                 "rework": ("#f6e0f6", "#8e24aa"), "skipped": ("#f0f0f0", "#b0b0b0")}
BARE = ("#ffffff", "#222222")
EDGE_COLOURS = {"edge": "#222222", "taken": "#0b61a4", "idle": "#b0b0b0"}


e = html_text  # markup escaped, controls shown


class _Grid:
    """Cell rows -> pixels: header rows, then a symbol row and a connector row per step."""

    def __init__(self, lay: Layout):
        self.lay = lay

    def top(self, row: int) -> float:
        if row < HEADER_ROWS:
            return row * HEAD_H
        k, rest = divmod(row - HEADER_ROWS, 2)
        return HEADER_ROWS * HEAD_H + k * (SYM_H + GAP_H) + (SYM_H if rest else 0)

    def height(self, row: int) -> float:
        return HEAD_H if row < HEADER_ROWS else (SYM_H if (row - HEADER_ROWS) % 2 == 0 else GAP_H)

    def mid(self, row: int) -> float:
        return self.top(row) + self.height(row) / 2

    @staticmethod
    def x(col: float) -> float:
        return col * CW

    def centre(self, col: int, row: int) -> tuple[float, float]:
        return (col + 0.5) * CW, self.mid(row)


def flowchart_svg(sop: Sop, overlay: Overlay | None = None) -> str:
    lay = layout(sop, CELLS, waktu=True)
    g = _Grid(lay)
    width, height = lay.width * CW, g.top(lay.height) + 4
    title = t("flow.svg_title", nomor=sop.identity.nomor, nama=sop.identity.nama)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'width="100%" preserveAspectRatio="xMidYMin meet" role="img" font-family="{FONT}" font-size="9">',
           f"<title>{e(title)}</title>", "<defs>"]
    for name, colour in EDGE_COLOURS.items():
        out.append(f'<marker id="fc-head-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    out += _table(sop, lay, g, width)
    out += _edges(lay, g, overlay)
    for step in sop.steps:
        out += _row(sop, lay, g, step.no, overlay)
    out.append("</svg>")
    return "\n".join(out)


def _table(sop: Sop, lay: Layout, g: _Grid, width: float) -> list[str]:
    body_top, bottom = g.top(HEADER_ROWS), g.top(lay.height)
    out = ['<g class="grid" stroke="#888" stroke-width="0.6" fill="none">',
           f'<rect x="0.3" y="0.3" width="{width - 0.6:.1f}" height="{bottom - 0.6:.1f}"/>']
    columns = [lay.text.x, *(lane.x for lane in lay.lanes), lay.gutter.x]
    if lay.waktu:
        columns.append(lay.waktu.x)
    for col in columns:
        out.append(f'<line x1="{g.x(col):.1f}" y1="0" x2="{g.x(col):.1f}" y2="{bottom:.1f}"/>')
    out.append(f'<line x1="0" y1="{body_top:.1f}" x2="{width:.1f}" y2="{body_top:.1f}"/>')
    for step in sop.steps[1:]:  # between two steps: through the middle of the connector row above
        y = g.mid(lay.rows[step.no] - 1)
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{width:.1f}" y2="{y:.1f}" stroke="#ccc"/>')
    out.append("</g>")
    out.append('<g class="head" font-weight="bold" text-anchor="middle">')
    mid = g.top(HEADER_ROWS) / 2 + 3
    out.append(f'<text x="{g.x(lay.no.x + lay.no.width / 2):.1f}" y="{mid:.1f}">{e(t("flow.no"))}</text>')
    out.append(f'<text x="{g.x(lay.text.x + lay.text.width / 2):.1f}" y="{mid:.1f}">{e(t("flow.kegiatan"))}</text>')
    for lane in lay.lanes:
        names = wrap_lines(lane.role, int(lane.width * CW / 5.2), 3)
        first = mid - (len(names) - 1) * 5.5
        cx = g.x(lane.x + lane.width / 2)
        out += [f'<text x="{cx:.1f}" y="{first + i * 11:.1f}">{e(name)}</text>' for i, name in enumerate(names)]
    if lay.waktu:
        out.append(f'<text x="{g.x(lay.waktu.x + lay.waktu.width / 2):.1f}" y="{mid:.1f}">{e(t("flow.waktu"))}</text>')
    out.append("</g>")
    return out


def _edges(lay: Layout, g: _Grid, overlay: Overlay | None) -> list[str]:
    out = ['<g class="arrows" fill="none" stroke-width="1.2">']
    for edge in lay.edges:
        taken = overlay.times_taken(edge.source, edge.branch) if overlay else 0
        name = "edge" if overlay is None else ("taken" if taken else "idle")
        pts = [g.centre(x, y) for x, y in edge.points]
        src = _symbol_at(lay, edge.source, edge.points[0], edge.leaves, first=True)
        dst = _symbol_at(lay, edge.target, edge.points[-1], edge.head, first=False)
        pts = [_touch(g, src, pts[0], edge.leaves, True)] + pts + [_touch(g, dst, pts[-1], edge.head, False)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        width = ' stroke-width="2"' if taken else ""
        out.append(f'<polyline class="arrow" data-from="{edge.source}" data-to="{edge.target}" '
                   f'data-branch="{edge.branch}" points="{path}" stroke="{EDGE_COLOURS[name]}"{width} '
                   f'marker-end="url(#fc-head-{name})"/>')
    for label in lay.labels:
        edge = lay.edges[label.edge]
        x, y = g.centre(label.x, label.y)
        out.append(f'<text class="branch" x="{x - CW / 2:.1f}" y="{y + 3:.1f}" font-style="italic" '
                   f'font-size="8" fill="#333" stroke="#fff" stroke-width="3" paint-order="stroke">'
                   f'{e(label_text(edge, overlay))}</text>')
    out.append("</g>")
    return out


def _symbol_at(lay: Layout, step: int, point: tuple[int, int], way: str, first: bool) -> Symbol:
    """The symbol a connector leaves (first) or enters, beside its end `point`."""
    x, y = point
    syms = lay.symbols_of(step)
    if way == "down":
        return min(syms, key=lambda s: abs(s.center - x))
    if way in ("back", "left"):
        return min(syms, key=lambda s: abs(s.right - x))
    return min(syms, key=lambda s: abs(s.x - 1 - x))


def _touch(g: _Grid, sym: Symbol, near: tuple[float, float], way: str, first: bool) -> tuple[float, float]:
    """Where a connector meets the outline of `sym` (its end point `near` is the cell beside it)."""
    x, y = near
    top, bottom = g.top(sym.y) + PAD, g.top(sym.y) + SYM_H - PAD
    if way == "down":
        return (x, bottom) if first else (x, top)
    if way in ("back", "left"):
        return (g.x(sym.right) - 1, y)
    return (g.x(sym.x) + 1, y)


def _row(sop: Sop, lay: Layout, g: _Grid, no: int, overlay: Overlay | None) -> list[str]:
    step = sop.step(no)
    mark = overlay.steps.get(no) if overlay else None
    # A step done late in red (the paper has no other way to say it); a current one stays current.
    state = None if mark is None else ("late" if mark.late and mark.state == "done" else mark.state)
    fill, stroke = STATE_COLOURS[state] if state else BARE
    dash = ' stroke-dasharray="3,2"' if state == "skipped" else ""
    thick = "2.2" if state == "current" else "1.2"
    top = g.top(lay.rows[no])
    y0, y1, cy = top + PAD, top + SYM_H - PAD, top + SYM_H / 2
    out = [f'<g class="step" data-step="{no}">']
    syms = sorted(lay.symbols_of(no), key=lambda s: s.x)
    for a, b in zip(syms, syms[1:]):
        out.append(f'<line class="join" x1="{g.x(a.right):.1f}" y1="{cy:.1f}" x2="{g.x(b.x):.1f}" y2="{cy:.1f}" '
                   f'stroke="{stroke}" stroke-width="1.2"/>')
    for sym in syms:
        x0, x1 = g.x(sym.x) + 1, g.x(sym.right) - 1
        common = (f'class="symbol" data-step="{no}" data-role="{e(sym.role)}" data-kind="{sym.kind}" '
                  f'fill="{fill}" stroke="{stroke}" stroke-width="{thick}"{dash}')
        if sym.kind == "decision":
            cx = (x0 + x1) / 2
            out.append(f'<polygon {common} points="{x0:.1f},{cy:.1f} {cx:.1f},{y0 - 1:.1f} {x1:.1f},{cy:.1f} '
                       f'{cx:.1f},{y1 + 1:.1f}"/>')
        else:
            rx = (y1 - y0) / 2 if sym.kind == "terminator" else 0
            out.append(f'<rect {common} x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                       f'rx="{rx:.1f}"/>')
        label = f"{mark.mark}{no}{'!' if mark.late else ''}" if mark else str(no)
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{cy + 3:.1f}" text-anchor="middle" font-weight="bold" '
                   f'fill="{stroke if mark else "#000"}">{e(label)}</text>')
    out.append(f'<text x="{g.x(lay.no.x + lay.no.width / 2):.1f}" y="{cy + 3:.1f}" text-anchor="middle">{no}</text>')
    lines = wrap_lines(step.kegiatan, int(lay.text.width * CW / 4.9), 4)
    first = cy + 3 - (len(lines) - 1) * 5
    tx = g.x(lay.text.x) + 3
    for i, line in enumerate(lines):
        out.append(f'<text x="{tx:.1f}" y="{first + i * 10:.1f}">{e(line)}</text>')
    if mark and mark.attempts > 1:
        out.append(f'<text x="{g.x(lay.text.x + lay.text.width) - 3:.1f}" y="{y0 + 6:.1f}" text-anchor="end" font-size="8" '
                   f'fill="#8e24aa">×{mark.attempts}</text>')
    if lay.waktu:
        out.append(f'<text x="{g.x(lay.waktu.x) + 3:.1f}" y="{cy + 3:.1f}">{e(step.waktu or "—")}</text>')
    out.append("</g>")
    return out
