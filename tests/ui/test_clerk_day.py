"""A clerk's whole Renja at 80x24 in Bahasa Indonesia, without the command line (issue 12's "done
when"): the Karangploso Renja (12 steps) started from home, every step recorded through the
dialogs, two "tidak" loops, an undo, a time correction, a time outside office hours warned about
and confirmed, the app closed and opened again and the run resumed with one Enter, the due view,
the run finished, its summary read and exported. What the clerk reads is asserted at each point
(the rendered screen, as a terminal gets it), and the record (service.state) at the end. The
clock is injected: nothing waits on real time."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest

from soptui.app import SoptuiApp
from soptui.config import load_config
from soptui.i18n import set_lang
from tests.conftest import SOPS, WIB, Clock
from tests.ui.conftest import error_text, fill, settle, submit
from tests.ui.test_hostile_text import screen_text

SIZE = (80, 24)
CAMAT = "SUROTO, SH, MM"  # the only name in the roster: the others are typed once, then offered


@pytest.fixture(autouse=True)
def indonesian():
    set_lang("id")


@pytest.fixture
def office(tmp_path):
    """The office's folder: the Renja SOP, a data folder, the operator, a roster of one, the place
    of the signature block."""
    sops = tmp_path / "sops"
    sops.mkdir()
    shutil.copy(SOPS / "karangploso-renja.toml", sops)
    (tmp_path / "soptui.toml").write_text(
        'sops_dir = "sops"\ndata_dir = "data"\nlang = "id"\noperator = "Sri Wahyuni"\n'
        f'[roster]\nCamat = "{CAMAT}"\n[signature]\nplace = "Malang"\n', encoding="utf-8")
    return load_config(str(tmp_path / "soptui.toml"))


def new_app(config, clock) -> SoptuiApp:
    """The app as the clerk launches it (a new one after a restart: nothing kept in memory)."""
    app = SoptuiApp(config, clock=clock)
    app.cursor_blink = False
    return app


def on_screen(app) -> str:
    return screen_text(app)


def screen_name(app) -> str:
    return type(app.screen).__name__


def lines_with(app, *words: str) -> list[str]:
    """The screen's lines that hold every one of `words`."""
    return [line for line in on_screen(app).splitlines() if all(w in line for w in words)]


async def record(pilot, clock: Clock, now: str, actor: str | None = None, *, at: str | None = None,
                 verdict: str = "", expect_actor: str | None = None) -> None:
    """At `now` (the clock moves there): `c` on the checklist, the dialog as offered (the time is
    now unless `at` is typed; the actor as pre-filled unless typed), then Ctrl+S or the verdict key."""
    app = pilot.app
    clock.set(now)
    await pilot.press("c")
    await settle(pilot)
    assert screen_name(app) == ("DecideDialog" if verdict else "CompleteDialog"), on_screen(app)
    assert app.screen.query_one("#f-at").value == now.replace("T", " ")
    if expect_actor is not None:
        assert app.screen.query_one("#f-actor").value == expect_actor
    values = {} if at is None else {"at": at}
    if actor is not None:
        values["actor"] = actor
    await fill(pilot, **values)
    if verdict:
        await pilot.press("ctrl+y" if verdict == "ya" else "ctrl+n")
        await settle(pilot)
    else:
        await submit(pilot)
    assert screen_name(app) == "ChecklistScreen", error_text(app)


def head(app) -> str:
    """The checklist's run line: '<id> · berjalan · 4/12 selesai · sekarang langkah 5'."""
    return str(app.screen.query_one("#run-head").render())


