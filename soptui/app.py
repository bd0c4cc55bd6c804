"""The Textual application: wiring only. Screens hold the UI, RunService holds the records.

Start-up is kept close to a bare Textual app: the run store (TinyDB), the office calendar
(holidays) and the timing code are imported on first use, after the first paint.
"""

from __future__ import annotations

import gc
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .config import Config
from .errors import SoptuiError, did_you_mean
from .i18n import t
from .messages import runs as _run_messages  # noqa: F401  (status words)
from .messages import ui as _ui_messages  # noqa: F401
from .screens.base import bind

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


COLLECT_AFTER = 2.0  # seconds: the collector is on by then, whatever the first screen


class Notice(NamedTuple):
    message: str
    severity: str
    title: str = ""


class SoptuiApp(App):
    # Absolute, so that subclasses in other modules (tests, benchmarks) find it too.
    CSS_PATH = str(Path(__file__).with_name("soptui.tcss"))
    TITLE = "soptui"

    BINDINGS = [
        bind("f1,question_mark", "help", "help"),
        bind("ctrl+p", "command_palette", "palette", show=False, priority=True),
        bind("ctrl+q", "quit", "quit_anywhere", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, config: Config, *, clock: Callable[[], datetime] | None = None,
                 start: tuple[str, str] | None = None):
        super().__init__()
        self.config = config
        self._clock = clock
        self._service = None
        self._tz: ZoneInfo | None = None
        self._calendar = None
        self._library = None
        self._library_asked = 0  # reloads asked for (a reading begun before one is not kept)
        self._start = start  # ("run", sop id) or ("resume", run id)
        self._clashes_seen: set[tuple[str, ...]] = set()
        self.notices: list[Notice] = []
        self.keys_remapped: dict[str, str] = {}  # binding id -> keys, as applied from soptui.toml [keys]
        self._lazy_lock = threading.RLock()
        self.cursor_blink = True  # tests and snapshots turn it off, so every frame is the same
        self.sub_title = t("app.subtitle")

    # shared, lazily built state ---------------------------------------------------------

    @property
    def service(self):
        """The one path to the records (the same RunService the command line uses)."""
        with self._lazy_lock:  # the lateness worker (a thread) may ask for it too
            if self._service is None:
                from .service import RunService
                self._service = RunService(self.config.data_dir, self.tz,
                                           clock=self._clock, calendar=self._calendar)
            return self._service

    @property
    def library(self):
        """The SOP library, read once (from a thread at start-up; again after `reload_library`)."""
        library = self._library
        if library is None:
            from .sopfile import load_library
            asked = self._library_asked
            library = load_library(self.config.sops_dir, cache_dir=Path(self.config.data_dir) / "cache")
            with self._lazy_lock:
                if asked == self._library_asked:  # a reading begun before a reload is not kept
                    self._library = library
        return library

    def reload_library(self) -> None:
        with self._lazy_lock:
            self._library_asked += 1
            self._library = None

    @property
    def calendar(self):
        """The office calendar; building it loads the holidays, so it waits until it is needed."""
        service = self.service
        with self._lazy_lock:
            if self._calendar is None:
                from .holidaycache import office_calendar  # the holidays package's dates, cached on disk
                self._calendar = office_calendar(self.config.calendar, self.config.data_dir)
                service.calendar = self._calendar  # index rows carry lateness from now on
            return self._calendar

    def now(self) -> datetime:
        """The clock of the records (the service's), read without building the service: home
        dates its first rows before the rules are loaded."""
        if self._service is not None:
            return self._service.now()
        if self._clock is not None:
            return self._clock()
        return datetime.now(self.tz)  # the service's own clock (service.system_now)

    @property
    def tz(self) -> ZoneInfo:
        """The office's time zone (soptui.toml [calendar] timezone)."""
        if self._tz is None:
            from zoneinfo import ZoneInfo
            self._tz = ZoneInfo(self.config.calendar.timezone)
        return self._tz

    def notify(self, message: str, *args, **kwargs) -> None:
        """Every notice shows its text literally: messages quote paths, names and typed text.
        Each is also kept in `notices` (what the clerk was told, in order)."""
        from .safetext import visible

        kwargs["markup"] = False
        shown = visible(message)
        self.notices.append(Notice(shown, kwargs.get("severity", "information"), kwargs.get("title", "")))
        super().notify(shown, *args, **kwargs)

    # start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from .screens.home import HomeScreen
        return HomeScreen()  # the first screen itself, so nothing blank is composed and painted first

    def on_mount(self) -> None:
        self.set_timer(COLLECT_AFTER, self.collect_garbage)  # at the latest (home asks once it is listed)
        self.call_after_refresh(self._apply_keymap)  # it imports every screen: after the first paint
        if self._start:
            self.call_after_refresh(self._open_start, *self._start)

    def _open_start(self, kind: str, key: str) -> None:
        from .screens.home import HomeScreen

        home = self.screen
        assert isinstance(home, HomeScreen)  # the default screen, first on the stack
        if kind == "run":
            home.new_run(key)
        else:
            home.open_run(key)

    def _apply_keymap(self) -> None:
        """soptui.toml [keys]: binding id = "keys". An unknown id is a warning, never a crash."""
        if not self.config.keys:
            return
        from .screens import all_binding_ids
        known = all_binding_ids(self.BINDINGS)
        keymap = {}
        for binding_id, keys in self.config.keys:
            if binding_id not in known:
                self.notify(t("app.unknown_key_id", id=binding_id, hint=did_you_mean(binding_id, known)),
                            severity="warning", timeout=15, markup=False)
            elif not keys.strip() or any(not k.strip() for k in keys.split(",")):
                self.notify(t("app.bad_keys", id=binding_id, keys=keys), severity="warning", timeout=15,
                            markup=False)
            else:
                keymap[binding_id] = keys
        self.keys_remapped = keymap
        self.set_keymap(keymap)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node) -> None:
        """A remapped key that another binding of the same screen already uses: say so once."""
        ids = tuple(sorted(b.id or b.action for b in clashed_bindings))
        if ids in self._clashes_seen:
            return
        self._clashes_seen.add(ids)
        self.notify(t("app.key_clash", ids=", ".join(ids)), severity="warning", timeout=15, markup=False)

    def collect_garbage(self) -> None:
        """Turn the garbage collector on, once start-up is over (home's lists are in).

        Starting up makes many objects that live as long as the process (modules, styles, the
        first rows) and hardly any garbage: the collector, off since the command line began
        (cli.main), would walk them again and again (about 20 ms before home is usable). They are
        moved out of its way (gc.freeze). The price: the few cycles start-up left behind (the
        command parser's) are never freed. Where the collector was on (tests), nothing changes."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    # help and command palette -----------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """Textual's palette, speaking the interface's language."""
        from .screens.palette import Palette
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme chooser (the palette's "colour theme"), with its prompt in the language."""
        from textual.theme import ThemeProvider

        from .screens.palette import Palette
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder")))

    def action_help_quit(self) -> None:
        """Ctrl+C no longer quits (it copies in a field): say which key does, in the language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("app.how_to_quit", key=self.get_key_display(active.binding)),
                            title=t("app.quit_title"))
                return

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers what the current screen can do now (its enabled bindings)."""
        seen = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if (not active.enabled or not binding.id or binding.action in seen
                    or binding.action in ("command_palette", "help_quit")):
                continue
            seen.add(binding.action)
            yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                lambda node=active.node, action=binding.action: self.run_action(action, node))
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)


def run_app(config: Config, args, clock=None) -> int:
    """`soptui` (home), `soptui run SOP` (new-run dialog), `soptui resume RUN` (its checklist)."""
    start = None
    if getattr(args, "command", None) == "run":
        start = ("run", args.sop)
    elif getattr(args, "command", None) == "resume":
        start = ("resume", args.run)
    app = SoptuiApp(config, start=start, clock=clock)
    if start:
        _check_start(app, *start)
    app.run()  # the collector, off since the command line began (cli.main), is turned on by the app
    return app.return_code or 0


def _check_start(app: SoptuiApp, kind: str, key: str) -> None:
    """Refuse an unknown SOP or run before the screen opens, naming what is known."""
    from .messages import cli as _cli_messages  # noqa: F401  (the same words as `soptui show`)
    if kind == "run":
        if app.library.find(key) is None:
            ids = [s.id for s in app.library.sops]
            raise SoptuiError(t("cli.sop.unknown", key=key, hint=did_you_mean(key, ids), ids=", ".join(ids)))
    else:
        app.service.resolve(key)
