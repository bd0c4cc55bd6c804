"""Files of the data folder that are not what they should be: a pipe in a file's place is refused
without waiting (a run file or an index shard named as unreadable, a preference or a cache
ignored), the holiday cache is a checked file of a known shape, a damaged index shard is rebuilt
from the run files and said once, and a lock or index folder that cannot be used never hides the
runs."""

from __future__ import annotations

import json
import os
import signal
from datetime import date
from pathlib import Path

import pytest

from soptui.atomicfile import read_checked, write_checked
from soptui.calendar import CalendarSettings, national_holidays
from soptui.holidaycache import _package_stamp, office_calendar
from soptui.store import Store
from tests.conftest import cli_en


@pytest.fixture(autouse=True)
def never_waits():
    """Opening a pipe that has no writer waits forever: fail the test instead of hanging it."""
    def stop(signum, frame):
        raise AssertionError("waited on a pipe")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def runs(workdir, capsys, monkeypatch) -> list[str]:
    """Three runs, each with a step done, their rows in the index."""
    monkeypatch.setenv("COLUMNS", "250")  # messages on one line each
    ids = []
    for title in ("one", "two", "three"):
        rc, out, err = cli_en(capsys, "start", "karangploso-renja", "--title", title, "--at", "2026-11-23 08:00")
        assert rc == 0, err
        ids.append(out.strip())
        assert cli_en(capsys, "log", ids[-1], "1", "--at", "2026-11-23 09:00")[0] == 0
    assert cli_en(capsys, "runs") == (0, cli_en(capsys, "runs")[1], "")
    return ids


def _data(workdir: Path) -> Path:
    return workdir / "data"


def _pipe(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _shard_of(store: Store, run_id: str) -> Path:
    return store.index_dir / f"{store._shard(run_id):02d}.json"


# -- one way to read a data file ------------------------------------------------------------------

def test_reading_refuses_a_pipe_a_folder_and_reads_a_file(tmp_path):
    from soptui.atomicfile import NotRegularFile, read_regular
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegularFile):
        read_regular(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path / "folder")
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing")
    (tmp_path / "file").write_bytes(b"0123456789")
    assert read_regular(tmp_path / "file") == b"0123456789"
    assert read_regular(tmp_path / "file", max_bytes=3) == b"0123"  # one more: the caller sees it is bigger


# -- a pipe in a file's place ------------------------------------------------------------------------

def test_a_pipe_for_the_preferences_is_ignored_and_the_run_is_started(workdir, capsys):
    _data(workdir).mkdir()
    os.mkfifo(_data(workdir) / "prefs.json")
    rc, out, err = cli_en(capsys, "start", "karangploso-renja", "--title", "x", "--operator", "Sri")
    assert rc == 0, err
    run_id = out.strip()
    assert (_data(workdir) / "runs" / f"{run_id}.json").is_file()
    # Written by rename over the pipe: the operator is remembered after all.
    assert Store(_data(workdir)).read_prefs() == {"last_operator": "Sri"}


def test_a_pipe_for_the_holiday_cache_is_ignored(runs, workdir, capsys):
    cache = next((_data(workdir) / "cache").glob("holidays-ID-2026-*.json"))
    _pipe(cache)
    for argv in (["runs"], ["due"], ["summary", runs[0]]):
        rc, out, err = cli_en(capsys, *argv)
        assert rc == 0 and err == "", (argv, err)
    assert cache.is_file()  # written anew


def test_a_pipe_for_a_run_file_is_named_and_the_other_runs_stay_usable(runs, workdir, capsys):
    bad, good = runs[0], runs[1]
    path = _data(workdir) / "runs" / f"{bad}.json"
    _pipe(path)
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert err.strip() == f"{path}: cannot read: Not a regular file (a pipe or a device)"
    assert "damaged" in next(line for line in out.splitlines() if bad in line)
    assert "in progress" in next(line for line in out.splitlines() if good in line)
    assert cli_en(capsys, "due")[0] == 0
    for command in ("summary", "verify", "status"):
        rc, out, err = cli_en(capsys, command, bad)
        assert rc == 1 and f"{path}: cannot read: Not a regular file" in err, (command, err)
        assert cli_en(capsys, command, good)[0] == 0
    assert path.exists() and not path.is_file()  # never written over


