"""Time every library query on a built store: rows, CPU and wall p50/p95 (ms), first with the
default parameters, then per report (the queries that take a `report` parameter, bound to one
report of the store).

    .venv/bin/python bench/queries.py /work/benchdata/store-1000
    .venv/bin/python bench/queries.py build/store --repeats 10 --only speakers violation-types
    .venv/bin/python bench/queries.py build/store --queries /tmp/old-queries --json /tmp/old.json

The store is opened read-only. Each query runs once to warm up, then `--repeats` times (3 times
when the warm-up took a second or more); CPU is this process's CPU time (`time.process_time`),
the reliable figure on a shared machine. Uses `time_queries` of bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import QUERY_REPEATS, time_queries  # noqa: E402

FIRST_REPORT = """PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
SELECT ?report WHERE { GRAPH ?g { ?report a rg:Report } } ORDER BY ?report LIMIT 1"""


def table(title: str, figures: dict) -> str:
    lines = [title, "", "| query | rows | CPU p50 | CPU p95 | wall p50 | wall p95 |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, f in figures.items():
        if "error" in f:
            lines.append(f"| {name} | {f['error']} | | | | |")
            continue
        lines.append(f"| {name} | {f['rows']:,} | {f['cpu_p50_ms']:,.0f} | {f['cpu_p95_ms']:,.0f} "
                     f"| {f['p50_ms']:,.0f} | {f['p95_ms']:,.0f} |")
    under = sum(1 for f in figures.values() if f.get("cpu_p95_ms", 1e9) < 100)
    lines += ["", f"{under} of {len(figures)} under 100 ms CPU p95", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", help="an embedded store folder (opened read-only)")
    ap.add_argument("--repeats", type=int, default=QUERY_REPEATS,
                    help=f"timed runs per query after the warm-up [default: {QUERY_REPEATS}]")
    ap.add_argument("--queries", type=Path, default=None,
                    help="a folder of .rq files to time instead of the library")
    ap.add_argument("--only", nargs="+", default=None, metavar="NAME", help="time only these queries")
    ap.add_argument("--report", default=None,
                    help="the report IRI of the per-report run [default: the store's first report]")
    ap.add_argument("--no-per-report", action="store_true", help="skip the per-report run")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)

    from rightsgraph.querylib import bind, library
    from rightsgraph.store import EmbeddedStore

    queries = [q for q in library(args.queries) if args.only is None or q.name in args.only]
    results: dict = {"store": args.store, "repeats": args.repeats}
    with EmbeddedStore(args.store, read_only=True) as store:
        def run(text: str) -> int:
            return len(store.query(text).rows)

        results["default"] = time_queries(run, args.repeats, {q.name: bind(q, {}) for q in queries})
        print(table(f"Default parameters, {args.store}", results["default"]))
        if not args.no_per_report:
            report = args.report or store.query(FIRST_REPORT).rows[0][0].value
            per_report = {q.name: bind(q, {"report": report}) for q in queries
                          if any(p.name == "report" for p in q.params)}
            results["report"] = report
            results["per_report"] = time_queries(run, args.repeats, per_report)
            print(table(f"Per report (report={report})", results["per_report"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
