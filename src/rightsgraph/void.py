"""Describe the published dataset (VoID + DCAT 3) in its own named graph, after every publish
and build, from what the store holds now."""

from __future__ import annotations

from rdflib import Graph

from .emit.void import EXAMPLES_QUERY, void_graph
from .iris import VOID_GRAPH
from .serialize import ntriples
from .store.base import GraphStore


def describe(store: GraphStore, *, base: str | None = None) -> Graph:
    """The description of the store's RightsGraph graphs (all but the description itself);
    the dataset's IRI and URI space under the resource base `base`."""
    sizes = {g: n for g, n in store.graph_sizes().items() if g != VOID_GRAPH}
    examples = [str(row[0].value) for row in store.query(EXAMPLES_QUERY).rows if row[0] is not None]
    return void_graph(sizes, examples=examples, endpoint=getattr(store, "sparql_endpoint", None), base=base)


def publish_void(store: GraphStore, *, base: str | None = None) -> Graph:
    """Write the description to ``https://w3id.org/rightsgraph/graph/void`` (replacing it)."""
    graph = describe(store, base=base)
    store.replace_graphs({VOID_GRAPH: ntriples(graph)})
    return graph
