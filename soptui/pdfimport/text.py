"""Words to text: the words of a region, read as lines, phrases and numbered items."""

from __future__ import annotations

import re

from .geometry import Word


# A line of words has what a word has: its text and its box.
Line = Word


def inside(words, x0: float, top: float, x1: float, bottom: float) -> list[Word]:
    """The words whose centre lies in the box."""
    return [w for w in words if x0 <= w.cx <= x1 and top <= w.cy <= bottom]


def lines(words, gap: float | None = None) -> list[Line]:
    """Words grouped into lines (top to bottom); with `gap`, a line is also cut where words stand
    further apart than that (two columns side by side become two phrases)."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in rows:
            ref = row[0]
            if abs(ref.cy - w.cy) <= max(2.0, 0.45 * (ref.bottom - ref.top)):
                row.append(w)
                break
        else:
            rows.append([w])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        parts: list[list[Word]] = [[row[0]]]
        for w in row[1:]:
            if gap is not None and w.x0 - parts[-1][-1].x1 > gap:
                parts.append([w])
            else:
                parts[-1].append(w)
        for part in parts:
            out.append(Line(" ".join(w.text for w in part), part[0].x0, min(w.top for w in part),
                            part[-1].x1, max(w.bottom for w in part)))
    out.sort(key=lambda ln: (round(ln.top), ln.x0))
    return out


def joined(words) -> str:
    """The words of a cell as one text (its lines joined with spaces)."""
    return " ".join(ln.text for ln in lines(words)).strip()


_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.,)]|\(?[a-zA-Z][.)]|[-•*·▪–])\s+")


COLUMN_GAP = 12.0  # points of blank between two phrases of one line: side-by-side columns
COLUMN_STEP = 40.0  # item markers this far apart across the page start different columns


def _columns(words) -> list[list[Word]] | None:
    """A list printed in columns side by side ("1. Alat Tulis    4. Printer"): the words of each
    column, left to right; None when the items stand in one column."""
    marks = [ln for ln in lines(words, gap=COLUMN_GAP) if _MARK.match(ln.text + " ")]
    starts: list[float] = []
    for x in sorted(ln.x0 for ln in marks):
        if not starts or x - starts[-1] > COLUMN_STEP:
            starts.append(x)
    # side by side: at least two lines where items of different columns begin on the same line
    beside = sum(1 for a in marks for b in marks if b.x0 - a.x0 > COLUMN_STEP and abs(a.cy - b.cy) <= 2)
    if len(starts) < 2 or beside < 2:
        return None
    cols: list[list[Word]] = [[] for _ in starts]
    for w in words:  # each word to the column it starts in (the rightmost start at or left of it)
        k = max((i for i, x in enumerate(starts) if x - 2 <= w.x0), default=0)
        cols[k].append(w)
    marked = [sum(1 for ln in lines(c) if _MARK.match(ln.text + " ")) for c in cols]
    return cols if all(marked) else None


def items(words) -> tuple[str, ...]:
    """A cell or box as a list: a line that starts with a number, letter or bullet starts an item;
    other lines continue the one before. Trailing ';' and the markers themselves are dropped. A
    list printed in columns is read down each column in turn."""
    cols = _columns(words)
    if cols is not None:
        return tuple(x for col in cols for x in items(col))
    out: list[str] = []
    for ln in lines(words):
        text = ln.text.strip()
        if not text:
            continue
        marked = _MARK.match(text)
        if marked or not out:
            out.append(text[marked.end():] if marked else text)
        else:
            out[-1] = f"{out[-1]} {text}"
    return tuple(x.strip().rstrip(";").strip() for x in out if x.strip().rstrip(";").strip())


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
