"""The RightsGraph benchmark: synthetic corpora at several scales, stage by stage, against the
naive stack (rdflib graphs, pyshacl on the union graph, rdflib SPARQL).

    python bench/run.py --scales 1 100            # what `make bench` runs
    python bench/run.py --scales 1 100 1000       # `make bench SCALE=1000`

Writes bench/results/<scale>.json (and naive.json, startup.json) and prints a summary table.
Every build runs in a fresh child process so that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "build" / "bench"
sys.path.insert(0, str(ROOT / "bench"))
# this tree's code, whatever the shared environment's editable install points at (a bench run
# once measured another worktree's older code that way): its path and commit go into results
sys.path.insert(0, str(ROOT / "src"))

QUERY_REPEATS = 20
ENDPOINT_MAX_GRAPHS = 250  # the server publish is timed on at most this many graphs
STAGES = ("ingest", "parse", "extract", "emit", "validate", "serialize")


def machine() -> dict:
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = 0
    import pyoxigraph
    import pyshacl
    import rdflib

    import rightsgraph

    return {"cores": os.cpu_count(), "memory_gib": round(mem, 1), "python": platform.python_version(),
            "code": code_version(rightsgraph.__file__),
            "system": platform.platform(), "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "pyshacl": pyshacl.__version__,
            "load_average_at_start": os.getloadavg()}


def code_version(package_file: str) -> str:
    """The folder of the measured code and its commit (``+`` when it has uncommitted changes)."""
    folder = Path(package_file).resolve().parents[2]
    try:
        head = subprocess.run(["git", "-C", str(folder), "describe", "--always", "--dirty=+"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        head = "unknown"
    return f"{folder} @ {head}"


def corpus(n: int, seed: int = 0) -> Path:
    from synth import generate

    folder = WORK / f"corpus-{n}"
    paths = generate(n, folder, seed=seed)
    for extra in set(folder.glob("*.md")) - set(paths):
        extra.unlink()
    return folder


def _rusage() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


# --- one build, in a child process -------------------------------------------------------
def one_build(folder: str, jobs: int, store: str, out: str) -> dict:
    """Run the library build (what `rightsgraph build` runs: the answers it keeps included) and
    report timings and memory."""
    import rightsgraph
    from rightsgraph.pipeline import build
    from rightsgraph.store import EmbeddedStore

    # before the build: `git` runs in a forked child, whose peak RSS (the main process's size at
    # the fork) would count as a worker's, and the code measured is the code at the start
    code = code_version(rightsgraph.__file__)
    shutil.rmtree(store, ignore_errors=True)
    started, (cpu0, kids0) = time.perf_counter(), _rusage()
    with EmbeddedStore(store) as st:
        summary = build([folder], st, out, jobs=jobs)
    if summary.ok:  # what `rightsgraph build` does next, once the store is closed
        from rightsgraph.answers import keep_library_answers

        summary.timings["answers"] = keep_library_answers(store).seconds
    wall = time.perf_counter() - started
    cpu1, kids1 = _rusage()
    stages = {k: sum(r.timings.get(k, 0.0) for r in summary.reports)
              for k in (*STAGES, *(f"{s}_cpu" for s in STAGES))}
    return {
        "reports": len(summary.reports), "ok": summary.ok, "jobs": jobs,
        "code": code,
        "triples_reports": sum(r.triples for r in summary.reports),
        "store_triples": summary.store_triples,
        "wall_s": wall, "cpu_s": (cpu1 - cpu0) + (kids1 - kids0),
        "phases_wall_s": summary.timings,
        "stages_sum_s": stages,  # summed over reports (worker wall time per stage)
        "peak_rss_mib_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_rss_mib_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(f"bench child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- queries, export, endpoint on a built store ------------------------------------------
def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_queries(run, repeats: int = QUERY_REPEATS, texts: dict[str, object] | None = None) -> dict:
    """Time each query (name -> what `run` takes; default: the library's texts with default
    parameters) `repeats` times after one warm-up run (3 times when the warm-up took a second
    or more): wall and CPU p50/p95 in ms, and the rows `run(...)` counted."""
    if texts is None:
        from rightsgraph.querylib import bind, library

        texts = {q.name: bind(q, {}) for q in library()}
    out = {}
    for name, text in texts.items():
        t = time.perf_counter()
        try:
            run(text)  # warm
        except Exception as exc:  # a store refusing a library query is a finding, not a crash
            out[name] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}
            continue
        first = time.perf_counter() - t
        times, cpus = [], []
        for _ in range(repeats if first < 1 else 3):
            t, c = time.perf_counter(), time.process_time()
            rows = run(text)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        out[name] = {"p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * percentile(times, 0.95),
                     "cpu_p50_ms": 1000 * statistics.median(cpus),
                     "cpu_p95_ms": 1000 * percentile(cpus, 0.95), "rows": rows}
    return out


def store_figures(store: str) -> dict:
    from pyoxigraph import RdfFormat

    from rightsgraph.export import export_file
    from rightsgraph.store import EmbeddedStore

    target = WORK / f"export-{os.getpid()}.ttl"
    from rightsgraph.answers import answer
    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import library

    with EmbeddedStore(store, read_only=True) as st:
        # the streaming export `build` and `rightsgraph export -o` use (temp file, renamed)
        t = time.perf_counter()
        size = export_file(st, RdfFormat.TURTLE, target)
        export = time.perf_counter() - t
        target.unlink()
        # bound as `rightsgraph query` binds them, the text index asked inside the timing
        queries = time_queries(lambda q: len(st.query(bind_query(st, q, {})).rows),
                               texts={q.name: q for q in library()})
        # what `rightsgraph query --format csv` writes, through the answers `build` kept
        served = time_queries(lambda q: len(answer(st, q, {}, "csv")),
                              texts={q.name: q for q in library()})
        graphs = {g: st.dump(RdfFormat.N_TRIPLES, graph=g) for g in st.graph_sizes()}
    figures = {"export_turtle_s": export, "export_bytes": size, "queries": queries,
               "answers_csv": served}
    figures["publish_embedded_s"] = publish_embedded(graphs)
    figures["endpoint"] = publish_endpoint(graphs)
    return figures


def publish_embedded(graphs: dict[str, bytes]) -> dict:
    """Publish every graph of a build into a fresh store, then again (replacing them)."""
    from rightsgraph.store import EmbeddedStore

    path = WORK / f"publish-store-{os.getpid()}"
    shutil.rmtree(path, ignore_errors=True)
    with EmbeddedStore(path) as st:
        t = time.perf_counter()
        st.replace_graphs(graphs)
        fresh = time.perf_counter() - t
        t = time.perf_counter()
        st.replace_graphs(graphs)
        replace = time.perf_counter() - t
    shutil.rmtree(path, ignore_errors=True)
    return {"new_graphs_s": fresh, "replace_existing_s": replace}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def publish_endpoint(graphs: dict[str, bytes]) -> dict | str:
    """Publish to a real `oxigraph serve` process through the endpoint store, when main has one."""
    try:
        from rightsgraph.store.endpoint import EndpointStore
    except ImportError:
        return "skipped: no store/endpoint.py on this branch"
    server = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(server).exists():
        return "skipped: no oxigraph server binary (pip install -e '.[dev]')"
    location = WORK / f"oxigraph-server-{os.getpid()}"
    shutil.rmtree(location, ignore_errors=True)
    port = _free_port()
    proc = subprocess.Popen([server, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        store = EndpointStore(f"{base}/query", update_endpoint=f"{base}/update")
        sample = dict(sorted(graphs.items())[:ENDPOINT_MAX_GRAPHS])
        t = time.perf_counter()
        store.replace_graphs(sample)
        publish = time.perf_counter() - t
        queries = time_queries(lambda text: len(store.query(text).rows), repeats=5)
        store.close()
        return {"publish_s": publish, "graphs": len(sample), "of_graphs": len(graphs),
                "triples": sum(d.count(b"\n") for d in sample.values()), "queries": queries}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(location, ignore_errors=True)


# --- the naive stack ----------------------------------------------------------------------
def naive(folder: str) -> dict:
    """Same reports: convert sequentially, one rdflib Dataset, pyshacl on the union graph,
    rdflib SPARQL for the library, rdflib's Turtle writer for the export."""
    from pyshacl import validate as shacl
    from rdflib import Dataset, Graph, URIRef

    from rightsgraph.pipeline import convert, expand_inputs
    from rightsgraph.querylib import bind, library
    from rightsgraph.validate import ontology_graph, shapes_graph

    files = expand_inputs([folder])
    timings = {}
    started, (cpu0, _k) = time.perf_counter(), _rusage()
    t = time.perf_counter()
    graphs = [convert(f).graph for f in files]
    timings["convert_s"] = time.perf_counter() - t
    t = time.perf_counter()
    dataset = Dataset()
    union = Graph()
    for g in graphs:
        named = dataset.graph(URIRef(str(g.identifier)))
        for triple in g:
            named.add(triple)
            union.add(triple)
    timings["publish_s"] = time.perf_counter() - t
    t = time.perf_counter()
    conforms, _report, _text = shacl(union, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                     inference="none", advanced=True, allow_warnings=True)
    timings["validate_s"] = time.perf_counter() - t
    t = time.perf_counter()
    exported = union.serialize(format="turtle")
    timings["export_s"] = time.perf_counter() - t
    wall = time.perf_counter() - started
    cpu1, _k = _rusage()
    queries = {q.name: _naive_query(dataset, bind(q, {})) for q in library()}
    return {"reports": len(files), "wall_s": wall, "cpu_s": cpu1 - cpu0, "conforms": bool(conforms),
            "triples": len(union), "export_bytes": len(exported), "stages_s": timings,
            "queries": queries,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


NAIVE_QUERY_SECONDS = 10.0
_NAIVE_DATASET = None  # what the forked query process reads


def _naive_query_child(text: str, conn) -> None:
    try:
        t = time.perf_counter()
        rows = len(list(_NAIVE_DATASET.query(text)))
        conn.send({"ms": 1000 * (time.perf_counter() - t), "rows": rows})
    except Exception as exc:  # rdflib's SPARQL engine fails on some library queries
        conn.send({"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"})


def _naive_query(dataset, text: str, seconds: float = NAIVE_QUERY_SECONDS) -> dict:
    """One library query in rdflib's SPARQL engine, once, in a forked process stopped after
    `seconds`: written for Oxigraph's hash joins, some queries take rdflib many minutes (its
    subqueries are joined by nested loops), which kept `make bench` running for half an hour."""
    import multiprocessing

    global _NAIVE_DATASET
    _NAIVE_DATASET = dataset
    ctx = multiprocessing.get_context("fork")
    parent, child_end = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_naive_query_child, args=(text, child_end))
    proc.start()
    child_end.close()
    answer = parent.recv() if parent.poll(seconds) else {"timeout_s": seconds}
    proc.kill()
    proc.join()
    return {"p50_ms": answer["ms"], "rows": answer["rows"]} if "ms" in answer else answer


