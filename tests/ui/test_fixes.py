"""Every mistake can be fixed, at any time, and every fix shows: corrections of any field of any
event, undo and reopen of finished and cancelled runs, the run's history, and the summary's change
history, driven by keys at 80x24 and asserted on the stored events and on what is drawn."""

from __future__ import annotations

from datetime import datetime

from textual.geometry import Region

from tests.conftest import WIB
from tests.ui.conftest import error_text, fill, kinds, settle, shown_keys, start_mini, submit


def finished_mini(service, config, clock) -> str:
    """The mini SOP run to its end: events 1 (start) … 5 (step 4), 6 (run finished)."""
    run = start_mini(service, config)
    clock.set("2026-11-23T09:00")
    for no, when, extra in ((1, "07:40", {}), (2, "08:00", {"output": "Konsep"}), (3, "08:10", {"verdict": "ya"}),
                            (4, "08:20", {})):
        service.complete(run, no, actor="Staf A" if no != 1 else "Bu Kepala",
                         at=datetime.fromisoformat(f"2026-11-23T{when}").replace(tzinfo=WIB), **extra)
    return run


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


def drawn(widget, top: int = 0, height: int | None = None) -> list[str]:
    """The lines `widget` draws (from `top`, `height` of them): what is on the screen there."""
    height = widget.size.height if height is None else height
    return [strip.text for strip in widget.render_lines(Region(0, top, widget.size.width, height))]


async def test_fixing_a_finished_run_by_keys_at_80x24(make_app, config, clock, service):
    run = finished_mini(service, config, clock)
    before = len(service.events(run))
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.state.status == "finished"

        # Undo on the finished run, in three keys: it reopens the run (the dialog says so).
        await pilot.press("u")
        await pilot.pause()
        assert "undoing reopens it" in str(app.screen.query_one("#intro").render())
        await pilot.press("space", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.state.status == "in_progress" and screen.state.current == 4
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, at="08:30")
        await submit(pilot)
        assert screen.state.status == "finished"

        # One key opens the correction of the selected step, every field pre-filled as recorded.
        screen.query_one("#steps").highlighted = 1  # step 2
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "CorrectDialog" and dialog.seq == 3
        assert [dialog.query_one(f"#f-{n}").value for n in ("actor", "output", "at", "note", "evidence")] == \
            ["Staf A", "Konsep", "2026-11-23 08:00", "", ""]
        assert app.focused.id == "f-actor"
        await pilot.press("ctrl+a")
        await type_text(pilot, "Staf B")
        await pilot.press("tab", "ctrl+a")
        await type_text(pilot, "Konsep final")
        await pilot.press("tab", "ctrl+a")
        await type_text(pilot, "07:55")
        await fill(pilot, reason="salah orang")
        await submit(pilot)
        assert app.screen is screen
        fix = service.events(run)[-1]
        assert fix["kind"] == "correction" and fix["data"]["target"] == 3
        assert fix["data"]["fields"] == {"actor": "Staf B", "output": "Konsep final"}  # only what changed
        assert fix["data"]["original"] == {"actor": "Staf A", "output": "Konsep"}
        assert fix["data"]["at"].startswith("2026-11-23T07:55") and fix["data"]["by"] == "Operator Uji"
        assert screen.state.steps[2].last.actor == "Staf B" and screen.state.status == "finished"
        assert "Staf B ✎" in detail_text(screen)

        # The run's start, chosen in the same dialog: only its time can change.
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#event").value = 1
        await pilot.pause()
        assert not app.screen.query_one("#row-actor").display
        assert app.screen.query_one("#f-at").value == "2026-11-23 07:30"
        await fill(pilot, at="07:20", reason="jam mulai salah")
        await submit(pilot)
        assert type(app.screen).__name__ == "OffHoursConfirm"  # before opening time (07:30): asked first
        await pilot.press("y")
        await settle(pilot)
        assert service.events(run)[-1]["data"]["target"] == 1

        # Undo now would take back that correction, and says so; reopen reopens the run all the same.
        await pilot.press("u")
        await pilot.pause()
        intro = str(app.screen.query_one("#intro").render())
        assert "correction" in intro and "reopens" not in intro
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "belum selesai")
        await pilot.press("tab", "space", "enter")
        await settle(pilot)
        assert screen.state.status == "in_progress" and screen.state.current == 4

        # Cancel it, then reopen the cancelled run with a reason.
        await pilot.press("x")
        await pilot.pause()
        await fill(pilot, reason="SOP diganti")
        await pilot.press("tab", "space", "enter")
        await settle(pilot)
        assert screen.state.status == "cancelled"
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReasonDialog"
        await type_text(pilot, "dibatalkan keliru")
        await pilot.press("tab", "space", "enter")
        await settle(pilot)
        assert screen.state.status == "in_progress" and screen.state.current == 4

        # Exactly the new events, each saying what it changed.
        new = service.events(run)[before:]
        assert [e["kind"] for e in new] == ["undo", "undo", "step_completed", "run_finished", "correction",
                                            "correction", "undo", "undo", "run_cancelled", "undo"]
        seq = {e["kind"] + str(i): e["seq"] for i, e in enumerate(new)}
        assert [e["data"].get("target") for e in new] == [6, 5, None, None, 3, 1, seq["run_finished3"],
                                                         seq["step_completed2"], None, seq["run_cancelled8"]]
        assert [e["data"]["reason"] for e in new if e["kind"] == "undo"] == \
            ["Recorded by mistake"] * 2 + ["belum selesai"] * 2 + ["dibatalkan keliru"]

        # The summary: the change history and the corrected values' mark, as drawn.
        await pilot.press("r")
        await settle(pilot)
        doc, body = app.screen.query_one("#doc"), app.screen.query_one("#doc-body")
        lines = drawn(body)
        assert any("✎" in line for line in lines)
        history = next(i for i, line in enumerate(lines) if "Change history" in line)
        doc.scroll_to(y=history, animate=False)
        await pilot.pause()
        shown = drawn(body, int(doc.scroll_y), doc.size.height)  # the part of the summary on the screen
        assert any("Change history" in line for line in shown)
        assert any("reopened the run" in line for line in shown)
        assert any("Staf A → Staf B" in line for line in shown)


