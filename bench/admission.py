"""Issue 26's admission scenario, by hand: `.venv/bin/python bench/admission.py`.

The scenario of tests/test_server_admission.py (a 2 s limit, 10 heavy queries sent at once, 3
small ones 0.3 s later, pages asked in a loop meanwhile) on the seed store, three rounds, with
every page's latency reported (p50, p95, max, how many over 100 ms) and each query's wait. The
test asserts the median page only, so that a loaded test machine does not fail it.
"""

from __future__ import annotations

import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from server_support import LiveServer
    from test_server_admission import HEAVY, LIMIT, PAGES, SMALL, Shots

    root = pathlib.Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "rightsgraph", "build", str(ROOT / "corpus"), "--store",
                    str(root / "store"), "--out", str(root / "out"), "-q"], check=True)
    live = LiveServer(root / "store", "--timeout", str(LIMIT))
    try:
        for rnd in range(3):
            shots = Shots(live.url, 13)
            pages = []
            with httpx.Client(base_url=live.url, timeout=10) as client:
                for path in PAGES:
                    client.get(path)
                start = time.monotonic()
                shots.send("heavy", HEAVY, 10)
                time.sleep(0.3)
                shots.send("small", SMALL, 3)
                while time.monotonic() - start < LIMIT + 0.5:
                    for path in PAGES:
                        t = time.monotonic()
                        client.get(path)
                        pages.append(time.monotonic() - t)
            waits = sorted(a[2] for a in shots.join())
            ps = sorted(pages)
            print(f"round {rnd}: queries {len(waits)} max wait {waits[-1]:.2f} s; pages {len(ps)} "
                  f"p50 {1000 * statistics.median(ps):.0f} p95 {1000 * ps[int(0.95 * len(ps)) - 1]:.0f} "
                  f"max {1000 * ps[-1]:.0f} ms; over 100 ms: {sum(p > 0.1 for p in ps)}")
            time.sleep(3)
    finally:
        live.stop()


if __name__ == "__main__":
    main()
