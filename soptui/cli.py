"""The command line. Only `soptui`, `soptui run` and `soptui resume` import the Textual app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import SoptuiError
from .i18n import detect_lang, get_lang, set_lang, t
from .messages import cli as _cli_messages  # noqa: F401  (registers the CLI strings)


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
            from .safetext import console
            self._out = console(highlight=False, soft_wrap=False)
        return self._out

    @property
    def err(self):
        if self._err is None:
            from .safetext import console
            self._err = console(stderr=True, highlight=False)
        return self._err

    @property
    def config(self):
        if self._config is None:
            from .config import load_config
            self._config = load_config(self.args.config)
        return self._config

    def library(self):
        from .sopfile import load_library
        return load_library(self.config.sops_dir)

    def print_json(self, data) -> None:
        from .safetext import json_safe
        sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)) + "\n")


def cmd_check(ctx: Context) -> int:
    from .sopfile import SopFileError, load_file, load_library
    paths = ctx.args.paths or [str(ctx.config.sops_dir)]
    ok = bad = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            lib = load_library(path)
            results = [(x.sop.path, x.warnings, None) for x in lib.loaded]
            results += [(p, [], problems) for p, problems in lib.failed.items()]
            results.sort(key=lambda r: str(r[0]))
        else:
            try:
                x = load_file(path)
                results = [(x.sop.path, x.warnings, None)]
            except SopFileError as exc:
                results = [(str(path), [], exc.problems)]
        for where, warnings, problems in results:
            for w in warnings:
                ctx.err.print(str(w), style="yellow", markup=False)
            if problems:
                bad += 1
                for p in problems:
                    ctx.err.print(str(p), style="red", markup=False)
            else:
                ok += 1
                ctx.out.print(f"{where}: {t('cli.check.ok')}", markup=False)
    ctx.out.print(t("cli.check.total", ok=ok, bad=bad), markup=False)
    return 0 if bad == 0 and ok > 0 else 1


def sop_summary(sop) -> dict:
    from .durations import format_standard
    total = sop.standard_total()
    return {"id": sop.id, "nomor": sop.identity.nomor, "nama": sop.identity.nama,
            "unit": sop.identity.unit, "steps": len(sop.steps),
            "decisions": sum(1 for s in sop.steps if s.is_decision),
            "standard_total": {**total.as_dict(), "text": format_standard(total, get_lang())},
            "path": sop.path}


def cmd_list(ctx: Context) -> int:
    lib = ctx.library()
    for path, problems in lib.failed.items():
        ctx.err.print(t("cli.list.skipped", path=path, n=len(problems)), style="yellow", markup=False)
    rows = [sop_summary(s) for s in lib.sops]
    if ctx.args.json:
        ctx.print_json(rows)
        return 0
    from .durations import format_standard
    from .sopview import library_table
    ctx.out.print(library_table(lib.sops, lambda s: format_standard(s.standard_total(), get_lang(), short=True),
                                width=ctx.out.width))
    return 0


def find_sop(ctx: Context, key: str):
    lib = ctx.library()
    found = lib.find(key)
    if found is None:
        for path, problems in lib.failed.items():
            if Path(path).stem == key:
                raise SoptuiError("\n".join(str(p) for p in problems))
        from .errors import did_you_mean
        raise SoptuiError(t("cli.sop.unknown", key=key, hint=did_you_mean(key, [s.id for s in lib.sops]),
                            ids=", ".join(s.id for s in lib.sops)))
    return found


def cmd_show(ctx: Context) -> int:
    loaded = find_sop(ctx, ctx.args.sop)
    if ctx.args.json:
        from .sopview import sop_as_dict
        ctx.print_json(sop_as_dict(loaded.sop))
        return 0
    from .sopview import sop_document
    ctx.out.print(sop_document(loaded.sop, width=ctx.out.width))
    return 0


def cmd_tui(ctx: Context) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        ctx.err.print(t("cli.tui.needs_terminal"), markup=False)
        return 1
    from .app import run_app
    return run_app(ctx.config, ctx.args)


RUN_COMMANDS = ("start", "log", "decide", "undo", "correct", "cancel", "runs", "status", "verify")  # cli_runs
COMMANDS = ("check", "list", "show", *RUN_COMMANDS, "summary", "run", "resume")
GLOBAL_OPTIONS = ("--config", "--lang", "--help", "--version")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the command line, only the parser of the command it names is built.

    A script calls soptui once per step, and building all fifteen command parsers cost more than
    the command itself. Help, a mistyped command or no `argv` get every parser, so the choices
    and did-you-mean stay complete.
    """
    p = argparse.ArgumentParser(prog="soptui", description=t("cli.description"), formatter_class=_formatter)
    p.add_argument("--version", action="version", version=f"soptui {__version__}")
    p.add_argument("--config", metavar="FILE", help=t("cli.opt.config"))
    p.add_argument("--lang", choices=("id", "en"), help=t("cli.opt.lang"))
    sub = _Commands(p.add_subparsers(dest="command", metavar="COMMAND"), _command_in(argv))

    c = sub.add_parser("check", help=t("cli.check.help"))
    c.add_argument("paths", nargs="*", metavar="PATH")
    c.set_defaults(func=cmd_check)

    c = sub.add_parser("list", help=t("cli.list.help"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_list)

    c = sub.add_parser("show", help=t("cli.show.help"))
    c.add_argument("sop", metavar="SOP")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_show)

    if sub.wanted is None or sub.wanted in RUN_COMMANDS:
        from . import cli_runs
        cli_runs.register(sub)
    if sub.wanted in (None, "summary"):
        from . import cli_report
        cli_report.register(sub)

    c = sub.add_parser("run", help=t("cli.run.help"))
    c.add_argument("sop", metavar="SOP")
    c.set_defaults(func=cmd_tui)
    c = sub.add_parser("resume", help=t("cli.resume.help"))
    c.add_argument("run", metavar="RUN")
    c.set_defaults(func=cmd_tui)
    p.set_defaults(func=cmd_tui)
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
        columns = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)
    except (ValueError, OSError, AttributeError):  # not a number, not a terminal, no stdout
        columns = 80
    return argparse.HelpFormatter(prog, width=max(columns, 40) - 2)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The language must be known before the parser builds its help texts.
    set_lang(detect_lang(_early_lang(argv)))
    args = build_parser(argv).parse_args(argv)
    ctx = Context(args)
    try:
        _check_text(argv)
        if not args.lang:
            set_lang(detect_lang(ctx.config.lang))
        return args.func(ctx)
    except SoptuiError as exc:
        ctx.err.print(f"soptui: {exc}", style="red", markup=False)
        return 1
    except OSError as exc:  # a folder or file the system refuses: name it, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        ctx.err.print(f"soptui: {where}{exc.strerror or exc}", style="red", markup=False)
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
