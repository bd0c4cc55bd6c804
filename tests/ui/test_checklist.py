"""Pilot tests of the checklist: whole runs driven by keys, asserted on the stored events."""

from __future__ import annotations

from datetime import datetime

from soptui.service import RunService
from tests.conftest import WIB
from tests.ui.conftest import error_text, fill, kinds, settle, start_mini, submit


async def test_a_whole_run_with_rework_undo_and_a_bad_time(make_app, config, clock, service):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sops")
        table.move_cursor(row=table.get_row_index("mini"))
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#f-title").value == "Contoh [uji] 2026"
        assert app.screen.query_one("#f-operator").value == "Operator Uji"
        await fill(pilot, title=" ", at="23/11/2026 07.45")  # the title and the operator are asked, never blank
        await submit(pilot)
        assert "title is required" in error_text(app)
        await fill(pilot, title="Uji", operator="  ")
        await submit(pilot)
        assert "operator is required" in error_text(app)
        assert not list((config.data_dir / "runs").glob("*.json"))  # nothing started
        await fill(pilot, operator="Operator Uji")
        await submit(pilot)
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
        await submit(pilot)
        assert "31/02/2026" in error_text(app)  # the message names what was typed
        assert kinds(service, run) == ["run_started"]
        await fill(pilot, at="07:40")  # before the step became ready: the service refuses, the dialog says why
        await submit(pilot)
        assert "07:40" in error_text(app) and "07:45" in error_text(app)  # the time, and when it became ready
        assert kinds(service, run) == ["run_started"]
        await fill(pilot, at="07:50", note="cepat", evidence="B/12/2026")
        await submit(pilot)
        assert screen.state.current == 2

        # Step 2's kelengkapan "Disposisi Kepala" is matched by step 1's output "Disposisi".
        detail = _detail_text(screen)
        assert "✓ Disposisi Kepala (from step 1)" in detail and "• Data pendukung" in detail

        # Step 2, then the decision at step 3 says "tidak": back to step 2, visibly.
        clock.set("2026-11-23T09:00")
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, actor="Staf A", output="Konsep v1", at="08:30")
        await submit(pilot)
        await pilot.press("enter")  # Enter on the current step completes it too
        await pilot.pause()
        assert type(app.screen).__name__ == "DecideDialog"
        await fill(pilot, at="08:50", note="kurang lengkap")
        await pilot.click("#tidak")
        await settle(pilot)
        assert screen.state.current == 2 and screen.state.steps[3].state == "rework"
        assert screen.state.steps[2].attempts[-1].n == 2
        assert any("back to step 2" in n.message for n in app.notices)
        assert "↻" in str(screen.query_one("#steps").get_option_at_index(2).prompt)

        # Undo asks for a reason (given in advance) and a confirmation; without them nothing happens.
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.query_one("#f-reason").value == "Recorded by mistake"
        await fill(pilot, reason=" ")
        await submit(pilot)
        assert "reason" in error_text(app).lower()
        await fill(pilot, reason="salah tekan")
        await submit(pilot)
        assert "confirmation" in error_text(app).lower()
        assert kinds(service, run)[-1] == "decision"
        app.screen.query_one("#confirm").value = True
        await submit(pilot)
        assert screen.state.current == 3
        log = service.events(run)
        assert log[-1]["kind"] == "undo" and log[-1]["data"]["reason"] == "salah tekan"
        assert log[-1]["data"]["target"] == log[-2]["seq"]

        # Answer "tidak" for real (ctrl+n), redo step 2, then "ya" (ctrl+y), then finish.
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, at="08:55")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#f-actor").value == "Staf A"  # remembered per role in the run
        await fill(pilot, output="Konsep v2", at="08:58")
        await submit(pilot)
        await pilot.press("c")
        await pilot.pause()
        # A decision records what a completion does: its output (the SOP's, pre-filled) and evidence.
        assert app.screen.query_one("#f-output").value == "Konsep diperiksa"
        await fill(pilot, at="08:59", output="Konsep disetujui", evidence="ND/5/2026")
        await pilot.press("ctrl+y")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, at="09:00")
        await submit(pilot)
        assert screen.state.status == "finished"
        assert not screen.check_action("complete", ())
        assert screen.check_action("undo", ()) and screen.check_action("reopen", ())  # a finished run reopens

    state = RunService(config.data_dir, WIB).state(run)
    assert [len(state.steps[n].attempts) for n in (1, 2, 3, 4)] == [1, 2, 2, 1]
    assert [a.verdict for a in state.steps[3].attempts] == ["tidak", "ya"]
    assert state.steps[3].last.output == "Konsep disetujui"
    assert state.steps[3].last.evidence == {"kind": "ref", "ref": "ND/5/2026"}
    assert state.steps[1].last.note == "cepat"
    assert state.steps[1].last.evidence == {"kind": "ref", "ref": "B/12/2026"}
    assert state.steps[2].last.output == "Konsep v2"
    assert state.steps[1].last.completed_at == datetime(2026, 11, 23, 7, 50, tzinfo=WIB)
    assert state.title == "Uji" and state.operator == "Operator Uji"


