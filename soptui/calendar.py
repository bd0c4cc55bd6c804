"""The office calendar: working time between two moments, and the due moment of a standard.

Defaults (DESIGN §4, Perpres 21/2023 as offices apply it): Mon–Thu 07:30–16:00 with a 12:00–13:00
break; Fri 07:30–16:30 with 11:30–13:00; in Ramadan 08:00–15:00 (break 12:00–12:30), Fri
08:00–15:30 (break 11:30–12:30). Weekends, national holidays and cuti bersama (the `holidays`
package, categories public + government) are not working days; offices add days off and
holidays that were worked. All of it is configurable in soptui.toml [calendar].

Due moments (`OfficeCalendar.due`):
- working seconds (detik/menit/jam): counted only inside office hours. Work that fits exactly
  ends at the close (16:00), not at the next morning's opening;
- working days (hari, hari kerja; minggu = 5): that many working days later at the same
  position, i.e. the same working seconds elapsed since the day's opening (clamped to a shorter
  day such as a Ramadan day). A ready moment inside the day's hours, the close included, keeps its
  day; one before the opening has position 0; one after the close, or on a day off, belongs to the
  next working day at position 0 (ready 17:00 Friday = ready 07:30 Monday). A fraction of a day is
  that fraction of the target day's working length, added as working seconds;
- months (bulan): whole calendar months (relativedelta) plus fraction x 30 calendar days, then
  moved forward to the next working moment (a moment at a close stays there);
- calendar standards (basis = "kalender"): plain 24-hour arithmetic.

Indonesian zones keep no daylight saving, so wall-clock arithmetic inside `tz` is exact.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError, did_you_mean
from .i18n import t
from .messages import config as _messages  # noqa: F401  (registers the [calendar] strings)
from .model import Standard


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
    if not isinstance(table, dict):
        raise ConfigError(t("config.not_table", where=where))
    for key in table:
        if key not in CALENDAR_KEYS:
            raise ConfigError(t("config.unknown_key", where=where, key=key,
                                hint=did_you_mean(key, CALENDAR_KEYS)))
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
    if not isinstance(table, dict):
        raise ConfigError(t("calendar.week_not_table", where=where))
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
    for key in value:
        if key not in DAY_KEYS:
            raise ConfigError(t("config.unknown_key", where=where, key=key, hint=did_you_mean(key, DAY_KEYS)))
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


# -- the calendar ----------------------------------------------------------------------------

MAX_DAYS = 3700  # about ten years without a working day means the settings are wrong


class OfficeCalendar:
    """Working days, hours and due moments of one office. Day lookups are memoized, so long
    spans cost one dictionary lookup per day."""

    def __init__(self, settings: CalendarSettings | None = None, holiday_source=None):
        self.settings = settings or CalendarSettings()
        self.tz = ZoneInfo(self.settings.timezone)
        # (year, categories) -> dates; the commands pass one that caches the package's answers.
        self._holiday_source = holiday_source or national_holidays
        self._intervals: dict[date, tuple[tuple[datetime, datetime], ...]] = {}
        self._day_seconds: dict[date, float] = {}

    # days

    def holidays_in(self, year: int) -> frozenset[date]:
        if not self.settings.use_holidays:
            return frozenset()
        return self._holiday_source(year, self.settings.holiday_categories)

    def in_ramadan(self, d: date) -> bool:
        return any(a <= d <= b for a, b in self.settings.ramadan)

    def hours_on(self, d: date) -> DayHours | None:
        """Office hours on d (Ramadan hours in Ramadan); None on a day off."""
        s = self.settings
        if d in s.days_off:
            return None
        worked = d in s.worked_holidays
        if d in self.holidays_in(d.year) and not worked:
            return None
        week = s.ramadan_hours if self.in_ramadan(d) else s.hours
        hours = week[d.weekday()]
        if hours is None and worked:
            # A weekend day that was worked (a make-up day): the week's first ordinary hours.
            hours = next((h for h in week if h), None)
        return hours

    def is_working_day(self, d: date) -> bool:
        return bool(self.intervals_on(d))

    def intervals_on(self, d: date) -> tuple[tuple[datetime, datetime], ...]:
        """Aware working intervals on d in `tz` (hours minus breaks); empty on a day off."""
        cached = self._intervals.get(d)
        if cached is None:
            hours = self.hours_on(d)
            cached = () if hours is None else tuple(
                (datetime.combine(d, a, self.tz), datetime.combine(d, b, self.tz))
                for a, b in hours.intervals())
            self._intervals[d] = cached
        return cached

    def working_day_seconds(self, d: date) -> float:
        cached = self._day_seconds.get(d)
        if cached is None:
            cached = self._day_seconds[d] = sum((b - a).total_seconds() for a, b in self.intervals_on(d))
        return cached

    def _next_working_day(self, d: date) -> date:
        for _ in range(MAX_DAYS):
            d += timedelta(days=1)
            if self.is_working_day(d):
                return d
        raise ConfigError(t("calendar.no_working_day"))

    # moments

    def _local(self, dt: datetime) -> datetime:
        if dt.tzinfo is None:
            raise ValueError("the calendar needs timezone-aware moments")
        return dt.astimezone(self.tz)

    def _overlap(self, d: date, a: datetime, b: datetime) -> float:
        total = 0.0
        for start, end in self.intervals_on(d):
            lo, hi = max(start, a), min(end, b)
            if hi > lo:
                total += (hi - lo).total_seconds()
        return total

    def working_seconds_between(self, a: datetime, b: datetime) -> float:
        """Working time inside office hours from a to b (0 when b <= a)."""
        a, b = self._local(a), self._local(b)
        if b <= a:
            return 0.0
        first, last = a.date(), b.date()
        if first == last:
            return round(self._overlap(first, a, b), 6)
        total = self._overlap(first, a, b) + self._overlap(last, a, b)
        d = first + timedelta(days=1)
        while d < last:  # whole days in between: memoized day lengths
            total += self.working_day_seconds(d)
            d += timedelta(days=1)
        return round(total, 6)  # moments are whole microseconds; drop float summation noise

    def next_working_moment(self, dt: datetime) -> datetime:
        """dt itself when work can go on at dt, else the start of the next working interval."""
        dt = self._local(dt)
        d = dt.date()
        for _ in range(MAX_DAYS):
            for start, end in self.intervals_on(d):
                if dt < end:
                    return max(dt, start)
            d += timedelta(days=1)
        raise ConfigError(t("calendar.no_working_time"))

    def _settle(self, dt: datetime) -> datetime:
        """Like next_working_moment, but a moment exactly at a close stays there."""
        if any(a <= dt <= b for a, b in self.intervals_on(dt.date())):
            return dt
        return self.next_working_moment(dt)

    def add_working_seconds(self, start: datetime, seconds: float) -> datetime:
        """The moment when `seconds` of working time have passed after `start`. Work that fits
        exactly ends at the interval's end (16:00), not at the next opening."""
        dt = self._local(start)
        if seconds <= 0:
            return dt
        remaining = seconds
        d = dt.date()
        for _ in range(MAX_DAYS):
            # Skip whole days at once; only the day where the work ends is walked interval by interval.
            if d > dt.date() and self.working_day_seconds(d) < remaining:
                remaining -= self.working_day_seconds(d)
            else:
                for a, b in self.intervals_on(d):
                    if b <= dt:
                        continue
                    lo = max(a, dt)
                    span = (b - lo).total_seconds()
                    if remaining <= span:
                        return lo + timedelta(seconds=remaining)
                    remaining -= span
            d += timedelta(days=1)
        raise ConfigError(t("calendar.no_working_time"))

    def _anchor(self, dt: datetime) -> tuple[date, float]:
        """(working day, working seconds elapsed on it) for a ready moment; see the module doc."""
        d = dt.date()
        intervals = self.intervals_on(d)
        if not intervals or dt > intervals[-1][1]:
            return self._next_working_day(d), 0.0
        return d, sum((min(b, dt) - a).total_seconds() for a, b in intervals if dt > a)

    def _place(self, d: date, position: float) -> datetime:
        """The earliest moment on working day d with `position` working seconds elapsed (clamped
        to the day's close)."""
        intervals = self.intervals_on(d)
        for a, b in intervals:
            span = (b - a).total_seconds()
            if position <= span:
                return a + timedelta(seconds=position)
            position -= span
        return intervals[-1][1]

    def add_working_days(self, start: datetime, days: float) -> datetime:
        """`days` working days after start at the same position within the working day; the
        fraction is that share of the target day's working length."""
        d, position = self._anchor(self._local(start))
        whole = int(days)
        for _ in range(whole):
            d = self._next_working_day(d)
        moment = self._place(d, position)
        fraction = days - whole
        if fraction > 0:
            moment = self.add_working_seconds(moment, fraction * self.working_day_seconds(d))
        return moment

    def due(self, ready: datetime, std: Standard) -> datetime:
        """The due moment of a step ready at `ready` (DESIGN §4): months, then days, then seconds."""
        ready = self._local(ready)
        months = int(std.months)
        month_days = (std.months - months) * 30  # a fraction of a month counts 30 calendar days
        if std.calendar:
            return _plus_months(ready, months) + timedelta(days=std.days + month_days, seconds=std.seconds)
        moment = ready
        if std.months:
            moment = self._settle(_plus_months(moment, months) + timedelta(days=month_days))
        if std.days:
            moment = self.add_working_days(moment, std.days)
        if std.seconds:
            moment = self.add_working_seconds(moment, std.seconds)
        return moment


    def shown_due(self, due: datetime, calendar_basis: bool = False) -> datetime:
        """How a due moment is shown to people (checklist, status, summary, due view): one at the
        opening of a working day, with no working time since the previous working day's close, is
        shown as that close (a 3-day standard ready Wednesday 02:30 is due "Friday 16:30", not
        "Monday 07:30"). Only the words change: the due moment itself, and every figure measured
        against it, stay. A calendar-basis standard (24-hour arithmetic) is shown as it is."""
        due = self._local(due)
        today = self.intervals_on(due.date())
        if calendar_basis or not today or due != today[0][0]:
            return due
        d = due.date()
        for _ in range(MAX_DAYS):
            d -= timedelta(days=1)
            before = self.intervals_on(d)
            if before:
                return before[-1][1]
        return due


@lru_cache(maxsize=64)
def national_holidays(year: int, categories: tuple[str, ...]) -> frozenset[date]:
    import holidays  # imported on first use: it is slow to load and most commands never need it

    return frozenset(holidays.country_holidays("ID", years=year, categories=categories))


def _plus_months(moment: datetime, months: int) -> datetime:
    """Whole calendar months later (31 Jan + 1 month = 28/29 Feb)."""
    if not months:
        return moment
    from dateutil.relativedelta import relativedelta  # only month standards need it; loaded then
    return moment + relativedelta(months=months)
