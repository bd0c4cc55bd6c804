"""The run index's row: one typed, versioned record per run, made once when the run changes.

The home screen, the due view ("tugas saya"), `soptui runs` and `soptui due` read only these rows,
never the run files: everything they show is here, measured when the row was written (the
current step, its role, when it was ready, its due moment on the office calendar, how many steps
were done late). What depends on the clock (late or time left) is worked out from the stored
moments when shown.

A row is a TypedDict: stored as JSON as it is, type-checked where it is read. A row of another
version (an older soptui's) is not trusted but rebuilt from its run file (service.index): the
index is a cache, so nothing is lost. Pure: no I/O, no Textual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, TypedDict, TypeGuard

from .actions import done_late_steps
from .i18n import t
from .integrity import parse_time
from .messages import due as _messages  # noqa: F401  (the words of what is due)
from .model import WORKING_DAY_SECONDS

if TYPE_CHECKING:
    from .calendar import OfficeCalendar
    from .runs import RunState
    from .timing import RunTiming

# 2: every row has late_done and current_due_at (None when measured without an office calendar).
# 3: the row carries what the due view needs: the SOP's unit, the current step's role, the last
#    person in that role in this run, when the step was started, and its due moment as shown.
# 4: late_steps, the steps with an attempt completed late (actions.late_steps' definition);
#    late_done is their number, no longer a count of attempts.
ROW_VERSION = 4
STATUSES = ("in_progress", "finished", "cancelled")


class RunRow(TypedDict):
    v: int
    id: str
    sop_id: str
    sop_nomor: str
    sop_nama: str
    sop_unit: str
    title: str
    status: str                      # STATUSES, or "damaged" (a row made for the lists, never stored)
    operator: str
    started_at: str
    updated_at: str
    last_seq: int
    last_hash: str | None            # the chain's head: a record cut short with its head ends early
    done: int
    total: int
    current_step: int | None
    current_kegiatan: str
    current_role: str                # the Pelaksana of the current step
    current_last_actor: str          # who last acted in that role in this run ("" if nobody yet)
    current_ready_at: str | None
    current_started_at: str | None
    current_due_at: str | None       # None: no standard, or measured without a calendar
    current_due_shown: str | None    # the due moment as people read it (calendar.shown_due)
    rework_loops: int
    late_done: int | None            # steps with an attempt completed late; None until measured
    late_steps: list[int] | None     # those steps (actions.late_count adds the current one when due)
    damaged: bool
    mtime_ns: int                    # the run file's, when the row was made (freshness)
    problem: str | None              # why a damaged run is damaged (lists only)


FIELDS = tuple(RunRow.__annotations__)  # a row's keys, in order (the hot index stores rows as lists)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def build_row(state: RunState, *, damaged: bool, mtime_ns: int,
              timing: RunTiming | None = None) -> RunRow:
    """The row of a folded run; `timing` (with the office calendar) adds lateness and due moments."""
    attempt = state.current_attempt
    step = state.sop.step(state.current) if state.current is not None else None
    role = step.pelaksana if step else ""
    row: RunRow = {
        "v": ROW_VERSION, "id": state.id, "sop_id": state.sop.id, "sop_nomor": state.sop.identity.nomor,
        "sop_nama": state.sop.identity.nama, "sop_unit": state.sop.identity.unit, "title": state.title,
        "status": state.status, "operator": state.operator, "started_at": state.started_at.isoformat(),
        "updated_at": state.last_activity.isoformat(), "last_seq": state.events[-1]["seq"],
        "last_hash": state.events[-1].get("hash"),
        "done": state.done_count, "total": len(state.sop.steps),
        "current_step": state.current, "current_kegiatan": step.kegiatan if step else "",
        "current_role": role, "current_last_actor": state.actors.get(role, "") if role else "",
        "current_ready_at": _iso(attempt.ready_at) if attempt else None,
        "current_started_at": _iso(attempt.started_at) if attempt else None,
        "current_due_at": None, "current_due_shown": None,
        "rework_loops": state.rework_loops, "late_done": None, "late_steps": None,
        "damaged": damaged, "mtime_ns": mtime_ns, "problem": None,
    }
    if timing is not None:
        late = done_late_steps(timing.steps)
        row["late_steps"], row["late_done"] = late, len(late)
        current = next((s.last for s in timing.steps if s.no == state.current), None)
        if current is not None and current.in_progress:
            row["current_due_at"] = _iso(current.due_at)
            row["current_due_shown"] = _iso(current.due_shown)
    return row


def damaged_row(run_id: str, problem: str, known: dict, updated_at: str) -> RunRow:
    """What the lists show for a run that cannot be read: what the index last knew of it, and why."""
    def text(key: str) -> str:
        value = known.get(key)
        return value if isinstance(value, str) else ""
    return {
        "v": ROW_VERSION, "id": run_id, "sop_id": text("sop_id"), "sop_nomor": text("sop_nomor"),
        "sop_nama": text("sop_nama"), "sop_unit": text("sop_unit"), "title": text("title"),
        "status": "damaged", "operator": text("operator"), "started_at": text("started_at"),
        "updated_at": text("updated_at") or updated_at, "last_seq": 0, "last_hash": None, "done": 0,
        "total": 0, "current_step": None, "current_kegiatan": "", "current_role": "",
        "current_last_actor": "", "current_ready_at": None, "current_started_at": None,
        "current_due_at": None, "current_due_shown": None, "rework_loops": 0, "late_done": None,
        "late_steps": None, "damaged": True, "mtime_ns": 0, "problem": problem}


_TEXTS = ("id", "sop_id", "sop_nomor", "sop_nama", "sop_unit", "title", "operator", "started_at",
          "current_kegiatan", "current_role", "current_last_actor")
_WHOLE = ("last_seq", "done", "total", "mtime_ns", "rework_loops")
_MAYBE_WHOLE = ("current_step", "late_done")
_MOMENTS = ("current_ready_at", "current_started_at", "current_due_at", "current_due_shown")


def usable_row(row: object) -> TypeGuard[RunRow]:
    """Can the lists show this stored row as it is? (Rows are a cache anyone can edit: one that
    is not usable is ignored and rebuilt from its run file.) Checked for every row at every
    start-up (10,000 rows: keep it cheap): exact types, moments parsed only where present."""
    if type(row) is not dict or row.get("v") != ROW_VERSION or row.get("status") not in STATUSES:
        return False
    get = row.get
    if any(type(get(k)) is not str for k in _TEXTS) or any(type(get(k)) is not int for k in _WHOLE):
        return False
    if any(v is not None and type(v) is not int for v in map(get, _MAYBE_WHOLE)):
        return False
    steps = get("late_steps")
    if steps is not None and (type(steps) is not list or any(type(n) is not int for n in steps)):
        return False
    last_hash = get("last_hash")
    if (last_hash is not None and type(last_hash) is not str) or type(get("damaged")) is not bool \
            or get("problem") is not None:
        return False
    return parse_time(get("updated_at")) is not None and \
        all(v is None or parse_time(v) is not None for v in map(get, _MOMENTS))


def in_progress_first(rows: list) -> list:
    """The runs in progress, then the others; each group in the order given (newest first, as
    the index gives them). The lists of runs, on screen and on the command line, show them so."""
    return [r for r in rows if r["status"] == "in_progress"] + [r for r in rows if r["status"] != "in_progress"]


# -- what is due ------------------------------------------------------------------------------

def due_rows(rows: list[RunRow], person: str = "", roster=None) -> list[RunRow]:
    """The current steps of the runs in progress, earliest due first (steps without a due
    moment last, oldest ready first). `person`: only those whose person or role contains it
    (case and spacing ignored; see `who_acts`)."""
    open_ = [r for r in rows if r["status"] == "in_progress" and not r["damaged"] and r["current_step"]]
    if person:
        open_ = [r for r in open_ if acts(r, person, roster)]
    return sorted(open_, key=lambda r: (r["current_due_at"] is None, _moment(r["current_due_at"]),
                                        _moment(r["current_ready_at"])))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def acts(row: RunRow, person: str, roster=None) -> bool:
    """Is `person` (part of a name or of a role) the one to act on the run's current step?"""
    wanted = _folded(person)
    return wanted in _folded(who_acts(row, roster)) or wanted in _folded(row["current_role"])


