"""The summary screen's export: one key, a folder, a format; written in a thread; a file already
there is replaced only after the clerk says so; refused targets named; where it went is said."""

from __future__ import annotations

import asyncio
import os
import threading
from datetime import datetime

from soptui.report.files import export_name
from soptui.screens import export as export_module
from tests.conftest import WIB
from tests.ui.conftest import error_text, fill, settle, start_mini


def finished_mini(service, config) -> str:
    run = start_mini(service, config, title="Renja 2027")
    at = datetime(2026, 11, 23, 7, 40, tzinfo=WIB)
    service.complete(run, 1, actor="Bu Kepala", at=at)
    service.complete(run, 2, actor="Pak Staf", at=at.replace(minute=50))
    return run


async def open_export(app, pilot, folder) -> None:
    await pilot.press("r")
    await settle(pilot)
    assert type(app.screen).__name__ == "SummaryScreen"
    await pilot.press("e")
    await settle(pilot)
    assert type(app.screen).__name__ == "ExportDialog"
    await fill(pilot, folder=str(folder))


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_the_export_key_writes_each_format_and_says_where(make_app, config, service, tmp_path):
    run = finished_mini(service, config)
    out = tmp_path / "keluar"
    out.mkdir()
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_export(app, pilot, out)
        target = out / f"summary-{run}.xlsx"
        assert str(target) in str(app.screen.query_one("#target").render())  # shown before writing
        await save(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"  # closed once written
        assert target.read_bytes()[:2] == b"PK"  # a zip: XLSX
        assert app.notices[-1].message == f"Summary saved: {target}"

        for kind, ending in (("html", ".html"), ("print", ".print.html")):
            await pilot.press("e")
            await settle(pilot)
            assert app.screen.query_one("#f-folder").value == str(out.resolve())  # the last folder, remembered
            app.screen.query_one(f"#kind-{kind}").value = True
            await settle(pilot)
            await save(pilot)
            page = (out / f"summary-{run}{ending}").read_text("utf-8")
            assert "<!DOCTYPE html>" in page and "Acknowledged by," in page
            assert ("body{margin:0;font-size:8.5pt}" in page) == (kind == "print")  # the print-ready style
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"summary-{run}{e}" for e in (".xlsx", ".html", ".print.html"))  # no temporary file left


async def test_a_file_already_there_is_replaced_only_when_the_clerk_says_so(make_app, config, service, tmp_path):
    run = finished_mini(service, config)
    target = tmp_path / f"summary-{run}.xlsx"
    target.write_bytes(b"the clerk's own file")
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_export(app, pilot, tmp_path)
        await save(pilot)
        assert type(app.screen).__name__ == "OverwriteDialog"
        assert app.focused.id == "no"  # the safe answer (keep the file) is the default
        await pilot.press("enter")  # keep
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportDialog" and not app.screen.saving
        assert target.read_bytes() == b"the clerk's own file"
        assert "already there and was kept" in error_text(app)

        await save(pilot)
        await pilot.press("escape")  # Escape keeps too
        await settle(pilot)
        assert target.read_bytes() == b"the clerk's own file"

        await save(pilot)
        await pilot.click("#yes")  # replace
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert target.read_bytes()[:2] == b"PK"
        assert app.notices[-1].message == f"Summary saved: {target}"


async def test_targets_the_command_line_refuses_are_refused_here_too(make_app, config, service, tmp_path):
    run = finished_mini(service, config)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me", encoding="utf-8")
    os.symlink(elsewhere, tmp_path / f"summary-{run}.xlsx")
    (tmp_path / f"summary-{run}.html").mkdir()
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_export(app, pilot, tmp_path)
        await save(pilot)
        assert "symbolic link" in error_text(app) and type(app.screen).__name__ == "ExportDialog"
        app.screen.query_one("#kind-html").value = True
        await save(pilot)
        assert "folder" in error_text(app)
        await fill(pilot, folder=str(tmp_path / "no-such-folder"))
        await save(pilot)
        assert "no-such-folder" in error_text(app)
        assert not (tmp_path / "no-such-folder").exists()  # never created
    assert elsewhere.read_text("utf-8") == "keep me"


async def test_the_file_is_written_in_a_thread_and_the_screen_keeps_answering(make_app, config, service,
                                                                             tmp_path, monkeypatch):
    run = finished_mini(service, config)
    entered, gate = threading.Event(), threading.Event()
    real = export_module.write_report

    def held(path, payload):
        entered.set()
        gate.wait(30)
        real(path, payload)

    monkeypatch.setattr(export_module, "write_report", held)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_export(app, pilot, tmp_path)
        dialog = app.screen
        await pilot.press("ctrl+s")
        assert await asyncio.to_thread(entered.wait, 30)
        await pilot.pause()
        assert dialog.saving and "Saving…" in error_text(app)
        await pilot.press("ctrl+s")  # a second save answers "still saving"
        await pilot.pause()
        assert "Still saving" in error_text(app)
        await pilot.press("ctrl+p")  # the app keeps answering
        await pilot.pause()
        assert app.screen.has_class("--textual-command-palette")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        gate.set()
        await settle(pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
    assert (tmp_path / f"summary-{run}.xlsx").is_file()


async def test_in_indonesian_the_file_and_the_notice_are_named_in_indonesian(make_app, config, service, tmp_path):
    from soptui import i18n
    i18n.set_lang("id")
    run = finished_mini(service, config)
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_export(app, pilot, tmp_path)
        await save(pilot)
    target = tmp_path / export_name(run, "xlsx")
    assert target.name == f"ringkasan-{run}.xlsx" and target.is_file()
    assert app.notices[-1].message == f"Ringkasan tersimpan: {target}"


async def test_a_remembered_folder_that_is_gone_gives_the_current_folder(make_app, config, service, tmp_path):
    import os

    run = finished_mini(service, config)
    service.store.write_prefs(export_folder=str(tmp_path / "dihapus"))  # exported there once, since removed
    app = make_app(start=("resume", run))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#f-folder").value == os.getcwd()
