"""The run list at scale: `soptui runs` writes one line per run with columns measured once; a lost
index is rebuilt with one write per shard, with its progress on a terminal's stderr."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from rich.cells import cell_len

from soptui.cli import main
from soptui.cli import runinfo as cli_runs
from soptui.cli.listing import Column, fit, table_lines
from soptui.config import load_config
from soptui.safetext import console
from soptui.service import RunService
from soptui.sopfile import load_file
from soptui.store import SHARDS, AtomicJSONStorage
from tests.conftest import ROOT, SOPS, WIB
from tests.hostile.common import HOSTILE, assert_shown_literally

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=WIB)


def _cli(capsys, *argv) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def many(workdir):
    """Forty runs, some with long titles, one finished and one cancelled."""
    config = load_config(str(workdir / "soptui.toml"))
    svc = RunService(config.data_dir, WIB, clock=lambda: NOW)
    loaded = load_file(SOPS / "karangploso-renja.toml")
    ids = []
    for i in range(40):
        title = f"Renja {2000 + i}" + (" — penyusunan rencana kerja kecamatan tahun anggaran berikutnya" * (i % 3 == 0))
        run = svc.start(loaded, title=title, operator="op", at=NOW - timedelta(hours=3))
        svc.complete(run, 1, at=NOW - timedelta(hours=2))
        ids.append(run)
    svc.cancel(ids[1], "uji")
    return svc, ids


# -- layout ---------------------------------------------------------------------------------------

COLS = [Column("ID"), Column("Title", weight=2, minimum=16), Column("SOP", weight=1, minimum=12),
        Column("Status"), Column("Last activity")]


def test_fixed_columns_keep_their_width_and_the_others_share_the_rest():
    widths = fit(COLS, [15, 80, 40, 10, 14], 120)
    assert widths[0] == 15 and widths[3] == 10 and widths[4] == 14
    assert sum(widths) + 1 + 2 * 4 == 120
    assert widths[1] > widths[2] >= 12  # by weight


def test_a_sharing_column_is_never_wider_than_it_needs():
    widths = fit(COLS, [15, 10, 8, 10, 14], 120)
    assert widths[1:3] == [10, 8]  # "Title" and "SOP" are shorter than their cells


def test_when_room_is_short_a_header_wider_than_its_cells_gives_way():
    cols = [Column("ID"), Column("Title", weight=1, minimum=16), Column("Aktivitas terakhir")]
    widths = fit(cols, [15, 40, 14], 1 + 15 + 2 + 16 + 2 + 14)
    assert widths == [15, 16, 14]  # the header is cut, the times stay whole


def test_lines_fit_the_width_and_show_text_literally():
    rows = [["20261123-a", HOSTILE, "sop", "berjalan", "23/11/26 10:00"],
            ["20261123-b", "漢字のタイトル" * 5, "sop", "selesai", "23/11/26 10:00"],
            ["20261123-c", "Renja\n2027\t[b]x[/b]", "sop", "dibatalkan", ""]]
    for width in (50, 60, 80, 120, 200):
        lines = table_lines(COLS, rows, width)
        assert len(lines) == 2 + len(rows)  # header, rule, one line per row
        assert all(cell_len(line) <= width for line in lines)
        # at 50 the title has 4 cells ("[/]…"): the time, not the title, is what stays whole
        assert_shown_literally("\n".join(lines), markup="[/]M" if width > 50 else "[/]", escape=width > 100)
    assert "Renja 2027 [b]x[/b]" in lines[4]  # whitespace made one space; markup as typed
    assert "…" in table_lines(COLS, rows, 80)[3]  # cut, with an ellipsis


def test_rows_are_printed_as_plain_segments_with_a_style_for_a_whole_line():
    out = console(file=io.StringIO(), width=80, force_terminal=True, color_system="standard")
    from soptui.cli.listing import print_table
    print_table(out, COLS, [["a", "[red]x[/red]", "s", "rusak", ""]], ["red"])
    text = out.file.getvalue()
    assert "[red]x[/red]" in text and "\x1b[31m" in text and "\x1b[1m" in text


def test_the_rule_is_dashes_where_the_output_is_not_unicode(monkeypatch):
    from soptui.cli.listing import rule_char, stdout_width
    assert rule_char(io.TextIOWrapper(io.BytesIO(), encoding="cp1252")) == "-"
    assert rule_char(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) == "─"
    monkeypatch.setenv("COLUMNS", "93")
    assert stdout_width() == 93


# -- the command ----------------------------------------------------------------------------------

def test_runs_is_one_line_per_run_at_80_columns(many, capsys, monkeypatch):
    svc, ids = many
    monkeypatch.setenv("COLUMNS", "80")
    rc, out, err = _cli(capsys, "runs")
    assert rc == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2 + len(ids) and all(cell_len(line) <= 80 for line in lines)
    assert lines[0].split() == ["ID", "Title", "Status", "Progress", "Last", "activity"]
    for run in ids:
        assert sum(run in line for line in lines) == 1
    long = next(line for line in lines if ids[0] in line)
    assert "Renja 2000 — penyusun" in long and "…" in long and "in progress" in long and "1/12 ▸2" in long
    assert lines[-1].split()[1:4] == ["Renja", "2001", "cancelled"]  # in progress first
    rc, out, _ = _cli(capsys, "runs", "--json")
    titles = {r["id"]: r["title"] for r in json.loads(out)}
    assert titles[ids[0]].endswith("tahun anggaran berikutnya")  # the whole title is there


def test_runs_has_a_sop_column_when_wide(many, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    rc, out, _ = _cli(capsys, "runs")
    lines = out.splitlines()
    assert "SOP" in lines[0].split() and all(cell_len(line) <= 160 for line in lines)
    assert sum("karangploso-renja" in line for line in lines) == 40


# -- rebuilding the index -------------------------------------------------------------------------

def test_a_deleted_index_is_rebuilt_with_one_write_per_shard(many, monkeypatch):
    svc, ids = many
    before = {r["id"]: r for r in svc.store.index_rows()[0]}
    shutil.rmtree(svc.store.index_dir)
    writes = []
    real = AtomicJSONStorage.write
    monkeypatch.setattr(AtomicJSONStorage, "write", lambda self, data: writes.append(self.path) or real(self, data))
    seen = []
    rows, problems = svc.index(progress=lambda done, total: seen.append((done, total)))
    assert problems == [] and {r["id"] for r in rows} == set(ids)
    assert seen == [(n, 40) for n in range(0, 41)]
    assert len(writes) == len(set(writes)) <= SHARDS  # each shard written once
    assert {r["id"]: r for r in svc.store.index_rows()[0]} == before
    seen.clear()
    svc.index(progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # nothing to rebuild: no progress


def test_a_rebuild_stopped_half_way_keeps_the_rows_it_made(many):
    svc, ids = many
    shutil.rmtree(svc.store.index_dir)

    def stop(done, total):
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        svc.index(progress=stop)
    assert len(svc.store.index_rows()[0]) == 10
    rows, _ = svc.index()
    assert len(rows) == 40 and len(svc.store.index_rows()[0]) == 40


def test_a_rebuilt_row_never_replaces_one_of_a_longer_record(many):
    svc, ids = many
    store = svc.store
    row = next(r for r in store.index_rows()[0] if r["id"] == ids[2])
    longer = {**row, "last_seq": row["last_seq"] + 5, "mtime_ns": 1}  # stale, and says the record was longer
    store.put_index_row(longer)
    rows, problems = svc.index()
    assert any("ends at event" in p for p in problems)
    kept = next(r for r in store.index_rows()[0] if r["id"] == ids[2])
    assert kept["last_seq"] == longer["last_seq"]  # kept as evidence


def test_the_progress_line_shows_on_a_terminal_only_and_is_wiped(many, capsys, monkeypatch):
    svc, ids = many
    monkeypatch.setattr(cli_runs, "PROGRESS_FROM", 10)
    monkeypatch.setattr(cli_runs, "PROGRESS_EVERY", 0.0)
    shutil.rmtree(svc.store.index_dir)
    rc, out, err = _cli(capsys, "runs", "--json")
    assert rc == 0 and err == ""  # not a terminal: nothing on stderr
    shutil.rmtree(svc.store.index_dir)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rc, out, err = _cli(capsys, "runs", "--json")
    assert rc == 0 and len(json.loads(out)) == 40
    assert "\rRebuilding the run index from the run files: 0/40…" in err and "39/40" in err
    last = err.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # wiped at the end
    rc, out, err = _cli(capsys, "runs")
    assert err == ""  # up to date: nothing to rebuild, no line


def test_listing_does_not_import_textual():
    code = "import sys, soptui.cli.listing; sys.exit(1 if 'textual' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_sharing_columns_give_way_before_the_line_is_cut():
    """The columns' widths never add up to more than the line: the room the fixed columns leave is
    shared out, the sharing columns going below their minimums, so the last column (the time)
    is never cut at the line's end."""
    widths = fit(COLS, [15, 30, 30, 11, 11], 80)
    assert widths[0] == 15 and widths[3:] == [11, 13] and 1 + sum(widths) + 2 * 4 == 80
    widths = fit(COLS, [15, 30, 30, 11, 11], 60)
    assert widths[3:] == [11, 11] and 1 + sum(widths) + 2 * 4 <= 60 and min(widths[1:3]) >= 4


def test_runs_sharing_titles_keep_their_times_whole_at_80_columns(workdir, capsys, monkeypatch):
    """Runs sharing a title bring the SOP column: in English ("in progress" is wider than
    "berjalan") every row still ends with its whole time, not "02/12 1…"."""
    svc = RunService(load_config(str(workdir / "soptui.toml")).data_dir, WIB, clock=lambda: NOW)
    for name, hours in (("karangploso-renja", 3), ("karangploso-renja", 2), ("satpolpp-perencanaan-kinerja", 1)):
        svc.start(load_file(SOPS / f"{name}.toml"), title="Perencanaan Kinerja", operator="op",
                  at=NOW - timedelta(hours=hours))
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("en", "id"):
        rc, out, _ = _cli(capsys, "--lang", lang, "runs")
        lines = out.splitlines()
        assert rc == 0 and "SOP" in lines[0].split() and all(cell_len(line) <= 80 for line in lines)
        assert [line.split()[-2:] for line in lines[2:]] == [["23/11", "10:00"]] * 3, lang
