"""A "tidak" that skips ahead ("Perlu disposisi? Tidak -> langkah 5"): no rework, the steps between
skipped, the standard from the main path, drawn on the left like a "ya" that skips, and a run of
it from start to summary on the command line."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from soptui import report
from soptui.calendar import OfficeCalendar
from soptui.cli import main
from soptui.config import CalendarSettings
from soptui.flowchart.layout import layout
from soptui.flowchart.overlay import run_overlay
from soptui.flowchart.text import render
from soptui.service import RunService
from soptui.sopfile import load_file
from soptui.timing import time_run
from tests.conftest import WIB, Clock
from tests.unit.test_flowchart_layout import HEAD, check, sop_of, step

# 1 Kepala receives; 2 Kepala asks "Perlu disposisi?": tidak -> 5; 3, 4 the disposition; 5, 6 the rest.
SKIP_SOP = (HEAD + step(1, "Kepala") + step(2, "Kepala", tidak=5, pertanyaan='"Perlu disposisi?"')
            + step(3, "Sekretaris") + step(4, "Staf") + step(5, "Staf") + step(6, "Kepala"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-{text}").replace(tzinfo=WIB)


@pytest.fixture
def svc(tmp_path):
    return RunService(tmp_path / "data", WIB, clock=Clock(at("27T16:00")),
                      calendar=OfficeCalendar(CalendarSettings()))


@pytest.fixture
def sop_file(tmp_path):
    path = tmp_path / "sops" / "disposisi.toml"
    path.parent.mkdir()
    path.write_text(SKIP_SOP, encoding="utf-8")
    return path


def test_answering_tidak_skips_to_the_target_without_rework(svc, sop_file):
    run = svc.start(load_file(sop_file), title="T", operator="x", at=at("23T08:00"))
    svc.complete(run, 1, at=at("23T08:30"), actor="A")
    svc.complete(run, 2, at=at("23T08:40"), actor="A", verdict="tidak")
    state = svc.state(run)
    assert state.current == 5 and state.rework_loops == 0
    assert {no: st.state for no, st in state.steps.items()} == {
        1: "done", 2: "done", 3: "skipped", 4: "skipped", 5: "current", 6: "pending"}
    timing = time_run(state, svc.calendar, at("23T09:00"))
    assert timing.rework_loops == 0
    assert timing.standard_total.seconds == 6 * 3600  # six steps of 1 jam: the main path, skips included
    # The flowchart: 3 and 4 skipped, the "tidak" taken once.
    ov = run_overlay(state, timing)
    assert [ov.steps[n].state for n in (3, 4)] == ["skipped", "skipped"]
    assert ov.times_taken(2, "tidak") == 1 and ov.times_taken(2, "ya") == 0
    # The summary: no rework, the skipped steps said to be skipped.
    data = report.summary_data(state, timing)
    assert data["rework"]["loops"] == 0 and data["rework"]["decisions"] == []
    assert [s["state"] for s in data["steps"]] == ["done", "done", "skipped", "skipped", "current", "pending"]
    text = report.render_text(state, timing, width=120)
    assert "No rework." in text and "skipped" in text
    svc.complete(run, 5, at=at("23T10:00"), actor="B")
    svc.complete(run, 6, at=at("23T11:00"), actor="A")
    state = svc.state(run)
    assert state.status == "finished" and [state.steps[n].state for n in (3, 4)] == ["skipped", "skipped"]


def test_answering_ya_goes_through_every_step(svc, sop_file):
    run = svc.start(load_file(sop_file), title="T", operator="x", at=at("23T08:00"))
    svc.complete(run, 1, at=at("23T08:30"))
    svc.complete(run, 2, at=at("23T08:40"), verdict="ya")
    for no, when in ((3, "23T09:00"), (4, "23T09:30"), (5, "23T10:00"), (6, "23T10:30")):
        svc.complete(run, no, at=at(when))
    state = svc.state(run)
    assert state.status == "finished" and all(st.state == "done" for st in state.steps.values())
    assert state.rework_loops == 0


def test_a_rework_tidak_still_counts_as_a_loop(svc, tmp_path):
    path = tmp_path / "back.toml"
    path.write_text(HEAD + step(1, "Kepala") + step(2, "Staf") + step(3, "Kepala", tidak=2), encoding="utf-8")
    run = svc.start(load_file(path), title="T", operator="x", at=at("23T08:00"))
    for no, verdict in ((1, None), (2, None), (3, "tidak")):
        svc.complete(run, no, at=at("23T09:00"), verdict=verdict)
    state = svc.state(run)
    assert state.rework_loops == 1 and state.steps[2].state == "current" and state.steps[3].state == "rework"


@pytest.mark.parametrize("width", (80, 160))
def test_a_forward_tidak_is_drawn_down_the_left_with_its_label(width):
    sop = sop_of(step(1, "Kepala"), step(2, "Kepala", tidak=5), step(3, "Sekretaris"), step(4, "Staf"),
                 step(5, "Staf"), step(6, "Kepala"))
    check(sop, width)
    lay = layout(sop, width)
    [tidak] = [e for e in lay.edges if e.branch == "tidak"]
    [ya] = [e for e in lay.edges if e.branch == "ya"]
    assert (tidak.route, tidak.target, tidak.head) == ("skip", 5, "right") and ya.route == "down"
    assert tidak.points[1][0] < lay.lanes[0].x
    out = render(sop, width)
    assert "No" in out.lines[out.rows[2]]
    row5 = out.lines[out.rows[5]]
    assert "►" in row5  # the arrowhead into step 5 from the left


@pytest.mark.parametrize("width", (80, 160))
def test_ya_and_tidak_both_skipping_leave_by_different_rows(width):
    sop = sop_of(step(1, "Kepala"), step(2, "Kepala", tidak=5, ya=4), step(3, "Sekretaris"), step(4, "Staf"),
                 step(5, "Staf"), step(6, "Kepala"))
    check(sop, width)
    lay = layout(sop, width)
    ya, tidak = ([e for e in lay.edges if e.source == 2 and e.branch == b][0] for b in ("ya", "tidak"))
    assert ya.route == tidak.route == "skip"
    assert len(set(ya.cells()) & set(tidak.cells())) <= 1  # two lines that may cross, never one
    labels = [lab for lab in lay.labels if lay.edges[lab.edge].source == 2]
    assert len(labels) == 2 and len({lab.y for lab in labels}) == 2
    for lab in labels:  # no word written over another line
        others = {c for e in lay.edges if e != lay.edges[lab.edge] for c in e.cells()}
        assert not others & {(x, lab.y) for x in range(lab.x, lab.x + len("No"))}
    out = render(sop, width)
    assert "Yes" in out.lines[lay.rows[2]] and "No" in out.lines[lay.rows[2] + 1]


def test_the_command_line_runs_a_forward_tidak_from_start_to_summary(workdir, sop_file, capsys):
    (workdir / "soptui.toml").write_text(
        f'sops_dir = "{sop_file.parent.as_posix()}"\ndata_dir = "data"\nlang = "en"\n', encoding="utf-8")

    def cli(*argv: str) -> str:
        rc = main(list(argv))
        out = capsys.readouterr()
        assert rc == 0, out.err
        return out.out

    assert "disposisi" in cli("check")
    run_id = cli("start", "disposisi", "--operator", "Rina", "--at", "08:00").strip().split()[-1]
    cli("log", run_id, "1", "--actor", "Rina", "--at", "08:30")
    cli("decide", run_id, "2", "tidak", "--actor", "Rina", "--at", "08:40")
    status = cli("status", run_id)
    assert "skipped" in status and "rework" not in status
    cli("log", run_id, "5", "--actor", "Budi", "--at", "09:00")
    cli("log", run_id, "6", "--actor", "Rina", "--at", "09:30")
    data = json.loads(cli("summary", run_id, "--format", "json"))
    assert data["run"]["status"] == "finished" and data["rework"]["loops"] == 0
    assert {s["no"]: s["state"] for s in data["steps"]} == {
        1: "done", 2: "done", 3: "skipped", 4: "skipped", 5: "done", 6: "done"}
    assert [a["verdict"] for a in data["steps"][1]["attempts"]] == ["tidak"]
    assert "skipped" in cli("summary", run_id)
    # the exports list attempts; the steps without one are named among the summary's items
    assert "| Skipped steps | 3, 4 |" in cli("summary", run_id, "--format", "md")
    assert "No" in cli("show", "disposisi", "--flowchart")


def test_the_checklists_detail_says_a_skipped_step_was_skipped(svc, sop_file):
    from rich.console import Console

    from soptui.messages import ui as _ui  # noqa: F401  (the interactive view's strings)
    from soptui.widgets.stepdetail import detail
    run = svc.start(load_file(sop_file), title="T", operator="x", at=at("23T08:00"))
    svc.complete(run, 1, at=at("23T08:30"))
    svc.complete(run, 2, at=at("23T08:40"), verdict="tidak")
    state = svc.state(run)
    timing = time_run(state, svc.calendar, at("23T09:00"))
    console = Console(width=100, record=True)

    def shown(no: int) -> str:
        console.print(detail(state, timing, no, WIB))
        return console.export_text()
    assert "Skipped: an earlier decision jumped over it." in shown(3)
    assert "not yet" in shown(6)  # after the current step: still to come
