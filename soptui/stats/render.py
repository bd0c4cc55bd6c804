"""A period's step statistics (period.period_stats) as text, JSON, CSV, XLSX, HTML and Markdown.

Text, Markdown and HTML draw the same list of sections (sections.py), so every format says
everything; CSV and XLSX (sheets.py) carry the figures as numbers. Labels through i18n; SOP
content as data (never markup; HTML-escaped; spreadsheet formulas neutralised). rich and openpyxl
are imported by the functions that need them.
"""

from __future__ import annotations

import io
import json

from ..i18n import t
from ..safetext import html_text, json_safe
from .sections import Line, Steps, Table, Title, period_text, sections, step_cells, step_heads  # noqa: F401

BAR_WIDTH = 12  # cells; the standard sits at the middle, the bar stops at twice the standard
# The narrowest each column of the step table is drawn (No, Activity, Std, Att, Rew, %OK, Median,
# P90); a column widens to its longest figure so that none is cut.
STEP_MIN_WIDTHS = (2, 8, 8, 4, 5, 5, 8, 8)
NARROW_KEGIATAN, NARROW_BAR_WIDTH = 16, 8  # below this activity width the bar gives up 4 cells
WAKTU_MAX = 12  # an SOP's Waktu that is no duration stays as written: cut beyond this


def bar(step: dict, width: int = BAR_WIDTH) -> tuple[str, bool | None]:
    """The median against the standard in `width` cells ("|" = the standard), and whether within it."""
    ratio = step["ratio"]
    if ratio is None:
        return "", None
    half = width // 2
    filled = min(round(ratio * half), width)
    cells = ["█" if i < filled else " " for i in range(width)]
    cells.insert(half, "|")  # the standard, between the two halves
    return "".join(cells), ratio <= 1


