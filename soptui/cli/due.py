"""`soptui due`: the current step of every run in progress, earliest due first. No Textual.

The same list as the interactive view's due view (screens/due.py), from the run index rows
(runrow): who should act, since when the step is ready, its due moment on the office calendar
and how late it is or how much working time is left.
"""

from __future__ import annotations

from ..i18n import t
from ..messages import due as _messages  # noqa: F401
from .context import service


def cmd_due(ctx) -> int:
    from ..rowtext import due_moment, step_text, who_text
    from ..runrow import due_left, due_rows, due_words, short_moment, who_acts

    svc = service(ctx)
    rows, problems = svc.index()
    for p in problems:
        ctx.err.print(p, style="yellow", markup=False)
    roster = ctx.config.person_for
    listed = due_rows(rows, ctx.args.person or "", roster)
    now = svc.now()
    figures = [due_left(r, now, svc.calendar) for r in listed]
    if ctx.args.json:
        ctx.print_json([{
            "run": r["id"], "title": r["title"], "sop_id": r["sop_id"], "sop_nama": r["sop_nama"],
            "unit": r["sop_unit"], "step": r["current_step"], "kegiatan": r["current_kegiatan"],
            "role": r["current_role"], "person": who_acts(r, roster), "ready_at": r["current_ready_at"],
            "due_at": r["current_due_at"], "due_shown": r["current_due_shown"],
            "late": None if left is None else left[0],
            "working_seconds": None if left is None else round(left[1])}
            for r, left in zip(listed, figures)])
        return 0
    if not listed:
        ctx.err.print(t("due.none_for") if ctx.args.person else t("cli.due.none"), markup=False)
        return 0
    import sys

    from .listing import Column, plain_stdout, print_table, stdout_width, write_plain

    out = None if plain_stdout() else ctx.out
    width = out.width if out is not None else stdout_width()
    wide = width >= 120  # the run's title and SOP; at 80 columns its id says which run (status, resume)
    columns = [Column(t("due.col.due")), Column(t("due.col.left")),
               Column(t("cli.due.col.who"), weight=2, minimum=10, distinct=True),
               Column(t("due.col.step"), weight=2, minimum=10, distinct=True), Column("ID"),
               *([Column(t("cli.due.col.run"), weight=2, minimum=10, distinct=True)] if wide else [])]
    lines = []
    for r, left in zip(listed, figures):
        lines.append([short_moment(due_moment(r), svc.tz), due_words(left), who_text(r, who_acts(r, roster)),
                      step_text(r), r["id"],
                      *([f"{r['title']} · {r['sop_id']}"] if wide else [])])
    styles = ["red" if left is not None and left[0] else None for left in figures]
    if out is None:
        write_plain(sys.stdout, columns, lines, width)
    else:
        print_table(out, columns, lines, styles)
    return 0


def register(sub) -> None:
    c = sub.add_parser("due", help=t("cli.due.help"))
    c.add_argument("--person", metavar="NAME", help=t("cli.due.person"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_due)
