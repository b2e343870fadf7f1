"""The interface every store offers to publish, query and export."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from pyoxigraph import RdfFormat


@dataclass(frozen=True)
class QueryResult:
    """A SELECT/ASK/CONSTRUCT result in plain Python data."""

    kind: str  # "select", "ask", "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[object | None, ...], ...] = ()  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: bytes | None = None  # N-Triples for CONSTRUCT/DESCRIBE


class GraphStore(ABC):
    """Publish named graphs atomically, query them, export them."""

    location: str

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[str, bytes], *,
                       previous: Callable[[dict[str, bytes]], None] | None = None) -> None:
        """Replace each named graph (IRI -> N-Triples bytes) so that readers never see a
        half-written graph and a failure leaves the previous content intact. `previous`, when
        given, receives the N-Triples of the graphs the store held, before any of them
        changes (an undo log: `rightsgraph.batch.Reversible`)."""

    @abstractmethod
    def query(self, sparql: str) -> QueryResult: ...

    @abstractmethod
    def dump(self, fmt: RdfFormat, *, graph: str | None = None) -> bytes: ...

    @abstractmethod
    def graph_sizes(self) -> dict[str, int]: ...

    def graph_names(self) -> set[str]:
        """The named graphs the store holds (those `graph_sizes` counts), for callers that
        need only the names: a store that can list them without counting overrides this."""
        return set(self.graph_sizes())

    def graph_ntriples(self, graph: str, *, size: int | None = None) -> bytes:
        """One named graph as N-Triples (what a streaming export reads, graph by graph).
        `size`, its triple count when the caller has it, spares a remote store a count."""
        return self.dump(RdfFormat.N_TRIPLES, graph=graph)

    def default_graph_ntriples(self) -> bytes:
        """The default graph as N-Triples. RightsGraph never writes it (every graph is named),
        so stores that cannot hold anything else there give nothing."""
        return b""

    def leftovers(self) -> dict[str, int]:
        """Graphs an interrupted publish left behind (staging, backups: IRI -> triples); none
        by default (a store that publishes in one transaction leaves none)."""
        return {}

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs (those it does not hold are ignored). By default each is
        replaced by an empty graph, all a store with nothing better can do."""
        self.replace_graphs(dict.fromkeys(graphs, b""))

    def text_candidates(self, text: str, predicates: Sequence[str] = (), *,
                        limit: int | None = None) -> list[str] | None:
        """The IRIs of the subjects holding a string literal (of one of `predicates`, when
        given) that contains `text`, case-insensitively, or a superset of them, from a text
        index; None when the store has none that can answer (the default), or when there are
        more than `limit`. A query uses them to read less, never instead of its own filter."""
        return None

    def kept_answers(self):
        """Where answers computed on this store are kept for later readers
        (`rightsgraph.store.answers.KeptAnswers`), or None when the store keeps none (the
        default: an endpoint's data can change without our knowing)."""
        return None

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """Reorganise the storage for reading, after a large load (nothing to do by default)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
