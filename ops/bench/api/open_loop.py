#!/usr/bin/env python3
"""A fixed-rate, open-loop HTTP load generator (Python stdlib) for ops/bench/api.sh.

Usage: open_loop.py URL --rate 1000 --seconds 30 --ids lots.txt --prefix /v1/lots/ [--header 'K: V']...
       [--connections 64] [--warmup 3] [--seed 1]

Request i is due at start + i/rate, whatever happened to the earlier ones, and its latency is
measured from that due time to the end of its response — so a server that stalls is charged for
every request that should have been sent meanwhile (no coordinated omission, as wrk2/HdrHistogram
correct for; plain wrk measures from the actual send and waits for each answer before the next).
Requests go over --connections persistent HTTP/1.1 keep-alive connections on one asyncio loop; a
request due while every connection is busy waits for one, and that wait counts. The first
--warmup seconds are sent but not counted.

Prints one JSON object: the rate asked and achieved, counts by status, the share of requests
issued more than 1 ms after their due time (the generator's own lag — waiting for a free
connection is the server's, not this — when it is large the figures measure this process, not
the server), and latency percentiles in milliseconds.
"""
import argparse
import asyncio
import json
import random
import sys
import time
import urllib.parse


class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, raw):
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(raw)
                return await self.read_response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise

    async def read_response(self):
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, close = None, False, False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        elif length is not None:
            await self.reader.readexactly(length)
        else:
            await self.reader.read()
            close = True
        if close:
            self.close()
        return status

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


async def run(args):
    url = urllib.parse.urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    ids = [l.strip() for l in open(args.ids) if l.strip()]
    rng = random.Random(args.seed)
    headers = "".join(f"{h}\r\n" for h in args.header)
    pool = asyncio.Queue()
    for _ in range(args.connections):
        pool.put_nowait(Connection(host, port))
    latencies, statuses, late, errors = [], {}, 0, 0
    total = int(args.rate * (args.seconds + args.warmup))
    counted_from = int(args.rate * args.warmup)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.1

    async def one(i, due, raw):
        nonlocal late, errors
        conn = await pool.get()
        try:
            status = await conn.request(raw)
        except Exception:
            status = None
            conn.close()
        finally:
            pool.put_nowait(conn)
        finished = loop.time()
        if i < counted_from:
            return
        if status is None:
            errors += 1
            return
        statuses[status] = statuses.get(status, 0) + 1
        latencies.append(finished - due)

    tasks = []
    for i in range(total):
        due = start + i / args.rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if i >= counted_from and loop.time() - due > 0.001:
            late += 1
        path = args.prefix + urllib.parse.quote(rng.choice(ids), safe="")
        raw = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{headers}\r\n".encode()
        tasks.append(asyncio.ensure_future(one(i, due, raw)))
        if len(tasks) > 10000:
            tasks = [t for t in tasks if not t.done()]
    await asyncio.gather(*tasks)
    elapsed = loop.time() - (start + args.warmup)
    for _ in range(args.connections):
        (await pool.get()).close()
    latencies.sort()
    counted = len(latencies) + errors
    ms = lambda v: None if v is None else round(v * 1000, 3)
    return {
        "rate_asked": args.rate,
        "rate_achieved": round(counted / elapsed, 1) if elapsed > 0 else None,
        "requests": counted,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": errors,
        "sent_late_over_1ms": round(late / counted, 4) if counted else None,
        "p50_ms": ms(percentile(latencies, 50)),
        "p90_ms": ms(percentile(latencies, 90)),
        "p99_ms": ms(percentile(latencies, 99)),
        "p999_ms": ms(percentile(latencies, 99.9)),
        "max_ms": ms(latencies[-1] if latencies else None),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--ids", required=True)
    parser.add_argument("--prefix", default="/v1/lots/")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = asyncio.run(run(args))
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
