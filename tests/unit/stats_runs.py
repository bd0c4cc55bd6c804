"""Hand-computed runs for the statistics tests, recorded through the real service.

SOP "t" (all by Staf, the decision by Kepala): 1 "10 menit"; 2 "1 jam"; 3 decision "30 menit",
"tidak" back to 2; 4 "1 hari". Office calendar: the default (Mon–Thu 07:30–16:00, break 12–13).
November 2026 has no holiday; 2 Nov is a Monday.

  A  Mon 2 Nov 08:00: 1 at 08:05 (5 min, on time); 2 at 09:05 (60 min = due, on time); 3 "tidak"
     at 09:20 (15 min); 2 again at 11:20 (120 min, late); 3 "ya" at 11:30 (10 min); 4 at 13:30
     (11:30-12:00 + 13:00-13:30 = 60 min; due Tue 11:30 = 27,000 s of work) -> finished.
  B  Tue 3 Nov 08:00: 1 at 08:20 (20 min, late); 2 at 08:50 (30 min); 3 "ya" at 09:00 (10 min);
     4 at Wed 09:00 (6 h + 1.5 h = 27,000 s = due, on time) -> finished.
  C  Wed 4 Nov 08:00: 1 at 08:10; cancelled at 08:30 (counted, never timed).
  D  Thu 5 Nov 08:00: 1 at 08:30 (30 min, late); still in progress at 2.
  E  Fri 30 Oct 15:00: 1 at 15:30 (late): started before November, outside the period.
  F  Mon 30 Nov 15:50: 1 at Tue 1 Dec 07:35 (10 + 5 = 15 min, late): started in November.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from soptui.calendar import OfficeCalendar
from soptui.service import RunService
from soptui.sopfile import parse_text

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=WIB)


def sop_toml(sop_id: str = "t", nama: str = "Contoh") -> str:
    text = ('pelaksana = ["Staf", "Kepala"]\n[identitas]\npemerintah = "Pemerintah Kabupaten Contoh"\n'
            f'unit = "Kecamatan Contoh"\nnomor = "800/01/2026"\nnama = "{nama}"\n'
            '[identitas.disahkan_oleh]\njabatan = "Camat Contoh"\nnama = "Budi"\nnip = "1970"\n')
    for no, waktu in ((1, "10 menit"), (2, "1 jam"), (3, "30 menit"), (4, "1 hari")):
        text += (f'[[langkah]]\nno = {no}\nkegiatan = "Langkah {no}"\n'
                 f'pelaksana = "{"Kepala" if no == 3 else "Staf"}"\nwaktu = "{waktu}"\n')
        if no == 3:
            text += "tidak = 2\n"
    return text


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB)


def record(svc: RunService, loaded, title: str, start: str, steps, cancel: str | None = None) -> str:
    run_id = svc.start(loaded, title=title, operator="op", at=at(start))
    for step in steps:
        no, done, verdict = (*step, None)[:3]
        svc.complete(run_id, no, at=at(done), actor=f"{title}-{no}", verdict=verdict)
    if cancel:
        svc.cancel(run_id, "batal", at=at(cancel))
    return run_id


def build(data_dir, sop_id: str = "t", calendar: OfficeCalendar | None = None) -> tuple[RunService, dict]:
    svc = RunService(data_dir, WIB, clock=lambda: NOW, calendar=calendar or OfficeCalendar())
    loaded = parse_text(sop_toml(sop_id), "test", sop_id=sop_id)
    ids = {
        "A": record(svc, loaded, "A", "2026-11-02 08:00", [
            (1, "2026-11-02 08:05"), (2, "2026-11-02 09:05"), (3, "2026-11-02 09:20", "tidak"),
            (2, "2026-11-02 11:20"), (3, "2026-11-02 11:30", "ya"), (4, "2026-11-02 13:30")]),
        "B": record(svc, loaded, "B", "2026-11-03 08:00", [
            (1, "2026-11-03 08:20"), (2, "2026-11-03 08:50"), (3, "2026-11-03 09:00", "ya"),
            (4, "2026-11-04 09:00")]),
        "C": record(svc, loaded, "C", "2026-11-04 08:00", [(1, "2026-11-04 08:10")], cancel="2026-11-04 08:30"),
        "D": record(svc, loaded, "D", "2026-11-05 08:00", [(1, "2026-11-05 08:30")]),
        "E": record(svc, loaded, "E", "2026-10-30 15:00", [(1, "2026-10-30 15:30")]),
        "F": record(svc, loaded, "F", "2026-11-30 15:50", [(1, "2026-12-01 07:35")]),
    }
    return svc, ids
