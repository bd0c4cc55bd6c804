"""Start-up: from process start to the first painted home screen, headless, with the repository's
SOPs and 1,000 runs in the data folder, against a bare Textual app that shows one Static.

Both are whole processes (`python -c DRIVER`), spawned alternately, median of ROUNDS each.
A driver runs the real command line (`soptui --config FILE`, which opens the home screen) with
Textual headless, and records the moment right after the first refresh of the first screen
(`call_after_refresh` from the app's on_mount); the bare app does the same. The figure is that
moment minus the moment the process was spawned. Also shown: the time to process exit, and the
times until the home screen lists the SOPs and the first runs, then all 1,000 runs (moments taken
the same way, after the refresh that shows them).
Goal: first paint ratio <= 1.3.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, check_import, child_env, machine, ms, run_process, temp_dir  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
RUNS = 1000
GOAL = 1.3

# argv[1]: "paint" (right after the first refresh) or a number N (after the refresh that follows
# the screen's tables holding N rows in all). Prints "<moment> <screen> <rows in its tables>".
HOOK = """
import sys, time
MODE = sys.argv[1]
MARK = []

def hook(app):
    def rows():  # imports DataTable only after the moment is taken: the bare app does not use it
        from textual.widgets import DataTable
        return sum(t.row_count for t in app.screen.query(DataTable))
    def done():
        MARK[:] = [time.time(), type(app.screen).__name__, rows()]
        app.exit()
    if MODE == "paint":
        app.call_after_refresh(done)
    else:
        def poll():
            if rows() >= int(MODE):
                timer.stop()
                app.call_after_refresh(done)
        timer = app.set_interval(0.002, poll)

def report():
    print(*MARK)
"""

BARE = HOOK + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("soptui")
    def on_mount(self):
        hook(self)

Bare().run(headless=True)
report()
"""

SOPTUI = HOOK + """
from textual.app import App
from soptui import app as app_module
from soptui.cli import main

class Measured(app_module.SoptuiApp):
    def on_mount(self):  # Textual also calls SoptuiApp.on_mount (handlers run for each class)
        hook(self)

    def run(self, **kwargs):
        return App.run(self, headless=True)

app_module.SoptuiApp = Measured
sys.stdin.isatty = sys.stdout.isatty = lambda: True  # the command checks for a terminal
code = main(["--config", sys.argv[2]])
report()
sys.exit(code)
"""


def measure(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, str, int]:
    """(to the recorded moment, to exit, screen name, table rows) for one process."""
    spawned = time.time()
    done = run_process(argv, env, cwd)
    fields = done.out.split()
    if len(fields) != 3:
        raise SystemExit(f"driver printed {done.out!r}")
    return float(fields[0]) - spawned, done.wall, fields[1], int(fields[2])


def main() -> None:
    from generate import check_folder, populate, repo_sops, run_pool
    from soptui.calendar import OfficeCalendar

    with temp_dir() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        sops = repo_sops()
        config = tmp / "soptui.toml"
        config.write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\nlang = "id"\n',
                          encoding="utf-8")
        # Index rows as the commands write them (with the office calendar: lateness included).
        populate(tmp / "data", RUNS, run_pool(sops, 40), calendar=OfficeCalendar())
        check_folder(tmp / "data")
        print(f"data folder: {len(sops)} SOPs, {RUNS} runs, made in {time.perf_counter() - t0:.1f} s; {machine()}")
        env = child_env(tmp)
        check_import(env, tmp)
        expected = len(sops) + RUNS
        bare = [PYTHON, "-c", BARE, "paint"]
        app = {mode: [PYTHON, "-c", SOPTUI, mode, str(config)]
               for mode in ("paint", str(len(sops) + 1), str(expected))}

        for argv in (bare, *app.values()) * 2:  # warm-up; it also fills the bytecode cache
            *_, screen, rows = measure(argv, env, tmp)
        if screen != "HomeScreen" or rows < expected:
            raise SystemExit(f"the app showed {screen} with {rows} rows, expected HomeScreen with {expected}")

        paint = {"bare": [], "app": []}
        exits = {"bare": [], "app": []}
        listed, filled = [], []
        for i in range(ROUNDS):
            for who in (("bare", "app") if i % 2 == 0 else ("app", "bare")):
                first, to_exit, screen, _ = measure(bare if who == "bare" else app["paint"], env, tmp)
                if who == "app" and screen != "HomeScreen":
                    raise SystemExit(f"the first screen was {screen}, not the home screen")
                paint[who].append(first)
                exits[who].append(to_exit)
            listed.append(measure(app[str(len(sops) + 1)], env, tmp)[0])
            filled.append(measure(app[str(expected)], env, tmp)[0])

    base = statistics.median(paint["bare"])
    print(f"bare Textual app (one Static), to first paint: {ms(paint['bare'])}")
    print(f"soptui home ({len(sops)} SOPs, {RUNS} runs), to first paint: {ms(paint['app'])}")
    print(f"  to process exit: bare {ms(exits['bare'])}; soptui {ms(exits['app'])}; "
          f"ratio {statistics.median(exits['app']) / statistics.median(exits['bare']):.2f}")
    print(f"  soptui home with the SOPs and the first runs listed: {ms(listed)}; "
          f"{statistics.median(listed) / base:.2f} x the bare app's first paint")
    print(f"  soptui home with all {RUNS} runs listed: {ms(filled)}; "
          f"{statistics.median(filled) / base:.2f} x the bare app's first paint")
    print(f"ratio: {statistics.median(paint['app']) / base:.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
