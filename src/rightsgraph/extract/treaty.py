"""Treaty-body concluding observations: the Committee's concerns and recommendations.

A concluding observation is written by one Committee about one State party (or the European
Union), both named on its cover. Under each heading (a Convention article, "Equality and
non-discrimination (art. 5)", or a theme) the Committee states what it is concerned about
("The Committee is concerned about: (a) ...; (b) ...") and what it recommends ("The Committee
recommends that the State party: (a) ..."). The cues are the rules of the genre's pack
(``rules/<lang>/treaty-co/rules.toml``); this module applies them to the structure:

- a sentence of a paragraph's lead whose subject is the Committee and that a rule matches gives
  one fact per top-level sub-item when the lead ends with a colon, else one fact for the rest
  of the sentence;
- `recommendedBy` / `concernOf` is the Committee of the cover, `addressedTo` the State party of
  the cover; the heading above is the fact's heading, its article references
  (``(arts. 1–4)``) the Convention articles the fact invokes;
- "reiterates its previous recommendations" links the symbols of the Committee's own earlier
  concluding observations cited in the paragraph or its footnotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Paragraph
from ..facts import Concern, Evidence, Instrument, Recommendation, StatementContext
from ..registry import find_mentions, instruments
from .instruments import registry_instrument
from .recommendations import specificity
from .rulepack import Rule, RulePack
from .sentences import evidence, sentences
from .treaty_rules import Item, footnote_texts, search, series_of, symbols_in, top_items

_TRIM = " ;,.:"
_MOST_ARTICLES = 3


@dataclass(frozen=True)
class Observations:
    recommendations: tuple[Recommendation, ...] = ()
    concerns: tuple[Concern, ...] = ()
    instruments: tuple[Instrument, ...] = ()


@dataclass(frozen=True)
class _Hit:
    rule: Rule
    body: int  # offset in the paragraph where the action or the concern's object begins
    end: int  # end of the sentence (clipped to the lead)
    listed: bool  # the sentence introduces the paragraph's sub-items


def extract_observations(doc: Document, pack: RulePack, *, author: str | None,
                         subject: str | None) -> Observations:
    """The concerns and recommendations of a concluding observation, one per paragraph
    statement or sub-item; `author` and `subject` are the actor keys of the cover."""
    own = series_of(doc.symbol)
    parts: dict[str, Instrument] = {}
    recs: list[Recommendation] = []
    concerns: list[Concern] = []
    by = (author,) if author else ()
    to = (subject,) if subject else ()
    for p in doc.paragraphs:
        hits = _hits(p, pack)
        if not hits:
            continue
        heading = _heading(doc, p)
        invoked = _articles(heading, pack, own.treaty if own else None, parts)
        reiterated = _reiterated(doc, p, pack) if any(h.rule.fact == "recommendation" for h in hits) else ()
        for hit, ev, label in _statements(p, hits):
            text = ev.quote.rstrip(_TRIM)
            if len(text) < 8:
                continue
            if hit.rule.fact == "recommendation":
                context = StatementContext(hit.rule.id, heading, label, reiterates=reiterated)
                level, why = specificity(text)
                named = tuple(f"instrument/{m.key}" for m in find_mentions(text, kinds=("instrument",)))
                recs.append(Recommendation(text, ev, recommended_by=by, addressed_to=to,
                                           instruments=tuple(dict.fromkeys((*invoked, *named))),
                                           specificity=level, specificity_rule=why, context=context))
            else:
                concerns.append(Concern(text, ev, concern_of=by,
                                        context=StatementContext(hit.rule.id, heading, label)))
    return Observations(tuple(recs), tuple(concerns), tuple(parts[k] for k in sorted(parts)))


def _hits(p: Paragraph, pack: RulePack) -> list[_Hit]:
    """The rules that fire in the sentences of the paragraph's lead, one per kind and sentence."""
    items = top_items(p)
    lead_end = items[0].at if items else len(p.text)
    subject = pack.patterns["subject"]
    found: list[_Hit] = []
    for s in sentences(p):
        if s.start >= lead_end:
            break
        end = min(s.end, lead_end)
        text = p.text[s.start:end]
        listed = bool(items) and text.rstrip().endswith(":") and not p.text[end:lead_end].strip()
        kinds: set[str] = set()
        for rule in pack.rules:
            if rule.fact in kinds:
                continue
            m = search(rule, text)
            if m is None or not subject.search(text, 0, m.start()):
                continue
            after = pack.patterns["addressee" if rule.fact == "recommendation" else "object"]
            tail = after.match(text[m.end():])
            body = s.start + m.end() + (tail.end() if tail else 0)
            kinds.add(rule.fact)
            found.append(_Hit(rule, body, end, listed))
    return found


def _statements(p: Paragraph, hits: list[_Hit]):
    """(hit, evidence, sub-item label) for each statement the hits make."""
    items = top_items(p)
    for hit in hits:
        if hit.listed:
            for item in items:
                yield hit, _item_evidence(p, item), item.label
        else:
            yield hit, evidence(p, hit.body, hit.end), None


def _item_evidence(p: Paragraph, item: Item) -> Evidence:
    end = item.end
    while end > item.start and p.text[end - 1] in _TRIM + " ":
        end -= 1
    text = p.text[item.start:end]
    conj = re.search(r"(?:;|,)?\s+and$", text)  # "(d) ...; and" before the last item
    return evidence(p, item.start, item.start + conj.start() if conj else end)


def _heading(doc: Document, p: Paragraph) -> str | None:
    if not p.section:
        return None
    try:
        return doc.section(p.section).title
    except KeyError:
        return None


def _articles(heading: str | None, pack: RulePack, treaty: str | None,
              parts: dict[str, Instrument]) -> tuple[str, ...]:
    """Instrument keys of the Convention articles a heading names ("(art. 5)", "(arts. 1–4)")."""
    record = instruments.by_slug(treaty) if treaty else None
    m = pack.patterns["heading_article"].search(heading or "")
    if record is None or not record.parts_pattern or m is None:
        return ()
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    numbers = range(first, last + 1) if "and" not in m.group(0) else (first, last)
    if len(numbers) > _MOST_ARTICLES:  # "(arts. 5–30)": a part of the Convention, not an article
        return ()
    treaty_inst = registry_instrument(treaty)
    parts.setdefault(treaty_inst.key, treaty_inst)
    keys = []
    for n in numbers:
        key = f"instrument/{record.parts_pattern.format(n=n)}"
        parts.setdefault(key, Instrument(key, "InstrumentPart", f"Article {n} of the {record.name}",
                                         identifier=f"article {n}", part_of=treaty_inst.key))
        keys.append(key)
    return tuple(keys)


def _reiterated(doc: Document, p: Paragraph, pack: RulePack) -> tuple[str, ...]:
    """Symbols of the Committee's earlier concluding observations a reiterating paragraph cites."""
    if not pack.patterns["reiterates"].search(p.text):
        return ()
    own = series_of(doc.symbol)
    cited = [*symbols_in(p.text), *(s for t in footnote_texts(doc, p) for s in symbols_in(t))]
    return tuple(dict.fromkeys(
        s for s in cited
        if s != doc.symbol and "/CO/" in s and own is not None and series_of(s) == own
    ))
