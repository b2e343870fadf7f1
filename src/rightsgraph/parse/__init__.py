"""Stage 2: text -> `Document` (metadata, sections, paragraphs, footnotes).

Sections are recognised from their own numbering (``I.``, ``II.``, ``A.``), never from the
count of ``#``; numbered paragraphs continue across page rules and footnote blocks.

Real structure is read, never refused: an annex or appendix heading opens a numbering of its own
(keys ``annex-k-N``), a numbering that restarts at 1 opens a new part (``part-k-N``), numbers
may be skipped, and a number that does not go on from the last one (a list inside a
paragraph, a table row) is text of the paragraph it stands in. A section number printed twice
gets a path of its own. See `rightsgraph.document` for the key rule.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..document import Annex, Document, Footnote, FootnoteRef, Paragraph, Section
from ..errors import InputError
from ..iris import check_report_id
from .blocks import FOOTNOTE_START, Block, plain_text, split_blocks
from .language import detect_language
from .metadata import about_state, find_meeting_date, find_requesting_resolution, read_front_matter
from .subitems import subitems

__all__ = ["parse", "report_slug", "slugify"]

_PARA = re.compile(r"^\s*(\d{1,4})\.[ \t]+(?=\S)")
_ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.\s+(?P<title>\S.*)$")
_LETTER = re.compile(r"^(?P<num>[A-Z])\.\s+(?P<title>\S.*)$")
_MARKER = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\](?!:)")
# Labels and targets stop at the next opening bracket: `[^\]]*` and `[^)\s]+` rescanned the rest
# of the line from every `[` or `](`, which was quadratic on a long line of them.
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((<?[^()\s]+>?)\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\]]+[^\s<>()\].,;:'\"]")
_LINK_ONLY = re.compile(r"^\s*(?:\[[^\]]*\]\([^)]*\)|<https?://[^>]+>|https?://\S+)\s*[.;,]?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_STOP = {"a", "an", "and", "the", "of", "on", "in", "for", "to", "at", "by", "with", "its", "their"}
_MAX_GAP = 50
# "Annex", "Annex II", "Appendix 3", "Annexe I", "Anexo" as a line of its own (a title may follow)
_ANNEX = re.compile(r"^(?P<label>(?:Annex|Appendix|Annexe|Appendice|Anexo|Apéndice)"
                    r"(?:\s+(?:[IVXLC]+|\d{1,2}|[A-Z]))?)\b\.?\s*(?P<title>.*)$")


def slugify(text: str, max_words: int | None = None) -> str:
    """Lowercase ASCII slug.

    >>> slugify("Médecins sans frontières")
    'medecins-sans-frontieres'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_.lower())
    if max_words:
        words = words[:max_words]
    return "-".join(words)


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=False):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


@dataclass
class _OpenParagraph:
    number: int
    section: str | None
    key: str
    annex: str | None
    parts: list[tuple[str, int, int]] = field(default_factory=list)


def _annex_heading(block: Block) -> tuple[str, str] | None:
    """(label, title) when a short block is an annex or appendix heading."""
    line = plain_text(block.text)
    if len(line) > 200 or block.kind == "footnote":
        return None
    m = _ANNEX.match(line)
    if not m or (m.group("title") and m.group("title")[:1].islower()):
        return None
    return m.group("label"), m.group("title").strip(" .:–-")


def _unique(key: str, taken: set[str]) -> str:
    """`key`, or `key-2`, `key-3` ... when a document prints it twice."""
    out, n = key, 1
    while out in taken:
        n += 1
        out = f"{key}-{n}"
    taken.add(out)
    return out


@dataclass
class _OpenFootnote:
    number: int
    parts: list[str]
    start: int
    end: int


def _clean_paragraph(raw_parts: list[str]) -> tuple[str, tuple[FootnoteRef, ...]]:
    """Join a paragraph's parts, strip markup, and lift footnote markers out as refs."""
    text = " ".join(plain_text(_MARKER.sub(lambda m: f"\x00{m.group(1) or m.group(2)}\x00", p))
                    for p in raw_parts)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    refs: list[FootnoteRef] = []
    out: list[str] = []
    pos = 0
    for piece in re.split(r"(\x00\d+\x00)", text):
        if piece.startswith("\x00"):
            refs.append(FootnoteRef(int(piece.strip("\x00")), pos))
        else:
            out.append(piece)
            pos += len(piece)
    return "".join(out), tuple(refs)


