"""Deterministic generators for the benchmarks: SOPs, runs and whole data folders (seeded)."""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soptui import runs  # noqa: E402
from soptui.service import index_row  # noqa: E402
from soptui.store import SHARDS, Store  # noqa: E402

WIB = ZoneInfo("Asia/Jakarta")
UNITS = ["5 menit", "10 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari", "1 minggu", ""]


def sop_text(steps: int, decisions: int, seed: int = 1) -> str:
    """A valid SOP file with `steps` steps and `decisions` decision steps (rework targets earlier)."""
    rng = random.Random(seed)
    roles = ["Kepala", "Sekretaris", "Kasubag", "Staf", "Tim"]
    decision_at = set(rng.sample(range(3, steps + 1), min(decisions, steps - 2)))
    out = [f'pelaksana = {json.dumps(roles)}', 'dasar_hukum = ["Peraturan contoh"]',
           "[identitas]", 'pemerintah = "Pemerintah Kabupaten Contoh"', 'unit = "Dinas Contoh"',
           f'nomor = "BENCH/{steps}/{seed}"', f'nama = "SOP sintetis {steps} langkah"',
           "[identitas.disahkan_oleh]", 'jabatan = "Kepala Dinas"', 'nama = "Contoh"', 'nip = "1"']
    for no in range(1, steps + 1):
        out += ["[[langkah]]", f"no = {no}", f'kegiatan = "Kegiatan nomor {no}"',
                f'pelaksana = "{rng.choice(roles)}"', f'waktu = "{rng.choice(UNITS)}"',
                f'output = "Hasil {no}"', f'kelengkapan = ["Hasil {no - 1}"]']
        if no in decision_at:
            out.append(f"tidak = {rng.randint(max(1, no - 3), no - 1)}")
    return "\n".join(out) + "\n"


def run_events(text: str, sop_id: str, *, rework_loops: int, seed: int = 1,
               start: datetime = datetime(2026, 1, 5, 8, 0, tzinfo=WIB), finish: bool = True) -> list[dict]:
    """A run through the SOP that answers "tidak" `rework_loops` times in all, spread over the decisions."""
    rng = random.Random(seed)
    now = start + timedelta(days=3650)
    docs = runs.start_run(sop_id, text, title="bench", operator="op", timezone="Asia/Jakarta", at=start, now=now)
    state = runs.fold(docs)
    sop = state.sop
    moment, loops = start, 0
    while state.current is not None:
        moment += timedelta(minutes=rng.randint(5, 240))
        step = sop.step(state.current)
        verdict = None
        if step.is_decision:
            verdict = "tidak" if loops < rework_loops and rng.random() < 0.5 else "ya"
            loops += verdict == "tidak"
        docs = docs + runs.complete_step(docs, "bench", state.current, at=moment, now=now, actor="x",
                                         output="y", verdict=verdict)
        state = runs.fold(docs, "bench", sop)
        if not finish and state.done_count > len(sop.steps) // 2:
            break
    return docs


def populate(data_dir: Path, count: int, docs: list[dict], seed: int = 1) -> list[str]:
    """Write `count` runs with these events straight to disk (valid TinyDB files and index shards).

    Generation skips fsync (it is set-up, not the thing measured); every file is what the store
    itself would write.
    """
    rng = random.Random(seed)
    store = Store(data_dir)
    store.runs_dir.mkdir(parents=True, exist_ok=True)
    store.index_dir.mkdir(parents=True, exist_ok=True)
    state = runs.fold(docs, "x")
    payload = json.dumps({"events": {str(d["seq"]): d for d in docs}}, separators=(",", ":"))
    shards: dict[int, dict] = {i: {} for i in range(SHARDS)}
    ids = []
    for i in range(count):
        run_id = f"2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{i:06x}"
        ids.append(run_id)
        (store.runs_dir / f"{run_id}.json").write_text(payload)
        state.id = run_id
        row = {**index_row(state), "mtime_ns": store.modified_ns(run_id)}
        shard = shards[store._shard(run_id)]
        shard[str(len(shard) + 1)] = row
    for number, rows in shards.items():
        if rows:
            (store.index_dir / f"{number:02d}.json").write_text(json.dumps({"runs": rows}))
    return ids
