"""Start-up: from process start to the home screen as the clerk needs it, headless, with the
repository's SOPs and 1,000 then 10,000 runs in the data folder, against a bare Textual app that
shows one Static.

Headline: "the home screen as the clerk needs it" — the SOPs listed, the hot index read (every
run in progress with the due view's data: current step, role, ready and due moments; and the
newest runs), and the first screenful of runs drawn with the latest run in progress selected —
against the bare app's first paint. Goal: <= 1.5 with 1,000 runs, <= 1.6 with 10,000. The whole
index (checked against the run files) is read after that screenful is painted and extends the
list: "all runs in the table" (1,000 runs) includes it.

Both are whole processes (`python -c DRIVER`), spawned alternately, median of ROUNDS each.
A driver runs the real command line (`soptui --config FILE`, which opens the home screen) with
Textual headless, and records the moment right after the refresh that shows what is measured
(`call_after_refresh`); the bare app records its first refresh. The figure is that moment minus
the moment the process was spawned. Also shown: soptui's own first paint (goal 1.3), the time to
process exit, and (1,000 runs) the time until all runs are in the table.
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
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000").split(","))
GOALS = {1000: 1.5, 10000: 1.6}  # the headline's, by runs in the folder
PAINT_GOAL = 1.3

# argv[1]: "paint" (right after the first refresh), "clerk:N" (after the refresh that follows the
# library listing its N SOPs and the run list its first run), or a number N (after the refresh that
# follows the screen's tables holding N rows in all). Prints "<moment> <CPU seconds so far> <screen>
# <rows>".
HOOK = """
import sys, time
MODE = sys.argv[1]
MARK = []

def hook(app):
    def rows():  # imports DataTable only after the moment is taken: the bare app does not use it
        from textual.widgets import DataTable
        return sum(t.row_count for t in app.screen.query(DataTable))
    def ready():
        if MODE.startswith("clerk:"):  # every SOP and the first runs (the hot rows come all at once)
            screen = app.screen
            try:
                return (screen.query_one("#sops").row_count >= int(MODE[6:])
                        and screen.query_one("#runs").row_count >= 1)
            except Exception:  # not home (yet)
                return False
        return rows() >= int(MODE)
    def done():
        MARK[:] = [time.time(), time.process_time(), type(app.screen).__name__, rows()]
        app.exit()
    if MODE == "paint":
        app.call_after_refresh(done)
    else:
        def poll():
            if ready():
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


CPU: dict[str, list[float]] = {}  # what -> CPU seconds of the process until its moment


def measure(argv: list[str], env: dict, cwd: Path, what: str = "") -> tuple[float, float, str, int]:
    """(to the recorded moment, to exit, screen name, table rows) for one process; the process's
    CPU time until the moment is kept in CPU[what] (steadier than wall time on a busy machine)."""
    spawned = time.time()
    done = run_process(argv, env, cwd)
    fields = done.out.split()
    if len(fields) != 4:
        raise SystemExit(f"driver printed {done.out!r}")
    if what:
        CPU.setdefault(what, []).append(float(fields[1]))
    return float(fields[0]) - spawned, done.wall, fields[2], int(fields[3])


def main() -> None:
    from generate import check_folder, populate, repo_sops, run_pool
    from soptui.calendar import OfficeCalendar

    sops = repo_sops()
    print(machine())
    for runs in SIZES:
        with temp_dir() as tmp:
            measure_size(Path(tmp), sops, runs, populate, check_folder, run_pool, OfficeCalendar)


