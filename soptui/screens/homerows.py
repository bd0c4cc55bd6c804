"""The home screen's rows: what each column of the SOP library and of the run list shows.

Every run column comes from the run's index row (runrow.RunRow): nothing is folded for the list.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..i18n import get_lang, t
from ..rowtext import sop_text, step_text, title_text
from ..widgets.fittedtable import cell

if TYPE_CHECKING:
    from ..runrow import RunRow


def sop_cells(sop) -> list:
    from ..durations import format_standard
    total = sop.standard_total()
    return [cell(sop.identity.nomor), cell(sop.identity.nama), cell(sop.identity.unit), cell(len(sop.steps)),
            cell(format_standard(total, get_lang(), short=True))]


def late_text(row: RunRow, now: datetime) -> str:
    """Late steps of a run (actions.late_count): "—" for a damaged run, "…" until measured."""
    if row.get("status") == "damaged":
        return "—"
    from ..actions import late_count  # the rules load after the first paint, with the rows
    late = late_count(row, now)
    return "…" if late is None else str(late)


def current_text(row: RunRow) -> str:
    if row["damaged"]:  # why: on the line under the table (the path alone would fill this cell)
        return t("status.damaged")
    if row["status"] == "in_progress":
        return step_text(row)
    return t(f"status.{row['status']}")


def run_cells(row: RunRow, now: datetime, tz) -> list:
    style = "bold red" if row["damaged"] else "" if row["status"] == "in_progress" else "dim"
    current = cell(current_text(row), style)
    late = late_text(row, now)
    updated = row["updated_at"]
    from ..runrow import list_moment  # after the first paint: rows are added then
    when = list_moment(updated, tz, now.year)
    progress = "—" if row["status"] == "damaged" else f"{row['done']}/{row['total']}"
    return [cell(title_text(row)), cell(sop_text(row)), cell(progress), current,
            cell(late, "bold red" if late not in ("0", "…") else ""), cell(when)]
