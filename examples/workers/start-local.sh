#!/usr/bin/env bash
# The same setup on the services this machine already runs (Redis 127.0.0.1:6379, Postgres
# 127.0.0.1:5432 database `test`): N worker processes on one queue and one schema. Ctrl-C stops
# them gracefully. Run from the repository root after `npm run build`:
#
#   examples/workers/start-local.sh 4
set -euo pipefail
workers="${1:-4}"
queue="${QUEUE_NAME:-interleaf-runs}"
db="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test?schema=interleaf_workers}"
redis="${REDIS_URL:-redis://127.0.0.1:6379}"
pids=()
for _ in $(seq "$workers"); do
  node bin/interleaf.js worker --queue "$redis" --queue-name "$queue" --db "$db" --concurrency "${CONCURRENCY:-2}" &
  pids+=("$!")
done
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait' INT TERM
wait
