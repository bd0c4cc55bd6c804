"""Runs as append-only event logs: build events, fold them into state, enforce the rules.

Pure: no I/O and no clock. `now` is always passed in. Events are plain dicts as stored, typed
per kind in events.py:

  {"seq": 3, "kind": "step_completed", "at": ISO, "recorded_at": ISO,
   "data": {...}, "prev_hash": "...", "hash": "..."}

Kinds: run_started, step_started, step_completed, decision, correction, undo, run_finished,
run_cancelled. A correction changes the `at` of an earlier event (the original stays in the log);
an undo removes the latest event not yet undone from the fold. Nothing is edited in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Sequence, cast, get_args

from .actions import RECORDED, TIMED_KINDS  # noqa: F401  (TIMED_KINDS: part of this API)
from .errors import RuleError, SopFileError
from .events import (CompletionData, DecisionData, Event, EventData, Kind, RunStarted, Stored, Verdict, event,
                     trusted)
from .i18n import t
from .integrity import GENESIS, event_hash, event_problem, verify_chain  # noqa: F401  (part of this API)
from .messages import rules as _messages  # noqa: F401
from .model import Sop
from .sopfile import content_hash, parse_text

VERDICTS = get_args(Verdict)


# -- events -----------------------------------------------------------------------------------

def make_event(previous: Sequence[Event], kind: Kind, at: datetime, now: datetime, data: EventData) -> Event:
    """The next event of the log `previous`; `data` is what its kind records (events.py)."""
    if at.tzinfo is None or now.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    prev = previous[-1] if previous else None
    doc: dict[str, Any] = {"seq": (prev["seq"] + 1) if prev else 1, "kind": kind, "at": at.isoformat(),
                           "recorded_at": now.isoformat(), "data": data,
                           "prev_hash": prev["hash"] if prev else GENESIS}
    doc["hash"] = event_hash(doc)
    return event(doc)


# -- state ------------------------------------------------------------------------------------

class _State:
    """Fold state, changed in place while the events are folded: plain classes with slots (a
    dataclass would compile its methods at import, on every command's path)."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        shown = [k for k in self.__slots__ if k not in ("events", "effective")]  # logs are long
        return f"{type(self).__name__}({', '.join(f'{k}={getattr(self, k)!r}' for k in shown)})"


class Attempt(_State):
    __slots__ = ("step", "n", "ready_at", "started_at", "completed_at", "role", "actor", "output",
                 "evidence", "note", "verdict", "corrected")

    def __init__(self, step: int, n: int, ready_at: datetime, role: str = ""):
        self.step, self.n, self.ready_at, self.role = step, n, ready_at, role
        self.started_at: datetime | None = None
        self.completed_at: datetime | None = None
        self.actor = self.output = self.note = ""
        self.evidence: dict | None = None
        self.verdict: str | None = None
        self.corrected: set[str] = set()  # fields a correction changed: started_at, actor, output...

    @property
    def done(self) -> bool:
        return self.completed_at is not None


class StepState(_State):
    __slots__ = ("no", "attempts", "state")

    def __init__(self, no: int):
        self.no = no
        self.attempts: list[Attempt] = []
        self.state = "pending"  # done | current | pending | rework | skipped

    @property
    def last(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None


class RunState(_State):
    __slots__ = ("id", "sop", "sop_hash", "title", "operator", "timezone", "started_at", "steps",
                 "events", "effective", "status", "current", "finished_at", "cancelled_at",
                 "cancelled_reason", "rework_loops", "actors", "head")

    def __init__(self, id: str, sop: Sop, sop_hash: str, title: str, operator: str, timezone: str,
                 started_at: datetime, steps: dict[int, StepState], events: list[Event]):
        self.id, self.sop, self.sop_hash, self.title = id, sop, sop_hash, title
        self.operator, self.timezone, self.started_at, self.steps = operator, timezone, started_at, steps
        self.events = events                  # the whole log, undone events included
        self.effective: list[Event] = []      # events the fold used, with corrected times and fields
        self.status = "in_progress"           # in_progress | finished | cancelled
        self.current: int | None = None
        self.finished_at: datetime | None = None
        self.cancelled_at: datetime | None = None  # the work stopped then: timing ends there
        self.cancelled_reason = ""
        self.rework_loops = 0
        self.actors: dict[str, str] = {}      # role -> last actor name, for pre-filling
        self.head: dict | None = None         # the run file's head (last seq and hash), if it has one

    @property
    def current_attempt(self) -> Attempt | None:
        return self.steps[self.current].last if self.current is not None else None

    @property
    def last_activity(self) -> datetime:
        return max(_parse(e["recorded_at"]) for e in self.events)

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps.values() if s.state == "done")

    def integrity_problem(self) -> str | None:
        """What `soptui verify` would say (None: the chain and the SOP copy are intact). The fold
        reads a hand-edited log like any other, so the summary and status ask this too."""
        return verify_chain(self.events, self.head, shapes=False)  # the fold checked those

    def suggested_actor(self, no: int, roster) -> str:
        """Who to pre-fill for step `no`: the last person in its role in this run, else the roster
        (`roster(role) -> name`), else nobody: the operator at the keyboard is not who did it."""
        role = self.sop.step(no).pelaksana
        return self.actors.get(role) or roster(role) or ""

    def people(self) -> list[str]:
        """Everyone recorded as doing a step of this run, in the order first seen."""
        return list(dict.fromkeys(a.actor for s in self.ordered_steps() for a in s.attempts if a.actor))

    def ordered_steps(self) -> list[StepState]:
        return [self.steps[s.no] for s in self.sop.steps]


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


_sop_copies: dict[tuple[str, str], Sop] = {}


def load_sop_copy(first: RunStarted, run_id: str = "") -> tuple[Sop, str]:
    """The run's frozen SOP, parsed once per content hash (every fold would otherwise re-parse it)."""
    data = first["data"]
    key = (data["sop_id"], data["sop_text"])  # the text itself, not its stored hash (which an edit could forge)
    sop = _sop_copies.get(key)
    if sop is None:
        try:
            sop = parse_text(data["sop_text"], f"run {run_id} (frozen copy of {data['sop_id']})",
                             sop_id=data["sop_id"]).sop
        except SopFileError as exc:  # only possible if the run file was edited by hand
            raise RuleError(str(exc))
        if len(_sop_copies) > 64:
            _sop_copies.clear()
        _sop_copies[key] = sop
    return sop, data["sop_hash"]


def fold(docs: Stored, run_id: str = "", sop: Sop | None = None, head: dict | None = None,
         checked: bool = False) -> RunState:
    """Replay the log into state. Raises RuleError, naming the event, if the log is not a
    coherent run (only a hand-edited or damaged file gets there). `checked`: the events' shape is
    known to be good (a log folded just before, plus events built by the rules), not checked again.
    The state's `events` is the log itself, as typed events (the same list)."""
    problem = None if checked else event_problem(docs)
    if problem:
        raise RuleError(t("fold.bad_event", run=run_id, problem=problem))
    at_event = [0]  # the event being folded, for the last-resort message below
    try:
        state = _fold(trusted(docs), run_id, sop, at_event)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError):
        # A combination of events no rule could have recorded; say where, not how Python failed.
        raise RuleError(t("fold.inconsistent", run=run_id, seq=at_event[0]))
    state.head = head
    return state


