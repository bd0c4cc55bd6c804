"""Home's title and footer, each one widget: the title line (widgets/titleline.py) shows what
Textual's Header shows; the key line (widgets/keyline.py) shows the screen's keys as Textual's
footer would, answers clicks and hovering, and follows the bindings as they change."""

from __future__ import annotations

import pytest
from textual import events

from soptui.widgets.keyline import KeyLine
from soptui.widgets.titleline import TitleLine

from tests.ui.conftest import settle, start_mini


def _expected(screen) -> list[tuple[str, str, bool]]:
    """What Textual's footer shows: the first key of each shown action, then the palette's."""
    seen, keys, palette = set(), [], None
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.action == "command_palette":
            palette = (binding.key, binding.description, active.enabled)
        elif binding.show and binding.action not in seen:
            seen.add(binding.action)
            keys.append((binding.key, binding.description, active.enabled))
    return keys + ([palette] if palette else [])


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_line_shows_the_screens_keys_and_the_palette_at_the_right_end(make_app, config, service, size):
    start_mini(service, config)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        line = app.screen.query_one(KeyLine)
        shown = [(k.key, k.description, k.enabled) for k in line.shown]
        assert shown == _expected(app.screen)
        text = line.render().plain
        assert len(text) == size[0]
        for k in line.shown:  # each key's label where the line says it is
            assert text[k.start:k.end] == f"{k.display} {k.description}"
        assert line.shown[-1].description in text[-len(line.shown[-1].description) - 2:]  # the palette, last


async def test_a_click_presses_the_key_and_hovering_names_it(make_app, config, service):
    start_mini(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(KeyLine)
        due = next(k for k in line.shown if k.key == "t")
        line.post_message(events.MouseMove(line, due.start + 1, 0, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert line.tooltip == due.tooltip and due.tooltip
        await pilot.click(KeyLine, offset=(due.start + 1, 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "DueScreen"


async def test_a_dimmed_key_says_no_to_a_click_and_the_line_follows_the_bindings(make_app, config):
    for sop in config.sops_dir.glob("*.toml"):
        sop.unlink()  # an empty library: nothing to start
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(KeyLine)
        new_run = next(k for k in line.shown if k.key == "n")
        assert new_run.enabled is False  # dimmed once the library is known to be empty
        assert line.render().spans  # drawn with styles (the dim one among them)
        await pilot.click(KeyLine, offset=(new_run.start + 1, 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_remapped_key_shows_as_typed_never_as_markup(make_app, config, service):
    start_mini(service, config)
    app = make_app(config=config._replace(keys=(("due", "left_square_bracket"),)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(KeyLine)
        due = next(k for k in line.shown if k.key == "left_square_bracket")
        assert line.render().plain[due.start:due.end].startswith("[ ")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert type(app.screen).__name__ == "DueScreen"


@pytest.mark.parametrize("lang, subtitle", [("id", "Daftar periksa SOP AP"), ("en", "SOP AP checklists")])
async def test_the_title_line_names_the_app_in_the_sessions_language_and_its_icon_opens_the_palette(
        make_app, config, lang, subtitle):
    from soptui import i18n
    with i18n.using_lang(lang):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            line = app.screen.query_one(TitleLine)
            text = line.render().plain
            assert len(text) == 80 and text.startswith(" ⭘")
            assert f"soptui — {app.sub_title}" in text and app.sub_title == subtitle
            left, right = text.index("soptui"), len(text) - len(text.rstrip())
            assert abs((left - 8) - (right - 10)) <= 1  # centred between the icon and the right edge
            app.title = "[b]judul[/b]"  # a new title is drawn at once, as typed
            await pilot.pause()
            assert "[b]judul[/b] — " in line.render().plain
            await pilot.click(TitleLine, offset=(1, 0))
            await pilot.pause()
            from textual.command import CommandPalette
            assert isinstance(app.screen, CommandPalette)


async def test_statistics_key_acts_on_what_has_the_focus_and_shows_when_wide(make_app, config, service,
                                                                            monkeypatch):
    """`s` with the runs focused: the highlighted run's SOP (not the library's selection); with the
    library focused: the SOP selected there. The footer shows it from 120 columns; the help says it."""
    from soptui.i18n import t
    from soptui.screens import monitoring

    seen = []

    class Recorded(monitoring.StatsScreen):
        def __init__(self, app, sop_id):
            seen.append(sop_id)
            super().__init__(app, sop_id)

    monkeypatch.setattr(monitoring, "StatsScreen", Recorded)
    start_mini(service, config)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert "s" in [k.key for k in home.query_one(KeyLine).shown]
        sops = home.query_one("#sops")
        other = next(key.value for key in sops.rows if key.value != "mini")
        sops.move_cursor(row=sops.get_row_index(other))  # the library's selection: not the run's SOP
        await pilot.pause()
        assert home.focused is home.query_one("#runs") and home.selected_sop() == other
        await pilot.press("s")
        await settle(pilot)
        assert seen == ["mini"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab")  # the library: its selection
        await pilot.press("s")
        await settle(pilot)
        assert seen == ["mini", other]
        await pilot.press("escape")
        await pilot.resize_terminal(80, 24)  # narrow: the clerk's keys; statistics in F1
        await settle(pilot)
        assert "s" not in [k.key for k in app.screen.query_one(KeyLine).shown]
    assert " s " in t("help.home")
