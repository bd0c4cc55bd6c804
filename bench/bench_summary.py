"""Summary: the whole process `soptui summary RUN --format json` against the floor
`python -c "import rich, tinydb, dateutil"`, alternately, median of ROUNDS each. Goal: <= 2.0.
Before that, the timing computation alone for a 200-step SOP run with 50 rework loops (goal < 50 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, alternate, ms  # noqa: E402
from generate import populate, run_events, sop_text  # noqa: E402

from soptui.calendar import OfficeCalendar  # noqa: E402
from soptui.runs import fold  # noqa: E402
from soptui.timing import time_run  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
GOAL = 2.0


def timing_alone() -> None:
    docs = run_events(sop_text(200, 60), "big", rework_loops=50)
    state = fold(docs, "big")
    cal = OfficeCalendar()
    time_run(state, cal, state.finished_at)  # the holiday tables load once per process
    samples = []
    for _ in range(15):
        t0 = time.perf_counter()
        time_run(fold(docs, "big"), OfficeCalendar(), state.finished_at)
        samples.append(time.perf_counter() - t0)
    attempts = sum(len(s.attempts) for s in state.steps.values())
    print(f"timing computation, 200 steps, {state.rework_loops} rework loops, {attempts} attempts "
          f"(fold + time_run): median {statistics.median(samples) * 1000:.1f} ms (goal: < 50 ms)")


def main() -> None:
    timing_alone()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        text = sop_text(12, 2)
        (tmp / "sops").mkdir()
        (tmp / "sops" / "bench-sop.toml").write_text(text)
        (tmp / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\nlang = "en"\n')
        run = populate(tmp / "data", 1, run_events(text, "bench-sop", rework_loops=1))[0]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        floor, summary = alternate(
            [PYTHON, "-c", "import rich, tinydb, dateutil"],
            [str(Path(PYTHON).with_name("soptui")), "--config", str(tmp / "soptui.toml"), "summary", run,
             "--format", "json"],
            ROUNDS, env=env)
    print(f"floor (import rich, tinydb, dateutil): {ms(floor)}")
    print(f"soptui summary RUN --format json: {ms(summary)}")
    print(f"ratio: {statistics.median(summary) / statistics.median(floor):.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
