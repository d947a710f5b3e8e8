#!/usr/bin/env python3
"""The provenance viewer in a real browser (issue #6): Debian's headless Chromium, driven over
the Chrome DevTools Protocol with nothing but the standard library (http.client for the
DevTools HTTP endpoints, a minimal RFC 6455 websocket client for the protocol itself).

It runs `bollard demo`, then loads each viewer page, checks what the browser rendered (the text
of every timeline step with its ✓, a tampered bundle's ✗, the shortfall banner of an
under-collateralised token, a cancelled receipt, the login form) against the proof bundles the
demo's data gives (read here from `bollard lot --json`, not from the pages' code), and saves a
full-page screenshot of each under OUTPUT.

Modes (BOLLARD_VIEWER_CHECK / --mode):
  server  (default) `bollard serve` runs on the demo's data; the browser signs in through the login form
          (POST /view/login with a key from `bollard keys add`) and loads the live /view/ routes;
  files   the pages are rendered by `bollard view render` into a folder laid out like the
          server's routes (/view/lots/ID …) and served by a local stdlib HTTP server.
The tampered bundle is always rendered offline (no server serves a forged bundle).

usage: viewer_check.py --bollard BIN --output DIR [--mode files|server]
Exit status 0 when every check holds.
"""

import argparse
import base64
import hashlib
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PARTIES = os.path.join(REPO, "fixtures", "busan", "parties.json")


# --- RFC 6455 websocket client (text frames, client-masked) ------------------------------------

class WebSocket:
    GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, url, timeout=60):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "ws":
            raise ValueError(f"not a ws:// URL: {url}")
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16))
        path = parts.path + (("?" + parts.query) if parts.query else "")
        request = (f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key.decode()}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        if not lines[0].startswith("HTTP/1.1 101"):
            raise ConnectionError(f"websocket handshake refused: {lines[0]}")
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
        expected = base64.b64encode(hashlib.sha1(key + self.GUID).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            raise ConnectionError("websocket handshake: wrong Sec-WebSocket-Accept")

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode("utf-8"))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            fin, opcode, n = b0 & 0x80, b0 & 0x0F, b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if fin:
                return message.decode("utf-8")

    def close(self):
        try:
            self._send_frame(0x8, b"")
        finally:
            self.sock.close()


# --- Chromium over the DevTools protocol ------------------------------------------------------

