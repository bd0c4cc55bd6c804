"""Typed times -> aware datetimes, through dateutil. Never a guess.

Accepted: ISO 8601 (its offset kept), "14:00" / "14.00" (today), "2026-11-20 14:00",
"20/11/2026 14.00", "20/11 14.00" (day first, as dates are written in Indonesia: 03/04/2026 is
3 April), "sekarang"/"now", "kemarin 14:00"/"yesterday 14:00". A bare number, a date without a
time, leftover words or an impossible date or time is refused with a message naming the input.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

from .errors import TimeInputError

_NOW = {"now", "sekarang", "skrg"}
_RELATIVE = {"kemarin": -1, "yesterday": -1, "hari ini": 0, "today": 0}
_TIME = re.compile(r"(?<![\d:.])(\d{1,2})[.:](\d{2})(?::(\d{2}))?(?![\d.])")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/-](\d{1,2})(\s|$)")


def _zone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, str):
        return ZoneInfo(tz)
    return tz


def parse_time(text: str, *, now: datetime, tz: str | tzinfo) -> datetime:
    zone = _zone(tz)
    raw = (text or "").strip()
    if not raw:
        raise TimeInputError("the time is empty; type e.g. 14:00 or 2026-11-20 14:00")
    lowered = " ".join(raw.lower().split())
    local_now = now.astimezone(zone)
    if lowered in _NOW:
        return local_now
    day_shift = None
    for word, shift in _RELATIVE.items():
        if lowered.startswith(word + " "):
            day_shift, lowered = shift, lowered[len(word) + 1:]
            break
    if not _TIME.search(lowered) and not _ISO.match(lowered):
        raise TimeInputError(f"{raw!r}: give a time of day too, e.g. 14:00 or 20/11/2026 14.00")
    # "14.00" is a time, not a decimal: normalise the time part to 14:00 for dateutil.
    normalised = _TIME.sub(lambda m: f"{m.group(1)}:{m.group(2)}" + (f":{m.group(3)}" if m.group(3) else ""),
                           lowered, count=1)
    # "20/11 14:00" has no year: dateutil fills it from `default`, which is what we want.
    default = local_now.replace(second=0, microsecond=0, tzinfo=None)
    if day_shift:
        default = default + timedelta(days=day_shift)
    try:
        value = dateparser.parse(normalised, dayfirst=True, default=default, fuzzy=False)
    except (ValueError, OverflowError) as exc:
        raise TimeInputError(f"{raw!r}: not a valid date and time ({exc})") from None
    if day_shift is not None and (value.date() != default.date()):
        raise TimeInputError(f"{raw!r}: give only a time after '{raw.split()[0]}'")
    _check_fields_kept(raw, normalised, value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


def _check_fields_kept(raw: str, normalised: str, value: datetime) -> None:
    """dateutil silently rolls some impossible inputs; make sure what was typed is what we got."""
    m = _TIME.search(normalised)
    if m and (int(m.group(1)), int(m.group(2))) != (value.hour, value.minute):
        raise TimeInputError(f"{raw!r}: impossible time of day")
    d = _DAY_MONTH.match(normalised)
    if d and (int(d.group(1)), int(d.group(2))) != (value.day, value.month):
        raise TimeInputError(f"{raw!r}: impossible date")


def format_time(dt: datetime | None, tz: str | tzinfo | None = None) -> str:
    if dt is None:
        return "—"
    if tz is not None:
        dt = dt.astimezone(_zone(tz))
    return dt.strftime("%Y-%m-%d %H:%M")
