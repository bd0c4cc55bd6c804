"""SOP files parsed once: tomllib's answer for a file's text, kept on disk by the text's hash.

tomllib is pure Python: about a millisecond for each SOP file at every start of the interactive
view, and an office that imports its library from PDFs may hold hundreds. The data parsed from a
text never change, so they are kept in one JSON file in the data folder's cache, under the SHA-256
of the text; the library's checks (sopfile) run on them exactly as on a fresh parse. A missing,
damaged (CRC-32 of its entries), foreign (another soptui or Python) or unreadable cache file only
costs speed: the texts are parsed again and the file is written anew, in the data folder's
`cache/` (never making the data folder itself). Only SOPs that pass the checks are kept (an error
is always reported from a fresh parse), and only the texts read this time (a file that changed
leaves no stale entry behind).

The file is trusted as the data folder is: its checksum catches accidents, not an edit made on
purpose, which whoever can write there could make to the run records too. Runs never read it: a
run keeps the text of its SOP and parses that text itself.

JSON cannot tell a TOML date from a string, so every table, array and date is a one-key object
naming its kind: {"{": [[key, value], ...]}, {"[": [...]}, {"d": "2015-01-05"}, {"t": ...},
{"dt": ...}; strings, numbers and booleans stand for themselves.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from . import __version__
from .atomicfile import read_checked, write_checked
from .sopfile import content_hash  # a SOP file's identity: the hash runs freeze too

FORMAT = 2
# tomllib comes with Python; the bounds checked before it (sopguard, limits) come with soptui.
STAMP = f"{FORMAT}:{__version__}:{sys.version_info[0]}.{sys.version_info[1]}"
MAX_BYTES = 32 * 1024 * 1024  # a bigger file was not written by this module


class Damaged(ValueError):
    """A cache file that does not hold what this module writes."""


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {"{": [[key, _encode(v)] for key, v in value.items()]}
    if isinstance(value, list):
        return {"[": [_encode(v) for v in value]}
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    return value


_TIMES: dict[str, Any] = {"d": date, "t": time, "dt": datetime}  # tag -> its class (fromisoformat)


def _decode(value: Any) -> Any:
    if type(value) is dict:
        if len(value) != 1:
            raise Damaged("not a tagged value")
        (tag, inner), = value.items()
        if tag == "{" and type(inner) is list:
            table = {}
            for pair in inner:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise Damaged("not a key and a value")
                table[pair[0]] = _decode(pair[1])
            return table
        if tag == "[" and type(inner) is list:
            return [_decode(v) for v in inner]
        if tag in _TIMES and type(inner) is str:
            return _TIMES[tag].fromisoformat(inner)
        raise Damaged(f"unknown tag {tag!r}")
    if type(value) in (str, int, float, bool):
        return value
    raise Damaged("a value TOML does not have")  # null, or an untagged array


class TomlCache:
    def __init__(self, folder: str | Path):
        self.path = Path(folder) / "sop-toml.json"
        self._stored: dict[str, Any] | None = None  # digest -> encoded data, as read from disk
        self._used: dict[str, Any] = {}  # digest -> encoded data, of the texts read this time

    def _load(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = {}
            found = read_checked(self.path, MAX_BYTES)  # missing, damaged, not a file: parsed again
            if found is not None and found[0] == {"stamp": STAMP}:  # else another soptui or Python
                try:
                    entries = json.loads(found[1])
                except (ValueError, RecursionError):
                    entries = None
                if type(entries) is dict:
                    self._stored = entries
        return self._stored

    def get(self, text: str) -> dict | None:
        """The data parsed from `text` before, or None."""
        return self._get(content_hash(text))

    def put(self, text: str, data: dict) -> None:
        """Keep what tomllib made of `text`, when it comes back as it was (a value TOML does not
        have, which only a caller could put there, is not kept)."""
        self._put(content_hash(text), data)

    def _get(self, key: str) -> dict | None:
        encoded = self._load().get(key)
        if encoded is None:
            return None
        try:
            data = _decode(encoded)
        except (ValueError, RecursionError):  # Damaged is a ValueError, as are bad dates
            return None  # a damaged entry: parsed afresh, and replaced
        if type(data) is not dict:
            return None
        self._used[key] = encoded
        return data

    def _put(self, key: str, data: dict) -> None:
        encoded = _encode(data)
        try:
            same = _decode(encoded) == data
        except (ValueError, RecursionError):
            same = False
        if same:
            self._used[key] = encoded

    def load_file(self, path: Path):
        """sopfile.load_file, with the TOML parsed before taken from here (the checks run anyway)."""
        from .sopfile import parse_data
        from .sopguard import parse_toml, read_text
        text, where = read_text(path), str(path)
        key = content_hash(text)
        data = self._get(key)
        if data is not None:
            return parse_data(data, text, where, sop_id=path.stem)
        data = parse_toml(text, where)
        loaded = parse_data(data, text, where, sop_id=path.stem)  # the checks only read the data
        self._put(key, data)  # only a SOP that passed them: errors are always fresh
        return loaded

    def save(self) -> None:
        """Write the entries of the texts read this time, when they differ from the file's."""
        if self._used == self._load():
            return
        body = json.dumps(self._used, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(exist_ok=True)  # in the data folder, never making that one
            write_checked(self.path, {"stamp": STAMP}, body)
        except OSError:
            pass  # a read-only data folder only costs speed
        self._stored = dict(self._used)
