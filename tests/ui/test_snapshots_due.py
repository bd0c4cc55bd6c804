"""Snapshots at 80x24 of home with three runs titled alike (of three SOPs and units) and of the due
view, in Indonesian, with a fixed clock and fixed run ids (pytest-textual-snapshot).

Regenerate after an intended change with `--snapshot-update`, then look at the SVGs."""

from __future__ import annotations

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
from tests.ui.conftest import settle

SIZE = (80, 24)
RENJA = ("karangploso-renja", "satpolpp-perencanaan-kinerja", "kec-lumajang-perencanaan-kinerja")


def alike_runs(tmp_path, monkeypatch) -> tuple[SoptuiApp, list[str]]:
    """Three runs titled "Renja 2027" of three SOPs and units, at different steps, and one other."""
    (tmp_path / "soptui.toml").write_text(
        f'sops_dir = "{SOPS.as_posix()}"\ndata_dir = "data"\nlang = "id"\noperator = "Sri"\n'
        '[roster]\nSekretaris = "Dewi Lestari"\nTim = "Tim Renja"\n', encoding="utf-8")
    config = load_config(str(tmp_path / "soptui.toml"))
    clock = Clock(datetime(2026, 11, 20, 10, 0, tzinfo=WIB))  # a Friday
    ids = iter(["20261118-renja1", "20261118-renja2", "20261118-renja3", "20261118-ukur"])
    monkeypatch.setattr(service, "new_run_id", lambda now: next(ids))
    svc = RunService(config.data_dir, WIB, clock=clock, calendar=OfficeCalendar(config.calendar))
    at = datetime(2026, 11, 18, 8, 0, tzinfo=WIB)
    runs = [svc.start(load_file(SOPS / f"{sop}.toml"), title="Renja 2027", operator="Sri", at=at) for sop in RENJA]
    svc.complete(runs[0], 1, actor="Pak Camat", output="ok", at=datetime(2026, 11, 18, 9, 0, tzinfo=WIB))
    svc.complete(runs[0], 2, actor="Pak Sekcam", output="ok", at=datetime(2026, 11, 19, 11, 0, tzinfo=WIB))
    svc.complete(runs[1], 1, actor="Bu Kasat", output="ok", at=datetime(2026, 11, 20, 8, 0, tzinfo=WIB))
    svc.start(load_file(SOPS / "satpolpp-pengukuran-kinerja.toml"), title="Pengukuran Kinerja 2026",
              operator="Sri", at=datetime(2026, 11, 20, 9, 0, tzinfo=WIB))
    app = SoptuiApp(config, clock=clock)
    app.cursor_blink = False
    return app, runs


@pytest.fixture
def indonesian():
    set_lang("id")
    yield
    set_lang("en")


def keys(*pressed: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
    return run_before


def test_home_with_runs_titled_alike(tmp_path, monkeypatch, indonesian, snap_compare):
    app, _ = alike_runs(tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_due_view(tmp_path, monkeypatch, indonesian, snap_compare):
    app, _ = alike_runs(tmp_path, monkeypatch)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("t"))
