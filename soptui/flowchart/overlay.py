"""A run drawn on its SOP's flowchart: each step's state and mark, the connectors it took.

States come from the fold (runs.py: done, current, pending, rework, skipped), lateness from the
timing (StepTiming.late, as the checklist shows it); this module adds only what a drawing needs:
how often each connector was taken (a "tidak" taken twice is two
rework loops). Pure.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..marks import MARKS

if TYPE_CHECKING:
    from ..runs import RunState
    from ..timing import RunTiming


class StepMark(NamedTuple):
    state: str      # done | current | pending | rework | skipped
    late: bool
    attempts: int

    @property
    def mark(self) -> str:
        return MARKS[self.state][0]

    @property
    def style(self) -> str:
        """The checklist's style of the state (its late mark has a style of its own: LATE)."""
        return MARKS[self.state][1]


class Overlay(NamedTuple):
    steps: dict[int, StepMark]
    taken: dict[tuple[int, str], int]   # (source step, branch) -> times the run went that way
    current: int | None

    def times_taken(self, source: int, branch: str) -> int:
        return self.taken.get((source, branch), 0)


def run_overlay(state: RunState, timing: RunTiming) -> Overlay:
    sop = state.sop
    late = {s.no for s in timing.steps if s.late}
    steps: dict[int, StepMark] = {}
    taken: Counter[tuple[int, str]] = Counter()
    for st in state.ordered_steps():
        steps[st.no] = StepMark(st.state, st.no in late, len(st.attempts))
        decision = sop.step(st.no).is_decision
        for a in st.attempts:
            if a.done and sop.next_after(st.no, a.verdict) is not None:
                branch = (a.verdict or "ya") if decision else "next"
                taken[(st.no, branch)] += 1
    return Overlay(steps, dict(taken), state.current if state.status == "in_progress" else None)
