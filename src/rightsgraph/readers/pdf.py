"""PDF reader (pdfplumber): body text, headings and footnotes from a UN-style layout.

What it does with a page, in order: drop running headers and footers (document symbol, job
number such as ``GE.24-12345(E)``, page numbers), group words into lines, tell footnote lines
(smaller type) from body lines, turn raised small digits into ``<sup>N</sup>`` markers, rejoin
lines into paragraphs (across pages too) and hyphenated line ends, and keep bold lines as
headings. pdfplumber was chosen over pypdf because footnotes and markers can only be told apart
by the size and position of each character, which pdfplumber reports.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from ..errors import InputError
from . import PDF, ReaderOutput

SYMBOL = re.compile(r"\b([A-Z]{1,6}(?:/[A-Za-z0-9.]+){2,6})\b")
JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{4,6}\s*\([A-Z]\)")
PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|\d{1,4}/\d{1,4}|Page \d+(?: of \d+)?)$")
PARA_START = re.compile(r"^(\d{1,4})\.\s")
MARGIN = 0.075  # share of the page height treated as header/footer zones


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Line:
    page: int
    words: list[_Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    def size(self) -> float:
        sizes = Counter()
        for w in self.words:
            sizes[round(w.size, 1)] += len(w.text)
        return sizes.most_common(1)[0][0]

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words if w.text.strip())

    def text(self, body: float, markers: bool = True) -> str:
        out = ""
        prev: _Word | None = None
        baseline = max(w.bottom for w in self.words if w.size >= 0.9 * self.size())
        for w in sorted(self.words, key=lambda w: w.x0):
            raised = w.size < 0.85 * self.size() and w.bottom < baseline - 0.8
            token = f"<sup>{w.text}</sup>" if markers and raised and w.text.isdigit() else w.text
            if prev is not None and w.x0 - prev.x1 > 0.18 * min(prev.size, w.size):
                out += " "
            out += token
            prev = w
        return out


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(BytesIO(data))
        _ = pdf.pages  # forces the document to parse
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{name}: the PDF is encrypted; save an unprotected copy") from None
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on broken files
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise InputError(f"{name}: the PDF is encrypted; save an unprotected copy") from None
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__})") from None


def _words(page, index: int) -> list[_Word]:
    words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1.2,
                               y_tolerance=1.5, keep_blank_chars=False, use_text_flow=True)
    return [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"],
                  "bold" in w["fontname"].lower()) for w in words]


def _lines(words: list[_Word], page: int) -> list[_Line]:
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        centre = (w.top + w.bottom) / 2
        for line in reversed(lines[-3:]):
            if line.top - 1.0 <= centre <= line.bottom + 1.0:
                line.words.append(w)
                break
        else:
            lines.append(_Line(page, [w]))
    lines.sort(key=lambda ln: ln.top)
    return lines


def _is_running(text: str) -> bool:
    return bool(JOB_NUMBER.match(text) or PAGE_NUMBER.match(text) or SYMBOL.fullmatch(text)
                or re.fullmatch(r"[A-Z]{1,6}(?:/[A-Za-z0-9.]+){2,6}\s+\d{1,4}", text)
                or re.fullmatch(r"\d{1,4}\s+[A-Z]{1,6}(?:/[A-Za-z0-9.]+){2,6}", text))


def _join(a: str, b: str) -> str:
    """Rejoin two lines of one paragraph; a hyphen at a line end is kept only inside compounds."""
    if a.endswith("-") and b[:1].islower() and not a.endswith(" -"):
        return a + b if "-" in a.rsplit(" ", 1)[-1][:-1] or _compound(a, b) else a[:-1] + b
    return a + " " + b


_COMPOUND_HEADS = {"gender", "age", "disability", "human", "whole", "well", "long", "non", "self",
                   "co", "anti", "cross", "multi", "inter", "state", "child", "rights", "evidence",
                   "security", "deterrence", "community", "case", "life", "time", "health"}


def _compound(a: str, b: str) -> bool:
    head = re.sub(r"\W", "", a.rsplit(" ", 1)[-1][:-1]).lower()
    return head in _COMPOUND_HEADS


def read_pdf(data: bytes, name: str = "<pdf>") -> ReaderOutput:
    """Read a report PDF into the parser's plain text form."""
    pdf = _open(data, name)
    symbols: Counter[str] = Counter()
    lines: list[_Line] = []
    chars = 0
    with pdf:
        for i, page in enumerate(pdf.pages):
            words = _words(page, i)
            chars += sum(len(w.text) for w in words)
            height = float(page.height)
            for line in _lines(words, i):
                text = line.text(0, markers=False).strip()
                in_margin = line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)
                if in_margin and _is_running(text):
                    for m in SYMBOL.finditer(text):
                        symbols[m.group(1)] += 1
                    continue
                lines.append(line)
    if chars == 0:
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    body = Counter()
    for line in lines:
        body[line.size()] += sum(len(w.text) for w in line.words)
    body_size = body.most_common(1)[0][0]
    return ReaderOutput(_assemble(lines, body_size), PDF,
                        symbols.most_common(1)[0][0] if symbols else None)


def _assemble(lines: list[_Line], body_size: float) -> str:
    """Body lines become blocks (paragraphs, headings, front matter); small lines footnotes."""
    blocks: list[str] = []
    notes: list[str] = []
    current: str | None = None
    kind = ""  # "para", "head" or "front"
    note: str | None = None
    last_para = last_note = 0
    prev: _Line | None = None  # previous body line

    def flush():
        nonlocal current
        if current is not None:
            blocks.append("## " + current if kind == "head" else current)
        current = None

    for line in lines:
        text = line.text(body_size).strip()
        if not text:
            continue
        if line.size() < 0.9 * body_size:  # footnote type
            m = re.match(r"^(<sup>)?(\d{1,3})(?:</sup>)?\s+(\S.*)$", text)
            if m and (m.group(1) or int(m.group(2)) == last_note + 1):
                if note is not None:
                    notes.append(note)
                last_note = int(m.group(2))
                note = f"<sup>{last_note}</sup> {m.group(3)}"
            elif note is not None:
                note = _join(note, text)
            continue
        new_page = prev is None or prev.page != line.page
        close = not new_page and line.top - prev.bottom < 0.45 * body_size
        m = PARA_START.match(text)
        if m and int(m.group(1)) == last_para + 1 and not line.bold:
            flush()
            current, kind, last_para = text, "para", last_para + 1
        elif line.bold:
            if kind == "head" and close:
                current = f"{current} {text}"
            else:
                flush()
                current, kind = text, "head"
        elif current is not None and kind == "para" and (close or new_page):
            current = _join(current, text)
        elif current is not None and kind == "front" and close:
            current = _join(current, text)
        else:
            flush()
            current, kind = text, "front"
        prev = line
    flush()
    if note is not None:
        notes.append(note)
    return "\n\n".join(blocks + notes) + "\n"
