"""Promising practices, commitments and concerns, sentence by sentence.

- Practice: a State's or organisation's representative "referred to", "informed participants
  about", "shared information about", "reported on", "noted" or "highlighted" something; or
  any speaker "outlined", "shared", "highlighted" or "referred to" promising, good or best
  practices. `practiceOf` is the speaker; the description is the rest of the sentence.
- Commitment: "recommitted", "pledged", "committed to"; or a State or organisation speaking of
  its efforts, programmes or measures undertaken ("was making efforts", "efforts to ...",
  "a programme of action", "were seeking to").
- Concern: "expressed (serious) concern", "noted / highlighted / reported / added with
  concern", "is concerned"; `concernOf` is the speaker.
"""

from __future__ import annotations

import re

from ..document import Document
from ..facts import Commitment, Concern, PromisingPractice
from .sentences import evidence, sentences
from .speakers import Attribution
from .vocab import find_concepts

_STATE_VERBS = re.compile(
    r"\b(?:referred to|informed participants (?:about|that|of),?|shared information (?:about|on)|"
    r"reported on|noted|highlighted|added that)\s+",
    re.I,
)
_PRACTICE = re.compile(r"\b(?:promising|good|best|innovative) practices?\b", re.I)
_PRACTICE_VERBS = re.compile(r"\b(?:outlined|shared|highlighted|referred to|included)\b", re.I)
_COMMIT = re.compile(r"\b(?:recommitted|pledged|committed (?:itself |themselves )?to)\b", re.I)
_EFFORTS = re.compile(r"\b(?:efforts?|programmes? of action|undertaken|seeking to|making efforts)\b", re.I)
CONCERN = re.compile(
    r"\b(?:expressed (?:serious |grave |deep )?concern|(?:noted|highlighted|reported|added) with concern|"
    r"(?:is|was|are|were) (?:deeply )?concerned)\s*(?:at|about|over|that|regarding)?\s*",
    re.I,
)


def _by_party(keys: tuple[str, ...]) -> bool:
    return any(k.startswith(("state/", "org/")) for k in keys)


def extract_statements(
    doc: Document, speakers: Attribution
) -> tuple[tuple[PromisingPractice, ...], tuple[Commitment, ...], tuple[Concern, ...]]:
    practices: list[PromisingPractice] = []
    commitments: list[Commitment] = []
    concerns: list[Concern] = []
    for p in doc.paragraphs:
        for s in sentences(p):
            who = speakers.speaker_at(p.number, s.start)
            text = s.text
            party = _by_party(who) and re.match(r"^(?:[^,]*,\s+)?(?:The|the) representative\b", text)
            verb = _STATE_VERBS.search(text)
            if (party and verb) or (_PRACTICE.search(text) and _PRACTICE_VERBS.search(text)):
                at = verb.end() if party and verb else 0
                ev = evidence(p, s.start + at, s.end)
                themes = tuple(dict.fromkeys(m.ref for m in find_concepts(ev.quote, "theme")))
                practices.append(PromisingPractice(ev.quote.rstrip("."), ev, who, themes))
            c = _COMMIT.search(text)
            if c or (_by_party(who) and party and _EFFORTS.search(text)):
                at = c.end() if c else 0
                ev = evidence(p, s.start + at, s.end)
                commitments.append(Commitment(ev.quote.rstrip("."), ev, who))
            for m in CONCERN.finditer(text):
                nxt = CONCERN.search(text, m.end())
                end = nxt.start() if nxt else len(text)
                ev = evidence(p, s.start + m.end(), s.start + end)
                if re.match(r"by\b", ev.quote):  # "X was highlighted with concern by Y": X is the concern
                    ev = evidence(p, s.start, s.start + m.start())
                if len(ev.quote) > 3:
                    concerns.append(Concern(ev.quote.rstrip("."), ev, who))
    return tuple(practices), tuple(commitments), tuple(concerns)
