#!/usr/bin/env python3
"""Checks ops/deploy without a container engine or a cluster (issue #6): run by ops/test.

compose/: compose.yaml parses; every service has an image or a build whose context and
  Dockerfile exist; depends_on names services; named volumes are declared; bind-mounted files
  exist; every ${VAR} interpolation is well formed; prometheus.yml parses, its rule files are
  mounted from files that exist, and its scrape target is a service on the port serve listens on.
  The Dockerfile builds from swift:6.3-bookworm, runs on debian:12-slim as a numeric non-root
  user, and COPYs only paths that exist.
k8s/: renders the kustomization the way kustomize does for these plain resources (namespace,
  images, labels) and checks that every manifest parses, every ConfigMap/Secret/volume/port
  reference resolves (Secrets against secrets.example.yaml, which the kustomization leaves out),
  selectors match the pod labels, serve probes /healthz and /readyz, every container runs
  non-root with a read-only root filesystem, no privilege escalation and resource limits, and the
  store URL and Ethereum anchoring come from the environment the contract names. When kubectl is
  on PATH, `kubectl kustomize` must render the same objects.

Usage: ops/deploy/check.py          (prints one line per check group; exit 1 on any failure)
Needs PyYAML (Debian python3-yaml).
"""
import os
import re
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CONTRACT_ENV = {"BOLLARD_POSTGRES_URL", "BOLLARD_ETHEREUM_URL", "BOLLARD_ETHEREUM_CONTRACT", "BOLLARD_ETHEREUM_KEY_FILE"}

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def load_all(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


# ---------------------------------------------------------------- compose

INTERPOLATION = re.compile(r"\$(\$|\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}|[A-Za-z_][A-Za-z0-9_]*)?")
VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:(:?[-?+]).*)?$", re.S)


