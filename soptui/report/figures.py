"""The summary's figures as plain data: what every renderer (text, tables, HTML) shows.

Input is a folded run (runs.RunState) and its figures (timing.RunTiming, from timing.time_run);
`summary_data` turns them into JSON-ready data (times ISO 8601 with offset, seconds), so the
numbers are the same in every format. Pure: no rich, no openpyxl, no I/O.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..durations import format_minutes, format_standard, rate_text  # noqa: F401  (rate_text: part of this API)
from ..evidence import as_typed
from ..i18n import t, using_lang
from ..messages import report as _messages  # noqa: F401  (registers the report strings)
from ..messages import runs as _run_messages  # noqa: F401  (status.* and step.* labels)
from ..messages import workday as _workday_messages  # noqa: F401  (offhours.*, report.late_steps)
from ..runs import RunState
from .history import history
from ..safetext import one_line
from ..timing import AttemptTiming, RunTiming

SCHEMA = 3  # 2: the change history (`history`) and each attempt's `corrected` fields; 3: `off_hours`
# (attempts and compliance) and compliance `late_steps`



# Use `lang` for t() while building one report, in this context only (labels are resolved
# eagerly, so the report never changes what another screen or thread shows).
language = using_lang


def office_tz(state: RunState, timing: RunTiming) -> tzinfo:
    """The office's time zone: the run's, else the zone of its start moment."""
    try:
        if state.timezone:
            return ZoneInfo(state.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    return timing.started_at.tzinfo or ZoneInfo("UTC")  # started_at is always aware


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def local_time(dt: datetime | None, tz: tzinfo) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M") if dt else "—"


def clean(text) -> str:
    """One visible line: SOP cells carry newlines, bullets and runs of spaces; control
    characters are shown, never passed on."""
    return one_line("" if text is None else text)


def attempt_status(a: AttemptTiming, std) -> str:
    """on_time | late | open | late_open (still open, already past due) | no_standard."""
    if a.in_progress:
        return "late_open" if a.late else "open"
    if std is None or a.on_time is None:
        return "no_standard"
    return "on_time" if a.on_time else "late"


def days_text(seconds: float, lang: str) -> str:
    text = f"{seconds / 86400:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def evidence_text(evidence: dict | None) -> str:
    if not evidence:
        return ""
    if evidence.get("kind") == "file":
        return f"{evidence.get('path', '')} (sha256 {str(evidence.get('sha256', ''))[:12]}…)"
    return as_typed(evidence)  # a reference keeps its ref: (laporan.pdf alone reads as a file kept here)


def attempt_label(no: int, n: int) -> str:
    return str(no) if n == 1 else f"{no}.{n}"



# -- data ---------------------------------------------------------------------------------------

def summary_data(state: RunState, timing: RunTiming, lang: str | None = None) -> dict:
    """Everything the exports show, as JSON-ready data (times ISO 8601 with offset, seconds)."""
    with language(lang) as lang:
        return _summary_data(state, timing, lang)


def _summary_data(state: RunState, timing: RunTiming, lang: str) -> dict:
    sop, ident = state.sop, state.sop.identity
    problem = state.integrity_problem()
    approver = ident.disahkan_oleh
    steps = []
    for st in timing.steps:
        sop_step = sop.step(st.no)
        recorded = state.steps[st.no].attempts
        attempts = []
        for a in st.attempts:
            source = recorded[a.n - 1] if a.n - 1 < len(recorded) else None
            attempts.append({
                "n": a.n, "ready_at": iso(a.ready_at), "started_at": iso(a.started_at),
                "due_at": iso(a.due_at), "due_shown": iso(a.due_shown), "completed_at": iso(a.completed_at),
                "on_time": a.on_time, "status": attempt_status(a, st.standard),
                "in_progress": a.in_progress,
                "actual_working_seconds": a.actual_working_seconds,
                "overrun_working_seconds": a.overrun_working_seconds,
                "wait_working_seconds": a.wait_working_seconds,
                "work_working_seconds": a.work_working_seconds,
                "role": a.role, "actor": a.actor, "output": a.output, "verdict": a.verdict,
                "note": source.note if source else "", "evidence": source.evidence if source else None,
                "corrected": sorted(source.corrected) if source else [], "off_hours": a.off_hours})
        steps.append({
            "no": st.no, "kegiatan": st.kegiatan, "pelaksana": st.pelaksana,
            "waktu": sop_step.waktu or None,
            "standard": format_standard(st.standard, lang) if st.standard else None,
            "standard_parts": st.standard.as_dict() if st.standard else None,
            "expected_output": sop_step.output or None,
            "decision": sop_step.is_decision, "state": st.state, "attempts": attempts})
    decisions = []
    for st in timing.steps:
        sop_step = sop.step(st.no)
        if sop_step.sends_back:  # the rework decisions: a "tidak" that skips ahead sends nothing back
            decisions.append({"step": st.no, "kegiatan": st.kegiatan, "pelaksana": st.pelaksana,
                              "target": sop_step.tidak,
                              "tidak": sum(1 for a in st.attempts if a.verdict == "tidak"),
                              "ya": sum(1 for a in st.attempts if a.verdict == "ya")})
    return {
        "schema": SCHEMA,
        "lang": lang,
        "sop": {"id": sop.id, "nomor": ident.nomor, "nama": ident.nama, "unit": ident.unit,
                "sub_unit": ident.sub_unit, "pemerintah": ident.pemerintah,
                "disahkan_oleh": {"jabatan": approver.jabatan, "nama": approver.nama,
                                  "nip": approver.nip, "pangkat": approver.pangkat},
                "tanggal_efektif": ident.tanggal_efektif.isoformat() if ident.tanggal_efektif else None,
                "sop_hash": state.sop_hash},
        "run": {"id": state.id, "title": state.title, "operator": state.operator,
                "status": state.status, "timezone": state.timezone,
                "started_at": iso(timing.started_at), "ended_at": iso(timing.ended_at),
                "measured_at": iso(timing.now), "current_step": state.current,
                "cancelled_reason": state.cancelled_reason or None,
                "record_intact": problem is None, "integrity_problem": problem},
        "compliance": {"measured": timing.measured, "on_time": timing.on_time, "late": timing.late,
                       "rate": timing.rate, "unmeasured_steps": list(timing.unmeasured_steps),
                       # Steps late (actions.step_late: any attempt late), as "Telat N" counts them.
                       "late_steps": list(timing.late_steps), "steps": len(timing.steps),
                       "off_hours": [attempt_label(st.no, a.n) for st in timing.steps for a in st.attempts
                                     if a.off_hours]},
        "totals": {"lead_working_seconds": timing.lead_working_seconds,
                   "lead_elapsed_seconds": timing.lead_elapsed_seconds,
                   "standard_total": format_standard(timing.standard_total, lang),
                   "standard_total_parts": timing.standard_total.as_dict(),
                   "standard_total_working_seconds": timing.standard_total_working_seconds,
                   "attempts": timing.attempts_total},
        "rework": {"loops": timing.rework_loops, "decisions": decisions,
                   "attempts": {str(st.no): len(st.attempts) for st in timing.steps if len(st.attempts) > 1}},
        "roles": [{"role": r.role, "people": list(r.people), "steps": r.steps,
                   "working_seconds": r.working_seconds, "late": r.late} for r in timing.roles],
        "steps": steps,
        "history": history(state.events),
    }



def late_steps_text(compliance: dict) -> str:
    """"5 dari 12 langkah (2, 3, 6, 7, 8)": the late steps, in the words of the step list."""
    steps = compliance["late_steps"]
    text = t("report.late_steps_detail", late=len(steps), total=compliance["steps"])
    return text + (f" ({', '.join(map(str, steps))})" if steps else "")


def integrity_text(problem: str | None) -> str:
    """The summary's line on the record: intact, or what `soptui verify` found."""
    return t("report.integrity_bad", problem=problem) if problem else t("report.integrity_ok")




