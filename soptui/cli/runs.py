"""Commands that record: start, log, decide, undo, reopen, correct, cancel. No Textual.
(Reading runs: cli/runinfo.py.)"""

from __future__ import annotations

from contextlib import contextmanager

from ..errors import SoptuiError
from ..i18n import t
from ..messages import runs as _messages  # noqa: F401
from ..messages import workday as _workday_messages  # noqa: F401  (offhours.*)
from .context import find_sop, service, typed_time

def cmd_start(ctx) -> int:
    loaded = find_sop(ctx, ctx.args.sop)
    svc = service(ctx)
    operator = ctx.args.operator if ctx.args.operator is not None else ctx.config.operator
    title = ctx.args.title if ctx.args.title is not None else loaded.sop.identity.nama
    at = typed_time(ctx, svc, ctx.args.at)
    with _hours(ctx, svc, at):
        run_id = svc.start(loaded, title=title, operator=operator, at=at)
    print(run_id)
    return 0


@contextmanager
def _hours(ctx, svc, at):
    """Record within this block: a time outside office hours is taken only with --yes (the same
    confirmation the interactive view gives, service.hours_confirmed), and then still said."""
    from ..service import hours_confirmed
    with hours_confirmed(bool(ctx.args.yes)):
        yield
    warning = svc.off_hours_warning(at) if ctx.args.yes else None
    if warning:
        ctx.err.print(t("offhours.cli_confirmed", warning=warning), style="yellow", markup=False)


def _actor(ctx, state, no: int) -> str:
    if ctx.args.actor is not None:
        return ctx.args.actor
    return state.suggested_actor(no, ctx.config.person_for) if state.sop.has_step(no) else ""


def cmd_log(ctx) -> int:
    from ..evidence import evidence_of
    a = ctx.args
    given = [f"--{name}" for name in ("actor", "output", "evidence", "note") if getattr(a, name) is not None]
    if a.start and given:  # a start records its moment only: what was given would be lost without a word
        raise SoptuiError(t("runs.start_only_time", options=", ".join(given)))
    svc = service(ctx)
    run_id = svc.resolve(a.run)
    at = typed_time(ctx, svc, a.at)
    if a.start:
        with _hours(ctx, svc, at):
            svc.start_step(run_id, a.step, at)
        ctx.err.print(t("runs.started", step=a.step), markup=False)
        return 0
    state = svc.state(run_id)
    actor = _actor(ctx, state, a.step)
    with _hours(ctx, svc, at):
        state = svc.complete(run_id, a.step, at=at, actor=actor, output=a.output or "",
                             evidence=evidence_of(a.evidence), note=a.note or "")
    _report_progress(ctx, state, a.step)
    return 0


def cmd_decide(ctx) -> int:
    a = ctx.args
    svc = service(ctx)
    run_id = svc.resolve(a.run)
    state = svc.state(run_id)
    actor = _actor(ctx, state, a.step)
    at = typed_time(ctx, svc, a.at)
    with _hours(ctx, svc, at):
        state = svc.complete(run_id, a.step, at=at, actor=actor, note=a.note or "", verdict=a.verdict)
    _report_progress(ctx, state, a.step)
    return 0


def _report_progress(ctx, state, no: int) -> None:
    if state.status == "finished":
        ctx.err.print(t("runs.finished", step=no), markup=False)
    else:
        ctx.err.print(t("runs.next", step=no, next=state.current), markup=False)


def _by(ctx) -> str:
    return ctx.args.by if ctx.args.by is not None else ctx.config.operator


def cmd_undo(ctx) -> int:
    svc = service(ctx)
    run_id = svc.resolve(ctx.args.run)
    was = svc.state(run_id).status
    state = (svc.reopen if ctx.args.command == "reopen" else svc.undo)(run_id, ctx.args.reason, by=_by(ctx))
    target = state.events[-1]["data"]["target"]
    key = "runs.reopened" if was != "in_progress" and state.status == "in_progress" else "runs.undone"
    ctx.err.print(t(key, seq=target, current=state.current), markup=False)
    return 0


