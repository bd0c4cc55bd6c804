"""The rules of a run at their edges: a time exactly at the ready moment, at a start, at now, at
the last recorded event, one second either side; what a correction may target; what the hash
chain covers; the store's sequence check.

Runs are built with the public actions of runs.py (and RunService for undo and correction, as
the commands do), with an injected clock. SOP: test_timing's REWORK_SOP (1: 10 menit, 2: 30
menit, 3: decision "tidak" -> 2, 4: blank), run started Mon 23 Nov 2026 08:00 WIB.
"""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from soptui import amend, runs
from soptui.errors import RuleError, StoreError
from soptui.service import RunService
from soptui.sopfile import parse_text
from tests.conftest import Clock
from tests.unit.test_timing import REWORK_SOP, WIB, at

SECOND = timedelta(seconds=1)
START = at("2026-11-23T08:00")
NOW = at("2026-11-23T10:00")
RUN = "r1"


def started(now=NOW):
    return runs.start_run("contoh", REWORK_SOP, title="T", operator="op", timezone="Asia/Jakarta",
                          at=START, now=now)


def complete(docs, no, when, now=NOW, **kw):
    return docs + runs.complete_step(docs, RUN, no, at=when, now=now, **kw)


# -- times: ready <= started <= completed <= now -----------------------------------------------

def test_completion_exactly_at_the_ready_moment_is_accepted_a_second_earlier_is_not():
    docs = complete(started(), 1, START)
    assert runs.fold(docs, RUN).steps[1].last.completed_at == START
    with pytest.raises(RuleError, match="before the step became ready"):
        runs.complete_step(started(), RUN, 1, at=START - SECOND, now=NOW)
    # Step 2 became ready at 08:00 too; completing it at that same moment is fine as well.
    docs = complete(docs, 2, START)
    assert runs.fold(docs, RUN).steps[2].last.completed_at == START


def test_completion_exactly_at_now_is_accepted_a_second_later_is_not():
    docs = complete(started(), 1, NOW)
    assert runs.fold(docs, RUN).steps[1].last.completed_at == NOW
    with pytest.raises(RuleError, match="later than now"):
        runs.complete_step(started(), RUN, 1, at=NOW + SECOND, now=NOW)


def test_start_exactly_at_the_ready_moment_and_completion_exactly_at_the_start():
    docs = started()
    docs += runs.start_step(docs, RUN, 1, at=START, now=NOW)
    assert runs.fold(docs, RUN).steps[1].last.started_at == START
    # Completed at the very moment it was started: accepted (no work time, but not before it).
    done = complete(docs, 1, START)
    assert runs.fold(done, RUN).steps[1].last.completed_at == START
    later = started()
    later += runs.start_step(later, RUN, 1, at=START + 10 * 60 * SECOND, now=NOW)
    with pytest.raises(RuleError, match="before its start"):
        runs.complete_step(later, RUN, 1, at=START + 10 * 60 * SECOND - SECOND, now=NOW)
    assert runs.fold(complete(later, 1, START + 10 * 60 * SECOND), RUN).steps[1].last.done


def test_start_a_second_before_ready_or_after_now_is_refused():
    with pytest.raises(RuleError, match="before the step became ready"):
        runs.start_step(started(), RUN, 1, at=START - SECOND, now=NOW)
    with pytest.raises(RuleError, match="later than now"):
        runs.start_step(started(), RUN, 1, at=NOW + SECOND, now=NOW)
    docs = started()
    assert runs.fold(docs + runs.start_step(docs, RUN, 1, at=NOW, now=NOW), RUN).steps[1].last.started_at == NOW


def test_run_start_exactly_at_now_is_accepted_a_second_later_is_not():
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="op", timezone="Asia/Jakarta",
                          at=NOW, now=NOW)
    assert runs.fold(docs, RUN).started_at == NOW
    with pytest.raises(RuleError, match="later than now"):
        runs.start_run("contoh", REWORK_SOP, title="T", operator="op", timezone="Asia/Jakarta",
                       at=NOW + SECOND, now=NOW)


def test_rework_attempt_is_ready_at_the_decision_and_bound_by_it():
    # 1 at 08:05, 2 at 08:50, 3 says "tidak" at 08:55: attempt 2 of step 2 is ready at 08:55.
    docs = complete(complete(started(), 1, at("2026-11-23T08:05")), 2, at("2026-11-23T08:50"))
    docs = complete(docs, 3, at("2026-11-23T08:55"), verdict="tidak")
    with pytest.raises(RuleError, match=r"step 2 \(attempt 2\): completion time .* before the step became ready"):
        runs.complete_step(docs, RUN, 2, at=at("2026-11-23T08:54:59"), now=NOW)
    state = runs.fold(complete(docs, 2, at("2026-11-23T08:55")), RUN)
    assert state.steps[2].last.n == 2 and state.steps[2].last.completed_at == at("2026-11-23T08:55")


