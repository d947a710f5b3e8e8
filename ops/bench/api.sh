#!/usr/bin/env bash
# The API benchmark (issue #6, Performance): `bollard serve` on PostgreSQL 15 with the Busan story
# scaled to N lots, driven on loopback. Goal: p99 < 5 ms at 1,000 lookups/s, and posting keeps up
# with the pipeline's ingest rate.
#
#  1. a throwaway PostgreSQL 15 cluster (ops/ci/postgres.sh), durable defaults;
#  2. ops/bench/lot_documents.py writes N lots as producer, terminal and warehouse documents
#     (3 per shipment of 5–10 lots), plus POSTS one-lot receipt documents for step 8;
#  3. `bollard ingest --no-wait` submits them; `bollard serve --workers W` applies them: the time
#     to drain the queue is the pipeline's ingest rate (documents/s, log records/s);
#  4. `bollard keys add`: a customs key (reads every lot) and a key for warehouse W1 (posts);
#  5. wrk, closed loop (Lua: a random lot each request): GET /v1/lots/{id} throughput and latency;
#  6. ops/bench/api/open_loop.py, open loop at RATE lookups/s: latency from each request's due
#     time, so a stall is charged to every request it delays (no coordinated omission) — this is
#     the p50/p99 the goal is about;
#  7. wrk posting POST /v1/documents (EPCIS JSON-LD as W1) for POST_SECONDS, then the time for
#     the workers to apply what was accepted: posts/s against applied documents/s.
#
# Usage: ops/bench/api.sh [N]                    (default 100000 lots)
# Environment: BOLLARD=path (an existing release binary; otherwise `swift build -c release`)
#              WORKERS=2 (serve's in-process workers)  DURATION=30 (s per lookup run)
#              RATE=1000 (open-loop lookups/s)  CONNECTIONS=32 (wrk connections)  THREADS=2
#              POSTS=30000 (documents available to post)  POST_SECONDS=15  KEEP=1 (keep the work folder)
#              GEN=dir (keep the generated documents there and reuse them on the next run with the same N)
# Needs wrk (Debian `wrk`, ops/setup), PostgreSQL 15 and python3. Loopback only; every run is
# bounded in time. Release builds only for figures: ratios, not absolute times, on a shared host.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-100000}"
WORKERS="${WORKERS:-2}"
DURATION="${DURATION:-30}"
RATE="${RATE:-1000}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
POSTS="${POSTS:-30000}"
POST_SECONDS="${POST_SECONDS:-15}"
PG_BIN="${BOLLARD_PG_BIN:-/usr/lib/postgresql/15/bin}"
W1="gln:8801234000048"
CUSTOMS="customs:KR-BMC"

command -v wrk >/dev/null || { echo "api.sh: wrk not found (apt-get install wrk; ops/setup does)" >&2; exit 1; }
if [ -z "${BOLLARD:-}" ]; then
  swift build -c release --product bollard >/dev/null
  BOLLARD="$(swift build -c release --show-bin-path)/bollard"
fi
"$BOLLARD" --help | grep -qE '^  serve( |$)' || { echo "api.sh: $BOLLARD has no 'serve' command" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bollard-api.XXXXXX")"
SERVER_PID=""
. ops/ci/postgres.sh
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  bollard_pg_stop || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "work folder kept: $WORK"; fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
# http_get PATH [KEY [TIMEOUT]] → prints the status code, the body into $WORK/last-body
http_get() {
  python3 - "$BASE$1" "${2:-}" "$WORK/last-body" "${3:-10}" <<'PY'
import sys, urllib.request, urllib.error
url, key, out, timeout = sys.argv[1:]
req = urllib.request.Request(url, headers={"Authorization": "Bearer " + key} if key else {})
try:
    with urllib.request.urlopen(req, timeout=float(timeout)) as r:
        status, body = r.status, r.read()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read()
except OSError:
    status, body = 0, b""
open(out, "wb").write(body)
print(status)
PY
}
# The store's queue, straight from PostgreSQL: "queued running done rejected".
queue_counts() {
  "${psql[@]}" -Atc "SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'running'),
                            count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'rejected') FROM jobs" bollard \
    | tr '|' ' '
}
# wait_drained → returns once nothing is queued or running (checked every 0.5 s, 2 h at most)
wait_drained() {
  local counts queued running _
  for _ in $(seq 1 14400); do
    counts="$(queue_counts)"
    read -r queued running _ <<<"$counts"
    if [ "$queued" -eq 0 ] && [ "$running" -eq 0 ]; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bollard serve died:" >&2; tail -n 40 "$WORK/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "api.sh: the queue did not drain in 2 hours: $counts" >&2
  exit 1
}
log_size() {
  [ "$(http_get /v1/log/checkpoint)" = 200 ] || { echo "GET /v1/log/checkpoint failed" >&2; exit 1; }
  sed -n 2p "$WORK/last-body"
}
# make_key PARTY ROLE NAME → prints the key (`bollard keys add` prints it once, among other words:
# the longest token is the key)
make_key() {
  "$BOLLARD" keys add --postgres "$BOLLARD_TEST_POSTGRES_URL" --data "$WORK/bollard" --party "$1" --role "$2" --name "$3" \
    | tr -s ' \t' '\n' | awk 'length($0) >= 20 && length($0) > length(best) { best = $0 } END { if (best == "") exit 1; print best }'
}

