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
- the slowest steps: by median working time over median standard, then median working time;
  steps without a standard come after those with one.
"""

from __future__ import annotations

from math import floor

from .runfigs import (A_ACTOR, A_ACTUAL, A_ON_TIME, A_STD, A_STEP, A_VERDICT, S_DECISION, S_KEGIATAN,
                      S_NO, S_PELAKSANA, S_TIDAK, S_WAKTU)

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


def run_counts(figs: list[dict]) -> dict:
    by = [f["status"] for f in figs]
    return {"started": len(by), "finished": by.count("finished"), "cancelled": by.count("cancelled"),
            "in_progress": by.count("in_progress")}


def sop_stats(figs: list[dict]) -> dict:
    """Statistics of one SOP's runs (figs oldest first; the latest run's SOP copy names the steps)."""
    latest = figs[-1]
    timed = [f for f in figs if f["status"] != "cancelled"]
    known = {s[S_NO]: s for f in figs for s in f["sop"]["steps"]}  # older copies first: the latest wins
    groups: dict[tuple[int, int], list[list]] = {}  # (SOP copy, step) -> its attempts
    copies: dict[int, dict] = {}
    reached: dict[int, int] = {}
    for f in timed:
        copy = id(f["sop"])
        copies[copy] = f["sop"]
        for a in f["attempts"]:
            key = (copy, a[A_STEP])
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
            group.append(a)
        for no in {a[A_STEP] for a in f["attempts"]}:
            reached[no] = reached.get(no, 0) + 1
    by_step: dict[int, list[list]] = {}
    by_role: dict[str, list[list]] = {}
    roles = {copy: {s[S_NO]: s[S_PELAKSANA] for s in sop["steps"]} for copy, sop in copies.items()}
    for (copy, no), group in groups.items():
        by_step.setdefault(no, []).extend(group)
        by_role.setdefault(roles[copy].get(no, ""), []).extend(group)
    steps = []
    for no in sorted(known):
        meta, mine = known[no], by_step.get(no, [])
        actual = [a[A_ACTUAL] for a in mine]
        std = [a[A_STD] for a in mine if a[A_STD] is not None]
        measured = [a[A_ON_TIME] for a in mine if a[A_ON_TIME] is not None]
        on_time = sum(1 for m in measured if m)
        median, std_median = quantile(actual, 0.5), quantile(std, 0.5)
        steps.append({
            "no": no, "kegiatan": meta[S_KEGIATAN], "pelaksana": meta[S_PELAKSANA], "waktu": meta[S_WAKTU],
            "runs": reached.get(no, 0), "attempts": len(mine), "rework": len(mine) - reached.get(no, 0),
            "measured": len(measured), "on_time": on_time, "on_time_rate": _rate(on_time, len(measured)),
            "median_s": median, "p90_s": quantile(actual, 0.9), "std_median_s": std_median,
            "typical_on_time": (median <= std_median) if median is not None and std_median is not None else None,
            "ratio": (median / std_median) if median is not None and std_median else None})
    decisions = []
    for no in sorted(known):
        if known[no][S_DECISION] and known[no][S_TIDAK] <= no:  # rework: a "tidak" that skips ahead is none
            verdicts = [a[A_VERDICT] for a in by_step.get(no, [])]
            tidak = verdicts.count("tidak")
            decisions.append({"step": no, "target": known[no][S_TIDAK], "tidak": tidak, "ya": verdicts.count("ya"),
                              "loops_per_run": tidak / len(timed) if timed else None})
    ranked = [s for s in steps if s["median_s"] is not None]
    ranked.sort(key=lambda s: (s["ratio"] is None, -(s["ratio"] or 0), -s["median_s"], s["no"]))
    totals = {"attempts": sum(s["attempts"] for s in steps), "measured": sum(s["measured"] for s in steps),
              "on_time": sum(s["on_time"] for s in steps)}
    return {"sop_id": latest["sop_id"], "nomor": latest["sop"]["nomor"], "nama": latest["sop"]["nama"],
            "runs": run_counts(figs), "steps": steps, "decisions": decisions,
            "slowest": [s["no"] for s in ranked[:SLOWEST]], "roles": _roles(by_role),
            "totals": {**totals, "on_time_rate": _rate(totals["on_time"], totals["measured"]),
                       "rework_loops": sum(f["rework_loops"] for f in timed),
                       "steps_measured": sum(1 for s in steps if s["typical_on_time"] is not None),
                       "steps_on_time": sum(1 for s in steps if s["typical_on_time"])}}


def _roles(by_role: dict[str, list[list]]) -> list[dict]:
    out = []
    for role, attempts in by_role.items():
        actual = [a[A_ACTUAL] for a in attempts]
        measured = [a[A_ON_TIME] for a in attempts if a[A_ON_TIME] is not None]
        on_time = sum(1 for m in measured if m)
        out.append({"role": role, "attempts": len(actual), "working_s": sum(actual), "measured": len(measured),
                    "on_time": on_time, "people": list(dict.fromkeys(a[A_ACTOR] for a in attempts if a[A_ACTOR])),
                    "median_s": quantile(actual, 0.5), "on_time_rate": _rate(on_time, len(measured))})
    return sorted(out, key=lambda r: (-r["attempts"], r["role"]))


def period_stats(figs: list[dict], start, end, sop_id: str | None = None) -> dict:
    """Statistics of the runs in `figs` (already those of the period), one block per SOP."""
    groups: dict[str, list[dict]] = {}
    for f in figs:
        groups.setdefault(f["sop_id"], []).append(f)
    return {"schema": SCHEMA, "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None, "sop": sop_id, "runs": run_counts(figs),
            "sops": [sop_stats(groups[k]) for k in sorted(groups)]}
