"""PDF reader: the text of a UN document from PDFium's characters (pypdfium2).

PDFium (BSD-3-Clause / Apache-2.0, through pypdfium2) gives each page's characters with their
boxes, sizes and weights at about poppler's speed; `pdfchars` turns them into printed lines and
`pdflayout` reads the UN layout from those lines (running headers and footers out, cover
first, paragraphs with their sub-items across pages and footnote blocks, footnotes apart).

Failures are one-line `InputError`s, each its own: an encrypted PDF (needs a password), a
damaged or truncated one, bytes that are no PDF, a PDF without a text layer (a scan). A page
and character budget keeps a hostile file from holding the reader.
"""

from __future__ import annotations

from collections import Counter

from ..errors import InputError
from . import PDF, ReaderOutput

MAX_PAGES = 3000  # the longest UN documents (a session's report with annexes) have ~1,000
MAX_PAGE_CHARS = 200_000  # a printed page holds ~6,000; more is no page of a report
MAX_CHARS = 10_000_000

# PDFium's load error codes (fpdfview.h: FPDF_ERR_*)
_ERR_FILE, _ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 2, 3, 4, 5


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium

    if not data.lstrip()[:5] == b"%PDF-":
        raise InputError(f"{name}: not a PDF (no %PDF- header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == _ERR_PASSWORD:
            raise InputError(f"{name}: the PDF is encrypted and needs a password; "
                             "save an unprotected copy") from None
        if code == _ERR_SECURITY:
            raise InputError(f"{name}: the PDF uses an unsupported security handler; "
                             "save an unprotected copy") from None
        if code in (_ERR_FORMAT, _ERR_FILE):
            raise InputError(f"{name}: the PDF is damaged or truncated (its structure cannot be "
                             "read)") from None
        raise InputError(f"{name}: not a readable PDF ({exc})") from None


def read_pdf(data: bytes, name: str = "<pdf>") -> ReaderOutput:
    """Read a report PDF into the parser's plain text form."""
    # PDFium is loaded when a PDF is read, not whenever a reader is imported
    from .pdfchars import page_lines
    from .pdflayout import Assembler, body_right, body_size, cover_order, split_page

    doc = _open(data, name)
    try:
        pages = len(doc)
        if pages > MAX_PAGES:
            raise InputError(f"{name}: the PDF has {pages} pages, more than the {MAX_PAGES} "
                             "a report may have")
        if pages == 0:
            raise InputError(f"{name}: the PDF is damaged or truncated (it has no pages)")
        read = []
        chars = 0
        for i in range(pages):
            try:
                page = doc[i]
            except Exception:  # PDFium refuses a damaged page object
                raise InputError(f"{name}: the PDF is damaged or truncated (page {i + 1} "
                                 "cannot be read)") from None
            width, height = page.get_size()
            textpage = page.get_textpage()
            lines = page_lines(textpage, i, height, MAX_PAGE_CHARS)
            chars += sum(len(ln.text) for ln in lines)
            if chars > MAX_CHARS:
                raise InputError(f"{name}: more than {MAX_CHARS:,} characters of text; "
                                 "not a report")
            read.append((lines, width, height))
            textpage.close()
            page.close()
    finally:
        doc.close()
    if chars == 0:
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    every = [ln for lines, _, _ in read for ln in lines]
    body = body_size(every)
    assembler = Assembler(body, body_right(every, body))
    symbols: Counter[str] = Counter()
    for i, (lines, width, height) in enumerate(read):
        kept, notes, running = split_page(lines, height, body)
        symbols.update(running)
        if i == 0:
            kept = cover_order(kept, width, height)
        for ln in kept:
            assembler.body_line(ln)
        assembler.note_lines(notes, first_page=i == 0)
    return ReaderOutput(assembler.text(), PDF, symbols.most_common(1)[0][0] if symbols else None)
