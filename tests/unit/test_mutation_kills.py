"""Tests written against mutants that survived the rest of the suite (docs/testing.md lists
them): whole rule messages, the exact form the event hash covers, the fold's defaults, the
store's refusals. Each asserts behaviour a person or a stored file depends on.

SOP: test_timing's REWORK_SOP (1: 10 menit, 2: 30 menit, 3: decision "tidak" -> 2, 4: blank),
run r1 started Mon 23 Nov 2026 08:00 WIB; `now` is 10:00 WIB unless a test says otherwise.
"""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from soptui import amend, runs
from soptui.errors import RuleError, StoreError
from soptui.service import RunService
from soptui.sopfile import parse_text
from soptui.store import AtomicJSONStorage, Store
from tests.conftest import Clock
from tests.unit.test_timing import REWORK_SOP, WIB, WITA, at

NOW = at("2026-11-23T10:00")
RUN = "r1"


def started(at_="2026-11-23T08:00", now=NOW):
    return runs.start_run("contoh", REWORK_SOP, title="T", operator="op", timezone="Asia/Jakarta",
                          at=at(at_), now=now)


def complete(docs, no, when, now=NOW, **kw):
    return docs + runs.complete_step(docs, RUN, no, at=at(when), now=now, **kw)


def refused(action) -> str:
    with pytest.raises(RuleError) as info:
        action()
    return str(info.value)


# -- whole rule messages ----------------------------------------------------------------------

def test_time_rule_messages_name_the_step_the_time_and_the_bound():
    docs = started()
    assert refused(lambda: runs.start_run("contoh", REWORK_SOP, title="T", operator="", timezone="Asia/Jakarta",
                                          at=at("2026-11-23T11:00"), now=NOW)) == (
        "run start time 2026-11-23 11:00 is later than now (2026-11-23 10:00)")
    assert refused(lambda: runs.complete_step(docs, RUN, 1, at=at("2026-11-23T07:00"), now=NOW)) == (
        "step 1: completion time 2026-11-23 07:00 is before the step became ready (2026-11-23 08:00)")
    assert refused(lambda: runs.start_step(docs, RUN, 1, at=at("2026-11-23T07:00"), now=NOW)) == (
        "step 1: start time 2026-11-23 07:00 is before the step became ready (2026-11-23 08:00)")
    assert refused(lambda: runs.complete_step(docs, RUN, 1, at=at("2026-11-23T11:00"), now=NOW)) == (
        "step 1: completion time 2026-11-23 11:00 is later than now (2026-11-23 10:00)")
    assert refused(lambda: runs.start_step(docs, RUN, 1, at=at("2026-11-23T11:00"), now=NOW)) == (
        "step 1: start time 2026-11-23 11:00 is later than now (2026-11-23 10:00)")
    begun = docs + runs.start_step(docs, RUN, 1, at=at("2026-11-23T08:10"), now=NOW)
    assert refused(lambda: runs.complete_step(begun, RUN, 1, at=at("2026-11-23T08:05"), now=NOW)) == (
        "step 1: completion time 2026-11-23 08:05 is before its start (2026-11-23 08:10)")
    assert refused(lambda: runs.start_step(begun, RUN, 1, at=at("2026-11-23T08:20"), now=NOW)) == (
        "step 1 was already started at 2026-11-23 08:10")
    # A rework attempt is named as such: step 2, attempt 2 became ready at the "tidak" (08:55).
    rework = complete(complete(complete(docs, 1, "2026-11-23T08:05"), 2, "2026-11-23T08:50"), 3,
                      "2026-11-23T08:55", verdict="tidak")
    assert refused(lambda: runs.complete_step(rework, RUN, 2, at=at("2026-11-23T08:54"), now=NOW)) == (
        "step 2 (attempt 2): completion time 2026-11-23 08:54 is before the step became ready (2026-11-23 08:55)")


def test_times_in_messages_are_shown_in_the_office_zone_of_now():
    # Now is 11:00 WITA (= 10:00 WIB); a completion typed as 07:00 WIB shows as 08:00 WITA.
    now = at("2026-11-23T11:00", WITA)
    docs = started(now=now)
    assert refused(lambda: runs.complete_step(docs, RUN, 1, at=at("2026-11-23T07:00"), now=now)) == (
        "step 1: completion time 2026-11-23 08:00 is before the step became ready (2026-11-23 09:00)")


