"""Content negotiation: Accept headers, ``?format=`` names, media types and ETags."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import RdfFormat


@dataclass(frozen=True)
class Choice:
    """One representation a resource can be served as."""

    name: str  # the ?format= value and the file extension
    media_type: str
    rdf: RdfFormat | None = None  # None for HTML


HTML = Choice("html", "text/html")
RDF_CHOICES = (
    Choice("ttl", "text/turtle", RdfFormat.TURTLE),
    Choice("jsonld", "application/ld+json", RdfFormat.JSON_LD),
    Choice("nt", "application/n-triples", RdfFormat.N_TRIPLES),
    Choice("rdf", "application/rdf+xml", RdfFormat.RDF_XML),
)
DOCUMENT_CHOICES = (HTML, *RDF_CHOICES)
ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "json": "jsonld", "ntriples": "nt", "n-triples": "nt",
           "xml": "rdf", "rdfxml": "rdf", "htm": "html"}
EXTRA_TYPES = {"application/x-turtle": "text/turtle", "text/plain": "application/n-triples",
               "application/xhtml+xml": "text/html", "application/xml": "application/rdf+xml",
               "application/json": "application/ld+json"}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """Media ranges with their q-values, best first (ties keep header order).

    >>> [m for m, _, _ in parse_accept("text/html;q=0.8, text/turtle, */*;q=0.1")]
    ['text/turtle', 'text/html', '*/*']
    """
    ranges = []
    for i, part in enumerate((header or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        if not media:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(b[2:])))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, i))
    return sorted(ranges, key=lambda r: (-r[1], r[2]))


def negotiate(header: str | None, choices: tuple[Choice, ...], default: Choice | None = None
              ) -> Choice | None:
    """The best of `choices` for an Accept header; `default` when the header is absent or ``*/*``.

    Returns None when the client accepts none of them (the caller answers 406).

    >>> negotiate("application/ld+json", DOCUMENT_CHOICES).name
    'jsonld'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", DOCUMENT_CHOICES).name
    'html'
    >>> negotiate("image/png", DOCUMENT_CHOICES) is None
    True
    """
    default = default or choices[0]
    if not header or not header.strip():
        return default
    best: tuple[float, int, int] | None = None
    winner = None
    for media, q, order in parse_accept(header):
        if q <= 0:
            continue
        media = EXTRA_TYPES.get(media, media)
        for rank, choice in enumerate(choices):
            if media == "*/*":
                hit = choice is default
            elif media.endswith("/*"):
                hit = choice.media_type.startswith(media[:-1])
            else:
                hit = choice.media_type == media
            if hit:
                key = (-q, order, rank)
                if best is None or key < best:
                    best, winner = key, choice
    return winner


def by_name(name: str, choices: tuple[Choice, ...]) -> Choice | None:
    """A choice by its ``?format=`` name, alias or media type.

    >>> by_name("turtle", DOCUMENT_CHOICES).media_type
    'text/turtle'
    """
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    for c in choices:
        if key in (c.name, c.media_type):
            return c
    return None


def etag(data: bytes) -> str:
    """A strong ETag for a representation's bytes."""
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in candidates or tag in candidates
