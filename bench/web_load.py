"""How fast are the Today page and GET /api/v1/due on a big ledger, under load?

Builds (or reuses) the agenda benchmark's SQLite ledger (100,000 people,
1,000,000 interactions, 200,000 loops; see bench/agenda.py), starts the web
app with uvicorn on 127.0.0.1, then runs 20 concurrent clients (httpx, async)
against / and /api/v1/due for a fixed time and reports the median and 95th
percentile latency of each. Only loopback traffic.

    python bench/web_load.py                        # 20 clients, 15 s
    python bench/web_load.py --clients 20 --seconds 30 --json
    python bench/web_load.py --cache-seconds 0      # every request computes the agenda

Goal (issue 5): median under 50 ms and p95 under 150 ms for both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from agenda import NOW, build  # noqa: E402  (the agenda benchmark's ledger)

PATHS = ("/", "/api/v1/due")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache_seconds: float) -> subprocess.Popen:
    env = dict(os.environ, CLOSELOOP_DATABASE_URL=f"sqlite:///{db}", CLOSELOOP_NOW=NOW.isoformat())
    env.pop("CLOSELOOP_WEB_TOKEN", None)
    code = ("import uvicorn; from closeloop.web import create_app; "
            f"uvicorn.run(create_app(agenda_cache_seconds={cache_seconds!r}), host='127.0.0.1', "
            f"port={port}, log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code], env=env)


async def wait_ready(base: str, timeout: float = 900) -> None:
    import httpx
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/api/v1/stats", timeout=30)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not start")


async def load(base: str, clients: int, seconds: float, max_requests: int) -> dict[str, list[float]]:
    import httpx
    times: dict[str, list[float]] = {p: [] for p in PATHS}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    sent = 0

    async def client_loop(n: int) -> None:
        nonlocal sent
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            i = n
            while time.monotonic() < deadline and sent < max_requests:
                path = PATHS[i % len(PATHS)]
                i += 1
                sent += 1
                t0 = time.perf_counter()
                response = await client.get(path)
                elapsed = time.perf_counter() - t0
                if response.status_code != 200:
                    errors.append(f"{path}: {response.status_code}")
                times[path].append(elapsed)

    await asyncio.gather(*(client_loop(n) for n in range(clients)))
    if errors:
        print(f"{len(errors)} errors, e.g. {errors[:3]}", file=sys.stderr)
    return times


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"requests": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "max_ms": round(ordered[-1] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/closeloop-bench-agenda.db"))
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--loops", type=int, default=200_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--warmup", type=float, default=2, help="seconds of load not measured")
    parser.add_argument("--cache-seconds", type=float, default=2.0,
                        help="the app's agenda cache (0 computes the agenda on every request)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db}: {args.people:,} people, {args.interactions:,} interactions, "
              f"{args.loops:,} loops", file=sys.stderr)
        build(args.db, args.people, args.interactions, args.loops)
    # Migrate before the clock starts: a new schema version can take minutes on 100k people.
    from closeloop.service import close_ledgers, open_ledger
    from closeloop.settings import load_settings
    open_ledger(load_settings({"CLOSELOOP_DATABASE_URL": f"sqlite:///{args.db}"}))
    close_ledgers()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.cache_seconds)
    try:
        asyncio.run(wait_ready(base))
        if args.warmup:
            asyncio.run(load(base, args.clients, args.warmup, args.max_requests))
        t0 = time.monotonic()
        times = asyncio.run(load(base, args.clients, args.seconds, args.max_requests))
        wall = time.monotonic() - t0
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result = {"clients": args.clients, "seconds": round(wall, 1), "cache_seconds": args.cache_seconds,
              "throughput_rps": round(sum(len(v) for v in times.values()) / wall, 1),
              **{("today" if p == "/" else "due"): summary(v) for p, v in times.items()}}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.clients} clients for {result['seconds']} s on {args.db} "
          f"(agenda cache {args.cache_seconds:g} s): {result['throughput_rps']} requests/s")
    for name, path in (("today", "/"), ("due", "/api/v1/due")):
        r = result[name]
        print(f"  GET {path:<12} {r['requests']:>6} requests  median {r['median_ms']} ms  "
              f"p95 {r['p95_ms']} ms  max {r['max_ms']} ms")


if __name__ == "__main__":
    main()
