"""Segments of a meeting, from the section structure of its summary report.

A level-1 section whose title says *opening* is the opening segment, one whose title says
*concluding*, *closing* or *conclusions* the concluding segment, and one whose subsections
are the panellists' statements and the plenary (or interactive) discussion a panel segment,
numbered in document order. Each paragraph also gets a *role*: opening, panel, plenary,
concluding or None, which sets the default capacity of its speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Section
from ..facts import Segment

_OPENING = re.compile(r"\bopening\b|\bwelcom", re.I)
_CONCLUDING = re.compile(r"\bconclu(?:ding|sions?)\b|\bclosing\b", re.I)
_PANEL = re.compile(r"\bpanell?ists?\b|\bpresentations?\b|\bkeynote\b|\bcontributions of the\b", re.I)
_PLENARY = re.compile(r"\bplenary\b|\binteractive\b|\bdiscussion\b|\bdialogue\b|\bdebate\b", re.I)
_SEGMENT_TITLE = re.compile(r"\bsegment\b|\bpanel\b", re.I)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


@dataclass(frozen=True)
class SegmentMap:
    """The meeting's segments and, per paragraph number, its segment slug and section role."""

    segments: tuple[Segment, ...]
    segment_of: dict[str, str]  # by paragraph key
    role_of: dict[str, str]

    def segment(self, paragraph: str) -> str | None:
        return self.segment_of.get(paragraph)

    def role(self, paragraph: str) -> str | None:
        return self.role_of.get(paragraph)


def ordinal_segment(phrase: str) -> str | None:
    """``"the second segment"`` -> ``segment-2``."""
    m = re.search(r"\b(" + "|".join(_ORDINALS) + r") segment\b", phrase, re.I)
    return f"segment-{_ORDINALS.index(m.group(1).lower()) + 1}" if m else None


def _children(doc: Document, top: Section) -> list[Section]:
    return [s for s in doc.sections if s.parent == top.path]


def _kind(doc: Document, top: Section) -> str | None:
    children = _children(doc, top)
    if _OPENING.search(top.title) and not children:
        return "opening"
    if _CONCLUDING.search(top.title) and not children:
        return "concluding"
    titles = [c.title for c in children]
    if any(_PANEL.search(t) for t in titles) or (
        children and all(_PLENARY.search(t) for t in titles) and _SEGMENT_TITLE.search(top.title)
    ):
        return "panel"
    return None


def _sub_role(section: Section) -> str:
    if _PANEL.search(section.title):
        return "panel"
    if _PLENARY.search(section.title):
        return "plenary"
    return "panel"


def extract_segments(doc: Document) -> SegmentMap:
    """Segments when the report records a meeting (it has a meeting date); else none."""
    if doc.meeting_date is None:
        return SegmentMap((), {}, {})
    segments: list[Segment] = []
    section_segment: dict[str, tuple[str, str]] = {}
    panels = 0
    tops = [s for s in doc.sections if s.level == 1]
    for top in tops:
        kind = _kind(doc, top)
        if kind is None:
            continue
        if kind == "panel":
            panels += 1
            slug = f"segment-{panels}"
            ordinal = _ORDINALS[panels - 1].capitalize() if panels <= len(_ORDINALS) else str(panels)
            label = f"{ordinal} segment: {top.title}"
        else:
            slug, label = kind, top.title
        paths = [top.path] + [c.path for c in _children(doc, top)]
        segments.append(Segment(slug, label, len(segments) + 1, tuple(paths)))
        section_segment[top.path] = (slug, kind if kind != "panel" else "panel")
        for child in _children(doc, top):
            section_segment[child.path] = (slug, _sub_role(child) if kind == "panel" else kind)
    segment_of: dict[str, str] = {}
    role_of: dict[str, str] = {}
    for p in doc.paragraphs:
        if p.section in section_segment:
            segment_of[p.key], role_of[p.key] = section_segment[p.section]
    return SegmentMap(tuple(segments), segment_of, role_of)
