"""The title line at the top of home, drawn by one widget.

It shows what Textual's Header shows (its icon, then the app's and the screen's title and
sub-title centred, `App.format_title`), in the Header's colours, without the Header's four
widgets: on home, the first screen, those were a seventh of what start-up costs over a bare
Textual app. A click on the icon opens the command palette, as the Header's icon does.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # the Header's icon: docked left, 8 cells
RIGHT_WIDTH = 10  # the Header's room for a clock: docked right, 10 cells


class TitleLine(Widget, can_focus=False):
    DEFAULT_CSS = """
    TitleLine {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):  # as the Header: a new title is drawn at once
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        middle = max(0, self.size.width - ICON_WIDTH - RIGHT_WIDTH)
        shown = app.format_title(title, sub_title).truncate(middle, ellipsis=True)
        left = (middle - shown.cell_length) // 2  # centred (Content.center pads the right twice over)
        return Content.assemble(f" {ICON}".ljust(ICON_WIDTH + left), shown,
                                " " * (middle - left - shown.cell_length + RIGHT_WIDTH))

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            self.app.action_command_palette()
