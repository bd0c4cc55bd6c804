"""The interactive view shows hostile run and SOP text literally on every screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB
from tests.hostile.common import HOSTILE, MARKUP, RAW, hostile_sop
from tests.ui.conftest import settle


def screen_text(app) -> str:
    """Every character on screen, in order (from the screenshot, which is what a terminal gets)."""
    svg = app.export_screenshot()
    found = RAW.findall(svg)
    assert not found, f"raw control characters on screen: {found!r}"
    root = ET.fromstring(svg)  # XML refuses raw control characters too
    return "".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text")).replace("\xa0", " ")


async def test_every_screen_shows_hostile_text_literally(make_app, config, service, clock):
    (config.sops_dir / "hostile.toml").write_text(hostile_sop((SOPS / "karangploso-renja.toml").read_text("utf-8")),
                                                  encoding="utf-8")
    loaded = load_file(config.sops_dir / "hostile.toml")
    run_id = service.start(loaded, title=HOSTILE, operator=HOSTILE,
                           at=datetime(2026, 11, 23, 7, 30, tzinfo=WIB))
    service.complete(run_id, 1, actor=HOSTILE, output=HOSTILE, note=HOSTILE,
                     evidence={"kind": "ref", "ref": HOSTILE}, at=datetime(2026, 11, 23, 7, 45, tzinfo=WIB))
    app = make_app(start=("resume", run_id))
    async with app.run_test(size=(260, 70)) as pilot:
        await settle(pilot)
        steps = app.screen.query_one("StepList")
        steps.highlighted = 0  # step 1: done, with the hostile actor, output, note and evidence
        await settle(pilot)
        checklist = screen_text(app)
        assert checklist.count("[/]M[bold]B[/bold]") >= 4, checklist
        assert "\u241b" in checklist  # ESC shown as ␛
        await pilot.press("t")  # the correction dialog, pre-filled with what is recorded
        await settle(pilot)
        correcting = screen_text(app)
        assert correcting.count("[/]M[bold]B[/bold]") >= 3 and "\u241b" in correcting, correcting
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")  # completing step 2 offers the people seen in the run as choices
        await settle(pilot)
        app.screen.query_one("#f-actor").value = ""  # the choices show in the empty field
        await settle(pilot)
        completing = screen_text(app)
        assert "[/]M[bold]B[/bold]" in completing and "\u241b" in completing, completing
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")  # the history of its events
        await settle(pilot)
        history = screen_text(app)
        assert history.count("[/]M[bold]B[/bold]") >= 4 and "\u241b" in history, history
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        summary = screen_text(app)
        assert "[/]M[bold]B[/bold]" in summary and "\u241b" in summary
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        document = screen_text(app)
        assert document.count(MARKUP) >= 2 and "\u241b" in document
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        home = screen_text(app)
        assert "[/]M[bold]B[/bold]" in home
