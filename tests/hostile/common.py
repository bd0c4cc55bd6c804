"""Hostile text: markup, escapes and controls that must come out literally, never obeyed."""

from __future__ import annotations

import re

ESC = "\x1b"
# Rich markup that breaks parsing ([/]), styles ([bold]) and links; terminal sequences that clear
# the screen, blink, print a hyperlink and ring the bell; a C1 CSI and a bidi override.
MARKUP = "[/]M[bold]B[/bold][link=file:///etc/passwd]L[/link]"
CONTROLS = f"{ESC}[2J{ESC}[H{ESC}[5m{ESC}]8;;http://evil.example/{ESC}\\H{ESC}]8;;{ESC}\\\x07\x9b31m\u202eR"
HOSTILE = MARKUP + CONTROLS

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_shown_literally(out: str, *, markup: str | None = MARKUP, escape: bool = True) -> None:
    """No control character reaches the output; the markup is there as typed; ESC shown as ␛."""
    found = RAW.findall(out)
    assert not found, f"raw control characters in output: {found!r}"
    if escape:
        assert "\u241b" in out
    if markup:
        assert markup in out, "markup was parsed or lost instead of being shown as typed"


def toml_string(value: str) -> str:
    """`value` as a TOML basic string: the file then holds real control characters once read."""
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def hostile_sop(source: str) -> str:
    """A bundled SOP's TOML with hostile text in its title, first activity and first box item."""
    quoted = toml_string(HOSTILE)[:-1]  # open: the original text follows
    for key in ("judul_prosedur = \"", "kegiatan = \"", "dasar_hukum = [\n  \""):
        at = source.index(key) + len(key) - 1
        source = source[:at] + quoted + " " + source[at + 1:]
    return source
