"""The README's worked example runs as written, in a fresh data folder, with the clock fixed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import ROOT


def worked_example() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("A worked example on the command line", 1)[1].split("\n\n", 2)[1]
    return [line[4:] for line in block.splitlines() if line.startswith("    ")]


def test_the_worked_example_runs_as_written(tmp_path):
    lines = worked_example()
    assert len(lines) >= 4 and all(re.match(r"(run=\$\()?soptui ", line) for line in lines)
    (tmp_path / "soptui.toml").write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\n',
                                          encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "soptui"  # the installed command, as the README's reader has it
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m soptui \"$@\"\n")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT), "SOPTUI_NOW": "2026-11-18T10:00:00+07:00", "COLUMNS": "100"}
    env.pop("SOPTUI_CONFIG", None)
    script = "set -eu\n" + "\n".join(lines) + "\n"
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "Renja 2027" in result.stdout
    book = load_workbook(Path(tmp_path / "renja-2027.xlsx"))
    assert len(book.sheetnames) == 4
