"""The shape every table of soptui.toml is checked for: a table, holding only the keys it knows.
Anything else is a ConfigError naming where it is, the key, and the known key nearest to it."""

from __future__ import annotations

from typing import Iterable

from .errors import ConfigError, did_you_mean
from .i18n import t
from .messages import config as _messages  # noqa: F401  (config.not_table, config.unknown_key)


def checked_table(value: object, where: str, keys: Iterable[str] | None = None, *,
                  not_table: str = "config.not_table") -> dict:
    """`value` when it is a table whose keys are all in `keys` (None: any key); `not_table` is the
    message key that says it is not a table."""
    if not isinstance(value, dict):
        raise ConfigError(t(not_table, where=where))
    if keys is not None:
        known = tuple(keys)
        for key in value:
            if key not in known:
                raise ConfigError(t("config.unknown_key", where=where, key=key, hint=did_you_mean(key, known)))
    return value
