"""Bindings whose labels follow the language chosen at run time.

A binding is declared with its id only: `bind("c", "complete", "complete")` reads its footer
label from the message `bind.complete` and its tooltip from `tip.complete`. The labels are looked
up in the language of the session that made the screen, not when the module is imported, so the
language may be chosen after the UI modules are loaded (tests switch it freely).

Only public Textual API is used: a screen keeps the bindings Textual built from BINDINGS (so the
keymap of soptui.toml [keys] and `check_action` work as Textual defines them) and relabels what it
shows through `active_bindings`, the property the footer, the palette and the help read.
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any, cast

from textual.binding import ActiveBinding, Binding

from ..i18n import get_lang, t, using_lang
from ..widgets.keyline import WIDE  # one threshold for both footers (home's is the key line)

LABEL, TIP = "bind.", "tip."


def bind(keys: str, action: str, id: str, *, show: bool = True, priority: bool = False) -> Binding:
    """A binding whose id names its messages (`bind.<id>`, `tip.<id>`): every id is remappable."""
    return Binding(keys, action, LABEL + id, show=show, priority=priority, id=id, tooltip=TIP + id)


def labelled(binding: Binding, lang: str | None = None) -> Binding:
    """`binding` with its label and tooltip in `lang` (None: the current language)."""
    description, tooltip = binding.description, binding.tooltip
    if not description.startswith(LABEL) and not tooltip.startswith(TIP):
        return binding  # one of Textual's own (cursor keys of a table...): left as it is
    with using_lang(lang):
        return replace(binding, description=t(description) if description.startswith(LABEL) else description,
                       tooltip=t(tooltip) if tooltip.startswith(TIP) else tooltip)


def _is_coroutine(work: Any) -> bool:
    """Textual runs an async callable in a thread its own way: it is left as it is."""
    return inspect.iscoroutinefunction(work) or inspect.iscoroutinefunction(getattr(work, "func", None))




class Localized:
    """Mixin for screens: bindings labelled in the session's language, and a footer that fits.

    Below WIDE columns the bindings named in FOOTER_WHEN_WIDE leave the footer (they stay in the
    help screen and the command palette, and their keys still act), so the essential keys and F1
    always show at 80 columns.

    A binding whose action cannot act now (`check_action` False) is left out of the footer and
    the palette; its key, pressed anyway, answers with `why_not(action)` instead of nothing.
    """

    FOOTER_WHEN_WIDE: frozenset[str] = frozenset()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = get_lang()  # the session's language when the screen was made
        self._wide: bool | None = None  # None: not fitted yet (every binding as declared)
        try:  # fitted from the start, so the footer's first keys are the ones it keeps
            self._wide = cast(Any, self).app.size.width >= WIDE if self.FOOTER_WHEN_WIDE else None
        except Exception:  # noqa: BLE001 - made outside a running app: fitted on the first resize
            pass
        self._labelled: dict[Binding, Binding] = {}

    def on_mount(self) -> None:
        # Once a screen is shown, Textual hides its empty toast rack by setting `display` inline,
        # which lays the whole screen out again although its CSS had hidden it already (about
        # 4 ms on home, before the first paint). Set now, it joins the screen's first layout;
        # a notice shows the rack as before.
        for rack in cast(Any, self).query("#textual-toastrack"):
            rack.display = False

    @property
    def active_bindings(self: Any) -> dict[str, ActiveBinding]:
        """Textual's active bindings (keymap and `check_action` applied), labelled in the screen's
        language; below WIDE columns those of FOOTER_WHEN_WIDE are not shown in the footer."""
        narrow = self._wide is False
        shown = {}
        textual = super().active_bindings  # type: ignore[misc]  # a mixin: Screen's, next in the MRO
        for key, active in textual.items():
            binding = self._labelled.get(active.binding)
            if binding is None:
                binding = self._labelled[active.binding] = labelled(active.binding, self.lang)
            if narrow and binding.id in self.FOOTER_WHEN_WIDE:
                binding = replace(binding, show=False)
            shown[key] = active._replace(binding=binding, tooltip=binding.tooltip)
        return shown

    def run_worker(self, work: Any, *args: Any, thread: bool = False, **kwargs: Any) -> Any:
        """Textual's run_worker (which `@work` calls), with a thread worker speaking the screen's
        language: a thread starts with an empty context, where `t` would fall back to the
        process's language instead of this session's."""
        if thread and callable(work) and not _is_coroutine(work):
            lang, task = self.lang, work

            def work() -> Any:
                with using_lang(lang):
                    return task()
        return super().run_worker(work, *args, thread=thread, **kwargs)  # type: ignore[misc]

    def on_resize(self: Any, event) -> None:
        """(Textual calls this beside a screen's own on_resize: handlers run along the MRO.)"""
        self.fit_footer(event.size.width)

    def fit_footer(self: Any, width: int) -> None:
        wide = width >= WIDE
        if wide == self._wide or not self.FOOTER_WHEN_WIDE:
            return
        self._wide = wide
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
                # The bare name, as Textual hands check_action ("sop", not "sop(1)").
                return None if key in self.active_bindings else binding.action.partition("(")[0]
        return None

    def on_key(self: Any, event) -> None:
        action = self.hidden_action(event.key, event.character)
        why = self.why_not(action) if action else None
        if why:
            event.stop()
            event.prevent_default()
            self.notify(why, severity="warning", timeout=6, markup=False)
