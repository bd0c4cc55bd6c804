"""The summary screen's export: the summary as XLSX, HTML or print-ready HTML (A4), written into a
folder the clerk picks (default: the current folder).

The file is built and written in a thread (the run is folded and timed, then written atomically
with the rules of `soptui summary --out`: soptui/report/files.py); meanwhile the dialog says it
is saving, as every dialog does. A file that is already there is replaced only after a second
dialog asks and the clerk says yes. Where the file went is said in a notice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Label, RadioButton, RadioSet

from ..errors import SoptuiError
from ..i18n import t
from ..messages import export as _messages  # noqa: F401
from ..oserror import os_reason
from ..report.files import EXPORTS, check_target, export_name, write_report
from ..safetext import text as literal
from .base import bind
from .confirm import Question
from .dialogs import FormDialog

Build = Callable[[str], bytes]  # export kind ("xlsx", "html", "print") -> the file's bytes


def open_export(screen, run_id: str) -> None:
    """From the summary screen: the dialog; once written, a notice says where the file went."""
    dialog = summary_export(screen.app, run_id)

    def done(written: bool | None) -> None:
        if written and dialog.written is not None:
            screen.app.notify(t("export.written", path=dialog.written), timeout=12)

    screen.app.push_screen(dialog, done)


def summary_export(app, run_id: str) -> "ExportDialog":
    """The dialog for `run_id`: the summary measured now, with soptui.toml's signature block."""

    def build(kind: str) -> bytes:
        from ..report import export
        from ..timing import time_run

        fmt, print_ready, _ = EXPORTS[kind]
        state = app.service.state(run_id)
        payload = export(state, time_run(state, app.calendar, app.now()), fmt,
                         signature=app.config.signature, print_ready=print_ready)
        return payload if isinstance(payload, bytes) else payload.encode("utf-8")

    return ExportDialog(run_id, build, remembered_folder(app))


def remembered_folder(app) -> str | None:
    """The folder of the last export (prefs.json), while it is still a folder; else None (the
    current folder): a clerk who exports each format in turn types the folder once."""
    folder = app.service.store.read_prefs().get("export_folder")
    return folder if isinstance(folder, str) and folder and Path(folder).is_dir() else None


class ExportDialog(FormDialog):
    """A folder, a format; Enter or Ctrl+S writes. The target's name is shown as it will be."""
    # The format choice and the target (scoped to the dialog).
    DEFAULT_CSS = """
    #kind { margin-top: 1; border: none; padding: 0; background: $panel; }
    #target { width: 100%; color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [bind("ctrl+s", "submit", "export_save")]  # "Simpan" (save), not "Catat" (record)

    def __init__(self, run_id: str, build: Build, folder: str | None = None):
        self.title_text = t("export.title")
        self.ok_label = t("export.write")
        self.fields = [("folder", t("export.folder"), t("export.folder_hint"))]
        super().__init__(lambda values: None, {"folder": folder if folder is not None else str(Path.cwd())},
                         intro=t("export.intro", run=run_id))
        self.run_id, self.build = run_id, build
        self.written: Path | None = None

    def extra(self) -> ComposeResult:
        with RadioSet(id="kind", compact=True):
            for kind in EXPORTS:
                yield RadioButton(t(f"export.kind.{kind}"), value=kind == "xlsx", id=f"kind-{kind}", compact=True)
        yield Label("", id="target")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_target()

    def kind(self) -> str:
        pressed = self.query_one("#kind", RadioSet).pressed_button
        return (pressed.id or "kind-xlsx").removeprefix("kind-") if pressed else "xlsx"

    def target(self) -> Path:
        folder = Path(self.collect()["folder"].strip() or ".").expanduser()
        return folder / export_name(self.run_id, self.kind())

    def show_target(self) -> None:
        self.query_one("#target", Label).update(literal(t("export.target", path=self.target())))
        self.show_error("")  # what was said named the target before this change

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self.show_target()

    def on_input_changed(self) -> None:
        self.show_target()

    def action_submit(self) -> None:
        if self.saving:
            self.show_busy(t("dialog.still_saving"))
            return
        self.set_saving(True)
        self.write(self.target(), self.kind(), overwrite=False)

    @work(thread=True, group="save")
    def write(self, path: Path, kind: str, overwrite: bool) -> None:
        """In a thread: refuse a bad target, ask before replacing a file, build, write."""
        try:
            check_target(path)
            if path.exists() and not overwrite:
                self.post_message(self.Exists(path, kind))
                return
            write_report(path, self.build(kind))
        except SoptuiError as exc:
            self.post_message(self.Saved(str(exc)))
            return
        except OSError as exc:
            self.post_message(self.Saved(f"{exc.filename or path}: {os_reason(exc)}"))
            return
        self.written = path.resolve()
        try:
            self.app.service.store.write_prefs(export_folder=str(self.written.parent))
        except OSError:
            pass  # a convenience: the file is written
        self.post_message(self.Saved(None))

    class Exists(Message):
        def __init__(self, path: Path, kind: str):
            super().__init__()
            self.path, self.kind = path, kind

    @on(Exists)
    def _exists(self, event: Exists) -> None:
        self.set_saving(False)
        self.show_error("")

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.set_saving(True)
                self.write(event.path, event.kind, overwrite=True)
            else:
                self.show_error(t("export.kept", path=event.path))

        self.app.push_screen(OverwriteDialog(event.path), answered)


class OverwriteDialog(Question):
    """"<file> is already there. Replace it?" Replace or keep; Escape keeps."""

    BINDINGS = [bind("escape", "answer(False)", "overwrite_keep")]

    def __init__(self, path: Path):
        super().__init__(t("export.overwrite.title"), "", t("export.overwrite.question", path=path),
                         t("export.overwrite.yes"), t("export.overwrite.no"))
