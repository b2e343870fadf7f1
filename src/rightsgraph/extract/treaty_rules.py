"""What the treaty-body, compilation and national-report extractors share.

- The rule packs of their genres, ``rules/<lang>/<pack>/`` (read by the rule-pack engine,
  `rulepack.load_pack`): named patterns for the structure and ``[[rule]]`` entries. A language
  without a pack for the genre has no rules: nothing of the pack runs on it.
- Document symbols: which body a symbol belongs to (``CRPD/C/...`` is the Committee on the Rights
  of Persons with Disabilities, ``E/C.12/...`` the Committee on Economic, Social and Cultural
  Rights), from ``registry/data/document-symbols.csv``, and the symbols a text cites.
- The top-level sub-items ``(a)``, ``(b)`` ... of a paragraph.
- Actors for registry keys (``org/crpd``, ``state/SVN``), as the facts' actor records.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..document import Document, Paragraph
from ..facts import Actor
from ..registry import organizations, states
from .rulepack import Rule

SYMBOL = re.compile(r"(?<![\w/])[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9][A-Za-z0-9.\-]*){2,}")
_ITEM = re.compile(r"(?:(?<=\s)|^)\(([a-z])\)\s+")


def search(rule: Rule, text: str) -> re.Match[str] | None:
    """The first of a rule's patterns that matches the text (none where one of its `unless`
    patterns does)."""
    if any(veto.search(text) for veto in rule.unless):
        return None
    for pattern in rule.patterns:
        found = pattern.search(text)
        if found:
            return found
    return None


@dataclass(frozen=True)
class SymbolSeries:
    prefix: str
    body: str  # organizations.csv slug
    treaty: str | None  # instruments.csv slug


@cache
def symbol_series() -> tuple[SymbolSeries, ...]:
    text = resources.files("rightsgraph.registry").joinpath("data", "document-symbols.csv").read_text(
        encoding="utf-8")
    rows = [SymbolSeries(r["prefix"], r["body"], r["treaty"] or None)
            for r in csv.DictReader(io.StringIO(text))]
    return tuple(sorted(rows, key=lambda r: -len(r.prefix)))


def series_of(symbol: str | None) -> SymbolSeries | None:
    """The treaty body's series a symbol belongs to (``CCPR/C/SVN/CO/3`` -> the Human Rights
    Committee's), None for other symbols."""
    if not symbol:
        return None
    for s in symbol_series():
        if symbol.startswith(s.prefix):
            return s
    return None


def symbols_in(text: str) -> list[str]:
    return [m.group(0).rstrip(".-") for m in SYMBOL.finditer(text)]


def footnote_texts(doc: Document, paragraph: Paragraph) -> list[str]:
    """The texts of the footnotes a paragraph cites, in the order of their markers."""
    by_number = {f.number: f.text for f in doc.footnotes}
    return [by_number[r.number] for r in paragraph.footnotes if r.number in by_number]


@dataclass(frozen=True)
class Item:
    label: str  # "(a)"
    at: int  # where its label begins
    start: int  # where its text begins, after the label
    end: int


def top_items(paragraph: Paragraph) -> tuple[Item, ...]:
    """The top-level sub-items of a paragraph: the reader's (`Paragraph.subitems`), continued by
    the labels (a), (b), (c) ... that follow in sequence where the reader's stop early (a page
    footnote printed inside an item ends the reader's list there)."""
    scanned = _scan(paragraph)
    given = [s for s in paragraph.subitems if s.parent is None and re.fullmatch(r"\([a-z]\)", s.label)]
    if not given:
        return scanned
    text = paragraph.text
    items = []
    for s in given:
        start = s.start + len(s.label)
        while start < s.end and text[start].isspace():
            start += 1
        items.append(Item(s.label, s.start, start, s.end))
    later = [i for i in scanned[len(given):] if i.at >= given[-1].start]
    if later and [i.label for i in scanned[:len(given)]] == [i.label for i in items]:
        last = items[-1]
        items[-1] = Item(last.label, last.at, last.start, later[0].at)
        items.extend(later)
    return tuple(items)


def _scan(paragraph: Paragraph) -> tuple[Item, ...]:
    """Labels (a), (b), (c) ... in sequence in the paragraph's text."""
    found: list[re.Match[str]] = []
    for m in _ITEM.finditer(paragraph.text):
        if ord(m.group(1)) - ord("a") == len(found):
            found.append(m)
    if not found:
        return ()
    ends = [m.start() for m in found[1:]] + [len(paragraph.text)]
    return tuple(Item(f"({m.group(1)})", m.start(), m.end(), end) for m, end in zip(found, ends, strict=True))


def actor(key: str) -> Actor | None:
    """The actor record of a registry key (``org/crpd``, ``state/SVN``), None when unknown."""
    kind, _, slug = key.partition("/")
    if kind == "state":
        s = states.by_iso3(slug)
        return Actor(key, "State", s.name, iso3=s.iso3, wikidata=s.wikidata_iri) if s else None
    if kind == "org":
        o = organizations.by_slug(slug)
        if o is None:
            return None
        return Actor(key, o.actor_class, o.name, wikidata=o.wikidata_iri,
                     acronym=o.acronyms[0] if o.acronyms else None)
    return None
