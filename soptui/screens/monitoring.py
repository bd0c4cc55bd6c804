"""Statistics across runs (bars drawn in the terminal) and the monitoring and evaluation forms.

Both read the kept step figures in a worker thread (stats.source: the index, then each run's
kept figures, rebuilding those missing), never on the event loop. The forms screen shows one SOP
at a time: the penilai confirms or changes columns 3–5 of Tabel 7 (suggested from the figures)
and answers the seven evaluation questions with the relevant figure beside each; saving keeps
both forms as records (stats.source.save_form), also in a thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select

from ..errors import SoptuiError
from ..i18n import get_lang, t
from ..messages import stats as _messages  # noqa: F401
from ..safetext import one_line
from ..safetext import text as literal
from ..widgets.keyfooter import KeyFooter
from .base import Localized, bind
from .dialogs import FormDialog
from .views import DocumentScreen

if TYPE_CHECKING:
    from textual import getters

    from ..app import SoptuiApp


def _load_stats(app, sop_id: str | None, start, end, loaded=None) -> dict:
    from ..stats.sections import named
    from ..stats.source import period_statistics

    app.calendar  # noqa: B018  (built here, in the thread: it loads the holiday dates)
    return named(period_statistics(app.service, sop_id, start, end)[0], loaded)


class StatsScreen(DocumentScreen):
    """The step statistics of one SOP (or all) over a period, drawn at the screen's width. The
    period: p (and shift+p back) steps through all runs, this and last semester, this and last
    year; d types the first and last day."""

    BINDINGS = [*DocumentScreen.BINDINGS, bind("p", "preset(1)", "stats_period"),
                bind("P,shift+p", "preset(-1)", "stats_period_back", show=False),
                bind("d", "pick_dates", "stats_dates"), bind("m", "forms", "forms")]
    HOWTO = "help.stats"

    def __init__(self, app, sop_id: str | None):
        from ..stats.render import renderable

        lang = get_lang()
        self.preset = "all"  # or "custom": typed days
        self.period: tuple = (None, None)
        loaded = app.library.find(sop_id) if sop_id else None
        # The SOP the figures are limited to, in the title: "no runs" is of this SOP, not of all.
        self.sop_name = one_line(loaded.sop.identity.nama) if loaded else (sop_id or "")
        super().__init__(t("stats.screen_title"),
                         lambda width: renderable(_load_stats(app, sop_id, *self.period, loaded), width, lang))
        self.show_period()

    def show_period(self) -> None:
        """The period in the title (DocumentScreen shows doc_title when mounted)."""
        start, end = self.period
        if self.preset == "custom":
            shown = t("stats.preset.custom", start=start or "…", end=end or "…")
        else:
            shown = t(f"stats.preset.{self.preset}")
        sop = f" · {self.sop_name}" if self.sop_name else ""
        self.doc_title = self.sub_title = f"{t('stats.screen_title')}{sop} · {shown}"

    def set_period(self, name: str, period: tuple) -> None:
        self.preset, self.period = name, period
        self.show_period()
        self.action_rebuild()

    def action_preset(self, step: int) -> None:
        from ..stats.period import PRESETS, preset

        at = PRESETS.index(self.preset) if self.preset in PRESETS else 0
        name = PRESETS[(at + step) % len(PRESETS)]
        self.set_period(name, preset(name, self.app.now().date()))

    def action_pick_dates(self) -> None:
        picked: list[tuple] = []

        def submit(values: dict) -> str | None:
            picked.append(_typed_period(values))  # checked already (PeriodDialog.check)
            return None

        def closed(ok: bool | None) -> None:
            if ok and picked:
                self.set_period("custom", picked[-1])
        start, end = self.period
        self.app.push_screen(PeriodDialog(submit, {"from": start.isoformat() if start else "",
                                                   "to": end.isoformat() if end else ""}), closed)

    def action_forms(self) -> None:
        self.app.push_screen(FormsScreen())


def _typed_period(values: dict) -> tuple:
    from ..stats.period import parse_day
    return parse_day(values["from"]), parse_day(values["to"])


class PeriodDialog(FormDialog):
    """The first and last day of the statistics' period (either may be left empty: open)."""

    def __init__(self, submit, values: dict):
        self.title_text = t("stats.dates_title")
        self.ok_label = t("stats.dates_show")
        hint = t("stats.day_forms")
        self.fields = [("from", t("stats.field.from"), hint), ("to", t("stats.field.to"), hint)]
        super().__init__(submit, values, t("stats.dates_intro"))

    def check(self, values: dict) -> str | None:
        from ..stats.period import ImpossibleDay, parse_day

        for name, label, _ in self.fields:
            try:
                parse_day(values[name])
            except ImpossibleDay as exc:
                return t("stats.impossible_day", field=label, value=values[name].strip(), detail=exc.why)
            except ValueError:
                return t("stats.bad_day", field=label, value=values[name].strip(), forms=t("stats.day_forms"))
        start, end = _typed_period(values)
        if start and end and start > end:
            return t("stats.reversed_days", start=start, end=end)
        return None