def _fold(docs: list[Event], run_id: str, sop: Sop | None, at_event: list[int]) -> RunState:
    first = docs[0] if docs else None
    if first is None or first["kind"] != "run_started":
        raise RuleError(t("fold.no_start", run=run_id))
    if sop is None:
        sop, sop_hash = load_sop_copy(first, run_id)
    else:
        sop_hash = first["data"]["sop_hash"]
    undone = {e["data"]["target"] for e in docs if e["kind"] == "undo"}
    effective = [e for e in docs if e["seq"] not in undone and e["kind"] != "undo"]
    times = {e["seq"]: _parse(e["at"]) for e in effective}
    fields: dict[int, dict[str, Any]] = {}  # event -> recorded fields as corrected
    for e in effective:
        if e["kind"] == "correction":
            target = e["data"]["target"]
            corrected_at = e["data"].get("at")
            if corrected_at:
                times[target] = _parse(corrected_at)
                fields.setdefault(target, {})["at"] = True
            fields.setdefault(target, {}).update(e["data"].get("fields") or {})
    start = first["data"]
    state = RunState(id=run_id, sop=sop, sop_hash=sop_hash, title=start.get("title") or "",
                     operator=start.get("operator") or "", timezone=start.get("timezone") or "",
                     started_at=times[docs[0]["seq"]], steps={s.no: StepState(s.no) for s in sop.steps},
                     events=docs)
    reopened: set[int] = set()
    completed_at = None  # of the latest completion: a run finishes when its last step does
    for e in effective:
        at_event[0] = e["seq"]
        at = times[e["seq"]]  # every effective event has its (corrected) moment
        kind = e["kind"]
        data: Mapping[str, Any] = e["data"]  # read by name below, as corrected
        changed = {k: v for k, v in fields.get(e["seq"], {}).items() if k in ("at", *RECORDED)}
        if changed:
            data = {**data, **{k: v for k, v in changed.items() if k != "at"}}
        state.effective.append(event({**e, "at": at.isoformat(), "data": data}))
        if kind == "run_started":
            _open_attempt(state, sop.steps[0].no, at, reopened)
        elif kind == "step_started":
            attempt = _attempt(state, e["seq"], data["step"], run_id)
            attempt.started_at = at
            if "at" in changed:
                attempt.corrected.add("started_at")
        elif kind in ("step_completed", "decision"):
            attempt = _attempt(state, e["seq"], data["step"], run_id)
            attempt.completed_at = completed_at = at
            for key in ("role", "actor", "output", "note"):
                setattr(attempt, key, data.get(key, "") or "")
            attempt.evidence = data.get("evidence")
            attempt.corrected.update("completed_at" if k == "at" else k for k in changed)
            if data.get("actor"):
                state.actors[attempt.role] = data["actor"]
            verdict = data.get("verdict") if kind == "decision" else None
            attempt.verdict = verdict
            nxt = sop.next_after(data["step"], verdict)
            if verdict == "tidak" and sop.step(data["step"]).sends_back:
                state.rework_loops += 1
                reopened.update(_segment(sop, nxt, data["step"]))
            state.current = None
            if nxt is not None:
                _open_attempt(state, nxt, at, reopened)
        elif kind == "run_finished":
            state.status, state.finished_at, state.current = "finished", completed_at or at, None
        elif kind == "run_cancelled":
            state.status, state.cancelled_at = "cancelled", at  # `current` stays: where it stopped
            state.cancelled_reason = data.get("reason", "")
    ordered = state.ordered_steps()
    furthest = max((i for i, st in enumerate(ordered) if st.attempts), default=-1)
    for i, step in enumerate(ordered):
        no = step.no
        # Never reached while the run went on past it (or finished): a decision jumped over it.
        if not step.attempts and (i < furthest or state.status == "finished"):
            step.state = "skipped"
        elif no == state.current:
            step.state = "current"
        elif no in reopened:
            step.state = "rework"
        elif step.last and step.last.done:
            step.state = "done"
    return state


