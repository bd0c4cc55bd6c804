"""Kept partials per (SOP, month): a period of whole months is read from a few of them instead of
every run's figures. Pure: plain data in and out; source.py reads and keeps them through the store.

A run belongs to the month of its start on the office calendar (as it belongs to the period).
Each month keeps the partial (partial.py) of its runs and which runs made it, with the change
time of each run file. A run file changed since (a run went on, was corrected, or is gone)
makes its month out of date; it is folded again, from the figures of its own runs only, when a
period asks for it (source.py; the per-run figures are sharded by the month in the run's id, so
one month's runs are read from a few shards). A new run is read alone and added to its month
(adding is exact; taking a changed run out is not possible, hence the folding again). Runs that
could not be read are kept with their problem, so that they are named again without being read
again. A period that cuts a month with runs in it is computed from the per-run figures: the
months are exact, or not used.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from . import partial

VERSION = 3


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def header_ok(doc: object, cal: str, tz: str) -> bool:
    return (isinstance(doc, dict) and doc.get("v") == VERSION and doc.get("cal") == cal and doc.get("tz") == tz
            and isinstance(doc.get("sops"), dict) and isinstance(doc.get("left_out"), dict))


def new_doc(cal: str, tz: str) -> dict:
    return {"v": VERSION, "cal": cal, "tz": tz, "sops": {}, "left_out": {}}


def put(doc: dict, day: date, mtime: int, figs: dict) -> None:
    """Add one run (not in `doc` yet) to its month."""
    bucket = doc["sops"].setdefault(figs["sop_id"], {}).setdefault(month_of(day), {"members": {}, "p": partial.empty()})
    bucket["members"][figs["id"]] = mtime
    partial.add(bucket["p"], figs)


def build(entries: list[tuple[date, int, dict]], left_out: dict[str, list], cal: str, tz: str) -> dict:
    """The kept months of every run: `entries` (start day, file change time, figures)."""
    doc = new_doc(cal, tz)
    for day, mtime, figs in entries:
        put(doc, day, mtime, figs)
    doc["left_out"] = left_out
    return sort_all(doc)


def sort_all(doc: dict) -> dict:
    for months in doc["sops"].values():
        for bucket in months.values():
            partial.sort_lists(bucket["p"])
    return doc


def changes(doc: dict, times: dict[str, int]) -> tuple[set[tuple[str, str]], list[str]]:
    """What `doc` lacks for these run files (id -> change time): the months out of date (SOP id,
    month), and the runs it does not hold (new, or left out and changed since; those are taken
    out of `doc["left_out"]`)."""
    stale: set[tuple[str, str]] = set()
    held: set[str] = set()
    get = times.get
    for sop, months in doc["sops"].items():
        for month, bucket in months.items():
            members = bucket["members"]
            held.update(members)
            if any(get(run_id) != mtime for run_id, mtime in members.items()):
                stale.add((sop, month))
    left = doc["left_out"]
    for run_id in [run_id for run_id, (mtime, _problem) in left.items() if get(run_id) != mtime]:
        del left[run_id]
    return stale, [run_id for run_id in times if run_id not in held and run_id not in left]


def overlaps(month: str, start: date | None, end: date | None) -> bool:
    first, last = _bounds(month)
    return not ((start is not None and last < start) or (end is not None and first > end))


def clear(doc: dict, sop: str, month: str) -> list[str]:
    """Empty a month to be folded again; returns the runs it held."""
    bucket = doc["sops"][sop][month]
    held = list(bucket["members"])
    bucket["members"], bucket["p"] = {}, partial.empty()
    return held


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
            if not bucket["members"]:
                continue
            if not overlaps(month, start, end):
                continue  # wholly outside
            first, last = _bounds(month)
            if (start is not None and first < start) or (end is not None and last > end):
                return None  # cut by the period
            inside.append(bucket["p"])
        if inside:
            out[sop] = partial.merge(inside)
    return out
