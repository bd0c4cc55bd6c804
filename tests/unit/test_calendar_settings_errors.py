"""soptui.toml [calendar], read key by key: each mistake gives its whole message (where, what
was written, what is expected), and each accepted form lands in the settings as meant. Exact
messages, because a message that names the wrong key or drops the value is a bug people meet.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time

import pytest

from soptui.calendar import CalendarSettings, DayHours, calendar_settings_from_toml, default_calendar_toml
from soptui.errors import ConfigError

T = time
ZONES = "(e.g. Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT))"
DAY_FORMS = '"off", "07:30-16:00" or { start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }'
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")

# (table, the whole message) with where = "W"
ERRORS = [
    ([], "W: must be a table"),
    ({"timezon": "Asia/Jakarta"}, "W: unknown key 'timezon' (did you mean \"timezone\"?)"),
    ({"zzz": 1}, "W: unknown key 'zzz'"),
    ({"timezone": "Asia/Bandung"}, f"W: timezone 'Asia/Bandung' is not a known time zone {ZONES}"),
    ({"timezone": 7}, f"W: timezone 7 is not a known time zone {ZONES}"),
    ({"timezone": ""}, f"W: timezone '' is not a known time zone {ZONES}"),
    ({"holiday_categories": "public"},
     "W: holiday_categories 'public' must be a list such as [\"public\", \"government\"]"),
    ({"holiday_categories": ["public", 3]},
     "W: holiday_categories ['public', 3] must be a list such as [\"public\", \"government\"]"),
    ({"holiday_categories": ["goverment"]},
     "W: holiday_categories: unknown category 'goverment' (did you mean \"government\"?)"),
    ({"use_holidays": "yes"}, "W: use_holidays 'yes' must be true or false"),
    ({"use_holidays": 1}, "W: use_holidays 1 must be true or false"),
    ({"hours": {d: "off" for d in WEEKDAYS}}, "W hours: every weekday is off; at least one needs office hours"),
    ({"days_off": [date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 24)],
      "worked_holidays": [date(2026, 12, 24), date(2026, 12, 31), date(2026, 12, 25)]},
     "W: 2026-12-24 is both in days_off and in worked_holidays"),      # the earliest in both
    ({"hours": "07:30-16:00"}, 'W hours: must be a table of weekdays, e.g. monday = "07:30-16:00"'),
    ({"hours": {"senen": "off"}}, "W hours: unknown weekday 'senen' (did you mean \"senin\"?)"),
    ({"ramadan_hours": {"xyz": "off"}}, "W ramadan_hours: unknown weekday 'xyz'"),
    # A day as text: one span (the message names the part that is wrong).
    ({"hours": {"monday": "0730-1600"}}, "W hours.monday: '0730' is not a time of day such as \"07:30\""),
    ({"hours": {"monday": "07:30"}}, "W hours.monday: '07:30' must look like \"12:00-13:00\""),
    ({"hours": {"monday": "07:30-12:00-16:00"}}, "W hours.monday: '07:30-12:00-16:00' must look like \"12:00-13:00\""),
    ({"hours": {"monday": "16:00-07:30"}}, "W hours.monday: '16:00-07:30' ends before it starts"),
    ({"hours": {"monday": "07:30-07:30"}}, "W hours.monday: '07:30-07:30' ends before it starts"),
    ({"hours": {"monday": 5}}, f"W hours.monday: 5 must be {DAY_FORMS}"),
    ({"hours": {"monday": True}}, f"W hours.monday: True must be {DAY_FORMS}"),
    # A day as a table.
    ({"hours": {"monday": {"start": "07:30", "brakes": []}}},
     "W hours.monday: unknown key 'brakes' (did you mean \"breaks\"?)"),
    ({"hours": {"saturday": {"end": "12:00"}}}, 'W hours.saturday: needs start, e.g. start = "07:30"'),
    ({"hours": {"sunday": {"start": "08:00"}}}, 'W hours.sunday: needs end, e.g. end = "07:30"'),
    ({"hours": {"monday": {"start": "24:00"}}}, "W hours.monday.start: '24:00' is not a time of day such as \"07:30\""),
    ({"hours": {"monday": {"end": "16:60"}}}, "W hours.monday.end: '16:60' is not a time of day such as \"07:30\""),
    ({"hours": {"monday": {"start": 730}}}, "W hours.monday.start: 730 is not a time of day such as \"07:30\""),
    ({"hours": {"monday": {"start": "16:00", "end": "16:00"}}}, "W hours.monday: end 16:00 is not after start 16:00"),
    ({"hours": {"monday": {"end": "07:00"}}}, "W hours.monday: end 07:00 is not after start 07:30"),
    ({"hours": {"monday": {"breaks": "12:00-13:00"}}},
     "W hours.monday.breaks: '12:00-13:00' must be a list such as [\"12:00-13:00\"]"),
    ({"hours": {"monday": {"breaks": ["12:00"]}}}, "W hours.monday.breaks: '12:00' must look like \"12:00-13:00\""),
    ({"hours": {"monday": {"breaks": ["07:00-08:00"]}}}, "W hours.monday.breaks: 07:00-08:00 is outside 07:30-16:00"),
    ({"hours": {"monday": {"breaks": ["15:30-16:30"]}}}, "W hours.monday.breaks: 15:30-16:30 is outside 07:30-16:00"),
    # Dates and periods.
    ({"days_off": "2026-12-31"}, "W days_off: '2026-12-31' must be a list of dates such as [2026-12-31]"),
    ({"days_off": ["31-12-2026"]}, "W days_off: '31-12-2026' is not a date such as 2026-12-31"),
    ({"worked_holidays": [20261231]}, "W worked_holidays: 20261231 is not a date such as 2026-12-31"),
    ({"days_off": [datetime(2026, 12, 31, 8, 0)]},
     "W days_off: datetime.datetime(2026, 12, 31, 8, 0) is not a date such as 2026-12-31"),
    ({"ramadan": "2026"}, "W ramadan: '2026' must be a list of [first, last] date pairs"),
    ({"ramadan": [[date(2026, 2, 19)]]}, "W ramadan: [datetime.date(2026, 2, 19)] must be a [first, last] pair of dates"),
    ({"ramadan": ["2026-02-19"]}, "W ramadan: '2026-02-19' must be a [first, last] pair of dates"),
    ({"ramadan": [["2026-03-20", "2026-02-19"]]}, "W ramadan: 2026-03-20 to 2026-02-19 ends before it starts"),
    ({"ramadan": [["2026-02-31", "2026-03-20"]]}, "W ramadan: '2026-02-31' is not a date such as 2026-12-31"),
]


@pytest.mark.parametrize("table, message", ERRORS, ids=[m[:60] for _, m in ERRORS])
def test_each_mistake_gives_its_whole_message(table, message):
    with pytest.raises(ConfigError) as info:
        calendar_settings_from_toml(table, "W")
    assert str(info.value) == message


def test_the_default_place_named_is_soptui_toml_calendar():
    with pytest.raises(ConfigError) as info:
        calendar_settings_from_toml([])
    assert str(info.value) == "soptui.toml [calendar]: must be a table"


def test_every_accepted_form_lands_in_the_settings():
    s = calendar_settings_from_toml({
        "timezone": "Asia/Makassar",
        "holiday_categories": ["public", "public"],              # a repeat is dropped
        "use_holidays": False,
        "days_off": [" 2026-12-31 ", date(2026, 12, 30)],        # text (spaces allowed) or a TOML date
        "worked_holidays": ["2026-12-24"],
        "ramadan": [["2026-02-19", "2026-02-19"]],               # a one-day period is fine
        "hours": {
            "Monday": " 7.30 - 15.30 ",                          # any case, dots, spaces
            "tuesday": {"start": "00:00", "end": "23:59"},       # the whole clock
            "wednesday": {"start": T(8), "end": T(12)},          # TOML local times
            "thursday": {"end": "17:00", "breaks": ["07:30-08:00", "16:00-17:00"]},  # breaks on the edges
            "friday": "libur", "saturday": False, "minggu": {"start": "08:00", "end": "12:00"},
        },
        "ramadan_hours": {"jumat": "08:00-15:00"},
    }, "W")
    assert s.timezone == "Asia/Makassar" and s.holiday_categories == ("public",) and s.use_holidays is False
    assert s.days_off == {date(2026, 12, 31), date(2026, 12, 30)} and s.worked_holidays == {date(2026, 12, 24)}
    assert s.ramadan == ((date(2026, 2, 19), date(2026, 2, 19)),)
    assert s.hours == (
        DayHours(T(7, 30), T(15, 30)),
        DayHours(T(0), T(23, 59)),
        DayHours(T(8), T(12)),
        DayHours(T(7, 30), T(17), ((T(7, 30), T(8)), (T(16), T(17)))),
        None, None,
        DayHours(T(8), T(12)))
    assert s.ramadan_hours[4] == DayHours(T(8), T(15)) and s.ramadan_hours[0] == CalendarSettings().ramadan_hours[0]


def test_off_days_in_every_spelling():
    s = calendar_settings_from_toml({"hours": {"monday": "off", "tuesday": "libur", "wednesday": False}})
    assert s.hours[:3] == (None, None, None) and s.hours[3] == CalendarSettings().hours[3]


def test_default_toml_of_changed_settings_round_trips_line_by_line():
    changed = CalendarSettings(
        timezone="Asia/Jayapura", holiday_categories=("public",), use_holidays=False,
        days_off=frozenset({date(2026, 12, 31), date(2026, 12, 30)}),
        worked_holidays=frozenset({date(2026, 12, 24)}),
        ramadan=((date(2026, 2, 19), date(2026, 3, 20)),),
        hours=(DayHours(T(7), T(15), ((T(12), T(12, 30)), (T(13), T(13, 15)))),) + CalendarSettings().hours[1:4]
        + (DayHours(T(8), T(11)), None, None))
    text = default_calendar_toml(changed)
    lines = text.splitlines()
    assert lines[:5] == [
        "[calendar]",
        'timezone = "Asia/Jayapura"   # WIB; "Asia/Makassar" = WITA, "Asia/Jayapura" = WIT',
        'holiday_categories = ["public"]   # national holidays; "government" holds cuti bersama',
        "use_holidays = false",
        "days_off = [2026-12-30, 2026-12-31]          # extra days off, e.g. [2026-12-31]",
    ]
    assert lines[5] == "worked_holidays = [2026-12-24]   # holidays (or weekend days) that were worked"
    assert "ramadan = [[2026-02-19, 2026-03-20]]" in lines
    assert "# Ramadan: [first day, last day] of each year; Ramadan hours apply on these days." in lines
    assert 'monday = { start = "07:00", end = "15:00", breaks = ["12:00-12:30", "13:00-13:15"] }' in lines
    assert 'friday = { start = "08:00", end = "11:00", breaks = [] }' in lines
    assert lines.count('saturday = "off"') == 2 and text.endswith('sunday = "off"\n')
    assert lines.index("[calendar.ramadan_hours]") > lines.index("[calendar.hours]   # per weekday: "
                                                                  '{ start, end, breaks }, "07:30-16:00" or "off"')
    assert calendar_settings_from_toml(tomllib.loads(text)["calendar"]) == changed
    assert default_calendar_toml() == default_calendar_toml(CalendarSettings())
    assert "use_holidays = true" in default_calendar_toml()
