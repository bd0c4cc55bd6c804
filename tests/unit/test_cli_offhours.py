"""Times outside office hours on the command line: a warning line and a refusal, unless --yes.
Nothing ever waits for input (scripts and CI have no one to answer)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from soptui import actions
from soptui.calendar import OfficeCalendar
from soptui.cli import main
from tests.conftest import ROOT, WIB


@pytest.fixture
def run(workdir, capsys):
    def run(*argv):
        rc = main(list(argv))
        out = capsys.readouterr()
        return rc, out.out, " ".join(out.err.split())
    return run


def _events(run, run_id):
    rc, out, _ = run("summary", run_id, "--format", "json")
    return json.loads(out)


def test_a_time_outside_office_hours_is_refused_with_a_warning_unless_yes(run):
    rc, out, err = run("start", "karangploso-renja", "--at", "2026-11-20 14:00", "--operator", "Sri")  # a Friday
    run_id = out.strip()
    assert rc == 0 and "Warning" not in err
    # 02.00 (meant 14.00): warned and refused, nothing recorded.
    rc, _, err = run("log", run_id, "1", "--actor", "Camat", "--at", "2026-11-23 02:00")
    assert rc == 1
    assert "Warning: 2026-11-23 02:00 is outside office hours (office hours that day 07.30–16.00)" in err
    assert "Nothing recorded" in err and "--yes" in err
    data = _events(run, run_id)
    assert data["steps"][0]["attempts"][0]["completed_at"] is None
    # Before the step was ready and outside hours: the rule's refusal comes first (no --yes would help).
    rc, _, err = run("log", run_id, "1", "--at", "2026-11-20 06:00")
    assert rc == 1 and "before" in err and "--yes" not in err
    # After closing, with --yes: recorded, and the warning still shows.
    rc, _, err = run("log", run_id, "1", "--actor", "Camat", "--at", "2026-11-21 09:00", "--yes")
    assert rc == 0 and "Warning: 2026-11-21 09:00 is outside office hours (a day off)" in err and "--yes" in err
    rc, _, err = run("log", run_id, "2", "--actor", "Sekcam", "--at", "2026-11-20 15:00")
    assert rc == 1 and "before" in err  # before step 2 was ready (Saturday 09:00)
    data = _events(run, run_id)
    first = data["steps"][0]["attempts"][0]
    assert first["off_hours"] is True and data["compliance"]["off_hours"] == ["1"]
    rc, out, _ = run("summary", run_id)
    assert "1☾" in out and "☾ = recorded outside office hours" in out
    rc, out, _ = run("summary", run_id, "--format", "csv")
    header, row = out.splitlines()[:2]
    assert "off_hours" in header.split(",") and row.split(",")[header.split(",").index("off_hours")] == "true"


def test_correct_and_cancel_ask_the_same(run):
    rc, out, _ = run("start", "karangploso-renja", "--at", "2026-11-20 14:00")
    run_id = out.strip()
    run("log", run_id, "1", "--actor", "Camat", "--at", "2026-11-23 08:00")
    rc, _, err = run("correct", run_id, "2", "--at", "2026-11-23 06:00", "--reason", "x")
    assert rc == 1 and "06:00 is outside office hours" in err
    rc, _, err = run("cancel", run_id, "--reason", "x", "--at", "2026-11-23 08:30")
    assert rc == 0, err  # inside office hours: no question


def test_a_script_without_stdin_is_never_left_waiting(workdir):
    env = {"SOPTUI_NOW": "2026-11-23T10:00:00+07:00", "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    start = subprocess.run([sys.executable, "-m", "soptui", "start", "karangploso-renja", "--at", "2026-11-20 14:00"],
                           cwd=workdir, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=60)
    run_id = start.stdout.strip()
    done = subprocess.run([sys.executable, "-m", "soptui", "log", run_id, "1", "--at", "2026-11-23 05:00"],
                          cwd=workdir, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 1 and "--yes" in done.stderr


@pytest.mark.parametrize("moment, off", [
    ("2026-11-23T07:29", True), ("2026-11-23T07:30", False),   # Monday: opens 07:30
    ("2026-11-23T12:30", False),                               # the break is inside the day
    ("2026-11-23T16:00", False), ("2026-11-23T16:01", True),   # closes 16:00
    ("2026-11-27T16:30", False), ("2026-11-27T16:31", True),   # Friday closes 16:30
    ("2026-11-28T10:00", True),                                # Saturday
    ("2026-11-23T02:00", True),
])
def test_office_hours_are_one_rule(moment, off):
    from datetime import datetime
    assert actions.off_hours(OfficeCalendar(), datetime.fromisoformat(moment).replace(tzinfo=WIB)) is off

