"""The kept step figures of the runs in a period, through the run service.

The index (fresh by its own rules) says which runs there are and how long each record is; a
run's kept figures are used when they describe that record on this office calendar, and
rebuilt from its run file otherwise (then kept, in one write per shard). Damaged runs are left
out and named in the problems.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ..errors import SoptuiError, StoreError
from .runfigs import calendar_key, fresh, run_figs


def local_date(iso: str, tz: tzinfo) -> date:
    return datetime.fromisoformat(iso).astimezone(tz).date()


def in_period(started_at: str, start: date | None, end: date | None, tz: tzinfo) -> bool:
    """A run belongs to the period in which it started (on the office's calendar day)."""
    day = local_date(started_at, tz)
    return (start is None or day >= start) and (end is None or day <= end)


def period_figs(svc, sop_id: str | None = None, start: date | None = None,
                end: date | None = None) -> tuple[list[dict], list[str]]:
    """The figures of the runs started in [start, end] (of one SOP, or all), oldest first."""
    if svc.calendar is None:
        from ..calendar import OfficeCalendar
        svc.calendar = OfficeCalendar()
    rows, problems = svc.index()
    key = calendar_key(svc.calendar)
    kept = svc.store.stepfigs()
    out, rebuilt = [], []
    for row in rows:
        if row.get("damaged") or (sop_id is not None and row.get("sop_id") != sop_id):
            continue
        if not in_period(row["started_at"], start, end, svc.tz):
            continue
        figs = kept.get(row["id"])
        if not fresh(figs, row, key):
            try:
                figs = run_figs(svc.state(row["id"]), svc.calendar, key)
            except SoptuiError as exc:
                problems.append(str(exc))
                continue
            rebuilt.append(figs)
        out.append(figs)
    if rebuilt:
        try:
            svc.store.put_stepfigs_many(rebuilt)
        except StoreError as exc:  # the figures are right; only keeping them failed
            problems.append(str(exc))
    out.sort(key=lambda f: (f["started_at"], f["id"]))
    return out, problems


def save_form(svc, form: dict, penilai: str) -> dict:
    """Keep a form as a record (who and when); returns it with its number."""
    doc = {**form, "penilai": penilai.strip(), "saved_at": svc.now().isoformat()}
    doc.pop("no", None)
    return {**doc, "no": svc.store.add_form(doc["kind"], doc)}