def measure_size(tmp: Path, sops: dict, runs: int, populate, check_folder, run_pool, calendar_class) -> None:
    t0 = time.perf_counter()
    config = tmp / "soptui.toml"
    config.write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\nlang = "id"\n',
                      encoding="utf-8")
    # Index rows as the commands write them (with the office calendar: lateness and due moments).
    populate(tmp / "data", runs, run_pool(sops, 40), calendar=calendar_class())
    check_folder(tmp / "data")
    print(f"\ndata folder: {len(sops)} SOPs, {runs} runs, made in {time.perf_counter() - t0:.1f} s")
    env = child_env(tmp)
    # Without a terminal, rich sizes the app 80x25 and the headless driver 80x24: every process would
    # lay its screen out three more times (80x24, 80x25, 80x24 again), which no terminal does. Both
    # agree on the 80x24 the issue names.
    env.update(COLUMNS="80", LINES="24")
    check_import(env, tmp)
    expected = len(sops) + runs
    bare = [PYTHON, "-c", BARE, "paint"]
    # The first runs appear once the hot index is read (every run in progress and the newest;
    # one message from the reading thread), with the latest run in progress selected: the first
    # run in the table is that moment.
    clerk = [PYTHON, "-c", SOPTUI, f"clerk:{len(sops)}", str(config)]
    paint_app = [PYTHON, "-c", SOPTUI, "paint", str(config)]
    everything = [PYTHON, "-c", SOPTUI, str(expected), str(config)]
    all_rows = runs <= 1000  # 10,000 rows take 50 refreshes to add; not what the clerk waits for

    for argv in (bare, clerk, paint_app, *([everything] if all_rows else [])) * 2:  # warm-up, bytecode cache
        *_, screen, rows = measure(argv, env, tmp)
    if all_rows and (screen != "HomeScreen" or rows < expected):
        raise SystemExit(f"the app showed {screen} with {rows} rows, expected HomeScreen with {expected}")

    paint: dict[str, list[float]] = {"bare": [], "app": []}
    exits: dict[str, list[float]] = {"bare": [], "app": []}
    ready, filled = [], []
    for i in range(ROUNDS):
        for who in (("bare", "app") if i % 2 == 0 else ("app", "bare")):
            first, to_exit, screen, _ = measure(bare if who == "bare" else paint_app, env, tmp, f"{who}{runs}")
            if who == "app" and screen != "HomeScreen":
                raise SystemExit(f"the first screen was {screen}, not the home screen")
            paint[who].append(first)
            exits[who].append(to_exit)
        moment, _, screen, rows = measure(clerk, env, tmp, f"clerk{runs}")
        if screen != "HomeScreen" or rows < len(sops) + 1:
            raise SystemExit(f"the app showed {screen} with {rows} rows")
        ready.append(moment)
        if all_rows:
            filled.append(measure(everything, env, tmp)[0])

    base = statistics.median(paint["bare"])
    goal = GOALS.get(runs)
    print(f"bare Textual app (one Static), to first paint: {ms(paint['bare'])}")
    print(f"soptui home ({len(sops)} SOPs, {runs} runs), to first paint: {ms(paint['app'])}; "
          f"ratio {statistics.median(paint['app']) / base:.2f} (goal {PAINT_GOAL})")
    print(f"  to process exit: bare {ms(exits['bare'])}; soptui {ms(exits['app'])}; "
          f"ratio {statistics.median(exits['app']) / statistics.median(exits['bare']):.2f}")
    if filled:
        print(f"  soptui home with all {runs} runs in the table: {ms(filled)}; "
              f"{statistics.median(filled) / base:.2f} x the bare app's first paint")
    print(f"soptui home as the clerk needs it (SOPs, the runs in progress and the newest, the latest "
          f"selected): {ms(ready)}")
    print(f"HEADLINE ({runs} runs): {statistics.median(ready) / base:.2f} x the bare app's first paint"
          + (f" (goal {goal})" if goal else ""))
    cpu_base = statistics.median(CPU[f"bare{runs}"])
    print(f"  in CPU time of the process (less moved by other load): bare paint {cpu_base * 1000:.0f} ms, "
          f"soptui paint {statistics.median(CPU[f'app{runs}']) / cpu_base:.2f} x, "
          f"as the clerk needs it {statistics.median(CPU[f'clerk{runs}']) / cpu_base:.2f} x")


if __name__ == "__main__":
    main()
