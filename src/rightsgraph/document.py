"""The document model: what `parse` makes of a report, as frozen plain data.

Paragraph identity: `Paragraph.number` is the number as printed; `Paragraph.key` is unique in
the document and names the paragraph in IRIs and in `Evidence.paragraph`. The key of a paragraph
of the main numbering is its number (``"12"``); a paragraph of annex k is ``"annex-k-12"``; a
paragraph of the k-th numbering that restarts outside an annex (a reply after the list of issues,
a State report's second part) is ``"part-k-12"``; a number printed twice in one numbering gets
``"-2"``, ``"-3"`` ... after its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AgendaItem:
    number: str
    title: str


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    urls: tuple[str, ...]
    paragraph: str | None  # key of the paragraph whose text carries the marker
    start: int  # offsets of the footnote block in the source text
    end: int


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote marker stood in a paragraph's text (offset after marker removal)."""

    number: int
    offset: int


@dataclass(frozen=True)
class SubItem:
    """A sub-paragraph such as ``(b)`` or ``(ii)``: offsets in its paragraph's text, from the
    label to the end of the item (nested items lie inside their parent's span)."""

    label: str  # as printed: "(a)", "(ii)", "a)"
    key: str  # unique in the paragraph: "a", "a-ii"
    start: int
    end: int
    parent: str | None = None  # key of the enclosing sub-item


@dataclass(frozen=True)
class Annex:
    """An annex or appendix: its own paragraphs are keyed ``annex-{order}-{number}``."""

    key: str  # "annex-1"
    label: str  # as printed: "Annex", "Annex II", "Appendix"
    title: str
    order: int
    start: int  # source offset of its heading
    end: int  # source offset where it ends (the next annex or the end of the text)


@dataclass(frozen=True)
class Paragraph:
    number: int  # as printed
    text: str
    section: str | None  # path of the innermost section, e.g. "III.A"
    spans: tuple[tuple[int, int], ...]  # source offsets of each part of the paragraph
    footnotes: tuple[FootnoteRef, ...] = ()
    key: str = ""  # unique in the document (see the module's docstring); str(number) by default
    subitems: tuple[SubItem, ...] = ()
    annex: str | None = None  # key of the annex the paragraph belongs to

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", str(self.number))

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class Section:
    path: str  # "III" or "III.A"
    number: str  # the section's own label: "III" or "A"
    title: str
    level: int  # 1 for roman numerals, 2 for capital letters
    parent: str | None
    order: int


@dataclass(frozen=True)
class Document:
    """A parsed report. `report_id` is stable across runs and machines."""

    report_id: str
    source: str  # the normalised text offsets refer to
    title: str
    subtitle: str | None = None
    symbol: str | None = None
    body: str | None = None  # issuing organ, e.g. "Human Rights Council"
    assembly: str | None = None  # "General Assembly"
    session: int | None = None
    session_dates: str | None = None
    agenda_items: tuple[AgendaItem, ...] = ()
    distribution_date: date | None = None
    requesting_resolution: str | None = None  # the number as written, e.g. "12/3"
    meeting_date: date | None = None
    summary: str | None = None
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    source_name: str | None = None
    source_format: str = "text/markdown"
    # the cover and the language (parse/metadata.py, parse/language.py)
    language: str | None = None  # ISO 639-1 code detected from the paragraphs' text
    original_languages: tuple[str, ...] = ()  # "Original: English" -> ("en",)
    body_key: str | None = None  # registry slug of `body` (organizations), where it has one
    state: str | None = None  # ISO 3166 alpha-3 of the State under review / State party
    date_received: date | None = None  # "[Date received: ...]" of a State's submission

    def paragraph(self, key: str | int) -> Paragraph:
        """The paragraph with this key (a number means the main numbering's paragraph)."""
        key = str(key)
        for p in self.paragraphs:
            if p.key == key:
                return p
        raise KeyError(key)

    def section(self, path: str) -> Section:
        for s in self.sections:
            if s.path == path:
                return s
        raise KeyError(path)
