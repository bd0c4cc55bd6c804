"""Cutting to a width without making two things look the same (the step list, the summary)."""

from __future__ import annotations

import pytest

from soptui.cuts import cells, distinct_word_cuts, distinct_wraps, shorten, wrap_lines

CHECK_TIM = ("Memeriksa konsep Renja. Jika setuju, diserahkan kepada Tim. Jika tidak, diserahkan kepada staf "
             "untuk diperbaiki.")
CHECK_SEKRETARIS = ("Memeriksa konsep Renja. Jika setuju, diserahkan kepada Sekretaris. Jika tidak, diserahkan "
                    "kepada kasubag untuk diperbaiki.")
ORDER_1 = "Memerintahkan untuk penyusunan Renja"
ORDER_10 = "Memerintahkan untuk penggandaan dan pendistribusian"


@pytest.mark.parametrize("width", [14, 16, 18, 20, 24, 30, 40])
def test_texts_that_differ_still_differ_once_cut(width):
    texts = [ORDER_1, CHECK_TIM, CHECK_SEKRETARIS, ORDER_10, "Menyusun konsep Renja"]
    cuts = distinct_word_cuts(texts, width)
    assert len(set(cuts)) == len(texts), cuts
    assert all(len(c) <= width for c in cuts)


def test_the_distinguishing_part_is_kept():
    tim, sekretaris = distinct_word_cuts([CHECK_TIM, CHECK_SEKRETARIS], 22)
    assert tim.startswith("Memeriksa… Tim") and sekretaris.startswith("Memeriksa… Sekretaris")
    one, ten = distinct_word_cuts([ORDER_1, ORDER_10], 30)
    assert "penyusunan" in one and "penggandaan" in ten


def test_texts_that_do_not_collide_are_cut_at_the_end_as_before():
    assert distinct_word_cuts(["Membentuk Tim, memberi pengarahan", ORDER_1], 18) == [
        shorten("Membentuk Tim, memberi pengarahan", 18), shorten(ORDER_1, 18)]
    assert distinct_word_cuts(["Sama", "Sama"], 10) == ["Sama", "Sama"]  # the same text: the same cut


def test_wrapped_cells_never_cut_a_word_and_continue_it():
    lines = wrap_lines("Pengetikan konsep Dokumen Renja yang sangat panjang sekali", 24)
    assert lines == ["Pengetikan konsep", "Dokumen Renja yang…"]
    assert not any(line.endswith("…") for line in lines[:-1])


def test_a_word_longer_than_the_line_is_cut_on_its_line_not_broken_across_two():
    assert wrap_lines("Sekretaris", 9, 2) == ["Sekretar…"]  # never "Sekretari" / "s"
    assert wrap_lines("Kepala Sekretariat Daerah", 9, 3) == ["Kepala", "Sekretar…", "Daerah"]


def test_wrapped_cells_of_different_texts_differ():
    tim, sekretaris = distinct_wraps([CHECK_TIM, CHECK_SEKRETARIS], 24)
    assert tim != sekretaris and "Tim" in " ".join(tim) and "Sekretaris" in " ".join(sekretaris)
    assert all(len(line) <= 24 for line in tim + sekretaris) and len(tim) <= 2


def test_look_alikes_cut_to_different_widths_still_differ():
    # Step 6 reworked ("×2" after it) has less room than step 7: each cut alone would keep only
    # the words both begin with ("Memeriksa…" / "Memeriksa konsep…").
    six = "Memeriksa konsep Renja. Jika setuju, diserahkan kepada Tim. Jika tidak, diserahkan kepada staf."
    seven = "Memeriksa konsep Renja. Jika setuju, diserahkan kepada Sekretaris. Jika tidak, dikembalikan."
    for widths in ([11, 14], [16, 19], [14, 11]):
        cut_six, cut_seven = distinct_word_cuts([six, seven], widths)
        assert "Tim" in cut_six and "Sek" in cut_seven, (widths, cut_six, cut_seven)
        assert cells(cut_six) <= widths[0] and cells(cut_seven) <= widths[1]
