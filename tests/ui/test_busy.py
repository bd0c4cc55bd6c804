"""Nothing blocks the screen: records wait for the run's lock in a thread, runs are read in a thread,
and the index is rebuilt in a thread with its progress shown. Meanwhile the keys keep working, and
those that would act twice answer "busy"."""

from __future__ import annotations

import asyncio
import re
import shutil
import threading

from filelock import FileLock

from soptui.screens import checklist as checklist_module
from soptui.service import RunService
from tests.conftest import WIB
from tests.ui.conftest import error_text, fill, kinds, settle, start_mini, submit


def held_back(monkeypatch, owner, name: str):
    """`owner.name` replaced by a call that waits for `release`; `started` says it was called."""
    release, started = threading.Event(), threading.Event()
    real = getattr(owner, name)

    def held(*args, **kwargs):
        started.set()
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release, started, real


async def until(pilot, event: threading.Event) -> None:
    for _ in range(50):
        await pilot.pause()
        if event.is_set():
            return


def run_lock(config, run: str) -> FileLock:
    """The run's cross-process lock, taken here as another process would take it."""
    (config.data_dir / "locks").mkdir(parents=True, exist_ok=True)
    return FileLock(str(config.data_dir / "locks" / f"run-{run}.lock"))


async def test_a_completion_waits_for_a_held_lock_and_the_screen_keeps_answering(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        checklist = app.screen
        app.service.store.lock_timeout = 60  # long: the test lets go of the lock itself
        lock = run_lock(config, run)
        with lock:
            await pilot.press("c")
            await pilot.pause()
            dialog = app.screen
            await fill(pilot, at="07:50", note="tunggu")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert dialog.saving and "Saving…" in error_text(app)
            assert dialog.query_one("#ok").disabled  # the record button is off while saving

            # A second submit and a cancel answer "still saving" instead of acting.
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Still saving" in error_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is dialog

            # The rest keeps answering: focus moves, the command palette opens and closes.
            focused = app.focused
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not focused
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert app.screen.has_class("--textual-command-palette")  # Textual's palette, in soptui's words
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is dialog and dialog.saving
            assert kinds(service, run) == ["run_started"]  # nothing yet: the lock is held

        await settle(pilot)  # the lock is free: the waiting record lands, the dialog closes
        assert app.screen is checklist
        assert kinds(service, run) == ["run_started", "step_completed"]  # once
        assert service.events(run)[-1]["data"]["note"] == "tunggu"
        assert checklist.state.current == 2 and not checklist.reading


async def test_a_lock_that_stays_taken_ends_in_a_clear_message_with_nothing_recorded(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.service.store.lock_timeout = 1.0
        with run_lock(config, run):
            await pilot.press("c")
            await pilot.pause()
            dialog = app.screen
            await fill(pilot, at="07:50")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert dialog.saving
            await app.workers.wait_for_complete()  # the record gives up after the lock's timeout
            await pilot.pause()
            assert app.screen is dialog and not dialog.saving
            error = error_text(app)
            assert f"run-{run}.lock" in error and "busy for 1 s" in error and "try again" in error
            assert not dialog.query_one("#ok").disabled
            assert kinds(service, run) == ["run_started"]
        await submit(pilot)  # tried again once the lock is free: recorded
        assert kinds(service, run) == ["run_started", "step_completed"]


async def test_a_refused_record_comes_back_to_the_dialog(make_app, config, service):
    run = start_mini(service, config)  # ready at 07:30
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await fill(pilot, at="07:00")  # before the step became ready: the rules refuse it
        await submit(pilot)
        assert type(app.screen).__name__ == "CompleteDialog" and not app.screen.saving
        assert "07:00" in error_text(app) and "Saving" not in error_text(app)
        assert kinds(service, run) == ["run_started"]


async def test_recording_keys_answer_busy_while_the_run_is_read_again(make_app, config, service, monkeypatch):
    run = start_mini(service, config)
    service.complete(run, 1, actor="Bu Kepala")
    app = make_app(start=("resume", run))
    gate = threading.Event()
    real = checklist_module.read_view

    def held(app, run_id):
        gate.wait(30)
        return real(app, run_id)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        monkeypatch.setattr(checklist_module, "read_view", held)
        await pilot.press("f5")
        await pilot.pause()
        assert screen.reading
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen  # no dialog over a run that is still being read
        assert any("being read again" in n.message for n in app.notices)
        await pilot.press("up")  # the step list still moves
        await pilot.pause()
        assert screen.selected() == 1
        gate.set()
        await settle(pilot)
        assert not screen.loading
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "CompleteDialog"


async def test_the_home_counts_a_rebuild_of_the_index_and_keeps_answering(make_app, config, clock, monkeypatch):
    service = RunService(config.data_dir, WIB, clock=clock)
    ids = [start_mini(service, config, title=f"Run {i}") for i in range(5)]
    shutil.rmtree(config.data_dir / "index")  # lost: every row is rebuilt from the run files
    reached, gate = threading.Event(), threading.Event()
    real = RunService.index

    def index(self, progress=None):
        def held(done, total):
            progress(done, total)
            if done == 2:
                reached.set()
                gate.wait(30)
        return real(self, progress=held)

    monkeypatch.setattr(RunService, "index", index)
    refreshed = []
    monkeypatch.setattr(RunService, "refresh_row", lambda self, run_id: refreshed.append(run_id))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await asyncio.to_thread(reached.wait, 30)
        await pilot.pause()
        home = app.screen
        heading = str(home.query_one("#runs-head").render())
        assert re.search(r"rebuilding the index from the run files: [0-2]/5…", heading), heading
        assert home.query_one("#runs").row_count == 0
        sops = home.query_one("#sops")
        assert sops.row_count == 2  # the library shows while the runs are read
        await pilot.press("down")  # keys work meanwhile
        await pilot.pause()
        assert sops.cursor_row == 1
        gate.set()
        await settle(pilot)
        assert home.query_one("#runs").row_count == 5
        assert str(home.query_one("#runs-head").render()) == "Runs (in progress first)"
    rows = service.store.index_rows()[0]
    assert {r["id"] for r in rows} == set(ids)  # written back
    assert all("late_done" in r for r in rows)  # rebuilt with the office calendar: lateness included,
    assert refreshed == []                          # none measured again afterwards


async def test_a_slow_reading_of_the_index_says_loading_a_quick_one_nothing(make_app, config, service,
                                                                              monkeypatch):
    run = start_mini(service, config)
    entered, gate = threading.Event(), threading.Event()
    real = RunService.index

    def index(self, progress=None):
        entered.set()
        gate.wait(30)
        return real(self, progress=progress)

    monkeypatch.setattr(RunService, "index", index)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert await asyncio.to_thread(entered.wait, 30)
        await pilot.pause()
        home = app.screen
        heading = home.query_one("#runs-head")
        assert str(heading.render()) == "Runs (in progress first)"  # no flicker for a quick reading
        # Meanwhile the hot index (every run in progress) is listed, and the due view can open.
        assert home.query_one("#runs").get_row_index(run) == 0 and home.check_action("due", ()) is True
        home._still_reading(home._reading)  # what the timer calls once the reading takes long
        await pilot.pause()
        assert str(heading.render()) == "Runs (in progress first) · loading…"
        gate.set()
        await settle(pilot)
        assert str(heading.render()) == "Runs (in progress first)"
        assert home.query_one("#runs").get_row_index(run) == 0
        home._still_reading(home._reading)  # a timer that fires late says nothing
        await pilot.pause()
        assert str(heading.render()) == "Runs (in progress first)"


async def test_the_sop_files_are_read_in_a_thread_while_the_screen_answers(make_app, config, service, monkeypatch):
    """A library of hundreds of imported SOPs takes a while to read and check: home paints and its
    keys work meanwhile, and the SOPs are listed once they are read."""
    from soptui import sopfile

    release, started, real = held_back(monkeypatch, sopfile, "load_library")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, started)
        assert started.is_set() and threading.current_thread() is threading.main_thread()
        table = app.screen.query_one("#sops")
        assert table.row_count == 0  # still reading
        runs_at = app.screen.query_one("#runs").region  # the library's table already as tall as its files
        await pilot.press("t")  # the keys answer: the due view opens and closes
        await pilot.pause()
        assert type(app.screen).__name__ == "DueScreen"
        await pilot.press("escape")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert table.row_count == len(real(config.sops_dir).sops) > 0
        assert app.screen.query_one("#runs").region == runs_at  # nothing below it moved


async def test_keys_pressed_before_the_first_reading_say_one_moment_and_then_act(make_app, config, service,
                                                                                 monkeypatch):
    """The first reading (hot rows, then the SOP files) is held back: home paints with its keys
    usable (not dimmed, then lit an instant later); a key that needs the lists says "one moment"
    and does nothing else, and once the lists are in, the same keys act."""
    import soptui.store
    from soptui.i18n import t
    run = start_mini(service, config)
    release, started, _ = held_back(monkeypatch, soptui.store, "hot_index")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, started)
        home = app.screen
        assert started.is_set() and home.query_one("#runs").row_count == 0
        assert all(home.check_action(a, ()) for a in ("due", "new_run", "document", "summary"))
        for key in ("t", "n", "r", "d", "f", "s", "enter"):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert app.notices[-1].message == t("home.wait_reading")
        release.set()
        await settle(pilot)
        assert home.query_one("#runs").selected_key() == run and home.focused is home.query_one("#runs")
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "DueScreen"