def test_step_and_verdict_rule_messages():
    docs = started()
    assert refused(lambda: runs.complete_step(docs, RUN, 3, at=NOW, now=NOW)) == (
        "step 3 is not ready; the current step is 1")
    assert refused(lambda: runs.complete_step(docs, RUN, 99, at=NOW, now=NOW)) == (
        "run r1: SOP contoh has no step 99 (steps 1–4)")
    assert refused(lambda: runs.complete_step(docs, RUN, 1, at=NOW, now=NOW, verdict="ya")) == (
        "step 1 is not a decision step")
    at_decision = complete(complete(docs, 1, "2026-11-23T08:05"), 2, "2026-11-23T08:50")
    assert refused(lambda: runs.complete_step(at_decision, RUN, 3, at=NOW, now=NOW)) == (
        "step 3 is a decision: answer it with ya or tidak")
    assert refused(lambda: runs.complete_step(at_decision, RUN, 3, at=NOW, now=NOW, verdict="mungkin")) == (
        "step 3: the answer must be ya or tidak, got 'mungkin'")


def test_run_state_rule_messages():
    docs = started()
    assert refused(lambda: amend.undo_last(docs, RUN, reason="x", now=NOW)) == (
        "run r1: nothing to undo (only the start is recorded; use cancel)")
    assert refused(lambda: amend.undo_last(docs, RUN, reason=" ", now=NOW)) == "a reason is required"
    assert refused(lambda: amend.cancel_run(docs, RUN, reason="", now=NOW)) == "a reason is required"
    assert refused(lambda: amend.cancel_run(docs, RUN, reason="x", now=NOW, at=at("2026-11-23T07:59"))) == (
        "cancellation: time 2026-11-23 07:59 is before the last recorded event (2026-11-23 08:00)")
    assert refused(lambda: amend.cancel_run(docs, RUN, reason="x", now=NOW, at=at("2026-11-23T10:01"))) == (
        "cancellation time 2026-11-23 10:01 is later than now (2026-11-23 10:00)")
    cancelled = docs + amend.cancel_run(docs, RUN, reason="x", now=NOW)
    assert refused(lambda: runs.complete_step(cancelled, RUN, 1, at=NOW, now=NOW)) == (
        "run r1 is cancelled; to record more, reopen it (soptui reopen)")
    finished = complete(complete(complete(complete(docs, 1, "2026-11-23T08:05"), 2, "2026-11-23T08:50"), 3,
                                 "2026-11-23T09:00", verdict="ya"), 4, "2026-11-23T09:10")
    assert refused(lambda: runs.complete_step(finished, RUN, 4, at=NOW, now=NOW)) == (
        "run r1 is finished; to record more, reopen it (soptui reopen) or correct its events (soptui correct)")
    # Undo on a finished run takes back its finish and last completion: it is in progress again.
    undo = amend.undo_last(finished, RUN, reason="x", now=NOW)
    assert [e["data"]["target"] for e in undo] == [finished[-1]["seq"], finished[-2]["seq"]]


def test_correction_rule_messages(tmp_path):
    svc = RunService(tmp_path / "data", WIB, clock=Clock(NOW))
    run = svc.start(parse_text(REWORK_SOP, "test", sop_id="contoh"), title="T", operator="op",
                    at=at("2026-11-23T08:00"))
    svc.complete(run, 1, at=at("2026-11-23T08:10"))
    svc.correct(run, 2, at("2026-11-23T08:05"), "jam salah")   # event 3
    assert refused(lambda: svc.correct(run, 3, at("2026-11-23T08:06"), "x")) == (
        "event #3 is a correction or an undo; correct the event it changed (#2) instead")
    assert refused(lambda: svc.correct(run, 7, at("2026-11-23T08:06"), "x")) == f"run {run}: event 7 does not exist"
    svc.undo(run, "keliru")                                      # event 4 undoes event 3
    assert refused(lambda: svc.correct(run, 3, at("2026-11-23T08:06"), "x")) == (
        "event #3 is a correction or an undo; correct the event it changed (#2) instead")
    assert refused(lambda: svc.correct(run, 1, at("2026-11-23T10:30"), "x")) == (
        "correction #1 refused: correction time 2026-11-23 10:30 is later than now (2026-11-23 10:00)")
    assert refused(lambda: svc.correct(run, 2, at("2026-11-23T08:06"), "")) == "a reason is required"
    # The correction records the target, the new and the original time, and the reason as typed.
    state = svc.correct(run, 2, at("2026-11-23T08:06"), "  jam salah  ")
    assert state.events[-1]["data"] == {"target": 2, "at": "2026-11-23T08:06:00+07:00",
                                        "original_at": "2026-11-23T08:10:00+07:00", "reason": "jam salah",
                                        "by": ""}
    assert state.events[-1]["kind"] == "correction" and state.events[-1]["at"] == state.events[-1]["recorded_at"]


