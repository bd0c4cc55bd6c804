"""The office calendar: working time between two moments, and the due moment of a standard.

Defaults (DESIGN §4, Perpres 21/2023 as offices apply it): Mon–Thu 07:30–16:00 with a 12:00–13:00
break; Fri 07:30–16:30 with 11:30–13:00; in Ramadan 08:00–15:00 (break 12:00–12:30), Fri
08:00–15:30 (break 11:30–12:30). Weekends, national holidays and cuti bersama (the `holidays`
package, categories public + government) are not working days; offices add days off and
holidays that were worked. All of it is configurable in soptui.toml [calendar].

Due moments:
- working seconds (detik/menit/jam): counted only inside office hours;
- working days (hari, hari kerja, minggu = 5): that many working days later at the same position
  within the working day. A moment outside office hours first moves to the next working moment
  (a step ready at 17:00 on Friday is effectively ready at 07:30 on Monday);
- months (bulan): a calendar month later (relativedelta), moved to the next working moment;
- calendar standards (basis = "kalender"): plain 24-hour arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta

from .errors import ConfigError, did_you_mean
from .model import Standard


@dataclass(frozen=True)
class DayHours:
    start: time
    end: time
    breaks: tuple[tuple[time, time], ...] = ()

    def intervals(self) -> list[tuple[time, time]]:
        """Working intervals of the day: office hours minus breaks."""
        out, cursor = [], self.start
        for b_start, b_end in sorted(self.breaks):
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if self.end > cursor:
            out.append((cursor, self.end))
        return out


def _t(text: str) -> time:
    return time.fromisoformat(text)


def _hours(start: str, end: str, *breaks: tuple[str, str]) -> DayHours:
    return DayHours(_t(start), _t(end), tuple((_t(a), _t(b)) for a, b in breaks))


MON_THU = _hours("07:30", "16:00", ("12:00", "13:00"))
FRIDAY = _hours("07:30", "16:30", ("11:30", "13:00"))
RAMADAN_MON_THU = _hours("08:00", "15:00", ("12:00", "12:30"))
RAMADAN_FRIDAY = _hours("08:00", "15:30", ("11:30", "12:30"))
# Weekday 0 = Monday. None = not a working day.
DEFAULT_HOURS = (MON_THU, MON_THU, MON_THU, MON_THU, FRIDAY, None, None)
DEFAULT_RAMADAN_HOURS = (RAMADAN_MON_THU,) * 4 + (RAMADAN_FRIDAY, None, None)
# 1 Ramadan to the last day of Ramadan, as set by the government (sidang isbat) for 1446–1448 H;
# 1448 H is the astronomical estimate. Offices adjust these in soptui.toml.
DEFAULT_RAMADAN = (
    (date(2025, 3, 1), date(2025, 3, 30)),
    (date(2026, 2, 19), date(2026, 3, 20)),
    (date(2027, 2, 8), date(2027, 3, 9)),
)

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
}


@dataclass(frozen=True)
class CalendarSettings:
    timezone: str = "Asia/Jakarta"
    hours: tuple[DayHours | None, ...] = DEFAULT_HOURS
    ramadan_hours: tuple[DayHours | None, ...] = DEFAULT_RAMADAN_HOURS
    ramadan: tuple[tuple[date, date], ...] = DEFAULT_RAMADAN
    holiday_categories: tuple[str, ...] = ("public", "government")
    use_holidays: bool = True
    days_off: frozenset[date] = field(default_factory=frozenset)
    worked_holidays: frozenset[date] = field(default_factory=frozenset)


# -- soptui.toml [calendar] ------------------------------------------------------------------

CALENDAR_KEYS = ("timezone", "hours", "ramadan_hours", "ramadan", "holiday_categories",
                 "use_holidays", "days_off", "worked_holidays")
HOLIDAY_CATEGORIES = ("public", "government")


def calendar_settings_from_toml(table: dict, where: str = "soptui.toml [calendar]") -> CalendarSettings:
    for key in table:
        if key not in CALENDAR_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(key, CALENDAR_KEYS)}")
    base = CalendarSettings()
    tz = table.get("timezone", base.timezone)
    try:
        ZoneInfo(tz) if isinstance(tz, str) and tz else None
    except (ZoneInfoNotFoundError, ValueError):
        tz = None
    if not isinstance(tz, str) or not tz:
        raise ConfigError(f"{where}: timezone {table.get('timezone')!r} is not a known time zone "
                          "(e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)")
    categories = table.get("holiday_categories", list(base.holiday_categories))
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise ConfigError(f"{where}: holiday_categories must be a list such as [\"public\", \"government\"]")
    for c in categories:
        if c not in HOLIDAY_CATEGORIES:
            raise ConfigError(f"{where}: holiday_categories: unknown category {c!r}"
                              f"{did_you_mean(c, HOLIDAY_CATEGORIES)}")
    use = table.get("use_holidays", True)
    if not isinstance(use, bool):
        raise ConfigError(f"{where}: use_holidays must be true or false")
    return CalendarSettings(
        timezone=tz,
        hours=_week(table.get("hours"), base.hours, f"{where} hours"),
        ramadan_hours=_week(table.get("ramadan_hours"), base.ramadan_hours, f"{where} ramadan_hours"),
        ramadan=_periods(table.get("ramadan"), base.ramadan, f"{where} ramadan"),
        holiday_categories=tuple(categories), use_holidays=use,
        days_off=frozenset(_dates(table.get("days_off", []), f"{where} days_off")),
        worked_holidays=frozenset(_dates(table.get("worked_holidays", []), f"{where} worked_holidays")))


def _week(table, default, where: str) -> tuple[DayHours | None, ...]:
    if table is None:
        return default
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table of weekdays")
    week = list(default)
    for name, value in table.items():
        day = WEEKDAYS.get(name.lower())
        if day is None:
            raise ConfigError(f"{where}: unknown weekday {name!r}{did_you_mean(name.lower(), WEEKDAYS)}")
        week[day] = _day_hours(value, f"{where}.{name}")
    return tuple(week)


def _clock(value, where: str) -> time:
    try:
        if not isinstance(value, str):
            raise ValueError
        return time.fromisoformat(value.strip().replace(".", ":"))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a time of day such as \"07:30\"") from None


def _span(value, where: str) -> tuple[time, time]:
    if not isinstance(value, str) or value.count("-") != 1:
        raise ConfigError(f"{where}: {value!r} must look like \"12:00-13:00\"")
    a, b = (_clock(x, where) for x in value.split("-"))
    if b <= a:
        raise ConfigError(f"{where}: {value!r} ends before it starts")
    return a, b


def _day_hours(value, where: str) -> DayHours | None:
    if value in ("off", "libur", False):
        return None
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: must be "off" or {{ start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }}')
    for key in value:
        if key not in ("start", "end", "breaks"):
            raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(key, ('start', 'end', 'breaks'))}")
    start, end = _clock(value.get("start"), f"{where}.start"), _clock(value.get("end"), f"{where}.end")
    if end <= start:
        raise ConfigError(f"{where}: end {end:%H:%M} is not after start {start:%H:%M}")
    breaks = value.get("breaks", [])
    if not isinstance(breaks, list):
        raise ConfigError(f"{where}.breaks: must be a list such as [\"12:00-13:00\"]")
    spans = tuple(_span(b, f"{where}.breaks") for b in breaks)
    for a, b in spans:
        if a < start or b > end:
            raise ConfigError(f"{where}.breaks: {a:%H:%M}-{b:%H:%M} is outside {start:%H:%M}-{end:%H:%M}")
    return DayHours(start, end, spans)


def _dates(value, where: str) -> list[date]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: must be a list of dates such as [2026-12-31]")
    out = []
    for v in value:
        if isinstance(v, datetime):
            v = v.date()
        elif isinstance(v, str):
            try:
                v = date.fromisoformat(v)
            except ValueError:
                raise ConfigError(f"{where}: {v!r} is not a date such as 2026-12-31") from None
        if not isinstance(v, date):
            raise ConfigError(f"{where}: {v!r} is not a date such as 2026-12-31")
        out.append(v)
    return out


def _periods(value, default, where: str) -> tuple[tuple[date, date], ...]:
    if value is None:
        return default
    if not isinstance(value, list):
        raise ConfigError(f"{where}: must be a list of [first, last] date pairs")
    out = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ConfigError(f"{where}: {pair!r} must be a [first, last] pair of dates")
        a, b = _dates(pair, where)
        if b < a:
            raise ConfigError(f"{where}: {a} to {b} ends before it starts")
        out.append((a, b))
    return tuple(out)


# -- the calendar ----------------------------------------------------------------------------

class OfficeCalendar:
    def __init__(self, settings: CalendarSettings | None = None):
        self.settings = settings or CalendarSettings()
        self.tz = ZoneInfo(self.settings.timezone)
        self._holiday_years: dict[int, frozenset[date]] = {}
        self._day_cache: dict[date, tuple[tuple[datetime, datetime], ...]] = {}

    # days

    def holidays_in(self, year: int) -> frozenset[date]:
        if year not in self._holiday_years:
            found: frozenset[date] = frozenset()
            if self.settings.use_holidays:
                found = _national_holidays(year, self.settings.holiday_categories)
            self._holiday_years[year] = found
        return self._holiday_years[year]

    def is_working_day(self, d: date) -> bool:
        return bool(self.intervals_on(d))

    def in_ramadan(self, d: date) -> bool:
        return any(a <= d <= b for a, b in self.settings.ramadan)

    def hours_on(self, d: date) -> DayHours | None:
        s = self.settings
        if d in s.days_off:
            return None
        if d in self.holidays_in(d.year) and d not in s.worked_holidays:
            return None
        week = s.ramadan_hours if self.in_ramadan(d) else s.hours
        hours = week[d.weekday()]
        if hours is None and d in s.worked_holidays:
            hours = s.hours[d.weekday()] or s.hours[0]  # a worked weekend day gets ordinary hours
        return hours

    def intervals_on(self, d: date) -> tuple[tuple[datetime, datetime], ...]:
        cached = self._day_cache.get(d)
        if cached is None:
            hours = self.hours_on(d)
            cached = () if hours is None else tuple(
                (datetime.combine(d, a, self.tz), datetime.combine(d, b, self.tz))
                for a, b in hours.intervals())
            self._day_cache[d] = cached
        return cached

    def working_day_seconds(self, d: date) -> float:
        return sum((b - a).total_seconds() for a, b in self.intervals_on(d))

    # moments

    def _local(self, dt: datetime) -> datetime:
        if dt.tzinfo is None:
            raise ValueError("the calendar needs timezone-aware moments")
        return dt.astimezone(self.tz)

    def working_seconds_between(self, a: datetime, b: datetime) -> float:
        a, b = self._local(a), self._local(b)
        if b <= a:
            return 0.0
        total = 0.0
        d = a.date()
        while d <= b.date():
            for start, end in self.intervals_on(d):
                lo, hi = max(start, a), min(end, b)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            d += timedelta(days=1)
        return total

    def next_working_moment(self, dt: datetime) -> datetime:
        """dt itself inside office hours, else the start of the next working interval."""
        dt = self._local(dt)
        d = dt.date()
        for _ in range(3700):  # ten years of days off would be a configuration error
            for start, end in self.intervals_on(d):
                if dt < end:
                    return max(dt, start)
            d += timedelta(days=1)
            dt = datetime.combine(d, time(0), self.tz)
        raise ValueError("no working time in the next ten years: check the calendar settings")

    def add_working_seconds(self, start: datetime, seconds: float) -> datetime:
        """The moment when `seconds` of working time have passed after `start`."""
        dt = self._local(start)
        remaining = seconds
        d = dt.date()
        for _ in range(3700 * 4):
            for a, b in self.intervals_on(d):
                if b <= dt:
                    continue
                lo = max(a, dt)
                span = (b - lo).total_seconds()
                if remaining <= span:
                    return lo + timedelta(seconds=remaining)
                remaining -= span
            d += timedelta(days=1)
        raise ValueError("no working time left: check the calendar settings")

    def _position(self, dt: datetime) -> float:
        """Working seconds already elapsed on dt's working day (dt inside or at an interval)."""
        return sum((min(b, dt) - a).total_seconds() for a, b in self.intervals_on(dt.date()) if dt > a)

    def _place(self, d: date, position: float) -> datetime:
        """The moment on working day d at `position` working seconds into the day (clamped)."""
        intervals = self.intervals_on(d)
        for a, b in intervals:
            span = (b - a).total_seconds()
            if position <= span:
                return a + timedelta(seconds=position)
            position -= span
        return intervals[-1][1]

    def _next_working_day(self, d: date) -> date:
        d += timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: datetime, days: float) -> datetime:
        dt = self.next_working_moment(start)
        whole = int(days)
        fraction = days - whole
        position = self._position(dt)
        d = dt.date()
        if position >= self.working_day_seconds(d) and whole:
            # Ready exactly at the close of a day: the same position is the next day's close.
            position = float("inf")
        for _ in range(whole):
            d = self._next_working_day(d)
        moment = self._place(d, position) if whole else dt
        if fraction:
            moment = self.add_working_seconds(moment, fraction * self.working_day_seconds(moment.date()))
        return moment

    def due(self, ready: datetime, std: Standard) -> datetime:
        ready = self._local(ready)
        months = int(std.months)
        extra_days = (std.months - months) * 30
        if std.calendar:
            return (ready + relativedelta(months=months)
                    + timedelta(days=std.days + extra_days, seconds=std.seconds))
        moment = ready
        if std.months:
            moment = self.next_working_moment(moment + relativedelta(months=months) + timedelta(days=extra_days))
        if std.days:
            moment = self.add_working_days(moment, std.days)
        if std.seconds:
            moment = self.add_working_seconds(moment, std.seconds)
        return moment


