"""Cutting text to a width without making two things look the same.

Step names in an SOP often share their opening words ("Memeriksa konsep Renja. Jika setuju,
diserahkan kepada Tim…" and "…kepada Sekretaris…"): cut at the end, both read "Memeriksa
konsep…". Where plain cuts collide, the text keeps its first word and then the part where it
differs from the others ("Memeriksa… Sekretaris…"). Pure: text in, text out (cells counted as
rich counts them, so wide characters are measured right).
"""

from __future__ import annotations

from .safetext import one_line


def cell_len(text: str) -> int:
    from rich.cells import cell_len as cells  # rich is loaded by what draws, not by importing this

    return cells(text)

ELLIPSIS = "…"


def shorten(text: str, width: int) -> str:
    """One line of at most `width` cells, cut at a word boundary where one is near, with '…'."""
    text = one_line("" if text is None else text)
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS if width == 1 else ""
    cut = text
    while cut and cell_len(cut) > width - 1:
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
        rest = width - cell_len(head) - 1
        if rest >= min(cell_len(tail), 12):
            return head + " " + shorten(tail, rest)
    head = shorten(words[0], max(2, min(cell_len(words[0]) + 1, width // 2)))
    head = head if head.endswith(ELLIPSIS) else head + ELLIPSIS
    return head + " " + shorten(tail, max(1, width - cell_len(head) - 1))


def distinct_cuts(texts: list[str], widths: list[int] | int) -> list[str]:
    """Each text cut to its width (one width for all, or one each) so that texts that differ still
    differ once cut, where the width allows it at all."""
    widths = [widths] * len(texts) if isinstance(widths, int) else widths
    cuts = [shorten(x, w) for x, w in zip(texts, widths)]
    groups: dict[str, list[int]] = {}
    for i, cut in enumerate(cuts):
        groups.setdefault(cut, []).append(i)
    for members in groups.values():
        differing = {one_line(texts[i]) for i in members}
        if len(differing) < 2:
            continue  # the same text (or one alone): the same cut is right
        for i in members:
            others = [texts[j] for j in members if one_line(texts[j]) != one_line(texts[i])]
            cuts[i] = _from_difference(texts[i], others, widths[i])
    return cuts


def wrap_lines(text: str, width: int, lines: int = 2) -> list[str]:
    """At most `lines` lines of `width` cells, broken at spaces; the last one cut with '…' if text
    remains. (A word longer than the width is cut too, never continued on the next line.)"""
    import textwrap

    out = textwrap.wrap(one_line(text), max(width, 1), break_long_words=True, break_on_hyphens=False) or [""]
    if len(out) > lines:
        out = out[:lines - 1] + [shorten(" ".join(out[lines - 1:]), width)]
    return [shorten(line, width) for line in out]


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
