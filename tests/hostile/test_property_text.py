"""Property: any text in any user field or SOP field never escapes into rendered output.

Whatever people type (run title, operator, actor, output, note, reason) and whatever an SOP file
says, every renderer (the rich summary, CSV, Markdown, HTML, JSON, the SOP document) shows it
without markup being parsed and without a control character reaching the output, and nothing
raises outside the project's own errors."""

from __future__ import annotations

import io
import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soptui import amend, runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.report import export
from soptui.safetext import console, visible
from soptui.sopfile import parse_text
from soptui.sopview import sop_document
from soptui.sopwrite import to_toml
from soptui.timing import time_run
from tests.conftest import SOPS, WIB
from tests.hostile.common import RAW

# Text with a good share of the characters that cause trouble.
NASTY = st.sampled_from(["[", "]", "[/]", "[bold]", "[link=x]", "\x1b", "\x1b[2J", "\x07", "\x9b", "\u202e",
                         "\r", "\n", "\t", "=", "+", "@", "|", "<script>", "&", "*", "_", "`", "!", "(", ")",
                         "\\", '"', "'", "\x00", "\x7f", "\u2028"])
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=8).map("".join)
TEXT_SOP = (SOPS / "karangploso-renja.toml").read_text(encoding="utf-8")
CAL = OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta"))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=WIB)


def render(renderable, width: int = 200) -> str:
    out = console(width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    out.print(renderable)
    return out.file.getvalue()


def assert_clean(out: str, *, sgr_allowed: bool = False) -> None:
    if sgr_allowed:  # the console's own colours: ESC [ ... m, nothing else
        import re
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not RAW.findall(out.replace("\r\n", "\n")), repr(out[:400])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, operator=TEXT, actor=TEXT, output=TEXT, note=TEXT, reason=TEXT)
def test_run_text_never_reaches_output_raw(title, operator, actor, output, note, reason):
    start = datetime(2026, 11, 23, 8, 0, tzinfo=WIB)
    docs = runs.start_run("k", TEXT_SOP, title=title, operator=operator, timezone="Asia/Jakarta",
                          at=start, now=NOW)
    docs += runs.complete_step(docs, "r", 1, at=start.replace(minute=5), now=NOW, actor=actor,
                               output=output, note=note, evidence={"kind": "ref", "ref": note})
    docs += amend.cancel_run(docs, "r", reason=reason.strip() or "x", now=NOW, at=start.replace(minute=10))
    state = runs.fold(docs, "r")
    timing = time_run(state, CAL, NOW)
    for fmt in ("text", "csv", "md", "html"):
        assert_clean(export(state, timing, fmt, "id"))
    assert_clean(render(__import__("soptui.report", fromlist=["x"]).summary_renderable(state, timing, 200)),
                 sgr_allowed=True)
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(export(state, timing, "xlsx", "id")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not RAW.findall(value.replace("\r\n", "\n")), repr(value)
                    assert not value.startswith(("=", "+", "-", "@")) or value in ("-", "—"), repr(value)
    data = json.loads(export(state, timing, "json", "en"))
    assert data["run"]["title"] == title and data["steps"][0]["attempts"][0]["actor"] == actor.strip()
    text = export(state, timing, "text", "en")
    if title.strip() and "\n" not in title and len(title) < 40:
        assert " ".join(visible(title).split()) in " ".join(text.split())  # shown as typed, not parsed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kegiatan=TEXT.filter(lambda s: s.strip()), output=TEXT, item=TEXT.filter(lambda s: s.strip()),
       nama=TEXT.filter(lambda s: s.strip()))
def test_sop_text_never_reaches_the_document_raw(kegiatan, output, item, nama):
    sop = parse_text(TEXT_SOP, "k.toml", "k").sop
    steps = list(sop.steps)
    steps[0] = steps[0]._replace(kegiatan=kegiatan.strip(), output=output.strip())
    sop = sop._replace(steps=tuple(steps), identity=sop.identity._replace(nama=nama.strip()),
                       boxes=sop.boxes._replace(dasar_hukum=(item.strip(),)))
    try:
        again = parse_text(to_toml(sop), "k.toml", "k").sop
    except ValueError:  # a lone surrogate cannot be written as TOML: refused, never written
        return
    assert_clean(render(sop_document(again, width=200)), sgr_allowed=True)
    assert_clean(render(sop_document(again, width=80)), sgr_allowed=True)
