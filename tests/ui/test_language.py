"""Every word a clerk sees is in the interface's language: in `id` no English, in `en` no Indonesian,
Textual's own texts (palette, theme chooser, the Ctrl+C notice) and argparse's included.

Each screen, dialog and palette is driven through Pilot and its text (the screenshot, what a
terminal gets) is scanned for words of the other language. SOP and run data stay as written
(Indonesian in both; the interface's names for the SOP's columns are translated), so the word
lists below hold only words that the mini SOP's data never uses.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from soptui import i18n
from soptui.report.files import export_name
from soptui.screens.palette import Palette
from tests.conftest import WIB
from tests.ui.conftest import fill, settle, start_mini
from tests.ui.test_hostile_text import screen_text
from tests.words import foreign_words

# Folders the test writes into are named by pytest ("/tmp/pytest-of-root/..."): not the app's words.
TEST_PATHS = re.compile(r"\S*/\S*|pytest-of-\w+")


class Seen:
    """What the clerk saw, screen by screen; the words of the other language, by where they were."""

    def __init__(self, app, lang: str):
        self.app, self.lang = app, lang
        self.found: dict[str, list[str]] = {}
        self.names: list[str] = []

    def look(self, name: str, *, allowed: set[str] = frozenset(), strip: tuple[str, ...] = ()) -> str:
        text = screen_text(self.app)
        for part in strip:
            text = text.replace(part, " ")
        text = TEST_PATHS.sub(" ", text)
        self.names.append(name)
        words = foreign_words(text, self.lang, allowed=allowed)
        if words:
            self.found[name] = words
        return text

    def commands(self, name: str) -> None:
        """Every command the palette offers on this screen, with its help (not only those in view)."""
        words = []
        for command in self.app.get_system_commands(self.app.screen):
            words += foreign_words(f"{command.title} {command.help}", self.lang)
        self.names.append(name)
        if words:
            self.found[name] = words

    def notices(self) -> None:
        for notice in self.app.notices:
            words = foreign_words(f"{notice.title} {notice.message}", self.lang)
            if words:
                self.found.setdefault("notices", []).extend(words)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def walk_every_screen(app, pilot, lang: str, service, run: str, done_run: str) -> Seen:
    """Home, the SOP document, new-run dialog, checklist with each of its dialogs (and their error
    lines), history, the run's flowchart, summary (and its export dialog), help, the palette, its "no matches" and
    the theme chooser, the Ctrl+C notice."""
    from soptui.screens.help import HelpScreen

    seen = Seen(app, lang)
    from soptui.screens import all_binding_ids
    binding_ids = set(all_binding_ids(app.BINDINGS))
    await settle(pilot)
    seen.look("home")
    seen.commands("palette commands: home")
    home = app.screen
    home.query_one("#sops").focus()
    home.query_one("#sops").move_cursor(row=home.query_one("#sops").get_row_index("mini"))
    await press(pilot, "n")
    seen.look("new run dialog")
    await fill(pilot, title="Uji", at="31/02/2026 10:00")
    await press(pilot, "ctrl+s")
    seen.look("new run dialog: an impossible date")
    await press(pilot, "escape")
    await press(pilot, "d")
    # The SOP AP form as printed: its own labels ("Disahkan oleh", the step table's "Pelaksana",
    # "Kelengkapan", "Waktu") in both languages.
    seen.look("SOP document", allowed={"oleh", "Waktu", "Pelaksana", "Kelengkapan"} if lang == "en" else set())
    await press(pilot, "escape")
    await press(pilot, "ctrl+c")  # Textual's "Do you want to quit?"
    await press(pilot, "ctrl+p")
    seen.look("command palette")
    await press(pilot, *"zzzz")
    seen.look("command palette: no matches")
    await press(pilot, "escape")
    await press(pilot, "ctrl+p", *"tema" if lang == "id" else "theme", "enter")
    seen.look("theme chooser", strip=tuple(sorted(app.available_themes, key=len, reverse=True)))
    await press(pilot, "escape")
    await press(pilot, "s")  # the statistics of the mini SOP: its decision, its roles, its standards
    assert type(app.screen).__name__ == "StatsScreen"
    seen.look("statistics")
    await press(pilot, "m")
    seen.look("monitoring and evaluation forms")
    await press(pilot, "escape", "escape")

    home.open_run(run)
    await settle(pilot)
    seen.look("checklist")
    seen.commands("palette commands: checklist")
    await press(pilot, "c")
    seen.look("decision dialog")
    await press(pilot, "ctrl+s")
    seen.look("decision dialog: no answer")
    await press(pilot, "escape", "s")
    seen.look("start dialog")
    await fill(pilot, at="25:00")
    await press(pilot, "ctrl+s")
    seen.look("start dialog: an impossible time")
    await press(pilot, "escape", "u")
    seen.look("undo dialog")
    await fill(pilot, reason="")
    await press(pilot, "ctrl+s")
    seen.look("undo dialog: no reason")
    await press(pilot, "escape", "up")
    await press(pilot, "t")
    seen.look("correction dialog")
    await press(pilot, "escape", "x")
    seen.look("cancel dialog")
    await press(pilot, "escape", "h")
    seen.look("history")
    await press(pilot, "escape", "f")
    assert type(app.screen).__name__ == "FlowchartScreen"
    seen.look("flowchart of the run")
    await press(pilot, "escape", "r")
    seen.look("summary")
    seen.commands("palette commands: summary")
    await press(pilot, "e")
    assert type(app.screen).__name__ == "ExportDialog"
    seen.look("export dialog")
    folder = app.config.data_dir.parent
    (folder / export_name(run, "xlsx")).write_bytes(b"")  # there already: the clerk is asked
    await fill(pilot, folder=str(folder))
    await press(pilot, "ctrl+s")
    assert type(app.screen).__name__ == "OverwriteDialog"
    seen.look("export: replace the file?")
    await press(pilot, "escape")
    seen.look("export: the file kept")
    await fill(pilot, folder=str(folder / "nowhere"))
    await press(pilot, "ctrl+s")
    seen.look("export: no such folder")
    await press(pilot, "escape", "escape", "f1")
    assert isinstance(app.screen, HelpScreen)
    seen.look("help", allowed=binding_ids | {"id", "keys"})  # ids for soptui.toml [keys]
    await press(pilot, "escape", "escape")

    home.open_run(done_run)  # a finished run: reopen
    await settle(pilot)
    seen.look("finished run")
    await press(pilot, "o")
    seen.look("reopen dialog")
    await press(pilot, "escape")
    seen.notices()
    return seen


@pytest.fixture
def runs(service, config):
    run = start_mini(service, config, title="Uji")
    at = datetime(2026, 11, 23, 7, 40, tzinfo=WIB)
    service.complete(run, 1, actor="Bu Kepala", at=at)
    service.complete(run, 2, actor="Pak Staf", at=at.replace(minute=50))  # now at the decision, step 3
    done = start_mini(service, config, title="Arsip")
    for no in (1, 2):
        service.complete(done, no, actor="Bu Kepala", at=at.replace(minute=40 + no))
    service.complete(done, 3, actor="Bu Kepala", verdict="ya", at=at.replace(minute=45))
    service.complete(done, 4, actor="Pak Staf", at=at.replace(minute=46))
    return run, done


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_no_word_of_the_other_language_on_any_screen(make_app, service, runs, lang, monkeypatch):
    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.001)  # Textual waits half a second
    i18n.set_lang(lang)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        seen = await walk_every_screen(app, pilot, lang, service, *runs)
    assert len(seen.names) >= 25
    assert seen.found == {}
    titles = [n.title for n in app.notices]
    assert any(t for t in titles)  # the Ctrl+C notice came, with its title scanned too


async def test_the_scan_catches_one_english_text_left_in_indonesian(make_app, service, runs, monkeypatch):
    """The test above is not blind: Textual's own "No matches found", put back, is caught."""
    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.001)
    i18n.set_lang("id")
    monkeypatch.setitem(i18n._catalogs["id"], "palette.no_matches", "No matches found")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        seen = await walk_every_screen(app, pilot, "id", service, *runs)
    assert seen.found == {"command palette: no matches": ["matches", "found"]}
