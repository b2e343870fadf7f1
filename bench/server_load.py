"""Load on the server: `rightsgraph serve` on the seed store under 50 and 200 concurrent
clients, beside `oxigraph serve-read-only` on the same store (issue 26).

    .venv/bin/python bench/server_load.py                       # builds the seed store first
    .venv/bin/python bench/server_load.py --store build/store --seconds 20 --clients 50 200

Each client is one keep-alive HTTP/1.1 connection that sends a request, reads the whole answer
and sends the next, for `--seconds` after a short warm-up, on 127.0.0.1 only. Mixes:

- `full` (rightsgraph only): pages (home, report, paragraph, actor and concept pages), fact
  pages (recommendations, concerns, violations, statistics...), SPARQL (library queries and a
  small lookup) and search, drawn with weights 3:3:3:1 from a seeded random generator;
- `sparql`: the same SPARQL requests alone, sent to both servers (Oxigraph serves no pages),
  with the union default graph on both (`--union-default-graph` for Oxigraph, as `serve` does).

The servers run one at a time on the same 2 cores as this client (one process, asyncio over raw
sockets, so that the client costs far less CPU than the servers), each on the store opened
read-only. Figures per run: requests per second, p50/p95/p99 latency, answers by status (a 503
is the server refusing load, counted apart from errors; after one with `Retry-After` the client
waits that long, as a polite client and RightsGraph's own endpoint client do), the resident
memory of the server with its worker processes at the end, and the client's own CPU time.
Latency is that of the answers that finished inside the measured window. Results
go to `bench/results/server-load.json`; `bench/RESULTS.md` has the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED_CORPUS = ROOT / "corpus"
BASE = "https://w3id.org/rightsgraph/id/"
SMALL = "SELECT ?label WHERE { <https://w3id.org/rightsgraph/id/state/COL> ?p ?label } LIMIT 10"
LIBRARY = ("violation-types", "actors-by-type", "recommendations-to-states", "instruments-cited")
SEARCHES = ("migrants", "detention", "pushbacks", "children", "border", "rescue")
FACT_CLASSES = ("Recommendation", "Concern", "ViolationReport", "Statistic", "PromisingPractice",
                "Commitment", "Intervention")
PAGE_CLASSES = ("Report", "Paragraph", "State", "Person", "ViolationType", "Instrument")
WEIGHTS = {"page": 3, "fact": 3, "sparql": 3, "search": 1}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- a small HTTP/1.1 client -------------------------------------------------------------

async def read_answer(reader: asyncio.StreamReader) -> tuple[int, bool, float]:
    """Read one response; (status, whether the server closes the connection, Retry-After)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip().lower()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    retry = headers.get("retry-after", "")
    return status, headers.get("connection") == "close", float(retry) if retry.isdigit() else 0.0


def request_bytes(path: str, accept: str = "*/*") -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n"
            "User-Agent: rightsgraph-bench\r\n\r\n").encode()


async def client(port: int, requests: list[tuple[str, bytes]], rng: random.Random,
                 warm_until: float, stop_at: float, record: dict) -> None:
    reader = writer = None
    while time.monotonic() < stop_at:
        kind, raw = rng.choice(requests)
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(raw)
            status, close, retry = await asyncio.wait_for(read_answer(reader), 120)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError):
            status, close, retry = 0, True, 0.0  # a broken or refused connection
        took = time.perf_counter() - start
        if time.monotonic() > warm_until and time.monotonic() <= stop_at:
            record["latency"][kind].append(took)
            record["status"][kind][status] += 1
        if close and writer is not None:
            writer.close()
            reader = writer = None
        if retry:  # a polite client waits as told (RightsGraph's own endpoint client does)
            await asyncio.sleep(min(retry, max(0.0, stop_at - time.monotonic())))
            if writer is not None:  # and comes back on a new connection (the old one idled out)
                writer.close()
                reader = writer = None
    if writer is not None:
        writer.close()


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarise(latency: list[float], status: Counter, seconds: float) -> dict:
    ok = sum(n for s, n in status.items() if 200 <= s < 400)
    return {"requests": sum(status.values()), "ok": ok, "refused_503": status.get(503, 0),
            "errors": sum(n for s, n in status.items() if s == 0 or (s >= 400 and s != 503)),
            "requests_per_s": round(sum(status.values()) / seconds, 1),
            "p50_ms": round(percentile(latency, 50) * 1000, 1),
            "p95_ms": round(percentile(latency, 95) * 1000, 1),
            "p99_ms": round(percentile(latency, 99) * 1000, 1),
            "status": {str(k): v for k, v in sorted(status.items())}}


async def load(port: int, requests: list[tuple[str, bytes]], clients: int, seconds: float,
               warmup: float, seed: int) -> dict:
    record = {"latency": defaultdict(list), "status": defaultdict(Counter)}
    now = time.monotonic()
    cpu = time.process_time()
    await asyncio.gather(*(client(port, requests, random.Random(seed + i), now + warmup,
                                  now + warmup + seconds, record) for i in range(clients)))
    result = {"clients": clients, "seconds": seconds,
              "client_cpu_s": round(time.process_time() - cpu, 1)}
    everything = [t for ts in record["latency"].values() for t in ts]
    total = sum((c for c in record["status"].values()), Counter())
    result["all"] = summarise(everything, total, seconds)
    result["by_kind"] = {k: summarise(record["latency"][k], record["status"][k], seconds)
                         for k in sorted(record["status"])}
    return result