echo "== load average before: $(loadavg) ($(nproc) cores); bollard: $BOLLARD"
bollard_pg_start
port="${BOLLARD_TEST_POSTGRES_URL#*127.0.0.1:}"
port="${port%%/*}"
psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U bollard)
echo "== PostgreSQL 15 at 127.0.0.1:$port (fsync=$("${psql[@]}" -Atc 'SHOW fsync' bollard), synchronous_commit=$("${psql[@]}" -Atc 'SHOW synchronous_commit' bollard))"

if [ -n "${GEN:-}" ] && [ -f "$GEN/lots.txt" ] && [ "$(cat "$GEN/.spec" 2>/dev/null)" = "$N $POSTS" ]; then
  echo "== reusing the documents generated in $GEN ($N lots, $POSTS posts)"
  ln -s "$(cd "$GEN" && pwd)" "$WORK/gen"
else
  echo "== generating $N lots (+ $POSTS documents to post)"
  python3 ops/bench/lot_documents.py "$N" "$WORK/gen" --posts "$POSTS"
  if [ -n "${GEN:-}" ]; then
    rm -rf "$GEN" && mkdir -p "$(dirname "$GEN")" && cp -r "$WORK/gen" "$GEN" && echo "$N $POSTS" >"$GEN/.spec"
  fi
fi
documents="$(find "$WORK/gen/docs" -name '*.jsonld' | wc -l)"

echo "== submitting $documents documents (bollard ingest --no-wait)"
t0="$(now)"
"$BOLLARD" ingest --postgres "$BOLLARD_TEST_POSTGRES_URL" --data "$WORK/bollard" --no-wait --json "$WORK/gen/docs" >"$WORK/submitted.json"
t1="$(now)"
echo "   $documents documents stored and queued in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s"

CUSTOMS_KEY="$(make_key "$CUSTOMS" customs bench-customs)"
W1_KEY="$(make_key "$W1" warehouse bench-w1)"