def _attempt(state: RunState, seq: int, no: int, run_id: str) -> Attempt:
    """The open attempt of step `no` (event `seq`'s); RuleError when the SOP has no such step or
    the run never reached it."""
    step = state.steps.get(no)
    if step is None or step.last is None:
        key = "fold.unknown_step" if step is None else "fold.step_not_reached"
        raise RuleError(t(key, run=run_id, seq=seq, step=no, sop=state.sop.id))
    return step.last


def _open_attempt(state: RunState, no: int, ready: datetime, reopened: set[int]) -> None:
    step = state.steps[no]
    step.attempts.append(Attempt(step=no, n=len(step.attempts) + 1, ready_at=ready,
                                 role=state.sop.step(no).pelaksana))
    reopened.discard(no)
    state.current = no


def _segment(sop: Sop, start: int | None, end: int) -> list[int]:
    """Steps from `start` to `end` along the "ya" path: the ones a "tidak" sends back for rework."""
    out: list[int] = []
    no = start
    while no is not None and no not in out:
        out.append(no)
        if no == end:
            break
        no = sop.next_after(no, "ya")
    return out


def check_times(state: RunState, now: datetime) -> None:
    """Every attempt in order: ready <= started <= completed <= now. RuleError names the step."""
    if state.started_at > now:
        raise RuleError(t_later(t("rule.run_start"), state.started_at, now))
    for step in state.ordered_steps():
        for a in step.attempts:
            label = t("rule.step_attempt", step=a.step, n=a.n) if a.n > 1 else t("rule.step", step=a.step)
            for name, moment in (("start", a.started_at), ("completion", a.completed_at)):
                if moment is None:
                    continue
                what = t(f"rule.what.{name}")
                if moment < a.ready_at:
                    raise RuleError(t("rule.before_ready", label=label, what=what, at=_fmt(moment, now),
                                      ready=_fmt(a.ready_at, now)))
                if moment > now:
                    raise RuleError(t_later(f"{label}: {what}", moment, now))
            if a.started_at and a.completed_at and a.completed_at < a.started_at:
                raise RuleError(t("rule.before_start", label=label, at=_fmt(a.completed_at, now),
                                  start=_fmt(a.started_at, now)))
    if state.cancelled_at is not None:  # a cancellation stops the work after all that was done
        if state.cancelled_at > now:
            raise RuleError(t_later(t("rule.what.cancel"), state.cancelled_at, now))
        last = max([state.started_at] + [m for s in state.steps.values() for a in s.attempts
                                         for m in (a.started_at, a.completed_at) if m is not None])
        if state.cancelled_at < last:
            raise RuleError(t("rule.cancel_before_last", at=_fmt(state.cancelled_at, now), last=_fmt(last, now)))


