"""The flowchart's layout: symbols in their pelaksana's lanes, branches that reach their targets,
nothing drawn over a symbol, at 80 and 160 columns, for every bundled SOP and a few odd shapes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from soptui.flowchart.layout import PITCH, WAKTU_FROM, layout
from soptui.flowchart.text import render
from soptui.sopfile import load_file, parse_text
from tests.conftest import SOPS

BUNDLED = sorted(p.name for p in SOPS.glob("*.toml"))
WIDTHS = (80, 160)

HEAD = '''
pelaksana = ["Kepala", "Sekretaris", "Staf"]
[identitas]
pemerintah = "P"
unit = "U"
nomor = "1"
nama = "Uji"
[identitas.disahkan_oleh]
jabatan = "Kepala"
nama = "Budi"
nip = "1"
'''


def step(no: int, pelaksana, **extra) -> str:
    who = f'"{pelaksana}"' if isinstance(pelaksana, str) else "[" + ", ".join(f'"{p}"' for p in pelaksana) + "]"
    lines = [f"[[langkah]]", f"no = {no}", f'kegiatan = "Langkah {no}"', f"pelaksana = {who}", 'waktu = "1 jam"']
    lines += [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def sop_of(*steps: str):
    return parse_text(HEAD + "\n".join(steps), "uji.toml", sop_id="uji").sop


def check(sop, width: int) -> None:
    lay = layout(sop, width)
    assert lay.width <= width
    lanes = {lane.role: lane for lane in lay.lanes}
    assert [lane.role for lane in lay.lanes] == list(sop.roles)
    # Every step's symbol in the lane of each of its pelaksana, inside the lane's borders.
    for s in sop.steps:
        drawn = lay.symbols_of(s.no)
        assert sorted(x.role for x in drawn) == sorted(s.all_pelaksana)
        for sym in drawn:
            lane = lanes[sym.role]
            assert lane.x < sym.x and sym.right <= lane.right, (s.no, sym, lane)
            assert sym.y == lay.rows[s.no]
    # No two symbols share a cell; no connector runs through a symbol.
    cells = [(x, sym.y) for sym in lay.symbols for x in range(sym.x, sym.right)]
    assert len(cells) == len(set(cells))
    occupied = set(cells)
    for edge in lay.edges:
        assert not occupied & set(edge.cells()), edge
    # Every connection drawn, each ending beside a symbol of its target, arrowhead towards it.
    for s in sop.steps:
        for target, branch in ([(sop.next_after(s.no, "ya"), "ya"), (s.tidak, "tidak")] if s.is_decision
                               else [(sop.next_after(s.no), "next")]):
            if target is None:
                continue
            [edge] = [e for e in lay.edges if e.source == s.no and e.branch == branch]
            assert edge.target == target
            x, y = edge.points[-1]
            targets = lay.symbols_of(target)
            if edge.head == "down":
                assert y == lay.rows[target] - 1 and any(t.x <= x < t.right for t in targets)
            elif edge.head == "left":
                assert y == lay.rows[target] and any(x == t.right for t in targets)
            else:
                assert y == lay.rows[target] and any(x == t.x - 1 for t in targets)
            sx, sy = edge.points[0]
            assert sy in (lay.rows[s.no], lay.rows[s.no] + 1)
    # A decision's branches carry their words where the line leaves the diamond.
    for label in lay.labels:
        edge = lay.edges[label.edge]
        assert edge.branch in ("ya", "tidak") and label.width > 0
        assert lay.rows[edge.source] <= label.y < lay.rows[edge.source] + PITCH
        assert not any(sym.covers(x, label.y) for sym in lay.symbols for x in range(label.x, label.x + label.width))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_sops_lay_out(name, width):
    sop = load_file(SOPS / name).sop
    check(sop, width)
    lines = render(sop, width).lines
    assert max(len(line) for line in lines) <= width


def test_five_bundled_sops():
    assert len(BUNDLED) == 5


def test_karangploso_draws_its_rework_loops_back_into_the_targets():
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    lay = layout(sop, 80)
    back = {(e.source, e.target): e for e in lay.edges if e.route == "back"}
    assert set(back) == {(6, 5), (7, 4)}
    # The loops overlap (rows 4-7 and 5-6): two tracks, the shorter one nearer the lanes.
    assert back[(6, 5)].points[1][0] < back[(7, 4)].points[1][0]
    text = render(sop, 80)
    row5, row6 = text.lines[text.rows[5]], text.lines[text.rows[6]]
    assert "[  5 ]◄" in row5 and "<  6 >─No─" in row6  # the tests speak English (Ya/Tidak in Indonesian)


def test_wider_terminals_get_wider_text_and_the_waktu_column():
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    narrow, wide = layout(sop, 80), layout(sop, 160)
    assert wide.text.width > narrow.text.width and wide.lanes[0].width > narrow.lanes[0].width
    assert narrow.waktu is None and wide.waktu is not None
    assert "10 menit" in render(sop, 160).lines[wide.rows[1]]


def test_a_step_with_two_pelaksana_draws_a_symbol_in_each_lane_joined():
    sop = sop_of(step(1, "Kepala"), step(2, ["Staf", "Kepala"]), step(3, "Sekretaris"))
    for width in WIDTHS:
        check(sop, width)
    lay = layout(sop, 80)
    two = sorted(lay.symbols_of(2), key=lambda s: s.x)
    assert [s.role for s in two] == ["Kepala", "Staf"] and [s.primary for s in two] == [False, True]
    # From step 1 (Kepala) straight down into step 2's Kepala symbol, not across to the Staf one.
    [into] = [e for e in lay.edges if e.target == 2]
    assert into.points[-1][0] == two[0].center
    line = render(sop, 80).lines[lay.rows[2]]
    assert line[two[0].right:two[1].x] == "─" * (two[1].x - two[0].right)


def test_a_ya_that_skips_steps_goes_round_the_left_and_overlapping_loops_get_own_tracks():
    sop = sop_of(step(1, "Kepala"), step(2, "Staf"), step(3, "Kepala", tidak=2),
                 step(4, "Sekretaris", tidak=1, ya=6), step(5, "Staf"), step(6, "Kepala"))
    for width in WIDTHS:
        check(sop, width)
    lay = layout(sop, 80)
    [skip] = [e for e in lay.edges if e.route == "skip"]
    assert (skip.source, skip.target, skip.head) == (4, 6, "right")
    assert skip.points[1][0] < lay.lanes[0].x
    back = [e for e in lay.edges if e.route == "back"]
    assert len({e.points[1][0] for e in back}) == 2  # rows 2-3 and 1-4 overlap


def test_a_narrow_width_keeps_every_lane_wide_enough_for_its_symbols():
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    lay = layout(sop, 40)
    assert lay.width > 40  # the view scrolls rather than overlapping symbols
    check(sop, lay.width)


def test_a_chart_laid_out_at_its_own_width_fits_it_with_or_without_the_waktu_column():
    """Nine lanes and five loops back need about 110 columns at the least: laid out again at that
    width, the Waktu column is left out rather than pushing the chart past it."""
    roles = [f"Peran {i}" for i in range(9)]
    loops = {2: {"tidak": 1}, 3: {"tidak": 1}, 4: {"tidak": 1, "ya": 8}, 5: {"tidak": 1, "ya": 8},
             6: {"tidak": 1, "ya": 8}, 7: {"tidak": 1}, 8: {"tidak": 1, "ya": 10}, 10: {"tidak": 1}}
    head = HEAD.replace('pelaksana = ["Kepala", "Sekretaris", "Staf"]',
                        "pelaksana = [" + ", ".join(f'"{r}"' for r in roles) + "]")
    sop = parse_text(head + "\n".join(step(no, roles[0], **loops.get(no, {})) for no in range(1, 11)),
                     "acak.toml", sop_id="acak").sop
    least = layout(sop, 30).width
    assert least >= WAKTU_FROM  # the case: wide enough to offer the Waktu column
    again = layout(sop, least)
    assert again.width <= least and again.waktu is None
    check(sop, least)
    assert layout(sop, least + 20).waktu is not None  # with room to spare it comes back


@st.composite
def random_sops(draw):
    n_roles = draw(st.integers(1, 9))
    roles = [f"Peran {i}" for i in range(n_roles)]
    n = draw(st.integers(2, 24))
    steps = []
    for no in range(1, n + 1):
        who = draw(st.lists(st.sampled_from(roles), min_size=1, max_size=min(3, n_roles), unique=True))
        extra = {}
        if no > 1 and draw(st.booleans()) and draw(st.booleans()):
            extra["tidak"] = draw(st.integers(1, no - 1))
            if no + 2 <= n and draw(st.booleans()):
                extra["ya"] = draw(st.integers(no + 2, n))
        elif no + 2 <= n and draw(st.booleans()) and draw(st.booleans()):  # a "tidak" that skips ahead
            extra["tidak"] = draw(st.integers(no + 2, n))
            if draw(st.booleans()):
                extra["ya"] = draw(st.sampled_from([k for k in range(no + 2, n + 1) if k != extra["tidak"]] or [no + 1]))
        steps.append(step(no, who if len(who) > 1 else who[0], **extra))
    head = HEAD.replace('pelaksana = ["Kepala", "Sekretaris", "Staf"]',
                        "pelaksana = [" + ", ".join(f'"{r}"' for r in roles) + "]")
    return parse_text(head + "\n".join(steps), "acak.toml", sop_id="acak").sop


@settings(max_examples=150, deadline=None)
@given(random_sops(), st.integers(30, 220))
def test_any_sop_lays_out_at_any_width(sop, width):
    lay = layout(sop, width)
    check(sop, max(width, lay.width))
    out = render(sop, width)
    assert len(out.lines) == lay.height
    for sym in lay.symbols:  # each symbol drawn whole where the layout put it
        assert out.lines[sym.y][sym.x] in "([<" and out.lines[sym.y][sym.right - 1] in ")]>"
