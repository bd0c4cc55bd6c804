"""The integrity of a stored run log: the shape of its events, their hash chain and its head.

Run files are plain JSON that anyone can edit. Before a log is folded every event is checked
here (a number, a known kind, readable times, the data its kind needs), so that a hand-edited
file gives "event #3: field 'at' is not a time" rather than a Python error deep in the fold.
`verify_chain` is what `soptui verify`, status and the summary report. Pure: no I/O.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence, TypeGuard

from .digest import sha256_hex
from .i18n import t
from .messages import rules as _messages  # noqa: F401

GENESIS = "0" * 64

TIME, NUMBER, TEXT, VERDICT = "time", "number", "text", "verdict"
OPTIONAL_TEXT, OPTIONAL_TABLE, OPTIONAL_TIME = "text?", "table?", "time?"  # may be missing or null
STEP = {"step": NUMBER, "role": OPTIONAL_TEXT, "actor": OPTIONAL_TEXT, "output": OPTIONAL_TEXT,
        "note": OPTIONAL_TEXT, "evidence": OPTIONAL_TABLE}
KINDS: dict[str, dict[str, str]] = {
    "run_started": {"sop_id": TEXT, "sop_text": TEXT, "sop_hash": TEXT, "title": OPTIONAL_TEXT,
                    "operator": OPTIONAL_TEXT, "timezone": OPTIONAL_TEXT},
    "step_started": {"step": NUMBER},
    "step_completed": STEP,
    "decision": {**STEP, "verdict": VERDICT},
    # A correction changes the moment (`at`) and/or recorded fields (`fields`) of an earlier event;
    # `original` keeps what they were. Older corrections carry only `at` and `original_at`.
    "correction": {"target": NUMBER, "at": OPTIONAL_TIME, "original_at": OPTIONAL_TEXT, "reason": OPTIONAL_TEXT,
                   "fields": OPTIONAL_TABLE, "original": OPTIONAL_TABLE, "by": OPTIONAL_TEXT},
    "undo": {"target": NUMBER, "reason": OPTIONAL_TEXT, "by": OPTIONAL_TEXT},
    "run_finished": {},
    "run_cancelled": {"reason": OPTIONAL_TEXT, "by": OPTIONAL_TEXT},
}


def parse_time(value) -> datetime | None:
    """An aware moment from stored ISO 8601 text, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None or moment.utcoffset() is None:
            return None
        moment.astimezone(timezone.utc)  # year 1 or 9999 with an offset cannot be shown in any zone
    except (ValueError, OverflowError):
        return None
    return moment


def _number(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _naive(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _bad(expected: str, present: bool, value) -> str | None:
    """The message key of what is wrong with one field, or None (checked for every event of every
    fold, so the message itself is only made when there is one)."""
    optional = expected in (OPTIONAL_TEXT, OPTIONAL_TABLE, OPTIONAL_TIME)
    if not present or value is None:
        return None if optional else "shape.missing" if not present else _WRONG[expected]
    if expected in (TIME, OPTIONAL_TIME):
        return None if parse_time(value) else "shape.no_offset" if isinstance(value, str) and _naive(value) \
            else "shape.not_time"
    ok = (_number(value) if expected == NUMBER else isinstance(value, str) if expected in (TEXT, OPTIONAL_TEXT)
          else isinstance(value, dict) if expected == OPTIONAL_TABLE else value in ("ya", "tidak"))
    return None if ok else _WRONG[expected]


_WRONG = {TIME: "shape.not_time", OPTIONAL_TIME: "shape.not_time", NUMBER: "shape.not_number", TEXT: "shape.not_text", OPTIONAL_TEXT: "shape.not_text",
          OPTIONAL_TABLE: "shape.not_table", VERDICT: "shape.bad_verdict"}


def event_problem(docs: Sequence[object]) -> str | None:
    """What is wrong with the first malformed event ("event #3: field 'at' is not a time"), or None."""
    seen: set[int] = set()
    first = None
    for i, doc in enumerate(docs, start=1):
        if not isinstance(doc, dict):
            return t("shape.not_event", where=t("shape.event", n=i))
        seq = doc.get("seq")
        if not _number(seq) or seq < 1:
            return t("shape.not_number", where=t("shape.event", n=i), field="seq")
        kind = doc.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            if "kind" not in doc:
                return t("shape.missing", where=t("shape.event", n=seq), field="kind")
            return t("shape.bad_kind", where=t("shape.event", n=seq), kind=str(kind)[:40])
        for field in ("at", "recorded_at"):
            key = _bad(TIME, field in doc, doc.get(field))
            if key:
                return t(key, where=t("shape.event", n=seq), field=field)
        data = doc.get("data")
        if not isinstance(data, dict):
            return t("shape.not_table", where=t("shape.event", n=seq), field="data")
        for field, expected in KINDS[kind].items():
            key = _bad(expected, field in data, data.get(field))
            if key:
                return t(key, where=t("shape.event", n=seq), field=f"data.{field}")
        if kind == "run_started" and seen:
            return t("shape.second_start", where=t("shape.event", n=seq))
        if kind == "undo" or kind == "correction":
            target = data["target"]
            if target not in seen:
                return t("shape.bad_target", where=t("shape.event", n=seq), target=target)
            if kind == "undo" and target == first:
                return t("shape.undo_start", where=t("shape.event", n=seq))
        seen.add(seq)
        if first is None:
            first = seq
    return None


# -- the hash chain and its head ---------------------------------------------------------------

def event_hash(doc: Mapping[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k != "hash"}
    return sha256_hex(json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode())


def verify_chain(docs: Sequence[Mapping[str, Any]], head: dict | None = None, shapes: bool = True) -> str | None:
    """None when the chain, its head and the frozen SOP copy are intact, else what is wrong with
    which event. `head` is the last sequence number and hash as the run file's head table keeps
    them (None for files written before heads were kept: then a removal of the last events cannot
    be seen). `shapes` False: the events' shape was checked already (by the fold)."""
    if not all(isinstance(doc, dict) for doc in docs):
        return event_problem(docs)
    prev_hash = GENESIS
    for i, doc in enumerate(docs, start=1):
        seq = doc.get("seq")
        if seq != i:
            return t("chain.sequence", i=i, seq=seq)
        if doc.get("prev_hash") != prev_hash:
            return t("chain.prev", seq=seq, before=seq - 1)
        if doc.get("hash") != event_hash(doc):
            return t("chain.changed", seq=seq)
        prev_hash = doc["hash"]
    problem = head_problem(docs, head)
    if problem:
        return problem
    if not docs:
        return t("chain.empty")
    problem = event_problem(docs) if shapes else None
    if problem:
        return problem
    first = docs[0]
    if first["kind"] != "run_started":
        return t("chain.not_start")
    if sha256_hex(first["data"]["sop_text"].encode("utf-8")) != first["data"]["sop_hash"]:  # sopfile.content_hash
        return t("chain.sop_copy")
    return None


def head_problem(docs: Sequence[Mapping[str, Any]], head: dict | None) -> str | None:
    """Does the log end where its head says? The head lands in the same write as the events, so
    a difference means events were removed, added or replaced by hand."""
    if head is None:
        return None  # an older file: nothing to compare with
    seq, digest = head.get("seq"), head.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(digest, str):
        return t("chain.head_bad")
    last = docs[-1] if docs else {}
    last_seq = last.get("seq", 0)
    if last_seq < seq:
        return t("chain.head_short", last=last_seq, head=seq)
    if last_seq > seq:
        return t("chain.head_long", last=last_seq, head=seq)
    if last.get("hash") != digest:
        return t("chain.head_hash", seq=seq)
    return None
