"""What the statistics say, in order, as one list of sections that every renderer draws (rich text,
Markdown, HTML), so that no format leaves a part out. Pure: plain data; labels through i18n.

A section is a Title (level 1 the document, 2 an SOP, 3 a part of it), a Line (muted: a note or a
legend; item: an entry of a list), a Table (its heads, its rows as text, the columns set to the right) or the Steps table of
one SOP, which each renderer draws with its own median-against-standard bar.
"""

from __future__ import annotations

from typing import NamedTuple

from ..durations import format_minutes, rate_text, waktu_text
from ..i18n import t
from ..messages import stats as _messages  # noqa: F401  (registers the statistics strings)
from ..safetext import one_line


class Title(NamedTuple):
    text: str
    level: int


class Line(NamedTuple):
    text: str
    muted: bool = False
    item: bool = False  # one entry of a list under a title


class Table(NamedTuple):
    heads: list[str]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()


class Steps(NamedTuple):
    block: dict


Section = Title | Line | Table | Steps


def period_text(stats: dict) -> str:
    if stats["from"] or stats["to"]:
        return t("stats.period", start=stats["from"] or "…", end=stats["to"] or "…")
    return t("stats.period_all")


def sop_text(stats: dict) -> str:
    """The SOP the statistics are limited to: its name and number when the caller gave them."""
    return one_line(stats.get("sop_name") or stats.get("sop") or "")


def named(stats: dict, loaded) -> dict:
    """`stats` naming the SOP (sopfile.Loaded, or None) they are limited to."""
    if loaded is not None:
        stats["sop_name"] = f"{loaded.sop.identity.nama} ({loaded.sop.identity.nomor})"
    return stats


def step_cells(s: dict, lang: str) -> list[str]:
    return [str(s["no"]), one_line(s["kegiatan"]), one_line(waktu_text(s["waktu"], lang, short=True)) or "—",
            str(s["attempts"]), str(s["rework"]), rate_text(s["on_time_rate"]), format_minutes(s["median_s"], lang),
            format_minutes(s["p90_s"], lang)]


STEP_KEYS = ("no", "kegiatan", "waktu", "attempts", "rework", "rate", "median", "p90")
STEP_RIGHT = frozenset({0, 3, 4, 5, 6, 7})


def step_heads() -> list[str]:
    return [t(f"stats.col.{k}") for k in STEP_KEYS]


def totals_text(block: dict) -> str:
    tot = block["totals"]
    return t("stats.totals", on_time=tot["on_time"], measured=tot["measured"], rate=rate_text(tot["on_time_rate"]),
             loops=tot["rework_loops"])


def roles_table(block: dict, lang: str) -> Table:
    heads = [t(f"stats.col.{k}") for k in ("role", "attempts", "rate", "median", "people")]
    rows = [[one_line(r["role"]), str(r["attempts"]), rate_text(r["on_time_rate"]), format_minutes(r["median_s"], lang),
             one_line(", ".join(r["people"]))] for r in block["roles"]]
    return Table(heads, rows, frozenset({1, 2, 3}))


def block_sections(block: dict, lang: str) -> list[Section]:
    parts: list[Section] = [
        Title(f"{one_line(block['nomor'])} · {one_line(block['nama'])} ({block['sop_id']})", 2),
        Line(t("stats.runs", **block["runs"])), Line(totals_text(block)), Steps(block),
        Line(t("stats.legend"), muted=True)]
    if block["slowest"]:
        parts.append(Line(t("stats.slowest", steps=", ".join(str(n) for n in block["slowest"]))))
    if block["decisions"]:
        parts.append(Title(t("stats.decisions"), 3))
        parts += [Line(t("stats.decision_line", step=d["step"], tidak=d["tidak"], target=d["target"], ya=d["ya"]),
                       item=True) for d in block["decisions"]]
    parts += [Title(t("stats.roles"), 3), roles_table(block, lang)]
    return parts


def sections(stats: dict, lang: str) -> list[Section]:
    """Everything the statistics of a period say, in the order they are read."""
    parts: list[Section] = [Title(t("stats.title"), 1), Line(period_text(stats))]
    if stats.get("sop"):  # limited to one SOP: said, above all when it has no runs and others do
        parts.append(Line(t("stats.sop_only", sop=sop_text(stats))))
    if not stats["sops"]:
        return parts + [Line(t("stats.none_sop" if stats.get("sop") else "stats.none"))]
    for block in stats["sops"]:
        parts += block_sections(block, lang)
    if any(b["runs"]["cancelled"] for b in stats["sops"]):
        parts.append(Line(t("stats.cancelled_note"), muted=True))
    return parts
