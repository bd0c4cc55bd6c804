"""`soptui summary RUN [--format text|json|csv|xlsx|html|md] [--out FILE]`. No Textual.

Without --out: text is drawn for the terminal (its width); the other formats go to stdout as they
are; xlsx (binary) only when stdout is not a terminal. With --out the file is written atomically
(temporary file, fsync, rename) and its path is printed to stderr; text files are 80 columns.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import SoptuiError
from ..i18n import t
from ..messages import report as _messages  # noqa: F401  (registers the report strings)

# report.FORMATS, repeated so that `soptui --help` does not import the report code.
FORMATS = ("text", "json", "csv", "xlsx", "html", "md")
# --out's file ending -> the format written when --format is not given.
FORMAT_OF_SUFFIX = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html",
                    ".md": "md", ".markdown": "md"}


def summary_for(ctx, run_key: str):
    """The folded run and its timing figures, measured now on the configured office calendar."""
    from .context import service
    from ..timing import time_run

    svc = service(ctx)  # its calendar is OfficeCalendar(ctx.config.calendar), holidays cached on disk
    state = svc.state(svc.resolve(run_key))
    return state, time_run(state, svc.calendar, svc.now())


def cmd_summary(ctx) -> int:
    from ..report import export, summary_renderable
    from .output import check_target, emit  # the summary screen's export keeps the same rules

    a = ctx.args
    path = Path(a.out).expanduser() if a.out else None
    fmt = a.format or (FORMAT_OF_SUFFIX.get(path.suffix.lower(), "text") if path else "text")
    if path:
        check_target(path)  # before any work: a wrong --out costs nothing
    if fmt == "xlsx" and path is None and sys.stdout.isatty():
        raise SoptuiError(t("report.xlsx_needs_out"))  # before any work too
    state, timing = summary_for(ctx, a.run)
    if fmt == "text" and path is None:
        ctx.out.print(summary_renderable(state, timing, width=ctx.out.width))
        return 0
    emit(ctx, export(state, timing, fmt, signature=ctx.config.signature), path)
    return 0


def register(sub) -> None:
    c = sub.add_parser("summary", help=t("report.summary.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("--format", choices=FORMATS, help=t("report.opt.format"))
    c.add_argument("--out", metavar="FILE", help=t("report.opt.out"))
    c.set_defaults(func=cmd_summary)