def _unescape(text: str) -> str:
    """Undo markdown backslash escapes, also when a converter escaped them twice (``\\\\_``)."""
    previous = None
    while previous != text:
        previous, text = text, _ESCAPE.sub(r"\1", text)
    return text


def _footnote_text(raw: str) -> tuple[str, tuple[str, ...]]:
    urls: list[str] = []

    def link(m: re.Match) -> str:
        label, target = _unescape(m.group(1)), _unescape(m.group(2).strip("<>"))
        urls.append(target)
        return label if label == target else f"{label} ({target})"

    text = _MD_LINK.sub(link, raw)

    def auto(m: re.Match) -> str:
        urls.append(_unescape(m.group(1)))
        return urls[-1]

    text = _AUTOLINK.sub(auto, text)
    text = plain_text(text)
    for m in _BARE_URL.finditer(text):
        if m.group(0) not in urls:
            urls.append(m.group(0))
    seen: list[str] = []
    for u in urls:
        if u not in seen:
            seen.append(u)
    return text, tuple(seen)


def _section_of(block: Block, level1: str | None, last_letter: str | None):
    """Recognise a section heading from its own numbering; return (level, number, title)."""
    line = plain_text(block.text)
    if "\n" in block.text.strip() or len(line) > 250:
        return None
    letter = _LETTER.match(line)
    if letter and level1 is not None:
        expected = chr(ord(last_letter) + 1) if last_letter else "A"
        if letter.group("num") == expected or not _ROMAN.match(line):
            return 2, letter.group("num"), letter.group("title").strip()
    roman = _ROMAN.match(line)
    if roman:
        return 1, roman.group("num"), roman.group("title").strip()
    return None


def report_slug(body: str | None, session: int | None, title: str | None, text: str = "") -> str:
    """Stable report id for documents without a symbol: body initials, session, title words;
    for a bare text, a digest of its content."""
    parts = []
    if body:
        parts.append("".join(w[0] for w in re.findall(r"[A-Za-z]+", body) if w.lower() not in _STOP).lower())
    if session:
        parts.append(str(session))
    if title:
        words = [w for w in slugify(title).split("-") if w not in _STOP]
        parts.append("-".join(words[:6]))
    slug = "-".join(p for p in parts if p)
    if not slug:
        slug = "report-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return slug


