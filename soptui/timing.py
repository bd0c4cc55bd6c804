"""Run state + office calendar -> timing compliance figures. Pure; `now` is passed in.

An attempt is due at ready + standard on the office calendar, and on time when it completes at
or before that moment. An attempt still open is measured against `now`: once past due it counts
as late (it cannot become on time any more); before that it is not yet measured. Steps without a
standard are shown but left out of the rate. Every attempt, rework included, is timed.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from . import actions
from .calendar import OfficeCalendar
from .model import Standard, total_standard
from .runs import Attempt, RunState


class AttemptTiming(NamedTuple):
    step: int
    n: int
    ready_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    due_at: datetime | None
    actual_working_seconds: float          # ready -> completed (or now)
    overrun_working_seconds: float         # past due, in working time (0 when on time)
    wait_working_seconds: float | None     # ready -> started, where a start was recorded
    work_working_seconds: float | None     # started -> completed (or now)
    on_time: bool | None                   # None: no standard, or still open and not yet due
    in_progress: bool
    actor: str
    role: str
    output: str
    verdict: str | None
    off_hours: bool = False                # started or completed outside working hours (confirmed)
    due_shown: datetime | None = None      # due_at as people read it (calendar.shown_due)

    @property
    def late(self) -> bool:
        return actions.attempt_late(self)

    @property
    def measured(self) -> bool:
        return self.on_time is not None


class StepTiming(NamedTuple):
    no: int
    kegiatan: str
    pelaksana: str  # every role of the step, the acting one first, joined with ", "
    standard: Standard | None
    state: str
    attempts: tuple[AttemptTiming, ...]

    @property
    def late(self) -> bool:
        return actions.step_late(self.attempts)

    @property
    def last(self) -> AttemptTiming | None:
        return self.attempts[-1] if self.attempts else None


class RoleTiming(NamedTuple):
    role: str
    steps: int              # attempts completed by this role
    working_seconds: float
    late: int
    people: tuple[str, ...]


class RunTiming(NamedTuple):
    now: datetime
    steps: tuple[StepTiming, ...]
    roles: tuple[RoleTiming, ...]
    started_at: datetime
    ended_at: datetime | None
    lead_working_seconds: float
    lead_elapsed_seconds: float
    standard_total: Standard
    standard_total_working_seconds: float
    measured: int
    on_time: int
    rework_loops: int
    attempts_total: int = 0
    unmeasured_steps: tuple[int, ...] = ()

    @property
    def late(self) -> int:
        """Late attempts (measured, not on time)."""
        return self.measured - self.on_time

    @property
    def late_steps(self) -> tuple[int, ...]:
        return actions.late_steps(self.steps)

    @property
    def rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None


def time_attempt(cal: OfficeCalendar, a: Attempt, std: Standard | None, now: datetime) -> AttemptTiming:
    end = a.completed_at or now
    due = cal.due(a.ready_at, std) if std is not None else None
    if due is None:
        on_time = None
    elif a.completed_at is not None:
        on_time = a.completed_at <= due
    else:
        on_time = False if now > due else None
    overrun = cal.working_seconds_between(due, end) if due is not None and end > due else 0.0
    started = a.started_at
    return AttemptTiming(
        step=a.step, n=a.n, ready_at=a.ready_at, started_at=started, completed_at=a.completed_at,
        due_at=due, actual_working_seconds=cal.working_seconds_between(a.ready_at, end),
        overrun_working_seconds=overrun,
        wait_working_seconds=cal.working_seconds_between(a.ready_at, started) if started else None,
        work_working_seconds=cal.working_seconds_between(started, end) if started else None,
        on_time=on_time, in_progress=a.completed_at is None, actor=a.actor, role=a.role,
        output=a.output, verdict=a.verdict,
        off_hours=any(m is not None and actions.off_hours(cal, m) for m in (started, a.completed_at)),
        due_shown=cal.shown_due(due, std is not None and std.calendar) if due is not None else None)


def time_run(state: RunState, cal: OfficeCalendar, now: datetime) -> RunTiming:
    sop = state.sop
    steps: list[StepTiming] = []
    open_run = state.status == "in_progress"
    for sop_step in sop.steps:
        std = sop.effective_standard(sop_step)
        attempts = tuple(time_attempt(cal, a, std, now) for a in state.steps[sop_step.no].attempts
                         if a.completed_at is not None or open_run)
        steps.append(StepTiming(no=sop_step.no, kegiatan=sop_step.kegiatan, pelaksana=sop_step.pelaksana_text,
                                standard=std, state=state.steps[sop_step.no].state, attempts=attempts))
    all_attempts = [a for s in steps for a in s.attempts]
    ended = state.finished_at or state.cancelled_at  # None while the run is open
    end = ended or now
    main = sop.main_path()
    standards = [sop.effective_standard(s) for s in main]
    # The standard lead time: chain each step's due moment from the run's start along the path.
    moment = state.started_at
    for std in standards:
        if std is not None:
            moment = cal.due(moment, std)
    return RunTiming(
        now=now, steps=tuple(steps), roles=_roles(sop.roles, all_attempts), started_at=state.started_at,
        ended_at=ended, lead_working_seconds=cal.working_seconds_between(state.started_at, end),
        lead_elapsed_seconds=max(0.0, (end - state.started_at).total_seconds()),
        standard_total=total_standard(standards),
        standard_total_working_seconds=cal.working_seconds_between(state.started_at, moment),
        measured=sum(1 for a in all_attempts if a.measured),
        on_time=sum(1 for a in all_attempts if a.on_time),
        rework_loops=state.rework_loops, attempts_total=len(all_attempts),
        unmeasured_steps=tuple(s.no for s in steps if s.standard is None))


def _roles(order: tuple[str, ...], attempts: list[AttemptTiming]) -> tuple[RoleTiming, ...]:
    out = []
    for role in order:
        mine = [a for a in attempts if a.role == role and not a.in_progress]
        if not mine:
            continue
        people = tuple(dict.fromkeys(a.actor for a in mine if a.actor))
        out.append(RoleTiming(role=role, steps=len(mine),
                              working_seconds=sum(a.actual_working_seconds for a in mine),
                              late=sum(1 for a in mine if a.late), people=people))
    return tuple(out)
