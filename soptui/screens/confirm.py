"""A question before something unusual is recorded: a time outside office hours.

The record dialogs ask it when the service refuses a moment as outside office hours
(actions.off_hours): "Ya, catat" records it as typed, "Ubah waktu" goes back to the dialog with
the time field focused. Nothing is recorded until the answer is yes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from ..i18n import t
from ..messages import workday as _workday_messages  # noqa: F401  (offhours.*)
from ..safetext import text as literal
from .base import Localized, bind


class OffHoursConfirm(Localized, ModalScreen[bool]):
    BINDINGS = [
        bind("y", "answer(True)", "offhours_yes"),
        bind("escape,n", "answer(False)", "offhours_no"),
    ]

    def __init__(self, warning: str):
        super().__init__()
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="offhours"):
            yield Label(literal(t("offhours.confirm_title")), classes="dialog-title")
            yield Static(literal(self.warning), classes="dialog-intro", id="offhours-warning")
            yield Label(literal(t("offhours.confirm_question")), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(t("offhours.confirm_yes"), variant="warning", id="yes", compact=True)
                yield Button(t("offhours.confirm_no"), variant="primary", id="no", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter alone does not record an odd time

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
