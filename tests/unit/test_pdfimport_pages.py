"""A step table over two pages drawn from scratch: a decision whose "Tidak" runs into an off-page
connector (the pentagon) and goes on from its twin on the next page, and a row split over the
page break (its text joined, its number printed once)."""

from __future__ import annotations

from soptui.pdfimport import read_pdf, to_text
from soptui.sopfile import parse_text

from tests.unit.test_pdfimport_cli import _pdf
from tests.unit.test_pdfimport_layout import _box, _head, _line, _text

COLS = [40, 70, 220, 300, 380, 470, 540, 620, 750]  # No, Aktivitas, 2 lanes, Sumber Data, Waktu, Output, Ket.


def _pentagon(cx: float, top: float, label: str) -> list[str]:
    """An off-page connector pointing down, 20 wide, 18 high, its label inside."""
    from tests.unit.test_pdfimport_layout import H
    pts = [(cx - 10, top), (cx + 10, top), (cx + 10, top + 12), (cx, top + 18), (cx - 10, top + 12)]
    path = f"{pts[0][0]} {H - pts[0][1]} m " + " ".join(f"{x} {H - y} l" for x, y in pts[1:]) + " h S"
    return [path, _text(cx - 2, top + 2, label, 6)]


def _row(top: float, no: str, keg: str, sumber: str, waktu: str, output: str) -> list[str]:
    cells = [(50, no), (74, keg), (384, sumber), (474, waktu), (544, output)]
    return [_text(x, top + 8, s) for x, s in cells if s]


def first_page() -> str:
    ops = ["0.8 w"]
    ops += [_line((x, 100), (x, 265)) for x in COLS if x not in (300, 470, 540)]
    ops += [_line((x, 120), (x, 265)) for x in (300, 470, 540)]
    ops += [_line((40, y), (750, y)) for y in (100, 145, 185, 225, 265)]
    ops += [_line((220, 120), (620, 120))]
    labels = [(44, 125, "No."), (110, 125, "Aktivitas"), (240, 104, "Pelaksana"), (480, 104, "Mutu Baku"),
              (224, 125, "Kepala Seksi"), (304, 125, "Staf Pelaksana"), (384, 125, "Sumber Data"),
              (476, 125, "Waktu"), (546, 125, "Output"), (624, 125, "Ket.")]
    ops += [_text(x, top, s) for x, top, s in labels]
    ops += _row(145, "1", "Menerima berkas", "Formulir", "10 menit", "Berkas")
    ops += _row(185, "2", "Memeriksa kelengkapan", "Berkas", "1 jam", "Berkas diperiksa")
    ops += _row(225, "3", "Mengirim surat", "Surat", "1 hari", "Surat terkirim")
    ops += [_box(320, 157, 360, 173), _box(240, 237, 280, 253)]  # row 1 Staf; row 3 Kepala
    ops.append("260 419 m 280 407 l 260 395 l 240 407 l h S")  # diamond of row 2: 240-280, 193-217
    ops.append(_text(251, 202, "Ok?", 5))
    ops += [_line((320, 165), (260, 165), (260, 187)), _head(260, 193)]  # into the diamond
    ops += [_line((260, 217), (260, 231)), _head(260, 237), _text(264, 219, "Ya", 6)]
    # "Tidak": out of the right corner into the connector "A" in the Staf lane of row 3
    ops += [_line((280, 205), (340, 205), (340, 234)), _head(340, 240), _text(288, 196, "Tidak", 6)]
    ops += _pentagon(340, 240, "A")
    return "\n".join(ops)


def second_page() -> str:
    """No header: the rules where the first page's stand. At the top the rest of row 3; rows 4
    and 5 share one Output cell."""
    ops = ["0.8 w"]
    ops += [_line((x, 60), (x, 160)) for x in COLS]
    ops += [_line((40, y), (750, y)) for y in (60, 80, 160)]
    ops += [_line((40, 120), (540, 120)), _line((620, 120), (750, 120))]  # one Output cell for rows 4-5
    ops += [_text(74, 66, "kepada pemohon"), _text(544, 66, "dan diarsipkan")]  # row 3 goes on
    ops += _row(80, "4", "Mengarsipkan surat", "Surat", "2 jam", "")
    ops += _row(120, "5", "Melaporkan hasil", "Arsip", "1 jam", "")
    ops += [_text(544, 110, "Arsip dan"), _text(544, 119, "laporan")]  # across the rows' boundary
    ops += [_box(320, 92, 360, 108), _box(240, 132, 280, 148)]  # row 4 Staf; row 5 Kepala
    ops += _pentagon(260, 84, "A")  # the twin: the chart goes on from here, into row 5
    ops += [_line((260, 102), (260, 126)), _head(260, 132)]
    ops += [_line((340, 108), (340, 140), (288, 140)), "282 {0} m 288 {1} l 288 {2} l h f".format(
        612 - 140, 612 - 137, 612 - 143)]  # 4 -> 5, the head pointing left into the box
    return "\n".join(ops)


