"""The PDF reader on real UN documents: speed against poppler, and crpd-scale end to end.

Run: .venv/bin/python bench/real_pdf.py [--speed-only] [--scale-only]   (needs ../shared/corpus-real
and pdftotext from poppler-utils, the reference; neither is a dependency of the package)

1. Speed (issue 24's target: reading <= 3x `pdftotext -layout`, median over crpd/): each PDF of
   crpd/ read by `pdftotext -layout FILE /dev/null` (a process, as a user runs it) and by
   `readers.pdf.read_pdf` (in this process), best of three each; the ratio per document and
   its median.
2. crpd-scale/ (130 documents, the reader's held-out set: run it, never tune on it): each one
   converted (read, parse, extract, emit) as `rightsgraph convert` does; how many give a graph,
   the refusals with their one-line reasons, seconds per page, the peak memory of the process,
   and the share of documents meeting issue 20's text bar (tests/fidelity.py).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus-real"
sys.path.insert(0, str(ROOT / "tests"))

import fidelity  # noqa: E402
from rightsgraph.errors import RightsGraphError  # noqa: E402
from rightsgraph.readers.pdf import read_pdf  # noqa: E402


def _best(func, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def speed() -> None:
    rows = []
    for path in sorted((REAL / "crpd").glob("*.pdf")):
        data = path.read_bytes()
        ref = _best(lambda p=path: subprocess.run(["pdftotext", "-layout", str(p), "/dev/null"],
                                                  check=True))
        ours = _best(lambda d=data, p=path: read_pdf(d, p.name))
        rows.append((path.name, ref, ours, ours / ref))
    print(f"{'document':45} {'pdftotext -layout':>17} {'read_pdf':>9} {'ratio':>6}")
    for name, ref, ours, ratio in rows:
        print(f"{name[:45]:45} {ref:16.3f}s {ours:8.3f}s {ratio:6.2f}")
    print(f"median ratio over {len(rows)} documents: {statistics.median(r[3] for r in rows):.2f} "
          f"(total {sum(r[1] for r in rows):.2f} s vs {sum(r[2] for r in rows):.2f} s)")


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(doc)
    finally:
        doc.close()


def scale() -> None:
    from rightsgraph.pipeline import convert

    paths = sorted((REAL / "crpd-scale").glob("*.pdf"))
    graphs, refused, meets = 0, [], 0
    pages = seconds = 0.0
    slowest = (0.0, "")
    for path in paths:
        started = time.perf_counter()
        try:
            converted = convert(path)
        except RightsGraphError as exc:
            refused.append((path.name, str(exc).splitlines()[0]))
            continue
        took = time.perf_counter() - started
        graphs += 1 if len(converted.graph) else 0
        n = _pages(path.read_bytes())
        pages += n
        seconds += took
        slowest = max(slowest, (took, path.name))
        try:
            result = fidelity.compare(fidelity.reference(fidelity.pdftotext(path)), converted.document)
        except subprocess.CalledProcessError:
            continue
        ok = (result.paragraph_share == 1.0 and result.mean_recall >= 0.99 and result.worst[1] >= 0.95
              and result.footnote_share >= 0.98)
        meets += ok
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"crpd-scale: {graphs} of {len(paths)} documents give a graph; {len(refused)} refused")
    for name, reason in refused:
        print(f"  refused {name}: {reason}")
    print(f"convert: {seconds / max(pages, 1):.3f} s per page ({pages:.0f} pages, {seconds:.0f} s; "
          f"slowest {slowest[1]} {slowest[0]:.1f} s); peak memory {peak:.0f} MiB")
    print(f"text bar (issue 20) met by {meets} of {graphs} documents that gave a graph")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--speed-only", action="store_true")
    args.add_argument("--scale-only", action="store_true")
    opts = args.parse_args()
    if not REAL.is_dir():
        sys.exit(f"{REAL} is absent")
    if not opts.scale_only:
        speed()
    if not opts.speed_only:
        scale()


if __name__ == "__main__":
    main()
