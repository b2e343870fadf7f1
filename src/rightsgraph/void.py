"""Describe the published dataset (VoID + DCAT 3) in its own named graph, from what the store
holds, committed with the data it describes: `with_description` adds the description of the
store as it will be once a batch of graphs is in to that batch, so that the one transaction
that brings the graphs in brings their description too (a kill between the two can no longer
leave a store without, or with a stale, description)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Graph

from .emit.void import EXAMPLES_QUERY, void_graph
from .iris import ONTOLOGY_NS, VOID_GRAPH
from .serialize import ntriples
from .store.base import GraphStore

_REPORT = re.compile(rb"^<([^>]+)> <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> <"
                     + re.escape(ONTOLOGY_NS.encode()) + rb"Report> \.$", re.M)
_EXAMPLES = ("SELECT DISTINCT ?g ?r WHERE { GRAPH ?g { ?r a <" + ONTOLOGY_NS + "Report> } } "
             "ORDER BY ?r LIMIT {limit}")
EXAMPLES = 5


def describe(store: GraphStore, *, base: str | None = None) -> Graph:
    """The description of the store's RightsGraph graphs (all but the description itself);
    the dataset's IRI and URI space under the resource base `base`."""
    sizes = {g: n for g, n in store.graph_sizes().items() if g != VOID_GRAPH}
    examples = [str(row[0].value) for row in store.query(EXAMPLES_QUERY).rows if row[0] is not None]
    return void_graph(sizes, examples=examples, endpoint=getattr(store, "sparql_endpoint", None), base=base)


def describe_with(store: GraphStore, graphs: Mapping[str, bytes], *,
                  base: str | None = None) -> Graph:
    """The description of the store once `graphs` (IRI -> N-Triples; empty: removed) have
    replaced their namesakes: the same graph `describe` gives after they are in."""
    sizes = {g: n for g, n in store.graph_sizes().items() if g not in graphs}
    for iri, data in graphs.items():
        n = _triples(data)
        if n:
            sizes[iri] = n
    sizes.pop(VOID_GRAPH, None)
    rows = store.query(_EXAMPLES.replace("{limit}", str(EXAMPLES + len(graphs)))).rows
    examples = {str(r.value) for g, r in rows if r is not None and str(g.value) not in graphs}
    for data in graphs.values():
        examples.update(m.decode() for m in _REPORT.findall(data))
    chosen = sorted(examples)[:EXAMPLES]
    return void_graph(sizes, examples=chosen, endpoint=getattr(store, "sparql_endpoint", None),
                      base=base)


def with_description(store: GraphStore, graphs: Mapping[str, bytes], *,
                     base: str | None = None) -> dict[str, bytes]:
    """`graphs` and the dataset description of the store they make, to be committed at once."""
    return {**graphs, VOID_GRAPH: ntriples(describe_with(store, graphs, base=base))}


def publish_void(store: GraphStore, *, base: str | None = None) -> Graph:
    """Write the description to ``https://w3id.org/rightsgraph/graph/void`` (replacing it)."""
    graph = describe(store, base=base)
    store.replace_graphs({VOID_GRAPH: ntriples(graph)})
    return graph


def _triples(data: bytes) -> int:
    """Distinct statements of N-Triples (a set, as the store counts them)."""
    return len({line.strip() for line in data.splitlines() if line.strip()})
