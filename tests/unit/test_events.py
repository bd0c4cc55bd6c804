"""Typed events (events.py): the shape check and the types say the same, and typing them changed
nothing that is stored or hashed. tests/data/runs/20261123-d480c4.json was written by soptui before
events had types (every kind: a rework, a correction of a moment and an output, undo of a finish,
a cancellation and its reopening); it must keep verifying and folding, and the events written now
must hash as those did."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import get_args

import pytest

from soptui import events
from soptui.integrity import KINDS, OPTIONAL_TABLE, OPTIONAL_TEXT, OPTIONAL_TIME, event_hash
from soptui.runs import make_event
from soptui.service import RunService
from tests.conftest import WIB

RUNS = Path(__file__).parent.parent / "data" / "runs"
OLD_RUN = "20261123-d480c4"


@pytest.fixture
def old(tmp_path, clock) -> RunService:
    (tmp_path / "runs").mkdir()
    shutil.copy(RUNS / f"{OLD_RUN}.json", tmp_path / "runs" / f"{OLD_RUN}.json")
    return RunService(tmp_path, WIB, clock=clock)


def test_every_kind_has_one_typed_shape_the_same_as_the_shape_check():
    assert set(get_args(events.Kind)) == set(KINDS) == set(events.DATA)
    for kind, spec in KINDS.items():
        data = events.DATA[kind]
        assert set(data.__annotations__) == set(spec), kind
        optional = {field for field, expected in spec.items() if expected in (OPTIONAL_TEXT, OPTIONAL_TABLE,
                                                                               OPTIONAL_TIME)}
        assert data.__optional_keys__ == optional, kind
    assert {get_args(e.__annotations__["kind"])[0] for e in get_args(events.Event)} == set(KINDS)


def test_a_run_file_written_before_events_had_types_still_verifies_and_folds(old):
    assert old.verify(OLD_RUN) is None
    state = old.state(OLD_RUN)
    assert [e["kind"] for e in state.events].count("undo") == 3 and len(state.events) == 16
    assert state.status == "finished" and state.rework_loops == 1 and state.title == 'Contoh — uji ✎ "kutip"'
    second = state.steps[2].attempts[1]
    assert second.output == "Konsep v2" and second.corrected == {"completed_at", "output"}
    assert second.completed_at == datetime(2026, 11, 23, 9, 50, tzinfo=WIB)
    assert state.steps[4].last.output == "akhir"  # the completion after the reopening counts


def test_events_built_now_are_the_stored_ones_byte_for_byte():
    stored = json.loads((RUNS / f"{OLD_RUN}.json").read_text(encoding="utf-8"))["events"]
    docs = [stored[key] for key in sorted(stored, key=int)]
    rebuilt: list[events.Event] = []
    for doc in docs:
        rebuilt.append(make_event(rebuilt, doc["kind"], datetime.fromisoformat(doc["at"]),
                                  datetime.fromisoformat(doc["recorded_at"]), doc["data"]))
    assert rebuilt == docs
    assert [event_hash(e) for e in rebuilt] == [d["hash"] for d in docs]
    assert [json.dumps(e, ensure_ascii=False) for e in rebuilt] == [json.dumps(d, ensure_ascii=False) for d in docs]


def test_the_old_file_takes_new_events_and_still_verifies(old, clock):
    clock.set("2026-11-23T12:00")
    state = old.undo(OLD_RUN, "belum diarsipkan", by="Ani")
    assert state.status == "in_progress" and state.current == 4
    assert old.verify(OLD_RUN) is None
    new = old.events(OLD_RUN)[-2:]
    assert [e["kind"] for e in new] == ["undo", "undo"] and new[0]["prev_hash"] == state.events[15]["hash"]
