"""The kept months (stats/buckets.py) give exactly the statistics of the runs themselves, and are
used only while they describe the run files as they are."""

from __future__ import annotations

import json
from datetime import date

import pytest

from soptui.stats.period import period_stats
from soptui.stats.source import period_figs, period_statistics

from .stats_runs import NOW, at, build, record

PERIODS = [(None, None), (date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 10, 1), date(2026, 12, 31)),
           (date(2026, 11, 3), date(2026, 11, 30)), (date(2026, 10, 31), None), (None, date(2026, 10, 31))]


def direct(svc, sop_id, start, end) -> dict:
    """The unaggregated computation: every run's figures folded afresh."""
    figs, _ = period_figs(svc, sop_id, start, end)
    return period_stats(figs, start, end, sop_id)


@pytest.fixture
def recorded(tmp_path):
    svc, ids = build(tmp_path)
    other = build(tmp_path, sop_id="u")[0]  # a second SOP in the same folder, its runs a copy of the first's
    return svc, ids, other


@pytest.mark.parametrize("start, end", PERIODS)
@pytest.mark.parametrize("sop_id", [None, "t", "u"])
def test_kept_months_equal_the_runs(recorded, sop_id, start, end):
    svc = recorded[0]
    first, problems = period_statistics(svc, sop_id, start, end)  # keeps the months
    assert problems == []
    assert svc.store.stat_months() is not None
    again, problems = period_statistics(svc, sop_id, start, end)  # reads them where the period allows
    assert problems == []
    assert first == again == direct(svc, sop_id, start, end)


def test_the_kept_months_are_what_is_read(recorded, monkeypatch):
    svc = recorded[0]
    period_statistics(svc)
    calls = []
    monkeypatch.setattr(svc.store, "stepfigs", lambda: calls.append(1) or {})
    whole = period_statistics(svc, "t", date(2026, 11, 1), date(2026, 11, 30))[0]
    assert calls == []  # whole months: the per-run figures are not read
    assert whole["sops"][0]["runs"]["started"] == 5
    period_statistics(svc, "t", date(2026, 11, 3), date(2026, 11, 30))
    assert calls == [1]  # a cut month: they are


def test_a_run_written_since_makes_them_rebuilt(recorded):
    svc, ids, _ = recorded
    nov = (date(2026, 11, 1), date(2026, 11, 30))
    before, _ = period_statistics(svc, "t", *nov)
    svc.complete(ids["D"], 2, at=at("2026-11-05 09:00"), actor="D-2")  # D goes on
    after, _ = period_statistics(svc, "t", *nov)
    assert after == direct(svc, "t", *nov) != before
    step2 = next(s for s in after["sops"][0]["steps"] if s["no"] == 2)
    assert step2["attempts"] == 4
    assert period_statistics(svc, "t", *nov)[0] == after


@pytest.fixture
def reads(recorded, monkeypatch):
    """Which per-run figures are read: all of them ("all"), or the shards of some runs."""
    svc = recorded[0]
    period_statistics(svc)
    seen: list = []
    real_all, real_of = svc.store.stepfigs, svc.store.stepfigs_of
    monkeypatch.setattr(svc.store, "stepfigs", lambda: seen.append("all") or real_all())
    monkeypatch.setattr(svc.store, "stepfigs_of", lambda run_ids: seen.append(set(run_ids)) or real_of(run_ids))
    return seen


@pytest.mark.parametrize("change", ["went on", "reopened"])
def test_a_changed_month_is_folded_again_from_its_own_runs_when_asked(recorded, reads, change):
    svc, ids, _ = recorded
    if change == "went on":
        svc.complete(ids["D"], 2, at=at("2026-11-05 09:00"), actor="D-2")  # D was in progress
    else:
        svc.reopen(ids["A"], "salah tutup")  # A was finished
    october = period_statistics(svc, "t", date(2026, 10, 1), date(2026, 10, 31))[0]
    assert reads == []  # November is out of date, but not asked for
    november = period_statistics(svc, "t", date(2026, 11, 1), date(2026, 11, 30))[0]
    assert reads == [{ids[k] for k in "ABCDF"}]  # November of "t", from its runs' shards
    everything = period_statistics(svc)[0]
    assert reads[1:] == []  # kept: nothing read again
    assert everything == direct(svc, None, None, None)
    assert october == direct(svc, "t", date(2026, 10, 1), date(2026, 10, 31))
    assert november == direct(svc, "t", date(2026, 11, 1), date(2026, 11, 30))


def test_a_new_run_and_a_damaged_one(recorded):
    svc, ids, _ = recorded
    nov = (date(2026, 11, 1), date(2026, 11, 30))
    period_statistics(svc, "t", *nov)
    from soptui.sopfile import parse_text

    from .stats_runs import sop_toml
    record(svc, parse_text(sop_toml("t"), "test", sop_id="t"), "G", "2026-11-09 08:00", [(1, "2026-11-09 08:05")])
    svc.store.run_path(ids["D"]).write_text("{not json", encoding="utf-8")
    stats, problems = period_statistics(svc, "t", *nov)
    assert stats == direct(svc, "t", *nov)
    assert stats["sops"][0]["runs"]["started"] == 5  # G in, D out
    assert len(problems) == 1 and ids["D"] in problems[0]
    again, problems_again = period_statistics(svc, "t", *nov)  # from the months: D named again
    assert again == stats and problems_again == problems


def test_damaged_or_foreign_months_are_rebuilt(recorded):
    svc = recorded[0]
    expected = direct(svc, None, None, None)
    path = svc.store.root / "figs-months.json"
    for text in ("{not json", json.dumps({"months": {"v": 1, "cal": "x", "tz": "UTC", "sops": {}, "left_out": {}}}),
                 json.dumps({"months": {"v": 1}}), json.dumps({"months": [1]})):
        path.write_text(text, encoding="utf-8")
        assert period_statistics(svc)[0] == expected
    from soptui.stats.partial import empty

    inner = {**empty(), "runs": [1, 0, 0, 1], "known": {"1": [0, "x", [1]]}, "steps": {"1": {}}}
    for broken in (None, {}, {"steps": 3}, inner):  # no partial, or one that is not
        doc = svc.store.stat_months()
        bucket = {"members": doc["sops"]["t"]["2026-11"]["members"]}
        doc["sops"]["t"] = {"2026-11": bucket if broken is None else {**bucket, "p": broken}}
        path.write_text(json.dumps({"months": doc}), encoding="utf-8")
        assert period_statistics(svc)[0] == expected
        assert period_statistics(svc)[0] == expected  # and kept right


def test_now_is_after_the_runs():
    assert NOW.date() == date(2026, 12, 2)


def test_figures_are_sharded_by_the_month_in_the_run_id(recorded):
    svc, ids, _ = recorded
    store = svc.store
    assert store.figs_shard("20261202-abcdef").startswith("202612-")
    assert store.figs_shard("hand-made").startswith("x-")
    names = {p.name for p in (store.root / "figs").iterdir()}
    started = {svc.state(run_id).started_at.strftime("%Y%m") for run_id in ids.values()}
    assert started == {run_id[:6] for run_id in ids.values()}  # entered on 2 Dec, named by the day they started
    assert names and {n[:6] for n in names} <= started
    legacy = store.root / "figs" / "07.json"  # the older naming, hashed 64 ways
    legacy.write_text("{}", encoding="utf-8")
    assert set(store.stepfigs()) == {*ids.values(), *build_ids(recorded)}
    assert not legacy.exists()


def build_ids(recorded) -> set[str]:
    other = recorded[2]
    return set(other.store.run_ids()) - set(recorded[1].values())
