"""Bahasa Indonesia and English. Every user-facing string goes through `t`.

Catalogs live beside the code that uses them (soptui/messages/*.py) and register here, so the
non-UI commands never load the UI's strings. A key missing from a language is a bug caught by
tests; at run time it falls back to the other language, then to the key itself.
"""

from __future__ import annotations

import os
import re
import string
from contextlib import contextmanager
from contextvars import ContextVar

LANGS = ("id", "en")
_catalogs: dict[str, dict[str, str]] = {"id": {}, "en": {}}
_default = "id"  # the process's language (from soptui.toml or --lang), set once at start-up
# The language of the current context (a thread, an asyncio task, a report being built): two
# sessions of one process can each speak their own, and neither changes what the other shows.
_current: ContextVar[str | None] = ContextVar("soptui_lang", default=None)


def register(id: dict[str, str], en: dict[str, str]) -> None:
    _catalogs["id"].update(id)
    _catalogs["en"].update(en)


def detect_lang(setting: str | None = "auto", environ=os.environ) -> str:
    """'id' or 'en' from a setting ('auto' reads the locale; offices without one get Indonesian)."""
    if setting in LANGS:
        return setting
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = (environ.get(var) or "").lower()
        if not value or value in ("c", "posix") or value.startswith(("c.", "posix")):
            continue
        return "en" if value.startswith("en") else "id"
    return "id"


def set_lang(lang: str) -> None:
    """The process's default language (contexts inside `using_lang` keep their own)."""
    global _default
    _default = lang if lang in LANGS else "id"


def get_lang() -> str:
    return _current.get() or _default


@contextmanager
def using_lang(lang: str | None):
    """Speak `lang` in this context only (None: keep the current one); yields the language used."""
    token = _current.set(lang if lang in LANGS else get_lang())
    try:
        yield get_lang()
    finally:
        _current.reset(token)


def t(_key: str, **kw) -> str:
    lang = get_lang()
    text = _catalogs[lang].get(_key)
    if text is None:
        other = "en" if lang == "id" else "id"
        text = _catalogs[other].get(_key, _key)
    if not kw:
        return text
    return _PLURALS.vformat(text, (), kw) if _PLURAL.search(text) else text.format(**kw)


# A count's word: "{n} {n:run|runs}" says "1 run", "2 runs"; "{n:once|{n} times}" "once", "3 times"
# (English: the first form for 1, the second for the rest; Indonesian has no plural and simply
# writes the one word). Counts come as int, float, or as the number already written.
_PLURAL = re.compile(r"\{\w+:[^{}|]*(?:\{\w+\}[^{}|]*)*\|")


class _Plurals(string.Formatter):
    def format_field(self, value, format_spec: str):
        if "|" in format_spec:
            one, _, other = format_spec.partition("|")
            return one if _is_one(value) else other
        return super().format_field(value, format_spec)


def _is_one(value) -> bool:
    """English says "1 run" but "1.0 runs", "0 runs" (a fraction shown is plural)."""
    if isinstance(value, str):
        return value.strip() == "1"
    return value == 1 and not isinstance(value, float)


_PLURALS = _Plurals()


def missing_keys() -> dict[str, set[str]]:
    """Keys present in one language but not the other (for the test suite)."""
    ids, ens = set(_catalogs["id"]), set(_catalogs["en"])
    return {"id": ens - ids, "en": ids - ens}
