#!/usr/bin/env bash
# Durable ingestion throughput through the real pipeline (issue #4, Performance).
#
# N generated warehouse-receipt documents (5–10 lots each, EPCIS 2.0 JSON-LD, with a story.tsv
# naming each one's warehouse: ops/bench/receipt_documents.py) are submitted with
# `bollard ingest --no-wait --json` — durable intake, one job queued each, not timed — into a
# template store; then, for 1, 2 and 4 workers, a copy of that store is drained by that many
# `bollard worker` processes while `bollard status --wait` waits for an empty queue and a log
# integrated and checkpointed up to its last record. Commits and log appends are durable
# throughout: PostgreSQL 15 at its defaults (fsync on, synchronous_commit on), SQLite in WAL
# with synchronous=FULL. In the same run, on the same cluster, pgbench measures the plain
# insert rate (one 1 KB row per transaction) with as many clients as workers. Prints custody
# records/s, commits/s, the ratio to pgbench, and the workers' conflict retries.
#
# Usage: ops/bench/ingest.sh [N]            (default 5000 documents, about 43,000 records)
# Environment: WORKERS="1 2 4"  BATCH=128 (documents per worker transaction: the group-commit
#              size; `bollard worker --batch` defaults to 32)  PGBENCH_SECONDS=10
#              BACKENDS="postgres sqlite"  INTAKE_CONCURRENCY=16  KEEP=1 (keep the work folder)
#              BOLLARD=path/to/release/bollard (default: build it with swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-5000}"
WORKERS="${WORKERS:-1 2 4}"
BATCH="${BATCH:-128}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-10}"
BACKENDS="${BACKENDS:-postgres sqlite}"
INTAKE_CONCURRENCY="${INTAKE_CONCURRENCY:-16}"
PG_BIN="${BOLLARD_PG_BIN:-/usr/lib/postgresql/15/bin}"

if [ -z "${BOLLARD:-}" ]; then
  swift build -c release --product bollard >/dev/null
  BOLLARD="$(swift build -c release --show-bin-path)/bollard"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bollard-ingest.XXXXXX")"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
