"""The kept step figures of the runs in a period, through the run service and its store.

Every run file is listed (one listing of runs/) and its change time read; a run's kept figures
are used when they were computed from the file as it is now, on this office calendar, and
rebuilt from the file otherwise (then kept, in one write per shard). The index is not read: the
figures carry what the statistics need. A run that cannot be read or folded, or whose record
fails its integrity check, is left out and named in the problems.

The statistics (period_statistics) read the kept partials per (SOP, month) instead where the
period takes whole months (buckets.py), bringing the months the period asks for up to date
first from the figures of their own runs; the event log (period_figs) reads every run's figures.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import date, datetime
from operator import itemgetter

from ..errors import SoptuiError, StoreError
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)
from .runfigs import calendar_key, fresh, run_figs


def period_figs(svc, sop_id: str | None = None, start: date | None = None,
                end: date | None = None) -> tuple[list[dict], list[str]]:
    """The figures of the runs started in [start, end] (of one SOP, or all), oldest first."""
    with _no_gc():
        entries, _times, _left, problems = _all_figs(svc)
    return _select(entries, sop_id, start, end), problems


def period_statistics(svc, sop_id: str | None = None, start: date | None = None,
                      end: date | None = None) -> tuple[dict, list[str]]:
    with _no_gc():
        return _period_statistics(svc, sop_id, start, end)


@contextmanager
def _no_gc():
    """Reading and folding build a list per attempt, none of them cyclic: with the collector on,
    every allocation past its threshold walks all of them again (a parse under many kept figures
    cost ten times its own time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _period_statistics(svc, sop_id: str | None, start: date | None, end: date | None) -> tuple[dict, list[str]]:
    from . import buckets
    from .period import from_partials, period_stats

    store = svc.store
    _calendar(svc)
    key, tz = calendar_key(svc.calendar), str(svc.tz)
    times, _ = store.scan_run_times()
    doc = store.stat_months()
    errors: list[str] = []
    try:
        if not buckets.header_ok(doc, key, tz):
            raise ValueError("kept months of another version, calendar or zone")
        assert isinstance(doc, dict)
        if _bring_up_to_date(svc, doc, times, sop_id, start, end):
            _keep(store, buckets.sort_all(doc), errors)
        parts = buckets.period_partials(doc, sop_id, start, end)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):  # none yet, or edited by hand
        entries, times, left_out, problems = _all_figs(svc, times)
        doc = buckets.build([(d, m, f) for _, _, d, m, f in entries], left_out, key, tz)
        _keep(store, doc, problems)
        parts = buckets.period_partials(doc, sop_id, start, end)
        if parts is None:
            return period_stats(_select(entries, sop_id, start, end), start, end, sop_id), problems
        return from_partials(parts, start, end, sop_id), problems  # the runs are not folded twice
    problems = [problem for _, problem in doc["left_out"].values()] + errors
    if parts is None:  # the period cuts a month: the per-run figures say which runs are in
        entries, _, _, problems = _all_figs(svc, times)
        return period_stats(_select(entries, sop_id, start, end), start, end, sop_id), problems + errors
    return from_partials(parts, start, end, sop_id), problems


def _bring_up_to_date(svc, doc: dict, times: dict[str, int], sop_id, start, end) -> bool:
    """Add the runs `doc` does not hold and fold again its months of the period that changed,
    reading the figures of those runs only. Months out of the period stay out of date until a
    period asks for them. Returns whether `doc` changed."""
    from . import buckets

    stale, new = buckets.changes(doc, times)
    wanted = [(sop, month) for sop, month in stale
              if (sop_id is None or sop == sop_id) and buckets.overlaps(month, start, end)]
    if not new and not wanted:
        return False
    ids = set(new)
    for sop, month in wanted:
        ids.update(run_id for run_id in buckets.clear(doc, sop, month) if run_id in times)
    entries, _, left_out, _problems = _all_figs(svc, {run_id: times[run_id] for run_id in ids}, every=False)
    for _, _, day, mtime, figs in entries:
        buckets.put(doc, day, mtime, figs)
    doc["left_out"].update(left_out)
    return True


def _keep(store, doc: dict, problems: list[str]) -> None:
    try:
        store.put_stat_months(doc)
    except StoreError as exc:  # the statistics are right; only keeping the months failed
        problems.append(str(exc))


def _calendar(svc) -> None:
    if svc.calendar is None:
        from ..calendar import OfficeCalendar
        svc.calendar = OfficeCalendar()


def _select(entries: list, sop_id: str | None, start: date | None, end: date | None) -> list[dict]:
    return [f for _, _, day, _, f in entries if (sop_id is None or f["sop_id"] == sop_id)
            and (start is None or day >= start) and (end is None or day <= end)]


def _all_figs(svc, times: dict[str, int] | None = None, every: bool = True):
    """Every run's figures (or those of the runs in `times`, with every=False) as (start
    moment, id, start day, file change time, figures), oldest first; the run files' change
    times; the runs left out (id -> [change time, problem]); the problems."""
    _calendar(svc)
    store = svc.store
    key = calendar_key(svc.calendar)
    kept = store.stepfigs() if every else store.stepfigs_of(times or {})  # (callers hold off the collector)
    if times is None:
        times, _ = store.scan_run_times()
    out: list[tuple[float, str, date, int, dict]] = []
    rebuilt: list[dict] = []
    problems: list[str] = []
    left_out: dict[str, list] = {}
    for run_id, mtime in sorted(times.items()):
        figs = kept.get(run_id)
        if not fresh(figs, mtime, key):
            mine: list[str] = []
            figs = _rebuild(svc, run_id, key, mtime, mine)
            problems += mine
            if figs is None:
                left_out[run_id] = [mtime, "; ".join(mine)]
                continue
            rebuilt.append(figs)
        assert figs is not None
        moment = datetime.fromisoformat(figs["started_at"])
        day = moment.astimezone(svc.tz).date()  # the period of its start, on the office's calendar
        out.append((moment.timestamp(), run_id, day, mtime, figs))
    if rebuilt:
        try:
            store.put_stepfigs_many(rebuilt)
        except StoreError as exc:  # the figures are right; only keeping them failed
            problems.append(str(exc))
    out.sort(key=itemgetter(0, 1))
    return out, times, left_out, problems


def _rebuild(svc, run_id: str, key: str, mtime: int, problems: list[str]) -> dict | None:
    try:
        state = svc.state(run_id)
    except SoptuiError as exc:
        problems.append(str(exc))
        return None
    problem = state.integrity_problem()
    if problem:
        problems.append(t("stats.damaged_left_out", path=svc.store.run_path(run_id), problem=problem))
        return None
    return run_figs(state, svc.calendar, key, mtime)


def save_form(svc, form: dict, penilai: str) -> dict:
    """Keep a form as a record (who and when); returns it with its number."""
    doc = {**form, "penilai": penilai.strip(), "saved_at": svc.now().isoformat()}
    doc.pop("no", None)
    return {**doc, "no": svc.store.add_form(doc["kind"], doc)}
