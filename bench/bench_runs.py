"""The run list at scale: `soptui runs` against `soptui runs --json`, and rebuilding a lost index.

For each size N (argument; default 2,000; e.g. `bench_runs.py 2000 10000`), a data folder of N
runs of the repository's SOPs, with an up-to-date index, then:

1. Listing: the whole processes `python -m soptui --config FILE runs` (the table, 80 and 120
   columns, written to a file) and `... runs --json`, alternately, median of ROUNDS each.
   Goal: table <= 1.5 x JSON, at 80 columns and at 120.
2. Rebuilding: the index folder is deleted and `... runs --json` rebuilds it from the run files
   (median of REBUILD_ROUNDS whole processes; BENCH_REBUILD_ROUNDS, default 3).
3. The home screen while the index is rebuilt: a driver runs the real command line (`soptui
   --config FILE`, headless) with the index deleted and records, from process spawn, the first
   paint, the moment the runs table shows its first row and all N; and, from the first paint
   until all rows are shown, the longest gap between two ticks of a 10 ms timer (how long the
   screen could not answer) and how long the Tab key, pressed every 100 ms,
   took at worst to move the focus.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, alternate, check_import, child_env, machine, ms, run_process, temp_dir  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
REBUILD_ROUNDS = int(os.environ.get("BENCH_REBUILD_ROUNDS", "3"))
SIZES = [int(a) for a in sys.argv[1:]] or [2000]
GOAL = 1.5

# argv: N, config. Prints "<paint> <first rows> <all rows> <longest gap> <slowest key> <keys>"
# (moments as time.time(); gap and key in seconds).
TUI = """
import sys, time
from textual.app import App
from soptui import app as app_module
from soptui.cli import main

N = int(sys.argv[1])
MARK = {}

class Measured(app_module.SoptuiApp):
    def on_mount(self):  # Textual also calls SoptuiApp.on_mount (handlers run for each class)
        self.call_after_refresh(self.painted)

    def painted(self):
        MARK["paint"] = time.time()
        self.last = time.perf_counter()
        self.gap = 0.0
        self.key = None  # (pressed at, the focused widget then) until answered
        self.pressed = 0.0
        self.slowest = 0.0
        self.keys = 0
        self.set_interval(0.01, self.tick)
        self.press()

    def press(self):
        self.key = (time.perf_counter(), self.focused)
        self.simulate_key("tab")

    def rows(self):
        from textual.widgets import DataTable
        try:
            return self.screen.query_one("#runs", DataTable).row_count
        except Exception:
            return 0

    def tick(self):
        now = time.perf_counter()
        self.gap = max(self.gap, now - self.last)
        self.last = now
        if self.key is not None and self.focused is not self.key[1]:
            self.slowest = max(self.slowest, now - self.key[0])
            self.keys += 1
            self.pressed, self.key = self.key[0], None
        if self.key is not None:  # not answered yet
            self.slowest = max(self.slowest, now - self.key[0])
        elif now - self.pressed >= 0.1:  # the next press, 100 ms after the last one
            self.press()
        rows = self.rows()
        if rows and "first" not in MARK:
            MARK["first"] = time.time()
        if rows >= N:
            MARK.update(all=time.time(), gap=self.gap, slowest=self.slowest, keys=self.keys)
            self.exit()

    def run(self, **kwargs):
        return App.run(self, headless=True, size=(100, 30))

app_module.SoptuiApp = Measured
sys.stdin.isatty = sys.stdout.isatty = lambda: True  # the command checks for a terminal
code = main(["--config", sys.argv[2]])
print(*(MARK[k] for k in ("paint", "first", "all", "gap", "slowest", "keys")))
sys.exit(code)
"""


def rebuild(argv: list[str], env: dict, cwd: Path, index: Path) -> float:
    shutil.rmtree(index, ignore_errors=True)
    return run_process(argv, env, cwd).wall


def tui(argv: list[str], env: dict, cwd: Path, index: Path) -> list[float]:
    shutil.rmtree(index, ignore_errors=True)
    spawned = time.time()
    fields = run_process(argv, env, cwd).out.split()
    if len(fields) != 6:
        raise SystemExit(f"driver printed {fields!r}")
    paint, first, full = (float(f) - spawned for f in fields[:3])
    return [paint, first, full, float(fields[3]), float(fields[4]), float(fields[5])]


def one_size(count: int, tmp: Path) -> list[float]:
    from generate import check_folder, populate, repo_sops, run_pool
    from soptui.calendar import OfficeCalendar

    t0 = time.perf_counter()
    config = tmp / "soptui.toml"
    config.write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\nlang = "id"\n',
                      encoding="utf-8")
    data = tmp / "data"
    populate(data, count, run_pool(repo_sops(), 40), calendar=OfficeCalendar())
    check_folder(data)
    size = sum(p.stat().st_size for p in (data / "runs").iterdir()) / 1e6
    print(f"\n{count:,} runs ({size:.0f} MB of run files), made in {time.perf_counter() - t0:.1f} s")
    env = child_env(tmp)
    check_import(env, tmp)
    base = [PYTHON, "-m", "soptui", "--config", str(config), "runs"]
    json_argv = base + ["--json"]
    ratios = []
    for columns in (80, 120):
        env_c = {**env, "COLUMNS": str(columns)}
        listed = run_process(base, env_c, tmp).out
        lines = [line for line in listed.splitlines() if line.strip()]
        if len(lines) < count or max(len(line) for line in lines) > columns:
            raise SystemExit(f"`runs` printed {len(lines)} lines, widest {max(map(len, lines))}, "
                             f"for {count} runs at {columns} columns")
        text, as_json = alternate(base, json_argv, ROUNDS, env_c, tmp)
        ratio = statistics.median(r.wall for r in text) / statistics.median(r.wall for r in as_json)
        ratios.append(ratio)
        print(f"  runs, table at {columns} columns: {ms([r.wall for r in text])}; "
              f"CPU {statistics.median(r.cpu for r in text) * 1000:.0f} ms")
        print(f"  runs --json:                 {ms([r.wall for r in as_json])}; "
              f"CPU {statistics.median(r.cpu for r in as_json) * 1000:.0f} ms")
        print(f"  table / JSON at {columns} columns: {ratio:.2f} (goal: {GOAL})")

    index = data / "index"
    times = [rebuild(json_argv, env, tmp, index) for _ in range(REBUILD_ROUNDS)]
    print(f"  runs --json with the index deleted (rebuilt from the run files): {ms(times)}")

    driver = [PYTHON, "-c", TUI, str(count), str(config)]
    tui(driver, env, tmp, index)  # warm-up
    marks = [tui(driver, env, tmp, index) for _ in range(REBUILD_ROUNDS)]
    paint, first, full, gap, key, keys = (statistics.median(m[i] for m in marks) for i in range(6))
    print(f"  home screen with the index deleted (median of {len(marks)}): first paint {paint * 1000:.0f} ms, "
          f"first run row {first:.2f} s, all {count:,} rows {full:.2f} s")
    print(f"    meanwhile: longest stall of the screen {gap * 1000:.0f} ms; slowest key {key * 1000:.0f} ms "
          f"({keys:.0f} keys answered)")
    return ratios


def main() -> None:
    print(f"{machine()}; sizes {', '.join(f'{n:,}' for n in SIZES)}; {ROUNDS} rounds")
    worst = 0.0
    for count in SIZES:
        with temp_dir() as tmp:
            worst = max(worst, *one_size(count, Path(tmp)))
    print(f"ratio: {worst:.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
