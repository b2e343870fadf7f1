"""The reference registries (States, organisations, instruments) as one RDF graph.

The graph is the named graph ``https://w3id.org/rightsgraph/graph/registry``;
its resources carry the same IRIs in every report graph, so reports merge on them.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS, XSD

from ..iris import REGISTRY_GRAPH, base_iri
from ..registry import Instrument, Organization, State, instruments, organizations, states
from .terms import RG, bind_prefixes, iri

__all__ = ["registry_graph"]


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


def registry_graph(base: str | None = None) -> Graph:
    """Every State, organisation and instrument of the registries, as RDF."""
    resolved = base_iri(base)
    graph = Graph(identifier=URIRef(REGISTRY_GRAPH))
    bind_prefixes(graph, resolved)
    for state in states:
        _add_state(graph, state, resolved)
    for org in organizations:
        _add_organization(graph, org, resolved)
    for instrument in instruments:
        _add_instrument(graph, instrument, resolved)
    return graph
