"""The cover of a UN document: symbol, distribution date, languages, body, session, agenda items,
title, subtitle, the State it is about, summary.

The cover is read in three zones, as the genre lays it out, in any of the languages of
``data/cover.json`` (English, French, Spanish):

1. the masthead: "United Nations", the organ or treaty series ("General Assembly",
   "Convention on the Rights of Persons with Disabilities"), the symbol, "Distr.: General" and
   the date, the language of this version, "Original: English" and the languages the document
   is issued in. Nothing of it is a title.
2. the header: the body or bodies (``data/bodies.csv``), the session and its dates, the agenda
   item(s) and their titles.
3. the title block: the title (lines joined until a line that starts another block), then the
   subtitle blocks and the State line, the cover's own footnotes, the job number, the summary.

Input lines may each hold one printed line, or several fields side by side (a reader that
merged the columns of a row): fields are peeled from the start of each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..document import AgendaItem
from .coverwords import Cover, bodies, cover, dates, ordinal_to_int, parse_date

__all__ = ["FrontMatter", "about_state", "find_meeting_date", "find_requesting_resolution", "ordinal_to_int",
           "parse_date", "read_front_matter"]


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SYMBOL = re.compile(r"^(?:[A-Z]{1,6}/)(?:[A-Za-z0-9.\-]+/){1,6}[A-Za-z0-9.()\-]+$")
_SYMBOL_IN = re.compile(r"(?<![\w/])(?:[A-Z]{1,6}/)(?:[A-Za-z0-9.\-]+/){1,6}[A-Za-z0-9.()\-]*[A-Za-z0-9)]")
_HELD_ON = re.compile(rf"\b(?:was|were)\s+held\s+on\s+(\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})")
_RESOLUTION = re.compile(r"\bresolution\s+(\d{1,3}/\d{1,4})\b")
_SUP = re.compile(r"</?sup>")
_NOTE = re.compile(r"^\*+\s*\S")
MAX_FIELDS = 8  # fields side by side on one merged line: the rest of it is masthead text
MAX_BODIES = 3  # a header names the Council, its working group ... never more
_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z])\.\s+\S")  # a section heading: the body begins
_LABEL_LINE = re.compile(r"^[A-Z][\w-]*(?:\s[\w-]+){0,4}\s?:\s+\S")


@dataclass
class FrontMatter:
    symbol: str | None = None
    assembly: str | None = None
    body: str | None = None
    body_slug: str | None = None  # the registry slug of `body`, where the registry has it
    bodies: tuple[str, ...] = ()  # every body of the header, outermost first
    session: int | None = None
    session_dates: str | None = None
    agenda_items: tuple[AgendaItem, ...] = ()
    distribution_date: date | None = None
    title: str | None = None
    subtitle: str | None = None
    summary: str | None = None
    requesting_resolution: str | None = None
    meeting_date: date | None = None
    original_languages: tuple[str, ...] = ()  # ISO 639-1 codes of "Original: ..."
    state_name: str | None = None  # the State line of the title block, or the State of the title
    date_received: date | None = None


def _clean(line: str) -> str:
    """One cover line as plain text; a word hyphenated across a merged line break is rejoined
    ("forty- third")."""
    line = re.sub(r"\s+", " ", _SUP.sub("", line)).strip(" #")
    if not any(ch.isalnum() or ch == "*" for ch in line):
        return ""  # a comma or stop a reader set apart from the footnote marks around it
    return re.sub(r"(?<=[a-z])- (?=[a-z])", "-", line)


def _starred(text: str) -> bool:
    """True when `text` ends with footnote marks ("... of Austria**", "2020*, **, ***")."""
    return "*" in text[len(text.rstrip(" *,")):]


def _unstarred(text: str) -> str:
    """`text` without the footnote marks at its end (string methods: a regex of nested stars
    backtracks exponentially on a long run of them).

    >>> _unstarred("due in 2020*, **, ***"), _unstarred("Slovenia*"), _unstarred("A, B")
    ('due in 2020', 'Slovenia', 'A, B')
    """
    return text.rstrip(" *,").strip() if _starred(text) else text.strip()


def _join(parts: list[str]) -> str:
    """Printed lines of one block as one line: a hyphen at a line end is kept and joins."""
    out = ""
    for part in parts:
        out = out + part if (not out or out.endswith("-")) else f"{out} {part}"
    return _unstarred(out)


def read_front_matter(lines: list[str]) -> FrontMatter:
    """Interpret the cover lines of a report (plain text, in reading order)."""
    c = cover()
    fm = FrontMatter()
    atoms = _masthead(fm, [_clean(line) for line in lines if _clean(line)], c)
    atoms = _header(fm, atoms, c)
    _title_block(fm, atoms, c)
    if fm.summary:
        fm.requesting_resolution = find_requesting_resolution(fm.summary)
        fm.meeting_date = find_meeting_date(fm.summary)
    return fm


def _masthead(fm: FrontMatter, lines: list[str], c: Cover) -> list[str]:
    """Zone 1: take the masthead's fields; return the lines after it (the header on)."""
    expect_date = False
    seen_original = False
    for i, line in enumerate(lines):
        if seen_original and c.language_codes(line):
            continue  # the languages the document is issued in
        if seen_original or _starts_header(line, c):
            return lines[i:]
        rest = line
        for _ in range(MAX_FIELDS):
            if not rest:
                break
            m = _SYMBOL_IN.search(rest)
            if fm.symbol is None and m and SYMBOL.match(m.group(0)):
                fm.symbol = m.group(0)
                rest = f"{rest[:m.start()]} {rest[m.end():]}".strip()
                continue
            m = c.distr.search(rest)
            if m:
                _masthead_text(fm, rest[:m.start()].strip(), c)
                rest = rest[m.end():].strip()
                expect_date = fm.distribution_date is None
                continue
            m = c.original.search(rest)
            if m:
                _masthead_text(fm, rest[:m.start()].strip(), c)
                codes, rest = _original(rest[m.end():], c)
                fm.original_languages = codes
                seen_original = True
                continue
            if expect_date and parse_date(rest):
                fm.distribution_date = parse_date(rest)
                expect_date = False
                rest = _strip_date(rest)
                continue
            _masthead_text(fm, rest, c)
            rest = ""
    return []