def test_cancel_exactly_at_the_last_event_or_at_now_is_accepted():
    docs = complete(started(), 1, at("2026-11-23T09:00"))
    for moment in (at("2026-11-23T09:00"), NOW):
        state = runs.fold(docs + amend.cancel_run(docs, RUN, reason="salah SOP", now=NOW, at=moment), RUN)
        assert state.status == "cancelled" and state.cancelled_at == moment
    with pytest.raises(RuleError, match="before the last recorded event"):
        amend.cancel_run(docs, RUN, reason="salah SOP", now=NOW, at=at("2026-11-23T09:00") - SECOND)
    with pytest.raises(RuleError, match="later than now"):
        amend.cancel_run(docs, RUN, reason="salah SOP", now=NOW, at=NOW + SECOND)
    # A recorded start counts as an event too.
    begun = started()
    begun += runs.start_step(begun, RUN, 1, at=at("2026-11-23T09:30"), now=NOW)
    with pytest.raises(RuleError, match="before the last recorded event"):
        amend.cancel_run(begun, RUN, reason="x", now=NOW, at=at("2026-11-23T09:29:59"))


def test_a_decision_takes_only_ya_or_tidak():
    docs = complete(complete(started(), 1, at("2026-11-23T08:05")), 2, at("2026-11-23T08:50"))
    with pytest.raises(RuleError, match="must be ya or tidak, got 'mungkin'"):
        runs.complete_step(docs, RUN, 3, at=at("2026-11-23T09:00"), now=NOW, verdict="mungkin")
    with pytest.raises(RuleError, match="is a decision"):
        runs.complete_step(docs, RUN, 3, at=at("2026-11-23T09:00"), now=NOW)


def test_a_finished_run_takes_nothing_more():
    docs = complete(complete(started(), 1, at("2026-11-23T08:05")), 2, at("2026-11-23T08:50"))
    docs = complete(complete(docs, 3, at("2026-11-23T09:00"), verdict="ya"), 4, at("2026-11-23T09:10"))
    assert [e["kind"] for e in docs[-2:]] == ["step_completed", "run_finished"]
    assert runs.fold(docs, RUN).finished_at == at("2026-11-23T09:10")
    with pytest.raises(RuleError, match="is finished"):
        amend.cancel_run(docs, RUN, reason="x", now=NOW)


# -- corrections and undo (through the service, as the commands record them) -------------------

@pytest.fixture
def svc(tmp_path):
    return RunService(tmp_path / "data", WIB, clock=Clock(NOW))


@pytest.fixture
def run(svc):
    loaded = parse_text(REWORK_SOP, "test", sop_id="contoh")
    run_id = svc.start(loaded, title="T", operator="op", at=START)
    svc.complete(run_id, 1, at=at("2026-11-23T08:10"))   # event 2
    svc.complete(run_id, 2, at=at("2026-11-23T08:40"))   # event 3
    return run_id


def test_only_an_event_with_its_own_time_can_be_corrected(svc, run):
    svc.correct(run, 2, at("2026-11-23T08:05"), "jam salah")          # event 4: a correction
    with pytest.raises(RuleError, match=r"event #4 is a correction or an undo; correct the event it changed \(#2\)"):
        svc.correct(run, 4, at("2026-11-23T08:06"), "koreksi atas koreksi")
    assert [e["kind"] for e in svc.events(run)] == ["run_started", "step_completed", "step_completed",
                                                    "correction"]
    with pytest.raises(RuleError, match="event 9 does not exist"):
        svc.correct(run, 9, at("2026-11-23T08:06"), "tidak ada")
    svc.undo(run, "koreksi keliru")                                     # event 5 undoes event 4
    with pytest.raises(RuleError, match="event #4 is a correction or an undo"):
        svc.correct(run, 4, at("2026-11-23T08:06"), "koreksi atas yang diurungkan")
    # The run start is a timed event: it can move, but not past now, nor past step 1's completion.
    with pytest.raises(RuleError, match="later than now"):
        svc.correct(run, 1, NOW + SECOND, "jam salah")
    with pytest.raises(RuleError, match="before the step became ready"):
        svc.correct(run, 1, at("2026-11-23T08:10") + SECOND, "jam salah")
    state = svc.correct(run, 1, at("2026-11-23T08:10"), "jam salah")  # exactly at step 1's completion
    assert state.started_at == at("2026-11-23T08:10") and state.steps[1].last.ready_at == state.started_at


def test_a_correction_may_move_a_completion_exactly_onto_its_ready_moment(svc, run):
    # Step 2 became ready at step 1's completion (08:10): 08:10 is fine, 08:09:59 is not.
    with pytest.raises(RuleError, match="before the step became ready"):
        svc.correct(run, 3, at("2026-11-23T08:09:59"), "jam salah")
    state = svc.correct(run, 3, at("2026-11-23T08:10"), "jam salah")
    assert state.steps[2].last.completed_at == at("2026-11-23T08:10")
    assert state.steps[3].last.ready_at == at("2026-11-23T08:10")
    correction = state.events[-1]["data"]
    assert (correction["target"], correction["original_at"]) == (3, "2026-11-23T08:40:00+07:00")