def _seconds(value: float | None):
    return None if value is None else int(round(value))


def attempt_records(data: dict) -> list[dict]:
    """One flat record per attempt, in step order (the rows of CSV, XLSX, HTML and Markdown)."""
    out = []
    for st in data["steps"]:
        for a in st["attempts"]:
            out.append({
                "run_id": data["run"]["id"], "record_intact": data["run"]["record_intact"],
                "no": st["no"], "attempt": a["n"], "kegiatan": st["kegiatan"],
                "pelaksana": st["pelaksana"], "actor": a["actor"], "waktu": st["waktu"] or "",
                "standard": st["standard"] or "", "ready_at": a["ready_at"], "started_at": a["started_at"],
                "due_at": a["due_at"], "due_shown": a.get("due_shown", a["due_at"]),
                "completed_at": a["completed_at"], "status": a["status"],
                "on_time": a["on_time"], "actual_working_seconds": _seconds(a["actual_working_seconds"]),
                "overrun_working_seconds": _seconds(a["overrun_working_seconds"]),
                "wait_working_seconds": _seconds(a["wait_working_seconds"]),
                "work_working_seconds": _seconds(a["work_working_seconds"]),
                "verdict": a["verdict"] or "", "output": a["output"], "note": a["note"],
                "evidence": evidence_text(a["evidence"]), "corrected": " ".join(a.get("corrected") or []),
                "off_hours": bool(a.get("off_hours"))})
    return out