def _original(text: str, c: Cover) -> tuple[tuple[str, ...], str]:
    """The languages of "Original: English and French" and the words after them (a merged
    line may go on with the languages the document is issued in: "Arabic, English ... only").

    >>> _original("English and French Arabic, English, French and Spanish only", cover())
    (('en', 'fr'), 'Arabic, English, French and Spanish only')
    """
    words = text.split()
    codes: list[str] = []
    n = 0
    while n < len(words):
        word = words[n].strip(",;").lower()
        if word in c.languages and (not codes or words[n - 1].lower() in c.joiners):
            codes.append(c.languages[word])
            n += 1
            if words[n - 1].endswith((",", ";")):
                break
        elif codes and word in c.joiners and n + 1 < len(words):
            n += 1
        else:
            break
    if n and words[n - 1].lower() in c.joiners:
        n -= 1
    return tuple(dict.fromkeys(codes)), " ".join(words[n:])


def _strip_date(text: str) -> str:
    pattern, _ = dates()
    return pattern.sub(" ", text, count=1).strip()


def _masthead_text(fm: FrontMatter, text: str, c: Cover) -> None:
    """Masthead words other than fields: the organ series ("General Assembly") is kept."""
    m = c.organs.search(text)
    if m and fm.assembly is None:
        fm.assembly = c.assemblies[m.group(0).lower()]
    if fm.distribution_date is None and parse_date(text) and not c.language_codes(text):
        fm.distribution_date = parse_date(text)


def _starts_header(line: str, c: Cover) -> bool:
    """True when `line` starts the header (a body, a session, an agenda item) or the title."""
    if c.is_masthead(line) or c.organs.fullmatch(line.strip()):
        return False
    return bool(c.body.match(line) or c.session(line) or c.agenda(line)
                or line.startswith(c.title_starts))


def _header(fm: FrontMatter, lines: list[str], c: Cover) -> list[str]:
    """Zone 2: bodies, session and its dates, agenda items and their titles; return the rest."""
    pending: list[str] = []
    titles: list[list[str]] = []
    names = {name.lower(): (slug, name) for slug, _, name in bodies()}
    out: list[str] = []
    lines = list(lines)
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and not pending and not c.body.match(line):
            m = c.body.match(f"{line} {lines[i + 1]}")  # a body's name over two lines
            if m and m.end() > len(line):
                line, lines[i + 1] = m.group(0), f"{line} {lines[i + 1]}"[m.end():].strip()
        rest = line
        for _ in range(MAX_FIELDS):
            if not rest:
                break
            if c.is_masthead(rest) or (c.organs.fullmatch(rest) and not fm.bodies):
                _masthead_text(fm, rest, c)
                rest = ""
                break
            m = c.body.match(rest)
            if m and not pending and len(fm.bodies) < MAX_BODIES:
                slug, name = names[m.group(1).lower()]
                fm.bodies = (*fm.bodies, name)
                fm.body, fm.body_slug = name, slug
                rest = rest[m.end():].strip(" *,")
                continue
            s = c.session(rest)
            if s and fm.session is None and not pending:
                fm.session = s[0]
                rest = rest[s[1]:].strip(" ,")
                continue
            if fm.session is not None and fm.session_dates is None and not pending:
                head, tail = _date_range(rest)
                if head:
                    fm.session_dates, rest = head, tail
                    continue
            items = c.agenda(rest) if not pending else None
            if items:
                pending = items
                rest = ""
                continue
            if pending and (len(titles) < len(pending) or _continues(titles, rest, c)):
                if titles and _continues(titles, rest, c):
                    titles[-1].append(rest)
                else:
                    titles.append([rest])
                rest = ""
                continue
            out = [rest, *lines[i + 1:]]
            break
        if out:
            break
    fm.agenda_items = tuple(AgendaItem(n, _join(t)) for n, t in zip(pending, titles, strict=False))
    return out


