"""One run's step figures: what a period's statistics need from it, kept so they never fold it again.

Computed in the service's write path whenever the run's record changes (and rebuilt from the run
file when missing, of another version, of another office calendar or of an older record).
Completed attempts are kept with their timing; open ones (ready or started, not completed) only
with who and when, for the event log: their timing changes with the clock, a completed one's
never does, and the statistics time completed attempts only. Pure: folded state and calendar in, a JSON-ready dict out.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from ..runs import RunState
from ..timing import AttemptTiming, time_attempt

# The figures' shape. Figures of another version are rebuilt from the run file. 5: steps and
# attempts as lists (fields below), moments as POSIX seconds, the SOP copy's identity and steps
# kept once per shard (store.put_stepfigs_many): a year of thousands of runs parses in a third
# of the time. 6: open attempts ("open": the first five attempt fields) for the event log.
VERSION = 6
STEP_FIELDS = ("no", "kegiatan", "pelaksana", "waktu", "decision", "tidak")
# An attempt's role is its step's pelaksana in the run's SOP copy (runs.py records no other).
ATTEMPT_FIELDS = ("step", "n", "actor", "ready", "start", "done", "std_s", "actual_s", "on_time", "verdict")
S_NO, S_KEGIATAN, S_PELAKSANA, S_WAKTU, S_DECISION, S_TIDAK = range(len(STEP_FIELDS))
A_STEP, A_N, A_ACTOR, A_READY, A_START, A_DONE, A_STD, A_ACTUAL, A_ON_TIME, A_VERDICT = range(len(ATTEMPT_FIELDS))


def calendar_key(cal) -> str:
    """Which office calendar measured the figures: another one (edited soptui.toml) rebuilds them."""
    return hashlib.sha1(repr(cal.settings).encode()).hexdigest()[:16]


def attempt_on_time(a: AttemptTiming) -> bool | None:
    """Was a completed attempt on time (None: no standard)? The one place statistics read lateness,
    so that a change of its definition (actions.py) is followed here in one line."""
    return a.on_time


def run_figs(state: RunState, cal, key: str | None = None, mtime_ns: int = 0, timing=None) -> dict:
    """The run's identity, status and every completed attempt, timed on `cal`. `mtime_ns`: the
    run file's, taken before it was read (what `fresh` compares). `timing`: the run already timed
    on `cal` (timing.time_run), whose completed attempts are used as they are."""
    sop = state.sop
    timed = {(a.step, a.n): a for s in timing.steps for a in s.attempts} if timing is not None else {}
    steps: list[list] = []
    attempts: list[tuple[datetime, int, int, list]] = []  # (completed, step, attempt, fields)
    open_: list[list] = []
    for step in sop.steps:
        std = sop.effective_standard(step)
        steps.append([step.no, step.kegiatan, step.pelaksana, step.waktu, step.is_decision, step.tidak])
        for a in state.steps[step.no].attempts:
            if a.completed_at is None:
                open_.append([a.step, a.n, a.actor, epoch(a.ready_at), epoch(a.started_at) if a.started_at else None])
                continue
            at = timed.get((a.step, a.n)) or time_attempt(cal, a, std, a.completed_at)
            due = at.due_at
            attempts.append((a.completed_at, a.step, a.n, [
                a.step, a.n, a.actor, epoch(a.ready_at),
                epoch(a.started_at) if a.started_at else None, epoch(a.completed_at),
                whole(cal.working_seconds_between(a.ready_at, due)) if due is not None else None,
                whole(at.actual_working_seconds), attempt_on_time(at), a.verdict]))
    attempts.sort(key=lambda r: r[:3])  # in order of completion
    ended = state.finished_at or state.cancelled_at
    # "sop": what every run of this SOP copy shares; the store keeps it once per shard ("sop_key").
    return {"v": VERSION, "cal": key if key is not None else calendar_key(cal), "id": state.id, "mtime_ns": mtime_ns,
            "sop_id": sop.id, "sop_key": state.sop_hash[:20], "title": state.title, "timezone": state.timezone,
            "status": state.status, "started_at": state.started_at.isoformat(),
            "ended_at": ended.isoformat() if ended else None, "rework_loops": state.rework_loops,
            "sop": {"nomor": sop.identity.nomor, "nama": sop.identity.nama, "steps": steps},
            "attempts": [r[3] for r in attempts], "open": open_}


def whole(seconds: float) -> int | float:
    """Seconds as an integer where they are whole (the file is smaller, the figures the same)."""
    return int(seconds) if float(seconds).is_integer() else round(seconds, 3)


def epoch(dt: datetime) -> int | float:
    value = dt.timestamp()
    return int(value) if value.is_integer() else value


def moment(value: float, timezone: str) -> datetime:
    """A kept moment in the run's time zone (the offset its events were recorded with)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        tz = ZoneInfo(timezone) if timezone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return datetime.fromtimestamp(value, tz)


def fresh(figs: object, mtime_ns: int, key: str) -> bool:
    """Do kept figures still describe the run file (changed at `mtime_ns`) on this calendar? The
    same test the index applies to its rows: any write, or hand edit, renews the file's times."""
    return (isinstance(figs, dict) and figs.get("v") == VERSION and figs.get("cal") == key
            and figs.get("mtime_ns") == mtime_ns and mtime_ns != 0
            and isinstance(figs.get("attempts"), list) and isinstance(figs.get("open"), list)
            and isinstance(figs.get("sop"), dict))
