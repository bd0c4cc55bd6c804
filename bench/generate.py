"""Deterministic generators for the benchmarks (seeded random.Random): SOPs, runs and data folders.

- `sop_text`: a synthetic SOP as TOML text, valid for sopfile.parse_text, with decision steps
  whose "tidak" sends the work back to an earlier step.
- `repo_sops`: the SOP library of the repository (sops/*.toml), id -> text.
- `run_events`: one run through an SOP, built with the real rules (runs.start_run, start_step,
  complete_step with verdicts, correct_time) and injected times; finished or left in progress.
- `run_pool`: a seeded mix of such runs over several SOPs.
- `populate`: a data folder of N runs written straight to disk, fast: each run is a copy of a
  pool run under its own id and title, re-chained with runs.event_hash, so every file is a valid
  run (chain intact, folds, passes the time rules), and the index shards hold the row that
  RunService.row computes for it. Files are byte-for-byte what the store writes, without fsync.
- `check_folder`: the folder reads back as valid runs with an up-to-date index.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import soptui  # noqa: E402
from soptui import amend, runs  # noqa: E402
from soptui.store import SHARDS, Store  # noqa: E402

if Path(soptui.__file__).resolve().parent.parent != ROOT:  # an installed or other checkout's soptui
    raise SystemExit(f"bench: imported {soptui.__file__}, not {ROOT}/soptui")

WIB = ZoneInfo("Asia/Jakarta")
# Every generated time lies in 2025, so it is in the past on any machine that runs this.
EPOCH = datetime(2025, 1, 6, 8, 0, tzinfo=WIB)
WAKTU = ["5 menit", "10 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari", "3 hari kerja",
         "1 minggu", "1 jam 30 menit", ""]
ROLES = ["Kepala Dinas", "Sekretaris", "Kasubag Umum", "Staf Perencanaan", "Tim Renja"]
NAMES = ["Sri Wahyuni", "Agus Santoso", "Dewi Lestari", "Bambang Irawan", "Rina Marlina",
         "Hendra Gunawan", "Yuliana", "Eko Prasetyo"]


# -- SOPs ---------------------------------------------------------------------------------------

def sop_text(steps: int, decisions: int, seed: int = 1) -> str:
    """A valid SOP file: `steps` steps, `decisions` of them decisions sending work back 1-3 steps."""
    rng = random.Random(seed)
    decision_at = set(rng.sample(range(3, steps + 1), min(decisions, steps - 2)))
    out = [f"pelaksana = {json.dumps(ROLES)}", 'dasar_hukum = ["Peraturan Bupati Contoh Nomor 1 Tahun 2024"]',
           'peralatan_perlengkapan = ["ATK", "Komputer"]', "",
           "[identitas]", 'pemerintah = "Pemerintah Kabupaten Contoh"', 'unit = "Dinas Contoh"',
           f'nomor = "000/{steps}/{seed}/2025"', f'nama = "SOP sintetis {steps} langkah"',
           "tanggal_pembuatan = 2024-01-02", "tanggal_efektif = 2024-02-01", "",
           "[identitas.disahkan_oleh]", 'jabatan = "Kepala Dinas Contoh"', 'nama = "Contoh, S.Sos"',
           'nip = "19700101 199003 1 001"']
    for no in range(1, steps + 1):
        out += ["", "[[langkah]]", f"no = {no}", f'kegiatan = "Menyusun dan memeriksa dokumen tahap {no}"',
                f'pelaksana = "{rng.choice(ROLES)}"', f'waktu = "{rng.choice(WAKTU)}"',
                f'kelengkapan = ["Dokumen tahap {no - 1}"]', f'output = "Dokumen tahap {no}"']
        if no in decision_at:
            out += [f'pertanyaan = "Dokumen tahap {no} disetujui?"',
                    f"tidak = {rng.randint(max(1, no - 3), no - 1)}"]
    return "\n".join(out) + "\n"


def repo_sops() -> dict[str, str]:
    """The repository's SOP library: id (file stem) -> TOML text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "sops").glob("*.toml"))}


# -- runs ---------------------------------------------------------------------------------------

def run_events(text: str, sop_id: str, *, rework_loops: int = 0, seed: int = 1,
               start: datetime = EPOCH, finish: bool = True, title: str = "bench",
               started_share: float = 0.3, corrections: int = 0) -> list[dict]:
    """One run through the SOP with the real rules and injected times (recorded a little after).

    Decisions answer "tidak" until `rework_loops` loops were made (each with chance 1/2, so spread
    over the decisions), then "ya". Some steps record a start first. With finish=False the run
    stops about half-way, still in progress.
    """
    rng = random.Random(seed)
    docs = runs.start_run(sop_id, text, title=title, operator=rng.choice(NAMES), timezone="Asia/Jakarta",
                          at=start, now=start + timedelta(minutes=2))
    sop = runs.fold(docs, "gen").sop
    state = runs.fold(docs, "gen", sop)
    moment, loops, stop_at = start, 0, len(sop.steps) // 2
    while state.current is not None:
        no = state.current
        step = sop.step(no)
        if rng.random() < started_share:
            moment += timedelta(minutes=rng.randint(1, 90))
            docs = docs + runs.start_step(docs, "gen", no, at=moment, now=moment + timedelta(minutes=1))
        moment += timedelta(minutes=rng.randint(10, 600))
        verdict = None
        if step.is_decision:
            verdict = "tidak" if loops < rework_loops and rng.random() < 0.5 else "ya"
            loops += verdict == "tidak"
        docs = docs + runs.complete_step(docs, "gen", no, at=moment, now=moment + timedelta(minutes=3),
                                         actor=rng.choice(NAMES), output=f"{step.output} (versi {loops + 1})",
                                         evidence={"kind": "ref", "ref": f"{rng.randint(1, 999):03d}/SK/2025"},
                                         note=rng.choice(["", "", "lengkap", "menunggu paraf"]),
                                         verdict=verdict)
        state = runs.fold(docs, "gen", sop)
        if not finish and state.done_count >= stop_at:
            break
    for _ in range(corrections):  # a completion entered late, its time corrected with a reason
        done = [e for e in state.effective if e["kind"] == "step_completed"]
        if not done:
            break
        target = rng.choice(done)
        at = datetime.fromisoformat(target["at"]) - timedelta(minutes=rng.randint(1, 5))
        try:
            docs = docs + amend.correct(docs, "gen", target["seq"], at=at, reason="jam salah ketik",
                                        now=moment + timedelta(minutes=5))
        except runs.RuleError:
            continue  # it would move before the step became ready: the rules refuse it
        state = runs.fold(docs, "gen", sop)
    return docs


