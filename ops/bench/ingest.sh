#!/usr/bin/env bash
# Durable ingestion throughput (issue #4, Performance): N generated warehouse-receipt documents
# (5–10 lots each, EPCIS 2.0 JSON-LD, ops/bench/receipt_documents.py) ingested into PostgreSQL 15
# with 1, 2 and 4 worker processes — durable commits and log appends, defaults untouched (fsync
# on, synchronous_commit on) — then pgbench's plain insert rate on the same cluster with as many
# clients as workers, the ratio, and the same ingestion into SQLite (WAL, synchronous=FULL).
#
# Usage: ops/bench/ingest.sh [N]            (default 5000 documents, about 43,000 records)
# Environment: WORKERS="1 2 4"  BATCH=64 (documents per commit)  PGBENCH_SECONDS=10
#              BACKENDS="postgres sqlite"   KEEP=1 (keep the work folder)
#
# The three commands the benchmark drives are the functions intake, worker and wait_drained
# below; to measure the real pipeline, replace their bodies (e.g. `bollard ingest --postgres`
# and `bollard worker`). A worker is started once per worker process and may run until it is
# sent SIGTERM; wait_drained returns once nothing is queued or running and the log is
# integrated and checkpointed up to the last sequenced record. Documents are submitted once
# per backend into a template that each run copies, so every run starts from the same queue.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-5000}"
WORKERS="${WORKERS:-1 2 4}"
BATCH="${BATCH:-64}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-10}"
BACKENDS="${BACKENDS:-postgres sqlite}"
PG_BIN="${BOLLARD_PG_BIN:-/usr/lib/postgresql/15/bin}"

swift build -c release --product bollard >/dev/null
BOLLARD="$(swift build -c release --show-bin-path)/bollard"

intake() {        # STORE DIR
  "$BOLLARD" bench ingest submit --store "$1" "$2"
}
worker() {        # STORE NAME — runs in the background, one process per worker
  exec "$BOLLARD" bench ingest work --store "$1" --worker "$2" --batch "$BATCH"
}
wait_drained() {  # STORE — prints the final job counts and log sizes as JSON
  "$BOLLARD" bench ingest status --store "$1" --wait
}

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

# run_one BACKEND STORE WORKERS: starts the workers, waits until drained, records the rate.
run_one() {
  local backend="$1" store="$2" workers="$3" pids=() i t0 t1 status
  t0="$(date +%s.%N)"
  for i in $(seq 1 "$workers"); do
    (worker "$store" "w$i") >"$WORK/$backend-$workers-w$i.json" 2>"$WORK/$backend-$workers-w$i.err" &
    pids+=("$!")
  done
  status="$(wait_drained "$store")"
  t1="$(date +%s.%N)"
  # Workers that stop on their own get 10 s to report; a long-running one gets SIGTERM.
  for i in $(seq 1 100); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for p in "${pids[@]}"; do wait "$p" || true; done
  cat "$WORK/$backend-$workers"-w*.err >&2 || true
  python3 - "$backend" "$workers" "$t0" "$t1" "$status" "$(loadavg)" "$WORK/$backend-$workers" >>"$RESULTS" <<'PY'
import glob, json, sys
backend, workers, t0, t1, status, load, prefix = sys.argv[1:]
s = json.loads(status)
seconds = float(t1) - float(t0)
reports = [json.loads(open(f).read()) for f in sorted(glob.glob(prefix + "-w*.json")) if open(f).read().strip()]
commits = sum(r.get("commits", 0) for r in reports)
print("\t".join(map(str, [backend, workers, s["integrated"], s["done"], s["rejected"], f"{seconds:.3f}",
                          f"{s['integrated'] / seconds:.0f}", f"{commits / seconds:.1f}", load])))
PY
  tail -n 1 "$RESULTS" | awk -F'\t' '{printf "  %-8s %s worker(s): %s records from %s documents (%s refused) in %s s = %s records/s, %s commits/s; load %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
}

echo "== load average before: $(loadavg) ($(nproc) cores)"
echo "== generating $N receipt documents"
python3 ops/bench/receipt_documents.py "$N" "$WORK/docs"

for backend in $BACKENDS; do
  case "$backend" in
    postgres)
      bollard_pg_start
      base="${BOLLARD_TEST_POSTGRES_URL%/bollard?sslmode=disable}"
      port="${base##*:}"
      psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U bollard)
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U bollard ingest_template
      echo "== PostgreSQL 15 at 127.0.0.1:$port (fsync=$("${psql[@]}" -Atc 'SHOW fsync' bollard), synchronous_commit=$("${psql[@]}" -Atc 'SHOW synchronous_commit' bollard))"
      echo "   intake: $(intake "$base/ingest_template?sslmode=disable" "$WORK/docs")"
      for w in $WORKERS; do
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U bollard -T ingest_template "ingest_$w"
        run_one postgres "$base/ingest_$w?sslmode=disable" "$w"
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
      echo "   intake: $(intake "$WORK/template.sqlite" "$WORK/docs")"
      sqlite3 "$WORK/template.sqlite" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
      for w in $WORKERS; do
        cp "$WORK/template.sqlite" "$WORK/ingest-$w.sqlite"
        run_one sqlite "$WORK/ingest-$w.sqlite" "$w"
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
print(f"{'backend':<9}{'workers':>8}{'records/s':>11}{'commits/s':>11}{'pgbench/s':>11}{'ratio':>8}  load average")
for (backend, workers), r in sorted(runs.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
    rate, commits = float(r[6]), float(r[7])
    p = pgbench.get(workers) if backend == "postgres" else None
    ratio = f"{rate / p:.1f}x" if p else ""
    print(f"{backend:<9}{workers:>8}{rate:>11.0f}{commits:>11.1f}{(f'{p:.0f}' if p else ''):>11}{ratio:>8}  {r[8]}")
print("ratio = custody records/s ÷ pgbench single-row INSERT transactions/s with as many clients (issue #4 goal ≥ 0.5x, and ≥ 10,000 records/s)")
PY