def test_fold_messages_for_a_damaged_log():
    docs = complete(started(), 1, "2026-11-23T08:05")
    assert refused(lambda: runs.fold([], RUN)) == "run r1: the log does not start with a run_started event"
    assert refused(lambda: runs.fold(docs[1:], RUN)) == "run r1: the log does not start with a run_started event"
    damaged = copy.deepcopy(docs)
    del damaged[1]["data"]["step"]
    assert refused(lambda: runs.fold(damaged, RUN)) == (
        "run r1, event #2: field 'data.step' is missing")
    unreadable = copy.deepcopy(docs)
    unreadable[0]["data"]["sop_text"] = "nomor = [\n"
    assert refused(lambda: runs.fold(unreadable, RUN)).startswith("run r1 (frozen copy of contoh): ")


# -- what the hash covers, byte for byte -------------------------------------------------------

def test_event_hash_is_sha256_of_sorted_compact_utf8_json():
    # The form every stored run was hashed in: keys sorted at every level, no spaces, UTF-8 text
    # (not \u escapes), the hash field itself left out. Changing any of it breaks old runs' verify.
    doc = {"seq": 2, "kind": "step_completed", "at": "2026-11-23T08:05:00+07:00",
           "recorded_at": "2026-11-23T10:00:00+07:00", "prev_hash": "ab" * 32,
           "data": {"step": 1, "actor": "Siti Aminah — Staf", "note": "é"}, "hash": "ignored"}
    canonical = ('{"at":"2026-11-23T08:05:00+07:00","data":{"actor":"Siti Aminah — Staf","note":"é","step":1},'
                 '"kind":"step_completed","prev_hash":"' + "ab" * 32 + '","recorded_at":"2026-11-23T10:00:00+07:00",'
                 '"seq":2}')
    assert runs.event_hash(doc) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_events_refuse_naive_times():
    # Either moment without a zone is refused, before anything is compared or recorded.
    docs = started()
    aware = at("2026-11-23T09:00")
    for at_, now in ((aware.replace(tzinfo=None), NOW), (aware, NOW.replace(tzinfo=None))):
        with pytest.raises(ValueError, match="^event times must be timezone-aware$"):
            runs.complete_step(docs, RUN, 1, at=at_, now=now)


# -- what the fold fills in ----------------------------------------------------------------------

def test_fold_of_a_fresh_run_has_empty_defaults():
    docs = started()
    state = runs.fold(docs)
    assert state.id == "" and state.sop.id == "contoh" and state.sop_hash == docs[0]["data"]["sop_hash"]
    assert (state.status, state.current, state.finished_at, state.cancelled_at, state.cancelled_reason) == (
        "in_progress", 1, None, None, "")
    first = state.steps[1].last
    assert (first.role, first.actor, first.output, first.note, first.evidence, first.verdict, first.started_at) == (
        "Staf", "", "", "", None, None, None)
    assert [state.steps[n].state for n in (1, 2, 3, 4)] == ["current", "pending", "pending", "pending"]
    assert [e["kind"] for e in state.effective] == ["run_started"]


def test_completion_data_as_recorded_and_the_run_finished_with_it():
    docs = complete(started(), 1, "2026-11-23T08:05")
    assert docs[-1]["data"] == {"step": 1, "role": "Staf", "actor": "", "output": "", "evidence": None, "note": ""}
    done = complete(complete(complete(docs, 2, "2026-11-23T08:50"), 3, "2026-11-23T09:00", verdict="ya"), 4,
                    "2026-11-23T09:10", actor=" Ani ", output=" Arsip ", note=" ok ")
    assert done[-2]["data"] == {"step": 4, "role": "Staf", "actor": "Ani", "output": "Arsip", "evidence": None,
                                "note": "ok"}
    assert (done[-1]["kind"], done[-1]["data"], done[-1]["at"]) == ("run_finished", {}, "2026-11-23T09:10:00+07:00")
    assert done[-3]["kind"] == "decision" and done[-3]["data"]["verdict"] == "ya"
    state = runs.fold(done, RUN)
    assert state.status == "finished" and state.current is None and state.steps[4].state == "done"


def test_fold_uses_the_sop_it_is_given():
    docs = started()
    other = parse_text(REWORK_SOP.replace('kegiatan = "Langkah 1"', 'kegiatan = "Lain"'), "t", sop_id="contoh").sop
    assert runs.fold(docs, RUN, other).sop.step(1).kegiatan == "Lain"
    assert runs.fold(docs, RUN).sop.step(1).kegiatan == "Langkah 1"


