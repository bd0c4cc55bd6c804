"""`soptui import`: files written and checked, refusals with a clear message (scanned table, not an
SOP AP, locked, cut short), never overwriting without --force; an imported SOP runs and sums up."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from soptui.cli import main
from soptui.pdfimport import ImportFailed, read_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
SURAT = FIXTURES / "025-pengelolaan-surat-masuk.pdf"
SCANNED = FIXTURES / "212-survei-pertanian-hortikultura.pdf"
PKRT = FIXTURES / "069-penghitungan-pengeluaran-konsumsi-rumahtangga-atas-dasar-har.pdf"


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A small well-formed PDF of the given objects (1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def letter_pdf(text: bytes = b"Surat undangan rapat") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def locked_pdf() -> bytes:
    """Encrypted with the standard handler and a user password (not the empty one)."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ], trailer_extra=b"/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def out(workdir) -> Path:
    return workdir / "imported"


def test_import_writes_a_checked_file_and_reports_it(out, capsys):
    assert run("import", str(SURAT), "--out", str(out)) == 0
    printed = capsys.readouterr().out
    (written,) = out.glob("*.toml")
    assert written.name == "sop-025-17000-2025-pengelolaan-surat-masuk.toml"
    assert "11 steps" in printed and "Tim Teknis, Bagian Umum, Sekretaris, Kepala BPS Provinsi" in printed
    assert "langkah.5.waktu" in printed  # the merged Waktu cell is listed for review
    assert run("check", str(written)) == 0


def test_never_overwrites_without_force(out, capsys):
    assert run("import", str(SURAT), "--out", str(out)) == 0
    (written,) = out.glob("*.toml")
    written.write_text("# edited by hand\n", encoding="utf-8")
    assert run("import", str(SURAT), "--out", str(out)) == 1
    assert "--force" in capsys.readouterr().err
    assert written.read_text(encoding="utf-8") == "# edited by hand\n"
    assert run("import", str(SURAT), "--out", str(out), "--force") == 0
    assert written.read_text(encoding="utf-8").startswith("catatan_konversi")


