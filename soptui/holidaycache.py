"""The office calendar as the commands build it: the `holidays` package's answers cached on disk.

Importing `holidays` loads every country (about 150 ms), more than a whole `soptui summary`
otherwise costs. The dates of a year do not change while the package stays the same, so they are
kept in a small file per year and category set, stamped with the installed package's file and
modification time; a new package version computes them afresh. The file is a checked cache
(atomicfile.write_checked: a head line with the stamp and the CRC-32 of the dates): missing,
damaged, of another shape, or not a regular file, it only costs speed and is written anew.
"""

from __future__ import annotations

import json
import os
from datetime import date
from importlib.machinery import PathFinder
from pathlib import Path

from .atomicfile import read_checked, write_checked
from .calendar import CalendarSettings, OfficeCalendar, national_holidays

MAX_BYTES = 64 * 1024  # a year's dates take under 2 kB: a bigger file was not written here


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
    cached = _read(path, stamp)
    if cached is not None:
        return cached
    dates = national_holidays(year, categories)
    try:
        write_checked(path, {"stamp": stamp}, json.dumps(sorted(d.isoformat() for d in dates)).encode())
    except OSError:
        pass  # a read-only folder only costs speed
    return dates


def _read(path: Path, stamp: str) -> frozenset[date] | None:
    """The dates kept for this package, or None: missing, damaged, another package's, or not a
    list of dates (the checksum catches accidents; the shape is checked all the same)."""
    found = read_checked(path, MAX_BYTES)
    if found is None or found[0] != {"stamp": stamp}:
        return None
    try:
        dates = json.loads(found[1])
        if type(dates) is not list or not all(type(d) is str for d in dates):
            return None
        return frozenset(date.fromisoformat(d) for d in dates)
    except (ValueError, RecursionError):
        return None


def office_calendar(settings: CalendarSettings, data_dir: Path) -> OfficeCalendar:
    return OfficeCalendar(settings, holiday_source=cached_source(Path(data_dir) / "cache"))
