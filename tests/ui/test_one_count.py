"""One definition of late, the same on every screen and export, and where a document came from:
a Renja run with two "tidak" loops (as a clerk ran it), measured at one moment."""

from __future__ import annotations

from datetime import datetime

import pytest

from soptui import actions
from soptui.calendar import OfficeCalendar
from soptui.report import summary_data
from soptui.service import RunService
from soptui.sopfile import load_file
from soptui.timing import time_run
from soptui.widgets.stepdetail import kelengkapan_text
from tests.conftest import SOPS, WIB

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
DAY = [(1, None, "2026-11-16 08:05"), (2, None, "2026-11-16 09:00"), (3, None, "2026-11-17 10:00"),
       (4, None, "2026-11-18 10:00"), (5, None, "2026-11-18 14:00"), (6, "tidak", "2026-11-18 15:00"),
       (5, None, "2026-11-19 09:00"), (6, "ya", "2026-11-19 09:05"), (7, "tidak", "2026-11-19 13:30"),
       (4, None, "2026-11-20 10:00"), (5, None, "2026-11-23 10:00"), (6, "ya", "2026-11-23 10:05"),
       (7, "ya", "2026-11-23 10:10")]


@pytest.fixture
def renja(tmp_path):
    svc = RunService(tmp_path / "data", WIB, clock=lambda: NOW, calendar=OfficeCalendar())
    run = svc.start(load_file(SOPS / "karangploso-renja.toml"), title="Renja 2027", operator="Sri",
                    at=datetime(2026, 11, 16, 8, 0, tzinfo=WIB))
    for no, verdict, when in DAY:
        svc.complete(run, no, actor=f"P{no}", verdict=verdict,
                     at=datetime.fromisoformat(when).replace(tzinfo=WIB))
    return svc, run


def test_home_checklist_and_summary_count_the_same_late_steps(renja):
    svc, run = renja
    state = svc.state(run)
    timing = time_run(state, svc.calendar, NOW)
    late = actions.late_steps(timing.steps)
    assert late == (2, 3, 6, 7, 8)                         # 8 is open and past its due moment
    assert {s.no for s in timing.steps if s.late} == set(late)      # the checklist's marks
    assert actions.late_count(svc.row(state), NOW) == len(late)     # home's "Telat N"
    data = summary_data(state, timing, "id")
    assert data["compliance"]["late_steps"] == list(late) and data["compliance"]["steps"] == 12
    # The rate counts attempts, and says so: 14 attempts, of which 5 were late.
    assert (data["compliance"]["measured"], data["compliance"]["late"]) == (14, 5)


def test_a_document_comes_from_the_latest_attempt_that_made_it(renja):
    svc, run = renja
    state = svc.state(run)
    # Step 5's rework (23/11) made the latest Konsep Renja, not step 4; the checks at 6 and 7
    # hand on what they checked.
    for step in (6, 7, 8):
        assert "(from step 5)" in str(kelengkapan_text(state, step)), step
