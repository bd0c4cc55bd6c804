"""The list of steps with their state: done, current, pending, rework, late."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


MARKS = {"done": ("✓", "green"), "current": ("▶", "bold yellow"), "pending": ("·", "dim"),
         "rework": ("↻", "magenta")}


class StepList(OptionList):
    """Shows steps; highlighting one posts OptionHighlighted, which the screen turns into details."""

    _shown = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)  # labels are cut to the width, so redo them at the new one

    def show(self, state, timing) -> None:
        self._shown = (state, timing)
        keep = self.highlighted
        late = {s.no for s in timing.steps if s.late}
        self.clear_options()
        for st in state.ordered_steps():
            mark, style = MARKS[st.state]
            label = Text(f"{mark}", style=style, no_wrap=True, overflow="ellipsis")
            # Lateness goes up front so that cutting the label to the width never hides it.
            label.append("!" if st.no in late else " ", style="bold red")
            label.append(f"{st.no:>2} ", style=style)
            label.append(state.sop.step(st.no).kegiatan, style="" if st.state != "pending" else "dim")
            if len(st.attempts) > 1:
                label.append(f" ×{len(st.attempts)}", style="magenta")
            width = self.scrollable_content_region.width or self.size.width
            if width > 4:
                label.truncate(width - 1, overflow="ellipsis")  # one line per step keeps the list scannable
            self.add_option(Option(label, id=str(st.no)))
        if keep is None and state.current is not None:
            keep = state.sop.index_of(state.current)
        if keep is not None and self.option_count:
            self.highlighted = min(keep, self.option_count - 1)

    @property
    def selected_step(self) -> int | None:
        if self.highlighted is None:
            return None
        return int(self.get_option_at_index(self.highlighted).id)
