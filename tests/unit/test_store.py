"""Durability: kills in the middle of writes, several writers at once, damaged files."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta

import pytest

from soptui.errors import StoreError
from soptui.runs import verify_chain
from soptui.service import RunService
from soptui.sopfile import load_file

from tests.conftest import ROOT, SOPS, WIB

PRELUDE = textwrap.dedent(f"""
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    sys.path.insert(0, {str(ROOT)!r})
    from soptui.service import RunService
    from soptui.sopfile import load_file
    WIB = ZoneInfo("Asia/Jakarta")
    svc = RunService(Path(sys.argv[1]), WIB)
""")

# Completes step 1 and undoes it, forever; prints each acknowledged sequence number.
LOGGER = PRELUDE + textwrap.dedent("""
    run = sys.argv[2]
    state = svc.state(run)
    while True:
        if state.current == 1:
            state = svc.complete(run, 1, actor="x", output="y")
        else:  # a kill may have landed between a completion and its undo
            state = svc.undo(run, "loop")
        print(state.events[-1]["seq"], flush=True)
""")

WRITER = PRELUDE + textwrap.dedent("""
    run, n = sys.argv[2], int(sys.argv[3])
    loaded = load_file(sys.argv[4])
    for i in range(n):
        svc.start(loaded, title=f"p{sys.argv[5]}-{i}", operator="op")
        svc.correct(run, 1, datetime.now(WIB) - timedelta(hours=1, minutes=i), f"writer {sys.argv[5]}")
""")


def _start_run(data) -> str:
    svc = RunService(data, WIB)
    return svc.start(load_file(SOPS / "karangploso-renja.toml"), title="T", operator="op",
                     at=datetime.now(WIB) - timedelta(hours=2))


def test_sigkill_never_leaves_an_unreadable_file_or_loses_an_acknowledged_event(tmp_path):
    data = tmp_path / "data"
    run = _start_run(data)
    rng = random.Random(7)
    acknowledged = 1
    for _ in range(40):
        proc = subprocess.Popen([sys.executable, "-c", LOGGER, str(data), run],
                                stdout=subprocess.PIPE, text=True)
        # Let it write a few events, then kill it at a random moment of the next write.
        for _ in range(rng.randint(1, 6)):
            line = proc.stdout.readline()
            if line.strip():
                acknowledged = max(acknowledged, int(line))
        time.sleep(rng.uniform(0, 0.03))  # land the kill anywhere in the next write
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        for line in rest.split():
            acknowledged = max(acknowledged, int(line))
        events = RunService(data, WIB).events(run)  # raises if the file were unreadable
        assert verify_chain(events) is None
        assert events[-1]["seq"] >= acknowledged
    assert acknowledged > 25


def test_several_processes_writing_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"
    shared = _start_run(data)
    writers, per_writer = 4, 6
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data), shared, str(per_writer),
                               str(SOPS / "karangploso-renja.toml"), str(w)])
             for w in range(writers)]
    assert [p.wait(timeout=120) for p in procs] == [0] * writers
    svc = RunService(data, WIB)
    events = svc.events(shared)
    assert len(events) == 1 + writers * per_writer
    assert verify_chain(events) is None
    rows, problems = svc.index()
    assert problems == []
    assert len(rows) == 1 + writers * per_writer
    assert len(svc.store.run_ids()) == 1 + writers * per_writer


def test_damaged_run_file_is_reported_and_left_alone(tmp_path, clock):
    data = tmp_path / "data"
    svc = RunService(data, WIB, clock=clock)
    loaded = load_file(SOPS / "karangploso-renja.toml")
    good = svc.start(loaded, title="good", operator="op", at=clock() - timedelta(hours=1))
    bad = svc.start(loaded, title="bad", operator="op", at=clock() - timedelta(hours=1))
    path = svc.store.run_path(bad)
    path.write_text('{"events": {"1": {"seq": 1, "ki')
    damaged = path.read_bytes()
    with pytest.raises(StoreError, match=str(path)):
        svc.complete(bad, 1, actor="x")
    with pytest.raises(StoreError, match="damaged"):
        svc.state(bad)
    assert path.read_bytes() == damaged
    svc.complete(good, 1, actor="x", at=clock() - timedelta(minutes=5))
    rows, problems = svc.index()
    assert {r["id"] for r in rows} == {good, bad}  # the index still lists it
    assert svc.state(good).steps[1].last.actor == "x"


def test_index_is_repaired_from_run_files(tmp_path, clock):
    data = tmp_path / "data"
    svc = RunService(data, WIB, clock=clock)
    run = svc.start(load_file(SOPS / "karangploso-renja.toml"), title="T", operator="op",
                    at=clock() - timedelta(hours=1))
    for shard in (data / "index").iterdir():
        shard.unlink()
    rows, _ = svc.index()
    assert [r["id"] for r in rows] == [run]
    # A write that landed in the run file but not in the index (a crash between the two).
    events = svc.events(run)
    from soptui.runs import complete_step
    new = complete_step(events, run, 1, at=clock() - timedelta(minutes=1), now=clock())
    with svc.store.transaction(run) as tx:
        tx.append(new)
    rows, _ = svc.index()
    assert rows[0]["done"] == 1 and rows[0]["current_step"] == 2


def test_run_file_is_plain_tinydb_json(tmp_path, clock):
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    run = svc.start(load_file(SOPS / "karangploso-renja.toml"), title="T", operator="op",
                    at=clock() - timedelta(hours=1))
    raw = json.loads(svc.store.run_path(run).read_text())
    assert list(raw) == ["events", "head"] and raw["events"]["1"]["kind"] == "run_started"
    from tinydb import TinyDB
    db = TinyDB(svc.store.run_path(run))
    assert [d["kind"] for d in db.table("events").all()] == ["run_started"]
    assert db.table("head").all() == [{"seq": 1, "hash": raw["events"]["1"]["hash"]}]
    db.close()
    assert not any(n.endswith(".tmp") for n in os.listdir(svc.store.runs_dir))
