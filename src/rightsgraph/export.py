"""Export the store (every graph, the report graphs, or one graph) in any RDF format, streaming.

The store is read one named graph at a time and each graph is handed to Oxigraph's writer
before the next one is read, so memory follows the largest graph, not the corpus. JSON-LD is
the exception: it is one JSON document compacted by pyld, which needs it whole, so that
format is built in memory.

The output is deterministic: the same store content gives the same bytes, whatever the
store's internal order or blank-node labels. Graphs come in IRI order (the default graph
first, when it holds anything); inside a graph, statements are canonical N-Triples lines in
byte order, blank nodes relabelled by RDFC-1.0 per graph and then made graph-local
(``_:g{tag}c14n0``, `tag` derived from the graph IRI alone, so a graph's labels do not
change when other graphs are added to the store).

Triple formats (Turtle, N-Triples, RDF/XML) write the RDF merge of every graph, the same
default graph every query interface answers from. Each graph's triples are written as that
graph holds them; no triple is published in two graphs (shared entities are described once,
in the registry and vocabulary graphs), so each is written once, without the memory that
dropping repeats while streaming would need. Prefixes are declared once, at the top.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import RdfFormat, parse
from pyoxigraph import serialize as oxi_serialize

from .errors import StoreError
from .iris import GRAPH_BASE
from .serialize import canonical_graph, jsonld, prefixes
from .store.base import GraphStore

REFERENCE_PREFIXES = ("ontology", "vocab/", "registry", "validation/", "void")
DEFAULT_GRAPH = ""  # the default graph, among the names `export_graphs` returns


def report_graph_iris(store: GraphStore) -> list[str]:
    """Named graphs of reports (not ontology, vocabularies, registries, validation, VoID)."""
    return sorted(g for g in store.graph_names() if is_report_graph(g))


def is_report_graph(iri: str) -> bool:
    return iri.startswith(GRAPH_BASE) and not iri[len(GRAPH_BASE):].startswith(REFERENCE_PREFIXES)


def graph_tag(iri: str) -> str:
    """The graph-local part of blank node labels in exports: a digest of the graph IRI.

    >>> graph_tag("https://w3id.org/rightsgraph/graph/example")
    '53f3d8953ad285df'
    """
    return hashlib.blake2b(iri.encode("utf-8"), digest_size=8).hexdigest()


def canonical_statements(name: str, data: bytes, *, dataset: bool = False) -> bytes:
    """One graph's N-Triples as canonical, graph-local lines: N-Triples, or N-Quads in graph
    `name` when `dataset` (`name` is `DEFAULT_GRAPH` for the default graph)."""
    data = canonical_graph(data, graph_tag(name))
    if dataset and name:
        # one statement per line, each ending in " .\n" (newlines in literals are escaped)
        data = data.replace(b" .\n", b" <" + name.encode("utf-8") + b"> .\n")
    return data


def export_graphs(store: GraphStore, fmt: RdfFormat, *, graph: str | None = None
                  ) -> list[tuple[str, int | None]]:
    """(graph name, triple count) of what an export in `fmt` writes, in writing order: `graph`
    alone; else every graph (the default graph first, when it holds anything)."""
    sizes = store.graph_sizes()
    if graph is not None:
        if graph not in sizes:
            raise StoreError(f"{store.location}: no graph <{graph}>")
        return [(graph, sizes[graph])]
    return [(DEFAULT_GRAPH, None)] + [(g, sizes[g]) for g in sorted(sizes)]


def _read(store: GraphStore, graphs: list[tuple[str, int | None]]) -> Iterator[tuple[str, bytes]]:
    """Each graph's N-Triples, read from the store only when the one before has been taken."""
    for name, size in graphs:
        yield name, (store.graph_ntriples(name, size=size) if name
                     else store.default_graph_ntriples())


def _statements(graphs: Iterable[tuple[str, bytes]], fmt: RdfFormat):
    """Triples (triple formats) or quads (dataset formats), graph after graph."""
    dataset = fmt.supports_datasets
    for name, data in graphs:
        data = canonical_statements(name, data, dataset=dataset)
        if data:
            yield from parse(data, format=RdfFormat.N_QUADS if dataset else RdfFormat.N_TRIPLES)


class _Counter:
    """A binary writer that counts what goes through it."""

    def __init__(self, output: BinaryIO):
        self.output, self.written = output, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        return self.output.write(data)

    def flush(self) -> None:
        self.output.flush()


def write_graphs(graphs: Iterable[tuple[str, bytes]], fmt: RdfFormat, output: BinaryIO, *,
                 base: str | None = None) -> int:
    r"""Named graphs (IRI, N-Triples), taken one at a time in the order given, written in `fmt`
    to the binary file object `output` as the module docstring says (canonical per graph,
    graph-local blank nodes; triple formats merge them). Returns the bytes written.

    >>> import io
    >>> doc = b'_:x <http://ex/p> "v" .\n'
    >>> out = io.BytesIO()
    >>> write_graphs([("http://ex/g1", doc), ("http://ex/g2", doc)], RdfFormat.N_TRIPLES, out)
    90
    >>> print(out.getvalue().decode(), end="")
    _:g1b9d9f5ae6f89d78c14n0 <http://ex/p> "v" .
    _:g14c334f256da5458c14n0 <http://ex/p> "v" .
    """
    counter = _Counter(output)
    if fmt == RdfFormat.JSON_LD:  # pyld compacts a whole document: built in memory
        counter.write(jsonld(list(_statements(graphs, fmt))))
        return counter.written
    kwargs = {}
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        kwargs["prefixes"] = prefixes(base)
    oxi_serialize(_statements(graphs, fmt), counter, fmt, **kwargs)
    return counter.written


def write_export(store: GraphStore, fmt: RdfFormat, output: BinaryIO, *,
                 graph: str | None = None, base: str | None = None) -> int:
    """Write the store in `fmt` to the binary file object `output`; return the bytes written.

    Dataset formats (TriG, N-Quads, JSON-LD) keep every named graph; triple formats (Turtle,
    N-Triples, RDF/XML) get the RDF merge of every graph (see the module docstring). `graph`
    picks one named graph. All but
    JSON-LD stream: one graph in memory at a time.
    """
    return write_graphs(_read(store, export_graphs(store, fmt, graph=graph)), fmt, output,
                        base=base)


def export_file(store: GraphStore, fmt: RdfFormat, path: str | Path, *,
                graph: str | None = None, base: str | None = None) -> int:
    """`write_export` into `path` (``-`` for stdout) through a temporary file renamed at the
    end: an export that fails or is interrupted leaves no partial file (and the previous file,
    if any, as it was). Returns the bytes written."""
    from .files import atomic_output

    with atomic_output(path) as fh:
        return write_export(store, fmt, fh, graph=graph, base=base)


def export(store: GraphStore, fmt: RdfFormat, *, graph: str | None = None,
           base: str | None = None) -> bytes:
    """The store in `fmt`, as bytes (the whole output in memory: prefer `export_file` or
    `write_export` for large stores)."""
    import io

    buffer = io.BytesIO()
    write_export(store, fmt, buffer, graph=graph, base=base)
    return buffer.getvalue()