. ops/ci/postgres.sh
cleanup() {
  bollard_pg_stop || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "work folder kept: $WORK"; fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# The three commands the benchmark drives; TARGET is the store's options (--data, --postgres).
intake() {        # TARGET... — submits every document, durably, and queues one job each
  "$BOLLARD" ingest "$@" --no-wait --json --concurrency "$INTAKE_CONCURRENCY" "$WORK/docs"
}
worker() {        # TARGET... — one worker process; prints its totals as JSON when it stops
  exec "$BOLLARD" worker "$@" --batch "$BATCH" --poll 20 --json
}
wait_drained() {  # TARGET... — prints the job counts and log sizes once drained and integrated
  "$BOLLARD" status "$@" --wait --json --poll 50
}

# run_one BACKEND WORKERS TARGET...: starts the workers, waits until drained, stops them
# (SIGTERM: graceful), records the rate.
run_one() {
  local backend="$1" workers="$2" pids=() i t0 t1 status
  shift 2
  t0="$(date +%s.%N)"
  for i in $(seq 1 "$workers"); do
    (worker "$@") >"$WORK/$backend-$workers-w$i.json" 2>"$WORK/$backend-$workers-w$i.err" &
    pids+=("$!")
  done
  status="$(wait_drained "$@")"
  t1="$(date +%s.%N)"
  # The workers' CPU time (user + system, clock ticks) before they stop: where the time went.
  local ticks=0
  for p in "${pids[@]}"; do
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for p in "${pids[@]}"; do wait "$p" || echo "  a worker exited with status $?" >&2; done
  grep -h -i "error\|CancellationError" "$WORK/$backend-$workers"-w*.err >&2 || true
  python3 - "$backend" "$workers" "$t0" "$t1" "$status" "$(loadavg)" "$WORK/$backend-$workers" "$ticks" "$(getconf CLK_TCK)" >>"$RESULTS" <<'PY'
import glob, json, sys
backend, workers, t0, t1, status, load, prefix, ticks, hz = sys.argv[1:]
cpu = int(ticks) / int(hz)
s = json.loads(status)
seconds = float(t1) - float(t0)
reports = []
for f in sorted(glob.glob(prefix + "-w*.json")):
    lines = [l for l in open(f).read().splitlines() if l.strip()]
    if lines:
        reports.append(json.loads(lines[-1]))
total = lambda k: sum(r.get(k, 0) for r in reports)
print("\t".join(map(str, [backend, workers, s["integrated"], s["done"], s["rejected"], f"{seconds:.3f}",
                          f"{s['integrated'] / seconds:.0f}", f"{total('batches') / seconds:.1f}", total("conflictRetries"),
                          total("leaseRenewals"), len(reports), load, f"{cpu:.1f}",
                          f"{cpu * 1e6 / max(1, s['integrated']):.0f}"])))
PY
  tail -n 1 "$RESULTS" | awk -F'\t' '{printf "  %-8s %s worker(s): %s records from %s documents (%s refused) in %s s = %s records/s, %s commits/s, %s conflict retries, %s lease renewals (%s worker reports), workers used %s CPU s = %s CPU µs/record; load %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $14, $12}'
}

echo "== load average before: $(loadavg) ($(nproc) cores); bollard: $BOLLARD; $BATCH documents per worker transaction"
echo "== generating $N receipt documents"
python3 ops/bench/receipt_documents.py "$N" "$WORK/docs"
KEYS="$WORK/keys"   # the log and ledger keys, shared by every run

for backend in $BACKENDS; do
  case "$backend" in
    postgres)
      bollard_pg_start
      base="${BOLLARD_TEST_POSTGRES_URL%/bollard?sslmode=disable}"
      port="${base##*:}"
      psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U bollard)
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U bollard ingest_template
      echo "== PostgreSQL 15 at 127.0.0.1:$port (fsync=$("${psql[@]}" -Atc 'SHOW fsync' bollard), synchronous_commit=$("${psql[@]}" -Atc 'SHOW synchronous_commit' bollard))"
      t0="$(date +%s.%N)"
      intake --data "$KEYS" --postgres "$base/ingest_template?sslmode=disable" >"$WORK/intake-postgres.json"
      echo "   intake: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/intake-postgres.json") documents queued in $(python3 -c "import time; print(f'{time.time() - $t0:.1f}')") s"
      # The cluster is left quiet before each timed run: the template vacuumed and analyzed
      # once (the intake's inserts would otherwise wake autovacuum during the first run), and
      # each run's database dropped after it (autovacuum of a finished run's ≈150 MB of tables
      # competed with the next run for the two cores).
      "${psql[@]}" -c 'VACUUM ANALYZE' ingest_template
      for w in $WORKERS; do
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U bollard -T ingest_template "ingest_$w"
        run_one postgres "$w" --data "$KEYS" --postgres "$base/ingest_$w?sslmode=disable"
        "$PG_BIN/dropdb" -h 127.0.0.1 -p "$port" -U bollard "ingest_$w"
      done
      echo "== pgbench: one INSERT of a 1 KB row per transaction, clients = workers, ${PGBENCH_SECONDS}s each"
      "${psql[@]}" -c 'CREATE TABLE bench_insert (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL)' bollard
      echo "INSERT INTO bench_insert (payload) VALUES (repeat('x', 1000));" >"$WORK/insert.sql"
      for w in $WORKERS; do
        tps="$("$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$port" -U bollard -f "$WORK/insert.sql" -c "$w" -j "$w" -T "$PGBENCH_SECONDS" bollard 2>/dev/null \
          | awk '/^tps = /{print $3; exit}')"
        printf 'pgbench\t%s\t%s\t%s\n' "$w" "$tps" "$(loadavg)" >>"$RESULTS"
        echo "  pgbench  $w client(s): $tps inserts/s; load $(loadavg)"
      done
      bollard_pg_stop
      ;;
    sqlite)
      echo "== SQLite (WAL, synchronous=FULL)"
      t0="$(date +%s.%N)"
      cp -r "$KEYS" "$WORK/sqlite-template" 2>/dev/null || mkdir -p "$WORK/sqlite-template"
      intake --data "$WORK/sqlite-template" >"$WORK/intake-sqlite.json"
      echo "   intake: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/intake-sqlite.json") documents queued in $(python3 -c "import time; print(f'{time.time() - $t0:.1f}')") s"
      for w in $WORKERS; do
        cp -r "$WORK/sqlite-template" "$WORK/sqlite-$w"
        run_one sqlite "$w" --data "$WORK/sqlite-$w"
      done
      ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
done

python3 - "$RESULTS" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
runs = {(r[0], r[1]): r for r in rows if r[0] != "pgbench"}
pgbench = {r[1]: float(r[2]) for r in rows if r[0] == "pgbench" and r[2]}
print("== summary (records = custody records integrated into the log; durable throughout)")
print(f"{'backend':<9}{'workers':>8}{'records/s':>11}{'commits/s':>11}{'conflicts':>10}{'CPU µs/rec':>11}{'pgbench/s':>11}{'ratio':>8}  load average")
for (backend, workers), r in sorted(runs.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
    rate, commits = float(r[6]), float(r[7])
    p = pgbench.get(workers) if backend == "postgres" else None
    ratio = f"{rate / p:.2f}x" if p else ""
    print(f"{backend:<9}{workers:>8}{rate:>11.0f}{commits:>11.1f}{r[8]:>10}{r[13]:>11}{(f'{p:.0f}' if p else ''):>11}{ratio:>8}  {r[11]}")
print("CPU µs/rec = the worker processes' CPU time (user + system) per record, all workers together")
print("ratio = custody records/s ÷ pgbench single-row INSERT transactions/s with as many clients (issue #4 goal ≥ 0.5x, and ≥ 10,000 records/s)")
PY
