"""The checklist's step details mark an attempt recorded outside office hours as the summary's
step table does (☾), with the words for it, on every attempt they show."""

from __future__ import annotations

from rich.console import Console

from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.i18n import using_lang
from soptui.messages import ui as _ui  # noqa: F401  (the checklist's strings)
from soptui.report import render_text
from soptui.timing import time_run
from soptui.widgets.stepdetail import detail
from tests.unit.test_timing import REWORK_SOP, WIB, at, build

# Monday 23 November 2026: step 2's second attempt and step 3's are recorded in the evening.
ACTIONS = [(1, "2026-11-23T08:05"), (2, "2026-11-23T08:50"), (3, "2026-11-23T08:55", "tidak"),
           (2, "2026-11-23T19:30"), (3, "2026-11-23T19:40", "ya")]


def _run():
    state = build(REWORK_SOP, "2026-11-23T08:00", ACTIONS)
    timing = time_run(state, OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta")), at("2026-11-23T20:00"))
    return state, timing


def shown(no: int, lang: str = "id", width: int = 80) -> str:
    state, timing = _run()
    console = Console(width=width, record=True, color_system=None)
    with using_lang(lang):
        console.print(detail(state, timing, no, WIB))
    return console.export_text()


def test_the_summary_marks_the_evening_attempts():
    text = render_text(*_run(), width=80, lang="id")
    assert "2.2☾" in text and "3.2☾" in text and " 1☾" not in text


def test_the_latest_attempt_completed_in_the_evening_is_marked_with_words():
    text = shown(2)
    completed = next(line for line in text.splitlines() if line.startswith("Selesai "))
    assert "2026-11-23 19:30" in completed and "☾ di luar jam kerja" in completed
    assert "☾ outside office hours" in shown(2, "en")


def test_every_attempt_shown_carries_the_mark_and_the_legend_says_what_it_means():
    text = shown(2)
    rows = {line.split()[0]: line for line in text.splitlines() if line.split() and line.split()[0][0].isdigit()}
    assert "1" in rows and "2☾" in rows  # the first attempt, in office hours, unmarked
    assert "☾ = dicatat di luar jam kerja kantor" in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80


def test_an_attempt_in_office_hours_has_no_mark():
    text = shown(1)
    assert "☾" not in text
