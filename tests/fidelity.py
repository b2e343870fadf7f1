"""Structural fidelity of a PDF's reading, without hand annotation.

The reference is poppler's ``pdftotext -layout`` text of the same PDF (a reference only, never
a dependency of the package): from it, each numbered paragraph's words and each footnote's
number and words, read as the genre lays them out; then the Document is compared with it:

- paragraphs: the reference's numbered paragraphs found in the Document, in order, by number;
- words: for each paragraph, the share of the reference's words that are in the Document's
  paragraph text (as a multiset; hyphens and glued footnote markers set aside on both sides);
- footnotes: the reference's footnotes found by number whose words are >= 95% in the
  Document's footnote text.

Reference rules (pdftotext keeps the page's lines and blank lines): a page's first and last
lines are dropped when they are running headers or footers; the footnote block is the run of
lines at a page's foot after a blank line whose first line starts with a number or an asterisk,
and every line after a "Notes" line (end notes);
a paragraph starts at ``N.`` where N goes on from the last number (or restarts at 1), runs to
the next start, a section heading (``C. Title``) or the first blank line of a page, and goes
on at the top of the next page when its last line did not end a sentence.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_RUNNING = re.compile(r"^\s*(?:GE\.\d{2}-\d{4,6}.*|\d{1,4}(?:\s+GE\.\d{2}-\d{4,6}.*)?|"
                      r"[A-Z]{1,6}(?:/[A-Za-z0-9.\-()]+){1,6}(?:\s+\d{1,4})?|\d{1,4}\s+[A-Z]{1,6}"
                      r"(?:/[A-Za-z0-9.\-()]+){1,6}|Please recycle.*|\*\d{5,}\*)\s*$")
_PARA = re.compile(r"^\s*(\d{1,4})\.\s+(\S.*)$")
_NOTE = re.compile(r"^\s*(\d{1,3})(?:\s+(\S.*))?$")
_ENDNOTES = re.compile(r"^\s*(?:Notes|Notas)\s*$")
_SECTION = re.compile(r"^\s*(?:[IVXLC]+|[A-Z])\.\s+[A-Z]")
_NOTE_START = re.compile(r"^\s*(?:\d{1,3}|\*+)\s+\S")
_GLUED_MARKER = re.compile(r"(?:(?<=[^\W\d_])|(?<=[^\d\s][.,;:)”’\"]))\d{1,3}(?=[\s,.;:)]|$)")
_MAX_GAP = 50


def words(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("-", "").lower()
    return Counter(re.findall(r"[^\W\d_]+|\d+", text))


@dataclass
class Reference:
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (number, text)
    footnotes: dict[int, str] = field(default_factory=dict)


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True, timeout=300).stdout.decode("utf-8", errors="replace")


def _page_parts(page: str) -> tuple[list[str], list[str]]:
    lines = page.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    for end in (0, -1):
        for _ in range(2):
            if lines and _RUNNING.match(lines[end]):
                lines.pop(end)
                while lines and not lines[end].strip():
                    lines.pop(end)
    notes: list[str] = []
    for i in range(len(lines) - 1, 0, -1):
        if not lines[i - 1].strip() and _NOTE_START.match(lines[i]):
            if all(_NOTE_START.match(ln) or not ln.strip() or ln.startswith(" ") for ln in lines[i:]):
                notes, lines = lines[i:], lines[:i]
            break
    return lines, notes


def reference(text: str) -> Reference:
    ref = Reference()
    last = last_note = 0
    current: list[str] | None = None
    number = 0

    def close():
        nonlocal current
        if current is not None:
            body = " ".join(current)
            ref.paragraphs.append((number, _GLUED_MARKER.sub("", body)))
        current = None

    endnotes = False
    for page in text.split("\f"):
        body, notes = _page_parts(page)
        if endnotes:  # the document's notes at its end ("Notes"): every line is a note's
            body, notes = [], body + notes
        seen_text = False
        for i, line in enumerate(body):
            if _ENDNOTES.match(line):
                close()
                endnotes = True
                notes = body[i + 1:] + notes
                break
            if not line.strip():
                if seen_text:
                    close()
                continue
            m = _PARA.match(line)
            if m:
                n = int(m.group(1))
                if last < n <= last + _MAX_GAP or (n == 1 and last > 1):
                    close()
                    number, last, current = n, n, [m.group(2)]
                    seen_text = True
                    continue
            if _SECTION.match(line):  # a section heading ends the paragraph above it
                close()
                seen_text = True
                continue
            if current is not None and not seen_text:
                prev = current[-1].rstrip()
                if prev[-1:] in ".!?" and not line.strip()[:1].islower() and not line.strip().startswith("("):
                    close()
            seen_text = True
            if current is not None:
                if current[-1].endswith("-") and current[-1][-2:-1].isalpha():
                    current[-1] += line.strip()  # a word hyphenated at the line's end
                else:
                    current.append(line.strip())
        open_note: int | None = None
        for line in notes:
            m = _NOTE.match(line)
            if m and last_note < int(m.group(1)) <= last_note + 3:
                last_note = open_note = int(m.group(1))
                ref.footnotes.setdefault(open_note, m.group(2) or "")
            elif line.strip().startswith("*"):
                open_note = None
            elif open_note is not None and line.strip():
                ref.footnotes[open_note] += " " + line.strip()
    close()
    return ref


@dataclass
class Fidelity:
    paragraphs: int  # in the reference
    found: int  # of them in the Document, by number in order
    recalls: list[tuple[int, float]]  # (number, word recall) of each paragraph found
    footnotes: int
    footnotes_found: int

    @property
    def paragraph_share(self) -> float:
        return self.found / self.paragraphs if self.paragraphs else 1.0

    @property
    def mean_recall(self) -> float:
        return sum(r for _, r in self.recalls) / len(self.recalls) if self.recalls else 1.0

    @property
    def worst(self) -> tuple[int, float]:
        return min(self.recalls, key=lambda x: x[1]) if self.recalls else (0, 1.0)

    @property
    def footnote_share(self) -> float:
        return self.footnotes_found / self.footnotes if self.footnotes else 1.0


def _recall(ref: str, got: str) -> float:
    want = words(ref)
    have = words(got)
    total = sum(want.values())
    return sum(min(c, have[w]) for w, c in want.items()) / total if total else 1.0


def compare(ref: Reference, document) -> Fidelity:
    paras = list(document.paragraphs)
    recalls: list[tuple[int, float]] = []
    i = 0
    for number, text in ref.paragraphs:
        j = next((k for k in range(i, len(paras)) if paras[k].number == number), None)
        if j is None:
            continue
        recalls.append((number, _recall(text, paras[j].text)))
        i = j + 1
    notes = {f.number: f.text for f in document.footnotes}
    found = sum(1 for n, t in ref.footnotes.items() if n in notes and _recall(t, notes[n]) >= 0.95)
    return Fidelity(len(ref.paragraphs), len(recalls), recalls, len(ref.footnotes), found)


def check(path: Path) -> Fidelity:
    from rightsgraph.ingest import ingest
    from rightsgraph.parse import parse

    text = ingest(path)
    document = parse(text.text, name=str(path), media_type=text.media_type, symbol=text.symbol)
    return compare(reference(pdftotext(path)), document)
