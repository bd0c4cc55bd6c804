"""Every interface string exists in Bahasa Indonesia and English."""

from __future__ import annotations

import importlib
import pkgutil
import re

import soptui.messages
from soptui import i18n
from tests.conftest import ROOT

KEY = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.{}'"]+?)["']""")


def load_all_catalogs() -> None:
    for mod in pkgutil.iter_modules(soptui.messages.__path__):
        importlib.import_module(f"soptui.messages.{mod.name}")


def test_catalogs_have_the_same_keys():
    load_all_catalogs()
    assert i18n.missing_keys() == {"id": set(), "en": set()}


def test_every_literal_key_used_in_the_code_exists():
    load_all_catalogs()
    known = set(i18n._catalogs["id"])
    used = set()
    for path in (ROOT / "soptui").rglob("*.py"):
        for key in KEY.findall(path.read_text(encoding="utf-8")):
            if "{" not in key:
                used.add(key)
    assert used and used - known == set()


def test_lang_detection():
    assert i18n.detect_lang("en") == "en"
    assert i18n.detect_lang("auto", {"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.detect_lang("auto", {"LANG": "id_ID.UTF-8"}) == "id"
    assert i18n.detect_lang("auto", {"LANG": "C.UTF-8"}) == "id"
    assert i18n.detect_lang("auto", {}) == "id"


def test_formatting_in_both_languages():
    load_all_catalogs()
    i18n.set_lang("en")
    assert i18n.t("runs.next", step=1, next=2) == "Step 1 completed. Next: step 2."
    i18n.set_lang("id")
    assert i18n.t("runs.next", step=1, next=2) == "Langkah 1 selesai. Berikutnya: langkah 2."
    assert i18n.t("no.such.key") == "no.such.key"
