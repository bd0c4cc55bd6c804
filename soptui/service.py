"""Recording runs: the one path from an action (CLI or TUI) through the rules to the store.

Each action reads the run's log under its lock, lets runs.py build and check the new events, and
appends them in one atomic write. The index row is written next, still under the run's lock (then
the shard's lock: always that order), so the row written last describes the record written last.
The index is a cache: a crash between the two, or a row that is malformed, is repaired by
`index()` from the run files, and a row never replaces one that describes a longer record.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import actions, amend, runs
from .errors import OffHoursError, RuleError, SoptuiError, StoreError
from .i18n import t
from .messages import workday as _workday_messages  # noqa: F401  (offhours.*)
from .runrow import RunRow, build_row, damaged_row, usable_row
from .runs import RunState
from .sopfile import Loaded
from .store import Store


# Set by `hours_confirmed` around one action: a confirmation reaches the service without every
# caller passing it on. Per context (thread, task), so it never leaks elsewhere.
_hours_confirmed: ContextVar[bool] = ContextVar("soptui_hours_confirmed", default=False)


@contextmanager
def hours_confirmed(confirmed: bool = True):
    """Within this block, moments outside office hours are taken as confirmed (the interactive
    view's "record it anyway"; the command line's --yes). The one way a confirmation is given."""
    token = _hours_confirmed.set(confirmed)
    try:
        yield
    finally:
        _hours_confirmed.reset(token)


def system_now(tz: ZoneInfo) -> datetime:
    """The real clock. (The command line may fix it with SOPTUI_NOW; see cli.context.clock.)"""
    return datetime.now(tz)


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%d}-{os.urandom(3).hex()}"  # what secrets.token_hex does, without its imports


def index_problem(old: object, events: list[dict]) -> str | None:
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

    def off_hours_warning(self, at: datetime | None) -> str | None:
        """What to say before recording `at` when it is outside office hours (actions.off_hours);
        None when it is inside them, when it is the clock's own now (not typed), or without a
        calendar."""
        if at is None or self.calendar is None or not actions.off_hours(self.calendar, at):
            return None
        from .timeinput import format_time
        spans = self.calendar.intervals_on(at.astimezone(self.calendar.tz).date())
        day = t("offhours.hours", open=f"{spans[0][0]:%H.%M}", close=f"{spans[-1][1]:%H.%M}") if spans \
            else t("offhours.day_off")
        return t("offhours.warning", at=format_time(at, self.tz), day=day)

    def _check_hours(self, at: datetime | None) -> None:
        """Refuse a moment outside office hours that was not confirmed (hours_confirmed): nothing
        is recorded."""
        warning = None if _hours_confirmed.get() else self.off_hours_warning(at)
        if warning:
            raise OffHoursError(warning)

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

    def index(self, progress=None) -> tuple[list[RunRow], list[str]]:
        """Index rows, newest first, repaired from the run files where missing, malformed or
        stale. A damaged run keeps a row: "damaged" True and "problem" saying why (and one line
        in the problems), so the lists show it as damaged; every other run stays usable.
        Temporary files left by writers that died are removed on the way.

        The runs whose rows must be rebuilt are known first; `progress(done, total)` is called
        before the first is rebuilt (done 0) and as each is (not at all when none is). The rebuilt
        rows are written together at the end, one write per shard; if `progress` raises, the rows
        rebuilt so far are written and the exception goes on.

        A damaged shard (the index is a cache) is written anew from the run files: its runs have
        no rows, so all are rebuilt, and one line says so. Each problem is said once."""
        damaged: dict[int, str] = {}
        rows, problems = self.store.index_rows(damaged)
        by_id: dict[str, RunRow] = {r["id"]: r for r in rows if usable_row(r)}  # a malformed row is as good as none
        times, leftovers = self.store.scan_run_times()
        if leftovers:
            self.store.remove_leftovers(leftovers, self.store.runs_dir)
        leftovers = self.store.index_leftovers()
        if leftovers:
            self.store.remove_leftovers(leftovers, self.store.index_dir)
        out: dict[str, RunRow] = {}
        todo: list[tuple[str, int]] = []
        for run_id, mtime in times.items():
            row = by_id.get(run_id)
            # A damaged run is read again each time: its reason in today's language, and a repair seen.
            if row is None or row.get("damaged") or row["mtime_ns"] != mtime:
                todo.append((run_id, mtime))
            if row is not None:
                out[run_id] = row
        pending: list[tuple[RunRow, RunRow | None]] = []
        try:
            if todo and progress is not None:
                progress(0, len(todo))
            for done, (run_id, mtime) in enumerate(todo, 1):
                out[run_id] = self._checked_row(run_id, by_id.get(run_id), mtime, problems, pending)
                if progress is not None:
                    progress(done, len(todo))
        finally:
            self._save_rows(pending, problems, damaged)
        listed = list(out.values())
        listed.sort(key=lambda r: r.get("updated_at") or "", reverse=True)  # stable: ties by id, as hot_index
        return listed, list(dict.fromkeys(problems))

    def _checked_row(self, run_id: str, old: RunRow | None, mtime: int, problems: list[str],
                     pending: list) -> RunRow:
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
        if problem:
            shown = row.copy()
            shown["problem"] = problem
            return shown
        return row

    def _save_rows(self, pending: list[tuple[RunRow, RunRow | None]], problems: list[str],
                   damaged: dict[int, str]) -> None:
        """Write rebuilt rows, each unless the one there describes a longer record: it stays as
        evidence (the old row kept when the file was cut short is what says so next time). The
        `damaged` shards are written anew (with no rows if none of their runs is left)."""
        if not pending and not damaged:
            return
        try:
            self.store.put_index_rows([dict(row) for row, _ in pending], keep=lambda old, new: usable_row(old) and
                                      old["last_seq"] > new["last_seq"], rebuild=sorted(damaged))
        except StoreError as exc:
            problems.append(str(exc))
        for shard, problem in damaged.items():  # rebuilt, or still damaged (its write failed: said above)
            rebuilt = self.store.shard_readable(shard)
            problems.append(t("store.index_rebuilt", path=self.store.shard_path(shard)) if rebuilt else problem)

    def _damaged_row(self, run_id: str, old: RunRow | None, problem: str, mtime: int) -> RunRow:
        """What the lists show for a run that cannot be read or folded: what the index last knew
        of it (title, SOP), and why. Nothing is written: the old row stays for when it is repaired."""
        known = {k: old[k] for k in ("title", "sop_id", "sop_nomor", "sop_nama", "sop_unit", "operator",  # type: ignore[literal-required]
                                     "started_at", "updated_at")} if old is not None else {}
        updated = datetime.fromtimestamp(mtime / 1e9, self.tz).isoformat() if mtime else ""
        return damaged_row(run_id, problem, known, updated)

    # -- writing -------------------------------------------------------------------------

    def start(self, loaded: Loaded, *, title: str, operator: str, at: datetime | None = None) -> str:
        now = self.now()
        docs = runs.start_run(loaded.sop.id, loaded.text, title=title.strip(), operator=operator.strip(),
                              timezone=str(self.tz), at=at or now, now=now)
        self._check_hours(at)
        started = (at or now).astimezone(self.tz)  # a run entered later is named by its own day
        run_id = new_run_id(started)
        while self.store.exists(run_id):
            run_id = new_run_id(started)
        state = runs.fold(docs, run_id, loaded.sop, head={"seq": docs[-1]["seq"], "hash": docs[-1]["hash"]},
                          checked=True)
        self.store.create_run(run_id, docs, then=lambda: self._reindex(state))
        if operator.strip():
            self.remember_operator(operator.strip())
        return run_id

    def remember_operator(self, name: str) -> None:
        """The new-run dialog offers the last operator next time (kept in the data folder)."""
        try:
            self.store.write_prefs(last_operator=name)
        except OSError:
            pass  # a convenience: the run itself is recorded

    def last_operator(self) -> str:
        name = self.store.read_prefs().get("last_operator")
        return name if isinstance(name, str) else ""

    def _apply(self, run_id: str, build, at: datetime | None = None) -> RunState:
        """Record what `build` makes of the log; a moment `at` outside office hours only once
        confirmed (checked after the rules, so that a time refused anyway is not confirmed first)."""
        with self.store.transaction(run_id) as tx:
            new = build(tx.events, self.now())
            self._check_hours(at)
            tx.append(new)
            # The log was folded (and checked) by the rules just now; the new events are theirs.
            state = runs.fold(list(tx.events), run_id, head=tx.head, checked=True)
            # Still under the run's lock: no other writer's row can land after this one.
            self._reindex(state)
        return state

    def row(self, state: RunState, mtime_ns: int | None = None) -> RunRow:
        """The run's index row. `mtime_ns`: the run file's, taken before it was read (default: now)."""
        return self._row(state, mtime_ns)[0]

    def _row(self, state: RunState, mtime_ns: int | None, timing=None) -> tuple[RunRow, str | None]:
        problem = state.integrity_problem()
        timing = timing or self._timing(state)
        mtime = self.store.modified_ns(state.id) if mtime_ns is None else mtime_ns
        return build_row(state, damaged=problem is not None, mtime_ns=mtime, timing=timing), problem

    def _timing(self, state: RunState):
        """The run timed now on the office calendar (None without one): rows carry lateness and due
        moments, the kept step figures their attempts' times."""
        if self.calendar is None:
            return None
        from .timing import time_run
        return time_run(state, self.calendar, self.now())

    def save_row(self, row: RunRow) -> bool:
        """Write an index row unless the one there describes a longer record (a later write, or
        events that were removed since). Returns whether it was written."""
        return self.store.put_index_row(dict(row), keep=lambda old: usable_row(old) and
                                        old["last_seq"] > row["last_seq"])

    def refresh_row(self, run_id: str) -> RunRow:
        """Read and fold one run and save its row (the home screen's lateness, measured later)."""
        mtime = self.store.modified_ns(run_id)
        row = self.row(self.state(run_id), mtime)
        self.save_row(row)
        return row

    def _reindex(self, state: RunState) -> None:
        # One timing and one look at the file serve the index row and the kept step figures.
        timing, mtime = self._timing(state), self.store.modified_ns(state.id)
        try:
            self.save_row(self._row(state, mtime, timing)[0])
            if timing is not None:  # the run's step figures for the statistics (soptui.stats)
                from .stats.runfigs import run_figs
                self.store.put_stepfigs(state.id, run_figs(state, self.calendar, mtime_ns=mtime, timing=timing))
        except StoreError:
            pass  # the event is safely recorded; index() rebuilds the row from the run file

    def start_step(self, run_id: str, no: int, at: datetime | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.start_step(docs, run_id, no, at=at or now, now=now), at)

    def complete(self, run_id: str, no: int, *, at: datetime | None = None, actor: str = "",
                 output: str = "", evidence: dict | None = None, note: str = "",
                 verdict: str | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: runs.complete_step(
            docs, run_id, no, at=at or now, now=now, actor=actor, output=output, evidence=evidence,
            note=note, verdict=verdict), at)

    def undo(self, run_id: str, reason: str, by: str = "", expected: int | None = None) -> RunState:
        """Undo the latest act; `expected`: the event the person was shown (amend.undo_last)."""
        return self._apply(run_id, lambda docs, now: amend.undo_last(docs, run_id, reason=reason, now=now, by=by,
                                                                     expected=expected))

    def reopen(self, run_id: str, reason: str, by: str = "", expected: int | None = None) -> RunState:
        return self._apply(run_id, lambda docs, now: amend.reopen(docs, run_id, reason=reason, now=now, by=by,
                                                                  expected=expected))

    def correct(self, run_id: str, seq: int, at: datetime | None = None, reason: str = "", *, by: str = "",
                **fields) -> RunState:
        """Correct event `seq`: its moment (`at`) and/or `actor`, `output`, `evidence`, `note`."""
        return self._apply(run_id, lambda docs, now: amend.correct(docs, run_id, seq, at=at, reason=reason,
                                                                   now=now, by=by, **fields), at)

    def cancel(self, run_id: str, reason: str, at: datetime | None = None, by: str = "") -> RunState:
        return self._apply(run_id, lambda docs, now: amend.cancel_run(docs, run_id, reason=reason, now=now,
                                                                      at=at, by=by), at)
