"""The checks of an SOP file's data (parsed TOML) while the model is built from it: every
finding names the file, the step and the field; errors stop that file, warnings (odd but real
data) do not (sopfile.parse_data says which). Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import TypeGuard

from .durations import parse_waktu
from .errors import DurationError, Problem, did_you_mean
from .i18n import t
from .limits import (MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_PROBLEMS, MAX_ROLES, MAX_STEP_NO,
                     MAX_STEPS, MAX_TEXT_CHARS)
from .messages import limits as _limits_messages  # noqa: F401  (registers the bounds' strings)
from .messages import sopfile as _messages  # noqa: F401  (registers the SOP file strings)
from .model import BOX_LABELS, Approver, Boxes, Identity, Sop, Step
from .sopguard import clip_text, missing_runs, quote_value, runs_text, value_kind

BOX_KEYS = tuple(BOX_LABELS)
TOP_KEYS = ("basis", "judul_prosedur", "catatan_konversi", "pelaksana", *BOX_KEYS,
            "identitas", "langkah")
IDENTITY_KEYS = ("pemerintah", "unit", "sub_unit", "nomor", "nama", "tanggal_pembuatan",
                 "tanggal_revisi", "tanggal_efektif", "disahkan_oleh")
IDENTITY_REQUIRED = ("pemerintah", "unit", "nomor", "nama", "disahkan_oleh")
APPROVER_KEYS = ("jabatan", "nama", "nip", "pangkat")
APPROVER_REQUIRED = ("jabatan", "nama", "nip")
STEP_KEYS = ("no", "kegiatan", "pelaksana", "pelaksana_disimpulkan", "kelengkapan", "waktu", "tidak_diukur",
             "output", "keterangan", "pertanyaan", "ya", "tidak", "basis")
BASES = ("kerja", "kalender")


class Validator:
    """Collects problems while building the model; never raises on bad data."""

    def __init__(self, where: str):
        self.where = where
        self.problems: list[Problem] = []
        self.errors = self.dropped = 0  # errors past MAX_PROBLEMS are only counted

    @property
    def full(self) -> bool:
        return self.errors >= MAX_PROBLEMS

    def err(self, msg: str, *, step: int | None = None, field: str | None = None) -> None:
        if self.full:
            self.dropped += 1
            return
        self.errors += 1
        self.problems.append(Problem(self.where, msg, step=step, field=field))

    def warn(self, msg: str, *, step: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(self.where, msg, step=step, field=field, severity="warning"))

    def unknown_keys(self, table: dict, allowed, prefix: str, step: int | None = None) -> None:
        for key in table:
            if key not in allowed:
                hint = "" if self.full or len(key) > 100 else did_you_mean(key, allowed)
                self.err(t("sop.unknown_key", hint=hint), step=step, field=prefix + clip_text(key, 40))

    def text(self, table: dict, key: str, prefix: str = "", *, required: bool = False,
             step: int | None = None, limit: int = MAX_TEXT_CHARS) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.err(t("sop.missing"), step=step, field=prefix + key)
            return ""
        if not isinstance(value, str):
            self.err(t("sop.not_text", kind=value_kind(value)), step=step, field=prefix + key)
            return ""
        if len(value) > limit:
            self.err(t("sop.text_too_long", n=len(value), max=limit), step=step, field=prefix + key)
            return ""
        if required and not value.strip():
            self.err(t("sop.empty"), step=step, field=prefix + key)
        return value.strip()

    def texts(self, table: dict, key: str, prefix: str = "", step: int | None = None) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.err(t("sop.not_texts"), step=step, field=prefix + key)
            return ()
        if len(value) > MAX_LIST_ITEMS:
            self.err(t("sop.too_many_items", n=len(value), max=MAX_LIST_ITEMS), step=step, field=prefix + key)
            return ()
        for i, x in enumerate(value, start=1):
            if len(x) > MAX_TEXT_CHARS:
                self.err(t("sop.item_too_long", i=i, n=len(x), max=MAX_TEXT_CHARS), step=step, field=prefix + key)
                return ()
        return tuple(x.strip() for x in value if x.strip())

    def date(self, table: dict, key: str, prefix: str) -> date | None:
        value = table.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and len(value) < 40:
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.err(t("sop.bad_date", value=quote_value(value)), field=prefix + key)
        return None

    def basis(self, table: dict, step: int | None = None) -> str | None:
        value = table.get("basis")
        if value is None:
            return None
        if value not in BASES:
            hint = did_you_mean(value, BASES) if isinstance(value, str) and len(value) < 100 else ""
            self.err(t("sop.bad_basis", value=quote_value(value), hint=hint), step=step, field="basis")
            return None
        return value

    # -- the document --------------------------------------------------------------------

    def sop(self, data: dict, sop_id: str) -> Sop | None:
        self.unknown_keys(data, TOP_KEYS, "")
        identity = self.identity(data.get("identitas"))
        roles = self.roles(data.get("pelaksana"))
        boxes = Boxes(**{k: self.texts(data, k) for k in BOX_KEYS})
        basis = self.basis(data) or "kerja"
        steps = self.steps(data.get("langkah"), roles)
        judul = self.text(data, "judul_prosedur")
        self.text(data, "catatan_konversi", limit=MAX_NOTE_CHARS)
        if identity is None or steps is None:
            return None
        return Sop(id=sop_id, identity=identity, roles=roles, steps=steps, boxes=boxes,
                   basis=basis, path=self.where, judul_prosedur=judul)

    def identity(self, table) -> Identity | None:
        if not isinstance(table, dict):
            self.err(t("sop.no_identity") if table is None else t("sop.not_table"),
                     field="identitas")
            return None
        p = "identitas."
        self.unknown_keys(table, IDENTITY_KEYS, p)
        values = {k: self.text(table, k, p, required=k in IDENTITY_REQUIRED)
                  for k in IDENTITY_KEYS if k not in ("disahkan_oleh",) and not k.startswith("tanggal")}
        dates = {k: self.date(table, k, p) for k in IDENTITY_KEYS if k.startswith("tanggal")}
        made, revised, effective = (dates["tanggal_pembuatan"], dates["tanggal_revisi"],
                                    dates["tanggal_efektif"])
        if made and effective and effective < made:
            self.warn(t("sop.effective_before_made", effective=effective, made=made),
                      field=p + "tanggal_efektif")
        if made and revised and revised < made:
            self.warn(t("sop.revised_before_made", revised=revised, made=made),
                      field=p + "tanggal_revisi")
        approver = self.approver(table.get("disahkan_oleh"))
        if approver is None:
            return None
        return Identity(pemerintah=values["pemerintah"], unit=values["unit"], nomor=values["nomor"],
                        nama=values["nama"], sub_unit=values["sub_unit"] or None,
                        disahkan_oleh=approver, **dates)

    def approver(self, table) -> Approver | None:
        p = "identitas.disahkan_oleh."
        if not isinstance(table, dict):
            self.err(t("sop.no_approver") if table is None else t("sop.not_table"),
                     field="identitas.disahkan_oleh")
            return None
        self.unknown_keys(table, APPROVER_KEYS, p)
        v = {k: self.text(table, k, p, required=k in APPROVER_REQUIRED) for k in APPROVER_KEYS}
        return Approver(jabatan=v["jabatan"], nama=v["nama"], nip=v["nip"], pangkat=v["pangkat"] or None)

    def roles(self, value) -> tuple[str, ...]:
        if value is None:
            self.err(t("sop.no_roles"), field="pelaksana")
            return ()
        if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
            self.err(t("sop.bad_roles"), field="pelaksana")
            return ()
        if len(value) > MAX_ROLES:
            self.err(t("sop.too_many_roles", n=len(value), max=MAX_ROLES), field="pelaksana")
            return ()
        for i, x in enumerate(value, start=1):
            if len(x) > MAX_NAME_CHARS:
                self.err(t("sop.item_too_long", i=i, n=len(x), max=MAX_NAME_CHARS), field="pelaksana")
                return ()
        roles = tuple(x.strip() for x in value)
        for r, n in Counter(roles).items():
            if n > 1:
                self.err(t("sop.role_twice", role=r), field="pelaksana")
        return roles

    def steps(self, value, roles: tuple[str, ...]) -> tuple[Step, ...] | None:
        if not isinstance(value, list) or not value:
            self.err(t("sop.no_steps") if value is None else t("sop.not_array"),
                     field="langkah")
            return None
        if len(value) > MAX_STEPS:
            self.err(t("sop.too_many_steps", n=len(value), max=MAX_STEPS), field="langkah")
            return None
        steps: list[Step] = []
        for i, table in enumerate(value, start=1):
            step = self.step(table, i, roles)
            if step is not None:
                steps.append(step)
        if len(steps) != len(value):
            return None
        self.numbering(steps)
        self.targets(steps)
        return tuple(steps)

    def step(self, table, position: int, roles: tuple[str, ...]) -> Step | None:
        if not isinstance(table, dict):
            self.err(t("sop.entry_not_table", position=position), field="langkah")
            return None
        no = table.get("no")
        if not _is_step_no(no):
            self.err(t("sop.bad_no", position=position, max=MAX_STEP_NO) if no is None
                     else t("sop.bad_no_got", position=position, max=MAX_STEP_NO, no=quote_value(no)), field="no")
            return None
        self.unknown_keys(table, STEP_KEYS, "", step=no)
        kegiatan = self.text(table, "kegiatan", required=True, step=no)
        pelaksana, *lain = self.step_roles(table, no, roles)
        waktu = table.get("waktu", "")
        standard = None
        if isinstance(waktu, (int, float)) and not isinstance(waktu, bool) and 0 < waktu < 10**6:
            self.err(t("sop.waktu_unit", waktu=quote_value(waktu)), step=no, field="waktu")
            waktu = ""
        elif not isinstance(waktu, str):
            self.err(t("sop.waktu_not_text", kind=value_kind(waktu)), step=no, field="waktu")
            waktu = ""
        elif not self.flag(table, "tidak_diukur", no):
            try:
                standard = parse_waktu(waktu)
            except DurationError as exc:
                self.err(str(exc), step=no, field="waktu")
        flag = self.flag(table, "pelaksana_disimpulkan", no)
        ya, tidak = (self.target(table, k, no) for k in ("ya", "tidak"))
        if ya is not None and tidak is None:
            self.err(t("sop.ya_without_tidak"), step=no, field="ya")
        return Step(no=no, kegiatan=kegiatan, pelaksana=pelaksana, waktu=waktu.strip(), standard=standard,
                    kelengkapan=self.texts(table, "kelengkapan", step=no),
                    output=self.text(table, "output", step=no),
                    keterangan=self.text(table, "keterangan", step=no),
                    pertanyaan=self.text(table, "pertanyaan", step=no),
                    ya=ya, tidak=tidak, basis=self.basis(table, no), pelaksana_disimpulkan=flag,
                    pelaksana_lain=tuple(lain))

    def flag(self, table: dict, key: str, no: int) -> bool:
        """A true/false key of a step (absent = false)."""
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.err(t("sop.not_bool"), step=no, field=key)
            return False
        return value

    def step_roles(self, table: dict, no: int, roles: tuple[str, ...]) -> list[str]:
        """A step's pelaksana: one role, or a list of roles (the acting one first)."""
        value = table.get("pelaksana")
        if isinstance(value, list):
            names = self.texts(table, "pelaksana", step=no)
            if not names:
                self.err(t("sop.empty"), step=no, field="pelaksana")
                return [""]
        else:
            names = (self.text(table, "pelaksana", required=True, step=no),)
        for name in names:
            if name and roles and name not in roles:
                hint = did_you_mean(name, roles) if len(name) <= MAX_NAME_CHARS else ""
                self.err(t("sop.unknown_role", role=clip_text(name), hint=hint, roles=", ".join(roles)),
                         step=no, field="pelaksana")
        twice = sorted({n for n in names if names.count(n) > 1})
        for name in twice:
            self.err(t("sop.role_twice", role=clip_text(name)), step=no, field="pelaksana")
        return list(names)

    def target(self, table: dict, key: str, no: int) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if not _is_step_no(value):
            self.err(t("sop.not_step_number", value=quote_value(value), max=MAX_STEP_NO), step=no, field=key)
            return None
        return value

    def numbering(self, steps: list[Step]) -> None:
        numbers = [s.no for s in steps]
        duplicates = sorted(n for n, count in Counter(numbers).items() if count > 1)
        for n in duplicates:
            self.err(t("sop.duplicate_no"), step=n, field="no")
        if duplicates:
            return  # a gap next to a duplicate is the same mistake; report it once
        gaps = missing_runs(sorted(numbers))
        if gaps:  # printed numbering that skips a number is kept as printed, and pointed out
            self.warn(t("sop.gap", last=max(numbers), missing=runs_text(gaps)), field="no")
        if numbers != sorted(numbers):
            self.err(t("sop.order"), field="no")

    def targets(self, steps: list[Step]) -> None:
        known = {s.no for s in steps}
        for s in steps:
            if s.tidak is not None:
                if s.tidak not in known:
                    self.err(t("sop.target_missing", target=s.tidak), step=s.no, field="tidak")
                elif s.tidak > s.no and s.tidak == (s.ya if s.ya is not None else _next_no(steps, s.no)):
                    # Forward is allowed ("not needed: go to step 11"), but to where "ya" goes too
                    # it is no decision at all.
                    self.err(t("sop.tidak_same_as_ya", target=s.tidak), step=s.no, field="tidak")
            if s.ya is not None:
                if s.ya not in known:
                    self.err(t("sop.target_missing", target=s.ya), step=s.no, field="ya")
                elif s.ya <= s.no:
                    self.err(t("sop.ya_backward", target=s.ya), step=s.no, field="ya")


def _next_no(steps: list[Step], no: int) -> int | None:
    later = [s.no for s in steps if s.no > no]
    return min(later) if later else None


def _is_step_no(value) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_STEP_NO
