"""What may be done to a run now, and what an action would change: the one home of these rules.

runs.py asks it before it builds an event; the command line and the interactive view ask it to
offer only what can act (footer, palette, help) and to say what undo would undo. Pure: folded
state and events (events.py) in, answers out.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple, Sequence

from .events import Event

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .calendar import OfficeCalendar
    from .runs import RunState
    from .timing import AttemptTiming, StepTiming

TIMED_KINDS = ("run_started", "step_started", "step_completed", "decision")
ACTIONS = ("complete", "start_step", "undo", "correct", "cancel_run", "reopen")
# What a correction may change, by the kind of event it corrects.
RECORDED = ("actor", "output", "evidence", "note")
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "run_started": ("at",), "step_started": ("at",), "step_completed": ("at", *RECORDED),
    "decision": ("at", *RECORDED), "run_cancelled": ("at",)}


def undone_seqs(events: Sequence[Event]) -> set[int]:
    return {e["data"]["target"] for e in events if e["kind"] == "undo"}


def _latest(events: Sequence[Event], skip: tuple[str, ...]) -> Event | None:
    """The latest event in force of a kind not in `skip`. A run's finish is not an act of its
    own: where it is the latest, the completion that finished the run counts."""
    undone = undone_seqs(events)
    rest = [e for e in events if e["kind"] not in skip and e["seq"] not in undone]
    while rest and rest[-1]["kind"] == "run_finished":
        rest.pop()
    return rest[-1] if rest else None


def undo_target(events: Sequence[Event]) -> Event | None:
    """The latest event not yet undone (the start of a run is cancelled, never undone); on a
    finished run, its last completion."""
    return _latest(events, ("undo", "run_started"))


def reopen_target(events: Sequence[Event]) -> Event | None:
    """What reopening a closed run takes back: its cancellation, or its last completion (with the
    finish). Corrections made since it closed stay: they are not what closed it."""
    return _latest(events, ("undo", "correction", "run_started"))


def undo_reopens(state: RunState) -> bool:
    """Would undo reopen the run? (On a closed run it takes back what closed it, unless a
    correction was recorded since: then that correction.)"""
    target = undo_target(state.events)
    if state.status == "in_progress" or target is None:
        return False
    seqs = undo_seqs_for(state.events, target)
    return any(e["seq"] in seqs and e["kind"] in ("run_finished", "run_cancelled") for e in state.events)


def undo_seqs_for(events: Sequence[Event], target: Event) -> list[int]:
    """The events an undo of `target` takes back, in order: a finish that followed it first."""
    undone = undone_seqs(events)
    finish = [e["seq"] for e in events if e["kind"] == "run_finished" and e["seq"] > target["seq"]
              and e["seq"] not in undone]
    return finish + [target["seq"]]


def correctable(state: RunState) -> list[Event]:
    """The events a correction may change: those still in force that have a moment or recorded
    fields of their own (with their corrected values), oldest first."""
    return [e for e in state.effective if e["kind"] in CORRECTABLE]


def correct_target(state: RunState, step: int | None = None) -> Event | None:
    """What a correction of `step` would change: its latest recorded moment, else the run's."""
    timed = correctable(state)
    mine = [e for e in timed if step is not None and e["data"].get("step") == step]
    chosen = mine or timed
    return chosen[-1] if chosen else None


def can(state: RunState | None, action: str, step: int | None = None) -> bool:
    """Can `action` act on the run now? (Unknown actions are not this module's to refuse.)"""
    if state is None:
        return action not in ACTIONS
    open_run = state.status == "in_progress"
    if action == "complete":
        return open_run and state.current is not None
    if action == "start_step":
        attempt = state.current_attempt
        return open_run and attempt is not None and attempt.started_at is None
    if action == "undo":  # in any state: on a finished or cancelled run it reopens it
        return undo_target(state.events) is not None
    if action == "correct":
        return correct_target(state, step) is not None
    if action == "cancel_run":
        return open_run
    if action == "reopen":
        return not open_run
    return True


class Change(NamedTuple):
    """What later happened to an event: undone by event `by`, or its moment corrected to `at`."""

    kind: str  # "undone" | "corrected"
    by: int
    at: str | None = None


def changes(events: Sequence[Event]) -> dict[int, Change]:
    """Event number -> the change in force on it. An undo wins over a correction; of several
    corrections the last one not itself undone counts."""
    undone = {e["data"]["target"]: e["seq"] for e in events if e["kind"] == "undo"}
    out = {target: Change("undone", seq) for target, seq in undone.items()}
    for e in events:
        if e["kind"] == "correction" and e["seq"] not in undone and e["data"]["target"] not in undone:
            out[e["data"]["target"]] = Change("corrected", e["seq"], e["data"].get("at"))
    return out


