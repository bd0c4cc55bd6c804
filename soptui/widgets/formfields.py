"""Form fields that behave as in a desktop form.

FormInput: Ctrl+A selects the whole text (Textual's Input moves to the start there, so what is
typed next is added to the old text); typing then replaces the selection. Home/End, Ctrl+Left/
Right, Shift+arrows and Delete/Backspace of a selection are Input's own, but act as their keys
come, in order with the letters around them (see FormInput.on_key).

ConfirmBox: a tick box that is visibly empty when unticked (Textual's Checkbox draws its X in
both states, only the colour changes, so an unticked box reads as ticked). Space ticks it; Enter
submits the form it is in, as Enter on a desktop dialog presses its default button.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Checkbox, Input


class FormInput(Input):
    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    def on_key(self, event) -> None:
        # The field's editing keys (Backspace, Ctrl+U, Ctrl+W, the arrows, Ctrl+A...) act here,
        # in the order the keys came: as bindings they would run only once the key has gone up to
        # the app, so keys that arrive together (a lagging link, a paste of keystrokes, a fast
        # typist) were typed first: "besok" after Ctrl+U was typed, then erased with the old text.
        found = _editing_actions(type(self)).get(event.key)
        if found is not None:
            event.stop()
            event.prevent_default()
            name, params = found
            getattr(self, f"action_{name}")(*params)


def _editing_actions(cls: type) -> dict[str, tuple[str, tuple]]:
    """Key -> (action, parameters) of the field's synchronous bindings, a subclass's over its
    base's (Enter's submit, a coroutine, keeps Textual's own way)."""
    import inspect

    from textual.actions import parse

    found = _ACTIONS.get(cls)
    if found is None:
        found = {}
        for klass in reversed(cls.__mro__):
            for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
                _, name, params = parse(binding.action)
                method = getattr(cls, f"action_{name}", None)
                if method is not None and not inspect.iscoroutinefunction(method):
                    found[binding.key] = (name, params)
        _ACTIONS[cls] = found
    return found


_ACTIONS: dict[type, dict[str, tuple[str, tuple]]] = {}


class ConfirmBox(Checkbox):
    TICKED, EMPTY = "X", " "

    BINDINGS = [
        Binding("space", "toggle_button", "Toggle", show=False),
        Binding("enter", "submit", "Submit", show=False),
    ]

    class Submitted(Message):
        """Enter on the box: the form it belongs to is submitted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = self.TICKED if self.value else self.EMPTY

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.TICKED if self.value else self.EMPTY
        super().watch_value()
        self.refresh()

    def action_submit(self) -> None:
        self.post_message(self.Submitted())
