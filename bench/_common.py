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


class Timed:
    """One finished process: wall seconds from spawn to exit, CPU seconds (user + system), stdout."""

    def __init__(self, wall: float, cpu: float, out: str):
        self.wall, self.cpu, self.out = wall, cpu, out


def run_process(argv: list[str], env: dict, cwd: Path) -> Timed:
    """Spawn, wait, time. A failure stops the script.

    Run it in a temporary folder (cwd): `python -m`/`-c` put the working folder first on
    sys.path, so in another checkout they would import that checkout's soptui. The CPU time
    (from wait4) is also kept: on a busy machine it moves less than the wall time.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv[:4])}... exited with {proc.returncode}:\n"
                             f"{err.read().decode(errors='replace')[-3000:]}")
        out.seek(0)
        return Timed(wall, usage.ru_utime + usage.ru_stime, out.read().decode(errors="replace"))


def check_import(env: dict, cwd: Path) -> None:
    """The measured processes import this checkout's soptui, not an installed or other one."""
    found = run_process([PYTHON, "-c", "import soptui; print(soptui.__file__)"], env, cwd).out.strip()
    if Path(found).resolve().parent.parent != ROOT:
        raise SystemExit(f"the measured processes would import {found}, not {ROOT}/soptui")


def alternate(a: list[str], b: list[str], rounds: int, env: dict, cwd: Path,
              warmup: int = 2) -> tuple[list[Timed], list[Timed]]:
    """A and B alternately (after warm-ups that also fill the bytecode cache): same machine state."""
    for _ in range(warmup):
        run_process(a, env, cwd)
        run_process(b, env, cwd)
    ta, tb = [], []
    for i in range(rounds):
        first, second = (a, b) if i % 2 == 0 else (b, a)  # neither always runs right after the other
        r1, r2 = run_process(first, env, cwd), run_process(second, env, cwd)
        (ta if first is a else tb).append(r1)
        (tb if first is a else ta).append(r2)
    return ta, tb


def ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.1f} ms "
            f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})")


def temp_dir():
    """A temporary folder for data and caches (BENCH_TMP chooses where, e.g. a slower disk)."""
    return tempfile.TemporaryDirectory(prefix="soptui-bench-", dir=os.environ.get("BENCH_TMP"))


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f}"
