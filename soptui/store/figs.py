"""Kept step figures and saved forms (statistics; the monitoring and evaluation forms): the part
of the Store that soptui.stats reads and writes.

figs/<YYYYMM>-<N>.json: table "stepfigs", one document per run, sharded by the month in the run's
id (when it was started: YYYYMMDD-...) and eight ways by its hash, so that a write costs the same
with ten runs or ten thousand and the runs of one month are read from a few shards
(stats/buckets.py refolds a month that changed from them). A cache like the index, rebuilt from
the run files; shards of the older naming (figs/NN.json) are removed when seen.
figs-months.json: the partials of each (SOP, month), one document (stats/buckets.py).
forms.json: tables "monitoring" and "evaluation", one document per saved form, never rewritten.
"""

from __future__ import annotations

import os
import re
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable

from ..errors import StoreError
from .tinyfiles import AtomicJSONStorage, _is_doc_id, _table, read_cache

FIGS = "stepfigs"
FIGS_WAYS = 8
LEGACY = re.compile(r"^\d\d\.json$")
SOPSTEPS = "sops"
MONTHS = "figs-months.json"  # beside figs/, whose every .json is a shard


class FiguresAndForms:
    """Mixed into Store (its root folder, shards and locks)."""

    root: Path
    _shard: Callable[[str], int]  # 0-63 from the run id's hash (as the index)
    _lock: Callable[[str], AbstractContextManager]

    def put_stepfigs(self, run_id: str, figs: dict) -> None:
        self.put_stepfigs_many([{**figs, "id": run_id}])

    def figs_shard(self, run_id: str) -> str:
        """The shard of a run's figures: the month in its id (or "x"), then one of eight."""
        month = run_id[:6] if run_id[:8].isdigit() and run_id[8:9] == "-" else "x"
        return f"{month}-{self._shard(run_id) % FIGS_WAYS}"

    def put_stepfigs_many(self, docs: list[dict]) -> None:
        """Set many runs' figures (each has "id"), one write per shard. What the runs of one SOP
        copy share (a doc's "sop", under its "sop_key") is kept once per shard, not once per run."""
        by_shard: dict[str, list[dict]] = {}
        for doc in docs:
            by_shard.setdefault(self.figs_shard(doc["id"]), []).append(doc)
        for shard, new in sorted(by_shard.items()):
            path = self.root / "figs" / f"{shard}.json"
            with self._lock(f"figs-{shard}"):
                data = read_cache(path)[0]  # a damaged shard: its runs' figures were rebuilt, written here
                mine = {d["id"]: d for d in new}
                table = {k: d for k, d in _table(data, FIGS).items()
                         if _is_doc_id(k) and isinstance(d, dict) and d.get("id") not in mine}
                last = max((int(k) for k in table), default=0)
                shared = {d.get("id"): d.get("sop") for d in _table(data, SOPSTEPS).values() if isinstance(d, dict)}
                for i, doc in enumerate(mine.values(), 1):
                    shared[doc.get("sop_key")] = doc.get("sop")
                    table[str(last + i)] = {k: v for k, v in doc.items() if k != "sop"}
                used = {d.get("sop_key") for d in table.values()}
                kept = {str(i): {"id": key, "sop": sop} for i, (key, sop) in enumerate(shared.items(), 1) if key in used}
                AtomicJSONStorage(path).write({**data, FIGS: table, SOPSTEPS: kept})

    def stepfigs(self) -> dict[str, dict]:
        """Run id -> its kept figures. A damaged shard reads as empty: its runs are rebuilt."""
        out: dict[str, dict] = {}
        folder = self.root / "figs"
        if not folder.is_dir():
            return out
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = entry.name
            if LEGACY.match(name):
                Path(entry.path).unlink(missing_ok=True)  # a cache of the older naming: its runs are rebuilt
            elif name.endswith(".json") and not name.startswith("."):
                self._read_figs(Path(entry.path), out)
        return out

    def stepfigs_of(self, run_ids) -> dict[str, dict]:
        """The kept figures of these runs (others of their shards may come along): only their
        shards are read."""
        out: dict[str, dict] = {}
        for shard in sorted({self.figs_shard(run_id) for run_id in run_ids}):
            path = self.root / "figs" / f"{shard}.json"
            if path.exists():
                self._read_figs(path, out)
        return out

    @staticmethod
    def _read_figs(path: Path, out: dict[str, dict]) -> None:
        try:
            data = AtomicJSONStorage(path).read()
        except StoreError:
            return
        shared = {d.get("id"): d.get("sop") for d in _table(data, SOPSTEPS).values() if isinstance(d, dict)}
        for d in _table(data, FIGS).values():
            if isinstance(d, dict) and isinstance(d.get("id"), str):
                d["sop"] = shared.get(d.get("sop_key"))  # one object for the runs of one SOP copy
                out[d["id"]] = d

    def stat_months(self) -> object:
        """The kept partials per (SOP, month) (stats/buckets.py), or None when missing or damaged:
        then they are rebuilt from the per-run figures."""
        try:
            return (AtomicJSONStorage(self.root / MONTHS).read() or {}).get("months")
        except StoreError:
            return None

    def put_stat_months(self, doc: dict) -> None:
        with self._lock("figs-months"):
            AtomicJSONStorage(self.root / MONTHS, create=True).write({"months": doc})

    def add_form(self, kind: str, doc: dict) -> int:
        """Save a form (kind "monitoring" or "evaluation") as a new document; returns its number."""
        path = self.root / "forms.json"
        with self._lock("forms"):
            data = AtomicJSONStorage(path, create=True).read() or {}
            table = dict(_table(data, kind))
            number = max((int(k) for k in table if _is_doc_id(k)), default=0) + 1
            table[str(number)] = doc
            AtomicJSONStorage(path).write({**data, kind: table})
        return number

    def forms(self, kind: str) -> list[dict]:
        """The saved forms of `kind`, oldest first (each with its number as "no")."""
        path = self.root / "forms.json"
        if not path.exists():
            return []
        table = _table(AtomicJSONStorage(path).read(), kind)
        return [{**d, "no": int(k)} for k, d in sorted(table.items(), key=lambda kv: int(kv[0]) if
                                                        _is_doc_id(kv[0]) else 0)
                if _is_doc_id(k) and isinstance(d, dict)]