async def test_a_clerk_runs_the_whole_renja_at_80x24(office, tmp_path):
    clock = Clock(datetime(2026, 11, 23, 7, 30, tzinfo=WIB))  # a Monday, as the office opens
    app = new_app(office, clock)
    async with app.run_test(size=SIZE) as pilot:
        # Home, no runs yet: the library has the focus; `n` starts a run of the highlighted SOP.
        await settle(pilot)
        assert app.focused is app.screen.query_one("#sops")
        assert lines_with(app, "Perencanaan Kine", "12")
        await pilot.press("n")
        await settle(pilot)
        assert screen_name(app) == "NewRunDialog"
        assert "Pelaksanaan baru: Perencanaan Kinerja" in on_screen(app)
        assert app.screen.query_one("#f-operator").value == "Sri Wahyuni"  # soptui.toml's operator
        await fill(pilot, title="Renja 2027")
        await submit(pilot)
        assert screen_name(app) == "ChecklistScreen"
        run = app.screen.run_id
        assert head(app) == f"{run} · berjalan · 0/12 selesai · sekarang langkah 1"
        assert lines_with(app, "Batas waktu", "2026-11-23 07:40") and "sisa 10 mnt" in on_screen(app)

        # Steps 1-5. The Camat comes from the roster; nobody is guessed for the Sekcam.
        await record(pilot, clock, "2026-11-23T07:40", expect_actor=CAMAT)
        await record(pilot, clock, "2026-11-23T08:05", "Drs. Bambang", at="23/11/2026 08.00", expect_actor="")
        await record(pilot, clock, "2026-11-23T14:00", "Tim Renja", expect_actor="")
        await record(pilot, clock, "2026-11-24T10:00", "Evi Kasubag")
        await record(pilot, clock, "2026-11-24T14:00", "Andi Staf")
        assert head(app).endswith("5/12 selesai · sekarang langkah 6")
        assert lines_with(app, "Keputusan", "ya → 7, tidak → 5")

        # First "tidak" (step 6 → 5): the typing goes back to the Staf, who is offered again.
        await record(pilot, clock, "2026-11-24T14:30", verdict="tidak", expect_actor="Evi Kasubag")
        assert app.notices[-1].message == "Tidak: kembali ke langkah 5 untuk perbaikan"
        assert head(app).endswith("sekarang langkah 5")
        assert lines_with(app, "5 Pengetikan", "×2")
        await record(pilot, clock, "2026-11-25T09:00", expect_actor="Andi Staf")
        await record(pilot, clock, "2026-11-25T09:10", verdict="ya")
        # Second "tidak" (step 7 → 4): the konsep goes back to the Kasubag Evapor.
        await record(pilot, clock, "2026-11-25T09:40", verdict="tidak", expect_actor="Tim Renja")
        assert app.notices[-1].message == "Tidak: kembali ke langkah 4 untuk perbaikan"
        assert head(app).endswith("3/12 selesai · sekarang langkah 4")
        assert lines_with(app, "Batas waktu", "2026-11-26 09:40")  # one working day from 09:40
        await record(pilot, clock, "2026-11-25T13:30", expect_actor="Evi Kasubag")
        await record(pilot, clock, "2026-11-25T15:00", expect_actor="Andi Staf")
        await record(pilot, clock, "2026-11-25T15:10", verdict="ya")
        await record(pilot, clock, "2026-11-25T15:30", verdict="ya")
        assert head(app).endswith("7/12 selesai · sekarang langkah 8")

        # Step 8 recorded too early, then undone: `u`, the tick, Enter.
        await record(pilot, clock, "2026-11-26T08:00", expect_actor="Drs. Bambang")
        assert head(app).endswith("sekarang langkah 9")
        await pilot.press("u")
        await settle(pilot)
        assert screen_name(app) == "ReasonDialog"
        assert "selesai langkah 8, 2026-11-26 08:00" in on_screen(app)
        assert app.screen.query_one("#f-reason").value == "Salah catat"
        await pilot.press("space", "enter")
        await settle(pilot)
        assert screen_name(app) == "ChecklistScreen"
        assert app.notices[-1].message == "Kejadian terakhir diurungkan"
        assert head(app).endswith("7/12 selesai · sekarang langkah 8")
        assert "terlambat 30 mnt" in on_screen(app)  # due 25/11 16:00, now 26/11 08:00

        # Recorded again at 09:00, then the time corrected to when the paraf was given (08:45).
        await record(pilot, clock, "2026-11-26T09:00", expect_actor="Drs. Bambang")
        await pilot.press("up")  # the highlight back on step 8
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert screen_name(app) == "CorrectDialog"
        assert "selesai langkah 8 · 26/11/26 09:00" in on_screen(app)
        await fill(pilot, at="26/11/2026 08.45", reason="Paraf diberikan 08.45")
        await submit(pilot)
        assert screen_name(app) == "ChecklistScreen"
        assert lines_with(app, "Selesai", "2026-11-26 08:45 ✎", "terlambat")  # ✎: corrected
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not app.is_running

    # The next morning... no: the same morning, the app opened again. One Enter resumes the run.
    clock.set("2026-11-26T10:00")
    app = new_app(office, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        runs = app.screen.query_one("#runs")
        assert app.focused is runs and runs.selected_key() == run
        assert lines_with(app, "Renja 2027", "8/12", "9. Menandatang")
        await pilot.press("enter")
        await settle(pilot)
        assert screen_name(app) == "ChecklistScreen" and app.screen.run_id == run
        assert head(app).endswith("8/12 selesai · sekarang langkah 9")
        # The correction moved when step 9 was ready: 08:45, due 09:15.
        assert lines_with(app, "Siap sejak", "2026-11-26 08:45")
        assert lines_with(app, "Batas waktu", "2026-11-26 09:15", "terlambat")
        assert "terlambat 45 mnt" in on_screen(app)

        # The due view (`t` on home): the Camat's signature, late by 45 minutes.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert screen_name(app) == "DueScreen"
        assert "Tugas yang berjalan: 1 · terlambat 1" in on_screen(app)
        assert lines_with(app, "26/11 09:15", "terlambat 45 m", "Camat", "9. Menandat", "Renja 2027")
        assert lines_with(app, "siap sejak 26/11 08:45", "Camat · SUROTO")
        await pilot.press("enter")  # resumes the run of the highlighted row
        await settle(pilot)
        assert screen_name(app) == "ChecklistScreen" and app.screen.run_id == run

        # Step 9: the Camat signed after closing time; the clerk records it the next morning.
        clock.set("2026-11-27T08:00")
        recorded = len(app.service.events(run))
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one("#f-actor").value == CAMAT
        await fill(pilot, at="26/11/2026 17.15")
        await submit(pilot)
        assert screen_name(app) == "OffHoursConfirm"
        assert "Waktu di luar jam kerja" in on_screen(app)
        assert "2026-11-26 17:15 di luar jam kerja kantor" in on_screen(app)
        assert len(app.service.events(run)) == recorded  # nothing recorded while asked
        await pilot.press("n")  # "Ubah waktu": back to the time, the warning kept in view
        await settle(pilot)
        assert screen_name(app) == "CompleteDialog" and app.focused.id == "f-at"
        assert "di luar jam kerja" in error_text(app)
        await submit(pilot)  # the same time: it was right
        assert screen_name(app) == "OffHoursConfirm"
        await pilot.press("y")
        await settle(pilot)
        assert screen_name(app) == "ChecklistScreen"
        assert head(app).endswith("9/12 selesai · sekarang langkah 10")
        # Ready after closing: due the next morning, 30 minutes after opening.
        assert lines_with(app, "Siap sejak", "2026-11-26 17:15")
        assert lines_with(app, "Batas waktu", "2026-11-27 08:00")

        await record(pilot, clock, "2026-11-27T08:30", expect_actor=CAMAT)
        await record(pilot, clock, "2026-11-27T09:30", "Bu Kasubag Umum", expect_actor="")
        await record(pilot, clock, "2026-11-27T10:00", expect_actor="Andi Staf")
        assert app.notices[-1].message == "Semua langkah selesai. Pelaksanaan selesai."
        assert head(app) == f"{run} · selesai · 12/12 selesai"

        # The summary (`r`), then its export (`e`) as HTML into a folder of the clerk's.
        await pilot.press("r")
        await settle(pilot)
        assert screen_name(app) == "SummaryScreen"
        assert lines_with(app, "Disahkan oleh", "Camat Karangploso, SUROTO, SH, MM")
        assert lines_with(app, "Status", "selesai") and lines_with(app, "Selesai", "2026-11-27 10:00")
        assert lines_with(app, "Keutuhan catatan", "utuh")
        await pilot.press("e")
        await settle(pilot)
        assert screen_name(app) == "ExportDialog"
        out = tmp_path / "arsip"
        out.mkdir()
        await fill(pilot, folder=str(out))
        app.screen.query_one("#kind-html").value = True
        await settle(pilot)
        target = out / f"ringkasan-{run}.html"
        assert str(target) in str(app.screen.query_one("#target").render()).replace("\n", "")
        await submit(pilot)
        assert screen_name(app) == "SummaryScreen"
        assert app.notices[-1].message == f"Ringkasan tersimpan: {target}"
        await pilot.press("end")  # the end of the summary: what was changed, and why
        await settle(pilot)
        assert lines_with(app, "mengurungkan #15 selesai (langkah 8)")
        assert "Paraf diberikan 08.45" in on_screen(app)

    # The record: what the clerk did, as the service reads it back.
    state = app.service.state(run)
    assert state.status == "finished" and state.title == "Renja 2027" and state.operator == "Sri Wahyuni"
    attempts = {no: len(state.steps[no].attempts) for no in state.steps}
    assert attempts == {1: 1, 2: 1, 3: 1, 4: 2, 5: 3, 6: 3, 7: 2, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1}
    verdicts = [a.verdict for no in (6, 7) for a in state.steps[no].attempts]
    assert verdicts == ["tidak", "ya", "ya", "tidak", "ya"]
    step8 = state.steps[8].attempts[-1]
    assert step8.completed_at == datetime(2026, 11, 26, 8, 45, tzinfo=WIB) and step8.actor == "Drs. Bambang"
    assert state.steps[9].attempts[-1].completed_at == datetime(2026, 11, 26, 17, 15, tzinfo=WIB)
    assert state.steps[2].attempts[-1].completed_at - state.started_at == timedelta(minutes=30)
    actors = {no: state.steps[no].attempts[-1].actor for no in state.steps}
    assert actors == {1: CAMAT, 2: "Drs. Bambang", 3: "Tim Renja", 4: "Evi Kasubag", 5: "Andi Staf",
                      6: "Evi Kasubag", 7: "Tim Renja", 8: "Drs. Bambang", 9: CAMAT, 10: CAMAT,
                      11: "Bu Kasubag Umum", 12: "Andi Staf"}
    kinds = [e["kind"] for e in app.service.events(run)]
    assert kinds.count("undo") == 1 and kinds.count("correction") == 1

    # The exported page: the run, the off-hours mark on step 9, the signature block.
    page = target.read_text("utf-8")
    assert "Renja 2027" in page and "di luar jam kerja" in page
    assert "Mengetahui," in page and CAMAT in page and "Malang," in page and "Sri Wahyuni" in page
