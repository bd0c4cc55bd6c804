"""The heading of the form: the identity block (label, value) and the six boxes.

Labels are found by their words wherever the office put them; a value is the text to the right of
its label on the same line. The approver's block runs from "Disahkan oleh" down to the SOP's name:
its first lines are the office (jabatan), the line before "NIP" the name.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from .geometry import Page
from .text import Line, inside, items, lines, squash

MONTHS = {"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
          "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
          "desember": 12}

LABELS = {
    "nomor": re.compile(r"^nomor\s+sop\b", re.I),
    "tanggal_pembuatan": re.compile(r"^(tanggal|tgl\.?)\s*pembuatan\b", re.I),
    "tanggal_revisi": re.compile(r"^(tanggal|tgl\.?)\s*revisi\b", re.I),
    "tanggal_efektif": re.compile(r"^(tanggal|tgl\.?)\s*(efektif|berlaku)\b", re.I),
    "disahkan_oleh": re.compile(r"^disahkan\s+oleh\b", re.I),
    "nama": re.compile(r"^(nama|judul)\s+sop\b", re.I),
}

BOXES = {
    "dasar_hukum": re.compile(r"^dasar\s+hukum", re.I),
    "kualifikasi_pelaksana": re.compile(r"^kualifikasi\s+pelaksana", re.I),
    "keterkaitan": re.compile(r"^keterkaitan", re.I),
    "peralatan_perlengkapan": re.compile(r"^peralatan\s*/?\s*perlengkapan", re.I),
    "peringatan": re.compile(r"^peringatan", re.I),
    "pencatatan_pendataan": re.compile(r"^pencatatan\s+dan\s+pendataan", re.I),
}


class Heading(NamedTuple):
    values: dict[str, str]  # label key -> the text printed beside it
    approver: dict[str, str]  # jabatan, nama, nip (as found; missing keys not found)
    office: list[str]  # the lines of the office block (left of the identity labels)
    boxes: dict[str, tuple[str, ...]]


def parse_date(text: str) -> date | None:
    m = re.search(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
    if m and m.group(2).lower() in MONTHS:
        try:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    m = re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def _strip_label(text: str, rx: re.Pattern) -> str:
    return re.sub(r"^\s*(AP\b)?\s*:?\s*", "", rx.sub("", text, count=1)).strip()


def read_heading(page: Page, table_top: float | None) -> Heading:
    bottom = table_top if table_top is not None else page.height
    phrases = lines([w for w in page.words if w.bottom <= bottom], gap=12)
    found: dict[str, Line] = {}
    for ln in phrases:
        for key, rx in LABELS.items():
            if key not in found and rx.match(ln.text):
                found[key] = ln
    values: dict[str, str] = {}
    for key, label in found.items():
        own = _strip_label(label.text, LABELS[key])
        beside = [ln for ln in phrases if ln.x0 > label.x1 - 1 and abs(ln.cy - label.cy) <= 3]
        beside.sort(key=lambda ln: ln.x0)
        parts = [own] + [ln.text for ln in beside]
        if key == "nama" and beside:
            # a long name wraps: the lines under the value, aligned with it, before any heading
            start, last = beside[0].x0, label.bottom
            for ln in phrases:
                if abs(ln.x0 - start) <= 4 and 0 < ln.top - last <= 6 and not _is_heading(ln.text):
                    parts.append(ln.text)
                    last = ln.bottom
        text = " ".join(parts).strip()
        values[key] = squash(re.sub(r"^:\s*", "", text))
    approver = _approver(page, found)
    office = _office(page, found, phrases)
    return Heading(values, approver, office, _boxes(page, bottom))


def _approver(page: Page, found: dict[str, Line]) -> dict[str, str]:
    label = found.get("disahkan_oleh")
    if label is None:
        return {}
    end = found["nama"].top if "nama" in found and found["nama"].top > label.top else label.bottom + 120
    block = lines([w for w in inside(page.words, label.x1 + 2, label.top - 2, page.width, end - 1)
                   if w.text != ":"])
    texts = [ln.text for ln in block]
    out: dict[str, str] = {}
    nip_at = next((i for i, x in enumerate(texts) if re.match(r"^NIP\b", x, re.I)), None)
    if nip_at is not None:
        out["nip"] = squash(re.sub(r"^NIP\.?\s*:?\s*", "", texts[nip_at], flags=re.I))
        if nip_at >= 1:
            out["nama"] = texts[nip_at - 1]
        if nip_at >= 2:
            out["jabatan"] = " ".join(texts[: nip_at - 1])
    elif texts:
        out["nama"] = texts[-1]
        if len(texts) > 1:
            out["jabatan"] = " ".join(texts[:-1])
    return {k: squash(v) for k, v in out.items() if squash(v)}


def _office(page: Page, found: dict[str, Line], phrases: list[Line]) -> list[str]:
    if not found:
        return []
    left_of = min(ln.x0 for ln in found.values())
    top = min(ln.top for ln in found.values()) - 20
    heads = [ln.top for ln in phrases if _is_heading(ln.text) and ln.top > top]
    bottom = min(heads, default=max(ln.bottom for ln in found.values()) + 30) - 1
    return [ln.text for ln in phrases if ln.x1 < left_of and top <= ln.top <= bottom]


def _is_heading(text: str) -> bool:
    return any(rx.match(text) for rx in BOXES.values())


def _boxes(page: Page, bottom: float) -> dict[str, tuple[str, ...]]:
    heads = []
    for ln in lines([w for w in page.words if w.bottom <= bottom], gap=12):
        for key, rx in BOXES.items():
            if rx.match(ln.text):
                heads.append((key, ln))
    out: dict[str, tuple[str, ...]] = {}
    for key, head in heads:
        # the box's column: from its heading's side of the page to the next heading beside it
        same_row = [h for _, h in heads if h is not head and abs(h.cy - head.cy) <= 6]
        left, right = 0.0, page.width
        for other in same_row:
            a, b = (other, head) if other.x0 < head.x0 else (head, other)
            rules = [sg.x0 for sg in page.segs if sg.vertical and a.x1 < sg.x0 < b.x0
                     and min(sg.y0, sg.y1) - 1 <= head.cy <= max(sg.y0, sg.y1) + 1]
            split = min(rules, key=lambda x: abs(x - (a.x1 + b.x0) / 2)) if rules else b.x0 - 2
            if other.x0 < head.x0:
                left = max(left, split)
            else:
                right = min(right, split)
        below = [h.top for _, h in heads if h.top > head.bottom + 2 and h.x0 < right and h.x1 > left]
        end = min(below, default=bottom) - 1
        # the box ends at the first rule under its text (not at the page's foot)
        mid = (left + right) / 2
        content = [w.cy for w in inside(page.words, left, head.bottom + 0.5, right, end)]
        rules = sorted(sg.y0 for sg in page.segs if sg.horizontal and head.bottom + 2 < sg.y0 < end
                       and min(sg.x0, sg.x1) - 1 <= mid <= max(sg.x0, sg.x1) + 1)
        end = next((r for r in rules if any(head.bottom < y < r for y in content)), end)
        words = [w for w in inside(page.words, left, head.bottom + 0.5, right, end)]
        out[key] = tuple(x for x in items(words) if x not in ("-", ":"))
    return out