ANSWERS = [("—", ""), ("Ya", "ya"), ("Tidak", "tidak")]


class FormsScreen(Localized, Screen):
    """Tabel 7 and the evaluation of one semester, one SOP at a time; saved with ctrl+s."""

    if TYPE_CHECKING:
        app = getters.app(SoptuiApp)

    BINDINGS = [
        bind("escape", "leave", "back"),
        bind("ctrl+s", "save_forms", "save_forms", priority=True),
        bind("pageup", "period(-1)", "period_back", priority=True),  # over the scrolling of the form
        bind("pagedown", "period(1)", "period_next", priority=True),
        bind("ctrl+n", "sop(1)", "next_sop", priority=True),
        bind("ctrl+b", "sop(-1)", "previous_sop", priority=True),
    ]
    HOWTO = "help.forms"
    DEFAULT_CSS = """
    #forms { height: 1fr; padding: 0 1; }
    #forms-head { padding: 0 1; background: $boost; width: 100%; height: auto; }
    #forms .field { height: 1; margin-top: 1; }
    #forms .field-label { width: 16; color: $text-muted; }
    #forms .field Input, #forms .field Select { width: 1fr; }
    #forms .question-row { height: 2; margin-top: 1; }
    #forms .question-row Select { width: 12; margin-right: 1; }
    #forms .question-row Label { width: 1fr; }
    """

    def __init__(self):
        super().__init__()
        from ..stats.forms import last_semester
        self.period = last_semester(self.app.now().date())
        self.monitoring: dict | None = None
        self.evaluation: dict | None = None
        self.index = 0  # the SOP shown
        self._loading = 0
        self.behind = ""  # the saved form lacks runs recorded since: said in the head
        self.added: set[str] = set()  # the SOPs whose parts were added to it since (not saved yet)
        self._as_loaded: tuple = ()  # the entries as loaded or saved: what "unsaved edits" differ from

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="forms-head")
        with VerticalScroll(id="forms"):
            with Horizontal(classes="field"):
                yield Label(t("forms.short.penilaian"), classes="field-label")
                yield Select([(t("monitor.baik"), "baik"), (t("monitor.tidak_baik"), "tidak_baik")],
                             id="penilaian", prompt="—", compact=True)
            for key in ("catatan", "tindakan"):
                with Horizontal(classes="field"):
                    yield Label(t(f"forms.short.{key}"), classes="field-label")
                    yield Input(id=key, compact=True)
            yield Label(t("eval.title"), classes="question")
            for i in range(1, 8):
                with Horizontal(classes="question-row"):
                    yield Select([(t("eval.ya"), "ya"), (t("eval.tidak"), "tidak")], id=f"q{i}", prompt="—", compact=True)
                    yield Label("", id=f"q{i}-label")
            with Horizontal(classes="field"):
                yield Label(t("monitor.sign"), classes="field-label")
                yield Input(value=self.app.config.operator, id="penilai", compact=True)
        # Seven keys, four a row below 120 columns: each label whole (one row cut "Semester ...").
        yield KeyFooter(compact=True, row_keys=4)

    def on_mount(self) -> None:
        self.sub_title = t("forms.screen_title")
        self.load()

    def load(self) -> None:
        self._loading += 1
        self.query_one("#forms-head", Label).update(literal(t("stats.loading")))
        self.read_forms(self._loading, self.period)

    @work(thread=True, exclusive=True, group="forms")
    def read_forms(self, loading: int, period) -> None:
        from ..stats import forms
        from ..stats.formsout import saved_moment
        behind, added = "", set[str]()
        try:
            stats = _load_stats(self.app, None, *period)
            lang = get_lang()
            saved = self.app.service.store.forms
            suggested = (forms.monitoring_form(stats, forms.Rule(**dict(self.app.config.monitoring)), lang),
                         forms.evaluation_form(stats, lang))
            (monitoring, missing, added), (evaluation, _, _) = (
                forms.with_new_runs(forms.latest_saved(saved(kind), stats["from"], stats["to"]), suggestion, stats)
                for kind, suggestion in zip((forms.MONITORING, forms.EVALUATION), suggested))
            if missing:  # never hidden: added, and said
                behind = t("forms.behind", at=saved_moment(monitoring), n=missing)
            error = ""
        except SoptuiError as exc:
            monitoring, evaluation, error = None, None, str(exc)
        self.post_message(self.Loaded(loading, monitoring, evaluation, error, (behind, added)))

    class Loaded(Message):
        def __init__(self, loading: int, monitoring, evaluation, error: str, behind: tuple = ("", set())):
            super().__init__()
            self.loading, self.monitoring, self.evaluation, self.error = loading, monitoring, evaluation, error
            self.behind = behind

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.loading != self._loading:
            return
        if event.error:
            self.notify(event.error, severity="error", timeout=10)
        self.monitoring, self.evaluation, self.index = event.monitoring, event.evaluation, 0
        self.behind, self.added = event.behind
        self.show()
        self._as_loaded = self._entries()
        self.refresh_bindings()  # Ctrl+S, Ctrl+N/B only where they can act

    def rows(self) -> list[dict]:
        return self.monitoring["rows"] if self.monitoring else []

    def show(self) -> None:
        from ..stats.formsout import status_line
        rows = self.rows()
        form = self.monitoring or {}
        start, end = self.period
        head = f"{t('monitor.title')} · {t('stats.period', start=start, end=end)}"
        if not rows:
            self.query_one("#forms-head", Label).update(literal(f"{head}\n{t('monitor.none')}"))
            self.query_one("#forms").display = False
            return
        self.query_one("#forms").display = True
        row = rows[self.index]
        lang = form.get("lang")
        kept = f" · {t('forms.kept_language', lang=t(f'forms.lang.{lang}'))}" if form.get("saved_at") and lang in ("id", "en") and lang != get_lang() else ""
        behind = f"\n{self.behind}" if self.behind else ""
        self.query_one("#forms-head", Label).update(literal(
            f"{head}\n{row['no']}/{len(rows)} {one_line(row['prosedur'])} ({one_line(row['nomor'])}) · "
            f"{t('monitor.suggested') if row['sop_id'] in self.added else status_line(form)}{kept}{behind}"))
        self.query_one("#penilaian", Select).value = row["penilaian"] or Select.NULL
        for key in ("catatan", "tindakan"):
            field = self.query_one(f"#{key}", Input)
            field.value = row[key]
            field.cursor_position = 0  # the start of the text in view, not its end
        ev = self._evaluation_of(row["sop_id"])
        for i in range(1, 8):
            answer = ev["answers"][i - 1] if ev else None
            self.query_one(f"#q{i}", Select).value = answer or Select.NULL
            figure = one_line(ev["figures"][i - 1]) if ev else ""
            self.query_one(f"#q{i}-label", Label).update(literal(f"{i}. {t(f'eval.q{i}')}\n   {figure}"))

    def _evaluation_of(self, sop_id: str) -> dict | None:
        return next((s for s in (self.evaluation or {}).get("sops", []) if s["sop_id"] == sop_id), None)

    def keep_fields(self) -> None:
        """What is on screen, back into the forms (before moving to another SOP or saving)."""
        from ..stats.forms import score
        rows = self.rows()
        if not rows:
            return
        row = rows[self.index]
        value = self.query_one("#penilaian", Select).value
        row["penilaian"] = value if isinstance(value, str) else ""
        row["catatan"] = self.query_one("#catatan", Input).value.strip()
        row["tindakan"] = self.query_one("#tindakan", Input).value.strip()
        ev = self._evaluation_of(row["sop_id"])
        if ev is not None:
            answers = [self.query_one(f"#q{i}", Select).value for i in range(1, 8)]
            ev["answers"] = [a if isinstance(a, str) else None for a in answers]
            ev["score"] = score(ev["answers"])

    def _entries(self) -> tuple:
        """What the penilai can change, as it stands in the forms (and the penilai's name)."""
        rows = tuple((r["penilaian"], r["catatan"], r["tindakan"]) for r in self.rows())
        answers = tuple(tuple(e["answers"]) for e in (self.evaluation or {}).get("sops", []))
        return rows, answers, self.query_one("#penilai", Input).value.strip()

    def unsaved(self, penilai: bool = True) -> bool:
        """Whether the entries on screen differ from those loaded or last saved."""
        if not self.rows():
            return False
        self.keep_fields()
        now, then = self._entries(), self._as_loaded
        return now != then if penilai else now[:2] != then[:2]

    def _after_asking(self, go, penilai: bool = False) -> None:
        """`go()` now, or once the penilai agrees to lose the unsaved entries (with `penilai`,
        the name typed too: it is lost when the screen is left)."""
        from .confirm import DiscardConfirm
        if not self.unsaved(penilai):
            go()
            return
        self.app.push_screen(DiscardConfirm(), lambda yes: go() if yes else None)

    def action_leave(self) -> None:
        self._after_asking(self.app.pop_screen, penilai=True)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "save_forms":
            return bool(self.rows())  # an empty form is not worth a record
        if action == "sop":
            return len(self.rows()) > 1
        return True

    def why_not(self, action: str) -> str | None:
        if action not in ("save_forms", "sop"):
            return None
        if self.monitoring is None:
            return t("forms.why.loading")
        if not self.rows():
            start, end = self.period
            return t("forms.nothing_to_save", start=start, end=end) if action == "save_forms" else t("monitor.none")
        return t("forms.why.one_sop")

    def action_sop(self, step: int) -> None:
        if self.rows():
            self.keep_fields()
            self.index = (self.index + step) % len(self.rows())
            self.show()

    def action_period(self, step: int) -> None:
        from datetime import date

        from ..stats.period import preset
        start = self.period[0]
        months = start.year * 12 + start.month - 1 + 6 * step  # a day of the semester `step` away

        def go() -> None:
            self.period = preset("this_semester", date(months // 12, months % 12 + 1, 1))
            self.load()
        self._after_asking(go)

    def action_save_forms(self) -> None:
        if not self.rows():
            return
        self.keep_fields()
        self.save(self.monitoring, self.evaluation, self.query_one("#penilai", Input).value)

    @work(thread=True, exclusive=True, group="save")
    def save(self, monitoring, evaluation, penilai: str) -> None:
        from ..stats.source import save_form
        from ..stats.forms import unfinished
        try:
            saved = save_form(self.app.service, monitoring, penilai)
            save_form(self.app.service, evaluation, penilai)
            message, error = t("forms.saved_as", no=saved["no"]), False
            if unfinished(saved, self.app.now().date()):  # saved, and told what it will lack
                message += "\n" + t("forms.unfinished", end=saved["to"])
        except SoptuiError as exc:
            message, error, saved = str(exc), True, None
        self.post_message(self.Saved(message, error, saved))

    class Saved(Message):
        def __init__(self, message: str, error: bool, saved):
            super().__init__()
            self.message, self.error, self.saved = message, error, saved

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.notify(event.message, severity="error" if event.error else "information", timeout=6)
        if event.saved is not None and self.monitoring is not None:
            for form in (self.monitoring, self.evaluation or {}):
                form.update(penilai=event.saved["penilai"], saved_at=event.saved["saved_at"])
            self.behind, self.added = "", set()  # what was added is saved now
            self.show()
            self._as_loaded = self._entries()
