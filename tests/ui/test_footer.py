"""Textual's footer on the other screens (widgets/keyfooter.py CalmFooter): composed again only
when the keys it shows change, not on every refresh of the bindings."""

from __future__ import annotations

from soptui.widgets.keyfooter import KeyFooter

from tests.ui.conftest import settle, shown_keys, start_mini


async def test_the_footer_keeps_its_keys_until_what_they_show_changes(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        footer = screen.query_one(KeyFooter)
        before = list(footer.children)
        assert before and {"s", "d", "x"} <= {k.key for k in shown_keys(screen)}
        for _ in range(3):  # a focus move, a refresh of the keys: the same keys on screen
            screen.refresh_bindings()
            await pilot.pause()
        assert list(footer.children) == before
        await pilot.resize_terminal(160, 40)  # wide: one row, and the palette's key: composed anew
        await settle(pilot)
        assert list(footer.children) != before and not footer.has_class("-rows")
        assert all(k.right <= 160 for k in shown_keys(screen))


async def test_a_dialogs_save_key_is_named_like_its_ok_button(make_app):
    """The statistics' period dialog shows "Show" on its button: Ctrl+S in the footer says the same,
    not "Record"; a dialog without its own OK label keeps "Record"."""
    from soptui.screens.dialogs import ReasonDialog
    from soptui.screens.monitoring import PeriodDialog
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PeriodDialog(lambda values: None, {}))
        await settle(pilot)
        keys = {k.key: k.description for k in shown_keys(app.screen)}
        assert keys["ctrl+s"] == "Show" and "Record" not in keys.values()
        app.pop_screen()
        app.push_screen(ReasonDialog("Why", "", lambda values: None))
        await settle(pilot)
        assert {k.key: k.description for k in shown_keys(app.screen)}["ctrl+s"] == "Record"
