"""Typed times: what people type is read in the office time zone, day first; nothing is guessed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui.errors import TimeInputError
from soptui.timeinput import format_time, parse_time

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 23, 10, 0, 42, 123456, tzinfo=WIB)  # a Monday


def at(*args, tz=WIB):
    return datetime(*args, tzinfo=tz)


@pytest.mark.parametrize("text, expected", [
    # a time of day: today in the office zone, seconds zero unless typed
    ("14:00", at(2026, 11, 23, 14, 0)),
    ("14.00", at(2026, 11, 23, 14, 0)),
    ("9.30", at(2026, 11, 23, 9, 30)),
    ("09:05", at(2026, 11, 23, 9, 5)),
    ("0:00", at(2026, 11, 23, 0, 0)),
    ("23.59", at(2026, 11, 23, 23, 59)),
    ("14:00:30", at(2026, 11, 23, 14, 0, 30)),
    ("12.30.15", at(2026, 11, 23, 12, 30, 15)),
    ("  14:00  ", at(2026, 11, 23, 14, 0)),
    ("14:00.", at(2026, 11, 23, 14, 0)),
    ("pukul 14.00", at(2026, 11, 23, 14, 0)),
    ("jam 8.15", at(2026, 11, 23, 8, 15)),
    ("at 14:00", at(2026, 11, 23, 14, 0)),
    ("2:30 pm", at(2026, 11, 23, 14, 30)),
    ("10:00 am", at(2026, 11, 23, 10, 0)),
    ("12:00 am", at(2026, 11, 23, 0, 0)),
    ("12:00 PM", at(2026, 11, 23, 12, 0)),
    # a date then a time, day first
    ("2026-11-20 14:00", at(2026, 11, 20, 14, 0)),
    ("2026-11-20 14.00", at(2026, 11, 20, 14, 0)),
    ("2026-11-20T14:00", at(2026, 11, 20, 14, 0)),
    ("2026/11/20 14:00", at(2026, 11, 20, 14, 0)),
    ("2026-04-03 08:00", at(2026, 4, 3, 8, 0)),  # year first is always Y-M-D
    ("20/11/2026 14.00", at(2026, 11, 20, 14, 0)),
    ("20/11/2026, 14:00", at(2026, 11, 20, 14, 0)),
    ("20/11/2026 pukul 14.00", at(2026, 11, 20, 14, 0)),
    ("tgl 20/11/2026 jam 14.00", at(2026, 11, 20, 14, 0)),
    ("20-11-2026 14:00", at(2026, 11, 20, 14, 0)),
    ("20.11.2026 14:00", at(2026, 11, 20, 14, 0)),
    ("20.11.2026 14.00", at(2026, 11, 20, 14, 0)),
    ("20/11/26 14:00", at(2026, 11, 20, 14, 0)),
    ("3/4/2026 8.00", at(2026, 4, 3, 8, 0)),
    ("03/04/2026 08:00", at(2026, 4, 3, 8, 0)),  # day first: 3 April
    ("03/04/26 08:00", at(2026, 4, 3, 8, 0)),
    ("04/03/2026 08:00", at(2026, 3, 4, 8, 0)),
    ("20/11 14.00", at(2026, 11, 20, 14, 0)),  # this year
    ("20-11 14:00", at(2026, 11, 20, 14, 0)),
    ("1/1 9:00", at(2026, 1, 1, 9, 0)),
    ("29/02/2028 10:00", at(2028, 2, 29, 10, 0)),
    ("20 Nov 14:00", at(2026, 11, 20, 14, 0)),
    ("20 November 2026 14:00", at(2026, 11, 20, 14, 0)),
    ("20 Nopember 2026 pukul 14.00", at(2026, 11, 20, 14, 0)),
    ("17 Agustus 2026 10:00", at(2026, 8, 17, 10, 0)),
    ("1 Mei 2026 07.30", at(2026, 5, 1, 7, 30)),
    ("5 Okt 2026 07.30", at(2026, 10, 5, 7, 30)),
    ("24 Des 2026 07.30", at(2026, 12, 24, 7, 30)),
    ("Nov 20, 2026 2:30 pm", at(2026, 11, 20, 14, 30)),
    # relative words and now
    ("kemarin 14:00", at(2026, 11, 22, 14, 0)),
    ("Kemarin 14.00", at(2026, 11, 22, 14, 0)),
    ("kemarin lusa 10:00", at(2026, 11, 21, 10, 0)),
    ("yesterday 09:15", at(2026, 11, 22, 9, 15)),
    ("hari ini 09.00", at(2026, 11, 23, 9, 0)),
    ("today 9:00", at(2026, 11, 23, 9, 0)),
    ("sekarang", NOW),
    ("Sekarang", NOW),
    ("now", NOW),
    (" NOW ", NOW),
    # zones typed after the time
    ("14:00 WITA", at(2026, 11, 23, 14, 0, tz=timezone(timedelta(hours=8)))),
    ("14:00 wit", at(2026, 11, 23, 14, 0, tz=timezone(timedelta(hours=9)))),
    ("14:00 WIB", at(2026, 11, 23, 14, 0)),
    ("14:00 UTC", at(2026, 11, 23, 14, 0, tz=timezone.utc)),
    ("14:00 +08:00", at(2026, 11, 23, 14, 0, tz=timezone(timedelta(hours=8)))),
    ("14:00+0800", at(2026, 11, 23, 14, 0, tz=timezone(timedelta(hours=8)))),
])
def test_typed_times(text, expected):
    got = parse_time(text, now=NOW, tz="Asia/Jakarta")
    assert got == expected and got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text, iso", [
    ("2026-11-20T14:00:00+07:00", "2026-11-20T14:00:00+07:00"),
    ("2026-11-20T14:00:00+08:00", "2026-11-20T14:00:00+08:00"),
    ("2026-11-20T07:00:00Z", "2026-11-20T07:00:00+00:00"),
    ("2026-11-20T14:00:00.123+07:00", "2026-11-20T14:00:00.123000+07:00"),
    ("2026-11-20 14:00:00+07", "2026-11-20T14:00:00+07:00"),
    ("2026-11-20T14:00+0900", "2026-11-20T14:00:00+09:00"),
    ("2026-11-20T14:00:00-03:00", "2026-11-20T14:00:00-03:00"),
    ("20/11/2026 14:00 +14:00", "2026-11-20T14:00:00+14:00"),
])
def test_iso_keeps_its_offset(text, iso):
    got = parse_time(text, now=NOW, tz=WIB)
    assert got.isoformat() == iso


@pytest.mark.parametrize("tz", ["Asia/Makassar", WITA])
def test_wita_office_reads_in_its_own_zone(tz):
    got = parse_time("14:00", now=NOW, tz=tz)
    assert got == datetime(2026, 11, 23, 14, 0, tzinfo=WITA)
    assert got.utcoffset() == timedelta(hours=8)
    assert format_time(got, WIB) == "2026-11-23 13:00"
    assert format_time(got, "Asia/Makassar") == "2026-11-23 14:00"


def test_today_is_the_office_day_not_the_callers():
    # 23:30 WIB on the 22nd is already the 23rd in WITA (00:30): "08:00" is the WITA office's 23rd.
    late = datetime(2026, 11, 22, 23, 30, tzinfo=WIB)
    assert parse_time("08:00", now=late, tz=WITA) == datetime(2026, 11, 23, 8, 0, tzinfo=WITA)
    assert parse_time("08:00", now=late, tz=WIB) == datetime(2026, 11, 22, 8, 0, tzinfo=WIB)
    assert parse_time("sekarang", now=late, tz=WITA).isoformat() == "2026-11-23T00:30:00+08:00"


def test_a_fixed_offset_tz_works_too():
    got = parse_time("20/11/2026 14:00", now=NOW, tz=timezone(timedelta(hours=9)))
    assert got.isoformat() == "2026-11-20T14:00:00+09:00"


@pytest.mark.parametrize("text, fragment", [
    ("", "empty"),
    ("   ", "empty"),
    ("5", "time of day"),
    ("14", "time of day"),
    ("1400", "time of day"),
    ("2026", "time of day"),
    ("2pm", "time of day"),
    ("1.5", "time of day"),
    ("20/11/2026", "time of day"),
    ("2026-11-20", "time of day"),
    ("November", "time of day"),
    ("Nov 20", "time of day"),
    ("kemarin", "time of day"),
    ("besok", "time of day"),
    ("kemarin lusa", "time of day"),
    ("31/02/2026 10:00", "impossible"),
    ("2026-02-31 10:00", "impossible"),
    ("29/02 10:00", "impossible"),  # 2026 is not a leap year
    ("2026-13-01 10:00", "impossible"),  # dateutil would swap it to 13 January
    ("13/13/2026 10:00", "impossible"),
    ("32/1 10:00", "impossible"),
    ("11-20 14:00", "impossible"),  # month first is not read
    ("25:00", "impossible"),
    ("24:00", "impossible"),
    ("10:60", "impossible"),
    ("14:00:61", "impossible"),
    ("13:00 pm", "impossible"),
    ("0:30 am", "impossible"),
    ("20/11/1899 10:00", "year"),
    ("9999-12-31 23:59", "year"),
    ("14:00 foo", "not a date and time"),
    ("foo 14:00", "not a date and time"),
    ("14:00 14:00", "not a date and time"),
    ("2026-11-20 14:00 15:00", "not a date and time"),
    ("14:00 20/11", "not a date and time"),
    ("Mon 14:00", "not a date and time"),  # a weekday would be a guess
    ("Senin 14:00", "not a date and time"),
    ("besok 10:00", "not a date and time"),
    ("14:00 kemarin", "not a date and time"),
    ("- 14:00", "not a date and time"),
    ("1/1/1 1:00", "not a date and time"),
    ("14:00 WIBX", "not a date and time"),
    ("kemarin 20/11 14:00", "only a time"),
    ("14:00-15:00", "one time"),  # a range, not 14:00 at UTC-15
    ("14:00-03:00", "one time"),
    ("14:00+99:00", "offset"),
    ("14:00+07:99", "offset"),
    ("14:00 +15", "offset"),
    ("14:00.30", "not a date and time"),  # mixed separators
    ("14.00.00.5", "not a date and time"),
])
def test_refused(text, fragment):
    with pytest.raises(TimeInputError) as info:
        parse_time(text, now=NOW, tz=WIB)
    assert fragment in str(info.value)
    if text.strip():
        assert repr(text.strip()) in str(info.value)


def test_not_text_is_refused():
    with pytest.raises(TimeInputError):
        parse_time(None, now=NOW, tz=WIB)


def test_format_time():
    assert format_time(datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc), "Asia/Jakarta") == "2026-11-20 14:00"
    assert format_time(datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc), WITA) == "2026-11-20 15:00"
    assert format_time(datetime(2026, 11, 20, 14, 5, 59, tzinfo=WIB)) == "2026-11-20 14:05"
    assert format_time(None, WIB) == "—"


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d %H:%M", "%d/%m/%Y %H.%M", "%d-%m-%Y %H:%M:%S", "%d.%m.%Y %H.%M",
                        "%Y-%m-%dT%H:%M:%S", "%d %B %Y %H:%M", "%d %b %Y pukul %H.%M"]),
       st.sampled_from([WIB, WITA]))
def test_format_time_parses_back(when, fmt, tz):
    text = when.strftime(fmt)
    got = parse_time(text, now=NOW, tz=tz)
    expected = when.replace(microsecond=0, tzinfo=tz)
    if "%S" not in fmt:
        expected = expected.replace(second=0)
    assert got == expected and got.utcoffset() == expected.utcoffset()
    assert parse_time(format_time(got, tz), now=NOW, tz=tz) == expected.replace(second=0)


PIECES = st.sampled_from(["14:00", "14.00", "20/11", "2026", "-", "/", ".", ":", "kemarin", " ", "T", "99",
                          "+07:00", "31/02", "x", "pm", "nov", "mei", "Z", "wita", "pukul", "sekarang", "29",
                          "00", "24", "60", "1"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=25), st.lists(PIECES, max_size=6).map("".join),
                 st.lists(PIECES, max_size=6).map(" ".join)),
       st.sampled_from([WIB, "Asia/Makassar"]))
def test_any_text_raises_only_time_input_error(text, tz):
    try:
        value = parse_time(text, now=NOW, tz=tz)
    except TimeInputError as exc:
        assert str(exc)
        return
    assert value.tzinfo is not None and value.utcoffset() is not None
    assert 1900 <= value.year <= 2999
