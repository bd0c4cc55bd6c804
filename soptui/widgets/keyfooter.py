"""A footer that may take two rows: at 80 columns a screen with many keys shows them all, each
with its whole label, in a grid of six (class "-rows", set by the screen; soptui.tcss)."""

from __future__ import annotations

from textual.widgets import Footer

ROW_KEYS = 6
ROWS_BELOW = 120  # columns: below this, two rows (and no "^p" key: F1 says Ctrl+P)


class KeyFooter(Footer):
    def compose(self):
        yield from super().compose()
        # Footer sets one grid column per key on every compose; in rows, six a row.
        if self.has_class("-rows"):
            self.styles.grid_size_columns = ROW_KEYS

    def set_rows(self, rows: bool) -> None:
        if rows != self.has_class("-rows"):
            self.set_class(rows, "-rows")
            self.refresh(recompose=True)

    def fit(self, width: int) -> None:
        self.show_command_palette = width >= ROWS_BELOW
        self.set_rows(width < ROWS_BELOW)
