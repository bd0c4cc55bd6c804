"""Every command and export shows hostile run text literally (item 1–2 of the hostile-input issue)."""

from __future__ import annotations

import json

import pytest

from soptui.cli import main
from tests.hostile.common import ESC, HOSTILE, MARKUP, assert_shown_literally, hostile_sop


def run(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def hostile_run(workdir, capsys):
    rc, out, err = run(capsys, "start", "karangploso-renja", "--title", HOSTILE, "--operator", HOSTILE,
                       "--at", "2026-11-23 08:00")
    assert rc == 0, err
    run_id = out.strip()
    for argv in (["log", run_id, "1", "--actor", HOSTILE, "--output", HOSTILE, "--note", HOSTILE,
                  "--evidence", "REF-" + HOSTILE, "--at", "2026-11-23 09:00"],
                 ["log", run_id, "2", "--actor", HOSTILE, "--output", "x", "--at", "2026-11-23 09:30"],
                 ["undo", run_id, "--reason", HOSTILE],
                 ["correct", run_id, "2", "--at", "2026-11-23 08:59", "--reason", HOSTILE]):
        rc, _, err = run(capsys, *argv)
        assert rc == 0, (argv, err)
    return run_id


@pytest.mark.parametrize("command", [["runs"], ["status", "{id}"], ["verify", "{id}"],
                                     ["summary", "{id}"], ["summary", "{id}", "--format", "md"],
                                     ["summary", "{id}", "--format", "html"],
                                     ["summary", "{id}", "--format", "csv"]])
def test_commands_show_hostile_text_literally(hostile_run, capsys, command):
    argv = [a.replace("{id}", hostile_run) for a in command]
    rc, out, err = run(capsys, *argv)
    assert rc == 0, err
    if "csv" in argv:
        out = out.replace("\r\n", "\n")  # the CSV line ends, not a control in a field
    markup = {"runs": "[/]M[bold]", "status": MARKUP, "verify": None}.get(command[0], "[/]M[bold]B[/bold]")
    assert_shown_literally(out + err, markup=markup if "md" not in argv else None,
                           escape=command[0] not in ("runs", "verify"))


def test_status_shows_the_whole_hostile_reason_and_actor(hostile_run, capsys):
    rc, out, _ = run(capsys, "status", hostile_run)
    assert rc == 0
    assert out.count("[/]M[bold]B[/bold]") >= 3  # title, reason of the undo and of the correction


def test_json_keeps_the_data_and_escapes_every_control(hostile_run, capsys):
    rc, out, _ = run(capsys, "summary", hostile_run, "--format", "json")
    assert rc == 0
    assert ESC not in out and "\x9b" not in out and "\u202e" not in out
    data = json.loads(out)
    assert data["run"]["title"] == HOSTILE  # the record itself is unchanged
    rc, out, _ = run(capsys, "status", hostile_run, "--json")
    assert "\x9b" not in out and json.loads(out)["run"]["title"] == HOSTILE


def test_text_summary_keeps_markup_literal(hostile_run, capsys):
    rc, out, _ = run(capsys, "summary", hostile_run)
    assert "[/]M[bold]B[/bold]" in out


def test_markdown_export_has_no_live_links_or_images(workdir, capsys):
    rc, out, err = run(capsys, "start", "karangploso-renja", "--title", "![t](http://e.example/x.png)",
                       "--operator", "[x](javascript:alert(1))", "--at", "2026-11-23 08:00")
    run_id = out.strip()
    rc, out, err = run(capsys, "summary", run_id, "--format", "md")
    assert rc == 0, err
    assert "![t](" not in out and "[x](" not in out
    assert "javascript:alert" in out  # still readable as text


def test_hostile_sop_text_in_list_show_and_check(tmp_path, monkeypatch, capsys):
    from tests.conftest import SOPS
    sops = tmp_path / "sops"
    sops.mkdir()
    (sops / "hostile.toml").write_text(hostile_sop((SOPS / "karangploso-renja.toml").read_text("utf-8")), "utf-8")
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\nlang = "en"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no cell is cut
    for argv in (["list"], ["show", "hostile"], ["check"]):
        rc, out, err = run(capsys, *argv)
        assert rc == 0, (argv, err)
        assert_shown_literally(out + err, markup=None, escape=argv[0] == "show")
    rc, out, _ = run(capsys, "show", "hostile")
    assert out.count(MARKUP) >= 3  # the title, the activity and the Dasar Hukum item, as written


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder", "device"])
def test_summary_out_never_replaces_what_is_not_a_regular_file(hostile_run, capsys, tmp_path, kind):
    import os
    import stat
    target = tmp_path / "out.json"
    if kind == "symlink":
        real = tmp_path / "real.txt"
        real.write_text("keep")
        target.symlink_to(real)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = tmp_path / "null.json"
        target.symlink_to("/dev/null")  # a device is reached here only through a link: refused too
    before = os.lstat(target)
    rc, out, err = run(capsys, "summary", hostile_run, "--out", str(target))
    assert rc == 1
    assert str(target) in err and ("symbolic link" in err or "not a regular file" in err)
    after = os.lstat(target)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)
    if kind == "symlink":
        assert (tmp_path / "real.txt").read_text() == "keep"


def test_summary_out_refuses_a_device_named_directly(hostile_run, capsys):
    rc, out, err = run(capsys, "summary", hostile_run, "--out", "/dev/null")
    assert rc == 1 and "device file" in err and "/dev/null" in err
    import os
    import stat
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_summary_out_replaces_a_regular_file(hostile_run, capsys, tmp_path):
    target = tmp_path / "s.json"
    target.write_text("old")
    rc, out, err = run(capsys, "summary", hostile_run, "--out", str(target))
    assert rc == 0, err
    assert json.loads(target.read_text())["run"]["id"] == hostile_run
