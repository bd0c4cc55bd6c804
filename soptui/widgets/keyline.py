"""One line of keys at the foot of a screen, drawn by one widget.

Textual's Footer mounts a widget per key, styles each on its own (about 3 ms a key) and mounts them
all again whenever the screen's bindings change: on home, the first screen, that was a fifth of
the start-up. This line shows the same keys in the same colours (Textual's footer theme
variables), from the screen's active bindings (language, remapped keys and `check_action`
applied), and only repaints when they change. A click on a key presses it; hovering shows its
tooltip. The command palette's key stands at the right end, as in Textual's footer.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

WIDE = 120  # columns from which a footer has room for every key of a screen (home's key line and
# the other screens' KeyFooter); screens/base.py leaves some keys out of a one-row footer below it

RULE = "▏"


class Shown(NamedTuple):
    key: str  # the binding's key (what a click presses)
    display: str  # how the key is shown
    description: str
    enabled: bool
    tooltip: str
    start: int  # cells from the left of the line
    end: int


class KeyLine(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyLine > .keyline--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyLine > .keyline--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyLine > .keyline--rule {
        color: $foreground 20%;
    }
    """
    COMPONENT_CLASSES = {"keyline--key", "keyline--description", "keyline--rule"}

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None):
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self.shown: list[Shown] = []  # the keys as last drawn (those that fit)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()  # a repaint: the line's size never changes

    def _keys(self) -> tuple[list[tuple], tuple | None]:  # (binding, enabled, tooltip) each
        """(binding, enabled, tooltip) of each shown action, first key of each; and the palette's."""
        app = self.app
        active = self.screen.active_bindings
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = (found.binding, found.enabled, found.binding.tooltip or found.binding.description)
        keys, actions = [], set()
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append((binding, enabled, tooltip))
        return keys, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keyline--key")
        description_style = self.get_component_rich_style("keyline--description")
        width = self.size.width
        keys, palette = self._keys()
        right, right_shown = Text(), None
        if palette is not None:
            right.append(RULE, self.get_component_rich_style("keyline--rule"))
            binding, enabled, tooltip = palette
            right_shown = self._item(right, binding, enabled, tooltip, key_style, description_style)
        room = max(0, width - right.cell_len)
        line, shown = Text(no_wrap=True, overflow="crop", end=""), []
        for binding, enabled, tooltip in keys:
            item = Text()
            item_shown = self._item(item, binding, enabled, tooltip, key_style, description_style)
            if line.cell_len + item.cell_len - 1 > room:  # its margin may fall off the edge
                break
            shown.append(item_shown._replace(start=line.cell_len, end=line.cell_len + item.cell_len - 1))
            line.append_text(item)
        line.truncate(room, pad=True)
        if right_shown is not None:
            start = line.cell_len + len(RULE)
            shown.append(right_shown._replace(start=start, end=line.cell_len + right.cell_len - 1))
            line.append_text(right)
        line.truncate(width)
        self.shown = shown
        return line

    def _item(self, text: Text, binding, enabled: bool, tooltip: str, key_style, description_style) -> Shown:
        """Append one key to `text` (its label, then a space of margin, as in Textual's footer)."""
        display = self.app.get_key_display(binding)
        start = text.cell_len
        text.append(display, key_style)
        if binding.description:
            text.append(" " + binding.description, description_style)
        if not enabled:
            text.stylize("dim", start)
        text.append(" ")
        return Shown(binding.key, display, binding.description, enabled, tooltip or binding.description, 0, 0)

    def key_at(self, x: int) -> Shown | None:
        return next((k for k in self.shown if k.start <= x < k.end), None)

    def on_click(self, event: events.Click) -> None:
        shown = self.key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self.key_at(event.x)
        self.tooltip = shown.tooltip if shown is not None else None