def detail_text(screen) -> str:
    return "\n".join(drawn(screen.query_one("#detail")))


async def test_a_refused_correction_says_why_in_the_dialog_and_records_nothing(make_app, config, clock, service):
    run = finished_mini(service, config, clock)
    before = kinds(service, run)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#steps").highlighted = 1
        await pilot.press("t")
        await pilot.pause()
        await fill(pilot, at="07:00", reason="coba")  # before step 2 became ready (07:40)
        await submit(pilot)
        assert type(app.screen).__name__ == "CorrectDialog"
        assert error_text(app).startswith("correction #3 refused:") and "07:40" in error_text(app)
        await fill(pilot, at="2026-11-23 08:00")  # nothing changed: the rules say so too
        await submit(pilot)
        assert "nothing would change" in error_text(app) or "say what to correct" in error_text(app)
        assert kinds(service, run) == before


async def test_the_history_lists_every_event_and_corrects_the_one_chosen(make_app, config, clock, service):
    run = finished_mini(service, config, clock)
    service.correct(run, 3, reason="salah ketik", by="Sri", output="Konsep v2")
    service.reopen(run, "keliru", by="Sri")  # undoes 6 (finished), then 5 (step 4); the correction stays
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert type(history).__name__ == "HistoryScreen"
        events = history.query_one("#events")
        assert events.option_count == 9 and events.selected_seq == 9
        text = "\n".join(drawn(events, 0, events.virtual_size.height))
        for expected in ("#1 run start", "#3 completion of step 2", "✎ corrected by #7", "✗ undone by #8",
                         "output Konsep → Konsep v2", "reason: salah ketik", "undid #6 run finished"):
            assert expected in text, expected
        assert max(len(line) for line in text.splitlines()) <= 80

        # t is offered on an event that can be corrected, and only there; elsewhere it says why.
        assert "t" not in footer_keys(history)  # #9, an undo
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is history
        assert "is a correction or an undo" in last_notice(app)
        events.highlighted = 2  # #3, step 2's completion
        await pilot.pause()
        assert "t" in footer_keys(history)
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.seq == 3 and app.screen.query_one("#f-output").value == "Konsep v2"
        await fill(pilot, note="dicek ulang", reason="catatan lupa")
        await submit(pilot)
        assert app.screen is history
        assert service.events(run)[-1]["data"]["fields"] == {"note": "dicek ulang"}
        assert events.option_count == 10


def last_notice(app) -> str:
    return list(app.notices)[-1].message  # noqa: SLF001


def footer_keys(screen) -> list[str]:
    return [k.key for k in shown_keys(screen)]


async def test_keys_that_cannot_act_leave_the_footer_and_say_why(make_app, config, clock, service):
    fresh = start_mini(service, config, title="fresh")
    going = start_mini(service, config, title="going")
    service.start_step(going, 1, at=datetime(2026, 11, 23, 7, 35, tzinfo=WIB))
    done = finished_mini(service, config, clock)
    stopped = start_mini(service, config, title="stopped")
    service.cancel(stopped, "uji")
    cases = {  # run: (keys in the footer at 80 columns, hidden keys and what they answer)
        fresh: (["c", "s", "t", "h", "r", "d", "f", "x", "escape", "f1"], {"u": "nothing to undo",
                                                                    "o": "still in progress"}),
        going: (["c", "u", "t", "h", "r", "d", "f", "x", "escape", "f1"], {"s": "already started",
                                                                    "o": "still in progress"}),
        done: (["u", "t", "o", "h", "r", "d", "f", "escape", "f1"], {"c": "is finished", "s": "is finished",
                                                               "x": "is finished"}),
        stopped: (["u", "t", "o", "h", "r", "d", "f", "escape", "f1"], {"c": "was cancelled", "x": "was cancelled"}),
    }
    for run, (shown, hidden) in cases.items():
        app = make_app(start=("resume", run))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert footer_keys(screen) == shown, run
            titles = [c.title for c in app.get_system_commands(screen)]
            assert ("Reopen" in titles) == ("o" in shown) and ("Complete" in titles) == ("c" in shown)
            assert "History" in titles
            recorded = kinds(service, run)
            for key, answer in hidden.items():
                await pilot.press(key)
                await pilot.pause()
                assert app.screen is screen, key  # no dialog over a run it cannot act on
                assert answer in last_notice(app), key
            assert kinds(service, run) == recorded