def test_suggested_actor_prefers_this_run_then_the_roster_else_nobody():
    docs = complete(started(), 1, "2026-11-23T08:05", actor="Ani")
    state = runs.fold(docs, RUN)
    roster = {"Kepala": "Bu Kepala"}.get
    assert state.suggested_actor(2, roster) == "Ani"                # Staf did step 1 in this run
    assert state.suggested_actor(3, roster) == "Bu Kepala"          # Kepala: from the roster
    assert state.suggested_actor(3, lambda role: "") == ""          # nobody known: empty, never the operator
    assert state.people() == ["Ani"]                                # offered as a choice
    assert state.suggested_actor(3, lambda role: role.upper()) == "KEPALA"  # the roster is asked by role


def test_undo_is_recorded_at_now_with_its_reason():
    docs = complete(started(), 1, "2026-11-23T08:05")
    [undo] = amend.undo_last(docs, RUN, reason="  salah  ", now=NOW)
    assert (undo["kind"], undo["at"], undo["data"]) == ("undo", "2026-11-23T10:00:00+07:00",
                                                        {"target": 2, "reason": "salah", "by": ""})
    undone = runs.fold(docs + [undo], RUN)
    assert undone.current == 1 and [e["kind"] for e in undone.effective] == ["run_started"]
    # The undone completion is still in the log, and an undo is never undone itself.
    assert [e["kind"] for e in undone.events] == ["run_started", "step_completed", "undo"]
    assert refused(lambda: amend.undo_last(docs + [undo], RUN, reason="x", now=NOW)).startswith("run r1: nothing to undo")


# -- the store's refusals -------------------------------------------------------------------------

def test_store_messages_name_the_file(tmp_path):
    store = Store(tmp_path / "data")
    with pytest.raises(StoreError) as info:
        store.run_path("../x")
    assert str(info.value) == "invalid run id '../x'"
    for good in ("a", "A1", "20261123-abc123", "x" * 81, "a.b_c-d"):
        assert store.run_path(good) == tmp_path / "data" / "runs" / f"{good}.json"
    for bad in ("", ".a", "-a", "a/b", "a b", "x" * 82):
        with pytest.raises(StoreError):
            store.run_path(bad)
    path = tmp_path / "r.json"
    not_tinydb = f"{path}: damaged, not a TinyDB document; it was left as it is"
    for content, message in ((b"", f"{path}: file is empty (damaged); it was left as it is"),
                             (b" \n", f"{path}: file is empty (damaged); it was left as it is"),
                             (b"{x", f"{path}: damaged, not valid JSON (line 1, column 2); it was left as it is"),
                             (b"[1]", not_tinydb), (b'{"events": 3}', not_tinydb), (b"3", not_tinydb)):
        path.write_bytes(content)
        with pytest.raises(StoreError) as info:
            AtomicJSONStorage(path).read()
        assert str(info.value) == message
    path.write_bytes(b'{"events": {}, "other": {"1": {}}}')
    assert AtomicJSONStorage(path).read() == {"events": {}, "other": {"1": {}}}
    missing = tmp_path / "none.json"
    assert AtomicJSONStorage(missing, create=True).read() is None
    with pytest.raises(StoreError) as info:
        AtomicJSONStorage(missing).read()
    assert str(info.value) == f"{missing}: file not found"
    with pytest.raises(StoreError) as info:
        AtomicJSONStorage(tmp_path).read()  # a folder: it cannot be read as a file
    assert str(info.value) == f"{tmp_path}: cannot read: Is a directory"


def test_store_writes_compact_utf8_and_replaces_the_whole_file(tmp_path):
    path = tmp_path / "sub" / "r.json"
    storage = AtomicJSONStorage(path, create=True)
    storage.write({"events": {"1": {"actor": "Siti — é"}}})
    assert path.read_bytes() == '{"events":{"1":{"actor":"Siti — é"}}}'.encode("utf-8")
    storage.write({"events": {}})
    assert path.read_bytes() == b'{"events":{}}' and storage.read() == {"events": {}}
    assert [p.name for p in path.parent.iterdir()] == ["r.json"]


def test_create_run_refuses_an_existing_run_and_index_rows_report_damage(tmp_path):
    store = Store(tmp_path / "data")
    docs = started()
    store.create_run("r1", docs)
    assert store.read_events("r1") == docs and store.exists("r1") and store.run_ids() == ["r1"]
    with pytest.raises(StoreError) as info:
        store.create_run("r1", docs)
    assert str(info.value) == f"{store.run_path('r1')}: a run with this id already exists"
    with pytest.raises(StoreError) as info:
        with store.transaction("r2"):
            pass
    assert str(info.value) == f"no run 'r2' in {tmp_path / 'data' / 'runs'}"
    assert store.read_events("r1") == docs
    store.put_index_row({"id": "r1", "title": "T"})
    store.put_index_row({"id": "r1", "title": "T2"})          # an update in place
    rows, problems = store.index_rows()
    assert rows == [{"id": "r1", "title": "T2"}] and problems == []
    shard = next((tmp_path / "data" / "index").glob("*.json"))
    shard.write_text("{damaged")
    rows, problems = store.index_rows()
    assert rows == [] and len(problems) == 1 and str(shard) in problems[0]


