"""What start-up does for speed, checked for what it must not change: the collector comes back on
once home is listed, an empty toast rack is hidden before the first layout and a notice still shows,
and home lists its runs without building the service on the screen's thread."""

from __future__ import annotations

import gc
import threading

from soptui.app import SoptuiApp
from tests.ui.conftest import settle, start_mini


async def test_the_collector_comes_back_on_once_home_is_listed(make_app, service, config):
    start_mini(service, config)
    gc.disable()  # as the command line leaves it for the interactive view
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.screen.query_one("#runs").row_count == 1
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_where_the_collector_was_on_it_is_left_alone(make_app, monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.collect_garbage()
    assert gc.isenabled() and frozen == []  # a test process's objects are never frozen


async def test_the_toast_rack_costs_no_layout_of_its_own_and_a_notice_still_shows(make_app, monkeypatch):
    from textual.screen import Screen
    from textual.widgets._toast import ToastRack

    laid_out = []  # layout passes of the screen so far
    after_layout = []  # layout refreshes the rack asked for once the screen was laid out
    real_layout, real_refresh = Screen._refresh_layout, ToastRack.refresh

    def layout(screen, *args, **kwargs):
        laid_out.append(screen)
        return real_layout(screen, *args, **kwargs)

    def refresh(rack, *args, layout=False, **kwargs):
        if layout and laid_out:
            after_layout.append(rack)
        return real_refresh(rack, *args, layout=layout, **kwargs)
    monkeypatch.setattr(Screen, "_refresh_layout", layout)
    monkeypatch.setattr(ToastRack, "refresh", refresh)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert laid_out and after_layout == []  # Textual's hiding of the empty rack changed nothing
        rack = app.screen.query_one("#textual-toastrack")
        app.notify("Catatan [b]uji[/b]")
        await settle(pilot)
        assert rack.display is True
        assert "Catatan [b]uji[/b]" in str(rack.query_one("Toast").render())


async def test_home_lists_its_runs_without_the_service_on_the_screens_thread(make_app, service, config,
                                                                             monkeypatch):
    start_mini(service, config)
    built_on: list[str] = []
    real = SoptuiApp.service

    def service_here(app):
        built_on.append(threading.current_thread().name)
        return real.fget(app)
    monkeypatch.setattr(SoptuiApp, "service", property(service_here))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#runs").row_count == 1
    assert built_on and built_on[0] != threading.main_thread().name  # the whole index's worker builds it
