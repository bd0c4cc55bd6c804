"""The monitoring form (Tabel 7) and the evaluation form as text, JSON, XLSX, print-ready HTML and
Markdown. What people typed and SOP content are data: HTML-escaped, spreadsheet formulas
neutralised, control characters shown.

A form is exported whole in the language it was made in (its "lang"): a saved form is a record
the penilai signed, so its words (the evidence, the actions, the figures beside the questions)
stay as they were saved, and its labels follow them, so that the printed form reads as one
document. A form saved in Indonesian prints in Indonesian whatever language the reader uses.
"""

from __future__ import annotations

import io
import json

from ..durations import rate_text
from ..i18n import t, using_lang
from ..messages import stats as _messages  # noqa: F401
from ..safetext import html_text, json_safe, one_line, visible
from .forms import EVALUATION, QUESTIONS


def verdict_text(value: str) -> str:
    return t(f"monitor.{value}") if value in ("baik", "tidak_baik") else ""


def answer_text(value) -> str:
    return t(f"eval.{value}") if value in ("ya", "tidak") else t("eval.unanswered")


def score_text(value: float | None) -> str:
    """The share of "ya" answers; until all seven are answered there is none, and it says so."""
    return t("eval.score_none") if value is None else t("eval.score", score=rate_text(value))


def number(value: float, lang: str | None) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def rule_text(form: dict) -> str:
    rule = form["rule"]
    return t("monitor.rule", rate=rate_text(rule["min_on_time"]),
             rework=number(rule["max_rework_per_run"], form.get("lang")))


def period_line(form: dict) -> str:
    return t("stats.period", start=form["from"] or "…", end=form["to"] or "…")


def saved_moment(form: dict) -> str:
    """When the form was saved, to the minute ("" when it was not)."""
    return (form.get("saved_at") or "")[:16].replace("T", " ")


def status_line(form: dict) -> str:
    if form.get("saved_at"):
        return t("monitor.saved_by", by=one_line(form.get("penilai") or "—"), at=saved_moment(form))
    return t("monitor.suggested")


def monitoring_rows(form: dict) -> list[list[str]]:
    return [[str(r["no"]), f"{one_line(r['prosedur'])} ({one_line(r['nomor'])})", verdict_text(r["penilaian"]),
             one_line(r["catatan"]), one_line(r["tindakan"]), ""] for r in form["rows"]]


def monitoring_heads() -> list[str]:
    return [t(f"monitor.col.{k}") for k in ("no", "prosedur", "penilaian", "catatan", "tindakan", "paraf")]


def evaluation_rows(block: dict) -> list[list[str]]:
    return [[str(i), t(f"eval.q{i}"), answer_text(block["answers"][i - 1]), one_line(block["figures"][i - 1])]
            for i in range(1, QUESTIONS + 1)]


def evaluation_heads() -> list[str]:
    return [t(f"eval.col.{k}") for k in ("no", "question", "answer", "figures")]


def _title(form: dict) -> str:
    return t("eval.title" if form["kind"] == EVALUATION else "monitor.title")


def to_text(form: dict, width: int = 80) -> str:
    import textwrap

    lines = [_title(form), period_line(form), status_line(form), ""]
    if form["kind"] == EVALUATION:
        for b in form["sops"]:
            lines.append(f"{one_line(b['prosedur'])} ({one_line(b['nomor'])})")
            for no, q, a, fig in evaluation_rows(b):
                lines.append(f"  {no}. {q}: {a}")
                lines += textwrap.wrap(fig, width - 7, initial_indent="       ", subsequent_indent="       ")
            lines += [f"  {score_text(b['score'])}", ""]
        return "\n".join(lines) + "\n"
    heads = monitoring_heads()
    for row in monitoring_rows(form):
        lines.append(f"{row[0]}. {row[1]}")
        for head, value in zip(heads[2:5], row[2:5]):
            lines += textwrap.wrap(f"{head}: {value or '—'}", width - 3, initial_indent="   ",
                                   subsequent_indent="     ")
        lines.append("")
    if not form["rows"]:
        lines.append(t("monitor.none"))
    lines += textwrap.wrap(rule_text(form),
                           width)
    return "\n".join(lines) + "\n"


