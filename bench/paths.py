"""How fast are warm paths on a big network, stored in the database?

Builds (once, then reuses from /tmp) a SQLite ledger of N people in
organizations of 10 to 5,000 people, with 10 x N weighted who-knows-whom links
(60% between colleagues, 40% anywhere; each stored both ways, as the app
stores them) and a user who knows 2,000 of them (with real interactions, so
strength is computed as in the app). Then, in this process, it asks
``closeloop.service.paths.find_paths`` -- the function behind ``closeloop path
--org`` -- for the best intermediaries into organizations of every size (and the three where most of the
user's ties work), warm,
and reports the median and worst times and the process's peak memory.

    python bench/paths.py                          # 1,000,000 people, 10,000,000 links
    python bench/paths.py --people 100000          # 100,000 people, 1,000,000 links
    python bench/paths.py --json

Goal (issue 7): median under 50 ms, worst under 200 ms, process under 1 GB.
The build runs in a child process so that its memory is not counted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

NOW = datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc)
TIES = 2000
INTRA_SHARE = 0.6


def _org_sizes(n: int, rng: random.Random) -> list[int]:
    sizes, left = [], n
    while left > 0:
        size = min(left, int(math.exp(rng.uniform(math.log(10), math.log(5000)))))
        if left - size < 10:
            size = left
        sizes.append(size)
        left -= size
    return sizes


def build(path: Path, n_people: int, n_links: int, seed: int = 7) -> None:
    from closeloop.core.paths import link_weight
    from closeloop.store.db import migrate, open_engine

    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;"
                     "PRAGMA cache_size=-200000; PRAGMA temp_store=FILE;")
    started = time.perf_counter()

    def say(what: str) -> None:
        print(f"  {time.perf_counter() - started:6.1f}s  {what}", file=sys.stderr, flush=True)

    # People: 1 is me; everyone else is in one organization, colleagues numbered together.
    sizes = _org_sizes(n_people - 1, rng)
    stamp = "2025-01-01 00:00:00.000000"
    db.execute("BEGIN")
    db.executemany("INSERT INTO organizations (id, name) VALUES (?, ?)",
                   ((i + 1, f"Org {i + 1}") for i in range(len(sizes))))
    db.execute("INSERT INTO people (id, name, is_me, created_at, updated_at) VALUES "
               "(1, 'Me', 1, ?, ?)", (stamp, stamp))
    spans, first = [], 2
    for org, size in enumerate(sizes, 1):
        spans.append((first, size))
        first += size

    def people_rows():
        for org, (lo, size) in enumerate(spans, 1):
            for pid in range(lo, lo + size):
                yield pid, f"Person {pid}", org, stamp, stamp

    db.executemany("INSERT INTO people (id, name, organization_id, is_me, created_at, updated_at) "
                   "VALUES (?, ?, ?, 0, ?, ?)", people_rows())
    db.execute("COMMIT")
    say(f"{n_people:,} people in {len(sizes):,} organizations")

    # Links, one row per pair first (a < b), then both ways in primary-key order.
    db.execute("CREATE TEMP TABLE pairs (a INTEGER, b INTEGER, m INTEGER, t INTEGER, i INTEGER, "
               "w REAL, ts INTEGER)")
    now_ts = int(NOW.timestamp())

    def evidence(a: int, b: int):
        m = min(40, int(rng.expovariate(0.3)))
        t = min(m, int(rng.expovariate(0.6)))
        i = 1 if rng.random() < 0.02 else 0
        if m == t == i == 0:
            m = 1
        return (min(a, b), max(a, b), m, t, i, link_weight(m, t, i),
                now_ts - rng.randrange(3 * 365 * 86400))

    intra_target = int(n_links * INTRA_SHARE)
    per_person = max(1, round(intra_target / n_people))

    def intra():
        for lo, size in spans:
            k = min(per_person, (size - 1) // 2)
            for i in range(size):
                for d in range(1, k + 1):
                    yield evidence(lo + i, lo + (i + d) % size)

    db.execute("BEGIN")
    db.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?)", intra())
    made = db.execute("SELECT count(*) FROM pairs").fetchone()[0]

    def anywhere(count: int):
        for _ in range(count):
            a, b = rng.randrange(2, n_people + 1), rng.randrange(2, n_people + 1)
            if a != b:
                yield evidence(a, b)

    db.executemany("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?)", anywhere(n_links - made))
    db.execute("COMMIT")
    say("pairs generated")
    db.execute("BEGIN")
    db.execute("INSERT OR IGNORE INTO links (person_id, other_id, weight, messages, threads, intros, "
               "last_ts) SELECT a, b, w, m, t, i, ts FROM pairs UNION ALL "
               "SELECT b, a, w, m, t, i, ts FROM pairs ORDER BY 1, 2")
    db.execute("COMMIT")
    db.execute("DROP TABLE pairs")
    while True:  # duplicates were dropped: top up to exactly n_links pairs
        have = db.execute("SELECT count(*) FROM links").fetchone()[0] // 2
        if have >= n_links:
            break
        db.execute("BEGIN")
        for row in anywhere(n_links - have):
            a, b, *rest = row
            if db.execute("SELECT 1 FROM links WHERE person_id = ? AND other_id = ?", (a, b)).fetchone():
                continue
            db.execute("INSERT INTO links (person_id, other_id, weight, messages, threads, intros, "
                       "last_ts) VALUES (?, ?, ?, ?, ?, ?, ?)", (a, b, rest[3], *rest[:3], rest[4]))
            db.execute("INSERT INTO links (person_id, other_id, weight, messages, threads, intros, "
                       "last_ts) VALUES (?, ?, ?, ?, ?, ?, ?)", (b, a, rest[3], *rest[:3], rest[4]))
        db.execute("COMMIT")
    say(f"{n_links:,} links stored both ways")

    # The user: 2,000 ties, half in a few organizations, each with real interactions.
    home = rng.sample(spans, 8)
    ties = set()
    while len(ties) < TIES // 2:
        lo, size = rng.choice(home)
        ties.add(rng.randrange(lo, lo + size))
    while len(ties) < TIES:
        ties.add(rng.randrange(2, n_people + 1))
    db.execute("BEGIN")
    iid = 0
    interaction_rows, people_rows_, last = [], [], {}
    for pid in sorted(ties):
        a, b, m, t, i, w, ts = evidence(1, pid)
        for a_, b_ in ((1, pid), (pid, 1)):
            db.execute("INSERT OR IGNORE INTO links (person_id, other_id, weight, messages, threads, "
                       "intros, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?)", (a_, b_, w, m, t, i, ts))
        for _ in range(rng.randint(1, 15)):
            iid += 1
            when = NOW - timedelta(seconds=rng.randrange(2 * 365 * 86400))
            direction = rng.choice(("from_me", "to_me", "mutual"))
            interaction_rows.append((iid, "email", when.strftime("%Y-%m-%d %H:%M:%S.%f"), direction,
                                     "", "bench", f"b{iid}", 0, 0, 0, stamp))
            when_ts = int(when.timestamp())
            counts = direction != "to_me"
            people_rows_.append((iid, pid, "from" if direction == "to_me" else "to", when_ts, counts))
            if counts:
                last[pid] = max(last.get(pid, 0), when_ts)
    db.executemany("INSERT INTO interactions (id, kind, occurred_at, direction, summary, source, "
                   "source_key, needs_reply, bulk, reply_done, created_at) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", interaction_rows)
    db.executemany("INSERT INTO interaction_people (interaction_id, person_id, role, occurred_ts, "
                   "counts) VALUES (?, ?, ?, ?, ?)", people_rows_)
    db.executemany("UPDATE people SET last_contact_ts = ? WHERE id = ?",
                   [(ts, pid) for pid, ts in last.items()])
    # The graph has read all of it: a search's catch-up finds nothing new.
    db.executemany("INSERT INTO graph_marks (name, last_id) VALUES (?, ?)",
                   [("me", 1), ("interactions", iid), ("loop_events", 0), ("identities", 0)])
    db.execute("COMMIT")
    say(f"{TIES:,} ties with {iid:,} interactions")
    db.execute("ANALYZE")
    db.execute("PRAGMA journal_mode=WAL")
    db.close()
    say(f"done: {path.stat().st_size / 1e6:,.0f} MB")


def measure(path: Path, runs: int, samples: int, seed: int = 11) -> dict:
    os.environ["CLOSELOOP_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["CLOSELOOP_NOW"] = NOW.isoformat()
    from closeloop.service import open_ledger
    from closeloop.service.paths import find_paths

    ledger = open_ledger()
    db = sqlite3.connect(path)
    sizes = db.execute("SELECT organization_id, count(*) FROM people WHERE organization_id "
                       "IS NOT NULL GROUP BY organization_id ORDER BY 2").fetchall()
    # The worst case: the organizations where most of the user's ties work (most links to read).
    homes = db.execute("SELECT p.organization_id, count(*) FROM links l JOIN people p ON "
                       "p.id = l.other_id WHERE l.person_id = 1 GROUP BY 1 ORDER BY 2 DESC "
                       "LIMIT 3").fetchall()
    size_of = dict(sizes)
    db.close()
    rng = random.Random(seed)
    # Targets spread evenly over log(size), from the smallest organization to the largest.
    lo, hi = math.log(sizes[0][1]), math.log(sizes[-1][1])
    picked = {sizes[0][0]: sizes[0][1], sizes[-1][0]: sizes[-1][1]}
    for k in range(samples - 2):
        goal = math.exp(lo + (hi - lo) * k / max(1, samples - 3))
        near = min(sizes, key=lambda s: (abs(math.log(s[1]) - math.log(goal)), rng.random()))
        picked[near[0]] = near[1]
    picked.update({org: size_of[org] for org, _ in homes})
    for org in picked:  # warm up
        find_paths(ledger, org=f"Org {org}")
    times, rows = [], []
    for org, size in sorted(picked.items(), key=lambda kv: kv[1]):
        spent = []
        for _ in range(runs):
            start = time.perf_counter()
            result = find_paths(ledger, org=f"Org {org}")
            spent.append((time.perf_counter() - start) * 1000)
        times += spent
        rows.append({"org": org, "people": size, "median_ms": round(statistics.median(spent), 1),
                     "worst_ms": round(max(spent), 1), "links_read": result.links_read,
                     "paths": len(result.paths), "direct": len(result.direct)})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"targets": len(rows), "queries": len(times),
            "median_ms": round(statistics.median(times), 1), "worst_ms": round(max(times), 1),
            "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 1),
            "peak_rss_mb": round(peak_mb), "by_target": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=None, help="default: 10 per person")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per target")
    parser.add_argument("--targets", type=int, default=40, help="organizations searched")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    links = args.links or 10 * args.people
    path = args.db or Path(f"/tmp/closeloop-paths-{args.people}-{links}.db")
    if args.build_only:
        build(path, args.people, links)
        return
    if args.rebuild or not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, __file__, "--build-only", "--people", str(args.people),
                        "--links", str(links), "--db", str(path)], check=True)
    result = {"people": args.people, "links": links, "db": str(path),
              "db_mb": round(path.stat().st_size / 1e6), **measure(path, args.runs, args.targets)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.people:,} people, {links:,} links ({result['db_mb']:,} MB): "
          f"{result['queries']} searches over {result['targets']} organizations")
    print(f"  median {result['median_ms']} ms, p95 {result['p95_ms']} ms, "
          f"worst {result['worst_ms']} ms, peak RSS {result['peak_rss_mb']} MB")
    print("  people  median  worst  links read  paths")
    for row in result["by_target"]:
        print(f"  {row['people']:>6}  {row['median_ms']:>6}  {row['worst_ms']:>5}  "
              f"{row['links_read']:>10}  {row['paths']:>5}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
