"""Run records on disk: the one storage package (TinyDB is imported by its tinyfiles module only).

Layout of the data folder:
  runs/<run id>.json    one TinyDB file per run: table "events" (doc id = event sequence number)
                        and table "head" (one document: the last sequence number and its hash)
  index/<NN>.json       the index of runs, sharded by run id so that an update costs the same
                        with ten runs or ten thousand; one row per run, a cache rebuilt from runs/
  index/<NN>.hot        what the home screen shows first of that shard (store/hot.py)
  figs/<YYYYMM>-<N>.json  kept step figures per run, by the month in the run id (store/figs.py)
  forms.json            saved monitoring and evaluation forms (store/figs.py)
  prefs.json            what the app remembers between sessions (the last operator)
  locks/                filelock files

Every write is a read-modify-write under a cross-process lock, on a fresh read of the file (so
nothing cached survives another process's write), and lands by writing a temporary file, fsyncing
it and renaming it over the old one. The files are TinyDB documents that TinyDB itself opens, but
the store reads and writes their tables through the storage: TinyDB's Table stops with a Python
error on a hand-damaged document, and writes one table at a time, while the head must land in the
same write as the events it names. A file that cannot be parsed is reported by name and never
written over.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..atomicfile import STALE_AFTER, TMP_NAME, stale_tmp, write_atomic  # noqa: F401  (part of this API)
from ..errors import DamagedFile, StoreError
from ..i18n import t
from ..messages import store as _messages  # noqa: F401  (registers the store strings)
from ..oserror import os_reason
from .figs import FiguresAndForms
from .hot import hot_selection, read_hot, top_rows, write_hot
from .prefs import Prefs
from .tinyfiles import EVENTS, HEAD, AtomicJSONStorage, RunTransaction, _is_doc_id, _run_tables, _table, read_cache  # noqa: F401

RUNS = "runs"
SHARDS = 64
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


def hot_index(data_dir: str | os.PathLike) -> tuple[list[dict], list[int]]:
    """The hot rows (Store.hot_rows), newest first, and the shards whose hot file must be rebuilt.
    The home screen reads them with the store alone: the service and the run files load after them
    (with the whole index)."""
    rows, stale = Store(data_dir).hot_rows()
    rows.sort(key=itemgetter("id"))  # ties in the order RunService.index gives them (by id)
    rows.sort(key=itemgetter("updated_at"), reverse=True)
    return rows, stale


class Store(FiguresAndForms, Prefs):
    def __init__(self, data_dir: str | os.PathLike, lock_timeout: float = 15.0):
        self.root = Path(data_dir)
        self.runs_dir = self.root / "runs"
        self.index_dir = self.root / "index"
        self.locks_dir = self.root / "locks"
        self.lock_timeout = lock_timeout

    # -- paths and locks ---------------------------------------------------------------

    def run_path(self, run_id: str) -> Path:
        if not RUN_ID.match(run_id):
            raise StoreError(t("store.bad_run_id", run_id=run_id))
        return self.runs_dir / f"{run_id}.json"

    def _shard(self, run_id: str) -> int:
        import hashlib  # loaded when first needed: reading one run never touches the index

        return int(hashlib.sha1(run_id.encode()).hexdigest()[:4], 16) % SHARDS

    def _shard_path(self, shard: int) -> Path:
        return self.index_dir / f"{shard:02d}.json"

    shard_path = _shard_path

    def shard_readable(self, shard: int) -> bool:
        """Can the index shard be read (after a rebuild: was it written)?"""
        try:
            AtomicJSONStorage(self._shard_path(shard)).read()
        except StoreError:
            return False
        return True

    def _hot_path(self, shard: int) -> Path:
        return self.index_dir / f"{shard:02d}.hot"

    @contextmanager
    def _lock(self, name: str):
        from filelock import FileLock, Timeout  # only writers need it; readers never lock
        path = self.locks_dir / f"{name}.lock"
        try:
            self.locks_dir.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(path), timeout=self.lock_timeout)
            lock.acquire()
        except Timeout:  # before OSError: filelock's Timeout is a TimeoutError
            raise StoreError(t("store.busy", lock=path, timeout=self.lock_timeout)) from None
        except OSError as exc:  # a folder or an unwritable file where the lock should be
            raise StoreError(t("store.cannot_lock", lock=path, reason=os_reason(exc))) from None
        try:  # what the body raises is its own, never the lock's
            yield
        finally:
            lock.release()

    # -- leftovers of writers that died ----------------------------------------------------
    # A writer killed between creating its temporary file and renaming it leaves the file behind.
    # Removed only under the lock of the file it was to replace, so never one a writer is using:
    # an index shard's when its lock is taken for a write (index/ holds 64 files), a run file's
    # when the runs are listed (`index()`), since listing runs/ on every write would cost more
    # than the write itself with thousands of runs (6.7 ms at 10,000).

    def remove_leftovers(self, names: list[str], folder: Path) -> int:
        """Remove stale temporary files found in `folder`, each under the lock of the file it was
        to replace (so no writer of that file is between its write and its rename). Returns how many."""
        removed = 0
        for name in names:
            m = TMP_NAME.match(name)
            lock = self._lock_name(folder, m["name"]) if m else None
            if lock is None:
                continue
            try:
                with self._lock(lock):
                    removed += self._remove_if_stale(folder / name)
            except StoreError:
                continue  # busy: a live writer; the next listing tries again
        return removed

    def _lock_name(self, folder: Path, target: str) -> str | None:
        stem, dot, ext = target.rpartition(".")
        if not dot or ext not in ("json", "hot") or (ext == "hot" and folder != self.index_dir):
            return None
        if folder == self.runs_dir and RUN_ID.match(stem):
            return f"run-{stem}"
        if folder == self.index_dir and stem.isascii() and stem.isdigit():
            return f"index-{stem}"
        return None

    @staticmethod
    def _remove_if_stale(path: Path) -> int:
        if not stale_tmp(path):
            return 0
        try:
            path.unlink()
        except OSError:
            return 0
        return 1

    def _clean_own_tmp(self, folder: Path, *targets: str) -> None:
        """With the targets' lock held: remove their stale temporary files (small folders only)."""
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for e in entries:
            m = TMP_NAME.match(e.name)
            if m and m["name"] in targets:
                self._remove_if_stale(Path(e.path))

    # -- runs ----------------------------------------------------------------------------

    def scan_runs(self) -> tuple[list[str], list[str]]:
        """Run ids, and the names of temporary files in runs/ (from one listing of the folder)."""
        if not self.runs_dir.is_dir():
            return [], []
        ids, tmps = [], []
        for e in os.scandir(self.runs_dir):
            if e.name.startswith("."):
                if e.name.endswith(".tmp"):
                    tmps.append(e.name)
            elif e.name.endswith(".json") and RUN_ID.match(e.name[:-5]):
                ids.append(e.name[:-5])
        return sorted(ids), tmps

    def scan_run_times(self) -> tuple[dict[str, int], list[str]]:
        """Run id -> when its file last changed (as `modified_ns`), and the names of temporary
        files in runs/, from one listing of the folder (10,000 runs: one pass, no path checks)."""
        if not self.runs_dir.is_dir():
            return {}, []
        times: dict[str, int] = {}
        tmps = []
        for e in os.scandir(self.runs_dir):
            name = e.name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    tmps.append(name)
            elif name.endswith(".json") and RUN_ID.match(name[:-5]):
                try:
                    st = e.stat()
                except OSError:
                    continue  # removed meanwhile
                times[name[:-5]] = max(st.st_mtime_ns, st.st_ctime_ns)
        return dict(sorted(times.items())), tmps

    def run_ids(self) -> list[str]:
        return self.scan_runs()[0]

    def exists(self, run_id: str) -> bool:
        return self.run_path(run_id).is_file()

    def create_run(self, run_id: str, docs: Sequence[Mapping[str, Any]], then=None) -> None:
        """Write a new run file; `then()` runs while its lock is still held (its index row)."""
        path = self.run_path(run_id)
        with self._lock(f"run-{run_id}"):
            if path.exists():
                raise StoreError(t("store.run_exists", path=path))
            RunTransaction(None, path).append(docs)
            if then is not None:
                then()

    def read_run(self, run_id: str) -> tuple[list[dict], dict | None]:
        """Events and head, a consistent snapshot without taking the lock (files are replaced
        atomically). The head is None for a file written before heads were kept."""
        path = self.run_path(run_id)
        return _run_tables(AtomicJSONStorage(path).read(), path)

    def read_events(self, run_id: str) -> list[dict]:
        return self.read_run(run_id)[0]

    def index_stamp(self) -> int:
        """When the index last changed (its newest shard; hot files follow their shard): every
        record, from this process or another, rewrites its run's row. 0 when it cannot be read."""
        try:
            return max((e.stat().st_mtime_ns for e in os.scandir(self.index_dir) if e.name.endswith(".json")),
                       default=0)
        except OSError:
            return 0

    def modified_ns(self, run_id: str) -> int:
        """When the run file last changed, for the index's freshness check: the later of its
        modification and status-change times. A hand edit can set the modification time back
        (touch -d), never the change time; a chmod changes only the latter. (On Windows st_ctime
        is the creation time, which each atomic write renews.)"""
        try:
            st = self.run_path(run_id).stat()
        except OSError:
            return 0
        return max(st.st_mtime_ns, st.st_ctime_ns)

    @contextmanager
    def transaction(self, run_id: str):
        path = self.run_path(run_id)
        if not path.exists():
            raise StoreError(t("store.no_run", run_id=run_id, folder=self.runs_dir))
        with self._lock(f"run-{run_id}"):
            yield RunTransaction(AtomicJSONStorage(path).read(), path)

    # -- index ---------------------------------------------------------------------------

    def put_index_row(self, row: dict, keep=None) -> bool:
        """Set the run's row. `keep(old_row)` True leaves a row already there as it is (a newer
        one). Malformed rows found in the shard are dropped: the index is a cache. Returns
        whether the row was written."""
        return bool(self.put_index_rows([row], keep=lambda old, new: keep is not None and keep(old)))

    def put_index_rows(self, rows: list[dict], keep=None, rebuild: Sequence[int] = ()) -> list[str]:
        """Set many runs' rows, with one write per shard (a rebuild of thousands of rows costs
        64 writes, not thousands). `keep(old_row, new_row)` True leaves a row already there as it
        is. Returns the ids of the rows written. A shard that cannot be written (busy, unreadable)
        does not stop the others; its error is raised once they are written. A damaged shard is
        written anew (a cache: its other runs' rows are rebuilt by RunService.index); the shards
        in `rebuild` are written anew if damaged even without rows of their own."""
        by_shard: dict[int, list[dict]] = {shard: [] for shard in rebuild}
        for row in rows:
            by_shard.setdefault(self._shard(row["id"]), []).append(row)
        written, error = [], None
        for shard, new_rows in sorted(by_shard.items()):
            try:
                written += self._put_shard_rows(shard, new_rows, keep)
            except StoreError as exc:
                error = error or exc
        if error is not None:
            raise error
        return written

    def _put_shard_rows(self, shard: int, rows: list[dict], keep) -> list[str]:
        path = self._shard_path(shard)
        with self._lock(f"index-{shard:02d}"):
            self._clean_own_tmp(self.index_dir, path.name, self._hot_path(shard).name)
            data, damaged = read_cache(path)
            new = {row["id"]: row for row in rows}
            table: dict[str, dict] = {}
            at: dict[str, str] = {}
            for key, doc in _table(data, RUNS).items():
                if not _is_doc_id(key) or not isinstance(doc, dict):
                    continue
                run_id = doc.get("id")
                if isinstance(run_id, str) and run_id in new:
                    if run_id not in at and keep is not None and keep(doc, new[run_id]):
                        del new[run_id]  # the row there stays, in its place
                        table[key] = doc
                    else:
                        at.setdefault(run_id, key)  # one row per run id: an update in place
                    continue
                table[key] = doc
            if not new and not damaged:
                return []
            last = max((int(k) for k in [*table, *at.values()]), default=0)
            for run_id, row in new.items():
                if run_id not in at:
                    last += 1
                    at[run_id] = str(last)
                table[at[run_id]] = row
            try:
                AtomicJSONStorage(path).write({**data, RUNS: table})
            except OSError as exc:
                raise StoreError(t("store.cannot_write", path=path, reason=os_reason(exc))) from None
            self._write_hot(shard, table)
            return list(new)

    def _write_hot(self, shard: int, table: dict) -> None:
        """With the shard's lock held, right after the shard was written (or read): its hot file."""
        try:
            write_hot(self._hot_path(shard), self._shard_path(shard),
                      [d for d in table.values() if isinstance(d, dict)])
        except OSError:
            pass  # a cache: the stale file is recognised and rebuilt

    def hot_rows(self) -> tuple[list[dict], list[int]]:
        """The rows the home screen shows first (store/hot.py), unordered: every run in progress
        and the newest others, exactly the rows that begin the whole index; and the shards whose hot file was missing, damaged or stale
        (their rows come from the shard itself; `rebuild_hot` writes the file again). A shard
        that cannot be read is left out (the full index names it)."""
        rows: list[dict] = []
        stale: list[int] = []
        cut: str | None = None
        try:
            shards = sorted(int(e.name[:-5]) for e in os.scandir(self.index_dir)
                            if e.name.endswith(".json") and e.name[:-5].isascii() and e.name[:-5].isdigit())
        except OSError:
            return rows, stale
        for shard in shards:
            found = read_hot(self._hot_path(shard), self._shard_path(shard))
            if found is None:
                stale.append(shard)
                try:
                    data = AtomicJSONStorage(self._shard_path(shard)).read()
                except StoreError:
                    continue
                found = hot_selection(list(_table(data, RUNS).values()))
            hot, shard_cut = found
            rows += hot
            if shard_cut is not None and (cut is None or shard_cut > cut):
                cut = shard_cut
        return top_rows(rows, cut), stale

    def rebuild_hot(self, shards: list[int]) -> None:
        """Write the hot files of `shards` again from their shards (under each shard's lock)."""
        for shard in shards:
            try:
                with self._lock(f"index-{shard:02d}"):
                    if read_hot(self._hot_path(shard), self._shard_path(shard)) is not None:
                        continue  # a writer rebuilt it meanwhile
                    self._write_hot(shard, _table(AtomicJSONStorage(self._shard_path(shard)).read(), RUNS))
            except StoreError:
                continue  # busy or damaged: the next start-up tries again

    def index_rows(self, damaged: dict[int, str] | None = None) -> tuple[list[dict], list[str]]:
        """All index rows (documents that are not tables of fields are skipped), plus a problem
        line per shard that cannot be read (the rest stays usable). With `damaged`, the shards read
        whole but not parseable go there instead (shard -> what is wrong): the caller rebuilds them."""
        rows: list[dict] = []
        problems: list[str] = []
        if not self.index_dir.is_dir():
            return rows, problems
        try:
            entries = sorted(os.scandir(self.index_dir), key=lambda e: e.name)
        except OSError as exc:
            problems.append(t("store.cannot_list", path=self.index_dir, reason=os_reason(exc)))
            return rows, problems
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            try:
                data = AtomicJSONStorage(Path(entry.path)).read()
            except DamagedFile as exc:
                stem = entry.name[:-5]
                if damaged is not None and stem.isascii() and stem.isdigit() and int(stem) < SHARDS:
                    damaged[int(stem)] = str(exc)
                else:
                    problems.append(str(exc))
                continue
            except StoreError as exc:
                problems.append(str(exc))
                continue
            rows.extend(d for d in _table(data, RUNS).values() if isinstance(d, dict))  # freshly parsed: ours
        return rows, problems

    def index_leftovers(self) -> list[str]:
        try:
            return [e.name for e in os.scandir(self.index_dir) if e.name.startswith(".") and e.name.endswith(".tmp")]
        except OSError:
            return []
