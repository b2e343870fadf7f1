"""OHCHR compilations and summaries of stakeholders' submissions: who recommended what.

Both genres report, sentence by sentence, what others said about the State under review: "The
Committee against Torture recommended that Slovenia ...", "The same Committee was concerned
...", "JS2 and CoE-Commissioner recommended that Slovenia ratify ...". The cues are the rules of
the genre's pack (``rules/<lang>/compilation/``, ``rules/<lang>/stakeholders/``); the author of
each recommendation or concern is read from the sentence's subject:

- the bodies of the registry it names (treaty bodies, special procedures, UN agencies), and in a
  stakeholders' summary the codes of the document's own list of submissions;
- else an anaphor ("The Committee", "The same Committee", "She", "It") resolved to the last
  author of that kind the document named; a Committee is checked against the treaty-body series
  of the symbol its footnote cites, and taken from it when the two disagree;
- else (and for "It was recommended") the bodies, or stakeholder codes, its footnote cites.

The addressee is the State under review; the footnote's source documents are the fact's
sources (rg:sourceDocument).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..facts import Actor, Concern, Recommendation, StatementContext
from ..registry import find_mentions
from .compilation_sources import Stakeholders, cited_sources, source_footnote, source_text
from .recommendations import specificity
from .rulepack import RulePack
from .sentences import evidence, sentences
from .treaty_rules import actor, search, series_of

_KIND_WORDS = {
    "committee": ("committee", "subcommittee"),
    "subcommittee": ("subcommittee",),
    "special rapporteur": ("rapporteur",),
    "rapporteur": ("rapporteur",),
    "independent expert": ("expert",),
    "expert": ("expert", "rapporteur"),
    "working group": ("working group",),
    "office": ("office",),
    "mechanism": ("mechanism",),
}


@dataclass(frozen=True)
class Reported:
    recommendations: tuple[Recommendation, ...] = ()
    concerns: tuple[Concern, ...] = ()
    actors: tuple[Actor, ...] = ()


class _Memory:
    """The authors the document named last, for anaphors."""

    def __init__(self) -> None:
        self.last: list[tuple[str, ...]] = []
        self.labels: dict[str, str] = {}

    def remember(self, keys: tuple[str, ...], actors: dict[str, Actor]) -> None:
        if keys:
            self.last.append(keys)
            for k in keys:
                self.labels[k] = actors[k].label.lower() if k in actors else k

    def recall(self, word: str) -> tuple[str, ...]:
        word = re.sub(r"\s+", " ", word.lower())
        wanted = _KIND_WORDS.get(word)
        for keys in reversed(self.last):
            if wanted is None or any(w in self.labels.get(k, "") for k in keys for w in wanted):
                return keys
        return ()


def extract_reported(doc: Document, pack: RulePack, *, subject: str | None,
                     codes: Stakeholders | None = None) -> Reported:
    """Recommendations and concerns of a compilation (``codes`` None) or of a stakeholders'
    summary (``codes``: its list of submissions), with their authors."""
    actors: dict[str, Actor] = {a.key: a for a in (codes.actors.values() if codes else ())}
    memory = _Memory()
    recs: list[Recommendation] = []
    concerns: list[Concern] = []
    to = (subject,) if subject else ()
    for p in doc.paragraphs:
        for s in sentences(p):
            note = source_footnote(doc, p, s.start, s.end)
            sources = cited_sources(doc, note, pack) if codes is None else ()
            named = _named(s.text, pack, codes, actors)
            kinds: set[str] = set()
            for rule in pack.rules:
                m = search(rule, s.text)
                if m is None or rule.fact in kinds:
                    continue
                kinds.add(rule.fact)
                who = _authors(s.text[:m.start()], rule.values.get("agent"), pack, codes, actors, memory,
                               _footnote_authors(doc, note, pack, codes, actors))
                after = pack.patterns["addressee" if rule.fact == "recommendation" else "object"]
                tail = after.match(s.text[m.end():])
                ev = evidence(p, s.start + m.end() + (tail.end() if tail else 0), s.end)
                text = ev.quote.rstrip(" ;,.")
                if len(text) < 8:
                    continue
                context = StatementContext(rule.id, _heading(doc, p.section), sources=sources)
                if rule.fact == "recommendation":
                    level, why = specificity(text)
                    recs.append(Recommendation(text, ev, recommended_by=who, addressed_to=to,
                                               specificity=level, specificity_rule=why, context=context))
                else:
                    concerns.append(Concern(text, ev, concern_of=who, context=context))
                if rule.values.get("agent") is None:
                    named = named or who
            memory.remember(named, actors)
    used = {k for f in (*recs, *concerns) for k in (*getattr(f, "recommended_by", ()),
                                                     *getattr(f, "concern_of", ()))}
    return Reported(tuple(recs), tuple(concerns), tuple(actors[k] for k in sorted(used) if k in actors))


def _named(text: str, pack: RulePack, codes: Stakeholders | None,
           actors: dict[str, Actor]) -> tuple[str, ...]:
    """The authors a sentence's subject names: registry bodies and stakeholder codes before its
    first reporting verb (a name in parentheses after a name restates it)."""
    verb = pack.patterns["reporting"].search(text)
    head = text[: verb.start()] if verb else ""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    if codes is not None:
        for start, end, key in codes.named(head):
            found.append((start, key))
            taken.append((start, end))
    for m in find_mentions(head, kinds=("organization",), adjectives=False):
        if re.search(r"\([^()]*$", head[: m.start]) or any(a <= m.start < b for a, b in taken):
            continue  # "(UNESCO)", "(EU-FRA)": the acronym of the name before
        if found and re.search(r"\bof\s+(?:the\s+)?$", head[: m.start]):
            continue  # "the Group of States against Corruption of the Council of Europe": one body
        a = actor(f"org/{m.key}")
        if a is not None:
            actors.setdefault(a.key, a)
            found.append((m.start, a.key))
            taken.append((m.start, m.end))
    return tuple(dict.fromkeys(k for _, k in sorted(found)))


def _authors(head: str, agent: str | None, pack: RulePack, codes: Stakeholders | None,
             actors: dict[str, Actor], memory: _Memory, noted: tuple[str, ...]) -> tuple[str, ...]:
    if agent == "footnote":
        return noted
    named = _named(head + " said", pack, codes, actors)
    if named:
        return named
    anaphor = pack.patterns["anaphor"].match(head)
    if anaphor:
        recalled = memory.recall(anaphor.group(1))
        if anaphor.group(1).lower() == "committee" and noted and not set(recalled) & set(noted):
            return noted  # the footnote's symbol names the Committee
        return recalled or noted
    return noted


def _footnote_authors(doc: Document, note, pack: RulePack, codes: Stakeholders | None,
                      actors: dict[str, Actor]) -> tuple[str, ...]:
    """The authors a footnote cites: treaty bodies by their symbol series, UN entities by their
    submissions ("UNHCR submission"), stakeholders by their codes."""
    text = source_text(doc, note, pack)
    if not text:
        return ()
    if codes is not None:
        return tuple(dict.fromkeys(k for _, _, k in codes.named(text)))
    keys: list[str] = []
    for symbol in cited_sources(doc, note, pack):
        series = series_of(symbol)
        if series:
            keys.append(f"org/{series.body}")
    for m in find_mentions(text, kinds=("organization",), adjectives=False):
        if re.match(r"\s+submission", text[m.end:]):
            keys.append(f"org/{m.key}")
    for k in keys:
        a = actor(k)
        if a is not None:
            actors.setdefault(k, a)
    return tuple(dict.fromkeys(k for k in keys if k in actors))


def _heading(doc: Document, section: str | None) -> str | None:
    if not section:
        return None
    try:
        return doc.section(section).title
    except KeyError:
        return None
