"""Fixing mistakes: corrections of any field of any event on a run in any state, undo and reopen,
each a new event; the fold follows the corrected record and the chain stays intact."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui import actions, amend, runs
from soptui.errors import RuleError
from soptui.integrity import verify_chain
from tests.unit.test_timing import REWORK_SOP, WIB

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=WIB)
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=WIB)


def m(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def log(*steps) -> list[dict]:
    """A run of REWORK_SOP: steps as (no, minute, verdict); step 1 explicitly started at 1."""
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="Op", timezone="Asia/Jakarta", at=T0, now=NOW)
    docs += runs.start_step(docs, "r", 1, at=m(1), now=NOW)
    for no, minute, verdict in steps:
        docs += runs.complete_step(docs, "r", no, at=m(minute), now=NOW, actor="Ani", output=f"hasil {no}",
                                   note="", verdict=verdict)
    return docs


FINISHED = ((1, 5, None), (2, 20, None), (3, 25, "ya"), (4, 30, None))
STATES = {"in_progress": ((1, 5, None),), "finished": FINISHED}


def state_of(name: str) -> list[dict]:
    if name == "cancelled":
        docs = log((1, 5, None))
        return docs + amend.cancel_run(docs, "r", reason="batal", now=NOW, at=m(10))
    return log(*STATES[name])


def event(docs: list[dict], kind: str) -> dict:
    return next(e for e in docs if e["kind"] == kind)


VALUES = {"actor": "Budi", "output": "Konsep Renja revisi 1", "note": "dibetulkan",
          "evidence": {"kind": "ref", "ref": "005/1/2026"}}


def _combinations() -> list[tuple[str, str]]:
    """(run state, event kind) for every kind a run in that state holds."""
    out = []
    for run_state in ("in_progress", "finished", "cancelled"):
        kinds = dict.fromkeys(e["kind"] for e in state_of(run_state))
        out += [(run_state, kind) for kind in kinds]
    return out


@pytest.mark.parametrize("run_state, kind", _combinations())
@pytest.mark.parametrize("field", ["at", "actor", "output", "evidence", "note"])
def test_every_field_of_every_kind_in_every_state(run_state, kind, field):
    docs = state_of(run_state)
    target = event(docs, kind)
    kwargs = {"at": datetime.fromisoformat(target["at"]) - timedelta(seconds=30)} if field == "at" \
        else {field: VALUES[field]}
    allowed = field in actions.CORRECTABLE.get(kind, ())
    if kind == "run_started" and field == "at":
        kwargs["at"] = T0 - timedelta(minutes=1)
    if not allowed:
        with pytest.raises(RuleError):
            amend.correct(docs, "r", target["seq"], reason="salah", now=NOW, by="Sri", **kwargs)
        return
    new = amend.correct(docs, "r", target["seq"], reason="salah", now=NOW, by="Sri", **kwargs)
    assert [e["kind"] for e in new] == ["correction"]
    state = runs.fold(docs + new, "r")
    assert verify_chain(docs + new) is None
    shown = next(e for e in state.effective if e["seq"] == target["seq"])
    if field == "at":
        assert shown["at"] == kwargs["at"].isoformat()
        assert new[0]["data"]["original_at"] == target["at"]
    else:
        assert shown["data"][field] == VALUES[field]
        assert new[0]["data"]["original"] == {field: target["data"].get(field)}
    assert state.status == runs.fold(docs, "r").status  # a correction never opens or closes a run


def test_corrected_fields_reach_the_attempt_and_are_marked():
    docs = log(*FINISHED)
    done = [e for e in docs if e["kind"] == "step_completed"][-1]
    docs += amend.correct(docs, "r", done["seq"], reason="typo", now=NOW, actor="Budi", output="Konsep Renja")
    a = runs.fold(docs, "r").steps[4].last
    assert (a.actor, a.output, a.corrected) == ("Budi", "Konsep Renja", {"actor", "output"})


def test_a_later_completion_time_moves_the_finish_with_it():
    docs = log(*FINISHED)
    last = [e for e in docs if e["kind"] == "step_completed"][-1]
    docs += amend.correct(docs, "r", last["seq"], reason="jam", now=NOW, at=m(45))
    state = runs.fold(docs, "r")
    assert state.status == "finished" and state.finished_at == m(45)


@pytest.mark.parametrize("bad, says", [
    (dict(seq=99, actor="X"), "does not exist"),
    (dict(seq=2, actor="X", reason=" "), "reason is required"),
    (dict(seq=3, actor="  "), "cannot be blank"),
    (dict(seq=3, at=m(0)), r"correction #3 refused: .*before"),       # before step 1 was ready (08:00)? no: 07:59
    (dict(seq=3, at=m(21)), r"correction #3 refused"),                 # after step 2 completed (08:20)
    (dict(seq=3, at=NOW + timedelta(hours=1)), "correction #3 refused: .*later than now"),
    (dict(seq=3), "say what to correct"),
    (dict(seq=3, actor="Ani"), "nothing would change"),
    (dict(seq=2, output="x"), "cannot be corrected on a"),             # a start has no output
])
def test_bad_corrections_say_why_and_record_nothing(bad, says):
    bad = dict(bad)  # the parameter itself stays as declared (a second run of the test sees it whole)
    docs = log((1, 5, None), (2, 20, None))
    seq = bad.pop("seq")
    reason = bad.pop("reason", "salah")
    if seq == 3 and "at" in bad and bad["at"] == m(0):
        bad["at"] = T0 - timedelta(minutes=1)
    with pytest.raises(RuleError, match=says):
        amend.correct(docs, "r", seq, reason=reason, now=NOW, **bad)


def test_a_correction_of_a_correction_or_an_undo_is_refused_with_the_way_out():
    docs = log((1, 5, None))
    docs += amend.correct(docs, "r", 3, reason="nama", now=NOW, actor="Budi")
    with pytest.raises(RuleError, match="is a correction or an undo; correct the event it changed \\(#3\\)"):
        amend.correct(docs, "r", 4, reason="x", now=NOW, actor="C")
    docs += amend.undo_last(docs, "r", reason="batal", now=NOW)  # undoes the correction
    assert runs.fold(docs, "r").steps[1].last.actor == "Ani"
    with pytest.raises(RuleError, match="is a correction or an undo"):
        amend.correct(docs, "r", 5, reason="x", now=NOW, actor="C")
    docs += amend.undo_last(docs, "r", reason="langkah 1 belum selesai", now=NOW)  # undoes the completion #3
    with pytest.raises(RuleError, match="event 3 was undone"):
        amend.correct(docs, "r", 3, reason="x", now=NOW, actor="C")


def test_undo_on_a_finished_run_reopens_it_at_its_last_step():
    docs = log(*FINISHED)
    assert runs.fold(docs, "r").status == "finished"
    new = amend.undo_last(docs, "r", reason="salah langkah 4", now=NOW, by="Sri")
    assert [(e["kind"], e["data"]["target"]) for e in new] == [("undo", docs[-1]["seq"]), ("undo", docs[-2]["seq"])]
    state = runs.fold(docs + new, "r")
    assert (state.status, state.current, state.finished_at) == ("in_progress", 4, None)
    assert verify_chain(docs + new) is None
    again = docs + new + runs.complete_step(docs + new, "r", 4, at=m(35), now=NOW, actor="Ani")
    assert runs.fold(again, "r").status == "finished"


def test_an_undo_takes_back_only_the_event_the_person_was_shown():
    # The undo dialog named step 2's completion; meanwhile another process recorded step 3.
    shown = log((1, 5, None), (2, 20, None))
    seen = actions.undo_target(runs.fold(shown, "r").events)["seq"]
    docs = shown + runs.complete_step(shown, "r", 3, at=m(25), now=NOW, actor="Budi", verdict="ya")
    with pytest.raises(RuleError, match=f"the latest is now #{docs[-1]['seq']}, not #{seen}.*nothing was undone"):
        amend.undo_last(docs, "r", reason="salah", now=NOW, expected=seen)
    assert amend.undo_last(shown, "r", reason="salah", now=NOW, expected=seen)[0]["data"]["target"] == seen
    # The same for a reopen: the run was reopened and finished again by someone else meanwhile.
    closed = state_of("cancelled")
    shown_target = actions.reopen_target(runs.fold(closed, "r").events)["seq"]
    later = closed + amend.reopen(closed, "r", reason="lanjut", now=NOW)
    later += amend.cancel_run(later, "r", reason="batal lagi", now=NOW, at=m(12))
    with pytest.raises(RuleError, match="nothing was undone"):
        amend.reopen(later, "r", reason="x", now=NOW, expected=shown_target)


def test_reopen_is_refused_on_a_run_in_progress_and_needs_a_reason():
    docs = log((1, 5, None))
    with pytest.raises(RuleError, match="still in progress"):
        amend.reopen(docs, "r", reason="x", now=NOW)
    closed = state_of("cancelled")
    with pytest.raises(RuleError, match="reason"):
        amend.reopen(closed, "r", reason="", now=NOW)


def test_a_cancellation_moved_before_the_last_work_is_refused():
    docs = state_of("cancelled")
    with pytest.raises(RuleError, match="correction #.* refused: .*before the last recorded event"):
        amend.correct(docs, "r", event(docs, "run_cancelled")["seq"], reason="x", now=NOW, at=m(3))


FIELDS = st.sampled_from(["actor", "output", "note", "at"])
TEXTS = st.text(alphabet="abc XYZ", min_size=1, max_size=5).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), FIELDS, TEXTS, st.integers(-2, 2)), max_size=6))
def test_folding_corrections_equals_applying_the_corrected_values(edits):
    """After any sequence of valid corrections, the fold shows exactly the latest value given for
    each field of each completion, and the chain verifies."""
    docs = log(*FINISHED)
    completions = [e for e in docs if e["kind"] in ("step_completed", "decision")]
    expected = {e["seq"]: {"actor": "Ani", "output": e["data"]["output"], "note": "", "at": e["at"]}
                for e in completions}
    for which, field, text, shift in edits:
        target = completions[which]
        if field == "at":
            value = (datetime.fromisoformat(expected[target["seq"]]["at"]) + timedelta(seconds=shift * 30))
            kwargs = {"at": value}
        else:
            kwargs = {field: text}
        try:
            docs = docs + amend.correct(docs, "r", target["seq"], reason="r", now=NOW, **kwargs)
        except RuleError:
            continue  # refused (nothing changes, or the order would break): nothing recorded
        expected[target["seq"]][field] = value.isoformat() if field == "at" else text.strip()
    state = runs.fold(docs, "r")
    assert verify_chain(docs) is None
    for e in state.effective:
        if e["seq"] in expected:
            want = expected[e["seq"]]
            assert e["at"] == want["at"]
            assert {k: e["data"].get(k) for k in ("actor", "output", "note")} == \
                {k: want[k] for k in ("actor", "output", "note")}


def test_the_command_line_corrects_a_finished_run_and_reopens_it(workdir, capsys, tmp_path):
    import os

    from soptui.cli import main

    def run(*argv):
        rc = main(list(argv))
        out = capsys.readouterr()
        return rc, out.out, " ".join(out.err.split())

    rc, out, _ = run("start", "karangploso-renja", "--at", "2026-11-23 07:30", "--operator", "Sri")
    run_id = out.strip()
    rc, _, err = run("cancel", run_id, "--reason", "uji", "--at", "2026-11-23 07:45")
    assert rc == 0, err
    rc, _, err = run("log", run_id, "1", "--actor", "Suroto", "--at", "2026-11-23 08:00")
    assert rc == 1 and "reopen" in err
    rc, _, err = run("reopen", run_id, "--reason", "salah batal")
    assert rc == 0 and "reopened" in err, err
    rc, _, err = run("log", run_id, "1", "--actor", "Suroto", "--output", "Konsep Renja revisi 1Konsep Renja",
                     "--at", "2026-11-23 08:00")
    assert rc == 0, err
    seq = str(len(__import__("soptui.service", fromlist=["x"]).RunService(workdir / "data", WIB).events(run_id)))
    rc, _, err = run("correct", run_id, seq, "--output", "Konsep Renja revisi 1", "--actor", "Sri",
                     "--reason", "salah ketik", "--by", "Kasubag")
    assert rc == 0, err
    assert "'Konsep Renja revisi 1Konsep Renja' → 'Konsep Renja revisi 1'" in err and "'Suroto' → 'Sri'" in err
    rc, out, _ = run("status", run_id, "--json")
    data = __import__("json").loads(out)
    assert data["steps"][0]["attempts"][0]["output"] == "Konsep Renja revisi 1"
    for bad, says in ((["--actor", " "], "cannot be blank"), (["--reason", " ", "--note", "x"], "reason"),
                      (["--at", "2026-11-23 07:00"], f"correction #{seq} refused"),
                      (["--evidence", str(tmp_path)], "folder")):
        argv = ["correct", run_id, seq, *bad] + ([] if "--reason" in bad else ["--reason", "x"])
        rc, _, err = run(*argv)
        assert rc == 1 and says in err, (bad, err)
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    rc, _, err = run("correct", run_id, seq, "--evidence", str(fifo), "--reason", "x")
    assert rc == 1 and "not a regular file" in err
    rc, _, err = run("correct", run_id, "99", "--note", "x", "--reason", "x")
    assert rc == 1 and "does not exist" in err


def test_status_says_what_a_field_correction_changed(workdir, capsys, monkeypatch):
    from soptui.cli import main
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["log", run, "1", "--actor", "Suroto", "--output", "Disposisi", "--at", "08:00"]) == 0
    assert main(["correct", run, "2", "--output", "Disposisi Camat", "--reason", "lengkap"]) == 0
    capsys.readouterr()
    assert main(["status", run]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "corrects event #2: output Disposisi → Disposisi Camat; lengkap" in out
    assert "corrected by #3" in out


def test_reopen_reopens_a_run_corrected_after_it_closed():
    """Corrections made after a run closed are not what closed it: reopen takes back the last
    completion (finished) or the cancellation (cancelled), and the corrections stay."""
    docs = log(*FINISHED)
    completion = docs[-2]["seq"]
    docs += amend.correct(docs, "r", event(docs, "step_completed")["seq"], reason="nama", now=NOW, actor="Budi")
    assert actions.undo_target(docs)["kind"] == "correction"  # what undo would take back
    new = amend.reopen(docs, "r", reason="belum selesai", now=NOW)
    assert [e["data"]["target"] for e in new] == [docs[-2]["seq"], completion]
    state = runs.fold(docs + new, "r")
    assert (state.status, state.current) == ("in_progress", 4)
    assert state.steps[1].last.actor == "Budi"

    cancelled = state_of("cancelled")
    stop = event(cancelled, "run_cancelled")
    cancelled += amend.correct(cancelled, "r", event(cancelled, "step_completed")["seq"], reason="x", now=NOW,
                               note="dicek")
    new = amend.reopen(cancelled, "r", reason="salah batal", now=NOW)
    assert [e["data"]["target"] for e in new] == [stop["seq"]]
    assert runs.fold(cancelled + new, "r").status == "in_progress"
