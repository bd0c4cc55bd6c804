"""The SOP AP document as immutable records. No I/O here.

The records are typing.NamedTuple rather than frozen dataclasses: every command loads them, and
a dataclass compiles its methods when the class is created (with the dataclasses import, about
half the start-up cost of `soptui summary`; see docs/benchmarks.md). A NamedTuple is as
immutable, and `_replace` stands in for dataclasses.replace.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


# A working day in totals and rough sizes (Perpres 21/2023: 37.5 hours over 5 days; docs/timing.md).
WORKING_DAY_SECONDS = 7.5 * 3600


class Standard(NamedTuple):
    """A parsed Waktu cell: e.g. '1 jam 30 menit' -> seconds=5400.

    A standard may mix parts: working `seconds` (detik/menit/jam), working `days`
    (hari, hari kerja; minggu = 5), and calendar `months` (bulan). `calendar` is True for
    'hari kalender' or basis = "kalender": plain 24-hour arithmetic. For a range such as
    '1-2 hari' the standard is the upper bound and `low` holds the lower one.
    """

    text: str
    seconds: float = 0.0
    days: float = 0.0
    months: float = 0.0
    calendar: bool = False
    low: "Standard | None" = None

    def as_calendar(self) -> "Standard":
        """The same standard measured on 24-hour arithmetic (basis = "kalender")."""
        low = self.low.as_calendar() if self.low else None
        return self._replace(calendar=True, low=low)

    def nominal_seconds(self, day_seconds: float = WORKING_DAY_SECONDS) -> float:
        """Rough size in working seconds (for sorting and totals shown before a calendar is known)."""
        day = 86400 if self.calendar else day_seconds
        return self.seconds + self.days * day + self.months * 21 * day

    def as_dict(self) -> dict:
        d = {"text": self.text, "seconds": self.seconds, "days": self.days,
             "months": self.months, "calendar": self.calendar}
        d["low"] = self.low.as_dict() if self.low else None
        return d


class Approver(NamedTuple):
    """Disahkan oleh."""

    jabatan: str
    nama: str
    nip: str
    pangkat: str | None = None


class Identity(NamedTuple):
    pemerintah: str
    unit: str
    nomor: str
    nama: str
    disahkan_oleh: Approver
    tanggal_pembuatan: date | None = None
    tanggal_revisi: date | None = None
    tanggal_efektif: date | None = None
    sub_unit: str | None = None


class Boxes(NamedTuple):
    """The six boxes of the SOP AP heading."""

    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan_perlengkapan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan_pendataan: tuple[str, ...] = ()


# The six boxes' names on the paper form, in its order.
BOX_LABELS = {
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
}


class Step(NamedTuple):
    no: int
    kegiatan: str
    pelaksana: str
    waktu: str = ""
    standard: Standard | None = None
    kelengkapan: tuple[str, ...] = ()
    output: str = ""
    keterangan: str = ""
    # Decision steps: where "ya" and "tidak" lead. `ya` None means the next step.
    ya: int | None = None
    tidak: int | None = None
    pertanyaan: str = ""
    basis: str | None = None
    pelaksana_disimpulkan: bool = False
    # A row of the flowchart may carry symbols in several lanes (linked boxes, a start terminator
    # beside a box): `pelaksana` is the first, the one asked to act; the others work with them.
    pelaksana_lain: tuple[str, ...] = ()

    @property
    def all_pelaksana(self) -> tuple[str, ...]:
        """Every role that carries out this step, the acting one first."""
        return (self.pelaksana, *self.pelaksana_lain)

    @property
    def pelaksana_text(self) -> str:
        """Those roles as one line: "Camat, Sekcam"."""
        return ", ".join(self.all_pelaksana)

    @property
    def is_decision(self) -> bool:
        return self.tidak is not None

    @property
    def sends_back(self) -> bool:
        """A decision whose "tidak" returns the work to this step or an earlier one: rework. A
        "tidak" that goes forward ("not needed: go to step 11") skips the steps between instead."""
        return self.tidak is not None and self.tidak <= self.no


class Sop(NamedTuple):
    id: str
    identity: Identity
    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    boxes: Boxes = Boxes()
    basis: str = "kerja"
    path: str | None = None
    judul_prosedur: str = ""

    def step(self, no: int) -> Step:
        for s in self.steps:
            if s.no == no:
                return s
        raise KeyError(no)

    def has_step(self, no: int) -> bool:
        return any(s.no == no for s in self.steps)

    def index_of(self, no: int) -> int:
        for i, s in enumerate(self.steps):
            if s.no == no:
                return i
        raise KeyError(no)

    def next_after(self, no: int, verdict: str | None = None) -> int | None:
        """The step that follows `no` (for a decision, given its verdict); None at the end."""
        step = self.step(no)
        if step.is_decision and verdict == "tidak":
            return step.tidak
        if step.is_decision and step.ya is not None:
            return step.ya
        i = self.index_of(no)
        return self.steps[i + 1].no if i + 1 < len(self.steps) else None

    def main_path(self) -> list[Step]:
        """Steps along the path without rework (every decision answered "ya")."""
        seen: set[int] = set()
        path: list[Step] = []
        no: int | None = self.steps[0].no if self.steps else None
        while no is not None and no not in seen:
            seen.add(no)
            path.append(self.step(no))
            no = self.next_after(no, "ya")
        return path

    def standard_total(self) -> "Standard":
        """The sum of the standards along the path without rework."""
        return total_standard([self.effective_standard(s) for s in self.main_path()])

    def effective_standard(self, step: Step) -> Standard | None:
        """The step's standard with the SOP's or step's basis applied."""
        if step.standard is None:
            return None
        basis = step.basis or self.basis
        return step.standard.as_calendar() if basis == "kalender" else step.standard


def total_standard(standards) -> Standard:
    """Sum of standards (None = no standard, skipped): parts are added unit by unit, then whole
    days of hours roll into days (7.5 working hours, or 24 for an all-calendar total), so a total
    reads "2 hari 2 jam 15 menit", never "1 hari 9 jam 45 menit"."""
    parts = [s for s in standards if s is not None]
    calendar = bool(parts) and all(s.calendar for s in parts)
    seconds = sum(s.seconds for s in parts)
    whole_days = int(round(seconds, 3) // (86400 if calendar else WORKING_DAY_SECONDS))
    seconds -= whole_days * (86400 if calendar else WORKING_DAY_SECONDS)
    return Standard(text="", seconds=seconds, days=sum(s.days for s in parts) + whole_days,
                    months=sum(s.months for s in parts), calendar=calendar)
