"""The office calendar at its edges: exactly at an opening, a close, a break edge, one second
either side, across holidays and cuti bersama, in Ramadan and on Fridays.

Default hours (DESIGN §4): Mon–Thu 07:30–12:00 + 13:00–16:00 (7.5 h); Fri 07:30–11:30 +
13:00–16:30 (7.5 h); Ramadan Mon–Thu 08:00–12:00 + 12:30–15:00 (6.5 h), Fri 08:00–11:30 +
12:30–15:30 (6.5 h). Dates (WIB): Mon 2 Nov 2026 starts an ordinary week. Holidays from the
`holidays` package (ID, public + government): 2026 — Wed 18 Mar cuti bersama Nyepi, Thu 19 Mar
Nyepi, Fri 20 Mar cuti bersama Idul Fitri, Sat 21 + Sun 22 Idul Fitri, Mon 23 + Tue 24 Mar cuti
bersama; Thu 24 Dec cuti bersama Natal, Fri 25 Dec Natal. 2027 — Fri 5 Feb cuti bersama Imlek,
Fri 24 Dec cuti bersama Natal. Ramadan 1447 H: Thu 19 Feb – Fri 20 Mar 2026; 1448 H from Mon 8
Feb 2027. Every expectation is worked by hand in its comment.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from soptui.calendar import CalendarSettings, DayHours, OfficeCalendar
from tests.unit.test_calendar import CAL, H, M, std, wib  # the same helpers


# -- working time: the walk that adds seconds -------------------------------------------------

# (case, ready, standard seconds, due)
SECONDS = [
    # Two whole days from an opening: Mon 7.5 h, then Tue's 7.5 h fit exactly -> Tue's close,
    # not Wed 07:30 (a whole day that fits exactly is walked, not skipped past).
    ("15 h from Mon 07:30 ends at Tue 16:00", "2026-11-02 07:30", 15 * H, "2026-11-03 16:00"),
    # Three: Tue is skipped as a whole (7.5 < 15), Wed fits exactly -> Wed 16:00.
    ("22.5 h from Mon 07:30 ends at Wed 16:00", "2026-11-02 07:30", 22.5 * H, "2026-11-04 16:00"),
    # One day inside the ready day: 4.5 h to 12:00, the last 3 h fill 13:00-16:00 exactly.
    ("7.5 h from Mon 07:30 ends at Mon 16:00", "2026-11-02 07:30", 7.5 * H, "2026-11-02 16:00"),
    # From mid-morning the ready day is walked, not skipped: Mon 10:00-12:00 (2 h) + 13:00-16:00
    # (3 h) = 5 h; 5 h more on Tue: 07:30-12:00 (4.5 h) + 30 min from 13:00 -> Tue 13:30.
    ("10 h from Mon 10:00", "2026-11-02 10:00", 10 * H, "2026-11-03 13:30"),
    # One second before the close: the last second of the day.
    ("1 s from 15:59:59", "2026-11-02 15:59:59", 1, "2026-11-02 16:00"),
    # Two seconds there: one today, one after Tue's opening.
    ("2 s from 15:59:59", "2026-11-02 15:59:59", 2, "2026-11-03 07:30:01"),
    # From the close itself: nothing is left today.
    ("1 s from the close", "2026-11-02 16:00", 1, "2026-11-03 07:30:01"),
    # One second before the opening counts from the opening.
    ("1 s from 07:29:59", "2026-11-02 07:29:59", 1, "2026-11-02 07:30:01"),
    # The morning's last second ends at 12:00 (the break's start), not at 13:00.
    ("1 s from 11:59:59", "2026-11-02 11:59:59", 1, "2026-11-02 12:00"),
    ("2 s from 11:59:59", "2026-11-02 11:59:59", 2, "2026-11-02 13:00:01"),
    # Ready exactly at the break's start or its end: 30 min from 13:00 either way.
    ("30 min from the break's start", "2026-11-02 12:00", 30 * M, "2026-11-02 13:30"),
    ("30 min from the break's end", "2026-11-02 13:00", 30 * M, "2026-11-02 13:30"),
    # Friday: the break is 11:30-13:00 and the close 16:30.
    ("1 s from Fri 11:29:59", "2026-11-06 11:29:59", 1, "2026-11-06 11:30"),
    ("2 s from Fri 11:29:59", "2026-11-06 11:29:59", 2, "2026-11-06 13:00:01"),
    ("30 min from Fri 16:00 ends at the Friday close", "2026-11-06 16:00", 30 * M, "2026-11-06 16:30"),
    # 31 min from Fri 16:00: 30 on Friday, the last minute after the weekend.
    ("31 min from Fri 16:00", "2026-11-06 16:00", 31 * M, "2026-11-09 07:31"),
    # Ramadan Mon 2 Mar 2026: 08:00-12:00 + 12:30-15:00. 30 min from 14:30 ends at 15:00.
    ("Ramadan close", "2026-03-02 14:30", 30 * M, "2026-03-02 15:00"),
    ("Ramadan, one second past the close", "2026-03-02 14:30", 30 * M + 1, "2026-03-03 08:00:01"),
    ("Ramadan break", "2026-03-02 11:59:59", 2, "2026-03-02 12:30:01"),
    # Ramadan Friday 6 Mar: break 11:30-12:30, close 15:30.
    ("Ramadan Friday break", "2026-03-06 11:29:59", 2, "2026-03-06 12:30:01"),
    ("Ramadan Friday close", "2026-03-06 15:00", 30 * M, "2026-03-06 15:30"),
    # Across cuti bersama and Natal: Wed 23 Dec 2026 15:00, 1 h 30 min: 1 h to 16:00; Thu 24
    # (cuti bersama), Fri 25 (Natal) and the weekend are off; 30 min from Mon 28 07:30.
    ("over cuti bersama and Natal", "2026-12-23 15:00", 90 * M, "2026-12-28 08:00"),
    # 2027: Thu 4 Feb 15:00 + 1 h 30 min: 1 h to 16:00; Fri 5 Feb is cuti bersama Imlek; Mon 8 Feb
    # is the first day of Ramadan 1448 H (opens 08:00) -> 08:30.
    ("over cuti bersama Imlek 2027 into Ramadan", "2027-02-04 15:00", 90 * M, "2027-02-08 08:30"),
]


@pytest.mark.parametrize("case, ready, seconds, expected", SECONDS, ids=[c[0] for c in SECONDS])
def test_working_seconds_at_the_edges(case, ready, seconds, expected):
    due = CAL.due(wib(ready), std(seconds))
    assert due == wib(expected)
    # Whatever the path, exactly the standard was spent in working time.
    assert CAL.working_seconds_between(wib(ready), due) == seconds


def test_a_second_before_and_after_the_due_moment_of_15_hours():
    # The due moment of 15 h from Mon 07:30 is Tue 16:00; one working second less ends one
    # second earlier, one more spills over to Wed 07:30:01.
    ready = wib("2026-11-02 07:30")
    assert CAL.add_working_seconds(ready, 15 * H - 1) == wib("2026-11-03 15:59:59")
    assert CAL.add_working_seconds(ready, 15 * H + 1) == wib("2026-11-04 07:30:01")


# -- working days: the same position in a later working day -----------------------------------

# (case, ready, days, due)
DAYS = [
    # At the opening: position 0 -> the next day's opening.
    ("ready at the opening", "2026-11-02 07:30", 1, "2026-11-03 07:30"),
    ("ready a second before the opening", "2026-11-02 07:29:59", 1, "2026-11-03 07:30"),
    ("ready a second after the opening", "2026-11-02 07:30:01", 1, "2026-11-03 07:30:01"),
    # At the close the day is kept (position 7.5 h = Tue's close); a second later it belongs to
    # Tue at position 0, so 1 hari lands on Wed 07:30.
    ("ready at the close", "2026-11-02 16:00", 1, "2026-11-03 16:00"),
    ("ready a second after the close", "2026-11-02 16:00:01", 1, "2026-11-04 07:30"),
    ("ready a second before the close", "2026-11-02 15:59:59", 1, "2026-11-03 15:59:59"),
    # At the break's start and its end the position is 4.5 h: the earliest moment with 4.5 h
    # gone on Tue is 12:00, not 13:00.
    ("ready at the break's start", "2026-11-02 12:00", 1, "2026-11-03 12:00"),
    ("ready at the break's end", "2026-11-02 13:00", 1, "2026-11-03 12:00"),
    ("ready a second after the break", "2026-11-02 13:00:01", 1, "2026-11-03 13:00:01"),
    # Thu 16:00 (position 7.5 h) -> Friday's 7.5 h position is Friday's close, 16:30.
    ("Thursday's close to Friday's close", "2026-11-05 16:00", 1, "2026-11-06 16:30"),
    # Fri 16:30 (position 7.5 h) -> Mon 16:00; Fri 11:30 (Friday's break, 4 h) -> Mon 11:30.
    ("Friday's close to Monday's close", "2026-11-06 16:30", 1, "2026-11-09 16:00"),
    ("Friday's break to Monday", "2026-11-06 11:30", 1, "2026-11-09 11:30"),
    # A Saturday is off: position 0 of Monday, then one day -> Tue 07:30.
    ("ready on a Saturday", "2026-11-07 10:00", 1, "2026-11-10 07:30"),
    # Ramadan Mon 2 Mar 2026: the close 15:00 is position 6.5 h -> Tue 15:00; 12:30 (the end of
    # Ramadan's break) is position 4 h -> Tue 12:00.
    ("Ramadan close", "2026-03-02 15:00", 1, "2026-03-03 15:00"),
    ("Ramadan break's end", "2026-03-02 12:30", 1, "2026-03-03 12:00"),
    ("Ramadan opening", "2026-03-02 07:59:59", 1, "2026-03-03 08:00"),
    # Out of Ramadan over Nyepi, Idul Fitri and its cuti bersama: ready Tue 17 Mar 2026 15:00
    # (Ramadan close, position 6.5 h). Wed 18 (cuti bersama Nyepi), Thu 19 (Nyepi), Fri 20 (cuti
    # bersama), the weekend (Idul Fitri), Mon 23 and Tue 24 (cuti bersama) are off; Wed 25 Mar has
    # ordinary hours: 6.5 h in = 4.5 h to 12:00 + 2 h from 13:00 -> 15:00.
    ("out of Ramadan over Lebaran", "2026-03-17 15:00", 1, "2026-03-25 15:00"),
    # Into 2027's cuti bersama Imlek: Thu 4 Feb 10:00 (2.5 h in); Fri 5 Feb is off; Mon 8 Feb is
    # Ramadan (08:00) -> 10:30.
    ("over cuti bersama Imlek 2027", "2027-02-04 10:00", 1, "2027-02-08 10:30"),
    # Thu 23 Dec 2027 at the close; Fri 24 Dec is cuti bersama, then the weekend -> Mon 27 16:00.
    ("over cuti bersama Natal 2027", "2027-12-23 16:00", 1, "2027-12-27 16:00"),
]


@pytest.mark.parametrize("case, ready, days, expected", DAYS, ids=[c[0] for c in DAYS])
def test_working_days_at_the_edges(case, ready, days, expected):
    assert CAL.due(wib(ready), std(days=days)) == wib(expected)


def test_fraction_of_a_day_ends_exactly_at_the_close():
    # 1,5 hari from Mon 11:15: one day -> Tue 11:15; half of Tue's 7.5 h = 3 h 45 min: 45 min to
    # 12:00 and 3 h from 13:00 -> Tue 16:00 exactly (the close, not Wed 07:30).
    assert CAL.due(wib("2026-11-02 11:15"), std(days=1.5)) == wib("2026-11-03 16:00")
    # From Mon 12:15 (in the break, position 4.5 h): Tue 12:00, then 3 h to 16:00 and the last
    # 45 min from Wed 07:30 -> 08:15.
    assert CAL.due(wib("2026-11-02 12:15"), std(days=1.5)) == wib("2026-11-04 08:15")


# -- months: settle on a working moment, a close included --------------------------------------

# (case, ready, months, due)
MONTHS = [
    # Mon 2 Nov 16:00 + 1 month = Wed 2 Dec 16:00, exactly the close: it stays there.
    ("onto a close", "2026-11-02 16:00", 1, "2026-12-02 16:00"),
    # One second later it is after the close: Thu 3 Dec 07:30.
    ("a second after a close", "2026-11-02 16:00:01", 1, "2026-12-03 07:30"),
    # Onto the opening, the break's start (the end of the morning: stays) and inside the break.
    ("onto an opening", "2026-11-02 07:30", 1, "2026-12-02 07:30"),
    ("onto the break's start", "2026-10-12 12:00", 1, "2026-11-12 12:00"),
    ("into the break", "2026-10-12 12:00:01", 1, "2026-11-12 13:00"),
    # Thu 6 Aug 2026 16:30 + 3 months = Fri 6 Nov 16:30, exactly the Friday close: stays.
    ("onto a Friday close", "2026-08-06 16:30", 3, "2026-11-06 16:30"),
    # Onto cuti bersama: Tue 24 Nov 10:00 + 1 month = Thu 24 Dec (cuti bersama); Fri 25 Natal,
    # weekend -> Mon 28 Dec 07:30.
    ("onto cuti bersama", "2026-11-24 10:00", 1, "2026-12-28 07:30"),
]


@pytest.mark.parametrize("case, ready, months, expected", MONTHS, ids=[c[0] for c in MONTHS])
def test_months_at_the_edges(case, ready, months, expected):
    assert CAL.due(wib(ready), std(months=months)) == wib(expected)


def test_month_with_days_and_hours_on_top():
    # 1 bulan 1 hari 1 jam from Mon 2 Nov 15:30: + 1 month = Wed 2 Dec 15:30 (working); + 1 day
    # = Thu 3 Dec 15:30; + 1 h = 30 min to 16:00 + 30 min from Fri 4 Dec 07:30 -> 08:00.
    assert CAL.due(wib("2026-11-02 15:30"), std(H, days=1, months=1)) == wib("2026-12-04 08:00")
    # Basis kalender adds all of it as clock time: Wed 2 Dec 15:30 + 1 day + 1 h = Thu 16:30.
    assert CAL.due(wib("2026-11-02 15:30"), std(H, days=1, months=1, calendar=True)) == wib("2026-12-03 16:30")
    # 1,5 bulan kalender = 1 month + 15 days: Mon 2 Nov -> Wed 2 Dec -> Thu 17 Dec, same time.
    assert CAL.due(wib("2026-11-02 10:00"), std(months=1.5, calendar=True)) == wib("2026-12-17 10:00")


# -- working time between two moments ----------------------------------------------------------

# (case, a, b, working seconds)
BETWEEN = [
    ("a second each side of the night", "2026-11-02 15:59:59", "2026-11-03 07:30:01", 2),
    ("a second each side of the break", "2026-11-02 11:59:59", "2026-11-02 13:00:01", 2),
    ("Friday's last second", "2026-11-06 16:29:59", "2026-11-06 16:30", 1),
    ("Friday close to Monday opening", "2026-11-06 16:30", "2026-11-09 07:30", 0),
    ("one whole day", "2026-11-02 07:30", "2026-11-02 16:00", 7.5 * H),
    ("one whole day and a second", "2026-11-02 07:30", "2026-11-03 07:30:01", 7.5 * H + 1),
    # A span over three days: the first and last days partly, the middle one whole.
    ("three days", "2026-11-02 15:00", "2026-11-04 08:30", 1 * H + 7.5 * H + 1 * H),
    ("the same moment", "2026-11-02 10:00", "2026-11-02 10:00", 0),
    # Over cuti bersama and Natal 2026: Wed 23 Dec 15:59 -> Mon 28 Dec 07:31 = 1 min + 1 min.
    ("over cuti bersama and Natal", "2026-12-23 15:59", "2026-12-28 07:31", 2 * M),
    # Ramadan Mon 2 Mar: 08:00-12:00 + 12:30-15:00 = 6.5 h.
    ("a Ramadan day", "2026-03-02 00:00", "2026-03-03 00:00", 6.5 * H),
]


@pytest.mark.parametrize("case, a, b, expected", BETWEEN, ids=[c[0] for c in BETWEEN])
def test_working_seconds_between_at_the_edges(case, a, b, expected):
    assert CAL.working_seconds_between(wib(a), wib(b)) == expected


# -- the next moment work can go on -------------------------------------------------------------

@pytest.mark.parametrize("moment, expected", [
    ("2026-11-02 07:29:59", "2026-11-02 07:30"),
    ("2026-11-02 07:30", "2026-11-02 07:30"),
    ("2026-11-02 11:59:59", "2026-11-02 11:59:59"),
    ("2026-11-02 12:00", "2026-11-02 13:00"),      # the break's start: nothing more this morning
    ("2026-11-02 13:00", "2026-11-02 13:00"),
    ("2026-11-02 15:59:59", "2026-11-02 15:59:59"),
    ("2026-11-02 16:00", "2026-11-03 07:30"),
    ("2026-11-06 16:30", "2026-11-09 07:30"),      # Friday's close: after the weekend
    ("2026-12-23 16:00", "2026-12-28 07:30"),      # cuti bersama, Natal, weekend
    ("2026-03-02 07:45", "2026-03-02 08:00"),      # Ramadan opens at 08:00
    ("2026-03-02 12:15", "2026-03-02 12:30"),      # Ramadan's break ends at 12:30
])
def test_next_working_moment_at_the_edges(moment, expected):
    assert CAL.next_working_moment(wib(moment)) == wib(expected)


# -- which days, which hours --------------------------------------------------------------------

def test_ramadan_periods_are_inclusive_at_both_ends():
    assert not CAL.in_ramadan(date(2026, 2, 18)) and CAL.in_ramadan(date(2026, 2, 19))
    assert CAL.in_ramadan(date(2026, 3, 20)) and not CAL.in_ramadan(date(2026, 3, 21))
    # Wed 18 Feb has ordinary hours, Thu 19 Feb (first day of Ramadan) Ramadan's.
    assert CAL.hours_on(date(2026, 2, 18)).start == time(7, 30)
    assert CAL.hours_on(date(2026, 2, 19)).start == time(8, 0)
    assert CAL.working_day_seconds(date(2026, 2, 19)) == 6.5 * H


def test_cuti_bersama_of_2026_and_2027_are_days_off():
    for day in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24), date(2026, 5, 15),
                date(2026, 12, 24), date(2027, 2, 5), date(2027, 12, 24)):
        assert not CAL.is_working_day(day), day
        assert CAL.working_day_seconds(day) == 0 and CAL.intervals_on(day) == ()
    # The days around them are working days.
    for day in (date(2026, 3, 25), date(2026, 12, 23), date(2027, 2, 4), date(2027, 12, 23)):
        assert CAL.is_working_day(day), day


def test_categories_and_overrides_decide_the_days_off():
    # Without "government" the cuti bersama is an ordinary Thursday; Natal stays a holiday.
    public = OfficeCalendar(CalendarSettings(holiday_categories=("public",)))
    assert public.is_working_day(date(2026, 12, 24)) and not public.is_working_day(date(2026, 12, 25))
    # A worked Sunday gets the week's first hours (Monday's); in Ramadan, Ramadan's.
    worked = OfficeCalendar(CalendarSettings(worked_holidays=frozenset({date(2026, 11, 8), date(2026, 3, 8)})))
    assert worked.hours_on(date(2026, 11, 8)) == CalendarSettings().hours[0]
    assert worked.hours_on(date(2026, 3, 8)) == CalendarSettings().ramadan_hours[0]
    # An extra day off wins over everything.
    off = OfficeCalendar(CalendarSettings(days_off=frozenset({date(2026, 11, 2)})))
    assert off.hours_on(date(2026, 11, 2)) is None
    assert off.due(wib("2026-11-02 09:00"), std(M)) == wib("2026-11-03 07:31")


def test_breaks_at_the_very_edges_of_the_day_leave_no_empty_interval():
    t = time
    # A break from the opening, a break up to the close, overlapping breaks: they merge and no
    # zero-length interval is left at either end.
    assert DayHours(t(7, 30), t(16), ((t(7, 30), t(8)),)).intervals() == [(t(8), t(16))]
    assert DayHours(t(7, 30), t(16), ((t(15), t(16)),)).intervals() == [(t(7, 30), t(15))]
    assert DayHours(t(7, 30), t(16), ((t(12), t(13)), (t(12, 30), t(13, 30)))).intervals() == [
        (t(7, 30), t(12)), (t(13, 30), t(16))]
    # A break inside another one does not shorten it.
    assert DayHours(t(7, 30), t(16), ((t(12, 15), t(12, 45)), (t(12), t(13)))).intervals() == [
        (t(7, 30), t(12)), (t(13), t(16))]
    assert DayHours(t(8), t(12)).intervals() == [(t(8), t(12))]
