"""Extracted facts as triples. Every statement: its type, a label, its evidence and provenance.

IRIs of statements are ``id/report/{rid}/{kind}/{paragraph}-{digest}``, the digest minted from
the fact's kind, paragraph, span and type (`iris.fact_key`): the same input gives the same IRIs,
and a fact keeps its IRI when other facts of its paragraph come or go, so reviews and outside
links can point at it. The type is the most specific thing the fact asserts at that span: the
violation type, the instrument cited, the speaker, the measure, else the kind itself.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .. import __version__
from ..document import Document
from ..facts import Facts
from ..iris import fact_key, report_key
from .actors import emit_actors, emit_meeting
from .refs import Resolver
from .statements import emit_context
from .terms import RG, add_evidence, iri, label, text_language
from .upr import emit_genre, emit_responses

ACTIVITY = "extraction"
# the built-in extractors' facts name the module that made them (rg:extractionRule)
BUILTIN = {"intervention": "interventions", "violation": "violations",
           "recommendation": "recommendations", "commitment": "statements",
           "practice": "statements", "concern": "statements", "citation": "instruments",
           "statistic": "statistics"}


def rule_of(kind: str, fact) -> str:
    """The id of the rule that made a fact: its own, its context's, else its built-in module."""
    context = getattr(fact, "context", None)
    return (getattr(fact, "rule", None) or (context.rule if context is not None else None)
            or f"builtin/extract.{BUILTIN[kind]}")