# ---- servers -----------------------------------------------------------------------------

def wait_for(port: int, path: str, proc: subprocess.Popen, limit: float = 60) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(request_bytes(path))
                if s.recv(64).startswith(b"HTTP/1.1"):
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not answer in {limit:g} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children, MiB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                             text=True).stdout
        pids += [int(p) for p in out.split()]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def start_rightsgraph(store: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "RIGHTSGRAPH_HOME": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "rightsgraph", "serve", "--store", str(store),
                             "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(port, "/", proc)
    return proc


def start_oxigraph(store: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(store),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(port, "/query?query=" + quote("ASK {}"), proc)
    return proc


# ---- what to ask -------------------------------------------------------------------------

def sparql_texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from rightsgraph.querylib import find_query

    return [find_query(name).text for name in LIBRARY] + [SMALL]


def pick_iris(store: Path) -> dict[str, list[str]]:
    """Resource IRIs of the store to ask pages of, a few per class (read before serving)."""
    from pyoxigraph import Store

    s = Store.read_only(str(store))
    picks = {}
    for group, classes in (("page", PAGE_CLASSES), ("fact", FACT_CLASSES)):
        found = []
        for cls in classes:
            rows = s.query(f"SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?x a "
                           f"<https://w3id.org/rightsgraph/ontology#{cls}> }} }} ORDER BY ?x LIMIT 5")
            found += [row["x"].value for row in rows if row["x"].value.startswith(BASE)]
        picks[group] = found
    del s
    return picks


def rightsgraph_requests(iris: dict[str, list[str]], texts: list[str], mix: str) -> list:
    sparql = [("sparql", request_bytes("/sparql?" + urlencode({"query": t}),
                                       "application/sparql-results+json")) for t in texts]
    if mix == "sparql":
        return sparql
    pages = [("page", request_bytes("/"))] + [
        ("page", request_bytes("/doc/" + iri[len(BASE):], "text/html")) for iri in iris["page"]]
    facts = [("fact", request_bytes("/doc/" + iri[len(BASE):], "text/html")) for iri in iris["fact"]]
    search = [("search", request_bytes("/search?" + urlencode({"q": q}), "text/html"))
              for q in SEARCHES]
    weighted = []
    for group in (pages, facts, sparql, search):
        kind = group[0][0]
        # the same share of requests for each kind, whatever the number of targets in it
        weighted += group * (WEIGHTS[kind] * 60 // len(group))
    return weighted


def oxigraph_requests(texts: list[str]) -> list:
    return [("sparql", request_bytes("/query?" + urlencode({"query": t}),
                                     "application/sparql-results+json")) for t in texts]


def build_seed(store: Path) -> None:
    out = store.parent / "out"
    subprocess.run([sys.executable, "-m", "rightsgraph", "build", str(SEED_CORPUS), "--store",
                    str(store), "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "RIGHTSGRAPH_HOME": str(ROOT)})


def run_server(name: str, start, store: Path, runs: list[tuple[str, list]], args) -> list[dict]:
    results = []
    for mix, requests in runs:
        for clients in args.clients:
            port = free_port()
            proc = start(store, port)
            try:
                result = asyncio.run(load(port, requests, clients, args.seconds, args.warmup,
                                          args.seed))
                result.update(server=name, mix=mix, server_rss_mib=rss_mib(proc.pid))
            finally:
                stop(proc)
            a = result["all"]
            print(f"{name:12} {mix:6} {clients:4} clients: {a['requests_per_s']:8.1f} req/s  "
                  f"p50 {a['p50_ms']:8.1f}  p95 {a['p95_ms']:8.1f}  p99 {a['p99_ms']:8.1f} ms  "
                  f"503 {a['refused_503']}  errors {a['errors']}", flush=True)
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the seed)")
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--mixes", nargs="+", default=["full", "sparql"], choices=["full", "sparql"])
    parser.add_argument("--no-oxigraph", action="store_true", help="rightsgraph serve alone")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "server-load.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rg-load-") as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            build_seed(store)
        iris, texts = pick_iris(store), sparql_texts()
        ours = run_server("rightsgraph", start_rightsgraph, store,
                          [(mix, rightsgraph_requests(iris, texts, mix)) for mix in args.mixes], args)
        theirs = [] if args.no_oxigraph or "sparql" not in args.mixes else run_server(
            "oxigraph", start_oxigraph, store, [("sparql", oxigraph_requests(texts))], args)
    report = {"command": " ".join([Path(sys.executable).name, *sys.argv]),
              "cpus": os.cpu_count(), "load_average_after": os.getloadavg(),
              "targets": {k: len(v) for k, v in iris.items()}, "sparql": list(LIBRARY) + ["small"],
              "runs": ours + theirs}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
