"""Run records on disk. The only module that imports TinyDB.

Layout of the data folder:
  runs/<run id>.json    one TinyDB file per run, table "events" (doc id = event sequence number)
  index/<NN>.json       the index of runs, sharded by run id so that an update costs the same
                        with ten runs or ten thousand; one row per run, a cache rebuilt from runs/
  locks/                filelock files

Every write is a read-modify-write under a cross-process lock, on a fresh TinyDB handle (so no
cached next-id or cached table survives from another process's write), and lands by writing a
temporary file, fsyncing it and renaming it over the old one. A file that cannot be parsed is
reported by name and never written over.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from .errors import StoreError
from .i18n import t
from .messages import store as _messages  # noqa: F401  (registers the store strings)

EVENTS = "events"
RUNS = "runs"
SHARDS = 64
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind.

    read() refuses a damaged file (StoreError) instead of treating it as empty, so TinyDB can
    never write an empty database over it.
    """

    def __init__(self, path: str | os.PathLike, create: bool = False):
        self.path = Path(path)
        self.create = create

    def read(self):
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if self.create:
                return None
            raise StoreError(t("store.not_found", path=self.path))
        except OSError as exc:
            raise StoreError(t("store.cannot_read", path=self.path, reason=exc.strerror or exc))
        if not raw.strip():
            raise StoreError(t("store.empty", path=self.path))
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise StoreError(t("store.not_json", path=self.path, error=exc))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise StoreError(t("store.not_tinydb", path=self.path))
        return data

    def write(self, data) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())

    def close(self) -> None:
        pass


def write_atomic(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique hidden name beside the target (not tempfile: it costs more to import than to use).
    tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _open(path: Path, create: bool = False) -> TinyDB:
    return TinyDB(path, storage=AtomicJSONStorage, create=create)


def _docs(db: TinyDB, table: str) -> list[dict]:
    return [dict(d) for d in sorted(db.table(table).all(), key=lambda d: d.doc_id)]


class RunTransaction:
    """The events of one run, read under its lock; `append` writes them durably."""

    def __init__(self, db: TinyDB, path: Path):
        self._db = db
        self.path = path
        self.events = _docs(db, EVENTS)

    def append(self, docs: list[dict]) -> None:
        table = self._db.table(EVENTS)
        last = self.events[-1]["seq"] if self.events else 0
        for doc in docs:
            if doc.get("seq") != last + 1:
                raise StoreError(t("store.sequence_broken", path=self.path, seq=doc.get("seq"), expected=last + 1))
            last = doc["seq"]
        # One write for the whole batch: a completion and the run's finish land together.
        table.insert_multiple(Document(doc, doc_id=doc["seq"]) for doc in docs)
        self.events.extend(docs)


class Store:
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

    @contextmanager
    def _lock(self, name: str):
        from filelock import FileLock, Timeout  # only writers need it; readers never lock
        self.locks_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.locks_dir / f"{name}.lock"), timeout=self.lock_timeout)
        try:
            with lock:
                yield
        except Timeout:
            raise StoreError(t("store.busy", lock=f"{self.locks_dir / name}.lock", timeout=self.lock_timeout))

    # -- runs ----------------------------------------------------------------------------

    def run_ids(self) -> list[str]:
        if not self.runs_dir.is_dir():
            return []
        return sorted(e.name[:-5] for e in os.scandir(self.runs_dir)
                      if e.name.endswith(".json") and not e.name.startswith("."))

    def exists(self, run_id: str) -> bool:
        return self.run_path(run_id).is_file()

    def create_run(self, run_id: str, docs: list[dict]) -> None:
        path = self.run_path(run_id)
        with self._lock(f"run-{run_id}"):
            if path.exists():
                raise StoreError(t("store.run_exists", path=path))
            db = _open(path, create=True)
            try:
                RunTransaction(db, path).append(docs)
            finally:
                db.close()

    def read_events(self, run_id: str) -> list[dict]:
        """A consistent snapshot without taking the lock (files are replaced atomically)."""
        path = self.run_path(run_id)
        db = _open(path)
        try:
            return _docs(db, EVENTS)
        finally:
            db.close()

    def modified_ns(self, run_id: str) -> int:
        try:
            return self.run_path(run_id).stat().st_mtime_ns
        except OSError:
            return 0

    @contextmanager
    def transaction(self, run_id: str):
        path = self.run_path(run_id)
        if not path.exists():
            raise StoreError(t("store.no_run", run_id=run_id, folder=self.runs_dir))
        with self._lock(f"run-{run_id}"):
            db = _open(path)
            try:
                yield RunTransaction(db, path)
            finally:
                db.close()

    # -- index ---------------------------------------------------------------------------

    def put_index_row(self, row: dict) -> None:
        shard = self._shard(row["id"])
        path = self._shard_path(shard)
        with self._lock(f"index-{shard:02d}"):
            db = _open(path, create=True)
            try:
                # One row per run id: an update in place, or an insert for a new run.
                db.table(RUNS).upsert(row, Query().id == row["id"])
            finally:
                db.close()

    def index_rows(self) -> tuple[list[dict], list[str]]:
        """All index rows, plus a problem line per damaged shard (the rest stays usable)."""
        rows: list[dict] = []
        problems: list[str] = []
        if not self.index_dir.is_dir():
            return rows, problems
        for entry in sorted(os.scandir(self.index_dir), key=lambda e: e.name):
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            try:
                db = _open(Path(entry.path))
                try:
                    rows.extend(dict(d) for d in db.table(RUNS).all())
                finally:
                    db.close()
            except StoreError as exc:
                problems.append(str(exc))
        return rows, problems
