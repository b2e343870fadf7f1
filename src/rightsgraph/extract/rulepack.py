"""The rule-pack engine: extraction rules as data (``rules/<language>/<pack>/*.toml``).

A pack is every ``*.toml`` file of its folder (read in name order; ``rules/README.md`` describes
the format). The engine walks the units of a document (sentences, paragraphs, lines, or the
numbered items ``N.k`` of paragraph ``N``), annotates each once (registry mentions of States,
organisations and instruments by the registry's Aho-Corasick matcher; the pack's cue words),
and tries the rules in order. A rule that matches gives a `Match`: the rule's id, the kind of
fact, the quote and its offsets in the paragraph's text, the named groups of its pattern, and
the actors of each role (the cover's author or subject, or the mentions inside a group).
Genre extractors turn matches into facts; every fact keeps the id of its rule.

    >>> from rightsgraph.parse import parse
    >>> doc = parse("Title\\n\\n1. The Committee recommends that the State party ratify the"
    ...             " Convention against Torture.\\n")
    >>> pack = RulePack.from_text("demo", '''
    ... [[rule]]
    ... id = "recommends"
    ... fact = "recommendation"
    ... pattern = 'The Committee recommends that the State party (?P<action>.+?)\\\\.?$'
    ... roles = { recommended_by = "author", addressed_to = "subject" }
    ... ''')
    >>> [m] = run(doc, pack, author="org/cat", subject="state/SVN")
    >>> m.rule, m.fact, m.text("action"), m.roles["recommended_by"]
    ('demo/recommends', 'recommendation', 'ratify the Convention against Torture', ('org/cat',))
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from types import MappingProxyType

from ..document import Document, Paragraph
from ..errors import OntologyError
from ..facts import Evidence
from ..registry import find_mentions
from .sentences import sentences

__all__ = ["Annotation", "Match", "Rule", "RuleError", "RulePack", "load_pack", "run"]

UNITS = ("sentence", "paragraph", "line", "item")
_RULE_KEYS = frozenset({"id", "fact", "kind", "unit", "pattern", "requires", "unless", "section",
                        "roles", "values", "all", "description", "example"})
_ROLE_SOURCES = ("author", "subject", "states", "actors", "organizations", "resolve")
_KIND_OF_REF = {"state": "state", "organization": "org", "instrument": "instrument"}


class RuleError(OntologyError):
    """A rule pack cannot be read: bad TOML, an unknown key, a pattern that does not compile."""


@dataclass(frozen=True)
class Annotation:
    """One thing the annotation pass found in a unit: offsets are the paragraph's."""

    kind: str  # state, organization, instrument, cue:<name>
    key: str  # state/SVN, org/crpd, instrument/<slug>, or the cue's name
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class Rule:
    id: str  # <pack>/<rule id>
    fact: str
    patterns: tuple[re.Pattern, ...]
    unit: str = "sentence"
    requires: tuple[str, ...] = ()
    unless: tuple[re.Pattern, ...] = ()
    section: re.Pattern | None = None
    roles: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    every: bool = False  # every match in a unit, not only the first


@dataclass(frozen=True)
class Match:
    """What a rule found: `quote == paragraph.text[start:end]`."""

    rule: str
    fact: str
    paragraph: str  # the paragraph's key
    start: int
    end: int
    quote: str
    groups: Mapping[str, tuple[int, int, str]]  # name -> (start, end, text), paragraph offsets
    roles: Mapping[str, tuple[str, ...]]  # role -> actor keys
    values: Mapping[str, str]
    annotations: tuple[Annotation, ...] = ()

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.paragraph, self.start, self.end, self.quote)

    def text(self, group: str) -> str | None:
        found = self.groups.get(group)
        return found[2] if found else None


