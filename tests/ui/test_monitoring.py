"""The statistics screen (one key from home) and the forms screen: the penilai changes the suggested
columns, answers the evaluation, saves; the saved forms are what the command line reads back."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, Select

from tests.conftest import WIB
from tests.ui.conftest import settle, start_mini


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


def _text(renderable) -> str:
    import io

    from rich.console import Console
    out = io.StringIO()
    Console(file=out, width=78, no_color=True).print(renderable)
    return out.getvalue()


def record(service, config) -> str:
    """A run of the mini SOP in March 2026 (the last full semester on 23 Nov 2026): step 1 late
    (10 min standard, 40 min taken), one rework loop at the decision."""
    run = start_mini(service, config, title="Maret", at="2026-03-02T08:00")
    for no, at, verdict in ((1, "08:40", None), (2, "10:00", None), (3, "10:10", "tidak"), (2, "11:00", None),
                            (3, "11:05", "ya"), (4, "11:30", None)):
        service.complete(run, no, at=_at(f"2026-03-02T{at}"), actor="Sari", verdict=verdict)
    return run


async def test_statistics_then_forms_saved_by_the_penilai(make_app, config, service):
    record(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # the library's second SOP: mini
        assert app.screen.selected_sop() == "mini"
        await pilot.press("s")
        await settle(pilot)
        assert type(app.screen).__name__ == "StatsScreen"
        body = _text(app.screen.query_one("#doc-body").content)
        assert "Memerintahkan" in body and "1 run started: 1 finished" in body
        # In English throughout: the decision's answers, the roles' heading, the standards formatted.
        assert "Decision 3: 1 × back to step 2; 1 × yes" in body and "By role" in body
        assert "10 min" in body and "menit" not in body and "ya" not in body.split()
        assert "|" in body  # the bars, with the standard marked
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "FormsScreen"
        assert screen.query_one("#catatan", Input).value.startswith("1 run; ")
        assert screen.query_one("#penilaian", Select).value in ("baik", "tidak_baik")
        screen.query_one("#penilaian", Select).value = "tidak_baik"
        screen.query_one("#tindakan", Input).value = "Rapat evaluasi langkah 1"
        for i in range(1, 8):
            screen.query_one(f"#q{i}", Select).value = "ya" if i != 2 else "tidak"
        screen.query_one("#penilai", Input).value = "Bu Penilai"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    (monitoring,) = service.store.forms("monitoring")
    assert (monitoring["from"], monitoring["to"], monitoring["penilai"]) == ("2026-01-01", "2026-06-30", "Bu Penilai")
    row = monitoring["rows"][0]
    assert (row["penilaian"], row["tindakan"]) == ("tidak_baik", "Rapat evaluasi langkah 1")
    (evaluation,) = service.store.forms("evaluation")
    assert evaluation["sops"][0]["answers"] == ["ya", "tidak", "ya", "ya", "ya", "ya", "ya"]
    assert abs(evaluation["sops"][0]["score"] - 6 / 7) < 1e-9


async def test_forms_screen_says_when_no_sop_ran(make_app):
    from soptui.screens.monitoring import FormsScreen
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(FormsScreen())
        await settle(pilot)
        assert "No SOP was run in this period." in str(app.screen.query_one("#forms-head").render())
        await pilot.press("pageup")  # another semester: read again, still nothing, no error
        await settle(pilot)
        assert "2025-07-01" in str(app.screen.query_one("#forms-head").render())


async def test_statistics_period_picker(make_app, config, service):
    """p steps through the presets (today: 23 Nov 2026), d takes typed days, checked first."""
    record(service, config)  # March 2026
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "s")
        await settle(pilot)
        screen = app.screen
        seen = []
        for _ in range(5):
            await pilot.press("p")
            await settle(pilot)
            body = _text(screen.query_one("#doc-body").content)
            seen.append((screen.sub_title.split(" · ")[-1], "1 run started" in body, body.split("\n")[1]))
        assert seen == [
            ("this semester", False, "Period: 2026-07-01 to 2026-12-31"),
            ("last semester", True, "Period: 2026-01-01 to 2026-06-30"),
            ("this year", True, "Period: 2026-01-01 to 2026-12-31"),
            ("last year", False, "Period: 2025-01-01 to 2025-12-31"),
            ("all runs", True, "Period: all runs")]
        await pilot.press("P")  # back
        await settle(pilot)
        assert screen.sub_title.endswith("last year")
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert type(dialog).__name__ == "PeriodDialog"
        assert dialog.query_one("#f-from", Input).value == "2025-01-01"
        dialog.query_one("#f-from", Input).value = "31/13/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(dialog.query_one("#error").content)
        assert "'31/13/2026' cannot be: there is no month 13" in error and app.screen is dialog
        dialog.query_one("#f-from", Input).value = "2026-04-01"
        dialog.query_one("#f-to", Input).value = "1/3/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "reversed" in str(dialog.query_one("#error").content)
        dialog.query_one("#f-from", Input).value = "1/3/2026"
        dialog.query_one("#f-to", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.sub_title.endswith("2026-03-01 to …")
        body = _text(screen.query_one("#doc-body").content)
        assert "Period: 2026-03-01 to …" in body and "1 run started" in body
