"""The checklist of one run: steps beside the selected step's details, one key to record.

Every record goes through RunService, so the TUI and the command line write the same log. The
screen re-folds the run when its file changes (another process, a colleague) and redraws the
elapsed bar as the injected clock moves. Reading, folding, timing and checking the chain run in
a thread (`read_view`) and come back as a message; until the run is shown as it is now, the keys
that record answer "busy" instead of acting on what was shown before.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Label

from .. import actions
from ..i18n import t
from ..safetext import one_line
from ..safetext import text as literal
from ..evidence import evidence_of
from ..timeinput import format_time, parse_time
from ..widgets.elapsedbar import ElapsedBar
from ..widgets.keyfooter import KeyFooter
from ..widgets.stepdetail import StepDetail, detail
from ..widgets.steplist import StepList
from .base import Localized, bind
from . import fixes
from .runread import RunReader
from .runview import RunView, read_view

POLL_SECONDS = 1.5   # a stat() of the run file: cheap, and another process's log shows quickly
TICK_SECONDS = 5.0   # the elapsed bar moves with the clock


if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp
    from ..runs import RunState
    from ..timing import RunTiming

class ChecklistScreen(RunReader, Localized, Screen):

    if TYPE_CHECKING:  # Textual's way to type `self.app`; the app itself is never imported here
        app = getters.app(SoptuiApp)
    BINDINGS = [
        bind("c", "complete", "complete"),
        bind("s", "start_step", "start"),
        bind("u", "undo", "undo"),
        bind("t", "correct", "correct"),
        bind("o", "reopen", "reopen"),
        bind("h", "history", "history"),
        bind("r", "summary", "summary"),
        bind("d", "document", "document"),
        bind("f", "flowchart", "flowchart"),
        bind("x", "cancel_run", "cancel_run"),
        bind("f5", "reload", "refresh", show=False),
        bind("escape", "back", "back"),
    ]

    HOWTO = "help.checklist"
    # Below 120 columns the footer takes two rows (KeyFooter): every key that can act is shown,
    # s, d and x included, each with its whole label.

    def __init__(self, run_id: str, view: RunView | None = None):
        super().__init__()
        self.run_id = run_id
        self.state: RunState | None = None  # the run as last read; None until then
        self.timing: RunTiming | None = None
        self._view = view  # already read (by the home screen, to say at once when it is damaged)
        self._mtime = 0
        self._error = ""
        self._damaged = ""  # the integrity problem last reported
        self._then: list[Callable[[], None]] = []  # to run once the latest reading is shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="run-head")
        with Horizontal(id="checklist"):
            yield StepList(id="steps")
            with Vertical(id="detail-pane"):
                with VerticalScroll(id="detail-scroll"):
                    yield StepDetail(id="detail")
                yield ElapsedBar(id="elapsed")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#run-head", Label).update(literal(t("checklist.loading")))
        if self._view is not None:
            self.show(self._view)
        else:
            self.reload()
        self.query_one(StepList).focus()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(TICK_SECONDS, self.tick)

    def on_screen_resume(self) -> None:
        self.poll()  # back from the history or a summary: what was recorded there shows at once

    # state ------------------------------------------------------------------------------

    @property
    def tz(self):
        return self.app.service.tz

    @property
    def run(self) -> RunState:
        """The run as last read: actions ask for it only once it is (`_ready`)."""
        assert self.state is not None
        return self.state

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the run again, in a thread (screens/runread.py); `then()` runs once it is shown."""
        if then is not None:
            self._then.append(then)
        super().reload()

    def read_run(self) -> RunView:
        return read_view(self.app, self.run_id)

    def run_read(self, view: RunView, mtime: int) -> None:
        self._error = ""
        self.show(view)  # with the view's own mtime, read with it
        self._run_then()

    def run_unreadable(self, error: str, mtime: int) -> None:
        self._mtime = mtime  # a damaged file is read again when it changes, not before
        if error != self._error:  # keep what is shown, say it once
            self._error = error
            self.notify(error, severity="error", timeout=10, markup=False)
        self._run_then()

    def _run_then(self) -> None:
        then, self._then = self._then, []
        for callback in then:
            callback()

    def show(self, view: RunView) -> None:
        # A highlight on the current step follows it when the run moves on (here or elsewhere).
        following = self.state is None or self.selected() in (None, self.state.current)
        self.state, self.timing, self._mtime = view.state, view.timing, view.mtime
        s, problem = view.state, view.problem
        self.sub_title = one_line(f"{s.title} · {s.sop.identity.nama}")
        head = t("checklist.head", run=s.id, status=t(f"status.{s.status}"), done=s.done_count,
                 total=len(s.sop.steps))
        if s.status == "in_progress" and s.current is not None:
            head += " · " + t("checklist.current", step=s.current)
        if problem and problem != self._damaged:  # a hand-edited file reads like any other: say so
            self.notify(t("checklist.damaged", problem=problem), severity="error", timeout=20, markup=False)
        self._damaged = problem or ""
        self.query_one("#run-head", Label).update(
            literal(head) + literal(" · " + t("checklist.damaged_flag"), style="bold red") if problem else literal(head))
        steps = self.query_one(StepList)
        steps.show(s, self.timing)
        if following:
            steps.follow_current()
        self.show_detail()
        self.refresh_bindings()

    def poll(self) -> None:
        """Catch up when another process (the CLI, a colleague) logs to this run."""
        if not self.reading and self.app.service.store.modified_ns(self.run_id) != self._mtime:
            self.reload()

    def tick(self) -> None:
        """The clock moved: the elapsed bar grows, and the current step may just have become late."""
        if self.state is None or self.state.status != "in_progress" or self.reading:
            return
        self.retime(self.state)

    @work(thread=True, exclusive=True, group="time")
    def retime(self, state) -> None:
        from ..timing import time_run
        self.post_message(self.Timed(state, time_run(state, self.app.calendar, self.app.now())))

    class Timed(Message):
        def __init__(self, state, timing):
            super().__init__()
            self.state, self.timing = state, timing

    @on(Timed)
    def _timed(self, event: Timed) -> None:
        if event.state is not self.state:
            return  # read again meanwhile: that reading was timed too
        late_before = {s.no for s in self.timing.steps if s.late} if self.timing else set()
        self.timing = event.timing
        if {s.no for s in self.timing.steps if s.late} != late_before:
            self.query_one(StepList).show(self.state, self.timing)
        self.show_detail()

    def selected(self) -> int | None:
        return self.query_one(StepList).selected_step

    def show_detail(self) -> None:
        if self.state is None or self.timing is None:
            return
        no = self.selected() or self.state.current or self.state.sop.steps[-1].no
        self.query_one(StepDetail).update(detail(self.state, self.timing, no, self.tz))
        st = next(s for s in self.timing.steps if s.no == no)
        a = st.last
        bar = self.query_one(ElapsedBar)
        if a is None:
            bar.clear()
            return
        standard = self.app.calendar.working_seconds_between(a.ready_at, a.due_at) if a.due_at else None
        bar.show(a.actual_working_seconds, standard, running=a.in_progress)

    @on(StepList.StepHighlighted)
    def _highlighted(self) -> None:
        self.show_detail()

    @on(StepList.StepChosen)
    def _chosen(self, event: StepList.StepChosen) -> None:
        if self.state is not None and event.no == self.state.current and actions.can(self.state, "complete"):
            self.action_complete()

    # what can run now -------------------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """True: can act now. False: left out of the footer and the palette (the key says why)."""
        if action in actions.ACTIONS:
            return self.state is not None and actions.can(self.state, action, self.selected())
        if action in ("document", "history"):
            return self.state is not None
        return True

    def why_not(self, action: str) -> str | None:
        return fixes.why_not(self.state, action, self.tz, self.key_of("reopen"))

    # recording --------------------------------------------------------------------------

    def _at(self, text: str) -> datetime:
        # An emptied field is refused, never read as now: keystrokes lost on a slow link would
        # otherwise record the wrong moment without a word ("sekarang" says now).
        return parse_time(text, now=self.app.now(), tz=self.tz)

    def _step_label(self, no: int) -> str:
        return f"{no}. {self.run.sop.step(no).kegiatan}"

    def _default_actor(self, no: int) -> str:
        return self.run.suggested_actor(no, self.app.config.person_for)

    def _people(self) -> list[str]:
        """Who may have done a step: the people already in this run, then the roster."""
        return list(dict.fromkeys([*self.run.people(), *(name for _, name in self.app.config.roster)]))

    def _recorded(self, notices: list[tuple[str, str]] | None = None, follow: bool = True):
        """Dialog callback: re-read the run, follow the current step, tell what happened.

        `notices` may be filled by the dialog's submit (e.g. "back to step 2" after a "tidak").
        `follow`: False keeps the highlight where it is (a correction of the step shown)."""
        was = self.state.status if self.state is not None else None

        def shown() -> None:
            if self.state is None:
                return
            if self.state.status == "finished" and was != "finished":
                self.notify(t("checklist.finished"), timeout=8)
            elif notices:
                text, severity = notices[-1]
                self.notify(text, severity=severity, timeout=8, markup=False)  # type: ignore[arg-type]  # our own levels
            if follow:
                self.query_one(StepList).follow_current()
            self.show_detail()

        def after(ok: bool | None) -> None:
            if ok:
                self.reload(then=shown)
        return after

    def _ready(self) -> bool:
        """The keys that record act on the run as it is now: while it is being read, "busy"."""
        if self.reading:
            self.notify(t("checklist.busy"), timeout=3, markup=False)
            return False
        return True

    def action_complete(self) -> None:
        from .dialogs import CompleteDialog, DecideDialog, FormDialog
        if not self._ready():
            return
        s, svc = self.run, self.app.service
        no = s.current
        if no is None:
            return
        step = s.sop.step(no)
        now_text = format_time(self.app.now(), self.tz)
        intro = t("dialog.role", role=step.pelaksana_text)
        notice: list[tuple[str, str]] = []

        def record(values: dict) -> str | None:
            verdict = values.get("verdict")  # a decision's; a step completed has none
            svc.complete(self.run_id, no, at=self._at(values["at"]), actor=values["actor"],
                         output=values["output"], evidence=evidence_of(values["evidence"]),
                         note=values["note"], verdict=verdict)
            if verdict == "tidak":  # back for rework, or straight on past steps
                notice.append((t("checklist.back_to", step=step.tidak), "warning") if step.sends_back
                              else (t("checklist.skip_to", step=step.tidak), "information"))
            return None

        values = {"actor": self._default_actor(no), "output": step.output, "at": now_text}
        if step.is_decision:
            route = "dialog.decide.route" if step.sends_back else "dialog.decide.route_forward"
            question = (step.pertanyaan or t("dialog.decide.question")) + " " + t(route, tidak=step.tidak)
            dialog: FormDialog = DecideDialog(self._step_label(no), question, record, values, intro, self._people())
        else:
            dialog = CompleteDialog(self._step_label(no), record, values, intro, self._people())
        self.app.push_screen(dialog, self._recorded(notice))

    def action_start_step(self) -> None:
        from .dialogs import StartStepDialog
        if not self._ready():
            return
        no = self.run.current
        if no is None:  # finished or cancelled: the key is not offered then (actions.can)
            return

        def start(values: dict) -> str | None:
            self.app.service.start_step(self.run_id, no, self._at(values["at"]))
            return None

        self.app.push_screen(StartStepDialog(self._step_label(no), start,
                                             {"at": format_time(self.app.now(), self.tz)}), self._recorded())

    def action_undo(self) -> None:
        dialog = fixes.undo_dialog(self, self.state) if self._ready() else None
        if dialog is not None:
            reopens = actions.undo_reopens(self.run)
            self.app.push_screen(dialog, self._recorded([(t("checklist.reopened" if reopens else "checklist.undone"),
                                                          "information")]))

    def action_reopen(self) -> None:
        dialog = fixes.reopen_dialog(self, self.state) if self._ready() else None
        if dialog is not None:
            self.app.push_screen(dialog, self._recorded([(t("checklist.reopened"), "information")]))

    def action_correct(self) -> None:
        target = actions.correct_target(self.run, self.selected()) if self._ready() else None
        if target is not None:
            self.app.push_screen(fixes.correction_dialog(self, self.state, target["seq"]),
                                 self._recorded([(t("checklist.corrected"), "information")], follow=False))

    def action_cancel_run(self) -> None:
        if self._ready():
            self.app.push_screen(fixes.cancel_dialog(self, self.state),
                                 self._recorded([(t("checklist.cancelled"), "warning")]))

    # elsewhere ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.reload()

    def action_history(self) -> None:
        from .history import HistoryScreen
        self.app.push_screen(HistoryScreen(self.run_id, self.state))

    def action_summary(self) -> None:
        from .views import summary_screen
        self.app.push_screen(summary_screen(self.app, self.run_id))

    def action_document(self) -> None:
        from .views import sop_screen
        self.app.push_screen(sop_screen(self.run.sop))

    def action_flowchart(self) -> None:
        from .flowchart import FlowchartScreen
        self.app.push_screen(FlowchartScreen(run_id=self.run_id))

    def action_back(self) -> None:
        self.app.pop_screen()
