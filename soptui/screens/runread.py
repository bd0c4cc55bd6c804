"""Reading one run in a thread, again whenever asked: the checklist, the run's flowchart and its
history each show a run that another process may change meanwhile.

A screen asks with `reload()`; `read_run()` runs in a thread (folding a long log takes a while)
and what it returns comes back to `run_read(value, mtime)` on the screen's thread, or the reason
it could not be read to `run_unreadable(why, mtime)` (a run file damaged or removed by someone
else). `mtime` is the run file's, taken before the reading: a screen that polls reads it again
only once it changes. Only the latest reading is shown: one asked for earlier that lands later
is dropped.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message

from ..errors import SoptuiError


class RunRead(Message):
    """What a reading of a run gave (`value`), or why it gave nothing (`error`)."""

    def __init__(self, reading: int, value: Any, error: str, mtime: int):
        super().__init__()
        self.reading, self.value, self.error, self.mtime = reading, value, error, mtime


class RunReader:
    """Mixin for screens with a `run_id` (see the module's docstring)."""

    run_id: Any
    _reading = 0      # the latest reading asked for
    _read_shown = 0   # the reading on screen

    @property
    def reading(self) -> bool:
        """A reading asked for is not on screen yet."""
        return self._reading != self._read_shown

    def reload(self) -> None:
        self._reading += 1
        self._read(self._reading)

    @work(thread=True, exclusive=True, group="read")
    def _read(self, reading: int) -> None:
        screen: Any = self
        mtime = screen.app.service.store.modified_ns(self.run_id)
        try:
            value, error = self.read_run(), ""
        except SoptuiError as exc:  # damaged or removed by someone else: said, what is shown stays
            value, error = None, str(exc)
        screen.post_message(RunRead(reading, value, error, mtime))

    def on_run_read(self, event: RunRead) -> None:
        if event.reading != self._reading:
            return  # a newer reading is on its way
        self._read_shown = event.reading
        if event.error:
            self.run_unreadable(event.error, event.mtime)
        else:
            self.run_read(event.value, event.mtime)

    def read_run(self) -> Any:
        """In a thread: the run as the screen shows it."""
        raise NotImplementedError

    def run_read(self, value: Any, mtime: int) -> None:
        raise NotImplementedError

    def run_unreadable(self, error: str, mtime: int) -> None:
        screen: Any = self
        screen.notify(error, severity="error", timeout=10, markup=False)
