"""Namespaces and small helpers for writing triples."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from ..facts import Evidence
from ..iris import ONTOLOGY_NS, concept_key, report_key, resource


@lru_cache(maxsize=4096)
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


class _Namespace(Namespace):
    """A `Namespace` that makes each of its terms once: rdflib's makes and checks a new URIRef
    at every ``RG.quote``, thousands of times per report graph."""

    def term(self, name: str) -> URIRef:
        return _term(self, name if isinstance(name, str) else "")


RG = _Namespace(ONTOLOGY_NS)
SCHEMA = _Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "rg": RG, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS, "org": ORG, "foaf": FOAF,
    "schema": SCHEMA, "oa": OA, "owl": OWL, "rdfs": RDFS, "rdf": RDF, "xsd": XSD,
    "void": VOID, "dcat": DCAT, "sh": SH, "wd": WD,
}


def bind_prefixes(graph: Graph, base: str) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    graph.bind("rgid", Namespace(base), override=True, replace=True)


def iri(key: str, base: str) -> URIRef:
    return _iri(key, base) if base else URIRef(resource(key, base))


@lru_cache(maxsize=8192)
def _iri(key: str, base: str) -> URIRef:
    # a report graph names its paragraphs, actors and concepts again and again
    return URIRef(resource(key, base))


def concept(ref: str, base: str) -> URIRef:
    return URIRef(resource(concept_key(ref), base))


def paragraph_iri(report_id: str, key: str, base: str) -> URIRef:
    """The paragraph with this `Paragraph.key` (its number in the main numbering)."""
    return iri(report_key(report_id, "paragraph", key), base)


_DERIVED, _LABEL, _INTEGER = PROV.wasDerivedFrom, RDFS.label, XSD.integer


def add_evidence(graph: Graph, node: URIRef, ev: Evidence, report_id: str, base: str) -> None:
    """prov:wasDerivedFrom the paragraph, with the exact quote and its offsets."""
    graph.add((node, _DERIVED, paragraph_iri(report_id, ev.paragraph, base)))
    graph.add((node, RG.quote, Literal(ev.quote)))
    graph.add((node, RG.start, Literal(ev.start, datatype=_INTEGER)))
    graph.add((node, RG.end, Literal(ev.end, datatype=_INTEGER)))


DEFAULT_LANGUAGE = "en"  # the tool's own words (labels it writes), and a text of undetected language


def text_language(doc) -> str:
    """The language tag of a document's own words (titles, section titles, actions, ...): the
    language detected from its text; English, the language the rules read it in, when none was."""
    return doc.language or DEFAULT_LANGUAGE


def label(graph: Graph, node: URIRef, text: str, lang: str | None = DEFAULT_LANGUAGE) -> None:
    graph.add((node, _LABEL, Literal(text, lang=lang)))
