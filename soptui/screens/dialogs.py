"""Modal dialogs. Each takes a `submit(values) -> error text | None` from its screen: the dialog
stays open and shows the error until the input is valid, so nothing is recorded from bad input.

`submit` records (it takes the run's file lock, which another writer may hold for seconds), so
it runs in a thread: meanwhile the dialog says it is saving, its record buttons are off and a
second submit or a cancel is answered "still saving" instead of acting; the rest of the app
(help, the palette) keeps answering. The outcome comes back as a message: closed when recorded,
the error on the error line when not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Static

from ..errors import OffHoursError, SoptuiError
from ..i18n import t
from ..oserror import os_reason
from ..messages import workday as _workday_messages  # noqa: F401  (actor.*, offhours.*)
from ..service import hours_confirmed
from ..safetext import one_line
from ..safetext import text as literal  # titles and intros quote SOP and record text
from ..widgets.formfields import ConfirmBox, FormInput
from .base import Localized, bind

Submit = Callable[[dict], "str | None"]


if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp

def _shown(field: Widget) -> bool:
    """Is the field on screen? (A dialog hides the rows of fields that do not apply.)"""
    row = field.parent
    return field.display and (not isinstance(row, Widget) or row.display)


class FormDialog(Localized, ModalScreen[bool]):
    """Fields + OK/Cancel. Enter in the last field or ctrl+s submits; Escape cancels."""

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)

    BINDINGS = [
        bind("escape", "cancel", "dialog_cancel"),
        bind("ctrl+s", "submit", "dialog_save"),
    ]
    title_text = ""
    fields: list[tuple[str, str, str]] = []  # (name, label, placeholder)
    first_focus = ""  # the id of the widget to focus first (default: the first field)

    def __init__(self, submit: Submit, values: dict | None = None, intro: str = "",
                 choices: dict[str, list[str]] | None = None):
        super().__init__()
        self.submit_cb = submit
        self.values = values or {}
        self.intro = intro
        self.saving = False
        # Names offered as typed before (the roster, earlier records) are shown and completed as
        # one visible line: a name recorded with control characters must not reach the terminal.
        self.choices = {k: [one_line(c) for c in v if c.strip()] for k, v in (choices or {}).items()}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # User and SOP text is never read as markup: wrap it in Text.
            yield Label(literal(self.title_text), classes="dialog-title")
            if self.intro:
                yield Static(literal(self.intro), classes="dialog-intro", id="intro")
            yield from self.head()
            for name, label, placeholder in self.fields:
                with Horizontal(classes="field", id=f"row-{name}"):
                    yield Label(literal(label), classes="field-label")
                    names = self.choices.get(name)
                    if names:  # typed names complete from these (→ takes the suggestion)
                        placeholder = t("actor.choices", names=", ".join(names))
                    yield FormInput(value=one_line(self.values.get(name, "")), placeholder=placeholder,
                                    id=f"f-{name}", compact=True,
                                    suggester=SuggestFromList(names, case_sensitive=False) if names else None)
            yield from self.extra()
            yield Label("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield from self.buttons()
                yield Button(t("dialog.cancel"), id="cancel", compact=True)
        yield Footer(compact=True)

    def head(self) -> ComposeResult:
        """Widgets above the fields (subclasses say)."""
        return iter(())

    def extra(self) -> ComposeResult:
        return iter(())

    ok_label = ""  # what the OK button says where "Record" would not ("Show", "Write", "Cancel the run")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys Localized shows, Ctrl+S named like the OK button it presses."""
        shown = super().active_bindings
        if not self.ok_label:
            return shown
        return {key: active._replace(binding=replace(active.binding, description=self.ok_label))
                if active.binding.id == "dialog_save" else active for key, active in shown.items()}

    def buttons(self) -> ComposeResult:
        yield Button(self.ok_label or t("dialog.ok"), variant="primary", id="ok", compact=True)

    def on_mount(self) -> None:
        inputs = list(self.query(Input))
        for field in inputs:
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
        if self.first_focus:
            self.query_one(f"#{self.first_focus}").focus()
        else:
            shown = [i for i in inputs if _shown(i)]
            if shown:
                shown[0].focus()

    def collect(self) -> dict:
        return {name: self.query_one(f"#f-{name}", Input).value for name, _, _ in self.fields}

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Label)
        error.remove_class("busy")
        error.update(literal(message))

    def check(self, values: dict) -> str | None:
        """What is wrong with the input before anything is recorded (subclasses say)."""
        return None

    def action_submit(self) -> None:
        if self.saving:
            self.show_busy(t("dialog.still_saving"))
            return
        values = self.collect()
        error = self.check(values)
        if error:
            self.show_error(error)
            return
        self.set_saving(True)
        self.save(values)

    @work(thread=True, group="save")
    def save(self, values: dict, confirmed: bool = False) -> None:
        """In a thread: the screen's submit (it records); its outcome goes back as a message.
        `confirmed`: a time outside office hours was confirmed (asked when the service refused it)."""
        off_hours = None
        try:
            with hours_confirmed(confirmed):
                error = self.submit_cb(values)
        except OffHoursError as exc:
            error, off_hours = None, str(exc)
        except SoptuiError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"{exc.filename or ''} {os_reason(exc)}".strip()
        self.post_message(self.Saved(error, off_hours, values))

    class Saved(Message):
        def __init__(self, error: str | None, off_hours: str | None = None, values: dict | None = None):
            super().__init__()
            self.error, self.off_hours, self.values = error, off_hours, values or {}

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.set_saving(False)
        if event.off_hours:
            self.ask_off_hours(event.off_hours, event.values)
        elif event.error:
            self.show_error(event.error)
        else:
            self.dismiss(True)

    def ask_off_hours(self, warning: str, values: dict) -> None:
        """Nothing was recorded: ask, then record as typed, or go back to the time."""
        from .confirm import OffHoursConfirm

        self.show_error("")  # not "saving": nothing is, until the answer

        def answered(yes: bool | None) -> None:
            if yes:
                self.set_saving(True)
                self.save(values, confirmed=True)
                return
            self.show_error(warning)
            for field in self.query(Input):
                if field.id in ("f-at", "f-time"):
                    field.focus()
        self.app.push_screen(OffHoursConfirm(warning), answered)

    def set_saving(self, saving: bool) -> None:
        """While saving: a note where errors show, and the buttons that record switched off."""
        self.saving = saving
        for button in self.query(Button):
            if button.id != "cancel":
                button.disabled = saving
        if saving:
            self.show_busy(t("dialog.saving"))

    def show_busy(self, message: str) -> None:
        error = self.query_one("#error", Label)
        error.add_class("busy")
        error.update(literal(message))

    def action_cancel(self) -> None:
        if self.saving:  # closing now would hide whether it was recorded
            self.show_busy(t("dialog.still_saving"))
            return
        self.dismiss(False)

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        inputs = [i for i in self.query(Input) if _shown(i)]
        if inputs and event.input is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    @on(ConfirmBox.Submitted)
    def _confirmed(self) -> None:
        self.action_submit()


