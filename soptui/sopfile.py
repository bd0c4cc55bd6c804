"""SOP files (TOML, in the SOP AP's own vocabulary) -> Sop, with validation (sopcheck.py).

Every finding names the file, the step and the field. Errors stop that one file from loading;
warnings (odd but real data) do not. One bad file never stops the others.
"""

from __future__ import annotations

from pathlib import Path

from .digest import sha256_hex
from .errors import Problem, SopFileError
from .i18n import t
from .messages import sopfile as _messages  # noqa: F401  (registers the SOP file strings)
from .model import Sop
from .sopcheck import Validator
from .sopguard import parse_toml, read_text


class Loaded:
    """A parsed SOP plus its warnings and the exact source text (frozen into runs)."""

    __slots__ = ("sop", "text", "warnings")

    def __init__(self, sop: Sop, text: str, warnings: list[Problem] | None = None):
        self.sop, self.text, self.warnings = sop, text, warnings or []

    def __repr__(self) -> str:
        return f"Loaded({self.sop.id!r}, {len(self.warnings)} warnings)"


class Library:
    """Every SOP found in a folder; files that failed keep their problems here."""

    __slots__ = ("loaded", "failed")

    def __init__(self) -> None:
        self.loaded: list[Loaded] = []
        self.failed: dict[str, list[Problem]] = {}

    def __repr__(self) -> str:
        return f"Library({len(self.loaded)} loaded, {len(self.failed)} failed)"

    @property
    def sops(self) -> list[Sop]:
        return [x.sop for x in self.loaded]

    def find(self, key: str) -> Loaded | None:
        """By id, by nomor, or by a unique id prefix."""
        for x in self.loaded:
            if key in (x.sop.id, x.sop.identity.nomor):
                return x
        hits = [x for x in self.loaded if x.sop.id.startswith(key)]
        return hits[0] if len(hits) == 1 else None


def content_hash(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


def load_file(path: str | Path) -> Loaded:
    path = Path(path)
    return parse_text(read_text(path), str(path), sop_id=path.stem)


def load_library(folder: str | Path, cache_dir: str | Path | None = None) -> Library:
    """Every *.toml of `folder`; with `cache_dir`, TOML parsed before is taken from there
    (tomlcache.py: the same checks run on it)."""
    lib = Library()
    folder = Path(folder)
    if not folder.is_dir():
        lib.failed[str(folder)] = [Problem(str(folder), t("sop.folder_missing"))]
        return lib
    cache = None
    if cache_dir is not None:
        from .tomlcache import TomlCache
        cache = TomlCache(cache_dir)
    for path in sorted(folder.glob("*.toml")):
        try:
            lib.loaded.append(load_file(path) if cache is None else cache.load_file(path))
        except SopFileError as exc:
            lib.failed[str(path)] = exc.problems
    if cache is not None:
        cache.save()
    return lib


def parse_text(text: str, where: str, sop_id: str) -> Loaded:
    """Parse and validate one SOP's TOML text. Raises SopFileError listing every error."""
    return parse_data(parse_toml(text, where), text, where, sop_id)


def parse_data(data: dict, text: str, where: str, sop_id: str) -> Loaded:
    """Validate the TOML data parsed from `text`. Raises SopFileError listing every error."""
    v = Validator(where)
    sop = v.sop(data, sop_id)
    errors = [p for p in v.problems if p.severity == "error"]
    if v.dropped:
        errors.append(Problem(where, t("sop.more_problems", n=v.dropped)))
    if errors or sop is None:
        raise SopFileError(where, errors or [Problem(where, t("sop.invalid"))])
    return Loaded(sop=sop, text=text, warnings=[p for p in v.problems if p.severity == "warning"])
