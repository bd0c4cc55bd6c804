"""The checklist of one run: steps beside the selected step's details, one key to record."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList

from ..errors import SoptuiError
from ..i18n import t
from ..runs import TIMED_KINDS
from ..service import evidence_of
from ..timeinput import format_time, parse_time
from ..widgets.elapsed import ElapsedBar
from ..widgets.stepdetail import StepDetail, detail
from ..widgets.steplist import StepList

POLL_SECONDS = 1.5   # a stat() of the run file: cheap, and another process's log shows quickly
TICK_SECONDS = 5.0   # the elapsed bar moves with the clock


class ChecklistScreen(Screen):
    BINDINGS = [
        Binding("c", "complete", t("bind.complete"), id="complete", tooltip=t("tip.complete")),
        Binding("s", "start_step", t("bind.start"), id="start", tooltip=t("tip.start")),
        Binding("u", "undo", t("bind.undo"), id="undo", tooltip=t("tip.undo")),
        Binding("t", "correct", t("bind.correct"), id="correct", tooltip=t("tip.correct")),
        Binding("r", "summary", t("bind.summary"), id="run_summary", tooltip=t("tip.summary")),
        Binding("d", "document", t("bind.document"), id="run_document", tooltip=t("tip.document")),
        Binding("x", "cancel_run", t("bind.cancel_run"), id="cancel_run", tooltip=t("tip.cancel_run"),
                show=False),
        Binding("escape", "back", t("bind.back"), id="back_home", tooltip=t("tip.back")),
    ]

    def __init__(self, run_id: str):
        super().__init__()
        self.run_id = run_id
        self.state = None
        self.timing = None
        self._mtime = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="run-head")
        with Horizontal(id="checklist"):
            yield StepList(id="steps")
            with Vertical(id="detail-pane"):
                with VerticalScroll(id="detail-scroll"):
                    yield StepDetail(id="detail")
                yield ElapsedBar(id="elapsed")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(StepList).focus()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(TICK_SECONDS, self.tick)

    # state ------------------------------------------------------------------------------

    @property
    def tz(self):
        return self.app.service.tz

    def reload(self) -> None:
        from ..timing import time_run
        svc = self.app.service
        self._mtime = svc.store.modified_ns(self.run_id)
        try:
            self.state = svc.state(self.run_id)
        except SoptuiError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.timing = time_run(self.state, self.app.calendar, self.app.now())
        s = self.state
        self.sub_title = f"{s.title} · {s.sop.identity.nama}"
        head = t("checklist.head", run=s.id, status=t(f"status.{s.status}"), done=s.done_count, total=len(s.sop.steps))
        if s.current is not None:
            head += " · " + t("checklist.current", step=s.current)
        self.query_one("#run-head", Label).update(Text(head))
        self.query_one(StepList).show(s, self.timing)
        self.show_detail()
        self.refresh_bindings()

    def poll(self) -> None:
        """Catch up when another process (the CLI, a colleague) logs to this run."""
        if self.app.service.store.modified_ns(self.run_id) != self._mtime:
            self.reload()

    def tick(self) -> None:
        if self.state is not None and self.state.status == "in_progress":
            from ..timing import time_run
            self.timing = time_run(self.state, self.app.calendar, self.app.now())
            self.show_detail()

    def selected(self) -> int | None:
        return self.query_one(StepList).selected_step

    def show_detail(self) -> None:
        no = self.selected() or self.state.current or self.state.sop.steps[-1].no
        self.query_one(StepDetail).update(detail(self.state, self.timing, no, self.tz))
        st = next(s for s in self.timing.steps if s.no == no)
        a = st.last
        bar = self.query_one(ElapsedBar)
        if a is None:
            bar.update("")
            return
        standard = (self.app.calendar.working_seconds_between(a.ready_at, a.due_at) if a.due_at else None)
        bar.show(a.actual_working_seconds, standard)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        if self.state is not None:
            self.show_detail()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if int(event.option.id) == self.state.current:
            self.action_complete()

    # what can run now -------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        s = self.state
        if s is None:
            return action == "back"
        open_run = s.status == "in_progress"
        if action == "complete":
            return open_run and s.current is not None
        if action == "start_step":
            return open_run and s.current_attempt is not None and s.current_attempt.started_at is None
        if action == "undo":
            return open_run and self._undo_target() is not None
        if action in ("correct", "cancel_run"):
            return open_run
        return True

    def _undo_target(self) -> dict | None:
        undone = {e["data"]["target"] for e in self.state.events if e["kind"] == "undo"}
        rest = [e for e in self.state.events if e["kind"] not in ("undo", "run_started") and e["seq"] not in undone]
        return rest[-1] if rest else None

    # recording --------------------------------------------------------------------------

    def _time(self, text: str):
        return parse_time(text, now=self.app.now(), tz=self.tz) if text.strip() else None

    def _step_label(self, no: int) -> str:
        return f"{no}. {self.state.sop.step(no).kegiatan}"

    def _after(self, ok: bool | None) -> None:
        if ok:
            before = self.state.current
            self.reload()
            if self.state.status == "finished":
                self.notify(t("checklist.finished"), timeout=8)
            elif self.state.current is not None and before is not None and self.state.current < before:
                self.notify(t("checklist.back_to", step=self.state.current), severity="warning", timeout=8)
            self.query_one(StepList).highlighted = (self.state.sop.index_of(self.state.current)
                                                    if self.state.current is not None else None)
            self.show_detail()

    def _default_actor(self, no: int) -> str:
        role = self.state.sop.step(no).pelaksana
        return self.state.actors.get(role) or self.app.config.person_for(role) or self.state.operator

    def action_complete(self) -> None:
        from .dialogs import CompleteDialog, DecideDialog
        s = self.state
        no = s.current
        if no is None:
            return
        step = s.sop.step(no)
        svc = self.app.service
        now_text = format_time(self.app.now(), self.tz)
        intro = t("dialog.role", role=step.pelaksana)

        if step.is_decision:
            def decide(values: dict) -> str | None:
                svc.complete(self.run_id, no, at=self._time(values["at"]), actor=values["actor"],
                             note=values["note"], verdict=values["verdict"])
                return None
            question = step.pertanyaan or t("dialog.decide.question")
            self.app.push_screen(DecideDialog(self._step_label(no), question + " " + t(
                "dialog.decide.route", tidak=step.tidak), decide,
                {"actor": self._default_actor(no), "at": now_text}, intro), self._after)
            return

        def complete(values: dict) -> str | None:
            svc.complete(self.run_id, no, at=self._time(values["at"]), actor=values["actor"],
                         output=values["output"], evidence=evidence_of(values["evidence"]), note=values["note"])
            return None
        self.app.push_screen(CompleteDialog(self._step_label(no), complete, {
            "actor": self._default_actor(no), "output": step.output, "at": now_text}, intro), self._after)

    def action_start_step(self) -> None:
        from .dialogs import StartStepDialog
        no = self.state.current

        def start(values: dict) -> str | None:
            self.app.service.start_step(self.run_id, no, self._time(values["at"]))
            return None
        self.app.push_screen(StartStepDialog(self._step_label(no), start,
                                             {"at": format_time(self.app.now(), self.tz)}), self._after)

    def action_undo(self) -> None:
        from .dialogs import ReasonDialog
        target = self._undo_target()
        if target is None:
            return
        what = _describe(target, self.tz)

        def undo(values: dict) -> str | None:
            self.app.service.undo(self.run_id, values["reason"])
            return None
        self.app.push_screen(ReasonDialog(t("dialog.undo.title"), t("dialog.undo.intro", what=what), undo),
                             self._after)

    def action_correct(self) -> None:
        from .dialogs import ReasonDialog
        event = self._correct_target()
        if event is None:
            self.notify(t("checklist.nothing_to_correct"), severity="warning")
            return

        def correct(values: dict) -> str | None:
            at = self._time(values["at"])
            if at is None:
                return t("dialog.time_required")
            self.app.service.correct(self.run_id, event["seq"], at, values["reason"])
            return None
        at = format_time(_parse(event["at"]), self.tz)
        self.app.push_screen(ReasonDialog(t("dialog.correct.title"), t("dialog.correct.intro", what=_describe(
            event, self.tz)), correct, with_time=True, values={"at": at}), self._after)

    def _correct_target(self) -> dict | None:
        """The selected step's latest recorded moment, else the latest timed event."""
        no = self.selected()
        timed = [e for e in self.state.effective if e["kind"] in TIMED_KINDS]
        mine = [e for e in timed if e["data"].get("step") == no]
        return (mine or timed or [None])[-1]

    def action_cancel_run(self) -> None:
        from .dialogs import ReasonDialog

        def cancel(values: dict) -> str | None:
            self.app.service.cancel(self.run_id, values["reason"])
            return None
        self.app.push_screen(ReasonDialog(t("dialog.cancel_run.title"), t("dialog.cancel_run.intro"), cancel),
                             self._after)

    def action_summary(self) -> None:
        from .views import summary_screen
        self.app.push_screen(summary_screen(self.app, self.run_id))

    def action_document(self) -> None:
        from .views import sop_screen
        self.app.push_screen(sop_screen(self.state.sop))

    def action_back(self) -> None:
        self.app.pop_screen()


def _parse(text: str):
    from datetime import datetime
    return datetime.fromisoformat(text)


def _describe(event: dict, tz) -> str:
    step = event["data"].get("step")
    kind = t(f"event.{event['kind']}")
    when = format_time(_parse(event["at"]), tz)
    return f"#{event['seq']} {kind}" + (f" {t('event.step', step=step)}" if step else "") + f", {when}"