def _date_range(text: str) -> tuple[str | None, str]:
    """The session dates at the start of `text` ("24 February–20 March 2020", "Geneva,
    12 August–5 September 2024") and what follows them on the line."""
    pattern, _ = dates()
    m = pattern.search(text)
    if not m or m.start() > 40:
        return None, text
    return text[:m.end()].strip(), text[m.end():].strip(" ,")


def _continues(blocks: list[list[str]], line: str, c: Cover) -> bool:
    """True when `line` goes on the last block (a line of the same sentence)."""
    if not blocks:
        return False
    last = blocks[-1][-1]
    if _starred(last):
        return False  # a title's footnote mark ends it
    if line[:1].islower() or line[:1].isdigit() or last.endswith(("-", ",")):
        return True
    tail = re.findall(r"[^\W\d_]+", last.lower())
    return bool(tail) and tail[-1] in c.continuation


def _state_line(line: str) -> str | None:
    from ..registry import states

    state = states.by_name(_unstarred(line))
    return state.name if state else None


def _late_field(fm: FrontMatter, line: str, c: Cover, expect_date: bool) -> bool | None:
    """A masthead field that a reader set after the title (the right-hand column read last):
    taken into `fm`; returns whether a distribution date is still expected, or None when
    `line` is no such field."""
    m = c.distr.match(line)
    if m:
        if fm.distribution_date is None:
            fm.distribution_date = parse_date(line[m.end():])
        return fm.distribution_date is None
    if expect_date and len(line) < 40 and parse_date(line):
        fm.distribution_date = parse_date(line)
        return False
    m = c.original.match(line)
    if m:
        fm.original_languages = fm.original_languages or _original(line[m.end():], c)[0]
        return expect_date
    if c.language_codes(line):
        return expect_date
    return None


def _ends_cover(line: str, bare: str, fm: FrontMatter, c: Cover) -> bool:
    """A cover footnote (``* The present document ...``), the job number or bar code, a table
    of contents, a section heading or the running header: the title block is over."""
    return bool(_NOTE.match(line) or not bare or _HEADING.match(line) or bare.lower() in c.contents
                or c.job.match(line) or c.barcode.match(line) or c.recycle.match(line)
                or line == fm.symbol)


def _title_block(fm: FrontMatter, lines: list[str], c: Cover) -> None:
    """Zone 3: the title, subtitle blocks, the State line, notes and the summary."""
    blocks: list[list[str]] = []
    summary: list[str] = []
    summary_mode = False
    expect_date = False
    for line in lines:
        bare = line.strip(" *:")
        if "," in line and not bare.strip(" ,"):
            continue  # the title's further footnote marks set on a line of their own ("**, ***")
        late = _late_field(fm, line, c, expect_date)
        if late is not None:
            expect_date = late
            continue
        if _ends_cover(line, bare, fm, c):
            if blocks:
                break  # the cover's footnotes, job number, bar code, contents: the cover ends
            continue
        if summary_mode:
            summary.append(line)
            continue
        if bare.lower() in c.summary_headings:
            summary_mode = True
            continue
        m = c.received.search(line)
        if m:
            fm.date_received = parse_date(m.group(1))
            continue
        if c.is_masthead(line) and not blocks:
            continue
        if blocks and (line.startswith(c.summary_starts) or len(line) > 200):
            summary_mode = True
            summary.append(line)
            continue
        starts = line.startswith(c.title_starts) or _LABEL_LINE.match(line)
        if blocks and not starts and _continues(blocks, line, c):
            blocks[-1].append(line)  # "... the initial report of" + "the Niger*"
            continue
        starts = starts or _state_line(line)
        if blocks and not starts and not _starred(blocks[-1][-1]) and len(blocks) == 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    texts = [_join(b) for b in blocks if _join(b)]
    if texts:
        fm.title = texts[0]
        if len(texts) > 1:
            fm.subtitle = ". ".join(texts[1:])
        fm.state_name = next((s for s in (_state_line(t) for t in texts[1:]) if s), None)
    if summary:
        fm.summary = " ".join(summary)


def about_state(fm: FrontMatter) -> str | None:
    """The ISO 3166 alpha-3 code of the State the document is about (State under review,
    State party), or None: the State code a treaty-body or UPR symbol carries
    (``CRPD/C/GRC/CO/1``, ``A/HRC/WG.6/34/SVN/1``), else the State line of the title block,
    else the one State the title names."""
    from ..registry import find_mentions, states

    for part in (fm.symbol or "").split("/")[1:]:
        if re.fullmatch(r"[A-Z]{3}", part) and states.by_iso3(part):
            return part
    if fm.state_name:
        return states.by_name(fm.state_name).iso3
    named = {ref.key for m in find_mentions(fm.title or "", kinds=("state",), adjectives=False)
             for ref in m.refs}
    return named.pop() if len(named) == 1 else None


def find_requesting_resolution(text: str) -> str | None:
    m = _RESOLUTION.search(text)
    return m.group(1) if m else None


def find_meeting_date(text: str) -> date | None:
    m = _HELD_ON.search(text)
    return parse_date(m.group(1)) if m else None
