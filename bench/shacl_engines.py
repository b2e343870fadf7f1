"""pyshacl (our gate, `rightsgraph.validate`) against pyrudof on every SHACL fixture and on
synthetic report graphs: same results? how fast?

    python bench/shacl_engines.py            # needs `pip install pyrudof` (not a dependency)

For each fixture of tests/cases/shacl/ it compares the shapes that report a result, and for a
few synthetic reports the time per report graph. Writes bench/results/shacl_engines.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _pyshacl(graph) -> tuple[bool, set[str], float]:
    from rightsgraph.validate import validate

    t = time.perf_counter()
    report = validate(graph)
    elapsed = time.perf_counter() - t
    return report.conforms, {r.shape for r in report.results if r.severity == "Violation"}, elapsed


def _pyrudof(graph, shapes_nt: str) -> tuple[bool | str, set[str], float]:
    import pyrudof
    from rdflib import Graph

    from rightsgraph import validate as _v  # noqa: F401 - the same reference data as the gate

    data = Graph()
    data += graph
    reference = getattr(sys.modules["rightsgraph.validate"], "reference_graph", None)
    if reference:
        data += reference()
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    t = time.perf_counter()
    try:
        rudof.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(shapes_nt, format=pyrudof.ShaclFormat.NTriples)
        report = rudof.validate_shacl()
    except Exception as exc:  # pyrudof raises its own error types
        return f"error: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}", set(), 0.0
    elapsed = time.perf_counter() - t
    shapes = set()
    for v in report.violations:
        text = str(v)
        shapes.add(text.split("source_shape", 1)[-1][:80] if "source_shape" in text else text[:80])
    return bool(report.conforms), shapes, elapsed


def fixtures(folder: Path):
    from rdflib import Dataset, Graph

    for case in sorted(p for p in folder.iterdir() if p.is_dir()):
        data = case / "data.ttl"
        if data.exists():
            g = Graph()
            g.parse(data, format="turtle")
        elif (case / "data.trig").exists():
            ds = Dataset()
            ds.parse(case / "data.trig", format="trig")
            named = [c for c in ds.graphs() if str(c.identifier).startswith("https://")]
            g = named[0] if named else ds.default_graph
        else:
            continue
        yield case.name, g


def main() -> int:
    from rightsgraph.validate import shapes_graph

    shapes_nt = shapes_graph().serialize(format="nt")
    folder = ROOT / "tests" / "cases" / "shacl"
    cases = []
    if folder.is_dir():
        for name, graph in fixtures(folder):
            a = _pyshacl(graph)
            b = _pyrudof(graph, shapes_nt)
            cases.append({"case": name, "pyshacl_conforms": a[0], "pyrudof_conforms": b[0],
                          "same_verdict": a[0] == b[0], "pyshacl_shapes": sorted(a[1])})
    from synth import synth_report, templates

    from rightsgraph.pipeline import convert

    pool = templates()
    tmp = ROOT / "build" / "bench" / "shacl-engines"
    tmp.mkdir(parents=True, exist_ok=True)
    times = {"pyshacl": [], "pyrudof": []}
    for i in range(4):
        name, text = synth_report(i, seed=11, pool=pool)
        (tmp / name).write_text(text, encoding="utf-8")
        graph = convert(tmp / name).graph
        times["pyshacl"].append(_pyshacl(graph)[2])
        times["pyrudof"].append(_pyrudof(graph, shapes_nt)[2])
    result = {"cases": cases, "agree": sum(c["same_verdict"] for c in cases),
              "seconds_per_report_median": {k: statistics.median(v) for k, v in times.items()}}
    out = ROOT / "bench" / "results" / "shacl_engines.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"{result['agree']}/{len(cases)} fixtures: same verdict; seconds per report graph "
          f"(median): {result['seconds_per_report_median']}")
    for c in cases:
        if not c["same_verdict"]:
            print(f"  differ: {c['case']}: pyshacl conforms={c['pyshacl_conforms']}, "
                  f"pyrudof {c['pyrudof_conforms']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
