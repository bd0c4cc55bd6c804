"""What home shows first: each part of the first reading reaches the screen exactly once, either
in the screen's short wait or, later, from the reading's thread."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from soptui import store
from soptui.screens.firstread import FirstRead


class FakeApp:
    def __init__(self, data_dir, library=None, gate: threading.Event | None = None):
        self.config = SimpleNamespace(data_dir=data_dir)
        self._library, self._gate = library, gate
        self.service_built = threading.Event()

    @property
    def library(self):
        if self._gate is not None:
            assert self._gate.wait(10)
        if isinstance(self._library, Exception):
            raise self._library
        return self._library

    @property
    def service(self):
        self.service_built.set()
        return object()


def _late() -> tuple[list[str], threading.Event, object]:
    parts: list[str] = []
    both = threading.Event()

    def on_late(first, part):
        parts.append(part)
        if len(parts) == 2 or part == "library":
            both.set()
    return parts, both, on_late


def test_a_quick_reading_is_all_there_after_the_wait(tmp_path):
    parts, _, on_late = _late()
    app = FakeApp(tmp_path, library="the library")
    first = FirstRead(app, on_late)
    assert first.wait(10) == ["hot", "library"]
    assert first.library == "the library" and first.hot == [] and first.errors == {}
    assert not app.service_built.is_set()  # the rows are dated by the app's clock: the rules load later
    assert parts == []  # nothing comes twice


def test_a_slow_library_comes_later_and_only_once(tmp_path):
    gate = threading.Event()
    parts, both, on_late = _late()
    first = FirstRead(FakeApp(tmp_path, library="the library", gate=gate), on_late)
    shown = first.wait(0.05)
    assert "library" not in shown  # the screen does not wait for it
    gate.set()
    assert both.wait(10)
    assert sorted(shown + parts) == ["hot", "library"]  # every part once, one way or the other
    assert first.library == "the library"


def test_a_slow_hot_index_comes_later_too(tmp_path, monkeypatch):
    gate = threading.Event()
    real = store.hot_index

    def slow(data_dir):
        assert gate.wait(10)
        return real(data_dir)
    monkeypatch.setattr(store, "hot_index", slow)
    parts, both, on_late = _late()
    first = FirstRead(FakeApp(tmp_path, library="lib"), on_late)
    assert first.wait(0.05) == []
    gate.set()
    assert both.wait(10)
    assert parts == ["hot", "library"]


@pytest.mark.parametrize("part", ["hot", "library"])
def test_a_failure_is_kept_for_the_screen_and_the_other_part_still_comes(tmp_path, monkeypatch, part):
    if part == "hot":
        monkeypatch.setattr(store, "hot_index", lambda data_dir: 1 / 0)
        app = FakeApp(tmp_path, library="lib")
    else:
        app = FakeApp(tmp_path, library=OSError("the library"))
    first = FirstRead(app, lambda first, part: None)
    assert first.wait(10) == ["hot", "library"]
    assert list(first.errors) == [part]
    assert (first.library == "lib") if part == "hot" else (first.hot == [])
