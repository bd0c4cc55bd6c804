"""Kept step figures and saved forms (statistics; the monitoring and evaluation forms): the part
of the Store that soptui.stats reads and writes.

figs/<NN>.json: table "stepfigs", one document per run (sharded like the index: a write costs the
same with ten runs or ten thousand). A cache like the index, rebuilt from the run files.
figs-months.json: the partials of each (SOP, month), one document (stats/buckets.py).
forms.json: tables "monitoring" and "evaluation", one document per saved form, never rewritten.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable

from ..errors import StoreError
from .tinyfiles import AtomicJSONStorage, _is_doc_id, _table

FIGS = "stepfigs"
SOPSTEPS = "sops"
MONTHS = "figs-months.json"  # beside figs/, whose every .json is a shard


class FiguresAndForms:
    """Mixed into Store (its root folder, shards and locks)."""

    root: Path
    _shard: Callable[[str], int]
    _lock: Callable[[str], AbstractContextManager]

    def put_stepfigs(self, run_id: str, figs: dict) -> None:
        self.put_stepfigs_many([{**figs, "id": run_id}])

    def put_stepfigs_many(self, docs: list[dict]) -> None:
        """Set many runs' figures (each has "id"), one write per shard. What the runs of one SOP
        copy share (a doc's "sop", under its "sop_key") is kept once per shard, not once per run."""
        by_shard: dict[int, list[dict]] = {}
        for doc in docs:
            by_shard.setdefault(self._shard(doc["id"]), []).append(doc)
        for shard, new in sorted(by_shard.items()):
            path = self.root / "figs" / f"{shard:02d}.json"
            with self._lock(f"figs-{shard:02d}"):
                data = AtomicJSONStorage(path, create=True).read() or {}
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
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                try:
                    data = AtomicJSONStorage(Path(entry.path)).read()
                except StoreError:
                    continue
                shared = {d.get("id"): d.get("sop") for d in _table(data, SOPSTEPS).values() if isinstance(d, dict)}
                for d in _table(data, FIGS).values():
                    if isinstance(d, dict) and isinstance(d.get("id"), str):
                        d["sop"] = shared.get(d.get("sop_key"))  # one object for the runs of one SOP copy
                        out[d["id"]] = d
        return out

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