def summary_items(data: dict, lang: str) -> list[tuple[str, str, object]]:
    """(key, label, value) of the summary; values typed: ISO times (key *_at), numbers, text."""
    sop, run, c, tot = data["sop"], data["run"], data["compliance"], data["totals"]
    appr = sop["disahkan_oleh"]
    approver = ", ".join(x for x in (appr["jabatan"], appr["nama"]) if x)
    if appr["nip"]:
        approver += f" ({t('report.nip', nip=appr['nip'])})"
    rework = [t("report.rework.decision", no=d["step"], role=d["pelaksana"], tidak=d["tidak"], ya=d["ya"],
                target=d["target"]) for d in data["rework"]["decisions"] if d["tidak"]]
    return [
        ("nomor", t("report.nomor"), sop["nomor"]), ("nama", t("report.nama"), sop["nama"]),
        ("unit", t("report.unit"), sop["unit"]), ("pemerintah", t("report.pemerintah"), sop["pemerintah"]),
        ("approver", t("report.approver"), approver),
        ("run_id", t("report.run_id"), run["id"]), ("title", t("report.run_title"), run["title"]),
        ("operator", t("report.operator"), run["operator"]),
        ("status", t("report.status"), t(f"status.{run['status']}")),
        ("timezone", t("report.timezone"), run["timezone"]),
        ("started_at", t("report.started"), run["started_at"]),
        ("ended_at", t("report.ended"), run["ended_at"]),
        ("measured_at", t("report.measured_at"), run["measured_at"]),
        ("integrity", t("report.integrity"), integrity_text(run["integrity_problem"])),
        ("lead", t("report.lead"), t("report.lead_detail",
                                     working=format_minutes(tot["lead_working_seconds"], lang),
                                     days=days_text(tot["lead_elapsed_seconds"], lang))),
        ("measured", t("report.measured"), c["measured"]), ("on_time", t("report.on_time"), c["on_time"]),
        ("late", t("report.late"), c["late"]), ("rate", t("report.compliance"), c["rate"]),
        ("late_steps", t("report.late_steps"), late_steps_text(c)),
        ("off_hours", t("report.off_hours"), ", ".join(c["off_hours"]) or "—"),
        ("unmeasured", t("report.unmeasured"), ", ".join(map(str, c["unmeasured_steps"])) or "—"),
        # steps a decision jumped over have no attempt, so no row in the attempt tables: named here
        ("skipped", t("report.skipped"), ", ".join(str(s["no"]) for s in data["steps"] if s["state"] == "skipped") or "—"),
        ("standard_total", t("report.standard_total"), t("report.standard_detail", total=tot["standard_total"])),
        ("standard_working", t("report.standard_working"),
         format_minutes(tot["standard_total_working_seconds"], lang)),
        ("attempts", t("report.attempts_total"), tot["attempts"]),
        ("rework", t("report.rework"), t("report.rework.loops", loops=data["rework"]["loops"]) + (
            " " + " ".join(rework) if rework else "")),
    ]


def readable_items(data: dict, lang: str, tz) -> list[tuple[str, str]]:
    """The summary items as text (HTML, Markdown): local times, the rate in per cent."""
    out = []
    for key, label, value in summary_items(data, lang):
        if key.endswith("_at"):
            value = local_time(datetime.fromisoformat(str(value)), tz) if value else "—"
        elif key == "rate":
            value = rate_text(value if isinstance(value, float) else None)
        out.append((label, "" if value is None else str(value)))
    return out


def human_columns() -> list[tuple[str, str]]:
    """(record key, label) of the attempt tables in human exports (XLSX, HTML, Markdown)."""
    return [("no", t("report.col.no")), ("attempt", t("report.col.attempt")),
            ("kegiatan", t("report.col.kegiatan")), ("pelaksana", t("report.col.pelaksana")),
            ("actor", t("report.col.by")), ("standard", t("report.col.standard")),
            ("ready_at", t("report.col.ready")), ("started_at", t("report.col.started")),
            ("due_shown", t("report.col.due")), ("completed_at", t("report.col.completed")),
            ("actual", t("report.col.actual")), ("overrun", t("report.col.overrun")),
            ("status", t("report.col.status")), ("verdict", t("report.col.verdict")),
            ("output", t("report.col.output")), ("note", t("report.col.note")),
            ("evidence", t("report.col.evidence")), ("off_hours", t("report.off_hours"))]


TIME_KEYS = ("ready_at", "started_at", "due_at", "due_shown", "completed_at")


def to_local(iso: str | None, tz) -> datetime | None:
    """Excel has no time zones: the office-local wall time, naive."""
    if not iso:
        return None
    return datetime.fromisoformat(iso).astimezone(tz).replace(tzinfo=None)


def data_tz(data: dict):
    try:
        return ZoneInfo(data["run"]["timezone"])
    except (ZoneInfoNotFoundError, ValueError, TypeError, KeyError):
        return datetime.fromisoformat(data["run"]["started_at"]).tzinfo




def display_value(rec: dict, key: str, tz, lang: str) -> str:
    """An attempt field as people read it (HTML, Markdown)."""
    if key in TIME_KEYS:
        return local_time(datetime.fromisoformat(rec[key]), tz) if rec[key] else ""
    if key == "actual":
        return format_minutes(rec["actual_working_seconds"], lang)
    if key == "overrun":
        return format_minutes(rec["overrun_working_seconds"], lang) if rec["overrun_working_seconds"] else ""
    if key == "status":
        return t(f"report.status.{rec['status']}")
    if key == "verdict":
        return t(f"verdict.{rec['verdict']}") if rec["verdict"] else ""
    if key == "off_hours":
        return t("offhours.mark") if rec["off_hours"] else ""
    value = rec[key]
    return "" if value is None else str(value)


