"""The correction dialog: any event of a run that has a moment or recorded fields of its own (a
step's start, completion or decision, the run's start, its cancellation), chosen from a list.
Its fields are pre-filled with what is recorded now (earlier corrections included); only those
the person changed are sent, with a reason, and the rules may still refuse the correction (the
dialog then shows why and nothing is recorded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select

from .. import actions
from ..events import Event
from ..evidence import as_typed
from ..i18n import t
from ..safetext import one_line
from ..safetext import text as literal
from ..timeinput import format_time
from ..widgets.formfields import FormInput
from .dialogs import FormDialog, Submit

FIELDS = ("actor", "output", "at", "note", "evidence")  # as the completion dialog orders them


def recorded_values(event: Mapping[str, Any], tz) -> dict[str, str]:
    """The fields of an event (with its corrections) as the dialog shows them."""
    data = event["data"]
    return {"at": format_time(datetime.fromisoformat(event["at"]), tz), "actor": one_line(data.get("actor")),
            "output": one_line(data.get("output")), "note": one_line(data.get("note")),
            "evidence": one_line(as_typed(data.get("evidence")))}


def changed_fields(kind: str, values: dict, recorded: dict) -> list[str]:
    """The fields the person changed, of those a correction of `kind` may change."""
    return [name for name in actions.CORRECTABLE.get(kind, ())
            if values.get(name, "").strip() != recorded.get(name, "").strip()]


def event_label(event: Mapping[str, Any], tz) -> str:
    """'#5 completion of step 2 · 23/11/26 08:30': short, so the list of events fits 80 columns."""
    step = event["data"].get("step")
    what = t(f"event.{event['kind']}") + (f" {t('event.step', step=step)}" if step else "")
    return one_line(f"#{event['seq']} {what} · {format_time(datetime.fromisoformat(event['at']), tz, short=True)}")


class CorrectDialog(FormDialog):
    """`events`: those a correction may change (actions.correctable), `chosen`: the one shown
    first. `submit` gets the typed values plus `seq`, `kind` and `recorded` (the pre-filled ones)."""

    def __init__(self, events: Sequence[Event], chosen: int, tz, submit: Submit):
        self.title_text = t("dialog.correct.title")
        self.fields = [("actor", t("field.actor"), ""), ("output", t("field.output"), ""),
                       ("at", t("field.time"), t("field.time_hint")), ("note", t("field.note"), ""),
                       ("evidence", t("field.evidence"), t("field.evidence_hint")),
                       ("reason", t("field.reason"), t("field.reason_hint"))]
        self.events = {e["seq"]: e for e in events}
        self.tz = tz
        self.seq = chosen
        self.recorded = recorded_values(self.events[chosen], tz)
        super().__init__(submit, dict(self.recorded), t("dialog.correct.intro"))

    def head(self) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(literal(t("field.event")), classes="field-label")
            yield Select([(literal(event_label(e, self.tz)), seq) for seq, e in self.events.items()],
                         value=self.seq, allow_blank=False, compact=True, id="event")

    def on_mount(self) -> None:  # before FormDialog's (Textual calls each class's), which focuses a field
        self.add_class("dense")
        self.show_fields()

    @property
    def kind(self) -> str:
        return self.events[self.seq]["kind"]

    def show_fields(self) -> None:
        """Only the fields this kind of event has (a start has only its time)."""
        allowed = actions.CORRECTABLE.get(self.kind, ())
        for name in FIELDS:
            self.query_one(f"#row-{name}").display = name in allowed
            self.query_one(f"#f-{name}", FormInput).value = self.recorded[name]

    @on(Select.Changed, "#event")
    def _chosen(self, event: Select.Changed) -> None:
        if not isinstance(event.value, int) or event.value == self.seq or event.value not in self.events:
            return
        self.seq = event.value
        self.recorded = recorded_values(self.events[self.seq], self.tz)
        self.show_fields()
        self.query_one("#error", Label).update("")

    def collect(self) -> dict:
        return {**super().collect(), "seq": self.seq, "kind": self.kind, "recorded": dict(self.recorded)}

    def check(self, values: dict) -> str | None:
        return None if values["reason"].strip() else t("dialog.reason_required")
