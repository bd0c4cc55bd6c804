"""Text cut to a column's width so that different values still look different.

At 80 columns a list cuts long names; cut at the end, "Perencanaan Kinerja · Kecamatan A" and
"Perencanaan Kinerja · Kecamatan B" both read "Perencanaan Kin…". Values that would look alike
are cut in the middle instead, keeping their distinguishing tails ("Perencan…Kecamatan A"). Used
by the interactive lists (widgets.fittedtable) and the command line's (cli.listing). Pure.
"""

from __future__ import annotations

from typing import Iterable

ELLIPSIS = "…"


def cells(text: str) -> int:
    """Terminal cells taken by `text` (most cells are ASCII: one cell a character)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len
    return cell_len(text)


def head(text: str, width: int) -> str:
    """The start of `text` in at most `width` cells."""
    if text.isascii():
        return text[:max(width, 0)]
    from rich.cells import set_cell_size
    return set_cell_size(text, max(width, 0)).rstrip(" ") if cells(text) > width else text


def tail(text: str, width: int) -> str:
    """The end of `text` in at most `width` cells."""
    if width <= 0:
        return ""
    if text.isascii():
        return text[-width:]
    return head(text[::-1], width)[::-1]


def cut_end(text: str, width: int) -> str:
    """`text` in `width` cells, cut at the end with an ellipsis when longer."""
    if cells(text) <= width:
        return text
    return head(text, width - 1) + ELLIPSIS if width > 0 else ""


def cut_middle(text: str, width: int, kept: int) -> str:
    """`text` in `width` cells: its first `kept` cells, an ellipsis, and as much of its end as fits."""
    if cells(text) <= width:
        return text
    start = head(text, min(kept, width - 1))
    return start + ELLIPSIS + tail(text, width - 1 - cells(start))


def distinct_cuts(values: Iterable[str], width: int) -> dict[str, str]:
    """How the values that would look alike when cut at the end (to `width` cells) are shown
    instead: cut in the middle where that tells them all apart (`_starts`: the first place that
    does, else the one that tells the most apart). Other values are not in the answer: they are
    cut at the end as usual (cut_end), or not at all."""
    groups: dict[str, list[str]] = {}
    for value in set(values):
        if cells(value) > width:
            groups.setdefault(cut_end(value, width), []).append(value)
    shown: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2 or width < 3:
            continue
        best: tuple[int, dict[str, str]] | None = None
        for kept in _starts(width):
            tried = {v: cut_middle(v, width, kept) for v in group}
            different = len(set(tried.values()))
            if best is None or different > best[0]:
                best = (different, tried)
            if different == len(group):
                break
        if best is not None:
            shown.update(best[1])
    return shown


def _starts(width: int) -> list[int]:
    """How much of the start to keep, in the order tried: a third names the thing and leaves
    most of the width to the end, which tells the look-alikes apart."""
    return list(dict.fromkeys([width // 3, width // 2, width // 4, 3, 1, 0]))
