"""The UN layout of a PDF's printed lines, as the parser's plain text.

A page holds, top to bottom: running header (symbol, page number, job number), body lines,
footnotes in smaller type at the bottom, running footer; the first page starts with the cover
(masthead in two columns, header, title block). What this module makes of it:

- running headers and footers, job numbers (``GE.23-05939``), page numbers, "Please recycle"
  and bar-code lines are dropped wherever they stand in the page's margins;
- the cover's lines come first, one per line, the masthead's left column before its right;
- a numbered paragraph runs from its number to the next paragraph, heading or annex, across
  pages and footnote blocks, with its sub-items ``(a)``, ``(i)``, indented continuations,
  numbered recommendations ``121.1`` and table or box text as lines of it;
- footnotes are the run of small-type lines at a page's foot, each ``<sup>N</sup> text``, and
  every line after a "Notes" line (end notes, as OHCHR's compilations set them).
"""

from __future__ import annotations

import re
from collections import Counter

from .pdfchars import Line

_SYMBOL = r"[A-Z]{1,6}(?:/[A-Za-z0-9.\-()]+){1,6}"
_RUNNING_TOKEN = re.compile(
    rf"GE\.\d{{2}}-\d{{4,6}}(?:\s*\([A-Z]\))?(?:\s+\d{{6}})*|{_SYMBOL}|\*\d{{5,}}\*|Please\s+recycle|"
    r"\d{1,4}(?:/\d{1,4})?|Page\s+\d+(?:\s+of\s+\d+)?")
_JOB = re.compile(r"GE\.\d{2}-\d{4,6}")
_PARA = re.compile(r"^(\d{1,4})\.\s+\S")
_ITEM = re.compile(r"^(?:\([a-z]{1,2}\)|\([ivxl]{1,6}\)|\d{1,4}\.\d{1,3}\.?)\s")
_SECTION = re.compile(r"^(?:[IVXLC]+|[A-Z])\.\s+\S")
_ANNEX = re.compile(r"^(?:Annex|Appendix|Annexe|Appendice|Anexo|Apéndice)(?:\s+(?:[IVXLC]+|\d{1,2}|[A-Z]))?"
                    r"\.?$")
_NOTE = re.compile(r"^(?:<sup>)?(\d{1,3})(?:</sup>)?(?:\s*(\S.*))?$")
_ENDNOTES = re.compile(r"^(?:Notes|Notas|Endnotes)$")
_COVER_NOTE = re.compile(r"^\*+\s*\S")
MARGIN = 0.09  # share of the page height where running headers and footers stand
_MAX_GAP = 50
_COMPOUND_HEADS = {"gender", "age", "disability", "human", "whole", "well", "long", "non", "self",
                   "co", "anti", "cross", "multi", "inter", "state", "child", "rights", "evidence",
                   "security", "community", "case", "life", "time", "health", "follow", "high",
                   "low", "decision", "policy", "law", "short", "medium", "large", "small", "full",
                   "part", "sign", "deaf", "hard", "middle", "old", "under", "over", "post", "pre",
                   "socio", "all", "year", "sex", "gender-", "rights-", "peer", "first", "second"}


def is_running(text: str) -> bool:
    """A margin line made only of running tokens: symbol, page number, job number ...

    >>> is_running("2 GE.23-05939"), is_running("CRPD/C/ARG/CO/2-3"), is_running("Please recycle")
    (True, True, True)
    >>> is_running("2. The Committee")
    False
    """
    rest = _RUNNING_TOKEN.sub(" ", text.replace("\u2003", " "))
    return not rest.strip(" \u00a0|–-")


def symbols_of(text: str) -> list[str]:
    return re.findall(rf"(?<![\w/]){_SYMBOL}", text)


def _join(a: str, b: str) -> str:
    """Rejoin two lines of one paragraph; a hyphen at a line end is kept only inside compounds,
    and a URL broken after a slash or dot goes on without a space."""
    if a.endswith("-") and b[:1].islower() and not a.endswith(" -"):
        head = a.rsplit(" ", 1)[-1][:-1]
        keep = "-" in head or re.sub(r"\W", "", head).lower() in _COMPOUND_HEADS
        return a + b if keep else a[:-1] + b
    last = a.rsplit(" ", 1)[-1]
    if ("://" in last or last.startswith("www.")) and a[-1:] in "/-_.=?&#" and " " not in b[:1]:
        return a + b
    return a + " " + b


def body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def body_right(lines: list[Line], body: float) -> float:
    """Where full lines of body text end: the 90th percentile of their right edges."""
    ends = sorted(ln.x1 for ln in lines if abs(ln.size - body) < 0.5)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def split_page(lines: list[Line], height: float, body: float) -> tuple[list[Line], list[Line], list[str]]:
    """(body lines, footnote lines, symbols of the running header) of one page."""
    kept: list[Line] = []
    symbols: list[str] = []
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        edge = i < 2 or i >= len(lines) - 2  # running lines are a page's first or last ones
        header = edge and ln.bottom < height * MARGIN and is_running(text)
        # at the foot, a footnote "3 CRPD/C/ARG/2-3." looks like "page symbol": a footer line
        # has the job number or is the page number alone
        footer = edge and ln.top > height * (1 - 1.7 * MARGIN) and is_running(text) and (
            _JOB.search(text) or re.fullmatch(r"\d{1,4}", text))
        if header or footer or re.fullmatch(r"\*\d{5,}\*|Please\s+recycle", text):
            symbols.extend(symbols_of(text))
            continue
        kept.append(ln)
    notes: list[Line] = []
    while kept and kept[-1].size < 0.95 * body:
        notes.insert(0, kept.pop())
    if notes and kept and not _starts_note(notes[0].text) and not _COVER_NOTE.match(notes[0].text):
        # small type that is no footnote block (a table's last rows): body text
        while notes and not _starts_note(notes[0].text) and not _COVER_NOTE.match(notes[0].text):
            kept.append(notes.pop(0))
    return kept, notes, symbols


