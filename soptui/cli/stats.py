"""`soptui stats`, `soptui export-log`, `soptui monitor`, `soptui evaluate`: figures across runs.

Runs belong to the period in which they started (--from/--to, office calendar days, both
included). Output goes to stdout or, with --out, atomically to a file (cli/output.py); the
format follows --format, else --out's ending, else text.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SoptuiError
from ..i18n import get_lang, t
from ..messages import report as _report_messages  # noqa: F401  (--out and --format say what `summary` says)
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)

STATS_FORMATS = ("text", "json", "csv", "xlsx", "html", "md")
LOG_FORMATS = ("xes", "csv")
FORM_FORMATS = ("text", "json", "xlsx", "html", "md")
SUFFIX = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".md": "md",
          ".markdown": "md", ".xes": "xes", ".txt": "text"}
COMMANDS = ("stats", "export-log", "monitor", "evaluate")


def _date(value: str | None, option: str):
    if value is None:
        return None
    from ..stats.period import ImpossibleDay, parse_day
    try:  # the forms the statistics screen takes, refused in its words
        day = parse_day(value)
    except ImpossibleDay as exc:
        raise SoptuiError(t("stats.impossible_date", option=option, value=value, detail=exc.why)) from None
    except ValueError:
        day = None
    if day is None:  # unreadable, or empty ("" is no day here)
        raise SoptuiError(t("stats.bad_date", option=option, value=value, forms=t("stats.day_forms")))
    return day


def _period(ctx, default=None):
    start, end = _date(ctx.args.start, "--from"), _date(ctx.args.end, "--to")
    if start is None and end is None and default is not None:
        return default
    if start and end and start > end:
        raise SoptuiError(t("stats.bad_period", start=start, end=end))
    return start, end


def _out(ctx, formats: tuple[str, ...], default: str) -> tuple[str, Path | None]:
    from .output import check_target  # here: `soptui --help` does not load the report code
    path = Path(ctx.args.out).expanduser() if ctx.args.out else None
    fmt = ctx.args.format or (SUFFIX.get(path.suffix.lower(), default) if path else default)
    if fmt not in formats:
        fmt = default
    if path:
        check_target(path)  # before any work: a wrong --out costs nothing
    return fmt, path


def _sop_id(ctx) -> str | None:
    key = getattr(ctx.args, "sop", None)
    if not key:
        return None
    from .context import find_sop
    return find_sop(ctx, key).sop.id


def load_stats(ctx, svc, sop_id, start, end) -> dict:
    from ..stats.source import period_statistics

    stats, problems = period_statistics(svc, sop_id, start, end)
    for problem in problems:
        ctx.err.print(f"soptui: {problem}", style="yellow", markup=False)
    return stats


def cmd_stats(ctx) -> int:
    from .context import service
    from ..stats.render import export, renderable

    from ..stats.sections import named
    from .context import find_sop

    fmt, path = _out(ctx, STATS_FORMATS, "text")
    loaded = find_sop(ctx, ctx.args.sop) if ctx.args.sop else None
    stats = named(load_stats(ctx, service(ctx), loaded and loaded.sop.id, *_period(ctx)), loaded)
    if fmt == "text" and path is None:
        ctx.out.print(renderable(stats, ctx.out.width, get_lang()))
        return 0
    _emit(ctx, export(stats, fmt, get_lang()), path)
    return 0


def cmd_export_log(ctx) -> int:
    from .context import service
    from ..stats import eventlog
    from ..stats.source import period_figs

    fmt, path = _out(ctx, LOG_FORMATS, "xes")
    figs, problems = period_figs(service(ctx), _sop_id(ctx), *_period(ctx))
    for problem in problems:
        ctx.err.print(f"soptui: {problem}", style="yellow", markup=False)
    traces = eventlog.events(figs)
    _emit(ctx, eventlog.to_xes(traces) if fmt == "xes" else eventlog.to_csv(traces), path)
    cases, events = eventlog.counts(traces)
    ctx.err.print(t("log.written_counts", cases=cases, events=events), markup=False)
    return 0


def rule_of(ctx):
    from ..stats.forms import Rule
    return Rule(**dict(ctx.config.monitoring))


def _answers(values: list[str] | None) -> dict[str, list]:
    out = {}
    for value in values or []:
        sop, _, letters = value.partition("=")
        letters = letters.strip().lower()
        if not sop or len(letters) != 7 or set(letters) - {"y", "t"}:
            raise SoptuiError(t("eval.bad_answers", value=value))
        out[sop.strip()] = ["ya" if c == "y" else "tidak" for c in letters]
    return out


def cmd_forms(ctx) -> int:
    from .context import service
    from ..stats import forms
    from ..stats.formsout import export
    from ..stats.source import save_form

    if ctx.args.save and ctx.args.sop:  # a saved form is one record of every SOP of the period
        raise SoptuiError(t("forms.save_all_sops", sop=ctx.args.sop))
    fmt, path = _out(ctx, FORM_FORMATS, "text")
    svc = service(ctx)
    start, end = _period(ctx, forms.last_semester(svc.now().date()))
    sop_id = _sop_id(ctx)
    stats = load_stats(ctx, svc, sop_id, start, end)
    lang = get_lang()
    kind = forms.EVALUATION if ctx.args.command == "evaluate" else forms.MONITORING
    answers = _answers(getattr(ctx.args, "answers", None))
    # With an SOP named, only that SOP's part of a saved form (a form saves every SOP of the period).
    saved = forms.latest_saved(svc.store.forms(kind), stats["from"], stats["to"], sop_id)
    if sop_id and saved is None and not ctx.args.save:
        ctx.err.print(t("forms.none_saved_for_sop", sop=sop_id), markup=False)
    if kind == forms.MONITORING:
        suggested = forms.monitoring_form(stats, rule_of(ctx), lang)
    else:
        suggested = forms.evaluation_form(stats, lang, answers)
    form = saved if saved and not (kind == forms.EVALUATION and answers) else suggested
    missing = forms.uncovered(saved, stats) if form is saved else 0
    if ctx.args.save:
        if not forms.entries(form) and not (missing and saved):  # as the screen: an empty form is no record
            raise SoptuiError(t("forms.nothing_to_save", start=stats["from"] or "…", end=stats["to"] or "…"))
        if missing:  # saved again: the runs recorded since join it, what the penilai wrote stays
            form = forms.up_to_date(form, suggested)
        form = save_form(svc, form, ctx.args.penilai or ctx.config.operator)
        ctx.err.print(t("monitor.saved", no=form["no"]), markup=False)
        if forms.unfinished(form, svc.now().date()):
            ctx.err.print(t("forms.unfinished", end=form["to"] or "…"), style="yellow", markup=False)
    elif missing:  # the record as signed, and what it does not cover
        from ..stats.formsout import saved_moment
        ctx.err.print("soptui: " + t("forms.behind_cli", at=saved_moment(form), n=missing), style="yellow",
                      markup=False)
    if not ctx.args.save and form is saved and form.get("lang") in ("id", "en") and form.get("lang") != lang:  # a record: shown in the language it was saved in
        ctx.err.print(t("forms.kept_language", lang=t(f"forms.lang.{form.get('lang')}")), markup=False)
    width = ctx.out.width if fmt == "text" and path is None else 80  # rich is loaded only to ask the terminal
    _emit(ctx, export(form, fmt, width), path)
    return 0


def _common(c, sop: bool = True) -> None:
    if sop:
        c.add_argument("sop", metavar="SOP", nargs="?", help=t("stats.opt.sop"))
    c.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help=t("stats.opt.from"))
    c.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help=t("stats.opt.to"))
    c.add_argument("--out", metavar="FILE", help=t("report.opt.out"))


def register(sub) -> None:
    c = sub.add_parser("stats", help=t("stats.help"))
    _common(c)
    c.add_argument("--format", choices=STATS_FORMATS, help=t("report.opt.format"))
    c.set_defaults(func=cmd_stats)
    c = sub.add_parser("export-log", help=t("log.help"))
    _common(c)
    c.add_argument("--format", choices=LOG_FORMATS, help=t("log.opt.format"))
    c.set_defaults(func=cmd_export_log)
    for name, helptext in (("monitor", "monitor.help"), ("evaluate", "eval.help")):
        c = sub.add_parser(name, help=t(helptext))
        _common(c)
        c.add_argument("--format", choices=FORM_FORMATS, help=t("monitor.opt.format"))
        c.add_argument("--save", action="store_true", help=t("monitor.opt.save"))
        c.add_argument("--penilai", metavar="NAME", help=t("monitor.opt.penilai"))
        if name == "evaluate":
            c.add_argument("--answers", metavar="SOP=yytyyyy", action="append", help=t("eval.opt.answers"))
        c.set_defaults(func=cmd_forms)


def _emit(ctx, data, path) -> None:
    from .output import emit
    emit(ctx, data, path)
