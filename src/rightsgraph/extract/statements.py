"""Promising practices, commitments and concerns, sentence by sentence.

- Practice: a State's or organisation's representative "referred to", "informed participants
  about", "shared information about", "reported on", "described", "noted" or "highlighted"
  something; or any speaker "outlined", "shared", "highlighted" or "referred to" promising,
  good or best practices, or shared examples. `practiceOf` is the representative's party, else
  the States the speaker (a rapporteur, panellist or reporting office) names as having the
  practice, else the speaker; the description is the rest of the sentence.
- Commitment: a pledge of future (or continuing) action by its actor: "recommitted",
  "pledged", "committed to", "undertook to", "announced that it would", "will continue to",
  "was working to" ... A party reporting what it did or does ("informed participants about
  the adoption of ...", "referred to efforts to ...") is a practice, never also a commitment.
- Concern: "expressed (serious) concern", "noted / highlighted / reported / added with
  concern", "is (deeply) concerned", "expressed alarm", "deplored", "regretted" ...;
  `concernOf` is the speaker.

The cue phrases of practices, commitments and concerns are in ``data/statement-cues.csv``.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources

from ..document import Document
from ..facts import Commitment, Concern, PromisingPractice
from ..registry import find_mentions
from .sentences import evidence, sentences
from .speakers import Attribution
from .vocab import find_concepts, union


@cache
def _cues(kind: str) -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("data", "statement-cues.csv").read_text(encoding="utf-8")
    return tuple(r["cue"] for r in csv.DictReader(io.StringIO(text)) if r["kind"] == kind)


def _alternation(kind: str) -> str:
    return union([c.lower() for c in _cues(kind)], re.I)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a party's practice verb, a commitment cue, a concern cue with what introduces its object)."""
    return (
        re.compile(rf"\b(?:{_alternation('practice')}),?\s+", re.I),
        re.compile(rf"\b(?:{_alternation('commitment')})\b", re.I),
        re.compile(rf"\b(?:{_alternation('concern')})\b\s*(?:at|about|over|that|regarding)?\s*", re.I),
    )


_PRACTICE = re.compile(r"\b(?:promising|good|best|innovative) practices?\b|\bshared examples\b", re.I)
_PRACTICE_VERBS = re.compile(
    r"\b(?:outlined|outlines|shared|shares|highlighted|highlights|referred to|refers to|included|includes|"
    r"notes|welcomes|cites)\b", re.I)


def _states_named(text: str) -> tuple[str, ...]:
    """The States a sentence names: whose practice a rapporteur or panellist describes."""
    found = find_mentions(text, kinds=("state",), adjectives=False)
    return tuple(dict.fromkeys(f"state/{m.key}" for m in found))


def _subject_party(text: str) -> tuple[str, ...]:
    """The State or organisation a sentence opens with ("OHCHR will continue to ..."): the
    actor of a pledge no speaker is attributed with."""
    found = find_mentions(text, kinds=("state", "organization"), adjectives=False)
    if not found or text[:found[0].start].strip(" ,").lower() not in ("", "the"):
        return ()
    head = "state" if found[0].kind == "state" else "org"
    return (f"{head}/{found[0].key}",)


def _by_party(keys: tuple[str, ...]) -> bool:
    return any(k.startswith(("state/", "org/")) for k in keys)


def extract_statements(
    doc: Document, speakers: Attribution
) -> tuple[tuple[PromisingPractice, ...], tuple[Commitment, ...], tuple[Concern, ...]]:
    practices: list[PromisingPractice] = []
    commitments: list[Commitment] = []
    concerns: list[Concern] = []
    state_verbs, commit, concern = _patterns()
    for p in doc.paragraphs:
        for s in sentences(p):
            who = speakers.speaker_at(p.key, s.start)
            text = s.text
            party = _by_party(who) and re.match(r"^(?:[^,]*,\s+)?(?:The|the) representative\b", text)
            verb = state_verbs.search(text)
            if (party and verb) or (_PRACTICE.search(text) and _PRACTICE_VERBS.search(text)):
                at = verb.end() if party and verb else 0
                ev = evidence(p, s.start + at, s.end)
                themes = tuple(dict.fromkeys(m.ref for m in find_concepts(ev.quote, "theme")))
                of = who if party else (_states_named(text) or who)
                cue = "party-verb" if party and verb else "practice-phrase"
                practices.append(PromisingPractice(ev.quote.rstrip("."), ev, of, themes,
                                                   rule=f"builtin/extract.statements/{cue}"))
            c = commit.search(text)
            if c:
                ev = evidence(p, s.start + c.end(), s.end)
                actor = _subject_party(text[:c.start()]) or who  # "OHCHR will ...": its own
                commitments.append(Commitment(ev.quote.rstrip("."), ev, actor,
                                              rule=f"builtin/extract.statements/commitment:{_cue(c.group(0))}"))
            for m in concern.finditer(text):
                nxt = concern.search(text, m.end())
                end = nxt.start() if nxt else len(text)
                ev = evidence(p, s.start + m.end(), s.start + end)
                if re.match(r"by\b", ev.quote):  # "X was highlighted with concern by Y": X is the concern
                    ev = evidence(p, s.start, s.start + m.start())
                if len(ev.quote) > 3:
                    concerns.append(Concern(ev.quote.rstrip("."), ev, who,
                                            rule=f"builtin/extract.statements/concern:{_cue(m.group(0))}"))
    return tuple(practices), tuple(commitments), tuple(concerns)


def _cue(words: str) -> str:
    """The cue that fired, as a rule id part: "expressed deep concern" -> "expressed-deep-concern"."""
    return re.sub(r"\W+", "-", words.strip().lower()).strip("-")
