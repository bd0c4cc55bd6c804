"""`soptui import` against pdfplumber's own reading of the same pages, in one run.

For each of the ten SOP AP PDFs (tests/fixtures/pdf): the importer's work (open, read every page's
geometry, the identity block and boxes, the step table, the flowchart; the SOP assembled and written
as text) against pdfplumber's `extract_text` + `extract_tables` of the same pages, each from a
freshly opened document (pdfplumber caches a page's objects: a second pass would be cheaper).
The two alternate, several rounds; the figure is the median per page. Goal: importer <= 2.0x.

    python bench/bench_import.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def baseline(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
        return len(pdf.pages)


def importer(path: Path) -> None:
    from soptui.pdfimport import ImportFailed, read_pdf, to_text
    try:
        for imp in read_pdf(path):
            to_text(imp)
    except ImportFailed:
        pass  # the scanned file: refused after reading its pages, as the command does


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "5")))
    args = ap.parse_args()
    files = sorted(FIXTURES.glob("*.pdf"))
    importer(files[0])  # imports and first-use costs out of the measurement
    baseline(files[0])
    print(f"{'file':<44} {'pages':>5} {'pdfplumber ms/page':>19} {'import ms/page':>15} {'ratio':>6}")
    total_b = total_i = 0.0
    total_pages = 0
    for f in files:
        b_times, i_times = [], []
        pages = 0
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            pages = baseline(f)
            t1 = time.perf_counter()
            importer(f)
            t2 = time.perf_counter()
            b_times.append(t1 - t0)
            i_times.append(t2 - t1)
        b, i = statistics.median(b_times), statistics.median(i_times)
        total_b, total_i, total_pages = total_b + b, total_i + i, total_pages + pages
        print(f"{f.name[:44]:<44} {pages:>5} {1000 * b / pages:>19.1f} {1000 * i / pages:>15.1f} {i / b:>6.2f}")
    print(f"{'all ten':<44} {total_pages:>5} {1000 * total_b / total_pages:>19.1f} "
          f"{1000 * total_i / total_pages:>15.1f} {total_i / total_b:>6.2f}")
    print(f"ratio: {total_i / total_b:.2f} (goal: 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