def cmd_correct(ctx) -> int:
    from ..evidence import evidence_of

    svc = service(ctx)
    run_id = svc.resolve(ctx.args.run)
    a = ctx.args
    fields = {k: getattr(a, k) for k in ("actor", "output", "note") if getattr(a, k) is not None}
    if a.evidence is not None:
        fields["evidence"] = evidence_of(a.evidence)
    at = typed_time(ctx, svc, a.at)
    with _hours(ctx, svc, at):
        state = svc.correct(run_id, a.event, at, a.reason, by=_by(ctx), **fields)
    from ..report.history import history, value_text

    def shown(field: str, value) -> str:  # the history's words; typed text quoted, so blanks show
        text = value_text(field, value, svc.tz)
        return text if field == "at" or text == "—" else repr(text)

    changes = [t("runs.change", field=t(f"change.{c['field']}"), old=shown(c["field"], c["from"]),
                 new=shown(c["field"], c["to"])) for c in history(state.events)[-1]["changes"]]
    ctx.err.print(t("runs.corrected", seq=a.event, changes="; ".join(changes)), markup=False)
    return 0


def cmd_cancel(ctx) -> int:
    svc = service(ctx)
    run_id = svc.resolve(ctx.args.run)
    at = typed_time(ctx, svc, ctx.args.at)
    with _hours(ctx, svc, at):
        svc.cancel(run_id, ctx.args.reason, at, by=_by(ctx))
    ctx.err.print(t("runs.cancelled"), markup=False)
    return 0


def register(sub) -> None:
    import argparse

    def number(key: str):
        def parse(text):
            try:
                return int(text)
            except ValueError:
                raise argparse.ArgumentTypeError(t(key, text=text))
        return parse

    step_arg, event_arg = number("runs.arg.step"), number("runs.arg.event")

    def verdict_arg(text):  # recorded as the SOP's words; English speakers may type yes/no
        verdict = {"ya": "ya", "yes": "ya", "tidak": "tidak", "no": "tidak"}.get(text.strip().lower())
        if verdict is None:
            raise argparse.ArgumentTypeError(t("runs.arg.verdict", text=text))
        return verdict

    def named(text):  # a title or an operator given empty would print as "—" on the signed summary
        if not text.strip():
            raise argparse.ArgumentTypeError(t("runs.arg.blank"))
        return text

    c = sub.add_parser("start", help=t("runs.start.help"))
    c.add_argument("sop", metavar="SOP")
    c.add_argument("--title", type=named)
    c.add_argument("--operator", type=named)
    c.add_argument("--at", metavar="TIME")
    c.add_argument("--yes", action="store_true", help=t("offhours.yes_help"))
    c.set_defaults(func=cmd_start)

    c = sub.add_parser("log", help=t("runs.log.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("step", metavar="STEP", type=step_arg)
    c.add_argument("--start", action="store_true", help=t("runs.log.start"))
    c.add_argument("--actor")
    c.add_argument("--output")
    c.add_argument("--evidence", metavar="PATH_OR_REF")
    c.add_argument("--note")
    c.add_argument("--at", metavar="TIME")
    c.add_argument("--yes", action="store_true", help=t("offhours.yes_help"))
    c.set_defaults(func=cmd_log)

    c = sub.add_parser("decide", help=t("runs.decide.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("step", metavar="STEP", type=step_arg)
    c.add_argument("verdict", metavar="ya|tidak", type=verdict_arg)
    c.add_argument("--actor")
    c.add_argument("--note")
    c.add_argument("--at", metavar="TIME")
    c.add_argument("--yes", action="store_true", help=t("offhours.yes_help"))
    c.set_defaults(func=cmd_decide)

    for name in ("undo", "reopen"):
        c = sub.add_parser(name, help=t(f"runs.{name}.help"))
        c.add_argument("run", metavar="RUN")
        c.add_argument("--reason", required=True)
        c.add_argument("--by", metavar="NAME", help=t("runs.opt.by"))
        c.set_defaults(func=cmd_undo)

    c = sub.add_parser("correct", help=t("runs.correct.help"), description=t("runs.correct.what"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("event", metavar="EVENT", type=event_arg)
    c.add_argument("--at", metavar="TIME")
    c.add_argument("--actor")
    c.add_argument("--output")
    c.add_argument("--evidence", metavar="PATH_OR_REF")
    c.add_argument("--note")
    c.add_argument("--reason", required=True)
    c.add_argument("--by", metavar="NAME", help=t("runs.opt.by"))
    c.add_argument("--yes", action="store_true", help=t("offhours.yes_help"))
    c.set_defaults(func=cmd_correct)

    c = sub.add_parser("cancel", help=t("runs.cancel.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("--reason", required=True)
    c.add_argument("--at", metavar="TIME", help=t("runs.cancel.at"))
    c.add_argument("--by", metavar="NAME", help=t("runs.opt.by"))
    c.add_argument("--yes", action="store_true", help=t("offhours.yes_help"))
    c.set_defaults(func=cmd_cancel)
