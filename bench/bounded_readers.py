"""What hostile inputs cost the readers: `rightsgraph convert` of the seed's HTML rendering
with its body wrapped in N nested <div>s, and of a Word file whose document.xml inflates to
1 GiB (about 1 MB on disk). Each is run as its own process; wall time and peak memory (RSS,
from wait4) are printed, with the reader's own time for the HTML.

    python bench/bounded_readers.py [--depths 2000,8000,32000,100000] [--bomb-mib 1024]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def nested_page(depth: int) -> bytes:
    from renderings import to_html

    page = to_html(ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md").decode()
    i = page.index("<main>") + len("<main>")
    j = page.index("</section></body>")
    return (page[:i] + "<div>" * depth + page[i:j] + "</div>" * depth + page[j:]).encode()


def bomb(mib: int) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("1. A paragraph.")
    template = io.BytesIO()
    d.save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
                     b'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"a" * (1 << 20)
            for _ in range(mib):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def run_convert(path: Path) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in MB, exit code, last stderr line) of `convert PATH`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "rightsgraph", "convert", str(path), "-o",
                             os.devnull], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", default="2000,8000,32000,100000")
    parser.add_argument("--bomb-mib", type=int, default=1024)
    args = parser.parse_args()
    from rightsgraph.readers.html import read_html

    with tempfile.TemporaryDirectory() as tmp:
        for depth in map(int, args.depths.split(",")):
            page = nested_page(depth)
            started = time.perf_counter()
            read_html(page)
            reader = time.perf_counter() - started
            path = Path(tmp) / f"nested-{depth}.html"
            path.write_bytes(page)
            wall, rss, code, _ = run_convert(path)
            print(f"html {depth:>7} nested divs ({len(page) / 1e6:.2f} MB): read_html "
                  f"{reader:.3f} s; convert {wall:.2f} s, {rss} MB peak, exit {code}", flush=True)
        data = bomb(args.bomb_mib)
        path = Path(tmp) / "bomb.docx"
        path.write_bytes(data)
        wall, rss, code, last = run_convert(path)
        print(f"docx {len(data) / 1e6:.2f} MB inflating to {args.bomb_mib} MiB: convert "
              f"{wall:.2f} s, {rss} MB peak, exit {code}: {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