def corrected_values(events: Sequence[Event]) -> dict[int, dict[int, dict[str, Any]]]:
    """Event number -> {correction number -> {field -> value it set that the record still reads}},
    in the order the corrections were made ("at": the corrected moment, ISO). The fold reads a
    field from the last correction in force that set it, so an earlier one keeps only the rest."""
    undone = undone_seqs(events)
    latest: dict[int, dict[str, tuple[int, Any]]] = {}
    for e in events:
        data: Mapping[str, Any] = e["data"]  # a correction's, read by name
        if e["kind"] != "correction" or e["seq"] in undone or data["target"] in undone:
            continue
        fields = latest.setdefault(data["target"], {})
        if data.get("at"):
            fields["at"] = (e["seq"], data["at"])
        for name, value in (data.get("fields") or {}).items():
            fields[name] = (e["seq"], value)
    out: dict[int, dict[int, dict[str, Any]]] = {}
    for target, fields in latest.items():
        by_correction = out.setdefault(target, {})
        for name, (seq, value) in sorted(fields.items(), key=lambda item: item[1][0]):
            by_correction.setdefault(seq, {})[name] = value
    return out


def finish_moments(events: Sequence[Event]) -> dict[int, tuple[int, str]]:
    """A run's finish is the moment of the completion that finished it (runs.fold): finish event
    number -> (the correction in force on that completion's moment, the corrected moment), for
    each finish still in force whose completion's moment was corrected after it was recorded."""
    undone = undone_seqs(events)
    corrected = corrected_values(events)
    out: dict[int, tuple[int, str]] = {}
    completion = None
    for e in events:
        if e["seq"] in undone:
            continue
        if e["kind"] in ("step_completed", "decision"):
            completion = e["seq"]
        elif e["kind"] == "run_finished" and completion is not None:
            moments = [(seq, values["at"]) for seq, values in corrected.get(completion, {}).items() if "at" in values]
            if moments and datetime.fromisoformat(moments[-1][1]) != datetime.fromisoformat(e["at"]):
                out[e["seq"]] = moments[-1]
    return out


# -- lateness: one definition, used by every screen and export --------------------------------

def attempt_late(attempt: AttemptTiming) -> bool:
    """An attempt is late when it was completed after its due moment, or is still open past it."""
    return attempt.on_time is False


def step_late(attempts: Iterable[AttemptTiming]) -> bool:
    """A step is late when any of its attempts was: rework done on time does not undo a late one."""
    return any(attempt_late(a) for a in attempts)


def late_steps(steps: Iterable[StepTiming]) -> tuple[int, ...]:
    """The steps that are late (step_late), in SOP order: what "Telat N" counts."""
    return tuple(s.no for s in steps if step_late(s.attempts))


def done_late_steps(steps: Iterable[StepTiming]) -> list[int]:
    """The steps with an attempt that was completed late (an index row's part of late_steps: the
    current step's lateness moves with the clock, so late_count adds it when it is read)."""
    return [s.no for s in steps if step_late(a for a in s.attempts if not a.in_progress)]


def late_count(row: Mapping[str, Any], now: datetime) -> int | None:
    """Late steps of a run from its index row (the same count as late_steps of its figures): those
    with an attempt completed late, plus the current step once it is past its due moment. None:
    not measured yet (the row was written without a calendar)."""
    if row.get("late_done") is None or row.get("status") == "damaged":
        return None
    due = row.get("current_due_at")
    past_due = row.get("status") == "in_progress" and isinstance(due, str) and now > datetime.fromisoformat(due)
    steps = row.get("late_steps")
    if not isinstance(steps, list):  # a row from before late_steps: its count of steps done late
        return (row["late_done"] or 0) + past_due
    return len(set(steps) | ({row.get("current_step")} if past_due else set()))


# -- office hours: a moment typed as 02.00 that was meant as 14.00 ------------------------------

def off_hours(cal: OfficeCalendar, at: datetime) -> bool:
    """Is `at` outside the office's working hours: a day off, or before the day opens or after it
    closes? A break is inside the day (work over lunch happens; a time typed as 02.00 for 14.00
    does not). Such a moment is recorded only once confirmed, and the summary marks it."""
    local = at.astimezone(cal.tz)
    spans = cal.intervals_on(local.date())
    return not spans or not spans[0][0] <= local <= spans[-1][1]
