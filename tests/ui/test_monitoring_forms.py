"""The forms screen as a penilai meets it: a saved form never hides the runs recorded after it,
edits are not thrown away without a question, and keys that cannot act are not offered (and say
why when pressed anyway)."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input

from soptui.sopfile import load_file
from tests.conftest import WIB
from tests.ui.conftest import settle, shown_keys, start_mini
from tests.ui.test_monitoring import record

LUMAJANG = "kec-lumajang-perencanaan-kinerja.toml"


async def _forms(app, pilot):
    from soptui.screens.monitoring import FormsScreen
    app.push_screen(FormsScreen())
    await settle(pilot)
    return app.screen


def _head(screen) -> str:
    return " ".join(str(screen.query_one("#forms-head").render()).split())


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def _offered(screen) -> set[str]:
    """The keys of the footer and of the palette (both read the active bindings)."""
    return {k.key for k in shown_keys(screen)} | {
        a.binding.key for a in screen.active_bindings.values() if a.binding.show}


async def test_runs_recorded_after_saving_are_added_and_said(make_app, config, service):
    record(service, config)  # a run of mini in March 2026: the last full semester on 23 Nov 2026
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _forms(app, pilot)
        screen.query_one("#tindakan", Input).value = "Rapat evaluasi langkah 1"
        screen.query_one("#penilai", Input).value = "Bu Penilai"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # Another SOP's run, started in the same semester after the form was saved.
        service.start(load_file(config.sops_dir / LUMAJANG), title="Renja", operator="x",
                      at=datetime(2026, 3, 9, 8, 0, tzinfo=WIB))
        screen = await _forms(app, pilot)
        head = _head(screen)
        assert "The saved form covers runs up to 2026-11-23 08:00; 1 run recorded since is added" in head
        assert "1/2 Prosedur Penyusunan Perencanaan Kinerja" in head and "Suggested from the record" in head
        await pilot.press("ctrl+n")
        await settle(pilot)
        head = _head(screen)
        assert "2/2 Contoh" in head and "Saved by Bu Penilai" in head
        assert screen.query_one("#tindakan", Input).value == "Rapat evaluasi langkah 1"  # the penilai's words stay
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "covers runs up to" not in _head(screen)
    saved = service.store.forms("monitoring")
    rows = saved[-1]["rows"]
    assert len(saved) == 2 and [r["prosedur"] for r in rows] == ["Prosedur Penyusunan Perencanaan Kinerja", "Contoh [uji]"]
    assert rows[1]["tindakan"] == "Rapat evaluasi langkah 1" and [r["no"] for r in rows] == [1, 2]
    assert [len(e["sops"]) for e in service.store.forms("evaluation")] == [1, 2]


async def test_saving_a_semester_still_running_warns(make_app, config, service):
    start_mini(service, config)  # 23 Nov 2026: this semester runs to 31 Dec
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _forms(app, pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("The semester has not ended (it runs to 2026-12-31)" in n for n in _notices(app))
    assert len(service.store.forms("monitoring")) == 1  # saved all the same


async def test_escape_asks_before_throwing_edits_away(make_app, config, service):
    from soptui.screens.confirm import DiscardConfirm
    record(service, config)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        forms = await _forms(app, pilot)
        await pilot.press("escape")  # nothing changed: left at once
        await settle(pilot)
        assert app.screen is not forms
        forms = await _forms(app, pilot)
        forms.query_one("#catatan", Input).focus()
        await pilot.press("end", *"x")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardConfirm)
        await pilot.press("n")  # no: back to the form, the words kept
        await settle(pilot)
        assert app.screen is forms and forms.query_one("#catatan", Input).value.endswith("x")
        await pilot.press("pageup")  # another semester would drop them too: asked as well
        await settle(pilot)
        assert isinstance(app.screen, DiscardConfirm)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is forms and "2026-01-01" in _head(forms)
        await pilot.press("escape", "y")
        await settle(pilot)
        assert app.screen is not forms and not isinstance(app.screen, DiscardConfirm)


async def test_keys_that_cannot_act_are_not_offered_and_say_why(make_app, config, service):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _forms(app, pilot)  # no run at all: an empty semester
        assert not {"ctrl+s", "ctrl+n", "ctrl+b"} & _offered(screen)
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Nothing saved: no SOP was run in the period 2026-01-01 to 2026-06-30." in _notices(app)
        assert "No SOP was run in this period." in _notices(app)
    assert service.store.forms("monitoring") == []
    record(service, config)  # one SOP in the semester: saving is offered, moving between SOPs is not
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _forms(app, pilot)
        offered = _offered(screen)
        assert "ctrl+s" in offered and not {"ctrl+n", "ctrl+b"} & offered
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert "This form holds one SOP only." in _notices(app)