@dataclass(frozen=True)
class RulePack:
    name: str
    rules: tuple[Rule, ...] = ()
    cues: Mapping[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    patterns: Mapping[str, re.Pattern] = field(default_factory=dict)  # named, for extractors

    @classmethod
    def from_text(cls, name: str, *texts: str, where: str = "<text>") -> RulePack:
        """A pack from TOML texts (the files of a pack folder, in order)."""
        rules: list[Rule] = []
        cues: dict[str, tuple[re.Pattern, ...]] = {}
        named: dict[str, re.Pattern] = {}
        for text in texts:
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise RuleError(f"{where}: {exc}") from exc
            for key, value in data.items():
                if isinstance(value, str):
                    named[key] = _compile(value, where, key)
                elif key not in ("rule", "cues"):
                    raise RuleError(f"{where}: unknown table {key!r}")
            for cue, words in data.get("cues", {}).items():
                cues[cue] = cues.get(cue, ()) + tuple(_compile(w, where, cue) for w in words)
            rules.extend(_rule(name, entry, where) for entry in data.get("rule", ()))
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise RuleError(f"{where}: rule {rule.id} is defined twice")
            seen.add(rule.id)
        return cls(name, tuple(rules), MappingProxyType(cues), MappingProxyType(named))


def _compile(pattern: str, where: str, rule: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{where}: rule {rule}: bad pattern {pattern!r}: {exc}") from exc


def _rule(pack: str, entry: dict, where: str) -> Rule:
    ident = entry.get("id")
    if not isinstance(ident, str) or not ident:
        raise RuleError(f"{where}: a rule without an id")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: rule {ident}: unknown keys {sorted(unknown)}")
    fact = entry.get("fact", entry.get("kind"))
    if not fact:
        raise RuleError(f"{where}: rule {ident}: no fact")
    if "pattern" not in entry:
        raise RuleError(f"{where}: rule {ident}: no pattern")
    unit = entry.get("unit", "sentence")
    if unit not in UNITS:
        raise RuleError(f"{where}: rule {ident}: unit {unit!r} is not one of {', '.join(UNITS)}")
    patterns = entry["pattern"]
    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    roles = dict(entry.get("roles", {}))
    for role, source in roles.items():
        if source.split(":", 1)[0] not in _ROLE_SOURCES:
            raise RuleError(f"{where}: rule {ident}: role {role} from {source!r}: not one of "
                            f"{', '.join(_ROLE_SOURCES)}")
    section = entry.get("section")
    return Rule(
        id=f"{pack}/{ident}", fact=fact, unit=unit,
        patterns=tuple(_compile(p, where, ident) for p in patterns),
        requires=tuple(entry.get("requires", ())),
        unless=tuple(_compile(p, where, ident) for p in entry.get("unless", ())),
        section=_compile(section, where, ident) if section else None,
        roles=MappingProxyType(roles), values=MappingProxyType(dict(entry.get("values", {}))),
        every=bool(entry.get("all", False)),
    )


@cache
def load_pack(language: str, pack: str) -> RulePack | None:
    """The pack ``rules/<language>/<pack>/``, or None when there is none."""
    folder = files("rightsgraph") / "rules" / language / pack
    if not folder.is_dir():
        return None
    paths = sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise RuleError(f"{path}: {exc}") from exc
    return RulePack.from_text(pack, *texts, where=f"rules/{language}/{pack}")


def paragraph_key(paragraph: Paragraph) -> str:
    """What evidence names a paragraph by: its key, unique in the document."""
    return paragraph.key


# --- units ---------------------------------------------------------------------------------

def _item_pattern(number: int) -> re.Pattern:
    return re.compile(rf"(?:(?<=\s)|^){number}\.(\d{{1,3}})(?=\s)")


def items(paragraph: Paragraph) -> Iterator[tuple[str, int, int]]:
    """The numbered items ``N.k`` of paragraph N: (number, start, end) in its text; an item
    runs to the next item or the end of the paragraph."""
    found = [m for m in _item_pattern(paragraph.number).finditer(paragraph.text)]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(paragraph.text)
        yield m.group(0), m.start(), end


def _units(paragraph: Paragraph, unit: str) -> Iterator[tuple[int, int]]:
    text = paragraph.text
    if unit == "sentence":
        for s in sentences(paragraph):
            yield s.start, s.end
    elif unit == "paragraph":
        yield 0, len(text)
    elif unit == "line":
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                yield pos, pos + len(line)
            pos += len(line) + 1
    else:
        for _number, start, end in items(paragraph):
            while end > start and text[end - 1].isspace():
                end -= 1
            yield start, end


# --- annotation ----------------------------------------------------------------------------

def annotate(text: str, offset: int, cues: Mapping[str, tuple[re.Pattern, ...]]) -> tuple[Annotation, ...]:
    """Registry mentions (no State adjectives) and cue words of one unit, in text order."""
    found = [
        Annotation(m.kind, f"{_KIND_OF_REF[m.kind]}/{m.key}", offset + m.start, offset + m.end,
                   m.surface)
        for m in find_mentions(text, adjectives=False)
    ]
    for cue, patterns in cues.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                found.append(Annotation(f"cue:{cue}", cue, offset + m.start(), offset + m.end(),
                                        m.group(0)))
    return tuple(sorted(found, key=lambda a: (a.start, a.end, a.kind)))


# --- running -------------------------------------------------------------------------------

Resolver = Callable[[str], tuple[str, ...]]


def run(document: Document, pack: RulePack, *, author: str | None = None,
        subject: str | None = None, resolvers: Mapping[str, Resolver] | None = None,
        facts: tuple[str, ...] | None = None) -> list[Match]:
    """Every match of the pack's rules in the document, in document order.

    In one unit the first rule (in pack order) that matches makes its kind of fact there;
    later rules of the same kind are not tried on that unit. `resolvers` name functions for
    roles written ``resolve:<name>:<group>`` (text of the group -> actor keys); `facts`
    limits the run to some kinds of fact.
    """
    sections = {s.path: s.title for s in document.sections}
    rules = [r for r in pack.rules if facts is None or r.fact in facts]
    matches: list[Match] = []
    for paragraph in document.paragraphs:
        title = sections.get(paragraph.section or "", "")
        by_unit: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.section is None or rule.section.search(title):
                by_unit.setdefault(rule.unit, []).append(rule)
        for unit, unit_rules in by_unit.items():
            for start, end in _units(paragraph, unit):
                text = paragraph.text[start:end]
                notes = annotate(text, start, pack.cues)
                made: set[str] = set()
                for rule in unit_rules:
                    if rule.fact in made:
                        continue
                    found = list(_apply(rule, paragraph, start, text, notes, author, subject,
                                        resolvers or {}))
                    if found:
                        made.add(rule.fact)
                        matches.extend(found)
    matches.sort(key=lambda m: (m.paragraph, m.start, m.end, m.rule))
    return matches


def _apply(rule: Rule, paragraph: Paragraph, offset: int, text: str,
           notes: tuple[Annotation, ...], author, subject, resolvers) -> Iterator[Match]:
    kinds = {a.kind for a in notes}
    if any(need not in kinds for need in rule.requires):
        return
    if any(p.search(text) for p in rule.unless):
        return
    for pattern in rule.patterns:
        hits = list(pattern.finditer(text)) if rule.every else [pattern.search(text)]
        hits = [h for h in hits if h is not None]
        for hit in hits:
            yield _match(rule, paragraph, offset, hit, notes, author, subject, resolvers)
        if hits:
            return


def _match(rule: Rule, paragraph: Paragraph, offset: int, hit: re.Match,
           notes: tuple[Annotation, ...], author, subject, resolvers) -> Match:
    groups = {
        name: (offset + hit.start(name), offset + hit.end(name), hit.group(name))
        for name, value in hit.groupdict().items() if value is not None
    }
    start, end = groups["quote"][:2] if "quote" in groups else (offset + hit.start(),
                                                               offset + hit.end())
    text = paragraph.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    roles = {role: _role(source, groups, notes, start, end, author, subject, resolvers)
             for role, source in rule.roles.items()}
    inside = tuple(a for a in notes if start <= a.start and a.end <= end)
    return Match(rule.id, rule.fact, paragraph.key, start, end, text[start:end],
                 MappingProxyType(groups), MappingProxyType(roles), rule.values, inside)


def _role(source: str, groups, notes, start: int, end: int, author, subject,
          resolvers) -> tuple[str, ...]:
    head, _, rest = source.partition(":")
    if head == "author":
        return (author,) if author else ()
    if head == "subject":
        return (subject,) if subject else ()
    if head == "resolve":
        name, _, group = rest.partition(":")
        found = groups.get(group)
        if name not in resolvers:
            raise RuleError(f"no resolver named {name!r} for role source {source!r}")
        return resolvers[name](found[2]) if found else ()
    lo, hi = (groups[rest][0], groups[rest][1]) if rest in groups else (start, end)
    if rest and rest not in groups:
        return ()
    wanted = {"states": ("state",), "organizations": ("organization",),
              "actors": ("state", "organization")}[head]
    keys = [a.key for a in notes if a.kind in wanted and lo <= a.start and a.end <= hi]
    return tuple(dict.fromkeys(keys))
