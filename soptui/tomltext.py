"""tomllib's reasons in the interface's language.

tomllib says what is wrong in English ("Illegal character '\\n' (at line 9, column 15)"). Its
messages are a closed set (Python 3.11's tomllib/_parser.py); each is matched here and said again
from the catalog, with the same line and column. One it does not know is named by its place alone.
"""

from __future__ import annotations

import re

from .i18n import t
from .messages import toml as _messages  # noqa: F401

_AT = re.compile(r"^(?P<msg>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.S)
_REASONS = [
    (re.compile(r"Illegal character (?P<what>.+)"), "toml.why.illegal_char"),
    (re.compile(r"Found invalid character (?P<what>.+)"), "toml.why.illegal_char"),
    (re.compile(r"Cannot overwrite a value"), "toml.why.overwrite"),
    (re.compile(r"Cannot mutate immutable namespace (?P<what>.+)"), "toml.why.overwrite_key"),
    (re.compile(r"Cannot redefine namespace (?P<what>.+)"), "toml.why.overwrite_key"),
    (re.compile(r"Cannot declare (?P<what>.+) twice"), "toml.why.twice"),
    (re.compile(r"Duplicate inline table key (?P<what>.+)"), "toml.why.twice"),
    (re.compile(r"Unescaped '\\\\' in a string"), "toml.why.backslash"),
    (re.compile(r"Unterminated string"), "toml.why.unterminated"),
    (re.compile(r"Unclosed inline table"), "toml.why.unclosed_table"),
    (re.compile(r"Unclosed array"), "toml.why.unclosed_array"),
    (re.compile(r"Invalid value"), "toml.why.value"),
    (re.compile(r"Invalid statement"), "toml.why.statement"),
    (re.compile(r"Invalid initial character for a key part"), "toml.why.key"),
    (re.compile(r"Invalid hex value"), "toml.why.hex"),
    (re.compile(r"Invalid date or datetime"), "toml.why.date"),
    (re.compile(r"Expected ']]' at the end of an array declaration"), "toml.why.close_array_table"),
    (re.compile(r"Expected ']' at the end of a table declaration"), "toml.why.close_table"),
    (re.compile(r"Expected '=' after a key in a key/value pair"), "toml.why.equals"),
    (re.compile(r"Escaped character is not a Unicode scalar value"), "toml.why.escape"),
    (re.compile(r"Expected (?P<what>.+)"), "toml.why.expected"),
]


def _key_text(what: str) -> str:
    """A key as the file writes it: tomllib names a table by its parts' tuple ("('a', 'b')"),
    which reads as Python; shown as the table's heading, "[a.b]"."""
    import ast

    if what.startswith("(") and what.endswith(")"):
        try:
            parts = ast.literal_eval(what)
        except (ValueError, SyntaxError):
            return what
        if isinstance(parts, tuple) and parts and all(isinstance(p, str) for p in parts):
            return "[" + ".".join(parts) + "]"
    return what


def toml_reason(exc: Exception) -> str:
    """What is wrong and where, e.g. "karakter '\\n' tidak boleh di sini (baris 9, kolom 15)"."""
    text = str(exc)
    m = _AT.match(text)
    message = m["msg"] if m else text
    where = ""
    if m:
        where = t("toml.at", line=m["line"], column=m["col"]) if m["line"] else t("toml.at_end")
    for pattern, key in _REASONS:
        found = pattern.fullmatch(message)
        if found:
            reason = t(key, **{k: _key_text(v) for k, v in found.groupdict().items()})
            break
    else:
        reason = t("toml.why.other")
    return f"{reason} ({where})" if where else reason
