"""What is due: the index row that carries it (runrow), the due moment as shown at a close
(calendar.shown_due), look-alike values cut apart (cuts), and `soptui due`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from rich.cells import cell_len

from soptui.calendar import OfficeCalendar
from soptui.cli import main
from soptui.config import load_config
from soptui.cuts import cut_end, distinct_cuts
from soptui.durations import parse_waktu
from soptui.runrow import ROW_VERSION, acts, due_left, due_rows, due_words, usable_row, who_acts
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB

CAL = OfficeCalendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


# -- the due moment as shown -----------------------------------------------------------------

def test_a_due_moment_at_an_opening_is_shown_as_the_close_before_it():
    # The case: 3 working days from Wednesday 02:30 (before the opening) is Monday 07:30.
    due = CAL.due(at("2026-12-02T02:30"), parse_waktu("3 hari"))
    assert due == at("2026-12-07T07:30")
    assert CAL.shown_due(due) == at("2026-12-04T16:30")  # Friday's close
    assert CAL.working_seconds_between(at("2026-12-04T16:30"), due) == 0  # the same working moment


def test_other_due_moments_are_shown_as_they_are():
    assert CAL.shown_due(at("2026-12-07T07:31")) == at("2026-12-07T07:31")
    assert CAL.shown_due(at("2026-12-08T16:00")) == at("2026-12-08T16:00")  # at a close already
    assert CAL.shown_due(at("2026-12-08T13:00")) == at("2026-12-08T13:00")  # after the break: same day
    assert CAL.shown_due(at("2026-12-05T07:30")) == at("2026-12-05T07:30")  # Saturday: no opening
    assert CAL.shown_due(at("2026-12-07T07:30"), calendar_basis=True) == at("2026-12-07T07:30")


def test_the_close_before_skips_days_off():
    # 24-26 Dec 2026: Christmas and cuti bersama; Tuesday 29th's opening follows Monday 28th's close.
    assert CAL.shown_due(at("2026-12-29T07:30")) == at("2026-12-28T16:00")
    # Monday 28th: the close before it is Wednesday 23rd's (24, 25 off, then the weekend).
    before = CAL.shown_due(at("2026-12-28T07:30"))
    assert before.hour == 16 and before.date() < at("2026-12-24T00:00").date()


# -- cuts ---------------------------------------------------------------------------------------

def test_look_alikes_are_cut_apart_and_the_rest_is_left_to_the_end_cut():
    values = ["Perencanaan Kinerja · Kantor Kecamatan Karangploso",
              "Perencanaan Kinerja · Satuan Polisi Pamong Praja Kabupaten Lumajang",
              "Prosedur Penyusunan Perencanaan Kinerja · Kecamatan Lumajang", "Pendek"]
    shown = distinct_cuts(values, 16)
    assert set(shown) == set(values[:2])  # only the two that read "Perencanaan Kin…" when cut at the end
    assert cut_end(values[0], 16) == cut_end(values[1], 16)
    assert shown[values[0]] != shown[values[1]]
    assert all(cell_len(s) == 16 and "…" in s for s in shown.values())
    assert shown[values[0]].endswith("angploso") and shown[values[1]].endswith("Lumajang")


def test_numbers_that_differ_in_the_middle_stay_apart():
    values = ["427.46/01/01.57/2020", "427.46/01/01.42/2020", "427.46/01/01.55/2020"]
    shown = distinct_cuts(values, 12)
    assert len(set(shown.values())) == 3 and all(cell_len(s) <= 12 for s in shown.values())


def test_wide_characters_are_measured_in_cells():
    values = ["漢字漢字漢字漢字 · 甲", "漢字漢字漢字漢字 · 乙"]
    shown = distinct_cuts(values, 9)
    assert len(set(shown.values())) == 2 and all(cell_len(s) <= 9 for s in shown.values())


# -- index rows and what is due ----------------------------------------------------------------------

@pytest.fixture
def svc(tmp_path):
    clock = [at("2026-11-20T10:00")]  # a Friday
    return RunService(tmp_path / "data", WIB, clock=lambda: clock[0], calendar=OfficeCalendar())


def start(svc, sop: str, title: str, when: str) -> str:
    return svc.start(load_file(SOPS / f"{sop}.toml"), title=title, operator="Sri", at=at(when))


def test_the_row_carries_what_the_due_view_needs(svc):
    run = start(svc, "karangploso-renja", "Renja 2027", "2026-11-18T08:00")
    svc.complete(run, 1, actor="Pak Camat", at=at("2026-11-18T09:00"))
    row = svc.row(svc.state(run))
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    step = sop.step(2)
    assert row["v"] == ROW_VERSION and usable_row(row)
    assert (row["sop_unit"], row["current_step"], row["current_role"]) == (sop.identity.unit, 2, step.pelaksana)
    assert row["current_ready_at"] == at("2026-11-18T09:00").isoformat() and row["current_started_at"] is None
    due = CAL.due(at("2026-11-18T09:00"), sop.effective_standard(step))
    assert row["current_due_at"] == due.isoformat()
    assert row["current_due_shown"] == CAL.shown_due(due).isoformat()
    # An older soptui's row (version 2) is not used as it is: index() rebuilds it from the run file.
    assert not usable_row({**row, "v": 2})


def test_the_last_person_in_the_role_is_who_acts_unless_the_roster_says(svc):
    run = start(svc, "karangploso-renja", "Renja 2027", "2026-11-18T08:00")
    sop = load_file(SOPS / "karangploso-renja.toml").sop
    # Find a step whose role already acted earlier on the main path: its last person is carried.
    svc.complete(run, 1, actor="Pak Camat", at=at("2026-11-18T09:00"))
    row = svc.row(svc.state(run))
    role = row["current_role"]
    assert row["current_last_actor"] == ("Pak Camat" if role == sop.step(1).pelaksana else "")
    assert who_acts({**row, "current_last_actor": "Ani"}) == "Ani"
    assert who_acts({**row, "current_last_actor": "Ani"}, lambda r: "Budi" if r == role else "") == "Budi"
    assert acts({**row, "current_last_actor": "Ani Lestari"}, "  ani  lestari ")
    assert acts(row, role.upper())  # by role, too
    assert not acts(row, "nobody at all")


def test_due_rows_are_the_open_current_steps_earliest_due_first_and_filtered_by_person(svc):
    late = start(svc, "karangploso-renja", "A", "2026-11-18T08:00")
    soon = start(svc, "satpolpp-perencanaan-kinerja", "B", "2026-11-20T09:00")
    done = start(svc, "kec-lumajang-perencanaan-kinerja", "C", "2026-11-17T08:00")
    svc.cancel(done, "uji")
    rows, _ = svc.index()
    listed = due_rows(rows)
    assert [r["id"] for r in listed] == [late, soon]  # the cancelled run has nothing due
    assert listed[0]["current_due_at"] < listed[1]["current_due_at"]
    role = next(r for r in rows if r["id"] == soon)["current_role"]
    assert [r["id"] for r in due_rows(rows, person="Dewi", roster=lambda r: "Dewi" if r == role else "")] == [soon]


def test_late_and_left_are_working_time_in_a_clerks_words(svc):
    run = start(svc, "karangploso-renja", "A", "2026-11-18T08:00")
    row = svc.row(svc.state(run))
    due = datetime.fromisoformat(row["current_due_at"])
    ready = at("2026-11-18T08:00")
    assert due_left(row, ready, CAL) == (False, CAL.working_seconds_between(ready, due))  # the whole standard
    assert due_left(row, due, CAL) == (False, 0.0)  # at the due moment: not late yet
    late = due_left(row, at("2026-11-23T10:00"), CAL)
    assert late is not None and late[0] is True
    assert late[1] == CAL.working_seconds_between(due, at("2026-11-23T10:00"))
    assert due_left({**row, "current_due_at": None}, due, CAL) is None


@pytest.mark.parametrize("left, words_id, words_en", [
    ((True, (2 * 7.5 + 3) * 3600), "terlambat 2 hari 3 j", "2 d 3 h late"),
    ((False, 2 * 3600 + 600), "sisa 2 j 10 m", "2 h 10 m left"),
    ((False, 45 * 60), "sisa 45 m", "45 m left"),
    ((True, 7.5 * 3600), "terlambat 1 hari", "1 d late"),
    ((True, 0), "terlambat 0 m", "0 m late"),
    (None, "—", "—"),
])
def test_due_words(left, words_id, words_en):
    from soptui.i18n import set_lang
    assert due_words(left) == words_en
    set_lang("id")
    assert due_words(left) == words_id


# -- soptui due ---------------------------------------------------------------------------------------

def test_soptui_due_lists_filters_and_says_it_in_json(workdir, capsys, monkeypatch):
    (workdir / "soptui.toml").write_text((workdir / "soptui.toml").read_text() + '[roster]\nCamat = "Pak Camat"\n')
    config = load_config(str(workdir / "soptui.toml"))
    svc = RunService(config.data_dir, WIB, clock=lambda: at("2026-11-23T10:00"), calendar=OfficeCalendar())
    first = start(svc, "karangploso-renja", "Renja 2027", "2026-11-18T08:00")
    second = start(svc, "satpolpp-perencanaan-kinerja", "Renja 2027", "2026-11-23T09:58")
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["due"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["Due", "Time"] and all(cell_len(line) <= 80 for line in out)
    assert first in out[2] and "late" in out[2] and second in out[3] and "left" in out[3]
    assert main(["due", "--person", "pak camat"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and first in lines[2] and "Camat · Pak Camat" in lines[2]
    assert main(["due", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["run"] for d in data] == [first, second]
    assert data[0]["person"] == "Pak Camat" and data[0]["late"] is True and data[1]["late"] is False
    assert data[0]["unit"] == "Kantor Kecamatan Karangploso" and data[0]["due_shown"]
    assert main(["due", "--person", "nobody"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "No task" in captured.err
