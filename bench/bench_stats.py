"""Statistics across runs: whole processes, against `soptui summary RUN --format json` of one run in
the same data folder, spawned alternately, median of ROUNDS each. Goal: <= 3.0 for each.

1. `soptui stats SOP --format json` over 1,000 runs of that SOP;
2. `soptui monitor --from 2025-01-01 --to 2025-12-31 --format json` over 5 SOPs x 1,000 runs.

The data folders are written straight to disk (generate.populate: run files and index rows, no
step figures). The first command after that finds no kept figures and builds them from the run
files, and the partials per (SOP, month) from those (measured once, "cold"); every later one
reads the partials of the period's months. Last, "after a run changed": before each of ROUNDS
calls one more run's file has its change time moved (as a write would; a run in progress, then
a finished one), so each call finds that run's figures stale (rebuilt from its file) and its
month out of date (folded again from the figures of that month's runs): the first statistics
after some work.
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
from generate import check_folder, populate, repo_sops, run_pool  # noqa: E402

from soptui.calendar import OfficeCalendar  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
RUNS = 1000
GOAL = 3.0
SOP = "satpolpp-perencanaan-kinerja"
YEAR = ["--from", "2025-01-01", "--to", "2025-12-31"]


def folder(tmp: Path, name: str, sops: dict[str, str], count: int) -> tuple[Path, list[str]]:
    base = tmp / name
    base.mkdir()
    (base / "soptui.toml").write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\n'
                                      'lang = "id"\n', encoding="utf-8")
    t0 = time.perf_counter()
    ids = populate(base / "data", count, run_pool(sops, 10 * len(sops)), calendar=OfficeCalendar())
    check_folder(base / "data")
    print(f"{name}: {count} runs of {len(sops)} SOP(s) written in {time.perf_counter() - t0:.1f} s")
    return base, ids


def compare(label: str, base: Path, command: list[str], run_id: str, env: dict) -> float:
    cfg = ["--config", str(base / "soptui.toml")]
    measured = [PYTHON, "-m", "soptui", *cfg, *command]
    summary = [PYTHON, "-m", "soptui", *cfg, "summary", run_id, "--format", "json"]
    cold = run_process(measured, env, base)  # builds and keeps every run's figures
    data = json.loads(cold.out)
    blocks = data.get("sops") or data.get("rows") or []
    print(f"{label}: first call (figures built from the run files): {cold.wall * 1000:.0f} ms; {len(blocks)} SOP(s)")
    t_cmd, t_sum = alternate(measured, summary, ROUNDS, env, base)
    wall_c, wall_s = [x.wall for x in t_cmd], [x.wall for x in t_sum]
    ratio = statistics.median(wall_c) / statistics.median(wall_s)
    print(f"  {label}: {ms(wall_c)}")
    print(f"  summary RUN --format json: {ms(wall_s)}")
    print(f"  CPU: {ms([x.cpu for x in t_cmd])} vs {ms([x.cpu for x in t_sum])}")
    print(f"  ratio: {ratio:.2f} (goal: <= {GOAL})")
    for state in ("in_progress", "finished"):
        changed = after_change(measured, base, env, state)
        print(f"  after a run {state.replace('_', ' ')} changed: {ms([x.wall for x in changed])}; "
              f"CPU {ms([x.cpu for x in changed])}")
    return ratio


def after_change(measured: list[str], base: Path, env: dict, status: str) -> list:
    """ROUNDS calls, each after one more run of 2025 with this status had its file changed (as a
    write would): its figures are rebuilt from the file, its month folded again."""
    from soptui.store import Store

    figs = Store(base / "data").stepfigs()
    ids = [k for k, f in sorted(figs.items()) if f["status"] == status and f["started_at"].startswith("2025")]
    out = []
    for i, run_id in enumerate(ids[:ROUNDS]):
        stamp = time.time_ns() + i
        os.utime(base / "data" / "runs" / f"{run_id}.json", ns=(stamp, stamp))
        out.append(run_process(measured, env, base))
    return out


def main() -> None:
    print(machine())
    sops = repo_sops()
    with temp_dir() as tmp:
        tmp = Path(tmp)
        env = child_env(tmp)
        one, ids = folder(tmp, "one-sop", {SOP: sops[SOP]}, RUNS)
        check_import(env, one)
        compare(f"stats {SOP} (1,000 runs)", one, ["stats", SOP, "--format", "json"], ids[0], env)
        five, ids = folder(tmp, "five-sops", sops, 5 * RUNS)
        compare("monitor, 2025 (5 SOPs x 1,000 runs)", five, ["monitor", *YEAR, "--format", "json"], ids[0], env)


if __name__ == "__main__":
    main()
