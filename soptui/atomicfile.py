"""Files that are either the old version or the new one, never half of each, after any crash.

A write goes to a hidden temporary file beside the target (its name carries the writer's pid),
is fsynced and renamed over the target, and the folder entry is fsynced too. A writer killed
half-way leaves only its temporary file, which `stale_tmp` recognises once that writer is gone.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
import zlib
from pathlib import Path

TMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9a-f]{8}\.tmp$")
STALE_AFTER = 600.0  # seconds: a temporary file this old is a dead writer's, whatever its pid


def _named(exc: OSError, path: Path) -> OSError:
    """`exc` named by the file being written, not by its hidden temporary (or by nothing: a full
    disk is said by the write, which names no file): "runs/X.json: No space left on device"."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(path))  # the errno's own subclass (PermissionError...)


def write_atomic(path: Path, payload: bytes, sync: bool = True) -> None:
    """`sync` False: no fsync (a cache that recognises its own damage), still never half-written
    while the system runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique hidden name beside the target (not tempfile: it costs more to import than to use).
    tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise _named(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _named(exc, path) from exc
        raise
    if sync:
        _fsync_dir(path.parent)


# -- reading: never waiting on a pipe ----------------------------------------------------------

class NotRegularFile(OSError):
    """A pipe, device or socket where a data file should be (oserror.os_reason names it)."""


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file (at most `max_bytes` + 1 of them, so a caller sees that it is
    bigger). Every file of the data folder is read through here: a pipe put in its place would
    otherwise block the open, or the read, forever. OSError as the system says it, IsADirectoryError
    for a folder, NotRegularFile for anything else that is not a regular file."""
    # O_NONBLOCK: opening a pipe with no writer returns at once (it changes nothing for a regular
    # file); fstat then refuses it before anything is read.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, "not a regular file", str(path))
        return f.read() if max_bytes is None else f.read(max_bytes + 1)


# -- caches that name their own damage (store/hot.py, tomlcache.py) ----------------------------

def checked_bytes(head: dict, body: bytes) -> bytes:
    """One JSON line, `head` with the CRC-32 of `body`, then `body`."""
    return json.dumps({**head, "crc32": zlib.crc32(body)}, separators=(",", ":")).encode() + b"\n" + body


def write_checked(path: Path, head: dict, body: bytes) -> None:
    """A cache file: not fsynced (lost or cut short by a crash, it fails its checksum)."""
    write_atomic(path, checked_bytes(head, body), sync=False)


def read_checked(path: Path, max_bytes: int | None = None) -> tuple[dict, bytes] | None:
    """The head and body of a file `write_checked` wrote, or None: missing, not a regular file (a
    pipe would never end the read), bigger than `max_bytes`, cut short or damaged."""
    try:
        raw = read_regular(path, max_bytes)
    except OSError:
        return None
    if max_bytes is not None and len(raw) > max_bytes:
        return None
    first, _, body = raw.partition(b"\n")
    try:
        head = json.loads(first)
    except (ValueError, RecursionError):
        return None
    if type(head) is not dict or head.pop("crc32", None) != zlib.crc32(body):
        return None
    return head, body


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


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill there would end the process: trust the age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, belongs to someone else
        return True
    return True


def stale_tmp(path: Path) -> bool:
    """A temporary file left by a writer that died (its pid is gone) or long ago."""
    m = TMP_NAME.match(path.name)
    if m is None:
        return False
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False  # already gone
    return age > STALE_AFTER or not _pid_alive(int(m["pid"]))