def test_a_pipe_for_an_index_shard_is_named_and_every_run_listed(runs, workdir, capsys):
    shard = _shard_of(Store(_data(workdir)), runs[0])
    _pipe(shard)
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert err.strip() == f"{shard}: cannot read: Not a regular file (a pipe or a device)"  # once
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)


# -- the holiday cache ----------------------------------------------------------------------------

EXPECTED = national_holidays(2026, ("public", "government"))


def _holidays(data_dir: Path) -> frozenset[date]:
    return office_calendar(CalendarSettings(), data_dir).holidays_in(2026)


def _cache_file(data_dir: Path) -> Path:
    assert _holidays(data_dir) == EXPECTED
    files = list((data_dir / "cache").glob("holidays-ID-2026-*.json"))
    assert len(files) == 1
    return files[0]


@pytest.mark.parametrize("raw", [b"[]", b"null", b'"x"', b"7", b"{}", b'{"stamp": 1, "dates": 2}', b"{damaged",
                                 b"\xff\xfe", b""])
def test_a_holiday_cache_of_any_other_shape_is_rebuilt_quietly(tmp_path, raw):
    path = _cache_file(tmp_path)
    path.write_bytes(raw)
    assert _holidays(tmp_path) == EXPECTED
    head, body = read_checked(path)  # written anew, as a checked file
    assert head == {"stamp": _package_stamp()}
    assert frozenset(date.fromisoformat(d) for d in json.loads(body)) == EXPECTED


@pytest.mark.parametrize("body", [b'{"dates": []}', b'["not a date"]', b"[1, 2]", b'[["2026-01-01"]]', b"nul"])
def test_a_checked_holiday_cache_that_is_not_a_list_of_dates_is_rebuilt(tmp_path, body):
    path = _cache_file(tmp_path)
    write_checked(path, {"stamp": _package_stamp()}, body)
    assert _holidays(tmp_path) == EXPECTED
    assert json.loads(read_checked(path)[1]) == sorted(d.isoformat() for d in EXPECTED)


def test_holiday_dates_changed_under_a_matching_stamp_are_not_trusted(tmp_path):
    path = _cache_file(tmp_path)
    head, _, body = path.read_bytes().partition(b"\n")
    forged = body.replace(b"2026-01-01", b"2026-01-02")
    assert forged != body
    path.write_bytes(head + b"\n" + forged)  # the checksum no longer matches
    assert _holidays(tmp_path) == EXPECTED
    # the old unchecked shape, with the right stamp and one date removed, is not trusted either
    path.write_text(json.dumps({"stamp": _package_stamp(), "dates": ["2026-12-25"]}))
    assert _holidays(tmp_path) == EXPECTED


def test_a_holiday_cache_from_another_package_is_computed_again(tmp_path):
    path = _cache_file(tmp_path)
    write_checked(path, {"stamp": "another"}, b'["2026-03-03"]')
    assert _holidays(tmp_path) == EXPECTED


# -- a damaged index shard -----------------------------------------------------------------------

def test_a_damaged_shard_is_rebuilt_from_the_run_files_and_said_once(runs, workdir, capsys):
    store = Store(_data(workdir))
    shard = _shard_of(store, runs[0])
    before = json.loads(shard.read_text())
    shard.write_bytes(shard.read_bytes()[:20])  # cut short
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert err.strip() == f"{shard}: the run index was damaged and has been rebuilt from the run files " \
                          "(only the index; no record was lost)"
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)
    after = json.loads(shard.read_text())  # written anew, with the same runs
    assert sorted(r["id"] for r in after["runs"].values()) == sorted(r["id"] for r in before["runs"].values())
    for argv in (["runs"], ["due"], ["summary", runs[0]]):
        assert cli_en(capsys, *argv)[2] == ""  # repaired: nothing more to say


@pytest.mark.parametrize("command", [["due"], ["summary", "first"], ["stats", "karangploso-renja"]])
def test_every_command_says_it_at_most_once(runs, workdir, capsys, command):
    shard = _shard_of(Store(_data(workdir)), runs[0])
    shard.write_text("")
    argv = [runs[0] if word == "first" else word for word in command]
    rc, out, err = cli_en(capsys, *argv)
    assert rc == 0, err
    after = cli_en(capsys, "runs")[2]  # rebuilt by the command if it reads the index, else by the listing
    assert (err + after).count(str(shard)) == 1 and "left as it is" not in err + after, err + after
    assert cli_en(capsys, "runs")[2] == ""


