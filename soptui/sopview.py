"""An SOP as a rich document that resembles the paper SOP AP, and as plain data.

Shared by `soptui show` and the TUI's SOP screen. Labels of the SOP AP form stay in the form's own
words (Nomor SOP, Dasar Hukum, ...) in both languages: they are the document, not the interface.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from .durations import format_standard
from .i18n import t
from .messages import sopview as _messages  # noqa: F401
from .model import BOX_LABELS, Sop, Step
from .safetext import text as literal  # SOP text is shown as written: no markup, controls visible
from .safetext import visible

# Flowchart symbols of the SOP AP: capsule = start/end, rectangle = process, diamond = decision.
SYMBOL_TERMINAL, SYMBOL_PROCESS, SYMBOL_DECISION = "⬭", "▭", "◇"


def _date(d) -> str:
    return d.isoformat() if d else "—"


def identity_table(sop: Sop) -> Table:
    ident = sop.identity
    head = literal(ident.pemerintah.upper() + "\n", style="bold")
    head.append(visible(ident.unit.upper()), style="bold")
    if ident.sub_unit:
        head.append("\n" + visible(ident.sub_unit))
    fields = Table.grid(padding=(0, 1))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()
    approver = ident.disahkan_oleh
    signed = literal(approver.jabatan + "\n")
    signed.append(visible(approver.nama), style="bold underline")
    if approver.pangkat:
        signed.append("\n" + visible(approver.pangkat))
    signed.append(f"\nNIP. {visible(approver.nip)}")
    for label, value in (("Nomor SOP", literal(ident.nomor)), ("Tgl. Pembuatan", _date(ident.tanggal_pembuatan)),
                         ("Tgl. Revisi", _date(ident.tanggal_revisi)),
                         ("Tgl. Efektif", _date(ident.tanggal_efektif)), ("Disahkan oleh", signed),
                         ("Nama SOP", literal(ident.nama, style="bold"))):
        fields.add_row(label, value)
    outer = Table(box=box.SQUARE, show_header=False, expand=True)
    outer.add_column(ratio=2)
    outer.add_column(ratio=3)
    outer.add_row(head, fields)
    return outer


def boxes_table(sop: Sop) -> Table:
    grid = Table(box=box.SQUARE, show_header=False, expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    keys = list(BOX_LABELS)
    for left, right in zip(keys[::2], keys[1::2]):
        grid.add_row(_box(sop, left), _box(sop, right))
    return grid


def _box(sop: Sop, key: str) -> Text:
    text = literal(BOX_LABELS[key].upper() + ":", style="bold")
    items = getattr(sop.boxes, key)
    if not items:
        text.append("\n—", style="dim")
    for i, item in enumerate(items, start=1):
        text.append(f"\n{i}. {visible(item)}" if len(items) > 1 else f"\n{visible(item)}")
    return text


def step_symbol(sop: Sop, step: Step) -> str:
    if step.is_decision:
        return SYMBOL_DECISION
    if step.no in (sop.steps[0].no, sop.steps[-1].no):
        return SYMBOL_TERMINAL
    return SYMBOL_PROCESS


def route_text(sop: Sop, step: Step) -> str:
    if not step.is_decision:
        return ""
    ya = step.ya if step.ya is not None else sop.next_after(step.no, "ya")
    return t("sop.route", ya=ya if ya is not None else t("sop.end"), tidak=step.tidak)


def steps_table(sop: Sop, *, role_columns: bool = True) -> Table:
    """The step table: No, Kegiatan, one Pelaksana column per role, Mutu Baku, Keterangan."""
    # The paper form's grid where there is room; narrow, only the lines between rows, so that the
    # columns keep whole words ("Disposisi", "tidak → 5").
    table = Table(box=box.SQUARE if role_columns else box.HORIZONTALS, expand=True, show_lines=True,
                  title=literal(sop.judul_prosedur) if sop.judul_prosedur else None, padding=(0, 1) if role_columns else (0, 0))
    table.add_column("No", justify="right", no_wrap=True)
    table.add_column("Kegiatan", ratio=4, min_width=14)
    if role_columns:
        for role in sop.roles:
            table.add_column(literal(role), justify="center", ratio=1, overflow="fold")
        text: dict[str, Any] = {"ratio": 2}
        remark_width: dict[str, Any] = {"ratio": 1, "min_width": 8}
    else:  # fixed widths that hold whole words; Kegiatan takes the rest
        table.add_column("Pelaksana", width=10)
        text, remark_width = {"width": 12}, {"width": 9}
    table.add_column("Kelengkapan", **text, overflow="fold")
    table.add_column("Waktu", width=9)
    table.add_column("Output", **text, overflow="fold")
    table.add_column("Ket.", **remark_width, overflow="fold")
    for step in sop.steps:
        activity = literal(step.kegiatan)
        if step.pertanyaan:
            activity.append(f"\n{visible(step.pertanyaan)}", style="italic")
        symbol = step_symbol(sop, step)
        if role_columns:
            marks = [literal(symbol + ("*" if step.pelaksana_disimpulkan else ""), style="bold cyan")
                     if role in step.all_pelaksana else "" for role in sop.roles]
        else:
            marks = [literal(f"{symbol} {step.pelaksana_text}" + ("*" if step.pelaksana_disimpulkan else ""))]
        remark = "\n".join(x for x in (step.keterangan, route_text(sop, step)) if x)
        waktu = step.waktu or "—"
        if step.basis == "kalender" or (step.standard and sop.basis == "kalender"):
            waktu += " (kalender)"
        table.add_row(str(step.no), activity, *marks, literal("\n".join(f"• {k}" for k in step.kelengkapan)),
                      literal(waktu), literal(step.output), literal(remark))
    return table


def legend(sop: Sop) -> Text:
    text = literal(t("sop.legend", terminal=SYMBOL_TERMINAL, process=SYMBOL_PROCESS,
                  decision=SYMBOL_DECISION), style="dim")
    if any(s.pelaksana_disimpulkan for s in sop.steps):
        text.append("  " + t("sop.inferred"), style="dim")
    return text


def sop_document(sop: Sop, width: int | None = None) -> Group:
    # Many roles do not fit beside the text at 80 columns: name the role in one column instead.
    narrow = width is not None and width < 100 + 8 * len(sop.roles)
    return Group(identity_table(sop), boxes_table(sop), steps_table(sop, role_columns=not narrow),
                 legend(sop))


def library_table(sops: list[Sop], total_text, width: int = 80) -> Table:
    """The library; nomor and unit only where they fit beside the rest."""
    wide = width >= 120
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("ID", no_wrap=True)
    if wide:
        table.add_column("Nomor", no_wrap=True)
    table.add_column(t("sop.col.nama"), ratio=2)
    if wide:
        table.add_column("Unit", ratio=2)
    table.add_column(t("sop.col.steps"), justify="right")
    table.add_column(t("sop.col.total"), no_wrap=True)
    for sop in sops:
        extra = (sop.identity.nomor,) if wide else ()
        unit = (sop.identity.unit,) if wide else ()
        extra, unit = tuple(map(literal, extra)), tuple(map(literal, unit))
        table.add_row(literal(sop.id), *extra, literal(sop.identity.nama), *unit, str(len(sop.steps)),
                      total_text(sop))
    return table


def sop_as_dict(sop: Sop) -> dict:
    """The parsed model as JSON-ready data, each step with its parsed standard."""
    data = _plain(sop)
    data["steps"] = []
    for step in sop.steps:
        item = _plain(step)
        effective = sop.effective_standard(step)
        item["standard"] = effective.as_dict() if effective else None
        item["standard_text"] = format_standard(effective, "id")
        item["is_decision"] = step.is_decision
        data["steps"].append(item)
    data["main_path"] = [s.no for s in sop.main_path()]
    return data


def _plain(value):
    """Records (named tuples) as dicts, all the way down; tuples as lists."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