# --- start-up ----------------------------------------------------------------------------
def startup() -> dict:
    exe = Path(sys.executable).parent / "rightsgraph"

    def timed(args: list[str], repeats: int = 5, fresh: Path | None = None) -> dict:
        walls, cpus = [], []
        for _ in range(repeats):
            if fresh:
                shutil.rmtree(fresh, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([str(exe), *args], cwd=ROOT, check=True, capture_output=True)
            walls.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return {"wall_s_median": statistics.median(walls), "cpu_s_median": statistics.median(cpus)}

    seed_store = WORK / f"seed-store-{os.getpid()}"
    shutil.rmtree(seed_store, ignore_errors=True)
    build_seed = ["build", "corpus/", "--store", str(seed_store), "--out", str(WORK / "seed-out"), "-q"]
    return {"help": timed(["--help"]), "build_seed_fresh_store": timed(build_seed, 3, seed_store),
            "build_seed_rebuild": timed(build_seed, 3)}


# --- orchestration ------------------------------------------------------------------------
def run_scale(n: int, jobs_scaling: bool) -> dict:
    folder = corpus(n)
    store, out = str(WORK / f"store-{n}"), str(WORK / f"out-{n}")
    result = {"scale": n, "machine": machine(), "command": " ".join(sys.argv)}
    result["build"] = {"jobs2": child(["--one-build", str(folder), "2", store, out])}
    if jobs_scaling:
        result["build"]["jobs1"] = child(["--one-build", str(folder), "1", store + "-j1", out + "-j1"])
        shutil.rmtree(store + "-j1", ignore_errors=True)
    result["store"] = child(["--store-figures", store])
    return result


def summary(results: list[dict], naive_result: dict | None, start: dict | None) -> str:
    """Markdown tables. Wall clock and CPU time: on a shared machine only CPU time is stable."""
    lines = ["| reports | jobs | wall s | CPU s | CPU s/report | wall s/report | triples in store | "
             "publish s | export s | peak RSS main / worker MiB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for _key, b in sorted(r["build"].items()):
            lines.append(f"| {r['scale']} | {b['jobs']} | {b['wall_s']:.1f} | {b['cpu_s']:.1f} | "
                         f"{b['cpu_s'] / b['reports']:.3f} | {b['wall_s'] / b['reports']:.3f} | "
                         f"{b['store_triples']:,} | {b['phases_wall_s']['publish']:.2f} | "
                         f"{b['phases_wall_s']['export']:.2f} | "
                         f"{b['peak_rss_mib_main']:.0f} / {b['peak_rss_mib_worker']:.0f} |")
    lines += ["", "| reports | clock | " + " | ".join(STAGES) + " |", "|---:|---|" + "---:|" * len(STAGES)]
    for r in results:
        b = r["build"]["jobs2"]
        for clock, suffix in (("CPU", "_cpu"), ("wall", "")):
            if all(f"{k}{suffix}" in b["stages_sum_s"] for k in STAGES):
                lines.append(f"| {r['scale']} | {clock} s/report | " + " | ".join(
                    f"{b['stages_sum_s'][k + suffix] / b['reports']:.3f}" for k in STAGES) + " |")
    lines += ["", "| reports | publish new graphs (embedded) s | replace held graphs s | "
              "endpoint publish s | export s | worst query p95 ms, CPU (wall) | "
              "worst kept answer p95 ms, CPU |",
              "|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        s = r["store"]
        ep = s["endpoint"]["publish_s"] if isinstance(s["endpoint"], dict) else float("nan")
        ep_note = (f" ({s['endpoint']['graphs']} of {s['endpoint']['of_graphs']} graphs)"
                   if isinstance(s["endpoint"], dict) and s["endpoint"]["graphs"] < s["endpoint"]["of_graphs"]
                   else "")
        timed = {k: v for k, v in s["queries"].items() if "p95_ms" in v}
        worst = max(timed.items(), key=lambda kv: kv[1].get("cpu_p95_ms", kv[1]["p95_ms"]))
        cpu = worst[1].get("cpu_p95_ms", float("nan"))
        kept = {k: v for k, v in s.get("answers_csv", {}).items() if "cpu_p95_ms" in v}
        slowest = max(kept.items(), key=lambda kv: kv[1]["cpu_p95_ms"]) if kept else None
        served = f"{slowest[1]['cpu_p95_ms']:.1f} {slowest[0]}" if slowest else "-"
        lines.append(f"| {r['scale']} | {s['publish_embedded_s']['new_graphs_s']:.2f} | "
                     f"{s['publish_embedded_s']['replace_existing_s']:.2f} | {ep:.2f}{ep_note} | "
                     f"{s['export_turtle_s']:.2f} | {cpu:.1f} ({worst[1]['p95_ms']:.1f}) {worst[0]} | "
                     f"{served} |")
    if naive_result:
        ours, n = naive_result["ours"], naive_result["naive"]
        lines += ["", f"naive stack on {n['reports']} reports: {n['wall_s']:.1f} s wall, "
                  f"{n['cpu_s']:.1f} s CPU; "
                  f"ours (jobs 2): {ours['wall_s']:.1f} s wall, {ours['cpu_s']:.1f} s CPU; "
                  f"throughput ratio {n['wall_s'] / ours['wall_s']:.1f}x (wall), "
                  f"{n['cpu_s'] / ours['cpu_s']:.1f}x (CPU)"]
    if start:
        seed = start["build_seed_fresh_store"]
        lines += ["", f"start-up: --help {start['help']['wall_s_median'] * 1000:.0f} ms wall, "
                  f"{start['help']['cpu_s_median'] * 1000:.0f} ms CPU; build on the seed (whole process) "
                  f"{seed['wall_s_median']:.2f} s wall, {seed['cpu_s_median']:.2f} s CPU"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one-build"]:
        print(json.dumps(one_build(argv[1], int(argv[2]), argv[3], argv[4])))
        return 0
    if argv[:1] == ["--store-figures"]:
        print(json.dumps(store_figures(argv[1])))
        return 0
    if argv[:1] == ["--naive"]:
        print(json.dumps(naive(argv[1])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", nargs="+", type=int, default=[1, 100])
    ap.add_argument("--naive-scale", type=int, default=10,
                    help="reports for the side-by-side naive-stack run [default: 10]")
    ap.add_argument("--summary", action="store_true", help="print the tables of bench/results/ and stop")
    ap.add_argument("--jobs-scaling-max", type=int, default=100,
                    help="also build with --jobs 1 up to this scale [default: 100]")
    args = ap.parse_args(argv)
    if args.summary:
        found = sorted(RESULTS.glob("scale-*.json"), key=lambda p: int(p.stem.split("-")[1]))
        naive_file, start_file = RESULTS / "naive.json", RESULTS / "startup.json"
        print(summary([json.loads(p.read_text()) for p in found],
                      json.loads(naive_file.read_text()) if naive_file.exists() else None,
                      json.loads(start_file.read_text()) if start_file.exists() else None))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    start = startup()
    (RESULTS / "startup.json").write_text(json.dumps(start, indent=2))
    results = []
    for n in args.scales:
        r = run_scale(n, jobs_scaling=n <= args.jobs_scaling_max)
        (RESULTS / f"scale-{n}.json").write_text(json.dumps(r, indent=2))
        results.append(r)
        print(f"scale {n}: done", file=sys.stderr)
    naive_result = None
    if args.naive_scale:
        folder = corpus(args.naive_scale)
        naive_result = {
            "naive": child(["--naive", str(folder)]),
            "ours": child(["--one-build", str(folder), "2", str(WORK / "store-naive-cmp"),
                           str(WORK / "out-naive-cmp")]),
        }
        (RESULTS / "naive.json").write_text(json.dumps(naive_result, indent=2))
    print(summary(results, naive_result, start))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
