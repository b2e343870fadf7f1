"""The SKOS vocabularies as matchers: every concept's en labels with their word forms.

A scheme file ``ontology/vocab/<scheme>.ttl`` mints concepts ``id/vocab/<scheme>/<slug>``;
here a concept is named by its ref ``<scheme>/<slug>`` (the key `emit` resolves). A label
matches in text as written and in its usual variants: plural and singular of the last word
("pushbacks"), past and present participles ("detained", "kidnapping"), and hyphen, space or
nothing between parts ("push-backs", "push backs"). Labels in capitals ("SAR", "GBV") match
only in capitals. The longest match wins, and a match never starts inside a hyphenated word
("non-refoulement" is not "refoulement").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..errors import OntologyError
from ..iris import DEFAULT_BASE
from ..resources import ontology_dir

VOCAB_BASE = DEFAULT_BASE + "vocab/"


@dataclass(frozen=True)
class Concept:
    ref: str  # scheme/slug
    label: str  # en prefLabel
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...] = ()
    notation: str | None = None
    exact_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptMention:
    start: int
    end: int
    surface: str
    ref: str


def _ref(node: URIRef) -> str | None:
    s = str(node)
    return s[len(VOCAB_BASE) :] if s.startswith(VOCAB_BASE) and s.count("/", len(VOCAB_BASE)) == 1 else None


@cache
def concepts(scheme: str) -> dict[str, Concept]:
    """Every concept of a scheme by ref; `OntologyError` when the scheme file is missing."""
    path = ontology_dir() / "vocab" / f"{scheme}.ttl"
    if not path.exists():
        raise OntologyError(f"{path}: vocabulary file missing")
    g = Graph()
    g.parse(path, format="turtle")
    out: dict[str, Concept] = {}
    for node in sorted(set(g.subjects(SKOS.inScheme, None)), key=str):
        ref = _ref(node)
        if ref is None:
            continue
        pref = [str(o) for o in g.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        alts = sorted(
            str(o) for o in g.objects(node, SKOS.altLabel) if getattr(o, "language", None) in ("en", None)
        )
        broader = tuple(sorted(r for r in (_ref(b) for b in g.objects(node, SKOS.broader)) if r))
        notation = next((str(o) for o in g.objects(node, SKOS.notation)), None)
        exact = tuple(sorted(str(o) for o in g.objects(node, SKOS.exactMatch)))
        out[ref] = Concept(
            ref, pref[0] if pref else ref.split("/", 1)[1], tuple(alts), broader, notation, exact
        )
    return out


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _last_word_forms(word: str) -> set[str]:
    forms = {word}
    if len(word) < 4 or not word.isalpha():
        return forms
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    elif word.endswith("y") and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("x", "ch", "sh", "ss")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    if not word.endswith(("ed", "ing", "s", "y")):
        stem = word[:-1] if word.endswith("e") else word
        forms.update({stem + "ed", stem + "ing"})
    return forms


def variants(label: str) -> set[str]:
    """Word forms under which a label is matched.

    >>> sorted(variants("push-back"))[:4]
    ['push back', 'push backed', 'push backing', 'push backs']
    """
    if _is_acronym(label):
        return {label}
    base = label.strip().lower()
    out: set[str] = set()
    spellings = {base, base.replace("-", " "), base.replace("-", "")} if "-" in base else {base}
    for s in spellings:
        head, _, last = s.rpartition(" ")
        for form in _last_word_forms(last):
            out.add(f"{head} {form}" if head else form)
    return out


@dataclass(frozen=True)
class Matcher:
    folded: re.Pattern[str] | None
    exact: re.Pattern[str] | None
    by_form: dict[str, str]

    def find(self, text: str) -> list[ConceptMention]:
        hits: list[ConceptMention] = []
        for pattern, fold in ((self.folded, True), (self.exact, False)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                form = m.group(1)
                ref = self.by_form.get(form.lower() if fold else form)
                if ref:
                    hits.append(ConceptMention(m.start(1), m.end(1), form, ref))
        hits.sort(key=lambda h: (h.start, h.start - h.end))
        out: list[ConceptMention] = []
        for h in hits:
            if out and h.start < out[-1].end:
                continue
            out.append(h)
        return out


def _alternation(forms: list[str], flags: int) -> re.Pattern[str] | None:
    """One pattern for every form: longest first, any whitespace between words."""
    if not forms:
        return None
    return re.compile(rf"(?<![\w-])({union(forms, flags)})(?![\w])(?!-\w)", flags)


def union(forms: list[str], flags: int) -> str:
    """The body of a regex matching any of `forms` (longest first, any whitespace between
    words), factored by common prefixes where that matches the same: one pass over a text
    instead of one per form."""
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return _trie(ordered, flags) or "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def _trie(ordered: list[str], flags: int) -> str | None:
    """The alternation of `ordered` factored by common prefixes (``push(?:backs|back)``), or
    None when that could match differently.

    It matches what the flat alternation matches: at one place in a text, the forms that can
    match there share their prefixes (two characters that differ cannot both match one
    character, which is checked below), so they are tried in the same order, the longest
    first — a form ending at a node is tried after every longer one through it. The flat
    alternation made the regex engine try each of a scheme's forms at every word.
    """
    root: dict = {}
    for form in ordered:
        if not form or form != " ".join(form.split()):
            return None  # other whitespace, or a run of it: `\s+` could match in two ways
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # the form ends here
    return _node(root, flags)


def _node(node: dict, flags: int) -> str | None:
    chars = [c for c in node if c]
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            if re.fullmatch(re.escape(a), b, flags) or re.fullmatch(re.escape(b), a, flags):
                return None  # one character would match both branches
    parts = []
    for char in chars:
        rest = _node(node[char], flags)
        if rest is None:
            return None
        parts.append((r"\s+" if char == " " else re.escape(char)) + rest)
    if "" in node:
        parts.append("")  # the shorter form, after every longer one
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


@cache
def matcher(scheme: str) -> Matcher:
    """A matcher over every label of a scheme (longer and more specific labels win)."""
    by_form: dict[str, str] = {}
    exact: set[str] = set()
    # altLabels of narrower concepts win over a broader concept's labels of the same form
    ordered = sorted(concepts(scheme).values(), key=lambda c: -len(c.broader))
    for concept in ordered:
        for label in (concept.label, *concept.alt_labels):
            if _is_acronym(label):
                exact.add(label)
                by_form.setdefault(label, concept.ref)
                continue
            for form in variants(label):
                by_form.setdefault(form, concept.ref)
    folded = [f for f in by_form if f not in exact]
    return Matcher(_alternation(folded, re.IGNORECASE), _alternation(sorted(exact), 0), by_form)


def find_concepts(text: str, scheme: str) -> list[ConceptMention]:
    """Mentions of a scheme's concepts in a text, non-overlapping, in text order."""
    return list(_found(text, scheme))


@lru_cache(maxsize=8192)
def _found(text: str, scheme: str) -> tuple[ConceptMention, ...]:
    # extractors look at the same sentences for several schemes and purposes: match once
    return tuple(matcher(scheme).find(text))