async def test_the_tick_box_is_empty_until_ticked(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        box = app.screen.query_one("#confirm")
        assert not box.value and drawn(box)[0].startswith("▐ ▌ Yes, I am sure")
        box.focus()
        await pilot.press("space")
        assert box.value and drawn(box)[0].startswith("▐X▌ Yes, I am sure")
        await pilot.press("space")
        assert not box.value and drawn(box)[0].startswith("▐ ▌")


async def test_fields_behave_as_in_a_desktop_form(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        actor = app.screen.query_one("#f-actor")
        assert app.focused is actor and actor.value == "Bu Kepala"
        await pilot.press("end", "ctrl+a")
        await type_text(pilot, "Budi")
        assert actor.value == "Budi"  # typing replaced the selection, nothing appended

        # The app's keys are typed into a field, not acted on (c, u, t, r, q, ?, h, o, x, d, s).
        await type_text(pilot, " cutrq?hoxds")
        assert actor.value == "Budi cutrq?hoxds" and type(app.screen).__name__ == "CompleteDialog"

        # Home/End, word moves, Shift+arrows selection, Backspace/Delete of a selection.
        actor.value = "Pak Budi Santoso"
        await pilot.press("home", "ctrl+right")
        assert actor.cursor_position == 4
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right")
        assert actor.selected_text == "Budi"
        await pilot.press("backspace")
        assert actor.value == "Pak  Santoso"
        await pilot.press("end", "ctrl+left", "shift+end")
        assert actor.selected_text == "Santoso"
        await pilot.press("delete")
        assert actor.value == "Pak  "
        await pilot.press("shift+home")
        await type_text(pilot, "Ani")
        assert actor.value == "Ani"

        # Tab selects the next field's text, so typing replaces it there too.
        await pilot.press("tab")
        await type_text(pilot, "Disposisi no. 7")
        assert app.screen.query_one("#f-output").value == "Disposisi no. 7"


async def test_a_reference_is_shown_as_a_reference(make_app, config, clock, service):
    """Evidence recorded as ref:laporan.pdf (a file kept elsewhere) reads as typed in the history,
    the step details and every summary; "laporan.pdf" alone would read like a file kept here."""
    from soptui.evidence import evidence_of
    from soptui.report import export, summary_data
    from soptui.report.figures import attempt_records
    from soptui.timing import time_run

    run = start_mini(service, config)
    clock.set("2026-11-23T09:00")
    for no, when, extra in ((1, "07:40", {"evidence": evidence_of("ref:laporan.pdf")}), (2, "08:00", {})):
        service.complete(run, no, actor="Staf A", at=datetime.fromisoformat(f"2026-11-23T{when}").replace(tzinfo=WIB),
                         **extra)
    service.correct(run, 3, reason="bukti", by="Sri", evidence=evidence_of("ref:lampiran.pdf"))
    service.correct(run, 2, reason="bukti", by="Sri", evidence=evidence_of("005/12/421.628/2026"))
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        events = app.screen.query_one("#events")
        text = "\n".join(drawn(events, 0, events.virtual_size.height))
        text = " ".join(text.replace("▊", " ").split())  # long lines wrap
        assert "evidence: ref:laporan.pdf" in text and "evidence — → ref:lampiran.pdf" in text
        assert "evidence ref:laporan.pdf → 005/12/421.628/2026" in text  # a letter number is no file name
    state = service.state(run)
    timing = time_run(state, service.calendar, service.now())
    records = attempt_records(summary_data(state, timing))
    assert [a["evidence"] for a in records if a["evidence"]] == ["005/12/421.628/2026", "ref:lampiran.pdf"]
    for fmt in ("text", "md", "html", "csv"):  # JSON keeps the kind: {"kind": "ref", "ref": "laporan.pdf"}
        shown = export(state, timing, fmt)
        shown = shown if isinstance(shown, str) else shown.decode()
        assert "ref:lampiran.pdf" in shown, fmt
        assert fmt == "csv" or "ref:laporan.pdf" in shown, fmt  # the value corrected, in the change history
