"""How a step's state looks wherever a run is shown (the checklist's step list, the flowchart):
a mark and a rich style per state, and the late flag. Pure data."""

MARKS = {"done": ("✓", "green"), "current": ("▶", "bold yellow"), "pending": ("·", "dim"),
         "rework": ("↻", "magenta"), "skipped": ("–", "dim strike")}
LATE = ("!", "bold red")
