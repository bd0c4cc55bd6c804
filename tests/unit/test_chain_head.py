"""The chain's head: the last sequence number and hash, kept in the run file (same write as the
events) and in the index row, so that removing the last events is seen. And index rows that
always describe the record written last, with several writers at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from soptui.calendar import OfficeCalendar
from soptui.errors import RuleError, StoreError
from soptui.integrity import event_hash
from soptui.report import summary_data
from soptui.runs import verify_chain
from soptui.service import RunService, hours_confirmed
from soptui.sopfile import load_file
from soptui.timing import time_run
from tests.conftest import SOPS, WIB

RENJA = SOPS / "karangploso-renja.toml"


@pytest.fixture
def svc(tmp_path, clock):
    return RunService(tmp_path / "data", WIB, clock=clock)


def _run_with_six_events(svc) -> str:
    now = svc.now()
    run = svc.start(load_file(RENJA), title="T", operator="op", at=now - timedelta(hours=2))
    svc.complete(run, 1, at=now - timedelta(minutes=110))
    svc.complete(run, 2, at=now - timedelta(minutes=100))
    svc.undo(run, "wrong")
    svc.complete(run, 2, at=now - timedelta(minutes=90))
    svc.complete(run, 3, at=now - timedelta(minutes=80))
    return run


def _raw(svc, run) -> dict:
    return json.loads(svc.store.run_path(run).read_text())


def _write(svc, run, raw: dict) -> None:
    path = svc.store.run_path(run)
    path.write_text(json.dumps(raw))
    # Later than the last write, whatever the clock's tick (see test_damaged_runs).
    later = time.time_ns() + 10**9
    os.utime(path, ns=(later, later))


def _cut(raw: dict, n: int) -> dict:
    for _ in range(n):
        raw["events"].pop(str(max(map(int, raw["events"]))))
    return raw


def test_every_write_moves_the_head_with_the_events(svc):
    run = _run_with_six_events(svc)
    raw = _raw(svc, run)
    assert raw["head"] == {"1": {"seq": 6, "hash": raw["events"]["6"]["hash"]}}
    row = next(r for r in svc.store.index_rows()[0] if r["id"] == run)
    assert (row["last_seq"], row["last_hash"]) == (6, raw["events"]["6"]["hash"])
    assert svc.verify(run) is None


@pytest.mark.parametrize("removed, last", [(1, 5), (3, 3)])
def test_removing_the_last_events_is_seen_by_verify_status_and_the_summary(svc, removed, last):
    run = _run_with_six_events(svc)
    _write(svc, run, _cut(_raw(svc, run), removed))
    expected = f"the record ends at event #{last} but its head says #6: events were removed"
    assert svc.verify(run) == expected
    state = svc.state(run)  # the shortened record still folds: its steps can be shown
    assert state.integrity_problem() == expected
    data = summary_data(state, time_run(state, OfficeCalendar(), svc.now()))
    assert data["run"]["record_intact"] is False and data["run"]["integrity_problem"] == expected
    rows, problems = svc.index()
    assert problems == [f"{svc.store.run_path(run)}: {expected}"]
    assert rows[0]["damaged"] is True and rows[0]["problem"] == problems[0]


def test_nothing_is_written_over_a_shortened_record(svc):
    run = _run_with_six_events(svc)
    _write(svc, run, _cut(_raw(svc, run), 1))
    before = svc.store.run_path(run).read_bytes()
    with pytest.raises(StoreError, match=r"ends at event #5 but its head says #6; nothing was written"):
        svc.complete(run, 3, at=svc.now())
    assert svc.store.run_path(run).read_bytes() == before


@pytest.mark.parametrize("change, expected", [
    (lambda raw: raw["head"]["1"].update(seq=5), "the record goes on to event #6 but its head says #5"),
    (lambda raw: raw["head"]["1"].update(hash="0" * 64), "event #6 is not the event its head names"),
    (lambda raw: raw["head"].update({"1": 7}), "the record's head is damaged"),
    (lambda raw: raw["head"]["1"].pop("hash"), "the record's head is damaged"),
])
def test_a_head_that_does_not_match_the_events_is_reported(svc, change, expected):
    run = _run_with_six_events(svc)
    raw = _raw(svc, run)
    change(raw)
    _write(svc, run, raw)
    assert expected in svc.verify(run)
    assert expected in svc.state(run).integrity_problem()


def test_a_replaced_last_event_with_its_hash_recomputed_is_seen_by_the_head(svc):
    run = _run_with_six_events(svc)
    raw = _raw(svc, run)
    last = raw["events"]["6"]
    last["data"]["actor"] = "someone else"
    last["hash"] = event_hash(last)
    _write(svc, run, raw)
    assert svc.verify(run) == "event #6 is not the event its head names (hash differs): it was changed or replaced"


def test_a_record_cut_short_with_its_head_rewritten_is_seen_by_the_index(svc):
    run = _run_with_six_events(svc)
    raw = _cut(_raw(svc, run), 2)
    raw["head"]["1"] = {"seq": 4, "hash": raw["events"]["4"]["hash"]}
    _write(svc, run, raw)
    assert svc.verify(run) is None  # the file alone is consistent
    expected = "the record ends at event #4 but the index had recorded up to #6: events were removed"
    for _ in range(2):  # the old row is kept as evidence, so the next listing says it again
        rows, problems = svc.index()
        assert problems == [f"{svc.store.run_path(run)}: {expected}"]
        assert rows[0]["damaged"] is True
    row = next(r for r in svc.store.index_rows()[0] if r["id"] == run)
    assert row["last_seq"] == 6


def test_an_older_file_without_a_head_loads_and_gets_one_on_its_next_write(svc):
    run = _run_with_six_events(svc)
    raw = _raw(svc, run)
    del raw["head"]
    _write(svc, run, _cut(raw, 1))  # without a head, a removal of the last events cannot be seen
    assert svc.verify(run) is None and svc.state(run).integrity_problem() is None
    svc.index()  # the row follows the file as it is now
    svc.complete(run, 3, at=svc.now())
    raw = _raw(svc, run)
    assert raw["head"] == {"1": {"seq": 6, "hash": raw["events"]["6"]["hash"]}}
    assert svc.verify(run) is None


# -- several writers at once --------------------------------------------------------------------

def _writer(data: str, run_ids: list[str], rounds: int, barrier) -> None:
    """One process: completes step 1 and undoes it, alternating between the runs. With an office
    calendar, as the command line has: the index row then takes a few milliseconds to compute."""
    svc = RunService(Path(data), WIB, calendar=OfficeCalendar())
    svc.state(run_ids[0])  # imports done before the start line
    barrier.wait(timeout=60)
    done = 0
    while done < rounds:
        run = run_ids[done % len(run_ids)]
        try:
            if svc.state(run).current == 1:
                # The real clock: any hour of the day (confirmed, as the command line's --yes).
                with hours_confirmed():
                    svc.complete(run, 1, actor="x", at=datetime.now(WIB) - timedelta(minutes=1))
            else:
                svc.undo(run, "loop")
        except RuleError:
            continue  # another process moved the run between the read and the write: read again
        done += 1


def test_after_concurrent_writers_every_index_row_matches_its_run(tmp_path):
    data = tmp_path / "data"
    svc = RunService(data, WIB)
    loaded = load_file(RENJA)
    # Three runs whose rows share one index shard: their writers queue for the shard's lock too.
    by_shard: dict[int, list[str]] = {}
    while not any(len(ids) == 3 for ids in by_shard.values()):
        run = svc.start(loaded, title="T", operator="op", at=datetime.now(WIB) - timedelta(hours=2))
        by_shard.setdefault(svc.store._shard(run), []).append(run)
    run_ids = next(ids for ids in by_shard.values() if len(ids) == 3)
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each, as separate commands are
    barrier = ctx.Barrier(6)  # all start together, and so finish close together
    procs = [ctx.Process(target=_writer, args=(str(data), run_ids, 8, barrier)) for _ in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * 6
    rows, problems = svc.store.index_rows()  # as written: no index() repair
    assert problems == []
    by_id = {r["id"]: r for r in rows}
    total = 0
    for run in run_ids:
        events = svc.events(run)
        total += len(events) - 1
        state = svc.state(run)
        row = by_id[run]
        assert verify_chain(events, state.head) is None
        assert (row["last_seq"], row["last_hash"]) == (events[-1]["seq"], events[-1]["hash"])
        assert (row["status"], row["done"], row["current_step"]) == (state.status, state.done_count, state.current)
        assert row["mtime_ns"] == svc.store.modified_ns(run)  # so the lists take it for fresh
    assert total == 6 * 8
