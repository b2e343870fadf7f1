"""Violation reports: each mention of a violation type that a sentence reports as suffered.

A mention of the violation-type scheme (labels, word forms, and the extra surface forms of
``data/surface-forms.csv``; in "racial and religious profiling" the first conjunct too) counts
unless the sentence recommends (it then names what to prevent, not what happened; so do the
items "(a) ... (b) ..." of a list it introduces), the mention follows a word of prevention,
prohibition or principle within its clause ("prevent", "prohibiting", "the principle of",
"combat", "a risk of ..., such as"), a norm follows it ("... is prohibited"), it continues a
list whose earlier item was ruled out so, it lies inside an instrument's or body's name (or
any Title Case name), or the sentence is a State's or organisation's account of its own
measures ("The representative of X referred to ... victims of trafficking"; a representative
who reports abuses or expresses concern does report them). The detention of vessels is not a
deprivation of liberty; an expulsion of a number of people is a collective expulsion. One
report per type per sentence. Perpetrators, affected groups and locations are those named in
the same sentence; the report is hedged when the sentence says "reportedly", "allegedly", "it
was reported", "noted with concern" or the like. `reportedBy` is the sentence's speaker.
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
from .violation_phrases import phrase_mentions, specific_type
from .vocab import ConceptMention, find_concepts, matcher, union, variants

HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|alleged|it was reported|were reported|had been reported|"
    r"noted with concern|highlighted with concern|reported with concern|reports of|allegations of|"
    r"may have|might have|is said to)\b",
    re.I,
)
_BLOCKERS = re.compile(
    r"\b(?:prevent(?:ing|ion of)?|prohibit(?:ing|ion of|ed)?|principle of|combat(?:ing)?|end(?:ing)?|"
    r"eradicat\w*|eliminat\w*|counter(?:ing)?|free from|protect(?:ing)? \w+ from|address(?:ing)?|"
    r"criminaliz\w+|decriminaliz\w+|grounds?|risks? of|investigat\w*|alternatives? to|to report|"
    r"reporting of|(?:for|to) victims of|protection of|identification of|monitoring of)\b[^,;]*$",
    re.I,
)


# A party's account of its own measures ("The representative of X referred to ... victims of
# trafficking"); a representative who reports abuses or expresses concern is not skipped.
_PARTY = re.compile(
    r"^(?:[^,]*,\s+)?(?:The|the) representative\b[^.;]*?\b(?:referred to|informed participants|"
    r"shared information|reported on|described|outlined|presented|highlighted (?:the|its|their)|"
    r"noted (?:the|its|their))\b"
)
# After a mention: it is what a rule forbids or a norm protects against, not what happened
_NORM_AFTER = re.compile(
    r"^(?:\s+of\s+[\w\s-]{1,40}?)?,?\s+(?:(?:is|are|was|were|be|being|remains?)\s+)?(?:strictly\s+|"
    r"absolutely\s+|expressly\s+)?(?:prohibited|forbidden|banned|outlawed)\b",
    re.I,
)
# Between two mentions of one list ("a risk of torture, ill-treatment and ..."): no new clause
_LIST_GAP = re.compile(r"^[^.;:]{0,80}$")
_NEW_CLAUSE = re.compile(
    r"\b(?:that|which|who|whom|whose|where|when|while|but|is|are|was|were|had|has|have|did|does)\b", re.I)
_VESSEL = re.compile(r"^\s+of\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+)?(?:vessels|ships|boats)\b", re.I)
# a list's introducer does not end the clause: "at risk of violations, such as torture"
_INTRODUCED = re.compile(r",(?=\s+(?:such as|namely|inter alia)\b)")
_LIST_ITEM = re.compile(r"^\s*\([a-z]\)\s")


@cache
def _extra_forms(scheme: str) -> tuple[tuple[str, str], ...]:
    text = resources.files(__package__).joinpath("data", "surface-forms.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        if r["scheme"] == scheme:
            out.extend((v, f"{scheme}/{r['concept']}") for v in variants(r["form"]))
    return tuple(sorted(out, key=lambda f: -len(f[0])))


@cache
def _extra_pattern(scheme: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every form of `_extra_forms` (compiled once, one pass per sentence)
    and each form's ref by its lower case."""
    refs: dict[str, str] = {}
    for form, ref in _extra_forms(scheme):
        refs.setdefault(" ".join(form.lower().split()), ref)
    body = union(list(refs), re.I)
    return re.compile(rf"(?<![\w-])(?:{body})(?!\w)(?!-\w)", re.I), refs


