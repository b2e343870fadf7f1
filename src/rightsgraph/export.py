"""Export the store (every graph, the report graphs, or one graph) in any RDF format.

Every export goes through `serialize.canonical_quads`, so the same store content gives the
same bytes whatever the store's internal order or blank-node labels.
"""

from __future__ import annotations

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat

from .errors import StoreError
from .iris import GRAPH_BASE
from .serialize import canonical_quads, write_quads
from .store.base import GraphStore

REFERENCE_PREFIXES = ("ontology", "vocab/", "registry", "validation/", "void")


def report_graph_iris(store: GraphStore) -> list[str]:
    """Named graphs of reports (not ontology, vocabularies, registries, validation, VoID)."""
    return [g for g in store.graph_sizes()
            if g.startswith(GRAPH_BASE) and not g[len(GRAPH_BASE):].startswith(REFERENCE_PREFIXES)]


def export_quads(store: GraphStore, *, graph: str | None = None,
                 reports_only: bool = False) -> list[Quad]:
    """Canonical quads of one graph, of the report graphs, or of the whole store."""
    if graph is not None:
        if graph not in store.graph_sizes():
            raise StoreError(f"{store.location}: no graph <{graph}>")
        names = [graph]
    elif reports_only:
        names = report_graph_iris(store)
    else:
        return canonical_quads(store.dump(RdfFormat.N_QUADS))
    quads: list[Quad] = []
    for name in names:
        g = NamedNode(name)
        data = store.dump(RdfFormat.N_TRIPLES, graph=name)
        quads.extend(Quad(q.subject, q.predicate, q.object, g)
                     for q in canonical_quads(data, RdfFormat.N_TRIPLES))
    return canonical_quads(_nquads(quads)) if len(names) > 1 else quads


def _nquads(quads: list[Quad]) -> bytes:
    from pyoxigraph import serialize

    return serialize(quads, format=RdfFormat.N_QUADS) if quads else b""


def export(store: GraphStore, fmt: RdfFormat, *, graph: str | None = None,
           base: str | None = None) -> bytes:
    """The store in `fmt`: dataset formats (TriG, N-Quads, JSON-LD) keep every named graph;
    triple formats (Turtle, N-Triples, RDF/XML) get the report graphs merged. `graph` picks
    one named graph."""
    reports_only = graph is None and not fmt.supports_datasets
    quads = export_quads(store, graph=graph, reports_only=reports_only)
    if not fmt.supports_datasets:
        quads = [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]
        quads = canonical_quads(_nquads(quads)) if quads else []
    return write_quads(quads, fmt, base=base)
