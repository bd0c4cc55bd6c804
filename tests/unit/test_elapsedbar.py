"""The elapsed bar's line: the figures are never cut; where the line is short the bar goes, then
the label."""

from __future__ import annotations

import pytest

from soptui.i18n import using_lang
from soptui.widgets.elapsedbar import elapsed_bar


@pytest.mark.parametrize("width", range(36, 90))
def test_the_figures_are_whole_at_every_width_they_fit(width):
    with using_lang("id"):
        line = elapsed_bar(3600, 54000, width=width, label="Selesai", running=False)
    words = "tepat waktu, 1 j 00 m dari 15 j 00 m"
    assert line.plain.endswith(words) and line.cell_len <= width
    bar = any(c in line.plain for c in "█░")
    assert bar == (width >= len("Selesai ") + 4 + 1 + len(words))  # a bar only with room for one
    assert line.plain.startswith("Selesai ") == (width >= len("Selesai ") + len(words))
