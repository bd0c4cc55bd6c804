"""Logging: the time to append one step-completed event to a run, durable (temporary file, fsync,
rename, fsync of the folder) and under the run's cross-process lock, when the data folder holds
0, 1,000 and 10,000 runs. Goal: 10,000 / 0 <= 1.5 (the cost must not grow with history).

Two figures per folder size, sampled alternately on the same run:
- store append: Store.transaction (lock, fresh read of the run file) + RunTransaction.append
  (one atomic durable write), with the event built beforehand by the rules;
- whole recording path: RunService.complete as the command line builds it (with the office
  calendar): lock, read, rules, append, fold, index row (timing figures) and its shard update.
After each sample the completion is undone (RunService.undo, not timed), so every sample appends
the same kind of event to a run whose size differs only by those pairs, in every folder.
The folders are generated (bench/generate.py): valid runs of the repository's SOPs, written
directly, with index shards as the service writes them.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, temp_dir  # noqa: E402
from generate import EPOCH, WIB, check_folder, populate, repo_sops, run_pool  # noqa: E402

from soptui import runs  # noqa: E402
from soptui.calendar import CalendarSettings, OfficeCalendar  # noqa: E402
from soptui.holidaycache import office_calendar  # noqa: E402
from soptui.service import RunService  # noqa: E402
from soptui.sopfile import parse_text  # noqa: E402

SAMPLES = int(os.environ.get("BENCH_SAMPLES", "40"))  # of each kind, per folder size
GOAL = 1.5
SIZES = (0, 1000, 10000)


class Subject:
    """A data folder with one run that the samples append to."""

    def __init__(self, data: Path, sop_id: str, text: str):
        loaded = parse_text(text, sop_id, sop_id)
        self.clock = EPOCH + timedelta(days=400)
        self.svc = RunService(data, WIB, clock=lambda: self.clock,
                              calendar=office_calendar(CalendarSettings(), data))  # as cli.context.service
        self.run = self.svc.start(loaded, title="bench", operator="op", at=self.clock)
        self.step = loaded.sop.steps[0].no
        self.samples = 0

    def store_append(self) -> float:
        svc, run = self.svc, self.run
        self.clock += timedelta(minutes=1)
        docs = svc.store.read_events(run)
        new = runs.complete_step(docs, run, self.step, at=self.clock, now=self.clock, actor="x")
        t0 = time.perf_counter()
        with svc.store.transaction(run) as tx:
            tx.append(new)
        elapsed = time.perf_counter() - t0
        self.undo()
        return elapsed

    def service_complete(self) -> float:
        self.clock += timedelta(minutes=1)
        t0 = time.perf_counter()
        self.svc.complete(self.run, self.step, at=self.clock, actor="x")
        elapsed = time.perf_counter() - t0
        self.undo()
        return elapsed

    def undo(self) -> None:
        self.svc.undo(self.run, "bench")
        self.samples += 1

    def check(self) -> None:
        state = self.svc.state(self.run)
        if state.current != self.step or len(state.events) != 1 + 2 * self.samples:
            raise SystemExit(f"{self.run}: unexpected state after the samples")


def main() -> None:
    sops = repo_sops()
    sop_id = sorted(sops)[0]
    pool = run_pool(sops, 40)
    calendar = OfficeCalendar()
    print(f"{machine()}; {SAMPLES} samples of each, per folder size, the sizes in turn")
    with temp_dir() as tmp:
        subjects = {}
        for size in SIZES:
            data = Path(tmp) / f"data-{size}"
            t0 = time.perf_counter()
            populate(data, size, pool, seed=size, calendar=calendar)
            if size:
                check_folder(data)
            print(f"{size:>6} runs: folder made in {time.perf_counter() - t0:4.1f} s")
            subjects[size] = Subject(data, sop_id, sops[sop_id])
        store_t = {size: [] for size in SIZES}
        service_t = {size: [] for size in SIZES}
        for i in range(SAMPLES + 1):
            for size in SIZES if i % 2 == 0 else reversed(SIZES):
                s = subjects[size]
                a, b = (s.store_append(), s.service_complete()) if i % 2 == 0 else \
                    tuple(reversed((s.service_complete(), s.store_append())))
                if i:  # the first round warms the caches
                    store_t[size].append(a)
                    service_t[size].append(b)
        for s in subjects.values():
            s.check()
    med = {size: (statistics.median(store_t[size]), statistics.median(service_t[size])) for size in SIZES}
    for size in SIZES:
        print(f"{size:>6} runs in the folder: store append median {med[size][0] * 1000:.2f} ms "
              f"(min {min(store_t[size]) * 1000:.2f}); whole recording path median {med[size][1] * 1000:.2f} ms "
              f"(min {min(service_t[size]) * 1000:.2f})")
    print(f"whole recording path (RunService.complete), 10,000 / 0: {med[10000][1] / med[0][1]:.2f} (goal: {GOAL})")
    print(f"ratio: {med[10000][0] / med[0][0]:.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