def t_later(what: str, moment: datetime, now: datetime) -> str:
    return t("rule.later_than_now", what=what, at=_fmt(moment, now), now=_fmt(now, now))


def _fmt(dt: datetime, now: datetime) -> str:
    """In the zone of `now` (the office's), so that two moments in one message compare at a glance."""
    return dt.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")


# -- actions: each returns the new events, validated against the folded state -----------------

def start_run(sop_id: str, sop_text: str, *, title: str, operator: str, timezone: str,
              at: datetime, now: datetime) -> list[Event]:
    if at > now:
        raise RuleError(t_later(t("rule.run_start"), at, now))
    doc = make_event([], "run_started", at, now, {
        "sop_id": sop_id, "sop_hash": content_hash(sop_text), "sop_text": sop_text,
        "title": title, "operator": operator, "timezone": timezone})
    fold([doc])  # the SOP copy must parse
    return [doc]


def _open_state(docs: Stored, run_id: str) -> RunState:
    state = fold(docs, run_id)
    if state.status != "in_progress":
        raise RuleError(t("rule.finished" if state.status == "finished" else "rule.cancelled", run=run_id))
    return state


def _commit(docs: Sequence[Event], new: list[Event], run_id: str, now: datetime) -> list[Event]:
    """Fold the log with the new events and check the times; the new events only if all holds."""
    check_times(fold([*docs, *new], run_id, checked=True), now)  # `docs` were folded by _open_state
    return new


def _ready_step(state: RunState, no: int, run_id: str, now: datetime) -> None:
    if not state.sop.has_step(no):
        raise RuleError(t("rule.no_step", run=run_id, sop=state.sop.id, step=no, last=len(state.sop.steps)))
    if state.current != no or state.current_attempt is None:
        done = state.steps[no].last
        # Recorded already (here, or by someone else), as the fold says: a step sent back for
        # rework keeps its old completion but is waiting, not done.
        if state.steps[no].state == "done" and done is not None and done.completed_at is not None:
            raise RuleError(t("rule.already_done", step=no, at=_fmt(done.completed_at, now),
                              actor=done.actor or "—", current=state.current))
        raise RuleError(t("rule.not_ready", step=no, current=state.current))


def start_step(docs: Stored, run_id: str, no: int, *, at: datetime, now: datetime) -> list[Event]:
    state = _open_state(docs, run_id)
    log = state.events
    _ready_step(state, no, run_id, now)
    attempt = state.current_attempt
    assert attempt is not None  # _ready_step: the step is the current one
    if attempt.started_at is not None:
        raise RuleError(t("rule.already_started", step=no, at=_fmt(attempt.started_at, now)))
    return _commit(log, [make_event(log, "step_started", at, now, {"step": no})], run_id, now)


def complete_step(docs: Stored, run_id: str, no: int, *, at: datetime, now: datetime,
                  actor: str = "", output: str = "", evidence: dict | None = None, note: str = "",
                  verdict: str | None = None) -> list[Event]:
    """Complete the current step; for a decision step a verdict ("ya"/"tidak") is required."""
    state = _open_state(docs, run_id)
    log = state.events
    _ready_step(state, no, run_id, now)
    step = state.sop.step(no)
    if verdict is None and step.is_decision:
        raise RuleError(t("rule.needs_verdict", step=no))
    if verdict is not None:
        if not step.is_decision:
            raise RuleError(t("rule.not_decision", step=no))
        if verdict not in VERDICTS:
            raise RuleError(t("rule.bad_verdict", step=no, verdict=verdict))
    data = CompletionData(step=no, role=step.pelaksana, actor=actor.strip(), output=output.strip(),
                          evidence=evidence, note=note.strip())
    if verdict is not None:  # one of VERDICTS (checked above)
        new = [make_event(log, "decision", at, now, DecisionData(**data, verdict=cast(Verdict, verdict)))]
    else:
        new = [make_event(log, "step_completed", at, now, data)]
    if state.sop.next_after(no, verdict) is None:
        new.append(make_event([*log, *new], "run_finished", at, now, {}))
    return _commit(log, new, run_id, now)
