"""CPU of `convert` + canonical N-Triples per report, by stage, and on one long paragraph.

    .venv/bin/python bench/convert_cpu.py [FOLDER] [--cold] [--long KB ...]

Converts every report of FOLDER (default ``/work/benchdata/corpus-100``) after one warm-up
report (the seed), and prints the process's CPU seconds per report: in all, and per stage
(ingest, parse, extract, emit; serialize = `serialize.ntriples` of the report graph).
``--cold`` empties the per-text caches (sentences, registry and vocabulary matches) before
each report, as for a corpus of distinct real reports; without it they stay warm, as in a
build's worker (synthetic reports share many paragraphs). ``--long KB`` converts a report
whose body is one paragraph of KB thousand characters (the seed's paragraphs run together).
CPU time, not wall time: the machine is shared.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rightsgraph.extract import sentences, vocab  # noqa: E402
from rightsgraph.pipeline import convert, expand_inputs  # noqa: E402
from rightsgraph.registry import matcher  # noqa: E402
from rightsgraph.serialize import ntriples  # noqa: E402

SEED = ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"
# per-text caches (those a commit has: the script also measures older ones)
CACHES = tuple(f for f in (getattr(sentences, "_spans", None), getattr(sentences, "_sentences", None),
                           getattr(vocab, "_found", None), getattr(matcher, "_mentions", None)) if f)


def per_report(folder: Path, cold: bool) -> None:
    paths = expand_inputs([folder])
    ntriples(convert(SEED).graph)  # warm-up: matchers, pysbd, registries
    stages: dict[str, float] = {}
    total = 0.0
    for path in paths:
        if cold:
            for cache in CACHES:
                cache.cache_clear()
        timings: dict[str, float] = {}
        started = time.process_time()
        graph = convert(path, timings=timings).graph
        serialized = time.process_time()
        ntriples(graph)
        timings["serialize_cpu"] = time.process_time() - serialized
        total += time.process_time() - started
        for key, value in timings.items():
            if key.endswith("_cpu"):
                stages[key[:-4]] = stages.get(key[:-4], 0.0) + value
    n = len(paths)
    parts = ", ".join(f"{k} {v / n:.3f}" for k, v in stages.items())
    print(f"{n} reports{' (cold caches)' if cold else ''}: {total / n:.3f} s CPU per report ({parts})")


def long_paragraph(kb: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    head = text[: text.index("\n1. ") + 1]
    body = " ".join(" ".join(line.split()) for line in text[len(head):].splitlines() if line.strip())
    body = " ".join([body] * (kb * 1000 // max(len(body), 1) + 1))[: kb * 1000].strip()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"long-{kb}.md"
        path.write_text(f"{head}1. {body}\n", encoding="utf-8")
        timings: dict[str, float] = {}
        started = time.process_time()
        ntriples(convert(path, timings=timings).graph)
        spent = time.process_time() - started
    parts = ", ".join(f"{k[:-4]} {v:.2f}" for k, v in timings.items() if k.endswith("_cpu"))
    print(f"one paragraph of {kb} KB: {spent:.2f} s CPU ({parts})")


def main(argv: list[str]) -> None:
    if "--long" in argv:
        convert(SEED)
        for kb in argv[argv.index("--long") + 1:]:
            long_paragraph(int(kb))
        return
    folder = next((Path(a) for a in argv if not a.startswith("--")), Path("/work/benchdata/corpus-100"))
    per_report(folder, cold="--cold" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
