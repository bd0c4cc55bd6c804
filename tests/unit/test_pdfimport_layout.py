"""A step table drawn from scratch in another office's layout (other column names and order,
numbers with a gap, a range, a Waktu that is not a duration, a row with symbols in two lanes,
a diamond with Ya/Tidak arrows), and the small pure pieces of the importer."""

from __future__ import annotations

from datetime import date

from soptui.pdfimport import file_stem, read_pdf, to_text
from soptui.pdfimport.identity import parse_date
from soptui.sopfile import parse_text

from tests.unit.test_pdfimport_cli import _pdf

H = 612.0  # landscape letter; the drawing below is in top-based coordinates, as pdfplumber reads


def _text(x: float, top: float, s: str, size: float = 7) -> str:
    return f"BT /F1 {size} Tf {x:.1f} {H - top - size:.1f} Td ({s}) Tj ET"


def _line(*pts: tuple[float, float]) -> str:
    (x, y), rest = pts[0], pts[1:]
    return f"{x} {H - y} m " + " ".join(f"{a} {H - b} l" for a, b in rest) + " S"


def _box(x0: float, top: float, x1: float, bottom: float) -> str:
    return f"{x0} {H - bottom} {x1 - x0} {bottom - top} re S"


def _head(x: float, y: float, down: bool = True) -> str:
    d = -6 if down else 6
    return f"{x - 3} {H - (y + d)} m {x + 3} {H - (y + d)} l {x} {H - y} l h f"


def other_layout_pdf() -> bytes:
    cols = [40, 70, 220, 300, 380, 470, 540, 620, 750]  # No, Aktivitas, 2 lanes, Sumber Data, Waktu, Output, Ket.
    rows = [145, 185, 225, 265, 305]
    ops = ["0.8 w"]
    ops += [_line((x, 100), (x, 305)) for x in cols if x not in (300, 470, 540)]
    ops += [_line((x, 120), (x, 305)) for x in (300, 470, 540)]  # under the group labels
    ops += [_line((40, y), (750, y)) for y in (100, *rows)]
    ops += [_line((220, 120), (620, 120))]
    labels = [(44, 125, "No."), (110, 125, "Aktivitas"), (240, 104, "Pelaksana"), (480, 104, "Mutu Baku"),
              (224, 125, "Kepala Seksi"), (304, 125, "Staf Pelaksana"), (384, 125, "Sumber Data"),
              (476, 125, "Waktu"), (546, 125, "Output"), (624, 125, "Ket.")]
    cells = [("1", "Menerima berkas", "Formulir", "10 - 60 menit", "Berkas diterima"),
             ("2", "Memeriksa kelengkapan berkas", "Berkas", "1 hari kerja", "Berkas lengkap"),
             ("3", "Memproses berkas", "Berkas lengkap", "Menyesuaikan", "Surat"),
             ("5", "Mengarsipkan surat", "Surat", "2 jam", "Arsip")]
    for (no, keg, sumber, waktu, output), top in zip(cells, rows):
        labels += [(50, top + 15, no), (74, top + 15, keg), (384, top + 15, sumber), (474, top + 15, waktu),
                   (544, top + 15, output)]
    ops += [_text(x, top, s) for x, top, s in labels]
    # symbols: a box per row in the lanes; row 2 a diamond; row 3 a box in each lane
    ops += [_box(320, 157, 360, 173), _box(240, 237, 280, 253), _box(320, 237, 360, 253), _box(320, 277, 360, 293)]
    ops.append("260 419 m 280 407 l 260 395 l 240 407 l h S")  # diamond: top 193, right 280,205, bottom 217
    ops += [_line((320, 165), (260, 165), (260, 187)), _head(260, 193)]  # into the diamond
    ops += [_line((260, 217), (260, 231)), _head(260, 237), _text(264, 220, "Ya", 6)]
    ops += [_line((280, 205), (340, 205), (340, 179)), _head(340, 173, down=False), _text(290, 196, "Tidak", 6)]
    ops += [_line((340, 253), (340, 271)), _head(340, 277)]
    stream = "\n".join(ops).encode("latin-1")
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 792 612] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_another_layout_is_read_by_its_header_words_and_its_drawing(tmp_path):
    pdf = tmp_path / "lain.pdf"
    pdf.write_bytes(other_layout_pdf())
    (imp,) = read_pdf(pdf)
    sop = imp.sop
    assert sop.roles == ("Kepala Seksi", "Staf Pelaksana")
    assert [s.no for s in sop.steps] == [1, 2, 3, 5]  # as printed: 4 is skipped
    assert [s.kegiatan for s in sop.steps][1] == "Memeriksa kelengkapan berkas"
    assert [s.kelengkapan for s in sop.steps][0] == ("Formulir",)
    assert [r.lanes for r in imp.readings] == [("Staf Pelaksana",), ("Kepala Seksi",),
                                               ("Kepala Seksi", "Staf Pelaksana"), ("Staf Pelaksana",)]
    one, two, three, five = sop.steps
    assert one.standard is not None and one.standard.seconds == 3600 and one.standard.low.seconds == 600
    assert (two.tidak, two.ya) == (1, None)  # "Tidak" back to step 1, "Ya" on to the next
    assert three.waktu == "Menyesuaikan" and three.standard is None  # kept, unmeasured
    assert three.all_pelaksana == ("Kepala Seksi", "Staf Pelaksana")
    assert five.standard is not None and five.standard.seconds == 7200
    loaded = parse_text(to_text(imp), "x.toml", sop.id)
    assert loaded.sop.steps == sop.steps
    assert any(w.field == "no" for w in loaded.warnings)  # the gap is pointed out
    text = to_text(imp)
    assert "tidak_diukur = true" in text and "Menyesuaikan" in text
    assert "[periksa]" in text or "[review]" in text  # identity not on the page: marked


