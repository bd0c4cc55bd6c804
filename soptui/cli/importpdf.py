"""`soptui import FILE.pdf [FILE…] [--out DIR] [--json] [--force]`: signed SOP AP PDFs to SOP files.

One file per procedure, named from the SOP's number and name, then read back exactly as
`soptui check` reads it. Exit 0 when every PDF was imported, 1 when any was not.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import t
from .context import Context


def _one(pdf: Path, out_dir: Path, force: bool) -> dict:
    from ..pdfimport import ImportFailed, read_pdf, to_text
    from ..sopfile import SopFileError, parse_text

    result: dict = {"file": str(pdf), "ok": False, "sops": [], "error": None}
    try:
        imported = read_pdf(pdf)
    except ImportFailed as exc:
        result["error"] = str(exc)
        return result
    ok = True
    for imp in imported:
        sop = imp.sop
        target = out_dir / f"{sop.id}.toml"
        text = to_text(imp)
        entry = {"id": sop.id, "path": str(target), "steps": len(sop.steps),
                 "numbers": [s.no for s in sop.steps],
                 "decisions": sum(1 for s in sop.steps if s.is_decision), "roles": list(sop.roles),
                 "unsure": imp.unsure, "written": False, "exists": False, "problems": [], "warnings": []}
        try:
            loaded = parse_text(text, str(target), sop.id)
            entry["warnings"] = [str(w) for w in loaded.warnings]
        except SopFileError as exc:
            entry["problems"] = [str(p) for p in exc.problems]
            ok = False
        if target.exists() and not force:
            entry["exists"] = True
            ok = False
        elif not entry["problems"]:
            out_dir.mkdir(parents=True, exist_ok=True)
            from .output import write_file  # atomically, never through a symlink (as every --out)
            write_file(target, text.encode("utf-8"))
            entry["written"] = True
        result["sops"].append(entry)
    result["ok"] = ok
    return result


def cmd_import(ctx: Context) -> int:
    out_dir = Path(ctx.args.out) if ctx.args.out else Path(ctx.config.sops_dir)
    results = [_one(Path(f), out_dir, ctx.args.force) for f in ctx.args.files]
    ok = sum(1 for r in results if r["ok"])
    if ctx.args.json:
        ctx.print_json({"imported": ok, "files": results})
        return 0 if ok == len(results) else 1
    for r in results:
        ctx.out.print(t("cli.import.file", file=r["file"]), markup=False, soft_wrap=True)
        if r["error"]:
            ctx.err.print(t("cli.import.failed", reason=r["error"]), style="red", markup=False, soft_wrap=True)
        for s in r["sops"]:
            ctx.out.print(t("cli.import.summary", steps=len(s["numbers"]), decisions=s["decisions"],
                            roles=len(s["roles"]), names=", ".join(s["roles"])), markup=False, soft_wrap=True)
            if s["unsure"]:
                ctx.out.print(t("cli.import.unsure_head", n=len(s["unsure"])), markup=False, soft_wrap=True)
                for line in s["unsure"]:
                    ctx.out.print(f"    {line}", markup=False, soft_wrap=True)
            for w in s["warnings"]:
                ctx.err.print(f"    {w}", style="yellow", markup=False, soft_wrap=True)
            if s["problems"]:
                ctx.err.print(t("cli.import.invalid"), style="red", markup=False, soft_wrap=True)
                for p in s["problems"]:
                    ctx.err.print(f"    {p}", style="red", markup=False, soft_wrap=True)
            if s["exists"]:
                ctx.err.print(t("cli.import.exists", path=s["path"]), style="yellow", markup=False, soft_wrap=True)
            if s["written"]:
                ctx.out.print(t("cli.import.wrote", path=s["path"]), markup=False, soft_wrap=True)
    ctx.out.print(t("cli.import.done", ok=ok, n=len(results)), markup=False, soft_wrap=True)
    return 0 if ok == len(results) else 1


def register(sub) -> None:
    from ..messages import pdfimport as _messages  # noqa: F401  (the command's strings)
    c = sub.add_parser("import", help=t("cli.import.help"))
    c.add_argument("files", nargs="+", metavar="FILE.pdf", help=t("cli.import.files"))
    c.add_argument("--out", metavar="DIR", help=t("cli.import.out"))
    c.add_argument("--json", action="store_true", help=t("cli.import.json"))
    c.add_argument("--force", action="store_true", help=t("cli.import.force"))
    c.set_defaults(func=cmd_import)
