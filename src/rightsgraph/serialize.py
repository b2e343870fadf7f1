"""Serialise graphs deterministically: rdflib -> N-Triples once -> Oxigraph writers."""

from __future__ import annotations

from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Triple,
    parse,
)
from pyoxigraph import serialize as oxi_serialize
from rdflib import Graph, URIRef

from .emit.terms import PREFIXES


def ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples: blank nodes relabelled by RDFC-1.0, lines sorted.

    The same graph gives the same bytes on every run, which makes every later output
    (Turtle, TriG, the store's dumps) deterministic too.
    """
    data = graph.serialize(format="nt", encoding="utf-8")
    if b"_:" in data:
        dataset = Dataset(
            Quad(t.subject, t.predicate, t.object, DefaultGraph())
            for t in parse(data, format=RdfFormat.N_TRIPLES)
        )
        dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
        data = oxi_serialize(
            (Triple(q.subject, q.predicate, q.object) for q in dataset), format=RdfFormat.N_TRIPLES
        )
    lines = sorted(set(line for line in data.splitlines() if line.strip()))
    return b"\n".join(lines) + b"\n" if lines else b""


def nquads(graph: Graph) -> bytes:
    """The graph as N-Quads in its own named graph (for Oxigraph bulk loads)."""
    store = Store()
    store.load(ntriples(graph), format=RdfFormat.N_TRIPLES,
               to_graph=NamedNode(str(graph.identifier)))
    return store.dump(format=RdfFormat.N_QUADS)


def prefixes(base: str | None = None) -> dict[str, str]:
    """Prefixes for readable output (resources stay full IRIs: their paths hold slashes)."""
    return {k: str(v) for k, v in PREFIXES.items()}


def serialize(graph: Graph, fmt: RdfFormat = RdfFormat.TURTLE, *, base: str | None = None) -> bytes:
    """One report graph in any RDF format; datasets formats keep its named graph."""
    store = Store()
    name = NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) else DefaultGraph()
    store.load(ntriples(graph), format=RdfFormat.N_TRIPLES, to_graph=name)
    if fmt.supports_datasets and isinstance(name, NamedNode):
        return _dump(store, fmt, None, base)
    return _dump(store, fmt, name, base)


def _dump(store: Store, fmt: RdfFormat, graph: NamedNode | DefaultGraph | None, base: str | None) -> bytes:
    kwargs = {}
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
        kwargs["prefixes"] = prefixes(base)
    if graph is not None:
        kwargs["from_graph"] = graph
    return store.dump(format=fmt, **kwargs)
