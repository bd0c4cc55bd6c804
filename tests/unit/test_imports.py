"""The pure core and the non-UI commands never import Textual (checked in fresh interpreters)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORE = ["config", "digest", "model", "sopfile", "durations", "calendar", "runs", "store", "timing", "report",
        "i18n", "service", "timeinput", "sopview", "cli", "cli.main", "cli.runs", "cli.report", "cli.sops", "cli.context", "safetext", "evidence", "sopwrite",
        "flowchart.layout", "flowchart.overlay", "flowchart.text", "flowchart.svg", "marks"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, soptui.{module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


@pytest.mark.parametrize("argv", [["check"], ["list", "--json"], ["show", "karangploso-renja"],
                                  ["show", "karangploso-renja", "--flowchart"],
                                  ["runs"], ["--help"]])
def test_non_ui_commands_do_not_import_textual(argv, tmp_path):
    (tmp_path / "soptui.toml").write_text(f'sops_dir = "{(ROOT / "sops").as_posix()}"\ndata_dir = "data"\n')
    code = ("import sys\nfrom soptui.cli import main\n"
            "try:\n    rc = main(sys.argv[1:])\nexcept SystemExit as e:\n    rc = e.code\n"
            "sys.exit(3 if 'textual' in sys.modules else rc)")
    result = subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
