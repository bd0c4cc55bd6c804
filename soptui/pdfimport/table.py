"""The step table: its header, columns and rows, on every page it runs over.

Found by its header words (No, Kegiatan/Aktivitas, Waktu), not by position: the columns are the
vertical rules that cross the Waktu label, the lanes are the columns between Kegiatan and the first
Mutu Baku column. A page without a header continues the table when its rules stand where the last
header put them. A header whose first row is numbered 1 again starts a new procedure (several step
tables in one document, each under its own caption).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .geometry import Page, Seg, Word
from .text import inside, items, joined, lines, squash

_KEGIATAN = re.compile(r"^(kegiatan|aktivitas|aktifitas|uraian)\b", re.I)
_WAKTU = re.compile(r"^waktu\b", re.I)
_NO = re.compile(r"^(no|no\.|nomor|nomer)$", re.I)
_MUTU = re.compile(r"^(kelengkapan|persyaratan|persyaratan/?|sumber|waktu|output|keluaran|hasil)", re.I)
_KELENGKAPAN = re.compile(r"^(kelengkapan|persyaratan|sumber)", re.I)
_OUTPUT = re.compile(r"^(output|keluaran|hasil)", re.I)
_KET = re.compile(r"^(keterangan|ket\.?)$", re.I)
_STEP_NO = re.compile(r"^\(?(\d{1,3})[.)]?$")


class Columns(NamedTuple):
    """x-intervals of one page's table."""

    no: tuple[float, float]
    kegiatan: tuple[float, float]
    lanes: tuple[tuple[float, float], ...]
    lane_names: tuple[str, ...]
    kelengkapan: tuple[float, float] | None
    waktu: tuple[float, float]
    output: tuple[float, float] | None
    keterangan: tuple[float, float] | None


class Row(NamedTuple):
    page: int
    printed: str
    no: int
    top: float
    bottom: float
    kegiatan: str
    kelengkapan: tuple[str, ...]
    waktu: str
    waktu_shared: bool  # the Waktu cell started in an earlier row (a merged cell)
    output: str
    keterangan: str
    split: bool = False  # the row goes on over a page break (its text joined here)
    shared: tuple[str, ...] = ()  # other Mutu Baku/Keterangan cells that started in an earlier row


class Procedure(NamedTuple):
    caption: str
    lane_names: tuple[str, ...]
    rows: list[Row]
    columns: dict[int, Columns]  # page number -> that page's columns
    pieces: list[tuple[int, Row]]  # (row index, the part of that row on a later page): split rows


