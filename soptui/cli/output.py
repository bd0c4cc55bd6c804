"""Writing a command's output: --out files (atomically, never through a symlink, FIFO, device or
folder: report/files.py) or stdout (binary formats only when it is not a terminal). Shared by the
statistics and forms commands."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import SoptuiError
from ..i18n import t
from ..messages import report as _messages  # noqa: F401  (registers the report strings)
# The rules of a safe target are the summary's (also the summary screen's export).
from ..report.files import check_target, write_report as write_file  # noqa: F401  (check_target: part of this API)


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
