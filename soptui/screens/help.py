"""F1 / ?: the keys of the screen underneath, with their ids (for [keys] in soptui.toml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import replace

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..i18n import t
from .base import Localized, bind, labelled


if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp

def keys_table(screen: Screen) -> Table:
    """soptui's own bindings that are active on `screen` (widget internals such as cursor keys are
    left out), one row per id with every key that triggers it."""
    table = Table(box=None, expand=True, title=t("help.keys_title"), title_justify="left", padding=(0, 1))
    table.add_column(t("help.col.key"), no_wrap=True, style="bold")
    table.add_column(t("help.col.action"))
    table.add_column(Text(t("help.col.id")), style="dim", no_wrap=True)
    rows: dict[str, list] = {}
    for active in screen.active_bindings.values():
        b = active.binding
        if not b.id:
            continue
        key = screen.app.get_key_display(b)
        if b.id in rows:
            rows[b.id][0] += f", {key}"
        else:
            rows[b.id] = [key, b.tooltip or b.description, b.id, active.enabled]
    # Those left out now (a run's reopen while it is open...): listed too, as remapped.
    remapped = getattr(screen.app, "keys_remapped", {})
    for b in getattr(screen, "BINDINGS", ()):
        if isinstance(b, Binding) and b.id and b.id not in rows:
            keys = remapped.get(b.id, b.key)
            key = ", ".join(screen.app.get_key_display(replace(b, key=k.strip(), key_display=None))
                            for k in keys.split(","))
            shown = labelled(b, getattr(screen, "lang", None))
            rows[b.id] = [key, shown.tooltip or shown.description, b.id, False]
    order = {b.id: i for i, b in enumerate(getattr(screen, "BINDINGS", ())) if isinstance(b, Binding)}
    for key, text, binding_id, enabled in sorted(rows.values(), key=lambda row: order.get(row[2], len(order))):
        # Keys that cannot run right now are listed too (dimmed): they can still be remapped.
        table.add_row(key, Text(text), binding_id, style=None if enabled else "dim")
    return table


class HelpScreen(Localized, ModalScreen[None]):
    # Its styles (scoped to it): parsed when it first opens, not at start-up.
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 90%; max-width: 100; height: 1fr; margin: 1 0; background: $panel;
                border: round $primary; padding: 0 1; }
    .help-intro { padding: 1 0 0 0; }
    """

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)
    BINDINGS = [bind("escape,f1,question_mark,q", "close", "help_close")]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        howto = getattr(self.under, "HOWTO", "")
        with VerticalScroll(id="help-box"):
            yield Static(keys_table(self.under))
            if howto:
                yield Static(Text(t(howto)), classes="help-intro")
            yield Static(Text(t("help.intro")), classes="help-intro")
            yield Static(Text(t("help.outro")), classes="help-intro")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