def test_json_lists_every_sop_of_a_pdf(out, capsys):
    pembayaran = FIXTURES / "029-pengajuan-pembayaran.pdf"
    assert run("import", str(pembayaran), "--out", str(out), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    (result,) = data["files"]
    assert [s["steps"] for s in result["sops"]] == [8, 7, 8, 7, 9, 9, 9, 9]
    assert all(s["written"] and not s["problems"] for s in result["sops"])
    assert len(list(out.glob("*.toml"))) == 8


def test_the_scanned_table_is_refused_clearly(out, capsys):
    assert run("--lang", "id", "import", str(SCANNED), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "tabel langkah berupa gambar; tidak ada teks" in err
    assert "Traceback" not in err and not out.exists()


def test_one_failure_among_several_files_gives_exit_1_and_the_rest_are_written(out, capsys):
    assert run("import", str(SCANNED), str(SURAT), "--out", str(out)) == 1
    assert len(list(out.glob("*.toml"))) == 1
    assert "1 of 2 PDFs imported" in capsys.readouterr().out


@pytest.mark.parametrize("content, message", [
    (letter_pdf(), "not an SOP AP: no step table"),
    (locked_pdf(), "locked with a password"),
    (SURAT.read_bytes()[: len(SURAT.read_bytes()) // 3], "damaged or cut short"),
    (b"just some text, not a PDF at all", "not a PDF file"),
    (b"", "not a PDF file"),
], ids=["letter", "locked", "cut-short", "text", "empty"])
def test_bad_pdfs_get_a_message_and_no_traceback(tmp_path, content, message):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        read_pdf(bad)


def test_bad_pdf_through_the_command(out, tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(SURAT.read_bytes()[:5000])
    assert run("import", str(bad), "--out", str(out)) == 1
    captured = capsys.readouterr()
    assert "damaged or cut short" in captured.err and "Traceback" not in captured.err + captured.out


def test_an_imported_sop_starts_runs_and_sums_up(workdir, capsys):
    """069 has decisions whose "tidak" sends the work back into step 3 itself."""
    sops = workdir / "sops"
    (workdir / "soptui.toml").write_text(f'sops_dir = "{sops.as_posix()}"\ndata_dir = "data"\nlang = "en"\n',
                                         encoding="utf-8")
    assert run("import", str(PKRT)) == 0
    (written,) = sops.glob("*.toml")
    sop_id = written.stem
    capsys.readouterr()
    assert run("start", sop_id, "--operator", "Rina", "--at", "08:00") == 0
    run_id = capsys.readouterr().out.strip().split()[-1]
    assert run("log", run_id, "1", "--actor", "Rina", "--at", "08:30") == 0
    assert run("log", run_id, "2", "--actor", "Rina", "--at", "09:00") == 0
    assert run("decide", run_id, "3", "tidak", "--actor", "Budi", "--at", "09:10") == 0
    assert run("decide", run_id, "3", "ya", "--actor", "Budi", "--at", "09:20") == 0
    assert run("decide", run_id, "4", "ya", "--actor", "Wati", "--at", "09:30") == 0
    assert run("decide", run_id, "5", "ya", "--actor", "Budi", "--at", "09:40") == 0
    assert run("log", run_id, "6", "--actor", "Budi", "--at", "09:50") == 0
    capsys.readouterr()
    assert run("summary", run_id, "--format", "json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["run"]["status"] == "finished"
    steps = {s["no"]: s for s in summary["steps"]}
    assert sorted(steps) == [1, 2, 3, 4, 5, 6]
    assert len(steps[3]["attempts"]) == 2  # done again after "tidak"
    # the box (Ketua Tim) acts; the start terminator beside it (Kepala) comes after
    assert steps[1]["pelaksana"] == "Ketua Tim Neraca Wilayah, Kepala BPS Provinsi"


def test_a_drawing_the_rules_did_not_foresee_gives_a_message(monkeypatch):
    import soptui.pdfimport

    def broken(pages):
        raise ZeroDivisionError("a lane of width 0")

    monkeypatch.setattr(soptui.pdfimport, "read_procedures", broken)
    with pytest.raises(ImportFailed, match="could not be taken apart .*ZeroDivisionError"):
        read_pdf(SURAT)


def test_check_lists_what_the_import_marked_for_review(out, capsys):
    assert run("import", str(PKRT), "--out", str(out)) == 0
    (written,) = out.glob("*.toml")
    capsys.readouterr()
    assert run("check", str(written)) == 0
    printed = capsys.readouterr().out
    assert "to review: nip: [review] no NIP printed" in printed
    lines = written.read_text(encoding="utf-8").splitlines()
    marked = [n for n, line in enumerate(lines, 1) if line.startswith("#") and "[review]" in line]
    assert printed.count("to review") == len(marked) >= 2


def test_check_shows_each_review_note_whole_and_names_its_key(out, capsys):
    """025's long notes wrap over two comment lines; check reads each whole, every one naming the
    key it stands above (or the left-out key it names)."""
    assert run("import", str(SURAT), "--out", str(out)) == 0
    (written,) = out.glob("*.toml")
    capsys.readouterr()
    assert run("check", str(written)) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if "to review" in line]
    assert any(line.endswith("once for the whole span") for line in printed)
    assert any(line.endswith("(its branches leave the row)") for line in printed)
    for line in printed:
        assert re.search(r"to review: [a-z_]+: \[review\] ", line), line
    text = written.read_text(encoding="utf-8")
    wrapped = [line for line in text.splitlines() if line.startswith("#   ")]
    assert wrapped and all(len(line) <= 100 for line in text.splitlines() if line.startswith("#"))


def test_the_imported_surat_masuk_runs_its_forward_tidak(workdir, capsys):
    """025 step 5: "Perlu disposisi?" Tidak -> 11, past the disposition (8-10)."""
    sops = workdir / "sops"
    (workdir / "soptui.toml").write_text(f'sops_dir = "{sops.as_posix()}"\ndata_dir = "data"\nlang = "en"\n',
                                         encoding="utf-8")
    assert run("import", str(SURAT)) == 0
    (written,) = sops.glob("*.toml")
    capsys.readouterr()
    assert run("start", written.stem, "--operator", "Rina", "--at", "08:00") == 0
    run_id = capsys.readouterr().out.strip().split()[-1]
    for no, at in ((1, "08:05"), (2, "08:10"), (3, "08:12"), (4, "08:15")):
        assert run("log", run_id, str(no), "--actor", "Rina", "--at", at) == 0
    assert run("decide", run_id, "5", "tidak", "--actor", "Rina", "--at", "08:20") == 0
    assert run("log", run_id, "11", "--actor", "Rina", "--at", "08:25") == 0
    capsys.readouterr()
    assert run("summary", run_id, "--format", "json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["run"]["status"] == "finished" and summary["rework"]["loops"] == 0
    states = {s["no"]: s["state"] for s in summary["steps"]}
    assert [n for n, st in states.items() if st == "skipped"] == [6, 7, 8, 9, 10]
