"""Waktu parsing: every form offices write, errors, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui.durations import format_seconds, format_standard, parse_waktu
from soptui.errors import DurationError

H = 3600


@pytest.mark.parametrize("text, seconds, days, months, calendar", [
    ("30 detik", 30, 0, 0, False),
    ("5 Menit", 300, 0, 0, False),
    ("120 menit", 7200, 0, 0, False),
    ("1 jam", H, 0, 0, False),
    ("1 hari", 0, 1, 0, False),
    ("1 Hari.", 0, 1, 0, False),
    ("3 hari kerja", 0, 3, 0, False),
    ("2 hari kalender", 0, 2, 0, True),
    ("1 minggu", 0, 5, 0, False),
    ("2 Bulan", 0, 0, 2, False),
    ("0,5 hari", 0, 0.5, 0, False),
    ("1.5 jam", 1.5 * H, 0, 0, False),
    ("½ hari", 0, 0.5, 0, False),
    ("1½ jam", 1.5 * H, 0, 0, False),
    ("setengah hari", 0, 0.5, 0, False),
    ("satu jam", H, 0, 0, False),
    ("1 jam 30 menit", 1.5 * H, 0, 0, False),
    ("2 jam dan 30 menit", 2.5 * H, 0, 0, False),
    ("1 hari 2 jam", 2 * H, 1, 0, False),
    ("30menit", 1800, 0, 0, False),
    ("  10 MENIT ,", 600, 0, 0, False),
    ("± 2 jam", 2 * H, 0, 0, False),
    ("2 hours", 2 * H, 0, 0, False),
    ("3 working days", 0, 3, 0, False),
    ("1 week", 0, 5, 0, False),
    ("1 month", 0, 0, 1, False),
    ("45 minutes", 2700, 0, 0, False),
])
def test_forms(text, seconds, days, months, calendar):
    std = parse_waktu(text)
    assert (std.seconds, std.days, std.months, std.calendar) == (seconds, days, months, calendar)
    assert std.text == text.strip()
    assert std.low is None


@pytest.mark.parametrize("text, high, low", [
    ("1-2 hari", (0, 2), (0, 1)),
    ("1 – 2 hari", (0, 2), (0, 1)),
    ("1 s/d 2 hari", (0, 2), (0, 1)),
    ("1 sampai 3 hari", (0, 3), (0, 1)),
    ("30 menit - 1 jam", (H, 0), (1800, 0)),
    ("1 to 2 days", (0, 2), (0, 1)),
])
def test_ranges_keep_the_lower_bound(text, high, low):
    std = parse_waktu(text)
    assert (std.seconds, std.days) == high
    assert (std.low.seconds, std.low.days) == low


@pytest.mark.parametrize("text", ["", "   ", None])
def test_blank_means_no_standard(text):
    assert parse_waktu(text) is None


@pytest.mark.parametrize("text, fragment", [
    ("sebentar", "sebentar"),
    ("5", "unit"),
    ("hari", "unit"),
    ("0 menit", "more than zero"),
    ("2-1 hari", "lower bound"),
    ("1 hari 2 hari kalender", "mixes"),
    ("1 jam lebih", "lebih"),
])
def test_errors_quote_the_text(text, fragment):
    with pytest.raises(DurationError) as info:
        parse_waktu(text)
    assert fragment in str(info.value)


def test_format_standard_and_seconds():
    assert format_standard(parse_waktu("90 menit"), "id") == "1 jam 30 menit"
    assert format_standard(parse_waktu("2 hari"), "en") == "2 working day(s)"
    assert format_standard(parse_waktu("2 hari"), "id", short=True) == "2 hr"
    assert format_standard(None) == "—"
    assert format_seconds(45) == "45 dtk"
    assert format_seconds(1500, "en") == "25 min"
    assert format_seconds(3 * H + 300, "id") == "3 j 05 m"
    assert format_seconds(-600) == "-10 mnt"


TOKENS = st.sampled_from(["1", "2", "0,5", "½", "setengah", " ", "-", "s/d", "jam", "menit", "hari", "kerja",
                          "kalender", "minggu", "bulan", "detik", ".", ",", "dan", "±", "x", "1.5", "to"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), st.lists(TOKENS, max_size=8).map(" ".join)))
def test_any_text_raises_only_duration_error(text):
    try:
        std = parse_waktu(text)
    except DurationError:
        return
    assert std is None or std.seconds + std.days + std.months > 0


@settings(max_examples=200, deadline=None)
@given(hours=st.integers(0, 30), minutes=st.integers(0, 59), days=st.integers(0, 40), months=st.integers(0, 3))
def test_format_parses_back(hours, minutes, days, months):
    text = " ".join(p for p in (f"{months} bulan" if months else "", f"{days} hari" if days else "",
                                f"{hours} jam" if hours else "", f"{minutes} menit" if minutes else "") if p)
    if not text:
        return
    std = parse_waktu(text)
    again = parse_waktu(format_standard(std, "id"))
    assert (again.seconds, again.days, again.months) == (std.seconds, std.days, std.months)
