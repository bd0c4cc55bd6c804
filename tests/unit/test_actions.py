"""The one home of what may be done now: every action in every run state, and what it changes."""

from __future__ import annotations

from datetime import datetime

import pytest

from soptui import actions, amend, runs
from tests.unit.test_timing import REWORK_SOP, WIB

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=WIB)
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=WIB)


def at(minutes: int) -> datetime:
    return T0.replace(minute=minutes)


def started() -> list[dict]:
    return runs.start_run("contoh", REWORK_SOP, title="T", operator="", timezone="Asia/Jakarta", at=T0, now=NOW)


def states() -> dict[str, list[dict]]:
    """Runs in every state the rules tell apart."""
    fresh = started()
    step_started = fresh + runs.start_step(fresh, "r", 1, at=at(1), now=NOW)
    one_done = fresh + runs.complete_step(fresh, "r", 1, at=at(5), now=NOW)
    undone = one_done + amend.undo_last(one_done, "r", reason="salah", now=NOW)
    cancelled = one_done + amend.cancel_run(one_done, "r", reason="batal", now=NOW, at=at(10))
    docs = one_done
    for no, minute, verdict in ((2, 20, None), (3, 25, "ya"), (4, 30, None)):
        docs = docs + runs.complete_step(docs, "r", no, at=at(minute), now=NOW, verdict=verdict)
    return {"fresh": fresh, "step_started": step_started, "one_done": one_done, "undone": undone,
            "cancelled": cancelled, "finished": docs}


# action -> the states in which it can act
TABLE = {
    "complete": {"fresh", "step_started", "one_done", "undone"},
    "start_step": {"fresh", "one_done", "undone"},
    "undo": {"step_started", "one_done", "cancelled", "finished"},  # on a closed run it reopens it
    "correct": {"fresh", "step_started", "one_done", "undone", "cancelled", "finished"},
    "cancel_run": {"fresh", "step_started", "one_done", "undone"},
    "reopen": {"cancelled", "finished"},
}


@pytest.mark.parametrize("action", actions.ACTIONS)
def test_every_action_in_every_state(action):
    for name, docs in states().items():
        state = runs.fold(docs, "r")
        assert actions.can(state, action) == (name in TABLE[action]), (action, name)


def test_no_run_loaded_allows_only_what_is_not_a_run_action():
    assert not any(actions.can(None, a) for a in actions.ACTIONS)
    assert actions.can(None, "back") and actions.can(None, "reload")


def test_undo_target_is_what_undo_last_undoes():
    docs = states()["one_done"]
    target = actions.undo_target(docs)
    assert target["kind"] == "step_completed"
    new = amend.undo_last(docs, "r", reason="x", now=NOW)
    assert new[0]["data"]["target"] == target["seq"]
    assert actions.undo_target(started()) is None  # the start of a run is cancelled, not undone


def test_correct_target_prefers_the_selected_steps_latest_moment():
    docs = states()["step_started"]
    docs = docs + runs.complete_step(docs, "r", 1, at=at(5), now=NOW)
    state = runs.fold(docs, "r")
    assert actions.correct_target(state, 1)["kind"] == "step_completed"
    assert actions.correct_target(state, 3)["seq"] == docs[-1]["seq"]  # nothing of step 3: the latest
    assert actions.correct_target(state, None)["seq"] == docs[-1]["seq"]  # no step chosen: the latest, not the start
    assert [e["kind"] for e in actions.correctable(state)] == ["run_started", "step_started", "step_completed"]


def test_changes_say_which_event_changed_which():
    docs = states()["one_done"]
    docs = docs + amend.correct(docs, "r", 2, at=at(4), reason="jam salah", now=NOW)
    docs = docs + amend.correct(docs, "r", 2, at=at(3), reason="lagi", now=NOW)
    changes = actions.changes(docs)
    assert changes[2] == actions.Change("corrected", 4, at(3).isoformat())  # the last correction counts
    docs = docs + amend.undo_last(docs, "r", reason="batal koreksi", now=NOW)  # undoes the correction #4
    changes = actions.changes(docs)
    assert changes[4] == actions.Change("undone", 5)
    assert changes[2] == actions.Change("corrected", 3, at(4).isoformat())


def test_late_count_of_an_index_row():
    row = {"status": "in_progress", "late_done": 2, "current_due_at": at(30).isoformat()}
    assert actions.late_count(row, at(30)) == 2  # at the due moment: not late yet
    assert actions.late_count(row, at(31)) == 3
    assert actions.late_count({**row, "status": "finished"}, at(31)) == 2
    assert actions.late_count({"status": "in_progress"}, NOW) is None
    assert actions.late_count({**row, "status": "damaged"}, NOW) is None