def to_markdown(form: dict) -> str:
    from ..report.tables import _md, _md_table

    lines = [f"# {_md(_title(form))}", "", _md(period_line(form)), "", _md(status_line(form)), ""]
    if form["kind"] == EVALUATION:
        for b in form["sops"]:
            lines += [f"## {_md(b['prosedur'])} ({_md(b['nomor'])})", ""]
            lines += _md_table(evaluation_heads(), evaluation_rows(b))
            lines += ["", _md(score_text(b["score"])), ""]
        return "\n".join(lines)
    lines += _md_table(monitoring_heads(), monitoring_rows(form))
    lines += ["", _md(rule_text(form)), ""]
    return "\n".join(lines)


def to_xlsx(form: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ..report.tables import xlsx_text

    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = t("eval.sheet" if form["kind"] == EVALUATION else "monitor.sheet")[:31]
    for line in (_title(form), period_line(form), status_line(form)):
        ws.append([xlsx_text(visible(line))])
    ws["A1"].font = Font(bold=True, size=13)
    if form["kind"] == EVALUATION:
        for b in form["sops"]:
            ws.append([])
            ws.append([xlsx_text(f"{b['prosedur']} ({b['nomor']})")])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
            ws.append(evaluation_heads())
            for row in evaluation_rows(b):
                ws.append([xlsx_text(visible(v)) for v in row])
            ws.append(["", score_text(b["score"])])
        widths: tuple[int, ...] = (5, 50, 10, 50)
    else:
        ws.append([])
        ws.append(monitoring_heads())
        for c in ws[ws.max_row]:
            c.font = Font(bold=True)
        for row in monitoring_rows(form):
            ws.append([xlsx_text(visible(v)) for v in row])
            ws.append([])
        ws.append([rule_text(form)])
        ws.append([])
        ws.append(["", "", "", "", t("monitor.sign"), ""])
        ws.append(["", "", "", "", xlsx_text(form.get("penilai") or t("monitor.sign_name")), ""])
        widths = (5, 35, 22, 60, 45, 14)
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    for cells in ws.iter_rows(min_row=4):
        for c in cells:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORM_STYLE = """
.sign{margin-top:3em;width:18em;margin-left:auto;text-align:center}
.sign .line{margin-top:4em;border-top:1px solid #111}
td.paraf{width:7em}
@page{size:A4 landscape;margin:1.5cm}
"""


def to_html(form: dict) -> str:
    import html

    from ..report.html import HTML_STYLE
    e = html_text

    out = ["<!DOCTYPE html>", f'<html lang="{e(form.get("lang") or "id")}">', '<head><meta charset="utf-8"/>',
           f"<title>{e(_title(form))}</title><style>{HTML_STYLE}{FORM_STYLE}</style></head><body>",
           f"<h1>{e(_title(form))}</h1>", f"<p>{e(period_line(form))}<br/>{e(status_line(form))}</p>"]

    def table(heads, rows, last_cls=""):
        out.append("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr></thead><tbody>")
        for row in rows:
            cells = [f"<td>{e(v)}</td>" for v in row]
            if last_cls:
                cells[-1] = f'<td class="{last_cls}">{e(row[-1])}</td>'
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")

    if form["kind"] == EVALUATION:
        for b in form["sops"]:
            out.append(f"<h2>{e(b['prosedur'])} ({e(b['nomor'])})</h2>")
            table(evaluation_heads(), evaluation_rows(b))
            out.append(f"<p><strong>{e(score_text(b['score']))}</strong></p>")
    else:
        table(monitoring_heads(), monitoring_rows(form), "paraf")
        out.append(f"<p>{e(rule_text(form))}</p>")
    out.append(f'<div class="sign">{e(t("monitor.sign"))}<div class="line"></div>'
               f'{e(form.get("penilai") or t("monitor.sign_name"))}</div>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def export(form: dict, fmt: str, width: int = 80) -> str | bytes:
    with using_lang(form.get("lang")):
        return _export(form, fmt, width)


def _export(form: dict, fmt: str, width: int) -> str | bytes:
    if fmt == "json":
        return json_safe(json.dumps(form, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "xlsx":
        return to_xlsx(form)
    if fmt == "html":
        return to_html(form)
    return to_markdown(form) if fmt == "md" else to_text(form, width)