def test_a_held_run_lock_makes_a_writer_give_up_naming_it_while_other_runs_go_on(tmp_path):
    from filelock import FileLock

    store = Store(tmp_path / "data", lock_timeout=0.05)
    store.create_run("r1", started())
    lock = store.locks_dir / "run-r1.lock"
    assert lock.parent == tmp_path / "data" / "locks"
    with FileLock(str(lock)):  # another process is writing r1
        for write in (lambda: store.create_run("r1", started()), lambda: store.transaction("r1").__enter__()):
            with pytest.raises(StoreError) as info:
                write()
            assert str(info.value) == f"{lock}: busy for 0 s; another soptui is writing; try again"
        store.create_run("r2", started())  # a different run has a lock of its own
    assert store.run_ids() == ["r1", "r2"] and Store(tmp_path / "data").lock_timeout == 15.0


def test_store_lists_only_run_files_and_skips_stray_index_files(tmp_path):
    store = Store(tmp_path / "data")
    assert store.run_ids() == [] and store.index_rows() == ([], [])
    store.create_run("r1", started())
    store.put_index_row({"id": "r1"})
    (store.runs_dir / ".r1.json.123.abcd.tmp").write_text("{}")   # a temporary file of a write
    (store.runs_dir / ".hidden.json").write_text("{}")
    (store.runs_dir / "notes.txt").write_text("x")
    (store.index_dir / ".00.json.1.tmp").write_text("{damaged")       # sorts before every shard
    (store.index_dir / "README").write_text("x")
    (store.index_dir / ".old.json").write_text("{damaged")            # hidden: not a shard
    assert store.run_ids() == ["r1"]
    assert store.index_rows() == ([{"id": "r1"}], [])
    assert store.modified_ns("r1") > 0 and store.modified_ns("r9") == 0
    with pytest.raises(StoreError) as info:
        store.read_events("r9")  # reading never creates a run
    assert str(info.value) == f"{store.run_path('r9')}: file not found" and not store.exists("r9")


def test_a_new_run_must_start_at_event_one(tmp_path):
    store = Store(tmp_path / "data")
    docs = started()
    with pytest.raises(StoreError) as info:
        store.create_run("r1", [{**docs[0], "seq": 2}])
    assert str(info.value) == f"{store.run_path('r1')}: event sequence broken at 2 (expected 1)"
    assert not store.exists("r1")  # nothing was written


def test_run_files_are_written_readable_not_executable_into_new_folders(tmp_path):
    import os
    import stat

    path = tmp_path / "a" / "b" / "r.json"
    AtomicJSONStorage(path, create=True).write({"events": {}})
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~umask


# -- timing: roles and step states --------------------------------------------------------------

def test_roles_come_in_the_sops_order_even_when_the_first_has_nothing_done():
    from soptui.calendar import OfficeCalendar
    from soptui.timing import time_run
    from tests.unit.test_timing import build, sop_text

    # Kepala is listed first but only does step 3 (the decision); steps 1 and 2 are Staf's.
    text = sop_text("10 menit", "10 menit", "10 menit", decision=(3, 1)).replace(
        'pelaksana = ["Staf", "Kepala"]', 'pelaksana = ["Kepala", "Staf"]')
    state = build(text, "2026-11-23T08:00", [(1, "2026-11-23T08:05"), (2, "2026-11-23T08:10")])
    timing = time_run(state, OfficeCalendar(), at("2026-11-23T08:20"))
    assert [(r.role, r.steps, r.working_seconds) for r in timing.roles] == [("Staf", 2, 600)]
    assert [s.state for s in timing.steps] == ["done", "done", "current"]


# -- the calendar without working time, and days of one or three intervals -------------------------

def test_a_calendar_without_any_working_time_says_so():
    from soptui.calendar import CalendarSettings, OfficeCalendar
    from soptui.errors import ConfigError
    from soptui.model import Standard

    cal = OfficeCalendar(CalendarSettings(hours=(None,) * 7, ramadan_hours=(None,) * 7, use_holidays=False))
    with pytest.raises(ConfigError) as info:
        cal.due(NOW, Standard(text="", days=1))
    assert str(info.value) == "the office calendar has no working day in ten years: check [calendar]"
    with pytest.raises(ConfigError) as info:
        cal.next_working_moment(NOW)
    assert str(info.value) == "the office calendar has no working time in ten years: check [calendar]"


