"""The list of steps with their state: done, current, pending, rework, late.

Highlighting a step posts StepHighlighted (the screen shows its details); Enter or a click on it
posts StepChosen (the screen decides whether that records anything).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..marks import LATE, MARKS  # noqa: F401  (shared with the flowchart)
from ..cuts import distinct_word_cuts
from ..safetext import one_line


PREFIX = 5  # mark, lateness, the step number and a space


def suffix(st) -> str:
    return f" ×{len(st.attempts)}" if len(st.attempts) > 1 else ""


def step_label(state, st, late: bool, width: int, kegiatan: str | None = None) -> Text:
    """One line: mark, lateness, number, the activity (`kegiatan`: already cut to its room), ×n."""
    mark, style = MARKS[st.state]
    label = Text(mark, style=style, no_wrap=True, overflow="ellipsis")
    # Lateness goes up front so that cutting the label to the width never hides it.
    label.append(LATE[0] if late else " ", style=LATE[1])
    label.append(f"{st.no:>2} ", style=style)
    text = one_line(state.sop.step(st.no).kegiatan) if kegiatan is None else kegiatan
    label.append(text, style="dim" if st.state == "pending" else "")
    if suffix(st):
        label.append(suffix(st), style="magenta")
    if width > 4:
        label.truncate(width, overflow="ellipsis")  # one line per step keeps the list scannable
    return label


def step_labels(state, late: set[int], width: int) -> list[Text]:
    """Every step's label at `width`: activities cut so that no two steps read the same (cuts)."""
    steps = state.ordered_steps()
    rooms = [max(1, width - PREFIX - len(suffix(st))) for st in steps]
    cuts = distinct_word_cuts([state.sop.step(st.no).kegiatan for st in steps], rooms) if width > 4 else \
        [None] * len(steps)
    return [step_label(state, st, st.no in late, width, cut) for st, cut in zip(steps, cuts)]


class StepList(OptionList):
    class StepHighlighted(Message):
        def __init__(self, no: int):
            super().__init__()
            self.no = no

    class StepChosen(Message):
        def __init__(self, no: int):
            super().__init__()
            self.no = no

    _shown = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)  # labels are cut to the width, so redo them at the new one

    def show(self, state, timing) -> None:
        self._shown = (state, timing)
        keep = self.highlighted
        late = {s.no for s in timing.steps if s.late}
        # The text's room: the content width less the scrollbar, when the steps overflow.
        overflow = len(state.sop.steps) > self.size.height
        width = self.size.width - (self.styles.scrollbar_size_vertical if overflow else 0) - 1
        self.clear_options()
        self.add_options([Option(label, id=str(st.no))
                          for st, label in zip(state.ordered_steps(), step_labels(state, late, width))])
        if keep is None and state.current is not None:
            keep = state.sop.index_of(state.current)
        if keep is not None and self.option_count:
            self.highlighted = min(keep, self.option_count - 1)

    def follow_current(self) -> None:
        """Put the highlight on the run's current step (after something was recorded)."""
        if self._shown is not None and self._shown[0].current is not None:
            self.highlighted = self._shown[0].sop.index_of(self._shown[0].current)

    @property
    def selected_step(self) -> int | None:
        if self.highlighted is None or not self.option_count:
            return None
        return _step_no(self.get_option_at_index(self.highlighted).id)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.StepHighlighted(_step_no(event.option.id)))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.StepChosen(_step_no(event.option.id)))


def _step_no(option_id: str | None) -> int:
    """The step number an option stands for (every option is added with its step as id)."""
    assert option_id is not None
    return int(option_id)