def _starts_note(text: str) -> bool:
    return bool(_NOTE.match(text.strip())) and text.strip()[:1] in "<0123456789"


class Assembler:
    """Body lines of every page in order become the parser's blocks; footnote lines its notes."""

    def __init__(self, body: float, right: float):
        self.body = body
        self.right = right  # where full body lines end
        self.front: list[str] = []
        self.cover_notes: list[str] = []
        self.blocks: list[str] = []
        self.notes: list[tuple[int, str]] = []
        self.current: str | None = None
        self.kind = ""  # "para", "head", "text"
        self.started = False
        self.last_para = 0
        self.last_note = 0
        self.prev: Line | None = None
        self.endnotes = False  # after a "Notes" line: the document's notes at its end

    def _flush(self) -> None:
        if self.current is not None:
            self.blocks.append("## " + self.current if self.kind == "head" else self.current)
        self.current = None

    def _heading_line(self, ln: Line, text: str) -> bool:
        """A heading: bold or larger type on a line of its own, with space above it (a
        paragraph set in bold, as treaty bodies print urgent recommendations, has none), or an
        annex line."""
        if _ANNEX.match(text):
            return True
        if len(text) > 250 or text.startswith("(") or _PARA.match(text):
            return False
        if not (ln.bold or ln.size > 1.08 * self.body):
            return False
        if _SECTION.match(text) and len(text) < 200:
            return True
        if text[-1:] in ",;" or text[:1].islower():  # the last line of a paragraph set in bold
            return False
        short = ln.x1 < self.right - 3 * self.body
        prev = self.prev
        if prev is None or prev.page != ln.page:
            ended = self.kind == "head" or (self.current or "").rstrip()[-1:] in ".:;"
            return short and ended
        return short and (ln.baseline - prev.baseline >= 1.6 * self.body or self.kind == "head")

    def body_line(self, ln: Line) -> None:
        text = ln.text.strip()
        if not text:
            return
        if self.endnotes:
            self.note_lines([ln], first_page=False)
            return
        if self.started and _ENDNOTES.match(text):
            self._flush()
            self.endnotes = True
            return
        m = _PARA.match(text)
        if m:
            n = int(m.group(1))
            last = self.last_para
            if last < n <= last + _MAX_GAP or (n == 1 and last > 1) or (not self.started and n == 1):
                self._flush()
                self.started = True
                self.current, self.kind, self.last_para = text, "para", n
                self.prev = ln
                return
        if not self.started:
            if (ln.bold or ln.size > 1.08 * self.body) and _SECTION.match(text) and len(text) < 200:
                self.started = True
            else:
                # the cover, one printed line per line; lines set close together in one type
                # (a title over two lines) stay one block
                prev = self.prev
                close = (prev is not None and self.front and prev.page == ln.page
                         and prev.bold == ln.bold and abs(prev.size - ln.size) < 0.5
                         and 0 < ln.baseline - prev.baseline < 1.45 * ln.size)
                if close:
                    self.front[-1] += "\n" + text
                else:
                    self.front.append(text)
                self.prev = ln
                return
        goes_on = (self.kind == "head" and self.prev is not None and self.prev.page == ln.page
                   and self.prev.bold == ln.bold and abs(self.prev.size - ln.size) < 0.5
                   and ln.baseline - self.prev.baseline < 1.6 * ln.size and not _SECTION.match(text)
                   and not _ANNEX.match(text) and not _PARA.match(text))
        if goes_on:  # a heading over two lines
            self.current = f"{self.current} {text}"
        elif self._heading_line(ln, text):
            self._flush()
            self.current, self.kind = text, "head"
        elif self.current is not None and self.kind in ("para", "text"):
            self.current = (self.current + "\n" + text) if _ITEM.match(text) else _join(self.current, text)
        else:
            self._flush()
            self.current, self.kind = text, "text"
        self.prev = ln

    def note_lines(self, lines: list[Line], first_page: bool) -> None:
        for ln in lines:
            text = ln.text.strip()
            m = _NOTE.match(text) if text[:1] in "<0123456789" else None
            if m and self.last_note < int(m.group(1)) <= self.last_note + 3:
                self.last_note = int(m.group(1))
                self.notes.append((self.last_note, m.group(2) or ""))
            elif _COVER_NOTE.match(text):
                if first_page:
                    self.cover_notes.append(text)
            elif self.notes:
                number, body = self.notes[-1]
                self.notes[-1] = (number, _join(body, text) if body else text)

    def text(self) -> str:
        self._flush()
        notes = [f"<sup>{n}</sup> {t}" for n, t in self.notes if t]
        return "\n\n".join(self.front + self.cover_notes + self.blocks + notes) + "\n"


def cover_order(lines: list[Line], width: float, height: float) -> list[Line]:
    """Page 1 with its masthead read column by column: the left column's lines, then the
    right one's (the symbol, "Distr.: General", the date, the languages)."""
    right = [ln for ln in _parts(lines) if ln.x0 > 0.55 * width and ln.top < 0.4 * height]
    if not right:
        return lines
    bottom = max(ln.bottom for ln in right)
    head = [p for p in _parts([ln for ln in lines if ln.top < bottom])]
    rest = [ln for ln in lines if ln.top >= bottom]
    left = [p for p in head if p.x0 <= 0.55 * width]
    return left + [p for p in head if p.x0 > 0.55 * width] + rest


def _parts(lines: list[Line]) -> list[Line]:
    out = []
    for ln in lines:
        out.extend(ln.parts or [ln])
    return out
