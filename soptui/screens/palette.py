"""Textual's command palette in the interface's language.

Its prompt is a constructor argument (public); its "No matches found" line is written inside
`_start_no_matches_countdown`, with no public hook, so that one method is said again here with
the catalog's words (checked by tests/ui/test_language.py: a Textual upgrade that renames it
fails there, not in front of a clerk).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from ..i18n import t


class Palette(CommandPalette):
    def __init__(self, *args, placeholder: str | None = None, **kwargs):
        super().__init__(*args, placeholder=placeholder or t("palette.placeholder"), **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # searching found nothing: say so; discovering nothing is not news
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("palette.no_matches"), style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
