"""Timing compliance at its edges: completed exactly at the due moment, one second before or
after it, at the ready moment, an open step judged exactly at its due moment, and due moments at
a close, across cuti bersama, in Ramadan and on a Friday.

A step is on time when it completes at or before its due moment (DESIGN §4). Calendar as in
test_timing (default office hours, WIB); every figure is worked by hand in the comments.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from soptui.timing import time_attempt, time_run
from tests.unit.test_timing import CAL, RECORDED, at, attempt, build, sop_text

H, M = 3600, 60
SECOND = timedelta(seconds=1)


# (case, waktu, ready, due) -- each run is completed at due - 1 s, at due, and at due + 1 s
DUE_EDGES = [
    # 30 menit ready Mon 23 Nov 08:00 -> due 08:30, in the middle of the morning.
    ("inside the morning", "30 menit", "2026-11-23T08:00", "2026-11-23T08:30"),
    # 30 menit ready Mon 11:50 -> 10 min to 12:00, 20 min from 13:00 -> due 13:20.
    ("over the break", "30 menit", "2026-11-23T11:50", "2026-11-23T13:20"),
    # 1 jam ready Fri 27 Nov 11:00 -> 30 min to 11:30 (the Friday break), 30 min from 13:00.
    ("over the Friday break", "1 jam", "2026-11-27T11:00", "2026-11-27T13:30"),
    # 1 hari ready Wed 23 Dec 2026 10:00 -> Thu 24 (cuti bersama), Fri 25 (Natal), weekend ->
    # Mon 28 Dec 10:00.
    ("after cuti bersama and Natal", "1 hari", "2026-12-23T10:00", "2026-12-28T10:00"),
    # Ramadan Mon 2 Mar 2026: 1 jam ready 13:00 -> 14:00.
    ("in Ramadan", "1 jam", "2026-03-02T13:00", "2026-03-02T14:00"),
    # 1 minggu ready Mon 23 Nov 09:00 -> Mon 30 Nov 09:00.
    ("a week later", "1 minggu", "2026-11-23T09:00", "2026-11-30T09:00"),
]


@pytest.mark.parametrize("case, waktu, ready, due", DUE_EDGES, ids=[c[0] for c in DUE_EDGES])
def test_completed_a_second_before_at_and_a_second_after_the_due_moment(case, waktu, ready, due):
    due_at = at(due)
    expected = {
        # (on time, overrun): at the due moment itself the step is still on time.
        -1: (True, 0), 0: (True, 0),
        # One second late is late, and the overrun is that one working second.
        1: (False, 1),
    }
    for offset, (on_time, overrun) in expected.items():
        done = due_at + offset * SECOND
        timing = time_run(build(sop_text(waktu), ready, [(1, done)]), CAL, RECORDED)
        a = attempt(timing, 1)
        assert a.due_at == due_at, offset
        assert (a.on_time, a.overrun_working_seconds) == (on_time, overrun), offset
        assert a.actual_working_seconds == CAL.working_seconds_between(at(ready), done)
        assert (timing.measured, timing.on_time, timing.late) == (1, int(on_time), int(not on_time))
        assert timing.rate == (1.0 if on_time else 0.0)


def test_due_at_the_close_is_met_at_the_close_and_missed_after_the_next_opening():
    # 30 menit ready Mon 23 Nov 15:30 -> due 16:00, the close. Done 16:00: on time. Done Tue
    # 07:30:01: late by one working second (16:00 -> Tue 07:30 is no working time).
    ready = "2026-11-23T15:30"
    on_close = attempt(time_run(build(sop_text("30 menit"), ready, [(1, "2026-11-23T16:00")]), CAL, RECORDED), 1)
    assert on_close.due_at == at("2026-11-23T16:00") and on_close.on_time is True
    assert (on_close.actual_working_seconds, on_close.overrun_working_seconds) == (30 * M, 0)
    next_day = attempt(time_run(build(sop_text("30 menit"), ready, [(1, "2026-11-24T07:30:01")]), CAL,
                                RECORDED), 1)
    assert next_day.on_time is False
    assert (next_day.actual_working_seconds, next_day.overrun_working_seconds) == (30 * M + 1, 1)


def test_due_at_the_break_is_met_at_the_break_and_missed_after_it():
    # 30 menit ready Mon 11:30 -> due 12:00 (the break's start), not 13:00. Done 12:00: on time;
    # done 13:00:01: late by one working second (the break is no working time).
    ready = "2026-11-23T11:30"
    at_break = attempt(time_run(build(sop_text("30 menit"), ready, [(1, "2026-11-23T12:00")]), CAL, RECORDED), 1)
    assert at_break.due_at == at("2026-11-23T12:00") and at_break.on_time is True
    after = attempt(time_run(build(sop_text("30 menit"), ready, [(1, "2026-11-23T13:00:01")]), CAL, RECORDED), 1)
    assert (after.on_time, after.actual_working_seconds, after.overrun_working_seconds) == (False, 30 * M + 1, 1)


def test_friday_close_is_the_due_moment_of_a_step_ready_at_16_00():
    # 30 menit ready Fri 27 Nov 16:00 -> due 16:30, the Friday close (a Monday close would be
    # 16:00). Done 16:30: on time, 30 working minutes.
    state = build(sop_text("30 menit"), "2026-11-27T16:00", [(1, "2026-11-27T16:30")])
    a = attempt(time_run(state, CAL, RECORDED), 1)
    assert a.due_at == at("2026-11-27T16:30") and a.on_time is True and a.actual_working_seconds == 30 * M


def test_completed_at_the_ready_moment_takes_no_time_and_is_on_time():
    # Step 1 ready at the start, Mon 08:00, done 08:00; step 2 ready 08:00 (that completion).
    state = build(sop_text("10 menit", "10 menit"), "2026-11-23T08:00", [(1, "2026-11-23T08:00")])
    timing = time_run(state, CAL, at("2026-11-23T08:00"))
    first, second = attempt(timing, 1), attempt(timing, 2)
    assert (first.on_time, first.actual_working_seconds, first.overrun_working_seconds) == (True, 0, 0)
    assert second.ready_at == at("2026-11-23T08:00") and second.due_at == at("2026-11-23T08:10")
    assert second.in_progress and second.on_time is None and second.actual_working_seconds == 0


# (now, on_time, overrun): step 2 (1 jam) ready 08:05, due 09:05, still open.
OPEN_EDGES = [
    ("2026-11-23T09:04:59", None, 0),
    ("2026-11-23T09:05:00", None, 0),      # due, not past due: not judged yet
    ("2026-11-23T09:05:01", False, 1),     # past due: late, whatever happens next
]


@pytest.mark.parametrize("now, on_time, overrun", OPEN_EDGES, ids=[e[0][11:] for e in OPEN_EDGES])
def test_open_step_judged_a_second_before_at_and_after_its_due_moment(now, on_time, overrun):
    state = build(sop_text("10 menit", "1 jam"), "2026-11-23T08:00", [(1, "2026-11-23T08:05")])
    timing = time_run(state, CAL, at(now))
    a = attempt(timing, 2)
    assert a.in_progress and a.due_at == at("2026-11-23T09:05")
    assert (a.on_time, a.overrun_working_seconds) == (on_time, overrun)
    assert a.actual_working_seconds == CAL.working_seconds_between(at("2026-11-23T08:05"), at(now))
    assert timing.measured == (1 if on_time is None else 2)
    assert timing.late == (0 if on_time is None else 1)


def test_wait_and_work_at_their_edges():
    # 1 jam ready Mon 08:00. Started at the ready moment: no wait, all of it work. Completed at
    # its start: no work.
    started_at_ready = build(sop_text("1 jam"), "2026-11-23T08:00",
                             [("start", 1, "2026-11-23T08:00"), (1, "2026-11-23T08:20")])
    a = attempt(time_run(started_at_ready, CAL, RECORDED), 1)
    assert (a.wait_working_seconds, a.work_working_seconds, a.actual_working_seconds) == (0, 20 * M, 20 * M)
    done_at_start = build(sop_text("1 jam"), "2026-11-23T08:00",
                          [("start", 1, "2026-11-23T08:20"), (1, "2026-11-23T08:20")])
    b = attempt(time_run(done_at_start, CAL, RECORDED), 1)
    assert (b.wait_working_seconds, b.work_working_seconds, b.actual_working_seconds) == (20 * M, 0, 20 * M)
    # Without a recorded start neither figure exists.
    c = attempt(time_run(build(sop_text("1 jam"), "2026-11-23T08:00", [(1, "2026-11-23T08:20")]), CAL,
                         RECORDED), 1)
    assert (c.wait_working_seconds, c.work_working_seconds, c.started_at) == (None, None, None)


def test_open_step_started_but_not_done_works_until_now():
    # 1 hari ready Mon 11:00, started 11:50, measured 13:10 (over the break) -> wait 50 min,
    # work 10 min (to 12:00) + 10 min (from 13:00) = 20 min; not due until Tue 11:00.
    state = build(sop_text("1 hari"), "2026-11-23T11:00", [("start", 1, "2026-11-23T11:50")])
    a = attempt(time_run(state, CAL, at("2026-11-23T13:10")), 1)
    assert (a.wait_working_seconds, a.work_working_seconds, a.actual_working_seconds) == (50 * M, 20 * M, 70 * M)
    assert a.in_progress and a.on_time is None


def test_time_attempt_without_a_standard_is_never_judged():
    # A blank Waktu: no due moment, never late, even a week later and still open.
    state = build(sop_text(""), "2026-11-23T08:00", [])
    a = state.steps[1].last
    timing = time_attempt(CAL, a, None, at("2026-11-30T08:00"))
    assert (timing.due_at, timing.on_time, timing.overrun_working_seconds) == (None, None, 0)
    assert timing.actual_working_seconds == 5 * 7.5 * H and not timing.late and not timing.measured


def test_run_level_figures_at_the_edges():
    # Run started Mon 08:00, one step (30 menit) done exactly at its due moment 08:30.
    state = build(sop_text("30 menit"), "2026-11-23T08:00", [(1, "2026-11-23T08:30")])
    timing = time_run(state, CAL, at("2026-11-24T08:00"))  # measured a day later: the run is over
    assert timing.ended_at == at("2026-11-23T08:30")
    assert (timing.lead_working_seconds, timing.lead_elapsed_seconds) == (30 * M, 30 * M)
    assert (timing.measured, timing.on_time, timing.late, timing.rate) == (1, 1, 0, 1.0)
    assert timing.standard_total_working_seconds == 30 * M and timing.attempts_total == 1
    # The same run measured at its very start: nothing elapsed, nothing negative.
    just_started = build(sop_text("30 menit"), "2026-11-23T08:00", [])
    timing = time_run(just_started, CAL, at("2026-11-23T08:00"))
    assert (timing.lead_working_seconds, timing.lead_elapsed_seconds, timing.measured, timing.rate) == (0, 0, 0, None)
