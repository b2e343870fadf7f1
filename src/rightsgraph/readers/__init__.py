"""Readers for the documents users have: PDF, Word, HTML and plain text/markdown.

Each reader turns its format into the plain report text the parser reads (headings, numbered
paragraphs, ``<sup>N</sup>`` footnote markers, footnote blocks), so every format gives the same
document model. The reader is chosen by content (magic bytes), not by file name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
MARKDOWN = "text/markdown"


@dataclass(frozen=True)
class ReaderOutput:
    """Report text in the parser's plain form, plus what the format itself told us."""

    text: str
    media_type: str
    symbol: str | None = None  # e.g. from a PDF's running header


def sniff(data: bytes) -> str:
    """Media type of a report from its first bytes.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"1. Text")
    ('application/pdf', 'text/html', 'text/markdown')
    """
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            pass
        return "application/zip"
    lowered = head[:512].lower()
    for bom in (b"\xef\xbb\xbf",):
        lowered = lowered.removeprefix(bom)
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:200]:
        return HTML
    return MARKDOWN
