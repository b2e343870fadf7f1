"""Time every library query on a built store: rows, CPU and wall p50/p95 (ms), in up to three
runs: `default` (the default parameters), `report` (the queries that take a `report` parameter,
bound to one report of the store) and `bound` (each query with its first parameter bound), each
evaluated by the engine; and, when asked for, `answers`: the bytes `rightsgraph query --format
csv` writes, through the answers the store keeps (`rightsgraph.answers`; `build` keeps those of
the default parameters).

    .venv/bin/python bench/queries.py /work/benchdata/store-1000
    .venv/bin/python bench/queries.py build/store --repeats 10 --only speakers violation-types
    .venv/bin/python bench/queries.py build/store --runs bound --json /tmp/bound.json
    .venv/bin/python bench/queries.py build/store --queries /tmp/old-queries --json /tmp/old.json
    .venv/bin/python bench/queries.py /work/benchdata/store-1000 --runs answers --answer-format json

The bound run asks the question a researcher asks ("practices of State X") at its worst case:
the value is taken from the store, by a SPARQL query, as the one with the most facts behind it
for that query (`PICKS` below): the report whose graph holds the most triples, the actor with the
most commitments, the theme of the most recommendations, the actor class with the most actors,
and so on. A `text` parameter takes the two-word phrase (two consecutive words of letters,
lowercased) that occurs in the most recommendation actions of the store, ties broken
alphabetically. The values are printed with the figures and written to the JSON.

The store is opened read-only. Each query runs once to warm up, then `--repeats` times (3 times
when the warm-up took a second or more); CPU is this process's CPU time (`time.process_time`),
the reliable figure on a shared machine. Uses `time_queries` of bench/run.py. A query with an
`# index:` header asks the store's text index first, as `rightsgraph query` does, and that
time counts; `--no-index` times it without (the rows are the same).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import QUERY_REPEATS, code_version, time_queries  # noqa: E402

PREFIXES = """PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
FIRST_REPORT = PREFIXES + "SELECT ?report WHERE { GRAPH ?g { ?report a rg:Report } } ORDER BY ?report LIMIT 1"

