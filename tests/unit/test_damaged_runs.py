"""Damaged run files and index rows: each is reported by name with a reason, shown as damaged,
left as it is, and every other run stays usable. Also: leftovers of writers that died."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from soptui.cli import main
from soptui.config import load_config
from soptui.errors import RuleError, StoreError
from soptui.service import RunService
from soptui.sopfile import load_file
from soptui.store import STALE_AFTER, Store
from tests.conftest import SOPS, WIB, cli_en


def _later(path: Path) -> None:
    """A hand edit comes later than the last write: on a clock with coarse ticks the two could
    otherwise share a time stamp, and the index would rightly take its row for fresh."""
    later = time.time_ns() + 10**9
    os.utime(path, ns=(later, later))


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    _later(path)


def _undone_target(data: dict) -> str:
    return str(next(e for e in data["events"].values() if e["kind"] == "undo")["data"]["target"])


def _pop_last(n):
    def change(data):
        for _ in range(n):
            data["events"].pop(str(max(map(int, data["events"]))))
    return change


def _set(key, field, value):
    def change(data):
        data["events"][key][field] = value
    return change


def _rename_field(key, field, new):
    def change(data):
        data["events"][key][new] = data["events"][key].pop(field)
    return change


def _rename_key(data):
    data["events"]["x"] = data["events"].pop("3")


def _replace_by_number(data):
    data["events"]["3"] = 5


def _undone_at(data):
    data["events"][_undone_target(data)]["at"] = "garbage"


def _unknown_step(data):
    data["events"]["2"]["data"]["step"] = 99


def _json(change):
    return lambda path: _edit(path, change)


def _write(raw: bytes):
    def damage(path: Path) -> None:
        path.write_bytes(raw)
        _later(path)
    return damage


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    _later(path)


# name -> (how the file is damaged, what the reason says, whether the run can still be folded)
DAMAGES = {
    "event key renamed": (_json(_rename_key), "event key 'x' is not an event number", False),
    "event replaced by a number": (_json(_replace_by_number), "event #3 is not an event", False),
    "recorded_at garbage": (_json(_set("3", "recorded_at", "garbage")), "event #3: field 'recorded_at' is not a time", False),
    "undone event's at garbage": (_json(_undone_at), "event #3: field 'at' is not a time", False),
    "at without zone": (_json(_set("2", "at", "2026-11-23T08:10:00")), "event #2: field 'at' has no time zone", False),
    "kind renamed": (_json(_rename_field("2", "kind", "x")), "event #2: field 'kind' is missing", False),
    "kind unknown": (_json(_set("2", "kind", "step_skipped")), "event #2: field 'kind' is 'step_skipped'", False),
    "data not a table": (_json(_set("2", "data", [1])), "event #2: field 'data' is not a table of fields", False),
    "step not in the SOP": (_json(_unknown_step), "event #2: SOP karangploso-renja has no step 99", False),
    "last event removed": (_json(_pop_last(1)), "the record ends at event #5 but its head says #6: events were removed",
                           True),
    "last three events removed": (_json(_pop_last(3)), "the record ends at event #3 but its head says #6", True),
    "garbage bytes": (_write(b"\xff\xfe\x00garbage"), "damaged, not", False),
    "truncated file": (None, "damaged, not valid JSON", False),
    "empty file": (_write(b""), "file is empty (damaged)", False),
    "directory": (_directory, "cannot read", False),
}


@pytest.fixture
def data(workdir, monkeypatch):
    """Two runs of the same history: one to damage, one that stays good."""
    monkeypatch.setenv("COLUMNS", "250")  # messages on one line each
    config = load_config(str(workdir / "soptui.toml"))
    now = datetime(2026, 11, 23, 10, 0, tzinfo=WIB)
    svc = RunService(config.data_dir, WIB, clock=lambda: now)
    loaded = load_file(SOPS / "karangploso-renja.toml")
    ids = []
    for title in ("bad", "good"):
        run = svc.start(loaded, title=title, operator="op", at=now - timedelta(hours=2))
        # 1 start, 2 step 1, 3 step 2 (undone by 4), 5 step 2 again, 6 step 3
        svc.complete(run, 1, at=now - timedelta(minutes=110))
        svc.complete(run, 2, at=now - timedelta(minutes=100))
        svc.undo(run, "wrong")
        svc.complete(run, 2, at=now - timedelta(minutes=90))
        svc.complete(run, 3, at=now - timedelta(minutes=80))
        ids.append(run)
    return svc, ids[0], ids[1]


def _line(out: str, run_id: str) -> str:
    lines = [line for line in out.splitlines() if run_id in line]
    assert len(lines) == 1, out
    return " ".join(lines[0].split())


@pytest.mark.parametrize("kind", list(DAMAGES))
def test_a_damaged_run_is_shown_as_damaged_and_the_others_stay_usable(data, capsys, kind):
    svc, bad, good = data
    damage, reason, folds = DAMAGES[kind]
    path = svc.store.run_path(bad)
    if damage is None:
        path.write_bytes(path.read_bytes()[:200])
        _later(path)
    else:
        damage(path)
    before = path.read_bytes() if path.is_file() else None

    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert reason in err and str(path) in err or f"run {bad}" in err
    assert "karangploso-renja damaged" in _line(out, bad) or " damaged " in _line(out, bad)
    assert "in progress 3/12" in _line(out, good) and "damaged" not in _line(out, good)

    rc, out, _ = cli_en(capsys, "runs", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[bad]["damaged"] is True and reason in rows[bad]["problem"]
    assert rows[good]["damaged"] is False and rows[good]["problem"] is None  # one shape for every row
    rc, out, _ = cli_en(capsys, "runs", "--status", "damaged", "--json")
    assert [r["id"] for r in json.loads(out)] == [bad]

    rc, out, err = cli_en(capsys, "status", bad)
    if folds:  # the steps can be shown; the record's line says what is wrong
        assert rc == 0 and reason in out and "DAMAGED" in out
    else:
        assert rc == 1 and "damaged" in err and reason in err
        rc, out, _ = cli_en(capsys, "status", bad, "--json")
        assert rc == 1 and json.loads(out)["run"]["status"] == "damaged"

    rc, _, err = cli_en(capsys, "log", bad, "4")
    assert rc == 1 and err.startswith("soptui: ")
    assert cli_en(capsys, "verify", bad)[0] == 1

    # Nothing was written over the damaged file, and the good run works as before.
    assert (path.read_bytes() if path.is_file() else None) == before
    assert cli_en(capsys, "status", good)[0] == 0
    assert cli_en(capsys, "verify", good)[0] == 0
    rc, _, err = cli_en(capsys, "log", good, "4")
    assert rc == 0 and "Next: step 5" in err


def test_an_unreadable_file_is_named_with_the_systems_reason(data, capsys, monkeypatch):
    # The tests run as root, whom chmod 000 does not stop: the chmod is real (the index sees the
    # file changed), the refusal to read it is simulated.
    svc, bad, good = data
    path = svc.store.run_path(bad)
    os.chmod(path, 0)
    _later(path)
    from soptui.store import tinyfiles
    real = tinyfiles.read_regular

    def read_regular(where, max_bytes=None):
        if Path(where) == path:
            raise PermissionError(13, "Permission denied", str(where))
        return real(where, max_bytes)
    monkeypatch.setattr(tinyfiles, "read_regular", read_regular)  # the one way run files are read
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and f"{path}: cannot read: Permission denied" in err
    assert " damaged — " in _line(out, bad)
    rc, _, err = cli_en(capsys, "status", bad)
    assert rc == 1 and "Permission denied" in err
    assert cli_en(capsys, "status", good)[0] == 0


def test_fold_messages_name_the_run_the_event_and_the_field(data):
    svc, bad, _ = data
    path = svc.store.run_path(bad)
    _edit(path, _set("3", "recorded_at", "garbage"))
    with pytest.raises(RuleError) as exc:
        svc.state(bad)
    assert str(exc.value) == f"run {bad}, event #3: field 'recorded_at' is not a time"
    _edit(path, _set("3", "recorded_at", "2026-11-23T08:20:00+07:00"))
    _edit(path, lambda d: d["events"]["4"]["data"].update(target=40))
    with pytest.raises(RuleError, match=r"event #4: field 'data.target' names #40, not an earlier event"):
        svc.state(bad)
    _edit(path, lambda d: d["events"]["4"]["data"].update(target=1))
    with pytest.raises(RuleError, match="event #4: undoes the start of the run"):
        svc.state(bad)
    _edit(path, lambda d: d["events"]["4"].update(kind="decision", data={"step": 2, "verdict": "mungkin"}))
    with pytest.raises(RuleError, match="event #4: field 'data.verdict' must be ya or tidak"):
        svc.state(bad)
    # The chain check tells, besides, that these were edits made after the events were recorded.
    assert svc.verify(bad) == "event 3: content was changed after it was recorded (hash differs)"


def test_the_reasons_are_in_indonesian_too(data, capsys):
    svc, bad, _ = data
    _edit(svc.store.run_path(bad), _set("3", "at", "garbage"))
    assert main(["--lang", "id", "runs"]) == 0
    out, err = capsys.readouterr()
    assert f"pelaksanaan {bad}, kejadian #3: kolom 'at' bukan waktu" in err
    assert " rusak " in _line(out, bad)


def _rows(svc) -> dict:
    rows, problems = svc.store.index_rows()
    assert problems == []
    return {r["id"]: r for r in rows}


def _edit_row(svc, run_id: str, change) -> Path:
    for shard in svc.store.index_dir.glob("*.json"):
        raw = json.loads(shard.read_text())
        for key, row in raw["runs"].items():
            if row["id"] == run_id:
                change(raw["runs"], key)
                shard.write_text(json.dumps(raw))
                return shard
    raise AssertionError(run_id)


@pytest.mark.parametrize("change", [
    lambda rows, key: rows[key].update(updated_at="garbage"),
    lambda rows, key: rows[key].update(current_due_at="31/02"),
    lambda rows, key: rows[key].update(done="three", mtime_ns=None),
    lambda rows, key: rows[key].update(status="x"),
    lambda rows, key: rows.update({key: 5}),
    lambda rows, key: rows.update({"x": rows.pop(key)}),
    lambda rows, key: rows[key].pop("v"),  # a row of an older soptui
], ids=["updated_at", "due", "numbers", "status", "number", "key", "version"])
def test_a_malformed_index_row_is_ignored_and_rebuilt(data, capsys, change):
    svc, bad, good = data
    # as written by a service without a calendar: its lateness not measured (None) until rebuilt
    expected = {k: v for k, v in _rows(svc)[good].items()
                if k not in ("late_done", "late_steps", "current_due_at", "current_due_shown")}
    _edit_row(svc, good, change)
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and err == ""
    assert "good karangploso-renja in progress 3/12 ▸4" in _line(out, good)
    assert expected.items() <= _rows(svc)[good].items()  # written again (with lateness: the CLI has a calendar)
    assert cli_en(capsys, "status", good)[0] == 0


def test_a_damaged_shard_is_named_and_its_runs_listed_from_their_files(data, capsys):
    svc, bad, good = data
    shard = _edit_row(svc, good, lambda rows, key: None)
    shard.write_text('{"runs": {"1": ')
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and f"{shard}: the run index was damaged and has been rebuilt from the run files" in err
    assert sum(good in line for line in out.splitlines()) == 1
    assert good in _rows(svc)  # a cache: written anew from the run files (tests/unit/test_data_files.py)


# -- leftovers of writers that died --------------------------------------------------------------

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _tmp(folder: Path, target: str, pid: int, age: float = 0.0) -> Path:
    path = folder / f".{target}.{pid}.{os.urandom(4).hex()}.tmp"
    path.write_text("{half")
    if age:
        past = time.time() - age
        os.utime(path, (past, past))
    return path


def test_temporary_files_of_dead_or_long_gone_writers_are_removed(data, capsys):
    svc, bad, good = data
    store = svc.store
    shard = next(store.index_dir.glob("*.json")).name
    dead, alive = _dead_pid(), os.getpid()
    gone = [_tmp(store.runs_dir, f"{good}.json", dead), _tmp(store.index_dir, shard, dead),
            _tmp(store.runs_dir, f"{bad}.json", alive, age=STALE_AFTER + 60)]
    kept = [_tmp(store.runs_dir, f"{good}.json", alive),            # a writer still at work
            _tmp(store.runs_dir, "notes.txt", dead)]                 # not one of ours
    assert cli_en(capsys, "runs")[0] == 0
    assert [p.exists() for p in gone] == [False] * 3
    assert [p.exists() for p in kept] == [True, True]
    assert cli_en(capsys, "status", good)[0] == 0


def test_a_shards_leftovers_go_when_its_lock_is_taken(data):
    svc, _, good = data
    shard = svc.store._shard_path(svc.store._shard(good))
    left = _tmp(shard.parent, shard.name, _dead_pid())
    other = _tmp(shard.parent, "99.json", _dead_pid())  # another shard's: waits for its own lock
    svc.complete(good, 4, at=svc.now())
    assert not left.exists() and other.exists()


def test_leftovers_are_removed_only_under_their_files_lock(data):
    svc, _, good = data
    left = _tmp(svc.store.runs_dir, f"{good}.json", _dead_pid())
    impatient = Store(svc.store.root, lock_timeout=0.05)
    with svc.store._lock(f"run-{good}"):  # a writer holds the run: its temporary file may be in use
        assert impatient.remove_leftovers([left.name], impatient.runs_dir) == 0
        assert left.exists()
    assert impatient.remove_leftovers([left.name], impatient.runs_dir) == 1
    assert not left.exists()


def test_a_store_error_is_never_a_python_error(data):
    svc, bad, _ = data
    path = svc.store.run_path(bad)
    _edit(path, _rename_key)
    for call in (lambda: svc.state(bad), lambda: svc.verify(bad), lambda: svc.complete(bad, 4),
                 lambda: svc.events(bad)):
        with pytest.raises(StoreError, match="event key 'x' is not an event number"):
            call()
