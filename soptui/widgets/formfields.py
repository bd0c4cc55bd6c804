"""Form fields that behave as in a desktop form.

FormInput: Ctrl+A selects the whole text (Textual's Input moves to the start there, so what is
typed next is added to the old text); typing then replaces the selection. Home/End, Ctrl+Left/
Right, Shift+arrows and Delete/Backspace of a selection are Input's own.

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
        # Here and not only by the binding: bindings run once the key has gone up to the app, so
        # keys that arrive together (a paste of keystrokes, a fast typist) would be typed first.
        if event.key == "ctrl+a":
            event.stop()
            event.prevent_default()
            self.select_all()


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
