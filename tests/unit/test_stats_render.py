"""The statistics in every format, from the hand-computed runs (stats_runs.py): each format says
everything the text says, spreadsheets hold numbers, and no time is cut in the text table."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from soptui.stats.period import period_stats
from soptui.stats.render import export, to_text
from soptui.stats.source import period_figs

from .stats_runs import build

NOV = (date(2026, 11, 1), date(2026, 11, 30))

# What the text output says about SOP "t" in November beyond its step table, part by part.
PARTS = ["5 runs started: 2 finished, 1 cancelled, 2 in progress",
         "8 of 12 attempts on time (67 %); 1 rework loop",
         "Bar: median working time; | = standard; green within it, red past it",
         "Slowest steps: 1, 2, 4, 3",
         "Rework per decision", "Decision 3: 1 × back to step 2; 2 × yes",
         "By role", "cancelled runs are counted but not timed"]


@pytest.fixture(scope="module")
def stats(tmp_path_factory):
    svc = build(tmp_path_factory.mktemp("render"))[0]
    return period_stats(period_figs(svc, None, *NOV)[0], *NOV)


def _plain(fmt: str, out: str) -> str:
    """The words a reader sees: tags dropped and entities read in HTML, escapes dropped in Markdown."""
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", out))
    return re.sub(r"\\(.)", r"\1", out) if fmt == "md" else out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_carries_every_part(stats, fmt):
    shown = _plain(fmt, export(stats, fmt, "en"))
    for part in PARTS:
        assert part in shown, (fmt, part)
    for role, people in (("Staf", "A-1, A-2, A-4, B-1, B-2, B-4, D-1, F-1"), ("Kepala", "A-3, B-3")):
        assert role in shown and people in shown
    assert "1 h 48 m" in shown and "4 h 15 m" in shown  # the step table's P90 and median


def test_the_spreadsheet_holds_numbers_under_headers_with_units(stats):
    wb = load_workbook(io.BytesIO(export(stats, "xlsx", "en")))
    runs, steps, roles = wb["Runs"], wb["Steps"], wb["Roles"]
    assert [c.value for c in runs[1]][:2] == ["SOP", "Number"]
    head = [c.value for c in steps[1]]
    assert head[7:10] == ["Median (working min)", "P90 (working min)", "Standard (working min)"]
    row = dict(zip(head, [c.value for c in steps[3]]))  # step 2
    assert (row["No"], row["Attempts"], row["Rework"]) == (2, 3, 1)
    assert row["Median (working min)"] == 60 and row["Standard (working min)"] == 60
    assert row["P90 (working min)"] == pytest.approx(108)
    assert steps.cell(3, 7).number_format == "0%" and steps.cell(3, 7).value == pytest.approx(2 / 3)
    assert [c.value for c in roles[1]][4] == "Median (working min)"


def test_an_unmeasured_time_is_an_empty_cell_not_zero(stats):
    block = stats["sops"][0]
    quiet = {**block, "steps": [{**block["steps"][0], "median_s": None, "p90_s": None, "on_time_rate": None}]}
    ws = load_workbook(io.BytesIO(export({**stats, "sops": [quiet]}, "xlsx", "en")))["Steps"]
    assert [c.value for c in ws[2]][7:9] == [None, None]


@pytest.mark.parametrize("width", [64, 76, 80, 120])
def test_long_times_are_never_cut(stats, width):
    block = stats["sops"][0]
    long_step = {**block["steps"][1], "waktu": "1 jam 30 menit", "median_s": 20 * 3600 + 27 * 60,
                 "p90_s": 21 * 3600 + 5 * 60}
    text = to_text({**stats, "sops": [{**block, "steps": [block["steps"][0], long_step]}]}, width, "en")
    row = next(line for line in text.splitlines() if line.lstrip().startswith("2 "))
    assert "1 h 30 min" in row and "20 h 27 m" in row and "21 h 05 m" in row, row
    assert max(len(line) for line in text.splitlines()) <= width


def test_times_are_given_to_the_minute_as_the_summary_gives_them():
    from soptui.stats.sections import step_cells

    step = {"no": 1, "kegiatan": "Memerintahkan", "waktu": "10 menit", "attempts": 1, "rework": 0,
            "on_time_rate": 1.0, "median_s": 0.0, "p90_s": 20.0}
    assert step_cells(step, "en")[6:] == ["0 min", "< 1 min"]  # not "0 s" beside "10 min"
