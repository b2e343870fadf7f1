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
    """Prefixes for readable output. Resources stay full IRIs in Turtle (their paths hold
    slashes, which prefixed names would have to escape), so ``rgid`` is left to JSON-LD and
    to tables (`render.short_iri`)."""
    return {k: str(v) for k, v in PREFIXES.items()}


def canonical_quads(data: bytes, fmt: RdfFormat = RdfFormat.N_QUADS) -> list[Quad]:
    """Parse quads, relabel blank nodes by RDFC-1.0 and sort them (graph, subject,
    predicate, object): the stable order every writer below streams from."""
    dataset = Dataset(parse(data, format=fmt))
    if b"_:" in data:
        dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=lambda q: ("" if isinstance(q.graph_name, DefaultGraph)
                                          else str(q.graph_name), str(q.subject),
                                          str(q.predicate), str(q.object)))


def write_quads(quads: list[Quad], fmt: RdfFormat, *, base: str | None = None) -> bytes:
    """Write canonical quads in `fmt`; triple formats get the triples (graph names dropped).

    The same quads always give the same bytes: no store, no hash order, stable blank nodes.
    """
    if fmt == RdfFormat.JSON_LD:
        return jsonld(quads)
    items = quads if fmt.supports_datasets else [Triple(q.subject, q.predicate, q.object)
                                                 for q in quads]
    kwargs = {}
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        kwargs["prefixes"] = prefixes(base)
    if not items:
        return b""
    return oxi_serialize(_dedupe(items), format=fmt, **kwargs)


def _dedupe(items):
    seen = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def context_document() -> dict:
    """The published JSON-LD context (``ontology/context.jsonld``)."""
    import json

    from .resources import ontology_dir

    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))


def jsonld(quads: list[Quad]) -> bytes:
    """JSON-LD compacted with the project's published context (embedded, so the file reads
    offline); default-graph triples at top level, each named graph as a node with ``@graph``."""
    import json

    from pyld import jsonld as ld

    data = oxi_serialize(quads, format=RdfFormat.N_QUADS).decode("utf-8") if quads else ""
    expanded = ld.from_rdf(data, {"format": "application/n-quads", "useNativeTypes": False})
    context = context_document()["@context"]
    compacted = ld.compact(expanded, {"@context": context}, {"compactArrays": True})
    return (json.dumps(compacted, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def serialize(graph: Graph, fmt: RdfFormat = RdfFormat.TURTLE, *, base: str | None = None) -> bytes:
    """One report graph in any RDF format; datasets formats keep its named graph."""
    name = NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) else DefaultGraph()
    quads = [Quad(t.subject, t.predicate, t.object, name)
             for t in parse(ntriples(graph), format=RdfFormat.N_TRIPLES)]
    return write_quads(canonical_quads(oxi_serialize(quads, format=RdfFormat.N_QUADS))
                       if quads else [], fmt, base=base)
