"""Extracted facts as triples: the meeting, and (per kind) statements with evidence."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from ..document import Document
from ..facts import Facts
from ..iris import report_key
from .terms import RG, iri, label


def emit_facts(graph: Graph, doc: Document, facts: Facts, *, base: str) -> None:
    report = iri(report_key(doc.report_id), base)
    for inst in facts.instruments:
        node = iri(inst.key, base)
        graph.add((node, RDF.type, getattr(RG, inst.kind)))
        label(graph, node, inst.label)
        if inst.identifier:
            graph.add((node, DCTERMS.identifier, Literal(inst.identifier)))
        if inst.part_of:
            graph.add((node, RG.partOf, iri(inst.part_of, base)))
    if facts.meeting:
        m = facts.meeting
        node = iri(report_key(doc.report_id, "meeting"), base)
        graph.add((node, RDF.type, RG.Meeting))
        label(graph, node, m.label)
        graph.add((node, RG.summarizedIn, report))
        if m.date:
            graph.add((node, DCTERMS.date, Literal(m.date, datatype=XSD.date)))
        if m.requested_by:
            graph.add((node, RG.requestedBy, iri(m.requested_by, base)))
            graph.add((report, RG.requestedBy, iri(m.requested_by, base)))