def _cluster(values, tol: float = 2.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _vsegs_crossing(segs, y: float) -> list[Seg]:
    return [s for s in segs if s.vertical and min(s.y0, s.y1) - 1 <= y <= max(s.y0, s.y1) + 1]


def _hsegs_crossing(segs, x: float, top: float, bottom: float) -> list[float]:
    return _cluster(s.y0 for s in segs if s.horizontal and min(s.x0, s.x1) - 1 <= x <= max(s.x0, s.x1) + 1
                    and top - 1 <= s.y0 <= bottom + 1)


def _interval(bounds: list[float], x: float) -> tuple[float, float] | None:
    for a, b in zip(bounds, bounds[1:]):
        if a <= x <= b:
            return (a, b)
    return None


class Header(NamedTuple):
    columns: Columns
    top: float
    bottom: float


def find_header(page: Page) -> Header | None:
    """The step table's header on this page: No, Kegiatan and Waktu labels under one set of rules
    (a form's own heading words are capitalised; running text that uses the same words is not)."""
    words = [w for w in page.words if w.text[:1].isupper()]
    keg = [w for w in words if _KEGIATAN.match(w.text)]
    wak = [w for w in words if _WAKTU.match(w.text)]
    best: Header | None = None
    for k in keg:
        nos = [w for w in words if _NO.match(w.text) and w.x1 <= k.x0 and abs(w.cy - k.cy) < 15]
        for wa in wak:
            if wa.x0 <= k.x1 or abs(wa.cy - k.cy) > 40 or not nos:
                continue
            header = _columns(page, nos[-1], k, wa)
            if header is not None and (best is None or len(header.columns.lanes) > len(best.columns.lanes)):
                best = header
    return best


def _columns(page: Page, no: Word, keg: Word, waktu: Word) -> Header | None:
    crossing = _vsegs_crossing(page.segs, waktu.cy)
    bounds = _cluster(s.x0 for s in crossing)
    if len(bounds) < 4:
        return None
    top_of: dict[float, float] = {}
    for s in crossing:
        for b in bounds:
            if abs(s.x0 - b) <= 2.5:
                top_of[b] = min(top_of.get(b, 1e9), min(s.y0, s.y1))
    no_col, keg_col, wak_col = (_interval(bounds, no.cx), _interval(bounds, keg.cx), _interval(bounds, waktu.cx))
    if not no_col or not keg_col or not wak_col or not keg_col[1] <= wak_col[0]:
        return None
    # the table's top: the last rule above the header's words across the No column (the page's
    # frame may run from the top of the page)
    above = _hsegs_crossing(page.segs, (no_col[0] + no_col[1]) / 2, 0, min(no.top, keg.top, waktu.top))
    table_top = above[-1] if above else min(top_of.values())
    band = [w for w in page.words if table_top - 2 <= w.cy <= waktu.bottom + 30 and w.cx > keg_col[1]]
    mutu_x = [w.cx for w in band if _MUTU.match(w.text)]
    first_mutu = min((_interval(bounds, x) or wak_col for x in mutu_x), default=wak_col)[0]
    header_bottom = _header_bottom(page, no_col, max(no.bottom, keg.bottom, waktu.bottom))
    lanes = tuple((a, b) for a, b in zip(bounds, bounds[1:]) if a >= keg_col[1] - 1 and b <= first_mutu + 1)
    names = []
    for a, b in lanes:
        lane_top = max(top_of.get(a, table_top), top_of.get(b, table_top))
        # the group label ("Pelaksana") stands above the lanes' own rules; a name may overflow them
        words = [w for w in page.words if a <= w.cx <= b and table_top <= w.cy and w.top < header_bottom - 1
                 and (w.cy >= lane_top - 2 or not re.match(r"^pelaksana", w.text, re.I))]
        names.append(squash(joined(words)))

    def col(rx) -> tuple[float, float] | None:
        hits = [w for w in band if rx.match(w.text) and w.cy < header_bottom]
        return _interval(bounds, hits[0].cx) if hits else None

    cols = Columns(no_col, keg_col, lanes, tuple(names), col(_KELENGKAPAN), wak_col, col(_OUTPUT), col(_KET))
    return Header(cols, table_top, header_bottom)


def _header_bottom(page: Page, no_col, below: float) -> float:
    ys = _hsegs_crossing(page.segs, (no_col[0] + no_col[1]) / 2, below, page.height)
    return ys[0] if ys else below + 2


def _table_bottom(page: Page, cols: Columns, top: float) -> float:
    x = cols.no[0]
    ends = [max(s.y0, s.y1) for s in page.segs if s.vertical and abs(s.x0 - x) <= 2.5 and max(s.y0, s.y1) > top]
    return max(ends, default=page.height)


def _caption(page: Page, top: float) -> str:
    above = [ln for ln in lines([w for w in page.words if top - 45 <= w.bottom <= top - 1], gap=30)]
    return squash(" ".join(ln.text for ln in above if not re.fullmatch(r"[-\d\s]+", ln.text)))


def read_rows(page: Page, cols: Columns, top: float, bottom: float) -> list[Row]:
    """The numbered rows of one page's part of the table (between `top` and `bottom`)."""
    nx = (cols.no[0] + cols.no[1]) / 2
    bounds = _hsegs_crossing(page.segs, nx, top, bottom)
    found = [w for w in page.words if cols.no[0] <= w.cx <= cols.no[1] and top < w.cy < bottom
             and _STEP_NO.match(w.text)]
    rows: list[Row] = []
    # A cell may be merged over several rows: read by its own rules, whole, and marked shared in
    # the rows after the first.
    merged = {name: c for name in ("kelengkapan", "waktu", "output", "keterangan") if (c := getattr(cols, name))}
    rules = {name: _hsegs_crossing(page.segs, (c[0] + c[1]) / 2, top, bottom) for name, c in merged.items()}
    seen: dict[str, set[tuple[float, float]]] = {name: set() for name in merged}
    for i, w in enumerate(found):
        r_top = max([b for b in bounds if b <= w.top + 1], default=top)
        r_bottom = min([b for b in bounds if b >= w.bottom - 1], default=bottom)
        if i + 1 < len(found) and r_bottom > found[i + 1].top:
            r_bottom = (w.bottom + found[i + 1].top) / 2
        kegiatan = squash(joined(inside(page.words, cols.kegiatan[0], r_top, cols.kegiatan[1], r_bottom)))
        if re.fullmatch(r"\(?\d{1,2}\)?", kegiatan):
            continue  # the row of column numbers under the header
        cells, shared = {}, []
        for name, c in merged.items():
            c_top = max([b for b in rules[name] if b <= r_top + 2], default=r_top)
            c_bottom = min([b for b in rules[name] if b >= r_bottom - 2], default=r_bottom)
            key = (round(c_top, 1), round(c_bottom, 1))
            if key in seen[name]:
                shared.append(name)
            seen[name].add(key)
            cells[name] = inside(page.words, c[0], c_top, c[1], c_bottom)
        no = int(_STEP_NO.match(w.text).group(1))  # type: ignore[union-attr]
        rows.append(Row(page.number, w.text, no, r_top, r_bottom, kegiatan, items(cells.get("kelengkapan", [])),
                        squash(joined(cells["waktu"])), "waktu" in shared, squash(joined(cells.get("output", []))),
                        squash(joined(cells.get("keterangan", []))),
                        shared=tuple(n for n in shared if n != "waktu")))
    return rows


def read_procedures(pages: list[Page]) -> list[Procedure]:
    procs: list[Procedure] = []
    cols: Columns | None = None
    for page in pages:
        header, new = find_header(page), False
        if header is not None:
            cols, top = header.columns, header.bottom
            rows = read_rows(page, cols, top, _table_bottom(page, cols, top))
            new = not procs or bool(rows and rows[0].no == 1 and procs[-1].rows)
            if new:
                procs.append(Procedure(_caption(page, _no_top(page, cols)), cols.lane_names, [], {}, []))
        elif cols is not None and _continues(page, cols):
            top = _no_top(page, cols)
            rows = read_rows(page, cols, top - 1, _table_bottom(page, cols, top))
        else:
            continue
        if procs and procs[-1].rows and not new:
            carry = _carried(page, cols, top, rows[0].top if rows else _table_bottom(page, cols, top))
            if carry is not None:
                _join_split(procs[-1], carry)
                procs[-1].columns[page.number] = cols
        if rows and procs:
            procs[-1].rows.extend(rows)
            procs[-1].columns[page.number] = cols
    return [p for p in procs if p.rows]


def _carried(page: Page, cols: Columns, top: float, end: float) -> Row | None:
    """What stands above a page's first numbered row: the rest of the row the page before ended
    with, when a row is split over the page break (not the row of column numbers under a header)."""
    if end - top < 10:
        return None
    cell = lambda c: inside(page.words, c[0], top, c[1], end) if c else []  # noqa: E731
    texts = [squash(joined(cell(c))) for c in (cols.kegiatan, cols.waktu, cols.output, cols.keterangan)]
    if all(re.fullmatch(r"[\s\d()]*", x) for x in texts) and not items(cell(cols.kelengkapan)):
        return None  # empty, or the numbers of the columns
    return Row(page.number, "", -1, top, end, texts[0], items(cell(cols.kelengkapan)), texts[1], False,
               texts[2], texts[3], split=True)


def _join_split(proc: Procedure, carry: Row) -> None:
    """The row the page before ended with, completed by the part `carry` on this page."""
    last = proc.rows[-1]

    def join(a: str, b: str) -> str:
        return squash(f"{a} {b}") if a and b else a or b

    proc.rows[-1] = last._replace(kegiatan=join(last.kegiatan, carry.kegiatan),
                                  kelengkapan=last.kelengkapan + carry.kelengkapan,
                                  waktu=join(last.waktu, carry.waktu), output=join(last.output, carry.output),
                                  keterangan=join(last.keterangan, carry.keterangan), split=True)
    proc.pieces.append((len(proc.rows) - 1, carry))


def _no_top(page: Page, cols: Columns) -> float:
    return min((min(s.y0, s.y1) for s in page.segs if s.vertical and abs(s.x0 - cols.no[0]) <= 2.5),
               default=0.0)


def _continues(page: Page, cols: Columns) -> bool:
    """A page without a header whose vertical rules stand where the last header's did."""
    xs = _cluster(s.x0 for s in page.segs if s.vertical and s.length > 20)
    want = [cols.no[0], cols.kegiatan[0], cols.waktu[0]]
    return all(any(abs(x - w) <= 3 for x in xs) for w in want)
