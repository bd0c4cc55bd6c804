"""What one SOP's statistics need from a set of runs, in a form that merges exactly.

A partial holds counts (summed on merge), every working and standard time (kept whole, so the
median and 90th percentile of merged partials are those of the runs themselves: percentiles
cannot be summed, lists can be joined), the people per role with their attempt counts, and the
step names of the latest run (the latest wins on merge, by start moment then run id: the order
source.period_figs gives). period.finish turns a partial into the statistics. Pure and JSON-ready:
keys are strings, so a partial can be kept (buckets.py) and read back unchanged.
"""

from __future__ import annotations

from datetime import datetime

from .runfigs import A_ACTOR, A_ACTUAL, A_ON_TIME, A_STD, A_STEP, A_VERDICT, S_NO, S_PELAKSANA

RUNS = ("started", "finished", "cancelled", "in_progress")


def empty() -> dict:
    return {"runs": [0, 0, 0, 0], "timed": 0, "loops": 0, "latest": None, "known": {}, "steps": {}, "roles": {}}


def order_key(f: dict) -> list:
    """A run's place among the runs of a period: its start moment, then its id."""
    return [datetime.fromisoformat(f["started_at"]).timestamp(), f["id"]]


def empty_step() -> dict:
    return {"actual": [], "std": [], "measured": 0, "on_time": 0, "reached": 0, "ya": 0, "tidak": 0}


def _step(steps: dict, no: str) -> dict:
    s = steps.get(no)
    if s is None:
        s = steps[no] = empty_step()
    return s


def _role(roles: dict, name: str) -> dict:
    r = roles.get(name)
    if r is None:
        r = roles[name] = {"actual": [], "measured": 0, "on_time": 0, "people": {}}
    return r


def add(p: dict, f: dict) -> None:
    """Fold one run's kept figures into `p`."""
    key = order_key(f)
    status = f["status"]
    p["runs"][0] += 1
    if status in RUNS[1:]:
        p["runs"][RUNS.index(status)] += 1
    if p["latest"] is None or key > p["latest"][:2]:
        p["latest"] = [*key, f["sop_id"], f["sop"]["nomor"], f["sop"]["nama"]]
    known = p["known"]
    for s in f["sop"]["steps"]:
        no = str(s[S_NO])
        mine = known.get(no)
        if mine is None or key > mine[:2]:
            known[no] = [*key, s]
    if status == "cancelled":
        return  # counted, never timed
    p["timed"] += 1
    p["loops"] += f["rework_loops"]
    roles_of = {s[S_NO]: s[S_PELAKSANA] for s in f["sop"]["steps"]}  # the role in this run's SOP copy
    steps, roles = p["steps"], p["roles"]
    reached = set()
    for a in f["attempts"]:
        no = a[A_STEP]
        reached.add(no)
        s = _step(steps, str(no))
        r = _role(roles, roles_of.get(no, ""))
        actual, on_time = a[A_ACTUAL], a[A_ON_TIME]
        s["actual"].append(actual)
        r["actual"].append(actual)
        if a[A_STD] is not None:
            s["std"].append(a[A_STD])
        if on_time is not None:
            s["measured"] += 1
            r["measured"] += 1
            if on_time:
                s["on_time"] += 1
                r["on_time"] += 1
        if a[A_VERDICT] in ("ya", "tidak"):
            s[a[A_VERDICT]] += 1
        if a[A_ACTOR]:
            r["people"][a[A_ACTOR]] = r["people"].get(a[A_ACTOR], 0) + 1
    for no in reached:
        steps[str(no)]["reached"] += 1


def of_runs(figs: list[dict]) -> dict:
    p = empty()
    for f in figs:
        add(p, f)
    return p


def merge(parts: list[dict]) -> dict:
    """One partial of many (the lists joined, the counts summed, the latest names kept)."""
    out = empty()
    for p in parts:
        out["runs"] = [a + b for a, b in zip(out["runs"], p["runs"])]
        out["timed"] += p["timed"]
        out["loops"] += p["loops"]
        if p["latest"] is not None and (out["latest"] is None or p["latest"][:2] > out["latest"][:2]):
            out["latest"] = p["latest"]
        for no, mine in p["known"].items():
            have = out["known"].get(no)
            if have is None or mine[:2] > have[:2]:
                out["known"][no] = mine
        for no, s in p["steps"].items():
            o = _step(out["steps"], no)
            o["actual"] += s["actual"]
            o["std"] += s["std"]
            for k in ("measured", "on_time", "reached", "ya", "tidak"):
                o[k] += s[k]
        for name, r in p["roles"].items():
            o = _role(out["roles"], name)
            o["actual"] += r["actual"]
            o["measured"] += r["measured"]
            o["on_time"] += r["on_time"]
            for person, n in r["people"].items():
                o["people"][person] = o["people"].get(person, 0) + n
    return out


def sort_lists(p: dict) -> dict:
    """The times in order (kept so: joining sorted lists sorts in near-linear time)."""
    for s in p["steps"].values():
        s["actual"].sort()
        s["std"].sort()
    for r in p["roles"].values():
        r["actual"].sort()
    return p
