"""Serialise graphs deterministically: rdflib -> N-Triples once -> Oxigraph writers."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import (
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    Literal,
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
    return _canonical(graph.serialize(format="nt", encoding="utf-8"))


def _canonical(data: bytes) -> bytes:
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


def canonical_graph(data: bytes, tag: int | str) -> bytes:
    r"""One graph's N-Triples made canonical and graph-local, as a streaming export writes it:
    blank nodes relabelled by RDFC-1.0 then prefixed with `tag`, lines unique and sorted.

    >>> canonical_graph(b'<http://ex/s> <http://ex/p> _:anything .\n', "7")
    b'<http://ex/s> <http://ex/p> _:g7c14n0 .\n'
    """
    data = _canonical(data)
    return _relabel(data, tag) if b"_:" in data else data


def file_ntriples(path, fmt: RdfFormat = RdfFormat.TURTLE) -> bytes:
    """An RDF file as canonical N-Triples (as `ntriples` gives), read by Oxigraph."""
    try:
        data = oxi_serialize(parse(path=str(path), format=fmt), format=RdfFormat.N_TRIPLES)
    except (OSError, SyntaxError) as exc:
        from .errors import OntologyError

        raise OntologyError(f"{path}: cannot be read ({str(exc).splitlines()[0]})") from None
    return _canonical(data)


def rebased(data: bytes, old: str, new: str) -> bytes:
    """Canonical N-Triples with every IRI under `old` moved under `new` (subjects and objects;
    predicates are ontology terms, never resources): the vocabularies and registries follow
    `--base` as the report graphs do."""
    if old == new:
        return data

    def moved(term):
        if isinstance(term, NamedNode) and term.value.startswith(old):
            return NamedNode(new + term.value[len(old):])
        return term

    triples = (Triple(moved(t.subject), t.predicate, moved(t.object))
               for t in parse(data, format=RdfFormat.N_TRIPLES))
    return _canonical(oxi_serialize(triples, format=RdfFormat.N_TRIPLES))


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

    # the quads go to pyld as its dataset structure, not as N-Quads text: pyld's N-Quads reader
    # unescapes literals wrongly (text holding a backslash and `u0022` came out changed)
    expanded = ld.from_rdf(_pyld_dataset(quads), {"useNativeTypes": False})
    context = context_document()["@context"]
    compacted = ld.compact(expanded, {"@context": context}, {"compactArrays": True})
    return (json.dumps(compacted, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _pyld_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
        if term.language:
            out["language"] = term.language
        return out
    return {"type": "blank node", "value": f"_:{term.value}"}


def _pyld_dataset(quads: list[Quad]) -> dict:
    """Quads in pyld's RDF dataset form (what its N-Quads reader would have produced)."""
    dataset: dict[str, list] = {}
    for q in quads:
        graph = "@default" if isinstance(q.graph_name, DefaultGraph) else _pyld_term(q.graph_name)["value"]
        triple = {"subject": _pyld_term(q.subject), "predicate": _pyld_term(q.predicate),
                  "object": _pyld_term(q.object)}
        dataset.setdefault(graph, []).append(triple)  # quads come unique (a Dataset)
    return dataset


def serialize(graph: Graph, fmt: RdfFormat = RdfFormat.TURTLE, *, base: str | None = None) -> bytes:
    """One report graph in any RDF format; datasets formats keep its named graph."""
    name = NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) else DefaultGraph()
    quads = [Quad(t.subject, t.predicate, t.object, name)
             for t in parse(ntriples(graph), format=RdfFormat.N_TRIPLES)]
    return write_quads(canonical_quads(oxi_serialize(quads, format=RdfFormat.N_QUADS))
                       if quads else [], fmt, base=base)


_BNODE_SUBJECT = re.compile(rb"^_:(\S+)", re.M)
# an object blank node ends the line; `"` and `>` keep a literal's " _:x" text out of it
_BNODE_OBJECT = re.compile(rb" _:([^\s\"<>]+) \.$", re.M)


def _relabel(data: bytes, tag: int | str) -> bytes:
    """Prefix blank node labels (N-Triples lines) so that graphs joined into one document
    keep theirs apart: ``_:x`` becomes ``_:g{tag}x``."""
    prefix = b"_:g" + str(tag).encode("ascii")
    data = _BNODE_SUBJECT.sub(lambda m: prefix + m.group(1), data)
    return _BNODE_OBJECT.sub(lambda m: b" " + prefix + m.group(1) + b" .", data)


def _statements(data: bytes, tag: int) -> bytes:
    """N-Triples as one statement per line ending in " .\n", blank nodes made graph-local."""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    if data.count(b"\n") != data.count(b" .\n") or b"\r" in data or b"\n#" in data \
            or data.startswith(b"#"):
        data = oxi_serialize(parse(data, format=RdfFormat.N_TRIPLES), format=RdfFormat.N_TRIPLES)
    return _relabel(data, tag) if b"_:" in data else data


def named_graphs_nquads(graphs: Mapping[str, bytes]) -> bytes:
    r"""Named graphs (IRI -> N-Triples) as one N-Quads document, for one Oxigraph bulk load.

    >>> named_graphs_nquads({"http://ex/g": b'<http://ex/s> <http://ex/p> _:b .\n'})
    b'<http://ex/s> <http://ex/p> _:g0b <http://ex/g> .\n'
    """
    parts = []
    for i, (iri, data) in enumerate(graphs.items()):
        tail = b" <" + iri.encode("utf-8") + b"> .\n"
        parts.append(_statements(data, i).replace(b" .\n", tail))
    return b"".join(parts)


def oxigraph_ntriples(data: bytes) -> bytes:
    """N-Triples as Oxigraph writes them (to compare with what an Oxigraph store holds)."""
    return oxi_serialize(parse(data, format=RdfFormat.N_TRIPLES), format=RdfFormat.N_TRIPLES)


def replace_update(graphs: Mapping[str, bytes]) -> str:
    """One SPARQL update replacing each named graph (IRI -> N-Triples) in one transaction."""
    drops = [f"DROP SILENT GRAPH <{iri}>" for iri in graphs]
    blocks = [f"GRAPH <{iri}> {{\n{_statements(data, i).decode('utf-8')}}}"
              for i, (iri, data) in enumerate(graphs.items()) if data.strip()]
    if not blocks:
        return " ;\n".join(drops)
    return " ;\n".join(drops) + " ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}"

