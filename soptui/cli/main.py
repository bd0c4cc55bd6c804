"""The parser and `main`: only the named command's parser and module are built and imported."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from .. import __version__
from ..errors import OffHoursError, SoptuiError
from ..i18n import LANGS, detect_lang, set_lang, t
from ..messages import cli as _cli_messages  # noqa: F401  (registers the CLI strings)
from .context import Context


RECORD_COMMANDS = ("start", "log", "decide", "undo", "reopen", "correct", "cancel")  # cli/runs.py
INFO_COMMANDS = ("runs", "status", "verify")  # cli/runinfo.py
RUN_COMMANDS = (*RECORD_COMMANDS, *INFO_COMMANDS)
STATS_COMMANDS = ("stats", "export-log", "monitor", "evaluate")  # cli/stats.py
COMMANDS = ("check", "list", "show", *RUN_COMMANDS, "due", "summary", *STATS_COMMANDS, "run", "resume", "import")
GLOBAL_OPTIONS = ("--config", "--lang", "--help", "--version")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the command line, only the parser of the command it names is built.

    A script calls soptui once per step, and building all fifteen command parsers cost more than
    the command itself. Help, a mistyped command or no `argv` get every parser, so the choices
    and did-you-mean stay complete.
    """
    from .argtext import Parser, install, metavar
    install()  # argparse's own words (usage, errors) in the interface's language
    p = Parser(prog="soptui", description=t("cli.description"), formatter_class=_formatter)
    p.add_argument("--version", action="version", version=f"soptui {__version__}", help=t("cli.opt.version"))
    p.add_argument("--config", metavar="FILE", help=t("cli.opt.config"))
    p.add_argument("--lang", choices=("id", "en"), help=t("cli.opt.lang"))
    sub = _Commands(p.add_subparsers(dest="command", metavar=metavar("COMMAND")), _command_in(argv))

    from . import sops, tui
    sops.register(sub)
    if sub.wanted is None or sub.wanted in RECORD_COMMANDS:
        from . import runs
        runs.register(sub)
    if sub.wanted is None or sub.wanted in INFO_COMMANDS:
        from . import runinfo
        runinfo.register(sub)
    if sub.wanted in (None, "due"):
        from . import due
        due.register(sub)
    if sub.wanted in (None, "summary"):
        from . import report
        report.register(sub)
    if sub.wanted is None or sub.wanted in STATS_COMMANDS:
        from . import stats
        stats.register(sub)
    tui.register(sub)
    if sub.wanted in (None, "import"):
        from . import importpdf
        importpdf.register(sub)
    p.set_defaults(func=tui.cmd_tui)
    return p


def _command_in(argv: list[str] | None) -> str | None:
    """The command `argv` names ("" for none: the interactive view), or None to build them all."""
    return None if argv is None else _scan(argv)[1]


def _scan(argv: list[str]) -> tuple[dict[str, str], str | None]:
    """The global options before the command, as argparse reads them (abbreviations included),
    and the command: its name, "" for none, None when only the full parser can tell (help, an
    unknown command or option, "--")."""
    options: dict[str, str] = {}
    args = iter(argv)
    for arg in args:
        if arg == "-h":
            return options, None
        if arg.startswith("--") and len(arg) > 2:
            name, eq, value = arg.partition("=")
            matches = [o for o in GLOBAL_OPTIONS if o.startswith(name)]
            if len(matches) != 1 or matches[0] == "--help":
                return options, None
            if matches[0] in ("--config", "--lang"):
                options[matches[0]] = value if eq else next(args, "")
            continue
        if arg.startswith("-"):
            return options, None
        return options, (arg if arg in COMMANDS else None)
    return options, ""


class _Commands:
    """The subparsers action, building only the wanted command's parser (every one when None)."""

    def __init__(self, action, wanted: str | None):
        self.action, self.wanted = action, wanted

    def add_parser(self, name: str, **kwargs):
        if self.wanted is not None and name != self.wanted:
            return _NotBuilt()
        return self.action.add_parser(name, formatter_class=_formatter, **kwargs)


class _NotBuilt:
    """Stands in for the parser of a command that is not being run."""

    def add_argument(self, *args, **kwargs) -> None:
        pass

    def set_defaults(self, **kwargs) -> None:
        pass


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own formatter, told the width: left to itself it imports shutil (and with it
    bz2, lzma and zlib) only to ask the terminal's size, even when no help is printed."""
    try:
        columns = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)  # type: ignore[union-attr]  # None: caught below
    except (ValueError, OSError, AttributeError):  # not a number, not a terminal, no stdout
        columns = 80
    return argparse.HelpFormatter(prog, width=max(columns, 40) - 2)


def main(argv: list[str] | None = None) -> int:
    # Starting up makes many objects that live as long as the process (modules, the parser, the
    # app's styles) and hardly any garbage: the collector would walk them again and again. It is
    # off until the command runs; the interactive view turns it back on once home is listed
    # (SoptuiApp.collect_garbage, with gc.freeze).
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The language must be known before the parser builds its help texts and its errors:
    # --lang, else soptui.toml's `lang` (read once here and handed to the command).
    early = _scan(argv)[0]
    lang = _early_lang(argv)
    # A mistyped --lang (fr) is refused by argparse: in the configured language, not the locale's.
    config = None if lang in LANGS else _early_config(early.get("--config"))
    set_lang(detect_lang(config.lang if config else lang))
    args = build_parser(argv).parse_args(argv)
    ctx = Context(args)
    if config is not None and args.config == early.get("--config"):
        ctx._config = config
    try:
        _check_text(argv)
        if not args.lang:
            set_lang(detect_lang(ctx.config.lang))
        from . import tui  # loaded by the parser already
        if args.func is not tui.cmd_tui:
            gc.enable()
        return args.func(ctx)
    except OffHoursError as exc:  # a warning and a refusal: scripts confirm with --yes, nothing waits for input
        from ..messages import workday as _workday  # noqa: F401
        ctx.err.print("soptui: " + t("offhours.cli_warning", warning=exc), style="yellow", markup=False)
        ctx.err.print(t("offhours.cli_refused"), style="red", markup=False)
        return 1
    except SoptuiError as exc:
        ctx.err.print(f"soptui: {exc}", style="red", markup=False)
        return 1
    except OSError as exc:  # a folder or file the system refuses: name it, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        from ..oserror import os_reason
        ctx.err.print(f"soptui: {where}{os_reason(exc)}", style="red", markup=False)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _check_text(argv: list[str]) -> None:
    """Arguments are text: bytes that are not UTF-8 (the shell passes them through) are refused
    by position, before anything is recorded."""
    for i, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
            raise SoptuiError(t("cli.not_utf8", n=i, arg=shown)) from None


def _early_lang(argv: list[str]) -> str:
    return _scan(argv)[0].get("--lang") or "auto"


def _early_config(explicit: str | None):
    """The config, for its language; a broken one is reported later by the command that needs it."""
    from ..config import load_config
    try:
        return load_config(explicit or None)
    except (SoptuiError, OSError, ValueError):
        return None
