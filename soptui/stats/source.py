"""The kept step figures of the runs in a period, through the run service and its store.

Every run file is listed (one listing of runs/) and its change time read; a run's kept figures
are used when they were computed from the file as it is now, on this office calendar, and
rebuilt from the file otherwise (then kept, in one write per shard). The index is not read: the
figures carry what the statistics need. A run that cannot be read or folded, or whose record
fails its integrity check, is left out and named in the problems.
"""

from __future__ import annotations

import gc
from datetime import date, datetime
from operator import itemgetter

from ..errors import SoptuiError, StoreError
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)
from .runfigs import calendar_key, fresh, run_figs


def period_figs(svc, sop_id: str | None = None, start: date | None = None,
                end: date | None = None) -> tuple[list[dict], list[str]]:
    """The figures of the runs started in [start, end] (of one SOP, or all), oldest first."""
    if svc.calendar is None:
        from ..calendar import OfficeCalendar
        svc.calendar = OfficeCalendar()
    store = svc.store
    key = calendar_key(svc.calendar)
    gc.disable()  # reading builds a list per attempt, none of them cyclic: collecting meanwhile costs a third
    try:
        kept = store.stepfigs()
    finally:
        gc.enable()
    times, _ = store.scan_run_times()
    out: list[tuple[float, str, dict]] = []
    rebuilt: list[dict] = []
    problems: list[str] = []
    for run_id, mtime in sorted(times.items()):
        figs = kept.get(run_id)
        if not fresh(figs, mtime, key):
            figs = _rebuild(svc, run_id, key, mtime, problems)
            if figs is None:
                continue
            rebuilt.append(figs)
        assert figs is not None
        if sop_id is not None and figs["sop_id"] != sop_id:
            continue
        moment = datetime.fromisoformat(figs["started_at"])
        day = moment.astimezone(svc.tz).date()  # the period of its start, on the office's calendar
        if (start is None or day >= start) and (end is None or day <= end):
            out.append((moment.timestamp(), run_id, figs))
    if rebuilt:
        try:
            store.put_stepfigs_many(rebuilt)
        except StoreError as exc:  # the figures are right; only keeping them failed
            problems.append(str(exc))
    out.sort(key=itemgetter(0, 1))
    return [figs for _, _, figs in out], problems


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