def test_dates_as_printed():
    assert parse_date("2 Juni 2025") == date(2025, 6, 2)
    assert parse_date("4 Pebruari 2020") == date(2020, 2, 4)
    assert parse_date("18/10/2022") == date(2022, 10, 18)
    assert parse_date("-") is None and parse_date("31 Juni 2025") is None


def test_file_names_from_number_and_name():
    assert file_stem("SOP-025/17000/2025", "Pengelolaan Surat Masuk") == "sop-025-17000-2025-pengelolaan-surat-masuk"
    assert file_stem("", "", "Pengajuan Belanja Akun 521211", 1) == "pengajuan-belanja-akun-521211"
    assert file_stem("", "") == "sop-impor"


def test_an_sop_with_a_skipped_number_runs_to_the_end(workdir, capsys):
    import json

    from soptui.cli import main

    sops = workdir / "sops"
    (workdir / "soptui.toml").write_text(f'sops_dir = "{sops.as_posix()}"\ndata_dir = "data"\nlang = "en"\n',
                                         encoding="utf-8")
    pdf = workdir / "lain.pdf"
    pdf.write_bytes(other_layout_pdf())
    assert main(["import", str(pdf)]) == 0
    (written,) = sops.glob("*.toml")
    capsys.readouterr()
    assert main(["start", written.stem, "--operator", "Rina", "--at", "08:00"]) == 0
    run_id = capsys.readouterr().out.strip().split()[-1]
    assert main(["log", run_id, "1", "--actor", "Rina", "--at", "08:30"]) == 0
    assert main(["decide", run_id, "2", "ya", "--actor", "Budi", "--at", "09:00"]) == 0
    assert main(["log", run_id, "3", "--actor", "Rina", "--at", "09:30"]) == 0
    assert main(["log", run_id, "5", "--actor", "Rina", "--at", "09:45"]) == 0
    capsys.readouterr()
    assert main(["summary", run_id, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["run"]["status"] == "finished"
    assert [s["no"] for s in summary["steps"]] == [1, 2, 3, 5]
    assert summary["steps"][2]["pelaksana"] == "Kepala Seksi, Staf Pelaksana"
    assert summary["steps"][2]["standard"] is None  # "Menyesuaikan": not measured
