"""A run drawn on the flowchart (states, marks, the path taken, rework counts), the text and SVG
renderings, and the flowchart in the HTML summary."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from soptui import report
from soptui.calendar import OfficeCalendar
from soptui.config import CalendarSettings
from soptui.flowchart.layout import connections
from soptui.flowchart.overlay import run_overlay
from soptui.flowchart.svg import flowchart_svg
from soptui.flowchart.text import render, render_lines, to_rich
from soptui.i18n import using_lang
from soptui.service import RunService
from soptui.sopfile import load_file, parse_text
from soptui.timing import time_run
from tests.conftest import SOPS, WIB, Clock
from tests.unit.test_flowchart_layout import BUNDLED, HEAD, sop_of, step

SVG = "{http://www.w3.org/2000/svg}"


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-{text}").replace(tzinfo=WIB)


@pytest.fixture
def svc(tmp_path):
    clock = Clock(at("27T16:00"))
    return RunService(tmp_path / "data", WIB, clock=clock, calendar=OfficeCalendar(CalendarSettings()))


def rework_run(svc):
    """Karangploso: step 6 sends the typing back once, step 7 the draft once; now at step 7."""
    loaded = load_file(SOPS / "karangploso-renja.toml")
    run = svc.start(loaded, title="Renja 2027", operator="Sri", at=at("23T07:45"))
    path = [(1, "23T09:00", None), (2, "23T09:10", None), (3, "23T14:00", None), (4, "24T10:00", None),
            (5, "24T14:00", None), (6, "24T14:05", "tidak"), (5, "24T15:00", None), (6, "24T15:05", "ya"),
            (7, "25T08:00", "tidak"), (4, "25T10:00", None), (5, "25T11:00", None), (6, "25T11:05", "ya")]
    for no, when, verdict in path:
        svc.complete(run, no, at=at(when), actor="x", verdict=verdict)
    state = svc.state(run)
    return state, time_run(state, svc.calendar, at("25T11:10"))


def test_the_overlay_has_the_checklists_states_lateness_and_the_path_taken(svc):
    state, timing = rework_run(svc)
    ov = run_overlay(state, timing)
    assert ov.current == 7 and ov.steps[7].state == "current"
    assert ov.steps[1].state == "done" and ov.steps[1].late  # 10 minutes, done after 75
    assert ov.steps[2].state == "done" and not ov.steps[2].late
    assert ov.steps[8].state == "pending" and ov.steps[12].state == "pending"
    assert [ov.steps[n].attempts for n in (4, 5, 6, 7)] == [2, 3, 3, 2]
    assert ov.times_taken(6, "tidak") == 1 and ov.times_taken(6, "ya") == 2
    assert ov.times_taken(7, "tidak") == 1 and ov.times_taken(7, "ya") == 0
    assert ov.times_taken(3, "next") == 1 and ov.times_taken(8, "next") == 0


def test_the_text_shows_marks_counts_and_the_taken_branches(svc):
    state, timing = rework_run(svc)
    ov = run_overlay(state, timing)
    out = render(state.sop, 80, ov, selected=7)
    line = {no: out.lines[row] for no, row in out.rows.items()}
    assert "(✓ 1!)" in line[1] and "[✓ 2 ]" in line[2] and "<▶ 7!>" in line[7] and "[· 8 ]" in line[8]
    assert "×3" in line[5] and "×2" in line[4]
    assert "No ×1" in line[6] and "No ×1" in line[7]
    # Styles: the checklist's (the late mark red beside the state's colour), the current one as current, the
    # selected one reversed, the connectors not taken dimmed.
    def styles_at(no, text):
        x = line[no].index(text)
        return {s.style for s in out.spans if s.line == out.rows[no] and s.start <= x < s.end}
    assert "green" in styles_at(1, "(✓ 1") and "bold red" in styles_at(1, "!)")
    assert {"bold yellow", "reverse"} <= styles_at(7, "<▶ 7")
    assert "dim" in styles_at(8, "[· 8 ]")
    gap = out.rows[8]  # the connector from 8 to 9, not taken yet
    assert any(s.line == gap and s.style == "dim" for s in out.spans)


def test_a_step_a_decision_jumped_over_is_skipped(svc, tmp_path):
    sop_text = HEAD + step(1, "Kepala") + step(2, "Staf", tidak=1, ya=4) + step(3, "Staf") + step(4, "Kepala")
    path = tmp_path / "skip.toml"
    path.write_text(sop_text, encoding="utf-8")
    run = svc.start(load_file(path), title="T", operator="x", at=at("23T08:00"))
    svc.complete(run, 1, at=at("23T08:10"))
    svc.complete(run, 2, at=at("23T08:20"), verdict="ya")
    state = svc.state(run)
    ov = run_overlay(state, time_run(state, svc.calendar, at("23T09:00")))
    assert ov.steps[3].state == "skipped" and ov.steps[4].state == "current"
    out = render(state.sop, 80, ov)
    assert "[– 3 ]" in out.lines[out.rows[3]] or "[–3 ]" in out.lines[out.rows[3]]


def test_bare_text_has_a_legend_and_reads_in_both_languages():
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    with using_lang("id"):
        lines = render_lines(sop, 80)
        assert "Kegiatan" in lines[1] and "Tidak" in lines[render(sop, 80).rows[6]]
        assert "keputusan" in lines[-1]
    with using_lang("en"):
        assert "decision" in render_lines(sop, 80)[-1]


@pytest.mark.parametrize("name", BUNDLED)
def test_the_svg_is_well_formed_with_one_symbol_per_step_and_one_arrow_per_connection(name):
    sop = load_file(SOPS / name).sop
    root = ET.fromstring(flowchart_svg(sop))
    symbols = [el for el in root.iter() if el.get("class") == "symbol"]
    assert sorted(int(el.get("data-step")) for el in symbols) == [s.no for s in sop.steps]
    for el in symbols:
        assert el.get("data-role") == sop.step(int(el.get("data-step"))).pelaksana
    arrows = [el for el in root.iter(f"{SVG}polyline") if el.get("class") == "arrow"]
    drawn = sorted((int(a.get("data-from")), int(a.get("data-to")), a.get("data-branch")) for a in arrows)
    assert drawn == sorted(connections(sop))
    assert all(a.get("marker-end", "").startswith("url(#fc-head-") for a in arrows)
    kinds = {int(el.get("data-step")): el.get("data-kind") for el in symbols}
    assert kinds[sop.steps[0].no] == "terminator" and kinds[sop.steps[-1].no] == "terminator"
    assert all(kinds[s.no] == "decision" for s in sop.steps if s.is_decision)


def test_the_svg_draws_two_symbols_for_two_pelaksana_and_escapes_sop_text():
    sop = sop_of(step(1, "Kepala"), step(2, ["Staf", "Sekretaris"]).replace(
        'kegiatan = "Langkah 2"', 'kegiatan = "<script>alert(1)</script> & \\u001b[2J"'), step(3, "Kepala"))
    text = flowchart_svg(sop)
    assert "<script>" not in text and "&lt;script&gt;" in text and "\x1b" not in text
    root = ET.fromstring(text)
    two = [el.get("data-role") for el in root.iter() if el.get("class") == "symbol" and el.get("data-step") == "2"]
    assert sorted(two) == ["Sekretaris", "Staf"]
    assert len([el for el in root.iter() if el.get("class") == "join"]) == 1


def test_the_html_summary_carries_the_run_on_the_flowchart(svc):
    state, timing = rework_run(svc)
    page = report.export(state, timing, "html", "id")
    assert "@page{size:A4 landscape" in page and "Diagram alir" in page
    svg = re.search(r"<svg .*?</svg>", page, re.S).group()
    root = ET.fromstring(svg)
    assert len([el for el in root.iter() if el.get("class") == "symbol"]) == len(state.sop.steps)
    taken = [el for el in root.iter(f"{SVG}polyline") if el.get("stroke-width") == "2"]
    assert {(el.get("data-from"), el.get("data-branch")) for el in taken} >= {("6", "tidak"), ("7", "tidak")}
    assert "Tidak ×1" in svg
    assert 'href' not in svg.replace('url(#', '')  # nothing outside the page


def test_show_flowchart_prints_the_chart_as_text(workdir, capsys, monkeypatch):
    from soptui.cli import main
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["show", "karangploso-renja", "--flowchart"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Kasubag" in lines[0] and "Camat" in lines[1] and "\x1b" not in out  # not a terminal: plain
    assert any("<  6 >─No" in line for line in lines) and any("[  5 ]◄" in line for line in lines)
    assert "decision" in lines[-1]
    assert main(["show", "karangplosso", "--flowchart"]) == 1
    assert "did you mean" in capsys.readouterr().err


def test_sop_text_is_shown_literally_never_obeyed():
    sop = sop_of(step(1, "Kepala").replace('kegiatan = "Langkah 1"', 'kegiatan = "[bold]x[/bold] \\u001b[2J \\u202e"'),
                 step(2, "Staf"))
    out = render(sop, 80)
    row = out.lines[out.rows[1]]
    assert "[bold]x[/bold]" in row and "␛[2J" in row
    assert not any(ch in line for line in out.lines for ch in "\x1b\u202e")
    text = to_rich(out.lines, out.spans)
    assert "[bold]x[/bold]" in text.plain  # spans style it; the text is never read as markup
