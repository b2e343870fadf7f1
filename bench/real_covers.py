"""Cover reading on every PDF of a folder of the real corpus (default ../shared/corpus-real/crpd-scale).

The cover reader (`rightsgraph.parse.metadata.read_front_matter`) is given each document's
first page as pdftotext -layout prints it (poppler-utils: the reference reading, cheap), each
printed row cut into its columns, up to the first numbered paragraph or section heading; the
document's language is detected from pages 2-4 the same way. What the PDF reader makes of a
page is measured elsewhere (bench/real_pdf.py); this measures the cover's logic on 130 covers
of every CRPD kind and year, with checks that need no hand annotation:

- symbol: the one printed equals the one the file name carries (characters outside A-Z a-z 0-9
  _ . - were replaced by _ in the names);
- date: a distribution date was read; body: a body of data/bodies.csv; title: at least three
  words and no masthead; state: the State resolved (the EU and States outside the registry
  have none); language: as the masthead's "United Nations" is printed (Nations Unies: fr,
  Naciones Unidas: es).

    python bench/real_covers.py [FOLDER] [-v]
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from rightsgraph.parse.language import detect_language
from rightsgraph.parse.metadata import about_state, read_front_matter

ROOT = Path(__file__).resolve().parents[1]
BODY_START = re.compile(r"^\s*(?:\d{1,3}\.|[IVX]+\.|[A-H]\.)\s+\S")
MASTHEAD_LANGUAGE = {"Nations Unies": "fr", "Naciones Unidas": "es"}


def _pdftotext(path: Path, first: int, last: int, *, layout: bool) -> str:
    args = ["pdftotext", "-f", str(first), "-l", str(last), *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def cover_lines(page: str) -> list[str]:
    lines: list[str] = []
    for row in page.splitlines():
        if BODY_START.match(row):
            break
        lines.extend(cell.strip() for cell in re.split(r"\s{3,}", row) if cell.strip())
    return lines


def check(path: Path) -> dict[str, bool]:
    page = _pdftotext(path, 1, 1, layout=True)
    fm = read_front_matter(cover_lines(page))
    printed = path.stem.split("_CRPD_", 1)[-1] if "_CRPD_" in path.stem else None
    expected = next((lang for mark, lang in MASTHEAD_LANGUAGE.items() if mark in page), "en")
    body = [p for p in _pdftotext(path, 2, 4, layout=False).split("\n\n") if len(p) > 80]
    named = fm.symbol and re.sub(r"[^\w.\-]", "_", fm.symbol)
    return {
        "symbol": bool(fm.symbol) and (printed is None or named == f"CRPD_{printed}"),
        "date": fm.distribution_date is not None,
        "body": fm.body is not None,
        "title": bool(fm.title) and len(fm.title.split()) >= 3 and "United Nations" not in fm.title,
        "state": about_state(fm) is not None,
        "language": detect_language(body) == expected,
    }


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "corpus-real" / "crpd-scale"
    files = sorted(folder.glob("*.pdf"))
    right: Counter[str] = Counter()
    for path in files:
        result = check(path)
        right.update(k for k, ok in result.items() if ok)
        if verbose and not all(result.values()):
            print(path.name, sorted(k for k, ok in result.items() if not ok))
    print(f"{len(files)} documents of {folder}: " + ", ".join(f"{k} {right[k]}" for k in
          ("symbol", "date", "body", "title", "state", "language")))


if __name__ == "__main__":
    main(sys.argv[1:])
