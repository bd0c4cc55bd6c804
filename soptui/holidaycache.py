"""The office calendar as the commands build it: the `holidays` package's answers cached on disk.

Importing `holidays` loads every country (about 150 ms), more than a whole `soptui summary`
otherwise costs. The dates of a year do not change while the package stays the same, so they are
kept in a small JSON file per year and category set, stamped with the installed package's file
and modification time; a new package version computes them afresh.
"""

from __future__ import annotations

import json
import os
from datetime import date
from importlib.machinery import PathFinder
from pathlib import Path

from .calendar import CalendarSettings, OfficeCalendar, national_holidays


def _package_stamp() -> str:
    spec = PathFinder.find_spec("holidays")  # finds the package without importing it
    origin = spec.origin if spec and spec.origin else ""
    try:
        return f"{origin}:{os.stat(origin).st_mtime_ns}"
    except OSError:
        return origin


def cached_source(folder: Path):
    memo: dict[tuple, frozenset[date]] = {}

    def source(year: int, categories: tuple[str, ...]) -> frozenset[date]:
        if (year, categories) not in memo:
            memo[year, categories] = _load(folder, year, categories)
        return memo[year, categories]
    return source


def _load(folder: Path, year: int, categories: tuple[str, ...]) -> frozenset[date]:
    path = folder / f"holidays-ID-{year}-{'+'.join(categories)}.json"
    stamp = _package_stamp()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("stamp") == stamp:
            return frozenset(date.fromisoformat(d) for d in data["dates"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or unreadable: compute it again
    dates = national_holidays(year, categories)
    try:
        from .atomicfile import write_atomic
        write_atomic(path, json.dumps({"stamp": stamp, "dates": sorted(d.isoformat() for d in dates)}).encode())
    except OSError:
        pass  # a read-only folder only costs speed
    return dates


def office_calendar(settings: CalendarSettings, data_dir: Path) -> OfficeCalendar:
    return OfficeCalendar(settings, holiday_source=cached_source(Path(data_dir) / "cache"))
