"""What the system said when it refused a file, in the interface's language.

`strerror` comes from the C library in English ("Permission denied"); the common reasons are said
again from the catalog by their errno name, the rare ones pass through as the system wrote them."""

from __future__ import annotations

import errno

from .atomicfile import NotRegularFile
from .i18n import t
from .messages import oserror as _messages  # noqa: F401


def os_reason(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return t("os.not_regular")
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os.{name.lower()}"
    text = t(key)
    return text if name and text != key else str(exc.strerror or exc)
