"""Home with damaged run files: it opens, lists every run, shows the damaged ones as damaged with
their reason, and the others open as usual."""

from __future__ import annotations

import json
import os
import time

from tests.ui.conftest import settle, start_mini


def _damage(path, change) -> None:
    if change is None:
        path.write_text('{"events": {"1": {"seq": 1, "ki')  # cut off in the middle
    else:
        raw = json.loads(path.read_text())
        change(raw)
        path.write_text(json.dumps(raw))
    later = time.time_ns() + 10**9  # later than the last write, whatever the clock's tick
    os.utime(path, ns=(later, later))


async def test_home_opens_with_damaged_runs_and_shows_them_as_damaged(make_app, config, clock, service):
    good = start_mini(service, config, title="Baik")
    service.complete(good, 1, at=clock())
    ids = {}
    for name in ("garbage", "at", "key", "cut"):
        ids[name] = run = start_mini(service, config, title=f"Rusak {name}")
        service.complete(run, 1, at=clock())
        service.complete(run, 2, at=clock())
    store = service.store
    _damage(store.run_path(ids["garbage"]), None)
    _damage(store.run_path(ids["at"]), lambda raw: raw["events"]["2"].update(at="garbage"))
    _damage(store.run_path(ids["key"]), lambda raw: raw["events"].update(x=raw["events"].pop("2")))
    _damage(store.run_path(ids["cut"]), lambda raw: raw["events"].pop("3"))
    # and a malformed index row for the good run: ignored, rebuilt
    for shard in store.index_dir.glob("*.json"):
        raw = json.loads(shard.read_text())
        for row in raw["runs"].values():
            if row["id"] == good:
                row["updated_at"] = "garbage"
                shard.write_text(json.dumps(raw))

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        table = app.screen.query_one("#runs")
        assert table.row_count == 5
        assert [str(c) for c in table.get_row(good)[:4]] == ["Baik", "Contoh [uji] · Kecamatan Contoh", "1/4", "2. Menyusun konsep"]
        for name, run in ids.items():
            current = table.get_row(run)[3]
            assert str(current) == "damaged", name
            assert "red" in str(current.style)
        assert "1/4" not in str(table.get_row(ids["garbage"])[2])  # unreadable: no progress to show
        assert str(table.get_row(ids["cut"])[2]) == "1/4"          # readable, cut short: shown as it reads
        warnings = " ".join(str(n.message) for n in app.notices if n.severity == "warning")
        assert "not valid JSON" in warnings and "field 'at' is not a time" in warnings
        assert "event key 'x' is not an event number" in warnings
        assert "the record ends at event #2 but its head says #3: events were removed" in warnings

        # The highlighted damaged run: its reason in full under the table.
        table.focus()
        table.move_cursor(row=table.get_row_index(ids["at"]))
        await pilot.pause()
        line = str(app.screen.query_one("#run-line").render())
        assert f"run {ids['at']}, event #2: field 'at' is not a time" in line

        # An unreadable run does not open (an error names it); a good one does.
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        errors = [str(n.message) for n in app.notices if n.severity == "error"]
        assert any("field 'at' is not a time" in m for m in errors)
        table.move_cursor(row=table.get_row_index(good))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.run_id == good


async def test_the_summary_of_an_unreadable_run_offers_no_export(make_app, config, clock, service):
    from tests.ui.conftest import shown_keys

    run = start_mini(service, config, title="Rusak")
    _damage(service.store.run_path(run), None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#runs")
        table.focus()
        table.move_cursor(row=table.get_row_index(run))
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert "not valid JSON" in app.screen.failed
        assert "e" not in [k.key for k in shown_keys(app.screen)]
        await pilot.press("e")  # pressed anyway: says why, opens nothing
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert app.notices[-1].message.startswith("Nothing to export: ") and "not valid JSON" in app.notices[-1].message