class NewRunDialog(FormDialog):
    def __init__(self, sop_name: str, submit: Submit, values: dict):
        self.title_text = t("dialog.new_run.title", sop=sop_name)
        self.fields = [("title", t("field.title"), ""), ("operator", t("field.operator"), ""),
                       ("at", t("field.start_time"), t("field.time_hint_now"))]
        super().__init__(submit, values)

    def compose(self) -> ComposeResult:
        # The operator of the last run started here (the service keeps it in the data folder)
        # before the one in soptui.toml: whoever is at the keyboard today.
        last = self.app.service.last_operator()
        if last:
            self.values = {**self.values, "operator": last}
        return super().compose()


def actor_missing(values: dict) -> str | None:
    """Who did the step is part of the record: asked, never guessed (runs.suggested_actor)."""
    return None if values.get("actor", "").strip() else t("actor.required", field=t("field.actor"))


def completion_fields() -> list[tuple[str, str, str]]:
    """What a completion and a decision record (id, label, hint), in the session's language."""
    return [("actor", t("field.actor"), ""), ("output", t("field.output"), ""),
            ("at", t("field.time"), t("field.time_hint_now")), ("note", t("field.note"), ""),
            ("evidence", t("field.evidence"), t("field.evidence_hint"))]


class CompleteDialog(FormDialog):
    def __init__(self, step_label: str, submit: Submit, values: dict, intro: str = "",
                 people: list[str] | None = None):
        self.title_text = t("dialog.complete.title", step=step_label)
        self.fields = completion_fields()
        super().__init__(submit, values, intro, {"actor": people or []})

    def check(self, values: dict) -> str | None:
        return actor_missing(values)


