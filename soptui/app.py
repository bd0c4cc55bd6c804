"""The Textual application: wiring only. Screens hold the UI, RunService holds the records."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .config import Config
from .errors import SoptuiError, did_you_mean
from .i18n import t
from .messages import runs as _run_messages  # noqa: F401
from .messages import ui as _ui_messages  # noqa: F401
from .service import RunService
from .sopfile import Library, load_library


class SoptuiApp(App):
    # Absolute, so that subclasses in other modules (tests, benchmarks) find it too.
    CSS_PATH = str(Path(__file__).with_name("soptui.tcss"))
    TITLE = "soptui"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1,question_mark", "help", t("bind.help"), id="help", tooltip=t("tip.help")),
    ]

    def __init__(self, config: Config, *, clock: Callable[[], datetime] | None = None,
                 start: tuple[str, str] | None = None):
        super().__init__()
        self.config = config
        tz = ZoneInfo(config.calendar.timezone)
        self.service = RunService(config.data_dir, tz, clock=clock)
        self._calendar = None
        self._library: Library | None = None
        self._start = start  # ("run", sop id) or ("resume", run id)
        self.title = "soptui"
        self.sub_title = t("app.subtitle")

    # shared, lazily built state ---------------------------------------------------------

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = load_library(self.config.sops_dir)
        return self._library

    @property
    def calendar(self):
        if self._calendar is None:
            from .calendar import OfficeCalendar  # holidays load on first use, after the first paint
            self._calendar = OfficeCalendar(self.config.calendar)
            self.service.calendar = self._calendar
        return self._calendar

    def now(self) -> datetime:
        return self.service.now()

    # start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from .screens.home import HomeScreen
        return HomeScreen()  # the first screen itself, so nothing blank is composed and painted first

    def on_mount(self) -> None:
        self._apply_keymap()
        if self._start:
            kind, key = self._start
            self.call_after_refresh(self._open_start, kind, key)

    def _open_start(self, kind: str, key: str) -> None:
        home = self.screen
        if kind == "run":
            home.new_run(key)
        else:
            home.open_run(key)

    def _apply_keymap(self) -> None:
        if not self.config.keys:
            return
        from .screens import all_binding_ids
        known = all_binding_ids()
        keymap = {}
        for binding_id, keys in self.config.keys:
            if binding_id not in known:
                self.notify(t("app.unknown_key_id", id=binding_id, hint=did_you_mean(binding_id, known)),
                            severity="warning", timeout=10)
            else:
                keymap[binding_id] = keys
        self.set_keymap(keymap)

    # help and command palette -----------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the current screen's actions that can run now, then the basics."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            if binding.action in ("command_palette",):
                continue
            seen.add(binding.action)
            yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                lambda node=active.node, action=binding.action: self.run_action(action, node))
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)


def run_app(config: Config, args) -> int:
    start = None
    if getattr(args, "command", None) == "run":
        start = ("run", args.sop)
    elif getattr(args, "command", None) == "resume":
        start = ("resume", args.run)
    app = SoptuiApp(config, start=start)
    if start:
        _check_start(app, *start)
    app.run()
    return app.return_code or 0


def _check_start(app: SoptuiApp, kind: str, key: str) -> None:
    """Refuse an unknown SOP or run before the screen opens, with the known names."""
    if kind == "run":
        if app.library.find(key) is None:
            ids = [s.id for s in app.library.sops]
            raise SoptuiError(t("cli.sop.unknown", key=key, hint=did_you_mean(key, ids), ids=", ".join(ids)))
    else:
        app.service.resolve(key)
