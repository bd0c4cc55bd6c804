"""The summary as one self-contained HTML page (print-ready)."""

from __future__ import annotations

from ..durations import format_minutes
from ..i18n import t
from ..safetext import html_text
from .history import columns as history_columns
from .history import rows as history_rows
from .figures import (TIME_KEYS, attempt_label, attempt_records, data_tz, display_value, human_columns,
                      readable_items)

HTML_STYLE = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:1.5em;color:#111;font-size:10.5pt}
h1{font-size:1.4em;margin:0 0 .6em}
h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:.3em 0 .8em;width:100%}
th,td{border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left}
thead th{background:#e8e8e8}
table.kv th{width:14em;background:#f4f4f4;font-weight:600}
td.num{text-align:right;white-space:nowrap}
td.time{white-space:nowrap}
.on_time{color:#176f2c}
.late,.late_open{color:#b00020;font-weight:bold}
.open{color:#8a6d00}
.no_standard,.pending{color:#666}
.track{position:relative;height:.9em;background:#f1f1f1;min-width:16em}
.bar{position:absolute;top:0;height:100%}
.bar.on_time{background:#2e9d4a}
.bar.late,.bar.late_open{background:#c62828}
.bar.open{background:#d4a600}
.bar.no_standard{background:#9e9e9e}
svg.flowchart{width:100%;height:auto;display:block}
@page{size:A4 landscape;margin:10mm}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}
.flowchart-section{page-break-before:always}
.bar,.track,thead th,svg.flowchart{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
table.signatures,table.signatures td{border:none}
table.signatures{margin-top:2em;page-break-inside:avoid}
table.signatures td{text-align:center;width:1%}
.signatures .place{height:1.4em}
.signatures .space{height:4.5em}
.signatures .name{font-weight:bold;text-decoration:underline}
"""
# The print-ready page: A4 landscape (the step table is wide), small type, no screen margins.
PRINT_STYLE = """
@page{size:A4 landscape;margin:12mm 10mm}
body{margin:0;font-size:8.5pt}
table{font-size:8pt}
.track{min-width:10em}
h2{page-break-after:avoid}
tr{page-break-inside:avoid}
"""


def signature_html(block: dict | None, e) -> list[str]:
    """The signature block: one column per signer, the place and date over the last (the preparer)."""
    if not block:
        return []
    signers = block["signers"]
    rows = [[(block["place_date"] if i == len(signers) - 1 else "") for i in range(len(signers))],
            [s["caption"] for s in signers], [s["position"] for s in signers], ["" for _ in signers],
            [s["name"] for s in signers]]
    classes = ["place", "caption", "position", "space", "name"]
    if any(s["rank"] for s in signers):
        rows.append([s["rank"] for s in signers])
        classes.append("rank")
    rows.append([s["nip"] for s in signers])
    classes.append("nip")
    out = ['<table class="signatures"><tbody>']
    for cls, row in zip(classes, rows):
        out.append(f'<tr class="{cls}">' + "".join(f'<td class="{cls}">{e(v)}</td>' for v in row) + "</tr>")
    out.append("</tbody></table>")
    return out


def to_html(data: dict, flowchart: str | None = None, *, print_ready: bool = False) -> str:
    """The page; `flowchart`: the run drawn on its SOP's flowchart, as inline SVG (flowchart/svg.py);
    `print_ready`: laid out for an A4 sheet. With data["signature"] (report.export
    adds it from soptui.toml [signature]), it ends in the signature block."""
    e = html_text  # controls shown, markup escaped

    lang, tz = data["lang"], data_tz(data)
    run = data["run"]
    records = attempt_records(data)

    def table(head, rows, classes=None, attrs=""):
        out = [f"<table{attrs}>", "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead>",
               "<tbody>"]
        for row in rows:
            cells = []
            for i, value in enumerate(row):
                cls = (classes or {}).get(i)
                cls = cls(value) if callable(cls) else cls
                cells.append(f'<td class="{e(cls)}">{e(value)}</td>' if cls else f"<td>{e(value)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    items = [f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in readable_items(data, lang, tz)]

    columns = [c for c in human_columns() if c[0] not in ("started_at",)]
    step_rows = []
    for rec in records:
        cells = []
        for key, _ in columns:
            text = display_value(rec, key, tz, lang)
            cls = {"status": rec["status"], "actual": "num", "overrun": "num", "no": "num",
                   "attempt": "num"}.get(key) or ("time" if key in TIME_KEYS else "")
            cells.append(f'<td class="{e(cls)}">{e(text)}</td>' if cls else f"<td>{e(text)}</td>")
        step_rows.append("<tr>" + "".join(cells) + "</tr>")

    # Timeline: bars on the run's working-time axis, as percentages of the lead time.
    total = max(data["totals"]["lead_working_seconds"], 1.0)
    offset, bars = 0.0, []
    chain = sorted(records, key=lambda r: (r["ready_at"], r["completed_at"] is None, r["no"], r["attempt"]))
    for rec in chain:
        seconds = rec["actual_working_seconds"] or 0
        total = max(total, offset + seconds)
        bars.append((rec, offset, seconds))
        offset += seconds
    timeline = []
    for rec, lo, seconds in sorted(bars, key=lambda b: (b[0]["no"], b[0]["attempt"])):
        left, width = lo / total * 100, max(seconds / total * 100, 0.4)
        label = attempt_label(rec["no"], rec["attempt"])
        status = t(f"report.status.{rec['status']}")
        timeline.append(
            f'<tr><td class="num">{e(label)}</td><td><div class="track"><div class="bar {e(rec["status"])}" '
            f'style="left:{left:.2f}%;width:{min(width, 100 - left):.2f}%" '
            f'title="{e(status)}"></div></div></td>'
            f'<td class="num">{e(format_minutes(seconds, lang))}</td></tr>')

    decisions = data["rework"]["decisions"]
    parts = [
        "<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{e(t('report.title'))}: {e(run['title'])}</title>", f"<style>{HTML_STYLE}{PRINT_STYLE if print_ready else ''}</style>",
        "</head>", "<body>",
        f"<h1>{e(t('report.title'))}: {e(run['title'])}</h1>",
        '<table class="kv"><tbody>', *items, "</tbody></table>",
        f"<h2>{e(t('report.steps'))}</h2>",
        "<table><thead><tr>" + "".join(f"<th>{e(label)}</th>" for _, label in columns) + "</tr></thead>",
        "<tbody>", *step_rows, "</tbody></table>",
    ]
    if flowchart:
        parts += ['<section class="flowchart-section">', f"<h2>{e(t('report.flowchart'))}</h2>", flowchart,
                  "</section>"]
    parts += [
        f"<h2>{e(t('report.roles'))}</h2>",
        table([t("report.col.role"), t("report.col.people"), t("report.col.steps"), t("report.col.working"),
               t("report.col.late")],
              [[r["role"], ", ".join(r["people"]), r["steps"], format_minutes(r["working_seconds"], lang), r["late"]]
               for r in data["roles"]], classes={2: "num", 3: "num", 4: "num"}),
    ]
    if decisions:
        parts += [f"<h2>{e(t('report.rework'))}</h2>",
                  f"<p>{e(t('report.rework.loops', loops=data['rework']['loops']))}</p>",
                  table([t("report.col.decision"), t("report.col.pelaksana"), t("report.col.answers_tidak"),
                         t("report.col.answers_ya"), t("report.col.target")],
                        [[d["step"], d["pelaksana"], d["tidak"], d["ya"], d["target"]] for d in decisions],
                        classes={0: "num", 2: "num", 3: "num", 4: "num"})]
    parts += [f"<h2>{e(t('report.timeline'))}</h2>",
              '<table class="timeline"><tbody>', *timeline, "</tbody></table>",
              f"<h2>{e(t('report.history'))}</h2>"]
    if data["history"]:
        parts.append(table(history_columns(), history_rows(data["history"], tz), classes={0: "num", 1: "time"}))
    else:
        parts.append(f"<p>{e(t('report.history.none'))}</p>")
    parts += signature_html(data.get("signature"), e)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


