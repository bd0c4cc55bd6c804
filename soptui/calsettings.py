"""The office's calendar settings: working hours per weekday, Ramadan hours and dates, holiday
categories, extra days off and worked holidays, read from soptui.toml [calendar] with errors that
name the key, and written back as a commented default. The arithmetic is in calendar.py.

Defaults (DESIGN §4, Perpres 21/2023 as offices apply it): Mon–Thu 07:30–16:00 with a 12:00–13:00
break; Fri 07:30–16:30 with 11:30–13:00; in Ramadan 08:00–15:00 (break 12:00–12:30), Fri
08:00–15:30 (break 11:30–12:30).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .configtable import checked_table
from .errors import ConfigError, did_you_mean
from .i18n import t
from .messages import config as _messages  # noqa: F401  (registers the [calendar] strings)


class DayHours(NamedTuple):
    start: time
    end: time
    breaks: tuple[tuple[time, time], ...] = ()

    def intervals(self) -> list[tuple[time, time]]:
        """Working intervals of the day: office hours minus breaks (overlapping breaks merge)."""
        out, cursor = [], self.start
        for b_start, b_end in sorted(self.breaks):
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if self.end > cursor:
            out.append((cursor, self.end))
        return out


def _hours(start: str, end: str, *breaks: tuple[str, str]) -> DayHours:
    clock = time.fromisoformat
    return DayHours(clock(start), clock(end), tuple((clock(a), clock(b)) for a, b in breaks))


MON_THU = _hours("07:30", "16:00", ("12:00", "13:00"))
FRIDAY = _hours("07:30", "16:30", ("11:30", "13:00"))
RAMADAN_MON_THU = _hours("08:00", "15:00", ("12:00", "12:30"))
RAMADAN_FRIDAY = _hours("08:00", "15:30", ("11:30", "12:30"))
# One entry per weekday, 0 = Monday (a tuple rather than a dict keeps the settings hashable).
# None = not a working day.
DEFAULT_HOURS = (MON_THU,) * 4 + (FRIDAY, None, None)
DEFAULT_RAMADAN_HOURS = (RAMADAN_MON_THU,) * 4 + (RAMADAN_FRIDAY, None, None)
# 1 Ramadan to the last day of Ramadan as the government sets them (sidang isbat), matching the
# Idul Fitri dates of the `holidays` package: 1446 H from 1 Mar 2025 (Idul Fitri 31 Mar); 1447 H
# from 19 Feb 2026 (isbat of 17 Feb 2026; Idul Fitri 21 Mar); 1448 H is an astronomical estimate
# (Idul Fitri ~10 Mar 2027). Muhammadiyah may start a day earlier; offices adjust in soptui.toml.
DEFAULT_RAMADAN = (
    (date(2025, 3, 1), date(2025, 3, 30)),
    (date(2026, 2, 19), date(2026, 3, 20)),
    (date(2027, 2, 8), date(2027, 3, 9)),
)
# holidays.ID.supported_categories (holidays 0.109); "government" holds cuti bersama. Kept here
# so reading soptui.toml does not import the slow package; a unit test keeps the two in step.
HOLIDAY_CATEGORIES = ("government", "public")

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = {name: i for i, name in enumerate(WEEKDAY_NAMES)} | {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
}


class CalendarSettings(NamedTuple):
    timezone: str = "Asia/Jakarta"
    hours: tuple[DayHours | None, ...] = DEFAULT_HOURS            # indexed by weekday, 0 = Monday
    ramadan_hours: tuple[DayHours | None, ...] = DEFAULT_RAMADAN_HOURS
    ramadan: tuple[tuple[date, date], ...] = DEFAULT_RAMADAN     # inclusive periods
    holiday_categories: tuple[str, ...] = ("public", "government")
    days_off: frozenset[date] = frozenset()  # extra days off
    worked_holidays: frozenset[date] = frozenset()  # worked despite a holiday
    use_holidays: bool = True


# -- soptui.toml [calendar] ------------------------------------------------------------------

CALENDAR_KEYS = ("timezone", "hours", "ramadan_hours", "ramadan", "holiday_categories",
                 "use_holidays", "days_off", "worked_holidays")
DAY_KEYS = ("start", "end", "breaks")


def calendar_settings_from_toml(table: dict, where: str = "soptui.toml [calendar]") -> CalendarSettings:
    """The [calendar] table of soptui.toml (already read by tomllib) -> settings; missing keys
    take the defaults, anything unknown or wrong is a ConfigError naming the key and value."""
    checked_table(table, where, CALENDAR_KEYS)
    base = CalendarSettings()
    tz = table.get("timezone", base.timezone)
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ConfigError(t("calendar.bad_timezone", where=where, value=tz)) from None
    categories = table.get("holiday_categories", list(base.holiday_categories))
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise ConfigError(t("calendar.categories_not_list", where=where, value=categories))
    for c in categories:
        if c not in HOLIDAY_CATEGORIES:
            raise ConfigError(t("calendar.unknown_category", where=where, value=c,
                                hint=did_you_mean(c, HOLIDAY_CATEGORIES)))
    use = table.get("use_holidays", True)
    if not isinstance(use, bool):
        raise ConfigError(t("calendar.use_holidays_not_bool", where=where, value=use))
    hours = _week(table.get("hours"), base.hours, f"{where} hours")
    if not any(hours):
        raise ConfigError(t("calendar.no_office_hours", where=f"{where} hours"))
    days_off = frozenset(_dates(table.get("days_off", []), f"{where} days_off"))
    worked = frozenset(_dates(table.get("worked_holidays", []), f"{where} worked_holidays"))
    if days_off & worked:
        raise ConfigError(t("calendar.off_and_worked", where=where, day=min(days_off & worked)))
    return CalendarSettings(
        timezone=tz, hours=hours,
        ramadan_hours=_week(table.get("ramadan_hours"), base.ramadan_hours, f"{where} ramadan_hours"),
        ramadan=_periods(table.get("ramadan"), base.ramadan, f"{where} ramadan"),
        holiday_categories=tuple(dict.fromkeys(categories)), use_holidays=use,
        days_off=days_off, worked_holidays=worked)


def _week(table, default, where: str) -> tuple[DayHours | None, ...]:
    if table is None:
        return default
    checked_table(table, where, not_table="calendar.week_not_table")
    week = list(default)
    for name, value in table.items():
        day = WEEKDAYS.get(name.lower())
        if day is None:
            raise ConfigError(t("calendar.unknown_weekday", where=where, name=name,
                                hint=did_you_mean(name.lower(), WEEKDAYS)))
        week[day] = _day_hours(value, default[day], f"{where}.{name}")
    return tuple(week)


_CLOCK = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")


def _clock(value, where: str) -> time:
    if isinstance(value, time):  # a TOML local time such as 07:30:00
        return value
    m = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise ConfigError(t("calendar.not_clock", where=where, value=value))
    return time(int(m[1]), int(m[2]))


def _span(value, where: str) -> tuple[time, time]:
    if not isinstance(value, str) or value.count("-") != 1:
        raise ConfigError(t("calendar.not_span", where=where, value=value))
    a, b = (_clock(x, where) for x in value.split("-"))
    if b <= a:
        raise ConfigError(t("calendar.span_inverted", where=where, value=value))
    return a, b


def _day_hours(value, default: DayHours | None, where: str) -> DayHours | None:
    """"off", "07:30-16:00" (no breaks) or { start, end, breaks }; start/end default to the
    weekday's default hours."""
    if value in ("off", "libur", False):
        return None
    if isinstance(value, str):
        start, end = _span(value, where)
        return DayHours(start, end)
    if not isinstance(value, dict):
        raise ConfigError(t("calendar.bad_day", where=where, value=value))
    checked_table(value, where, DAY_KEYS)
    if default is None:
        for key in ("start", "end"):
            if key not in value:
                raise ConfigError(t("calendar.day_needs", where=where, key=key))
        default = DayHours(_clock(value["start"], f"{where}.start"), _clock(value["end"], f"{where}.end"))
    start = _clock(value["start"], f"{where}.start") if "start" in value else default.start
    end = _clock(value["end"], f"{where}.end") if "end" in value else default.end
    if end <= start:
        raise ConfigError(t("calendar.end_not_after_start", where=where, end=end, start=start))
    breaks = value.get("breaks", [])
    if not isinstance(breaks, list):
        raise ConfigError(t("calendar.breaks_not_list", where=f"{where}.breaks", value=breaks))
    spans = tuple(_span(b, f"{where}.breaks") for b in breaks)
    for a, b in spans:
        if a < start or b > end:
            raise ConfigError(t("calendar.break_outside", where=f"{where}.breaks", a=a, b=b,
                                start=start, end=end))
    return DayHours(start, end, spans)


