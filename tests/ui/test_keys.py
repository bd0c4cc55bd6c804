"""Keyboard first: bindings with ids, help, the command palette, remapping, both languages."""

from __future__ import annotations

import pytest

from soptui import i18n
from soptui.app import SoptuiApp
from soptui.screens import all_binding_ids
from soptui.screens.base import LABEL, TIP
from tests.ui.conftest import error_text, fill, settle, shown_keys, start_mini, submit
from tests.ui.test_hostile_text import screen_text

SCREENS = ["HomeScreen", "ChecklistScreen", "DocumentScreen", "HelpScreen", "NewRunDialog", "CompleteDialog",
           "DecideDialog", "ReasonDialog", "StartStepDialog"]


def test_every_ui_string_exists_in_both_languages():
    import soptui.app  # noqa: F401  (registers the catalogs the interface uses)
    assert i18n.missing_keys() == {"id": set(), "en": set()}


def test_every_binding_id_has_a_label_and_a_tooltip_in_both_languages():
    for lang in ("id", "en"):
        i18n.set_lang(lang)
        for binding_id in all_binding_ids(SoptuiApp.BINDINGS):
            assert i18n.t(LABEL + binding_id) != LABEL + binding_id, (lang, binding_id)
            assert i18n.t(TIP + binding_id) != TIP + binding_id, (lang, binding_id)


async def test_labels_follow_the_language_chosen_at_run_time(make_app, config, service):
    run = start_mini(service, config)
    i18n.set_lang("id")
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        labels = {b.binding.id: b.binding.description for b in app.screen.active_bindings.values()}
        assert labels["complete"] == "Selesai" and labels["back"] == "Kembali"
        assert "sekarang langkah 1" in str(app.screen.query_one("#run-head").content)


async def test_a_session_in_english_labels_its_keys_in_english_while_the_process_speaks_indonesian(
        make_app, config, service):
    run = start_mini(service, config)
    i18n.set_lang("id")
    cfg = config._replace(keys=(("complete", "ctrl+d"),))
    app = make_app(config=cfg, start=("resume", run))
    with i18n.using_lang("en"):  # the session's language (its tasks inherit the context)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            footer = {k.key: k.description for k in shown_keys(app.screen)}
            assert footer["ctrl+d"] == "Complete" and footer["escape"] == "Back" and footer["f1"] == "Help"
            await pilot.press("f1")
            await pilot.pause()
            assert "Record the current step" in screen_text(app) and "esc Close" in screen_text(app)
    assert i18n.get_lang() == "id" and i18n.t(LABEL + "complete") == "Selesai"


async def test_a_key_left_out_of_a_narrow_footer_still_acts(make_app, config, service):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "d" not in [k.key for k in shown_keys(app.screen)] and "t" in [k.key for k in shown_keys(app.screen)]
        await pilot.press("d")
        await settle(pilot)
        assert type(app.screen).__name__ == "DocumentScreen"


async def test_every_key_on_every_screen_is_harmless(make_app, config, service):
    start_mini(service, config)
    app = make_app()
    keys = ["n", "escape", "d", "escape", "r", "escape", "f1", "escape", "question_mark", "escape", "f5",
            "tab", "enter", "s", "escape", "t", "escape", "u", "x", "escape", "r", "escape", "d", "escape",
            "c", "escape", "f1", "q", "f5", "up", "down", "enter", "escape", "ctrl+p", "escape", "escape"]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_help_lists_the_current_screens_bindings_with_their_ids(make_app, config, service):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        from rich.console import Console
        console = Console(width=100, record=True)
        for static in app.screen.query("Static"):
            console.print(static.content)
        text = console.export_text()
        for binding_id in ("complete", "undo", "correct", "cancel_run", "back", "help", "palette"):
            assert binding_id in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ChecklistScreen"


async def test_the_palette_offers_what_can_run_now(make_app, config, service):
    run = start_mini(service, config)
    service.cancel(run, "uji")
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Summary" in titles and "Back" in titles and "History" in titles
        assert "Reopen" in titles and "Undo" in titles and "Correct" in titles  # a cancelled run can be fixed
        assert "Complete" not in titles and "Cancel run" not in titles  # but records nothing new


async def test_keys_remap_from_the_config_and_unknown_ids_warn(make_app, config, service):
    run = start_mini(service, config)
    cfg = config._replace(keys=(("complete", "ctrl+d"), ("compleet", "x"), ("undo", " , ")))
    app = make_app(config=cfg, start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app.notices]
        assert any('did you mean "complete"' in m for m in messages)
        assert any("undo" in m and "not a list of keys" in m for m in messages)
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert type(app.screen).__name__ == "CompleteDialog"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_readable_at_80x24_and_larger(make_app, config, service, size):
    run = start_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        steps, detail = app.screen.query_one("#steps"), app.screen.query_one("#detail-pane")
        assert steps.region.width >= 24 and detail.region.width >= 40
        assert steps.region.right <= size[0] and detail.region.right <= size[0]
        footer_keys = shown_keys(app.screen)
        assert all(k.right <= size[0] for k in footer_keys)
        assert any(k.key == "f1" for k in footer_keys)  # help is always in reach
        # Every key that can act is in the footer, at 80 columns too (in two rows there).
        assert {"s", "d", "x"} <= {k.key for k in footer_keys}


async def test_what_a_thread_worker_says_is_in_the_sessions_language(make_app, config, service):
    """Recording runs in a thread worker; the rule it breaks is told in the session's language,
    not the process's."""
    run = start_mini(service, config)
    i18n.set_lang("id")
    app = make_app(start=("resume", run))
    with i18n.using_lang("en"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            await fill(pilot, at="23/11/2026 07.00")  # before the run started (07:30)
            await submit(pilot)
            assert "before" in error_text(app) and "sebelum" not in error_text(app), error_text(app)
