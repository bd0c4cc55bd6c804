"""One page of a PDF as plain geometry: words, ink segments, closed shapes and images.

pdfplumber (imported here only, and only when a PDF is read) gives rectangles, lines and curves
with their points; offices draw the same form in many ways (table rules as thin filled rectangles,
as cell outlines, as lines; symbols stroked, filled, or as a black ring around a white one), so
everything is brought down to two things: straight segments (the ink of rules and arrows) and
closed shapes (cells, symbols, arrowheads, label backgrounds).
"""

from __future__ import annotations

import math
from typing import NamedTuple

THIN = 2.5  # a shape narrower than this is a drawn line, not an area


class Word(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class Seg(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < 1.0 and abs(self.y1 - self.y0) >= 1.0

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) < 1.0 and abs(self.x1 - self.x0) >= 1.0

    @property
    def length(self) -> float:
        return math.hypot(self.x1 - self.x0, self.y1 - self.y0)


class Shape(NamedTuple):
    """A closed path (or rectangle): its box, distinct corner points and how it is painted."""

    x0: float
    top: float
    x1: float
    bottom: float
    pts: tuple[tuple[float, float], ...]
    visible: bool  # stroked, or filled with a colour other than white
    filled: bool = False
    order: int = 0  # drawing order among shapes of its kind (rectangles, curves): later covers earlier
    kind: str = "rect"

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class Page(NamedTuple):
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    segs: list[Seg]
    shapes: list[Shape]
    image_area: float  # the share of the page covered by pictures


def _visible(obj: dict) -> bool:
    """Drawn: stroked, or filled with anything but white."""
    return bool(obj.get("stroke")) or (bool(obj.get("fill")) and not _white(obj.get("non_stroking_color")))


def _white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (tuple, list)) else (color,)
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 4:  # CMYK: white is no ink
        return all(v <= 0.01 for v in nums)
    return bool(nums) and all(v >= 0.99 for v in nums)


def _distinct(pts) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for x, y in pts:
        if not out or abs(out[-1][0] - x) > 0.6 or abs(out[-1][1] - y) > 0.6:
            out.append((x, y))
    if len(out) > 1 and abs(out[0][0] - out[-1][0]) <= 0.6 and abs(out[0][1] - out[-1][1]) <= 0.6:
        out.pop()
    return tuple(out)


def _area(pts) -> float:
    """The area a closed path encloses (shoelace): a bent line drawn as a thin outline has almost none."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:] + pts[:1]))) / 2


def _segments(pts) -> list[Seg]:
    return [Seg(a[0], a[1], b[0], b[1]) for a, b in zip(pts, pts[1:])]


def read_page(page, number: int) -> Page:
    """The geometry of one pdfplumber page (top-based coordinates, as pdfplumber gives them)."""
    words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
             for w in page.extract_words(y_tolerance=1.5, line_dir_rotated="ttb", char_dir_rotated="ltr")]
    # y_tolerance: a row number centred between two lines of an activity must not join them into
    # one line, whose letters would then interleave. Some writers set a turned text matrix on a
    # page shown turned back: its letters are not "upright" for pdfplumber, yet read left to right.
    segs: list[Seg] = []
    shapes: list[Shape] = []
    for n, r in enumerate(page.rects):
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        if min(x1 - x0, bottom - top) < THIN:  # a rule drawn as a thin rectangle
            if x1 - x0 >= bottom - top:
                segs.append(Seg(x0, (top + bottom) / 2, x1, (top + bottom) / 2))
            else:
                segs.append(Seg((x0 + x1) / 2, top, (x0 + x1) / 2, bottom))
            continue
        corners = ((x0, top), (x1, top), (x1, bottom), (x0, bottom))
        shapes.append(Shape(x0, top, x1, bottom, corners, _visible(r), bool(r.get("fill")), n, "rect"))
        segs += _segments(corners + corners[:1])
    for line in page.lines:
        segs += _segments(line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])])
    for n, c in enumerate(page.curves):
        pts = c.get("pts") or []
        if len(pts) < 2:
            continue
        x0, top, x1, bottom = c["x0"], c["top"], c["x1"], c["bottom"]
        closed = len(pts) > 3 and math.dist(pts[0], pts[-1]) <= 1.0
        # A thin closed outline is a line drawn filled: only its segments (elbows keep their edges).
        shape = closed and not (min(x1 - x0, bottom - top) < THIN or _area(pts) < 0.15 * (x1 - x0) * (bottom - top))
        segs += _segments(pts)
        if shape:
            shapes.append(Shape(x0, top, x1, bottom, _distinct(pts), _visible(c), bool(c.get("fill")), n, "curve"))
    area = page.width * page.height or 1.0
    covered = sum(max(0.0, im["x1"] - im["x0"]) * max(0.0, im["bottom"] - im["top"]) for im in page.images)
    return Page(number, page.width, page.height, words, segs, shapes, min(1.0, covered / area))