def _dates(value, where: str) -> list[date]:
    if not isinstance(value, list):
        raise ConfigError(t("calendar.dates_not_list", where=where, value=value))
    out = []
    for v in value:
        if isinstance(v, str):
            try:
                v = date.fromisoformat(v.strip())
            except ValueError:
                raise ConfigError(t("calendar.not_date", where=where, value=v)) from None
        if not isinstance(v, date) or isinstance(v, datetime):
            raise ConfigError(t("calendar.not_date", where=where, value=v))
        out.append(v)
    return out


def _periods(value, default, where: str) -> tuple[tuple[date, date], ...]:
    if value is None:
        return default
    if not isinstance(value, list):
        raise ConfigError(t("calendar.periods_not_list", where=where, value=value))
    out = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ConfigError(t("calendar.not_period", where=where, value=pair))
        a, b = _dates(pair, where)
        if b < a:
            raise ConfigError(t("calendar.period_inverted", where=where, first=a, last=b))
        out.append((a, b))
    return tuple(out)


def default_calendar_toml(settings: CalendarSettings | None = None) -> str:
    """The [calendar] table as TOML text (the defaults unless given), for soptui.toml and docs."""
    s = settings or CalendarSettings()

    def day(h: DayHours | None) -> str:
        if h is None:
            return '"off"'
        breaks = ", ".join(f'"{a:%H:%M}-{b:%H:%M}"' for a, b in h.breaks)
        return f'{{ start = "{h.start:%H:%M}", end = "{h.end:%H:%M}", breaks = [{breaks}] }}'

    def dates(ds) -> str:
        return "[" + ", ".join(d.isoformat() for d in sorted(ds)) + "]"

    lines = [
        "[calendar]",
        f'timezone = "{s.timezone}"   # WIB; "Asia/Makassar" = WITA, "Asia/Jayapura" = WIT',
        "holiday_categories = [" + ", ".join(f'"{c}"' for c in s.holiday_categories)
        + "]   # national holidays; \"government\" holds cuti bersama",
        f"use_holidays = {'true' if s.use_holidays else 'false'}",
        f"days_off = {dates(s.days_off)}          # extra days off, e.g. [2026-12-31]",
        f"worked_holidays = {dates(s.worked_holidays)}   # holidays (or weekend days) that were worked",
        "# Ramadan: [first day, last day] of each year; Ramadan hours apply on these days.",
        "ramadan = [" + ", ".join(f"[{a}, {b}]" for a, b in s.ramadan) + "]",
        "",
        '[calendar.hours]   # per weekday: { start, end, breaks }, "07:30-16:00" or "off"',
    ]
    lines += [f"{name} = {day(h)}" for name, h in zip(WEEKDAY_NAMES, s.hours)]
    lines += ["", "[calendar.ramadan_hours]"]
    lines += [f"{name} = {day(h)}" for name, h in zip(WEEKDAY_NAMES, s.ramadan_hours)]
    return "\n".join(lines) + "\n"
