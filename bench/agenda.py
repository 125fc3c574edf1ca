"""How fast is `closeloop today` on a big ledger?

Builds (once, then reuses) a SQLite ledger of 100,000 people, 1,000,000
interactions and 200,000 loops, then times `closeloop today` as a whole
process — start-up included — and reports its peak memory.

    python bench/agenda.py                       # build if needed, then measure
    python bench/agenda.py --runs 10 --json
    python bench/agenda.py --people 10000 --interactions 100000 --loops 20000 --db /tmp/small.db

Goal (issue 2): under 0.5 s per run and under 150 MB peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def build(path: Path, n_people: int, n_interactions: int, n_loops: int, seed: int = 7) -> None:
    from closeloop.core.model import Direction, EventKind, Loop, LoopEvent, LoopKind
    from closeloop.store.db import migrate, open_engine
    from closeloop.store.loops import derived_columns
    from closeloop.store.times import to_db, to_ts

    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    engine = open_engine(f"sqlite:///{path}")
    migrate(engine)
    raw = engine.raw_connection()
    db = raw.driver_connection
    cur = db.cursor()
    t0 = time.perf_counter()
    start = NOW - timedelta(days=3 * 365)
    span = int((NOW - start).total_seconds())

    def moment() -> datetime:
        return start + timedelta(seconds=rng.randrange(span))

    def text(m: datetime) -> str:
        return to_db(m).isoformat(sep=" ")

    circles = {name: cid for cid, name in cur.execute("SELECT id, name FROM circles")}
    cur.executemany("INSERT INTO people (id, name, is_me, created_at, updated_at, cadence_days) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    ((i, f"Person {i:06d}", i == 1, text(start), text(start),
                      rng.choice((None,) * 19 + (45,))) for i in range(1, n_people + 1)))
    cur.executemany("INSERT INTO identities (person_id, kind, value) VALUES (?, 'email', ?)",
                    ((i, f"person{i}@example{i % 997}.com") for i in range(1, n_people + 1)))
    members = [(i, circles[rng.choice(list(circles))]) for i in range(2, n_people + 1)
               if rng.random() < 0.2]
    cur.executemany("INSERT INTO person_circles (person_id, circle_id) VALUES (?, ?)", members)
    cur.execute("UPDATE people SET keep_cadence_days = coalesce(cadence_days, (SELECT min("
                "c.cadence_days) FROM circles c JOIN person_circles pc ON pc.circle_id = c.id "
                "WHERE pc.person_id = people.id))")
    print(f"  people: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    kinds = ("email", "email", "email", "call", "meeting", "message", "note")
    directions = ("from_me", "to_me", "mutual")
    last: dict[int, int] = {}
    batch_i, batch_p = [], []
    for iid in range(1, n_interactions + 1):
        m = moment()
        kind, direction = rng.choice(kinds), rng.choice(directions)
        bulk = kind == "email" and rng.random() < 0.1
        needs_reply = direction == "to_me" and kind == "email" and not bulk and rng.random() < 0.02
        counts = not bulk and (kind in ("call", "meeting") or (
            kind != "note" and direction in ("from_me", "mutual")))
        batch_i.append((iid, kind, text(m), direction, "a short summary", "bench", f"k{iid}",
                        needs_reply, bulk, text(m)))
        ts = to_ts(m)
        for pid in {rng.randrange(2, n_people + 1) for _ in range(rng.choice((1, 1, 1, 2)))}:
            batch_p.append((iid, pid, "with", ts, counts))
            if counts and last.get(pid, 0) < ts:
                last[pid] = ts
        if len(batch_i) >= 50_000:
            _flush(cur, batch_i, batch_p)
    _flush(cur, batch_i, batch_p)
    cur.executemany("UPDATE people SET last_contact_ts = ? WHERE id = ?",
                    ((ts, pid) for pid, ts in last.items()))
    print(f"  interactions: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    loop_rows, event_rows = [], []
    event_id = 0
    received_path = [EventKind.THANKED, EventKind.ACTED, EventKind.REPORTED]
    given_path = [EventKind.ACKNOWLEDGED, EventKind.OUTCOME]
    for lid in range(1, n_loops + 1):
        direction = Direction.RECEIVED if rng.random() < 0.6 else Direction.GIVEN
        at = moment()
        if direction == Direction.RECEIVED:
            events = [LoopEvent(rng.choice((EventKind.ASKED, EventKind.HELPED)), at)]
            if events[0].kind == EventKind.ASKED and rng.random() < 0.8:
                at += timedelta(days=rng.uniform(0, 5))
                events.append(LoopEvent(EventKind.HELPED, at))
            path_ = received_path if events[-1].kind == EventKind.HELPED else []
        else:
            events, path_ = [LoopEvent(EventKind.GIVEN, at)], given_path
        # Most loops get further; old ones are mostly closed.
        for step in path_:
            if rng.random() < 0.75:
                at += timedelta(days=rng.uniform(0, 10))
                if at > NOW:
                    break
                events.append(LoopEvent(step, at))
            else:
                break
        if rng.random() < 0.03:
            events.append(LoopEvent(EventKind.DROPPED, min(NOW, at + timedelta(days=30))))
        loop = Loop(lid, rng.choice(list(LoopKind)), direction, rng.randrange(2, n_people + 1),
                    "something", None, tuple(events))
        d = derived_columns(loop)
        loop_rows.append((lid, loop.kind.value, direction.value, loop.counterpart_id, loop.about,
                          text(events[0].at), d["stage"], d["is_open"], text(d["opened_at"]),
                          d["closed_at"] and text(d["closed_at"]),
                          d["helped_at"] and text(d["helped_at"]),
                          d["thanked_at"] and text(d["thanked_at"]), d["next_step"],
                          d["anchor_ts"], d["snooze_ts"]))
        for e in events:
            event_id += 1
            event_rows.append((event_id, lid, e.kind.value, text(e.at), "", False, text(e.at)))
    cur.executemany("INSERT INTO loops (id, kind, direction, counterpart_id, about, created_at, "
                    "stage, is_open, opened_at, closed_at, helped_at, thanked_at, next_step, "
                    "anchor_ts, snooze_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", loop_rows)
    cur.executemany("INSERT INTO loop_events (id, loop_id, kind, at, note, automatic, recorded_at) "
                    "VALUES (?,?,?,?,?,?,?)", event_rows)
    db.commit()
    cur.execute("ANALYZE")
    db.commit()
    raw.close()
    engine.dispose()
    print(f"  loops: {time.perf_counter() - t0:.1f}s; {path.stat().st_size / 1e6:.0f} MB",
          file=sys.stderr)


def _flush(cur, batch_i: list, batch_p: list) -> None:
    cur.executemany("INSERT INTO interactions (id, kind, occurred_at, direction, summary, source, "
                    "source_key, needs_reply, bulk, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    batch_i)
    cur.executemany("INSERT INTO interaction_people (interaction_id, person_id, role, "
                    "occurred_ts, counts) VALUES (?,?,?,?,?)", batch_p)
    batch_i.clear()
    batch_p.clear()


def measure(path: Path, runs: int) -> dict:
    env = dict(os.environ, CLOSELOOP_DATABASE_URL=f"sqlite:///{path}",
               CLOSELOOP_NOW=NOW.isoformat())
    command = [str(Path(sys.executable).with_name("closeloop"))]
    if not Path(command[0]).exists():
        command = [sys.executable, "-c", "from closeloop.cli import main; main()"]
    command += ["today"]
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the file cache
    times, peaks, output = [], [], ""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(timer + command, env=env, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - t0)
        if timer:  # the child's own peak, in KB (a fork of this big process would mislead)
            peaks.append(int(done.stderr.strip().splitlines()[-1]))
        output = done.stdout
    return {"runs": runs, "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3),
            "peak_rss_mb": round(max(peaks) / 1024, 1) if peaks else None,
            "first_line": output.splitlines()[0] if output else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--loops", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/closeloop-bench-agenda.db"))
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        print(f"building {args.db}: {args.people:,} people, {args.interactions:,} interactions, "
              f"{args.loops:,} loops", file=sys.stderr)
        build(args.db, args.people, args.interactions, args.loops)
    result = {"people": args.people, "interactions": args.interactions, "loops": args.loops,
              **measure(args.db, args.runs)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"closeloop today on {args.people:,} people / {args.interactions:,} interactions / "
              f"{args.loops:,} loops: median {result['median_s']} s "
              f"(min {result['min_s']}, max {result['max_s']}, {args.runs} runs), "
              f"peak RSS {result['peak_rss_mb']} MB")
        print(f"  agenda said: {result['first_line']}")


if __name__ == "__main__":
    main()