def test_undo_walks_back_one_event_at_a_time_and_never_undoes_an_undo(svc, run):
    state = svc.undo(run, "salah")            # event 4 undoes event 3 (step 2's completion)
    assert state.events[-1]["data"]["target"] == 3 and state.current == 2
    state = svc.undo(run, "salah lagi")       # event 5 undoes event 2, not the undo event 4
    assert state.events[-1]["data"]["target"] == 2 and state.current == 1
    assert state.steps[1].last.completed_at is None
    with pytest.raises(RuleError, match="nothing to undo"):
        svc.undo(run, "sekali lagi")          # only the start is left
    assert runs.verify_chain(svc.events(run)) is None


# -- the hash chain -----------------------------------------------------------------------------

def chain():
    return complete(complete(started(), 1, at("2026-11-23T08:05")), 2, at("2026-11-23T08:50"))


def rehash(docs, i):
    """Recompute event i's own hash after an edit (a careful forger would)."""
    docs[i]["hash"] = runs.event_hash(docs[i])


@pytest.mark.parametrize("field, value", [
    ("recorded_at", "2026-11-23T08:05:00+07:00"),   # back-dating when it was typed in
    ("at", "2026-11-23T08:04:00+07:00"),
    ("kind", "step_started"),
    ("data", {"step": 1, "role": "Staf", "actor": "Orang Lain", "output": "", "evidence": None, "note": ""}),
])
def test_every_field_of_an_event_is_under_its_hash(field, value):
    docs = chain()
    assert runs.verify_chain(docs) is None
    edited = copy.deepcopy(docs)
    edited[1][field] = value
    assert runs.verify_chain(edited) == "event 2: content was changed after it was recorded (hash differs)"
    # Recomputing the edited event's own hash moves the break to the next link.
    rehash(edited, 1)
    assert runs.verify_chain(edited) == "event 3: does not follow event 2 (previous hash differs)"


def test_the_chain_catches_missing_reordered_and_foreign_events():
    docs = chain()
    assert runs.verify_chain(docs[:1] + docs[2:]) == (
        "event 2: sequence number is 3, expected 2 (an event is missing or reordered)")
    assert runs.verify_chain([docs[0], docs[2], docs[1]]).startswith("event 2: sequence number is 3")
    assert runs.verify_chain([]) == "the run has no events"
    # A first event that is not a run start, with a consistent hash.
    first = copy.deepcopy(docs[:1])
    first[0]["kind"] = "step_started"
    first[0]["data"]["step"] = 1  # a well-formed step start, where the run's start should be
    rehash(first, 0)
    assert runs.verify_chain(first) == "event 1: is not the start of a run"
    # A changed SOP copy with its hash recomputed: the content hash no longer matches.
    copied = copy.deepcopy(docs[:1])
    copied[0]["data"]["sop_text"] += "\n# diubah\n"
    rehash(copied, 0)
    assert runs.verify_chain(copied) == "event 1: the frozen SOP copy does not match its content hash"
    # The first event must hang off the genesis hash.
    orphan = copy.deepcopy(docs[:1])
    orphan[0]["prev_hash"] = "1" * 64
    rehash(orphan, 0)
    assert runs.verify_chain(orphan) == "event 1: does not follow event 0 (previous hash differs)"


# -- the store keeps the sequence -----------------------------------------------------------------

def test_the_store_refuses_an_event_out_of_sequence_and_writes_nothing(svc, run):
    path = svc.store.run_path(run)
    before = path.read_bytes()
    events = svc.events(run)
    new = runs.complete_step(events, run, 3, at=at("2026-11-23T08:50"), now=NOW, verdict="ya")
    assert new[0]["seq"] == 4
    for bad_seq in (5, 3, 1):  # a gap, a repeat, an overwrite of the start
        forged = [{**new[0], "seq": bad_seq}]
        with pytest.raises(StoreError, match=f"event sequence broken at {bad_seq} \\(expected 4\\)"):
            with svc.store.transaction(run) as tx:
                tx.append(forged)
        assert path.read_bytes() == before
    # Two events in one batch must follow each other too.
    pair = [new[0], {**new[0], "seq": 6}]
    with pytest.raises(StoreError, match="broken at 6 \\(expected 5\\)"):
        with svc.store.transaction(run) as tx:
            tx.append(pair)
    assert path.read_bytes() == before and len(svc.events(run)) == 3
    with svc.store.transaction(run) as tx:
        tx.append(new)
    assert [e["seq"] for e in svc.events(run)] == [1, 2, 3, 4]
