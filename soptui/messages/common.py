"""Strings of soptui.errors, used by every area: a problem's severity and the did-you-mean hint."""

from ..i18n import register

register(
    id={
        "problem.error": "kesalahan",
        "problem.warning": "peringatan",
        "hint.did_you_mean": ' (maksud Anda "{word}"?)',
    },
    en={
        "problem.error": "error",
        "problem.warning": "warning",
        "hint.did_you_mean": ' (did you mean "{word}"?)',
    },
)
