"""Waktu text -> Standard. "2 hari kerja", "1 Hari.", "0,5 hari", "1-2 hari", "1 jam 30 menit".

There is no library for Indonesian duration text, so this is a small tokenizer. A blank text
means "no standard" (None). Anything unreadable raises DurationError quoting the text.
"""

from __future__ import annotations

import re

from .errors import DurationError
from .model import Standard

# Unit words -> (field, factor, calendar). Longest phrases first so "hari kerja" wins over "hari".
_UNITS = [
    (("hari kalender", "calendar days", "calendar day"), ("days", 1, True)),
    (("hari kerja", "working days", "working day", "business days", "business day", "workdays",
      "workday"), ("days", 1, False)),
    (("detik", "dtk", "seconds", "second", "secs", "sec"), ("seconds", 1, False)),
    (("menit", "mnt", "minutes", "minute", "mins", "min"), ("seconds", 60, False)),
    (("jam", "hours", "hour", "hrs", "hr"), ("seconds", 3600, False)),
    (("hari", "days", "day"), ("days", 1, False)),
    (("minggu", "pekan", "weeks", "week"), ("days", 5, False)),
    (("bulan", "months", "month"), ("months", 1, False)),
]
_UNIT_WORDS = sorted((w for words, _ in _UNITS for w in words), key=len, reverse=True)
_UNIT_OF = {w: spec for words, spec in _UNITS for w in words}
_WORD_NUMBERS = {"setengah": 0.5, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
                 "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10}
_NUMBER = r"(?:\d+(?:[.,]\d+)?\s*½?|½|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = "|".join(re.escape(w) for w in _UNIT_WORDS)
_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})\b")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|\bs/d\b|\bs\.d\.?|\bsampai\b|\bhingga\b|\bto\b)\s*")
_NOISE = re.compile(r"^(?:±|\+/-|maks\.?|maksimal|paling lama|max\.?)\s*")


def _number(text: str) -> float:
    text = text.strip()
    if text in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text])
    half = text.endswith("½")
    text = text.rstrip("½").strip()
    value = float(text.replace(",", ".")) if text else 0.0
    return value + (0.5 if half else 0.0)


def _clean(text: str) -> str:
    text = " ".join(text.lower().split())
    text = text.strip(" .,;:!?")
    text = _NOISE.sub("", text)
    return re.sub(r"\s+(?:dan|and|&)\s+", " ", text)


def _parse_sum(text: str, original: str) -> Standard:
    """'1 jam 30 menit' -> the sum of its parts; the whole text must be parts."""
    seconds = days = months = 0.0
    calendar: set[bool] = set()
    pos = 0
    found = False
    for m in _PART.finditer(text):
        if text[pos:m.start()].strip(" ,"):
            raise DurationError(f"cannot read waktu {original!r}: unexpected {text[pos:m.start()].strip()!r}")
        value = _number(m.group(1))
        field, factor, is_calendar = _UNIT_OF[m.group(2)]
        calendar.add(is_calendar) if field == "days" else None
        if field == "seconds":
            seconds += value * factor
        elif field == "days":
            days += value * factor
        else:
            months += value
        pos, found = m.end(), True
    if not found or text[pos:].strip(" ,"):
        raise DurationError(f"cannot read waktu {original!r}: write a number and a unit such as "
                            "\"30 menit\", \"2 hari kerja\" or \"1 minggu\"")
    if len(calendar) > 1:
        raise DurationError(f"waktu {original!r} mixes working days and calendar days")
    if seconds + days + months <= 0:
        raise DurationError(f"waktu {original!r} must be more than zero")
    return Standard(text=original, seconds=seconds, days=days, months=months,
                    calendar=calendar == {True})


def parse_waktu(text: str | None) -> Standard | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise DurationError(f"waktu must be text, got {text!r}")
    original = text.strip()
    cleaned = _clean(text)
    if not cleaned:
        return None
    pieces = _RANGE_SEP.split(cleaned, maxsplit=1)
    if len(pieces) == 2 and pieces[0] and pieces[1]:
        low_text, high_text = pieces
        high = _parse_sum(high_text, original)
        if not _PART.search(low_text):  # "1-2 hari": the lower bound borrows the upper's unit
            unit = _PART.search(high_text).group(2)
            low_text = f"{low_text} {unit}"
        low = _parse_sum(low_text, original)
        if _size(low) > _size(high):
            raise DurationError(f"waktu {original!r}: the range's lower bound is above its upper bound")
        return Standard(text=original, seconds=high.seconds, days=high.days, months=high.months,
                        calendar=high.calendar, low=low)
    return _parse_sum(cleaned, original)


def _size(s: Standard) -> float:
    return s.seconds + s.days * 7.5 * 3600 + s.months * 21 * 7.5 * 3600


# -- display ----------------------------------------------------------------------------------

_LABELS = {
    "id": {"month": "bulan", "day": "hari kerja", "cday": "hari kalender", "hour": "jam",
           "minute": "menit", "second": "detik", "none": "—"},
    "en": {"month": "month(s)", "day": "working day(s)", "cday": "calendar day(s)", "hour": "h",
           "minute": "min", "second": "s", "none": "—"},
}
# Compact labels for narrow table columns (not meant to be parsed back).
_SHORT = {
    "id": {"month": "bln", "day": "hr", "cday": "hr kal", "hour": "j", "minute": "mnt", "second": "dtk",
           "none": "—"},
    "en": {"month": "mo", "day": "d", "cday": "cal d", "hour": "h", "minute": "min", "second": "s",
           "none": "—"},
}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def format_standard(std: Standard | None, lang: str | None = "id", short: bool = False) -> str:
    """A normalised form: '1 jam 30 menit', '2 hari kerja' (parsable back by parse_waktu), or,
    with short=True, a compact one for table columns: '1 j 30 mnt', '2 hr'."""
    labels = (_SHORT if short else _LABELS).get(lang or "id", _LABELS["id"])
    if std is None or (std.seconds == 0 and std.days == 0 and std.months == 0):
        return labels["none"]
    parts = []
    if std.months:
        parts.append(f"{_num(std.months)} {labels['month']}")
    if std.days:
        parts.append(f"{_num(std.days)} {labels['cday' if std.calendar else 'day']}")
    seconds = round(std.seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    for value, key in ((hours, "hour"), (minutes, "minute"), (secs, "second")):
        if value:
            parts.append(f"{value} {labels[key]}")
    return " ".join(parts)


def format_seconds(seconds: float | None, lang: str | None = "id") -> str:
    """Working time for tables: '45 dtk', '25 mnt', '3 j 05 m' (en: '3 h 05 m')."""
    if seconds is None:
        return "—"
    sign = "-" if seconds < 0 else ""
    seconds = abs(round(seconds))
    en = lang == "en"
    if seconds < 60:
        return f"{sign}{seconds} {'s' if en else 'dtk'}"
    if seconds < 3600:
        return f"{sign}{seconds // 60} {'min' if en else 'mnt'}"
    hours, rest = divmod(seconds, 3600)
    return f"{sign}{hours} {'h' if en else 'j'} {rest // 60:02d} m"
