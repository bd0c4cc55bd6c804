"""What every command needs: the parsed arguments, the config (loaded lazily), the consoles,
the SOP library and the run service. Command modules import this; it imports none of them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import SoptuiError
from ..i18n import t


class Context:
    """What every command needs: the config (loaded lazily) and the output consoles."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self._config = None
        self._out = self._err = None

    # rich is loaded only by commands that print through it (JSON output never does).
    @property
    def out(self):
        if self._out is None:
            from ..safetext import console
            self._out = console(highlight=False, soft_wrap=False)
        return self._out

    @property
    def err(self):
        if self._err is None:
            from ..safetext import console
            self._err = console(stderr=True, highlight=False)
        return self._err

    @property
    def config(self):
        if self._config is None:
            from ..config import load_config
            self._config = load_config(self.args.config)
        return self._config

    def library(self):
        from ..sopfile import load_library
        return load_library(self.config.sops_dir)

    def print_json(self, data) -> None:
        from ..safetext import json_safe
        sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def find_sop(ctx: Context, key: str):
    lib = ctx.library()
    found = lib.find(key)
    if found is None:
        for path, problems in lib.failed.items():
            if Path(path).stem == key:
                raise SoptuiError("\n".join(str(p) for p in problems))
        from ..errors import did_you_mean
        raise SoptuiError(t("cli.sop.unknown", key=key, hint=did_you_mean(key, [s.id for s in lib.sops]),
                            ids=", ".join(s.id for s in lib.sops)))
    return found


def clock(tz: ZoneInfo):
    """The command line's clock: SOPTUI_NOW (ISO 8601) fixes it, for demos, scripts and tests.
    Only the command line reads it, so nothing else can be fooled by an inherited variable."""
    import os
    from datetime import datetime

    fixed = os.environ.get("SOPTUI_NOW")
    if not fixed:
        return None  # the service's own, real clock
    try:
        value = datetime.fromisoformat(fixed)
    except ValueError:
        raise SoptuiError(t("cli.bad_now", value=fixed)) from None
    value = value if value.tzinfo else value.replace(tzinfo=tz)
    return lambda: value


def service(ctx):
    from ..holidaycache import office_calendar
    from ..service import RunService
    cfg = ctx.config
    tz = ZoneInfo(cfg.calendar.timezone)
    return RunService(cfg.data_dir, tz, clock=clock(tz), calendar=office_calendar(cfg.calendar, cfg.data_dir))


def typed_time(ctx, svc, text):
    if text is None:
        return None
    from ..timeinput import parse_time
    return parse_time(text, now=svc.now(), tz=svc.tz)


