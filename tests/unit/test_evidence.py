"""Evidence: files by hash, references by name; what was meant is never guessed."""

from __future__ import annotations

import hashlib
import os

import pytest

from soptui.errors import RuleError
from soptui.evidence import evidence_of


def test_a_file_is_kept_by_path_and_hash(tmp_path):
    f = tmp_path / "laporan.pdf"
    f.write_bytes(b"isi laporan")
    ev = evidence_of("laporan.pdf", base=tmp_path)
    assert ev == {"kind": "file", "path": str(f.resolve()), "sha256": hashlib.sha256(b"isi laporan").hexdigest()}


@pytest.mark.parametrize("value", ["005/123/421.628/2026", "Surat 12 Nov", "ND-7/2026", "B-12/KEC.KRP/XI/2026"])
def test_letter_numbers_are_references(tmp_path, value):
    assert evidence_of(value, base=tmp_path) == {"kind": "ref", "ref": value}


@pytest.mark.parametrize("value", ["laporan-typo.pdf", "Renja 2027.docx", "./hasil.xlsx", "~/tidak-ada.txt",
                                   "C:\\dok\\a.pdf"])
def test_a_file_name_that_is_not_there_is_refused_with_the_way_to_say_reference(tmp_path, value):
    with pytest.raises(RuleError) as err:
        evidence_of(value, base=tmp_path)
    assert value in str(err.value) and f"ref:{value}" in str(err.value)


def test_ref_prefix_records_a_file_kept_elsewhere(tmp_path):
    assert evidence_of("ref: laporan-akhir.pdf", base=tmp_path) == {"kind": "ref", "ref": "laporan-akhir.pdf"}
    assert evidence_of("REF:arsip.pdf", base=tmp_path) == {"kind": "ref", "ref": "arsip.pdf"}
    with pytest.raises(RuleError, match="ref:"):
        evidence_of("ref:  ", base=tmp_path)


def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipa.pdf"
    os.mkfifo(fifo)
    with pytest.raises(RuleError, match="not a regular file"):
        evidence_of(str(fifo))  # would block for ever if it were read


def test_a_device_and_a_folder_are_refused(tmp_path):
    with pytest.raises(RuleError, match="not a regular file"):
        evidence_of("/dev/zero")  # would never end if it were read
    with pytest.raises(RuleError, match="folder"):
        evidence_of(str(tmp_path))


def test_empty_is_no_evidence():
    assert evidence_of("  ") is None and evidence_of(None) is None


def test_recorded_evidence_reads_as_it_would_be_typed(tmp_path):
    from soptui.evidence import as_typed
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF")
    kept = evidence_of("laporan.pdf", base=tmp_path)
    assert as_typed(kept) == str((tmp_path / "laporan.pdf").resolve())
    assert as_typed(evidence_of("ref:laporan.pdf")) == "ref:laporan.pdf"  # not to be read as a file kept here
    assert as_typed(evidence_of("005/123/421.628/2026")) == "005/123/421.628/2026"  # a letter number as written
    assert as_typed(None) == "" and evidence_of(as_typed(evidence_of("ref:x.docx"))) == {"kind": "ref", "ref": "x.docx"}