def violation_mentions(text: str) -> list[ConceptMention]:
    """Every mention of a violation type: the vocabulary's, the phrases' and the extra surface
    forms', the longest first where they overlap ("detained incommunicado" over "detained")."""
    found = list(find_concepts(text, "violation-type"))
    phrases = phrase_mentions(text)
    found.extend(phrases)
    pattern, refs = _extra_pattern("violation-type")
    for m in pattern.finditer(text):
        ref = refs.get(" ".join(m.group(0).lower().split()))
        if ref:
            found.append(ConceptMention(m.start(), m.end(), m.group(0), ref))
    kept = Spans()  # O(log n) per test: `all(...)` over `hits` was quadratic in mentions
    longest_first = sorted(found, key=lambda h: (h.start - h.end, h.start))
    hits = [h for h in longest_first if kept.add_if_free(h.start, h.end)]
    if phrases:  # a phrase is the evidence only where no name or form of its type is
        phrased = {id(h) for h in phrases}
        named = {h.ref for h in hits if id(h) not in phrased}
        hits = [h for h in hits if id(h) not in phrased or h.ref not in named]
    hits.extend(_elided(text, hits, kept))
    return sorted(hits, key=lambda h: h.start)


_CONJOINED = re.compile(r"([A-Za-z][\w-]*),?\s+(?:and|or|and/or)\s+$")


def _elided(text: str, hits: list[ConceptMention], kept: Spans) -> list[ConceptMention]:
    """The first conjunct of "A and B head" when "A head" is a form: "racial and religious
    profiling" names racial profiling too, "physical and sexual violence" physical violence."""
    out = []
    forms = _forms()
    for h in hits:
        head = h.surface.split(None, 1)
        if len(head) < 2:
            continue
        m = _CONJOINED.search(text, max(0, h.start - 40), h.start)
        if m is None or m.end() != h.start or kept.overlaps(m.start(1), m.end(1)):
            continue
        ref = forms.get(f"{m.group(1).lower()} {head[1].lower()}")
        if ref and ref != h.ref:
            kept.add(m.start(1), m.end(1))
            out.append(ConceptMention(m.start(1), m.end(1), m.group(1), ref))
    return out


@cache
def _forms() -> dict[str, str]:
    """Every matched form of the scheme, lower case, to its ref."""
    out = {f.lower(): r for f, r in _extra_forms("violation-type")}
    out.update({f.lower(): r for f, r in matcher("violation-type").by_form.items()})
    return out


def extract_violations(
    doc: Document, speakers: Attribution, places: PlaceFinder
) -> tuple[ViolationReport, ...]:
    out: list[ViolationReport] = []
    for p in doc.paragraphs:
        listed = False  # the items "(a) ... (b) ..." after "recommends that States:" recommend too
        for s in sentences(p):
            recommends = is_recommendation(s.text)
            if recommends or (listed and _LIST_ITEM.match(s.text)):
                listed = listed or (recommends and s.text.rstrip().endswith(":"))
                continue
            listed = False
            if _PARTY.match(s.text):
                continue
            names = [(m.start, m.end) for m in find_mentions(s.text, kinds=("instrument", "organization"))]
            seen: set[str] = set()
            perps = tuple(dict.fromkeys(m.ref for m in find_concepts(s.text, "perpetrator-type")))
            groups = tuple(dict.fromkeys(m.ref for m in find_concepts(s.text, "affected-group")))
            locations = tuple(places.keys_in(s.text))
            hedged = bool(HEDGES.search(s.text))
            blocked_end = -1  # end of the last mention a blocker or norm ruled out
            for m in violation_mentions(s.text):
                if any(a <= m.start < b for a, b in names):
                    continue
                if m.start > 0 and m.surface[0].isupper() and not m.surface.isupper():
                    continue  # part of a Title Case name ("Border Violence Monitoring Network")
                clause = re.split(r"[;:]|,\s+(?:and|but|while|which|as)\b", s.text[: m.start])[-1]
                near = 0 <= blocked_end and m.start - blocked_end <= 80  # a list's next item
                gap = s.text[blocked_end : m.start] if near else None
                after = s.text[m.end : m.end + 80]
                if (_BLOCKERS.search(_INTRODUCED.sub("", clause)[-90:]) or _NORM_AFTER.match(after)
                        or (gap is not None and _LIST_GAP.match(gap) and not _NEW_CLAUSE.search(gap))):
                    blocked_end = m.end
                    continue
                if m.ref.endswith("deprivation-of-liberty") and _VESSEL.match(after):
                    continue  # "the detention of 21 humanitarian vessels": ships, not people
                ref = specific_type(m.ref, s.text, m.start, m.end, clause)
                if ref != m.ref:
                    m = ConceptMention(m.start, m.end, m.surface, ref)
                if m.ref in seen:
                    continue
                seen.add(m.ref)
                at = s.start + m.start
                out.append(
                    ViolationReport(
                        violation_type=m.ref,
                        evidence=evidence(p, at, s.start + m.end),
                        reported_by=speakers.speaker_at(p.key, at),
                        perpetrators=perps,
                        affected_groups=groups,
                        locations=locations,
                        hedged=hedged,
                    )
                )
    return tuple(out)
