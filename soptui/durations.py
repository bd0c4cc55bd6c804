"""Waktu text -> Standard. "2 hari kerja", "1 Hari.", "0,5 hari", "1-2 hari", "1 jam 30 menit".

There is no library for Indonesian duration text, so this is a small regex tokenizer. Grammar:

    waktu  := noise* part+ | noise* bound RANGE part+        (noise: ±, maks., kurang lebih, ...)
    part   := number unit                                    ("30menit", "1½ jam", "sehari")
    bound  := number | part+                                 ("1-2 hari" borrows the unit of "2 hari")
    number := 12 | 0,5 | 1.5 | ½ | 1½ | 1/2 | 1 3/4 | setengah | satu setengah | sehari
            | satu..sembilan | sepuluh | sebelas | dua belas | tiga puluh lima | one..ten | a | an | half

Units: detik/dtk/second/sec/s, menit/mnt/minute/min, jam/hour/hrs (working seconds); hari/hari
kerja/day/working day (working days); hari kalender/calendar day (calendar=True, 24 h a day);
minggu/pekan/week (5 working days); bulan/month (calendar months).
Parts are summed; a range's upper bound is the standard and its lower bound is kept in `low`.
Decisions: a blank is None (no standard); zero is refused (a standard must be positive; a range's
lower bound may be 0); "hr", "h" and "m" are refused as ambiguous (hr is "hari" in Indonesian but
"hour" in English); "1.000" is refused (Indonesian thousands or a decimal?) while a comma is always
a decimal; "3 (tiga) hari" must agree with itself; "1 x 24 jam" is refused (clock or working
hours?). Anything unreadable raises DurationError quoting the text; the caller adds the file, step
and field. Bounds (soptui.limits): at most MAX_WAKTU_CHARS characters, no number of more than
MAX_WAKTU_DIGITS digits, and no standard longer than MAX_WAKTU_YEARS years.
"""

from __future__ import annotations

import math
import re
from functools import cache

from .errors import DurationError
from .i18n import t
from .limits import MAX_WAKTU_CHARS, MAX_WAKTU_DIGITS, MAX_WAKTU_YEARS
from .messages import limits as _limits_messages  # noqa: F401  (registers the bounds' strings)
from .messages import sopfile as _messages  # noqa: F401  (registers the Waktu strings)
from .model import Standard

# (words, field, factor, calendar days?). Longest words are tried first, so "hari kerja" beats "hari".
_UNIT_TABLE: list[tuple[tuple[str, ...], str, int, bool]] = [
    (("hari kalender", "calendar days", "calendar day"), "days", 1, True),
    (("hari kerja", "working days", "working day", "business days", "business day", "workdays",
      "workday", "hari", "days", "day"), "days", 1, False),
    (("detik", "dtk", "seconds", "second", "secs", "sec", "s"), "seconds", 1, False),
    (("menit", "mnt", "minutes", "minute", "mins", "min"), "seconds", 60, False),
    (("jam", "hours", "hour", "hrs"), "seconds", 3600, False),
    (("minggu", "pekan", "weeks", "week"), "days", 5, False),
    (("bulan", "months", "month"), "months", 1, False),
]
_UNIT_OF: dict[str, tuple[str, int, bool]] = {w: (field, factor, calendar)
                                              for words, field, factor, calendar in _UNIT_TABLE for w in words}
# Units that could mean two things -> the message key naming both readings.
_AMBIGUOUS = {"hr": "waktu.choice.hours_days", "h": "waktu.choice.hours_days",
              "m": "waktu.choice.minutes_months"}
