"""Text cut to a width so that different values still look different. Pure: text in, text out
(cells counted as rich counts them, so wide characters are measured right).

Two ways, for two kinds of text:
- Names in a list column ("Perencanaan Kinerja · Kecamatan A" / "… B" both read "Perencanaan
  Kin…"): values that would look alike are cut in the middle, keeping their distinguishing tails
  ("Perencan…Kecamatan A"). `distinct_cuts`, used by widgets.fittedtable and cli.listing.
- Sentences, such as step activities, that share their opening words ("Memeriksa konsep Renja.
  Jika setuju, diserahkan kepada Tim…" / "…kepada Sekretaris…"): they keep their first words and
  then the part where they differ ("Memeriksa… Sekretaris…"), cut at word boundaries.
  `distinct_word_cuts` and `distinct_wraps`, used by the step list and the summary.
"""

from __future__ import annotations

from typing import Iterable

from .safetext import one_line

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


# Sentences: cut at word boundaries, apart where they differ.

def shorten(text: str, width: int) -> str:
    """One line of at most `width` cells, cut at a word boundary where one is near, with '…'."""
    text = one_line("" if text is None else text)
    if cells(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS if width == 1 else ""
    cut = text[:width - 1] if text.isascii() else text  # ASCII: a character a cell (long text: no loop)
    while cut and cells(cut) > width - 1:
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space >= (width - 1) * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–—/") + ELLIPSIS


def _shared_words(words: list[str], others: list[list[str]]) -> int:
    """How many opening words `words` shares with the most similar of `others`."""
    best = 0
    for other in others:
        n = 0
        while n < min(len(words), len(other)) and words[n] == other[n]:
            n += 1
        best = max(best, n)
    return best


def _from_difference(text: str, others: list[str], width: int) -> str:
    """As many opening words as leave the differing part room, '…', then the words from where
    `text` departs from `others` ("Memeriksa konsep… Sekretaris…"); in the least room, the first
    word cut ("Memerik… Sekre…")."""
    words = one_line(text).split()
    n = _shared_words(words, [one_line(o).split() for o in others])
    if n == 0 or n >= len(words):
        return shorten(text, width)
    tail = " ".join(words[n:])
    for k in range(n, 0, -1):
        head = " ".join(words[:k])
        if k < n:
            head = head.rstrip(" ,.;:-–—/") + ELLIPSIS
        rest = width - cells(head) - 1
        if rest >= min(cells(tail), 12):
            return head + " " + shorten(tail, rest)
    head = shorten(words[0], max(2, min(cells(words[0]) + 1, width // 2)))
    head = head if head.endswith(ELLIPSIS) else head + ELLIPSIS
    return head + " " + shorten(tail, max(1, width - cells(head) - 1))


def distinct_word_cuts(texts: list[str], widths: list[int] | int) -> list[str]:
    """Each text cut to its width (one width for all, or one each) so that texts that differ still
    differ once cut, where the width allows it at all."""
    widths = [widths] * len(texts) if isinstance(widths, int) else widths
    lines = [one_line(x) for x in texts]
    cuts = [shorten(x, w) for x, w in zip(texts, widths)]
    for i, cut in enumerate(cuts):
        if not cut.endswith(ELLIPSIS):
            continue  # shown whole
        # A cut that shows only what another text begins with reads like it, at any width: "×2"
        # after a step reworked leaves it less room than its look-alike, and the same cut is not
        # needed for both to read "Memeriksa konsep…".
        shown = cut[:-len(ELLIPSIS)]
        others = [texts[j] for j in range(len(texts)) if lines[j] != lines[i] and lines[j].startswith(shown)]
        if others:
            cuts[i] = _from_difference(texts[i], others, widths[i])
    return cuts


def wrap_lines(text: str, width: int, lines: int = 2) -> list[str]:
    """At most `lines` lines of `width` cells, broken at spaces; the last one cut with '…' if text
    remains. (A word longer than the width is cut too, never continued on the next line.)"""
    import textwrap

    # A word longer than the width stays on its line and is cut there ("Sekretar…"): broken, its
    # end would read as a word of its own on the next line ("Sekretari" / "s").
    out = textwrap.wrap(one_line(text), max(width, 1), break_long_words=False, break_on_hyphens=False) or [""]
    if len(out) > lines:
        out = out[:lines - 1] + [shorten(" ".join(out[lines - 1:]), width)]
    return [shorten(line, width) for line in out]


def wrap_clauses(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken only after a comma: "wait 55 min, work 1 h 00 m"
    becomes "wait 55 min," and "work 1 h 00 m", never "… work 1 h…" (a figure cut in half).
    A clause wider than the width alone is cut with '…'."""
    clauses = one_line(text).split(", ")
    lines: list[str] = []
    for i, clause in enumerate(clauses):
        piece = clause + ("," if i < len(clauses) - 1 else "")
        if lines and cells(lines[-1]) + 1 + cells(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return [shorten(line, width) for line in lines]


def distinct_wraps(texts: list[str], width: int, lines: int = 2) -> list[list[str]]:
    """wrap_lines for each text, so that texts that differ still differ once wrapped and cut."""
    wraps = [wrap_lines(x, width, lines) for x in texts]
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, w in enumerate(wraps):
        groups.setdefault(tuple(w), []).append(i)
    for members in groups.values():
        if len({one_line(texts[i]) for i in members}) < 2:
            continue
        for i in members:
            others = [texts[j] for j in members if one_line(texts[j]) != one_line(texts[i])]
            # The room of the lines less what breaking at spaces may leave unused on each.
            room = max(1, width * lines - (lines - 1) * (width // 3))
            wraps[i] = wrap_lines(_from_difference(texts[i], others, room), width, lines)
    return wraps