async def test_f5_during_the_first_reading_lists_the_files_as_they_are_now(make_app, config, monkeypatch):
    """The first reading of the library is slow; meanwhile the clerk adds a SOP file and presses F5:
    the list (and the app's library) end with the file, not with the first reading's older copy."""
    from soptui import sopfile
    real = sopfile.load_library
    release, started = threading.Event(), threading.Event()
    calls: list[str] = []

    def first_slow(*args, **kwargs):
        calls.append(threading.current_thread().name)
        library = real(*args, **kwargs)
        if len(calls) == 1:  # read now, handed over late
            started.set()
            release.wait(30)
        return library

    monkeypatch.setattr(sopfile, "load_library", first_slow)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, started)
        before = len(real(config.sops_dir).sops)
        shutil.copy(config.sops_dir / "mini.toml", config.sops_dir / "added.toml")
        await pilot.press("f5")
        await settle(pilot)
        release.set()
        for _ in range(5):
            await settle(pilot)
        assert app.screen.query_one("#sops").row_count == len(app.library.sops) == before + 1
        assert calls[0] == "soptui-first-read" and len(calls) == 2


async def test_the_first_reading_words_problems_in_the_sessions_language(make_app, config):
    """The reading thread speaks the session's language, not the process's (a thread starts with
    an empty context)."""
    from soptui import i18n
    (config.sops_dir / "broken.toml").write_text("[identitas]\nnomor = 1\n", encoding="utf-8")
    i18n.set_lang("id")
    try:
        app = make_app()
        with i18n.using_lang("en"):
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot)
                notices = [n.message for n in app.notices if "broken.toml" in n.message]
    finally:
        i18n.set_lang("en")
    assert notices and "required" in notices[0] and "wajib" not in notices[0]