def check_interpolation(where, value):
    """Compose's ${VAR}, ${VAR:-default}, ${VAR:?message} (defaults may nest), $$ for a dollar."""
    if isinstance(value, dict):
        for k, v in value.items():
            check_interpolation(f"{where}.{k}", v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_interpolation(f"{where}[{i}]", v)
    elif isinstance(value, str):
        for m in INTERPOLATION.finditer(value):
            if m.group(1) is None:
                fail(where, f"a lone $ in {value!r} (write $$ for a dollar)")
            elif m.group(2) is not None:
                if not VARIABLE.match(m.group(2)):
                    fail(where, f"malformed interpolation ${{{m.group(2)}}}")
                else:
                    inner = re.sub(r"^[A-Za-z_][A-Za-z0-9_]*:?[-?+]?", "", m.group(2))
                    check_interpolation(where, inner)


def command_port(service):
    cmd = service.get("command") or []
    if "--port" in cmd:
        return int(cmd[cmd.index("--port") + 1])
    return 8080  # the contract's default


def check_compose():
    base = os.path.join(HERE, "compose")
    path = os.path.join(base, "compose.yaml")
    docs = load_all(path)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        fail(path, "expected one YAML mapping")
        return
    compose = docs[0]
    check_interpolation("compose.yaml", compose)
    services = compose.get("services") or {}
    volumes = set((compose.get("volumes") or {}).keys())
    for name in ("postgres", "serve", "worker", "prometheus"):
        if name not in services:
            fail("compose.yaml", f"no service {name}")
    for name, s in services.items():
        where = f"compose.yaml services.{name}"
        if "image" not in s and "build" not in s:
            fail(where, "neither image nor build")
        build = s.get("build")
        if build:
            context = os.path.normpath(os.path.join(base, build["context"]))
            if not os.path.isdir(context):
                fail(where, f"build context {context} missing")
            dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
            if not os.path.isfile(dockerfile):
                fail(where, f"Dockerfile {dockerfile} missing")
        deps = s.get("depends_on") or []
        for dep in (deps.keys() if isinstance(deps, dict) else deps):
            if dep not in services:
                fail(where, f"depends_on {dep}: no such service")
        for v in s.get("volumes") or []:
            source = v.split(":")[0] if isinstance(v, str) else v.get("source")
            if source.startswith((".", "/")):
                if not os.path.exists(os.path.normpath(os.path.join(base, source))):
                    fail(where, f"bind mount {source} does not exist")
            elif source not in volumes:
                fail(where, f"volume {source} is not declared")
        if name in ("serve", "worker"):
            env = s.get("environment") or {}
            missing = CONTRACT_ENV - set(env)
            if missing:
                fail(where, f"environment lacks {sorted(missing)}")
            if str(s.get("user", "0")).split(":")[0] in ("0", "root"):
                fail(where, "runs as root")
            if not s.get("read_only"):
                fail(where, "root filesystem not read-only")
    serve = services.get("serve", {})
    if "healthcheck" not in serve or "/readyz" not in " ".join(serve["healthcheck"].get("test", [])):
        fail("compose.yaml services.serve", "no healthcheck on /readyz")
    # Prometheus: its config file and rule files are the mounted ones.
    prom = services.get("prometheus", {})
    mounts = {}
    for v in prom.get("volumes") or []:
        parts = v.split(":")
        if parts[0].startswith("."):
            mounts[parts[1]] = os.path.normpath(os.path.join(base, parts[0]))
    config_path = mounts.get("/etc/prometheus/prometheus.yml")
    if not config_path:
        fail("compose.yaml services.prometheus", "prometheus.yml is not mounted")
        return
    config = load_all(config_path)[0]
    for rule in config.get("rule_files") or []:
        if rule not in mounts:
            fail("prometheus.yml", f"rule file {rule} is not mounted into the container")
        elif not mounts[rule].startswith(os.path.join(ROOT, "ops", "monitoring")):
            fail("prometheus.yml", f"rule file {rule} is not ops/monitoring's")
        else:
            groups = load_all(mounts[rule])[0].get("groups") if os.path.isfile(mounts[rule]) else None
            if not groups:
                fail(mounts[rule], "no rule groups")
    for job in config.get("scrape_configs") or []:
        if job.get("metrics_path", "/metrics") != "/metrics":
            fail("prometheus.yml", f"job {job.get('job_name')} does not scrape /metrics")
        for sc in job.get("static_configs") or []:
            for target in sc.get("targets") or []:
                host, _, port = target.partition(":")
                if host not in services:
                    fail("prometheus.yml", f"target {target}: no service {host}")
                elif int(port) != command_port(services[host]):
                    fail("prometheus.yml", f"target {target}: {host} listens on {command_port(services[host])}")
    check_dockerfile(os.path.join(base, "Dockerfile"))
    print(f"compose: {len(services)} services, {len(volumes)} volumes, prometheus.yml and the Dockerfile checked")


def check_dockerfile(path):
    lines, current = [], ""
    for raw in open(path):
        line = raw.rstrip("\n")
        if line.lstrip().startswith("#") and not current:
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            lines.append(current.strip())
        current = ""
    froms = [l.split()[1] for l in lines if l.upper().startswith("FROM ")]
    if froms != ["swift:6.3-bookworm", "debian:12-slim"]:
        fail(path, f"stages {froms}, expected swift:6.3-bookworm then debian:12-slim")
    users = [l.split()[1] for l in lines if l.upper().startswith("USER ")]
    if not users or not re.fullmatch(r"[1-9][0-9]*(:[0-9]+)?", users[-1]):
        fail(path, "the final stage must run as a numeric non-root USER")
    for l in lines:
        if l.upper().startswith("COPY ") and "--from=" not in l:
            for src in l.split()[1:-1]:
                if not os.path.exists(os.path.join(ROOT, src)):
                    fail(path, f"COPY {src}: not in the repository")


# ---------------------------------------------------------------- kubernetes

def render_kustomization(base):
    """kustomize's result for what this kustomization uses: resources, namespace, images, labels."""
    k = load_all(os.path.join(base, "kustomization.yaml"))[0]
    objects = []
    for r in k.get("resources") or []:
        path = os.path.join(base, r)
        if not os.path.isfile(path):
            fail("kustomization.yaml", f"resource {r} missing")
            continue
        for doc in load_all(path):
            for field in ("apiVersion", "kind", "metadata"):
                if field not in doc:
                    fail(r, f"an object without {field}")
            objects.append(doc)
    images = {i["name"]: i for i in k.get("images") or []}
    extra = {}
    for group in k.get("labels") or []:
        extra.update(group.get("pairs") or {})
    for o in objects:
        if o.get("kind") != "Namespace" and k.get("namespace"):
            o["metadata"]["namespace"] = k["namespace"]
        o["metadata"].setdefault("labels", {}).update(extra)
        spec = (o.get("spec") or {}).get("template", {}).get("spec", {})
        for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
            image = images.get(c.get("image"))
            if image:
                c["image"] = f"{image.get('newName', image['name'])}:{image.get('newTag', 'latest')}"
    return k, objects


def check_pod(where, template, configmaps, secrets, component):
    spec = template.get("spec") or {}
    pod_sc = spec.get("securityContext") or {}
    volumes = {v["name"]: v for v in spec.get("volumes") or []}
    for v in volumes.values():
        if "secret" in v:
            name = v["secret"]["secretName"]
            if name not in secrets:
                fail(where, f"volume {v['name']}: no Secret {name}")
            for item in v["secret"].get("items") or []:
                if item["key"] not in secrets.get(name, {}):
                    fail(where, f"volume {v['name']}: Secret {name} has no key {item['key']}")
        if "configMap" in v and v["configMap"]["name"] not in configmaps:
            fail(where, f"volume {v['name']}: no ConfigMap {v['configMap']['name']}")
    containers = spec.get("containers") or []
    env_names = set()
    for c in (spec.get("initContainers") or []) + containers:
        cw = f"{where} container {c['name']}"
        sc = c.get("securityContext") or {}
        if not (sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) and sc.get("runAsUser", pod_sc.get("runAsUser", 0)) != 0):
            fail(cw, "not runAsNonRoot with a non-zero runAsUser")
        if sc.get("readOnlyRootFilesystem") is not True:
            fail(cw, "root filesystem not read-only")
        if sc.get("allowPrivilegeEscalation") is not False:
            fail(cw, "allowPrivilegeEscalation is not false")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            fail(cw, "capabilities not all dropped")
        resources = c.get("resources") or {}
        for kind in ("requests", "limits"):
            if not {"cpu", "memory"} <= set(resources.get(kind) or {}):
                fail(cw, f"no cpu and memory {kind}")
        for m in c.get("volumeMounts") or []:
            if m["name"] not in volumes:
                fail(cw, f"mount {m['name']}: no such volume")
        for ef in c.get("envFrom") or []:
            if "configMapRef" in ef:
                name = ef["configMapRef"]["name"]
                if name not in configmaps:
                    fail(cw, f"envFrom: no ConfigMap {name}")
                else:
                    env_names |= set(configmaps[name])
            if "secretRef" in ef:
                name = ef["secretRef"]["name"]
                if name not in secrets:
                    fail(cw, f"envFrom: no Secret {name}")
                else:
                    env_names |= set(secrets[name])
        for e in c.get("env") or []:
            env_names.add(e["name"])
            ref = (e.get("valueFrom") or {})
            if "secretKeyRef" in ref:
                r = ref["secretKeyRef"]
                if r["key"] not in secrets.get(r["name"], {}):
                    fail(cw, f"env {e['name']}: Secret {r['name']} has no key {r['key']}")
            if "configMapKeyRef" in ref:
                r = ref["configMapKeyRef"]
                if r["key"] not in configmaps.get(r["name"], {}):
                    fail(cw, f"env {e['name']}: ConfigMap {r['name']} has no key {r['key']}")
    for c in containers:
        if c.get("args", [None])[0] != component:
            fail(where, f"container {c['name']} runs {c.get('args')}, expected `bollard {component}`")
    missing = CONTRACT_ENV - env_names
    if missing:
        fail(where, f"environment lacks {sorted(missing)}")
    return containers


