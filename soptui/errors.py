"""The project's own error types. Every user-facing failure is one of these, never a traceback."""

from __future__ import annotations

from .i18n import t
from .messages import common as _messages  # noqa: F401  (registers the strings below)


class SoptuiError(Exception):
    """Base class: a message meant for a person, already naming what to fix."""


class DurationError(SoptuiError, ValueError):
    """A Waktu text that cannot be read as a standard time."""


class SopFileError(SoptuiError):
    """One SOP file is invalid; carries every problem found in it."""

    def __init__(self, path: str, problems: list["Problem"]):
        self.path = path
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConfigError(SoptuiError):
    """soptui.toml is unreadable or has wrong keys/values."""


class TimeInputError(SoptuiError, ValueError):
    """A typed time that is ambiguous or impossible."""


class RuleError(SoptuiError):
    """An action that the run's state does not allow; nothing was recorded."""


class StoreError(SoptuiError):
    """A run file that cannot be read or written (damaged, locked, missing)."""


class DamagedFile(StoreError):
    """A data file that was read whole but does not hold a TinyDB document: a run file is left as
    it is; an index shard, a cache, is written anew from the run files."""


class Problem:
    """One validation finding: file, step, field and message. Severity is 'error' or 'warning'."""

    __slots__ = ("path", "step", "field", "message", "severity")

    def __init__(self, path: str, message: str, *, step: int | None = None,
                 field: str | None = None, severity: str = "error"):
        self.path = path
        self.step = step
        self.field = field
        self.message = message
        self.severity = severity

    def __str__(self) -> str:
        where = [self.path]
        if self.step is not None:
            where.append(f"langkah {self.step}")
        if self.field:
            where.append(self.field)
        return f"{': '.join(where)}: {t('problem.' + self.severity)}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def as_dict(self) -> dict:
        return {"path": self.path, "step": self.step, "field": self.field,
                "severity": self.severity, "message": self.message}


def did_you_mean(word: str, options) -> str:
    """' (did you mean "x"?)' for the closest option, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return t("hint.did_you_mean", word=close[0]) if close else ""


class OffHoursError(RuleError):
    """A moment outside the office's working hours, not yet confirmed: nothing was recorded. The
    command line asks for --yes, the interactive view for a confirmation."""
