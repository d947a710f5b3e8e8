#!/usr/bin/env python3
"""The checks behind ops/monitoring/check.sh (promtool is not available: PromQL is read simply).

  check_metrics.py static
      prometheus-rules.yaml: the shape Prometheus loads (groups of record/alert rules; every alert
      with `for:`, a severity, a summary and a runbook_url whose anchor exists in RUNBOOK.md);
      grafana-dashboard.json: valid JSON, every panel with PromQL targets; every expression names
      only metrics in metrics.tsv (histograms as _bucket/_sum/_count) or recording rules defined
      in the rules file; every bollard metric in metrics.tsv is used by the rules or the dashboard,
      and has a dashboard panel.
  check_metrics.py exposition FILE
      FILE is a /metrics answer (Prometheus text format): every bollard metric of metrics.tsv must
      be there, with the type metrics.tsv gives.
  check_metrics.py live BOLLARD
      starts `BOLLARD serve` on a fresh data folder (SQLite, one in-process worker, a low per-key
      rate limit) on a free loopback port, makes traffic that touches every metric (probes, an
      unauthenticated lookup, a key from `bollard keys add`, a document post until applied,
      lookups past the rate limit), checks /metrics as `exposition` does, then stops the server
      with SIGTERM and requires a clean exit within 30 s (graceful shutdown).
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

PROMQL_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
                   "inf", "nan", "atan2"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def load_metrics():
    metrics = {}
    with open(os.path.join(HERE, "metrics.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, kind, labels, source, meaning = line.rstrip("\n").split("\t")
            if kind not in ("counter", "gauge", "histogram", "summary"):
                raise SystemExit(f"metrics.tsv: {name}: unknown type {kind}")
            metrics[name] = {"type": kind, "labels": [l for l in labels.split(",") if l], "source": source}
    return metrics


def metric_names(expr):
    """The metric (or recording rule) names a PromQL expression reads.

    Strings, label matchers, range/offset durations, Grafana's $variables and the label lists of
    by/without/on/ignoring/group_* are removed; what remains is function names (followed by
    a parenthesis), keywords, numbers and metric names.
    """
    e = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    e = re.sub(r"\{[^{}]*\}", " ", e)
    e = re.sub(r"\[[^\[\]]*\]", " ", e)
    e = re.sub(r"\$\{?\w+\}?", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", r" ", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        word = m.group(0)
        rest = e[m.end():].lstrip()
        if rest.startswith("("):
            continue  # a function or an aggregation
        if word.lower() in PROMQL_KEYWORDS:
            continue
        if re.fullmatch(r"\d+[smhdwy]", word):
            continue
        # Part of a number such as 1e3 or 0x1f: the match starts inside a numeric literal.
        if m.start() > 0 and e[m.start() - 1].isdigit():
            continue
        names.add(word)
    return names


def resolve(name, metrics, recorded):
    if name in metrics or name in recorded:
        return name
    for suffix in HISTOGRAM_SUFFIXES:
        base = name[: -len(suffix)]
        if name.endswith(suffix) and metrics.get(base, {}).get("type") in ("histogram", "summary"):
            return base
    return None


def self_test():
    """The reader must find what it is meant to: a check that cannot fail checks nothing."""
    cases = {
        'sum by (route, status) (rate(bollard_http_requests_total{status=~"5.."}[5m])) / sum(rate(x_total[5m])) > 0.01':
            {"bollard_http_requests_total", "x_total"},
        "(max(bollard_queue_depth) > 0) and on() ((sum(rate(bollard_documents_total[10m])) or vector(0)) == 0)":
            {"bollard_queue_depth", "bollard_documents_total"},
        'histogram_quantile(0.99, sum by (le) (rate(foo_seconds_bucket[$__rate_interval]))) > 1e3':
            {"foo_seconds_bucket"},
        'up{job="bollard"} == 0 unless bollard:recorded offset 5m': {"up", "bollard:recorded"},
    }
    for expr, expected in cases.items():
        found = metric_names(expr)
        if found != expected:
            raise SystemExit(f"check_metrics.py self-test: {expr!r} gave {sorted(found)}, expected {sorted(expected)}")


def static():
    self_test()
    metrics = load_metrics()
    failures = []
    with open(os.path.join(HERE, "RUNBOOK.md")) as f:
        anchors = {re.sub(r"[^a-z0-9_-]", "", l[3:].strip().lower().replace(" ", "-")) for l in f if l.startswith("## ")}
    rules = yaml.safe_load(open(os.path.join(HERE, "prometheus-rules.yaml")))
    expressions = []  # (where, expr)
    recorded = set()
    alerts = []
    if not isinstance(rules, dict) or not isinstance(rules.get("groups"), list):
        raise SystemExit("prometheus-rules.yaml: no groups list")
    group_names = set()
    for g in rules["groups"]:
        if g.get("name") in group_names or not g.get("name"):
            failures.append(f"rules: group name {g.get('name')!r} missing or repeated")
        group_names.add(g.get("name"))
        for r in g.get("rules") or []:
            unknown = set(r) - {"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"}
            if unknown:
                failures.append(f"rules: {r.get('alert') or r.get('record')}: unknown fields {sorted(unknown)}")
            if ("record" in r) == ("alert" in r):
                failures.append(f"rules: a rule must be either record or alert: {r}")
                continue
            if not isinstance(r.get("expr"), str) or not r["expr"].strip():
                failures.append(f"rules: {r.get('alert') or r.get('record')}: no expr")
                continue
            if r["expr"].count("(") != r["expr"].count(")"):
                failures.append(f"rules: {r.get('alert') or r.get('record')}: unbalanced parentheses")
            if "record" in r:
                if not re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", r["record"]):
                    failures.append(f"rules: bad record name {r['record']}")
                recorded.add(r["record"])
                expressions.append((f"record {r['record']}", r["expr"]))
                continue
            name = r["alert"]
            alerts.append(name)
            expressions.append((f"alert {name}", r["expr"]))
            if not re.fullmatch(r"\d+[smhd]", str(r.get("for", ""))):
                failures.append(f"rules: alert {name}: no `for:` duration")
            if (r.get("labels") or {}).get("severity") not in ("critical", "warning", "info"):
                failures.append(f"rules: alert {name}: severity label missing")
            ann = r.get("annotations") or {}
            if not ann.get("summary"):
                failures.append(f"rules: alert {name}: no summary annotation")
            runbook = ann.get("runbook_url", "")
            anchor = runbook.partition("#")[2]
            if not runbook.startswith("ops/monitoring/RUNBOOK.md#") or anchor not in anchors:
                failures.append(f"rules: alert {name}: runbook_url {runbook!r} is no section of RUNBOOK.md")
    needed = {"anchor lag": "bollard_anchor_lag_seconds", "queue depth": "bollard_queue_depth",
              "reject rate": 'outcome="refused"', "5xx rate": 'status=~"5.."',
              "latency p99": "histogram_quantile(0.99", "rate-limited": "bollard_rate_limited_total", "target down": "up{"}
    for what, needle in needed.items():
        if not any(needle in e for w, e in expressions if w.startswith("alert")):
            failures.append(f"rules: no alert on {what} ({needle})")
    dashboard = json.load(open(os.path.join(HERE, "grafana-dashboard.json")))
    panels = dashboard.get("panels") or []
    if not panels:
        failures.append("dashboard: no panels")
    ids = set()
    panel_metrics = set()
    for p in panels:
        if p.get("id") in ids:
            failures.append(f"dashboard: panel id {p.get('id')} repeated")
        ids.add(p.get("id"))
        targets = [t.get("expr") for t in p.get("targets") or []]
        if not targets or not all(targets):
            failures.append(f"dashboard: panel {p.get('title')!r} has no PromQL targets")
        for t in targets:
            if t:
                expressions.append((f"panel {p.get('title')!r}", t))
                panel_metrics |= {resolve(n, metrics, recorded) for n in metric_names(t)}
    used = set()
    for where, expr in expressions:
        for name in metric_names(expr):
            base = resolve(name, metrics, recorded)
            if base is None:
                failures.append(f"{where}: {name} is not in metrics.tsv")
            else:
                used.add(base)
    for name, m in metrics.items():
        if name not in used:
            failures.append(f"metrics.tsv: {name} is used by no rule or panel")
        if m["source"] == "bollard" and name not in panel_metrics:
            failures.append(f"dashboard: no panel shows {name}")
    if failures:
        for f in failures:
            print("FAIL " + f, file=sys.stderr)
        raise SystemExit(f"ops/monitoring: {len(failures)} problem(s)")
    print(f"monitoring: {len(alerts)} alerts and {len(recorded)} recording rules, {len(panels)} panels; "
          f"{len(expressions)} expressions use only the {len(metrics)} metrics of metrics.tsv")


def exposition(path):
    metrics = load_metrics()
    types, samples = {}, set()
    with open(path) as f:
        for line in f:
            if line.startswith("# TYPE "):
                parts = line.split()
                if len(parts) >= 4:
                    types[parts[2]] = parts[3]
            elif line.strip() and not line.startswith("#"):
                samples.add(re.match(r"[A-Za-z_:][A-Za-z0-9_:]*", line).group(0))
    failures = []
    for name, m in metrics.items():
        if m["source"] != "bollard":
            continue
        names = {name} | ({name + s for s in HISTOGRAM_SUFFIXES} if m["type"] == "histogram" else set())
        if name not in types and not names & samples:
            failures.append(f"{name} ({m['type']}) is not exposed")
        elif name in types and types[name] != m["type"]:
            failures.append(f"{name} is exposed as a {types[name]}, metrics.tsv says {m['type']}")
    if failures:
        for f in failures:
            print("FAIL /metrics: " + f, file=sys.stderr)
        raise SystemExit(f"ops/monitoring: {len(failures)} metric(s) missing from /metrics")
    print(f"monitoring: /metrics exposes all {sum(1 for m in metrics.values() if m['source'] == 'bollard')} bollard metrics of metrics.tsv")


def request(base, method, path, body=None, headers=None):
    """(status, headers, body bytes); HTTP errors are answers too."""
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def live(bollard):
    root = os.path.normpath(os.path.join(HERE, "..", ".."))
    work = tempfile.mkdtemp(prefix="bollard-metrics.")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    data = os.path.join(work, "data")
    env = dict(os.environ, BOLLARD_RATE_LIMIT="2")
    for name in ("BOLLARD_POSTGRES_URL", "BOLLARD_ETHEREUM_URL", "BOLLARD_ETHEREUM_CONTRACT", "BOLLARD_ETHEREUM_KEY_FILE"):
        env.pop(name, None)
    log = open(os.path.join(work, "serve.log"), "wb")
    server = subprocess.Popen([bollard, "serve", "--data", data, "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"bollard serve exited with {server.returncode}:\n" + open(log.name).read()[-4000:])
            try:
                if request(base, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("bollard serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        request(base, "GET", "/readyz")
        status = request(base, "GET", "/v1/lots/OPM26-0001")[0]
        if status != 401:
            raise SystemExit(f"GET /v1/lots without a key answered {status}, expected 401")
        out = subprocess.run([bollard, "keys", "add", "--data", data, "--party", "gln:8801234000048", "--role", "warehouse",
                              "--name", "metrics-check"], capture_output=True, text=True, env=env)
        if out.returncode != 0:
            raise SystemExit(f"bollard keys add failed: {out.stderr}")
        tokens = re.findall(r"[A-Za-z0-9_\-+/=.]{20,}", out.stdout)
        if not tokens:
            raise SystemExit(f"no key in the output of bollard keys add: {out.stdout!r}")
        auth = {"Authorization": "Bearer " + max(tokens, key=len)}
        document = open(os.path.join(root, "fixtures", "busan", "epcis", "08-w1-receiving.jsonld"), "rb").read()
        status, _, body = request(base, "POST", "/v1/documents", document,
                                  dict(auth, **{"Content-Type": "application/ld+json", "Idempotency-Key": "metrics-check-1"}))
        if status != 202:
            raise SystemExit(f"POST /v1/documents answered {status}: {body[:500]!r}")
        status_url = json.loads(body).get("status_url") or "/v1/documents/" + json.loads(body)["id"]
        status_path = re.sub(r"^https?://[^/]+", "", status_url)
        deadline = time.monotonic() + 60
        while True:
            status, _, body = request(base, "GET", status_path, headers=auth)
            state = json.loads(body).get("status") if status == 200 else None
            if state not in (None, "queued", "running", "pending"):
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"document still {state} after 60 s: {body[:500]!r}")
            time.sleep(0.2)
        limited = 0
        for _ in range(40):
            limited += request(base, "GET", "/v1/lots/OPM26-0001", headers=auth)[0] == 429
        if limited == 0:
            raise SystemExit("40 quick lookups with BOLLARD_RATE_LIMIT=2 were never answered 429")
        time.sleep(1)
        status, _, metrics = request(base, "GET", "/metrics")
        if status != 200:
            raise SystemExit(f"GET /metrics answered {status}")
        exposed = os.path.join(work, "metrics.txt")
        open(exposed, "wb").write(metrics)
        exposition(exposed)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                raise SystemExit("bollard serve did not stop within 30 s of SIGTERM")
            if code != 0:
                raise SystemExit(f"bollard serve exited with {code} on SIGTERM:\n" + open(log.name).read()[-4000:])
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    print("monitoring: bollard serve stopped cleanly on SIGTERM")


if __name__ == "__main__":
    if sys.argv[1:2] == ["static"]:
        static()
    elif sys.argv[1:2] == ["exposition"] and len(sys.argv) == 3:
        exposition(sys.argv[2])
    elif sys.argv[1:2] == ["live"] and len(sys.argv) == 3:
        live(sys.argv[2])
    else:
        raise SystemExit(__doc__)
