"""Snapshots at 80x24 of a Renja run with two "tidak" loops, in Indonesian: the step list, a
step's attempts and the summary's step table show no cut that makes two things look the same
(steps 6 and 7, 1 and 10; whole times; the NIP on one line). Regenerate with --snapshot-update
after an intended change, then look at the SVGs."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from soptui import service
from soptui.app import SoptuiApp
from soptui.calendar import OfficeCalendar
from soptui.config import load_config
from soptui.i18n import set_lang
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB, Clock
from tests.ui.test_one_count import DAY
from tests.ui.test_snapshots import SIZE, keys


@pytest.fixture
def app(tmp_path, monkeypatch):
    set_lang("id")
    sops = tmp_path / "sops"
    sops.mkdir()
    shutil.copy(SOPS / "karangploso-renja.toml", sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\nlang = "id"\noperator = "Sri"\n')
    config = load_config(str(tmp_path / "soptui.toml"))
    clock = Clock(datetime(2026, 12, 1, 9, 0, tzinfo=WIB))
    monkeypatch.setattr(service, "new_run_id", lambda now: "20261116-renja")
    svc = RunService(config.data_dir, WIB, clock=clock, calendar=OfficeCalendar(config.calendar))
    run = svc.start(load_file(sops / "karangploso-renja.toml"), title="Renja 2027", operator="Sri",
                    at=datetime(2026, 11, 16, 8, 0, tzinfo=WIB))
    for no, verdict, when in DAY:
        svc.complete(run, no, actor=f"Petugas {no}", verdict=verdict, output="Konsep Renja revisi" if no == 5 else "",
                     at=datetime.fromisoformat(when).replace(tzinfo=WIB))
    app = SoptuiApp(config, clock=clock)
    app.cursor_blink = False
    return app


def test_checklist_of_a_run_with_rework(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter"))


def test_step_details_with_attempts(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "up", "up"))


def test_summary_step_table(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("r", "pagedown", "pagedown"))
