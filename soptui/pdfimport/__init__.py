"""Read a signed SOP AP PDF (Permenpan RB 35/2012) into SOPs: identity, boxes, the step table
over its pages, the pelaksana of each step from the flowchart's lanes, and the decisions.

Pure (no Textual); pdfplumber is imported only when a PDF is read, so no other command pays for it.
`read_pdf` raises ImportFailed with a message for the person (scanned table, not an SOP AP,
locked, damaged); it never lets a PDF library's error through.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..atomicfile import read_regular
from ..errors import SoptuiError
from ..i18n import t
from ..messages import pdfimport as _messages  # noqa: F401  (registers the importer's strings)
from ..oserror import os_reason
from .assemble import Imported, build
from .flow import read_flow
from .geometry import read_page
from .identity import read_heading
from .table import find_header, read_procedures

__all__ = ["ImportFailed", "Imported", "read_pdf", "file_stem"]


class ImportFailed(SoptuiError):
    """A PDF that cannot be imported, with the reason in the person's language."""


def _open(path: Path):
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError as e:  # pragma: no cover - a broken install
        raise ImportFailed(t("import.unreadable", detail=e)) from None
    try:  # a scanned PDF may be tens of megabytes: pdfplumber reads it next; a pipe is refused here
        head = read_regular(path, 1024)
    except OSError as e:
        raise ImportFailed(t("import.unreadable", detail=os_reason(e))) from None
    if b"%PDF" not in head:
        raise ImportFailed(t("import.not_pdf"))
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages  # the page tree is read here: a cut-off file fails now or not at all
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on bad files
        # pdfplumber wraps pdfminer's errors (PdfminerException): the cause says which
        inner = e.__cause__ or (e.args[0] if e.args and isinstance(e.args[0], Exception) else e)
        if isinstance(inner, PDFPasswordIncorrect) or "password" in type(inner).__name__.lower():
            raise ImportFailed(t("import.encrypted")) from None
        if not isinstance(inner, (PDFSyntaxError, PSException, ValueError, KeyError, TypeError,
                                  AttributeError, IndexError, EOFError, OSError)):
            inner = e
        raise ImportFailed(_damaged(inner)) from None
    return pdf, pages


def _damaged(e: Exception) -> str:
    detail = str(e).strip() or type(e).__name__
    return t("import.damaged", detail=detail[:120])


def read_pdf(path: str | Path) -> list[Imported]:
    """Every procedure of the PDF as an imported SOP (most documents hold one)."""

    path = Path(path)
    pdf, raw = _open(path)
    try:
        try:
            pages = [read_page(p, i + 1) for i, p in enumerate(raw)]
        except Exception as e:  # noqa: BLE001 - a page's content stream may be cut short
            raise ImportFailed(_damaged(e)) from None
    finally:
        pdf.close()
    if not pages:
        raise ImportFailed(_damaged(ValueError("0 pages")))
    try:
        return _analyse(path, pages)
    except ImportFailed:
        raise
    except Exception as e:  # noqa: BLE001 - a drawing no rule here foresaw: a message, not a traceback
        raise ImportFailed(t("import.unexpected", detail=f"{type(e).__name__}: {e}"[:160])) from None


def _analyse(path: Path, pages: list) -> list[Imported]:

    procs = read_procedures(pages)
    if not procs:
        pictures = [p.number for p in pages if p.image_area > 0.25 and len(p.words) < 80]
        if pictures:
            raise ImportFailed(t("import.scanned", pages=", ".join(map(str, pictures))))
        if not any(p.words for p in pages):
            raise ImportFailed(t("import.no_text"))
        raise ImportFailed(t("import.not_sop", pages=len(pages)))
    first = pages[0]
    header = find_header(first)
    heading = read_heading(first, header.top if header else None)
    nomor = heading.values.get("nomor", "")
    out = []
    for k, proc in enumerate(procs):
        read = {}
        for number, cols in sorted(proc.columns.items()):
            rows = [(i, r) for i, r in enumerate(proc.rows) if r.page == number]
            rows += [(i, r) for i, r in proc.pieces if r.page == number]  # a split row's part here
            read[number] = (rows, read_flow(pages[number - 1], cols, rows))
        flows: dict = {}
        for number, (rows, flow) in read.items():
            for i, _ in rows:  # a split row has a part on two pages: its symbols from both
                lanes, diamonds = flows.get(i, ((), []))
                more = [_follow(d, number, read) for d in flow.diamonds if d.row == i]
                flows[i] = (tuple(dict.fromkeys(lanes + flow.lanes.get(i, ()))), diamonds + more)
        several = len(procs) > 1
        sop_id = file_stem(nomor, heading.values.get("nama", "") or path.stem,
                           proc.caption if several else "", k + 1 if several else 0)
        out.append(build(proc, heading, flows, sop_id, path.name, several))
    return out


def _follow(diamond, page: int, read: dict):
    """A diamond whose branches run into off-page connectors: each goes on to the rows that the
    connector of the same label on the nearest later page leads to (a branch whose twin is not
    found keeps what it reached on this page, or is dropped)."""
    branches = []
    for b in diamond.branches:
        targets = set(b.targets)
        for label in b.via:
            later = [flow.entries[label] for n, (_rows, flow) in sorted(read.items()) if n > page and label in flow.entries]
            targets.update(later[0] if later else ())
        if targets:
            branches.append(b._replace(targets=tuple(sorted(targets))))
    return diamond._replace(branches=tuple(branches))


def _slug(text: str, n: int) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:n].rstrip("-")


def file_stem(nomor: str, nama: str, caption: str = "", k: int = 0) -> str:
    """A file name from the SOP's number and name (and a procedure's caption): 'sop-025-17000-2025-pengelolaan-surat-masuk'."""
    parts = [_slug(nomor, 40), _slug(nama, 50)]
    if caption:
        parts.append(_slug(caption, 50) or str(k))
    elif k:
        parts.append(str(k))
    return "-".join(p for p in parts if p) or "sop-impor"


def to_text(imported: Imported) -> str:
    """The imported SOP as the text of an SOP file: catatan_konversi first, the notes as comments."""
    from ..sopwrite import to_toml, toml_multiline

    notes = dict(imported.notes)
    catatan = notes.pop("", "")
    head = f"catatan_konversi = {toml_multiline(catatan)}\n\n" if catatan else ""
    return head + to_toml(imported.sop, notes)
