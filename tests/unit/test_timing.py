"""Timing compliance against hand-worked figures (the arithmetic is in the comments).

Runs are built through the real runs.py actions (start_run, start_step, complete_step, fold) on
small SOPs written as TOML here, with the clock injected. The office calendar is the default one
(DESIGN §4): Mon–Thu 07:30–16:00, break 12:00–13:00 (7.5 h); Fri 07:30–16:30, break 11:30–13:00
(7.5 h); Ramadan 08:00–15:00, break 12:00–12:30, Fri 08:00–15:30, break 11:30–12:30; holidays
from the `holidays` package, categories public + government (cuti bersama). WIB unless stated.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from soptui import runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.sopfile import parse_text
from soptui.timing import time_run

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
H, M = 3600, 60
CAL = OfficeCalendar()
RECORDED = datetime(2030, 1, 1, tzinfo=WIB)  # when the events were typed in (after all of them)


def sop_text(*waktu: str, basis: str = "", decision: tuple[int, int] | None = None,
             step_basis: dict[int, str] | None = None, outputs: dict[int, str] | None = None) -> str:
    """An SOP whose steps have the given Waktu (all by Staf, the decision by Kepala);
    `decision` = (step, the step "tidak" goes back to)."""
    text = (f'basis = "{basis}"\n' if basis else "") + 'pelaksana = ["Staf", "Kepala"]\n'
    text += ('[identitas]\npemerintah = "Pemerintah Kabupaten Contoh"\nunit = "Kecamatan Contoh"\n'
             'nomor = "800/01/2026"\nnama = "Contoh"\n'
             '[identitas.disahkan_oleh]\njabatan = "Camat Contoh"\nnama = "Budi"\nnip = "1970"\n')
    for i, w in enumerate(waktu, start=1):
        is_decision = bool(decision and decision[0] == i)
        text += (f'[[langkah]]\nno = {i}\nkegiatan = "Langkah {i}"\n'
                 f'pelaksana = "{"Kepala" if is_decision else "Staf"}"\nwaktu = "{w}"\n')
        if outputs and i in outputs:
            text += f'output = "{outputs[i]}"\n'
        if step_basis and i in step_basis:
            text += f'basis = "{step_basis[i]}"\n'
        if is_decision:
            text += f"tidak = {decision[1]}\n"
    return text


def at(text: str, tz=WIB) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def build(text: str, start: str, actions, tz=WIB, run_id: str = "r"):
    """actions: (step, completed_at[, verdict]) or ("start", step, started_at); -> folded state."""
    parse_text(text, "test", sop_id="t")  # the SOP must be valid on its own
    docs = runs.start_run("t", text, title="T", operator="op", timezone=str(tz), at=at(start, tz),
                          now=RECORDED)
    for action in actions:
        if action[0] == "start":
            _, no, when = action
            docs += runs.start_step(docs, run_id, no, at=at(when, tz), now=RECORDED)
            continue
        no, when, *verdict = action
        docs += runs.complete_step(docs, run_id, no, at=at(when, tz) if isinstance(when, str) else when,
                                   now=RECORDED, actor=f"orang {no}", verdict=verdict[0] if verdict else None)
    return runs.fold(docs, run_id)


def attempt(timing, no, n=1):
    return next(s for s in timing.steps if s.no == no).attempts[n - 1]


# One step, one attempt, completed. Columns: label, waktu, ready (= run start), completed,
# expected due, on time, actual working seconds (ready -> completed), overrun working seconds.
SINGLE = [
    # Ready Mon 23 Nov 15:50: 10 min left on Monday (to 16:00), the other 20 from Tue 07:30 ->
    # due Tue 07:50. Done Tue 08:10: actual 10 + 40 = 50 min; overrun 07:50 -> 08:10 = 20 min.
    ("30 menit over the night", "30 menit", "2026-11-23T15:50", "2026-11-24T08:10",
     "2026-11-24T07:50", False, 50 * M, 20 * M),
    # Lunch break: ready Mon 11:50, 10 min before 12:00, 20 min after 13:00 -> due 13:20.
    # Done 13:15: actual 10 + 15 = 25 min.
    ("30 menit across the break", "30 menit", "2026-11-23T11:50", "2026-11-23T13:15",
     "2026-11-23T13:20", True, 25 * M, 0),
    # Friday break is 11:30-13:00: ready Fri 27 Nov 11:20 -> 10 min, then 20 min from 13:00 ->
    # due 13:20. Done 13:50: actual 10 + 50 = 60 min; overrun 13:20 -> 13:50 = 30 min.
    ("30 menit across the Friday break", "30 menit", "2026-11-27T11:20", "2026-11-27T13:50",
     "2026-11-27T13:20", False, 60 * M, 30 * M),
    # 1 hari ready Fri 20 Nov 10:00 -> the next working day at the same position: Mon 23 Nov
    # 10:00. Done Mon 09:00. Working time: Fri 10:00-11:30 (1.5 h) + 13:00-16:30 (3.5 h)
    # + Mon 07:30-09:00 (1.5 h) = 6.5 h.
    ("1 hari ready on a Friday", "1 hari", "2026-11-20T10:00", "2026-11-23T09:00",
     "2026-11-23T10:00", True, 6.5 * H, 0),
    # The same, done Mon 11:00: 6.5 h + 09:00-11:00 (2 h) = 8.5 h actual; overrun 10:00-11:00.
    ("1 hari ready on a Friday, late", "1 hari", "2026-11-20T10:00", "2026-11-23T11:00",
     "2026-11-23T10:00", False, 8.5 * H, 1 * H),
    # 7 hari ready Mon 21 Dec 2026 10:00. `holidays` (public + government): Thu 24 Dec = cuti
    # bersama Natal (government), Fri 25 Dec = Natal, Fri 1 Jan 2027 = Tahun Baru. Working days
    # after the 21st: 22, 23, 28, 29, 30, 31 Dec, 4 Jan = 7 -> due Mon 4 Jan 2027 10:00.
    # Done 11:00: actual = 21 Dec 10:00-12:00 + 13:00-16:00 (5 h) + 22, 23 Dec (2 x 7.5 h)
    # + 28-31 Dec (4 x 7.5 h) + 4 Jan 07:30-11:00 (3.5 h) = 5 + 15 + 30 + 3.5 = 53.5 h; overrun 1 h.
    ("7 hari across Natal and cuti bersama", "7 hari", "2026-12-21T10:00", "2027-01-04T11:00",
     "2027-01-04T10:00", False, 53.5 * H, 1 * H),
    # 1 hari ready Wed 13 May 2026 09:00: Thu 14 May = Kenaikan Isa Almasih, Fri 15 May = its
    # cuti bersama -> due Mon 18 May 09:00. Done Mon 08:00: Wed 09:00-12:00 + 13:00-16:00 (6 h)
    # + Mon 07:30-08:00 (0.5 h) = 6.5 h, on time.
    ("1 hari across Kenaikan and its cuti bersama", "1 hari", "2026-05-13T09:00", "2026-05-18T08:00",
     "2026-05-18T09:00", True, 6.5 * H, 0),
    # Ramadan 1447 H (19 Feb - 20 Mar 2026), Mon 2 Mar: hours 08:00-15:00. 1 jam ready 14:30 ->
    # 30 min on Monday, 30 min on Tuesday from 08:00 -> due Tue 08:30. Done 08:20: 30 + 20 = 50 min.
    ("Ramadan hours", "1 jam", "2026-03-02T14:30", "2026-03-03T08:20", "2026-03-03T08:30", True, 50 * M, 0),
    # Ramadan Friday 6 Mar: 08:00-15:30, break 11:30-12:30. 2 jam ready 11:00 -> 30 min to 11:30,
    # 90 min from 12:30 -> due 14:00. Done 15:00: actual 30 + 150 = 180 min; overrun 60 min.
    ("Ramadan Friday", "2 jam", "2026-03-06T11:00", "2026-03-06T15:00", "2026-03-06T14:00", False,
     3 * H, 1 * H),
    # 1 minggu = 5 working days: ready Mon 23 Nov 09:00 -> due Mon 30 Nov 09:00. Done Fri 27 Nov
    # 16:30 (the close): Mon 09:00-12:00 + 13:00-16:00 (6 h) + Tue-Thu (3 x 7.5 h) + Fri (7.5 h) = 36 h.
    ("1 minggu", "1 minggu", "2026-11-23T09:00", "2026-11-27T16:30", "2026-11-30T09:00", True, 36 * H, 0),
    # basis kalender ("hari kalender"): 1 hari = 24 h, so ready Fri 10:00 is due Sat 10:00. Done
    # Mon 09:00: late; actual 6.5 h as above; overrun in working time Sat 10:00 -> Mon 09:00 =
    # Mon 07:30-09:00 = 1.5 h.
    ("basis kalender in the Waktu", "1 hari kalender", "2026-11-20T10:00", "2026-11-23T09:00",
     "2026-11-21T10:00", False, 6.5 * H, 1.5 * H),
]


@pytest.mark.parametrize("label, waktu, ready, done, due, on_time, actual, overrun", SINGLE,
                         ids=[c[0] for c in SINGLE])
def test_single_step(label, waktu, ready, done, due, on_time, actual, overrun):
    state = build(sop_text(waktu), ready, [(1, done)])
    timing = time_run(state, CAL, RECORDED)
    a = attempt(timing, 1)
    assert a.ready_at == at(ready)
    assert a.due_at == at(due)
    assert a.completed_at == at(done)
    assert a.on_time is on_time and a.in_progress is False
    assert a.actual_working_seconds == actual
    assert a.overrun_working_seconds == overrun
    # One measured attempt: the rate is 1 or 0; the role carries the same figures.
    assert (timing.measured, timing.on_time, timing.late) == (1, int(on_time), int(not on_time))
    assert timing.rate == (1.0 if on_time else 0.0)
    [staf] = timing.roles
    assert (staf.role, staf.steps, staf.working_seconds, staf.late, staf.people) == (
        "Staf", 1, actual, int(not on_time), ("orang 1",))
    # The run ends with its only step: lead time = the step's actual time.
    assert timing.ended_at == at(done) and timing.lead_working_seconds == actual
    # The standard total along the path is that one step's standard, due at the same moment.
    assert timing.standard_total_working_seconds == CAL.working_seconds_between(at(ready), at(due))


def test_sop_wide_basis_kalender():
    # basis = "kalender" on the SOP: "1 hari" = 24 h. Ready Fri 20 Nov 10:00 -> due Sat 10:00.
    # Done Sat 09:00 (someone worked on Saturday): on time; no working time at all.
    state = build(sop_text("1 hari", basis="kalender"), "2026-11-20T10:00", [(1, "2026-11-21T09:00")])
    a = attempt(time_run(state, CAL, RECORDED), 1)
    assert a.due_at == at("2026-11-21T10:00") and a.on_time is True
    # Fri 10:00-11:30 + 13:00-16:30 = 5 h of working time, Saturday none.
    assert a.actual_working_seconds == 5 * H


def test_step_basis_kalender_only_for_that_step():
    # Step 1 "1 hari" on working days, step 2 "1 hari" with basis = "kalender".
    # Ready Fri 20 Nov 10:00: step 1 due Mon 23 Nov 10:00; done Mon 09:00 (on time).
    # Step 2 ready Mon 09:00, due Tue 24 Nov 09:00 (24 h); done Tue 10:00: late by the working
    # time Tue 09:00-10:00 = 1 h; actual Mon 09:00-12:00 + 13:00-16:00 (6 h) + Tue 07:30-10:00
    # (2.5 h) = 8.5 h.
    text = sop_text("1 hari", "1 hari", step_basis={2: "kalender"})
    state = build(text, "2026-11-20T10:00", [(1, "2026-11-23T09:00"), (2, "2026-11-24T10:00")])
    timing = time_run(state, CAL, RECORDED)
    assert attempt(timing, 1).due_at == at("2026-11-23T10:00") and attempt(timing, 1).on_time is True
    a2 = attempt(timing, 2)
    assert a2.due_at == at("2026-11-24T09:00") and a2.on_time is False
    assert (a2.actual_working_seconds, a2.overrun_working_seconds) == (8.5 * H, 1 * H)


def test_wita_office():
    # A WITA office (Asia/Makassar, UTC+8): 07:30-16:00 local. Ready Mon 23 Nov 15:50 WITA ->
    # 10 min on Monday + 20 min from Tue 07:30 WITA -> due Tue 07:50 WITA (= 06:50 WIB).
    # Completion typed in WIB at 06:45 (= 07:45 WITA): on time; actual 10 + 15 = 25 min.
    cal = OfficeCalendar(CalendarSettings()._replace(timezone="Asia/Makassar"))
    state = build(sop_text("30 menit"), "2026-11-23T15:50", [(1, at("2026-11-24T06:45", WIB))], tz=WITA)
    timing = time_run(state, cal, RECORDED)
    a = attempt(timing, 1)
    assert a.due_at == at("2026-11-24T07:50", WITA) == at("2026-11-24T06:50", WIB)
    assert a.on_time is True and a.actual_working_seconds == 25 * M and a.overrun_working_seconds == 0
    # The same moments on a WIB calendar: 15:50 WITA = 14:50 WIB, so 70 min fit on Monday ->
    # due 15:20 WIB; done Tue 06:45 WIB (before the opening) -> late, overrun 15:20-16:00 = 40 min.
    wib = attempt(time_run(state, CAL, RECORDED), 1)
    assert wib.due_at == at("2026-11-23T15:20", WIB) and wib.on_time is False
    assert wib.overrun_working_seconds == 40 * M


def test_wait_and_work_when_a_start_is_recorded():
    # 1 jam ready Mon 23 Nov 08:00 (run start), started 08:40, done 09:30 -> due 09:00.
    # wait 08:00-08:40 = 40 min; work 08:40-09:30 = 50 min; actual 90 min; overrun 30 min.
    state = build(sop_text("1 jam"), "2026-11-23T08:00",
                  [("start", 1, "2026-11-23T08:40"), (1, "2026-11-23T09:30")])
    a = attempt(time_run(state, CAL, RECORDED), 1)
    assert a.started_at == at("2026-11-23T08:40")
    assert (a.wait_working_seconds, a.work_working_seconds) == (40 * M, 50 * M)
    assert (a.actual_working_seconds, a.overrun_working_seconds, a.on_time) == (90 * M, 30 * M, False)


REWORK_SOP = sop_text("10 menit", "30 menit", "10 menit", "", decision=(3, 2))
REWORK_ACTIONS = [
    (1, "2026-11-23T08:05"),            # ready 08:00, due 08:10 -> on time, 5 min
    (2, "2026-11-23T08:50"),            # ready 08:05, due 08:35 -> late: 45 min, over 15
    (3, "2026-11-23T08:55", "tidak"),   # ready 08:50, due 09:00 -> on time, 5 min; back to 2
    (2, "2026-11-23T09:20"),            # attempt 2: ready 08:55, due 09:25 -> on time, 25 min
    (3, "2026-11-23T09:40", "ya"),      # attempt 2: ready 09:20, due 09:30 -> late: 20 min, over 10
    (4, "2026-11-23T10:00"),            # blank Waktu: ready 09:40, 20 min, shown, not measured
]

# (step, attempt, due, on_time, actual, overrun) for the run above (Mon 23 Nov 2026, WIB).
REWORK_EXPECTED = [
    (1, 1, "2026-11-23T08:10", True, 5 * M, 0),
    (2, 1, "2026-11-23T08:35", False, 45 * M, 15 * M),
    (2, 2, "2026-11-23T09:25", True, 25 * M, 0),
    (3, 1, "2026-11-23T09:00", True, 5 * M, 0),
    (3, 2, "2026-11-23T09:30", False, 20 * M, 10 * M),
    (4, 1, None, None, 20 * M, 0),
]


@pytest.mark.parametrize("no, n, due, on_time, actual, overrun", REWORK_EXPECTED,
                         ids=[f"{e[0]}.{e[1]}" for e in REWORK_EXPECTED])
def test_rework_attempts_each_timed(no, n, due, on_time, actual, overrun):
    state = build(REWORK_SOP, "2026-11-23T08:00", REWORK_ACTIONS)
    a = attempt(time_run(state, CAL, RECORDED), no, n)
    assert a.n == n
    assert a.due_at == (at(due) if due else None)
    assert a.on_time is on_time
    assert (a.actual_working_seconds, a.overrun_working_seconds) == (actual, overrun)


def test_rework_run_totals():
    state = build(REWORK_SOP, "2026-11-23T08:00", REWORK_ACTIONS)
    timing = time_run(state, CAL, RECORDED)
    assert state.status == "finished" and state.rework_loops == timing.rework_loops == 1
    assert [len(s.attempts) for s in timing.steps] == [1, 2, 2, 1]
    assert attempt(timing, 3, 1).verdict == "tidak" and attempt(timing, 3, 2).verdict == "ya"
    # Measured: 1, 2.1, 2.2, 3.1, 3.2 = 5 (step 4 has no standard); on time: 1, 2.2, 3.1 = 3.
    assert (timing.measured, timing.on_time, timing.late) == (5, 3, 2)
    assert timing.rate == pytest.approx(0.6)
    assert timing.unmeasured_steps == (4,) and timing.attempts_total == 6
    # Standard along the path without rework (1, 2, 3, 4): 10 + 30 + 10 min (+ blank) = 50 min,
    # and chained from the start 08:00 -> 08:50 = 50 working minutes.
    assert timing.standard_total.seconds == 50 * M and timing.standard_total.days == 0
    assert timing.standard_total_working_seconds == 50 * M
    # Lead time 08:00 -> 10:00 on a Monday = 2 working hours, 2 elapsed hours.
    assert (timing.lead_working_seconds, timing.lead_elapsed_seconds) == (2 * H, 2 * H)
    roles = {r.role: r for r in timing.roles}
    assert [r.role for r in timing.roles] == ["Staf", "Kepala"]  # the SOP's pelaksana order
    # Staf: 1, 2.1, 2.2, 4 -> 5 + 45 + 25 + 20 = 95 min; late: 2.1.
    assert (roles["Staf"].steps, roles["Staf"].working_seconds, roles["Staf"].late) == (4, 95 * M, 1)
    assert roles["Staf"].people == ("orang 1", "orang 2", "orang 4")
    # Kepala: 3.1, 3.2 -> 5 + 20 = 25 min; late: 3.2.
    assert (roles["Kepala"].steps, roles["Kepala"].working_seconds, roles["Kepala"].late) == (2, 25 * M, 1)


def test_standard_total_mixes_units():
    # 1 jam, 1 hari, 30 menit from Mon 23 Nov 08:00: due 09:00, then Tue 09:00 (1 working day),
    # then Tue 09:30. Working time 08:00 -> Tue 09:30 = Mon 08:00-12:00 + 13:00-16:00 (7 h)
    # + Tue 07:30-09:30 (2 h) = 9 h. Parts: 1 h 30 min of seconds + 1 day.
    state = build(sop_text("1 jam", "1 hari", "30 menit"), "2026-11-23T08:00", [])
    timing = time_run(state, CAL, at("2026-11-23T08:00"))
    assert (timing.standard_total.seconds, timing.standard_total.days) == (90 * M, 1)
    assert timing.standard_total_working_seconds == 9 * H


def test_blank_standard_is_shown_and_left_out():
    # Step 1 blank, step 2 "10 menit". Ready 08:00; 1 done 08:30 (no due, not measured);
    # 2 ready 08:30, due 08:40, done 08:35: on time. Rate 1/1.
    state = build(sop_text("", "10 menit"), "2026-11-23T08:00", [(1, "2026-11-23T08:30"), (2, "2026-11-23T08:35")])
    timing = time_run(state, CAL, RECORDED)
    a1 = attempt(timing, 1)
    assert (a1.due_at, a1.on_time, a1.actual_working_seconds, a1.overrun_working_seconds) == (None, None, 30 * M, 0)
    assert timing.steps[0].standard is None and timing.unmeasured_steps == (1,)
    assert (timing.measured, timing.on_time, timing.rate) == (1, 1, 1.0)
    # The blank step still counts in its role's working time: 30 + 5 = 35 min, nothing late.
    [staf] = timing.roles
    assert (staf.steps, staf.working_seconds, staf.late) == (2, 35 * M, 0)
    # Standard total: only the 10 minutes, chained from 08:00 -> 08:10.
    assert timing.standard_total_working_seconds == 10 * M


@pytest.mark.parametrize("now, on_time, measured, rate, actual, overrun", [
    # Step 2 (1 jam) ready 08:05, due 09:05. At 08:35 it is open and not yet due: shown, not
    # measured; actual so far 30 min. The run: step 1 only (on time) -> 1/1.
    ("2026-11-23T08:35", None, 1, 1.0, 30 * M, 0),
    # At 09:05 exactly it is due but not past due: still not measured.
    ("2026-11-23T09:05", None, 1, 1.0, 60 * M, 0),
    # At 09:35 it is 30 min past due: late already (it cannot become on time any more) -> 1/2.
    ("2026-11-23T09:35", False, 2, 0.5, 90 * M, 30 * M),
    # Next morning Tue 08:00: overrun 09:05-16:00 minus the break (5 h 55 min) + 07:30-08:00.
    ("2026-11-24T08:00", False, 2, 0.5, 7 * H + 25 * M, 6 * H + 25 * M),
])
def test_step_in_progress_is_measured_against_now(now, on_time, measured, rate, actual, overrun):
    state = build(sop_text("10 menit", "1 jam"), "2026-11-23T08:00", [(1, "2026-11-23T08:05")])
    timing = time_run(state, CAL, at(now))
    a = attempt(timing, 2)
    assert a.in_progress and a.completed_at is None
    assert a.due_at == at("2026-11-23T09:05")
    assert a.on_time is on_time
    assert (a.actual_working_seconds, a.overrun_working_seconds) == (actual, overrun)
    assert (timing.measured, timing.rate) == (measured, rate)
    # The run is open: it has no end, its lead time runs to now (08:00 -> now).
    assert timing.ended_at is None
    assert timing.lead_working_seconds == 5 * M + actual
    # Open attempts are not in the role totals yet: Staf has only step 1 (5 min).
    [staf] = timing.roles
    assert (staf.steps, staf.working_seconds) == (1, 5 * M)
