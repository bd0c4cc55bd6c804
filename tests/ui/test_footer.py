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



def _drawn_whole(screen, width: int) -> list[str]:
    """The footer's keys as drawn, each checked inside the line and clear of the others (the
    palette's key docks at the right end, where it could cover the last key)."""
    keys = sorted((k for k in screen.query("FooterKey") if k.region.width), key=lambda k: k.region.x)
    assert keys and all(k.region.right <= width for k in keys)
    for a, b in zip(keys, keys[1:]):
        assert a.region.right <= b.region.x, (a.key, a.region, b.key, b.region)
    return [k.key for k in keys]


async def test_every_key_is_whole_at_120_columns(make_app, config, service):
    """The checklist with Undo to offer (eleven keys) and the forms in Indonesian: at 120 columns
    keys and the palette's key that do not fit together leave the palette's key out (F1 names
    Ctrl+P) instead of drawing it over "f1 Help"; when they fit it stays."""
    from datetime import datetime

    from soptui.i18n import set_lang
    from soptui.screens.monitoring import FormsScreen
    from tests.conftest import WIB

    run = start_mini(service, config)
    service.complete(run, 1, at=datetime(2026, 11, 23, 7, 45, tzinfo=WIB), actor="Sari")
    app = make_app(start=("resume", run))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys = _drawn_whole(app.screen, 120)
        assert {"u", "x", "f1"} <= set(keys) and "ctrl+p" not in keys
        assert not app.screen.query_one(KeyFooter).has_class("-rows")
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert "ctrl+p" in _drawn_whole(app.screen, 160)
    set_lang("id")
    # Runs of two SOPs in the semester the forms open on (the one before 23 Nov 2026): every key can act.
    from soptui.sopfile import load_file
    start_mini(service, config, title="Maret", at="2026-03-02T08:00")
    service.start(load_file(config.sops_dir / "kec-lumajang-perencanaan-kinerja.toml"), title="Maret",
                  operator="Sri", at=datetime(2026, 3, 2, 8, 0, tzinfo=WIB))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(FormsScreen())
        await settle(pilot)
        assert {"f1", "ctrl+b"} <= set(_drawn_whole(app.screen, 120))
