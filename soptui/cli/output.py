"""Writing a command's output: --out files (atomically, never through a symlink, FIFO, device or
folder) or stdout (binary formats only when it is not a terminal). Shared by the report commands."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import SoptuiError
from ..i18n import t
from ..messages import report as _messages  # noqa: F401  (registers the report strings)


def check_target(path: Path) -> None:
    """--out names a regular file or nothing yet: a symlink, FIFO, device or folder is never
    replaced (the write renames a new file into place, which would swap out whatever is there)."""
    import os
    import stat

    if not path.parent.is_dir():  # checked first; a mistyped folder is never created
        raise SoptuiError(t("report.no_folder", path=path, folder=path.parent))
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SoptuiError(t("report.cannot_write", path=path, reason=exc.strerror or exc)) from None
    if stat.S_ISLNK(mode):
        raise SoptuiError(t("report.out_symlink", path=path, target=os.readlink(path)))
    if not stat.S_ISREG(mode):
        kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode)
                else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special")
        raise SoptuiError(t("report.out_special", path=path, kind=t(f"report.kind.{kind}")))


def write_file(path: Path, payload: bytes) -> None:
    from ..atomicfile import write_atomic

    check_target(path)  # again, just before the rename: it may have changed meanwhile
    try:
        write_atomic(path, payload)
    except OSError as exc:
        raise SoptuiError(t("report.cannot_write", path=path, reason=exc.strerror or exc)) from None



def emit(ctx, payload: str | bytes, path: Path | None) -> None:
    """`payload` to --out (its path said on stderr) or to stdout."""
    if path is not None:
        write_file(path, payload if isinstance(payload, bytes) else payload.encode("utf-8"))
        ctx.err.print(t("report.written", path=path), markup=False, soft_wrap=True)
        return
    if isinstance(payload, bytes):
        if sys.stdout.isatty():
            raise SoptuiError(t("report.xlsx_needs_out"))
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(payload)
