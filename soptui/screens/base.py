"""Bindings whose labels follow the language chosen at run time.

A binding is declared with its id only: `bind("c", "complete", "complete")` reads its footer
label from the message `bind.complete` and its tooltip from `tip.complete`. The labels are looked
up when a screen is created, not when the module is imported, so the language may be chosen after
the UI modules are loaded (tests switch it freely).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding, BindingsMap
from textual.widgets import Footer

from ..i18n import t

LABEL, TIP = "bind.", "tip."


def bind(keys: str, action: str, id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose id names its messages (`bind.<id>`, `tip.<id>`): every id is remappable."""
    return Binding(keys, action, LABEL + id, show=show, priority=priority, id=id, tooltip=TIP + id)


def labelled(binding: Binding) -> Binding:
    """`binding` with its label and tooltip in the current language."""
    description, tooltip = binding.description, binding.tooltip
    if not description.startswith(LABEL) and not tooltip.startswith(TIP):
        return binding  # one of Textual's own (cursor keys of a table...): left as it is
    return replace(binding, description=t(description) if description.startswith(LABEL) else description,
                   tooltip=t(tooltip) if tooltip.startswith(TIP) else tooltip)


def localize(node) -> None:
    """Give a node (screen or app) its bindings with labels in the current language."""
    node._bindings = BindingsMap(labelled(b) for _key, b in node._bindings)


WIDE = 120  # columns from which the footer has room for every binding of a screen


class Localized:
    """Mixin for screens: bindings labelled in the current language, and a footer that fits.

    Below WIDE columns the bindings named in FOOTER_WHEN_WIDE leave the footer (they stay in the
    help screen and the command palette), so the essential keys and F1 always show at 80 columns.

    A binding whose action cannot act now (`check_action` False) is left out of the footer and
    the palette; its key, pressed anyway, answers with `why_not(action)` instead of nothing.
    """

    FOOTER_WHEN_WIDE: frozenset[str] = frozenset()
    PALETTE_WHEN_WIDE = False  # the footer's "^p Commands" only when wide (F1 still says Ctrl+P)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize(self)
        self._wide: bool | None = None

    def on_resize(self: Any, event) -> None:
        """(Textual calls this beside a screen's own on_resize: handlers run along the MRO.)"""
        self.fit_footer(event.size.width)

    def fit_footer(self: Any, width: int) -> None:
        wide = width >= WIDE
        if wide == self._wide or not self.FOOTER_WHEN_WIDE:
            return
        self._wide = wide
        self._bindings = BindingsMap(replace(b, show=wide) if b.id in self.FOOTER_WHEN_WIDE else b
                                     for _key, b in self._bindings)
        if self.PALETTE_WHEN_WIDE:
            for footer in self.query(Footer):
                footer.show_command_palette = wide
        self.refresh_bindings()

    def why_not(self, action: str) -> str | None:
        """Why `action` cannot act now (screens say; None: the key stays silent)."""
        return None

    def key_of(self: Any, action: str) -> str:
        """How the key of `action` is shown (as remapped), while it is active; else ""."""
        for active in self.active_bindings.values():
            if active.binding.action == action and active.node is self:
                return self.app.get_key_display(active.binding)
        return ""

    def hidden_action(self: Any, key: str, character: str | None) -> str | None:
        """The action of this screen bound to `key` (as remapped) when it is left out now."""
        remapped = getattr(self.app, "keys_remapped", {})
        for binding in type(self).BINDINGS:
            keys = {k.strip() for k in remapped.get(binding.id, binding.key).split(",")}
            if key in keys or (character and character in keys):
                return None if key in self.active_bindings else binding.action
        return None

    def on_key(self: Any, event) -> None:
        action = self.hidden_action(event.key, event.character)
        why = self.why_not(action) if action else None
        if why:
            event.stop()
            event.prevent_default()
            self.notify(why, severity="warning", timeout=6, markup=False)
