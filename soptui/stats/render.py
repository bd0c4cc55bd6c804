"""A period's step statistics (period.period_stats) as text, JSON, CSV, XLSX, HTML and Markdown.

Labels through i18n; SOP content as data (never markup; HTML-escaped; spreadsheet formulas
neutralised). rich, csv and openpyxl are imported by the functions that need them.
"""

from __future__ import annotations

import io
import json

from ..durations import format_seconds, rate_text, waktu_text
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)
from ..safetext import html_text, json_safe, one_line, visible

BAR_WIDTH = 12  # cells; the standard sits at the middle, the bar stops at twice the standard
CSV_COLUMNS = ("sop_id", "no", "kegiatan", "pelaksana", "waktu", "runs", "attempts", "rework", "measured",
               "on_time", "on_time_rate", "median_working_seconds", "p90_working_seconds",
               "standard_median_working_seconds", "slowest_rank")




def period_text(stats: dict) -> str:
    if stats["from"] or stats["to"]:
        return t("stats.period", start=stats["from"] or "…", end=stats["to"] or "…")
    return t("stats.period_all")


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


def step_cells(s: dict, lang: str) -> list[str]:
    return [str(s["no"]), one_line(s["kegiatan"]), one_line(waktu_text(s["waktu"], lang, short=True)) or "—", str(s["attempts"]), str(s["rework"]),
            rate_text(s["on_time_rate"]), format_seconds(s["median_s"], lang), format_seconds(s["p90_s"], lang)]


def step_heads() -> list[str]:
    return [t(f"stats.col.{k}") for k in ("no", "kegiatan", "waktu", "attempts", "rework", "rate", "median", "p90")]


