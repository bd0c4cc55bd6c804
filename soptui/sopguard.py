"""A SOP file's bytes -> its TOML data, within the bounds of soptui.limits; and the bounded
quoting of the file's values in messages.

This runs before and around tomllib, so that a damaged or hostile file (too big, binary, a folder,
a pipe, nested too deeply, one endless dotted key, a number of thousands of digits) becomes a
SopFileError in bounded time and memory instead of a hang, a MemoryError or a traceback.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import NoReturn

from .atomicfile import NotRegularFile, read_regular
from .errors import Problem, SopFileError
from .i18n import t
from .oserror import os_reason
from .limits import MAX_FILE_BYTES, MAX_KEY_PARTS, MAX_NUMBER_CHARS, MAX_STEPS, MAX_TABLES
from .messages import limits as _limits_messages  # noqa: F401  (registers the strings below)
from .messages import sopfile as _messages  # noqa: F401

# Possessive quantifiers keep these scans linear on any input (no backtracking into a run).
_HEADING = re.compile(r"^[ \t]*\[", re.MULTILINE)
_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\\\n]*+"|'[^'\n]*+')"""
_DOTTED = re.compile(rf"(?<![A-Za-z0-9_-]){_PART}(?:[ \t]*+\.[ \t]*+{_PART})++")
_PARTS = re.compile(_PART)
_KEY_END = re.compile(r"[ \t]*+[=\]]")
# A number (or date) where a value starts: after =, [, { or a comma, or at a line's start.
_LONG_NUMBER = re.compile(rf"(?:^|[=\[{{,])[ \t]*+[+-]?[0-9][0-9A-Za-z_.:+-]{{{MAX_NUMBER_CHARS}}}", re.MULTILINE)


def read_text(path: Path) -> str:
    """The file's text; SopFileError if it is not a readable UTF-8 file of at most MAX_FILE_BYTES."""
    where = str(path)
    try:
        raw = read_regular(path, MAX_FILE_BYTES)  # a pipe or a device is refused, never waited on
    except IsADirectoryError:
        _fail(where, t("sop.is_folder"))
    except NotRegularFile:
        _fail(where, t("sop.not_regular"))
    except OSError as exc:
        _fail(where, t("sop.cannot_read", reason=os_reason(exc)))
    if len(raw) > MAX_FILE_BYTES:
        try:
            size = max(path.stat().st_size, len(raw))
        except OSError:
            size = len(raw)
        _fail(where, t("sop.too_big", size=_kb(size), max=_kb(MAX_FILE_BYTES)))
    try:
        # A byte-order mark (Windows Notepad writes one) is not part of the text.
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        _fail(where, t("sop.not_utf8", byte=exc.start))


def parse_toml(text: str, where: str) -> dict:
    """tomllib.loads within bounds; every failure is a SopFileError naming `where`."""
    if len(text) > MAX_FILE_BYTES:  # text from elsewhere (a run's frozen copy): the same bound
        _fail(where, t("sop.too_big", size=_kb(len(text)), max=_kb(MAX_FILE_BYTES)))
    _check_shape(text, where)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from .tomltext import toml_reason  # tomllib says it in English
        _fail(where, t("sop.invalid_toml", error=toml_reason(exc)))
    except RecursionError:
        _fail(where, t("sop.toml_too_deep"))
    except ValueError:  # int() refuses over 4300 digits; _check_shape refuses those first
        _fail(where, t("sop.number_too_long", max=MAX_NUMBER_CHARS, at=""))


def _check_shape(text: str, where: str) -> None:
    """Refuse the shapes on which tomllib costs more than the file's size suggests: very many
    tables, long dotted keys (time quadratic in the parts) and long numbers (memory)."""
    if m := _LONG_NUMBER.search(text):
        _fail(where, t("sop.number_too_long", max=MAX_NUMBER_CHARS,
                       at=t("sop.at_line", line=_line(text, m.start()))))
    for n, m in enumerate(_HEADING.finditer(text), start=1):
        if n > MAX_TABLES:
            _fail(where, t("sop.too_many_tables", max=MAX_TABLES, steps=MAX_STEPS,
                           line=_line(text, m.start())))
    for m in _DOTTED.finditer(text):
        if m[0].count(".") < MAX_KEY_PARTS or not _KEY_END.match(text, m.end()):
            continue  # a short key, or dotted words inside a text
        if len(_PARTS.findall(m[0])) > MAX_KEY_PARTS:
            _fail(where, t("sop.key_too_deep", max=MAX_KEY_PARTS, line=_line(text, m.start())))


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _kb(size: int) -> str:
    return f"{-(-size // 1024):,}"  # rounded up: a file just over the bound never reads as equal


def _fail(where: str, message: str) -> NoReturn:
    raise SopFileError(where, [Problem(where, message)])


# -- quoting values in messages ---------------------------------------------------------------

def value_kind(value) -> str:
    kind = {list: "list", dict: "table", bool: "bool", int: "number", float: "number"}.get(type(value))
    return t(f"sop.kind.{kind}") if kind else type(value).__name__


def clip_text(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def quote_value(value) -> str:
    """A value from the file as a message quotes it: short, never a whole list or a huge number
    (whose decimal form Python refuses past 4300 digits)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value) if value.bit_length() <= 64 else t("sop.kind.large_number")
    if isinstance(value, str):
        return repr(clip_text(value))
    if isinstance(value, (float, date, time)):  # a datetime is a date
        return str(value)
    return value_kind(value)


def missing_runs(numbers: list[int]) -> list[tuple[int, int]]:
    """The runs (first, last) missing from 1 up to the highest of these sorted, distinct numbers;
    never enumerates them, so a step numbered 10000000 costs nothing."""
    runs, expected = [], 1
    for n in numbers:
        if n > expected:
            runs.append((expected, n - 1))
        expected = n + 1
    return runs


def runs_text(runs: list[tuple[int, int]], shown: int = 10) -> str:
    """'3, 5–9, 12': at most `shown` runs, then how many numbers are missing in all."""
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:shown])
    if len(runs) > shown:
        text += ", … " + t("sop.gap_more", n=sum(b - a + 1 for a, b in runs))
    return text
