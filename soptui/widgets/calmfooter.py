"""A footer that recomposes once per refresh, and only when what it shows has changed.

Textual's Footer recomposes (unmounts and mounts a widget per key) on every bindings update: a
change of focus, each `refresh_bindings`. While the home screen fills in at start-up that is four
to six recompositions of ~10 ms each, most of them showing the same keys.
"""

from __future__ import annotations

from textual.widgets import Footer


class CalmFooter(Footer):
    _queued = False
    _composed: tuple | None = None

    def _shown(self) -> tuple:
        """Everything `Footer.compose` reads from the screen and the app."""
        keys = tuple((b.key, self.app.get_key_display(b), b.action, b.description, b.group, enabled, tooltip)
                     for _node, b, enabled, tooltip in self.screen.active_bindings.values() if b.show)
        return keys, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE

    def compose(self):
        self._composed = self._shown() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._queued:
            self._queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._queued = False
        if not self.is_attached or self._shown() != self._composed:
            await self.recompose()