def test_working_days_on_days_of_one_and_of_three_intervals():
    from datetime import time as T

    from soptui.calendar import CalendarSettings, DayHours, OfficeCalendar
    from soptui.model import Standard

    # Monday 07:00-17:00 without a break (one interval, 10 h); Tuesday 07:00-16:00 with two breaks
    # 10:00-10:30 and 12:00-13:00 (three intervals, 7.5 h). Weekend off, no holidays.
    long_monday = DayHours(T(7), T(17))
    three = DayHours(T(7), T(16), ((T(10), T(10, 30)), (T(12), T(13))))
    cal = OfficeCalendar(CalendarSettings(hours=(long_monday, three, three, three, three, None, None),
                                          use_holidays=False))
    one_day = Standard(text="", days=1)
    # Tue 14:00 is 3 h + 1.5 h + 1 h = 5.5 h in -> Wed 14:00 (the last interval is not "after the close").
    assert cal.due(at("2026-11-24T14:00"), one_day) == at("2026-11-25T14:00")
    # Mon 16:30 is 9.5 h in; Tuesday has only 7.5 h: clamped to Tuesday's close, 16:00.
    assert cal.due(at("2026-11-23T16:30"), one_day) == at("2026-11-24T16:00")
    # Mon 17:00 is Monday's close: it keeps its day.
    assert cal.due(at("2026-11-23T17:00"), one_day) == at("2026-11-24T16:00")


# -- durations: whole messages and the edges of numbers -------------------------------------------

@pytest.mark.parametrize("text, message", [
    ("1.000 jam", "waktu '1.000 jam': '1.000' is ambiguous (a thousands separator or a decimal point?); "
                  "write 1000 or 1"),
    ("2.050 menit", "waktu '2.050 menit': '2.050' is ambiguous (a thousands separator or a decimal point?); "
                    "write 2050 or 2,05"),
    ("1000 (1.000) menit", "waktu '1000 (1.000) menit': '1.000' is ambiguous (a thousands separator or a "
                           "decimal point?); write 1000 or 1"),
    ("3 (empat) hari", "waktu '3 (empat) hari': 3 and (empat) are different numbers"),
    ("3 (abc) hari", 'cannot read waktu \'3 (abc) hari\': write a number and a unit such as "30 menit", '
                     '"2 hari kerja" or "1 minggu"'),
    ("abc", 'cannot read waktu \'abc\': write a number and a unit such as "30 menit", "2 hari kerja" or '
            '"1 minggu"'),
    ("2 jam lagi", 'cannot read waktu \'2 jam lagi\': unexpected \'lagi\'; write a number and a unit such as '
                   '"30 menit", "2 hari kerja" or "1 minggu"'),
    ("2 jam, lagi", 'cannot read waktu \'2 jam, lagi\': unexpected \'lagi\'; write a number and a unit such as '
                    '"30 menit", "2 hari kerja" or "1 minggu"'),
    ("2 hr", "waktu '2 hr': 'hr' is ambiguous, write jam (hours) or hari (days)"),
    ("5 m", "waktu '5 m': 'm' is ambiguous, write menit (minutes) or bulan (months)"),
    ("± 3661 hari", "waktu '± 3661 hari' is longer than 10 years"),
])
def test_waktu_messages_whole(text, message):
    from soptui.durations import parse_waktu
    from soptui.errors import DurationError

    with pytest.raises(DurationError) as info:
        parse_waktu(text)
    assert str(info.value) == message


def test_waktu_numbers_at_their_edges():
    from soptui.durations import format_standard, parse_waktu
    from soptui.model import Standard

    assert parse_waktu("± 3660 hari").days == 3660 and parse_waktu("± 120 bulan").months == 120  # the limits
    assert parse_waktu("1/7 menit").seconds == 8.571429           # whole microseconds, like the moments
    rng = parse_waktu("1-2 hari")
    assert (rng.days, rng.low.days, rng.low.text) == (2, 1, "1 hari")  # the lower bound borrows the unit
    spaced = parse_waktu("1 jam, - 2 jam")
    assert (spaced.seconds, spaced.low.seconds) == (7200, 3600)
    # Near-whole amounts are shown whole (three decimals), never as "3," or "60 detik".
    assert format_standard(parse_waktu("2,9996 hari")) == "3 hari kerja"
    assert format_standard(Standard(text="", seconds=59.9996)) == "1 menit"
    assert format_standard(Standard(text="", seconds=3600.0004)) == "1 jam"


# -- second round: survivors of the run with the tests above ---------------------------------------

def test_a_run_started_now_takes_a_completion_now():
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="", timezone="Asia/Jakarta", at=NOW, now=NOW)
    docs += runs.complete_step(docs, RUN, 1, at=NOW, now=NOW)
    assert runs.fold(docs, RUN).steps[1].last.completed_at == NOW


