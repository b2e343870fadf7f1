"""Time the SHACL gate on the seed report: median of N runs of `rightsgraph.validate`.

    .venv/bin/python bench/validate_seed.py [N] [REPORT]

Conversion is done once, outside the timing; the first validation (which parses the shapes,
the reference graph and the check queries, all cached per process) is timed separately as
"cold". Prints the median and the spread of the warm runs (wall clock, and the process's
CPU time, which stays meaningful when other jobs share the machine), and the result counts.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rightsgraph.pipeline import convert  # noqa: E402
from rightsgraph.validate import validate  # noqa: E402


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    report = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"
    graph = convert(report).graph
    t0 = time.perf_counter()
    result = validate(graph)
    cold = time.perf_counter() - t0
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        validate(graph)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"{report.name}: {len(graph)} triples, {len(result.results)} results "
          f"({len(result.violations)} violations), conforms={result.conforms}")
    print(f"cold (first run, parses shapes and queries): {cold:.3f} s")
    print(f"warm: median {statistics.median(times):.3f} s over {runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); CPU median {statistics.median(cpu):.3f} s")


if __name__ == "__main__":
    main()
