"""The document model: what `parse` makes of a report, as frozen plain data."""

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
    paragraph: int | None  # number of the paragraph whose text carries the marker
    start: int  # offsets of the footnote block in the source text
    end: int


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote marker stood in a paragraph's text (offset after marker removal)."""

    number: int
    offset: int


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    section: str | None  # path of the innermost section, e.g. "III.A"
    spans: tuple[tuple[int, int], ...]  # source offsets of each part of the paragraph
    footnotes: tuple[FootnoteRef, ...] = ()

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
    source_name: str | None = None
    source_format: str = "text/markdown"

    def paragraph(self, number: int) -> Paragraph:
        for p in self.paragraphs:
            if p.number == number:
                return p
        raise KeyError(number)

    def section(self, path: str) -> Section:
        for s in self.sections:
            if s.path == path:
                return s
        raise KeyError(path)
