"""The context of a statement made by a genre's rule pack (`StatementContext`): its heading,
its sub-item label, the documents it reports from and the earlier reports it reiterates.

Cited documents are named by their symbols; each becomes the IRI of the report that symbol
names (``CRPD/C/AUT/CO/1`` -> ``id/report/crpd-c-aut-co-1``), the IRI that report's own graph
uses when it is read, so a compilation's statement links to the concluding observation it
summarizes whichever of the two is read first. The citing graph describes it as a
``foaf:Document`` with the symbol as its ``dcterms:identifier`` and label.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

from ..facts import StatementContext
from ..iris import report_key
from ..parse import slugify
from .terms import RG, iri


def report_of_symbol(graph: Graph, symbol: str, base: str) -> URIRef:
    """The IRI of the report a symbol names, described as a document with that identifier (its
    own graph, when it is read, adds that it is an rg:Report)."""
    node = iri(report_key(slugify(symbol)), base)
    graph.add((node, RDF.type, FOAF.Document))
    graph.add((node, DCTERMS.identifier, Literal(symbol)))
    graph.add((node, RDFS.label, Literal(symbol)))
    return node


def emit_context(graph: Graph, node: URIRef, context: StatementContext | None, *, base: str,
                 lang: str = "en") -> None:
    """`lang`: the language tag of the document's words (its heading)."""
    if context is None:
        return
    if context.heading:
        graph.add((node, RG.heading, Literal(context.heading, lang=lang)))
    if context.sub_item:
        graph.add((node, RG.subItem, Literal(context.sub_item)))
    for symbol in context.sources:
        graph.add((node, RG.sourceDocument, report_of_symbol(graph, symbol, base)))
    for symbol in context.reiterates:
        graph.add((node, RG.reiterates, report_of_symbol(graph, symbol, base)))