@lru_cache(maxsize=64)
def _national_holidays(year: int, categories: tuple[str, ...]) -> frozenset[date]:
    import holidays  # imported on first use: it is slow to load and most commands never need it

    return frozenset(holidays.country_holidays("ID", years=year, categories=categories))


def default_calendar_toml() -> str:
    return (
        '[calendar]\n'
        'timezone = "Asia/Jakarta"\n'
        'holiday_categories = ["public", "government"]\n'
        'days_off = []\n'
        'worked_holidays = []\n'
        'ramadan = [[2025-03-01, 2025-03-30], [2026-02-19, 2026-03-20], [2027-02-08, 2027-03-09]]\n'
        '[calendar.hours]\n'
        'monday = { start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }\n'
        'tuesday = { start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }\n'
        'wednesday = { start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }\n'
        'thursday = { start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }\n'
        'friday = { start = "07:30", end = "16:30", breaks = ["11:30-13:00"] }\n'
        'saturday = "off"\n'
        'sunday = "off"\n'
        '[calendar.ramadan_hours]\n'
        'monday = { start = "08:00", end = "15:00", breaks = ["12:00-12:30"] }\n'
        'tuesday = { start = "08:00", end = "15:00", breaks = ["12:00-12:30"] }\n'
        'wednesday = { start = "08:00", end = "15:00", breaks = ["12:00-12:30"] }\n'
        'thursday = { start = "08:00", end = "15:00", breaks = ["12:00-12:30"] }\n'
        'friday = { start = "08:00", end = "15:30", breaks = ["11:30-12:30"] }\n'
    )