def two_page_pdf() -> bytes:
    streams = [first_page().encode("latin-1"), second_page().encode("latin-1")]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 792 612] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        page % 6, page % 7,
        *(b"<< /Length %d >>\nstream\n" % len(s) + s + b"\nendstream" for s in streams),
    ])


def test_a_branch_through_an_off_page_connector_and_a_split_row(tmp_path):
    pdf = tmp_path / "dua.pdf"
    pdf.write_bytes(two_page_pdf())
    (imp,) = read_pdf(pdf)
    sop = imp.sop
    assert [s.no for s in sop.steps] == [1, 2, 3, 4, 5]
    # row 3 printed once, its text joined over the page break
    three = sop.step(3)
    assert three.kegiatan == "Mengirim surat kepada pemohon"
    assert three.output == "Surat terkirim dan diarsipkan" and three.waktu == "1 hari"
    # the connector is no pelaksana; the symbols are
    assert [r.lanes for r in imp.readings] == [("Staf Pelaksana",), ("Kepala Seksi",), ("Kepala Seksi",),
                                               ("Staf Pelaksana",), ("Kepala Seksi",)]
    # "Tidak" into connector A on page 1 goes on from A on page 2 into step 5: forward, past 3 and 4
    two = sop.step(2)
    assert (two.tidak, sop.next_after(2, "ya"), two.pertanyaan) == (5, 3, "Ok?")
    assert imp.readings[1].diamonds[0][2] == (("Ya", ("3",)), ("Tidak", ("5",))) or \
        sorted(imp.readings[1].diamonds[0][2]) == [("Tidak", ("5",)), ("Ya", ("3",))]
    loaded = parse_text(to_text(imp), "x.toml", sop.id)
    assert loaded.sop.steps == sop.steps
    # the merged Output cell read whole, written on the span's first step; the next one points to it
    assert (sop.step(4).output, sop.step(5).output) == ("Arsip dan laporan", "")
    assert "merged with the step before; its content is on step 4" in imp.notes["langkah.5.output"]
    catatan = imp.notes[""]
    assert "Step 3: the row is split by a page break" in catatan
    assert 'Step 2: branch Tidak runs through the off-page connector "A" to step 5' in catatan


def test_the_connectors_of_009_lead_where_the_key_says():
    import tomllib
    from pathlib import Path

    from soptui.pdfimport import _open
    from soptui.pdfimport.flow import read_flow
    from soptui.pdfimport.geometry import read_page
    from soptui.pdfimport.table import read_procedures

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
    key = tomllib.loads((fixtures / "keys" / "009.toml").read_text(encoding="utf-8"))
    pdf, raw = _open(fixtures / key["file"])
    try:
        pages = [read_page(p, i + 1) for i, p in enumerate(raw)]
    finally:
        pdf.close()
    (proc,) = read_procedures(pages)
    found = {}
    for number, cols in proc.columns.items():
        rows = [(i, r) for i, r in enumerate(proc.rows) if r.page == number]
        for label, targets in read_flow(pages[number - 1], cols, rows).entries.items():
            found[label] = proc.rows[targets[0]].no
    assert found == key["konektor"]


def _words(*placed: tuple[float, float, str]) -> list:
    """Words at (x, top) each, 4.5 points a character, 7 high; a phrase's words spaced normally."""
    from soptui.pdfimport.geometry import Word
    out = []
    for x, top, phrase in placed:
        for word in phrase.split():
            out.append(Word(word, x, top, x + 4.5 * len(word), top + 7))
            x += 4.5 * len(word) + 2.5
    return out


def test_a_list_in_two_columns_is_read_down_each_column():
    from soptui.pdfimport.text import items
    words = _words((10, 0, "1. Alat Tulis"), (160, 0, "4. Printer"), (10, 9, "2. Cap Kantor"),
                   (160, 9, "5. Jaringan Internet yang"), (170, 18, "stabil"), (10, 18, "3. PC/Laptop"))
    assert items(words) == ("Alat Tulis", "Cap Kantor", "PC/Laptop", "Printer", "Jaringan Internet yang stabil")


def test_one_column_with_a_wide_gap_stays_one_column():
    from soptui.pdfimport.text import items
    # a single marked item after a wide gap on one line only: not a second column
    words = _words((10, 0, "1. Surat permohonan"), (160, 0, "a. lampiran"), (10, 9, "2. Berita acara"))
    assert items(words) == ("Surat permohonan a. lampiran", "Berita acara")
