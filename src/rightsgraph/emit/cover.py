"""The cover fields of a report graph beyond its title: languages, the issuing body, the State
the report is about, the date a State's submission was received.

Kept apart from `emit.document` (the report's structure) so each can change on its own.
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, XSD

from ..document import Document
from ..iris import report_key
from ..registry import organizations, states
from .terms import RG, iri


def emit_cover(graph: Graph, doc: Document, *, base: str) -> None:
    report = iri(report_key(doc.report_id), base)
    if doc.language:
        graph.add((report, DCTERMS.language, Literal(doc.language, datatype=XSD.language)))
    for code in doc.original_languages:
        graph.add((report, RG.originalLanguage, Literal(code, datatype=XSD.language)))
    if doc.body_key and organizations.by_slug(doc.body_key):
        graph.add((report, RG.issuingBody, iri(f"org/{doc.body_key}", base)))
    if doc.state and states.by_iso3(doc.state):
        graph.add((report, RG.aboutState, iri(f"state/{doc.state}", base)))
    if doc.date_received:
        graph.add((report, DCTERMS.dateSubmitted, Literal(doc.date_received, datatype=XSD.date)))
