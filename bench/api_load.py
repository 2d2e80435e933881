"""Latency of the list and search endpoints with 50 concurrent clients on loopback
(targets: p50 < 20 ms, p99 < 100 ms), and the home page's render time (target < 1 s).

Starts `amity serve` on the world data (a temporary SQLite database, or AMITY_DATABASE_URL)
and measures each endpoint two ways, each bounded in time:

* **50 clients at a user's pace**: 50 concurrent connections, each sending a request every
  second (50 requests a second in all), timed by an asyncio client — the latency people see;
* **saturation**: wrk (Debian's package) with 50 connections sending as fast as they can —
  the throughput limit, where latency is queueing (connections ÷ requests per second).

The baseline, measured in the same run under the same load, is a static file, which touches
neither the database nor the domain code. Usage: python bench/api_load.py [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ENDPOINTS = [
    ("baseline: static file", "/static/amity.css"),
    ("search Latin", "/api/places?q=Wuhan"),
    ("search Han", "/api/places?q=%E6%AD%A6%E6%B1%89"),
    ("search Cyrillic", "/api/places?q=%D0%A0%D1%8B%D0%B1%D0%B8%D0%BD%D1%81%D0%BA"),
    ("list by country", "/api/partnerships?country=CN&limit=50"),
    ("list by place", "/api/partnerships?place=1791247"),
    ("list by status", "/api/partnerships?status=active&limit=50&offset=1000"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not come up")


def to_ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, seconds: int) -> dict[str, float]:
    out = subprocess.run(["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
                         capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    figures = {f"p{p}": to_ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)) for p in (50, 99)}
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] = float(errors.group(1)) if errors else 0.0
    return figures


async def paced(url: str, seconds: float, clients: int = 50, interval: float = 1.0) -> dict[str, float]:
    """``clients`` connections, each sending one request every ``interval`` seconds."""
    import asyncio
    import statistics

    import httpx

    latencies: list[float] = []
    errors = 0

    async def client(http: httpx.AsyncClient, offset: float) -> None:
        nonlocal errors
        await asyncio.sleep(offset)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await http.get(url)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code >= 400
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - started)))

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=10) as http:
        await asyncio.gather(*(client(http, n * interval / clients) for n in range(clients)))
    latencies.sort()
    return {"p50": statistics.median(latencies), "p99": latencies[int(len(latencies) * 0.99) - 1],
            "rps": len(latencies) / seconds, "errors": float(errors)}


def report(name: str, figures: dict[str, float], baseline: dict[str, float], judged: bool) -> None:
    verdict = ""
    if judged and not name.startswith("baseline"):
        met = figures["p50"] < 20 and figures["p99"] < 100
        verdict = f"; targets p50 < 20 ms, p99 < 100 ms: {'met' if met else 'MISSED'}"
    print(f"  {name}: p50 {figures['p50']:.1f} ms ({figures['p50'] / baseline['p50']:.1f}× baseline), "
          f"p99 {figures['p99']:.1f} ms, {figures['rps']:.0f} req/s, {figures['errors']:.0f} errors{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    folder = tempfile.mkdtemp()
    env = dict(os.environ, AMITY_PORT=str(free_port()), AMITY_HOST="127.0.0.1")
    env.setdefault("AMITY_DATABASE_URL", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
    base = f"http://127.0.0.1:{env['AMITY_PORT']}"
    server = subprocess.Popen([sys.executable, "-m", "amity", "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(base + "/static/amity.css")
        time.sleep(20)  # let the start-up warm-up (world figures, resolver index) finish before timing
        started = time.perf_counter()
        urllib.request.urlopen(base + "/", timeout=30).read()
        print(f"home page: {(time.perf_counter() - started) * 1000:.0f} ms; target < 1000 ms")
        import asyncio

        print("50 clients at a user's pace (a request a second each):")
        baseline = None
        for name, path in ENDPOINTS:
            figures = asyncio.run(paced(base + path, args.seconds))
            baseline = baseline or figures
            report(name, figures, baseline, judged=True)
        print("saturation (wrk, 50 connections as fast as they can):")
        baseline = None
        for name, path in ENDPOINTS:
            figures = run_wrk(base + path, args.seconds)
            baseline = baseline or figures
            report(name, figures, baseline, judged=False)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
