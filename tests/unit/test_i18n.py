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


def test_a_language_used_in_one_context_is_not_seen_by_another_thread():
    import threading

    from soptui.i18n import get_lang, set_lang, t, using_lang

    set_lang("id")
    seen = {}
    with using_lang("en") as lang:
        assert lang == "en" and get_lang() == "en"
        worker = threading.Thread(target=lambda: seen.setdefault("thread", get_lang()))
        worker.start()
        worker.join()
        english = t("sop.cannot_read", reason="x")
    assert seen["thread"] == "id"  # the process default, not the report's language
    assert get_lang() == "id"
    assert t("sop.cannot_read", reason="x") != english


async def test_two_tasks_speak_their_own_language_while_interleaved():
    import asyncio

    from soptui.i18n import get_lang, set_lang, using_lang

    set_lang("id")
    order = []

    async def session(lang):
        with using_lang(lang):
            for _ in range(3):
                order.append((lang, get_lang()))
                await asyncio.sleep(0)

    await asyncio.gather(session("en"), session("id"))
    assert len(order) == 6 and all(want == got for want, got in order)
    assert {want for want, _ in order} == {"en", "id"}


def test_a_count_picks_its_english_form(monkeypatch):
    monkeypatch.setitem(i18n._catalogs["en"], "test.count", "{n} {n:run|runs}; sent back {k:once|{k} times}; {x!r}")
    i18n.set_lang("en")
    assert [i18n.t("test.count", n=n, k=n, x="a") for n in (0, 1, 2, "1", 1.0, 2.5)] == [
        "0 runs; sent back 0 times; 'a'", "1 run; sent back once; 'a'", "2 runs; sent back 2 times; 'a'",
        "1 run; sent back once; 'a'", "1.0 runs; sent back 1.0 times; 'a'", "2.5 runs; sent back 2.5 times; 'a'"]


def test_no_message_hedges_a_plural_and_every_count_form_formats():
    """No "(s)": a message with a count says "1 run" and "2 runs". Each message that picks a form
    formats in both languages with 1 and with 2 (no form left unpicked, no stray bar)."""
    load_all_catalogs()
    hedged = {key for lang in i18n.LANGS for key, text in i18n._catalogs[lang].items() if "(s)" in text}
    assert hedged == set()
    counted = {key for key, text in i18n._catalogs["en"].items() if i18n._PLURAL.search(text)}
    assert {"stats.runs", "stats.totals", "eval.fig.q2", "report.rework.loops", "cli.list.skipped"} <= counted
    for key in counted:
        fields = set(re.findall(r"\{(\w+)", i18n._catalogs["en"][key]))
        for lang in i18n.LANGS:
            with i18n.using_lang(lang):
                for n in (1, 2):
                    text = i18n.t(key, **dict.fromkeys(fields, n))
                    assert "|" not in text and "{" not in text, (key, lang, text)
