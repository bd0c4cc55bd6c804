"""Fixing mistakes from the interactive view: undo, reopen, correct and cancel a run, for its whole
life. The rules of what may be done are soptui.actions'; the dialogs built here record through
RunService in a thread (the dialog's), so a refusal by the rules comes back to the dialog.

Each builder takes the screen asking (for its app) and the run as it is shown."""

from __future__ import annotations

from .. import actions
from ..events import Event
from ..evidence import evidence_of
from ..i18n import t
from ..messages import rules as _rule_messages  # noqa: F401  (the rules' words, quoted below)
from ..timeinput import format_time, parse_time
from .correct import CorrectDialog, changed_fields
from .dialogs import ReasonDialog
from .runview import describe


def _in_force(state, event: Event) -> Event:
    """The event as it counts now (its corrected moment), for the dialogs' words."""
    return next((e for e in state.effective if e["seq"] == event["seq"]), event)


def correction_dialog(screen, state, seq: int) -> CorrectDialog:
    app = screen.app
    svc = app.service

    def submit(values: dict) -> str | None:
        changed = changed_fields(values["kind"], values, values["recorded"])
        at = parse_time(values["at"], now=app.now(), tz=svc.tz) if "at" in changed else None
        fields: dict = {name: values[name] for name in ("actor", "output", "note") if name in changed}
        if "evidence" in changed:
            fields["evidence"] = evidence_of(values["evidence"])
        svc.correct(state.id, values["seq"], at, values["reason"], by=app.config.operator, **fields)
        return None

    return CorrectDialog(actions.correctable(state), seq, svc.tz, submit)


def undo_dialog(screen, state) -> ReasonDialog | None:
    """Undo the latest event in force; on a finished or cancelled run that reopens it (the
    dialog says so). The reason is given in advance and the tick box has the focus: `u`, Space,
    Enter."""
    target = actions.undo_target(state.events)
    if target is None:
        return None
    app = screen.app
    intro = t("dialog.undo.intro", what=describe(_in_force(state, target), app.service.tz))
    if actions.undo_reopens(state):
        intro += " " + t(f"dialog.undo.reopens_{state.status}")

    def undo(values: dict) -> str | None:
        app.service.undo(state.id, values["reason"], by=app.config.operator, expected=target["seq"])
        return None

    return ReasonDialog(t("dialog.undo.title"), intro, undo, reason=t("dialog.undo.reason"))


def reopen_dialog(screen, state) -> ReasonDialog | None:
    """A finished run: its last completion is undone; a cancelled one: its cancellation."""
    target = actions.reopen_target(state.events)
    if state.status == "in_progress" or target is None:
        return None
    app = screen.app
    intro = t(f"dialog.reopen.{state.status}", what=describe(_in_force(state, target), app.service.tz))

    def reopen(values: dict) -> str | None:
        app.service.reopen(state.id, values["reason"], by=app.config.operator, expected=target["seq"])
        return None

    return ReasonDialog(t("dialog.reopen.title"), intro, reopen, ok_label=t("dialog.reopen.ok"))


def cancel_dialog(screen, state) -> ReasonDialog:
    app = screen.app

    def cancel(values: dict) -> str | None:
        app.service.cancel(state.id, values["reason"], by=app.config.operator)
        return None

    return ReasonDialog(t("dialog.cancel_run.title"), t("dialog.cancel_run.intro"), cancel,
                        ok_label=t("dialog.cancel_run.ok"))


def why_not(state, action: str, tz, reopen_key: str = "") -> str | None:
    """Why `action` cannot act on the run now (its key is then left out of the footer)."""
    if state is None:
        return t("checklist.busy")
    closed = state.status != "in_progress"
    if action in ("complete", "start_step", "cancel_run") and closed:
        return t(f"checklist.closed_{state.status}", key=reopen_key or "—")
    if action == "start_step" and state.current_attempt is not None and state.current_attempt.started_at:
        return t("rule.already_started", step=state.current, at=format_time(state.current_attempt.started_at, tz))
    if action == "undo":
        return t("rule.nothing_to_undo", run=state.id)
    if action == "reopen" and not closed:
        return t("rule.not_closed", run=state.id)
    return None


def why_not_correct(state, event: dict | None) -> str | None:
    """Why the event chosen in the history cannot be corrected (the rules' own words)."""
    if event is None:
        return None
    kind, seq = event["kind"], event["seq"]
    if kind in ("correction", "undo"):
        return t("rule.correct_a_correction", seq=seq, target=event["data"].get("target"))
    if kind == "run_finished":
        return t("rule.correct_the_completion", seq=seq, completion=seq - 1)
    if seq in actions.undone_seqs(state.events):
        return t("rule.event_undone", run=state.id, seq=seq)
    return None