http_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$http_port"
echo "== bollard serve on $BASE with $WORKERS worker(s)"
t0="$(now)"
BOLLARD_RATE_LIMIT=1000000000 "$BOLLARD" serve --postgres "$BOLLARD_TEST_POSTGRES_URL" --data "$WORK/bollard" \
  --host 127.0.0.1 --port "$http_port" --workers "$WORKERS" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  [ "$(http_get /healthz)" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bollard serve exited:" >&2; tail -n 40 "$WORK/serve.log" >&2; exit 1; }
  sleep 0.2
done
[ "$(http_get /healthz)" = 200 ] || { echo "bollard serve did not answer /healthz within a minute" >&2; exit 1; }
wait_drained
t1="$(now)"
read -r _ _ done_docs refused <<<"$(queue_counts)"
records="$(log_size)"
INGEST_SECONDS="$(python3 -c "print(f'{$t1 - $t0:.2f}')")"
INGEST_DOCS_RATE="$(python3 -c "print(f'{$done_docs / ($t1 - $t0):.0f}')")"
echo "   applied $done_docs documents ($refused refused), $records log records in $INGEST_SECONDS s:" \
     "$INGEST_DOCS_RATE documents/s, $(python3 -c "print(f'{$records / ($t1 - $t0):.0f}')") records/s; load $(loadavg)"
if [ "$refused" -ne 0 ]; then
  echo "api.sh: $refused generated documents were refused — the generator and the engine disagree:" >&2
  "${psql[@]}" -Atc "SELECT convert_from(error, 'UTF8') FROM jobs WHERE state = 'rejected' LIMIT 3" bollard >&2 || true
  exit 1
fi

# The first lookup waits for the server's state to catch up with the ingest (the follower
# replays what the workers committed and builds the lookup index): a warm-up, timed but not
# counted in the lookup figures.
first_lot="$(head -n 1 "$WORK/gen/lots.txt")"
t0="$(now)"
status="$(http_get "/v1/lots/$first_lot" "$CUSTOMS_KEY" 600)"
t1="$(now)"
[ "$status" = 200 ] || { echo "GET /v1/lots/$first_lot answered $status: $(head -c 500 "$WORK/last-body")" >&2; exit 1; }
echo "   GET /v1/lots/$first_lot: a proof bundle of $(wc -c <"$WORK/last-body") bytes, first answer in" \
     "$(python3 -c "print(f'{$t1 - $t0:.2f}')") s; server RSS $(awk '/VmRSS/ {print $2 / 1024 " MiB"}' /proc/$SERVER_PID/status)"

echo "== wrk, closed loop: GET /v1/lots/{random lot}, $THREADS threads, $CONNECTIONS connections, ${DURATION}s"
LOTS="$WORK/gen/lots.txt" KEY="$CUSTOMS_KEY" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s ops/bench/api/lookup.lua "$BASE" | tee "$WORK/wrk-lookup.txt"

echo "== open loop: $RATE lookups/s for ${DURATION}s (latency from each request's due time)"
python3 ops/bench/api/open_loop.py "$BASE" --rate "$RATE" --seconds "$DURATION" --ids "$WORK/gen/lots.txt" \
  --prefix /v1/lots/ --header "Authorization: Bearer $CUSTOMS_KEY" | tee "$WORK/open-loop.json"

echo "== wrk: POST /v1/documents as W1, $THREADS threads, $CONNECTIONS connections, ${POST_SECONDS}s"
before="$(queue_counts)"
records_before="$(log_size)"
t0="$(now)"
# shellcheck disable=SC2097,SC2098 # THREADS is passed on to post.lua as it is
POSTS="$WORK/gen/posts.ndjson" KEY="$W1_KEY" THREADS="$THREADS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${POST_SECONDS}s" --latency \
  -s ops/bench/api/post.lua "$BASE" | tee "$WORK/wrk-post.txt"
t_posted="$(now)"
wait_drained
t1="$(now)"
after="$(queue_counts)"
records_after="$(log_size)"

python3 - "$WORK" "$before" "$after" "$t0" "$t_posted" "$t1" "$records_before" "$records_after" "$INGEST_DOCS_RATE" "$RATE" "$(loadavg)" <<'PY'
import json, re, sys
work, before, after, t0, t_posted, t1, rb, ra, ingest_rate, rate, load = sys.argv[1:]
def wrk(path):
    text = open(path).read()
    def latency(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return None if not m else float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    return {"rps": float(rps.group(1)) if rps else None, "p50": latency(50), "p99": latency(99), "text": text}
lookup, post = wrk(f"{work}/wrk-lookup.txt"), wrk(f"{work}/wrk-post.txt")
m = re.search(r"lookups: (\d+) answered 200, (\d+) other", lookup["text"])
lookup_bad = int(m.group(2)) if m else None
m = re.search(r"posts: (\d+) accepted \(200/202\), (\d+) other", post["text"])
accepted, post_bad = (int(m.group(1)), int(m.group(2))) if m else (None, None)
ol = json.loads(open(f"{work}/open-loop.json").read())
b, a = [int(x) for x in before.split()], [int(x) for x in after.split()]
applied = (a[2] + a[3]) - (b[2] + b[3])
post_seconds, drain_seconds = float(t_posted) - float(t0), float(t1) - float(t0)
fmt = lambda v, unit="": "?" if v is None else f"{v:,.2f}{unit}"
print("== summary (loopback; release build; load average now " + load + ")")
print(f"lookups, wrk closed loop : {fmt(lookup['rps'])} req/s, p50 {fmt(lookup['p50'], ' ms')}, p99 {fmt(lookup['p99'], ' ms')}"
      f" (measured from send: hides queueing), non-200: {lookup_bad}")
print(f"lookups, open loop       : {ol['rate_achieved']} of {rate} req/s, p50 {ol['p50_ms']} ms, p99 {ol['p99_ms']} ms,"
      f" p99.9 {ol['p999_ms']} ms, statuses {ol['statuses']}, errors {ol['errors']},"
      f" generator late >1 ms: {100 * (ol['sent_late_over_1ms'] or 0):.1f}%")
goal = ol["p99_ms"] is not None and ol["p99_ms"] < 5 and ol["statuses"].get("200", 0) == ol["requests"]
print(f"   goal p99 < 5 ms at {rate} lookups/s, all 200: {'met' if goal else 'NOT met'}")
post_rate = accepted / post_seconds if accepted else 0
applied_rate = applied / drain_seconds if drain_seconds > 0 else 0
print(f"posts, wrk               : {fmt(post_rate)} accepted/s (p50 {fmt(post['p50'], ' ms')}, p99 {fmt(post['p99'], ' ms')}),"
      f" other statuses: {post_bad}; applied {applied} new documents"
      f" ({int(ra) - int(rb)} log records) in {drain_seconds:.1f} s = {applied_rate:,.0f} documents/s")
print(f"   posting vs the pipeline: {post_rate:,.0f} posts/s accepted ÷ {float(ingest_rate):,.0f} documents/s applied"
      f" during the initial ingest = {post_rate / float(ingest_rate):.2f}x (≥ 1: intake keeps up with the workers)")
PY
