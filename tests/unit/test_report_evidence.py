"""The summary is what an office hands over as proof ("bukti dukung"): the text summary (the CLI
and the TUI's `r`) and Markdown list each attempt's evidence and note, as the other formats do,
wrapped at 80 columns and never cut so that two pieces of evidence read alike."""

from __future__ import annotations

import re

import pytest

from soptui import runs
from soptui.calendar import CalendarSettings, OfficeCalendar
from soptui.report import export, render_text
from soptui.report.figures import evidence_text
from soptui.timing import time_run
from tests.unit.test_timing import REWORK_SOP, at

NOW = at("2026-11-23T12:00")
# Two letters that differ only at their end: cut to a line, they would read the same.
REF_A = "005/123/421.628/2026/Bappeda/Kecamatan-Karangploso/Kabupaten-Malang/lampiran-satu"
REF_B = "005/123/421.628/2026/Bappeda/Kecamatan-Karangploso/Kabupaten-Malang/lampiran-dua"


@pytest.fixture
def proved(tmp_path):
    paraf = tmp_path / "paraf2.pdf"
    paraf.write_bytes(b"%PDF- paraf")
    from soptui.evidence import evidence_of
    docs = runs.start_run("contoh", REWORK_SOP, title="Renja 2027", operator="Siti", timezone="Asia/Jakarta",
                          at=at("2026-11-23T08:00"), now=NOW)
    docs += runs.complete_step(docs, "r", 1, at=at("2026-11-23T08:05"), now=NOW, actor="Ani", output="Draf",
                               evidence={"kind": "ref", "ref": REF_A}, note="diserahkan langsung [b]x[/b]")
    docs += runs.complete_step(docs, "r", 2, at=at("2026-11-23T08:30"), now=NOW, actor="Budi", output="Konsep",
                               evidence={"kind": "ref", "ref": REF_B})
    docs += runs.complete_step(docs, "r", 3, at=at("2026-11-23T08:40"), now=NOW, actor="Kepala",
                               verdict="ya", evidence=evidence_of(str(paraf)))
    state = runs.fold(docs, "r")
    return state, time_run(state, OfficeCalendar(CalendarSettings(timezone="Asia/Jakarta")), NOW)


def _flat(text: str) -> str:
    """The text without its line breaks and table padding (a wrapped value joined again)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width", [80, 120])
def test_text_summary_lists_each_attempts_evidence_and_note_in_full(proved, width):
    state, _ = proved
    text = render_text(*proved, width=width, lang="id")
    assert max(len(line) for line in text.splitlines()) <= width
    flat = _flat(text)
    for attempt in state.steps[1].attempts + state.steps[2].attempts + state.steps[3].attempts:
        shown = evidence_text(attempt.evidence)  # as every format shows evidence
        assert _flat("Bukti: " + shown) in flat, shown
    assert _flat("Catatan: diserahkan langsung [b]x[/b]") in flat  # shown as typed, not as markup
    # Neither letter is cut: each ends where it ends.
    assert "lampiran-satu" in flat and "lampiran-dua" in flat


def test_text_summary_says_evidence_in_english(proved):
    text = render_text(*proved, width=80, lang="en")
    assert _flat("Evidence: " + REF_B) in _flat(text) and _flat("Note: diserahkan langsung") in _flat(text)


def test_an_attempt_without_evidence_has_no_evidence_line(tmp_path):
    docs = runs.start_run("contoh", REWORK_SOP, title="T", operator="Siti", timezone="Asia/Jakarta",
                          at=at("2026-11-23T08:00"), now=NOW)
    docs += runs.complete_step(docs, "r", 1, at=at("2026-11-23T08:05"), now=NOW, actor="Ani", output="Draf")
    state = runs.fold(docs, "r")
    text = render_text(state, time_run(state, OfficeCalendar(), NOW), width=80, lang="id")
    assert "Bukti:" not in text and "Catatan:" not in text


def test_markdown_has_evidence_and_note_per_attempt(proved):
    md = export(*proved, "md", "id")
    head = next(line for line in md.splitlines() if "| Kegiatan |" in line)
    cells = [c.strip() for c in head.strip("|").split("|")]
    assert "Bukti" in cells and "Catatan" in cells
    lines = md.splitlines()
    table = lines[lines.index(head) + 2:]
    rows = table[:table.index("")]  # the steps table ends at the blank line before the next section
    by_no = {r.split("|")[1].strip(): [c.strip() for c in r.strip("|").split("|")] for r in rows}
    assert by_no["1"][cells.index("Bukti")] == REF_A
    assert by_no["1"][cells.index("Catatan")] == r"diserahkan langsung \[b\]x\[/b\]"  # Markdown escaped
    assert by_no["2"][cells.index("Bukti")] == REF_B
    state, _ = proved
    paraf = evidence_text(state.steps[3].attempts[0].evidence)
    assert "paraf2.pdf" in paraf and by_no["3"][cells.index("Bukti")].replace("\\", "") == paraf


def test_a_path_longer_than_the_cell_starts_a_line_of_its_own(proved):
    state, _ = proved
    path = state.steps[3].attempts[0].evidence["path"]
    text = render_text(*proved, width=60, lang="id")
    lines = [line.strip() for line in text.splitlines()]
    at = max(i for i, line in enumerate(lines) if line == "Bukti:")  # step 3's, the label alone: the path does not start on its line, half cut off
    assert path.startswith(lines[at + 1]) and len(lines[at + 1]) > 10
    assert _flat(path) in _flat(text)
