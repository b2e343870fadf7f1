"""The embedded on-disk store (pyoxigraph), the default for `build` and `publish`."""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
)

from ..errors import StoreError, UsageError
from ..iris import is_absolute_iri
from ..querylib import names_dataset
from ..serialize import named_graphs_nquads, oxigraph_ntriples, prefixes, replace_update
from .answers import KeptAnswers
from .base import GraphStore, QueryResult
from .textindex import TextIndex

LOCK_NAME = "rightsgraph.lock"
IN_USE = "store is in use by another process"


def _lock(path: Path, *, shared: bool) -> int | None:
    """Take our advisory lock on the store: shared for readers, exclusive for the writer.

    pyoxigraph refuses a second writer itself, but opening a store read-only while another
    process writes it is undefined behaviour; this lock turns both cases into a clear refusal.
    A store on a read-only file system cannot be written by anyone: readers go without a lock.
    """
    try:
        fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if shared and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return None
        raise StoreError(f"{path}: cannot lock the store ({exc.strerror})") from None
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        who = "a writer (build or publish)" if shared else "a reader or writer (e.g. serve or build)"
        raise StoreError(f"{path}: {IN_USE}, {who}; wait for it to finish, or use another --store"
                         ) from None
    return fd


def _open(path: Path, read_only: bool) -> tuple[Store, int | None]:
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store here; run 'rightsgraph build' first")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store ({exc.strerror})") from None
    fd = _lock(path, shared=read_only)
    try:
        return (Store.read_only(str(path)) if read_only else Store(str(path))), fd
    except OSError as exc:
        if fd is not None:
            os.close(fd)
        text = str(exc)
        if "lock" in text.lower():
            raise StoreError(f"{path}: {IN_USE} (close it, or use another --store)") from None
        raise StoreError(f"{path}: cannot open the store ({text.splitlines()[0]})") from None
    except BaseException:
        if fd is not None:
            os.close(fd)
        raise


def dataset_options(sparql: str, default_graphs: Sequence[str] = (),
                    named_graphs: Sequence[str] = ()) -> dict:
    """pyoxigraph's `Store.query` arguments for the RDF dataset a request asks for.

    As the SPARQL 1.1 Protocol says, graphs named by the request (``default-graph-uri``,
    ``named-graph-uri``) take precedence over the query's ``FROM`` / ``FROM NAMED``, which in
    turn are honoured as written (a graph the store does not hold is empty: nothing is ever
    fetched). Without either, the default graph is the union of all named graphs: a set,
    because no triple is published in two graphs (shared entities are described once, in the
    registry and vocabulary graphs, and report graphs never repeat them).
    """
    if default_graphs or named_graphs:
        return {"default_graph": [NamedNode(g) for g in default_graphs],
                "named_graphs": [NamedNode(g) for g in named_graphs]}
    if names_dataset(sparql):
        return {}
    return {"use_default_graph_as_union": True}


def _graph_block(iri: str, lines: set[bytes]) -> str:
    return f"GRAPH <{iri}> {{\n" + b"\n".join(sorted(lines)).decode("utf-8") + "\n}"


