"""`soptui summary RUN [--format ...] [--out FILE]`. No Textual."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import SoptuiError
from .i18n import t


def summary_for(ctx, run_key: str):
    """The folded run and its timing figures, measured now on the configured calendar."""
    from .cli_runs import service
    from .timing import time_run
    svc = service(ctx)
    state = svc.state(svc.resolve(run_key))
    return state, time_run(state, svc.calendar, svc.now())


def cmd_summary(ctx) -> int:
    from .report import export, summary_renderable
    a = ctx.args
    state, timing = summary_for(ctx, a.run)
    if a.format == "text" and not a.out:
        ctx.out.print(summary_renderable(state, timing, width=ctx.out.width))
        return 0
    if a.format == "xlsx" and not a.out:
        raise SoptuiError(t("report.xlsx_needs_out"))
    payload = export(state, timing, a.format)
    if not a.out:
        sys.stdout.write(payload)
        return 0
    from .store import write_atomic
    path = Path(a.out)
    try:
        write_atomic(path, payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    except OSError as exc:
        raise SoptuiError(f"{path}: cannot write: {exc.strerror or exc}") from None
    ctx.err.print(t("report.written", path=path), markup=False)
    return 0


FORMATS = ("text", "json", "csv", "xlsx", "html", "md")  # report.FORMATS; kept here so --help stays light


def register(sub) -> None:
    c = sub.add_parser("summary", help=t("report.summary.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--out", metavar="FILE")
    c.set_defaults(func=cmd_summary)
