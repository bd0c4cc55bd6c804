"""Timing compliance against hand-worked figures (the arithmetic is in the comments)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from soptui import runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.timing import time_run

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
H, M = 3600, 60
CAL = OfficeCalendar()


def sop_text(*waktu: str, basis: str = "", decision: tuple[int, int] | None = None) -> str:
    """An SOP whose steps have the given Waktu; `decision` = (step, tidak target)."""
    head = (f'basis = "{basis}"\n' if basis else "") + 'pelaksana = ["Staf", "Kepala"]\n'
    head += ('[identitas]\npemerintah = "P"\nunit = "U"\nnomor = "1"\nnama = "N"\n'
             '[identitas.disahkan_oleh]\njabatan = "J"\nnama = "X"\nnip = "1"\n')
    for i, w in enumerate(waktu, start=1):
        role = "Kepala" if decision and decision[0] == i else "Staf"
        head += f'[[langkah]]\nno = {i}\nkegiatan = "Langkah {i}"\npelaksana = "{role}"\nwaktu = "{w}"\n'
        if decision and decision[0] == i:
            head += f"tidak = {decision[1]}\n"
    return head


def at(text: str, tz=WIB) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def build(text: str, start: str, actions, tz=WIB):
    """actions: (step, completed_at) or (step, completed_at, verdict); returns folded state."""
    now = at("2030-01-01T00:00", tz)
    docs = runs.start_run("t", text, title="T", operator="op", timezone=str(tz), at=at(start, tz), now=now)
    for action in actions:
        no, when, *verdict = action
        docs += runs.complete_step(docs, "r", no, at=at(when, tz) if isinstance(when, str) else when,
                                   now=now, actor=f"orang {no}", verdict=verdict[0] if verdict else None)
    return runs.fold(docs, "r")


def first(timing, no, n=1):
    return next(s for s in timing.steps if s.no == no).attempts[n - 1]


CASES = [
    # 30 menit ready Mon 15:50: 10 min left on Monday (to 16:00), 20 min on Tuesday from 07:30
    # -> due Tue 07:50. Done Tue 08:10: actual 10 + 40 = 50 min; overrun 07:50..08:10 = 20 min.
    ("30 menit, ready 15:50, ends next morning", "30 menit", "2026-11-23T15:50", "2026-11-24T08:10",
     "2026-11-24T07:50", False, 50 * M, 20 * M),
    # 1 hari ready Fri 10:00 -> the next working day at the same position: Mon 10:00.
    # Working time Fri 10:00-11:30 (1.5 h) + 13:00-16:30 (3.5 h) + Mon 07:30-09:00 (1.5 h) = 6.5 h.
    ("1 hari ready on a Friday", "1 hari", "2026-11-20T10:00", "2026-11-23T09:00",
     "2026-11-23T10:00", True, 6.5 * H, 0),
    # 7 hari ready Mon 21 Dec: working days 22, 23 (24 = cuti bersama Natal, 25 = Natal skipped),
    # 28, 29, 30, 31 (1 Jan = Tahun Baru skipped), Mon 4 Jan -> due 2027-01-04 10:00.
    # Done 11:00: one working hour late.
    ("7 hari across Natal and cuti bersama", "7 hari", "2026-12-21T10:00", "2027-01-04T11:00",
     "2027-01-04T10:00", False, None, 1 * H),
    # Ramadan 1447 H (Mon 2 Mar 2026): hours 08:00-15:00. 1 jam ready 14:30 -> 30 min on Monday,
    # 30 min on Tuesday from 08:00 -> due Tue 08:30. Done 08:20: actual 30 + 20 = 50 min.
    ("Ramadan hours", "1 jam", "2026-03-02T14:30", "2026-03-03T08:20", "2026-03-03T08:30", True, 50 * M, 0),
    # basis kalender: 1 hari = 24 h, so ready Fri 10:00 is due Sat 10:00. Done Mon 09:00: late;
    # overrun in working time Sat 10:00 -> Mon 09:00 = Mon 07:30-09:00 = 1.5 h.
    ("basis kalender", "1 hari kalender", "2026-11-20T10:00", "2026-11-23T09:00",
     "2026-11-21T10:00", False, 6.5 * H, 1.5 * H),
]


@pytest.mark.parametrize("label, waktu, ready, done, due, on_time, actual, overrun", CASES,
                         ids=[c[0] for c in CASES])
def test_single_step(label, waktu, ready, done, due, on_time, actual, overrun):
    state = build(sop_text(waktu), ready, [(1, done)])
    a = first(time_run(state, CAL, at("2030-01-01T00:00")), 1)
    assert a.due_at == at(due)
    assert a.on_time is on_time
    if actual is not None:
        assert a.actual_working_seconds == actual
    assert a.overrun_working_seconds == overrun


def test_sop_wide_basis_kalender():
    # The same 1 hari step with basis = "kalender" on the SOP: due Sat 10:00 like above.
    state = build(sop_text("1 hari", basis="kalender"), "2026-11-20T10:00", [(1, "2026-11-21T09:00")])
    a = first(time_run(state, CAL, at("2030-01-01T00:00")), 1)
    assert a.due_at == at("2026-11-21T10:00") and a.on_time is True


def test_wita_office():
    # A WITA office: 07:30-16:00 local. Ready 15:50 WITA Mon -> due Tue 07:50 WITA (= 06:50 WIB).
    # Completion typed in WIB at 06:45 (= 07:45 WITA): on time, 10 + 15 = 25 working minutes.
    cal = OfficeCalendar(replace(CalendarSettings(), timezone="Asia/Makassar"))
    state = build(sop_text("30 menit"), "2026-11-23T15:50", [(1, at("2026-11-24T06:45", WIB))], tz=WITA)
    a = first(time_run(state, cal, at("2030-01-01T00:00")), 1)
    assert a.due_at == at("2026-11-24T07:50", WITA)
    assert a.on_time is True and a.actual_working_seconds == 25 * M


def test_rework_attempts_each_timed():
    # Steps: 1 (10 menit), 2 (30 menit), 3 decision (10 menit, tidak -> 2), 4 (blank).
    text = sop_text("10 menit", "30 menit", "10 menit", "", decision=(3, 2))
    state = build(text, "2026-11-23T08:00", [
        (1, "2026-11-23T08:05"),            # on time (5 min)
        (2, "2026-11-23T08:50"),            # ready 08:05, due 08:35 -> late by 15 min
        (3, "2026-11-23T08:55", "tidak"),   # ready 08:50, due 09:00 -> on time; back to 2
        (2, "2026-11-23T09:20"),            # attempt 2: ready 08:55, due 09:25 -> on time
        (3, "2026-11-23T09:40", "ya"),      # attempt 2: ready 09:20, due 09:30 -> late by 10 min
        (4, "2026-11-23T10:00"),            # no standard: shown, not measured
    ])
    timing = time_run(state, CAL, at("2030-01-01T00:00"))
    assert [len(s.attempts) for s in timing.steps] == [1, 2, 2, 1]
    assert first(timing, 2, 1).overrun_working_seconds == 15 * M
    assert first(timing, 2, 2).on_time is True
    assert first(timing, 3, 2).overrun_working_seconds == 10 * M
    assert first(timing, 4).on_time is None and timing.unmeasured_steps == (4,)
    # Measured: 1, 2.1, 2.2, 3.1, 3.2 = 5 attempts; on time: 1, 3.1, 2.2 = 3.
    assert (timing.measured, timing.on_time, timing.late) == (5, 3, 2)
    assert timing.rate == pytest.approx(0.6)
    assert timing.rework_loops == 1
    # Standard along the path without rework: 10 + 30 + 10 minutes = 50 minutes.
    assert timing.standard_total.seconds == 50 * M
    assert timing.standard_total_working_seconds == 50 * M
    # Lead time 08:00 -> 10:00 on a Monday = 2 working hours.
    assert timing.lead_working_seconds == 2 * H
    roles = {r.role: r for r in timing.roles}
    # Staf: 1, 2.1, 2.2, 4 -> 5 + 45 + 25 + 20 minutes; late: 2.1.
    assert (roles["Staf"].steps, roles["Staf"].working_seconds, roles["Staf"].late) == (4, 95 * M, 1)
    assert (roles["Kepala"].steps, roles["Kepala"].late) == (2, 1)


def test_step_in_progress_is_measured_against_now():
    state = build(sop_text("10 menit", "1 jam"), "2026-11-23T08:00", [(1, "2026-11-23T08:05")])
    # Step 2 ready 08:05, due 09:05. At 08:35 it is open and not yet due: shown, not measured.
    early = time_run(state, CAL, at("2026-11-23T08:35"))
    a = first(early, 2)
    assert a.in_progress and a.on_time is None and a.actual_working_seconds == 30 * M
    assert (early.measured, early.on_time) == (1, 1)
    # At 09:35 it is 30 minutes past due: late already.
    late = time_run(state, CAL, at("2026-11-23T09:35"))
    a = first(late, 2)
    assert a.on_time is False and a.overrun_working_seconds == 30 * M
    assert (late.measured, late.on_time) == (2, 1)