def test_a_damaged_shard_with_no_runs_is_written_anew_empty(runs, workdir, capsys):
    store = Store(_data(workdir))
    used = {store._shard(run_id) for run_id in runs}
    shard = store.index_dir / f"{next(n for n in range(64) if n not in used):02d}.json"
    shard.write_bytes(b"\x00garbage")
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and err.strip().startswith(f"{shard}: the run index was damaged and has been rebuilt")
    assert json.loads(shard.read_text()) == {"runs": {}}
    assert cli_en(capsys, "runs")[2] == ""


def test_a_run_file_is_never_written_over_while_its_shard_is_rebuilt(runs, workdir, capsys):
    store = Store(_data(workdir))
    run_file = store.run_path(runs[0])
    run_file.write_text('{"events": {"1": ')
    shard = _shard_of(store, runs[0])
    shard.write_text('{"runs": ')
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert f"{run_file}: damaged, not valid JSON" in err and f"{shard}: the run index was damaged" in err
    assert run_file.read_text() == '{"events": {"1": '  # a record: left as it is
    assert "damaged" in next(line for line in out.splitlines() if runs[0] in line)


# -- a lock or an index folder that cannot be used -----------------------------------------------

def test_a_folder_in_place_of_a_shards_lock_never_hides_the_runs(runs, workdir, capsys):
    store = Store(_data(workdir))
    shard = _shard_of(store, runs[0])
    lock = store.locks_dir / f"index-{shard.stem}.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    shard.unlink()  # its rows must be written again: the lock is needed
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert err.strip() == f"{lock}: cannot take the lock: Is a directory"
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)
    # recording still works (the row waits for the lock to be usable again)
    assert cli_en(capsys, "log", runs[0], "2", "--at", "2026-11-23 09:30")[0] == 0


def test_a_lock_that_cannot_be_opened_is_named(runs, workdir, capsys, monkeypatch):
    store = Store(_data(workdir))
    shard = _shard_of(store, runs[0])
    shard.unlink()
    from filelock import FileLock

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", self.lock_file)
    monkeypatch.setattr(FileLock, "acquire", refuse)  # as chmod 000 does for anyone but root
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0
    assert err.strip() == f"{store.locks_dir / f'index-{shard.stem}.lock'}: cannot take the lock: Permission denied"
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)


def test_an_index_folder_that_cannot_be_listed_never_hides_the_runs(runs, workdir, capsys, monkeypatch):
    index = _data(workdir) / "index"
    real = os.scandir

    def scandir(path="."):
        if Path(path) == index:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and f"{index}: cannot list the folder: Permission denied" in err.splitlines()[0]
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)


def test_a_file_in_place_of_the_index_folder_never_hides_the_runs(runs, workdir, capsys):
    index = _data(workdir) / "index"
    for entry in index.iterdir():
        entry.unlink()
    index.rmdir()
    index.write_text("not a folder")
    rc, out, err = cli_en(capsys, "runs")
    assert rc == 0 and str(index) in err and len(err.splitlines()) == 1, err
    assert all(sum(run_id in line for line in out.splitlines()) == 1 for run_id in runs)
    assert index.read_text() == "not a folder"


def test_a_failed_write_names_the_file_it_was_to_become(tmp_path, monkeypatch):
    import errno

    from soptui.atomicfile import write_atomic

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")  # what a full disk says: no file named
    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "runs" / "20261123-abc.json"
    with pytest.raises(OSError) as info:
        write_atomic(target, b"{}")
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(target)  # not the hidden temporary
    assert list(target.parent.iterdir()) == []  # nothing half-written left behind


def test_a_damaged_figures_shard_is_written_anew_with_the_figures_rebuilt(tmp_path):
    store = Store(tmp_path / "data")
    shard = store.root / "figs" / f"{store.figs_shard('20260105-aaaaaa')}.json"
    shard.parent.mkdir(parents=True)
    shard.write_text("{not json", encoding="utf-8")  # a cache: its runs' figures are rebuilt
    store.put_stepfigs_many([{"id": "20260105-aaaaaa", "sop_key": "k", "sop": {"steps": []}}])
    assert "20260105-aaaaaa" in store.stepfigs_of(["20260105-aaaaaa"])  # written over, not refused