class EmbeddedStore(GraphStore):
    """A pyoxigraph store on disk (or in memory when `path` is None).

    On disk it keeps a text index of its string literals in step with every change
    (`rightsgraph.store.textindex`): `text_candidates` answers from it.
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path else "<memory>"
        self.read_only = read_only
        self._lock_fd: int | None = None
        self._index: TextIndex | None = None
        self._index_read = False  # a reader opens the index at its first text search
        self._answers: KeptAnswers | None = None
        if self.path is None:
            self._store = Store()
        else:
            self._store, self._lock_fd = _open(self.path, read_only)
            if not read_only:
                try:
                    self._index = TextIndex.writer(self.path, self.graph_names)
                except BaseException:
                    self.close()
                    raise

    @property
    def raw(self) -> Store:
        return self._store

    def replace_graphs(self, graphs: Mapping[str, bytes], *,
                       previous: Callable[[dict[str, bytes]], None] | None = None) -> None:
        """Publish graphs (IRI -> N-Triples) so that a failure leaves the store as it was.

        Graphs the store does not hold yet cross into Oxigraph in one `bulk_load` of N-Quads
        (fast, not transactional: on failure they are removed again, which restores the
        previous state, their absence). Graphs the store already holds are replaced in one
        update transaction (DROP + INSERT DATA), so the previous content stays until the new
        one is complete.
        """
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        if not graphs:
            return
        for iri in graphs:
            if not is_absolute_iri(iri):  # pasted into the update and the N-Quads below
                raise StoreError(f"{self.location}: refusing graph name {iri!r} (not an IRI)")
        present = {iri for iri in graphs if self._store.contains_named_graph(NamedNode(iri))}
        fresh = [iri for iri in graphs if iri not in present]
        if self._index:  # listed before the store changes: a crash in between leaves them stale
            self._index.mark_stale(graphs)
        try:
            if fresh:
                self._store.bulk_load(named_graphs_nquads({iri: graphs[iri] for iri in fresh}),
                                      format=RdfFormat.N_QUADS, lenient=True)
            if present:
                update = self._changes({iri: graphs[iri] for iri in sorted(present)}, previous)
                if update:
                    self._store.update(update)
            if self.path:
                self._store.flush()
        except (OSError, SyntaxError, ValueError) as exc:
            self._cleanup(fresh)
            raise StoreError(f"{self.location}: publishing failed ({exc})") from None
        except BaseException:  # interrupted (SIGINT/SIGTERM) mid-load: new graphs removed again
            self._cleanup(fresh)
            raise
        if self._index:
            self._index.update(graphs, self._read_graph)

    def _read_graph(self, iri: str) -> bytes:
        """A graph as N-Triples, empty when the store does not hold it (a dropped graph)."""
        node = NamedNode(iri)
        if not self._store.contains_named_graph(node):
            return b""
        return self._store.dump(format=RdfFormat.N_TRIPLES, from_graph=node)

    def _changes(self, graphs: Mapping[str, bytes],
                 previous: Callable[[dict[str, bytes]], None] | None = None) -> str:
        """One update that turns each held graph into its new content, touching only the
        triples that differ (a rebuild mostly rewrites what is already there). The content
        read for that goes to `previous` too."""
        deletes, inserts, whole = [], [], {}
        held: dict[str, bytes] = {}
        for iri, data in graphs.items():
            new = set(oxigraph_ntriples(data).splitlines())
            held[iri] = self._store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(iri))
            old = set(held[iri].splitlines())
            if any(b"_:" in line for line in new | old):  # blank nodes: replace it whole
                whole[iri] = data
                continue
            if old - new:
                deletes.append(_graph_block(iri, old - new))
            if new - old:
                inserts.append(_graph_block(iri, new - old))
        if previous is not None:
            previous(held)
        ops = [replace_update(whole)] if whole else []
        if deletes:
            ops.append("DELETE DATA {\n" + "\n".join(deletes) + "\n}")
        if inserts:
            ops.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        return " ;\n".join(ops)

    def optimize(self) -> None:
        """Compact the store. `bulk_load` adds its sorted files as they are, and every lookup
        then searches each of them: on a 1,000-report store built in batches, compacting took
        25 s (12 s CPU) and most library queries then ran 1.5-2.1x faster (bench/queries.py)."""
        if self.read_only or self.path is None:
            return
        try:
            self._store.optimize()
        except OSError as exc:
            raise StoreError(f"{self.location}: compacting the store failed ({exc})") from None
        if self._index:
            self._index.optimize()

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs in one transaction (a failure removes none)."""
        names = [g for g in graphs if is_absolute_iri(g)]
        if not names:
            return
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        if self._index:
            self._index.mark_stale(names)
        try:
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in names))
            if self.path:
                self._store.flush()
        except OSError as exc:
            raise StoreError(f"{self.location}: removing graphs failed ({exc})") from None
        if self._index:
            self._index.update(dict.fromkeys(names, b""), self._read_graph)

    def text_candidates(self, text: str, predicates: Sequence[str] = (), *,
                        limit: int | None = None) -> list[str] | None:
        """The subjects whose string literals (of `predicates`, when given) contain `text`,
        from the text index; None when it cannot answer (see `TextIndex.candidates`), is
        stale or missing, or for an in-memory store."""
        if self.path is None:
            return None
        if self.read_only and not self._index_read:
            self._index_read = True
            self._index = TextIndex.reader(self.path)
        if self._index is None or (not self.read_only and not self._index.usable()):
            return None
        return self._index.candidates(text, predicates, limit=limit)

    def _cleanup(self, graphs) -> None:
        for g in graphs:
            try:
                self._store.remove_graph(NamedNode(g))
            except OSError:
                pass

    def query(self, sparql: str, *, default_graphs: Sequence[str] = (),
              named_graphs: Sequence[str] = ()) -> QueryResult:
        """Run a read query; its dataset is as `dataset_options` says (the union of all
        graphs unless the query or the arguments name graphs)."""
        try:
            result = self._store.query(sparql, **dataset_options(sparql, default_graphs,
                                                                 named_graphs))
        except SyntaxError as exc:
            raise UsageError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed ({exc})") from None
        if isinstance(result, QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(tuple(sol[v] for v in variables) for sol in result)
            return QueryResult("select", variables=variables, rows=rows)
        store = Store()
        store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in result)
        return QueryResult("graph", triples=store.dump(format=RdfFormat.N_TRIPLES,
                                                      from_graph=DefaultGraph()))

    def dump(self, fmt: RdfFormat, *, graph: str | None = None) -> bytes:
        kwargs = {}
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML, RdfFormat.JSON_LD):
            kwargs["prefixes"] = prefixes()
        if graph is not None:
            if not self._store.contains_named_graph(NamedNode(graph)):
                raise StoreError(f"{self.location}: no graph <{graph}>")
            if fmt.supports_datasets:
                tmp = Store()
                tmp.extend(self._store.quads_for_pattern(None, None, None, NamedNode(graph)))
                return tmp.dump(format=fmt, **kwargs)
            return self._store.dump(format=fmt, from_graph=NamedNode(graph), **kwargs)
        if not fmt.supports_datasets:
            tmp = Store()
            tmp.extend(Quad(q.subject, q.predicate, q.object, DefaultGraph())
                       for q in self._store.quads_for_pattern(None, None, None, None))
            return tmp.dump(format=fmt, from_graph=DefaultGraph(), **kwargs)
        return self._store.dump(format=fmt, **kwargs)

    def default_graph_ntriples(self) -> bytes:
        """The default graph (empty unless another tool wrote into this store)."""
        return self._store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())

    def graph_sizes(self) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for row in self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        ):
            sizes[row["g"].value] = int(row["n"].value)
        return sizes

    def graph_names(self) -> set[str]:
        """The graphs holding a triple, from Oxigraph's own list of named graphs (which keeps a
        graph emptied by an update): 2,011 graphs at 1,000 reports in 20 ms, where counting
        their triples (`graph_sizes`) reads all 6.4 million (2.7 s CPU)."""
        return {g.value for g in self._store.named_graphs() if isinstance(g, NamedNode)
                and next(self._store.quads_for_pattern(None, None, None, g), None) is not None}

    def kept_answers(self) -> KeptAnswers | None:
        """The answers kept in the store folder, for a reader only: a reader holds the shared
        lock, so the store cannot change under the answers it serves or computes; a writer's
        store is changing."""
        if self.path is None or not self.read_only:
            return None
        if self._answers is None:
            self._answers = KeptAnswers(self.path)
        return self._answers

    def close(self) -> None:
        if getattr(self, "_answers", None) is not None:
            self._answers.close()
            self._answers = None
        if getattr(self, "_index", None) is not None:
            self._index.close()
            self._index = None
        if not hasattr(self, "_store"):
            return
        if self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
        del self._store
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock, after the store is dropped
            self._lock_fd = None
