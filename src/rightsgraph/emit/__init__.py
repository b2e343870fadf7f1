"""Stage 5: `Document` + `Facts` -> one rdflib graph per report.

This package alone knows ontology terms and mints IRIs.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from ..document import Document
from ..facts import Facts
from ..iris import base_iri, report_graph
from .cover import emit_cover
from .document import emit_document
from .facts import emit_facts
from .registry import without_shared
from .terms import bind_prefixes

__all__ = ["emit"]


def emit(document: Document, facts: Facts, *, base: str | None = None) -> Graph:
    """Build the report's named graph; the same input always gives the same triples. What
    the registry and vocabulary graphs say about shared entities is not repeated here."""
    graph = Graph(identifier=URIRef(report_graph(document.report_id)))
    bind_prefixes(graph, base_iri(base))
    emit_document(graph, document, base=base_iri(base))
    emit_cover(graph, document, base=base_iri(base))
    emit_facts(graph, document, facts, base=base_iri(base))
    return without_shared(graph, base)