def emit_facts(graph: Graph, doc: Document, facts: Facts, *, base: str) -> None:
    rid = doc.report_id
    resolve = Resolver(rid, base, frozenset(a.key for a in facts.actors if a.report_scoped))
    activity = _emit_activity(graph, doc, base)
    for inst in facts.instruments:
        node = resolve(inst.key)
        graph.add((node, RDF.type, RG[inst.kind]))
        label(graph, node, inst.label)
        if inst.identifier:
            graph.add((node, DCTERMS.identifier, Literal(inst.identifier)))
        if inst.part_of:
            graph.add((node, RG.partOf, resolve(inst.part_of)))
        if inst.adopted_by:
            graph.add((node, RG.adoptedBy, resolve(inst.adopted_by)))
        if inst.wikidata:
            graph.add((node, RG.wikidata, URIRef(inst.wikidata)))
    for place in facts.places:
        node = resolve(place.key)
        graph.add((node, RDF.type, RG[place.kind]))
        label(graph, node, place.label)
        if place.wikidata:
            graph.add((node, RG.wikidata, URIRef(place.wikidata)))
    emit_meeting(graph, doc, facts, resolve, base=base)
    emit_genre(graph, doc, facts, resolve, base=base)
    emit_responses(graph, doc, facts, resolve, activity, base=base)
    emit_actors(graph, doc, facts, resolve, base=base)

    minted: dict[URIRef, tuple] = {}
    names = {a.key: a.label for a in facts.actors}

    def by(keys) -> str:
        """' by X and Y' for labels, from the actors' labels."""
        known = [names[k] for k in dict.fromkeys(keys) if k in names]
        return f" by {' and '.join(known)}" if known else ""

    def statement(kind: str, cls, ev, text: str, type_: str | None = None, *, fact=None,
                  key: str | None = None) -> URIRef | None:
        """The fact's node, or None when this very fact (kind, paragraph, span, type) is made.
        A fact with a `key` of its own (a numbered UPR recommendation) has that key's IRI."""
        identity = (kind, ev.paragraph, ev.start, ev.end, type_ or kind)
        if key is not None:
            node = resolve(key)
        else:
            node = iri(fact_key(rid, *identity), base)
            if node in minted and minted[node] != identity:  # a digest collision: the full one
                node = iri(fact_key(rid, *identity, digits=64), base)
        if node in minted:
            return None
        minted[node] = identity
        graph.add((node, RDF.type, cls))
        graph.add((node, RG.extractionRule, Literal(rule_of(kind, fact))))
        label(graph, node, f"{text} (¶{ev.paragraph})")
        add_evidence(graph, node, ev, rid, base)
        graph.add((node, PROV.wasGeneratedBy, activity))
        return node

    def by_place(items):
        return sorted(items, key=lambda f: (f.evidence.paragraph, f.evidence.start, f.evidence.end))

    for i in by_place(facts.interventions):
        node = statement("intervention", RG.Intervention, i.evidence, f"Intervention{by([i.speaker])}",
                         i.speaker, fact=i)
        if node is None:
            continue
        graph.add((node, RG.speaker, resolve(i.speaker)))
        if i.segment:
            graph.add((node, RG.inSegment, resolve(f"segment/{i.segment}")))
        if i.capacity:
            graph.add((node, RG.capacity, resolve(i.capacity)))
        for a in i.on_behalf_of:
            graph.add((node, RG.onBehalfOf, resolve(a)))

    for v in by_place(facts.violations):
        node = statement("violation", RG.ViolationReport, v.evidence,
                         f"Report of {v.violation_type.split('/', 1)[1].replace('-', ' ')}"
                         f"{by(v.reported_by)}", v.violation_type, fact=v)
        if node is None:
            continue
        graph.add((node, RG.violationType, resolve(v.violation_type)))
        graph.add((node, RG.hedged, Literal(v.hedged, datatype=XSD.boolean)))
        _many(graph, node, RG.reportedBy, v.reported_by, resolve)
        _many(graph, node, RG.perpetrator, v.perpetrators, resolve)
        _many(graph, node, RG.affectedGroup, v.affected_groups, resolve)
        _many(graph, node, RG.location, v.locations, resolve)

    for r in by_place(facts.recommendations):
        node = statement("recommendation", RG.Recommendation, r.evidence,
                         f"Recommendation{by(r.recommended_by)}: {_short(r.action)}", fact=r, key=r.key)
        if node is None:
            continue
        graph.add((node, RG.action, Literal(r.action, lang=text_language(doc))))
        _many(graph, node, RG.recommendedBy, r.recommended_by, resolve)
        _many(graph, node, RG.addressedTo, r.addressed_to, resolve)
        _many(graph, node, RG.theme, r.themes, resolve)
        _many(graph, node, RG.gcmObjective, r.gcm_objectives, resolve)
        _many(graph, node, RG.sdgTarget, r.sdg_targets, resolve)
        _many(graph, node, RG.invokes, r.instruments, resolve)
        if r.specificity is not None:
            graph.add((node, RG.specificity, Literal(r.specificity, datatype=XSD.integer)))
        if r.specificity_rule:
            graph.add((node, RG.specificityRule, Literal(r.specificity_rule)))
        if r.number:
            graph.add((node, RG.recommendationNumber, Literal(r.number)))
        emit_context(graph, node, r.context, base=base, lang=text_language(doc))

    for c in by_place(facts.commitments):
        node = statement("commitment", RG.Commitment, c.evidence,
                         f"Commitment{by(c.committed_by)}: {_short(c.action)}", fact=c)
        if node is None:
            continue
        graph.add((node, RG.action, Literal(c.action, lang=text_language(doc))))
        _many(graph, node, RG.committedBy, c.committed_by, resolve)
        emit_context(graph, node, c.context, base=base, lang=text_language(doc))

    for p in by_place(facts.practices):
        node = statement("practice", RG.PromisingPractice, p.evidence,
                         f"Promising practice{by(p.practice_of)}: {_short(p.description)}", fact=p)
        if node is None:
            continue
        graph.add((node, RG.description, Literal(p.description, lang=text_language(doc))))
        _many(graph, node, RG.practiceOf, p.practice_of, resolve)
        _many(graph, node, RG.theme, p.themes, resolve)
        emit_context(graph, node, p.context, base=base, lang=text_language(doc))

    for c in by_place(facts.concerns):
        node = statement("concern", RG.Concern, c.evidence,
                         f"Concern{by(c.concern_of)}: {_short(c.description)}", fact=c)
        if node is None:
            continue
        graph.add((node, RG.description, Literal(c.description, lang=text_language(doc))))
        _many(graph, node, RG.concernOf, c.concern_of, resolve)
        emit_context(graph, node, c.context, base=base, lang=text_language(doc))

    for c in by_place(facts.citations):
        node = statement("citation", RG.Citation, c.evidence, "Citation", c.instrument, fact=c)
        if node is None:
            continue
        target = resolve(c.instrument)
        graph.add((node, RG.cites, target))
        graph.add((iri(report_key(rid, "paragraph", c.evidence.paragraph), base), RG.cites, target))
        _many(graph, node, RG.attributedTo, c.cited_by, resolve)

    for s in by_place(facts.statistics):
        node = statement("statistic", RG.Statistic, s.evidence, f"Statistic: {s.evidence.quote}",
                         s.measure, fact=s)
        if node is None:
            continue
        graph.add((node, RG.value, Literal(s.value, datatype=XSD.decimal)))
        graph.add((node, RG.measure, Literal(s.measure, lang=text_language(doc))))
        for prop, value in ((RG.qualifier, s.qualifier), (RG.period, s.period), (RG.unit, s.unit)):
            if value:
                graph.add((node, prop, Literal(value)))
        _many(graph, node, RG.about, s.about, resolve)
        _many(graph, node, RG.source, s.source, resolve)


def _many(graph: Graph, node, prop, keys, resolve) -> None:
    for key in dict.fromkeys(keys):
        graph.add((node, prop, resolve(key)))


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _emit_activity(graph: Graph, doc: Document, base: str) -> URIRef:
    """The extraction run (machine-made facts point to it, so human review can sit apart)."""
    activity = iri(report_key(doc.report_id, ACTIVITY), base)
    agent = iri(f"agent/rightsgraph/{__version__}", base)
    graph.add((activity, RDF.type, RG.ExtractionActivity))
    graph.add((activity, RDF.type, PROV.Activity))
    label(graph, activity, f"Automatic extraction by RightsGraph {__version__}")
    graph.add((activity, PROV.used, iri(report_key(doc.report_id), base)))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"RightsGraph {__version__}")))
    return activity
