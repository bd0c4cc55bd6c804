"""Waktu parsing: every form offices write, errors, display, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui import durations
from soptui.durations import format_seconds, format_standard, parse_waktu
from soptui.errors import DurationError
from soptui.model import Standard

M, H = 60, 3600


@pytest.mark.parametrize("text, seconds, days, months, calendar", [
    # units, Indonesian and English, singular and plural, any case
    ("30 detik", 30, 0, 0, False),
    ("10 dtk", 10, 0, 0, False),
    ("45 seconds", 45, 0, 0, False),
    ("1 second", 1, 0, 0, False),
    ("20 sec", 20, 0, 0, False),
    ("30 s", 30, 0, 0, False),
    ("5 Menit", 5 * M, 0, 0, False),
    ("120 menit", 120 * M, 0, 0, False),
    ("15 mnt", 15 * M, 0, 0, False),
    ("45 minutes", 45 * M, 0, 0, False),
    ("1 minute", M, 0, 0, False),
    ("10 min", 10 * M, 0, 0, False),
    ("10 mins", 10 * M, 0, 0, False),
    ("1 jam", H, 0, 0, False),
    ("1 JAM", H, 0, 0, False),
    ("2 hours", 2 * H, 0, 0, False),
    ("1 hour", H, 0, 0, False),
    ("3 hrs", 3 * H, 0, 0, False),
    ("1 hari", 0, 1, 0, False),
    ("3 hari kerja", 0, 3, 0, False),
    ("1 HARI KERJA", 0, 1, 0, False),
    ("3 working days", 0, 3, 0, False),
    ("1 working day", 0, 1, 0, False),
    ("2 business days", 0, 2, 0, False),
    ("2 days", 0, 2, 0, False),
    ("1 day", 0, 1, 0, False),
    ("2 hari kalender", 0, 2, 0, True),
    ("14 Hari Kalender", 0, 14, 0, True),
    ("3 calendar days", 0, 3, 0, True),
    ("1 minggu", 0, 5, 0, False),
    ("2 Minggu", 0, 10, 0, False),
    ("1 pekan", 0, 5, 0, False),
    ("1 week", 0, 5, 0, False),
    ("2 weeks", 0, 10, 0, False),
    ("2 Bulan", 0, 0, 2, False),
    ("1 month", 0, 0, 1, False),
    ("3 months", 0, 0, 3, False),
    # number forms
    ("0,5 hari", 0, 0.5, 0, False),
    ("1.5 jam", 1.5 * H, 0, 0, False),
    ("1,1 jam", 3960, 0, 0, False),
    ("0.125 hari", 0, 0.125, 0, False),
    ("1,500 jam", 1.5 * H, 0, 0, False),  # a comma is always a decimal
    ("½ hari", 0, 0.5, 0, False),
    ("1½ jam", 1.5 * H, 0, 0, False),
    ("1 ½ jam", 1.5 * H, 0, 0, False),
    ("1/2 hari", 0, 0.5, 0, False),
    ("1 1/2 jam", 1.5 * H, 0, 0, False),
    ("setengah hari", 0, 0.5, 0, False),
    ("setengah jam", 30 * M, 0, 0, False),
    ("satu setengah jam", 1.5 * H, 0, 0, False),
    ("1 setengah jam", 1.5 * H, 0, 0, False),
    ("satu jam", H, 0, 0, False),
    ("dua hari", 0, 2, 0, False),
    ("tiga hari kerja", 0, 3, 0, False),
    ("sepuluh menit", 10 * M, 0, 0, False),
    ("sebelas hari", 0, 11, 0, False),
    ("dua belas jam", 12 * H, 0, 0, False),
    ("tiga puluh menit", 30 * M, 0, 0, False),
    ("empat puluh lima menit", 45 * M, 0, 0, False),
    ("sehari", 0, 1, 0, False),
    ("sejam", H, 0, 0, False),
    ("seminggu", 0, 5, 0, False),
    ("sebulan", 0, 0, 1, False),
    ("two days", 0, 2, 0, False),
    ("an hour", H, 0, 0, False),
    ("half an hour", 30 * M, 0, 0, False),
    ("half a day", 0, 0.5, 0, False),
    ("3 (tiga) hari kerja", 0, 3, 0, False),
    ("2 (dua) minggu", 0, 10, 0, False),
    # punctuation, noise and spacing
    ("1 Hari.", 0, 1, 0, False),
    ("5 Menit,", 5 * M, 0, 0, False),
    ("  10 MENIT ,", 10 * M, 0, 0, False),
    ("30menit", 30 * M, 0, 0, False),
    ("2jam", 2 * H, 0, 0, False),
    ("1\u00a0hari", 0, 1, 0, False),
    ("1   hari\tkerja", 0, 1, 0, False),
    ("± 2 jam", 2 * H, 0, 0, False),
    ("±2 jam", 2 * H, 0, 0, False),
    ("+/- 2 jam", 2 * H, 0, 0, False),
    ("~ 15 menit", 15 * M, 0, 0, False),
    ("maks. 2 hari", 0, 2, 0, False),
    ("Maks 2 hari", 0, 2, 0, False),
    ("Maksimal 3 hari kerja", 0, 3, 0, False),
    ("paling lama 1 jam", H, 0, 0, False),
    ("kurang lebih 2 jam", 2 * H, 0, 0, False),
    ("kurang-lebih 10 menit", 10 * M, 0, 0, False),
    ("sekitar 5 menit", 5 * M, 0, 0, False),
    ("selambat-lambatnya 14 hari kerja", 0, 14, 0, False),
    ("dalam waktu 3 hari", 0, 3, 0, False),
    ("max. 1 hour", H, 0, 0, False),
    ("within 2 days", 0, 2, 0, False),
    # combinations are summed
    ("1 jam 30 menit", 1.5 * H, 0, 0, False),
    ("2 jam dan 30 menit", 2.5 * H, 0, 0, False),
    ("1 jam, 30 menit", 1.5 * H, 0, 0, False),
    ("1 jam & 15 menit", 1.25 * H, 0, 0, False),
    ("1 jam dan 30 menit dan 10 detik", 5410, 0, 0, False),
    ("1 hour and 30 minutes", 1.5 * H, 0, 0, False),
    ("1jam30menit", 1.5 * H, 0, 0, False),
    ("1 hari 2 jam", 2 * H, 1, 0, False),
    ("1 minggu 2 hari", 0, 7, 0, False),
    ("1 bulan 2 minggu", 0, 10, 1, False),
    ("1 hari kalender 3 jam", 3 * H, 1, 0, True),
    ("2 bulan 3 hari 4 jam 5 menit 6 detik", 4 * H + 5 * M + 6, 3, 2, False),
    ("1 jam 0 menit", H, 0, 0, False),
])
def test_forms(text, seconds, days, months, calendar):
    std = parse_waktu(text)
    assert (std.seconds, std.days, std.months, std.calendar) == (seconds, days, months, calendar)
    assert std.text == text.strip()
    assert std.low is None


@pytest.mark.parametrize("text, high, low", [
    # (seconds, days, months) of the standard (the upper bound) and of `low`
    ("1-2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 - 2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 – 2 hari", (0, 2, 0), (0, 1, 0)),
    ("1—2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 s/d 2 hari", (0, 2, 0), (0, 1, 0)),
    ("1s/d2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 s.d. 2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 sd 2 hari", (0, 2, 0), (0, 1, 0)),
    ("1 sampai 3 hari", (0, 3, 0), (0, 1, 0)),
    ("1 sampai dengan 3 hari", (0, 3, 0), (0, 1, 0)),
    ("1 hingga 2 hari kerja", (0, 2, 0), (0, 1, 0)),
    ("1 to 2 days", (0, 2, 0), (0, 1, 0)),
    ("1~2 jam", (2 * H, 0, 0), (H, 0, 0)),
    ("0,5-1 hari", (0, 1, 0), (0, 0.5, 0)),
    ("½-1 hari", (0, 1, 0), (0, 0.5, 0)),
    ("dua-tiga hari", (0, 3, 0), (0, 2, 0)),
    ("30 menit - 1 jam", (H, 0, 0), (30 * M, 0, 0)),
    ("30 menit-1 jam", (H, 0, 0), (30 * M, 0, 0)),
    ("1 jam 30 menit - 2 jam", (2 * H, 0, 0), (1.5 * H, 0, 0)),
    ("3 hari - 1 minggu", (0, 5, 0), (0, 3, 0)),
    ("2 minggu - 1 bulan", (0, 0, 1), (0, 10, 0)),
    ("0-2 hari", (0, 2, 0), (0, 0, 0)),  # a lower bound may be zero; the standard may not
    ("2-2 hari", (0, 2, 0), (0, 2, 0)),
    ("maks. 1-2 hari.", (0, 2, 0), (0, 1, 0)),
])
def test_ranges_keep_the_lower_bound(text, high, low):
    std = parse_waktu(text)
    assert (std.seconds, std.days, std.months) == high
    assert (std.low.seconds, std.low.days, std.low.months) == low
    assert std.text == text
    assert std.low.low is None and std.low.calendar == std.calendar


def test_calendar_ranges_are_calendar_on_both_ends():
    std = parse_waktu("1-2 hari kalender")
    assert (std.days, std.calendar, std.low.days, std.low.calendar) == (2, True, 1, True)


@pytest.mark.parametrize("text", ["", "   ", "\t\n", None])
def test_blank_means_no_standard(text):
    assert parse_waktu(text) is None


@pytest.mark.parametrize("text, fragment", [
    ("sebentar", "sebentar"),
    ("5", "unit"),
    ("hari", "unit"),
    ("-", "'-'"),
    ("±", "no amount"),
    ("maks.", "no amount"),
    ("0 menit", "more than zero"),
    ("0 hari 0 jam", "more than zero"),
    ("2-1 hari", "lower bound"),
    ("1 jam - 30 menit", "lower bound"),
    ("1 hari 2 hari kalender", "mixes"),
    ("1 hari - 2 hari kalender", "mixes"),
    ("1 minggu 2 hari kalender", "mixes"),
    ("1 jam lebih", "lebih"),
    ("1 jam 30", "'30'"),
    ("-2 jam", "'-'"),
    ("1--2 hari", "'-'"),
    ("1 - 2", "unit"),
    ("2 jam -", "'-'"),
    (".5 jam", "'.'"),
    ("1 hari.5", "'.5'"),
    ("1,5,5 jam", "1,"),
    ("2 hr", "ambiguous"),  # hari in Indonesian, hour in English
    ("2 h", "ambiguous"),
    ("2 m", "ambiguous"),  # menit or bulan
    ("1.000 menit", "ambiguous"),  # Indonesian thousands, or a decimal point?
    ("12.500 detik", "ambiguous"),
    ("1 x 24 jam", "ambiguous"),
    ("2x24 jam", "ambiguous"),
    ("3 (empat) hari", "different numbers"),
    ("3 hari (kerja)", "(kerja)"),
    ("1/0 jam", "1/"),
    ("1 hari kerja kalender", "kalender"),
    ("99999 bulan", "10 years"),
    ("9" * 40 + " jam", "10 years"),  # longer texts are quoted shortened (test_sopfile_bounds)
    ("٣ jam", "unit"),  # only ASCII digits
    ("1 jam 30 menit lagi", "lagi"),
    ("dan 1 jam", "dan"),
    (", 1 jam", "','"),
    ("11/2 jam", "'1'"),  # "1 1/2" needs its space
])
def test_errors_quote_the_text(text, fragment):
    with pytest.raises(DurationError) as info:
        parse_waktu(text)
    assert fragment in str(info.value)
    assert repr(text.strip()) in str(info.value)


def test_not_text_is_a_duration_error():
    with pytest.raises(DurationError):
        parse_waktu(5)


@pytest.mark.parametrize("std, id_long, en_long, id_short", [
    (Standard("", seconds=90 * M), "1 jam 30 menit", "1 h 30 min", "1 j 30 mnt"),
    (Standard("", seconds=45), "45 detik", "45 s", "45 dtk"),
    (Standard("", seconds=1.5), "1,5 detik", "1.5 s", "1,5 dtk"),
    (Standard("", seconds=H + 5), "1 jam 5 detik", "1 h 5 s", "1 j 5 dtk"),
    (Standard("", seconds=3960.0000000000005), "1 jam 6 menit", "1 h 6 min", "1 j 6 mnt"),
    (Standard("", days=2), "2 hari kerja", "2 working days", "2 hr"),
    (Standard("", days=1), "1 hari kerja", "1 working day", "1 hr"),
    (Standard("", days=0.5), "0,5 hari kerja", "0.5 working days", "0,5 hr"),
    (Standard("", days=3, calendar=True), "3 hari kalender", "3 calendar days", "3 hr kal"),
    (Standard("", months=1), "1 bulan", "1 month", "1 bln"),
    (Standard("", months=2, days=3, seconds=2 * H), "2 bulan 3 hari kerja 2 jam", "2 months 3 working days 2 h",
     "2 bln 3 hr 2 j"),
    (Standard("", days=2, low=Standard("", days=1)), "2 hari kerja", "2 working days", "2 hr"),
    (Standard(""), "—", "—", "—"),
    (None, "—", "—", "—"),
    (Standard("", seconds=math.inf), "—", "—", "—"),
])
def test_format_standard(std, id_long, en_long, id_short):
    assert format_standard(std) == id_long
    assert format_standard(std, "id") == id_long
    assert format_standard(std, "en") == en_long
    assert format_standard(std, "id", short=True) == id_short
    assert format_standard(std, None) == id_long
    assert format_standard(std, "xx") == id_long


@pytest.mark.parametrize("seconds, lang, expected", [
    (0, "id", "0 dtk"),
    (45, "id", "45 dtk"),
    (45, "en", "45 s"),
    (59.4, "id", "59 dtk"),
    (59.6, "id", "1 mnt"),
    (1500, "en", "25 min"),
    (1500, "id", "25 mnt"),
    (3600, "id", "1 j 00 m"),
    (3 * H + 300, "id", "3 j 05 m"),
    (3 * H + 300, "en", "3 h 05 m"),
    (30 * H, "id", "30 j 00 m"),
    (-600, "id", "-10 mnt"),
    (-45, "en", "-45 s"),
    (-(2 * H + 60), "id", "-2 j 01 m"),
    (None, "id", "—"),
    (math.nan, "id", "—"),
])
def test_format_seconds(seconds, lang, expected):
    assert format_seconds(seconds, lang) == expected


# -- properties ---------------------------------------------------------------------------------

TOKENS = st.sampled_from([
    "1", "2", "12", "0", "0,5", "1.5", "1.000", "½", "1/2", "setengah", "satu", "dua", "puluh", "belas", "se",
    "half", "an", " ", "-", "–", "s/d", "sd", "sampai", "to", "jam", "menit", "mnt", "hari", "kerja", "kalender",
    "minggu", "bulan", "detik", "dtk", "hr", "h", "m", "s", "x", "24", "(", ")", "(tiga)", ".", ",", "dan", "±",
    "maks.", "kurang lebih", "9" * 30,
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(TOKENS, max_size=8).map(" ".join),
                 st.lists(TOKENS, max_size=8).map("".join)))
def test_any_text_raises_only_duration_error(text):
    try:
        std = parse_waktu(text)
    except DurationError:
        return
    if std is None:
        assert not text.strip()
        return
    assert std.seconds + std.days + std.months > 0
    assert min(std.seconds, std.days, std.months) >= 0
    assert std.text == text.strip()
    assert format_standard(std) != "—"
    assert format_standard(std, "en") and format_standard(std, "id", short=True)


AMOUNTS = st.integers(0, 40).map(float) | st.sampled_from([0.5, 0.25, 1.5, 2.75, 0.125])


@settings(max_examples=300, deadline=None)
@given(seconds=st.integers(0, 200 * H).map(float) | st.sampled_from([0.5, 1.5, 90.25]), days=AMOUNTS,
       months=st.integers(0, 12).map(float) | st.just(0.5), calendar=st.booleans())
def test_format_parses_back(seconds, days, months, calendar):
    std = Standard("", seconds=seconds, days=days, months=months, calendar=calendar)
    if not (seconds or days or months):
        assert format_standard(std) == "—"
        return
    again = parse_waktu(format_standard(std, "id"))
    assert (again.seconds, again.days, again.months) == (seconds, days, months)
    assert again.calendar == (calendar and days > 0)


WORDS = {"detik": 1, "menit": M, "jam": H}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["detik", "menit", "jam", "hari", "minggu", "bulan"])),
                min_size=1, max_size=4),
       st.sampled_from([" ", " dan ", ", "]))
def test_combinations_are_summed(parts, joiner):
    text = joiner.join(f"{n} {unit}" for n, unit in parts)
    std = parse_waktu(text)
    assert std.seconds == sum(n * WORDS[u] for n, u in parts if u in WORDS)
    assert std.days == sum(n * (5 if u == "minggu" else 1) for n, u in parts if u in ("hari", "minggu"))
    assert std.months == sum(n for n, u in parts if u == "bulan")
    assert parse_waktu(format_standard(std)).nominal_seconds() == pytest.approx(std.nominal_seconds())


@settings(max_examples=300, deadline=None)
@given(low=st.integers(0, 50), high=st.integers(1, 50), unit=st.sampled_from(["menit", "jam", "hari", "bulan"]),
       sep=st.sampled_from(["-", " - ", " – ", " s/d ", " sampai ", " to "]))
def test_ranges(low, high, unit, sep):
    text = f"{low}{sep}{high} {unit}"
    if low > high:
        with pytest.raises(DurationError, match="lower bound"):
            parse_waktu(text)
        return
    std = parse_waktu(text)
    assert std.nominal_seconds() == parse_waktu(f"{high} {unit}").nominal_seconds()
    assert std.low.nominal_seconds() == (parse_waktu(f"{low} {unit}").nominal_seconds() if low else 0)


@pytest.mark.parametrize("text, fragment", [
    ("sebentar", "tidak terbaca"),
    ("0 menit", "harus lebih dari nol"),
    ("2-1 hari", "batas bawah"),
    ("1 hari 2 hari kalender", "mencampur hari kerja dan hari kalender"),
    ("2 hr", "bermakna ganda, tulis jam atau hari"),
    ("1.000 menit", "pemisah ribuan"),
    ("1 x 24 jam", '"1 hari kalender"'),
    ("3 (empat) hari", "bilangan yang berbeda"),
    ("1 jam lebih", "'lebih' tidak dikenali"),
])
def test_errors_in_indonesian(text, fragment):
    from soptui.i18n import set_lang
    set_lang("id")  # the autouse fixture of conftest sets English back
    with pytest.raises(DurationError) as info:
        parse_waktu(text)
    assert fragment in str(info.value) and repr(text.strip()) in str(info.value)


@settings(max_examples=400, deadline=None)
@given(n=st.integers(0, 10**6), unit=st.sampled_from(sorted(durations._UNIT_OF) + ["m", "hr", "jam."]),
       spaces=st.sampled_from([" ", "  ", "\t"]), upper=st.booleans())
def test_the_quick_reading_agrees_with_the_grammar(n, unit, spaces, upper):
    text = f"{n}{spaces}{unit.upper() if upper else unit}"
    quick = durations._simple(text)
    try:
        full = durations._parse(text)
    except DurationError:
        assert quick is None  # errors are always worded by the grammar
        return
    assert quick is None or quick == full


def test_a_total_rolls_whole_working_days_of_hours_into_days():
    """7.5 working hours are a day (docs/timing.md): 1 hari + 9 jam 45 menit is 2 d 2 h 15 min."""
    from soptui.model import total_standard
    total = total_standard([parse_waktu("1 hari"), parse_waktu("9 jam"), None, parse_waktu("45 menit")])
    assert (total.days, total.seconds) == (2, 2 * 3600 + 15 * 60)
    assert format_standard(total, "en", short=True) == "2 d 2 h 15 min"
    assert format_standard(total, "id") == "2 hari kerja 2 jam 15 menit"
    assert total_standard([parse_waktu("7 jam 30 menit")]).days == 1  # exactly a day rolls
    assert (total_standard([parse_waktu("7 jam")]).days, total_standard([parse_waktu("7 jam")]).seconds) == (0, 7 * 3600)
    # an all-calendar total keeps 24-hour days
    calendar = total_standard([parse_waktu("20 jam").as_calendar(), parse_waktu("9 jam").as_calendar()])
    assert (calendar.days, calendar.seconds, calendar.calendar) == (1, 5 * 3600, True)


@pytest.mark.parametrize("seconds, lang, expected", [
    (0, "en", "0 min"), (20, "en", "< 1 min"), (59.6, "id", "1 mnt"), (20, "id", "< 1 mnt"),
    (1500, "en", "25 min"), (-30, "en", "< 1 min"), (-90, "en", "-1 min"),
])
def test_format_minutes_never_shows_seconds(seconds, lang, expected):
    assert durations.format_minutes(seconds, lang) == expected