def renderable(stats: dict, width: int = 80, lang: str = "id"):
    """A rich Group that fits `width` columns."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table

    from ..cuts import distinct_word_cuts
    from ..cuts import shorten
    from ..safetext import text as literal

    parts: list = [literal(t("stats.title"), style="bold"), literal(period_text(stats))]
    if not stats["sops"]:
        parts.append(literal(t("stats.none")))
        return Group(*parts)
    for block in stats["sops"]:
        parts.append(Rule(style="grey50"))
        parts.append(literal(f"{one_line(block['nomor'])} · {one_line(block['nama'])} ({block['sop_id']})",
                             style="bold"))
        parts.append(literal(t("stats.runs", **block["runs"])))
        tot = block["totals"]
        parts.append(literal(t("stats.totals", on_time=tot["on_time"], measured=tot["measured"],
                               rate=rate_text(tot["on_time_rate"]), loops=tot["rework_loops"])))
        table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
        widths = [2, 0, 8, 4, 5, 5, 8, 8, BAR_WIDTH + 1]
        keg = max(8, width - sum(widths) - len(widths) + 1)
        widths[1] = keg
        for i, key in enumerate(("no", "kegiatan", "waktu", "attempts", "rework", "rate", "median", "p90", "bar")):
            table.add_column(literal(shorten(t(f"stats.short.{key}"), widths[i])), no_wrap=True, width=widths[i],
                             justify="right" if i in (0, 3, 4, 5, 6, 7) else "left")
        # Activities that open alike ("Memeriksa konsep Renja. Jika setuju, ... Tim" / "... Sekretaris")
        # keep the words where they differ, as in the step list.
        names = distinct_word_cuts([one_line(s["kegiatan"]) for s in block["steps"]], keg)
        for s, name in zip(block["steps"], names):
            cells = step_cells(s, lang)
            cells[1] = name
            cells[2] = shorten(cells[2], 8)
            drawn, within = bar(s)
            table.add_row(*[literal(c) for c in cells],
                          literal(drawn, style="green" if within else "red" if within is False else ""))
        parts.append(table)
        parts.append(literal(t("stats.legend"), style="grey50"))
        if block["slowest"]:
            parts.append(literal(t("stats.slowest", steps=", ".join(str(n) for n in block["slowest"]))))
        if block["decisions"]:
            parts.append(literal(t("stats.decisions"), style="bold"))
            for d in block["decisions"]:
                parts.append(literal("  " + t("stats.decision_line", step=d["step"], tidak=d["tidak"],
                                                    target=d["target"], ya=d["ya"])))
        parts.append(literal(t("stats.roles"), style="bold"))
        roles = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
        for i, key in enumerate(("role", "attempts", "rate", "median", "people")):
            roles.add_column(literal(t(f"stats.col.{key}")), justify="right" if i in (1, 2, 3) else "left",
                             overflow="fold")
        for r in block["roles"]:
            roles.add_row(literal(one_line(r["role"])), literal(str(r["attempts"])), literal(rate_text(r["on_time_rate"])),
                          literal(format_seconds(r["median_s"], lang)), literal(one_line(", ".join(r["people"]))))
        parts.append(roles)
    if any(b["runs"]["cancelled"] for b in stats["sops"]):
        parts.append(literal(t("stats.cancelled_note"), style="grey50"))
    return Group(*parts)


def to_text(stats: dict, width: int = 80, lang: str = "id") -> str:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width, no_color=True, highlight=False, emoji=False).print(renderable(stats, width, lang))
    return buf.getvalue()


def csv_rows(stats: dict) -> list[list]:
    rows = []
    for block in stats["sops"]:
        rank = {no: i for i, no in enumerate(block["slowest"], 1)}
        for s in block["steps"]:
            rows.append([block["sop_id"], s["no"], s["kegiatan"], s["pelaksana"], s["waktu"], s["runs"],
                         s["attempts"], s["rework"], s["measured"], s["on_time"], s["on_time_rate"], s["median_s"],
                         s["p90_s"], s["std_median_s"], rank.get(s["no"])])
    return rows


def to_csv(stats: dict) -> str:
    import csv

    from ..report.tables import neutralise

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(stats):
        writer.writerow(["" if v is None else neutralise(visible(v)) if isinstance(v, str) else
                         round(v, 3) if isinstance(v, float) else v for v in row])
    return buf.getvalue()


def to_xlsx(stats: dict, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..report.tables import neutralise

    def cell(v):
        return neutralise(visible(v)) if isinstance(v, str) else v

    wb = Workbook()
    sheets = [(t("stats.sheet.runs"), [t("stats.col.sop"), "Nomor", t("stats.col.started"), t("stats.col.finished"),
                                       t("stats.col.cancelled"), t("stats.col.in_progress"), t("stats.col.rate")],
               [[b["sop_id"], b["nomor"], *b["runs"].values(), b["totals"]["on_time_rate"]] for b in stats["sops"]]),
              (t("stats.sheet.steps"), [t("stats.col.sop"), *step_heads(), t("stats.col.std"), t("stats.col.rank")],
               [[b["sop_id"], *step_cells(s, lang)[:5], s["on_time_rate"], round((s["median_s"] or 0) / 60, 2),
                 round((s["p90_s"] or 0) / 60, 2), round((s["std_median_s"] or 0) / 60, 2),
                 (b["slowest"].index(s["no"]) + 1) if s["no"] in b["slowest"] else None]
                for b in stats["sops"] for s in b["steps"]]),
              (t("stats.sheet.roles"), [t("stats.col.sop"), t("stats.col.role"), t("stats.col.attempts"),
                                        t("stats.col.rate"), t("stats.col.median"), t("stats.col.people")],
               [[b["sop_id"], r["role"], r["attempts"], r["on_time_rate"], round((r["median_s"] or 0) / 60, 2),
                 ", ".join(r["people"])] for b in stats["sops"] for r in b["roles"]]),
              (t("stats.sheet.decisions"), [t("stats.col.sop"), t("stats.col.decision"), t("stats.col.target"),
                                            t("stats.col.tidak"), t("stats.col.ya"), t("stats.col.per_run")],
               [[b["sop_id"], d["step"], d["target"], d["tidak"], d["ya"], d["loops_per_run"]]
                for b in stats["sops"] for d in b["decisions"]])]
    for i, (title, head, rows) in enumerate(sheets):
        ws = wb.worksheets[0] if i == 0 else wb.create_sheet()
        ws.title = title[:31]
        ws.append(head)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([cell(v) for v in row])
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_markdown(stats: dict, lang: str = "id") -> str:
    from ..report.tables import _md_table

    lines = [f"# {t('stats.title')}", "", period_text(stats), ""]
    if not stats["sops"]:
        return "\n".join(lines + [t("stats.none"), ""])
    for b in stats["sops"]:
        lines += [f"## {b['nomor']} · {b['nama']} ({b['sop_id']})".replace("\n", " "), "", t("stats.runs", **b["runs"]), ""]
        lines += _md_table(step_heads(), [step_cells(s, lang) for s in b["steps"]])
        if b["slowest"]:
            lines += ["", t("stats.slowest", steps=", ".join(str(n) for n in b["slowest"]))]
        lines += ["", f"### {t('stats.roles')}", ""]
        lines += _md_table([t("stats.col.role"), t("stats.col.attempts"), t("stats.col.rate"), t("stats.col.median"),
                            t("stats.col.people")],
                           [[r["role"], r["attempts"], rate_text(r["on_time_rate"]), format_seconds(r["median_s"], lang),
                             ", ".join(r["people"])] for r in b["roles"]])
        lines.append("")
    return "\n".join(lines)


def to_html(stats: dict, lang: str = "id") -> str:
    from ..report.html import HTML_STYLE
    e = html_text

    out = ["<!DOCTYPE html>", f'<html lang="{e(lang)}">', '<head><meta charset="utf-8"/>',
           f"<title>{e(t('stats.title'))}</title><style>{HTML_STYLE}"
           ".std{position:absolute;top:-2px;bottom:-2px;left:50%;border-left:2px solid #111}</style></head><body>",
           f"<h1>{e(t('stats.title'))}</h1>", f"<p>{e(period_text(stats))}</p>"]
    if not stats["sops"]:
        out.append(f"<p>{e(t('stats.none'))}</p>")
    for b in stats["sops"]:
        out += [f"<h2>{e(b['nomor'])} · {e(b['nama'])} ({e(b['sop_id'])})</h2>", f"<p>{e(t('stats.runs', **b['runs']))}</p>",
                "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in step_heads() + [t("stats.col.bar")]) +
                "</tr></thead><tbody>"]
        for s in b["steps"]:
            cells = "".join(f'<td class="num">{e(c)}</td>' if i not in (1, 2) else f"<td>{e(c)}</td>"
                            for i, c in enumerate(step_cells(s, lang)))
            track = ""
            if s["ratio"] is not None:
                cls = "on_time" if s["ratio"] <= 1 else "late"
                track = (f'<div class="track"><div class="bar {cls}" style="left:0;width:{min(s["ratio"], 2) * 50:.1f}%">'
                         '</div><div class="std"></div></div>')
            out.append(f"<tr>{cells}<td>{track}</td></tr>")
        out.append("</tbody></table>")
        if b["slowest"]:
            out.append(f"<p>{e(t('stats.slowest', steps=', '.join(str(n) for n in b['slowest'])))}</p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export(stats: dict, fmt: str, lang: str = "id", width: int = 80) -> str | bytes:
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
