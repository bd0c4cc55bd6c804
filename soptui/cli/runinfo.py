"""Commands that read runs: runs (the list), status (one run and its events), verify (its hash
chain). No Textual. (Recording: cli/runs.py.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import SoptuiError
from ..i18n import t
from ..messages import runs as _messages  # noqa: F401
from .context import service

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..events import Event


def cmd_runs(ctx) -> int:
    svc = service(ctx)
    rows, problems = svc.index(progress=_rebuild_progress(ctx))
    for p in problems:
        ctx.err.print(p, style="yellow", markup=False)
    if ctx.args.status == "damaged":
        rows = [r for r in rows if r.get("damaged")]
    elif ctx.args.status:
        rows = [r for r in rows if r.get("status") == ctx.args.status]
    from ..runrow import in_progress_first
    rows = in_progress_first(rows)
    if ctx.args.json:
        ctx.print_json(rows)
        return 0
    import sys

    from ..runrow import list_moment
    from .listing import Column, plain_stdout, print_table, stdout_width, write_plain

    out = None if plain_stdout() else ctx.out  # no colours in a pipe: rich is not needed there
    width = out.width if out is not None else stdout_width()
    # The SOP column (its id: the file, so the SOP and its unit) when there is room, and at any
    # width when runs share a title ("Renja 2027" of three units). Look-alikes are cut apart.
    titles = [r["title"] for r in rows]
    wide = width >= 100 or len(set(titles)) < len(titles)
    columns = [Column("ID"), Column(t("runs.col.title"), weight=2, minimum=12, distinct=True),
               *([Column("SOP", weight=1, minimum=12, distinct=True)] if wide else []),
               Column(t("runs.col.status")), Column(t("runs.col.progress")),  # "3/12 ▸4": done of total, current
               Column(t("runs.col.activity"))]
    words = {s: t(f"status.{s}") for s in ("in_progress", "finished", "cancelled", "damaged")}
    seen: dict[str, str] = {}  # the same moment is formatted once
    this_year = svc.now().year
    lines = []
    for r in rows:
        updated = r.get("updated_at") or ""
        if updated not in seen:
            seen[updated] = list_moment(updated, svc.tz, this_year)
        # A damaged run stays in the list (why: on stderr above); an unreadable one has no progress.
        status = words["damaged"] if r.get("damaged") else words.get(r.get("status")) or t(f"status.{r.get('status')}")
        progress = "—" if r.get("status") == "damaged" else f"{r.get('done', 0)}/{r.get('total', 0)}" + \
            (f" ▸{r['current_step']}" if r.get("current_step") else "")
        sop = [r["sop_id"]] if wide else []
        lines.append([r["id"], r["title"], *sop, status, progress, seen[updated]])
    if out is None:
        write_plain(sys.stdout, columns, lines, width)
    else:
        print_table(out, columns, lines, ["red" if r.get("damaged") else None for r in rows])
    return 0


PROGRESS_FROM = 200   # rows to rebuild before a progress line is worth showing
PROGRESS_EVERY = 0.1  # seconds between two updates of the line


def _rebuild_progress(ctx):
    """A line on stderr counting the index rows rebuilt from the run files, when there are many
    and stderr is a terminal (never in a pipe or a log); it is wiped when the rebuild ends."""
    import sys
    import time

    if not sys.stderr.isatty():
        return None
    shown = [0.0, 0]  # when the line was last written, and its length

    def progress(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        now = time.monotonic()
        if done < total and now - shown[0] < PROGRESS_EVERY:
            return
        shown[0] = now
        if done == total:  # wiped: the list follows
            sys.stderr.write("\r" + " " * shown[1] + "\r" if shown[1] else "")
        else:
            line = t("runs.rebuilding", done=done, total=total)
            sys.stderr.write("\r" + line.ljust(shown[1]))
            shown[1] = len(line)
        sys.stderr.flush()
    return progress


def status_dict(state) -> dict:
    problem = state.integrity_problem()

    def iso(dt):
        return dt.isoformat() if dt else None
    steps = []
    for sop_step in state.sop.steps:
        st = state.steps[sop_step.no]
        attempts = []
        for a in st.attempts:
            item = {"n": a.n, "ready_at": iso(a.ready_at), "started_at": iso(a.started_at),
                    "completed_at": iso(a.completed_at), "role": a.role, "actor": a.actor,
                    "output": a.output, "evidence": a.evidence, "note": a.note}
            if sop_step.is_decision:
                item["verdict"] = a.verdict
            attempts.append(item)
        steps.append({"no": sop_step.no, "kegiatan": sop_step.kegiatan, "pelaksana": sop_step.pelaksana_text,
                      "decision": sop_step.is_decision, "state": st.state, "attempts": attempts})
    return {
        "run": {"id": state.id, "sop": state.sop.id, "sop_hash": state.sop_hash, "title": state.title,
                "operator": state.operator, "timezone": state.timezone, "status": state.status,
                "started_at": iso(state.started_at), "finished_at": iso(state.finished_at),
                "cancelled_at": iso(state.cancelled_at),
                "current_step": state.current, "rework_loops": state.rework_loops,
                "cancelled_reason": state.cancelled_reason or None,
                "record_intact": problem is None, "integrity_problem": problem},
        "steps": steps,
        "events": [{k: e[k] for k in ("seq", "kind", "at", "recorded_at", "data")}
                   for e in state.events if e["kind"] != "run_started"],
    }


def cmd_status(ctx) -> int:
    svc = service(ctx)
    run_id = svc.resolve(ctx.args.run)
    try:
        state = svc.state(run_id)
    except SoptuiError as exc:
        return _status_damaged(ctx, svc, run_id, str(exc))
    if ctx.args.json:
        ctx.print_json(status_dict(state))
        return 0
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..timeinput import format_time

    tz = svc.tz  # every time in the office's zone, whatever zone it was typed in
    from ..safetext import visible
    ctx.out.print(Text.assemble((visible(state.title), "bold"), f"  ({state.id}, SOP {state.sop.id}) — ",
                                t("status." + state.status)))  # titles are the user's text, not markup
    problem = state.integrity_problem()
    if problem:
        from ..report import integrity_text  # the summary's words for it
        ctx.out.print(Text(integrity_text(problem), style="bold red"))
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    for col in ("No", t("runs.col.kegiatan"), t("runs.col.state"), t("runs.col.attempts"),
                t("runs.col.completed"), t("runs.col.actor")):
        table.add_column(col)
    for st in state.ordered_steps():
        a = st.last
        table.add_row(str(st.no), state.sop.step(st.no).kegiatan, t(f"step.{st.state}"), str(len(st.attempts)),
                      format_time(a.completed_at, tz) if a and a.completed_at else "—", a.actor if a else "")
    ctx.out.print(table)
    ctx.out.print(event_table(state.events, tz))
    return 0


def _status_damaged(ctx, svc, run_id: str, reason: str) -> int:
    """A run whose record cannot be read or folded: why, and what the chain check finds (whether
    the file was changed after it was recorded)."""
    try:
        problem = svc.verify(run_id)
    except SoptuiError:
        problem = None  # unreadable: the reason says so already
    if ctx.args.json:
        ctx.print_json({"run": {"id": run_id, "status": "damaged", "damaged": True, "problem": reason,
                                "record_intact": False, "integrity_problem": problem},
                        "steps": [], "events": []})
        return 1
    ctx.err.print(t("runs.damaged", run=run_id), style="bold red", markup=False)
    ctx.err.print(reason, style="red", markup=False)
    if problem and problem not in reason:
        ctx.err.print(t("runs.verify_says", problem=problem), style="red", markup=False)
    return 1


def event_table(events: Sequence[Event], tz):
    """The log as recorded: the numbers are what `soptui correct RUN EVENT` takes, and each
    correction and undo says which event it changed (the changed event says so too)."""
    from datetime import datetime

    from rich import box
    from rich.table import Table

    from ..timeinput import format_time

    def when(iso: str) -> str:
        return format_time(datetime.fromisoformat(iso), tz)

    from ..actions import changes, corrected_values, finish_moments
    from ..report.history import corrected_texts, describe, history

    changed, corrected, follows = changes(events), corrected_values(events), finish_moments(events)
    # What later changed an event, with the values the record now reads.
    changed_by = {seq: t("event.undone", seq=c.by) if c.kind == "undone" else
                  "; ".join(corrected_texts(corrected[seq], tz)) if corrected.get(seq)
                  else t("event.corrected_by", seq=c.by) for seq, c in changed.items()}
    for seq, (by, _) in follows.items():  # a finish reads as the corrected moment of its completion
        recorded = next(e["at"] for e in events if e["seq"] == seq)
        changed_by[seq] = t("event.finish_follows", seq=by, at=when(recorded))
    described = {h["seq"]: describe(h, tz) for h in history(events)}
    table = Table(box=box.SIMPLE_HEAD, title=t("runs.col.events"), title_justify="left", expand=True)
    for col in ("#", t("runs.col.event"), t("runs.col.step"), t("runs.col.at")):
        table.add_column(col, no_wrap=True)
    table.add_column(t("runs.col.about"), ratio=1, overflow="fold")  # a long path wraps: cut, two read alike
    for e in events:
        data: Mapping[str, Any] = e["data"]  # read by name: each kind has some of these
        seq = e["seq"]
        about = []
        if e["kind"] == "correction":
            about.append(t("event.corrects_event", seq=data["target"], changes=described[seq][1]))
        elif e["kind"] == "undo":
            about.append(t("event.undoes", seq=data["target"]))
        if data.get("verdict"):
            about.append(data["verdict"])
        if data.get("reason"):
            about.append(data["reason"])
        if seq in changed_by:
            about.append(changed_by[seq])
        table.add_row(str(seq), t(f"event.{e['kind']}"), str(data.get("step") or ""),
                      when(follows[seq][1] if seq in follows else e["at"]),
                      "; ".join(about), style="strike dim" if changed.get(seq, ("",))[0] == "undone" else "")
    return table


def cmd_verify(ctx) -> int:
    svc = service(ctx)
    run_id = svc.resolve(ctx.args.run)
    from ..integrity import verify_chain
    events, head = svc.store.read_run(run_id)  # read once: checked, then counted
    problem = verify_chain(events, head)
    if problem:
        ctx.err.print(f"{svc.store.run_path(run_id)}: {problem}", style="red", markup=False)
        return 1
    ctx.out.print(t("runs.verified", run=run_id, n=len(events)), markup=False)
    return 0


def register(sub) -> None:
    c = sub.add_parser("runs", help=t("runs.runs.help"))
    c.add_argument("--json", action="store_true")
    c.add_argument("--status", choices=("in_progress", "finished", "cancelled", "damaged"))
    c.set_defaults(func=cmd_runs)

    c = sub.add_parser("status", help=t("runs.status.help"))
    c.add_argument("run", metavar="RUN")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_status)

    c = sub.add_parser("verify", help=t("runs.verify.help"))
    c.add_argument("run", metavar="RUN")
    c.set_defaults(func=cmd_verify)
