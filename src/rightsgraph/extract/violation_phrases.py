"""Violations said in phrases rather than names, and generic mentions the sentence types.

Word lists live in ``data/surface-forms.csv``; here are the wordings that need a slot between
their words or a look at the rest of the sentence:

- phrases with an object or a gap: "forced her to sell sex", "made to work", "kept her
  documents", "passports were taken", "to repay a debt", "recovered 38 bodies", "no one had
  been held accountable", "prosecutions ... remained rare", "intercepted, she was returned",
  "returned to situations where they faced ...", "fined or imprisoned for using false
  documents" (the punishment of migrating itself). A phrase's mention is its named group when
  it has one ("kept her *documents*"), so that the words it spans stay free for other types;
- a generic type made specific by its sentence: an expulsion of hundreds or thousands of people
  is a collective expulsion; a deprivation of liberty where the sentence
  speaks of removal, return or migration status is immigration detention (of children when
  children are its subject); an expulsion "within hours" or "without an interview" is an
  arbitrary deportation.
"""

from __future__ import annotations

import re

from .vocab import ConceptMention

_VT = "violation-type/"
_OBJ = r"(?:[\w'’-]+\s+){0,2}?"  # "forced her to", "made men and boys to": a short object
_DOCS = "passport documents phones"
# (pattern, type, words one of which it contains: a sentence with none of them is not scanned)
_TABLE = (
    (rf"\b(?:forced|compelled|coerced|made)\s+{_OBJ}(?:to\s+sell\s+sex|into\s+prostitution)\b",
     "sexual-exploitation", "sex prostitution"),
    (rf"\b(?:forced|compelled|coerced|made)\s+{_OBJ}to\s+work\b", "forced-labour",
     "forced compelled coerced made"),
    (rf"\b(?:forced|compelled|made)\s+{_OBJ}to\s+undress\b", "ill-treatment", "undress"),
    (r"\b(?:kept|took|taken|seized|confiscated|withheld|retained|stripped\s+of)\s+(?:[\w'’-]+\s+){0,3}?"
     r"(?P<m>passports?|identity\s+documents|documents|(?:tele)?phones)\b",
     "confiscation-of-property", _DOCS),
    (r"\b(?P<m>passports?|identity\s+documents|(?:tele)?phones)(?:\s+and\s+[\w-]+)?\s+(?:were|was|had\s+been)"
     r"\s+(?:taken|seized|confiscated|withheld|kept)\b", "confiscation-of-property", _DOCS),
    (r"\brepay\s+(?:a|the|their|his|her)\s+debts?\b|\bdebts?\s+(?:were|was|had)\s+not\s+(?:been\s+)?repaid\b",
     "debt-bondage", "repa"),
    (r"\brecovered\s+(?:\d[\d,]*\s+)?bodies\b|\bbodies\s+(?:were|had\s+been)\s+(?:recovered|found)\b",
     "deaths-and-disappearances", "bodies"),
    (r"\b(?:no\s+one|nobody)\b[^.;]{0,30}?\bheld\s+accountable\b|\bprosecutions?\b[^.;]{0,40}?"
     r"\b(?:remained|remain|were|are)\s+(?:rare|few)\b", "impunity", "accountable prosecution"),
    (r"\b(?P<m>intercept(?:ed|ions?))\b[^.;]{0,60}?\b(?:returned|pulled\s+back|taken\s+back|brought\s+back)\b",
     "pushback", "intercept"),
    (r"\b(?:returned|sent\s+(?:back|on)|deported|handed\s+over)\b[^.;]{0,60}?\b(?:where|in\s+which)\s+they\s+"
     r"(?:faced|risked|were\s+at\s+risk)\b", "refoulement", "faced risk"),
    (r"\b(?:fined|imprisoned|sentenced|prosecuted|prosecution|punished|penali[sz]ed)\b[^.;]{0,50}?"
     r"\b(?P<m>for\s+(?:using\s+false|having\s+(?:left|entered|crossed)|smuggling|irregular|illegal|unlawful))\b",
     "criminalization-of-migration", "fined imprisoned sentenced prosecut punished penali"),
)
_PHRASES = tuple((re.compile(p, re.I), _VT + ref, tuple(words.split())) for p, ref, words in _TABLE)


def phrase_mentions(text: str) -> list[ConceptMention]:
    """Mentions of `_PHRASES` in `text` (they may overlap other mentions: the caller keeps the
    longest). Only the phrases whose words the text contains are scanned for."""
    low = text.lower()  # substring tests: cheaper than one more regex pass over every sentence
    out = []
    for pattern, ref, words in _PHRASES:
        if not any(w in low for w in words):
            continue
        for m in pattern.finditer(text):
            start, end = m.span("m") if "m" in pattern.groupindex and m.group("m") else m.span()
            out.append(ConceptMention(start, end, text[start:end], ref))
    return out


# a removal, return or migration status the detention serves: in its clause before it ("people
# in detention" after "return is offered to"), or tied to it after ("detention to enforce returns",
# "detained due to their parents' migration status"); not "his detention and deportation"
_REMOVAL_BEFORE = re.compile(
    r"\b(?:pre-removal|removals?|returns?|returned|returnees|deport(?:ation|ed)|expulsions?|readmission)\b"
    r"[^.;:]{0,80}$", re.I)
_REMOVAL_AFTER = re.compile(
    r"^[^.;:,]{0,40}?\b(?:(?:to\s+enforce|pending|prior\s+to|for\s+the\s+purpose\s+of)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:removals?|returns?|deportations?|expulsions?)|(?:on\s+account\s+of|due\s+to|because\s+of)\s+"
    r"(?:[\w'’]+\s+){0,5}?(?:migration|immigration)\s+status)\b", re.I)
_CHILDREN_BEFORE = re.compile(r"\bchild(?:ren)?\b[^.;:,]{0,60}$", re.I)
_MASS = re.compile(
    r"\b(?:\d[\d,.]*(?:\s+(?:hundred|thousand|million))?|hundreds|thousands|dozens)\s+(?:of\s+)?"
    r"(?:[\w-]+\s+)?(?:people|persons|migrants|refugees|asylum seekers|nationals|individuals)\b", re.I)
_ARBITRARY = re.compile(
    r"\bwithin\s+(?:hours|minutes|(?:\d+|a\s+few)\s+hours)\b|\bwithout\s+(?:an?\s+|any\s+)?(?:individual\s+)?"
    r"(?:assessment|interview|hearing)\b|\bsummarily\b", re.I)


def specific_type(ref: str, sentence: str, start: int, end: int, clause: str = "") -> str:
    """The type a generic mention at `start:end` of `sentence` has in that sentence (`clause`:
    the words of its clause before it)."""
    if ref == _VT + "unlawful-expulsion-and-return" and _MASS.search(clause):
        return _VT + "collective-expulsion"  # "2,000 people were expelled"
    if ref == _VT + "deprivation-of-liberty" and (
            _REMOVAL_BEFORE.search(sentence, 0, start) or _REMOVAL_AFTER.match(sentence[end:end + 120])):
        ref = _VT + "immigration-detention"
    if ref == _VT + "immigration-detention" and _CHILDREN_BEFORE.search(sentence, 0, start):
        return _VT + "immigration-detention-of-children"
    if ref == _VT + "unlawful-expulsion-and-return" and _ARBITRARY.search(sentence, end, end + 60):
        return _VT + "arbitrary-deportation"
    return ref
