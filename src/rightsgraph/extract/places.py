"""Places a report names: routes (the route scheme), regions, seas and border areas (data file
``data/places.csv``, with Wikidata where known) and States (the State registry).

Keys: ``route/<slug>`` (a SKOS concept, also an `rg:MigrationRoute`), ``place/<slug>``,
``state/<ISO3>``. A route label wins over a place inside it ("Central Mediterranean" is the
route, not the sea); a region that ends a name ("Save the Children for East and Southern
Africa", "Economic Commission for Africa") is not a place the report speaks of.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..facts import Actor, Place
from ..registry import find_mentions, states
from ..spans import Spans
from .vocab import ConceptMention, concepts, find_concepts, variants

WIKIDATA = "http://www.wikidata.org/entity/"
# a region right after "<Name> for" / "<Name> of" (compass words between) ends that name
_COMPASS = r"(?:East|West|North|South|Central|Eastern|Western|Northern|Southern)"
_IN_NAME = re.compile(rf"\b[A-Z][\w'-]*\s+(?:for|of)\s+(?:the\s+)?(?:{_COMPASS}(?:\s+and\s+|\s+))*$")


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    key: str


@cache
def place_table() -> dict[str, Place]:
    text = resources.files(__package__).joinpath("data", "places.csv").read_text(encoding="utf-8")
    return {
        f"place/{r['slug']}": Place(
            f"place/{r['slug']}", r["kind"], r["label"], WIKIDATA + r["wikidata"] if r["wikidata"] else None
        )
        for r in csv.DictReader(io.StringIO(text))
    }


@cache
def _place_forms() -> tuple[tuple[str, str], ...]:
    text = resources.files(__package__).joinpath("data", "places.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(io.StringIO(text)):
        for form in r["forms"].split("|"):
            out.extend((v, f"place/{r['slug']}") for v in variants(form) | {form.lower()})
    return tuple(out)


@cache
def _place_patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(form, compiled pattern, key), longest form first; compiled once, not per text."""
    ordered = sorted(_place_forms(), key=lambda f: -len(f[0]))
    return tuple((form, re.compile(rf"(?<![\w-]){re.escape(form)}(?!\w)"), key) for form, key in ordered)


def _find_places(text: str) -> list[ConceptMention]:
    low = text.lower()
    hits = []
    for form, pattern, key in _place_patterns():
        if form not in low:  # a plain substring test first: most forms are absent
            continue
        for m in pattern.finditer(low):
            hits.append(ConceptMention(m.start(), m.end(), text[m.start() : m.end()], key))
    return hits


class PlaceFinder:
    """Finds place mentions and remembers every place and State it returned."""

    def __init__(self) -> None:
        self.used: dict[str, Place] = {}
        self.state_actors: dict[str, Actor] = {}

    def mentions(self, text: str) -> list[PlaceMention]:
        hits = [*find_concepts(text, "route"), *_find_places(text)]
        for m in find_mentions(text, kinds=("state",), adjectives=False):
            hits.append(ConceptMention(m.start, m.end, m.surface, f"state/{m.key}"))
        hits.sort(key=lambda h: (not h.ref.startswith("route/"), h.start, h.start - h.end))
        out: list[PlaceMention] = []
        kept = Spans()  # O(log n) per test: `any(...)` over `out` was quadratic in mentions
        for h in hits:  # routes first, then the longest other place not inside one
            if h.ref.startswith("place/") and _IN_NAME.search(text, max(0, h.start - 80), h.start):
                continue  # "Save the Children for East and Southern Africa": a name's part
            if not kept.add_if_free(h.start, h.end):
                continue
            out.append(PlaceMention(h.start, h.end, h.ref))
            self._remember(h.ref)
        return sorted(out, key=lambda o: o.start)

    def keys_in(self, text: str) -> list[str]:
        return list(dict.fromkeys(m.key for m in self.mentions(text)))

    def _remember(self, key: str) -> None:
        if key.startswith("route/"):
            c = concepts("route")[key]
            self.used[key] = Place(key, "MigrationRoute", c.label)
        elif key.startswith("place/"):
            self.used[key] = place_table()[key]
        elif key.startswith("state/"):
            s = states.by_key(key.split("/", 1)[1])
            self.state_actors[key] = Actor(key, "State", s.name, iso3=s.iso3, wikidata=s.wikidata_iri)

    def places(self) -> tuple[Place, ...]:
        return tuple(self.used[k] for k in sorted(self.used))
