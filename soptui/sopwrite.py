"""Sop -> TOML text in the house style of sops/*.toml: the inverse of sopfile.parse_text.

Written by hand (tomllib only reads). The reader strips every text and drops empty list items,
so a Sop whose texts are already stripped comes back equal; anything else comes back normalised
the same way `soptui check` would read a hand-written file.

Notes become `#` comments. Their keys are the field paths `soptui check` reports
("pelaksana", "identitas.nomor", "identitas.disahkan_oleh.nip", "langkah.3.pelaksana"); a table's
own path ("identitas", "langkah.3") puts the comment above its heading, and "" above everything.
A note on an optional key that is left out (a blank tanggal_revisi) is written where the key
would stand, as "# tanggal_revisi: <note>", the way the bundled files mark blanks. A note's
lines start a comment paragraph each; a paragraph too long for one line wraps onto lines indented
by CONTINUED ("#   …").
"""

from __future__ import annotations

import textwrap
from datetime import date

from .model import Boxes, Sop, Step

WIDTH = 100  # lists longer than this go one item a line, comments wrap before it
CONTINUED = "  "  # indent of a comment paragraph's wrapped lines, after "# "

# TOML 1.0 forbids these raw in strings and comments; C1 controls and the Unicode line and
# paragraph separators are legal but invisible (or break lines in editors), so they go escaped too.
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
          "\r": "\\r"}


def _escape_char(c: str) -> str:
    if c in _SHORT:
        return _SHORT[c]
    code = ord(c)
    if code < 0x20 or 0x7F <= code <= 0x9F or c in "\u2028\u2029":
        return f"\\u{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"lone surrogate U+{code:04X} cannot be written as TOML (UTF-8)")
    return c


def toml_string(text: str) -> str:
    """`text` as a one-line TOML basic string, quotes included."""
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def toml_multiline(text: str) -> str:
    """`text` as a TOML multi-line basic string: raw newlines, the rest escaped as in toml_string.

    A quote stays raw only when a character other than a quote follows it, so three never meet
    and none runs into the closing delimiter. The newline after the opening quotes is dropped by
    TOML, so the text starts on its own line.
    """
    out = []
    for i, c in enumerate(text):
        if c == "\n":
            out.append(c)
        elif c == '"':
            out.append('"' if i + 1 < len(text) and text[i + 1] != '"' else '\\"')
        else:
            out.append(_escape_char(c))
    return '"""\n' + "".join(out) + '"""'


def _text(value: str) -> str:
    return toml_multiline(value) if "\n" in value else toml_string(value)


def _date(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _array(key: str, items) -> list[str]:
    inline = f"{key} = [{', '.join(toml_string(x) for x in items)}]"
    if len(inline) <= WIDTH or not items:
        return [inline]
    return [f"{key} = [", *(f"  {toml_string(x)}," for x in items), "]"]


def _comment(note: str) -> list[str]:
    # A comment may not hold control characters either (tab excepted): they become spaces.
    clean = "".join(c if c in "\t\n" or (c >= " " and c != "\x7f") else " " for c in note)
    lines = []
    for para in clean.split("\n"):
        # Lines after a paragraph's first are indented, so a reader (soptui check) can tell a
        # wrapped note from the next one.
        wrapped = textwrap.wrap(para, WIDTH - 2, subsequent_indent=CONTINUED, break_long_words=False,
                                break_on_hyphens=False)
        lines += [f"# {w}" for w in wrapped] or ["#"]
    return lines


class _Writer:
    def __init__(self, notes: dict):
        self.notes = dict(notes)
        self.lines: list[str] = []

    def note(self, path: str, prefix: str = "") -> None:
        if path in self.notes:
            self.lines += _comment(prefix + str(self.notes.pop(path)))

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, path: str, heading: str) -> None:
        self.blank()
        self.note(path)
        self.lines.append(heading)

    def key(self, prefix: str, key: str, rendered: str | list[str] | None) -> None:
        """One key (rendered value, or lines for an array); None leaves an optional key out."""
        if rendered is None:
            self.note(prefix + key, f"{key}: ")
            return
        self.note(prefix + key)
        if isinstance(rendered, list):
            self.lines += rendered
        else:
            self.lines.append(f"{key} = {rendered}")

    def finish(self) -> str:
        if self.notes:
            raise ValueError("notes for keys an SOP file does not have: " + ", ".join(sorted(self.notes)))
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _opt_text(value: str | None) -> str | None:
    return _text(value) if value else None


def to_toml(sop: Sop, notes: dict | None = None) -> str:
    """The SOP as the text of an SOP file; `notes` maps field paths to comments (module doc)."""
    w = _Writer(notes or {})
    w.note("")
    w.blank()
    w.key("", "basis", toml_string(sop.basis) if sop.basis != "kerja" else None)
    w.key("", "judul_prosedur", _opt_text(sop.judul_prosedur))
    w.blank()
    w.key("", "pelaksana", _array("pelaksana", sop.roles))
    w.blank()
    for box in Boxes._fields:
        w.key("", box, _array(box, getattr(sop.boxes, box)))

    ident, p = sop.identity, "identitas."
    w.heading("identitas", "[identitas]")
    for key in ("pemerintah", "unit", "sub_unit", "nomor", "nama"):
        w.key(p, key, _opt_text(getattr(ident, key)) if key == "sub_unit" else _text(getattr(ident, key)))
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        d = getattr(ident, key)
        w.key(p, key, _date(d) if d is not None else None)

    approver, p = ident.disahkan_oleh, "identitas.disahkan_oleh."
    w.heading("identitas.disahkan_oleh", "[identitas.disahkan_oleh]")
    for key in ("jabatan", "nama", "nip"):
        w.key(p, key, _text(getattr(approver, key)))
    w.key(p, "pangkat", _opt_text(approver.pangkat))

    for step in sop.steps:
        _step(w, step)
    return w.finish()


def _step(w: _Writer, s: Step) -> None:
    p = f"langkah.{s.no}."
    w.heading(f"langkah.{s.no}", "[[langkah]]")
    w.key(p, "no", str(s.no))
    w.key(p, "kegiatan", _text(s.kegiatan))
    w.key(p, "pelaksana", _array("pelaksana", s.all_pelaksana) if s.pelaksana_lain else _text(s.pelaksana))
    w.key(p, "pelaksana_disimpulkan", "true" if s.pelaksana_disimpulkan else None)
    w.key(p, "kelengkapan", _array("kelengkapan", s.kelengkapan))
    w.key(p, "waktu", _text(s.waktu))
    # a Waktu that is not a duration is kept as written and the step goes unmeasured
    w.key(p, "tidak_diukur", "true" if s.waktu and s.standard is None else None)
    w.key(p, "output", _text(s.output))
    w.key(p, "keterangan", _opt_text(s.keterangan))
    w.key(p, "pertanyaan", _opt_text(s.pertanyaan))
    for key in ("ya", "tidak"):
        target = getattr(s, key)
        w.key(p, key, str(target) if target is not None else None)
    w.key(p, "basis", toml_string(s.basis) if s.basis else None)
