"""Finding what a review is about in a (re)built report graph: by the fact's IRI, else by its
quote. A review that cannot be anchored is reported, never dropped or applied elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from ..emit.terms import RG
from .records import Review
from .terms import CLASS_KIND


@dataclass(frozen=True)
class FactInfo:
    """A fact of the report graph, as a review sees it."""

    node: URIRef
    kind: str
    paragraph: str | None  # the paragraph's key (Evidence.paragraph)
    start: int | None
    quote: str
    rule: str | None = None


@dataclass(frozen=True)
class Anchor:
    """Where a review landed: `status` is applied (found as recorded), reanchored (found by
    its quote, under another IRI or at other offsets) or unanchored (with the reason why)."""

    status: str
    node: URIRef | None = None
    paragraph: URIRef | None = None
    start: int | None = None
    end: int | None = None
    reason: str = ""


class FactIndex:
    """The facts and paragraphs of one report graph, looked up by IRI, quote and paragraph key
    (the last segment of the paragraph's IRI, as `emit` mints it)."""

    def __init__(self, graph: Graph, base: str):
        self.graph, self.base = graph, base
        self.paragraphs: dict[str, URIRef] = {}
        for p in graph.subjects(RDF.type, RG.Paragraph):
            if "/paragraph/" in str(p):
                self.paragraphs[str(p).rsplit("/paragraph/", 1)[1]] = p
        number = {p: n for n, p in self.paragraphs.items()}
        self.facts: dict[URIRef, FactInfo] = {}
        for cls, kind in CLASS_KIND.items():
            for node in graph.subjects(RDF.type, cls):
                para = graph.value(node, PROV.wasDerivedFrom)
                start = graph.value(node, RG.start)
                rule = graph.value(node, RG.extractionRule)
                self.facts[node] = FactInfo(node, kind, number.get(para),
                                            None if start is None else int(start),
                                            str(graph.value(node, RG.quote) or ""),
                                            None if rule is None else str(rule))

    def text(self, paragraph: str) -> str | None:
        node = self.paragraphs.get(paragraph)
        value = None if node is None else self.graph.value(node, RG.text)
        return None if value is None else str(value)

    def fact(self, review: Review) -> Anchor:
        """The fact a review of a fact (accept, reject, correct) is about."""
        node = URIRef(self.base + review.fact)
        info = self.facts.get(node)
        if info is not None and (not review.quote or info.quote == review.quote):
            return Anchor("applied", node)
        same = [f for f in self.facts.values()
                if f.kind == review.kind and review.quote and f.quote == review.quote]
        here = [f for f in same if f.paragraph == review.paragraph]
        found = here or same
        if len(found) == 1:
            return Anchor("reanchored", found[0].node)
        if len(found) > 1:
            where = f"¶{review.paragraph}" if here else "the report"
            return Anchor("unanchored", reason=f"{len(found)} {review.kind} facts of {where} "
                          "quote it: which one is meant is not known")
        if info is not None:
            return Anchor("unanchored", reason="the fact now quotes other words, and no "
                          f"{review.kind} fact quotes the reviewed ones")
        return Anchor("unanchored", reason=f"no {review.kind} fact has this IRI or quotes "
                      "these words any more")

    def span(self, review: Review) -> Anchor:
        """Where the quote of an added fact stands: its paragraph, else the one paragraph that
        holds it; the occurrence nearest the recorded offset."""
        text = self.text(review.paragraph) if review.paragraph is not None else None
        if text is not None and review.quote and review.quote in text:
            start = _nearest(text, review.quote, review.start or 0)
            status = "applied" if start == review.start else "reanchored"
            return Anchor(status, paragraph=self.paragraphs[review.paragraph], start=start,
                          end=start + len(review.quote))
        holding = [n for n in sorted(self.paragraphs) if review.quote and review.quote in
                   (self.text(n) or "")]
        if len(holding) == 1:
            text = self.text(holding[0]) or ""
            start = _nearest(text, review.quote, review.start or 0)
            return Anchor("reanchored", paragraph=self.paragraphs[holding[0]], start=start,
                          end=start + len(review.quote))
        if holding:
            return Anchor("unanchored", reason=f"the quote is no longer in ¶{review.paragraph} "
                          f"and {len(holding)} other paragraphs hold it")
        return Anchor("unanchored", reason=f"the quote is no longer in ¶{review.paragraph} "
                      "nor in any other paragraph")

    def mentions(self, node: URIRef) -> bool:
        g = self.graph
        return (node, None, None) in g or (None, None, node) in g


def _nearest(text: str, quote: str, near: int) -> int:
    starts, i = [], text.find(quote)
    while i >= 0:
        starts.append(i)
        i = text.find(quote, i + 1)
    return min(starts, key=lambda s: (abs(s - near), s))
