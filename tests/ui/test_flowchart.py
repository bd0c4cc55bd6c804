"""The flowchart screen: one key from home, the document, the summary and the checklist; a cursor
on the steps with their details; a run drawn on it and followed as it changes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.ui.conftest import settle, shown_keys, start_mini


def shown(widget) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def detail_text(app) -> str:
    return shown(app.screen.query_one("#flow-detail-body"))


def chart_lines(app) -> list[str]:
    return shown(app.screen.query_one("#chart-body")).splitlines()


async def test_f_on_home_opens_the_chosen_sops_flowchart_and_the_cursor_shows_each_step(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert type(app.screen).__name__ == "FlowchartScreen"
        chart = app.screen.query_one("#chart")
        assert chart.selected == app.screen.sop.steps[0].no
        assert "Activity" in shown(app.screen.query_one("#chart-head"))  # the tests speak English
        first = app.screen.sop.steps[0]
        assert first.kegiatan.split()[0] in detail_text(app)
        await pilot.press("down", "down")
        await settle(pilot)
        third = app.screen.sop.steps[2]
        assert chart.selected == third.no
        assert " ".join(third.kegiatan.split()[:3]) in " ".join(detail_text(app).split())
        # Every line of the chart fits beside the scrollbar at 80 columns.
        assert max(len(line.rstrip()) for line in chart_lines(app)) <= 78
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_run_is_drawn_on_the_chart_with_its_rework_and_attempts(make_app, config, service, clock):
    run = start_mini(service, config)
    service.complete(run, 1, actor="Bu Kepala")
    clock.set("2026-11-23T09:00")
    service.complete(run, 2, actor="Ani")
    service.complete(run, 3, actor="Bu Kepala", verdict="tidak")
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert type(app.screen).__name__ == "FlowchartScreen"
        chart = app.screen.query_one("#chart")
        assert chart.selected == 2  # the current step: sent back by step 3
        lines = chart_lines(app)
        assert any("[▶2 ]" in line for line in lines)
        assert any("<↻3 >─No ×1" in line for line in lines)
        assert "Attempts" in detail_text(app)  # step 2 is on its second attempt
        # Another process records: the chart follows.
        service.complete(run, 2, actor="Ani")
        app.screen.poll()
        await settle(pilot)
        assert any("[✓2 ]" in line for line in chart_lines(app))
        assert any("<▶3 >" in line for line in chart_lines(app))
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ChecklistScreen"


async def test_the_flowchart_is_one_key_from_the_document_the_summary_and_the_runs(make_app, config, service):
    run = start_mini(service, config, title="Satu")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert type(app.screen).__name__ == "FlowchartScreen" and app.screen.run_id is None
        await pilot.press("escape", "escape", "f")  # home opens on the run in progress
        await settle(pilot)
        assert type(app.screen).__name__ == "FlowchartScreen" and app.screen.run_id == run
        await pilot.press("escape", "r")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert type(app.screen).__name__ == "FlowchartScreen" and app.screen.run_id == run


async def test_a_click_on_a_row_picks_its_step(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        chart = app.screen.query_one("#chart")
        body = app.screen.query_one("#chart-body")
        sop = app.screen.sop
        row = chart.rows[sop.steps[1].no] - 3  # under the three rows of lane names
        await pilot.click(body, offset=(2, row))
        await settle(pilot)
        assert chart.selected == sop.steps[1].no


@pytest.mark.parametrize("size, beside", [((80, 24), False), ((160, 45), True)])
async def test_details_under_the_chart_when_narrow_beside_it_when_wide(make_app, size, beside):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        chart, detail = app.screen.query_one("#chart"), app.screen.query_one("#flow-detail")
        assert (detail.region.x >= chart.region.right) == beside
        assert (detail.region.y >= chart.region.bottom) == (not beside)
        assert chart.region.right <= size[0] and detail.region.right <= size[0]
        # Larger terminals get a wider chart.
        assert chart.region.width >= (100 if beside else 78)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_home_footer_shows_the_key_when_there_is_room(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        footer_keys = shown_keys(app.screen)
        assert all(k.right <= size[0] for k in footer_keys)
        assert any(k.key == "f1" for k in footer_keys)
        assert any(k.key == "f" for k in footer_keys) == (size[0] >= 120)


async def test_a_chart_wider_than_the_screen_scrolls_across_with_its_lane_names(make_app, config):
    roles = [f"Peran {i}" for i in range(12)]
    text = (config.sops_dir / "mini.toml").read_text(encoding="utf-8")
    text = text.replace('pelaksana = ["Kepala", "Staf"]', "pelaksana = [" + ", ".join(f'"{r}"' for r in
                                                                                  ["Kepala", "Staf", *roles]) + "]")
    (config.sops_dir / "mini.toml").write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sops")
        table.move_cursor(row=[k.value for k in table.rows].index("mini"))
        await pilot.press("f")
        await settle(pilot)
        head = app.screen.query_one("#chart-head")
        scroll = app.screen.query_one("#chart-scroll")
        assert scroll.max_scroll_x > 0
        before = shown(head).splitlines()[1]
        await pilot.press("right", "right")
        await settle(pilot)
        after = shown(head).splitlines()[1]
        assert scroll.scroll_x == 16 and after.startswith(before[16:26])
