"""Home: the SOP library and the runs (in progress first). Start, resume, read, summarise."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from ..errors import SoptuiError
from ..i18n import get_lang, t


class HomeScreen(Screen):
    BINDINGS = [
        Binding("n", "new_run", t("bind.new_run"), id="new_run", tooltip=t("tip.new_run")),
        Binding("enter", "open", t("bind.open"), id="open", tooltip=t("tip.open")),
        Binding("d", "document", t("bind.document"), id="document", tooltip=t("tip.document")),
        Binding("r", "summary", t("bind.summary"), id="summary", tooltip=t("tip.summary")),
        Binding("f5", "reload", t("bind.refresh"), id="refresh", tooltip=t("tip.refresh"), show=False),
        Binding("q", "app.quit", t("bind.quit"), id="quit", tooltip=t("tip.quit")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Label(t("home.library"), classes="section")
            yield DataTable(id="sops", cursor_type="row", zebra_stripes=True)
            yield Label(t("home.runs"), classes="section")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        sops = self.query_one("#sops", DataTable)
        sops.add_columns(t("col.nomor"), t("col.nama"), t("col.unit"), t("col.steps"), t("col.standard_total"))
        runs = self.query_one("#runs", DataTable)
        keys = runs.add_columns(t("col.title"), t("col.sop"), t("col.progress"), t("col.current"),
                                t("col.late"), t("col.activity"))
        self._late_column = keys[4]
        self.fill_sops()
        self.fill_runs()
        sops.focus()

    def on_screen_resume(self) -> None:
        self.fill_runs()

    # tables -----------------------------------------------------------------------------

    def fill_sops(self) -> None:
        from ..durations import format_standard
        from ..model import total_standard
        table = self.query_one("#sops", DataTable)
        table.clear()
        lib = self.app.library
        for sop in lib.sops:
            total = total_standard([sop.effective_standard(s) for s in sop.main_path()])
            table.add_row(sop.identity.nomor, sop.identity.nama, sop.identity.unit, str(len(sop.steps)),
                          format_standard(total, get_lang(), short=True), key=sop.id)
        for path, problems in lib.failed.items():
            self.notify(t("home.sop_failed", path=path, first=str(problems[0])), severity="warning", timeout=12)

    def fill_runs(self) -> None:
        table = self.query_one("#runs", DataTable)
        keep = self._selected(table)
        table.clear()
        rows, problems = self.app.service.index()
        for p in problems:
            self.notify(p, severity="warning", timeout=12)
        rows.sort(key=lambda r: r.get("status") != "in_progress")  # stable: newest first within each
        now = self.app.now()
        for r in rows:
            status = r.get("status")
            current = (f"{r.get('current_step')}. {r.get('current_kegiatan', '')}" if status == "in_progress"
                       else t(f"status.{status}"))
            table.add_row(r.get("title") or "—", r.get("sop_nama", ""), f"{r.get('done', 0)}/{r.get('total', 0)}",
                          current[:40], _late(r, now), (r.get("updated_at") or "")[:16].replace("T", " "),
                          key=r["id"])
        self._missing_late = [r["id"] for r in rows if "late_done" not in r and status_open(r)]
        if self._missing_late:
            self.call_after_refresh(self.fill_late)  # after the first paint: it loads the calendar
        if keep:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except Exception:  # the row is gone (another process deleted the file)
                pass

    def fill_late(self) -> None:
        """Lateness for rows whose index entry was written without a calendar (older records)."""
        table = self.query_one("#runs", DataTable)
        svc, now = self.app.service, self.app.now()
        self.app.calendar  # noqa: B018  (attaches the calendar to the service)
        for run_id in self._missing_late:
            try:
                row = svc.row(svc.state(run_id))
                table.update_cell(run_id, self._late_column, _late(row, now))
            except Exception as exc:  # a damaged run stays listed; its problem is shown once
                self.notify(str(exc), severity="warning")
        self._missing_late = []

    @staticmethod
    def _selected(table: DataTable) -> str | None:
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    def selected_sop(self) -> str | None:
        return self._selected(self.query_one("#sops", DataTable))

    def selected_run(self) -> str | None:
        return self._selected(self.query_one("#runs", DataTable))

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("new_run", "document"):
            return bool(self.app.library.sops)
        if action == "summary":
            return self.query_one("#runs", DataTable).row_count > 0
        return True

    # actions ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.app._library = None
        self.fill_sops()
        self.fill_runs()

    def action_open(self) -> None:
        if self.focused is self.query_one("#runs", DataTable):
            run = self.selected_run()
            if run:
                self.open_run(run)
        else:
            self.action_document()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "runs":
            self.open_run(event.row_key.value)
        else:
            self.action_document()

    def action_document(self) -> None:
        from .views import sop_screen
        key = self.selected_sop()
        loaded = self.app.library.find(key) if key else None
        if loaded:
            self.app.push_screen(sop_screen(loaded.sop))

    def action_summary(self) -> None:
        from .views import summary_screen
        run = self.selected_run()
        if run:
            self.app.push_screen(summary_screen(self.app, run))

    def action_new_run(self) -> None:
        key = self.selected_sop()
        if key:
            self.new_run(key)

    def new_run(self, sop_key: str) -> None:
        from ..timeinput import format_time, parse_time
        from .dialogs import NewRunDialog
        loaded = self.app.library.find(sop_key)
        if loaded is None:
            self.notify(t("home.no_sop", key=sop_key), severity="error")
            return
        app = self.app
        now = app.now()
        created: list[str] = []

        def submit(values: dict) -> str | None:
            at = parse_time(values["at"], now=app.now(), tz=app.service.tz) if values["at"].strip() else None
            app.calendar  # so the new index row carries lateness
            created.append(app.service.start(loaded, title=values["title"], operator=values["operator"], at=at))
            return None

        def done(ok: bool | None) -> None:
            if ok and created:
                self.fill_runs()
                self.open_run(created[-1])

        values = {"title": f"{loaded.sop.identity.nama} {now.year + 1}", "operator": app.config.operator,
                  "at": format_time(now, app.service.tz)}
        app.push_screen(NewRunDialog(loaded.sop.identity.nama, submit, values), done)

    def open_run(self, run_key: str) -> None:
        from .checklist import ChecklistScreen
        try:
            run_id = self.app.service.resolve(run_key)
            self.app.service.state(run_id)
        except SoptuiError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.app.push_screen(ChecklistScreen(run_id))


def status_open(row: dict) -> bool:
    return row.get("status") == "in_progress"


def _late(row: dict, now: datetime) -> str:
    if "late_done" not in row:
        return "—"
    late = row["late_done"]
    due = row.get("current_due_at")
    if row.get("status") == "in_progress" and due and now > datetime.fromisoformat(due):
        late += 1
    return str(late) if late else "0"
