"""The shape of the code as contracts (pyproject.toml [tool.importlinter]): the core never imports
Textual or reaches up to the interface, only store/tinyfiles.py imports TinyDB, the app stands above its
screens and widgets, the command groups stand apart, the report's figures are pure, the
flowchart is drawn without Textual, the PDF importer stands apart."""

from __future__ import annotations

import tomllib

from importlinter.cli import lint_imports

from tests.conftest import ROOT


def test_import_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert status == 0, out
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert f"{len(contracts)} kept, 0 broken" in out  # every contract was checked, none broken
