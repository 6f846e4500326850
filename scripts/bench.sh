#!/usr/bin/env bash
# bench.sh runs the load harness's scenarios against the real binaries and
# prints each summary. It needs Go, redis-server on PATH (the faults
# scenario starts its own) and a Redis at REDIS_URL whose database the
# harness may FLUSHDB (default redis://127.0.0.1:6379/9).
#
#   scripts/bench.sh                 load, conference, faults, memory (about 6 minutes)
#   scripts/bench.sh load faults     only those
#   BENCH_FLAGS=-json scripts/bench.sh load
#
# Figures and their meaning: docs/benchmarks.md and docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null; then
  echo "bench.sh: redis-server not found (scripts/redis-for-tests.sh installs it)" >&2
  exit 1
fi
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/9}"
if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
  echo "bench.sh: no Redis at $REDIS_URL" >&2
  exit 1
fi

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
  scenarios=(load conference faults memory)
fi
go build -o /tmp/investbot-loadtest ./cmd/loadtest
for s in "${scenarios[@]}"; do
  echo "== $s"
  # shellcheck disable=SC2086
  /tmp/investbot-loadtest "$s" ${BENCH_FLAGS:-} | if [ -n "${BENCH_FLAGS:-}" ]; then cat; else sed -n '/^machine:/p;/^summary:/,$p'; fi
done
