"""kill -9 a remote publish at random moments; check what each kill left; publish once more.

A real `oxigraph serve` on loopback gets the seed and our genre reports once (the baseline:
every library query answered with its default parameters). Then, N times: the same graphs are
published again (`rightsgraph publish --endpoint ...`, small upload chunks and swap batches so
that a publish takes many requests) and the command is killed with SIGKILL at a random moment
of its run (uniform between the start of its first request and its usual end, measured
beforehand). After each kill: every report graph still holds all its triples (the old or the
new content: the same), and the staging graphs left are counted. After the last kill, one more
publish: no staging or backup graph may be left, and every library query must answer as in the
baseline.

    python bench/kill_publish.py [--kills 100] [--reports 0] [--seed 1] [--json FILE]

(--reports N: the seed and N of our genre reports; the default, the seed alone.)

Prints one line per kill and a summary (counts) as JSON; exit 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"
REPORTS = sorted((ROOT / "tests" / "data" / "reports").glob("*.md"))
ENV = {"RIGHTSGRAPH_CHUNK_TRIPLES": "200", "RIGHTSGRAPH_SWAP_TRIPLES": "3000"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(location: Path) -> tuple[subprocess.Popen, str]:
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        raise SystemExit("the oxigraph server (PyPI package `oxigraph`) is not installed")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"http://127.0.0.1:{port}"
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("oxigraph did not start")


def publish_cmd(files: list[Path], url: str) -> list[str]:
    return [sys.executable, "-m", "rightsgraph", "publish", *map(str, files), "--endpoint",
            f"{url}/query", "--update-endpoint", f"{url}/update", "-q"]


def env() -> dict[str, str]:
    out = {**os.environ, **ENV}
    out.pop("RIGHTSGRAPH_DEBUG", None)
    return out


def state(url: str) -> tuple[dict[str, int], dict[str, int]]:
    """(RightsGraph graphs -> triples, staging/backup graphs -> triples)."""
    from rightsgraph.store.endpoint import EndpointStore

    with EndpointStore(f"{url}/query", update_endpoint=f"{url}/update") as store:
        return store.graph_sizes(), store.leftovers()


def answers(url: str) -> dict[str, list]:
    """Every library query with its default parameters, rows sorted (a set of answers)."""
    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import library
    from rightsgraph.store.endpoint import EndpointStore

    out = {}
    with EndpointStore(f"{url}/query", update_endpoint=f"{url}/update") as store:
        for q in library():
            result = store.query(bind_query(store, q, {}))
            out[q.name] = sorted(repr(tuple(t.value if t is not None else None for t in row))
                                 for row in result.rows)
    return out


def first_request_delay(files: list[Path]) -> float:
    """Seconds from the start of `publish` to its first connection (to a port nobody serves:
    the command fails there), the part of a run no kill needs to sample."""
    port = free_port()
    started = time.monotonic()
    subprocess.run(publish_cmd(files, f"http://127.0.0.1:{port}"), cwd=ROOT, env=env(),
                   capture_output=True, timeout=600)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--reports", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kill-publish-"))
    server, url = start_server(work / "oxigraph")
    try:
        files = []
        for i, report in enumerate([SEED, *REPORTS[:args.reports]]):
            out = work / f"report-{i}.nt"
            subprocess.run([sys.executable, "-m", "rightsgraph", "convert", str(report), "-o",
                            str(out)], cwd=ROOT, env=env(), check=True, timeout=600)
            files.append(out)
        started = time.monotonic()
        subprocess.run(publish_cmd(files, url), cwd=ROOT, env=env(), check=True, timeout=600)
        whole = time.monotonic() - started
        baseline_sizes, _ = state(url)
        baseline = answers(url)
        lead = min(first_request_delay(files), whole * 0.9)
        print(f"publish takes {whole:.2f} s, its first request at ~{lead:.2f} s; "
              f"{len(baseline_sizes)} graphs, {len(baseline)} library queries", flush=True)
        counts = {"kills": 0, "killed_mid_run": 0, "finished_before_kill": 0,
                  "left_staging": 0, "graphs_intact": 0, "graphs_damaged": 0}
        for n in range(args.kills):
            at = rng.uniform(lead, whole)
            proc = subprocess.Popen(publish_cmd(files, url), cwd=ROOT, env=env(),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                proc.wait(timeout=at)
                counts["finished_before_kill"] += 1
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                counts["killed_mid_run"] += 1
            counts["kills"] += 1
            sizes, left = state(url)
            intact = {g: n for g, n in sizes.items() if g in baseline_sizes} == baseline_sizes
            counts["graphs_intact" if intact else "graphs_damaged"] += 1
            counts["left_staging"] += bool(left)
            print(f"kill {n + 1}: at {at:.2f} s, {len(left)} staging/backup graphs left, "
                  f"graphs {'intact' if intact else 'DAMAGED'}", flush=True)
        _, left_before = state(url)
        subprocess.run(publish_cmd(files, url), cwd=ROOT, env=env(), check=True, timeout=600)
        sizes, left = state(url)
        same = answers(url) == baseline
        counts.update({"graphs": len(baseline_sizes), "seed": args.seed,
                       "left_before_last_publish": len(left_before),
                       "left_after_last_publish": len(left),
                       "graphs_as_before": sizes == baseline_sizes,
                       "queries_as_before": same, "queries": len(baseline),
                       "publish_seconds": round(whole, 2)})
        print(json.dumps(counts, indent=1))
        if args.json:
            args.json.write_text(json.dumps(counts, indent=1) + "\n")
        ok = not left and same and sizes == baseline_sizes and not counts["graphs_damaged"]
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
