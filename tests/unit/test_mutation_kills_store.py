"""Tests written against mutants of store.py that survived (docs/testing.md): leftovers of dead
writers removed one by one (and counted), the names of the locks that guard them, what counts as a
run file, and index rows that keep their place, survive a damaged neighbour and honour `keep`."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from filelock import FileLock

from soptui.errors import StoreError
from soptui.store import AtomicJSONStorage, Store


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(tmp_path / "data", lock_timeout=0.05)
    s.runs_dir.mkdir(parents=True, exist_ok=True)
    s.index_dir.mkdir(parents=True, exist_ok=True)
    return s


def leftover(folder: Path, target: str, *, stale: bool = True, pid: int = 1, n: int = 0) -> Path:
    """A writer's temporary file for `target`; stale ones are an hour old."""
    path = folder / f".{target}.{pid}.{n:08x}.tmp"
    path.write_text("{}", encoding="utf-8")
    if stale:
        old = time.time() - 3600
        os.utime(path, (old, old))
    return path


def test_every_stale_leftover_is_removed_and_counted(store):
    paths = [leftover(store.runs_dir, "r1.json", n=i) for i in range(3)]
    junk = store.runs_dir / ".junk.tmp"  # a hidden .tmp that no writer of ours makes
    junk.write_text("", encoding="utf-8")
    names = [junk.name] + [p.name for p in paths]
    assert store.remove_leftovers(names, store.runs_dir) == 3
    assert not any(p.exists() for p in paths) and junk.exists()


def test_a_leftover_that_is_not_stale_or_cannot_be_removed_counts_nothing(store):
    fresh = leftover(store.runs_dir, "r1.json", stale=False, pid=os.getpid())
    folder = leftover(store.runs_dir, "r2.json", n=1)
    folder.unlink()
    folder.mkdir()  # a folder with a leftover's name: unlink fails
    old = time.time() - 3600
    os.utime(folder, (old, old))
    assert store.remove_leftovers([fresh.name, folder.name], store.runs_dir) == 0
    assert fresh.exists() and folder.is_dir()


def test_a_busy_file_does_not_stop_the_removal_of_the_next_ones(store):
    busy = leftover(store.runs_dir, "r1.json")
    free = leftover(store.runs_dir, "r2.json", n=1)
    with FileLock(str(store.locks_dir / "run-r1.lock")):
        assert store.remove_leftovers([busy.name, free.name], store.runs_dir) == 1
    assert busy.exists() and not free.exists()


def test_each_leftover_is_guarded_by_the_lock_of_the_file_it_was_to_replace(store):
    elsewhere = store.runs_dir.parent / "elsewhere"
    assert store._lock_name(store.runs_dir, "05.json") == "run-05"
    assert store._lock_name(store.index_dir, "05.json") == "index-05"
    assert store._lock_name(store.index_dir, "r-1.json") is None
    assert store._lock_name(store.index_dir, "٣.json") is None  # a digit, but not one of ours
    assert store._lock_name(elsewhere, "05.json") is None
    assert store._lock_name(elsewhere, "٣.json") is None
    assert store._lock_name(store.runs_dir, "05.txt") is None


def test_only_files_named_as_runs_are_runs(store):
    for name in ("r-1.json", "abcde fg.json", "abcd!.json", ".r-2.json"):
        (store.runs_dir / name).write_text("{}", encoding="utf-8")
    assert store.scan_runs()[0] == ["r-1"]


def test_only_hidden_temporary_files_are_index_leftovers(store):
    for name in ("05.json", "x.tmp", ".05.json.1.00000000.tmp", ".notes"):
        (store.index_dir / name).write_text("{}", encoding="utf-8")
    assert store.index_leftovers() == [".05.json.1.00000000.tmp"]


def test_a_file_that_is_not_text_is_refused_naming_the_byte(store):
    path = store.runs_dir / "r-1.json"
    path.write_bytes(b'{"events": "\xff"}')
    with pytest.raises(StoreError) as caught:
        AtomicJSONStorage(path).read()
    assert str(caught.value) == f"{path}: damaged, not text (byte 12); it was left as it is"


def ids_in_one_shard(store: Store, n: int) -> list[str]:
    first = store._shard("r-0")
    return [r for r in (f"r-{i}" for i in range(2000)) if store._shard(r) == first][:n]


