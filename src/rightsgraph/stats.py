"""What a store holds: triples per named graph, resources per class, facts per report, and
what an interrupted publish left behind (staging and backup graphs of an endpoint, which the
next publish removes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .export import report_graph_iris
from .iris import ONTOLOGY_NS
from .store.base import GraphStore

FACT_KINDS = ("Intervention", "ViolationReport", "Recommendation", "Commitment",
              "PromisingPractice", "Concern", "Citation", "Statistic")

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_KINDS = " ".join(f"<{ONTOLOGY_NS}{k}>" for k in FACT_KINDS)
_FACTS = f"""
SELECT ?g ?kind (COUNT(DISTINCT ?s) AS ?n)
WHERE {{ VALUES ?kind {{ {_KINDS} }} GRAPH ?g {{ ?s a ?kind }} }}
GROUP BY ?g ?kind
"""


@dataclass(frozen=True)
class StoreStats:
    location: str
    graphs: dict[str, int]  # named graph -> triples
    classes: dict[str, int]  # class IRI -> distinct resources typed with it (any graph)
    facts: dict[str, dict[str, int]]  # report graph -> fact kind -> statements
    leftovers: dict[str, int] = field(default_factory=dict)  # staging/backup graph -> triples

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def as_json(self) -> dict:
        return {"store": self.location, "triples": self.triples, "graphs": self.graphs,
                "classes": self.classes, "facts": self.facts, "leftovers": self.leftovers}


def store_stats(store: GraphStore) -> StoreStats:
    """Count with SPARQL, so an endpoint answers as the embedded store does."""
    graphs = store.graph_sizes()
    classes = {str(row[0].value): int(row[1].value) for row in store.query(_CLASSES).rows}
    facts: dict[str, dict[str, int]] = {g: dict.fromkeys(FACT_KINDS, 0)
                                        for g in report_graph_iris(store)}
    for g, kind, n in store.query(_FACTS).rows:
        if str(g.value) in facts:
            facts[str(g.value)][str(kind.value).rsplit("#", 1)[-1]] = int(n.value)
    return StoreStats(store.location, graphs, classes, facts, store.leftovers())
