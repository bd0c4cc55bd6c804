"""Fixing mistakes, for the whole life of a run, without ever editing history.

Each function returns the new events (an undo, a correction, a cancellation), checked against
the run folded with them; nothing recorded is changed. Works on runs in any state: an undo on a
finished run reopens it (its last completion is undone), a reopen of a cancelled run undoes the
cancellation. Pure: no I/O and no clock (`now` is passed in).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from . import actions
from .errors import RuleError
from .events import CancelledData, CorrectionData, Event, Stored, UndoData
from .i18n import t
from .messages import rules as _messages  # noqa: F401
from .messages import runs as _run_messages  # noqa: F401  (change.* field names)
from .runs import _commit, fold, make_event, t_later

_UNSET = object()  # a field not given (None is a value: "no evidence")


def _need_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise RuleError(t("rule.reason"))
    return reason.strip()


def undo_last(docs: Stored, run_id: str, *, reason: str, now: datetime, by: str = "",
              expected: int | None = None) -> list[Event]:
    """Undo the latest event still in force. On a finished run that is its last completion (and
    the finish with it): the run is in progress again. On a cancelled run, the cancellation.
    (A correction made after the run closed is the latest event: it is what undo takes back.)
    `expected`: the event the person was shown; if another is the latest by now, nothing is undone."""
    log = fold(docs, run_id).events  # a coherent log first
    reason = _need_reason(reason)
    target = actions.undo_target(log)
    if target is None:
        raise RuleError(t("rule.nothing_to_undo", run=run_id))
    _still(target, expected, run_id)
    return _undo(log, run_id, target, reason, now, by)


def _still(target: Event, expected: int | None, run_id: str) -> None:
    """The event about to be undone is the one the person was shown (another process may have
    recorded, or undone, in between: an undo must never take back what nobody saw)."""
    if expected is not None and target["seq"] != expected:
        raise RuleError(t("rule.changed_meanwhile", run=run_id, seq=expected, latest=target["seq"]))


def _undo(log: list[Event], run_id: str, target: Event, reason: str, now: datetime, by: str) -> list[Event]:
    new: list[Event] = []
    for seq in actions.undo_seqs_for(log, target):
        new.append(make_event([*log, *new], "undo", now, now, UndoData(target=seq, reason=reason, by=by.strip())))
    return _commit(log, new, run_id, now)


def reopen(docs: Stored, run_id: str, *, reason: str, now: datetime, by: str = "",
           expected: int | None = None) -> list[Event]:
    """A finished or cancelled run in progress again: its last completion (with the finish) or its
    cancellation is undone, even when corrections were recorded after it closed."""
    state = fold(docs, run_id)
    if state.status == "in_progress":
        raise RuleError(t("rule.not_closed", run=run_id))
    reason = _need_reason(reason)
    target = actions.reopen_target(state.events)
    if target is None:
        raise RuleError(t("rule.nothing_to_undo", run=run_id))
    _still(target, expected, run_id)
    return _undo(state.events, run_id, target, reason, now, by)


def correct(docs: Stored, run_id: str, seq: int, *, reason: str, now: datetime, by: str = "",
            at: datetime | None = None, actor: str | None = None, output: str | None = None,
            evidence=_UNSET, note: str | None = None) -> list[Event]:
    """A correction of event `seq`: its moment and/or what was recorded with it (who, what came
    out, the evidence, the note). The original values stay in the log and in the correction."""
    state = fold(docs, run_id)
    log = state.events
    reason = _need_reason(reason)
    recorded = next((e for e in log if e["seq"] == seq), None)
    if recorded is None:
        raise RuleError(t("rule.event_missing", run=run_id, seq=seq))
    if recorded["kind"] == "correction" or recorded["kind"] == "undo":
        raise RuleError(t("rule.correct_a_correction", seq=seq, target=recorded["data"]["target"]))
    target = next((e for e in state.effective if e["seq"] == seq), None)
    if target is None:
        raise RuleError(t("rule.event_undone", run=run_id, seq=seq))
    kind = target["kind"]
    if kind == "run_finished":
        raise RuleError(t("rule.correct_the_completion", seq=seq, completion=seq - 1))
    wanted = {"actor": actor, "output": output, "note": note}
    fields: dict[str, Any] = {k: v.strip() for k, v in wanted.items() if v is not None}
    if evidence is not _UNSET:
        fields["evidence"] = evidence
    if at is None and not fields:
        raise RuleError(t("rule.correct_nothing", seq=seq))
    allowed = actions.CORRECTABLE.get(kind, ())
    for name in (["at"] if at is not None else []) + list(fields):
        if name not in allowed:
            raise RuleError(t("rule.correct_field", seq=seq, field=t(f"change.{name}"), kind=t(f"event.{kind}"),
                              allowed=", ".join(t(f"change.{f}") for f in allowed)))
    if "actor" in fields and not fields["actor"]:
        raise RuleError(t("rule.correct_blank_actor", seq=seq))
    current: Mapping[str, Any] = target["data"]  # the values in force (corrected), read by name
    original = {k: current.get(k) for k in fields}
    changed = {k: v for k, v in fields.items() if current.get(k) != v}
    same_time = at is not None and at == datetime.fromisoformat(target["at"])
    if not changed and (at is None or same_time):
        raise RuleError(t("rule.correct_same", seq=seq))
    data = CorrectionData(target=seq, reason=reason, by=by.strip())
    if at is not None and not same_time:
        if at > now:
            raise RuleError(t("rule.correction_refused", seq=seq, why=t_later(t("rule.what.correction"), at, now)))
        data["at"], data["original_at"] = at.isoformat(), target["at"]
    if changed:
        data["fields"], data["original"] = changed, {k: original[k] for k in changed}
    new = [make_event(log, "correction", now, now, data)]
    try:
        return _commit(log, new, run_id, now)
    except RuleError as exc:  # say that it is the correction that was refused, and why
        raise RuleError(t("rule.correction_refused", seq=seq, why=str(exc))) from None


def cancel_run(docs: Stored, run_id: str, *, reason: str, now: datetime,
               at: datetime | None = None, by: str = "") -> list[Event]:
    """`at`: when the work stopped (default now); the run's timing ends there."""
    state = fold(docs, run_id)
    if state.status != "in_progress":
        raise RuleError(t("rule.finished" if state.status == "finished" else "rule.cancelled", run=run_id))
    reason = _need_reason(reason)
    data = CancelledData(reason=reason, by=by.strip()) if by.strip() else CancelledData(reason=reason)
    # check_times refuses a cancellation later than now or before the last recorded moment
    log = state.events
    return _commit(log, [make_event(log, "run_cancelled", at or now, now, data)], run_id, now)
