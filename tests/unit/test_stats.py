"""A period's step statistics on hand-computed runs (tests/unit/stats_runs.py has the arithmetic)."""

from __future__ import annotations

from datetime import date

import pytest

from soptui.stats.period import period_stats, quantile
from soptui.stats.runfigs import VERSION
from soptui.stats.source import period_figs

from .stats_runs import build

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    return build(tmp_path_factory.mktemp("stats"))


@pytest.fixture(scope="module")
def block(recorded):
    svc, _ = recorded
    figs, problems = period_figs(svc, "t", *NOV)
    assert problems == []
    stats = period_stats(figs, *NOV, sop_id="t")
    assert len(stats["sops"]) == 1
    return stats["sops"][0]


@pytest.mark.parametrize("values, q, expected", [
    ([], 0.5, None), ([7], 0.9, 7), ([1, 3], 0.5, 2), ([300, 900, 1200, 1800], 0.5, 1050),
    ([300, 900, 1200, 1800], 0.9, 1620), ([1800, 3600, 7200], 0.9, 6480)])
def test_quantile_interpolates(values, q, expected):
    assert quantile(values, q) == pytest.approx(expected) if expected is not None else quantile(values, q) is None


def test_runs_counted_by_their_start_cancelled_counted(block):
    # A, B, C, D, F started in November (F finished its step in December); E started in October.
    assert block["runs"] == {"started": 5, "finished": 2, "cancelled": 1, "in_progress": 2}


@pytest.mark.parametrize("no, attempts, rework, measured, on_time, median, p90, std_median, typical", [
    # step 1: A 300 on time, B 1200, D 1800, F 900 late; C (cancelled) left out
    (1, 4, 0, 4, 1, 1050, 1620, 600, False),
    # step 2: A 3600 (= due) and 7200 (rework, late), B 1800
    (2, 3, 1, 3, 2, 3600, 6480, 3600, True),
    # step 3 (decision): A 900 and 600, B 600
    (3, 3, 1, 3, 3, 600, 840, 1800, True),
    # step 4: A 3600, B 27000 (= due); the standard 1 hari = 27,000 working seconds each
    (4, 2, 0, 2, 2, 15300, 24660, 27000, True),
])
def test_step_figures(block, no, attempts, rework, measured, on_time, median, p90, std_median, typical):
    step = next(s for s in block["steps"] if s["no"] == no)
    assert (step["attempts"], step["rework"], step["measured"], step["on_time"]) == (attempts, rework, measured, on_time)
    assert step["median_s"] == pytest.approx(median)
    assert step["p90_s"] == pytest.approx(p90)
    assert step["std_median_s"] == pytest.approx(std_median)
    assert step["typical_on_time"] is typical


def test_slowest_ranked_by_median_against_standard(block):
    # ratios: 1 -> 1050/600 = 1.75; 2 -> 1.0; 4 -> 15300/27000 = 0.57; 3 -> 600/1800 = 0.33
    assert block["slowest"] == [1, 2, 4, 3]


def test_rework_loops_per_decision(block):
    assert block["decisions"] == [{"step": 3, "target": 2, "tidak": 1, "ya": 2, "loops_per_run": 0.25}]


def test_totals_and_roles(block):
    totals = block["totals"]
    assert (totals["attempts"], totals["measured"], totals["on_time"], totals["rework_loops"]) == (12, 12, 8, 1)
    assert (totals["steps_measured"], totals["steps_on_time"]) == (4, 3)
    roles = {r["role"]: r for r in block["roles"]}
    assert (roles["Staf"]["attempts"], roles["Staf"]["on_time"]) == (9, 5)
    assert (roles["Kepala"]["attempts"], roles["Kepala"]["on_time"]) == (3, 3)
    assert roles["Kepala"]["people"] == ["A-3", "B-3"]


def test_figures_are_kept_by_the_write_path_and_reused(recorded):
    svc, ids = recorded
    kept = svc.store.stepfigs()
    assert set(kept) == set(ids.values())  # each written when its record changed
    assert all(f["v"] == VERSION for f in kept.values())
    a = kept[ids["A"]]
    assert [(x[0], x[1], x[8]) for x in a["attempts"]] == [  # step, attempt, on time
        (1, 1, True), (2, 1, True), (3, 1, True), (2, 2, False), (3, 2, True), (4, 1, True)]


def test_missing_or_stale_figures_are_rebuilt(tmp_path):
    svc, ids = build(tmp_path)
    before, _ = period_figs(svc, "t", *NOV)
    store_path = tmp_path / "figs"
    for f in store_path.iterdir():
        f.unlink()
    svc.store.put_stepfigs(ids["B"], {**svc.store.stepfigs().get(ids["B"], {}), "v": VERSION + 1})
    again, problems = period_figs(svc, "t", *NOV)
    assert problems == []
    assert again == before
    assert set(svc.store.stepfigs()) == set(ids.values())  # kept again after the rebuild (E too: not of the period)


def test_damaged_runs_are_left_out_and_named(tmp_path):
    import json

    svc, ids = build(tmp_path)
    path = svc.store.run_path(ids["B"])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["events"]["2"]["data"]["actor"] = "someone else"  # edited by hand: the hash chain breaks
    path.write_text(json.dumps(data), encoding="utf-8")
    svc.store.run_path(ids["D"]).write_text("{not json", encoding="utf-8")
    figs, problems = period_figs(svc, "t", *NOV)
    assert sorted(f["title"] for f in figs) == ["A", "C", "F"]
    assert len(problems) == 2
    assert any(str(path) in p for p in problems) and any(ids["D"] in p for p in problems)


@pytest.mark.parametrize("today, name, expected", [
    (date(2026, 6, 30), "this_semester", (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 7, 1), "this_semester", (date(2026, 7, 1), date(2026, 12, 31))),
    (date(2026, 6, 30), "last_semester", (date(2025, 7, 1), date(2025, 12, 31))),
    (date(2026, 7, 1), "last_semester", (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 1, 1), "this_year", (date(2026, 1, 1), date(2026, 12, 31))),
    (date(2026, 12, 31), "last_year", (date(2025, 1, 1), date(2025, 12, 31))),
    (date(2026, 12, 31), "all", (None, None)),
])
def test_period_presets(today, name, expected):
    from soptui.stats.period import preset
    assert preset(name, today) == expected


@pytest.mark.parametrize("text, expected", [
    ("2026-07-01", date(2026, 7, 1)), ("1/7/2026", date(2026, 7, 1)), ("01.07.2026", date(2026, 7, 1)),
    ("31-12-2026", date(2026, 12, 31)), ("  ", None),
    ("2026-13-01", ValueError), ("31/13/2026", ValueError), ("7/2026", ValueError), ("kemarin", ValueError),
    ("2026/07/01", ValueError),
])
def test_typed_days(text, expected):
    from soptui.stats.period import parse_day
    if expected is ValueError:
        with pytest.raises(ValueError):
            parse_day(text)
    else:
        assert parse_day(text) == expected
