"""One run's step figures: what a period's statistics need from it, kept so they never fold it again.

Computed in the service's write path whenever the run's record changes (and rebuilt from the run
file when missing, of another version, of another office calendar or of an older record). Only
completed attempts are kept: an open attempt's figures change with the clock, a completed one's
never do. Pure: folded state and calendar in, a JSON-ready dict out.
"""

from __future__ import annotations

import hashlib

from ..runs import RunState
from ..timing import AttemptTiming, time_attempt

# The figures' shape. Figures of another version are rebuilt from the run file. 1: first shape.
VERSION = 1


def calendar_key(cal) -> str:
    """Which office calendar measured the figures: another one (edited soptui.toml) rebuilds them."""
    return hashlib.sha1(repr(cal.settings).encode()).hexdigest()[:16]


def attempt_on_time(a: AttemptTiming) -> bool | None:
    """Was a completed attempt on time (None: no standard)? The one place statistics read lateness,
    so that a change of its definition (actions.py) is followed here in one line."""
    return a.on_time


def run_figs(state: RunState, cal, key: str | None = None) -> dict:
    """The run's identity, status and every completed attempt, timed on `cal`."""
    sop = state.sop
    steps, attempts = [], []
    for step in sop.steps:
        std = sop.effective_standard(step)
        steps.append({"no": step.no, "kegiatan": step.kegiatan, "pelaksana": step.pelaksana,
                      "waktu": step.waktu, "decision": step.is_decision, "tidak": step.tidak})
        for a in state.steps[step.no].attempts:
            if a.completed_at is None:
                continue
            timing = time_attempt(cal, a, std, a.completed_at)
            due = timing.due_at
            attempts.append({
                "step": a.step, "n": a.n, "role": a.role, "actor": a.actor,
                "ready": a.ready_at.isoformat(), "start": a.started_at.isoformat() if a.started_at else None,
                "done": a.completed_at.isoformat(),
                "std_s": cal.working_seconds_between(a.ready_at, due) if due is not None else None,
                "actual_s": timing.actual_working_seconds, "on_time": attempt_on_time(timing),
                "verdict": a.verdict})
    attempts.sort(key=lambda r: (r["done"], r["step"], r["n"]))
    last = state.events[-1]
    ended = state.finished_at or state.cancelled_at
    return {"v": VERSION, "cal": key if key is not None else calendar_key(cal), "id": state.id,
            "last_seq": last["seq"], "last_hash": last.get("hash"), "sop_id": sop.id,
            "sop_nomor": sop.identity.nomor, "sop_nama": sop.identity.nama, "title": state.title,
            "timezone": state.timezone, "status": state.status, "started_at": state.started_at.isoformat(),
            "ended_at": ended.isoformat() if ended else None, "rework_loops": state.rework_loops,
            "steps": steps, "attempts": attempts}


def fresh(figs: object, row: dict, key: str) -> bool:
    """Do kept figures still describe the run as its (fresh) index row does?"""
    return (isinstance(figs, dict) and figs.get("v") == VERSION and figs.get("cal") == key
            and figs.get("last_seq") == row.get("last_seq") and figs.get("last_hash") == row.get("last_hash")
            and isinstance(figs.get("attempts"), list) and isinstance(figs.get("steps"), list))
