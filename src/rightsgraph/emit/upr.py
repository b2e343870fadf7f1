"""Responses to recommendations (UPR views on recommendations) and the report's genre.

A response's IRI is ``id/report/{rid}/response/{number}``: one per recommendation number in a
report, the same on every run. It points (``rg:responseTo``) at the recommendation's own IRI,
``id/recommendation/{symbol}/{number}``, minted from the Working Group report's symbol, so the
two documents meet whichever is read first.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from ..document import Document
from ..facts import Facts
from ..iris import report_graph, report_key
from .refs import Resolver
from .terms import RG, add_evidence, iri, label

_STATUS_LABEL = {"response-status/supported": "supported", "response-status/noted": "noted"}


def emit_genre(graph: Graph, doc: Document, facts: Facts, resolve: Resolver, *, base: str) -> None:
    if facts.genre:
        graph.add((iri(report_key(doc.report_id), base), RG.genre, resolve(facts.genre)))


def emit_responses(graph: Graph, doc: Document, facts: Facts, resolve: Resolver,
                   activity: URIRef, *, base: str) -> None:
    names = {a.key: a.label for a in facts.actors}
    for r in sorted(facts.responses, key=lambda r: (r.evidence.paragraph, r.evidence.start, r.number)):
        node = iri(report_key(doc.report_id, "response", r.number), base)
        graph.add((node, RDF.type, RG.RecommendationResponse))
        who = " and ".join(names[k] for k in r.responded_by if k in names)
        status = _STATUS_LABEL.get(r.status, r.status.rsplit("/", 1)[-1])
        label(graph, node, f"Recommendation {r.number} {status}{' by ' + who if who else ''}")
        add_evidence(graph, node, r.evidence, doc.report_id, base)
        graph.add((node, PROV.wasGeneratedBy, activity))
        graph.add((node, RG.extractionRule, Literal(r.rule or "builtin/extract.upr")))
        target = resolve(r.recommendation)
        graph.add((node, RG.responseTo, target))
        if not r.recommendation.startswith(report_key(doc.report_id) + "/"):
            # described in the Working Group report's own graph (not a dangling link here)
            graph.add((target, RDFS.isDefinedBy,
                       URIRef(report_graph(r.recommendation.split("/")[1]))))
        graph.add((node, RG.responseStatus, resolve(r.status)))
        for key in dict.fromkeys(r.responded_by):
            graph.add((node, RG.respondedBy, resolve(key)))
