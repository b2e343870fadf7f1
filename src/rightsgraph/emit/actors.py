"""Actors, the meeting and its segments."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ..document import Document
from ..facts import Facts
from ..iris import report_key
from .terms import RG, iri, label, paragraph_iri, text_language


def emit_meeting(graph: Graph, doc: Document, facts: Facts, resolve, *, base: str) -> None:
    if not facts.meeting:
        return
    m = facts.meeting
    report = iri(report_key(doc.report_id), base)
    node = resolve("meeting")
    graph.add((node, RDF.type, RG.Meeting))
    label(graph, node, m.label)
    graph.add((node, RG.summarizedIn, report))
    if m.date:
        graph.add((node, DCTERMS.date, Literal(m.date, datatype=XSD.date)))
    if m.requested_by:
        graph.add((node, RG.requestedBy, resolve(m.requested_by)))
        graph.add((report, RG.requestedBy, resolve(m.requested_by)))
    for seg in m.segments:
        s = resolve(f"segment/{seg.slug}")
        graph.add((s, RDF.type, RG.Segment))
        label(graph, s, seg.label)
        graph.add((s, RG.inMeeting, node))
        graph.add((s, RG.order, Literal(seg.order, datatype=XSD.integer)))
        for path in seg.sections:
            sec = iri(report_key(doc.report_id, "section", path.replace(".", "-").lower()), base)
            graph.add((s, RG.coversSection, sec))


def emit_actors(graph: Graph, doc: Document, facts: Facts, resolve, *, base: str) -> None:
    for a in facts.actors:
        node: URIRef = resolve(a.key)
        graph.add((node, RDF.type, RG[a.kind]))
        label(graph, node, a.label)
        if a.iso3:
            graph.add((node, RG.iso3166Alpha3, Literal(a.iso3)))
        if a.wikidata:
            graph.add((node, RG.wikidata, URIRef(a.wikidata)))
        if a.title:
            graph.add((node, RG.title, Literal(a.title, lang=text_language(doc))))
        if a.acronym:
            graph.add((node, RG.acronym, Literal(a.acronym)))
        if a.affiliation:
            graph.add((node, RG.affiliation, resolve(a.affiliation)))
        if a.represents:
            graph.add((node, RG.represents, resolve(a.represents)))
        for member in a.members:
            graph.add((node, RG.member, resolve(member)))
        for n in sorted({ev.paragraph for ev in a.mentions}):
            graph.add((node, RG.mentionedIn, paragraph_iri(doc.report_id, n, base)))
