"""What the home screen shows first: the hot rows (store/hot.py) and the SOP library, read in one
thread that starts once home is laid out, while it waits for its first frame (screens/homelists.py).

Right after the first paint the screen waits for it a few milliseconds (`wait`): what arrives in
time is listed in one refresh, so the lists cost one layout pass instead of three. The runs come
first: resuming one is what a clerk opens soptui for, and a library of hundreds of SOPs read for
the first time (its TOML not cached yet) would otherwise hold them back. A library
or a disk slower than that never holds the screen: the reading goes on, and `on_late(part)` is
called from the thread as each part ("hot", then "library") is read; the screen posts itself a
message. Each part reaches the screen exactly once, by one way or the other.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from ..i18n import using_lang

PARTS = ("hot", "library")  # in this order


class FirstRead:
    def __init__(self, app: Any, on_late: Callable[[FirstRead, str], object], lang: str | None = None):
        self.app = app
        self.lang = lang  # the screen's: a thread starts with an empty context (problems are worded)
        self.hot: list[dict] = []  # in progress first, newest first within each
        self.stale: list[int] = []  # shards whose hot file is to be written again
        self.library: Any = None
        self.errors: dict[str, BaseException] = {}  # part -> what went wrong (a bug: the screen raises it)
        self._on_late = on_late
        self._done: list[str] = []
        self._all = threading.Event()
        self._lock = threading.Lock()
        self._waiting = True
        threading.Thread(target=self._read, name="soptui-first-read", daemon=True).start()

    def _read(self) -> None:
        with using_lang(self.lang):
            self._read_parts()

    def _read_parts(self) -> None:
        for part in PARTS:
            try:
                if part == "hot":
                    from ..runrow import in_progress_first
                    from ..store import hot_index
                    rows, self.stale = hot_index(self.app.config.data_dir)
                    self.hot = in_progress_first(rows)
                else:
                    self.library = self.app.library
            except Exception as exc:  # noqa: BLE001 - handed to the screen's thread
                self.errors[part] = exc
            with self._lock:
                self._done.append(part)
                late = not self._waiting
            if late:
                self._on_late(self, part)
        self._all.set()

    def wait(self, timeout: float) -> list[str]:
        """The parts read within `timeout` seconds; the others come through `on_late`."""
        self._all.wait(timeout)
        with self._lock:
            self._waiting = False
            return list(self._done)
