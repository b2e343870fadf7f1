"""The reference registries (States, organisations, instruments) as one RDF graph.

The graph is the named graph ``https://w3id.org/rightsgraph/graph/registry``;
its resources carry the same IRIs in every report graph, so reports merge on them.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..iris import DEFAULT_BASE, REGISTRY_GRAPH, base_iri
from ..registry import Instrument, Organization, State, instruments, organizations, states
from ..resources import ontology_files
from .terms import RG, bind_prefixes, iri

__all__ = ["registry_graph", "without_shared"]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _add_state(graph: Graph, state: State, base: str) -> None:
    node = iri(f"state/{state.iso3}", base)
    graph.add((node, RDF.type, RG.State))
    graph.add((node, RDFS.label, _en(state.name)))
    for variant in state.variants:
        graph.add((node, SKOS.altLabel, _en(variant)))
    for adjective in state.adjectives:
        graph.add((node, SKOS.hiddenLabel, _en(adjective)))
    for demonym in state.demonyms:
        graph.add((node, RG.demonym, _en(demonym)))
    graph.add((node, RG.iso3166Alpha3, Literal(state.iso3)))
    graph.add((node, RG.iso3166Alpha2, Literal(state.iso2)))
    graph.add((node, RG.m49, Literal(state.m49)))
    if state.wikidata_iri:
        graph.add((node, RG.wikidata, URIRef(state.wikidata_iri)))
        graph.add((node, OWL.sameAs, URIRef(state.wikidata_iri)))


def _add_organization(graph: Graph, org: Organization, base: str) -> None:
    node = iri(f"org/{org.slug}", base)
    graph.add((node, RDF.type, RG[org.actor_class]))
    graph.add((node, RDFS.label, _en(org.name)))
    for acronym in org.acronyms:
        graph.add((node, RG.acronym, Literal(acronym)))
    for alias in org.aliases:
        graph.add((node, SKOS.altLabel, _en(alias)))
    if org.parent:
        graph.add((node, ORG.subOrganizationOf, iri(f"org/{org.parent}", base)))
    if org.wikidata_iri:
        graph.add((node, RG.wikidata, URIRef(org.wikidata_iri)))


def _add_instrument(graph: Graph, instrument: Instrument, base: str) -> None:
    node = iri(f"instrument/{instrument.slug}", base)
    graph.add((node, RDF.type, RG[instrument.instrument_class]))
    graph.add((node, RDFS.label, _en(instrument.name)))
    for alias in instrument.aliases:
        graph.add((node, SKOS.altLabel, _en(alias)))
    if instrument.identifier:
        graph.add((node, DCTERMS.identifier, Literal(instrument.identifier)))
    if instrument.adopted_by:
        graph.add((node, RG.adoptedBy, iri(f"org/{instrument.adopted_by}", base)))
    if instrument.year:
        graph.add((node, DCTERMS.date, Literal(f"{instrument.year:04d}", datatype=XSD.gYear)))
    if instrument.wikidata_iri:
        graph.add((node, RG.wikidata, URIRef(instrument.wikidata_iri)))


GCM_OBJECTIVES = 23


def _add_reference_entities(graph: Graph, base: str) -> None:
    """Entities every report that names them describes alike: the extracting software, the
    places of the place table (and the routes' English names, as place labels) and the
    objectives of the Global Compact. Described here, once,
    no report graph repeats them (`without_shared`)."""
    from .. import __version__
    from ..extract.places import place_table

    agent = iri(f"agent/rightsgraph/{__version__}", base)
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"RightsGraph {__version__}")))
    for place in place_table().values():
        node = iri(place.key, base)
        graph.add((node, RDF.type, RG[place.kind]))
        graph.add((node, RDFS.label, _en(place.label)))
        if place.wikidata:
            graph.add((node, RG.wikidata, URIRef(place.wikidata)))
    routes = Graph()
    for path in ontology_files():
        if path.name == "route.ttl":
            routes.parse(path, format="turtle")
    for route, name in routes.subject_objects(SKOS.prefLabel):  # reports label routes as places
        if isinstance(name, Literal) and name.language == "en":
            graph.add((_rebased(route, base), RDFS.label, name))
    gcm = instruments.by_slug("gcm")
    if gcm is not None and gcm.parts_pattern:
        for n in range(1, GCM_OBJECTIVES + 1):
            node = iri("instrument/" + gcm.parts_pattern.format(n=n), base)
            graph.add((node, RDF.type, RG.InstrumentPart))
            graph.add((node, RDFS.label, _en(f"Objective {n} of the GCM")))
            graph.add((node, DCTERMS.identifier, Literal(f"objective {n}")))
            graph.add((node, RG.partOf, iri("instrument/gcm", base)))


def registry_graph(base: str | None = None) -> Graph:
    """Every State, organisation and instrument of the registries (and the reference entities
    reports share: `_add_reference_entities`), as RDF."""
    resolved = base_iri(base)
    graph = Graph(identifier=URIRef(REGISTRY_GRAPH))
    bind_prefixes(graph, resolved)
    for state in states:
        _add_state(graph, state, resolved)
    for org in organizations:
        _add_organization(graph, org, resolved)
    for instrument in instruments:
        _add_instrument(graph, instrument, resolved)
    _add_reference_entities(graph, resolved)
    return graph


def _rebased(term, base: str):
    if isinstance(term, URIRef) and base != DEFAULT_BASE and str(term).startswith(DEFAULT_BASE):
        return URIRef(base + str(term)[len(DEFAULT_BASE):])
    return term


@lru_cache(maxsize=4)
def _shared(base: str) -> frozenset:
    """Every triple of the graphs that describe shared entities: the registries (States,
    organisations, instruments) and the vocabularies (concepts, routes), under `base`."""
    triples = set(registry_graph(base))
    for path in ontology_files()[1:]:
        if path.exists():
            vocab = Graph()
            vocab.parse(path, format="turtle")
            triples.update(tuple(_rebased(t, base) for t in triple) for triple in vocab)
    return frozenset(triples)


def without_shared(graph: Graph, base: str | None = None) -> Graph:
    """`graph` without the triples the registry and vocabulary graphs hold already.

    A shared entity is described once, in its own graph; a report graph says only what the
    report says about it. So no triple is published in two graphs, and the union of all graphs
    (the default graph of every query interface) is a set: counts come out right.
    """
    shared = _shared(base_iri(base))
    for triple in [t for t in graph if t in shared]:
        graph.remove(triple)
    return graph
