"""The dataset description (VoID + DCAT 3) as a graph; `rightsgraph.void` gathers its inputs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from ..iris import GRAPH_BASE, ONTOLOGY_NS, VOID_GRAPH, base_iri
from .terms import bind_prefixes

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TURTLE = URIRef("https://www.iana.org/assignments/media-types/text/turtle")
SPARQL_STANDARD = URIRef("https://www.w3.org/TR/sparql11-protocol/")
DUMP_NAME = "rightsgraph.ttl"

# Example resources: the reports, which every other resource hangs off.
EXAMPLES_QUERY = (
    "SELECT DISTINCT ?r WHERE { GRAPH ?g { ?r a <" + ONTOLOGY_NS + "Report> } } ORDER BY ?r LIMIT 5"
)


def dataset_iri(base: str | None = None) -> URIRef:
    return URIRef(base_iri(base) + "dataset/rightsgraph")


def dump_iri() -> URIRef:
    """Where the Turtle dump (``build/rightsgraph.ttl``) is published, next to the graphs."""
    return URIRef(GRAPH_BASE.rsplit("graph/", 1)[0] + "dump/" + DUMP_NAME)


def void_graph(sizes: Mapping[str, int], *, examples: Sequence[str] = (),
               endpoint: str | None = None, base: str | None = None) -> Graph:
    """VoID + DCAT 3 description: the dataset, one subset per named graph with its triple
    count, the licence, the SPARQL endpoint (when known), example resources and the dump.

    The same store content always gives the same triples (no timestamps), so publishing the
    same input twice leaves this graph unchanged too.

    >>> g = void_graph({"https://w3id.org/rightsgraph/graph/r1": 10}, endpoint="http://h/sparql")
    >>> sorted(int(o) for o in g.objects(None, VOID.triples))
    [10, 10]
    """
    g = Graph(identifier=URIRef(VOID_GRAPH))
    bind_prefixes(g, base_iri(base))
    ds = dataset_iri(base)
    for cls in (VOID.Dataset, DCAT.Dataset):
        g.add((ds, RDF.type, cls))
    g.add((ds, DCTERMS.title, Literal("RightsGraph", lang="en")))
    g.add((ds, RDFS.label, Literal("RightsGraph", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Actors, violations and commitments extracted from UN human-rights reports, each fact "
        "linked to the paragraph and exact quote it comes from.", lang="en")))
    g.add((ds, DCTERMS.license, LICENCE))
    g.add((ds, VOID.uriSpace, Literal(base_iri(base))))
    g.add((ds, VOID.vocabulary, URIRef(ONTOLOGY_NS)))
    g.add((ds, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for name in sorted(sizes):
        subset = URIRef(name)
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, Literal(sizes[name], datatype=XSD.integer)))
        g.add((subset, DCTERMS.license, LICENCE))
    for example in sorted(set(examples)):
        g.add((ds, VOID.exampleResource, URIRef(example)))
    dump = dump_iri()
    g.add((ds, VOID.dataDump, dump))
    dist = URIRef(str(ds) + "/distribution/turtle")
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.downloadURL, dump))
    g.add((dist, DCAT.mediaType, TURTLE))
    g.add((dist, DCTERMS.license, LICENCE))
    g.add((dist, DCTERMS.title, Literal(DUMP_NAME)))
    if endpoint:
        g.add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
        service = URIRef(str(ds) + "/service/sparql")
        g.add((ds, DCAT.distribution, URIRef(str(ds) + "/distribution/sparql")))
        sparql_dist = URIRef(str(ds) + "/distribution/sparql")
        g.add((sparql_dist, RDF.type, DCAT.Distribution))
        g.add((sparql_dist, DCAT.accessURL, URIRef(endpoint)))
        g.add((sparql_dist, DCAT.accessService, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCAT.endpointURL, URIRef(endpoint)))
        g.add((service, DCTERMS.conformsTo, SPARQL_STANDARD))
        g.add((service, DCAT.servesDataset, ds))
    return g