def _rich_steps(block: dict, width: int, lang: str):
    from rich.cells import cell_len
    from rich.table import Table as RichTable

    from ..cuts import distinct_word_cuts, shorten
    from ..safetext import text as literal

    rows = [step_cells(s, lang) for s in block["steps"]]
    widths = [max([m, *(cell_len(r[i]) for r in rows)]) for i, m in enumerate(STEP_MIN_WIDTHS)]
    widths[2] = min(widths[2], WAKTU_MAX)
    widths[1] = 0
    bar_width = BAR_WIDTH
    keg = width - sum(widths) - (bar_width + 1) - len(widths)
    if keg < NARROW_KEGIATAN:  # a narrow screen: a coarser bar leaves the activity some words
        bar_width = NARROW_BAR_WIDTH
        keg += BAR_WIDTH - NARROW_BAR_WIDTH
    if keg < STEP_MIN_WIDTHS[1]:  # narrower still: no bar rather than cut figures
        bar_width, keg = 0, keg + NARROW_BAR_WIDTH + 2
    widths[1] = keg = max(STEP_MIN_WIDTHS[1], keg)
    widths.append(bar_width + 1 if bar_width else 0)
    table = RichTable(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    keys = ("no", "kegiatan", "waktu", "attempts", "rework", "rate", "median", "p90", "bar")
    for i, key in enumerate(keys if bar_width else keys[:-1]):
        table.add_column(literal(shorten(t(f"stats.short.{key}"), widths[i])), no_wrap=True, width=widths[i],
                         justify="right" if i in (0, 3, 4, 5, 6, 7) else "left")
    # Activities that open alike ("Memeriksa konsep Renja. Jika setuju, ... Tim" / "... Sekretaris")
    # keep the words where they differ, as in the step list.
    names = distinct_word_cuts([r[1] for r in rows], keg)
    for s, cells, name in zip(block["steps"], rows, names):
        cells[1], cells[2] = name, shorten(cells[2], widths[2])
        drawn, within = bar(s, bar_width) if bar_width else ("", None)
        extra = [literal(drawn, style="green" if within else "red" if within is False else "")] if bar_width else []
        table.add_row(*[literal(c) for c in cells], *extra)
    return table


def renderable(stats: dict, width: int = 80, lang: str = "id"):
    """A rich Group that fits `width` columns."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table as RichTable

    from ..safetext import text as literal

    parts: list = []
    for part in sections(stats, lang):
        if isinstance(part, Title):
            if part.level == 2:
                parts.append(Rule(style="grey50"))
            parts.append(literal(part.text, style="bold"))
        elif isinstance(part, Line):
            parts.append(literal(("  " if part.item else "") + part.text, style="grey50" if part.muted else ""))
        elif isinstance(part, Steps):
            parts.append(_rich_steps(part.block, width, lang))
        else:
            table = RichTable(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
            for i, head in enumerate(part.heads):
                table.add_column(literal(head), justify="right" if i in part.right else "left", overflow="fold")
            for row in part.rows:
                table.add_row(*[literal(c) for c in row])
            parts.append(table)
    return Group(*parts)


def to_text(stats: dict, width: int = 80, lang: str = "id") -> str:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width, no_color=True, highlight=False, emoji=False).print(renderable(stats, width, lang))
    return buf.getvalue()


def to_markdown(stats: dict, lang: str = "id") -> str:
    from ..report.tables import _md, _md_table

    lines: list[str] = []
    for part in sections(stats, lang):
        if isinstance(part, Title):
            lines += [""] if lines and lines[-1] else []  # a list before it ends
            lines += ["#" * part.level + " " + _md(part.text), ""]
        elif isinstance(part, Line):
            text = f"_{_md(part.text)}_" if part.muted else _md(part.text)
            lines += [f"- {text}"] if part.item else [text, ""]
        elif isinstance(part, Steps):
            rows = [[*step_cells(s, lang), f"`{bar(s)[0]}`" if s["ratio"] is not None else ""]
                    for s in part.block["steps"]]
            lines += [*_md_table([*step_heads(), t("stats.col.bar")], rows), ""]
        else:
            lines += [""] if lines and lines[-1] else []
            lines += [*_md_table(part.heads, part.rows), ""]
    return "\n".join(lines)


def _html_table(heads: list[str], rows: list[list[str]], right: frozenset[int], extra: list[str] | None = None) -> str:
    e = html_text
    out = ["<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr></thead><tbody>"]
    for n, row in enumerate(rows):
        cells = "".join(f'<td class="num">{e(c)}</td>' if i in right else f"<td>{e(c)}</td>" for i, c in enumerate(row))
        out.append(f"<tr>{cells}{extra[n] if extra else ''}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_track(step: dict) -> str:
    if step["ratio"] is None:
        return "<td></td>"
    cls = "on_time" if step["ratio"] <= 1 else "late"
    return (f'<td><div class="track"><div class="bar {cls}" style="left:0;width:{min(step["ratio"], 2) * 50:.1f}%">'
            '</div><div class="std"></div></div></td>')


def to_html(stats: dict, lang: str = "id") -> str:
    from ..report.html import HTML_STYLE
    from .sections import STEP_RIGHT
    e = html_text

    out = ["<!DOCTYPE html>", f'<html lang="{e(lang)}">', '<head><meta charset="utf-8"/>',
           f"<title>{e(t('stats.title'))}</title><style>{HTML_STYLE}"
           ".std{position:absolute;top:-2px;bottom:-2px;left:50%;border-left:2px solid #111}"
           ".muted{color:#555}.item{margin:.2em 0 .2em 1.5em}</style></head><body>"]
    for part in sections(stats, lang):
        if isinstance(part, Title):
            out.append(f"<h{part.level}>{e(part.text)}</h{part.level}>")
        elif isinstance(part, Line):
            cls = " ".join(c for c, on in (("muted", part.muted), ("item", part.item)) if on)
            out.append(f'<p class="{cls}">{e(part.text)}</p>' if cls else f"<p>{e(part.text)}</p>")
        elif isinstance(part, Steps):
            steps = part.block["steps"]
            out.append(_html_table([*step_heads(), t("stats.col.bar")], [step_cells(s, lang) for s in steps],
                                   STEP_RIGHT, [_html_track(s) for s in steps]))
        else:
            out.append(_html_table(part.heads, part.rows, part.right))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export(stats: dict, fmt: str, lang: str = "id", width: int = 80) -> str | bytes:
    from .sheets import to_csv, to_xlsx

    if fmt == "json":
        return json_safe(json.dumps(stats, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "text":
        return to_text(stats, width, lang)
    if fmt == "csv":
        return to_csv(stats)
    if fmt == "xlsx":
        return to_xlsx(stats, lang)
    if fmt == "md":
        return to_markdown(stats, lang)
    return to_html(stats, lang)