def test_messages_of_a_closed_run_name_the_run_for_every_action(tmp_path):
    docs = started()
    cancelled = docs + amend.cancel_run(docs, RUN, reason="x", now=NOW)
    message = "run r1 is cancelled; to record more, reopen it (soptui reopen)"
    assert refused(lambda: runs.start_step(cancelled, RUN, 1, at=NOW, now=NOW)) == message
    assert refused(lambda: amend.cancel_run(cancelled, RUN, reason="x", now=NOW)) == message
    # A cancelled run's record can still be corrected, within the rules: its start not after its end.
    [fix] = amend.correct(cancelled, RUN, 1, at=at("2026-11-23T07:45"), reason="x", now=NOW)
    assert fix["kind"] == "correction" and fix["data"]["target"] == 1
    assert refused(lambda: runs.start_step(docs, RUN, 99, at=NOW, now=NOW)) == (
        "run r1: SOP contoh has no step 99 (steps 1–4)")


def test_a_no_on_the_last_step_sends_the_work_back_instead_of_finishing():
    from tests.unit.test_timing import sop_text

    text = sop_text("10 menit", "10 menit", decision=(2, 1))       # step 2, the last, decides
    docs = runs.start_run("t", text, title="T", operator="", timezone="Asia/Jakarta", at=at("2026-11-23T08:00"),
                          now=NOW)
    docs = complete(complete(docs, 1, "2026-11-23T08:05"), 2, "2026-11-23T08:10", verdict="tidak")
    state = runs.fold(docs, RUN)
    assert docs[-1]["kind"] == "decision" and state.status == "in_progress" and state.current == 1
    docs = complete(complete(docs, 1, "2026-11-23T08:15"), 2, "2026-11-23T08:20", verdict="ya")
    assert docs[-1]["kind"] == "run_finished" and runs.fold(docs, RUN).status == "finished"


def test_verify_without_a_frozen_sop_text():
    docs = started()
    bare = copy.deepcopy(docs)
    del bare[0]["data"]["sop_text"]
    bare[0]["hash"] = runs.event_hash(bare[0])
    assert runs.verify_chain(bare) == "event #1: field 'data.sop_text' is missing"


def test_a_worked_day_in_a_week_without_hours_stays_off():
    from datetime import date

    from soptui.calendar import CalendarSettings, OfficeCalendar

    # Ramadan hours all off (an office closed in Ramadan): a worked Ramadan Sunday has no hours to
    # borrow, so it stays a day off.
    sunday = date(2026, 3, 1)
    cal = OfficeCalendar(CalendarSettings(ramadan_hours=(None,) * 7, worked_holidays=frozenset({sunday})))
    assert cal.hours_on(sunday) is None and not cal.is_working_day(sunday)


def test_fold_keeps_corrected_times_and_rework_states():
    # 1 done 08:05, 2 at 08:50, 3 "tidak" at 08:55 (back to 2), 2 again at 09:20, 3 "tidak" again at
    # 09:30; then step 1's completion is corrected to 08:04.
    docs = complete(complete(started(), 1, "2026-11-23T08:05"), 2, "2026-11-23T08:50")
    docs = complete(docs, 3, "2026-11-23T08:55", verdict="tidak")
    state = runs.fold(docs, RUN)
    assert [state.steps[n].state for n in (1, 2, 3, 4)] == ["done", "current", "rework", "pending"]
    docs = complete(docs, 2, "2026-11-23T09:20")
    state = runs.fold(docs, RUN)
    assert [state.steps[n].state for n in (1, 2, 3, 4)] == ["done", "done", "current", "pending"]
    docs = complete(docs, 3, "2026-11-23T09:30", verdict="tidak")
    docs += amend.correct(docs, RUN, 2, at=at("2026-11-23T08:04"), reason="jam salah", now=NOW)
    state = runs.fold(docs, RUN)
    assert state.rework_loops == 2 and state.current == 2 and len(state.steps[2].attempts) == 3
    # The fold's own view of the log carries the corrected time; the log itself keeps the original.
    assert [e["at"] for e in state.effective][:2] == ["2026-11-23T08:00:00+07:00", "2026-11-23T08:04:00+07:00"]
    assert state.events[1]["at"] == "2026-11-23T08:05:00+07:00"
    assert state.steps[2].attempts[0].ready_at == at("2026-11-23T08:04")


