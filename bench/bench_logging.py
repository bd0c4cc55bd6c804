"""Logging: the time to append one step-completed event, durable (fsync + rename) and locked,
to a run when the data folder holds 0, 1,000 and 10,000 runs. Goal: 10,000 / 0 <= 1.5.

Measured two ways: the store's append alone (lock, fresh read, atomic write) and the whole
recording path (RunService.complete: rules, append, index row). Each sample appends to a run of
the same size (complete step 1, then undo it, alternately) so only the folder size changes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import WIB, populate, run_events, sop_text  # noqa: E402

from soptui import runs  # noqa: E402
from soptui.service import RunService  # noqa: E402
from soptui.sopfile import parse_text  # noqa: E402

SAMPLES = int(os.environ.get("BENCH_SAMPLES", "40"))
GOAL = 1.5
SIZES = (0, 1000, 10000)


def measure(data: Path) -> tuple[float, float]:
    text = sop_text(12, 2)
    loaded = parse_text(text, "bench", "bench-sop")
    start = run_events(text, "bench-sop", rework_loops=0)[0]["at"]
    clock_now = [None]
    svc = RunService(data, WIB, clock=lambda: clock_now[0])
    from datetime import datetime
    moment = datetime.fromisoformat(start)
    clock_now[0] = moment + timedelta(days=1)
    run = svc.start(loaded, title="bench", operator="op", at=moment)
    store_times, service_times = [], []
    for i in range(SAMPLES):
        clock_now[0] += timedelta(minutes=1)
        if i % 2 == 0:
            # the store alone: lock, fresh read, one durable append
            with svc.store.transaction(run) as tx:
                new = runs.complete_step(tx.events, run, 1, at=clock_now[0], now=clock_now[0], actor="x")
                t0 = time.perf_counter()
                tx.append(new)
            store_times.append(time.perf_counter() - t0)
            svc.undo(run, "bench")
        else:
            t0 = time.perf_counter()
            svc.complete(run, 1, at=clock_now[0], actor="x")
            service_times.append(time.perf_counter() - t0)
            svc.undo(run, "bench")
    return statistics.median(store_times), statistics.median(service_times)


def main() -> None:
    text = sop_text(12, 2)
    docs = run_events(text, "bench-sop", rework_loops=1)
    results = {}
    for size in SIZES:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            t0 = time.perf_counter()
            populate(Path(tmp) / "data", size, docs)
            made = time.perf_counter() - t0
            results[size] = measure(Path(tmp) / "data")
            print(f"{size:>6} runs in the folder (made in {made:.1f} s): store append median "
                  f"{results[size][0] * 1000:.2f} ms; whole recording path median {results[size][1] * 1000:.2f} ms")
    service_ratio = results[10000][1] / results[0][1]
    print(f"whole recording path, 10,000 / 0: {service_ratio:.2f}")
    ratio = results[10000][0] / results[0][0]
    print(f"ratio: {ratio:.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
