"""Tests written against mutants of amend.py and actions.py that survived (docs/testing.md): the
exact words of every refusal (with the run and event numbers), who is recorded when nobody is
named, and the edges of what undo, reopen and a correction take."""

from __future__ import annotations

import pytest

from soptui import actions, amend, runs
from soptui.errors import RuleError
from tests.unit.test_actions import NOW, T0, at, started, states


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(RuleError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def finished() -> list[dict]:
    return states()["finished"]


def damaged() -> list[dict]:
    """A log whose last event has a kind no rule writes (a hand edit)."""
    docs = states()["one_done"]
    return docs[:-1] + [{**docs[-1], "kind": "nonsense"}]


@pytest.mark.parametrize("call, kwargs", [
    (amend.undo_last, {}), (amend.reopen, {}), (amend.cancel_run, {}), (amend.correct, {"seq": 2, "actor": "B"}),
])
def test_every_fix_names_the_run_of_a_damaged_log(call, kwargs):
    kwargs = dict(kwargs)  # the parameter stays whole for a second run of the test
    seq = kwargs.pop("seq", None)
    args = (damaged(), "run-7") + ((seq,) if seq else ())
    assert refusal(call, *args, reason="x", now=NOW, **kwargs) == "run run-7, event #2: field 'kind' is 'nonsense', not a kind of event"


def test_reopen_refusals_say_which_run():
    assert refusal(amend.reopen, states()["one_done"], "run-7", reason="x", now=NOW) == \
        "run run-7 is still in progress; there is nothing to reopen"
    # A finished run with no completion (only a hand-made log gets there): nothing to take back,
    # and never its start.
    docs = started()
    docs = docs + [runs.make_event(docs, "run_finished", T0, NOW, {})]
    assert actions.reopen_target(docs) is None
    assert refusal(amend.reopen, docs, "run-7", reason="x", now=NOW) == \
        "run run-7: nothing to undo (only the start is recorded; use cancel)"


def test_reopen_after_an_undone_correction_takes_back_the_last_completion():
    docs = finished()
    last = [e for e in docs if e["kind"] == "step_completed"][-1]
    docs = docs + amend.correct(docs, "r", last["seq"], reason="x", now=NOW, note="catatan")
    docs = docs + amend.undo_last(docs, "r", reason="koreksi keliru", now=NOW)  # the correction
    assert runs.fold(docs, "r").status == "finished"
    assert actions.reopen_target(docs) == last
    new = amend.reopen(docs, "r", reason="lanjut", now=NOW)
    assert [e["data"]["target"] for e in new] == [last["seq"] + 1, last["seq"]]  # the finish, then the completion
    assert runs.fold(docs + new, "r").status == "in_progress"


def test_nobody_named_is_recorded_as_nobody():
    docs = finished()
    assert [e["data"]["by"] for e in amend.reopen(docs, "r", reason="x", now=NOW)] == ["", ""]
    assert amend.correct(docs, "r", 2, reason="x", now=NOW, at=at(2))[0]["data"]["by"] == ""
    one_done = states()["one_done"]
    assert amend.cancel_run(one_done, "r", reason="batal", now=NOW)[0]["data"] == {"reason": "batal"}
    assert amend.cancel_run(one_done, "r", reason="batal", now=NOW, by=" Ani ")[0]["data"] == \
        {"reason": "batal", "by": "Ani"}


def test_correction_refusals_in_full():
    docs = finished()
    finish = next(e for e in docs if e["kind"] == "run_finished")
    assert refusal(amend.correct, docs, "r", finish["seq"], reason="x", now=NOW, at=at(40)) == \
        f"event #{finish['seq']} (run finished) follows the last step's completion; correct event #{finish['seq'] - 1}"
    assert refusal(amend.correct, docs, "r", 2, reason="x", now=NOW) == \
        "correction of #2: say what to correct (time, actor, output, evidence, note)"
    assert refusal(amend.correct, docs, "r", 1, reason="x", now=NOW, note="y") == \
        "correction of #1: note cannot be corrected on a 'run start' event (these can: time)"
    assert refusal(amend.correct, docs, "r", 2, reason="x", now=NOW, actor=" ") == \
        "correction of #2: who did it cannot be blank"
    assert refusal(amend.correct, docs, "r", 2, reason="x", now=NOW, note=docs[1]["data"]["note"]) == \
        "correction of #2: the values given are the ones recorded; nothing would change"
    undone = states()["undone"]
    assert refusal(amend.correct, undone, "run-7", 2, reason="x", now=NOW, at=at(3)) == \
        "run run-7: event 2 was undone and cannot be corrected"


def test_a_correction_to_the_recorded_moment_changes_nothing():
    docs = finished()
    recorded = runs.fold(docs, "r").steps[2].last.completed_at
    seq = next(e["seq"] for e in docs if e["kind"] == "step_completed" and e["data"]["step"] == 2)
    assert refusal(amend.correct, docs, "r", seq, reason="x", now=NOW, at=recorded) == \
        f"correction of #{seq}: the values given are the ones recorded; nothing would change"
    new = amend.correct(docs, "r", seq, reason="x", now=NOW, at=recorded, output="baru")
    assert "at" not in new[0]["data"] and new[0]["data"]["fields"] == {"output": "baru"}


def test_a_correction_to_exactly_now_is_accepted():
    docs = states()["one_done"]
    new = amend.correct(docs, "r", 2, reason="jam", now=at(30), at=at(30))
    assert new[0]["data"]["at"] == at(30).isoformat()
    assert runs.fold(docs + new, "r").steps[1].last.completed_at == at(30)


def test_correct_target_of_an_earlier_step_is_that_steps_latest_moment():
    docs = finished()
    state = runs.fold(docs, "r")
    first = next(e for e in docs if e["kind"] == "step_completed" and e["data"]["step"] == 1)
    assert actions.correct_target(state, 1)["seq"] == first["seq"]


def test_actions_that_are_not_the_rules_are_not_refused():
    state = runs.fold(finished(), "r")
    assert actions.can(state, "document") and actions.can(state, "summary")


@pytest.mark.parametrize("name, reopens", [
    ("fresh", False), ("one_done", False), ("undone", False), ("cancelled", True), ("finished", True)])
def test_undo_reopens_a_closed_run_only(name, reopens):
    assert actions.undo_reopens(runs.fold(states()[name], "r")) is reopens


def test_undo_after_a_correction_of_a_closed_run_takes_back_the_correction_not_the_close():
    for name in ("finished", "cancelled"):
        docs = states()[name]
        docs = docs + amend.correct(docs, "r", 2, reason="x", now=NOW, at=at(4))
        assert actions.undo_reopens(runs.fold(docs, "r")) is False, name


def test_late_count_of_a_row_with_nothing_late_is_zero():
    assert actions.late_count({"status": "finished", "late_done": 0}, NOW) == 0


def test_undo_of_a_finished_run_with_no_completion_reopens_nothing():
    docs = started()
    docs = docs + [runs.make_event(docs, "run_finished", T0, NOW, {})]  # only a hand-made log
    state = runs.fold(docs, "r")
    assert state.status == "finished" and actions.undo_target(docs) is None
    assert actions.undo_reopens(state) is False
