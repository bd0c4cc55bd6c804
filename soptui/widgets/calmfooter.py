"""A footer that changes once per refresh, and only as much as what it shows has changed.

Textual's Footer recomposes (unmounts and mounts a widget per key, ~10-30 ms) on every bindings
update: each change of focus, each `refresh_bindings`. While the home screen fills in at start-up
that is four to six recompositions, most showing the same keys or the same keys with another one
enabled. Here the updates of one refresh are handled once; a key that becomes enabled or
disabled is restyled in place; only other changes recompose.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CalmFooter(Footer):
    _queued = False
    _composed: tuple | None = None

    def _shown(self) -> tuple:
        """Everything `Footer.compose` reads from the screen and the app: the keys (each with
        whether it is enabled last), and the command palette's key."""
        keys = tuple((b.key, self.app.get_key_display(b), b.action, b.description, b.group, tooltip, enabled)
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
            self.call_after_refresh(self._update)

    async def _update(self) -> None:
        self._queued = False
        if not self.is_attached:
            return
        shown, before = self._shown(), self._composed
        if shown == before:
            return
        if before is not None and shown[1:] == before[1:] and \
                [k[:-1] for k in shown[0]] == [k[:-1] for k in before[0]]:
            enabled = {(k[0], k[2]): k[-1] for k in shown[0]}
            for key in self.query(FooterKey):
                on = enabled.get((key.key, key.action))
                if on is not None and key._disabled == on:
                    key._disabled = not on
                    key.set_class(not on, "-disabled")
            self._composed = shown
            return
        await self.recompose()