# What counts as "the facts behind" a value of each parameter: a pattern binding ?v once per
# fact. The picked value is the ?v with the most rows (ties: the smallest IRI).
REPORT_FACTS = "GRAPH ?g { ?v a rg:Report } GRAPH ?g { ?s ?p ?o }"
UPR_BY = "GRAPH ?g { ?s rg:recommendationNumber ?n ; rg:recommendedBy ?v }"
UPR_TO = "GRAPH ?g { ?s rg:recommendationNumber ?n ; rg:addressedTo ?v }"
PICKS: dict[tuple[str, str], str] = {
    ("actor-appearances", "actor"): """
        VALUES ?p { rg:mentionedIn rg:speaker rg:recommendedBy rg:addressedTo rg:reportedBy
                    rg:committedBy rg:practiceOf rg:concernOf rg:attributedTo rg:onBehalfOf
                    rg:source }
        GRAPH ?g { ?s ?p ?v }""",
    ("actors-by-type", "type"): """
        VALUES ?class { rg:State rg:IntergovernmentalOrganization rg:RegionalOrganization
                        rg:UNEntity rg:HumanRightsMechanism rg:CivilSocietyOrganization
                        rg:AcademicInstitution rg:Person rg:ActorGroup }
        GRAPH ?g { ?a a ?class } BIND(STRAFTER(STR(?class), "#") AS ?v)""",
    ("commitments-by-actor", "actor"): "GRAPH ?g { ?s rg:committedBy ?v }",
    ("concerns-by-actor", "actor"): "GRAPH ?g { ?s rg:concernOf ?v }",
    ("evidence-for-violation-type", "type"): """
        { GRAPH ?g { ?s rg:violationType ?v } }
        UNION { GRAPH ?g { ?s rg:violationType ?t } GRAPH ?vg { ?t skos:broader+ ?v } }""",
    ("instruments-cited", "instrument"): "GRAPH ?g { ?s a rg:Paragraph ; rg:cites ?v }",
    ("perpetrators-by-violation-type", "perpetrator"): "GRAPH ?g { ?s rg:perpetrator ?v }",
    ("practices-by-state", "state"): "GRAPH ?g { ?s rg:practiceOf ?v } GRAPH ?t { ?v a rg:State }",
    ("recommendations-by-gcm-objective", "objective"): "GRAPH ?g { ?s rg:gcmObjective ?v }",
    ("recommendations-by-sdg-target", "target"): "GRAPH ?g { ?s rg:sdgTarget ?v }",
    ("recommendations-to-states", "theme"): "GRAPH ?g { ?s rg:theme ?v ; a rg:Recommendation }",
    ("treaty-recommendations-across-cycles", "body"): """
        GRAPH ?g { ?s a rg:Recommendation ; rg:recommendedBy ?v } ?v a rg:HumanRightsMechanism""",
    ("route-statistics", "route"): "GRAPH ?g { ?s rg:about ?v ; a rg:Statistic }",
    ("upr-recommendations-made", "state"): UPR_BY,
    ("upr-recommendations-received", "state"): UPR_TO,
    ("upr-supported-noted-by-theme", "state"): UPR_TO,
    ("violations-by-affected-group", "group"): "GRAPH ?g { ?s rg:affectedGroup ?v }",
    ("violations-by-route", "route"): """
        GRAPH ?g { ?s rg:location ?v ; a rg:ViolationReport }
        FILTER EXISTS { GRAPH ?rg { ?v a rg:MigrationRoute } }""",
}
ACTIONS = PREFIXES + "SELECT ?action WHERE { GRAPH ?g { ?r a rg:Recommendation ; rg:action ?action } }"
WORD = re.compile(r"[^\W\d_]+")


def most_facts(store, pattern: str) -> str | None:
    rows = store.query(PREFIXES + f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ {pattern} }} "
                       "GROUP BY ?v ORDER BY DESC(?n) STR(?v) LIMIT 1").rows
    return rows[0][0].value if rows and rows[0][0] is not None else None


def frequent_phrase(store) -> str | None:
    """The two-word phrase found in the most recommendation actions (counted once per action)."""
    counts: Counter[str] = Counter()
    for (action,) in store.query(ACTIONS).rows:
        words = WORD.findall(action.value.lower())
        counts.update({f"{a} {b}" for a, b in zip(words, words[1:], strict=False)})
    return min(counts, key=lambda p: (-counts[p], p)) if counts else None


def bound_values(store, queries) -> dict[str, tuple[str, str]]:
    """query name -> (parameter, value) for the bound run (see the module docstring)."""
    out: dict[str, tuple[str, str]] = {}
    cache: dict[str, str | None] = {}
    for q in queries:
        if not q.params:
            continue
        p = q.params[0]
        if p.type == "string" and p.name == "text":
            key = "text"
            if key not in cache:
                cache[key] = frequent_phrase(store)
        else:
            key = REPORT_FACTS if p.name == "report" else PICKS.get((q.name, p.name))
            if key is None:
                continue
            if key not in cache:
                cache[key] = most_facts(store, key)
        if cache[key] is not None:
            out[q.name] = (p.name, cache[key])
    return out


def table(title: str, figures: dict, values: dict[str, tuple[str, str]] | None = None) -> str:
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
    if values:
        lines += [f"- {name}: {p}={v}" for name, (p, v) in values.items()] + [""]
    return "\n".join(lines)


