"""A period's step statistics from kept run figures (runfigs). Pure: plain data in and out.

Rules (what the tests check by hand):
- a run belongs to the period in which it started (source.period_figs); every run counts as
  started, and as finished, cancelled or in progress by its status now;
- cancelled runs are counted but left out of every timing figure;
- timing figures use completed attempts, rework attempts included: each attempt is timed
  against its own due moment;
- a step's rework = its attempts minus the runs that reached it; a decision's loops = its
  "tidak" answers;
- median and 90th percentile: linear interpolation between the sorted values (the "inclusive"
  method: p = values[(n - 1) q], interpolated), so the median of an even count is the mean of
  the middle two;
- a step is "on time on average" when its median working time is within its median standard;
- a role's people: by name; a role's working time sums its sorted times (the same total in any
  order of merging);
- the slowest steps: by median working time over median standard, then median working time;
  steps without a standard come after those with one.
"""

from __future__ import annotations

from math import floor

from . import partial
from .runfigs import S_DECISION, S_KEGIATAN, S_PELAKSANA, S_TIDAK, S_WAKTU

SCHEMA = 1
SLOWEST = 5  # steps ranked in "slowest"


def quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _rate(on_time: int, measured: int) -> float | None:
    return on_time / measured if measured else None


def finish(p: dict) -> dict:
    """Statistics of one SOP from a partial (partial.py) of its runs in the period."""
    known = {int(no): v[2] for no, v in p["known"].items()}
    steps = []
    for no in sorted(known):
        meta, mine = known[no], p["steps"].get(str(no)) or partial.empty_step()
        actual = sorted(mine["actual"])
        reached, measured, on_time = mine["reached"], mine["measured"], mine["on_time"]
        median, std_median = quantile(actual, 0.5), quantile(mine["std"], 0.5)
        steps.append({
            "no": no, "kegiatan": meta[S_KEGIATAN], "pelaksana": meta[S_PELAKSANA], "waktu": meta[S_WAKTU],
            "runs": reached, "attempts": len(actual), "rework": len(actual) - reached,
            "measured": measured, "on_time": on_time, "on_time_rate": _rate(on_time, measured),
            "median_s": median, "p90_s": quantile(actual, 0.9), "std_median_s": std_median,
            "typical_on_time": (median <= std_median) if median is not None and std_median is not None else None,
            "ratio": (median / std_median) if median is not None and std_median else None})
    timed = p["timed"]
    decisions = []
    for no in sorted(known):
        if known[no][S_DECISION] and known[no][S_TIDAK] <= no:  # rework: a "tidak" that skips ahead is none
            mine = p["steps"].get(str(no)) or partial.empty_step()
            decisions.append({"step": no, "target": known[no][S_TIDAK], "tidak": mine["tidak"], "ya": mine["ya"],
                              "loops_per_run": mine["tidak"] / timed if timed else None})
    ranked = [s for s in steps if s["median_s"] is not None]
    ranked.sort(key=lambda s: (s["ratio"] is None, -(s["ratio"] or 0), -s["median_s"], s["no"]))
    totals = {"attempts": sum(s["attempts"] for s in steps), "measured": sum(s["measured"] for s in steps),
              "on_time": sum(s["on_time"] for s in steps)}
    latest = p["latest"]
    return {"sop_id": latest[2], "nomor": latest[3], "nama": latest[4],
            "runs": dict(zip(partial.RUNS, p["runs"])), "steps": steps, "decisions": decisions,
            "slowest": [s["no"] for s in ranked[:SLOWEST]], "roles": _roles(p["roles"]),
            "totals": {**totals, "on_time_rate": _rate(totals["on_time"], totals["measured"]),
                       "rework_loops": p["loops"],
                       "steps_measured": sum(1 for s in steps if s["typical_on_time"] is not None),
                       "steps_on_time": sum(1 for s in steps if s["typical_on_time"])}}


def _roles(roles: dict[str, dict]) -> list[dict]:
    out = []
    for role, r in roles.items():
        actual = sorted(r["actual"])  # sorted before summing: the same total whatever the merge order
        out.append({"role": role, "attempts": len(actual), "working_s": sum(actual), "measured": r["measured"],
                    "on_time": r["on_time"], "people": sorted(r["people"]),
                    "median_s": quantile(actual, 0.5), "on_time_rate": _rate(r["on_time"], r["measured"])})
    return sorted(out, key=lambda r: (-r["attempts"], r["role"]))


def period_stats(figs: list[dict], start, end, sop_id: str | None = None) -> dict:
    """Statistics of the runs in `figs` (already those of the period), one block per SOP."""
    groups: dict[str, list[dict]] = {}
    for f in figs:
        groups.setdefault(f["sop_id"], []).append(f)
    return from_partials({k: partial.of_runs(v) for k, v in groups.items()}, start, end, sop_id)


def from_partials(parts: dict[str, dict], start, end, sop_id: str | None = None) -> dict:
    """The same statistics from one partial per SOP id (buckets.py merges them from kept months)."""
    parts = {k: p for k, p in parts.items() if p["runs"][0]}
    counts = [sum(p["runs"][i] for p in parts.values()) for i in range(len(partial.RUNS))]
    return {"schema": SCHEMA, "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None, "sop": sop_id, "runs": dict(zip(partial.RUNS, counts)),
            "sops": [finish(parts[k]) for k in sorted(parts)]}


PRESETS = ("all", "this_semester", "last_semester", "this_year", "last_year")


def preset(name: str, today) -> tuple:
    """A named period around `today`: (start, end), None for an open end. Semesters are
    January–June and July–December, as in the monitoring form."""
    from datetime import date

    half = 1 if today.month <= 6 else 7
    if name == "this_semester":
        return date(today.year, half, 1), date(today.year, half + 5, 30 if half == 1 else 31)
    if name == "last_semester":
        return (date(today.year - 1, 7, 1), date(today.year - 1, 12, 31)) if half == 1 else \
            (date(today.year, 1, 1), date(today.year, 6, 30))
    if name == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if name == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


class ImpossibleDay(ValueError):
    """A day written in a known form that is on no calendar ("31/02/2026"): `why` says why."""

    def __init__(self, text: str, why: str):
        super().__init__(text)
        self.why = why


def parse_day(text: str):
    """A typed day: 2026-07-01, or day first 1/7/2026 (also with - or .); "" is an open end.
    Nothing is guessed: anything else raises ValueError (ImpossibleDay for a well-written day
    that cannot be)."""
    import re
    from datetime import date

    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text) or re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if not m:
        raise ValueError(text)
    year, month, day = (m[1], m[2], m[3]) if len(m[1]) == 4 else (m[3], m[2], m[1])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # the same words as a typed time's impossible date (timeinput loads dateutil: only here)
        from ..i18n import t
        from ..timeinput import date_problem
        raise ImpossibleDay(text, date_problem(f"{day}/{month}/{year}", int(year)) or t("time.why.other")) from None
