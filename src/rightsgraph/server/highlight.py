"""Facts highlighted inside the paragraph text that states them, at their rg:start/rg:end.

Generic over fact kinds: any statement with offsets becomes a ``<mark>`` (nested when quotes
nest, split when they cross) followed by a numbered link to the fact's own page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from .data import Fact, humanize

KNOWN_KINDS = ("Intervention", "ViolationReport", "Recommendation", "Commitment",
               "PromisingPractice", "Concern", "Citation", "Statistic")


def kind_class(kind: str) -> str:
    """CSS class of a fact kind; kinds without their own colour share ``k-other``.

    >>> kind_class("ViolationReport"), kind_class("Rumour")
    ('k-violationreport', 'k-other')
    """
    return "k-" + kind.lower() if kind in KNOWN_KINDS else "k-other"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    number: int  # the fact's number in its paragraph's list
    fact: Fact


def spans(text: str, facts: Sequence[Fact]) -> list[Span]:
    """Facts whose offsets fit the text and select their quote (others are listed, not marked)."""
    out = []
    for i, f in enumerate(facts, 1):
        if f.start is None or f.end is None:
            continue
        if 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.quote:
            out.append(Span(f.start, f.end, i, f))
    return out


def highlight(text: str, facts: Sequence[Fact], href: Callable[[str], str]) -> Markup:
    """The paragraph text as HTML with every fact marked and linked.

    >>> from rightsgraph.server.data import Fact
    >>> f = Fact("https://x/f/1", "Concern", "Concern", "p", 4, 9, "cares")
    >>> html = str(highlight("one cares <b>", [f], lambda i: "/doc/f/1"))
    >>> html.startswith('one <mark class="hl k-concern" title="Concern">cares</mark><a class="ref')
    True
    >>> html.endswith('aria-label="Concern 1: Concern"><sup>1</sup></a> &lt;b&gt;')
    True
    """
    items = sorted(spans(text, facts), key=lambda s: (s.start, -s.end, s.number))
    points = sorted({0, len(text), *(s.start for s in items), *(s.end for s in items)})
    out: list[str] = []
    stack: list[Span] = []

    def open_(s: Span) -> None:
        out.append(f'<mark class="hl {kind_class(s.fact.kind)}" title="{escape(humanize(s.fact.kind))}">')
        stack.append(s)

    def ref(s: Span) -> str:
        label = f"{humanize(s.fact.kind)} {s.number}: {s.fact.label}"
        return (f'<a class="ref {kind_class(s.fact.kind)}" href="{escape(href(s.fact.iri))}" '
                f'aria-label="{escape(label)}"><sup>{s.number}</sup></a>')

    pending = list(items)
    for a, b in zip(points, points[1:], strict=False):
        ending = [s for s in stack if s.end == a]
        if ending:
            # close down to the deepest ending span, reopen the ones that go on
            depth = min(stack.index(s) for s in ending)
            reopen = [s for s in stack[depth:] if s.end != a]
            for s in reversed(stack[depth:]):
                out.append("</mark>")
                if s.end == a:
                    out.append(ref(s))
            del stack[depth:]
            for s in reopen:
                open_(s)
        while pending and pending[0].start == a:
            open_(pending.pop(0))
        out.append(str(escape(text[a:b])))
    for s in reversed(stack):
        out.append("</mark>")
        out.append(ref(s))
    return Markup("".join(out))


def legend(facts: Sequence[Fact]) -> list[dict]:
    """Kinds present, with their CSS class and count, in a stable order."""
    counts: dict[str, int] = {}
    for f in facts:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    order = {k: i for i, k in enumerate(KNOWN_KINDS)}
    return [{"kind": k, "name": humanize(k), "css": kind_class(k), "count": n}
            for k, n in sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))]