def test_fold_of_a_hand_written_log_fills_in_what_is_missing():
    # Logs older than a field, or written by hand, lack keys: the fold reads them as empty.
    docs = started()
    bare = copy.deepcopy(docs)
    for key in ("title", "operator", "timezone"):
        del bare[0]["data"][key]
    bare.append({**docs[0], "seq": 2, "kind": "step_completed", "at": "2026-11-23T08:05:00+07:00",
                 "data": {"step": 1}})
    bare.append({**docs[0], "seq": 3, "kind": "run_cancelled", "at": "2026-11-23T08:06:00+07:00", "data": {}})
    state = runs.fold(bare, RUN)
    assert (state.title, state.operator, state.timezone, state.cancelled_reason) == ("", "", "", "")
    first = state.steps[1].last
    assert (first.role, first.actor, first.output, first.note, first.evidence) == ("", "", "", "", None)
    # The recorded ones are read as written.
    assert (runs.fold(docs, RUN).title, runs.fold(docs, RUN).timezone) == ("T", "Asia/Jakarta")
    assert docs[0]["data"]["timezone"] == "Asia/Jakarta" and docs[0]["data"]["operator"] == "op"


def test_a_log_cut_after_the_last_completion_has_no_current_step():
    docs = complete(complete(complete(complete(started(), 1, "2026-11-23T08:05"), 2, "2026-11-23T08:50"), 3,
                             "2026-11-23T09:00", verdict="ya"), 4, "2026-11-23T09:10")
    cut = runs.fold(docs[:-1], RUN)   # without its run_finished
    assert cut.current is None and cut.status == "in_progress" and cut.current_attempt is None


def test_fold_parses_a_frozen_copy_it_has_not_seen_before():
    from uuid import uuid4

    # A copy no earlier test parsed (the fold keeps parsed copies): its id comes from the log.
    text = REWORK_SOP + f"\n# {uuid4()}\n"
    docs = runs.start_run("baru", text, title="T", operator="", timezone="Asia/Jakarta", at=NOW, now=NOW)
    state = runs.fold(docs, RUN)
    assert state.sop.id == "baru" and state.sop_hash == docs[0]["data"]["sop_hash"]
    assert runs.fold(docs, RUN, state.sop).sop_hash == docs[0]["data"]["sop_hash"]


def test_state_repr_names_the_fields_but_not_the_long_logs():
    state = runs.fold(complete(started(), 1, "2026-11-23T08:05", actor="Ani"), RUN)
    text = repr(state)
    assert text.startswith("RunState(id='r1', sop=") and "title='T'" in text and "status='in_progress'" in text
    assert "events=" not in text and "effective=" not in text
    attempt = repr(state.steps[1].last)
    assert attempt.startswith("Attempt(step=1, n=1, ready_at=") and "actor='Ani'" in attempt
    assert repr(state.steps[2]).startswith("StepState(no=2, attempts=[Attempt(step=2")


def test_naive_moments_are_refused_by_the_calendar_with_a_reason():
    from datetime import datetime

    from soptui.calendar import OfficeCalendar

    with pytest.raises(ValueError, match="^the calendar needs timezone-aware moments$"):
        OfficeCalendar().working_seconds_between(datetime(2026, 11, 2, 8), NOW)


def test_adding_working_time_on_a_calendar_without_any_says_so():
    from soptui.calendar import CalendarSettings, OfficeCalendar
    from soptui.errors import ConfigError

    cal = OfficeCalendar(CalendarSettings(hours=(None,) * 7, ramadan_hours=(None,) * 7, use_holidays=False))
    with pytest.raises(ConfigError) as info:
        cal.add_working_seconds(NOW, 60)
    assert str(info.value) == "the office calendar has no working time in ten years: check [calendar]"


def test_waktu_must_be_text_and_tiny_parts_are_not_shown():
    from soptui.durations import format_standard, parse_waktu
    from soptui.errors import DurationError
    from soptui.model import Standard

    with pytest.raises(DurationError) as info:
        parse_waktu(5)
    assert str(info.value) == "waktu must be text, got 5"
    with pytest.raises(DurationError) as info:
        parse_waktu("1.000 (satu) jam")   # the digits are read with the cell named in the message
    assert str(info.value).startswith("waktu '1.000 (satu) jam': '1.000' is ambiguous")
    # A part that rounds to zero at three decimals is left out, not shown as "0 hari kerja".
    assert format_standard(Standard(text="", seconds=60, days=0.0004)) == "1 menit"


def test_the_fold_takes_a_verdict_only_from_a_decision():
    # A stray "verdict" on an ordinary completion (a hand-edited log) is not an answer: no rework.
    docs = complete(started(), 1, "2026-11-23T08:05")
    docs[-1]["data"]["verdict"] = "tidak"
    state = runs.fold(docs, RUN)
    assert state.rework_loops == 0 and state.steps[1].last.verdict is None and state.current == 2
