"""The run's change history ("Riwayat perubahan"): every undo, correction, reopening and
cancellation, with when, who, what changed from what to what, and why. Pure data for every
renderer; the original values come from the log itself, which keeps them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Sequence

from ..events import Event
from ..evidence import as_typed
from ..i18n import t
from ..messages import report as _messages  # noqa: F401
from ..messages import runs as _run_messages  # noqa: F401

FIELDS = ("at", "actor", "output", "evidence", "note")


def history(events: Sequence[Event]) -> list[dict]:
    """One entry per change to the record, in the order they were made (JSON-ready)."""
    by_seq = {e["seq"]: e for e in events}
    out = []
    for e in events:
        kind = e["kind"]
        data: Mapping[str, Any] = e["data"]  # read by name: each kind has some of these
        if kind not in ("undo", "correction", "run_cancelled"):
            continue
        target = by_seq.get(data["target"]) if kind != "run_cancelled" else None
        entry: dict[str, Any] = {"seq": e["seq"], "kind": kind, "recorded_at": e["recorded_at"], "by": data.get("by") or "",
                 "reason": data.get("reason") or "", "target": data.get("target"),
                 "target_kind": target["kind"] if target else None,
                 "step": (target or e)["data"].get("step") if target else None, "changes": []}
        if kind == "undo" and target and target["kind"] == "run_cancelled":
            entry["kind"] = "reopen"
        elif kind == "correction":
            if data.get("at"):
                entry["changes"].append({"field": "at", "from": data.get("original_at"), "to": data["at"]})
            original = data.get("original") or {}
            for name, value in (data.get("fields") or {}).items():
                entry["changes"].append({"field": name, "from": original.get(name), "to": value})
        elif kind == "run_cancelled":
            entry["changes"].append({"field": "at", "from": None, "to": e["at"]})
        out.append(entry)
    return out


def value_text(field: str, value, tz) -> str:
    """A changed value as people read it: times in the office zone, evidence by path or reference."""
    if value in (None, ""):
        return "—"
    if field == "at" and isinstance(value, str):
        return datetime.fromisoformat(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dict):
        return as_typed(value) or "—"
    return str(value)


def corrected_texts(by_correction: Mapping[int, Mapping[str, Any]], tz) -> list[str]:
    """"dikoreksi oleh #25: bukti paraf3.pdf", one per correction in force on an event
    (actions.corrected_values): the values the record now reads, each field as the history shows it."""
    return [t("event.corrected", seq=seq, at="; ".join(
        t("event.corrected_value", field=t(f"change.{name}"), value=value_text(name, value, tz))
        for name, value in sorted(values.items(), key=lambda item: _order(item[0]))))
        for seq, values in by_correction.items()]


def _order(field: str) -> int:
    return FIELDS.index(field) if field in FIELDS else len(FIELDS)


def describe(entry: dict, tz) -> tuple[str, str]:
    """(what happened, what changed) in words, e.g. ("koreksi #5 (langkah 2)", "output 'a' → 'b'")."""
    step = t("history.step", step=entry["step"]) if entry.get("step") else ""
    what = t(f"history.{entry['kind']}", target=entry["target"], step=step,
             target_kind=t(f"event.{entry['target_kind']}") if entry.get("target_kind") else "")
    changes = "; ".join(t("runs.change", field=t(f"change.{c['field']}"), old=value_text(c["field"], c["from"], tz),
                          new=value_text(c["field"], c["to"], tz)) for c in entry["changes"]
                        if entry["kind"] == "correction")
    return " ".join(what.split()), changes


def rows(data_history: list[dict], tz) -> list[list[str]]:
    """Table rows: #, recorded at, by, what, changes, reason (for text, HTML, Markdown, XLSX)."""
    out = []
    for entry in data_history:
        what, changes = describe(entry, tz)
        out.append([str(entry["seq"]), value_text("at", entry["recorded_at"], tz), entry["by"] or "—", what,
                    changes, entry["reason"]])
    return out


def columns() -> list[str]:
    return [t("history.col.seq"), t("history.col.when"), t("history.col.by"), t("history.col.what"),
            t("history.col.changes"), t("history.col.reason")]
