"""Violation reports: each mention of a violation type that a sentence reports as suffered.

A mention of the violation-type scheme (labels, word forms, and the extra surface forms of
``data/surface-forms.csv``) counts unless the sentence recommends (it then names what to
prevent, not what happened), the mention follows a word of prevention, prohibition or
principle within its clause ("prevent", "prohibiting", "the principle of", "combat"), it
lies inside an instrument's or body's name (or any Title Case name), or the sentence is a
State's or organisation's account of its own measures ("The representative of X referred to
... victims of trafficking"). One report per type per sentence. Perpetrators,
affected groups and locations are those named in the same sentence; the report is hedged
when the sentence says "reportedly", "allegedly", "it was reported", "noted with concern" or
the like. `reportedBy` is the sentence's speaker.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources

from ..document import Document
from ..facts import ViolationReport
from ..registry import find_mentions
from ..spans import Spans
from .places import PlaceFinder
from .recommendations import is_recommendation
from .sentences import evidence, sentences
from .speakers import Attribution
from .vocab import ConceptMention, find_concepts, variants

HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|alleged|it was reported|were reported|had been reported|"
    r"noted with concern|highlighted with concern|reported with concern|reports of|allegations of|"
    r"may have|might have|is said to)\b",
    re.I,
)
_BLOCKERS = re.compile(
    r"\b(?:prevent(?:ing|ion of)?|prohibit(?:ing|ion of|ed)?|principle of|combat(?:ing)?|end(?:ing)?|"
    r"eradicat\w*|eliminat\w*|counter(?:ing)?|free from|protect(?:ing)? \w+ from|address(?:ing)?|"
    r"criminaliz\w+|decriminaliz\w+|grounds?|risks? of|investigat\w*|alternatives? to)\b[^,;]*$",
    re.I,
)


_PARTY = re.compile(r"^(?:[^,]*,\s+)?(?:The|the) representative\b")


@cache
def _extra_forms(scheme: str) -> tuple[tuple[str, str], ...]:
    text = resources.files(__package__).joinpath("data", "surface-forms.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        if r["scheme"] == scheme:
            out.extend((v, f"{scheme}/{r['concept']}") for v in variants(r["form"]))
    return tuple(sorted(out, key=lambda f: -len(f[0])))


@cache
def _extra_patterns(scheme: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(form, its pattern, ref) for `_extra_forms`, compiled once, not per sentence."""
    return tuple((form.lower(), re.compile(rf"(?<![\w-]){re.escape(form)}(?!\w)(?!-\w)", re.I), ref)
                 for form, ref in _extra_forms(scheme))


def violation_mentions(text: str) -> list[ConceptMention]:
    hits = find_concepts(text, "violation-type")
    kept = Spans()  # O(log n) per test: `all(...)` over `hits` was quadratic in mentions
    for h in hits:
        kept.add(h.start, h.end)
    # in ASCII text a form matches (ignoring case) only where its lower case is a substring
    low = text.lower() if text.isascii() else None
    for form, pattern, ref in _extra_patterns("violation-type"):
        if low is not None and form.isascii() and form not in low:
            continue
        for m in pattern.finditer(text):
            if kept.add_if_free(m.start(), m.end()):
                hits.append(ConceptMention(m.start(), m.end(), m.group(0), ref))
    return sorted(hits, key=lambda h: h.start)


def extract_violations(
    doc: Document, speakers: Attribution, places: PlaceFinder
) -> tuple[ViolationReport, ...]:
    out: list[ViolationReport] = []
    for p in doc.paragraphs:
        for s in sentences(p):
            if is_recommendation(s.text) or _PARTY.match(s.text):
                continue
            names = [(m.start, m.end) for m in find_mentions(s.text, kinds=("instrument", "organization"))]
            seen: set[str] = set()
            perps = tuple(dict.fromkeys(m.ref for m in find_concepts(s.text, "perpetrator-type")))
            groups = tuple(dict.fromkeys(m.ref for m in find_concepts(s.text, "affected-group")))
            locations = tuple(places.keys_in(s.text))
            hedged = bool(HEDGES.search(s.text))
            for m in violation_mentions(s.text):
                if m.ref in seen or any(a <= m.start < b for a, b in names):
                    continue
                if m.start > 0 and m.surface[0].isupper() and not m.surface.isupper():
                    continue  # part of a Title Case name ("Border Violence Monitoring Network")
                clause = re.split(r"[;:]|,\s+(?:and|but|while|which|as)\b", s.text[: m.start])[-1]
                if _BLOCKERS.search(clause[-90:]):
                    continue
                seen.add(m.ref)
                at = s.start + m.start
                out.append(
                    ViolationReport(
                        violation_type=m.ref,
                        evidence=evidence(p, at, s.start + m.end),
                        reported_by=speakers.speaker_at(p.number, at),
                        perpetrators=perps,
                        affected_groups=groups,
                        locations=locations,
                        hedged=hedged,
                    )
                )
    return tuple(out)
