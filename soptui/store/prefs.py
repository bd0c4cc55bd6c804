"""prefs.json: what the app remembers between sessions (the last operator). A hint, not a record:
unreadable, damaged or not a regular file, it reads as nothing and is written anew."""

from __future__ import annotations

import json
from pathlib import Path

from ..atomicfile import read_regular, write_atomic


class Prefs:
    """Mixed into Store (its root folder)."""

    root: Path

    @property
    def prefs_path(self) -> Path:
        return self.root / "prefs.json"

    def read_prefs(self) -> dict:
        """What the app remembered ({} when nothing, or when the file is unreadable)."""
        try:
            data = json.loads(read_regular(self.prefs_path))  # a pipe there is refused, never waited on
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_prefs(self, **values) -> None:
        """Written when it changes, without waiting for the disk (by rename: over whatever is there)."""
        prefs = self.read_prefs()
        if {**prefs, **values} != prefs:
            write_atomic(self.prefs_path, json.dumps({**prefs, **values}, ensure_ascii=False).encode(), sync=False)