def ids_in_two_shards(store: Store) -> tuple[str, str]:
    other = next(f"r-{i}" for i in range(1, 2000) if store._shard(f"r-{i}") != store._shard("r-0"))
    return "r-0", other


def test_a_row_updated_keeps_its_place_and_its_neighbours(store):
    a, b, c = ids_in_one_shard(store, 3)
    store.put_index_rows([{"id": a, "n": 1}, {"id": b, "n": 1}, {"id": c, "n": 1}])
    store.put_index_row({"id": a, "n": 2})
    rows, problems = store.index_rows()
    assert sorted(rows, key=lambda r: r["id"]) == sorted([{"id": a, "n": 2}, {"id": b, "n": 1}, {"id": c, "n": 1}],
                                                         key=lambda r: r["id"]) and problems == []
    shard = json.loads((store.index_dir / f"{store._shard(a):02d}.json").read_text(encoding="utf-8"))
    assert {key: row["id"] for key, row in shard["runs"].items()} == {"1": a, "2": b, "3": c}  # its key kept


def test_keep_leaves_a_newer_row_where_it_is(store):
    a, b = ids_in_one_shard(store, 2)
    store.put_index_rows([{"id": a, "n": 5}, {"id": b, "n": 1}])
    assert store.put_index_row({"id": a, "n": 3}, keep=lambda old: old["n"] > 3) is False
    assert store.put_index_row({"id": b, "n": 3}, keep=lambda old: old["n"] > 3) is True
    assert sorted(store.index_rows()[0], key=lambda r: r["id"]) == sorted([{"id": a, "n": 5}, {"id": b, "n": 3}],
                                                                          key=lambda r: r["id"])


def test_a_row_kept_stays_when_its_neighbours_are_written_in_the_same_write(store):
    a, b = ids_in_one_shard(store, 2)
    store.put_index_rows([{"id": a, "n": 5}, {"id": b, "n": 1}])
    written = store.put_index_rows([{"id": a, "n": 3}, {"id": b, "n": 3}], keep=lambda old, new: old["n"] > new["n"])
    assert written == [b]
    assert sorted(store.index_rows()[0], key=lambda r: r["id"]) == sorted([{"id": a, "n": 5}, {"id": b, "n": 3}],
                                                                          key=lambda r: r["id"])


def test_malformed_rows_in_a_shard_do_not_hide_the_rows_after_them(store):
    a, b = ids_in_one_shard(store, 2)
    path = store.index_dir / f"{store._shard(a):02d}.json"
    path.write_text(json.dumps({"runs": {"x": {"id": "zz"}, "1": {"id": ["odd"]}, "2": {"id": a, "n": 1}}}),
                    encoding="utf-8")
    store.put_index_row({"id": b, "n": 1})
    rows = store.index_rows()[0]
    assert {"id": a, "n": 1} in rows and {"id": b, "n": 1} in rows


def test_rows_of_many_shards_are_all_written_and_reported(store):
    a, b = ids_in_two_shards(store)
    assert sorted(store.put_index_rows([{"id": a}, {"id": b}])) == sorted([a, b])


def test_an_unreadable_shard_is_reported_after_the_others_are_written(store):
    a, b = ids_in_two_shards(store)
    (store.index_dir / f"{store._shard(a):02d}.json").mkdir(parents=True)  # (a damaged one is written anew)
    with pytest.raises(StoreError):
        store.put_index_rows([{"id": a}, {"id": b}])
    rows, problems = store.index_rows()
    assert rows == [{"id": b}] and len(problems) == 1


def test_a_damaged_shard_does_not_hide_the_shards_after_it(store):
    ids = [f"r-{i}" for i in range(200)]
    lowest = min(store._shard(r) for r in ids)
    later = next(r for r in ids if store._shard(r) > lowest)
    (store.index_dir / f"{lowest:02d}.json").write_text("not json", encoding="utf-8")
    store.put_index_row({"id": later})
    rows, problems = store.index_rows()
    assert rows == [{"id": later}] and len(problems) == 1


