"""The office calendar as the commands build it: the `holidays` package's answers cached on disk.

Importing `holidays` loads every country (about 150 ms), more than a whole `soptui summary`
otherwise costs. The dates of a year do not change while the package stays the same, so they are
kept in a small JSON file per year and category set, stamped with the installed package's file
and modification time; a new package version computes them afresh.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from datetime import date
from pathlib import Path

from .calendar import CalendarSettings, OfficeCalendar, national_holidays


def _package_stamp() -> str:
    spec = importlib.util.find_spec("holidays")  # finds the package without importing it
    origin = spec.origin if spec and spec.origin else ""
    try:
        return f"{origin}:{os.stat(origin).st_mtime_ns}"
    except OSError:
        return origin


def cached_source(folder: Path):
    def source(year: int, categories: tuple[str, ...]) -> frozenset[date]:
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
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"stamp": stamp, "dates": sorted(d.isoformat() for d in dates)}, f)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only folder only costs speed
        return dates
    return source


def office_calendar(settings: CalendarSettings, data_dir: Path) -> OfficeCalendar:
    return OfficeCalendar(settings, holiday_source=cached_source(Path(data_dir) / "cache"))
