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

The settings (hours, Ramadan, holiday categories, days off) and their soptui.toml reading are in
calsettings.py. Indonesian zones keep no daylight saving, so wall-clock arithmetic inside `tz` is exact.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

# The settings live in calsettings.py; their names stay importable from here.
from .calsettings import (HOLIDAY_CATEGORIES, CalendarSettings, DayHours,  # noqa: F401
                          calendar_settings_from_toml, default_calendar_toml)
from .errors import ConfigError
from .i18n import t
from .model import Standard


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