def test_json_nested_beyond_reading_is_refused_naming_the_file(store):
    path = store.runs_dir / "r-1.json"
    path.write_text("[" * 200_000, encoding="utf-8")  # deeper than the JSON reader can go
    with pytest.raises(StoreError) as caught:
        AtomicJSONStorage(path).read()
    assert str(caught.value) == f"{path}: damaged, not valid JSON (line ?, column ?); it was left as it is"


def run_file(store: Store, data: dict, run_id: str = "r-1") -> Path:
    path = store.runs_dir / f"{run_id}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def refused_append(store: Store, docs: list[dict], run_id: str = "r-1") -> str:
    with pytest.raises(StoreError) as caught:
        with store.transaction(run_id) as tx:
            tx.append(docs)
    return str(caught.value)


def test_a_head_that_does_not_match_the_last_event_stops_every_append(store):
    ev = {"seq": 1, "hash": "h1"}
    path = run_file(store, {"events": {"1": ev}, "head": {"1": {"seq": 1, "hash": "other"}}})
    assert refused_append(store, [{"seq": 2}]) == \
        f"{path}: the record ends at event #1 but its head says #1; nothing was written (run 'soptui verify')"
    path = run_file(store, {"events": {}, "head": {"1": {"seq": 3, "hash": "h3"}}})
    assert refused_append(store, [{"seq": 1}]) == \
        f"{path}: the record ends at event #0 but its head says #3; nothing was written (run 'soptui verify')"
    path = run_file(store, {"events": {"1": ev}, "head": {"1": {"seq": "1", "hash": "h1"}}})
    assert refused_append(store, [{"seq": 2}]) == \
        f"{path}: the record ends at event #1 but its head says #?; nothing was written (run 'soptui verify')"


def test_a_last_event_without_a_number_stops_an_append(store):
    path = run_file(store, {"events": {"1": {"seq": "1", "hash": "h1"}}})
    assert refused_append(store, [{"seq": 2}]) == f"{path}: event sequence broken at 2 (expected ?)"


def test_two_appends_in_one_transaction_both_land_and_move_the_head(store):
    run_file(store, {"events": {}})
    with store.transaction("r-1") as tx:
        tx.append([{"seq": 1, "hash": "h1"}])
        tx.append([{"seq": 2, "hash": "h2"}])
        assert tx.head == {"seq": 2, "hash": "h2"}
    assert store.read_run("r-1") == ([{"seq": 1, "hash": "h1"}, {"seq": 2, "hash": "h2"}], {"seq": 2, "hash": "h2"})


def test_a_damaged_run_file_is_named_when_opened_for_writing(store):
    path = run_file(store, {"events": {"x" * 50: {}}})
    with pytest.raises(StoreError) as caught:
        with store.transaction("r-1"):
            pass
    assert str(caught.value) == f"{path}: damaged, event key {'x' * 40!r} is not an event number; it was left as it is"


def test_two_keys_of_one_number_are_read_not_crashed_on(store):
    run_file(store, {"events": {"01": {"seq": 1, "n": "a"}, "1": {"seq": 1, "n": "b"}}})
    events, _head = store.read_run("r-1")
    assert events == [{"seq": 1, "n": "a"}, {"seq": 1, "n": "b"}]  # verify then says what is wrong


# -- durations: the bounds checked before the grammar reads a Waktu -----------------------------

def test_a_waktu_is_quoted_whole_up_to_60_characters_then_cut():
    from soptui.durations import parse_waktu
    from soptui.errors import DurationError

    digits = "0" * 12 + "1"  # 13 digits, a small number: "too many digits"
    for length, quoted in ((60, None), (61, 59)):
        text = digits + " " + "m" * (length - len(digits) - 1)
        assert len(text) == length
        with pytest.raises(DurationError) as caught:
            parse_waktu(text)
        shown = text if quoted is None else text[:quoted] + "…"
        assert str(caught.value) == f"waktu {shown!r}: a number with more than 12 digits"


def test_a_waktu_of_exactly_the_longest_length_is_read():
    from soptui.durations import parse_waktu
    from soptui.limits import MAX_WAKTU_CHARS

    text = "1" + " " * (MAX_WAKTU_CHARS - 5) + "hari"  # spaces inside: the same Waktu, at the bound
    assert len(text) == MAX_WAKTU_CHARS
    assert parse_waktu(text).days == 1
