"""The TinyDB files of the data folder: the only module that imports TinyDB.

`AtomicJSONStorage` reads a TinyDB document (refusing a damaged one, never treating it as empty)
and writes it by a temporary file, fsync and rename. A run file's events and head are read and
appended through `RunTransaction`, so the head lands in the same write as the events it names.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from tinydb.storages import Storage

from ..atomicfile import read_regular, write_atomic
from ..errors import DamagedFile, StoreError
from ..i18n import t
from ..messages import store as _messages  # noqa: F401  (registers the store strings)
from ..oserror import os_reason

EVENTS = "events"
HEAD = "head"


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind.

    read() refuses a damaged file (StoreError) instead of treating it as empty, so nothing can
    ever write an empty database over it.
    """

    def __init__(self, path: str | os.PathLike, create: bool = False):
        self.path = Path(path)
        self.create = create

    def read(self):
        try:
            raw = read_regular(self.path)  # a pipe there is refused, never waited on
        except FileNotFoundError:
            if self.create:
                return None
            raise StoreError(t("store.not_found", path=self.path))
        except OSError as exc:
            raise StoreError(t("store.cannot_read", path=self.path, reason=os_reason(exc)))
        if not raw.strip():
            raise DamagedFile(t("store.empty", path=self.path))
        try:
            data = json.loads(raw)
        except UnicodeDecodeError as exc:
            raise DamagedFile(t("store.not_text", path=self.path, pos=exc.start))
        except json.JSONDecodeError as exc:
            raise DamagedFile(t("store.not_json", path=self.path, line=exc.lineno, col=exc.colno))
        except (ValueError, RecursionError):
            raise DamagedFile(t("store.not_json", path=self.path, line="?", col="?"))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise DamagedFile(t("store.not_tinydb", path=self.path))
        return data

    def write(self, data) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())

    def close(self) -> None:
        pass


def _is_doc_id(key: str) -> bool:
    return key.isascii() and key.isdigit()


def _table(data: dict, name: str) -> dict:
    return data.get(name) or {}


class RunTransaction:
    """The events of one run (and its head), read under its lock; `append` writes them durably."""

    def __init__(self, data: dict | None, path: Path):
        self._data = data if data is not None else {}
        self.path = path
        events, self.head = _run_tables(self._data, path)
        self.events: list[Mapping[str, Any]] = list(events)  # as read: the fold checks their shape

    def append(self, docs: Sequence[Mapping[str, Any]]) -> None:
        if not docs:
            return
        last = self.events[-1] if self.events else None
        if self.head is not None and (last is None or self.head.get("seq") != last.get("seq")
                                      or self.head.get("hash") != last.get("hash")):
            # Writing now would put a new head over the evidence of removed or changed events.
            head = self.head.get("seq")
            raise StoreError(t("store.head_mismatch", path=self.path, last=last.get("seq") if last else 0,
                               head=head if isinstance(head, int) else "?"))
        seq = last.get("seq") if last else 0
        for doc in docs:
            if not isinstance(seq, int) or doc.get("seq") != seq + 1:
                raise StoreError(t("store.sequence_broken", path=self.path, seq=doc.get("seq"),
                                   expected=seq + 1 if isinstance(seq, int) else "?"))
            seq = doc["seq"]
        events = dict(_table(self._data, EVENTS))
        for doc in docs:
            events[str(doc["seq"])] = doc
        head = {"seq": docs[-1]["seq"], "hash": docs[-1].get("hash")}
        # One write for the whole batch and its head: a completion and the run's finish land together.
        data = {**self._data, EVENTS: events, HEAD: {"1": head}}
        AtomicJSONStorage(self.path).write(data)
        self._data = data
        self.events.extend(docs)
        self.head = head


def _run_tables(data: dict, path: Path) -> tuple[list[dict], dict | None]:
    """The events in order, and the head (None in files written before heads were kept)."""
    events = []
    for key, doc in _table(data, EVENTS).items():
        if not _is_doc_id(key):
            raise StoreError(t("store.bad_event_key", path=path, key=key[:40]))
        if not isinstance(doc, dict):
            raise StoreError(t("store.not_event", path=path, key=key))
        events.append((int(key), doc))
    events.sort(key=lambda pair: pair[0])
    head = None
    if HEAD in data:
        docs = list(_table(data, HEAD).values())
        # A malformed head is handed on as it is (an empty one if missing): verify says what is wrong.
        head = docs[0] if len(docs) == 1 and isinstance(docs[0], dict) else {}
    return [doc for _, doc in events], head


def read_cache(path: Path) -> tuple[dict, bool]:
    """The document of a cache file about to be written (an index shard, kept figures): {} when
    it is missing, and {} too when it is damaged (True), so it is written anew from the run files
    it caches. A run file is never read this way: it is the record, left as it is when damaged."""
    try:
        return AtomicJSONStorage(path, create=True).read() or {}, False
    except DamagedFile:
        return {}, True
