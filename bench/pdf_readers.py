"""Which PDF library reads UN-layout reports best? Paragraph and footnote recovery per library.

Run: .venv/bin/python bench/pdf_readers.py   (renders the corpus and test reports to PDF first)

For each report the PDF rendering is read (a) by RightsGraph's PDFium reader and (b) by
pypdf's plain text extraction fed to the same parser, and compared with the text version:
the share of paragraphs whose text is exactly equal, and of footnotes recovered.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from renderings import to_pdf  # noqa: E402
from rightsgraph.errors import InputError  # noqa: E402
from rightsgraph.ingest import ingest, normalise  # noqa: E402
from rightsgraph.parse import parse  # noqa: E402
from rightsgraph.readers.pdf import read_pdf  # noqa: E402


def pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]
    # pypdf gives lines; a blank line between lines that start a numbered paragraph
    return "\n\n".join("\n".join(pages).splitlines())


def score(doc, ref) -> tuple[float, float]:
    texts = {p.number: p.text for p in doc.paragraphs}
    para = sum(texts.get(p.number) == p.text for p in ref.paragraphs) / len(ref.paragraphs)
    notes = {f.number: f.text for f in doc.footnotes}
    fn = (sum(notes.get(f.number) == f.text for f in ref.footnotes) / len(ref.footnotes)
          if ref.footnotes else 1.0)
    return para, fn


def main() -> None:
    reports = [ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md",
               *sorted((ROOT / "tests" / "data" / "reports").glob("*.md"))]
    print(f"{'report':45} {'reader':11} {'paragraphs equal':>17} {'footnotes equal':>16}")
    for path in reports:
        ref = parse(ingest(path).text)
        data = to_pdf(path)
        ours = parse(normalise(read_pdf(data).text))
        try:
            theirs = parse(normalise(pypdf_text(data)))
            p2, f2 = score(theirs, ref)
        except InputError:
            p2 = f2 = 0.0
        p1, f1 = score(ours, ref)
        print(f"{path.stem[:45]:45} {'pdfium':11} {p1:17.0%} {f1:16.0%}")
        print(f"{'':45} {'pypdf':11} {p2:17.0%} {f2:16.0%}")


if __name__ == "__main__":
    main()
