"""F1 / ?: the keys of the screen underneath, with their ids (for [keys] in soptui.toml)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..i18n import t


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", t("bind.close"), id="help_close",
                        tooltip=t("tip.close"))]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, title=t("help.keys_title"), title_justify="left")
        table.add_column(t("help.col.key"), no_wrap=True, style="bold")
        table.add_column(t("help.col.action"))
        table.add_column(Text(t("help.col.id")), style="dim", no_wrap=True)
        seen = set()
        for key, active in self.under.active_bindings.items():
            b = active.binding
            # Only soptui's own bindings: widget internals (cursor keys...) are not the user's concern.
            if not b.id or not b.description or (b.action, b.id) in seen:
                continue
            seen.add((b.action, b.id))
            table.add_row(self.app.get_key_display(b), b.tooltip or b.description, b.id or "")
        with VerticalScroll(id="help-box"):
            yield Static(Text(t("help.intro")), classes="help-intro")
            yield Static(table)
            yield Static(Text(t("help.outro")), classes="help-intro")

    def action_dismiss(self) -> None:
        self.dismiss(None)