def run_pool(sops: dict[str, str], size: int, seed: int = 1) -> list[list[dict]]:
    """`size` runs over the SOPs in turn: about a third in progress, decisions sometimes reworked."""
    rng = random.Random(seed)
    ids = sorted(sops)
    pool = []
    for i in range(size):
        sop_id = ids[i % len(ids)]
        start = EPOCH + timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 480))
        pool.append(run_events(sops[sop_id], sop_id, rework_loops=rng.choice([0, 0, 1, 2]),
                               seed=rng.randint(0, 10**9), start=start, finish=rng.random() < 0.65,
                               title=f"Pelaksanaan {sop_id}", corrections=rng.choice([0, 0, 0, 1])))
    return pool


def retitle(docs: list[dict], title: str) -> list[dict]:
    """The same run under another title: event 1 changes, so the whole chain is re-hashed."""
    out, prev = [], runs.GENESIS
    for doc in docs:
        doc = {**doc, "prev_hash": prev}
        if doc["seq"] == 1:
            doc["data"] = {**doc["data"], "title": title}
        doc["hash"] = runs.event_hash(doc)
        prev = doc["hash"]
        out.append(doc)
    return out


# -- data folders -------------------------------------------------------------------------------

def run_file_bytes(docs: list[dict]) -> bytes:
    """Exactly what the store writes for a run: its events table and its head."""
    return json.dumps({"events": {str(d["seq"]): d for d in docs},
                       "head": {"1": {"seq": docs[-1]["seq"], "hash": docs[-1]["hash"]}}},
                      ensure_ascii=False, separators=(",", ":")).encode()


def populate(data_dir: Path, count: int, pool: list[list[dict]], seed: int = 1,
             calendar=None) -> list[str]:
    """Write `count` valid runs (copies of pool runs, each under its own id and title) and the index.

    The index row of each run is the one RunService.row computes (with `calendar`, lateness too).
    Set-up only: no fsync, no lock.
    """
    from soptui.service import RunService
    rng = random.Random(seed)
    data_dir = Path(data_dir)
    svc = RunService(data_dir, WIB, calendar=calendar, clock=lambda: EPOCH + timedelta(days=365))
    store: Store = svc.store
    store.runs_dir.mkdir(parents=True, exist_ok=True)
    store.index_dir.mkdir(parents=True, exist_ok=True)
    base_rows = []
    for docs in pool:
        state = runs.fold(docs, "x")
        base_rows.append(svc.row(state))
    shards: dict[int, dict] = {i: {} for i in range(SHARDS)}
    ids = []
    for i in range(count):
        k = rng.randrange(len(pool))
        docs = pool[k]
        title = f"{docs[0]['data']['title']} #{i + 1}"
        day = datetime.fromisoformat(docs[0]["at"])
        run_id = f"{day:%Y%m%d}-{i:06x}"
        ids.append(run_id)
        path = store.run_path(run_id)
        docs = retitle(docs, title)
        path.write_bytes(run_file_bytes(docs))
        row = {**base_rows[k], "id": run_id, "title": title, "last_hash": docs[-1]["hash"],
               "mtime_ns": store.modified_ns(run_id)}
        shard = shards[store._shard(run_id)]
        shard[str(len(shard) + 1)] = row
    for number, rows in shards.items():
        if rows:
            store._shard_path(number).write_bytes(
                json.dumps({"runs": rows}, ensure_ascii=False, separators=(",", ":")).encode())
    store.rebuild_hot(sorted(shards))  # the hot index, as every write of a shard leaves it
    return ids


def check_folder(data_dir: Path, sample: int = 20, seed: int = 1) -> int:
    """Raise unless the index lists every run, up to date, and a sample of runs verify and fold."""
    from soptui.service import RunService
    svc = RunService(Path(data_dir), WIB)
    ids = svc.store.run_ids()
    rows, problems = svc.store.index_rows()
    if problems or {r["id"] for r in rows} != set(ids):
        raise SystemExit(f"generated index does not match the runs: {problems[:3]}")
    stale = [r["id"] for r in rows if r.get("mtime_ns") != svc.store.modified_ns(r["id"])]
    if stale:
        raise SystemExit(f"generated index rows are stale: {stale[:3]}")
    for run_id in random.Random(seed).sample(ids, min(sample, len(ids))):
        problem = svc.verify(run_id)
        if problem:
            raise SystemExit(f"generated run {run_id} does not verify: {problem}")
        state = svc.state(run_id)
        runs.check_times(state, EPOCH + timedelta(days=400))
    return len(ids)
