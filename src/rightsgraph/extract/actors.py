"""Actors of a report: registry States and organisations wherever they are named, the people,
organisations and groups the speakers' introductions, delegation lists and footnotes reveal."""

from __future__ import annotations

import re
from collections import defaultdict

from ..document import Document
from ..facts import Actor, Evidence
from ..registry import find_mentions, organizations, states
from .names import classify_organization, org_key, resolve_name, state_key
from .speakers import Attribution

_FOOTNOTE_AUTHOR = re.compile(r"^(?:See (?:also )?)?(?P<org>[A-ZÀ-Þ][^,“\"]{2,120}?), [“\"]")
_OFFICE_PREFIX = re.compile(r"\b(?:Assistant|Deputy|Under-|Vice-)\s?$")
_GROUP_LABELS = {"some": "Some participants", "many": "Many participants", "several": "Several participants",
                 "other": "Other participants", "most": "Most participants", "a-few": "A few participants"}


def _office_before(text: str, at: int) -> bool:
    """`_OFFICE_PREFIX` ends right before ``text[at]``. Its match is at most 11 characters
    long, so the 16 before `at` decide it: searching the whole text before each mention was
    quadratic in a long paragraph."""
    return bool(_OFFICE_PREFIX.search(text[max(0, at - 16) : at]))


def registry_actor(key: str, mentions: tuple[Evidence, ...] = ()) -> Actor | None:
    """The `Actor` of a registry key (``state/SVN``, ``org/crpd``); None when unknown."""
    return _registry_actor(key, mentions)


def _registry_actor(key: str, mentions: tuple[Evidence, ...]) -> Actor | None:
    kind, code = key.split("/", 1)
    if kind == "state":
        s = states.by_iso3(code)
        if s is None:
            return None
        return Actor(key, "State", s.name, iso3=s.iso3, wikidata=s.wikidata_iri, mentions=mentions)
    o = organizations.by_slug(code)
    if o is None:
        return None
    return Actor(key, o.actor_class, o.name, acronym=o.acronyms[0] if o.acronyms else None,
                 wikidata=o.wikidata_iri, mentions=mentions)


def _group_label(key: str, segments) -> str:
    slug = key.split("/", 1)[1]
    seg = next((s for s in segments.segments if slug.endswith("-" + s.slug)), None)
    base = slug[: -len(seg.slug) - 1] if seg else slug
    quantifier = base[: -len("-participants")] if base.endswith("-participants") else ""
    label = _GROUP_LABELS.get(quantifier, "Participants") if base.endswith("participants") else base
    return f"{label} ({seg.label.split(':')[0].lower()})" if seg else label


def extract_actors(doc: Document, attribution: Attribution) -> tuple[Actor, ...]:
    """Every actor the report names, keyed the same way in every report."""
    mentions: dict[str, list[Evidence]] = defaultdict(list)
    discovered: dict[str, Actor] = {}
    for key, label, cls, ev in attribution.organizations:
        discovered[key] = Actor(key, cls, label)
        mentions[key].append(ev)
    members: dict[str, list[str]] = defaultdict(list)
    group_labels: dict[str, str] = {}
    for n, d in attribution.delegates:
        p = doc.paragraph(n)
        ev = Evidence(n, d.start, d.end, p.text[d.start : d.end])
        mentions[d.key].append(ev)
        if d.kind == "Person":
            discovered.setdefault(d.key, Actor(d.key, "Person", d.label, report_scoped=True))
        elif not resolve_name(d.label) and d.kind != "State":
            discovered.setdefault(d.key, Actor(d.key, d.kind, d.label))
        for gkey, glabel in d.on_behalf_of:
            if gkey.startswith("group/"):
                members[gkey].append(d.key)
                group_labels[gkey] = glabel
    spans_by_paragraph: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, evs in mentions.items():
        if key in discovered:
            for ev in evs:
                spans_by_paragraph[ev.paragraph].append((ev.start, ev.end))
    for p in doc.paragraphs:
        inner = spans_by_paragraph.get(p.key, [])
        for m in find_mentions(p.text, kinds=("state", "organization")):
            if m.kind == "organization" and _office_before(p.text, m.start):
                continue  # "Assistant Secretary-General": an office, not the organ itself
            if m.kind == "organization" and any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                                                for s, e in inner):
                continue
            key = state_key(m.key) if m.kind == "state" else org_key(m.key)
            mentions[key].append(Evidence(p.key, m.start, m.end, m.surface))
    footnote_only: set[str] = set()
    for fn in doc.footnotes:
        for m in find_mentions(fn.text, kinds=("state", "organization"), adjectives=False):
            footnote_only.add(state_key(m.key) if m.kind == "state" else org_key(m.key))
        author = _FOOTNOTE_AUTHOR.match(fn.text)
        if author and not find_mentions(author.group("org"), kinds=("instrument",)):
            name = author.group("org").strip()
            found = resolve_name(name)
            if found:
                footnote_only.add(found[0])
            elif not re.search(r"\d", name):
                key = org_key(re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower()).strip("-"))
                discovered.setdefault(key, Actor(key, classify_organization(name), name))
    for turn in attribution.turns:
        if turn.how not in ("inherited", "list", "introduction"):
            for key in turn.speakers:
                if key.startswith("person/"):
                    mentions[key].append(turn.cue)
    actors: dict[str, Actor] = {}
    for intro in attribution.introductions:
        evs = (intro.evidence, *mentions.pop(intro.key, ()))
        actors[intro.key] = Actor(intro.key, intro.kind, intro.label, title=intro.title,
                                  affiliation=intro.affiliation, represents=intro.represents,
                                  report_scoped=intro.report_scoped, mentions=evs)
    for key, actor in discovered.items():
        if key not in actors:
            actors[key] = Actor(actor.key, actor.kind, actor.label, report_scoped=actor.report_scoped,
                                mentions=tuple(mentions.pop(key, ())))
    for key in sorted(set(mentions) | footnote_only):
        if key in actors:
            continue
        actor = _registry_actor(key, tuple(mentions.get(key, ())))
        if actor:
            actors[key] = actor
    for turn in attribution.turns:
        for key in turn.speakers:
            if key.startswith("group/") and key not in actors:
                actors[key] = Actor(key, "ActorGroup", _group_label(key, attribution.segments))
    for gkey, keys in members.items():
        actors[gkey] = Actor(gkey, "ActorGroup", group_labels[gkey], members=tuple(dict.fromkeys(keys)))
    for actor in list(actors.values()):
        for ref in (actor.affiliation, actor.represents, *actor.members):
            if ref and ref not in actors and (extra := _registry_actor(ref, ())):
                actors[ref] = extra
    return tuple(actors[k] for k in sorted(actors))


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
