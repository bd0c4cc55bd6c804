"""The interactive view's commands: `soptui`, `soptui run SOP`, `soptui resume RUN`. Only these
import the Textual app, and only when they run."""

from __future__ import annotations

import sys

from ..i18n import t
from ..messages import cli as _messages  # noqa: F401


def cmd_tui(ctx) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        ctx.err.print(t("cli.tui.needs_terminal"), markup=False)
        return 1
    from zoneinfo import ZoneInfo

    from ..app import run_app
    from .context import clock
    return run_app(ctx.config, ctx.args, clock=clock(ZoneInfo(ctx.config.calendar.timezone)))


def register(sub) -> None:
    c = sub.add_parser("run", help=t("cli.run.help"))
    c.add_argument("sop", metavar="SOP")
    c.set_defaults(func=cmd_tui)
    c = sub.add_parser("resume", help=t("cli.resume.help"))
    c.add_argument("run", metavar="RUN")
    c.set_defaults(func=cmd_tui)