def time_answers(store, queries, fmt: str, repeats: int) -> tuple[dict, dict[str, bool]]:
    """Time `rightsgraph.answers.answer` (what `rightsgraph query --format FMT` runs) on each
    query with its default parameters, and say which answers the store kept before the run
    (`build` keeps them): an answer it did not keep is computed and kept by the warm-up run,
    so its figures are those of a question asked again, not of a first ask."""
    from rightsgraph.answers import answer, key
    from rightsgraph.querylib import bind

    kept = store.kept_answers()
    before = {q.name: kept is not None and kept.get(key(bind(q, {}), fmt, None)) is not None
              for q in queries}
    figures = time_queries(lambda q: len(answer(store, q, {}, fmt)), repeats,
                           {q.name: q for q in queries})
    return figures, before


RUNS = ("default", "report", "bound", "answers")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", help="an embedded store folder (opened read-only)")
    ap.add_argument("--repeats", type=int, default=QUERY_REPEATS,
                    help=f"timed runs per query after the warm-up [default: {QUERY_REPEATS}]")
    ap.add_argument("--queries", type=Path, default=None,
                    help="a folder of .rq files to time instead of the library")
    ap.add_argument("--only", nargs="+", default=None, metavar="NAME", help="time only these queries")
    ap.add_argument("--runs", nargs="+", choices=RUNS, default=list(RUNS[:3]), metavar="RUN",
                    help=f"which runs, of {', '.join(RUNS)} [default: the first three]")
    ap.add_argument("--answer-format", choices=("csv", "tsv", "json"), default="csv",
                    help="the format of the answers run [default: csv]")
    ap.add_argument("--report", default=None,
                    help="the report IRI of the per-report run [default: the store's first report]")
    ap.add_argument("--no-per-report", action="store_true",
                    help="skip the per-report run (same as leaving `report` out of --runs)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    ap.add_argument("--no-index", action="store_true",
                    help="bind text parameters without asking the store's text index")
    args = ap.parse_args(argv)
    runs = [r for r in RUNS if r in args.runs and not (r == "report" and args.no_per_report)]

    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import bind, library
    from rightsgraph.store import EmbeddedStore

    queries = [q for q in library(args.queries) if args.only is None or q.name in args.only]
    import rightsgraph

    results: dict = {"store": args.store, "repeats": args.repeats, "runs": runs,
                     "code": code_version(rightsgraph.__file__)}
    with EmbeddedStore(args.store, read_only=True) as store:
        def run(job) -> int:  # (query, parameter values): bound inside the timing
            q, values = job
            text = bind(q, values) if args.no_index else bind_query(store, q, values)
            return len(store.query(text).rows)

        results["index"] = not args.no_index
        if "default" in runs:
            results["default"] = time_queries(run, args.repeats, {q.name: (q, {}) for q in queries})
            print(table(f"Default parameters, {args.store}", results["default"]))
        if "report" in runs:
            report = args.report or store.query(FIRST_REPORT).rows[0][0].value
            per_report = {q.name: (q, {"report": report}) for q in queries
                          if any(p.name == "report" for p in q.params)}
            results["report"] = report
            results["per_report"] = time_queries(run, args.repeats, per_report)
            print(table(f"Per report (report={report})", results["per_report"]))
        if "bound" in runs:
            values = bound_values(store, queries)
            texts = {q.name: (q, {values[q.name][0]: values[q.name][1]})
                     for q in queries if q.name in values}
            results["bound_values"] = {name: {p: v} for name, (p, v) in values.items()}
            results["bound"] = time_queries(run, args.repeats, texts)
            print(table(f"Bound (first parameter, the value with the most facts), {args.store}",
                        results["bound"], values))
        if "answers" in runs:
            results["answers"], results["answers_kept_before"] = time_answers(
                store, queries, args.answer_format, args.repeats)
            results["answer_format"] = args.answer_format
            print(table(f"Answers as `rightsgraph query --format {args.answer_format}` gives them "
                        f"(default parameters; 'rows' = bytes), {args.store}", results["answers"]))
            cold = [n for n, kept in results["answers_kept_before"].items() if not kept]
            print(f"not kept before the run (computed by its warm-up): {', '.join(cold) or 'none'}")
    if args.json:
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(results, indent=2))
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