def check_k8s():
    base = os.path.join(HERE, "k8s")
    kustomization, objects = render_kustomization(base)
    by_kind = {}
    for o in objects:
        key = (o["kind"], o["metadata"]["name"])
        if key in by_kind:
            fail("k8s", f"{key} defined twice")
        by_kind[key] = o
    configmaps = {n: o.get("data") or {} for (k, n), o in by_kind.items() if k == "ConfigMap"}
    secrets = {}
    for o in load_all(os.path.join(base, "secrets.example.yaml")):
        if o.get("kind") == "Secret":
            secrets[o["metadata"]["name"]] = set(o.get("stringData") or {}) | set(o.get("data") or {})
    if any(k == "Secret" for k, _ in by_kind):
        fail("k8s", "a Secret is part of the kustomization: keys and passwords stay out of git")
    namespace = kustomization.get("namespace")
    if ("Namespace", namespace) not in by_kind:
        fail("k8s", f"no Namespace {namespace}")
    deployments = {n: o for (k, n), o in by_kind.items() if k == "Deployment"}
    pods = {}
    for name, d in deployments.items():
        component = d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component")
        if d["spec"]["selector"]["matchLabels"].items() - d["spec"]["template"]["metadata"]["labels"].items():
            fail(name, "selector does not match the pod labels")
        pods[name] = (d, check_pod(f"Deployment {name}", d["spec"]["template"], configmaps, secrets, component))
    components = {d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component") for d, _ in pods.values()}
    if components != {"serve", "worker"}:
        fail("k8s", f"Deployments for {sorted(components)}, expected serve and worker")
    for (kind, name), o in by_kind.items():
        if kind == "Service":
            selector = o["spec"]["selector"]
            targets = [(d, cs) for d, cs in pods.values() if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
            if not targets:
                fail(f"Service {name}", "selects no Deployment's pods")
            for port in o["spec"]["ports"]:
                for d, cs in targets:
                    names = {p.get("name") for c in cs for p in c.get("ports") or []}
                    numbers = {p["containerPort"] for c in cs for p in c.get("ports") or []}
                    if port["targetPort"] not in names | numbers:
                        fail(f"Service {name}", f"targetPort {port['targetPort']} is no port of {d['metadata']['name']}")
        if kind == "PodDisruptionBudget":
            selector = o["spec"]["selector"]["matchLabels"]
            if not any(selector.items() <= d["spec"]["template"]["metadata"]["labels"].items() for d, _ in pods.values()):
                fail(f"PodDisruptionBudget {name}", "selects no pods")
    for d, cs in pods.values():
        if d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component") != "serve":
            continue
        for c in cs:
            ports = {p.get("name") for p in c.get("ports") or []} | {p["containerPort"] for p in c.get("ports") or []}
            for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
                get = (c.get(probe) or {}).get("httpGet") or {}
                if get.get("path") != path:
                    fail(f"{d['metadata']['name']}/{c['name']}", f"{probe} is not on {path}")
                elif get.get("port") not in ports:
                    fail(f"{d['metadata']['name']}/{c['name']}", f"{probe} port {get.get('port')} is not a container port")
    for o in objects:
        if o["kind"] != "Namespace" and o["metadata"].get("namespace") != namespace:
            fail("k8s", f"{o['kind']} {o['metadata']['name']} outside namespace {namespace}")
    rendered_by = "own renderer"
    kubectl = shutil.which("kubectl")
    if kubectl:
        out = subprocess.run([kubectl, "kustomize", base], capture_output=True, text=True)
        if out.returncode != 0:
            fail("kubectl kustomize", out.stderr.strip())
        else:
            theirs = {(o["kind"], o["metadata"]["name"]) for o in yaml.safe_load_all(out.stdout) if o}
            if theirs != set(by_kind):
                fail("kubectl kustomize", f"renders {sorted(theirs)}, not {sorted(by_kind)}")
            rendered_by = "own renderer and kubectl kustomize"
    print(f"k8s: {len(objects)} objects ({', '.join(sorted(f'{k}/{n}' for k, n in by_kind))}) rendered by {rendered_by}; "
          f"references resolve against {len(secrets)} example Secrets")


def main():
    check_compose()
    check_k8s()
    if failures:
        for f in failures:
            print("FAIL " + f, file=sys.stderr)
        print(f"ops/deploy/check.py: {len(failures)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print("ops/deploy/check.py: compose, Dockerfile and k8s manifests are consistent")


if __name__ == "__main__":
    main()