def _moment(text: str | None) -> float:
    return datetime.fromisoformat(text).timestamp() if text else float("inf")


def who_acts(row: RunRow, roster=None) -> str:
    """The person who should act on the current step: the roster's (`roster(role) -> name`),
    else the last person in that role in this run, else ""."""
    role = row["current_role"]
    return (roster(role) if roster is not None and role else "") or row["current_last_actor"]


def due_left(row: RunRow, now: datetime, calendar: OfficeCalendar) -> tuple[bool, float] | None:
    """(late, working seconds): how late the current step is past its due moment, or how much
    working time is left until it (timing's rule: late once `now` is past the due moment, even
    outside office hours). None when the step has no due moment."""
    due_text = row["current_due_at"]
    if not due_text:
        return None
    due = datetime.fromisoformat(due_text)
    if now > due:
        return True, calendar.working_seconds_between(due, now)
    return False, calendar.working_seconds_between(now, due)


DAY = WORKING_DAY_SECONDS  # a working day in the words below


def due_words(left: tuple[bool, float] | None) -> str:
    """"terlambat 2 hari 3 j" / "sisa 2 j 10 m" (en "2 d 3 h late" / "2 h 10 m left"), in
    working time; "—" without a due moment."""
    if left is None:
        return "—"
    late, seconds = left
    days, rest = divmod(int(seconds // 60), int(DAY // 60))
    hours, minutes = divmod(rest, 60)
    day, hour, minute = t("due.units").split()
    if days:
        parts = [f"{days} {day}"] + ([f"{hours} {hour}"] if hours else [])
    elif hours:
        parts = [f"{hours} {hour}"] + ([f"{minutes} {minute}"] if minutes else [])
    else:
        parts = [f"{minutes} {minute}"]
    return t("due.late" if late else "due.left", time=" ".join(parts))


def short_moment(text: str | None, tz) -> str:
    """"04/12 16:30" in the office's time zone; "—" without a moment."""
    if not text:
        return "—"
    return datetime.fromisoformat(text).astimezone(tz).strftime("%d/%m %H:%M")


def list_moment(text: str | None, tz, this_year: int) -> str:
    """A moment in a list of runs: "20/11 14:00" this year, "20/11/25" before (the full moment is
    in `status` and --json); "" without one."""
    if not text:
        return ""
    moment = datetime.fromisoformat(text).astimezone(tz)
    return moment.strftime("%d/%m %H:%M" if moment.year == this_year else "%d/%m/%y")
