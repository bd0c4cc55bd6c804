"""The office calendar (DESIGN §4). Expectations are worked by hand in the comments.

Default hours: Mon–Thu 07:30–12:00 + 13:00–16:00 (4.5 h + 3 h = 7.5 h); Fri 07:30–11:30 +
13:00–16:30 (4 h + 3.5 h = 7.5 h). Ramadan: Mon–Thu 08:00–12:00 + 12:30–15:00 (6.5 h); Fri
08:00–11:30 + 12:30–15:30 (6.5 h). Holidays used (holidays 0.109, ID, public + government):
2026-12-24 Thu cuti bersama Natal, 2026-12-25 Fri Christmas. Ramadan 1447 H: 2026-02-19..03-20.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from soptui.calendar import (HOLIDAY_CATEGORIES, CalendarSettings, DayHours, OfficeCalendar,
                             calendar_settings_from_toml, default_calendar_toml)
from soptui.errors import ConfigError
from soptui.model import Standard

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
H, M = 3600, 60
CAL = OfficeCalendar()


def wib(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


def std(seconds=0.0, days=0.0, months=0.0, calendar=False) -> Standard:
    return Standard(text="", seconds=seconds, days=days, months=months, calendar=calendar)


# (case, ready, standard, due) -- all WIB, default calendar.
DUE_CASES = [
    # Acceptance: 30 menit ready Mon 2026-11-02 15:50: 10 min to the 16:00 close, 20 min left;
    # Tue opens 07:30 -> 07:30 + 20 min = 07:50.
    ("30 menit over the close", "2026-11-02 15:50", std(30 * M), "2026-11-03 07:50"),
    # Acceptance: 1 hari ready Fri 2026-11-06 10:00 -> next working day (Sat/Sun off) Mon 11-09
    # at the same position: Fri 07:30->10:00 = 2.5 h in; Mon 07:30 + 2.5 h = 10:00.
    ("1 hari from Friday", "2026-11-06 10:00", std(days=1), "2026-11-09 10:00"),
    # Acceptance: 7 hari ready Wed 2026-12-16 10:00. Working days after it: Thu 17 (1), Fri 18 (2),
    # Mon 21 (3), Tue 22 (4), Wed 23 (5), [Thu 24 cuti bersama, Fri 25 Natal, weekend],
    # Mon 28 (6), Tue 29 (7) -> Tue 12-29 10:00. (Without the two holidays: Fri 12-25.)
    ("7 hari over Natal + cuti bersama", "2026-12-16 10:00", std(days=7), "2026-12-29 10:00"),
    # minggu = 5 working days: Mon 11-02 09:00 -> Mon 11-09 09:00.
    ("1 minggu", "2026-11-02 09:00", std(days=5), "2026-11-09 09:00"),
    # Exact fit ends at the close: 15:30 + 30 min = 16:00 the same day, not Tue 07:30.
    ("fits exactly at 16:00", "2026-11-02 15:30", std(30 * M), "2026-11-02 16:00"),
    # Breaks are not working time: 11:45 + 30 min = 15 min to 12:00, 15 min from 13:00 -> 13:15.
    ("over the lunch break", "2026-11-02 11:45", std(30 * M), "2026-11-02 13:15"),
    # Friday's break is 11:30-13:00: 11:00 + 1 h = 30 min to 11:30, 30 min from 13:00 -> 13:30.
    ("Friday break", "2026-11-06 11:00", std(H), "2026-11-06 13:30"),
    # Ready outside hours: 17:00 Fri counts from Mon 07:30: 2 jam -> 09:30.
    ("ready after the close", "2026-11-06 17:00", std(2 * H), "2026-11-09 09:30"),
    # ... and for days: ready 17:00 Fri = Mon 07:30, position 0; 1 hari -> Tue 07:30.
    ("1 hari ready after the close", "2026-11-06 17:00", std(days=1), "2026-11-10 07:30"),
    # Ready before the opening: position 0 the same day; 1 hari from Mon 06:00 -> Tue 07:30.
    ("1 hari ready before opening", "2026-11-02 06:00", std(days=1), "2026-11-03 07:30"),
    # Ready exactly at the close keeps its day (position 7.5 h = the end): Mon 16:00 -> Tue 16:00.
    ("1 hari ready at the close", "2026-11-02 16:00", std(days=1), "2026-11-03 16:00"),
    # Ready in the break: position 4.5 h (the morning); the earliest moment 4.5 h into Tue is 12:00.
    ("1 hari ready in the break", "2026-11-02 12:30", std(days=1), "2026-11-03 12:00"),
    # 0,5 hari from Mon 07:30: 0.5 x 7.5 h = 3 h 45 min -> 11:15.
    ("0,5 hari", "2026-11-02 07:30", std(days=0.5), "2026-11-02 11:15"),
    # 1,5 hari from Mon 14:00: 1 day -> Tue 14:00; + 3 h 45 min: 2 h to 16:00, 1 h 45 min from
    # Wed 07:30 -> 09:15.
    ("1,5 hari", "2026-11-02 14:00", std(days=1.5), "2026-11-04 09:15"),
    # Ramadan: 1 jam ready 14:30 Mon 2026-03-02 (Ramadan close 15:00): 30 min that day, 30 min from
    # Tue 08:00 -> 08:30.
    ("Ramadan 1 jam", "2026-03-02 14:30", std(H), "2026-03-03 08:30"),
    # Into Ramadan: ready Wed 2026-02-18 15:30 (ordinary day, position 4.5 h + 2.5 h = 7 h); 1 hari
    # -> Thu 02-19, first day of Ramadan, only 6.5 h long: clamped to its 15:00 close.
    ("1 hari into a shorter Ramadan day", "2026-02-18 15:30", std(days=1), "2026-02-19 15:00"),
    # Basis kalender: 24-hour arithmetic across the weekend: Fri 10:00 + 24 h = Sat 10:00.
    ("kalender 1 hari", "2026-11-06 10:00", std(days=1, calendar=True), "2026-11-07 10:00"),
    ("kalender 3 jam", "2026-11-06 15:00", std(3 * H, calendar=True), "2026-11-06 18:00"),
    # Bulan: Thu 2026-10-15 10:00 + 1 month = Sun 11-15 10:00 -> next working moment Mon 07:30.
    ("1 bulan onto a Sunday", "2026-10-15 10:00", std(months=1), "2026-11-16 07:30"),
    # relativedelta clamps Jan 31 + 1 month to Sat Feb 28; next working moment is Mon 03-02,
    # a Ramadan day that opens at 08:00.
    ("1 bulan from Jan 31", "2026-01-31 10:00", std(months=1), "2026-03-02 08:00"),
    # A month landing on a working moment stays: Mon 11-02 10:00 -> Wed 12-02 10:00.
    ("1 bulan on a working day", "2026-11-02 10:00", std(months=1), "2026-12-02 10:00"),
    # Fractional month: 0.5 x 30 = 15 calendar days: Mon 11-02 10:00 -> Tue 11-17 10:00.
    ("0,5 bulan", "2026-11-02 10:00", std(months=0.5), "2026-11-17 10:00"),
    # Kalender bulan: plain relativedelta, no move: Thu 10-15 10:00 -> Sun 11-15 10:00.
    ("kalender 1 bulan", "2026-10-15 10:00", std(months=1, calendar=True), "2026-11-15 10:00"),
    # Mixed: 1 hari then 1 jam: Mon 15:30 -> Tue 15:30 -> 30 min to 16:00 + 30 min Wed -> 08:00.
    ("1 hari 1 jam", "2026-11-02 15:30", std(H, days=1), "2026-11-04 08:00"),
]


@pytest.mark.parametrize("case, ready, standard, expected", DUE_CASES, ids=[c[0] for c in DUE_CASES])
def test_due(case, ready, standard, expected):
    due = CAL.due(wib(ready), standard)
    assert due == wib(expected)
    assert due.tzinfo == WIB


def test_30_menit_over_the_close_takes_30_working_minutes():
    # 15:50->16:00 (10 min) + Tue 07:30->07:50 (20 min) = 30 min of working time.
    assert CAL.working_seconds_between(wib("2026-11-02 15:50"), wib("2026-11-03 07:50")) == 30 * M


# (case, a, b, working seconds)
BETWEEN_CASES = [
    # Fri 11:00->11:30 (0.5 h) + 13:00->16:30 (3.5 h); weekend 0; Mon 07:30->12:00 (4.5 h) +
    # 13:00->14:00 (1 h) = 9.5 h.
    ("over a weekend and breaks", "2026-11-06 11:00", "2026-11-09 14:00", 9.5 * H),
    # Wed 12-23 09:00->12:00 (3 h) + 13:00->16:00 (3 h); Thu 24 cuti bersama, Fri 25 Natal, weekend;
    # Mon 28 07:30->09:00 (1.5 h) = 7.5 h.
    ("over Natal and cuti bersama", "2026-12-23 09:00", "2026-12-28 09:00", 7.5 * H),
    # Inside one break: nothing.
    ("inside the break", "2026-11-02 12:10", "2026-11-02 12:50", 0),
    # A whole ordinary week Mon 00:00 -> next Mon 00:00 = 5 x 7.5 h = 37.5 h.
    ("one week", "2026-11-02 00:00", "2026-11-09 00:00", 37.5 * H),
    # Ramadan week Mon 03-02 -> Mon 03-09: 5 x 6.5 h = 32.5 h.
    ("one Ramadan week", "2026-03-02 00:00", "2026-03-09 00:00", 32.5 * H),
    ("backwards is zero", "2026-11-03 10:00", "2026-11-02 10:00", 0),
]


@pytest.mark.parametrize("case, a, b, expected", BETWEEN_CASES, ids=[c[0] for c in BETWEEN_CASES])
def test_working_seconds_between(case, a, b, expected):
    assert CAL.working_seconds_between(wib(a), wib(b)) == expected


def test_working_days_and_hours():
    assert CAL.is_working_day(date(2026, 11, 2))
    assert not CAL.is_working_day(date(2026, 11, 7))        # Saturday
    assert not CAL.is_working_day(date(2026, 12, 24))       # cuti bersama (category government)
    assert not CAL.is_working_day(date(2026, 12, 25))       # Natal (category public)
    assert CAL.hours_on(date(2026, 12, 25)) is None
    assert CAL.hours_on(date(2026, 3, 2)).start.isoformat() == "08:00:00"   # Ramadan
    assert CAL.working_day_seconds(date(2026, 11, 6)) == 7.5 * H
    assert CAL.working_day_seconds(date(2026, 3, 6)) == 6.5 * H              # Ramadan Friday
    assert CAL.intervals_on(date(2026, 11, 2)) == (
        (wib("2026-11-02 07:30"), wib("2026-11-02 12:00")),
        (wib("2026-11-02 13:00"), wib("2026-11-02 16:00")))
    assert CAL.next_working_moment(wib("2026-11-02 16:00")) == wib("2026-11-03 07:30")
    assert CAL.next_working_moment(wib("2026-11-02 12:15")) == wib("2026-11-02 13:00")
    assert CAL.add_working_seconds(wib("2026-11-02 16:00"), 0) == wib("2026-11-02 16:00")


def test_holiday_categories_match_the_holidays_package():
    import holidays

    assert set(HOLIDAY_CATEGORIES) == set(holidays.ID.supported_categories)


def test_wita_office_converts_wib_moments():
    cal = OfficeCalendar(CalendarSettings(timezone="Asia/Makassar"))
    # 14:50 WIB = 15:50 WITA: 10 min to the 16:00 WITA close + 20 min from Tue 07:30 WITA
    # -> 07:50 WITA = 06:50 WIB.
    due = cal.due(wib("2026-11-02 14:50"), std(30 * M))
    assert due.tzinfo == WITA
    assert due == datetime(2026, 11, 3, 7, 50, tzinfo=WITA) == wib("2026-11-03 06:50")
    # 15:50 WIB = 16:50 WITA, after the close: 30 min from Tue 07:30 WITA -> 08:00 WITA.
    assert cal.due(wib("2026-11-02 15:50"), std(30 * M)) == datetime(2026, 11, 3, 8, 0, tzinfo=WITA)
    # Mon 07:30 WIB = 08:30 WITA: one hour of the WITA morning is already gone; to 12:00 WITA = 3.5 h.
    assert cal.working_seconds_between(wib("2026-11-02 07:30"), wib("2026-11-02 11:00")) == 3.5 * H


def test_days_off_and_worked_holidays():
    cal = OfficeCalendar(CalendarSettings(days_off=frozenset({date(2026, 11, 10)}),
                                          worked_holidays=frozenset({date(2026, 12, 24),
                                                                     date(2026, 11, 7)})))
    # Tue 11-10 is an office day off: 1 hari from Mon 11-09 10:00 -> Wed 11-11 10:00.
    assert cal.due(wib("2026-11-09 10:00"), std(days=1)) == wib("2026-11-11 10:00")
    # The cuti bersama 12-24 was worked: 1 hari from Wed 12-23 10:00 -> Thu 12-24 10:00.
    assert cal.due(wib("2026-12-23 10:00"), std(days=1)) == wib("2026-12-24 10:00")
    # A worked Saturday (make-up day) gets the week's first ordinary hours (Monday's, 07:30):
    # Fri 16:00 + 1 h = 30 min to Friday's 16:30 close + 30 min from Sat 07:30 -> Sat 08:00.
    assert cal.due(wib("2026-11-06 16:00"), std(H)) == wib("2026-11-07 08:00")
    assert not cal.is_working_day(date(2026, 11, 10)) and cal.is_working_day(date(2026, 11, 7))


def test_without_holidays():
    cal = OfficeCalendar(CalendarSettings(use_holidays=False))
    assert cal.is_working_day(date(2026, 12, 25))
    # 7 hari from Wed 12-16 10:00 with no holidays: Thu 17, Fri 18, Mon 21..Fri 25 -> Fri 12-25.
    assert cal.due(wib("2026-12-16 10:00"), std(days=7)) == wib("2026-12-25 10:00")


def test_naive_moments_are_refused():
    with pytest.raises(ValueError):
        CAL.working_seconds_between(datetime(2026, 11, 2, 8), datetime(2026, 11, 2, 9))


# -- properties ------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 11, 30)).map(
    lambda d: d.replace(tzinfo=WIB))


@settings(max_examples=300, deadline=None)
@given(ready=moments, seconds=st.floats(min_value=0, max_value=40 * 7.5 * H, allow_nan=False))
def test_due_spends_exactly_the_standard_in_working_time(ready, seconds):
    due = CAL.due(ready, std(seconds))
    assert abs(CAL.working_seconds_between(ready, due) - seconds) <= 1e-6
    assert due >= ready


@settings(max_examples=200, deadline=None)
@given(a=moments, b=moments, seconds=st.floats(min_value=0, max_value=10 * 7.5 * H, allow_nan=False))
def test_later_ready_never_means_earlier_due(a, b, seconds):
    a, b = sorted((a, b))
    assert CAL.due(a, std(seconds)) <= CAL.due(b, std(seconds))
    assert CAL.due(a, std(days=3)) <= CAL.due(b, std(days=3))


@settings(max_examples=200, deadline=None)
@given(ready=moments, days=st.integers(min_value=1, max_value=30))
def test_working_days_land_on_working_time(ready, days):
    due = CAL.due(ready, std(days=days))
    assert any(a <= due <= b for a, b in CAL.intervals_on(due.date()))
    # Outside Ramadan's shorter days, n working days are n x 7.5 h of working time.
    span = {ready.date() + timedelta(days=i) for i in range((due.date() - ready.date()).days + 1)}
    if not any(CAL.in_ramadan(d) for d in span) and CAL._settle(ready) == ready:
        assert CAL.working_seconds_between(ready, due) == days * 7.5 * H


# -- settings --------------------------------------------------------------------------------

def test_empty_table_is_the_defaults():
    assert calendar_settings_from_toml({}) == CalendarSettings()


def test_default_toml_round_trips():
    text = default_calendar_toml()
    assert calendar_settings_from_toml(tomllib.loads(text)["calendar"]) == CalendarSettings()
    assert 'saturday = "off"' in text


def test_friendly_toml_layout():
    text = """
    [calendar]
    timezone = "Asia/Jayapura"
    holiday_categories = ["public"]
    days_off = [2026-12-31]
    worked_holidays = ["2026-12-24"]
    ramadan = [[2026-02-18, 2026-03-19]]
    [calendar.hours]
    senin = { start = "7:30", end = "15:30", breaks = ["12:00-12:30"] }
    Jumat = "08:00-11:00"
    sabtu = { start = 08:00:00, end = 12:00:00 }
    """
    s = calendar_settings_from_toml(tomllib.loads(text)["calendar"])
    assert s.timezone == "Asia/Jayapura" and s.holiday_categories == ("public",)
    assert s.days_off == {date(2026, 12, 31)} and s.worked_holidays == {date(2026, 12, 24)}
    assert s.ramadan == ((date(2026, 2, 18), date(2026, 3, 19)),)
    t = time
    assert s.hours[0] == DayHours(t(7, 30), t(15, 30), ((t(12), t(12, 30)),))
    assert s.hours[1] == CalendarSettings().hours[1]          # untouched weekdays keep defaults
    assert s.hours[4] == DayHours(t(8), t(11))
    assert s.hours[5] == DayHours(t(8), t(12))
    # A partial day table fills start/end from the weekday's default: Friday closing at 17:00.
    s2 = calendar_settings_from_toml({"hours": {"friday": {"end": "17:00", "breaks": ["11:30-13:00"]}}})
    assert s2.hours[4] == DayHours(t(7, 30), t(17), ((t(11, 30), t(13)),))


# (table, words the message must contain)
BAD_SETTINGS = [
    ({"timezon": "Asia/Jakarta"}, ["timezon", 'did you mean "timezone"']),
    ({"timezone": "Asia/Bandung"}, ["timezone", "Asia/Bandung"]),
    ({"holiday_categories": ["goverment"]}, ["goverment", 'did you mean "government"']),
    ({"hours": {"senen": "off"}}, ["senen", 'did you mean "senin"']),
    ({"hours": {"monday": {"start": "07:30", "end": "16:00", "brakes": []}}},
     ["brakes", 'did you mean "breaks"']),
    ({"hours": {"monday": {"start": "25:00", "end": "16:00"}}}, ["monday.start", "25:00"]),
    ({"hours": {"monday": {"start": "16:00", "end": "07:30"}}}, ["monday", "16:00", "07:30"]),
    ({"hours": {"monday": {"start": "07:30", "end": "16:00", "breaks": ["17:00-18:00"]}}},
     ["monday.breaks", "17:00-18:00", "outside"]),
    ({"hours": {"monday": "sometimes"}}, ["monday", "sometimes"]),
    ({"hours": {"saturday": {"end": "12:00"}}}, ["saturday", "needs start"]),
    ({"hours": {d: "off" for d in ("senin", "selasa", "rabu", "kamis", "jumat")}}, ["every weekday is off"]),
    ({"ramadan": [[date(2026, 3, 19), date(2026, 2, 18)]]}, ["ramadan", "2026-03-19", "2026-02-18"]),
    ({"ramadan": [[date(2026, 3, 19)]]}, ["ramadan", "pair"]),
    ({"days_off": ["31-12-2026"]}, ["days_off", "31-12-2026"]),
    ({"days_off": "2026-12-31"}, ["days_off", "2026-12-31"]),
    ({"days_off": [date(2026, 12, 24)], "worked_holidays": [date(2026, 12, 24)]}, ["2026-12-24", "both"]),
    ({"use_holidays": "yes"}, ["use_holidays", "yes"]),
]


@pytest.mark.parametrize("table, words", BAD_SETTINGS, ids=[str(t)[:40] for t, _ in BAD_SETTINGS])
def test_bad_settings_name_the_key_and_value(table, words):
    with pytest.raises(ConfigError) as info:
        calendar_settings_from_toml(table, "soptui.toml [calendar]")
    message = str(info.value)
    assert message.startswith("soptui.toml [calendar]")
    for word in words:
        assert word in message


def test_holiday_cache_gives_the_package_answers(tmp_path):
    from soptui.calendar import national_holidays
    from soptui.holidaycache import office_calendar
    cal = office_calendar(CalendarSettings(), tmp_path)
    expected = national_holidays(2026, ("public", "government"))
    assert cal.holidays_in(2026) == expected          # computed and written
    files = list((tmp_path / "cache").glob("holidays-ID-2026-*.json"))
    assert len(files) == 1
    again = office_calendar(CalendarSettings(), tmp_path)
    assert again.holidays_in(2026) == expected        # read back from the file
    files[0].write_text("{damaged")
    assert office_calendar(CalendarSettings(), tmp_path).holidays_in(2026) == expected
