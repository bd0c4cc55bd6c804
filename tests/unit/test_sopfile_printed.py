"""What a printed SOP may hold and the format keeps as printed: a Waktu that is not a duration
(tidak_diukur), a 'tidak' back into the decision's own step or forward past steps, numbering that skips."""

from __future__ import annotations

import pytest

from soptui.errors import SopFileError
from soptui.sopfile import parse_text
from soptui.sopwrite import to_toml

from tests.conftest import DATA

MINI = (DATA / "valid" / "mini.toml").read_text(encoding="utf-8")
HEAD, _, _ = MINI.partition("[[langkah]]")


def step(no: int, extra: str = "") -> str:
    return f'[[langkah]]\nno = {no}\nkegiatan = "k{no}"\npelaksana = "Staf"\n{extra}'


def test_a_waktu_that_is_not_a_duration_is_kept_and_unmeasured():
    text = HEAD + step(1, 'waktu = "Sebelum periode revisi bulan berjalan"\ntidak_diukur = true\n') + step(2, 'waktu = "1 hari"\n')
    sop = parse_text(text, "x.toml", "x").sop
    assert sop.steps[0].waktu == "Sebelum periode revisi bulan berjalan"
    assert sop.steps[0].standard is None
    assert sop.standard_total().days == 1  # only the measured step counts
    again = parse_text(to_toml(sop), "x.toml", "x").sop
    assert again.steps == sop.steps


def test_without_the_flag_such_a_waktu_is_still_an_error():
    with pytest.raises(SopFileError, match="Menyesuaikan"):
        parse_text(HEAD + step(1, 'waktu = "Menyesuaikan"\n'), "x.toml", "x")


def test_the_flag_must_be_true_or_false():
    with pytest.raises(SopFileError) as info:
        parse_text(HEAD + step(1, 'waktu = "1 hari"\ntidak_diukur = "ya"\n'), "x.toml", "x")
    assert [(p.step, p.field) for p in info.value.problems] == [(1, "tidak_diukur")]


def test_tidak_may_send_the_work_back_into_the_same_step():
    sop = parse_text(HEAD + step(1) + step(2, 'pertanyaan = "Sesuai?"\ntidak = 2\n') + step(3), "x.toml", "x").sop
    assert sop.next_after(2, "tidak") == 2 and sop.next_after(2, "ya") == 3


def test_a_tidak_may_skip_ahead_and_the_main_path_follows_ya():
    text = (HEAD + step(1) + step(2, 'pertanyaan = "Perlu disposisi?"\ntidak = 5\nwaktu = "1 jam"\n')
            + step(3, 'waktu = "2 jam"\n') + step(4, 'waktu = "3 jam"\n') + step(5, 'waktu = "1 hari"\n'))
    sop = parse_text(text, "x.toml", "x").sop
    assert sop.next_after(2, "tidak") == 5 and sop.next_after(2, "ya") == 3
    assert not sop.step(2).sends_back
    assert [s.no for s in sop.main_path()] == [1, 2, 3, 4, 5]
    total = sop.standard_total()  # the standard is the main path's: the skipped steps count
    assert (total.seconds, total.days) == (6 * 3600, 1)
    assert parse_text(to_toml(sop), "x.toml", "x").sop.steps == sop.steps


def test_a_tidak_forward_to_where_ya_goes_is_refused():
    with pytest.raises(SopFileError, match="where 'ya' goes too") as info:
        parse_text(HEAD + step(1, "tidak = 2\n") + step(2), "x.toml", "x")
    assert [(p.step, p.field) for p in info.value.problems] == [(1, "tidak")]
    with pytest.raises(SopFileError, match="where 'ya' goes too"):
        parse_text(HEAD + step(1, "tidak = 3\nya = 3\n") + step(2) + step(3), "x.toml", "x")
    # ya and tidak both skipping, to different steps, is a decision
    sop = parse_text(HEAD + step(1, "tidak = 4\nya = 3\n") + step(2) + step(3) + step(4), "x.toml", "x").sop
    assert sop.next_after(1, "tidak") == 4 and sop.next_after(1, "ya") == 3


def test_printed_numbering_that_skips_loads_with_a_warning():
    loaded = parse_text(HEAD + step(1) + step(2) + step(4), "x.toml", "x")
    assert [s.no for s in loaded.sop.steps] == [1, 2, 4]
    assert loaded.sop.next_after(2) == 4
    (w,) = loaded.warnings
    assert w.field == "no" and "3" in w.message
