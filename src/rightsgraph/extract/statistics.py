"""Statistics: each figure that counts something, with what it counts and who says so.

A figure is a statistic when it is followed by what it counts ("4,500 migrant deaths",
"1.3 million Afghans"), by "per cent", or by a unit of time ("within 48 hours"). Left out:
years and dates, numbers of documents and their parts ("resolution 12/34", "No. 1",
"objective 3", "target 5.2", "para. 12"), ages ("over 16,") and small numbers written in words
without a unit, unless they count people ("the two segments", not "three migrants"). The
qualifier is the hedge before the figure (more than, over, about, an estimated, within, up
to); the period the year or span stated in the sentence; `about` the routes, places or States
the sentence names; `source` the footnote marker in the sentence (``footnote/<n>``), else the
organisation of an "According to ..." clause, else the speaker.
"""

from __future__ import annotations

import re

from ..document import Document
from ..facts import Statistic
from ..registry import find_mentions
from .figures import find_figures
from .places import PlaceFinder
from .sentences import evidence, sentences
from .speakers import Attribution

_QUALIFIER = re.compile(
    r"(more than|over|nearly|almost|about|around|approximately|some|at least|up to|fewer than|"
    r"less than|an estimated|estimated|an average of|within|at most)\s+$",
    re.I,
)
_TIME_UNITS = re.compile(r"^\s*(hours?|days?|weeks?|months?|years?|decades?)\b", re.I)
_REFERENCE = re.compile(
    r"(?:\b(?:No|para|paras|art|arts|p|pp)\.|\b(?:objective|objectives|target|targets|goal|resolution|"
    r"resolutions|article|articles|paragraph|paragraphs|session|item|items|chapter|annex|rule|"
    r"principle|recommendation|general comment|protocol|decision)|[/(])\s*$",
    re.I,
)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_PERIOD = re.compile(
    rf"\b(?:in|during|since|between|from|over)\s+(?:{_MONTHS}\s+)?((?:19|20)\d\d(?:\s*(?:and|-|–|to)\s*(?:19|20)\d\d)?)"
    r"|\b((?:over|during|in) the (?:past|last) (?:\w+\s)?(?:decade|year|month|week)s?)",
    re.I,
)
_MEASURE_STOP = re.compile(
    r"\s(?:had|have|has|were|was|are|is|in|at|during|on|from|who|which|that|"
    r"since|registered|recorded|crossed|died|went|being|to|by|and|for)\b|[,;.()]"
)
# a small number in words counts people ("three migrants died"), not parts ("the two segments")
_PEOPLE = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|migrants|refugees|children|women|men|girls|boys|"
                     r"victims|asylum seekers)\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:the )?([^,]+),")


def _measure(text: str, end: int, unit: str | None) -> str | None:
    rest = text[end:]
    if unit == "percent":
        m = re.match(r"\s+of\s+(?:them\s+)?(?:being\s+)?(.{3,80}?)(?=[,;.]|$| who| were| had)", rest)
        return m.group(1).strip() if m else "share"
    t = _TIME_UNITS.match(rest)
    if t:
        return t.group(1).lower()
    m = re.match(r"\s+((?:[a-z]|[A-Z](?=[a-z]+\b))[\w'-]*\s*(?:[a-z][\w'-]*\s*){0,5})", rest)
    if not m:
        return None
    phrase = m.group(1)
    stop = _MEASURE_STOP.search(" " + phrase)
    phrase = (" " + phrase)[: stop.start()] if stop else " " + phrase
    phrase = phrase.strip()
    if phrase.lower() in ("", "of", "per", "times"):
        return None
    return phrase


def extract_statistics(doc: Document, speakers: Attribution, places: PlaceFinder) -> tuple[Statistic, ...]:
    out: list[Statistic] = []
    for p in doc.paragraphs:
        for s in sentences(p):
            for f in find_figures(s.text):
                before = s.text[: f.start]
                after = s.text[f.end :]
                if _REFERENCE.search(before) or re.match(r"\s*(?:/|\)|\.\d)", after):
                    continue
                if f.unit is None and 1900 <= f.value <= 2100 and "," not in s.text[f.start : f.end]:
                    continue
                if re.match(rf"\s+{_MONTHS}\b", after) or re.search(rf"\b{_MONTHS}\s+$", before):
                    continue
                if (f.written_in_words and f.value < 10 and f.unit is None and not _TIME_UNITS.match(after)
                        and not _PEOPLE.match(after)):
                    continue
                measure = _measure(s.text, f.end, f.unit)
                if measure is None:
                    continue
                q = _QUALIFIER.search(before)
                start = s.start + (q.start() if q else f.start)
                end = s.start + f.end
                if f.unit is None and measure:
                    end = (
                        s.start + f.end + 1 + len(measure) if s.text[f.end + 1 :].startswith(measure) else end
                    )
                qualifier = q.group(1).lower() if q else None
                if qualifier and qualifier.startswith("an "):
                    qualifier = qualifier[3:]
                period = _PERIOD.search(s.text)
                abs_start = s.start + f.start
                out.append(
                    Statistic(
                        value=f.value,
                        measure=measure,
                        evidence=evidence(p, start, end),
                        qualifier=qualifier,
                        period=(period.group(1) or period.group(2)) if period else None,
                        unit=f.unit or (measure if _TIME_UNITS.match(after) else None),
                        about=tuple(dict.fromkeys(k for k in places.keys_in(s.text))),
                        source=_source(p, s.start, s.end, abs_start, s.text, speakers,
                                       frozenset(f.number for f in doc.footnotes)),
                    )
                )
    return tuple(out)


def _source(p, s_start: int, s_end: int, at: int, text: str, speakers: Attribution,
            known: frozenset[int]) -> tuple[str, ...]:
    # only footnotes the report has: a marker whose footnote is missing linked to nothing
    notes = [f"footnote/{r.number}" for r in p.footnotes
             if s_start <= r.offset <= s_end + 1 and r.number in known]
    if notes:
        return tuple(notes)
    acc = _ACCORDING.search(text)
    if acc:
        for m in find_mentions(acc.group(1), kinds=("organization",)):
            return (f"org/{m.key}",)
    return speakers.speaker_at(p.key, at)
