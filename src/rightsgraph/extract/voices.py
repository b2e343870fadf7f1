"""Who states each sentence: the attribution the fact extractors take as a parameter.

`Voices.speaker_at(paragraph, offset)` answers with the actor keys stating the sentence at
that offset. The rules follow how summary reports are written:

- a sentence whose subject names an actor (``The representative of X``, ``The <office>, <Name>,``,
  ``Mr./Ms. <Surname>``, ``In its resolution ..., the Human Rights Council``) is that actor's;
- a sentence opening with a pronoun or without a subject ("He stressed", "It was recalled")
  continues the paragraph's current speaker;
- "Participants", "Some participants", "They" in a plenary, and agentless passives in a plenary
  section belong to the collective ``group/participants``.

Actors found here are returned by `actors()` so that every key used resolves to a described
actor; a richer speaker extractor can be passed to the fact extractors instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol

from ..document import Document
from ..facts import Actor
from ..parse import slugify
from ..registry import find_mentions, organizations, states
from .sentences import sentences

PARTICIPANTS = "group/participants"

_VERB = r"(?:[a-z]{2,}ed|made|said|took|gave|spoke|led|began|drew|held|recommends|urges|calls|notes)"
_NAMED = re.compile(
    r",\s+((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*),\s+(?:also\s+|further\s+)?"
    + _VERB
    + r"\b"
)
_HONORIFIC = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+((?:[A-Z][\w'’-]+\s?){1,3})")
_PARTICIPANTS = re.compile(
    r"^(?:[A-Z][^,]{0,60},\s+)?(?:(?:some|many|several|other|most|a few|a number of|numerous)\s+)?"
    r"(?:participants|delegations|speakers)\b",
    re.I,
)
_THEY = re.compile(r"^(?:[A-Z][^,]{0,40},\s+)?(?:they|participants)\b", re.I)
_PRONOUN = re.compile(r"^(?:[A-Z][^,]{0,60},\s+)?(?:he|she|it|the representative|the council)\b", re.I)
_REPRESENTATIVE = re.compile(r"\b(?:representative|delegation|delegate)s?\s+of\s+(?:the\s+)?", re.I)


class SpeakerLookup(Protocol):
    def speaker_at(self, paragraph: int, offset: int) -> tuple[str, ...]: ...


@dataclass
class Voices:
    """Sentence-level attribution of one document."""

    spans: dict[int, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    found: dict[str, Actor] = field(default_factory=dict)
    last_person: tuple[str, ...] = ()

    def speaker_at(self, paragraph: int, offset: int) -> tuple[str, ...]:
        rows = self.spans.get(paragraph, [])
        i = bisect_right([start for start, _ in rows], offset) - 1
        return rows[i][1] if i >= 0 else ()

    def actors(self) -> tuple[Actor, ...]:
        return tuple(self.found[k] for k in sorted(self.found))


def _registry_actor(text: str) -> tuple[str, Actor] | None:
    for m in find_mentions(text, kinds=("state", "organization"), adjectives=False):
        ref = m.refs[0]
        if ref.kind == "state":
            s = states.by_key(ref.key)
            return f"state/{s.iso3}", Actor(
                f"state/{s.iso3}", "State", s.name, iso3=s.iso3, wikidata=s.wikidata_iri
            )
        o = organizations.by_key(ref.key)
        wd = f"http://www.wikidata.org/entity/{o.wikidata}" if o.wikidata else None
        return f"org/{o.slug}", Actor(
            f"org/{o.slug}", o.actor_class, o.name, wikidata=wd, acronym=o.acronyms[0] if o.acronyms else None
        )
    return None


def _is_plenary(doc: Document, section: str | None) -> bool:
    if not section:
        return False
    try:
        title = doc.section(section).title.lower()
    except KeyError:
        return False
    return any(w in title for w in ("plenary", "interactive", "general discussion", "discussion"))


def attribute(doc: Document) -> Voices:
    """Attribute every sentence of the document to its speaker(s)."""
    voices = Voices()
    surnames: dict[str, str] = {}
    titles: dict[str, str] = {}
    for p in doc.paragraphs:
        plenary = _is_plenary(doc, p.section)
        current: tuple[str, ...] = ()
        rows: list[tuple[int, tuple[str, ...]]] = []
        for s in sentences(p):
            who = _subject(s.text, surnames, titles, voices, plenary, current, s.start == 0, f"{p.number}")
            if who:
                current = who
                if who[0].startswith("person/"):
                    voices.last_person = who
            rows.append((s.start, current))
        voices.spans[p.number] = rows
    return voices


def _head(text: str) -> str:
    """The part of a sentence before its first reporting verb (where its subject is)."""
    m = re.search(r"\b(?:" + _VERB + r")\b", text)
    return text[: m.start()] if m else text


def _subject(
    text: str,
    surnames: dict[str, str],
    titles: dict[str, str],
    voices: Voices,
    plenary: bool,
    current: tuple[str, ...],
    first: bool,
    where: str,
) -> tuple[str, ...]:
    named = _NAMED.search(text[:400])
    if named:
        name = named.group(1).strip()
        key = f"person/{slugify(name)}"
        title = re.sub(r"^(?:In\s.*?,\s+)?(?:The|the)\s+", "", text[: named.start()]).strip()
        voices.found.setdefault(key, Actor(key, "Person", name, title=title or None))
        if title:
            titles[title.lower()] = key
        parts = name.split()
        surnames[parts[-1]] = key
        if len(parts) >= 3:
            surnames[" ".join(parts[-2:])] = key
        return (key,)
    head = _head(text)
    rep = _REPRESENTATIVE.search(head)
    if rep:
        found = _registry_actor(head[rep.end() :])
        if found:
            voices.found.setdefault(*found)
            return (found[0],)
    hon = _HONORIFIC.search(head)
    if hon:
        words = hon.group(1).split()
        for n in (2, 1):
            key = surnames.get(" ".join(words[:n]))
            if key:
                return (key,)
    role = re.match(r"^(?:In\s[^,]*,\s+)?[Tt]he\s+([A-Z]\w+(?:\s+[A-Z]\w+){0,3}|[a-z]\w+)", head)
    if role:
        words = role.group(1).lower()
        for title, key in titles.items():
            if words in title and not words.startswith(("representative", "council")):
                return (key,)
    unnamed = re.match(r"^An?\s+([a-z][^,]{2,80}?)(?:,|\s+(?:" + _VERB + r")\b)", text)
    if first and unnamed:
        key = f"person/speaker-{where}"
        voices.found.setdefault(
            key, Actor(key, "Person", unnamed.group(1).strip().capitalize(), report_scoped=True)
        )
        return (key,)
    if _PARTICIPANTS.match(text) or (plenary and _THEY.match(text)):
        voices.found.setdefault(
            PARTICIPANTS, Actor(PARTICIPANTS, "ActorGroup", "Participants", report_scoped=True)
        )
        return (PARTICIPANTS,)
    if _PRONOUN.match(text) and current:
        return current
    if re.match(r"^(?:[A-Z][^,]{0,60},\s+)?(?:he|she)\b", text, re.I) and voices.last_person:
        return voices.last_person
    council = re.match(
        r"^(?:(?:Also )?[Ii]n [^,]*,\s+)?[Tt]he ((?:Human Rights )?Council|General Assembly)\b", head
    )
    if council:
        found = _registry_actor(
            "General Assembly" if "Assembly" in council.group(1) else "Human Rights Council"
        )
        if found:
            voices.found.setdefault(*found)
            return (found[0],)
    if plenary and not current:
        voices.found.setdefault(
            PARTICIPANTS, Actor(PARTICIPANTS, "ActorGroup", "Participants", report_scoped=True)
        )
        return (PARTICIPANTS,)
    return ()
