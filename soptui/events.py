"""The typed shape of a run's events, as stored in its file and folded by runs.py.

An event is a plain dict on disk and in memory (JSON is what the hash chain hashes, key for key),
so its types are TypedDicts: they add no runtime cost and cannot change what is hashed. One
TypedDict per kind, told apart by `kind`, so a check such as `e["kind"] == "undo"` tells the type
checker that `e["data"]["target"]` is there.

Events come from files anyone can edit: a log is only an `Event` list once its shape was checked
(integrity.event_problem, which the fold runs before it reads a log). integrity.KINDS is the same
shape as data for that check; a test keeps the two in step.

EVENT_SCHEMA names this shape. Change it (and teach the fold the old one) when a kind or a field
changes meaning; adding an optional field does not need it. Old run files must keep verifying:
the hash of an event is over its stored keys, whatever this module says.
"""

# No `from __future__ import annotations`: NotRequired must be read when the classes are made, so
# that each TypedDict knows its optional keys (a test compares them with integrity.KINDS).
from typing import Any, Literal, Mapping, NotRequired, Sequence, TypedDict, Union, cast

EVENT_SCHEMA = 1

Kind = Literal["run_started", "step_started", "step_completed", "decision", "correction", "undo",
               "run_finished", "run_cancelled"]
Verdict = Literal["ya", "tidak"]
Evidence = dict[str, Any]  # {"path", "sha256", "size"} for a file, {"ref"} for one kept elsewhere


# -- what each kind records ---------------------------------------------------------------------

class RunStartedData(TypedDict):
    sop_id: str
    sop_text: str  # the SOP as it was when the run started (its frozen copy)
    sop_hash: str
    title: NotRequired[str | None]
    operator: NotRequired[str | None]
    timezone: NotRequired[str | None]


class StepStartedData(TypedDict):
    step: int


class CompletionData(TypedDict):
    step: int
    role: NotRequired[str | None]
    actor: NotRequired[str | None]
    output: NotRequired[str | None]
    note: NotRequired[str | None]
    evidence: NotRequired[Evidence | None]


class DecisionData(CompletionData):
    verdict: Verdict


class CorrectionData(TypedDict):
    """A new moment (`at`) and/or recorded fields (`fields`) for event `target`; `original_at` and
    `original` keep what they were. Older corrections carry only `at` and `original_at`."""

    target: int
    at: NotRequired[str | None]
    original_at: NotRequired[str | None]
    reason: NotRequired[str | None]
    fields: NotRequired[dict[str, Any] | None]
    original: NotRequired[dict[str, Any] | None]
    by: NotRequired[str | None]


class UndoData(TypedDict):
    target: int
    reason: NotRequired[str | None]
    by: NotRequired[str | None]


class FinishedData(TypedDict):
    pass


class CancelledData(TypedDict):
    reason: NotRequired[str | None]
    by: NotRequired[str | None]


# -- the events -----------------------------------------------------------------------------------

class _Stored(TypedDict):
    seq: int  # 1, 2, 3... in the order recorded
    at: str  # ISO 8601 with offset: when it happened (as told)
    recorded_at: str  # when it was written down
    prev_hash: str
    hash: str  # sha256 of every other key (integrity.event_hash)


class RunStarted(_Stored):
    kind: Literal["run_started"]
    data: RunStartedData


class StepStarted(_Stored):
    kind: Literal["step_started"]
    data: StepStartedData


class StepCompleted(_Stored):
    kind: Literal["step_completed"]
    data: CompletionData


class Decision(_Stored):
    kind: Literal["decision"]
    data: DecisionData


class Correction(_Stored):
    kind: Literal["correction"]
    data: CorrectionData


class Undo(_Stored):
    kind: Literal["undo"]
    data: UndoData


class RunFinished(_Stored):
    kind: Literal["run_finished"]
    data: FinishedData


class RunCancelled(_Stored):
    kind: Literal["run_cancelled"]
    data: CancelledData


Event = Union[RunStarted, StepStarted, StepCompleted, Decision, Correction, Undo, RunFinished, RunCancelled]
EventData = Union[RunStartedData, StepStartedData, CompletionData, DecisionData, CorrectionData, UndoData,
                  FinishedData, CancelledData]
DATA: dict[str, type] = {  # kind -> the TypedDict of its data
    "run_started": RunStartedData, "step_started": StepStartedData, "step_completed": CompletionData,
    "decision": DecisionData, "correction": CorrectionData, "undo": UndoData, "run_finished": FinishedData,
    "run_cancelled": CancelledData}

# A log as read from a file: not yet known to be events (the fold checks it).
Stored = Sequence[Mapping[str, Any]]


def trusted(docs: Stored) -> list[Event]:
    """`docs` as events, without a check: for a log whose shape was just checked (or that the
    rules built). The same list, not a copy."""
    return cast("list[Event]", docs)


def event(doc: Mapping[str, Any]) -> Event:
    """One stored event built by the rules (runs.make_event), as its kind's type."""
    return cast(Event, doc)
