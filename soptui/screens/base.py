"""Bindings whose labels follow the language chosen at run time.

A binding is declared with its id only: `bind("c", "complete", "complete")` reads its footer
label from the message `bind.complete` and its tooltip from `tip.complete`. The labels are looked
up when a screen is created, not when the module is imported, so the language may be chosen after
the UI modules are loaded (tests switch it freely).
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap

from ..i18n import t

LABEL, TIP = "bind.", "tip."


def bind(keys: str, action: str, id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose id names its messages (`bind.<id>`, `tip.<id>`): every id is remappable."""
    return Binding(keys, action, LABEL + id, show=show, priority=priority, id=id, tooltip=TIP + id)


def _local(binding: Binding) -> Binding:
    description, tooltip = binding.description, binding.tooltip
    if not description.startswith(LABEL) and not tooltip.startswith(TIP):
        return binding  # one of Textual's own (cursor keys of a table...): left as it is
    return replace(binding, description=t(description) if description.startswith(LABEL) else description,
                   tooltip=t(tooltip) if tooltip.startswith(TIP) else tooltip)


def localize(node) -> None:
    """Give a node (screen or app) its bindings with labels in the current language."""
    node._bindings = BindingsMap(_local(b) for _key, b in node._bindings)


WIDE = 120  # columns from which the footer has room for every binding of a screen


class Localized:
    """Mixin for screens: bindings labelled in the current language, and a footer that fits.

    Below WIDE columns the bindings named in FOOTER_WHEN_WIDE leave the footer (they stay in the
    help screen and the command palette), so the essential keys and F1 always show at 80 columns.
    """

    FOOTER_WHEN_WIDE: frozenset[str] = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize(self)
        self._wide: bool | None = None

    def fit_footer(self, width: int) -> None:
        wide = width >= WIDE
        if wide == self._wide or not self.FOOTER_WHEN_WIDE:
            return
        self._wide = wide
        self._bindings = BindingsMap(replace(b, show=wide) if b.id in self.FOOTER_WHEN_WIDE else b
                                     for _key, b in self._bindings)
        self.refresh_bindings()
