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


_MARKS = ("[periksa]", "[review]")
_LEFT_OUT = re.compile(r"([a-z_]+): ")  # "# tanggal_revisi: [periksa] …", a left-out key
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_HEADING = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]")


def _comment(line: str) -> str | None:
    """A comment line's text after "# " (None for any other line)."""
    bare = line.lstrip()
    if not bare.startswith("#"):
        return None
    return bare[2:] if bare.startswith("# ") else bare[1:]


def _field_after(lines: list[str]) -> str | None:
    """The key or table the comments just above these lines belong to."""
    for line in lines:
        if _comment(line) is not None or not line.strip():
            continue
        found = _KEY.match(line) or _HEADING.match(line)
        return found.group(1) if found else None
    return None


def review_marks(text: str) -> list[tuple[int, str]]:
    """The comments that mark a value for review ("# [periksa] …", "# [review] …", as `soptui
    import` writes them): line number and the whole note (its wrapped lines, indented, joined),
    each named by the key or table it stands above, or the left-out key it names."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        body = _comment(line)
        if body is None:
            continue
        left_out = _LEFT_OUT.match(body.strip())
        note = body.strip()[left_out.end():] if left_out else body.strip()
        if not note.startswith(_MARKS):
            continue
        parts, j = [note], i + 1
        while j < len(lines) and (more := _comment(lines[j])) and more.startswith(" ") and more.strip():
            parts.append(more.strip())
            j += 1
        field = left_out.group(1) if left_out else _field_after(lines[j:])
        whole = " ".join(parts)
        out.append((i + 1, f"{field}: {whole}" if field else whole))
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
