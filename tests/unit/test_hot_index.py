"""The hot index (store/hot.py): consistent with its shards under concurrent writers; a missing,
damaged or stale hot file is ignored (the shard is read instead) and rebuilt."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import timedelta

from soptui.runrow import ROW_VERSION
from soptui.service import RunService
from soptui.sopfile import load_file
from soptui.store import SHARDS
from soptui.store.hot import HOT_NEWEST, hot_selection, read_hot
from tests.conftest import ROOT, SOPS, WIB

WRITER = textwrap.dedent(f"""
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    sys.path.insert(0, {str(ROOT)!r})
    from soptui.service import RunService
    from soptui.sopfile import load_file
    WIB = ZoneInfo("Asia/Jakarta")
    svc = RunService(Path(sys.argv[1]), WIB)
    loaded = load_file(sys.argv[2])
    for i in range(int(sys.argv[3])):
        run = svc.start(loaded, title=f"w{{sys.argv[4]}}-{{i}}", operator="op",
                        at=datetime.now(WIB) - timedelta(hours=2))
        if i % 2:
            svc.cancel(run, "selesai")
        else:
            svc.complete(run, 1, actor="x", at=datetime.now(WIB) - timedelta(hours=1))
""")


def _check_consistent(svc: RunService) -> None:
    """Every hot file is fresh, and holds exactly its shard's selection."""
    rows, problems = svc.index()
    assert problems == []
    hot, stale = svc.store.hot_rows()
    assert stale == []
    for shard in range(SHARDS):  # each file holds its shard's selection
        mine = [dict(r) for r in rows if svc.store._shard(r["id"]) == shard]
        found = read_hot(svc.store._hot_path(shard), svc.store._shard_path(shard))
        if mine:
            assert found is not None
            assert sorted(found[0], key=lambda r: r["id"]) == sorted(hot_selection(mine)[0], key=lambda r: r["id"])
    # Together they are the top of the whole list, as the home screen orders it.
    def order(listed):
        listed = sorted(listed, key=lambda r: r["id"])
        listed.sort(key=lambda r: r["updated_at"], reverse=True)
        return [r["id"] for r in sorted(listed, key=lambda r: r["status"] != "in_progress")]
    assert order(hot) == order(rows)[:len(hot)]
    in_progress = {r["id"] for r in rows if r["status"] == "in_progress"}
    assert in_progress and in_progress <= {r["id"] for r in hot}  # the due view needs them all


def test_hot_files_stay_consistent_with_several_writers_at_once(tmp_path):
    data = tmp_path / "data"
    writers, per_writer = 4, 8
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(SOPS / "karangploso-renja.toml"),
                               str(per_writer), str(w)]) for w in range(writers)]
    assert [p.wait(timeout=180) for p in procs] == [0] * writers
    svc = RunService(data, WIB)
    assert len(svc.store.run_ids()) == writers * per_writer
    _check_consistent(svc)


def _runs(svc: RunService, clock, n: int) -> list[str]:
    loaded = load_file(SOPS / "karangploso-renja.toml")
    return [svc.start(loaded, title=f"r{i}", operator="op", at=clock() - timedelta(hours=1)) for i in range(n)]


def test_a_damaged_or_missing_hot_file_is_ignored_and_rebuilt(tmp_path, clock):
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    ids = _runs(svc, clock, 6)
    _check_consistent(svc)
    shard = svc.store._shard(ids[0])
    hot = svc.store._hot_path(shard)
    good = hot.read_bytes()
    head, _, payload = good.partition(b"\n")
    damaged = {
        "cut short": good[:-5],
        "payload changed": head + b"\n" + payload.replace(b'"r', b'"R', 1),
        "another row version": head.replace(f'"v":{ROW_VERSION}'.encode(), b'"v":1') + b"\n" + payload,
        "not JSON": b"\x00\xff garbage",
        "empty": b"",
    }
    for what, content in damaged.items():
        hot.write_bytes(content)
        rows, stale = svc.store.hot_rows()
        assert stale == [shard], what
        assert ids[0] in {r["id"] for r in rows}, what  # read from the shard meanwhile
        assert all(r["title"].startswith("r") for r in rows), what  # never the damaged text
        svc.store.rebuild_hot(stale)
        assert hot.read_bytes() == good, what
        assert svc.store.hot_rows()[1] == []
    hot.unlink()
    assert svc.store.hot_rows()[1] == [shard]
    svc.store.rebuild_hot([shard])
    assert hot.read_bytes() == good


def test_a_hot_file_older_than_its_shard_is_stale(tmp_path, clock):
    """A shard written by anything else (an older soptui, a hand edit, a writer that died between
    the two writes): its hot file is not trusted, the shard's own rows are shown."""
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    ids = _runs(svc, clock, 3)
    shard = svc.store._shard(ids[0])
    path = svc.store._shard_path(shard)
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["runs"].values():
        if row["id"] == ids[0]:
            row["title"] = "diubah tangan"
    path.write_text(json.dumps(data), encoding="utf-8")
    rows, stale = svc.store.hot_rows()
    assert stale == [shard]
    assert next(r for r in rows if r["id"] == ids[0])["title"] == "diubah tangan"
    svc.store.rebuild_hot(stale)
    rows, stale = svc.store.hot_rows()
    assert stale == [] and next(r for r in rows if r["id"] == ids[0])["title"] == "diubah tangan"


def test_a_malformed_row_never_reaches_the_hot_file(tmp_path, clock):
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    ids = _runs(svc, clock, 2)
    bad = {**svc.index()[0][0], "id": "zz-bad", "done": "lots"}  # not a usable row
    svc.store.put_index_rows([bad, *svc.index()[0]])
    assert {r["id"] for r in svc.store.hot_rows()[0]} == set(ids)


def test_the_newest_finished_rows_and_every_run_in_progress_are_hot(monkeypatch):
    def row(n: int, status: str) -> dict:
        return {"status": status, "updated_at": f"2026-11-{n:02d}T08:00:00+07:00"}
    rows = [row(n, "finished") for n in range(1, 21)] + [row(n, "in_progress") for n in range(1, 4)]
    from soptui import runrow
    monkeypatch.setattr(runrow, "usable_row", lambda r: r["status"] in runrow.STATUSES)  # partial test rows
    picked, cut = hot_selection(rows)
    assert [r["status"] for r in picked[:3]] == ["in_progress"] * 3
    assert [r["updated_at"][8:10] for r in picked[3:]] == [f"{n:02d}" for n in range(20, 20 - HOT_NEWEST, -1)]
    assert cut == f"2026-11-{20 - HOT_NEWEST:02d}T08:00:00+07:00"  # the newest left out
    assert hot_selection(rows[:HOT_NEWEST])[1] is None  # nothing left out


def test_a_dead_writers_temporary_hot_file_is_removed(tmp_path, clock):
    import os
    import time
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    ids = _runs(svc, clock, 1)
    shard = svc.store._shard(ids[0])
    left = svc.store.index_dir / f".{shard:02d}.hot.{os.getpid()}.0123abcd.tmp"
    left.write_bytes(b"half")
    old = time.time() - 3600
    os.utime(left, (old, old))
    svc.index()
    assert not left.exists()
    assert svc.store.hot_rows()[1] == []
