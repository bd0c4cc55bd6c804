"""How a run's index row is named in the lists: home's runs, the due view and `soptui due`.
Pure and light (nothing but the row): home's table refers to these before its first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .runrow import RunRow


def title_text(row: RunRow) -> str:
    return row["title"] or "—"


def sop_text(row: RunRow) -> str:
    """What tells runs of the same title apart: their SOP and its unit."""
    return f"{row['sop_nama']} · {row['sop_unit']}" if row["sop_unit"] else row["sop_nama"]


def step_text(row: RunRow) -> str:
    """The current step: "4. Menyusun konsep Renja"."""
    return f"{row['current_step']}. {row['current_kegiatan']}"


def who_text(row: RunRow, person: str) -> str:
    """Who should act on the current step: its role, and the person when one is known."""
    return f"{row['current_role']} · {person}" if person else row["current_role"]


def due_moment(row: RunRow) -> str | None:
    """The current step's due moment as people read it (calendar.shown_due), else as stored."""
    return row["current_due_shown"] or row["current_due_at"]
