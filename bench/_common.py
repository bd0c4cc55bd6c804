"""Shared helpers of the benchmark scripts: alternate two commands, report medians."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def time_process(argv: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    t0 = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])}... failed:\n{result.stderr.decode()[-2000:]}")
    return elapsed


def alternate(a: list[str], b: list[str], rounds: int, **kw) -> tuple[list[float], list[float]]:
    """Run A and B alternately (after one warm-up each), so both see the same machine state."""
    time_process(a, **kw)
    time_process(b, **kw)
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(time_process(a, **kw))
        tb.append(time_process(b, **kw))
    return ta, tb


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.1f} ms (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
