"""The hot index: beside each index shard, a small file of the rows the home screen needs first.

`index/NN.hot` holds the shard's runs in progress (the due view needs every one of them) and its
HOT_NEWEST newest other rows (with 64 shards, the newest rows of the whole index are among them:
the first screenful of the run list). The reader keeps of these exactly the rows that begin the
whole index (`top_rows`), so the list shown first is the top of the list shown next. It is written with its shard, under the shard's lock, on
every write of the shard, so concurrent writers leave the two consistent.

It exists for speed only: the rows are stored as lists under one list of field names (a tenth of
the parsing of the same rows as objects), and a checksum stands for the per-row checks that the
full index needs (rows of the index are a cache anyone can edit; this file names its own damage).
A hot file is trusted only when its checksum, its row version and its fields match, and when the
shard it was made from is still the one on disk (inode, size and modification time recorded at
the write): a shard written by anything else (an older soptui, a hand edit, a writer that died
between the two writes) makes its hot file stale, and the reader falls back to the shard itself
until the file is rebuilt. The full index (`Store.index_rows`, freshness from the run files) is
read after it in any case: the hot file only decides what shows first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import cast

from ..atomicfile import read_checked, write_checked  # CRC-32: a cache catches accidents, nobody signs it

HOT_NEWEST = 8  # newest rows of a shard that are not in progress


def shard_stamp(path: Path) -> list[int] | None:
    """What identifies one version of a shard file (a rename gives a new inode)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def hot_selection(rows: list[dict]) -> tuple[list[dict], str | None]:
    """The usable rows of one shard that go to its hot file: every run in progress, and the newest
    others; and, when some of those others were left out, the `updated_at` of the newest left out
    (rows of the whole index changed later than every shard's such moment are all hot)."""
    from ..runrow import usable_row  # the row's rules; loaded by the writers and the reader alike
    good = [r for r in rows if usable_row(r)]
    hot = [r for r in good if r["status"] == "in_progress"]
    rest = sorted((r for r in good if r["status"] != "in_progress"), key=lambda r: r["updated_at"], reverse=True)
    kept = rest[:HOT_NEWEST]
    cut = rest[len(kept)]["updated_at"] if len(rest) > len(kept) else None
    return cast("list[dict]", hot + kept), cut


def top_rows(rows: list[dict], cut: str | None) -> list[dict]:
    """Of the hot rows of every shard, those that begin the whole index: every run in progress,
    and the others changed after `cut` (the latest moment below which some shard left rows out)."""
    if cut is None:
        return rows
    return [r for r in rows if r["status"] == "in_progress" or r["updated_at"] > cut]


def write_hot(path: Path, shard: Path, rows: list[dict]) -> None:
    """Write the hot file of the shard `shard` just written (its lock held) from that shard's rows.
    Not fsynced: a file lost or cut short by a crash fails its checksum and is rebuilt."""
    from ..runrow import FIELDS, ROW_VERSION
    stamp = shard_stamp(shard)
    if stamp is None:
        return
    hot, cut = hot_selection(rows)
    payload = json.dumps([[r.get(k) for k in FIELDS] for r in hot], ensure_ascii=False, separators=(",", ":")).encode()
    write_checked(path, {"v": ROW_VERSION, "fields": list(FIELDS), "shard": stamp, "cut": cut}, payload)


def read_hot(path: Path, shard: Path) -> tuple[list[dict], str | None] | None:
    """The rows of a hot file and its cut (hot_selection), or None when it is missing, damaged,
    of another row version or made from another version of its shard."""
    from ..runrow import FIELDS, ROW_VERSION
    found = read_checked(path)
    if found is None:
        return None
    head, payload = found
    if head.get("v") != ROW_VERSION or head.get("fields") != list(FIELDS) or head.get("shard") != shard_stamp(shard) \
            or "cut" not in head or not (head["cut"] is None or type(head["cut"]) is str):
        return None
    try:
        rows = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if type(rows) is not list or any(type(r) is not list or len(r) != len(FIELDS) for r in rows):
        return None
    return [dict(zip(FIELDS, r)) for r in rows], head["cut"]
