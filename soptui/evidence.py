"""Evidence of a step: a file (kept by path and SHA-256) or a reference (a letter number, a file
kept elsewhere). What was meant must be clear: a name that looks like a file but is not one here
is refused instead of being kept, unchecked, as a reference."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import RuleError
from .i18n import t
from .oserror import os_reason
from .messages import evidence as _messages  # noqa: F401

REF_PREFIX = "ref:"  # "ref:laporan.pdf": a file kept elsewhere, recorded by name only
# Written as a path, not as a reference: letter numbers (005/123/421.628/2026) never start so.
PATH_STARTS = ("/", "~", "./", "../", ".\\", "..\\")
# A file name's ending (".pdf", ".docx"): a letter first, so "421.628/2026" is not one.
FILE_ENDING = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
CHUNK = 1 << 20


def looks_like_a_file(value: str) -> bool:
    return (value.startswith(PATH_STARTS) or bool(FILE_ENDING.search(value))
            or (len(value) > 2 and value[1] == ":" and value[2] in "\\/"))


def as_typed(evidence: dict | None) -> str:
    """Recorded evidence as it would be typed (and is shown everywhere): a file by its path, a
    reference as written, with `ref:` where it would otherwise read as a file name."""
    if not evidence:
        return ""
    if evidence.get("kind") == "file":
        return str(evidence.get("path") or "")
    ref = str(evidence.get("ref") or evidence.get("path") or "")
    return f"{REF_PREFIX}{ref}" if looks_like_a_file(ref) else ref


def evidence_of(value: str, base: Path | None = None) -> dict | None:
    """A readable regular file becomes {kind: file, path, sha256}; `ref:…` or anything that does
    not look like a file name (a letter number) becomes {kind: ref, ref}. Raises RuleError for a
    file name that is missing, a folder, a FIFO or a device (never read: it could block or not end)."""
    value = (value or "").strip()
    if not value:
        return None
    if value[:len(REF_PREFIX)].lower() == REF_PREFIX:
        ref = value[len(REF_PREFIX):].strip()
        if not ref:
            raise RuleError(t("evidence.empty_ref"))
        return {"kind": "ref", "ref": ref}
    path = Path(os.path.expanduser(value))
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = None
    if mode is None:
        if looks_like_a_file(value):
            raise RuleError(t("evidence.missing", path=value))
        return {"kind": "ref", "ref": value}
    if stat.S_ISDIR(mode):
        raise RuleError(t("evidence.folder", path=value))
    if not stat.S_ISREG(mode):
        raise RuleError(t("evidence.special", path=value))
    return {"kind": "file", "path": str(path.resolve()), "sha256": _sha256(path, value)}


def _sha256(path: Path, shown: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    try:
        # O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not hang; the
        # fstat below then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RuleError(t("evidence.unreadable", path=shown, reason=os_reason(exc))) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise RuleError(t("evidence.special", path=shown))
        try:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                digest.update(chunk)
        except OSError as exc:
            raise RuleError(t("evidence.unreadable", path=shown, reason=os_reason(exc))) from None
    return digest.hexdigest()
