"""Recording runs: the one path from an action (CLI or TUI) through the rules to the store.

Each action reads the run's log under its lock, lets runs.py build and check the new events, and
appends them in one atomic write. The index row is written next, still under the run's lock (then
the shard's lock: always that order), so the row written last describes the record written last.
The index is a cache: a crash between the two, or a row that is malformed, is repaired by
`index()` from the run files, and a row never replaces one that describes a longer record.
"""

from __future__ import annotations

from typing import TypeGuard

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import amend, runs
from .errors import RuleError, SoptuiError, StoreError
from .i18n import t
from .integrity import parse_time
from .runs import RunState
from .sopfile import Loaded
from .store import Store


def system_now(tz: ZoneInfo) -> datetime:
    """The real clock. (The command line may fix it with SOPTUI_NOW; see cli.context.clock.)"""
    return datetime.now(tz)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%d}-{os.urandom(3).hex()}"  # what secrets.token_hex does, without its imports


def index_row(state: RunState) -> dict:
    attempt = state.current_attempt
    step = state.sop.step(state.current) if state.current is not None else None
    return {
        "v": ROW_VERSION, "id": state.id, "sop_id": state.sop.id, "sop_nomor": state.sop.identity.nomor,
        "sop_nama": state.sop.identity.nama, "title": state.title, "status": state.status,
        "operator": state.operator, "started_at": state.started_at.isoformat(),
        "updated_at": state.last_activity.isoformat(), "last_seq": state.events[-1]["seq"],
        # The chain's head, kept here too: a record cut short together with its own head still
        # ends before the index says it did.
        "last_hash": state.events[-1].get("hash"),
        "done": state.done_count, "total": len(state.sop.steps),
        "current_step": state.current, "current_kegiatan": step.kegiatan if step else "",
        "current_ready_at": attempt.ready_at.isoformat() if attempt else None,
        "rework_loops": state.rework_loops,
    }


STATUSES = ("in_progress", "finished", "cancelled")
# The index row's shape. A row of another version (an older soptui's) is not trusted but rebuilt
# from its run file: the index is a cache, so nothing is lost. 2: every row has late_done and
# current_due_at (None when measured without an office calendar).
ROW_VERSION = 2


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def usable_row(row: object) -> TypeGuard[dict]:
    """Can the run lists show this index row as it is? (Rows are a cache that anyone can edit;
    one that is not is ignored and rebuilt from the run file.)"""
    if not isinstance(row, dict) or not isinstance(row.get("id"), str) or row.get("status") not in STATUSES:
        return False
    if row.get("v") != ROW_VERSION:  # another shape (an older soptui): rebuilt from the run file
        return False
    if not all(isinstance(row.get(k), str) for k in ("sop_id", "sop_nama", "title", "current_kegiatan",
                                                       "started_at")):
        return False
    if not all(_whole(row.get(k)) for k in ("last_seq", "done", "total", "mtime_ns")):
        return False
    if not all(row.get(k) is None or _whole(row[k]) for k in ("current_step", "late_done")):
        return False
    if not isinstance(row.get("last_hash", ""), str) or not isinstance(row.get("damaged", False), bool):
        return False
    # The times the lists read (the others are shown as they are, in --json).
    return parse_time(row.get("updated_at")) is not None and \
        (row.get("current_due_at") is None or parse_time(row["current_due_at"]) is not None)


