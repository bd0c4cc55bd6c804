"""Small things found running a clerk's day by hand at 80x24: a line too long for the screen ends
in "…" instead of wrapping out of sight after a whole word, and the summary is laid out at the
width it is shown in (the timeline's figures were cut: "5 j 00…")."""

from __future__ import annotations

import re
import shutil
from datetime import datetime

import pytest

from soptui.i18n import set_lang
from tests.conftest import SOPS, WIB
from tests.ui.conftest import fill, settle, start_mini
from tests.ui.test_hostile_text import screen_text

LONG_TITLE = "Rencana Kerja Tahunan Kecamatan Contoh 2027 perubahan kedua"


@pytest.fixture(autouse=True)
def indonesian():
    set_lang("id")


def lines_with(app, text: str) -> list[str]:
    return [line.rstrip() for line in screen_text(app).splitlines() if text in line]


async def test_the_line_under_a_list_ends_in_an_ellipsis_when_cut(make_app, config, clock, service):
    start_mini(service, config, title=LONG_TITLE)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#run-line")
        # The line under the runs: title, SOP, unit and the current step, more than 80 columns.
        [shown] = [s for s in lines_with(app, LONG_TITLE) if "—" in s]
        assert shown.endswith("…") and line.size.height == 1
        await pilot.press("t")  # the due view's two lines under its list, the same
        await settle(pilot)
        assert type(app.screen).__name__ == "DueScreen"
        [first] = [s for s in lines_with(app, LONG_TITLE) if "—" in s]
        assert first.endswith("…")


async def test_the_summary_timeline_shows_its_figures_whole_at_80_columns(make_app, config, clock, service):
    run = start_mini(service, config)  # 07:30
    clock.set("2026-11-23T13:00")
    service.complete(run, 1, actor="Bu Kepala", at=datetime(2026, 11, 23, 7, 40, tzinfo=WIB))
    service.complete(run, 2, actor="Pak Staf", at=datetime(2026, 11, 23, 11, 40, tzinfo=WIB))  # 4 hours
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        bars = [s for s in screen_text(app).splitlines() if ("█" in s or "▓" in s or "▒" in s) and ":" not in s]
        assert len(bars) >= 3, screen_text(app)  # steps 1, 2 and the open step 3
        assert any(s.endswith("4 j 00 m") for s in bars), bars
        assert not [s for s in bars if s.endswith("…")], bars


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_the_forms_screen_shows_its_keys_whole_at_80_columns(make_app, config, service, lang):
    from textual.widgets._footer import FooterKey

    from soptui.screens.monitoring import FormsScreen
    from soptui.sopfile import load_file
    from tests.ui.test_monitoring import record
    # Two SOPs run in the semester shown: every key of the form can act, so all seven are shown.
    record(service, config)
    service.start(load_file(config.sops_dir / "kec-lumajang-perencanaan-kinerja.toml"), title="Renja",
                  operator="x", at=datetime(2026, 3, 9, 8, 0, tzinfo=WIB))
    set_lang(lang)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(FormsScreen())
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        assert {"escape", "ctrl+s", "pageup", "pagedown", "ctrl+n", "ctrl+b"} <= {k.key for k in keys}
        for key in keys:  # one row cut "Semester berikutnya" and ran the palette's key into it
            assert key.size.width >= len(key.key_display) + 1 + len(key.description), key.description
        shown = screen_text(app)
        words = {"id": ("Semester lalu", "Semester depan", "SOP sebelumnya"),
                 "en": ("Prev. semester", "Next semester", "Previous SOP")}[lang]
        assert all(w in shown for w in words), shown


async def test_the_statistics_keep_look_alike_activities_apart_at_80_columns(make_app, config, service, clock):
    from soptui.sopfile import load_file
    shutil.copy(SOPS / "karangploso-renja.toml", config.sops_dir)
    run = service.start(load_file(config.sops_dir / "karangploso-renja.toml"), title="Renja 2027", operator="x",
                        at=datetime(2026, 11, 23, 7, 30, tzinfo=WIB))
    service.complete(run, 1, actor="Pak Camat", at=datetime(2026, 11, 23, 7, 40, tzinfo=WIB))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sops")
        table.move_cursor(row=table.get_row_index("karangploso-renja"))
        await pilot.press("s")
        await settle(pilot)
        assert type(app.screen).__name__ == "StatsScreen"
        shown = screen_text(app)
        await pilot.press("pagedown")  # the rest of the table
        await settle(pilot)
        rows = {}
        for line in (shown + screen_text(app)).splitlines():
            row = re.match(r"\s*(\d{1,2})(\D.*?)\d+ (?:mnt|hr) ", line)  # no, activity, standard ("10 mnt", "1 hr")
            if row:
                rows[int(row[1])] = row[2].strip()
        assert len(rows) == 12, rows
        # 6 and 7 (which checks hand the konsep on to), 1, 10 and 11 ("Memerintahkan ...") differ.
        assert rows[6] != rows[7] and len({rows[1], rows[10], rows[11]}) == 3, rows


async def test_the_cancel_dialog_says_a_cancelled_run_can_be_reopened_and_it_can(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        intro = str(app.screen.query_one("#intro").render())
        assert "sampai dibuka kembali" in intro  # not "for good" as it said: it can be reopened
        await fill(pilot, reason="Salah SOP")
        app.screen.query_one("#confirm").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert service.state(run).status == "cancelled"
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReasonDialog"
        await fill(pilot, reason="Dibatalkan keliru")
        app.screen.query_one("#confirm").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert service.state(run).status == "in_progress"
