"""User and file text is data: never markup, never terminal control.

Run titles, names, outputs, notes, reasons and every SOP field come from people and files. They
are shown literally: `visible()` turns control characters into visible marks (ESC → ␛, a C1 or
bidi control → \\x9b / \\u202e) so that nothing typed or read from a file can clear a screen,
blink, print a hyperlink or reorder a line; `text()` makes a rich Text of it, which rich and
Textual never parse as markup. Pure, and rich is loaded only by `text()`.
"""

from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, and the Unicode controls that reorder or hide text (bidi
# embeddings, overrides and isolates; line/paragraph separators; zero-width no-break marks).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_KEEP_DEFAULT = "\n\t"
# What json.dumps leaves raw in strings (it escapes C0 itself; structural newlines stay).
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _mark(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(value, keep: str = _KEEP_DEFAULT) -> str:
    """`value` as text whose control characters are shown, not obeyed (`keep`: those allowed)."""
    text = "" if value is None else str(value)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _mark(m.group()), text)


def one_line(value) -> str:
    """One visible line: runs of whitespace (newlines and tabs too) become one space."""
    return " ".join(visible(value, keep="\n\t").split())


def has_control(value, keep: str = _KEEP_DEFAULT) -> bool:
    return any(c not in keep for c in _CONTROL.findall("" if value is None else str(value)))


def text(value="", style: str = "", **kw):
    """A rich Text of `value`, shown literally (no markup) with its control characters visible."""
    from rich.text import Text

    return Text(visible(value), style=style, **kw)


def html_text(value) -> str:
    """`value` in HTML (and SVG): markup escaped, quotes too, control characters shown."""
    import html

    return html.escape(visible(value), quote=True)


def json_safe(payload: str) -> str:
    """JSON text with C1 and bidi controls written as \\u escapes (json.dumps escapes only C0):
    the same data, but nothing in it acts on a terminal it is printed to."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", payload)


_console_class = None


def console(**kw):
    """A rich Console for the command line that shows every plain string literally: no markup,
    control characters visible (styles come from Text objects and `style=`, never from text)."""
    global _console_class
    if _console_class is None:
        from rich.console import Console

        class SafeConsole(Console):
            def render_str(self, text, **options):
                options["markup"] = False
                return super().render_str(visible(text), **options)

        _console_class = SafeConsole
    return _console_class(markup=False, **kw)