def parse(text: str, *, report_id: str | None = None, name: str = "<text>",
          media_type: str = "text/markdown", symbol: str | None = None) -> Document:
    """Parse a normalised report text into a `Document`.

    Raises `InputError` when the text has no numbered paragraphs.
    """
    if report_id is not None:
        check_report_id(report_id)
    blocks = split_blocks(text)
    front: list[str] = []
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    footnotes: dict[int, _OpenFootnote] = {}
    current: _OpenParagraph | None = None
    open_fn: _OpenFootnote | None = None
    level1: str | None = None
    last_letter: str | None = None
    section_path: str | None = None
    body_started = False
    annexes: list[Annex] = []
    series = ""  # key prefix of the current numbering: "", "annex-k-" or "part-k-"
    parts = 1  # numberings seen
    last = 0  # last paragraph number of the current numbering
    keys: set[str] = set()
    section_paths: set[str] = set()

    def close_paragraph():
        nonlocal current
        if current is not None:
            text_, refs = _clean_paragraph([p[0] for p in current.parts])
            spans = tuple((s, e) for _, s, e in current.parts)
            paragraphs.append(Paragraph(current.number, text_, current.section, spans, refs,
                                        key=current.key, subitems=subitems(text_),
                                        annex=current.annex))
            current = None

    for block in blocks:
        if block.kind == "rule":
            open_fn = None
            continue
        if block.kind == "footnote":
            for fn_line in _footnote_lines(block):
                raw, start, end = fn_line
                m = FOOTNOTE_START.match(raw)
                number = int(m.group(1) or m.group(2))
                open_fn = _OpenFootnote(number, [raw[m.end():]], start, end)
                if number not in footnotes and number > 0:  # footnotes are numbered from 1
                    footnotes[number] = open_fn
            continue
        if block.kind == "text" and open_fn is not None and _LINK_ONLY.match(block.text):
            open_fn.parts.append(block.text)
            open_fn.end = block.end
            continue
        open_fn = None
        numbered = block.kind == "text" and _PARA.match(block.text)
        annex = None if numbered or not body_started else _annex_heading(block)
        if annex:
            close_paragraph()
            if annexes:
                annexes[-1] = _ended(annexes[-1], block.start)
            label, title = annex
            annexes.append(Annex(f"annex-{len(annexes) + 1}", label, title, len(annexes) + 1,
                                 block.start, len(text)))
            series, last, parts = f"{annexes[-1].key}-", 0, parts + 1
            level1 = last_letter = section_path = None
            continue
        heading = None if numbered else _section_of(block, level1, last_letter)
        if heading:
            close_paragraph()
            body_started = True
            level, number, title = heading
            prefix = f"{annexes[-1].key}." if annexes else ""
            if level == 1:
                last_letter, parent = None, None
                section_path = level1 = _unique(prefix + number, section_paths)
            else:
                last_letter, parent = number, level1
                section_path = _unique(f"{level1}.{number}", section_paths)
            sections.append(Section(section_path, number, title, level, parent, len(sections) + 1))
            continue
        if block.kind == "heading":
            if body_started:
                close_paragraph()  # an unnumbered heading (e.g. an annex) ends the paragraph
            else:
                front.append(block.plain)
            continue
        m = _PARA.match(block.text)
        if m:
            n = int(m.group(1))
            restart = n == 1 and last > 1
            if restart or last < n <= last + _MAX_GAP:
                close_paragraph()
                if restart:
                    parts += 1
                    series = f"part-{parts}-"
                body_started = True
                last = n
                first = (block.text[m.end():], block.start + m.end(), block.end)
                key = _unique(f"{series}{n}", keys)
                current = _OpenParagraph(n, section_path, key,
                                         annexes[-1].key if annexes else None, [first])
                continue
        if current is not None:
            current.parts.append((block.text, block.start, block.end))
        elif not body_started:
            front.append(block.plain)
    close_paragraph()

    if not paragraphs:
        raise InputError(f"{name}: no numbered paragraphs found; not a report of the UN genre")

    fm = read_front_matter(front)
    fm.symbol = fm.symbol or symbol
    by_marker: dict[int, str] = {}
    for p in paragraphs:
        for ref in p.footnotes:
            by_marker.setdefault(ref.number, p.key)
    notes = []
    for number in sorted(footnotes):
        fn = footnotes[number]
        text_, urls = _footnote_text(" ".join(fn.parts))
        notes.append(Footnote(number, text_, urls, by_marker.get(number), fn.start, fn.end))
    body = fm.body or fm.assembly
    resolution = fm.requesting_resolution or find_requesting_resolution(paragraphs[0].text)
    meeting_date = fm.meeting_date or next(
        (d for d in (find_meeting_date(p.text) for p in paragraphs[:5]) if d), None)
    rid = report_id or (slugify(fm.symbol) if fm.symbol else report_slug(body, fm.session, fm.title, text))
    return Document(
        report_id=rid,
        source=text,
        title=fm.title or "",
        subtitle=fm.subtitle,
        symbol=fm.symbol,
        body=body,
        assembly=fm.assembly,
        session=fm.session,
        session_dates=fm.session_dates,
        agenda_items=fm.agenda_items,
        distribution_date=fm.distribution_date,
        requesting_resolution=resolution,
        meeting_date=meeting_date,
        summary=fm.summary,
        sections=tuple(sections),
        paragraphs=tuple(paragraphs),
        footnotes=tuple(notes),
        annexes=tuple(annexes),
        source_name=name,
        source_format=media_type,
        language=detect_language(p.text for p in paragraphs),
        original_languages=fm.original_languages,
        body_key=fm.body_slug,
        state=about_state(fm),
        date_received=fm.date_received,
    )


def _ended(annex: Annex, end: int) -> Annex:
    return Annex(annex.key, annex.label, annex.title, annex.order, annex.start, end)


def _footnote_lines(block: Block):
    """Yield (raw, start, end) for each footnote in a block (a line starting a new one splits it)."""
    pos = block.start
    current: list[tuple[str, int, int]] = []
    for line in block.text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if FOOTNOTE_START.match(line) and current:
            yield "\n".join(x[0] for x in current), current[0][1], current[-1][2]
            current = []
        current.append((line, start, end))
    if current:
        yield "\n".join(x[0] for x in current), current[0][1], current[-1][2]
