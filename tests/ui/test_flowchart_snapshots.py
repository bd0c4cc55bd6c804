"""Snapshots of the flowchart at 80x24 (pytest-textual-snapshot), fixed clock and run ids: the
Karangploso SOP bare, and a run of it that went round a rework loop. Regenerate after an intended
change with `--snapshot-update`, then look at the SVGs."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from soptui.app import SoptuiApp
from soptui.calendar import OfficeCalendar
from soptui.config import load_config
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB, Clock
from tests.ui.test_snapshots import SIZE, keys


@pytest.fixture
def setup(tmp_path, monkeypatch):
    from soptui import service
    sops = tmp_path / "sops"
    sops.mkdir()
    shutil.copy(SOPS / "karangploso-renja.toml", sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\noperator = "Sri"\n')
    config = load_config(str(tmp_path / "soptui.toml"))
    clock = Clock(datetime(2026, 11, 25, 10, 0, tzinfo=WIB))
    monkeypatch.setattr(service, "new_run_id", lambda now: "20261123-renja")
    svc = RunService(config.data_dir, WIB, clock=clock, calendar=OfficeCalendar(config.calendar))

    def app() -> SoptuiApp:
        made = SoptuiApp(config, clock=clock)
        made.cursor_blink = False
        return made
    return app, svc, sops


def test_flowchart_bare(setup, snap_compare):
    app, _svc, _sops = setup
    assert snap_compare(app(), terminal_size=SIZE, run_before=keys("f"))


def test_flowchart_run_with_rework(setup, snap_compare):
    app, svc, sops = setup
    run = svc.start(load_file(sops / "karangploso-renja.toml"), title="Renja 2027", operator="Sri",
                    at=datetime(2026, 11, 23, 7, 45, tzinfo=WIB))
    for no, when, verdict in ((1, "23T08:00", None), (2, "23T08:30", None), (3, "23T14:00", None),
                              (4, "24T09:00", None), (5, "24T11:00", None), (6, "24T11:05", "tidak"),
                              (5, "24T14:00", None)):
        svc.complete(run, no, actor="Petugas", at=datetime.fromisoformat(f"2026-11-{when}").replace(tzinfo=WIB),
                     verdict=verdict)
    # From the runs (focused on launch), the run's flowchart; the cursor starts on its current step, the decision.
    assert snap_compare(app(), terminal_size=SIZE, run_before=keys("f"))
