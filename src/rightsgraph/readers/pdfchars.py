"""Printed lines of a PDF page from PDFium's text layer (pypdfium2, BSD-3/Apache-2.0).

PDFium gives a page's characters in content order, with the line breaks it infers. A line
here is one printed line: PDFium's lines that share a baseline (a raised footnote marker makes
PDFium break a line in two) are one line again, and lines are sorted top to bottom. For speed
only what the layout needs is asked of PDFium: each line's first and last character boxes,
the size (from its loose box) and weight of its first letter, and the box and size of every
digit that follows a letter or a punctuation mark (a footnote marker, raised by a smaller
size or by its baseline alone). Coordinates are PDF points from the top of the page.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

_MARKER_AFTER = set(".,;:)]’”\"'") | {"»"}
_HYPHEN = re.compile("[\ufffe\x02]")
_NUMBER = re.compile(r"\s(\d{1,3})(?=\s|$)")


@dataclass
class Line:
    """One printed line: text (footnote markers as ``<sup>N</sup>``), position and type."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    baseline: float  # of its first letter (glyph boxes vary with ascenders and descenders)
    parts: list[Line] = field(default_factory=list)


class _Page:
    def __init__(self, textpage, height: float):
        self.raw = textpage.raw
        self.height = height
        self._l, self._r, self._b, self._t = (ctypes.c_double() for _ in range(4))
        self._rect = pdfium_c.FS_RECTF()

    def box(self, index: int) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a character, top-down."""
        pdfium_c.FPDFText_GetCharBox(self.raw, index, self._l, self._r, self._b, self._t)
        return self._l.value, self._r.value, self.height - self._t.value, self.height - self._b.value

    def baseline(self, index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(self.raw, index, self._l, self._b)
        return self.height - self._b.value

    def size(self, index: int) -> float:
        """The type size as printed: the height of the character's loose box (ascent to
        descent) over 1.15. PDFium's font size leaves out the text matrix, and some documents
        set 1-point type scaled up."""
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, self._rect)
        return abs(self._rect.top - self._rect.bottom) / 1.15

    def bold(self, index: int) -> bool:
        return pdfium_c.FPDFText_GetFontWeight(self.raw, index) >= 600


def _line(page: _Page, number: int, text: str, base: int) -> Line | None:
    """A PDFium line (`text` from character `base` on) as a Line; None when it is blank."""
    stripped = text.rstrip()
    if not stripped.strip():
        return None
    first = len(text) - len(text.lstrip())
    last = len(stripped) - 1
    letter = next((i for i in range(first, len(stripped)) if stripped[i].isalpha()), first)
    x0, _, top0, bottom0 = page.box(base + first)
    _, x1, top1, bottom1 = page.box(base + last)
    _, _, ltop, lbottom = page.box(base + letter)
    size = page.size(base + letter)
    bold = page.bold(base + letter)
    baseline = page.baseline(base + letter)
    out: list[str] = []
    i = first
    while i <= last:
        ch = stripped[i]
        if ch.isdigit() and i > first and (stripped[i - 1].isalpha() or stripped[i - 1] in _MARKER_AFTER):
            j = i
            while j <= last and stripped[j].isdigit():
                j += 1
            if j - i <= 3 and _raised(page, base + i, baseline, size):
                out.append(f"<sup>{stripped[i:j]}</sup>")
                i = j
                continue
            out.append(stripped[i:j])
            i = j
            continue
        out.append(ch)
        i += 1
    top = min(top0, top1, ltop)
    bottom = max(bottom0, bottom1, lbottom)
    return Line(number, "".join(out), x0, x1, top, bottom, round(size, 1), bold, baseline)


def _pieces(page: _Page, sub: str, start: int) -> list[tuple[str, int, bool]]:
    """(text, offset, hyphenated) of the printed lines in one PDFium line.

    PDFium runs a line on into the next where a word is hyphenated at its end and marks the
    hyphen U+FFFE (or U+0002); and a number that stands left of the text before it (the next
    footnote's number, set a little above that note's first line) starts a line of its own.
    """
    out: list[tuple[str, int, bool]] = []
    parts = _HYPHEN.split(sub)
    for k, part in enumerate(parts):
        hyphenated = k < len(parts) - 1
        cut = 0
        for m in _NUMBER.finditer(part):
            before = part[cut: m.start(1)].rstrip()
            if before and page.box(start + m.start(1))[0] < page.box(start + cut + len(before) - 1)[0]:
                out.append((part[cut: m.start(1)], start + cut, False))
                cut = m.start(1)
        out.append((part[cut:], start + cut, hyphenated))
        start += len(part) + 1
    return out


def _raised(page: _Page, index: int, baseline: float, size: float) -> bool:
    """A digit set as a superscript: smaller type, or its foot well above the line's baseline."""
    _, _, _, bottom = page.box(index)
    small = page.size(index) < 0.85 * size
    return bottom < baseline - 0.2 * size or (small and bottom < baseline - 0.05 * size)


def page_lines(textpage, number: int, height: float, max_chars: int) -> list[Line]:
    """The printed lines of one page, top to bottom, left to right within a row."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return []
    count = min(count, max_chars)
    text = textpage.get_text_range(0, count)
    page = _Page(textpage, height)
    lines: list[Line] = []
    pos = 0
    for piece in text.split("\r\n"):
        for sub in piece.split("\n"):
            for part, start, hyphenated in _pieces(page, sub, pos):
                line = _line(page, number, part, start) if part.strip() else None
                if line is not None:
                    if hyphenated:
                        line.text += "-"
                    lines.append(line)
            pos += len(sub) + 1
        pos += 1  # the "\r" of "\r\n" (the "\n" was counted above)
    return _rows(lines)


def _is_marker(ln: Line) -> bool:
    return len(ln.text) <= 3 and ln.text.isdigit()


def _rows(lines: list[Line]) -> list[Line]:
    """Sort lines top-down; PDFium lines on one baseline (left to right) become one line, and
    so does a raised marker PDFium set on a line of its own beside them."""
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    rows: list[list[Line]] = []
    for ln in lines:
        if rows:
            row = rows[-1]
            text_lines = [x for x in row if not _is_marker(x)]
            overlaps = ln.top < max(x.bottom for x in row) and ln.bottom > min(x.top for x in row)
            if text_lines:
                base = text_lines[0]
                if abs(ln.baseline - base.baseline) <= 0.35 * max(base.size, 1.0):
                    row.append(ln)
                    continue
                beside = ln.x0 >= max(x.x1 for x in row) - 1 or ln.x1 <= min(x.x0 for x in row) + 1
                if _is_marker(ln) and beside and overlaps:
                    row.append(ln)
                    continue
            elif overlaps:  # the row so far is a raised marker: the line it stands beside
                row.append(ln)
                continue
        rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        if len(row) == 1:
            out.append(row[0])
            continue
        main = max(row, key=lambda ln: len(ln.text))
        text = row[0].text
        for prev, ln in zip(row, row[1:], strict=False):
            gap = ln.x0 - prev.x1
            piece = ln.text
            if len(piece) <= 3 and piece.isdigit() and ln.bottom < main.bottom - 0.2 * main.size:
                piece = f"<sup>{piece}</sup>"  # a marker PDFium set on a line of its own
            text += ("" if gap < 0.15 * main.size and piece.startswith("<sup>") else " ") + piece
        merged = Line(row[0].page, text, row[0].x0, max(ln.x1 for ln in row), min(ln.top for ln in row),
                      max(ln.bottom for ln in row), main.size, all(ln.bold for ln in row),
                      main.baseline, row)
        out.append(merged)
    return out
