"""Readers for the documents users have: PDF, Word, HTML and plain text/markdown.

Each reader turns its format into the plain report text the parser reads (headings, numbered
paragraphs, ``<sup>N</sup>`` footnote markers, footnote blocks), so every format gives the same
document model. The reader is chosen by content (magic bytes), not by file name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

from ..errors import InputError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
MARKDOWN = "text/markdown"

# What a zipped document (Word) may inflate to, checked from its directory before any part is
# read: a member can never inflate past the size it declares (zipfile stops there and the CRC
# check fails), so the declared sizes bound the memory a reader needs.
MAX_UNZIPPED = 256 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 100  # uncompressed / compressed size of one member larger than RATIO_FROM
RATIO_FROM = 1024 * 1024
MAX_MEMBERS = 10_000


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


def check_archive(data: bytes, name: str, *, limit: int = MAX_UNZIPPED) -> None:
    """Refuse a zip whose members would inflate too far, before inflating any of them.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", b" " * (4 * 1024 * 1024))
    >>> check_archive(buf.getvalue(), "bomb.docx")
    Traceback (most recent call last):
    rightsgraph.errors.InputError: bomb.docx: word/document.xml would inflate ... refusing to read it
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(f"{name}: not a readable zip archive ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name}: a zip archive of {len(members)} members (more than "
                         f"{MAX_MEMBERS}); refusing to read it")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise InputError(f"{name}: {info.filename} would inflate {ratio:.0f}-fold, "
                             f"{info.compress_size} bytes to {info.file_size} (a zip bomb?); "
                             "refusing to read it")
    if total > limit:
        raise InputError(f"{name}: its zip members would inflate to {total} bytes (more than "
                         f"{limit / (1024 * 1024):g} MB); refusing to read it")
