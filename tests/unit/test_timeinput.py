"""Typed times: what people type is read in the office time zone; nothing is guessed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui.errors import TimeInputError
from soptui.timeinput import format_time, parse_time

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=WIB)


@pytest.mark.parametrize("text, expected", [
    ("14:00", datetime(2026, 11, 23, 14, 0, tzinfo=WIB)),
    ("14.00", datetime(2026, 11, 23, 14, 0, tzinfo=WIB)),
    ("2026-11-20 14:00", datetime(2026, 11, 20, 14, 0, tzinfo=WIB)),
    ("20/11/2026 14.00", datetime(2026, 11, 20, 14, 0, tzinfo=WIB)),
    ("20/11 14.00", datetime(2026, 11, 20, 14, 0, tzinfo=WIB)),
    ("20-11-2026 14:00", datetime(2026, 11, 20, 14, 0, tzinfo=WIB)),
    ("03/04/2026 08:00", datetime(2026, 4, 3, 8, 0, tzinfo=WIB)),  # day first
    ("kemarin 14:00", datetime(2026, 11, 22, 14, 0, tzinfo=WIB)),
    ("yesterday 09:15", datetime(2026, 11, 22, 9, 15, tzinfo=WIB)),
    ("sekarang", NOW),
])
def test_typed_times(text, expected):
    got = parse_time(text, now=NOW, tz="Asia/Jakarta")
    assert got == expected and got.utcoffset() == expected.utcoffset()


def test_iso_keeps_its_offset():
    got = parse_time("2026-11-20T14:00:00+08:00", now=NOW, tz=WIB)
    assert got.isoformat() == "2026-11-20T14:00:00+08:00"


def test_wita_office_reads_in_its_own_zone():
    got = parse_time("14:00", now=NOW, tz=WITA)
    assert got == datetime(2026, 11, 23, 14, 0, tzinfo=WITA)
    assert format_time(got, WIB) == "2026-11-23 13:00"


@pytest.mark.parametrize("text", ["", "5", "2026", "20/11/2026", "besok", "kemarin lusa", "31/02/2026 10:00",
                                  "25:00", "10:60", "14:00 foo", "Nov 20", "32/1 10:00"])
def test_refused(text):
    with pytest.raises(TimeInputError):
        parse_time(text, now=NOW, tz=WIB)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=25),
                 st.lists(st.sampled_from(["14:00", "20/11", "2026", "-", "/", ".", "kemarin", " ", "T",
                                           "99", "+07:00", "31/02", "x"]), max_size=5).map("".join)))
def test_any_text_raises_only_time_input_error(text):
    try:
        value = parse_time(text, now=NOW, tz=WIB)
    except TimeInputError:
        return
    assert value.tzinfo is not None
