"""argparse in the interface's language.

argparse asks gettext for each of its own words (`_("usage: ")`, `_("the following arguments are
required: %s")`, `ngettext("expected %s argument", ...)`): `install` points the module's `_` and
`ngettext` at soptui's catalog (soptui/messages/argtext.py, keyed by argparse's English text), so
help and errors follow the language of the current context (i18n's contextvar); a text not in
the catalog passes through unchanged. `Parser` puts the placeholders (RUN, --actor ACTOR) in
the language too, so that usage lines and "required: ..." errors read as the rest.
"""

from __future__ import annotations

import argparse

from ..i18n import t
from ..messages import argtext as _catalog  # noqa: F401  (registers argparse's words)

_PREFIX = "argparse:"


def gettext(message: str) -> str:
    key = _PREFIX + message
    text = t(key)
    return message if text == key else text


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's own words through the catalog (idempotent)."""
    argparse._ = gettext  # type: ignore[attr-defined]  # argparse's gettext hook: a module global
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def metavar(name: str) -> str:
    """RUN -> PELAKSANAAN in Indonesian; a name not in the catalog stays as it is."""
    key = "cli.mv." + name.lower()
    text = t(key)
    return name if text == key else text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose placeholders are in the interface's language (its subparsers are
    Parsers too: argparse builds them with the parent's class)."""

    def add_argument(self, *args, **kwargs):
        given = kwargs.get("metavar")
        if isinstance(given, str):
            kwargs["metavar"] = metavar(given)
        elif given is None and args and args[0].startswith("-") and "choices" not in kwargs \
                and kwargs.get("action") in (None, "store", "append"):
            dest = kwargs.get("dest") or max(args, key=len).lstrip("-").replace("-", "_")
            kwargs["metavar"] = metavar(dest.upper())
        return super().add_argument(*args, **kwargs)
