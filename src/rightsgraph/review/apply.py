"""Re-applying review decisions to a freshly built report graph.

The report graph (``graph/{id}``) becomes the reviewed state: rejected facts gone,
corrections applied, added facts present, merged actors' facts pointing at the actor kept;
every reviewed fact carries ``rg:reviewStatus`` (accept, correct or add) and
``rg:reviewedIn`` its latest decision, and a fact without them is machine-extracted as it
came out of the extractor. The decisions themselves live apart, in ``graph/review/{id}``:
who (``prov:wasAttributedTo``), when (``prov:generatedAtTime``), why (``rdfs:comment``),
which fact (``prov:wasRevisionOf``), extraction (``rg:reviewsExtraction``) and rule, and for
a correction the machine's value beside the reviewer's (``rg:previousValue``,
``rg:newValue``), so that the raw extraction stays readable beside the reviewed one.

Decisions apply in file order: the last word on a fact (accept, reject or correct) decides
whether it stays; its corrections apply unless that last word is a reject.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from ..emit.refs import Resolver
from ..emit.terms import RG, bind_prefixes, concept, iri, label
from ..errors import ReviewError
from ..iris import GRAPH_BASE, base_iri, fact_key, report_key
from .anchor import Anchor, FactIndex
from .records import Review
from .terms import KINDS, PROPERTIES, check_kind, check_property, terms

ACTIVITY = "review"
DEFAULTS = {"violation": {"hedged": "false"}}  # what an added fact says unless the review does


def review_graph_iri(report_id: str) -> str:
    """Named graph of the reviews of one report.

    >>> review_graph_iri("a-hrc-56-40")
    'https://w3id.org/rightsgraph/graph/review/a-hrc-56-40'
    """
    return GRAPH_BASE + "review/" + report_id


def reviewer_iri(reviewer: str, base: str) -> URIRef:
    return iri(f"agent/reviewer/{reviewer}", base)


def decision_iri(decision: str, base: str) -> URIRef:
    return concept(f"review-decision/{decision}", base)


@dataclass(frozen=True)
class Outcome:
    """What became of one decision on this build."""

    review: Review
    status: str  # applied, reanchored, unanchored, superseded
    target: str = ""  # the key it applies to now
    reason: str = ""


@dataclass
class Reviewed:
    graph: Graph  # the report graph in its reviewed state
    reviews: Graph  # graph/review/{id}
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def unanchored(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "unanchored"]


def apply_reviews(graph: Graph, reviews: list[Review], *, base: str | None = None) -> Reviewed:
    """The reviewed state of a report graph (a new graph; `graph` itself when there are no
    reviews) and the graph of its reviews."""
    base = base_iri(base)
    rid = str(graph.identifier).rsplit("/", 1)[-1]
    rg = Graph(identifier=URIRef(review_graph_iri(rid)))
    bind_prefixes(rg, base)
    if not reviews:
        return Reviewed(graph, rg)  # nothing to change: the graph itself, not a copy
    out = Graph(identifier=graph.identifier)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    out += graph
    index = FactIndex(graph, base)
    scoped = frozenset(str(s)[len(base + report_key(rid)) + 1:]
                       for s in graph.subjects(RDF.type, None)
                       if str(s).startswith(base + report_key(rid) + "/"))
    resolve = Resolver(rid, base, scoped)
    activity = _activity(rg, rid, base)
    outcomes: list[Outcome] = []
    final: dict[URIRef, Review] = {}  # a fact's latest accept/reject/correct
    corrections: dict[URIRef, dict[str, Review]] = {}
    merges: dict[tuple[URIRef, URIRef], Review] = {}
    for review in reviews:
        if review.decision in ("accept", "reject", "correct"):
            anchor = index.fact(review)
            outcomes.append(_outcome(review, anchor, base))
            if anchor.node is None:
                continue
            if review.decision == "correct":
                name, _ = _single(review)
                corrections.setdefault(anchor.node, {})[name] = review
            final[anchor.node] = review  # the latest word on the fact
            _record(rg, review, activity, base, fact=anchor.node, index=index)
        elif review.decision == "add":
            anchor = index.span(review)
            node = None
            if anchor.paragraph is not None:
                node = _add(out, review, anchor, rid, base, resolve, activity)
            outcomes.append(_outcome(review, anchor, base, node))
            if node is not None:
                _record(rg, review, activity, base, fact=None, added=node)
        else:
            kept, other = resolve(review.fact), resolve(_other(review))
            missing = [str(n) for n in (kept, other) if not index.mentions(n)]
            if missing:
                outcomes.append(Outcome(review, "unanchored", reason="the report graph does not "
                                        f"mention {', '.join(missing)}"))
                continue
            outcomes.append(Outcome(review, "applied", review.fact))
            if review.decision == "merge":
                merges[(kept, other)] = review
            else:
                merges.pop((kept, other), None)
                merges.pop((other, kept), None)
            _record(rg, review, activity, base, fact=None)
    for node, review in final.items():
        if review.decision == "reject":
            out.remove((node, None, None))
            out.remove((None, None, node))
            continue
        fixed = corrections.get(node, {})
        for name, fix in fixed.items():
            _, value = _single(fix)
            prop = RG[name]
            record = _record_iri(fix, base)
            olds = list(out.objects(node, prop))
            for old in olds:
                rg.add((record, RG.previousValue, old))
            out.remove((node, prop, None))
            if name == "violationType" and olds:
                _relabel(out, node, olds[0], value)
            for term in terms(name, value, resolve):
                out.add((node, prop, term))
                rg.add((record, RG.newValue, term))
        out.add((node, RG.reviewStatus, decision_iri("correct" if fixed else "accept", base)))
        out.add((node, RG.reviewedIn, _record_iri(review, base)))
    for (kept, other), review in merges.items():
        _merge(out, rg, kept, other, review, index)
    return Reviewed(out, rg, outcomes)


def _single(review: Review) -> tuple[str, str]:
    if len(review.values) != 1:
        raise ReviewError(f"review {review.id}: a correction sets exactly one property "
                          f"(name=value), not {len(review.values)}")
    name, value = review.values[0]
    check_property(review.kind, name)
    return name, value


def _other(review: Review) -> str:
    other = review.value("sameAs" if review.decision == "merge" else "differentFrom")
    if not other:
        raise ReviewError(f"review {review.id}: a {review.decision} names the other actor "
                          f"({'sameAs' if review.decision == 'merge' else 'differentFrom'}=key)")
    return other


def _outcome(review: Review, anchor: Anchor, base: str, node: URIRef | None = None) -> Outcome:
    target = node if node is not None else anchor.node
    key = str(target)[len(base):] if target is not None else ""
    return Outcome(review, anchor.status, key, anchor.reason)


def _activity(rg: Graph, rid: str, base: str) -> URIRef:
    activity = iri(report_key(rid, ACTIVITY), base)
    rg.add((activity, RDF.type, RG.ReviewActivity))
    rg.add((activity, RDF.type, PROV.Activity))
    label(rg, activity, f"Human review of report {rid}")
    rg.add((activity, PROV.used, iri(report_key(rid), base)))
    return activity


def _record_iri(review: Review, base: str) -> URIRef:
    return iri(report_key(review.report, ACTIVITY, review.id), base)


def _record(rg: Graph, review: Review, activity: URIRef, base: str, *, fact: URIRef | None,
            added: URIRef | None = None, index: FactIndex | None = None) -> None:
    node = _record_iri(review, base)
    person = reviewer_iri(review.reviewer, base)
    rg.add((person, RDF.type, PROV.Person))
    rg.add((person, RDFS.label, Literal(review.reviewer)))
    rg.add((node, RDF.type, RG.ReviewDecision))
    rg.add((node, RDF.type, PROV.Entity))
    label(rg, node, f"{review.decision.capitalize()} by {review.reviewer}")
    rg.add((node, RG.decision, decision_iri(review.decision, base)))
    rg.add((node, PROV.wasAttributedTo, person))
    rg.add((node, PROV.wasGeneratedBy, activity))
    if review.time:
        rg.add((node, PROV.generatedAtTime, Literal(review.time, datatype=XSD.dateTime)))
    if review.note:
        rg.add((node, RDFS.comment, Literal(review.note)))
    if review.quote:
        rg.add((node, RG.reviewedQuote, Literal(review.quote)))
    if fact is not None:
        rg.add((node, PROV.wasRevisionOf, fact))
        rg.add((fact, RDF.type, PROV.Entity))  # the machine's fact, whatever became of it
        rg.add((node, RG.reviewsExtraction, iri(report_key(review.report, "extraction"), base)))
        info = index.facts.get(fact) if index else None
        if info is not None and info.rule:
            rg.add((node, RG.reviewedRule, Literal(info.rule)))
    if review.decision == "correct":
        rg.add((node, RG.reviewProperty, RG[review.values[0][0]]))
    if added is not None:
        rg.add((node, RG.addedFact, added))


def _add(out: Graph, review: Review, anchor: Anchor, rid: str, base: str, resolve: Resolver,
         activity: URIRef) -> URIRef:
    kind = check_kind(review.kind)
    for name, _ in review.values:
        check_property(kind, name)
    number = str(anchor.paragraph).rsplit("/paragraph/", 1)[1]  # the paragraph's key
    node = iri(fact_key(rid, kind, number, anchor.start, anchor.end, "review"), base)
    out.add((node, RDF.type, KINDS[kind]))
    label(out, node, f"{kind.capitalize()} added in review (¶{number})")
    out.add((node, PROV.wasDerivedFrom, anchor.paragraph))
    out.add((node, RG.quote, Literal(review.quote)))
    out.add((node, RG.start, Literal(anchor.start, datatype=XSD.integer)))
    out.add((node, RG.end, Literal(anchor.end, datatype=XSD.integer)))
    out.add((node, PROV.wasGeneratedBy, activity))
    given = dict(review.values)
    for name, value in {**DEFAULTS.get(kind, {}), **given}.items():
        for term in terms(name, value, resolve):
            out.add((node, RG[name], term))
    out.add((node, RG.reviewStatus, decision_iri("add", base)))
    out.add((node, RG.reviewedIn, _record_iri(review, base)))
    return node


def _merge(out: Graph, rg: Graph, kept: URIRef, other: URIRef, review: Review,
           index: FactIndex) -> None:
    """Facts naming the other actor name the one kept; the equivalence and the preferred
    label go to the review graph."""
    for node in index.facts:
        for prop, obj in list(out.predicate_objects(node)):
            if obj == other and prop in {RG[n] for n, p in PROPERTIES.items() if p.value == "ref"}:
                out.remove((node, prop, other))
                out.add((node, prop, kept))
    rg.add((kept, OWL.sameAs, other))
    preferred = review.value("label")
    if preferred:
        rg.add((kept, SKOS.prefLabel, Literal(preferred, lang="en")))


def _relabel(out: Graph, node: URIRef, old: URIRef, new: str) -> None:
    """"Report of pushback by X (¶3)" names the corrected type, not the machine's."""
    words = str(old).rsplit("/", 1)[-1].replace("-", " ")
    for text in list(out.objects(node, RDFS.label)):
        if str(text).startswith(f"Report of {words}"):
            out.remove((node, RDFS.label, text))
            fixed = f"Report of {new.rsplit('/', 1)[-1].replace('-', ' ')}" + \
                str(text)[len(f"Report of {words}"):]
            out.add((node, RDFS.label, Literal(fixed, lang=text.language)))
