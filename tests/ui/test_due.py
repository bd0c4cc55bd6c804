"""Resume is one key, the due view is sorted and filtered, and runs titled alike stay apart at 80
columns (Pilot, 80x24)."""

from __future__ import annotations

from rich.text import Text

from tests.ui.conftest import shown_keys, settle, start_mini
from tests.ui.test_snapshots_due import alike_runs


def shown_row(table, key: str) -> str:
    """A row as the table draws it: each cell cut to its column's width."""
    cells = []
    for column, value in zip(table.ordered_columns, table.get_row(key)):
        text = value.copy() if isinstance(value, Text) else Text(str(value))
        text.truncate(column.width, overflow="ellipsis")
        cells.append(text.plain)
    return " | ".join(cells)


async def test_enter_on_launch_resumes_the_latest_run_in_progress(make_app, config, clock, service):
    older = start_mini(service, config, title="Lama")
    clock.set("2026-11-23T08:10")
    latest = start_mini(service, config, title="Terbaru", at="2026-11-23T08:10")
    clock.set("2026-11-23T08:20")
    closed = start_mini(service, config, title="Ditutup", at="2026-11-23T08:20")
    service.cancel(closed, "uji")  # newer, but not in progress
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        runs = app.screen.query_one("#runs")
        assert app.focused is runs and runs.selected_key() == latest
        assert older != latest
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChecklistScreen" and app.screen.run_id == latest
        await pilot.press("escape")
        await settle(pilot)
        # Tab reaches the SOP library; Enter there opens the SOP's document, not a run.
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#sops")
        await pilot.press("tab")
        assert app.focused is runs


async def test_without_runs_in_progress_home_opens_on_the_library(make_app, config, service):
    closed = start_mini(service, config, title="Ditutup")
    service.cancel(closed, "uji")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#sops")


async def test_runs_titled_alike_are_told_apart_at_80_columns(tmp_path, monkeypatch):
    app, renja = alike_runs(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        rows = [shown_row(table, run) for run in renja]
        assert all(row.startswith("Renja 2027 ") for row in rows)
        assert len(set(rows)) == 3  # same title, told apart by SOP and unit
        sop_cells = [row.split(" | ")[1] for row in rows]
        assert len(set(sop_cells)) == 3, sop_cells
        assert sop_cells[0].endswith("angploso") and sop_cells[1].endswith("Lumajang")
        sops = app.screen.query_one("#sops")
        numbers = [shown_row(sops, key).split(" | ")[0] for key in
                   ("satpolpp-pengukuran-kinerja", "satpolpp-pengumpulan-data-kinerja", "satpolpp-perencanaan-kinerja")]
        assert len(set(numbers)) == 3, numbers  # 427.46/01/01.57/2020, .42, .55: apart when cut


async def test_the_due_view_is_sorted_filtered_and_resumes(tmp_path, monkeypatch):
    app, renja = alike_runs(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == "DueScreen"
        table = screen.query_one("#due-table")
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert table.row_count == 4
        assert keys == [d.row["id"] for d in screen.shown]
        dues = [d.row["current_due_at"] for d in screen.shown]
        assert dues == sorted(dues)  # earliest due first
        first = screen.shown[0]
        assert first.left is not None and first.left[0] is True
        assert str(table.get_row(keys[0])[1]).endswith(" late")
        assert any(str(table.get_row(k)[1]).endswith(" left") for k in keys)

        # Filter by person: the roster's Sekretaris is Dewi Lestari (run 2's current step).
        await pilot.press("p")
        await pilot.press(*"dewi")
        await settle(pilot)
        assert table.row_count == 1 and table.get_row_at(0)[2].plain == "Sekretaris · Dewi Lestari"
        assert "dewi" in str(screen.query_one("#due-head").render())
        await pilot.press("enter")  # from the filter back to the list
        assert app.focused is table
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ChecklistScreen" and app.screen.run_id == renja[1]


async def test_the_due_view_says_when_nobody_matches_and_esc_clears_then_closes(tmp_path, monkeypatch):
    app, _ = alike_runs(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("p", *"zzz")
        await pilot.pause()
        table = app.screen.query_one("#due-table")
        assert table.row_count == 0
        assert "No task" in str(app.screen.query_one("#due-line1").render())
        assert "enter" not in [k.key for k in shown_keys(app.screen)]  # nothing listed: Enter resumes nothing
        await pilot.press("escape")  # clears the filter, and the keys act on the list again
        await pilot.pause()
        assert table.row_count == 4 and app.focused is table
        assert [k.enabled for k in shown_keys(app.screen) if k.key == "enter"] == [True]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