async def test_the_checklist_catches_up_with_another_process(make_app, config, clock, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run[:10]))  # a prefix is enough
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.run_id == run and screen.state.current == 1
        # The command line (another RunService on the same folder) logs step 1.
        RunService(config.data_dir, WIB, clock=clock).complete(
            run, 1, actor="lain", at=datetime(2026, 11, 23, 7, 45, tzinfo=WIB))
        assert screen.state.current == 1  # not seen yet: nothing has awaited since the write
        screen.poll()  # what the interval timer calls: the file's modification time changed
        await settle(pilot)
        assert screen.state.current == 2
        assert screen.state.steps[1].last.actor == "lain"
        assert screen.query_one("#steps").selected_step == 2  # the highlight followed the current step


async def test_start_correct_and_cancel_ask_and_record(make_app, config, clock, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("s")
        await pilot.pause()
        await fill(pilot, at="07:35")
        await submit(pilot)
        assert kinds(service, run)[-1] == "step_started"
        assert not screen.check_action("start_step", ())  # already started

        # Correct the start of step 1: a bad time, then no reason, then the real thing.
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one("#f-at").value == "2026-11-23 07:35"
        assert not app.screen.query_one("#row-actor").display  # a start has only its time
        await fill(pilot, at="kemarin", reason="jam salah")
        await submit(pilot)
        assert error_text(app)
        assert kinds(service, run)[-1] == "step_started"
        await fill(pilot, at="07:32")
        await submit(pilot)
        last = service.events(run)[-1]
        assert last["kind"] == "correction" and last["data"]["reason"] == "jam salah"
        assert screen.state.steps[1].last.started_at == datetime(2026, 11, 23, 7, 32, tzinfo=WIB)

        await pilot.press("x")
        await pilot.pause()
        # The buttons say what they do: "Cancel the run", and "Close" for leaving the dialog.
        assert [str(b.label) for b in app.screen.query("Button")] == ["Cancel the run", "Close"]
        await fill(pilot, reason="SOP diganti")
        app.screen.query_one("#confirm").value = True
        await submit(pilot)
        assert screen.state.status == "cancelled"
        assert kinds(service, run)[-1] == "run_cancelled"
        for action in ("complete", "start_step", "cancel_run"):
            assert not screen.check_action(action, ())
        for action in ("undo", "reopen", "correct", "summary", "history"):  # a cancelled run can be fixed
            assert screen.check_action(action, ())


async def test_selecting_another_step_shows_it_read_only(make_app, config, clock, service):
    run = start_mini(service, config)
    service.complete(run, 1, actor="Bu Kepala", output="Disposisi no. 5", at=datetime(2026, 11, 23, 7, 40, tzinfo=WIB))
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("up")
        await pilot.pause()
        assert screen.selected() == 1
        text = _detail_text(screen)
        assert "Disposisi no. 5" in text and "Bu Kepala" in text
        await pilot.press("enter")  # Enter on a done step records nothing
        await pilot.pause()
        assert type(app.screen).__name__ == "ChecklistScreen"
        assert kinds(service, run) == ["run_started", "step_completed"]


async def test_the_elapsed_bar_turns_amber_then_red(make_app, config, clock, service):
    run = start_mini(service, config, at="2026-11-23T08:00")  # step 1: 10 minutes
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, bar = app.screen, app.screen.query_one("#elapsed")
        for minute, percent, style in ((5, "5 min left", "green"), (9, "1 min left", "yellow"),
                                       (12, "late by 2 min", "red")):
            clock.set(f"2026-11-23T08:{minute:02d}")
            screen.tick()  # what the interval timer calls
            await settle(pilot)
            text = bar.content
            assert percent in str(text)
            assert any(style in str(span.style) for span in text.spans)
        assert screen.timing.steps[0].late  # past due while still open
        assert "!" in str(screen.query_one("#steps").get_option_at_index(0).prompt)


def _detail_text(screen) -> str:
    from rich.console import Console
    console = Console(width=60, record=True)
    console.print(screen.query_one("#detail").content)
    return console.export_text()


async def test_an_emptied_time_field_is_refused_and_now_is_typed(make_app, config, service, clock):
    """The completion's time is filled with now. Emptied (or its keys lost on a slow link), it is
    refused: never read as now without a word. "now" (sekarang) is said in the field's hint."""
    run = start_mini(service, config)  # ready at 07:30
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#f-at")
        assert field.placeholder.endswith(" or now")
        clock.set("2026-11-23T10:07")  # the dialog stayed open a while
        await fill(pilot, at="", actor="Bu Kepala")
        await submit(pilot)
        assert "the time is empty" in error_text(app)
        assert kinds(service, run) == ["run_started"]  # nothing recorded
        await fill(pilot, at="now")
        await submit(pilot)
        done = [e for e in service.events(run) if e["kind"] == "step_completed"]
        assert len(done) == 1 and done[0]["at"].startswith("2026-11-23T10:07")


async def test_an_undo_confirmed_after_another_process_recorded_undoes_nothing(make_app, config, clock, service):
    run = start_mini(service, config)
    service.complete(run, 1, actor="Bu Kepala", at=clock())
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")  # the dialog names step 1's completion
        await pilot.pause()
        assert "#2" in str(app.screen.query_one("#intro").render())
        service.complete(run, 2, actor="Pak Staf", at=clock())  # another process, meanwhile
        app.screen.query_one("#confirm").value = True
        await submit(pilot)
        assert "nothing was undone" in error_text(app) and "#3" in error_text(app)
        assert kinds(service, run) == ["run_started", "step_completed", "step_completed"]  # both completions stand


async def test_a_new_run_freezes_the_sop_file_as_it_is_when_started(make_app, config, service):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sops")
        table.move_cursor(row=table.get_row_index("mini"))
        path = config.sops_dir / "mini.toml"
        path.write_text(path.read_text("utf-8").replace('waktu = "1 hari"', 'waktu = "sebentar saja"'), "utf-8")
        await pilot.press("n")  # the library was listed before the edit
        await pilot.pause()
        await fill(pilot, at="23/11/2026 07.45")
        await submit(pilot)
        assert "sebentar saja" in error_text(app) and "mini.toml" in error_text(app)  # refused as `start` refuses it
        assert not list((config.data_dir / "runs").glob("*.json"))
        path.write_text(path.read_text("utf-8").replace('waktu = "sebentar saja"', 'waktu = "2 hari"'), "utf-8")
        await submit(pilot)
        assert type(app.screen).__name__ == "ChecklistScreen"
        assert 'waktu = "2 hari"' in service.events(app.screen.run_id)[0]["data"]["sop_text"]


async def test_keys_that_arrive_together_edit_a_field_in_the_order_they_came(make_app, config, service):
    """A burst (a lagging link, a paste of keystrokes): Ctrl+U then "besok", Backspace among letters.
    As bindings, the editing keys ran after the letters behind them had been typed."""
    from textual import events

    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#f-at")
        field.focus()
        await pilot.pause()

        def burst(*keys: str) -> None:
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
        burst("ctrl+u", *"besok")
        await pilot.pause()
        assert field.value == "besok"
        burst("ctrl+u", *"10:0x", "backspace", "0")
        await pilot.pause()
        assert field.value == "10:00"
