#!/usr/bin/env bash
# The Today page and GET /api/v1/due under 20 concurrent connections, measured
# with wrk (a C load generator, so the client does not eat the server's CPU).
#
#   python bench/agenda.py          # builds /tmp/closeloop-bench-agenda.db (100k people)
#   bash bench/web_wrk.sh [DB] [SECONDS]
#
# Needs Debian's wrk (apt-get install wrk). Loopback only; stops by itself.
# Goal (issue 5): median under 50 ms and 95th percentile under 150 ms.
set -euo pipefail
db=${1:-/tmp/closeloop-bench-agenda.db}
seconds=${2:-15}
port=8799
lua=$(mktemp --suffix .lua)
cat > "$lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("median %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  requests %d  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
export CLOSELOOP_DATABASE_URL="sqlite:///$db" CLOSELOOP_NOW=2026-11-26T09:00:00+00:00
closeloop serve --port "$port" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$lua"' EXIT
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/due" && break; sleep 0.2; done
for path in / /api/v1/due; do
  printf 'GET %-12s ' "$path"
  wrk -t2 -c20 -d"${seconds}s" -s "$lua" "http://127.0.0.1:$port$path" | tail -n 1
done
