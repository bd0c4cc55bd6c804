"""SOP library commands: check, list, show. No Textual."""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import get_lang, t
from .context import Context, find_sop


def cmd_check(ctx: Context) -> int:
    from ..sopfile import SopFileError, load_file, load_library
    paths = ctx.args.paths or [str(ctx.config.sops_dir)]
    ok = bad = 0
    for raw in paths:
        results: list[tuple[str | None, list, list | None, str]]
        path = Path(raw)
        if path.is_dir():
            lib = load_library(path)
            results = [(x.sop.path, x.warnings, None, x.text) for x in lib.loaded]
            results += [(p, [], problems, "") for p, problems in lib.failed.items()]
            results.sort(key=lambda r: str(r[0]))
        else:
            try:
                x = load_file(path)
                results = [(x.sop.path, x.warnings, None, x.text)]
            except SopFileError as exc:
                results = [(str(path), [], exc.problems, "")]
        for where, warnings, problems, text in results:
            for w in warnings:
                ctx.err.print(str(w), style="yellow", markup=False)
            if problems:
                bad += 1
                for p in problems:
                    ctx.err.print(str(p), style="red", markup=False)
            else:
                ok += 1
                ctx.out.print(f"{where}: {t('cli.check.ok')}", markup=False)
                for line, note in review_marks(text):
                    ctx.out.print(f"{where}: {t('cli.check.review', line=line)}: {note}", style="yellow",
                                  markup=False, soft_wrap=True)
    ctx.out.print(t("cli.check.total", ok=ok, bad=bad), markup=False)
    return 0 if bad == 0 and ok > 0 else 1


def review_marks(text: str) -> list[tuple[int, str]]:
    """The comments that mark a value for review ("# [periksa] …", "# [review] …", as `soptui
    import` writes them): line number and text."""
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        note = line.strip().lstrip("#").strip()
        bare = re.sub(r"^[a-z_]+: ", "", note)  # "# tanggal_revisi: [periksa] …" (a left-out key)
        if line.strip().startswith("#") and bare.startswith(("[periksa]", "[review]")):
            out.append((n, note))
    return out


def sop_summary(sop) -> dict:
    from ..durations import format_standard
    total = sop.standard_total()
    return {"id": sop.id, "nomor": sop.identity.nomor, "nama": sop.identity.nama,
            "unit": sop.identity.unit, "steps": len(sop.steps),
            "decisions": sum(1 for s in sop.steps if s.is_decision),
            "standard_total": {**total.as_dict(), "text": format_standard(total, get_lang())},
            "path": sop.path}


def cmd_list(ctx: Context) -> int:
    lib = ctx.library()
    for path, problems in lib.failed.items():
        ctx.err.print(t("cli.list.skipped", path=path, n=len(problems)), style="yellow", markup=False)
    rows = [sop_summary(s) for s in lib.sops]
    if ctx.args.json:
        ctx.print_json(rows)
        return 0
    from ..durations import format_standard
    from ..sopview import library_table
    ctx.out.print(library_table(lib.sops, lambda s: format_standard(s.standard_total(), get_lang(), short=True),
                                width=ctx.out.width))
    return 0


def cmd_show(ctx: Context) -> int:
    loaded = find_sop(ctx, ctx.args.sop)
    if ctx.args.json:
        from ..sopview import sop_as_dict
        ctx.print_json(sop_as_dict(loaded.sop))
        return 0
    if ctx.args.flowchart:
        ctx.out.print(flowchart_text(loaded.sop, ctx.out.width), soft_wrap=True)
        return 0
    from ..sopview import sop_document
    ctx.out.print(sop_document(loaded.sop, width=ctx.out.width))
    return 0


def flowchart_text(sop, width: int):
    """The flowchart drawn in box-drawing characters, styled (plain when the output is not a
    terminal); wider than `width` only when even the narrowest lanes do not fit."""
    from ..flowchart.text import legend, render, to_rich
    out = render(sop, width)
    return to_rich(out.lines + ["", legend(None)], out.spans, dim_from=len(out.lines))


def register(sub) -> None:
    c = sub.add_parser("check", help=t("cli.check.help"))
    c.add_argument("paths", nargs="*", metavar="PATH")
    c.set_defaults(func=cmd_check)

    c = sub.add_parser("list", help=t("cli.list.help"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_list)

    c = sub.add_parser("show", help=t("cli.show.help"))
    c.add_argument("sop", metavar="SOP")
    c.add_argument("--json", action="store_true")
    c.add_argument("--flowchart", action="store_true", help=t("cli.show.flowchart_help"))
    c.set_defaults(func=cmd_show)
