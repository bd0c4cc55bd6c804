"""Writing a report file safely, for `soptui summary --out` and the summary screen's export.

The target is a regular file or nothing yet: a symlink, FIFO, device or folder is never replaced
(the write renames a new file into place, which would swap out whatever is there), and a folder
that does not exist is never created. The write is atomic (soptui/atomicfile.py): a crash leaves
the old file or the new one. No Textual, no rich.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import SoptuiError
from ..i18n import t
from ..messages import report as _messages  # noqa: F401
from ..oserror import os_reason

# What the summary screen exports: (format of report.export, print-ready, file ending).
EXPORTS = {"xlsx": ("xlsx", False, ".xlsx"), "html": ("html", False, ".html"),
           "print": ("html", True, ".print.html")}


def check_target(path: Path) -> None:
    """Refuse a target that is not a regular file or nothing yet, or whose folder is missing."""
    if not path.parent.is_dir():  # checked first; a mistyped folder is never created
        raise SoptuiError(t("report.no_folder", path=path, folder=path.parent))
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SoptuiError(t("report.cannot_write", path=path, reason=os_reason(exc))) from None
    if stat.S_ISLNK(mode):
        raise SoptuiError(t("report.out_symlink", path=path, target=os.readlink(path)))
    if not stat.S_ISREG(mode):
        kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode)
                else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special")
        raise SoptuiError(t("report.out_special", path=path, kind=t(f"report.kind.{kind}")))


def write_report(path: Path, payload: bytes) -> None:
    """Write atomically, checking the target again just before: it may have changed meanwhile."""
    from ..atomicfile import write_atomic

    check_target(path)
    try:
        write_atomic(path, payload)
    except OSError as exc:
        raise SoptuiError(t("report.cannot_write", path=path, reason=os_reason(exc))) from None


def export_name(run_id: str, kind: str) -> str:
    """The file name the summary screen offers: ringkasan-<run>.xlsx, summary-<run>.print.html."""
    return f"{t('report.file_stem')}-{run_id}{EXPORTS[kind][2]}"