def index_problem(old: dict | None, events: list[dict]) -> str | None:
    """Does the record end before the index row last written for it? Only hand edits shorten a
    record; the index keeps its last sequence number and hash for this comparison."""
    if not usable_row(old) or not events:
        return None
    last = events[-1]
    if last["seq"] < old["last_seq"]:
        return t("chain.index_short", last=last["seq"], indexed=old["last_seq"])
    if last["seq"] == old["last_seq"] and old.get("last_hash") and last.get("hash") != old["last_hash"]:
        return t("chain.index_hash", seq=last["seq"])
    return None


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
        events, head = self.store.read_run(run_id)
        return runs.fold(events, run_id, head=head)

    def events(self, run_id: str) -> list[dict]:
        return self.store.read_events(run_id)

    def verify(self, run_id: str) -> str | None:
        return runs.verify_chain(*self.store.read_run(run_id))

    def index(self, progress=None) -> tuple[list[dict], list[str]]:
        """Index rows, newest first, repaired from the run files where missing, malformed or
        stale. A damaged run keeps a row: "damaged" True and "problem" saying why (and one line
        in the problems), so the lists show it as damaged; every other run stays usable.
        Temporary files left by writers that died are removed on the way.

        The runs whose rows must be rebuilt are known first; `progress(done, total)` is called
        before the first is rebuilt (done 0) and as each is (not at all when none is). The rebuilt
        rows are written together at the end, one write per shard; if `progress` raises, the rows
        rebuilt so far are written and the exception goes on."""
        rows, problems = self.store.index_rows()
        by_id = {r["id"]: r for r in rows if usable_row(r)}  # a malformed row is as good as none
        ids, leftovers = self.store.scan_runs()
        if leftovers:
            self.store.remove_leftovers(leftovers, self.store.runs_dir)
        leftovers = self.store.index_leftovers()
        if leftovers:
            self.store.remove_leftovers(leftovers, self.store.index_dir)
        out: dict[str, dict] = {}
        todo: list[tuple[str, int]] = []
        for run_id in ids:
            row, mtime = by_id.get(run_id), self.store.modified_ns(run_id)
            # A damaged run is read again each time: its reason in today's language, and a repair seen.
            if row is None or row.get("damaged") or row["mtime_ns"] != mtime:
                todo.append((run_id, mtime))
            if row is not None:
                out[run_id] = row
        pending: list[tuple[dict, dict | None]] = []
        try:
            if todo and progress is not None:
                progress(0, len(todo))
            for done, (run_id, mtime) in enumerate(todo, 1):
                out[run_id] = self._checked_row(run_id, by_id.get(run_id), mtime, problems, pending)
                if progress is not None:
                    progress(done, len(todo))
        finally:
            self._save_rows(pending, problems)
        listed = list(out.values())
        listed.sort(key=lambda r: r.get("updated_at") or "", reverse=True)
        return listed, problems

    def _checked_row(self, run_id: str, old: dict | None, mtime: int, problems: list[str],
                     pending: list) -> dict:
        """The row of one run, read and folded. `mtime`: the file's, taken before reading it (a
        write meanwhile leaves the row stale, never fresh). A row to be written goes to `pending`."""
        try:
            events, head = self.store.read_run(run_id)
            state = runs.fold(events, run_id, head=head)
            row, problem = self._row(state, mtime)
        except SoptuiError as exc:
            problems.append(str(exc))
            return self._damaged_row(run_id, old, str(exc), mtime)
        problem = problem or index_problem(old, events)
        if problem:
            problem = f"{self.store.run_path(run_id)}: {problem}"
            problems.append(problem)
            row["damaged"] = True
        if row != old:  # a damaged run is checked at every listing; its row is written once
            pending.append((row, old))
        return {**row, "problem": problem} if problem else row

    def _save_rows(self, pending: list[tuple[dict, dict | None]], problems: list[str]) -> None:
        """Write rebuilt rows, each unless the one there describes a longer record: it stays as
        evidence (the old row kept when the file was cut short is what says so next time)."""
        if not pending:
            return
        try:
            self.store.put_index_rows([row for row, _ in pending], keep=lambda old, new: usable_row(old) and
                                      old["last_seq"] > new["last_seq"])
        except StoreError as exc:
            problems.append(str(exc))

    def _damaged_row(self, run_id: str, old: dict | None, problem: str, mtime: int) -> dict:
        """What the lists show for a run that cannot be read or folded: what the index last knew
        of it (title, SOP), and why. Nothing is written: the old row stays for when it is repaired."""
        known = {k: old[k] for k in ("title", "sop_id", "sop_nomor", "sop_nama", "operator", "started_at",
                                     "updated_at") if k in old} if usable_row(old) else {}
        if "updated_at" not in known and mtime:
            known["updated_at"] = datetime.fromtimestamp(mtime / 1e9, self.tz).isoformat()
        return {"id": run_id, "title": "", "sop_id": "", "sop_nama": "", **known, "status": "damaged",
                "damaged": True, "problem": problem}

    # -- writing -------------------------------------------------------------------------

    def start(self, loaded: Loaded, *, title: str, operator: str, at: datetime | None = None) -> str:
        now = self.now()
        docs = runs.start_run(loaded.sop.id, loaded.text, title=title.strip(), operator=operator.strip(),
                              timezone=str(self.tz), at=at or now, now=now)
        run_id = new_run_id(now)
        while self.store.exists(run_id):
            run_id = new_run_id(now)
        state = runs.fold(docs, run_id, loaded.sop, head={"seq": docs[-1]["seq"], "hash": docs[-1]["hash"]},
                          checked=True)
        self.store.create_run(run_id, docs, then=lambda: self._reindex(state))
        return run_id

    def _apply(self, run_id: str, build) -> RunState:
        with self.store.transaction(run_id) as tx:
            new = build(tx.events, self.now())
            tx.append(new)
            # The log was folded (and checked) by the rules just now; the new events are theirs.
            state = runs.fold(list(tx.events), run_id, head=tx.head, checked=True)
            # Still under the run's lock: no other writer's row can land after this one.
            self._reindex(state)
        return state

    def row(self, state: RunState, mtime_ns: int | None = None) -> dict:
        """The run's index row. `mtime_ns`: the run file's, taken before it was read (default: now)."""
        return self._row(state, mtime_ns)[0]

    def _row(self, state: RunState, mtime_ns: int | None) -> tuple[dict, str | None]:
        problem = state.integrity_problem()
        row = {**index_row(state), "damaged": problem is not None,
               "mtime_ns": self.store.modified_ns(state.id) if mtime_ns is None else mtime_ns,
               "late_done": None, "current_due_at": None}  # one shape, measured or not
        if self.calendar is not None:
            from .timing import time_run
            timing = time_run(state, self.calendar, self.now())
            row["late_done"] = sum(1 for s in timing.steps for a in s.attempts if a.late and not a.in_progress)
            current = next((s.last for s in timing.steps if s.no == state.current), None)
            row["current_due_at"] = current.due_at.isoformat() if current and current.due_at else None
        return row, problem

    def save_row(self, row: dict) -> bool:
        """Write an index row unless the one there describes a longer record (a later write, or
        events that were removed since). Returns whether it was written."""
        return self.store.put_index_row(row, keep=lambda old: usable_row(old) and old["last_seq"] > row["last_seq"])

    def refresh_row(self, run_id: str) -> dict:
        """Read and fold one run and save its row (the home screen's lateness, measured later)."""
        mtime = self.store.modified_ns(run_id)
        row = self.row(self.state(run_id), mtime)
        self.save_row(row)
        return row

    def _reindex(self, state: RunState) -> None:
        try:
            self.save_row(self.row(state))
            self._keep_figs(state)
        except StoreError:
            pass  # the event is safely recorded; index() rebuilds the row from the run file

    def _keep_figs(self, state: RunState) -> None:
        """The run's step figures for the statistics (soptui.stats), kept as its record changes."""
        if self.calendar is not None:
            from .stats.runfigs import run_figs
            self.store.put_stepfigs(state.id, run_figs(state, self.calendar, mtime_ns=self.store.modified_ns(state.id)))

    def start_step(self, run_id: str, no: int, at: datetime | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.start_step(docs, run_id, no, at=at or now, now=now))

    def complete(self, run_id: str, no: int, *, at: datetime | None = None, actor: str = "",
                 output: str = "", evidence: dict | None = None, note: str = "",
                 verdict: str | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.complete_step(
            docs, run_id, no, at=at or now, now=now, actor=actor, output=output, evidence=evidence,
            note=note, verdict=verdict))

    def undo(self, run_id: str, reason: str, by: str = "") -> RunState:
        return self._apply(run_id, lambda docs, now: amend.undo_last(docs, run_id, reason=reason, now=now, by=by))

    def reopen(self, run_id: str, reason: str, by: str = "") -> RunState:
        return self._apply(run_id, lambda docs, now: amend.reopen(docs, run_id, reason=reason, now=now, by=by))

    def correct(self, run_id: str, seq: int, at: datetime | None = None, reason: str = "", *, by: str = "",
                **fields) -> RunState:
        """Correct event `seq`: its moment (`at`) and/or `actor`, `output`, `evidence`, `note`."""
        return self._apply(run_id, lambda docs, now: amend.correct(docs, run_id, seq, at=at, reason=reason,
                                                                   now=now, by=by, **fields))

    def cancel(self, run_id: str, reason: str, at: datetime | None = None, by: str = "") -> RunState:
        return self._apply(run_id, lambda docs, now: amend.cancel_run(docs, run_id, reason=reason, now=now,
                                                                      at=at, by=by))
