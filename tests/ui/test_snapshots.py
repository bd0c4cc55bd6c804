"""Snapshots at 80x24 with a fixed clock and fixed run ids (pytest-textual-snapshot)."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from soptui import service
from soptui.app import SoptuiApp
from soptui.config import load_config
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB, Clock

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path, monkeypatch):
    sops = tmp_path / "sops"
    sops.mkdir()
    for name in ("karangploso-renja.toml", "kec-lumajang-perencanaan-kinerja.toml"):
        shutil.copy(SOPS / name, sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\n')
    config = load_config(str(tmp_path / "soptui.toml"))
    clock = Clock(datetime(2026, 11, 20, 10, 0, tzinfo=WIB))
    monkeypatch.setattr(service, "new_run_id", lambda now: "20261119-renja")
    svc = RunService(config.data_dir, WIB, clock=clock)
    run = svc.start(load_file(sops / "karangploso-renja.toml"), title="Renja 2027", operator="Sri",
                    at=datetime(2026, 11, 19, 7, 45, tzinfo=WIB))
    for no, when in ((1, "2026-11-19T08:00"), (2, "2026-11-19T08:30"), (3, "2026-11-19T14:00")):
        svc.complete(run, no, actor=f"Petugas {no}", output="ok", at=datetime.fromisoformat(when).replace(tzinfo=WIB))
    return SoptuiApp(config, clock=clock)


def test_home(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE)


def test_checklist_mid_run(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["tab", "enter"])


def test_completion_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["tab", "enter", "c"])


def test_summary(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["tab", "r"])


def test_help(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, press=["f1"])
