"""A question before something unusual is done: a time outside office hours recorded, a file
replaced (screens/export.py).

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


class Question(Localized, ModalScreen[bool]):
    """A title, what is at stake, a question and two answers: "yes" dismisses True, "no" (and
    Escape, through the subclass's keys) False. The safe answer, "no", has the focus, so Enter
    alone never does the unusual thing. Subclasses give the words and the keys."""
    # Centred like every dialog (soptui.tcss: FormDialog); the question takes the dialog's width.
    DEFAULT_CSS = """
    Question { align: center middle; }
    Question .question { width: 100%; }
    """

    def __init__(self, title: str, body: str, question: str, yes: str, no: str):
        super().__init__()
        self.texts = title, body, question, yes, no

    def compose(self) -> ComposeResult:
        title, body, question, yes, no = self.texts
        with Vertical(classes="dialog", id="question"):
            yield Label(literal(title), classes="dialog-title")
            if body:
                yield Static(literal(body), classes="dialog-intro", id="question-body")
            yield Label(literal(question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(yes, variant="warning", id="yes", compact=True)
                yield Button(no, variant="primary", id="no", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class OffHoursConfirm(Question):
    BINDINGS = [
        bind("y", "answer(True)", "offhours_yes"),
        bind("escape,n", "answer(False)", "offhours_no"),
    ]

    def __init__(self, warning: str):
        super().__init__(t("offhours.confirm_title"), warning, t("offhours.confirm_question"),
                         t("offhours.confirm_yes"), t("offhours.confirm_no"))


class DiscardConfirm(Question):
    """Before unsaved entries of a form are thrown away (leaving it, or turning to another period)."""

    BINDINGS = [
        bind("y", "answer(True)", "forms_discard"),
        bind("escape,n", "answer(False)", "forms_keep"),
    ]

    def __init__(self):
        from ..messages import stats as _stats_messages  # noqa: F401  (forms.discard_*)
        super().__init__(t("forms.discard_title"), t("forms.discard_body"), t("forms.discard_question"),
                         t("forms.discard_yes"), t("forms.discard_no"))
