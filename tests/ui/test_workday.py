"""Pilot tests of a clerk's day at 80x24: a time outside office hours is recorded only once
confirmed, "Dikerjakan oleh" is pre-filled only from what is known, the elapsed bar says how much
is left or how late, the decision dialog's keys are the ones that answer, and the checklist's
footer shows every key that can act."""

from __future__ import annotations

import pytest

from soptui.i18n import set_lang
from soptui.report import summary_data
from soptui.timing import time_run
from tests.ui.conftest import error_text, fill, kinds, settle, start_mini, submit


@pytest.fixture(autouse=True)
def indonesian():
    """The office's language: every text asserted here is what an Indonesian clerk reads."""
    set_lang("id")


async def _checklist(pilot, run: str):
    from soptui.screens.checklist import ChecklistScreen
    await settle(pilot)
    pilot.app.push_screen(ChecklistScreen(run))
    await settle(pilot)
    return pilot.app.screen


def _bar(screen) -> str:
    return str(screen.query_one("#elapsed").render())


async def test_a_time_outside_office_hours_is_recorded_only_once_confirmed(make_app, config, clock, service):
    run = start_mini(service, config)
    clock.set("2026-11-23T18:00")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checklist(pilot, run)
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, at="23/11/2026 17.00")  # after closing (16.00): meant as 07.00? asked
        await submit(pilot)
        assert type(app.screen).__name__ == "OffHoursConfirm"
        warning = str(app.screen.query_one("#question-body").render())
        assert "2026-11-23 17:00" in warning and "07.30–16.00" in warning
        assert kinds(service, run) == ["run_started"]  # nothing recorded while asked

        await pilot.press("n")  # "Ubah waktu": back to the form, the time field focused
        await settle(pilot)
        assert type(app.screen).__name__ == "CompleteDialog"
        assert "17:00" in error_text(app) and app.focused.id == "f-at"
        assert kinds(service, run) == ["run_started"]

        await submit(pilot)  # the same time again, confirmed this time
        assert type(app.screen).__name__ == "OffHoursConfirm"
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen and kinds(service, run) == ["run_started", "step_completed"]

        # A time inside office hours is not asked about.
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, actor="Staf A", at="23/11/2026 15.00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # 15.00 is before step 2 was ready (17.00): refused by the rules, not asked about the hours
        assert type(app.screen).__name__ == "CompleteDialog" and "17:00" in error_text(app)
    state = service.state(run)
    data = summary_data(state, time_run(state, service.calendar, clock()), "id")
    first = data["steps"][0]["attempts"][0]
    assert first["off_hours"] is True and data["compliance"]["off_hours"] == ["1"]


async def test_the_actor_is_pre_filled_only_from_the_roster_or_this_run(make_app, config, clock, service):
    run = start_mini(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _checklist(pilot, run)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#f-actor").value == "Bu Kepala"  # the roster's Kepala
        await fill(pilot, actor="Pak Kepala", at="07:40")
        await submit(pilot)

        await pilot.press("c")  # step 2, Staf: nobody known, and the operator is not guessed
        await pilot.pause()
        actor = app.screen.query_one("#f-actor")
        assert actor.value == ""
        # The people of this run and the roster are offered; typing completes from them.
        assert "Pak Kepala" in actor.placeholder and "Bu Kepala" in actor.placeholder
        assert await actor.suggester.get_suggestion("pak") == "Pak Kepala"
        await fill(pilot, at="07:50")
        await submit(pilot)
        assert "Dikerjakan oleh" in error_text(app)  # required: nothing recorded without it
        assert kinds(service, run) == ["run_started", "step_completed"]
        await fill(pilot, actor="Staf A")
        await submit(pilot)
        assert kinds(service, run)[-1] == "step_completed"

        await pilot.press("c")  # step 3, Kepala again: the last person in that role in this run
        await pilot.pause()
        assert app.screen.query_one("#f-actor").value == "Pak Kepala"


async def test_the_new_run_dialog_offers_the_last_operator(make_app, config, service):
    from soptui.screens.dialogs import NewRunDialog
    start_mini(service, config)  # started with operator "x"
    service.start(__import__("soptui.sopfile", fromlist=["load_file"]).load_file(config.sops_dir / "mini.toml"),
                  title="T2", operator="Sri Wahyuni")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(NewRunDialog("Contoh", lambda values: None, {"title": "T", "operator": config.operator}))
        await pilot.pause()
        assert app.screen.query_one("#f-operator").value == "Sri Wahyuni"
    assert (config.data_dir / "prefs.json").is_file()  # kept in the data folder, for the next session


async def test_the_elapsed_bar_says_what_is_left_then_how_late(make_app, config, clock, service):
    run = start_mini(service, config)  # step 1: 10 minutes from 07:30
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checklist(pilot, run)
        clock.set("2026-11-23T07:34")
        screen.tick()
        await settle(pilot)
        assert "sisa 6 mnt" in _bar(screen) and "%" not in _bar(screen)
        clock.set("2026-11-25T09:00")  # two working days later
        screen.tick()
        await settle(pilot)
        assert "terlambat 16 j 20 m" in _bar(screen)


async def test_the_decision_dialog_shows_the_keys_that_answer(make_app, config, clock, service):
    run = start_mini(service, config)
    service.complete(run, 1, actor="K", at=service.now())
    service.complete(run, 2, actor="S", at=service.now())
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _checklist(pilot, run)
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "DecideDialog"
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"ctrl+y", "ctrl+n"} <= shown and "ctrl+s" not in shown
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert kinds(service, run)[-1] == "decision"


async def test_every_key_that_can_act_is_in_the_checklist_footer_at_80_columns(make_app, config, service):
    from textual.widgets._footer import FooterKey
    run = start_mini(service, config)
    service.complete(run, 1, actor="K", at=service.now())  # something to undo; step 2 not started
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _checklist(pilot, run)
        keys = [k for k in screen.query(FooterKey)]
        shown = {k.key for k in keys}
        assert {"c", "s", "u", "t", "h", "r", "d", "x", "escape", "f1"} <= shown
        for key in keys:  # every label whole: none is cut to fit
            assert key.size.width >= len(key.key_display) + 1 + len(key.description)


async def test_a_new_run_started_before_opening_time_is_asked_about(make_app, config, clock, service):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sops")
        table.move_cursor(row=table.get_row_index("mini"))
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, title="Pagi", at="23/11/2026 06.30")
        await submit(pilot)
        assert type(app.screen).__name__ == "OffHoursConfirm"
        assert service.index()[0] == []  # no run until the answer
        await pilot.press("y")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChecklistScreen"
        assert app.screen.state.started_at.hour == 6
