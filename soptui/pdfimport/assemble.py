"""A procedure read off the pages, made into an SOP: every inference noted, every doubt listed.

The notes become comments in the written file (keyed by the field paths `soptui check` reports);
`catatan_konversi` says in a few lines what the importer did; `unsure` lists, for the person who
reviews the file, every field the importer could not read for certain.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..durations import parse_waktu
from ..errors import DurationError
from ..i18n import t
from ..limits import MAX_NAME_CHARS, MAX_ROLES
from ..model import Approver, Boxes, Identity, Sop, Step
from .flow import Diamond
from .identity import Heading, parse_date
from .table import Procedure, Row
from .text import squash

YA = re.compile(r"^(ya|y|yes|iya|sesuai|setuju|lengkap|benar|valid|ok)$", re.I)
TIDAK = re.compile(r"^(tidak|t|tdk|no|n|bukan|belum)$", re.I)


class StepReading(NamedTuple):
    """What the page shows for one row, before it is made into a Step (compared with answer keys)."""

    printed: str
    waktu: str
    waktu_shared: bool
    lanes: tuple[str, ...]
    diamonds: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...]  # lane, question, branches


class Imported(NamedTuple):
    sop: Sop
    notes: dict[str, str]
    unsure: list[str]
    readings: list[StepReading]


class _Notes:
    def __init__(self) -> None:
        self.notes: dict[str, str] = {}
        self.unsure: list[str] = []
        self.catatan: list[str] = []

    def note(self, path: str, text: str, unsure: bool = True) -> None:
        # one comment paragraph each, so a review mark always starts a line `soptui check` reads
        self.notes[path] = f"{self.notes[path]}\n{text}" if path in self.notes else text
        if unsure:
            self.unsure.append(f"{path}: {text}")


def _clip(text: str, n: int = MAX_NAME_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def build(proc: Procedure, heading: Heading, flows: dict[int, tuple[tuple[int, ...], list[Diamond]]],
          sop_id: str, source: str, several: bool) -> Imported:
    """`flows` maps a row index to the lane indexes of its symbols and the diamonds standing in it."""
    n = _Notes()
    roles = _roles(proc, n)
    identity = _identity(heading, n)
    boxes = Boxes(**{k: heading.boxes.get(k, ()) for k in Boxes._fields})
    numbers = _numbers(proc.rows, n)
    spans = _spans(proc.rows, numbers)
    steps: list[Step] = []
    readings: list[StepReading] = []
    for i, row in enumerate(proc.rows):
        no = numbers[i]
        lanes, diamonds = flows.get(i, ((), []))
        names = tuple(roles[k] for k in lanes if k < len(roles))
        readings.append(StepReading(row.printed, row.waktu, row.waktu_shared, names, tuple(
            (roles[d.lane] if d.lane < len(roles) else "", d.question,
             tuple((b.label, tuple(proc.rows[x].printed for x in b.targets)) for b in d.branches))
            for d in diamonds)))
        if row.split:
            n.catatan.append(t("import.note.split", no=no))
        for d in diamonds:
            for b in d.branches:
                if b.via:
                    n.catatan.append(t("import.note.via", no=no, label=b.label or t("import.no_label"),
                                       connector=", ".join(b.via), target="/".join(str(numbers[x]) for x in b.targets)))
        step = _step(row, no, names, steps, n, spans[i])
        steps.append(_decision(step, i, diamonds, proc.rows, numbers, roles, n))
    n.catatan.insert(0, t("import.note.source", file=source))
    judul = proc.caption if several else ""
    sop = Sop(id=sop_id, identity=identity, roles=roles, steps=tuple(steps), boxes=boxes, judul_prosedur=judul)
    catatan = "\n".join(n.catatan)
    return Imported(sop, {**n.notes, "": catatan}, n.unsure, readings)


def _roles(proc: Procedure, n: _Notes) -> tuple[str, ...]:
    roles: list[str] = []
    for i, name in enumerate(proc.lane_names):
        name = _clip(squash(name)) or t("import.lane_unnamed", n=i + 1)
        if not squash(proc.lane_names[i]):
            n.note("pelaksana", t("import.unsure.lane_unnamed", n=i + 1))
        while name in roles:
            name = f"{name} ({i + 1})"
        roles.append(name)
    if len(roles) > MAX_ROLES:
        n.note("pelaksana", t("import.unsure.too_many_lanes", n=len(roles), max=MAX_ROLES))
        roles = roles[:MAX_ROLES]
    return tuple(roles)


def _identity(h: Heading, n: _Notes) -> Identity:
    p = "identitas."
    v = dict(h.values)
    office = [squash(x) for x in h.office if squash(x)]
    if len(office) >= 2:
        pemerintah, unit = " ".join(office[:-1]), office[-1]
        n.note(p + "unit", t("import.note.office", lines=" / ".join(office)), unsure=False)
    else:
        pemerintah = unit = office[0] if office else ""
    for key, value in (("pemerintah", pemerintah), ("unit", unit)):
        if not value:
            n.note(p + key, t("import.unsure.missing"))
    missing = t("import.placeholder")
    nomor = v.get("nomor") or missing
    nama = v.get("nama") or missing
    for key in ("nomor", "nama"):
        if not v.get(key):
            n.note(p + key, t("import.unsure.missing"))
    dates: dict[str, date | None] = {}
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        text = v.get(key, "")
        d = parse_date(text)
        dates[key] = d
        if d is None and text not in ("", "-"):
            n.note(p + key, t("import.unsure.date", text=text))
        elif d is None and key != "tanggal_revisi":
            n.note(p + key, t("import.unsure.missing"))
    a = h.approver
    q = p + "disahkan_oleh."
    jabatan = a.get("jabatan") or v.get("disahkan_oleh") or missing
    for key in ("jabatan", "nama", "nip"):
        if not a.get(key) and not (key == "jabatan" and v.get("disahkan_oleh")):
            n.note(q + key, t("import.unsure.missing_nip") if key == "nip" else t("import.unsure.missing"))
    approver = Approver(jabatan=jabatan, nama=a.get("nama") or missing, nip=a.get("nip") or missing)
    return Identity(pemerintah=pemerintah or missing, unit=unit or missing, nomor=nomor, nama=nama,
                    disahkan_oleh=approver, tanggal_pembuatan=dates["tanggal_pembuatan"],
                    tanggal_revisi=dates["tanggal_revisi"], tanggal_efektif=dates["tanggal_efektif"])


def _numbers(rows: list[Row], n: _Notes) -> list[int]:
    """Step numbers as printed; a number printed twice (or out of order) gets the next free one."""
    out: list[int] = []
    for row in rows:
        no = row.no
        if out and no <= out[-1]:
            new = out[-1] + 1
            n.catatan.append(t("import.note.renumbered", printed=row.printed, no=new))
            n.note(f"langkah.{new}", t("import.unsure.renumbered", printed=row.printed, no=new))
            no = new
        out.append(no)
    gaps = [(a, b) for a, b in zip(out, out[1:]) if b > a + 1]
    for a, b in gaps:
        n.catatan.append(t("import.note.gap", after=a, next=b))
    return out


def _spans(rows: list[Row], numbers: list[int]) -> list[dict[str, tuple[int, int]]]:
    """Per row, for each column whose cell is merged over it and others: (first, last) step."""
    out: list[dict[str, tuple[int, int]]] = [{} for _ in rows]
    for name in ("waktu", "kelengkapan", "output", "keterangan"):
        start = 0
        for i, row in enumerate(rows + [None]):  # type: ignore[list-item]
            if row is not None and (row.waktu_shared if name == "waktu" else name in row.shared):
                continue
            if i - start > 1:  # rows start..i-1 share one cell
                for k in range(start, i):
                    out[k][name] = (numbers[start], numbers[i - 1])
            start = i
    return out


def _step(row: Row, no: int, names: tuple[str, ...], done: list[Step], n: _Notes,
          spans: dict[str, tuple[int, int]]) -> Step:
    p = f"langkah.{no}."
    kegiatan = row.kegiatan or t("import.placeholder")
    if not row.kegiatan:
        n.note(p + "kegiatan", t("import.unsure.missing"))
    inferred = False
    if not names:
        names = (done[-1].pelaksana,) if done else ()
        inferred = True
        n.note(p + "pelaksana", t("import.unsure.no_symbol"))
    pelaksana, *lain = names or ("?",)
    if len(names) > 1:
        n.note(p + "pelaksana", t("import.note.several", lanes=", ".join(names)), unsure=False)
    waktu, standard = row.waktu, None
    first, last = spans.get("waktu", (no, no))
    if row.waktu_shared:  # measured once, on the span's first step (docs/sop-format.md says why)
        n.note(p + "waktu", t("import.unsure.shared_cell", text=row.waktu, first=first))
        waktu = ""
    elif last != no:
        n.note(p + "waktu", t("import.unsure.span_cell", text=row.waktu, first=first, last=last))
        n.catatan.append(t("import.note.shared_cell", first=first, last=last, text=row.waktu))
    fields: dict = {"kelengkapan": row.kelengkapan, "output": row.output, "keterangan": row.keterangan}
    for name in row.shared:  # read whole from the merged cell; it stands on the span's first step
        fields[name] = () if name == "kelengkapan" else ""
        n.note(p + name, t("import.unsure.shared_other", column=t(f"import.column.{name}"),
                           first=spans.get(name, (no, no))[0]))
    if waktu and waktu != "-":
        try:
            standard = parse_waktu(waktu)
        except DurationError:
            n.note(p + "waktu", t("import.unsure.not_duration", text=waktu))
            n.catatan.append(t("import.note.not_duration", no=no, text=waktu))
    elif not row.waktu_shared:
        n.note(p + "waktu", t("import.unsure.no_waktu"))
    if waktu == "-":
        waktu = ""
    return Step(no=no, kegiatan=kegiatan, pelaksana=pelaksana, pelaksana_lain=tuple(lain), waktu=waktu,
                standard=standard, pelaksana_disimpulkan=inferred, **fields)


def _decision(step: Step, i: int, diamonds: list[Diamond], rows: list[Row], numbers: list[int],
              roles: tuple[str, ...], n: _Notes) -> Step:
    """The step's decision from the diamond whose arrows leave its row (the others are noted)."""
    if not diamonds:
        return step
    p = f"langkah.{step.no}."

    def leaving(d: Diamond) -> int:
        return sum(1 for b in d.branches if any(x != i for x in b.targets))

    main = max(diamonds, key=leaving)
    if len(diamonds) > 1:  # one step, one decision: which one is the importer's choice
        n.note(p + "tidak", t("import.unsure.chosen_diamond", n=len(diamonds), question=main.question or "?"))
    for d in diamonds:
        if d is not main:
            n.note(p + "pertanyaan", t("import.unsure.other_diamond", question=d.question or "?",
                                       branches=_branches_text(d, numbers)))
    question = squash(main.question)
    ya = [b for b in main.branches if YA.match(b.label)]
    tidak = [b for b in main.branches if TIDAK.match(b.label)]
    other = [b for b in main.branches if b not in ya and b not in tidak]
    if other or not ya or not tidak:
        # no Ya/Tidak pair: the branch going back (if one does) is taken as "tidak", and flagged
        back = [b for b in main.branches if min(b.targets) <= i]
        on = [b for b in main.branches if b not in back]
        if len(main.branches) == 2 and len(back) == 1 and len(on) == 1:
            ya, tidak = on, back
            n.note(p + "tidak", t("import.unsure.unlabelled", branches=_branches_text(main, numbers)))
        else:
            n.note(p + "pertanyaan", t("import.unsure.no_pair", branches=_branches_text(main, numbers)))
            return step._replace(pertanyaan=question)
    ya_to = numbers[min(ya[0].targets)]
    tidak_to = numbers[min(tidak[0].targets)]
    next_no = numbers[i + 1] if i + 1 < len(numbers) else None
    # A "tidak" may go back (rework) or forward (skipping steps); a "ya" only forward, and not
    # where "tidak" goes: anything else the format cannot say, so a person decides.
    if ya_to < step.no or tidak_to == (next_no if ya_to in (step.no, next_no) else ya_to):
        n.note(p + "pertanyaan", t("import.unsure.ya_back", branches=_branches_text(main, numbers)))
        return step._replace(pertanyaan=question)
    if not question:
        n.note(p + "pertanyaan", t("import.unsure.no_question"))
    return step._replace(pertanyaan=question,
                         ya=None if ya_to == next_no or ya_to == step.no else ya_to, tidak=tidak_to)


def _branches_text(d: Diamond, numbers: list[int]) -> str:
    return ", ".join(f"{b.label or t('import.no_label')} → {'/'.join(str(numbers[x]) for x in b.targets)}"
                     for b in d.branches) or "-"
