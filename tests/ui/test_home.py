"""Home: the library and the runs as the command line left them; starting runs; start-up costs."""

from __future__ import annotations

from argparse import Namespace
from datetime import datetime

import pytest

from soptui import runs as runs_module
from soptui.app import run_app
from soptui.errors import SoptuiError
from soptui.service import RunService
from tests.conftest import WIB
from tests.ui.conftest import error_text, fill, settle, start_mini, submit


async def test_home_lists_runs_recorded_from_the_command_line(make_app, config, clock, service):
    finished = start_mini(service, config, title="Selesai dulu")
    service.cancel(finished, "uji")
    clock.set("2026-11-23T08:05")
    run = start_mini(service, config, title="Dari CLI [x]")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert table.row_count == 2
        assert [str(c) for c in table.get_row(run)[:3]] == ["Dari CLI [x]", "Contoh [uji] · Kecamatan Contoh", "0/4"]
        assert table.get_row_index(run) == 0  # in progress first
        assert "cancelled" in str(table.get_row(finished)[3])
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.run_id == run


async def test_new_run_dialog_refuses_a_bad_time_and_records_nothing(make_app, config):
    app = make_app(start=("run", "mini"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "NewRunDialog"
        await fill(pilot, at="25:99")
        await submit(pilot)
        assert error_text(app)
        assert not (config.data_dir / "runs").exists() or not any((config.data_dir / "runs").iterdir())
        await fill(pilot, title="")
        await fill(pilot, at="07:30")
        await submit(pilot)
        assert "title" in error_text(app).lower()
        await fill(pilot, title="Renja 2027")
        await submit(pilot)
        screen = app.screen
        assert type(screen).__name__ == "ChecklistScreen"
        assert screen.state.title == "Renja 2027"
        assert screen.state.started_at == datetime(2026, 11, 23, 7, 30, tzinfo=WIB)
        assert screen.state.operator == "Operator Uji"


async def test_a_broken_sop_file_is_a_warning_naming_it(make_app, config):
    (config.sops_dir / "rusak.toml").write_text("[identitas\nnama = 1\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sops").row_count == 2
        warnings = [n.message for n in app.notices if n.severity == "warning"]
        assert any("rusak.toml" in m for m in warnings)


async def test_start_up_reads_the_index_only(make_app, config, service, monkeypatch):
    ids = [start_mini(service, config, title=f"Run {i}") for i in range(60)]
    folds = []
    real_fold = runs_module.fold
    monkeypatch.setattr(runs_module, "fold", lambda *a, **k: folds.append(1) or real_fold(*a, **k))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#runs").row_count == len(ids)  # added in batches, all there
        assert folds == []
        assert app._calendar is None  # holidays are not loaded to show the list


async def test_a_run_list_row_without_lateness_is_filled_in_after_the_paint(make_app, config, clock):
    service = RunService(config.data_dir, WIB, clock=clock)  # no calendar: its index rows lack lateness
    run = start_mini(service, config)
    assert service.store.index_rows()[0][0]["late_done"] is None  # one shape: not measured yet
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert str(table.get_row(run)[4]) == "1"  # step 1 (10 minutes, ready 07:30) is past due at 08:00
        assert service.store.index_rows()[0][0]["late_done"] == 0  # measured (none done late), kept for the next start-up


def test_run_app_refuses_an_unknown_sop_or_run_naming_what_exists(config):
    with pytest.raises(SoptuiError) as exc:
        run_app(config, Namespace(command="run", sop="lumajang"))
    assert "kec-lumajang-perencanaan-kinerja" in str(exc.value) and "mini" in str(exc.value)
    with pytest.raises(SoptuiError) as exc:
        run_app(config, Namespace(command="resume", run="2099"))
    assert "2099" in str(exc.value)


async def test_the_mouse_works_too(make_app, config, service):
    run = start_mini(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#runs", offset=(3, 1))  # the first run's row (row 0 is the header)
        await settle(pilot)
        if type(app.screen).__name__ == "HomeScreen":  # a first click highlights, a second opens
            await pilot.click("#runs", offset=(3, 1))
            await settle(pilot)
        assert app.screen.run_id == run
        await pilot.click("FooterKey")  # the footer's first key: "c" (complete)
        await pilot.pause()
        assert type(app.screen).__name__ == "CompleteDialog"
        await pilot.click("#cancel")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChecklistScreen"


async def test_home_shows_the_hot_rows_first_then_every_run(make_app, config, clock, service, monkeypatch):
    """The hot index holds the runs in progress and a few newest others; the list still ends up
    with every run, in progress first, the latest of them selected."""
    from soptui.store import hot
    monkeypatch.setattr(hot, "HOT_NEWEST", 0)  # only the runs in progress
    ids = []
    for i in range(14):
        clock.set(f"2026-11-23T08:{i:02d}")
        ids.append(start_mini(service, config, title=f"Run {i}", at=f"2026-11-23T07:{30 + i}"))
        if i < 11:
            service.cancel(ids[-1], "uji")
    from soptui.store import hot_index
    hot_rows, stale = hot_index(config.data_dir)
    assert stale == [] and len(hot_rows) == 3
    assert {r["id"] for r in hot_rows if r["status"] == "in_progress"} == set(ids[11:])
    import soptui.store
    shown = []
    real = soptui.store.hot_index
    monkeypatch.setattr(soptui.store, "hot_index", lambda data_dir: shown.append(1) or real(data_dir))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert shown == [1]
        assert table.row_count == len(ids)
        assert [table.get_row_index(r) for r in reversed(ids[11:])] == [0, 1, 2]
        assert table.selected_key() == ids[-1]
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "DueScreen"



async def test_home_follows_what_another_process_records(make_app, config, service, clock):
    run = start_mini(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        assert str(table.get_row(run)[2]) == "0/4"
        app.screen.poll_index()  # nothing changed: nothing is read again
        assert app.screen._listed == app.screen._reading
        service.complete(run, 1, actor="Bu Kepala", at=clock())  # the command line, another clerk
        app.screen.poll_index()  # what its timer does every POLL_SECONDS
        await settle(pilot)
        assert str(table.get_row(run)[2]) == "1/4"
        assert table.selected_key() == run  # the cursor stays where it was
