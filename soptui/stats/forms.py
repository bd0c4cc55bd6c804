"""The monitoring form (Permenpan RB 35/2012, Tabel 7) and the evaluation form, suggested from a
period's statistics (period.period_stats). Pure: plain data in and out; labels through i18n.

Column 3 (penilaian) follows a rule the form states in its notes, configurable in soptui.toml
[monitoring]: "baik" when at least `min_on_time` of the step attempts were on time and rework
stayed within `max_rework_per_run` loops per timed run; "tidak_baik" otherwise; "" (for the
penilai to decide) when nothing was measured. Column 4 is the evidence in plain words, column 5
a suggested action; column 6 is left blank for the paraf.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..durations import format_standard, waktu_text
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the form strings)
from ..model import Standard
from ..safetext import one_line

DAY_SECONDS = 7.5 * 3600  # a nominal working day, for "2 hari kerja" in the evidence
QUESTIONS = 7
VERDICTS = ("baik", "tidak_baik", "")
MONITORING, EVALUATION = "monitoring", "evaluation"


class Rule(NamedTuple):
    min_on_time: float = 0.8
    max_rework_per_run: float = 1.0
    # A step whose rework reaches this share of its runs is named in the suggested action.
    rework_share: float = 0.2


def last_semester(today: date) -> tuple[date, date]:
    """The last full half-year before `today` (January–June, July–December)."""
    from .period import preset
    return preset("last_semester", today)


def duration_words(seconds: float | None, lang: str) -> str:
    """Working time in words: '45 detik', '25 menit', '1 jam 30 menit', '2 hari kerja'."""
    if seconds is None:
        return "—"
    if seconds >= DAY_SECONDS:
        return format_standard(Standard("", days=round(seconds / DAY_SECONDS, 1)), lang)
    if seconds >= 60:
        return format_standard(Standard("", seconds=round(seconds / 60) * 60), lang)
    return format_standard(Standard("", seconds=max(1, round(seconds))), lang)


def _timed_runs(block: dict) -> int:
    return block["runs"]["started"] - block["runs"]["cancelled"]


def _slow(block: dict) -> dict | None:
    """The slowest step, when it is past its standard on its median."""
    steps = {s["no"]: s for s in block["steps"]}
    first = steps[block["slowest"][0]] if block["slowest"] else None
    return first if first and first["ratio"] is not None and first["ratio"] > 1 else None


def _most_rework(block: dict) -> dict | None:
    worst = max(block["steps"], key=lambda s: (s["rework"], -s["no"]), default=None)
    return worst if worst and worst["rework"] > 0 else None


def suggest_verdict(block: dict, rule: Rule) -> str:
    rate, timed = block["totals"]["on_time_rate"], _timed_runs(block)
    if rate is None or not timed:
        return ""
    per_run = block["totals"]["rework_loops"] / timed
    return "baik" if rate >= rule.min_on_time and per_run <= rule.max_rework_per_run else "tidak_baik"


def evidence(block: dict, lang: str) -> str:
    """Column 4: what the record shows, in plain words."""
    runs, tot = block["runs"], block["totals"]
    parts = [t("monitor.ev.runs", n=runs["started"])]
    if runs["cancelled"]:
        parts.append(t("monitor.ev.cancelled", n=runs["cancelled"]))
    if tot["steps_measured"]:
        parts.append(t("monitor.ev.steps_on_time", ok=tot["steps_on_time"], n=tot["steps_measured"]))
    else:
        parts.append(t("monitor.ev.unmeasured"))
    slow = _slow(block)
    if slow:
        parts.append(t("monitor.ev.slowest", no=slow["no"], median=duration_words(slow["median_s"], lang),
                       std=one_line(waktu_text(slow["waktu"], lang, words=True))
                       or duration_words(slow["std_median_s"], lang)))
    worst = _most_rework(block)
    if worst:
        parts.append(t("monitor.ev.rework", n=worst["rework"], no=worst["no"]))
    return "; ".join(parts)


def action(block: dict, verdict: str, rule: Rule, lang: str) -> str:
    """Column 5: a suggested action from the same figures."""
    slow, worst, runs = _slow(block), _most_rework(block), block["runs"]
    acts = []
    if slow:
        acts.append(t("monitor.act.review_time", no=slow["no"], std=one_line(waktu_text(slow["waktu"], lang, words=True)) or "—"))
    if worst and worst["runs"] and worst["rework"] / worst["runs"] >= rule.rework_share:
        acts.append(t("monitor.act.review_rework", no=worst["no"]))
    if runs["started"] and runs["cancelled"] / runs["started"] >= rule.rework_share:
        acts.append(t("monitor.act.review_cancel", n=runs["cancelled"]))
    if verdict == "baik" or not acts:
        keep = t("monitor.act.keep")
        return keep + ("; " + t("monitor.act.watch", no=slow["no"]) if slow else "")
    text = "; ".join(acts)
    return text[:1].upper() + text[1:]


def monitoring_form(stats: dict, rule: Rule, lang: str) -> dict:
    """The suggested form: one row per SOP with runs in the period."""
    rows = []
    for no, block in enumerate(stats["sops"], 1):
        verdict = suggest_verdict(block, rule)
        suggested = {"penilaian": verdict, "catatan": evidence(block, lang), "tindakan": action(block, verdict, rule, lang)}
        rows.append({"no": no, "sop_id": block["sop_id"], "nomor": block["nomor"], "prosedur": block["nama"],
                     **suggested, "suggested": suggested, "runs": block["runs"]["started"]})
    return {"kind": MONITORING, "from": stats["from"], "to": stats["to"], "lang": lang,
            "rule": rule._asdict(), "rows": rows, "penilai": "", "saved_at": None}


def question_figures(block: dict, lang: str) -> list[str]:
    """Beside each of the seven questions, the figure of the record that bears on it."""
    from ..durations import rate_text as rate

    runs, tot = block["runs"], block["totals"]
    people = {p for r in block["roles"] for p in r["people"]}
    return [t("eval.fig.q1", rate=rate(tot["on_time_rate"])),
            t("eval.fig.q2", loops=tot["rework_loops"], runs=_timed_runs(block)),
            t("eval.fig.q3", cancelled=runs["cancelled"], runs=runs["started"]),
            t("eval.fig.q4", roles=len(block["roles"]), people=len(people)),
            t("eval.fig.q5", ok=tot["steps_on_time"], n=tot["steps_measured"]),
            t("eval.fig.q6", finished=runs["finished"], runs=runs["started"]),
            t("eval.fig.q7", slowest=", ".join(str(n) for n in block["slowest"][:3]) or "—")]


def score(answers: list) -> float | None:
    """"% ya": the share of the seven questions answered ya (None until all are answered)."""
    if len(answers) != QUESTIONS or any(a not in ("ya", "tidak") for a in answers):
        return None
    return answers.count("ya") / QUESTIONS


def evaluation_form(stats: dict, lang: str, answers: dict[str, list] | None = None) -> dict:
    """The evaluation form of each SOP with runs in the period; `answers`: SOP id -> seven ya/tidak."""
    sops = []
    for block in stats["sops"]:
        given = list((answers or {}).get(block["sop_id"]) or [None] * QUESTIONS)
        sops.append({"sop_id": block["sop_id"], "nomor": block["nomor"], "prosedur": block["nama"],
                     "answers": given, "figures": question_figures(block, lang), "score": score(given),
                     "runs": block["runs"]["started"]})
    return {"kind": EVALUATION, "from": stats["from"], "to": stats["to"], "lang": lang, "sops": sops,
            "penilai": "", "saved_at": None}


def entries(form: dict) -> list[dict]:
    """The per-SOP parts of a form: the monitoring form's rows, the evaluation form's SOPs."""
    return (form.get("sops") if form.get("kind") == EVALUATION else form.get("rows")) or []


def for_sop(form: dict, sop_id: str) -> dict | None:
    """The form limited to one SOP's part (None when the form has none for it)."""
    key = "sops" if form.get("kind") == EVALUATION else "rows"
    mine = [e for e in entries(form) if e.get("sop_id") == sop_id]
    return {**form, key: mine} if mine else None


