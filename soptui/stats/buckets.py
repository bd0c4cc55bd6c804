"""Kept partials per (SOP, month): a period of whole months is read from a few of them instead of
every run's figures. Pure: plain data in and out; source.py reads and keeps them through the store.

A run belongs to the month of its start on the office calendar (as it belongs to the period).
Each month keeps the partial (partial.py) of its runs and which runs made it, with the change
time of each run file. The kept months are used only when they describe exactly the run files
there are now, on this calendar and in this time zone: one run written since, added or removed,
and they are rebuilt from the per-run figures (by the next statistics, not by the write path).
Runs that could not be read are kept with their problem, so that they are named again without
being read again. A period that cuts a month with runs in it is computed from the per-run
figures: the months are exact, or not used.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from . import partial

VERSION = 1


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def build(entries: list[tuple[date, int, dict]], left_out: dict[str, list], cal: str, tz: str,
          old: object = None) -> dict:
    """The kept months of every run: `entries` (start day, file change time, figures). A month of
    `old` (kept months on the same calendar and zone) whose runs and their change times are all
    the same is taken as it is: after one run changed, one month is folded again."""
    members: dict[str, dict[str, dict[str, int]]] = {}
    runs: dict[tuple[str, str], list[dict]] = {}
    for day, mtime, figs in entries:
        key = (figs["sop_id"], month_of(day))
        members.setdefault(key[0], {}).setdefault(key[1], {})[figs["id"]] = mtime
        runs.setdefault(key, []).append(figs)
    reuse = old["sops"] if (isinstance(old, dict) and old.get("v") == VERSION and old.get("cal") == cal
                            and old.get("tz") == tz and isinstance(old.get("sops"), dict)) else {}
    months: dict[str, dict[str, dict]] = {}
    for sop, by_month in members.items():
        for month, mine in by_month.items():
            before = reuse.get(sop, {}).get(month)
            if (isinstance(before, dict) and before.get("members") == mine and isinstance(before.get("p"), dict)
                    and before["p"].keys() == partial.empty().keys()):
                p = before["p"]
            else:
                p = partial.sort_lists(partial.of_runs(runs[(sop, month)]))
            months.setdefault(sop, {})[month] = {"members": mine, "p": p}
    return {"v": VERSION, "cal": cal, "tz": tz, "sops": months, "left_out": left_out}


def usable(doc: object, times: dict[str, int], cal: str, tz: str) -> bool:
    """Do the kept months describe exactly these run files (id -> change time)?"""
    if not (isinstance(doc, dict) and doc.get("v") == VERSION and doc.get("cal") == cal and doc.get("tz") == tz
            and isinstance(doc.get("sops"), dict) and isinstance(doc.get("left_out"), dict)):
        return False
    seen = 0
    get = times.get
    for sop in doc["sops"].values():
        for bucket in sop.values():
            for run_id, mtime in bucket["members"].items():
                if get(run_id) != mtime:
                    return False
            seen += len(bucket["members"])
    for run_id, (mtime, _problem) in doc["left_out"].items():
        if get(run_id) != mtime:
            return False
    return seen + len(doc["left_out"]) == len(times)


def _bounds(month: str) -> tuple[date, date]:
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, 1), date(year, mon, monthrange(year, mon)[1])


def period_partials(doc: dict, sop_id: str | None, start: date | None, end: date | None) -> dict[str, dict] | None:
    """SOP id -> the partial of its runs started in [start, end], or None when the period cuts a
    month that has runs (then only the per-run figures can say which of them are in)."""
    out = {}
    for sop, months in doc["sops"].items():
        if sop_id is not None and sop != sop_id:
            continue
        inside = []
        for month, bucket in months.items():
            first, last = _bounds(month)
            if (start is not None and last < start) or (end is not None and first > end):
                continue  # wholly outside
            if (start is not None and first < start) or (end is not None and last > end):
                return None  # cut by the period
            inside.append(bucket["p"])
        if inside:
            out[sop] = partial.merge(inside)
    return out
