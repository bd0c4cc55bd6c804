"""Summary: the whole process `python -m soptui --config FILE summary RUN --format json` against the
floor `python -c "import rich, tinydb, dateutil"`, spawned alternately, median of ROUNDS each.
Goal: <= 2.0. The data folder holds 1,000 runs of the repository's SOPs; RUN is one of them.

Before that, the timing computation alone: timing.time_run for a run of a 200-step SOP with 50
rework loops, on a fresh office calendar each time (as one command gets it; the holiday dates
themselves are loaded once per process, before). Goal: < 50 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, alternate, check_import, child_env, machine, ms, run_process, temp_dir  # noqa: E402
from generate import EPOCH, check_folder, populate, repo_sops, run_events, run_pool, sop_text  # noqa: E402

from soptui import runs  # noqa: E402
from soptui.calendar import OfficeCalendar  # noqa: E402
from soptui.timing import time_run  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "15"))
RUNS = 1000
GOAL = 2.0
TIMING_GOAL_MS = 50


def timing_alone() -> None:
    t0 = time.perf_counter()
    docs = run_events(sop_text(200, 60, seed=7), "sintetis-200", rework_loops=50, seed=7, corrections=3)
    state = runs.fold(docs, "big")
    if state.rework_loops != 50 or state.status != "finished":
        raise SystemExit(f"generated run has {state.rework_loops} loops, status {state.status}")
    attempts = sum(len(s.attempts) for s in state.steps.values())
    made = time.perf_counter() - t0
    now = state.finished_at
    time_run(state, OfficeCalendar(), now)  # loads the holiday dates of the years involved, once
    alone, with_fold = [], []
    for i in range(SAMPLES):
        t0 = time.perf_counter()
        time_run(state, OfficeCalendar(), now)
        alone.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        time_run(runs.fold(docs, "big"), OfficeCalendar(), now)
        with_fold.append(time.perf_counter() - t0)
    print(f"run of a 200-step SOP: {state.rework_loops} rework loops, {attempts} attempts, {len(docs)} events "
          f"(generated in {made:.1f} s)")
    print(f"  fold + time_run: {ms(with_fold)}")
    print(f"timing computation (time_run), 200 steps, 50 rework loops: {ms(alone)} (goal: < {TIMING_GOAL_MS} ms)")


def main() -> None:
    print(machine())
    timing_alone()
    with temp_dir() as tmp:
        tmp = Path(tmp)
        sops = repo_sops()
        pool = run_pool(sops, 40)
        (tmp / "soptui.toml").write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\n'
                                         'lang = "id"\n', encoding="utf-8")
        ids = populate(tmp / "data", RUNS, pool, calendar=OfficeCalendar())
        check_folder(tmp / "data")
        # The run to summarise: a finished one with the most events.
        from soptui.service import RunService
        svc = RunService(tmp / "data", OfficeCalendar().tz)
        run = max(ids[:200], key=lambda i: (svc.state(i).status == "finished", len(svc.events(i))))
        state = svc.state(run)
        print(f"RUN: {run} ({state.sop.id}, {len(state.sop.steps)} steps, {len(state.events)} events, "
              f"{state.rework_loops} rework loops) among {RUNS} runs")
        env = child_env(tmp)
        check_import(env, tmp)
        floor = [PYTHON, "-c", "import rich, tinydb, dateutil"]
        summary = [PYTHON, "-m", "soptui", "--config", str(tmp / "soptui.toml"), "summary", run, "--format", "json"]
        out = run_process(summary, env, tmp).out  # also writes the holiday cache, as a first run does
        data = json.loads(out)
        if not isinstance(data, dict) or not data:
            raise SystemExit(f"summary printed no JSON object: {out[:200]!r}")
        t_floor, t_summary = alternate(floor, summary, ROUNDS, env, tmp)
    wall_f, wall_s = [x.wall for x in t_floor], [x.wall for x in t_summary]
    cpu_f, cpu_s = [x.cpu for x in t_floor], [x.cpu for x in t_summary]
    print(f"floor (python -c 'import rich, tinydb, dateutil'): {ms(wall_f)}")
    print(f"soptui summary RUN --format json: {ms(wall_s)}")
    print(f"  CPU time (user + system): floor {ms(cpu_f)}; summary {ms(cpu_s)}; "
          f"ratio {statistics.median(cpu_s) / statistics.median(cpu_f):.2f}")
    print(f"ratio: {statistics.median(wall_s) / statistics.median(wall_f):.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
