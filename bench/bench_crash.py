"""Crashes: a writer process killed (SIGKILL) at random moments while it records events.

    .venv/bin/python bench/bench_crash.py [TRIALS] [--seed N]

Each trial spawns a writer that records into two runs of one data folder through RunService, as
the command line does (with the office calendar): it completes step 1 and undoes it, over and
over, and prints each sequence number once the service call has returned (the event is then
acknowledged). After a few acknowledged events and a random pause the writer is killed, wherever
it is: waiting for a lock, reading, writing the temporary file, renaming it, or writing the index.
After each kill the folder is checked:

- lost: acknowledged events missing from their run file (goal: 0);
- unreadable: a run file or index shard that no longer loads (goal: 0);
- chain: a run whose chain or head does not verify (goal: 0);
- rows behind: an index row older than its run (the kill fell between the run file and its
  index row; the index is a cache, and the next listing repairs it);
- leftovers: temporary files (.NAME.PID.RAND.tmp) in runs/ and index/.

At the end `RunService.index()` runs once, as the next `soptui runs` or home screen would, and the
leftovers and rows behind are counted again. The last line is `ratio: lost / acknowledged`.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, child_env, machine, temp_dir  # noqa: E402
from generate import WIB, repo_sops  # noqa: E402

from soptui.calendar import CalendarSettings  # noqa: E402
from soptui.errors import SoptuiError  # noqa: E402
from soptui.holidaycache import office_calendar  # noqa: E402
from soptui.runs import verify_chain  # noqa: E402
from soptui.service import RunService  # noqa: E402
from soptui.sopfile import parse_text  # noqa: E402
from soptui.store import AtomicJSONStorage, StoreError  # noqa: E402

WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from soptui.calendar import CalendarSettings
    from soptui.errors import RuleError
    from soptui.holidaycache import office_calendar
    from soptui.service import RunService
    data, run_ids = Path(sys.argv[1]), sys.argv[2:]
    tz = ZoneInfo("Asia/Jakarta")
    svc = RunService(data, tz, calendar=office_calendar(CalendarSettings(), data))
    i = 0
    while True:
        run = run_ids[i % len(run_ids)]
        i += 1
        try:
            if svc.state(run).current == 1:
                state = svc.complete(run, 1, actor="x", at=datetime.now(tz) - timedelta(minutes=1))
            else:
                state = svc.undo(run, "crash test")
        except RuleError:
            continue
        print(run, state.events[-1]["seq"], flush=True)
""")


def leftovers(data: Path) -> tuple[int, int]:
    """Temporary files in runs/ and in index/."""
    return tuple(sum(1 for p in (data / folder).iterdir() if p.name.endswith(".tmp"))
                 if (data / folder).is_dir() else 0 for folder in ("runs", "index"))


def check(svc: RunService, run_ids: list[str], acknowledged: dict[str, int]) -> dict[str, int]:
    found = {"lost": 0, "unreadable": 0, "chain": 0, "behind": 0}
    rows = {}
    for shard in sorted(svc.store.index_dir.glob("*.json")):
        try:
            data = AtomicJSONStorage(shard).read()
        except StoreError:
            found["unreadable"] += 1
            continue
        rows.update({r["id"]: r for r in data.get("runs", {}).values()})
    for run in run_ids:
        try:
            events, head = svc.store.read_run(run)
        except StoreError:
            found["unreadable"] += 1
            continue
        last = events[-1]["seq"] if events else 0
        found["lost"] += max(0, acknowledged[run] - last)
        found["chain"] += verify_chain(events, head) is not None
        found["behind"] += rows.get(run, {}).get("last_seq", 0) < last
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trials", type=int, nargs="?", default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sops = repo_sops()
    sop_id = sorted(sops)[0]
    print(f"{machine()}; {args.trials} kills, seed {args.seed}")
    with temp_dir() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        env = child_env(tmp)
        svc = RunService(data, WIB, calendar=office_calendar(CalendarSettings(), data))
        loaded = parse_text(sops[sop_id], sop_id, sop_id)
        start = datetime.now(WIB) - timedelta(hours=2)
        run_ids = [svc.start(loaded, title=f"crash {i}", operator="op", at=start) for i in range(2)]
        acknowledged = {run: 1 for run in run_ids}
        totals = {"lost": 0, "unreadable": 0, "chain": 0, "behind": 0}
        most_leftovers = (0, 0)
        t0 = time.perf_counter()
        for _ in range(args.trials):
            proc = subprocess.Popen([PYTHON, "-c", WRITER, str(data), *run_ids], env=env, cwd=tmp,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            for _ in range(rng.randint(1, 6)):
                line = proc.stdout.readline().split()
                if line:
                    acknowledged[line[0]] = max(acknowledged[line[0]], int(line[1]))
            time.sleep(rng.uniform(0, 0.03))  # land the kill anywhere in the next write
            proc.send_signal(signal.SIGKILL)
            for line in proc.stdout.read().splitlines():
                run, seq = line.split()
                acknowledged[run] = max(acknowledged[run], int(seq))
            proc.wait()
            found = check(svc, run_ids, acknowledged)
            totals["lost"] += found["lost"]
            for key in ("unreadable", "chain", "behind"):  # kills after which this was seen
                totals[key] += found[key] > 0
            most_leftovers = tuple(map(max, most_leftovers, leftovers(data)))
        elapsed = time.perf_counter() - t0
        acked = sum(acknowledged.values()) - len(run_ids)
        left_before = leftovers(data)
        try:
            rows, problems = svc.index()
        except SoptuiError as exc:
            raise SystemExit(f"index() failed after the kills: {exc}")
        after = check(svc, run_ids, acknowledged)
        left_after = leftovers(data)
    print(f"{args.trials} kills in {elapsed:.0f} s; {acked} events acknowledged in all")
    print(f"lost acknowledged events: {totals['lost']} (goal: 0)")
    print(f"kills after which a run file or index shard was unreadable: {totals['unreadable']} (goal: 0)")
    print(f"kills after which a run's chain or head did not verify: {totals['chain']} (goal: 0)")
    print(f"kills after which an index row was behind its run: {totals['behind']} "
          f"(rows behind after the next index(): {after['behind']})")
    print("temporary files left in runs/ and index/: at most {} and {} at once, {} and {} at the end; "
          "after the next index(): {} and {}".format(*most_leftovers, *left_before, *left_after))
    print(f"problems reported by that index(): {len(problems)}")
    print(f"ratio: {totals['lost'] / max(acked, 1):.3f} (goal: 0)")


if __name__ == "__main__":
    main()