def latest_saved(saved: list[dict], start: str | None, end: str | None, sop_id: str | None = None) -> dict | None:
    """The last form saved for exactly this period; with `sop_id`, the last one that has a part
    for that SOP, limited to it."""
    mine = [f for f in saved if f.get("from") == start and f.get("to") == end]
    if sop_id is None:
        return mine[-1] if mine else None
    for form in reversed(mine):
        limited = for_sop(form, sop_id)
        if limited:
            return limited
    return None


def uncovered(saved: dict, stats: dict) -> int:
    """The runs of the period a saved form does not cover: all those of an SOP it has no part for,
    and those an SOP gained since its part counted them (forms saved before parts kept a count
    cover their SOPs' runs as far as can be told)."""
    counted = {e.get("sop_id"): e.get("runs") for e in entries(saved)}
    missing = 0
    for block in stats["sops"]:
        now = block["runs"]["started"]
        if block["sop_id"] not in counted:
            missing += now
        elif isinstance(counted[block["sop_id"]], int):
            missing += max(0, now - counted[block["sop_id"]])
    return missing


def _brought(old: dict, new: dict, fields: tuple[str, ...]) -> dict:
    """One SOP's saved part against its suggestion now: what the penilai wrote stays; what was the
    suggestion as saved (untouched) follows the record."""
    before = old.get("suggested") or {}
    kept = {f: old[f] for f in fields if f in old and (f not in before or old[f] != before[f])}
    return {**new, **kept, "no": new["no"]}


def up_to_date(saved: dict, suggested: dict) -> dict:
    """A saved form with the runs recorded since: the parts of SOPs it lacks come from `suggested`
    (the same period's suggestion now), its own parts keep what the penilai confirmed or wrote
    (an evaluation's answers; the figures beside them follow the record). Still to be saved again."""
    evaluation = saved.get("kind") == EVALUATION
    mine = {e.get("sop_id"): e for e in entries(saved)}
    parts = []
    for new in entries(suggested):
        old = mine.pop(new["sop_id"], None)
        if old is None:
            parts.append(new)
        elif evaluation:
            answers = list(old.get("answers") or new["answers"])
            parts.append({**new, "answers": answers, "score": score(answers)})
        else:
            parts.append(_brought(old, new, ("penilaian", "catatan", "tindakan")))
    parts += mine.values()  # a part whose runs are no longer in the record stays as it was signed
    if not evaluation:
        parts = [{**row, "no": no} for no, row in enumerate(parts, 1)]
    return {**saved, ("sops" if evaluation else "rows"): parts}


def with_new_runs(saved: dict | None, suggestion: dict, stats: dict) -> tuple[dict, int, set[str]]:
    """The form to show for a period: the last one saved (None: the suggestion) with the runs it
    does not cover added (up_to_date); how many those are; the SOPs whose parts were added."""
    if saved is None:
        return suggestion, 0, set()
    missing = uncovered(saved, stats)
    if not missing:
        return saved, 0, set()
    have = {e.get("sop_id") for e in entries(saved)}
    return up_to_date(saved, suggestion), missing, {e["sop_id"] for e in entries(suggestion)} - have


def unfinished(form: dict, today: date) -> bool:
    """Whether the form's period has not ended by `today` (runs may still start in it)."""
    return not form.get("to") or date.fromisoformat(form["to"]) >= today
