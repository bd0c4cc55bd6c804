"""Footers: Textual's Footer, composed only when what it shows changes (CalmFooter), and one that
may take two rows (KeyFooter): at 80 columns a screen with many keys shows them all, each with its
whole label, in a grid of six (class "-rows", set by the screen; soptui.tcss). From WIDE columns
it is one row when the keys fit: with the palette's key at the right end when there is room for
it too, else without it (F1 names Ctrl+P), else in two rows as below WIDE."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer, Label

from .keyline import WIDE  # below it: two rows, no "^p" key (F1 says Ctrl+P)

ROW_KEYS = 6


class CalmFooter(Footer):
    """Textual's Footer mounts every key again on each change of the screen's bindings (a focus
    change, a table filled, a refresh of the enabled keys): about a millisecond a key, and each new
    compact key restyles itself once more on mount. At start-up that was the largest single cost
    after the first paint. This footer recomposes only when the keys it would show differ from the
    ones on screen, and gives each key its compact class before it is mounted."""

    _ready = False  # the screen has published its bindings (Footer shows nothing before)
    _shown: tuple | None = None  # what the keys on screen were composed from

    def _would_show(self) -> tuple:
        app = self.app
        keys = tuple((binding.key, app.get_key_display(binding), binding.description, binding.action,
                      enabled, tooltip, binding.group)
                     for (_, binding, enabled, tooltip) in self.screen.active_bindings.values() if binding.show)
        return keys, self.show_command_palette, self.compact, frozenset(self.classes)

    def compose(self):
        shown = self._would_show() if self._ready else None
        for widget in super().compose():
            if self.compact and not isinstance(widget, Label):  # a key (a group's name is a Label)
                widget.add_class("-compact", update=False)  # what its own watcher sets on mount
            yield widget
        self._shown = shown

    def bindings_changed(self, screen) -> None:
        self._ready = True
        if self.is_attached and screen is self.screen and self._would_show() == self._shown:
            return
        super().bindings_changed(screen)  # Footer recomposes after the next refresh
        if self._shown is None and self.is_attached:
            # The first keys go in at once: laid out with the rest of the screen, not one
            # refresh later (a widget mounted after a paint costs two more layout passes).
            self.call_next(self.recompose)

    async def recompose(self) -> None:
        # Several changes before one refresh each schedule a recompose; the first shows the last.
        if self.is_attached and self._ready and self._would_show() == self._shown:
            return
        await super().recompose()


class KeyFooter(CalmFooter):
    # At 80 columns: two rows of six, none left out, every label whole.
    DEFAULT_CSS = """
    KeyFooter.-rows { height: 2; layout: grid; grid-size: 6 2; grid-columns: 1fr; }
    KeyFooter.-rows FooterKey { width: 1fr; margin-right: 0; }
    """

    def __init__(self, *args, row_keys: int = ROW_KEYS, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_keys = row_keys  # fewer a row where the labels are long (the forms: four)

    def compose(self):
        yield from super().compose()
        # Footer sets one grid column per key on every compose; in rows, `row_keys` a row.
        if self.has_class("-rows"):
            self.styles.grid_size_columns = self.row_keys

    def set_rows(self, rows: bool) -> None:
        if rows != self.has_class("-rows"):
            self.set_class(rows, "-rows")
            self.refresh(recompose=True)

    def on_mount(self) -> None:
        self.fit(self.app.size.width)

    def on_resize(self, event) -> None:  # as wide as its screen
        self.fit(event.size.width)

    def bindings_changed(self, screen) -> None:
        # The keys that can act change with the state (undo, reopen): one row may no longer hold them.
        if self.is_attached and screen is self.screen:
            self.fit(self.app.size.width)
        super().bindings_changed(screen)

    def widths(self) -> tuple[int, int]:
        """Cells one row needs for the keys (each "key label" and its margin, as Textual's compact
        footer lays them out) and for the palette's key (its rule, "^p label" and the margin it
        keeps from the right edge)."""
        app = self.app
        active = self.screen.active_bindings
        actions, keys = set(), 0
        for _, binding, _, _ in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                label = f" {binding.description}" if binding.description else ""
                keys += cell_len(app.get_key_display(binding) + label) + 1
        found = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if found is None:
            return keys, 0
        return keys, cell_len(f"{app.get_key_display(found.binding)} {found.binding.description}") + 2

    def fit(self, width: int) -> None:
        keys, palette = self.widths() if width >= WIDE else (width + 1, 0)
        show_palette, rows = keys + palette <= width, keys > width
        if show_palette != self.show_command_palette:
            self.show_command_palette = show_palette
            if rows == self.has_class("-rows"):
                self.refresh(recompose=True)
        self.set_rows(rows)
