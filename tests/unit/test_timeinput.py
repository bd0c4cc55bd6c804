"""Typed times: what people type is read in the office time zone, day first; nothing is guessed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui.errors import TimeInputError
from soptui.i18n import using_lang
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
    # an hour with am/pm is unambiguous without its minutes
    ("3pm", at(2026, 11, 23, 15, 0)),
    ("3 pm", at(2026, 11, 23, 15, 0)),
    ("3 P.M.", at(2026, 11, 23, 15, 0)),
    ("11am", at(2026, 11, 23, 11, 0)),
    ("12am", at(2026, 11, 23, 0, 0)),
    ("12 AM", at(2026, 11, 23, 0, 0)),
    ("12pm", at(2026, 11, 23, 12, 0)),
    ("pukul 9 am", at(2026, 11, 23, 9, 0)),
    ("kemarin 3pm", at(2026, 11, 22, 15, 0)),
    ("20/11/2026 11am", at(2026, 11, 20, 11, 0)),
    ("Nov 20, 2026 2pm", at(2026, 11, 20, 14, 0)),
    ("3pm WITA", at(2026, 11, 23, 15, 0, tz=timezone(timedelta(hours=8)))),
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
    ("5", "give the minutes too, 5:00 or 17:00"),
    ("14", "give the minutes too, 14:00"),
    ("1400", "write 14:00 or 14.00"),
    ("2026", "only a number"),
    ("1.5", "only a number"),
    ("15pm", "impossible"),
    ("3pm foo", "not a date and time"),
    ("20/11/2026", "time of day"),
    ("2026-11-20", "time of day"),
    ("November", "time of day"),
    ("Nov 20", "time of day"),
    ("kemarin", "time of day too, e.g. kemarin 14.00"),
    ("besok", "not a date and time"),  # no day this app reads: not "add the time"
    ("bad time", "not a date and time"),
    ("kemarin lusa", "time of day too, e.g. kemarin lusa 14.00"),
    ("31/02", "has 28 days, not 31"),  # the date cannot be, whatever time follows
    ("31/02/2026", "month 2/2026 has 28 days, not 31"),
    ("tanggal 32 jan", "has 31 days, not 32"),
    ("2026-13-01", "there is no month 13"),
    ("31/02/2026 10:00", "impossible"),
    ("2026-02-31 10:00", "impossible"),
    ("29/02 10:00", "impossible"),  # 2026 is not a leap year
    ("2026-13-01 10:00", "there is no month 13"),  # dateutil would swap it to 13 January; no day-first hint
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


@pytest.mark.parametrize("text, lang, fragment", [
    # four digits that read as a clock time: the separator is missing
    ("1400", "id", "'1400': pisahkan jam dan menitnya, tulis 14:00 atau 14.00"),
    ("1400", "en", "'1400': separate the hours from the minutes, write 14:00 or 14.00"),
    ("0930", "id", "tulis 09:30 atau 09.30"),
    ("0930", "en", "write 09:30 or 09.30"),
    ("930", "en", "write 9:30 or 9.30"),
    ("2359", "id", "tulis 23:59 atau 23.59"),
    ("2040", "en", "write 20:40 or 20.40"),  # too far from 2026 to be meant as a year
    ("02/12/2026 1400", "id", "'02/12/2026 1400': pisahkan jam dan menitnya, tulis 14:00 atau 14.00"),
    ("02/12/2026 1400", "en", "'02/12/2026 1400': separate the hours from the minutes, write 14:00 or 14.00"),
    ("20/11 1400", "en", "'20/11 1400': separate the hours from the minutes, write 14:00 or 14.00"),
    # A date without its year, then a year: a date without a time, not 20:19.
    ("20 nov 2019", "en", "'20 nov 2019': give a time of day too"),
    ("nov 20 2019", "en", "'nov 20 2019': give a time of day too"),
    ("tanggal 5 jan 2015", "id", "'tanggal 5 jan 2015': sertakan jam juga"),
    ("kemarin 0730", "id", "tulis 07:30 atau 07.30"),
    ("20 Nov 2026 pukul 1400", "en", "write 14:00 or 14.00"),
    ("1400 WIB", "id", "tulis 14:00 atau 14.00"),
    # an hour alone: the minutes are missing; 1 to 11 could be morning or evening, both are named
    ("14", "id", "'14': tulis juga menitnya, 14:00"),
    ("14", "en", "'14': give the minutes too, 14:00"),
    ("9", "id", "'9': tulis juga menitnya, 9:00 atau 21:00"),
    ("9", "en", "'9': give the minutes too, 9:00 or 21:00"),
    ("09", "en", "09:00 or 21:00"),
    ("12", "id", "tulis juga menitnya, 12:00"),
    ("0", "en", "give the minutes too, 0:00"),
    ("jam 8", "id", "'jam 8': tulis juga menitnya, 8:00 atau 20:00"),
    ("20/11/2026 14", "en", "'20/11/2026 14': give the minutes too, 14:00"),
    # numbers that are no clock time stay a plain refusal
    ("2026", "id", "'2026' hanya angka, bukan tanggal dan jam; ketik 14:00"),
    ("2026", "en", "'2026' is only a number, not a date and time; type 14:00"),
    ("2030", "en", "only a number"),  # a year near this one, not 20:30
    ("1.5", "id", "'1.5' hanya angka"),
    ("1.5", "en", "'1.5' is only a number"),
    ("24", "en", "'24' is only a number"),
    ("2400", "id", "'2400' hanya angka"),
    ("1260", "en", "'1260' is only a number"),
    ("12345", "id", "'12345' hanya angka"),
    ("20/11 2026", "id", "'20/11 2026': sertakan jam juga"),  # a date with its year, no time
    ("20/11 2026", "en", "'20/11 2026': give a time of day too"),
    ("kemarin 2026", "en", "give a time of day too"),
])
def test_near_misses_say_how_to_write_the_time(text, lang, fragment):
    with using_lang(lang), pytest.raises(TimeInputError) as info:
        parse_time(text, now=NOW, tz=WIB)
    assert fragment in str(info.value)


@pytest.mark.parametrize("text, count", [
    ("1400", 2), ("0930", 2), ("930", 2), ("kemarin 2359", 2), ("02/12/2026 1400", 2), ("14", 1),
    ("9", 2), ("0", 1)])
def test_every_suggested_form_is_read(text, count):
    """What a near-miss refusal tells the clerk to type is itself accepted, as the time meant."""
    with pytest.raises(TimeInputError) as info:
        parse_time(text, now=NOW, tz=WIB)
    suggested = re.findall(r"\d{1,2}[:.]\d{2}", str(info.value).removeprefix(repr(text)))
    assert len(suggested) == count
    for form in suggested:
        got = parse_time(form, now=NOW, tz=WIB)
        assert (got.hour, got.minute) == tuple(int(p) for p in re.split("[:.]", form))


def test_the_year_window_moves_with_the_clock():
    """Four digits near the current year read as a year; the same digits years away as a clock time."""
    later = NOW.replace(year=2040)
    with pytest.raises(TimeInputError, match="only a number"):
        parse_time("2040", now=later, tz=WIB)
    with pytest.raises(TimeInputError, match="write 20:26 or 20.26"):
        parse_time("2026", now=later, tz=WIB)


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
