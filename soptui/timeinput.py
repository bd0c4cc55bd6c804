"""Typed times -> aware datetimes, through dateutil. Never a guess.

Accepted (any case, surrounding spaces ignored):
- "sekarang" / "now" -> now;
- a time of day, "14:00", "14.00", "9.30", "14:00:30", "2:30 pm" -> today in the office time zone;
  an hour with am/pm needs no minutes, "3pm", "3 p.m.", "11am" (unambiguous: "12am" is 00:00,
  "12pm" is 12:00), though records and screens always show 24-hour times;
- "kemarin 14.00" / "yesterday 14:00" (also "hari ini", "today") -> that day;
- a date then a time: "2026-11-20 14:00", ISO 8601 "2026-11-20T14:00:00+07:00" (its offset kept),
  "20/11/2026 14.00", "20-11-2026 14:00", "20.11.2026 14:00", "20/11/26 14:00", "20/11 14.00" (this
  year), "20 Nov 2026 14:00", "20 Nopember 2026 pukul 14.00";
- an optional zone after the time: "+08:00", "Z", "UTC", "WIB", "WITA", "WIT".
Dates are day first, as they are written in Indonesia: 03/04/2026 is 3 April, never 4 March; only a
four-digit year may come first (2026-04-03). Everything without a zone is read in the office zone.

Refused with a TimeInputError naming the input, rather than guessed: a blank, a bare number ("2026",
"1.5"), a date without a time, a month name alone, weekday names, any leftover word, and impossible
dates or times ("31/02/2026 10:00", "25:00", "2026-13-01 10:00", which dateutil would swap).
Near misses are told how to write them: a clock time without its separator ("1400", "0930", alone or
after a date) -> "14:00 or 14.00"; an hour alone ("14", "9") -> add the minutes, "14:00" (both
"9:00 or 21:00" for the hours 1 to 11, which a 12-hour clock reads twice). Four digits within five
years of the current one ("2026") are a year, not 20:26. A day word alone ("kemarin") is told to
add its time ("kemarin 14.00"); an impossible date is said to be one even before a time is typed
("31/02"); a word that is no date at all ("besok") is not asked for a time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

from .errors import TimeInputError
from .i18n import t
from .messages import rules as _messages  # noqa: F401

_NOW = {"now", "sekarang", "skrg"}
_RELATIVE = {"kemarin lusa": -2, "kemarin": -1, "yesterday": -1, "hari ini": 0, "today": 0}
_ZONES = {"z": "+00:00", "utc": "+00:00", "gmt": "+00:00", "wib": "+07:00", "wita": "+08:00",
          "wit": "+09:00"}
# Indonesian month names and abbreviations -> the English ones dateutil knows.
_MONTHS_ID = {"januari": "jan", "februari": "feb", "pebruari": "feb", "peb": "feb", "maret": "mar",
              "mei": "may", "juni": "jun", "juli": "jul", "agustus": "aug", "agu": "aug", "agt": "aug",
              "agus": "aug", "oktober": "oct", "okt": "oct", "nopember": "nov", "nop": "nov",
              "desember": "dec", "des": "dec"}
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DATE = (r"(?:(?P<y1>\d{4})[-/](?P<m1>\d{1,2})[-/](?P<d1>\d{1,2})"
         r"|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})(?:[-/.](?P<y2>\d{4}|\d{2}))?"
         rf"|(?P<d3>\d{{1,2}})\s*(?P<b3>{_MONTHS})\.?(?:\s*(?P<y3>\d{{4}}))?"
         rf"|(?P<b4>{_MONTHS})\.?\s*(?P<d4>\d{{1,2}})(?:,?\s*(?P<y4>\d{{4}}))?)")
# Minutes are left out only before am/pm ("3pm"): an hour alone is refused, with a hint.
_TIME = (r"(?P<hh>\d{1,2})(?:(?P<sep>[:.])(?P<mm>\d{2})(?:(?P=sep)(?P<ss>\d{2})(?:(?<=:\d\d)(?P<frac>[.,]\d{1,6}))?)?"
         r"|(?=\s*[ap]\.?m))(?:\s*(?P<ampm>[ap])\.?m\.?)?")
_ZONE = (rf"(?:\s*(?P<zone>{'|'.join(sorted(_ZONES, key=len, reverse=True))}"
         r"|(?P<zsign>[+-])(?P<zh>\d{2})(?::?(?P<zm>\d{2}))?))?")
_BEFORE = rf"(?:(?:tanggal|tgl\.?)\s*)?(?:{_DATE}(?:\s*[,t]\s*|\s+))?(?:(?:pukul|jam|at|@)\s*)?"
_SHAPE = re.compile(rf"{_BEFORE}{_TIME}{_ZONE}", re.ASCII)
# The near misses: digits where the time should be, "1400", "14", "02/12/2026 1400".
_DIGITS = re.compile(rf"{_BEFORE}(?P<digits>\d{{1,4}}){_ZONE}", re.ASCII)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?", re.ASCII)
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?!\d)|\d\s*[ap]\.?m\b", re.ASCII)
_DATE_ONLY = re.compile(rf"(?:(?:tanggal|tgl\.?)\s*)?{_DATE}", re.ASCII)  # a date without its time
_DATEISH = re.compile(rf"\d|\b(?:{_MONTHS})\b", re.ASCII)  # digits or a month: meant as a date
_EXAMPLES = "14:00, 20/11/2026 14.00, 2026-11-20T14:00+07:00"


def _zone(tz: str | tzinfo) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def parse_time(text: str, *, now: datetime, tz: str | tzinfo) -> datetime:
    """The moment a person typed, timezone-aware; naive input is read in `tz` (the office zone).

    Day first: "03/04/2026 08:00" is 3 April. Raises only TimeInputError."""
    zone = _zone(tz)
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise TimeInputError(t("time.empty", examples=_EXAMPLES))
    lowered = " ".join(raw.lower().split()).rstrip(" .,")
    local_now = now.astimezone(zone)
    if lowered in _NOW:
        return local_now
    shift = None
    for word, days in _RELATIVE.items():
        if lowered.startswith(word + " "):
            shift, lowered = days, lowered[len(word) + 1:]
            break
    lowered = re.sub(r"[a-z]+", lambda m: _MONTHS_ID.get(m[0], m[0]), lowered)
    m = _SHAPE.fullmatch(lowered)
    if m is None:
        raise TimeInputError(_refusal(raw, lowered, local_now.year))
    g = m.groupdict()
    day, month, year = (next((g[k + n] for n in "1234" if g.get(k + n)), None) for k in "dmy")
    month_name = g["b3"] or g["b4"]
    if shift is not None and (day or month_name):
        raise TimeInputError(t("time.only_time_after", raw=raw, word=raw.split()[0]))
    date_part = ""
    if day:  # rebuilt day first, whatever the order typed: "20/11/2026", "20 nov 2026", "20/11"
        sep = " " if month_name else "/"
        date_part = sep.join(p for p in (day, month_name or month, year) if p)
    time_part = f"{g['hh']}:{g['mm'] or '00'}:{g['ss'] or '00'}{(g['frac'] or '').replace(',', '.')}"
    if g["ampm"]:
        if not 1 <= int(g["hh"]) <= 12:
            raise TimeInputError(t("time.bad_ampm", raw=raw))
        time_part += f" {g['ampm']}m"
    if g["zsign"] == "-" and not day:  # "14:00-15:00" is a range, not a time at UTC-15
        raise TimeInputError(t("time.negative_offset", raw=raw))
    if g["zsign"] and (int(g["zh"]) > 14 or int(g["zm"] or 0) > 59):
        raise TimeInputError(t("time.bad_offset", raw=raw, zone=g["zone"]))
    zone_part = _ZONES.get(g["zone"] or "", g["zone"] or "")
    default = (local_now + timedelta(days=shift or 0)).replace(second=0, microsecond=0, tzinfo=None)
    why = _date_problem(g, default.year) if day else None
    if why:  # said before dateutil, which would swap "2026-13-01" into 13 January
        raise TimeInputError(t("time.impossible", raw=raw, detail=why))
    try:
        value = dateparser.parse(f"{date_part} {time_part} {zone_part}".strip(), dayfirst=True,
                                 default=default)
    except (ValueError, OverflowError):  # dateutil's reason is English: say ours
        raise TimeInputError(t("time.impossible", raw=raw,
                               detail=_why_impossible(g, default))) from None
    _check_kept(raw, g, day, month, year, value)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _refusal(raw: str, lowered: str, this_year: int) -> str:
    """What is wrong with a text that is not a date and time, as exactly as the digits tell."""
    near = _DIGITS.fullmatch(lowered)
    digits = near["digits"] if near else ""
    if near and len(digits) == 4 and 1900 <= int(digits) <= 2100 and any(near[f"d{n}"] for n in "1234") \
            and not any(near[f"y{n}"] for n in "1234"):
        digits = ""  # "20 nov 2019": the year of a date written without one, not 20:19
    if len(digits) >= 3 and abs(int(digits) - this_year) > 5:  # "2026" alone is a year, not 20:26
        hh, mm = digits[:-2], digits[-2:]
        if int(hh) <= 23 and int(mm) <= 59:
            return t("time.no_separator", raw=raw, colon=f"{hh}:{mm}", dot=f"{hh}.{mm}")
    if 1 <= len(digits) <= 2 and int(digits) <= 23:
        hour = int(digits)
        if 1 <= hour <= 11:  # a 12-hour clock reads it twice: both are named, neither is guessed
            return t("time.hour_only_either", raw=raw, morning=f"{digits}:00", evening=f"{hour + 12}:00")
        return t("time.hour_only", raw=raw, time=f"{digits}:00")
    if _NUMBER.fullmatch(raw.rstrip(" .,")):
        return t("time.bare_number", raw=raw, examples=_EXAMPLES)
    if " ".join(raw.lower().split()).rstrip(" .,") in _RELATIVE:  # "kemarin": the day, not its time
        return t("time.need_time_of", raw=raw, example=f"{raw.strip()} 14.00")
    if not _HAS_TIME.search(lowered) and _DATEISH.search(lowered):
        date = _DATE_ONLY.fullmatch(lowered)
        why = _date_problem(date.groupdict(), this_year) if date else None
        if why:  # "31/02": the date itself cannot be, whatever time follows
            return t("time.impossible", raw=raw, detail=why)
        return t("time.need_time", raw=raw, examples=_EXAMPLES)
    return t("time.unreadable", raw=raw, examples=_EXAMPLES)


_MONTH_NO = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def _date_problem(g: dict, this_year: int) -> str | None:
    """Why the date matched in `g` (the groups of _DATE) cannot be, or None when it can."""
    import calendar

    day, month, year = (next((g[k + n] for n in "1234" if g.get(k + n)), None) for k in "dmy")
    if not day:
        return None
    name = (g["b3"] or g["b4"] or "")[:3]
    month_no = _MONTH_NO.get(name) or int(month or 0)
    if not 1 <= month_no <= 12:
        return t("time.why.month", month=month_no)
    year_no = 2000 + int(year) if year and len(year) == 2 else int(year) if year else this_year
    days = calendar.monthrange(year_no, month_no)[1] if 1 <= year_no <= 9999 else 31
    if not 1 <= int(day) <= days:
        return t("time.why.day", day=int(day), days=days, month=month_no, year=year_no)
    return None


def date_problem(text: str, this_year: int) -> str | None:
    """Why a date written alone ("31/02/2026", "2026-13-01") cannot be; None when it can, or when
    the text is no date at all."""
    m = _DATE_ONLY.fullmatch(" ".join(text.lower().split()))
    return _date_problem(m.groupdict(), this_year) if m else None


def _why_impossible(g: dict, default: datetime) -> str:
    """Why a date or time dateutil refused cannot be, in the interface's language."""
    if int(g["hh"]) > 23 or int(g["mm"] or 0) > 59 or int(g["ss"] or 0) > 59:
        return t("time.why.clock", time=f"{g['hh']}:{g['mm'] or '00'}")
    return _date_problem(g, default.year) or t("time.why.other")


def _check_kept(raw: str, g: dict, day, month, year, value: datetime) -> None:
    """dateutil silently swaps or rolls some impossible inputs; what was typed must be what we got."""
    hour = int(g["hh"]) % 12 + (12 if g["ampm"] == "p" else 0) if g["ampm"] else int(g["hh"])
    if (hour, int(g["mm"] or 0), int(g["ss"] or 0)) != (value.hour, value.minute, value.second):
        raise TimeInputError(t("time.impossible_time", raw=raw))
    if day and (int(day) != value.day or (month and int(month) != value.month)):
        raise TimeInputError(t("time.impossible_date", raw=raw))
    if (year and len(year) == 4 and int(year) != value.year) or not 1900 <= value.year <= 2999:
        raise TimeInputError(t("time.bad_year", raw=raw))


def format_time(dt: datetime | None, tz: str | tzinfo | None = None, *, short: bool = False) -> str:
    """'2026-11-20 14:00' ('20/11/26 14:00' short, for lists) in the office time zone (or dt's
    own without tz); '—' for None."""
    if dt is None:
        return "—"
    if tz is not None:
        dt = dt.astimezone(_zone(tz))
    return dt.strftime("%d/%m/%y %H:%M" if short else "%Y-%m-%d %H:%M")