_DIGIT_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                "delapan": 8, "sembilan": 9}
_WORDS = {**_DIGIT_WORDS, "sepuluh": 10, "sebelas": 11, "one": 1, "two": 2, "three": 3, "four": 4,
          "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "an": 1, "a": 1}
_MAX = {"seconds": MAX_WAKTU_YEARS * 366 * 86400, "days": MAX_WAKTU_YEARS * 366, "months": MAX_WAKTU_YEARS * 12}
# A run of digits longer than the bound; a whole number with that many significant digits is
# beyond MAX_WAKTU_YEARS in any unit (10**12 seconds are 31,000 years).
_MANY_DIGITS = re.compile(rf"[0-9]{{{MAX_WAKTU_DIGITS + 1}}}")
_HUGE_NUMBER = re.compile(rf"(?<![0-9.,])0*[1-9][0-9]{{{MAX_WAKTU_DIGITS}}}")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = _alt(_DIGIT_WORDS)
_WORDNUM = rf"(?:(?:{_D})\s+puluh(?:\s+(?:{_D}))?|(?:{_D})\s+belas|{_alt(_WORDS)})"
_HALF = r"(?:½|setengah|half(?:\s+an?)?)"
_NUMBER = (rf"(?:(?:\d+\s+)?[1-9]/[1-9](?!\d)|(?:\d+(?:[.,]\d+)?|(?<![a-z]){_WORDNUM})(?:\s*{_HALF})?"
           rf"|(?<![a-z]){_HALF}|(?<![a-z])se(?=[a-z]))")
_RANGE = (r"\s*(?:-|–|—|−|~|(?<![a-z])(?:s\s*/\s*d|s\.\s*d\.?|sd|sampai(?:\s+dengan)?|hingga"
          r"|to|until)(?![a-z]))\s*")
_NOISE_WORDS = ("±", "+/-", "+-", "~", "kurang lebih", "kurang-lebih", "lebih kurang", "kira-kira",
                "kira kira", "sekitar", "maksimal", "maksimum", "maks.", "maks", "max.", "max", "maximum",
                "paling lama", "paling lambat", "selambat-lambatnya", "dalam waktu", "dalam", "selama",
                "approximately", "approx.", "approx", "about", "around", "up to", "within")
# The grammar's expressions, compiled on first use (about 2 ms): most Waktu cells are "10 menit" or
# "2 hari", which _simple reads without them.
_SOURCES = {
    "number": (_NUMBER, re.ASCII),
    "part": (rf"({_NUMBER})\s*({_alt([*_UNIT_OF, *_AMBIGUOUS])})(?![a-z])", re.ASCII),
    "range": (_RANGE, 0),
    "noise": (rf"(?:{_alt(_NOISE_WORDS)})(?![a-z])\s*", 0),
    "spelled": (r"(\d+(?:[.,]\d+)?)\s*\(([^()]*)\)", re.ASCII),  # "3 (tiga) hari"
}


@cache
def _rx(name: str) -> re.Pattern:
    return re.compile(*_SOURCES[name])
_JOINERS = {"", "dan", "and", "&", "+", "plus"}


def _number(text: str, original: str) -> float:
    text = " ".join(text.split())
    if m := re.fullmatch(r"(?:(\d+) )?([1-9])/([1-9])", text):  # "1/2", "1 1/2"; not "11/2"
        return float(m[1] or 0) + int(m[2]) / int(m[3])
    value = 0.0
    if m := re.search(rf"\s*{_HALF}$", text):
        value, text = 0.5, text[:m.start()]
    if not text:
        return value
    if text == "se":
        return 1.0
    if text[0].isdigit():
        if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", text):
            decimal = text.replace(".", ",").rstrip("0").rstrip(",")
            raise DurationError(t("waktu.ambiguous_number", original=original, text=text,
                                  plain=text.replace(".", ""), decimal=decimal))
        return value + float(text.replace(",", "."))
    words = text.split()
    if len(words) == 1:
        return value + _WORDS[words[0]]
    if words[1] == "belas":
        return value + 10 + _DIGIT_WORDS[words[0]]
    return value + 10 * _DIGIT_WORDS[words[0]] + (_DIGIT_WORDS[words[2]] if len(words) == 3 else 0)


def _clean(text: str, original: str) -> str:
    text = " ".join(text.lower().split()).rstrip(" .,;:!?")
    while m := _rx("noise").match(text):
        text = text[m.end():]

    def spelled(m: re.Match) -> str:
        words = m[2].strip()
        if not _rx("number").fullmatch(words):
            return m[0]  # left in place: reported as unexpected text below
        if not math.isclose(_number(words, original), _number(m[1], original)):
            raise DurationError(t("waktu.spelled_mismatch", original=original, digits=m[1], words=words))
        return m[1]
    return _rx("spelled").sub(spelled, text)


def _parse_sum(text: str, original: str, kinds: set, allow_zero: bool = False) -> Standard:
    """'1 jam 30 menit' -> the sum of its parts; the whole text must be parts and joiners."""
    amounts = {"seconds": 0.0, "days": 0.0, "months": 0.0}
    pos, found = 0, False
    for m in _rx("part").finditer(text, pos):
        between = text[pos:m.start()]  # only spaces before the first part; joiners between parts
        if (between.strip(" ,") not in _JOINERS) if found else between.strip():
            raise DurationError(t("waktu.unexpected", original=original, text=between.strip()))
        if m[2] in _AMBIGUOUS:
            raise DurationError(t("waktu.ambiguous_unit", original=original, unit=m[2],
                                  choices=t(_AMBIGUOUS[m[2]])))
        field, factor, is_calendar = _UNIT_OF[m[2]]
        amounts[field] += _number(m[1], original) * factor
        if field == "days":
            kinds.add(is_calendar)
        pos, found = m.end(), True
    if not found or text[pos:].strip(" ,"):
        rest = text[pos:].strip(" ,")
        hint = t("waktu.unexpected_hint", rest=rest) if found else ""
        raise DurationError(t("waktu.unreadable", original=original, hint=hint))
    amounts = {f: round(v, 6) for f, v in amounts.items()}  # 1,1 jam is 3960 s, not 3960.0000000000005
    if len(kinds) > 1:
        raise DurationError(t("waktu.mixed", original=original))
    if not allow_zero and not any(amounts.values()):
        raise DurationError(t("waktu.zero", original=original))
    if any(amounts[f] > _MAX[f] for f in amounts):
        raise DurationError(t("waktu.too_long", original=original, years=MAX_WAKTU_YEARS))
    return Standard(text=text, calendar=True in kinds, seconds=amounts["seconds"], days=amounts["days"],
                    months=amounts["months"])


def parse_waktu(text: str | None) -> Standard | None:
    """The Standard a Waktu cell describes; None for a blank. Raises only DurationError."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise DurationError(t("waktu.not_text", value=text))
    original = text.strip()
    if not original:
        return None
    _check_bounds(original)
    return _simple(original) or _parse(original)


def _check_bounds(original: str) -> None:
    """Refuse absurd text before the grammar reads it: its regular expressions take time that grows
    with the square of a long run of digits, and int() refuses more than 4300 of them."""
    quoted = original if len(original) <= 60 else original[:59] + "…"
    if _MANY_DIGITS.search(original):
        if _HUGE_NUMBER.search(original):
            raise DurationError(t("waktu.too_long", original=quoted, years=MAX_WAKTU_YEARS))
        raise DurationError(t("waktu.too_many_digits", original=quoted, max=MAX_WAKTU_DIGITS))
    if len(original) > MAX_WAKTU_CHARS:
        raise DurationError(t("waktu.too_long_text", start=original[:40], n=len(original),
                              max=MAX_WAKTU_CHARS))


def _simple(original: str) -> Standard | None:
    """'10 menit', '2 hari kerja': a whole number and a unit, the form nearly every SOP uses, read
    without the grammar below (the same Standard it gives); None for anything else."""
    number, _, unit = " ".join(original.lower().split()).partition(" ")
    spec = _UNIT_OF.get(unit)
    if spec is None or not (number.isascii() and number.isdigit()):
        return None
    field, factor, is_calendar = spec
    value = int(number) * factor
    if not 0 < value <= _MAX[field]:
        return None  # zero or too long: the grammar words the error
    parts = {"seconds": 0.0, "days": 0.0, "months": 0.0, field: float(value)}
    return Standard(text=original, calendar=is_calendar, seconds=parts["seconds"], days=parts["days"],
                    months=parts["months"])


def _parse(original: str) -> Standard:
    cleaned = _clean(original, original)
    if not cleaned:
        raise DurationError(t("waktu.no_amount", original=original))
    if re.search(r"\d\s*x\s*24\s*jam", cleaned):
        raise DurationError(t("waktu.x24", original=original))
    kinds: set[bool] = set()
    pieces = _rx("range").split(cleaned, maxsplit=1)
    if len(pieces) == 2 and pieces[0] and pieces[1]:
        low_text, high_text = pieces
        high = _parse_sum(high_text, original, kinds)
        if not _rx("part").search(low_text) and (first := _rx("part").search(high_text)):
            low_text = f"{low_text} {first[2]}"  # "1-2 hari": the lower bound borrows the unit
        low = _parse_sum(low_text, original, kinds, allow_zero=True)
        low = low._replace(calendar=True in kinds)
        std = high._replace(text=original, calendar=True in kinds, low=low)
        if low.nominal_seconds() > std.nominal_seconds():
            raise DurationError(t("waktu.range_inverted", original=original))
        return std
    return _parse_sum(cleaned, original, kinds)._replace(text=original)


# -- display ----------------------------------------------------------------------------------

# (singular, plural). The Indonesian long form parses back with parse_waktu.
_LABELS = {
    "id": {"month": ("bulan",) * 2, "day": ("hari kerja",) * 2, "cday": ("hari kalender",) * 2,
           "hour": ("jam",) * 2, "minute": ("menit",) * 2, "second": ("detik",) * 2},
    "en": {"month": ("month", "months"), "day": ("working day", "working days"),
           "cday": ("calendar day", "calendar days"), "hour": ("h",) * 2, "minute": ("min",) * 2,
           "second": ("s",) * 2},
}
# Compact labels for narrow table columns (not meant to be parsed back).
_SHORT = {
    "id": {"month": "bln", "day": "hr", "cday": "hr kal", "hour": "j", "minute": "mnt", "second": "dtk"},
    "en": {"month": "mo", "day": "d", "cday": "cal d", "hour": "h", "minute": "min", "second": "s"},
}


def _num(value: float, lang: str) -> str:
    value = round(float(value), 3)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.3f}".rstrip("0")
    return text if lang == "en" else text.replace(".", ",")


def format_standard(std: Standard | None, lang: str | None = "id", short: bool = False) -> str:
    """A normalised form of the standard (a range shows its upper bound): '1 jam 30 menit',
    '2 hari kerja', '3 hari kalender' (parsable back by parse_waktu); en '1 h 30 min', '2 working
    days'. With short=True a compact one for table columns: '1 j 30 mnt', '2 hr'. '—' for None."""
    lang = lang if lang in _LABELS else "id"
    if std is None or not all(math.isfinite(v) for v in (std.seconds, std.days, std.months)):
        return "—"
    total = round(std.seconds, 3)
    hours = int(total // 3600)
    minutes = int(total % 3600 // 60)
    values = [("month", std.months), ("cday" if std.calendar else "day", std.days), ("hour", hours),
              ("minute", minutes), ("second", total - hours * 3600 - minutes * 60)]
    parts = []
    for key, value in values:
        if round(value, 3):
            label = _SHORT[lang][key] if short else _LABELS[lang][key][value != 1]
            parts.append(f"{_num(value, lang)} {label}")
    return " ".join(parts) or "—"


def format_seconds(seconds: float | None, lang: str | None = "id", minutes: bool = False) -> str:
    """Working time for tables: '45 dtk', '25 mnt', '3 j 05 m' (en: '45 s', '25 min', '3 h 05 m').
    With minutes=True (the summary, whose times are written to the minute) less than a minute
    reads '0 mnt' or '< 1 mnt', never seconds."""
    if seconds is None or not math.isfinite(seconds):
        return "—"
    sign = "-" if seconds < 0 else ""
    seconds = abs(round(seconds))
    en = lang == "en"
    if seconds < 60 and minutes:
        return f"{'< 1' if seconds else '0'} {'min' if en else 'mnt'}"  # no sign on less than a minute
    if seconds < 60:
        return f"{sign}{seconds} {'s' if en else 'dtk'}"
    if seconds < 3600:
        return f"{sign}{seconds // 60} {'min' if en else 'mnt'}"
    hours, rest = divmod(seconds, 3600)
    return f"{sign}{hours} {'h' if en else 'j'} {rest // 60:02d} m"


def format_minutes(seconds: float | None, lang: str | None = "id") -> str:
    """format_seconds to the minute, as the summary shows every time: '0 min', '< 1 min', '25 min'."""
    return format_seconds(seconds, lang, minutes=True)


def rate_text(rate: float | None) -> str:
    """A share as people read it: "83 %", or "—" when nothing was measured."""
    return f"{rate * 100:.0f} %" if rate is not None else "—"


def waktu_text(waktu: str | None, lang: str | None = "id", short: bool = False, words: bool = False) -> str:
    """An SOP's Waktu as the checklist says it: the standard in the interface's words ('10 min';
    short=True the compact table form), then with words=True the SOP's own text when it differs
    ('10 min  (10 menit)'). Text that is no duration stays as written; '' for a blank."""
    try:
        std = parse_waktu(waktu)
    except DurationError:
        return waktu or ""
    if std is None:
        return ""
    shown = format_standard(std, lang, short=short)
    return f"{shown}  ({waktu.strip()})" if words and waktu and shown != waktu.strip() else shown
