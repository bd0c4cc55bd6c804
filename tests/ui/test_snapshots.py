"""Snapshots at 80x24 with a fixed clock, fixed run ids and no cursor blink (pytest-textual-snapshot).

Regenerate after an intended change with `--snapshot-update`, then look at the SVGs."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from soptui import service
from soptui.app import SoptuiApp
from soptui.calendar import OfficeCalendar
from soptui.config import load_config
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB, Clock
from tests.ui.conftest import settle

SIZE = (80, 24)


@pytest.fixture
def app(tmp_path, monkeypatch):
    sops = tmp_path / "sops"
    sops.mkdir()
    for name in ("karangploso-renja.toml", "kec-lumajang-perencanaan-kinerja.toml"):
        shutil.copy(SOPS / name, sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\noperator = "Sri"\n')
    config = load_config(str(tmp_path / "soptui.toml"))
    clock = Clock(datetime(2026, 11, 20, 10, 0, tzinfo=WIB))
    ids = iter(["20261119-renja", "20261118-pk"])
    monkeypatch.setattr(service, "new_run_id", lambda now: next(ids))
    svc = RunService(config.data_dir, WIB, clock=clock, calendar=OfficeCalendar(config.calendar))
    run = svc.start(load_file(sops / "karangploso-renja.toml"), title="Renja 2027", operator="Sri",
                    at=datetime(2026, 11, 19, 7, 45, tzinfo=WIB))
    for no, when in ((1, "2026-11-19T08:00"), (2, "2026-11-19T08:30"), (3, "2026-11-19T14:00")):
        svc.complete(run, no, actor=f"Petugas {no}", output="ok", at=datetime.fromisoformat(when).replace(tzinfo=WIB))
    other = svc.start(load_file(sops / "kec-lumajang-perencanaan-kinerja.toml"), title="Perencanaan Kinerja 2026",
                      operator="Sri", at=datetime(2026, 11, 18, 8, 0, tzinfo=WIB))
    svc.cancel(other, "SOP direvisi")
    app = SoptuiApp(config, clock=clock)
    app.cursor_blink = False
    return app


def keys(*pressed: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
    return run_before


def test_home(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_checklist_mid_run(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter"))


def test_completion_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "c"))


def test_summary(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("r"))


def test_help(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "f1"))


def test_correction_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "up", "t"))


def test_history(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "h"))


def test_undo_dialog_with_the_box_unticked(app, snap_compare):
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("enter", "u"))
