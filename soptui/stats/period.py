"""A period's step statistics from kept run figures (runfigs). Pure: plain data in and out.

Rules (what the tests check by hand):
- a run belongs to the period in which it started (source.in_period); every run counts as
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
    attempts = [a for f in timed for a in f["attempts"]]
    known = {s["no"]: s for s in latest["steps"]}
    for f in figs:  # a step only an older copy of the SOP had
        for s in f["steps"]:
            known.setdefault(s["no"], s)
    steps = []
    for no in sorted(known):
        meta = known[no]
        mine = [a for a in attempts if a["step"] == no]
        reached = sum(1 for f in timed if any(a["step"] == no for a in f["attempts"]))
        actual = [a["actual_s"] for a in mine]
        std = [a["std_s"] for a in mine if a["std_s"] is not None]
        measured = [a for a in mine if a["on_time"] is not None]
        on_time = sum(1 for a in measured if a["on_time"])
        median, std_median = quantile(actual, 0.5), quantile(std, 0.5)
        steps.append({
            "no": no, "kegiatan": meta["kegiatan"], "pelaksana": meta["pelaksana"], "waktu": meta["waktu"],
            "runs": reached, "attempts": len(mine), "rework": len(mine) - reached,
            "measured": len(measured), "on_time": on_time, "on_time_rate": _rate(on_time, len(measured)),
            "median_s": median, "p90_s": quantile(actual, 0.9), "std_median_s": std_median,
            "typical_on_time": (median <= std_median) if median is not None and std_median is not None else None,
            "ratio": (median / std_median) if median is not None and std_median else None})
    decisions = []
    for s in (known[no] for no in sorted(known)):
        if s["decision"]:
            verdicts = [a["verdict"] for a in attempts if a["step"] == s["no"]]
            tidak = verdicts.count("tidak")
            decisions.append({"step": s["no"], "target": s["tidak"], "tidak": tidak, "ya": verdicts.count("ya"),
                              "loops_per_run": tidak / len(timed) if timed else None})
    ranked = [s for s in steps if s["median_s"] is not None]
    ranked.sort(key=lambda s: (s["ratio"] is None, -(s["ratio"] or 0), -s["median_s"], s["no"]))
    measured_all = [a for a in attempts if a["on_time"] is not None]
    on_time_all = sum(1 for a in measured_all if a["on_time"])
    return {"sop_id": latest["sop_id"], "nomor": latest["sop_nomor"], "nama": latest["sop_nama"],
            "runs": run_counts(figs), "steps": steps, "decisions": decisions,
            "slowest": [s["no"] for s in ranked[:SLOWEST]], "roles": _roles(attempts),
            "totals": {"attempts": len(attempts), "measured": len(measured_all), "on_time": on_time_all,
                       "on_time_rate": _rate(on_time_all, len(measured_all)),
                       "rework_loops": sum(f["rework_loops"] for f in timed),
                       "steps_measured": sum(1 for s in steps if s["typical_on_time"] is not None),
                       "steps_on_time": sum(1 for s in steps if s["typical_on_time"])}}


def _roles(attempts: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for a in attempts:
        r = out.setdefault(a["role"], {"role": a["role"], "attempts": 0, "working_s": 0.0, "measured": 0,
                                       "on_time": 0, "people": [], "_actual": []})
        r["attempts"] += 1
        r["working_s"] += a["actual_s"]
        r["_actual"].append(a["actual_s"])
        if a["on_time"] is not None:
            r["measured"] += 1
            r["on_time"] += bool(a["on_time"])
        if a["actor"] and a["actor"] not in r["people"]:
            r["people"].append(a["actor"])
    for r in out.values():
        r["median_s"] = quantile(r.pop("_actual"), 0.5)
        r["on_time_rate"] = _rate(r["on_time"], r["measured"])
    return sorted(out.values(), key=lambda r: (-r["attempts"], r["role"]))


def period_stats(figs: list[dict], start, end, sop_id: str | None = None) -> dict:
    """Statistics of the runs in `figs` (already those of the period), one block per SOP."""
    groups: dict[str, list[dict]] = {}
    for f in figs:
        groups.setdefault(f["sop_id"], []).append(f)
    return {"schema": SCHEMA, "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None, "sop": sop_id, "runs": run_counts(figs),
            "sops": [sop_stats(groups[k]) for k in sorted(groups)]}
