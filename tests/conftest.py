"""Shared fixtures: paths, a fixed clock, a config in a temporary folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from soptui.i18n import set_lang

# Binding labels are read when the UI modules are imported (as `soptui` does after choosing the
# language), so the tests choose theirs before anything imports them.
set_lang("en")

ROOT = Path(__file__).resolve().parent.parent
SOPS = ROOT / "sops"
DATA = Path(__file__).resolve().parent / "data"
WIB = ZoneInfo("Asia/Jakarta")


class Clock:
    """An injected clock that tests move by hand."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, text: str) -> None:
        self.now = datetime.fromisoformat(text).replace(tzinfo=WIB)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 10, 0, tzinfo=WIB))


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A folder with soptui.toml (the bundled SOPs, a fresh data folder); the CLI finds it via cwd."""
    (tmp_path / "soptui.toml").write_text(
        f'sops_dir = "{SOPS.as_posix()}"\ndata_dir = "data"\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOPTUI_CONFIG", raising=False)
    monkeypatch.setenv("SOPTUI_NOW", "2026-11-23T10:00:00+07:00")
    return tmp_path


@pytest.fixture(autouse=True)
def english():
    """Tests read English messages unless they switch; the language is process-wide."""
    from soptui.i18n import set_lang
    set_lang("en")
    yield
    set_lang("en")


# What a person must never see: Python's own words for a failure.
INTERNALS = ("Traceback", "KeyError", "TypeError", "ValueError", "AttributeError", "NoneType",
             "IndexError", "JSONDecodeError", "UnicodeDecodeError", "Exception")


def cli_en(capsys, *argv) -> tuple[int, str, str]:
    """`soptui --lang en ARGV` in this process: its exit code, output and errors, none of which
    holds Python's own words for a failure (INTERNALS)."""
    from soptui.cli import main

    rc = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    for text in (out, err):
        assert not any(word in text for word in INTERNALS), text
    return rc, out, err
