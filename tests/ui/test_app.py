"""Pilot tests: whole runs driven through the interactive view, asserted on the stored events."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from soptui.app import SoptuiApp
from soptui.config import load_config
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import DATA, SOPS, WIB, Clock


@pytest.fixture
def config(tmp_path):
    sops = tmp_path / "sops"
    sops.mkdir()
    shutil.copy(DATA / "valid" / "mini.toml", sops / "mini.toml")
    shutil.copy(SOPS / "kec-lumajang-perencanaan-kinerja.toml", sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\n'
                                          '[roster]\nKepala = "Bu Kepala"\n')
    return load_config(str(tmp_path / "soptui.toml"))


@pytest.fixture
def clock():
    return Clock(datetime(2026, 11, 23, 8, 0, tzinfo=WIB))


async def fill(pilot, **values):
    for name, value in values.items():
        field = pilot.app.screen.query_one(f"#f-{name}")
        field.value = value
    await pilot.pause()


def events(app, run_id):
    return app.service.events(run_id)


async def test_a_whole_run_with_rework_undo_and_a_bad_time(config, clock):
    app = SoptuiApp(config, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # Home: the mini SOP is the first row of the library (sorted by file name... check by key).
        home = app.screen
        table = home.query_one("#sops")
        table.move_cursor(row=table.get_row_index("mini"))
        await pilot.press("n")
        await fill(pilot, title="Uji", operator="Operator", at="23/11/2026 07.45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ChecklistScreen"
        run = screen.run_id
        assert screen.state.current == 1

        # Step 1: the roster pre-fills the actor of role Kepala; a bad time keeps the dialog open.
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#f-actor").value == "Bu Kepala"
        assert app.screen.query_one("#f-output").value == "Disposisi"
        await fill(pilot, at="31/02/2026 10.00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a valid date" in str(app.screen.query_one("#error").render())
        assert [e["kind"] for e in events(app, run)] == ["run_started"]
        await fill(pilot, at="07:40")  # before the step became ready: refused too
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "before the step became ready" in str(app.screen.query_one("#error").render())
        await fill(pilot, at="07:50", note="cepat")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.state.current == 2

        # Step 2, then the decision at step 3 says "tidak": back to step 2.
        clock.set("2026-11-23T09:00")
        await pilot.press("c")
        await fill(pilot, actor="Staf A", output="Konsep v1", at="08:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "DecideDialog"
        await fill(pilot, at="08:50", note="kurang lengkap")
        await pilot.click("#tidak")
        await pilot.pause()
        assert screen.state.current == 2 and screen.state.steps[3].state == "rework"
        assert screen.state.steps[2].attempts[-1].n == 2

        # Undo asks for a reason and a confirmation; without them nothing happens.
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "reason" in str(app.screen.query_one("#error").render()).lower()
        await fill(pilot, reason="salah tekan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "confirmation" in str(app.screen.query_one("#error").render()).lower()
        app.screen.query_one("#confirm").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.state.current == 3
        log = events(app, run)
        assert log[-1]["kind"] == "undo" and log[-1]["data"]["reason"] == "salah tekan"
        assert log[-1]["data"]["target"] == log[-2]["seq"]

        # Answer "tidak" for real, redo step 2, then "ya", then finish.
        await pilot.press("c")
        await fill(pilot, at="08:55")
        await pilot.click("#tidak")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#f-actor").value == "Staf A"  # remembered per role in the run
        await fill(pilot, output="Konsep v2", at="08:58")
        await pilot.press("ctrl+s")
        await pilot.press("c")
        await fill(pilot, at="08:59")
        await pilot.click("#ya")
        await pilot.pause()
        await pilot.press("c")
        await fill(pilot, at="09:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.state.status == "finished"
        assert not screen.check_action("complete", ())

    state = RunService(config.data_dir, WIB).state(run)
    assert [len(state.steps[n].attempts) for n in (1, 2, 3, 4)] == [1, 2, 2, 1]
    assert [a.verdict for a in state.steps[3].attempts] == ["tidak", "ya"]
    assert state.steps[1].last.note == "cepat"
    assert state.steps[2].last.output == "Konsep v2"
    assert state.steps[1].last.completed_at == datetime(2026, 11, 23, 7, 50, tzinfo=WIB)


async def test_home_lists_runs_recorded_from_the_command_line(config, clock):
    svc = RunService(config.data_dir, WIB, clock=clock)
    run = svc.start(load_file(config.sops_dir / "mini.toml"), title="Dari CLI", operator="x",
                    at=datetime(2026, 11, 23, 7, 30, tzinfo=WIB))
    app = SoptuiApp(config, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        runs = app.screen.query_one("#runs")
        assert runs.row_count == 1
        assert runs.get_row(run)[0] == "Dari CLI"
        runs.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.run_id == run


async def test_checklist_catches_up_with_another_process(config, clock):
    svc = RunService(config.data_dir, WIB, clock=clock)
    run = svc.start(load_file(config.sops_dir / "mini.toml"), title="T", operator="x",
                    at=datetime(2026, 11, 23, 7, 30, tzinfo=WIB))
    app = SoptuiApp(config, clock=clock, start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.state.current == 1
        RunService(config.data_dir, WIB, clock=clock).complete(
            run, 1, actor="lain", at=datetime(2026, 11, 23, 7, 45, tzinfo=WIB))
        screen.poll()  # what the interval timer calls
        await pilot.pause()
        assert screen.state.current == 2


async def test_every_key_on_every_screen_is_harmless(config, clock):
    svc = RunService(config.data_dir, WIB, clock=clock)
    svc.start(load_file(config.sops_dir / "mini.toml"), title="T", operator="x",
              at=datetime(2026, 11, 23, 7, 30, tzinfo=WIB))
    app = SoptuiApp(config, clock=clock)
    keys = ["n", "escape", "d", "escape", "r", "escape", "f1", "escape", "question_mark", "escape",
            "tab", "enter", "s", "escape", "t", "escape", "u", "x", "escape", "r", "escape", "d", "escape",
            "c", "escape", "f5", "escape"]
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_unknown_keymap_id_is_a_warning_and_known_ids_remap(tmp_path, config, clock):
    from dataclasses import replace
    cfg = replace(config, keys=(("complete", "ctrl+d"), ("compleet", "x")))
    app = SoptuiApp(cfg, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any('did you mean "complete"' in m for m in messages)
        assert app._keymap.get("complete") == "ctrl+d"
