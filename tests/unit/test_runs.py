"""Runs as event logs: the scripted Karangploso run, the rules, undo, correction, verify."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from soptui.cli import main
from soptui.errors import RuleError
from soptui.runs import fold, verify_chain
from soptui.service import RunService
from soptui.sopfile import load_file

from tests.conftest import SOPS, WIB


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


@pytest.fixture
def svc(tmp_path, clock):
    return RunService(tmp_path / "data", WIB, clock=clock)


@pytest.fixture
def karang():
    return load_file(SOPS / "karangploso-renja.toml")


def run_karangploso(cli, run: str) -> None:
    """Two "tidak" answers at step 6, back-dated across the weekend of 21-22 November 2026."""
    steps = [
        ("log", 1, "2026-11-19 08:00"), ("log", 2, "2026-11-19 08:30"), ("log", 3, "2026-11-19 14:00"),
        ("log", 4, "2026-11-20 10:00"), ("log", 5, "2026-11-20 15:00"),
        ("tidak", 6, "2026-11-20 16:00"),          # Friday: back to the typing by Staf
        ("log", 5, "2026-11-23 08:30"),            # Monday, after the weekend
        ("tidak", 6, "2026-11-23 09:00"),
        ("log", 5, "2026-11-23 09:20"), ("ya", 6, "2026-11-23 09:30"), ("ya", 7, "2026-11-23 09:40"),
    ] + [("log", n, f"2026-11-23 09:{40 + n}") for n in range(8, 13)]
    for kind, no, when in steps:
        if kind == "log":
            assert cli(["log", run, str(no), "--actor", f"petugas {no}", "--output", f"hasil {no}",
                        "--at", when]) == 0
        else:
            assert cli(["decide", run, str(no), kind, "--note", "catatan", "--at", when]) == 0


def test_scripted_karangploso_run_replays_to_three_attempts(workdir, capsys):
    assert main(["start", "karangploso-renja", "--title", "Renja 2027", "--operator", "Sri",
                 "--at", "2026-11-19 07:45"]) == 0
    run = capsys.readouterr().out.strip()
    run_karangploso(main, run)
    capsys.readouterr()
    assert main(["status", run, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["run"]["status"] == "finished"
    attempts = {s["no"]: s["attempts"] for s in status["steps"]}
    assert len(attempts[5]) == 3 and len(attempts[6]) == 3
    assert [a["verdict"] for a in attempts[6]] == ["tidak", "tidak", "ya"]
    assert all(len(attempts[n]) == 1 for n in (1, 2, 3, 4, 7, 8, 9, 10, 11, 12))
    # The second attempt of step 5 became ready when step 6 said "tidak" on Friday 16:00.
    assert attempts[5][1]["ready_at"] == "2026-11-20T16:00:00+07:00"
    assert attempts[5][1]["completed_at"] == "2026-11-23T08:30:00+07:00"
    assert status["steps"][-1]["attempts"][0]["completed_at"] == "2026-11-23T09:52:00+07:00"
    kinds = [e["kind"] for e in status["events"]]
    assert kinds[-2:] == ["step_completed", "run_finished"]
    assert main(["verify", run]) == 0
    # A finished run takes nothing more.
    assert main(["log", run, "12", "--at", "2026-11-23 09:55"]) == 1
    assert "finished" in capsys.readouterr().err


def test_rules_refuse_and_record_nothing(svc, karang, clock):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 08:00"))
    before = svc.events(run)
    cases = [
        (lambda: svc.complete(run, 3, at=at("2026-11-23 09:00")), "not ready"),
        (lambda: svc.complete(run, 1, at=at("2026-11-23 07:00")), "before the step became ready"),
        (lambda: svc.complete(run, 1, at=at("2026-11-23 11:00")), "later than now"),
        (lambda: svc.complete(run, 1, at=at("2026-11-23 09:00"), verdict="ya"), "not a decision"),
        (lambda: svc.complete(run, 99, at=at("2026-11-23 09:00")), "has no step 99"),
        (lambda: svc.undo(run, "  "), "reason is required"),
        (lambda: svc.undo(run, "salah"), "nothing to undo"),
        (lambda: svc.cancel(run, ""), "reason is required"),
    ]
    for action, fragment in cases:
        with pytest.raises(RuleError, match=fragment):
            action()
    assert svc.events(run) == before


def test_a_step_recorded_already_is_said_to_be_so_not_to_be_unready(svc, karang):
    # Two clerks record step 1 at once: the second is told it is done, when and by whom.
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 08:00"))
    svc.complete(run, 1, at=at("2026-11-23 08:05"), actor="Budi")
    before = svc.events(run)
    with pytest.raises(RuleError, match=r"step 1 is already recorded as done \(2026-11-23 08:05, by Budi\); "
                                        r"the current step is 2"):
        svc.complete(run, 1, at=at("2026-11-23 08:06"), actor="Sri")
    with pytest.raises(RuleError, match="step 1 is already recorded as done"):
        svc.start_step(run, 1, at=at("2026-11-23 08:06"))
    assert svc.events(run) == before


def test_decision_step_needs_a_verdict(svc, karang):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    for n in range(1, 6):
        svc.complete(run, n, at=at(f"2026-11-23 08:0{n}"))
    with pytest.raises(RuleError, match="decision"):
        svc.complete(run, 6, at=at("2026-11-23 08:10"))
    state = svc.complete(run, 6, at=at("2026-11-23 08:10"), verdict="tidak")
    assert state.current == 5
    assert state.steps[6].state == "rework" and state.steps[5].state == "current"
    assert state.rework_loops == 1


def test_undo_and_correction_keep_the_original(svc, karang, clock):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    svc.complete(run, 1, at=at("2026-11-23 08:00"), actor="A")
    svc.complete(run, 2, at=at("2026-11-23 08:30"), actor="B")
    state = svc.undo(run, "salah langkah")
    assert state.current == 2 and state.steps[2].last.completed_at is None
    undone = [e for e in state.events if e["kind"] == "step_completed"][-1]
    assert undone["data"]["actor"] == "B"  # still in the log
    state = svc.correct(run, 2, at("2026-11-23 07:50"), "jam salah ketik")
    assert state.steps[1].last.completed_at == at("2026-11-23 07:50")
    assert state.steps[2].last.ready_at == at("2026-11-23 07:50")
    correction = state.events[-1]
    assert correction["data"]["original_at"] == "2026-11-23T08:00:00+07:00"
    with pytest.raises(RuleError, match="before the step became ready"):
        svc.correct(run, 2, at("2026-11-23 07:00"), "terlalu awal")
    with pytest.raises(RuleError, match="reason"):
        svc.correct(run, 2, at("2026-11-23 07:55"), "")
    # Undo the correction: the original time is back.
    state = svc.undo(run, "koreksi keliru")
    assert state.steps[1].last.completed_at == at("2026-11-23 08:00")
    assert verify_chain(svc.events(run)) is None


def test_cancel_blocks_recording_until_the_run_is_reopened(svc, karang):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    state = svc.cancel(run, "tidak jadi")
    assert state.status == "cancelled"
    with pytest.raises(RuleError, match="cancelled; to record more, reopen it"):
        svc.complete(run, 1, at=at("2026-11-23 08:00"))
    with pytest.raises(RuleError, match="cancelled"):
        svc.cancel(run, "lagi")
    state = svc.reopen(run, "salah batal", by="Sri")
    assert state.status == "in_progress" and state.cancelled_at is None
    assert state.events[-1]["data"] == {"target": 2, "reason": "salah batal", "by": "Sri"}
    assert svc.complete(run, 1, at=at("2026-11-23 08:00")).current == 2
    with pytest.raises(RuleError, match="still in progress"):
        svc.reopen(run, "buka")


def test_cancel_may_say_when_the_work_stopped(svc, karang, clock):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    svc.complete(run, 1, at=at("2026-11-23 08:00"))
    for bad, says in ((at("2026-11-23 07:45"), "before the last recorded event"),
                      (at("2026-11-23 11:00"), "later than now")):
        with pytest.raises(RuleError, match=says):
            svc.cancel(run, "tidak jadi", at=bad)
    assert svc.state(run).status == "in_progress"  # refused: nothing recorded
    state = svc.cancel(run, "tidak jadi", at=at("2026-11-23 08:30"))
    assert state.status == "cancelled" and state.cancelled_at == at("2026-11-23 08:30")
    assert state.current == 2  # where the work stopped


def test_start_step_records_wait_and_start(svc, karang):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    state = svc.start_step(run, 1, at("2026-11-23 07:40"))
    assert state.steps[1].last.started_at == at("2026-11-23 07:40")
    with pytest.raises(RuleError, match="already started"):
        svc.start_step(run, 1, at("2026-11-23 07:45"))
    with pytest.raises(RuleError, match="before its start"):
        svc.complete(run, 1, at=at("2026-11-23 07:35"))


def test_frozen_copy_survives_a_changed_sop_file(tmp_path, clock):
    sops = tmp_path / "sops"
    sops.mkdir()
    path = sops / "karangploso-renja.toml"
    path.write_text((SOPS / "karangploso-renja.toml").read_text())
    svc = RunService(tmp_path / "data", WIB, clock=clock)
    run = svc.start(load_file(path), title="T", operator="op", at=at("2026-11-23 07:30"))
    path.write_text(path.read_text().replace('kegiatan = "Memerintahkan untuk penyusunan Renja"',
                                             'kegiatan = "DIUBAH"'))
    assert svc.state(run).sop.step(1).kegiatan == "Memerintahkan untuk penyusunan Renja"


def test_verify_catches_a_hand_edited_file(workdir, capsys):
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["log", run, "1", "--actor", "Camat", "--at", "2026-11-23 08:00"]) == 0
    assert main(["verify", run]) == 0
    path = workdir / "data" / "runs" / f"{run}.json"
    raw = json.loads(path.read_text())
    raw["events"]["2"]["data"]["actor"] = "Orang Lain"
    path.write_text(json.dumps(raw))
    capsys.readouterr()
    assert main(["verify", run]) == 1
    assert "event 2" in capsys.readouterr().err
    # status and summary still show the run, and say loudly that its record was changed.
    assert main(["status", run]) == 0
    assert "DAMAGED: event 2: content was changed" in " ".join(capsys.readouterr().out.split())
    assert main(["status", run, "--json"]) == 0
    assert "event 2" in json.loads(capsys.readouterr().out)["run"]["integrity_problem"]
    assert main(["summary", run, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["run"]
    assert summary["record_intact"] is False and "event 2" in summary["integrity_problem"]
    assert main(["summary", run, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["record_intact"] for r in rows} == {"false"}
    assert main(["summary", run]) == 0
    assert "Record integrity DAMAGED: event 2" in " ".join(capsys.readouterr().out.split())


def test_verify_catches_an_edited_sop_copy(svc, karang):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    docs = svc.events(run)
    docs[0]["data"]["sop_text"] = docs[0]["data"]["sop_text"].replace("10 menit", "99 menit")
    from soptui.runs import event_hash
    docs[0]["hash"] = event_hash(docs[0])  # even with a recomputed hash the chain breaks
    assert "event" in verify_chain(docs)


def test_typed_time_errors_do_not_record(workdir, capsys):
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    for bad in ("31/02/2026 10:00", "25:00", "kemarin lusa", ""):
        assert main(["log", run, "1", "--at", bad]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert fold(RunService(workdir / "data", WIB).events(run), run).steps[1].last.completed_at is None


def test_evidence_file_is_hashed_and_a_reference_kept(workdir, capsys):
    import hashlib
    letter = workdir / "surat.pdf"
    letter.write_bytes(b"%PDF- surat edaran")
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["log", run, "1", "--evidence", str(letter), "--at", "2026-11-23 08:00"]) == 0
    assert main(["log", run, "2", "--evidence", "005/123/421.628/2026", "--at", "2026-11-23 08:10"]) == 0
    capsys.readouterr()
    assert main(["status", run, "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert steps[0]["attempts"][0]["evidence"] == {
        "kind": "file", "path": str(letter.resolve()),
        "sha256": hashlib.sha256(b"%PDF- surat edaran").hexdigest()}
    assert steps[1]["attempts"][0]["evidence"] == {"kind": "ref", "ref": "005/123/421.628/2026"}


def test_run_prefix_and_unknown_run(workdir, capsys):
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["status", run[:12]]) == 0
    assert main(["status", "nope"]) == 1
    assert "no run 'nope'" in capsys.readouterr().err


def test_status_text_says_what_corrections_and_undos_changed(workdir, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    assert main(["log", run, "1", "--at", "2026-11-23T01:00Z"]) == 0           # 08:00 WIB, typed in UTC
    assert main(["log", run, "2", "--at", "08:10"]) == 0                       # event 3
    assert main(["correct", run, "3", "--at", "08:20", "--reason", "jam salah"]) == 0   # event 4
    assert main(["undo", run, "--reason", "koreksi keliru"]) == 0              # event 5 undoes 4
    assert main(["correct", run, "3", "--at", "08:15", "--reason", "jam benar"]) == 0   # event 6
    capsys.readouterr()
    assert main(["status", run]) == 0
    events = capsys.readouterr().out.split("Events (")[1]  # the step table above has numbered rows too
    rows = {line.split()[0]: " ".join(line.split()) for line in events.splitlines()
            if line.split() and line.split()[0].isdigit()}
    assert rows["2"].startswith("2 completion 1 2026-11-23 08:00")  # shown in the office's zone
    assert rows["3"].endswith("corrected by #6: time 2026-11-23 08:15")  # not by the undone #4
    assert rows["4"].endswith("corrects event #3: time 2026-11-23 08:10 → 2026-11-23 08:20; jam salah; undone by #5")
    assert rows["5"].endswith("undoes event #4; koreksi keliru")
    assert rows["6"].endswith("corrects event #3: time 2026-11-23 08:10 → 2026-11-23 08:15; jam benar")


def test_evidence_written_as_a_path_must_be_a_file(workdir, capsys):
    assert main(["start", "karangploso-renja", "--at", "2026-11-23 07:30"]) == 0
    run = capsys.readouterr().out.strip()
    for bad, says in ((str(workdir / "tidak-ada.pdf"), "there is no such file"), (str(workdir), "is a folder"),
                      ("./surat.pdf", "there is no such file"), ("~/tidak/ada.pdf", "there is no such file")):
        assert main(["log", run, "1", "--evidence", bad, "--at", "08:00"]) == 1
        assert says in " ".join(capsys.readouterr().err.split())  # wrapped at 80 columns where the path is long
    assert fold(RunService(workdir / "data", WIB).events(run), run).steps[1].last.completed_at is None
    # A name or a letter number without a path is a reference, as before.
    assert main(["log", run, "1", "--evidence", "Disposisi 005/123/421.628/2026", "--at", "08:00"]) == 0


def test_a_step_waiting_for_rework_is_not_said_to_be_done(svc, karang):
    run = svc.start(karang, title="T", operator="op", at=at("2026-11-23 07:30"))
    for n in range(1, 6):
        svc.complete(run, n, at=at(f"2026-11-23 08:0{n}"), actor=f"A{n}")
    svc.complete(run, 6, at=at("2026-11-23 08:06"), actor="A6", verdict="tidak")  # back to step 5
    with pytest.raises(RuleError, match="step 6 is not ready; the current step is 5"):
        svc.complete(run, 6, at=at("2026-11-23 08:07"), actor="A6", verdict="ya")