class Browser:
    def __init__(self, profile):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise SystemExit("viewer-check: no chromium on PATH (ops/setup installs Debian's chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}",
             "--window-size=1400,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.time() + 60
        log = []
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            log.append(line)
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            self.process.kill()
            raise SystemExit("viewer-check: chromium did not start its DevTools endpoint:\n" + "".join(log))
        threading.Thread(target=lambda: self.process.stderr.read(), daemon=True).start()
        self.port = port
        pages = [t for t in self._json("/json/list") if t.get("type") == "page"]
        if not pages:
            raise SystemExit("viewer-check: chromium has no page target")
        self.ws = WebSocket(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Network.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)

    def _json(self, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", path)
        body = conn.getresponse().read()
        conn.close()
        return json.loads(body)

    def call(self, method, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == mid:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_event(self, method, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == method:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(f"no {method} within {timeout}s")

    def load(self, url):
        """Navigates and waits for the load event; returns the main document's HTTP status."""
        self.events.clear()
        result = self.call("Page.navigate", url=url)
        # An HTTP error status with an empty body is reported as a navigation error; the status
        # itself is what the caller checks.
        if result.get("errorText") and result["errorText"] != "net::ERR_HTTP_RESPONSE_CODE_FAILURE":
            raise RuntimeError(f"{url}: {result['errorText']}")
        self.wait_event("Page.loadEventFired")
        status = None
        for e in self.events:
            if e["method"] == "Network.responseReceived" and e["params"].get("type") == "Document":
                status = e["params"]["response"]["status"]
        return status

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.ws.close()
        except Exception:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- The pages and what each must show --------------------------------------------------------

def run(cmd, **kw):
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, **kw)
    if result.returncode != 0:
        raise SystemExit(f"viewer-check: {' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def term(uri):
    for p in ("https://ref.gs1.org/cbv/BizStep-", "https://ns.bollard.dev/epcis/bizstep/"):
        if uri.startswith(p):
            return uri[len(p):].replace("_", " ")
    return uri


def leaf_record(item):
    return json.loads(base64.b64decode(item["leaf"]))


def tamper(bundle, k):
    """Flips the last letter of the customs release's disposition in item k: still valid JSON and a
    readable record, but no longer the logged bytes."""
    copy = json.loads(json.dumps(bundle))
    leaf = bytearray(base64.b64decode(copy["items"][k]["leaf"]))
    at = leaf.index(b'customs_released"') + len(b"customs_released") - 1
    leaf[at] ^= 0x01
    copy["items"][k]["leaf"] = base64.b64encode(bytes(leaf)).decode()
    return copy


class Checker:
    def __init__(self, browser, output):
        self.browser = browser
        self.output = output
        self.failures = 0

    def expect(self, condition, what):
        if condition:
            return True
        self.failures += 1
        print(f"FAIL  {what}", file=sys.stderr)
        return False

    def page(self, name, url, checks, status=200):
        got = self.browser.load(url)
        shot = os.path.join(self.output, name + ".png")
        self.browser.screenshot(shot)
        text = self.browser.evaluate("document.body.innerText")
        before = self.failures
        self.expect(got == status, f"{name}: HTTP status {got}, expected {status} ({url})")
        self.expect(self.browser.evaluate("document.documentElement.lang") == "en", f"{name}: <html lang=en>")
        self.expect(self.browser.evaluate("document.querySelectorAll('main h1').length") == 1, f"{name}: one h1 in main")
        self.expect(self.browser.evaluate("document.scripts.length") == 0, f"{name}: no script")
        checks(text)
        if self.failures == before:
            print(f"ok    {name}: {url} rendered as expected; screenshot {shot}")
        return text

    def rows(self, table):
        return self.browser.evaluate(
            f"Array.from(document.querySelectorAll('#{table} tbody tr')).map(r => r.innerText)")

    def visible(self, selector):
        return self.browser.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false;"
            " const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
            " return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; })()")

    def timeline(self, name, bundle, expect_failed=()):
        rows = self.rows("timeline")
        self.expect(len(rows) == len(bundle["items"]), f"{name}: {len(rows)} timeline rows, bundle has {len(bundle['items'])} items")
        for i, (row, item) in enumerate(zip(rows, bundle["items"])):
            record = leaf_record(item)
            step = term(record.get("bizStep", ""))
            self.expect(step in row, f"{name}: row {i + 1} does not name its step {step!r}: {row!r}")
            self.expect(record["eventTime"].replace("T", " ") in row, f"{name}: row {i + 1} lacks its time {record['eventTime']}")
            self.expect("time zone " + record["eventTimeZoneOffset"] in row, f"{name}: row {i + 1} lacks its offset")
            self.expect(item["eventHash"] in row, f"{name}: row {i + 1} lacks its GS1 event hash")
            self.expect(record["sourcePointer"]["documentSHA256"] in row, f"{name}: row {i + 1} lacks its source document")
            self.expect("local ledger record local:" in row, f"{name}: row {i + 1} lacks its anchor")
            if i in expect_failed:
                self.expect("✗ FAILED" in row and "✓ verified" not in row, f"{name}: row {i + 1} should be ✗: {row!r}")
            else:
                self.expect("✓ verified" in row and "✗" not in row, f"{name}: row {i + 1} should be ✓: {row!r}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_folder(root):
    """A stdlib HTTP server for pages rendered to files: /view/lots/ID → ROOT/view/lots/ID.html
    (a query string selects a variant: ?supply=N → ID@supply=N.html); text/html; charset=utf-8."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urllib.parse.urlsplit(self.path)
            name = urllib.parse.unquote(parts.path).lstrip("/") + (("@" + parts.query) if parts.query else "") + ".html"
            path = os.path.realpath(os.path.join(root, name))
            if not path.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(path):
                self.send_response(404)
                self.end_headers()
                return
            body = open(path, "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def render_all(bollard, data, site, pages, tampered_file):
    common = ["--data", data, "--parties", PARTIES]
    for path, args in pages:
        run([bollard, "view", "render"] + args + common + ["--out", os.path.join(site, path + ".html")])
    run([bollard, "view", "render", "lot", "OPM26-0001", "--bundle", tampered_file] + common
        + ["--out", os.path.join(site, "view/lots/OPM26-0001@tampered.html")])


def start_server(bollard, data, work):
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    process = subprocess.Popen([bollard, "serve", "--data", data, "--host", "127.0.0.1", "--port", str(port)],
                               cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"viewer-check: bollard serve exited {process.returncode}:\n" + open(log.name).read())
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("viewer-check: bollard serve did not answer /healthz")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bollard", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--mode", choices=["files", "server"], default=os.environ.get("BOLLARD_VIEWER_CHECK") or "server")
    args = parser.parse_args()
    bollard = os.path.abspath(args.bollard)
    output = os.path.abspath(args.output)
    os.makedirs(output, exist_ok=True)
    work = tempfile.mkdtemp(prefix="bollard-viewer-check-")
    browser = server = process = None
    try:
        data = os.path.join(work, "demo")
        run([bollard, "demo", "--data", data])
        # The party names: `bollard view render` and the server's viewer read parties.json in the data folder.
        shutil.copy(PARTIES, os.path.join(data, "parties.json"))
        lot = json.loads(run([bollard, "lot", "OPM26-0001", "--data", data, "--json"]))
        tampered = tamper(lot, 4)
        tampered_file = os.path.join(work, "tampered-lot.json")
        with open(tampered_file, "w", encoding="utf-8") as f:
            json.dump(tampered, f)

        pages = [
            ("view/lots/OPM26-0001", ["lot", "OPM26-0001"]),
            ("view/receipts/WR-W1-0001", ["receipt", "WR-W1-0001"]),
            ("view/receipts/WR-T07-0001", ["receipt", "WR-T07-0001"]),
            ("view/tokens/BGLD", ["token", "BGLD"]),
            ("view/tokens/BOIL@supply=250000", ["token", "BOIL", "--supply", "250000"]),
            ("view/login", ["login"]),
            ("view/error", ["error", "NO-SUCH-LOT"]),
        ]
        site = os.path.join(work, "site")
        render_all(bollard, data, site, pages, tampered_file)
        offline, offline_base = serve_folder(site)
        server = offline
        if args.mode == "server":
            process, base = start_server(bollard, data, work)
        else:
            base = offline_base

        browser = Browser(os.path.join(work, "chromium-profile"))
        check = Checker(browser, output)

        if args.mode == "server":
            out = run([bollard, "keys", "add", "--party", "customs:KR-BMC", "--role", "customs", "--name", "viewer-check",
                       "--data", data])
            found = re.search(r"bk_[A-Za-z0-9_-]+", out)
            if not found:
                raise SystemExit(f"viewer-check: `bollard keys add` printed no key:\n{out}")
            key = found.group(0)
            # Without a key the lot is not shown: 401 (or a redirect to the sign-in form).
            status = browser.load(base + "/view/lots/OPM26-0001")
            text = browser.evaluate("document.body.innerText")
            check.expect(status in (401, 403) or (status == 200 and "Sign in" in text), f"unauthenticated lot page: status {status}")
            check.expect("Proofs verified" not in text, "unauthenticated lot page shows no records")
            browser.screenshot(os.path.join(output, "login-required.png"))
            browser.load(base + "/view/login")
            browser.evaluate(f"document.getElementById('key').value = {json.dumps(key)}; document.querySelector('form').submit()")
            browser.wait_event("Page.loadEventFired")

        def lot_checks(text):
            check.expect("Lot 8801234OPM26-0001" in text, "lot: heading")
            check.expect("✓ Proofs verified." in text, "lot: verdict banner")
            check.timeline("lot", lot)
            for name in ["Onsan Precious Metals Refinery", "Busan New Port Terminal 3", "Busan Main Customs",
                         "Haeundae Bonded Logistics", "WR-W1-0001"]:
                check.expect(name in text, f"lot: names {name}")
        check.page("lot-OPM26-0001", base + "/view/lots/OPM26-0001", lot_checks)

        def tampered_checks(text):
            check.expect("✗ NOT VERIFIED." in text, "tampered lot: NOT VERIFIED banner")
            check.timeline("tampered lot", tampered, expect_failed={4})
            check.expect(check.visible(".banner.bad"), "tampered lot: the failure banner is visible")
        check.page("lot-OPM26-0001-tampered", offline_base + "/view/lots/OPM26-0001?tampered", tampered_checks)

        def receipt_checks(text):
            check.expect("Warehouse receipt WR-W1-0001" in text, "receipt: heading")
            for fact in ["Haeundae Bonded Logistics", "Onsan Precious Metals Refinery", "VAULT-V1", "pledged",
                         "exchange token BGLD", "367.919 APZ", "bound to a token"]:
                check.expect(fact in text, f"receipt: shows {fact!r}")
            check.expect(all("✓ verified" in r for r in check.rows("records")) and check.rows("records"), "receipt: records ✓")
        check.page("receipt-WR-W1-0001", base + "/view/receipts/WR-W1-0001", receipt_checks)

        check.page("receipt-WR-T07-0001-cancelled", base + "/view/receipts/WR-T07-0001",
                   lambda t: check.expect("This receipt is CANCELLED." in t and check.visible(".banner.warn"),
                                          "cancelled receipt: banner"))

        def backed_checks(text):
            check.expect("✓ Fully backed." in text and "UNDER-COLLATERALISED" not in text, "BGLD: backed banner")
            check.expect(text.count("WR-W1-000") >= 8, "BGLD: the eight receipts")
        check.page("token-BGLD", base + "/view/tokens/BGLD", backed_checks)

        def short_checks(text):
            check.expect("✗ UNDER-COLLATERALISED: shortfall of 100000 BLL." in text, "BOIL at supply 250000: shortfall banner text")
            check.expect(check.visible("#shortfall"), "BOIL: the shortfall banner is visible")
            check.expect("Fully backed" not in text, "BOIL: not called backed")
        check.page("token-BOIL-short", base + "/view/tokens/BOIL?supply=250000", short_checks)

        if args.mode == "files":
            check.page("login", base + "/view/login",
                       lambda t: check.expect(check.visible("input#key[type=password]") and "Sign in" in t, "login: the key form"))
            check.page("error", base + "/view/error", lambda t: check.expect("404 — Not found" in t, "error page"))

        if check.failures:
            print(f"viewer-check: {check.failures} failed check(s); screenshots in {output}", file=sys.stderr)
            return 1
        print(f"viewer-check: all pages render as expected ({args.mode} mode); screenshots in {output}")
        return 0
    finally:
        if browser:
            browser.close()
        if server:
            server.shutdown()
        if process:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