class StartStepDialog(FormDialog):
    def __init__(self, step_label: str, submit: Submit, values: dict):
        self.title_text = t("dialog.start.title", step=step_label)
        self.fields = [("at", t("field.time"), t("field.time_hint_now"))]
        super().__init__(submit, values)


class DecideDialog(FormDialog):
    """Ya / tidak, with what a completion records (who, output, time, note, evidence): a decision
    step has its own output ("Konsep diperiksa"). The verdict is a button each, so it is never a typo."""

    # The answer is what records: ctrl+s alone could only say "choose Ya or Tidak", so the footer
    # shows the two keys that answer, not it.
    BINDINGS = [
        bind("ctrl+y", "verdict('ya')", "decide_ya"),
        bind("ctrl+n", "verdict('tidak')", "decide_tidak"),
        bind("ctrl+s", "submit", "dialog_save", show=False),
    ]

    def __init__(self, step_label: str, question: str, submit: Submit, values: dict, intro: str = "",
                 people: list[str] | None = None):
        self.title_text = t("dialog.decide.title", step=step_label)
        self.question = question
        self.fields = completion_fields()
        super().__init__(submit, values, intro, {"actor": people or []})
        self.verdict: str | None = None

    def extra(self) -> ComposeResult:
        yield Label(literal(self.question), classes="question")

    def buttons(self) -> ComposeResult:
        # The verdict is the button: no separate OK, so an answer is never recorded by accident.
        yield Button(t("dialog.ya"), variant="success", id="ya", compact=True)
        yield Button(t("dialog.tidak"), variant="error", id="tidak", compact=True)

    def collect(self) -> dict:
        return {**super().collect(), "verdict": self.verdict}

    def action_verdict(self, verdict: str) -> None:
        self.verdict = verdict
        self.action_submit()
        self.verdict = None  # taken with the values: a refused answer is chosen again

    def check(self, values: dict) -> str | None:
        return t("dialog.decide.choose") if values["verdict"] is None else actor_missing(values)

    @on(Button.Pressed, "#ya")
    def _ya(self) -> None:
        self.action_verdict("ya")

    @on(Button.Pressed, "#tidak")
    def _tidak(self) -> None:
        self.action_verdict("tidak")


class ReasonDialog(FormDialog):
    """Undo, reopen and cancel: a reason, and a tick to confirm.

    With a reason given in advance (undo: "recorded by mistake"), the tick box has the focus: the
    key that opened the dialog, Space and Enter are all it takes; the reason can still be changed."""

    def __init__(self, title: str, intro: str, submit: Submit, *, reason: str = "", ok_label: str = ""):
        self.title_text = title
        self.ok_label = ok_label
        self.fields = [("reason", t("field.reason"), t("field.reason_hint"))]
        self.first_focus = "confirm" if reason else ""
        super().__init__(submit, {"reason": reason}, intro)

    def extra(self) -> ComposeResult:
        yield ConfirmBox(t("dialog.confirm"), id="confirm", compact=True)

    def collect(self) -> dict:
        return {**super().collect(), "confirm": self.query_one("#confirm", ConfirmBox).value}

    def check(self, values: dict) -> str | None:
        if not values["reason"].strip():
            return t("dialog.reason_required")
        if not values["confirm"]:
            return t("dialog.confirm_required")
        return None

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        self.focus_next()
