"""The event log for process mining, read back: one case per run, a start and a complete event per
completed step attempt, a start alone per open attempt (and an abort when its run was cancelled),
in time order, with the attributes XES tools read.

Counts from stats_runs.py, November 2026: runs A (6 completed attempts), B (4), C (1, cancelled
while step 2 was open), D (1, at step 2), F (1, at step 2) -> 5 cases, 13 completed attempts
(26 events), 3 open ones (3 starts) and 1 abort: 30 events."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest

from soptui.stats import eventlog
from soptui.stats.source import period_figs

from .stats_runs import build

NS = {"x": eventlog.XES_NS}
NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture(scope="module")
def figs(tmp_path_factory):
    svc, _ = build(tmp_path_factory.mktemp("log"))
    return period_figs(svc, "t", *NOV)[0]


def _attrs(node) -> dict:
    return {child.get("key"): (child.tag.split("}")[1], child.get("value")) for child in node
            if child.tag != f"{{{eventlog.XES_NS}}}event"}


def test_xes_structure_and_counts(figs):
    root = ET.fromstring(eventlog.to_xes(eventlog.events(figs)))
    assert root.tag == f"{{{eventlog.XES_NS}}}log" and root.get("xes.version") == "1849-2016"
    assert {e.get("prefix") for e in root.findall("x:extension", NS)} == {"concept", "time", "lifecycle", "org"}
    traces = root.findall("x:trace", NS)
    assert sorted(_attrs(t)["title"][1] for t in traces) == ["A", "B", "C", "D", "F"]
    events = [e for t in traces for e in t.findall("x:event", NS)]
    assert len(events) == 30 and eventlog.counts(eventlog.events(figs)) == (5, 30)
    by_title = {_attrs(t)["title"][1]: t for t in traces}
    a = [_attrs(e) for e in by_title["A"].findall("x:event", NS)]
    assert [(x["step"][1], x["lifecycle:transition"][1]) for x in a] == [
        ("1", "start"), ("1", "complete"), ("2", "start"), ("2", "complete"), ("3", "start"), ("3", "complete"),
        ("2", "start"), ("2", "complete"), ("3", "start"), ("3", "complete"), ("4", "start"), ("4", "complete")]
    first = a[1]
    assert first["concept:name"] == ("string", "1. Langkah 1")
    assert first["time:timestamp"] == ("date", "2026-11-02T08:05:00.000+07:00")
    assert first["org:resource"] == ("string", "A-1") and first["org:role"] == ("string", "Staf")
    assert first["on_time"] == ("boolean", "true") and float(first["standard_working_seconds"][1]) == 600
    stamps = [datetime.fromisoformat(x["time:timestamp"][1]) for x in a]
    assert stamps == sorted(stamps)
    assert _attrs(by_title["C"])["status"] == ("string", "cancelled")


def test_open_attempts_start_without_completing(figs):
    root = ET.fromstring(eventlog.to_xes(eventlog.events(figs)))
    by_title = {_attrs(t)["title"][1]: [_attrs(e) for e in t.findall("x:event", NS)]
                for t in root.findall("x:trace", NS)}
    seen = {k: [(x["step"][1], x["lifecycle:transition"][1], x["time:timestamp"][1][11:16]) for x in v]
            for k, v in by_title.items()}
    # C: step 2 ready at 08:10 (step 1 done), the run cancelled at 08:30 with it open.
    assert seen["C"] == [("1", "start", "08:00"), ("1", "complete", "08:10"), ("2", "start", "08:10"),
                         ("2", "ate_abort", "08:30")]
    # D and F are still at step 2: its start, no completion.
    assert seen["D"][-1] == ("2", "start", "08:30") and seen["F"][-1] == ("2", "start", "07:35")
    open_d = by_title["D"][-1]
    assert "actual_working_seconds" not in open_d and "on_time" not in open_d  # nothing timed yet


def test_csv_has_the_same_events_under_the_usual_column_names(figs):
    rows = list(csv.DictReader(io.StringIO(eventlog.to_csv(eventlog.events(figs)))))
    assert len(rows) == 30 and len({r["case:concept:name"] for r in rows}) == 5
    assert [r["lifecycle:transition"] for r in rows].count("start") == 16
    assert {r["lifecycle:transition"] for r in rows} == {"start", "complete", "ate_abort"}
    assert all(r["concept:name"] and r["time:timestamp"] for r in rows)
    assert all(r["org:resource"] for r in rows if r["lifecycle:transition"] == "complete")


def test_hostile_text_stays_text(figs):
    bad = [{**figs[0], "title": "<x>&\x07", "sop": {**figs[0]["sop"], "steps": [[s[0], "=cmd|' /C calc'!A0", *s[2:]] for s in figs[0]["sop"]["steps"]]},
            "attempts": [[*a[:2], "@SUM(1)", *a[3:]] for a in figs[0]["attempts"]]}]
    root = ET.fromstring(eventlog.to_xes(eventlog.events(bad)))  # still well-formed XML
    assert _attrs(root.find("x:trace", NS))["title"][1].startswith("<x>&")
    rows = list(csv.DictReader(io.StringIO(eventlog.to_csv(eventlog.events(bad)))))
    assert rows[0]["org:resource"] == "'@SUM(1)"


def test_pm4py_reads_the_same_counts(figs, tmp_path):
    """Only where the optional `mining` extra (pm4py) is installed; the structural tests above check
    the same counts without it."""
    pm4py = pytest.importorskip("pm4py")
    path = tmp_path / "log.xes"
    path.write_bytes(eventlog.to_xes(eventlog.events(figs)))
    df = pm4py.read_xes(str(path))
    assert len(df) == 30 and df["case:concept:name"].nunique() == 5
    import pandas
    frame = pandas.read_csv(io.StringIO(eventlog.to_csv(eventlog.events(figs))))
    frame = pm4py.format_dataframe(frame, case_id="case:concept:name", activity_key="concept:name",
                                   timestamp_key="time:timestamp")
    assert len(frame) == 30 and frame["case:concept:name"].nunique() == 5
