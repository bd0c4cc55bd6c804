"""The timing-compliance summary: figures and their renderers, shared by the CLI and the TUI.

- `figures`: `summary_data(state, timing, lang)`, the numbers every format shows (pure data);
- `text`: `summary_renderable(...)` a rich Group that fits `width` columns, `render_text(...)`;
- `tables`: CSV, XLSX, Markdown; `html`: one HTML page.

`export(state, timing, fmt, lang)` -> str (text, json, csv, html, md) or bytes (xlsx).
Labels go through i18n.t(); SOP content and what people typed are shown as written (never as
rich markup, control characters made visible, HTML-escaped, neutralised against spreadsheet
formulas in CSV and XLSX). Times are shown in the office's time zone (the run's).
rich, csv, openpyxl and html are imported inside the functions that need them: a JSON export
never loads the drawing code.
"""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from ..errors import SoptuiError
from ..i18n import t
from ..runs import RunState
from ..safetext import json_safe
from ..timing import RunTiming
from .figures import (SCHEMA, attempt_records, attempt_status, integrity_text, language, office_tz,
                      summary_data)

# The renderers are loaded when first asked for: a JSON summary needs only the figures.
_RENDERERS = {"to_html": "html", "CSV_COLUMNS": "tables", "FORMULA_START": "tables", "neutralise": "tables",
              "to_csv": "tables", "to_markdown": "tables", "to_xlsx": "tables", "STATUS_STYLE": "text",
              "render_text": "text", "summary_renderable": "text"}
_FORMAT_RENDERER = {"csv": "to_csv", "xlsx": "to_xlsx", "html": "to_html", "md": "to_markdown"}


def __getattr__(name: str) -> Any:
    if name in _RENDERERS:
        return getattr(import_module(f".{_RENDERERS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

FORMATS = ("text", "json", "csv", "xlsx", "html", "md")

__all__ = ["CSV_COLUMNS", "FORMATS", "FORMULA_START", "SCHEMA", "STATUS_STYLE", "attempt_records",
           "attempt_status", "export", "integrity_text", "neutralise", "office_tz", "render_text",
           "summary_data", "summary_renderable", "to_csv", "to_html", "to_markdown",
           "to_xlsx"]


def export(state: RunState, timing: RunTiming, fmt: str, lang: str | None = None, *,
           width: int = 80, signature=None, print_ready: bool = False) -> str | bytes:
    """The summary in `fmt` (one of FORMATS): bytes for xlsx, str otherwise. HTML and XLSX, the
    forms that are printed and signed, end in the signature block (`signature`: soptui.toml's
    [signature] settings; None: the defaults). `print_ready`: HTML laid out for an A4 sheet."""
    if fmt not in FORMATS:
        raise SoptuiError(t("report.unknown_format", fmt=fmt, formats=", ".join(FORMATS)))
    with language(lang) as lang:
        if fmt == "text":
            return __getattr__("render_text")(state, timing, width)
        data = summary_data(state, timing, lang)
        if fmt == "json":
            return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
        if fmt in ("html", "xlsx"):
            from ..signature import signature_block
            data["signature"] = signature_block(data, signature, office_tz(state, timing))
        if fmt == "html":  # with the run drawn on its SOP's flowchart
            from ..flowchart.overlay import run_overlay
            from ..flowchart.svg import flowchart_svg
            chart = flowchart_svg(state.sop, run_overlay(state, timing))
            return __getattr__("to_html")(data, chart, print_ready=print_ready)
        return __getattr__(_FORMAT_RENDERER[fmt])(data)
