"""Shared helpers of the benchmark scripts: whole-process timing, A/B alternation, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child_env(tmp: Path) -> dict:
    """The environment of the measured processes.

    The repository is importable without installing it, and compiled bytecode is cached as it is
    for a user (pip compiles an install, Python caches its own modules on first run): without
    this, PYTHONDONTWRITEBYTECODE in the caller's environment would make every process recompile
    each changed module. The cache goes to a folder of its own (PYTHONPYCACHEPREFIX), so nothing
    is written into the repository or the environment.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env.pop("TEXTUAL", None)  # no devtools, no debug
    env["TERM"] = env.get("TERM") or "xterm-256color"
    return env


def run_process(argv: list[str], env: dict, cwd: Path | None = None) -> tuple[float, str]:
    """Seconds from spawning the process to its exit, and its stdout. A failure stops the script."""
    t0 = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=120)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])}... exited with {result.returncode}:\n"
                         f"{result.stderr.decode(errors='replace')[-3000:]}")
    return elapsed, result.stdout.decode(errors="replace")


def alternate(a: list[str], b: list[str], rounds: int, env: dict, warmup: int = 2,
              cwd: Path | None = None) -> tuple[list[float], list[float]]:
    """A and B alternately (after warm-ups that also fill the bytecode cache): same machine state."""
    for _ in range(warmup):
        run_process(a, env, cwd)
        run_process(b, env, cwd)
    ta, tb = [], []
    for i in range(rounds):
        first, second = (a, b) if i % 2 == 0 else (b, a)  # neither always runs right after the other
        t1, _ = run_process(first, env, cwd)
        t2, _ = run_process(second, env, cwd)
        (ta if first is a else tb).append(t1)
        (tb if first is a else ta).append(t2)
    return ta, tb


def ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.1f} ms "
            f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})")


def temp_dir():
    """A temporary folder for data and caches (BENCH_TMP chooses where, e.g. a slower disk)."""
    return tempfile.TemporaryDirectory(prefix="soptui-bench-", dir=os.environ.get("BENCH_TMP"))


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}"
