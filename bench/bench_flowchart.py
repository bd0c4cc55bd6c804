"""How long the flowchart takes to lay out and draw: each bundled SOP, and a large made-up one
(99 steps, 15 roles, a decision every 5 steps sending the work back 3 steps), at 80 and 160
columns (text) and as SVG. The interactive view redraws the chart on every cursor move, so one
draw should stay well under a frame (~16 ms) for SOPs of the sizes offices write.

    python bench/bench_flowchart.py
"""

from __future__ import annotations

import statistics
import time

from _common import ROOT  # noqa: F401  (puts the repository on sys.path)

from soptui.flowchart.svg import flowchart_svg
from soptui.flowchart.text import render
from soptui.sopfile import load_file, parse_text


def big_sop():
    roles = [f"Peran {i}" for i in range(15)]
    head = ("pelaksana = [" + ", ".join(f'"{r}"' for r in roles) + "]\n"
            '[identitas]\npemerintah = "P"\nunit = "U"\nnomor = "1"\nnama = "Besar"\n'
            '[identitas.disahkan_oleh]\njabatan = "K"\nnama = "B"\nnip = "1"\n')
    steps = []
    for no in range(1, 100):
        extra = f"tidak = {no - 3}\n" if no % 5 == 0 and no > 3 else ""
        steps.append(f'[[langkah]]\nno = {no}\nkegiatan = "Langkah nomor {no} dengan teks yang agak panjang"\n'
                     f'pelaksana = "{roles[(no * 7) % 15]}"\nwaktu = "1 jam"\n{extra}')
    return parse_text(head + "\n".join(steps), "besar.toml", sop_id="besar").sop


def median_ms(fn, repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    sops = [load_file(p).sop for p in sorted((ROOT / "sops").glob("*.toml"))] + [big_sop()]
    print(f"{'SOP':40} {'steps':>5} {'text 80':>9} {'text 160':>9} {'svg':>9}")
    for sop in sops:
        t80 = median_ms(lambda: render(sop, 80))
        t160 = median_ms(lambda: render(sop, 160))
        svg = median_ms(lambda: flowchart_svg(sop), repeat=10)
        print(f"{sop.id:40} {len(sop.steps):>5} {t80:>7.2f}ms {t160:>7.2f}ms {svg:>7.2f}ms")


if __name__ == "__main__":
    main()
