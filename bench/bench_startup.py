"""Start-up: process start to the first painted home screen, headless, with the five bundled SOPs
and 1,000 runs in the data folder, against a bare Textual app showing one Static.

Both are whole processes, measured alternately, median of ROUNDS each. Goal: ratio <= 1.3.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, alternate, ms  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
GOAL = 1.3

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("soptui")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

SOPTUI = """
import sys
from soptui.cli import main
from soptui import app as app_module
class FirstPaint(app_module.SoptuiApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.exit)   # right after the home screen is painted
app_module.SoptuiApp = FirstPaint
sys.stdin.isatty = sys.stdout.isatty = lambda: True  # headless: no terminal to check
_run = FirstPaint.run
FirstPaint.run = lambda self, **kw: _run(self, headless=True)
sys.exit(main(["--config", sys.argv[1]]))
"""


def main() -> None:
    from generate import populate, run_events, sop_text

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = tmp / "soptui.toml"
        config.write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\nlang = "id"\n')
        text = sop_text(12, 2)
        populate(tmp / "data", 1000, run_events(text, "bench-sop", rework_loops=1))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        bare, app = alternate([PYTHON, "-c", BARE], [PYTHON, "-c", SOPTUI, str(config)], ROUNDS, env=env)
    print(f"bare Textual app (one Static): {ms(bare)}")
    print(f"soptui home, 5 SOPs + 1,000 runs: {ms(app)}")
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"ratio: {ratio:.2f} (goal: {GOAL})")


if __name__ == "__main__":
    main()
