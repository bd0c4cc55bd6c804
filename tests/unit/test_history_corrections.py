"""The run's history (`h`) shows every event as recorded and, under a corrected one, the values
the record now reads, for every field a correction changed; a finish follows a corrected moment
of the completion that finished the run. No stored event is changed to show it."""

from __future__ import annotations

import copy
from zoneinfo import ZoneInfo

import pytest

from soptui import actions, amend, runs
from soptui.i18n import using_lang
from soptui.widgets.eventlog import event_options, plain
from tests.unit.test_amend import FINISHED, NOW, log, m

WIB = ZoneInfo("Asia/Jakarta")


def _completion(docs, step):
    return next(e for e in docs if e["kind"] in ("step_completed", "decision") and e["data"]["step"] == step)


def shown(docs, lang="id") -> dict[int, str]:
    with using_lang(lang):
        return {int(o.id): " ".join(plain(o.prompt, width=80).split()) for o in event_options(docs, WIB)}


@pytest.fixture
def docs():
    docs = log(*FINISHED)
    two, last = _completion(docs, 2)["seq"], _completion(docs, 4)["seq"]
    docs += amend.correct(docs, "r", two, reason="berkas salah", now=NOW, by="Sri",
                          evidence={"kind": "ref", "ref": "paraf3"}, note="paraf kedua")
    docs += amend.correct(docs, "r", last, reason="jam salah", now=NOW, by="Sri", at=m(45))
    return docs


def test_a_finish_reads_as_the_corrected_moment_of_its_completion(docs):
    before = copy.deepcopy(docs)
    state = runs.fold(docs, "r")
    finish = next(e for e in docs if e["kind"] == "run_finished")
    last, fix = _completion(docs, 4)["seq"], docs[-1]["seq"]
    assert actions.finish_moments(docs) == {finish["seq"]: (fix, m(45).isoformat())}
    text = shown(docs)
    assert f"✎ dikoreksi oleh #{fix}: waktu 2026-11-23 08:45" in text[last]
    # The finish is shown when the record now says the run finished (as the summary does), marked.
    assert text[finish["seq"]].startswith(f"#{finish['seq']} pelaksanaan selesai · 2026-11-23 08:45")
    assert f"✎ mengikuti koreksi #{fix} (semula 2026-11-23 08:30)" in text[finish["seq"]]
    assert state.finished_at == m(45)
    assert "follows correction" in shown(docs, "en")[finish["seq"]]
    assert docs == before  # showing changed nothing recorded
    assert finish["at"] == m(30).isoformat()


def test_every_corrected_field_shows_its_new_value(docs):
    two = _completion(docs, 2)["seq"]
    fix = next(e["seq"] for e in docs if e["kind"] == "correction" and e["data"]["target"] == two)
    text = shown(docs)[two]
    assert "✎ dikoreksi oleh" in text
    assert f"dikoreksi oleh #{fix}: bukti paraf3; catatan paraf kedua" in text
    more = amend.correct(docs, "r", two, reason="nama", now=NOW, by="Sri", actor="Budi", output="Konsep v2",
                         at=m(18))
    later = shown(docs + more, "en")[two]
    # Each value under the correction that set it: the evidence and note still read as #fix set them.
    assert f"corrected by #{fix}: evidence paraf3; note paraf kedua" in later
    assert (f"corrected by #{more[0]['seq']}: time 2026-11-23 08:18; done by Budi; output Konsep v2" in later)


def test_a_later_correction_of_the_same_field_replaces_the_earlier_value(docs):
    two = _completion(docs, 2)["seq"]
    more = amend.correct(docs, "r", two, reason="lagi", now=NOW, by="Sri", evidence={"kind": "ref", "ref": "paraf4"})
    text = shown(docs + more)[two]
    assert f"#{more[0]['seq']}: bukti paraf4" in text and "bukti paraf3" not in text.split("✎")[1:][0] + "".join(
        text.split("✎")[2:])
    assert "catatan paraf kedua" in text  # the note the first correction set still reads so


def test_an_undone_correction_no_longer_shows(docs):
    fix = docs[-1]["seq"]
    undo = amend.undo_last(docs, "r", reason="keliru", now=NOW, by="Sri")
    assert undo[0]["data"]["target"] == fix
    after = docs + undo
    finish = next(e for e in after if e["kind"] == "run_finished")
    assert actions.finish_moments(after) == {}
    text = shown(after)
    assert "mengikuti koreksi" not in text[finish["seq"]]
    assert "08:30" in text[finish["seq"]] and "08:45" not in text[_completion(after, 4)["seq"]]


def test_the_status_command_says_the_same(docs):
    from rich.console import Console

    from soptui.cli.runinfo import event_table

    console = Console(width=200, record=True, color_system=None)
    with using_lang("en"):
        console.print(event_table(docs, WIB))
    rows = {line.split()[0]: " ".join(line.split()) for line in console.export_text().splitlines()
            if line.split() and line.split()[0].isdigit()}
    assert rows["4"].endswith("corrected by #8: evidence paraf3; note paraf kedua")
    assert rows["7"].startswith("7 run finished 2026-11-23 08:45")
    assert rows["7"].endswith("follows correction #9 (first recorded 2026-11-23 08:30)")


def test_the_status_command_wraps_a_long_value_instead_of_cutting_it():
    from rich.console import Console

    from soptui.cli.runinfo import event_table

    docs = log(*FINISHED)
    two = _completion(docs, 2)["seq"]
    old, new = "/arsip/kecamatan/karangploso/2026/paraf-kedua.pdf", "/arsip/kecamatan/karangploso/2026/paraf-ketiga.pdf"
    docs += amend.correct(docs, "r", two, reason="a", now=NOW, by="Sri", evidence={"kind": "ref", "ref": old})
    docs += amend.correct(docs, "r", two, reason="b", now=NOW, by="Sri", evidence={"kind": "ref", "ref": new})
    console = Console(width=80, record=True, color_system=None)
    with using_lang("en"):
        console.print(event_table(docs, WIB))
    flat = "".join(console.export_text().split())
    assert "…" not in console.export_text()
    assert f"ref:{old}→ref:{new}" in flat and f"#9:evidenceref:{new}" in flat  # references read as such
