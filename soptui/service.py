"""Recording runs: the one path from an action (CLI or TUI) through the rules to the store.

Each action reads the run's log under its lock, lets runs.py build and check the new events, and
appends them in one atomic write. The index row is refreshed afterwards; it is a cache, so a crash
between the two is repaired by `index()` from the run files.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import runs
from .errors import RuleError, StoreError
from .i18n import t
from .runs import RunState
from .sopfile import Loaded
from .store import Store


def system_now(tz: ZoneInfo) -> datetime:
    """The clock. SOPTUI_NOW (ISO 8601) fixes it, for demos and tests of the command line."""
    fixed = os.environ.get("SOPTUI_NOW")
    if fixed:
        value = datetime.fromisoformat(fixed)
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.now(tz)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%d}-{os.urandom(3).hex()}"  # what secrets.token_hex does, without its imports


# Written as a path, not as a reference: letter numbers (005/123/421.628/2026) never start so.
PATH_STARTS = ("/", "~", "./", "../", ".\\", "..\\")


def evidence_of(value: str, base: Path | None = None) -> dict | None:
    """A file path becomes {path, sha256}; anything else is kept as a reference (letter number...).

    Something written as a path that is not a readable file is refused (RuleError): kept as a
    reference it would look like evidence that was never checked."""
    value = (value or "").strip()
    if not value:
        return None
    path = Path(os.path.expanduser(value))
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.is_file():
        import hashlib  # loaded when first needed

        digest = hashlib.sha256()
        try:
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as exc:
            raise RuleError(t("rule.evidence_unreadable", path=value, reason=exc.strerror or exc)) from None
        return {"kind": "file", "path": str(path.resolve()), "sha256": digest.hexdigest()}
    if value.startswith(PATH_STARTS) or (len(value) > 2 and value[1] == ":" and value[2] in "\\/"):
        raise RuleError(t("rule.evidence_folder" if path.is_dir() else "rule.evidence_missing", path=value))
    return {"kind": "ref", "ref": value}


def index_row(state: RunState) -> dict:
    attempt = state.current_attempt
    step = state.sop.step(state.current) if state.current is not None else None
    return {
        "id": state.id, "sop_id": state.sop.id, "sop_nomor": state.sop.identity.nomor,
        "sop_nama": state.sop.identity.nama, "title": state.title, "status": state.status,
        "operator": state.operator, "started_at": state.started_at.isoformat(),
        "updated_at": state.last_activity.isoformat(), "last_seq": state.events[-1]["seq"],
        "done": state.done_count, "total": len(state.sop.steps),
        "current_step": state.current, "current_kegiatan": step.kegiatan if step else "",
        "current_ready_at": attempt.ready_at.isoformat() if attempt else None,
        "rework_loops": state.rework_loops,
    }


class RunService:
    def __init__(self, data_dir: Path, tz: ZoneInfo, clock=None, calendar=None):
        self.store = Store(data_dir)
        self.tz = tz
        self._clock = clock or (lambda: system_now(tz))
        # With an office calendar, index rows also carry lateness (for the run list).
        self.calendar = calendar

    def now(self) -> datetime:
        return self._clock()

    # -- reading -------------------------------------------------------------------------

    def resolve(self, key: str) -> str:
        """A run id from its full id or a unique prefix."""
        try:
            if self.store.run_path(key).is_file():  # a full id: no need to list every run
                return key
        except StoreError:
            pass  # not a valid id; the messages below say so
        ids = self.store.run_ids()
        hits = [i for i in ids if i.startswith(key)] if key else []
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise RuleError(t("rule.ambiguous_run", key=key, ids=", ".join(hits[:5])))
        raise RuleError(t("rule.no_run", key=key, folder=self.store.runs_dir))

    def state(self, run_id: str) -> RunState:
        return runs.fold(self.store.read_events(run_id), run_id)

    def events(self, run_id: str) -> list[dict]:
        return self.store.read_events(run_id)

    def verify(self, run_id: str) -> str | None:
        return runs.verify_chain(self.store.read_events(run_id))

    def index(self) -> tuple[list[dict], list[str]]:
        """Index rows, newest first, repaired from the run files where missing or stale."""
        rows, problems = self.store.index_rows()
        by_id = {r.get("id"): r for r in rows}
        for run_id in self.store.run_ids():
            row = by_id.get(run_id)
            if row is None or row.get("mtime_ns") != self.store.modified_ns(run_id):
                try:
                    fresh = self.row(self.state(run_id))
                except (StoreError, RuleError) as exc:
                    problems.append(str(exc))
                    continue
                by_id[run_id] = fresh
                try:
                    self.store.put_index_row(fresh)
                except StoreError as exc:
                    problems.append(str(exc))
        known = set(self.store.run_ids())
        out = [r for r in by_id.values() if r.get("id") in known]
        out.sort(key=lambda r: r.get("updated_at", ""), reverse=True)
        return out, problems

    # -- writing -------------------------------------------------------------------------

    def start(self, loaded: Loaded, *, title: str, operator: str, at: datetime | None = None) -> str:
        now = self.now()
        docs = runs.start_run(loaded.sop.id, loaded.text, title=title.strip(), operator=operator.strip(),
                              timezone=str(self.tz), at=at or now, now=now)
        run_id = new_run_id(now)
        while self.store.exists(run_id):
            run_id = new_run_id(now)
        self.store.create_run(run_id, docs)
        self._reindex(runs.fold(docs, run_id, loaded.sop))
        return run_id

    def _apply(self, run_id: str, build) -> RunState:
        with self.store.transaction(run_id) as tx:
            new = build(tx.events, self.now())
            tx.append(new)
            docs = list(tx.events)
        state = runs.fold(docs, run_id)
        self._reindex(state)
        return state

    def row(self, state: RunState) -> dict:
        row = {**index_row(state), "mtime_ns": self.store.modified_ns(state.id)}
        if self.calendar is not None:
            from .timing import time_run
            timing = time_run(state, self.calendar, self.now())
            row["late_done"] = sum(1 for s in timing.steps for a in s.attempts if a.late and not a.in_progress)
            current = next((s.last for s in timing.steps if s.no == state.current), None)
            row["current_due_at"] = current.due_at.isoformat() if current and current.due_at else None
        return row

    def _reindex(self, state: RunState) -> None:
        try:
            self.store.put_index_row(self.row(state))
        except StoreError:
            pass  # the event is safely recorded; index() rebuilds the row from the run file

    def start_step(self, run_id: str, no: int, at: datetime | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.start_step(docs, run_id, no, at=at or now, now=now))

    def complete(self, run_id: str, no: int, *, at: datetime | None = None, actor: str = "",
                 output: str = "", evidence: dict | None = None, note: str = "",
                 verdict: str | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.complete_step(
            docs, run_id, no, at=at or now, now=now, actor=actor, output=output, evidence=evidence,
            note=note, verdict=verdict))

    def undo(self, run_id: str, reason: str) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.undo_last(docs, run_id, reason=reason, now=now))

    def correct(self, run_id: str, seq: int, at: datetime, reason: str) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.correct_time(docs, run_id, seq, at=at,
                                                                       reason=reason, now=now))

    def cancel(self, run_id: str, reason: str, at: datetime | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.cancel_run(docs, run_id, reason=reason, now=now,
                                                                     at=at))
