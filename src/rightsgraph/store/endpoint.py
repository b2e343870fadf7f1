"""A remote SPARQL 1.1 store: reads with SPARQLWrapper, writes with SPARQL 1.1 Update (and the
Graph Store Protocol where the server has one), replacing named graphs safely.

How a graph is replaced (`replace_graphs`):

0. What an interrupted publish left (a kill -9 mid-upload, a lost connection) is found and
   removed first (`clean_leftovers`, once per store opened): staging graphs are dropped, a
   backup whose target is missing is put back first (non-atomic engines).
1. Each new graph is uploaded into its own staging graph
   ``urn:rightsgraph:staging:{run}:{i}:{target, percent-encoded}`` in bounded chunks (Graph
   Store POST, else ``INSERT DATA``); the target graphs stay readable and untouched meanwhile.
   The staged triple counts are checked against what was sent.
2. The current content of each target is copied to ``urn:rightsgraph:backup:{run}:{i}:...``
   (engines that do not run a request as one transaction only).
3. Update requests swap the graphs in batches of about `swap_triples` triples
   (RIGHTSGRAPH_SWAP_TRIPLES, default 200,000; a graph is never split, the dataset
   description goes in the last batch): ``DROP SILENT GRAPH <t>; ADD <staging> TO <t>;
   DROP SILENT GRAPH <staging>``, then the targets' counts are checked. No request grows with
   the corpus, and every request's timeout grows with the bytes it carries or moves
   (RIGHTSGRAPH_TIMEOUT for a small one, plus 10 s per MB).
4. On any failure in a batch: if its swap did not complete for every graph, every target of
   the batch is restored from its backup (or dropped if it did not exist); staging and backups
   are dropped. Batches swapped before stay (each graph whole); a re-run publishes the rest.

What each engine really gives: Oxigraph runs one update request as one transaction, so the
swap of all graphs is atomic and readers see the old or the new graphs, never a mix (step 4
then only cleans up). Virtuoso commits each operation of a request separately over HTTP:
readers may see a target empty for the moment between its DROP and ADD, and a failure inside
the swap leaves a half-done state that step 4 repairs from the backup. The default graph is
never written.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from pyoxigraph import RdfFormat

from ..errors import StoreError, UsageError
from ..iris import GRAPH_BASE, VOID_GRAPH
from .base import GraphStore, QueryResult
from .chunks import chunk_limits, chunks
from .embedded import EmbeddedStore
from .http import Credentials, HttpClient, check_url, public_url, timeout_seconds
from .reading import Reader

STAGING = "urn:rightsgraph:staging:"
BACKUP = "urn:rightsgraph:backup:"
PAGE = 5000  # rows per page when dumping: under common endpoint caps (Virtuoso's is 10,000)
NO_GSP = (404, 405, 406, 415, 501)
# Engines known to run one update request as one transaction: no backup copy needed there.
ATOMIC_ENGINES = ("Oxigraph/",)
DEFAULT_SWAP_TRIPLES = 200_000
TRIPLE_BYTES = 150  # about what one triple weighs, to scale a swap's timeout by what it moves

Progress = Callable[[int, int], None]  # (triples sent so far, triples to send)


def _iri(value: str) -> str:
    """An IRI safe to write between < > in a SPARQL request."""
    if not value or any(c in value for c in '<>"{}|^`\\ \t\r\n') or ":" not in value:
        raise StoreError(f"refusing to write graph {value!r}: not an absolute IRI")
    return f"<{value}>"


def graph_store_url(query_url: str, update_url: str) -> str | None:
    """Where the server's Graph Store Protocol service usually lives, from its endpoints.

    >>> graph_store_url("http://h:7878/query", "http://h:7878/update")
    'http://h:7878/store'
    >>> graph_store_url("http://h:8890/sparql", "http://h:8890/sparql-auth")
    'http://h:8890/sparql-graph-crud-auth'
    """
    for url, tail, service in ((update_url, "/update", "/store"), (query_url, "/query", "/store"),
                               (update_url, "/sparql-auth", "/sparql-graph-crud-auth"),
                               (update_url, "/sparql", "/sparql-graph-crud")):
        parts = urlsplit(url)
        if parts.path.endswith(tail):
            path = parts.path[: -len(tail)] + service
            return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return None


class EndpointStore(GraphStore):
    """A SPARQL 1.1 endpoint (query URL, optional separate update URL)."""

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None,
                 progress: Progress | None = None, credentials: Credentials | None = None):
        self.endpoint = check_url(endpoint, "--endpoint")
        self.update_endpoint = check_url(update_endpoint or endpoint, "--update-endpoint")
        self.location = public_url(endpoint)
        self.sparql_endpoint = self.location
        self.progress = progress
        creds = credentials or Credentials.from_env()
        timeout = timeout_seconds()
        self.http = HttpClient(self.location, creds, timeout=timeout)
        self.reader = Reader(self.endpoint, creds, timeout=timeout, challenge=self._challenge)
        self._gsp = graph_store_url(self.endpoint, self.update_endpoint)
        self._cleaned = False  # leftovers of interrupted publishes looked for (first write)
        self.swap_triples = swap_triples()

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (reads and writes, retries included)."""
        return self.http.requests + self.reader.requests

    def _challenge(self) -> str:
        """The query endpoint's WWW-Authenticate challenge (learnt with an empty request)."""
        return self.http.challenge(self.endpoint)

    # writing -----------------------------------------------------------------------------

    def update(self, sparql: str, *, what: str, size: int = 0) -> None:
        """Send one SPARQL 1.1 Update request; `size`, the bytes of data it moves on the
        server (a swap), lengthens its timeout as the request body does."""
        body = sparql.encode("utf-8")
        self.http.post(self.update_endpoint, what=what, content=body,
                       content_type="application/sparql-update",
                       timeout=self.http.scaled_timeout(len(body) + size))

    def replace_graphs(self, graphs: Mapping[str, bytes], *, previous=None) -> None:
        if not graphs:
            return
        self.clean_leftovers()
        run = uuid.uuid4().hex
        # the dataset description last: it is swapped in with the last batch of the data
        ordered = sorted(graphs.items(), key=lambda item: (item[0] == VOID_GRAPH, item[0]))
        plan = [(iri, _leftover(STAGING, run, i, iri), _leftover(BACKUP, run, i, iri), data)
                for i, (iri, data) in enumerate(ordered)]
        for iri, *_ in plan:
            _iri(iri)
        expected = {iri: _count(data) for iri, _, _, data in plan}
        try:
            old = self.sizes([iri for iri, *_ in plan])
            if previous is not None:  # an undo log wants the content about to be replaced
                previous({iri: self.graph_ntriples(iri, size=n) for iri, n in old.items()})
            self._stage(plan, expected)
            self._backup(plan, old)
        except BaseException as exc:
            self._drop([g for _, staging, backup, _ in plan for g in (staging, backup)])
            if isinstance(exc, StoreError):
                raise StoreError(f"{exc}; previous graphs unchanged") from None
            raise
        batches = _swap_batches(plan, expected, self.swap_triples)
        for n, batch in enumerate(batches):
            moved = sum(expected[iri] + old.get(iri, 0) for iri, *_ in batch)
            try:
                self.update(" ;\n".join(
                    op for iri, staging, _, _ in batch
                    for op in (f"DROP SILENT GRAPH {_iri(iri)}",
                               f"ADD GRAPH {_iri(staging)} TO GRAPH {_iri(iri)}",
                               f"DROP SILENT GRAPH {_iri(staging)}")),
                    what="swapping in the new graphs", size=moved * TRIPLE_BYTES)
                swap_error = None
            except StoreError as exc:
                swap_error = exc
            except BaseException:
                self._drop([g for rest in batches[n + 1:] for _, staging, backup, _ in rest
                            for g in (staging, backup)])
                raise
            try:
                self._settle(batch, expected, old, swap_error)
            except StoreError as exc:
                later = [g for rest in batches[n + 1:] for _, staging, backup, _ in rest
                         for g in (staging, backup)]
                if later:
                    self._drop(later)
                done = sum(len(b) for b in batches[:n])
                if done:
                    raise StoreError(f"{exc}; {done} of {len(plan)} graphs were swapped in before "
                                     "(each whole); re-run publish for the rest") from None
                raise

    def leftovers(self) -> dict[str, int]:
        """Staging and backup graphs an interrupted publish left behind (IRI -> triples)."""
        return dict(sorted(self._counts(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{STAGING}") || STRSTARTS(STR(?g), "{BACKUP}")) }} '
            "GROUP BY ?g").items()))

    def clean_leftovers(self) -> dict[str, int]:
        """Remove what interrupted publishes left (once per store opened, before its first
        write): staging graphs are dropped; a backup whose target graph is missing (a swap
        cut off between DROP and ADD on an engine that commits each operation apart) is first
        put back in place, then dropped. Returns what was found."""
        if self._cleaned:
            return {}
        found = self.leftovers()
        if found:
            targets = {g: _target(g) for g in found if g.startswith(BACKUP)}
            present = self.sizes([t for t in targets.values() if t])
            ops = [f"ADD GRAPH {_iri(backup)} TO GRAPH {_iri(target)}"
                   for backup, target in sorted(targets.items())
                   if target and not present.get(target) and not self.atomic_updates]
            if ops:
                self.update(" ;\n".join(ops), what="restoring graphs an interrupted publish "
                            "left in backups")
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in found),
                        what="dropping what an interrupted publish left",
                        size=sum(found.values()) * TRIPLE_BYTES)
        self._cleaned = True
        return found

    def _stage(self, plan, expected: dict[str, int]) -> None:
        max_triples, max_bytes = chunk_limits()
        total, sent = sum(expected.values()), 0
        if self.progress:
            self.progress(0, total)
        for iri, staging, _, data in plan:
            for batch in chunks(data, max_triples=max_triples, max_bytes=max_bytes):
                self._upload(staging, b"\n".join(batch) + b"\n", iri)
                sent += len(batch)
                if self.progress:
                    self.progress(sent, total)
        staged = self.sizes([staging for _, staging, _, _ in plan])
        for iri, staging, _, _ in plan:
            if staged.get(staging, 0) != expected[iri]:
                raise StoreError(f"{self.location}: staging {iri} holds {staged.get(staging, 0)} "
                                 f"triples, expected {expected[iri]}; nothing replaced")

    def _upload(self, staging: str, body: bytes, iri: str) -> None:
        what = f"uploading {iri}"
        if self._gsp:
            response = self.http.post(self._gsp, what=what, content=body, content_type="text/turtle",
                                      params={"graph": staging}, ok_statuses=NO_GSP,
                                      timeout=self.http.scaled_timeout(len(body)))
            if response.is_success:
                return
            self._gsp = None  # no Graph Store Protocol there: SPARQL Update from now on
        self.update(f"INSERT DATA {{ GRAPH {_iri(staging)} {{\n"
                    + body.decode("utf-8") + "}}", what=what)

    @property
    def atomic_updates(self) -> bool:
        """Whether the server (by its Server header) runs an update request atomically."""
        return self.reader.server.startswith(ATOMIC_ENGINES)

    def _backup(self, plan, old: dict[str, int]) -> None:
        ops = [f"COPY SILENT GRAPH {_iri(iri)} TO GRAPH {_iri(backup)}"
               for iri, _, backup, _ in plan if old.get(iri)]
        if not ops or self.atomic_updates:
            return
        self.update(" ;\n".join(ops), what="backing up the current graphs")
        copied = self.sizes([backup for iri, _, backup, _ in plan if old.get(iri)])
        for iri, _, backup, _ in plan:
            if old.get(iri) and copied.get(backup, 0) != old[iri]:
                raise StoreError(f"{self.location}: backup of {iri} incomplete; nothing replaced")

    def _settle(self, plan, expected, old, swap_error: StoreError | None) -> None:
        """Check the swap; on any doubt restore every target from its backup, then clean up."""
        leftovers = [g for _, staging, backup, _ in plan for g in (staging, backup)]
        try:
            now = self.sizes([g for iri, staging, _, _ in plan for g in (iri, staging)])
        except StoreError as exc:
            raise StoreError(f"{swap_error or exc}; state unknown: re-run publish "
                             f"(staging/backup graphs under {STAGING}, {BACKUP})") from None
        done = all(now.get(iri, 0) == expected[iri] and not now.get(staging)
                   for iri, staging, _, _ in plan)
        if done:
            self._drop(leftovers)
            return
        if self.atomic_updates:  # the swap request ran as one transaction: nothing to undo
            self._drop(leftovers)
            if swap_error is not None:
                raise StoreError(f"{swap_error}; previous graphs unchanged")
            found = ", ".join(f"{iri} has {now.get(iri, 0)}" for iri, *_ in plan)
            raise StoreError(f"{self.location}: unexpected triple counts after the swap ({found})")
        ops = []
        for iri, _, backup, _ in plan:
            ops.append(f"DROP SILENT GRAPH {_iri(iri)}")
            if old.get(iri):
                ops.append(f"ADD GRAPH {_iri(backup)} TO GRAPH {_iri(iri)}")
        try:
            self.update(" ;\n".join(ops), what="restoring the previous graphs")
            restored = self.sizes([iri for iri, *_ in plan])
        except StoreError as exc:
            raise StoreError(f"{swap_error or 'swap incomplete'}; restoring failed too ({exc}); "
                             f"previous graphs kept in {plan[0][2].rsplit(':', 2)[0]}:*") from None
        if any(restored.get(iri, 0) != old.get(iri, 0) for iri, *_ in plan):
            raise StoreError(f"{self.location}: previous graphs could not be restored; backups "
                             f"kept in {BACKUP}*")
        self._drop(leftovers)
        raise StoreError(f"{swap_error or self.location + ': the swap left unexpected counts'}; "
                         "previous graphs restored")

    def drop_graphs(self, graphs) -> None:
        """Remove named graphs in one update request."""
        graphs = list(graphs)
        if graphs:
            self.clean_leftovers()
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in graphs),
                        what="removing graphs")

    def _drop(self, graphs: list[str]) -> None:
        """Best-effort cleanup of staging/backup graphs: when it fails, the server is gone and
        the error that brought us here (if any) is the one to report; they hold no live data."""
        try:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in graphs),
                        what="dropping staging graphs")
        except StoreError:
            pass

    # reading -----------------------------------------------------------------------------

    def query(self, sparql: str) -> QueryResult:
        answer = self.reader.run(sparql)
        if answer.truncated:
            raise StoreError(f"{self.location}: the endpoint returned partial results "
                             f"({answer.truncated}); add LIMIT/OFFSET or raise its limits")
        return answer.result

    def sizes(self, graphs: list[str]) -> dict[str, int]:
        """Triples in each of these named graphs (absent graphs are left out)."""
        if not graphs:
            return {}
        values = " ".join(_iri(g) for g in graphs)
        return self._counts(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                            "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")

    def graph_sizes(self) -> dict[str, int]:
        """Triples per RightsGraph named graph (graphs under the project's graph base)."""
        return dict(sorted(self._counts(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }} GROUP BY ?g').items()))

    def _counts(self, sparql: str) -> dict[str, int]:
        result = self.query(sparql)
        return {row[0].value: int(row[1].value) for row in result.rows if row[0] is not None}

    def graph_triples(self, graph: str, expected: int) -> bytes:
        """All triples of one graph as N-Triples: one request, or, when the answer is cut short,
        pages with ORDER BY/LIMIT/OFFSET; the total is checked against `expected`."""
        from pyoxigraph import Triple, serialize

        pattern = f"SELECT ?s ?p ?o WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}"
        whole = self.reader.run(pattern)
        triples = [Triple(*row) for row in whole.result.rows]
        if len(triples) != expected or whole.truncated:
            # Cut short (a row cap, a partial answer): page in a stable order, never asking
            # for more rows per page than the server was seen to return.
            page = min(PAGE, len(triples)) or PAGE
            triples = []
            while len(triples) < expected:
                rows = self.reader.run(f"{pattern} ORDER BY ?s ?p ?o LIMIT {page} "
                                       f"OFFSET {len(triples)}").result.rows
                if not rows:
                    break
                triples.extend(Triple(*row) for row in rows)
        if len(triples) != expected:
            raise StoreError(f"{self.location}: read {len(triples)} triples of {graph}, "
                             f"expected {expected}")
        return serialize(triples, format=RdfFormat.N_TRIPLES) or b""

    def graph_ntriples(self, graph: str, *, size: int | None = None) -> bytes:
        """One graph as N-Triples, read on its own (`graph_triples`); counted first unless
        `size` is given."""
        if size is None:
            size = self.sizes([graph]).get(graph)
            if size is None:
                raise StoreError(f"{self.location}: no graph <{graph}>")
        return self.graph_triples(graph, size)

    def dump(self, fmt: RdfFormat, *, graph: str | None = None) -> bytes:
        sizes = self.graph_sizes()
        if graph is not None:
            if graph not in sizes:
                sizes = {**sizes, **self.sizes([graph])}
            if graph not in sizes:
                raise StoreError(f"{self.location}: no graph <{graph}>")
            wanted = [graph]
        else:
            wanted = list(sizes)
        local = EmbeddedStore(None)
        try:
            for g in wanted:
                local.raw.load(self.graph_triples(g, sizes[g]), format=RdfFormat.N_TRIPLES,
                               to_graph=_named(g))
            return local.dump(fmt, graph=graph)
        finally:
            local.close()

    def close(self) -> None:
        self.http.close()


def _leftover(kind: str, run: str, i: int, target: str) -> str:
    """A staging or backup graph's IRI: the run, its place in the plan and, percent-encoded,
    the graph it stands for (so that the next publish can tell what a leftover was for).

    >>> _leftover(STAGING, "r1", 0, "https://w3id.org/rightsgraph/graph/x")
    'urn:rightsgraph:staging:r1:0:https%3A%2F%2Fw3id.org%2Frightsgraph%2Fgraph%2Fx'
    >>> _target(_leftover(BACKUP, "r1", 3, "https://w3id.org/rightsgraph/graph/x"))
    'https://w3id.org/rightsgraph/graph/x'
    """
    return f"{kind}{run}:{i}:{quote(target, safe='')}"


def _target(leftover: str) -> str | None:
    parts = leftover.split(":")
    return unquote(parts[5]) if len(parts) == 6 and parts[5] else None


def _swap_batches(plan, expected: dict[str, int], limit: int) -> list[list]:
    """The plan in batches of about `limit` triples (one graph at least): one update request
    each, so that no request grows with the corpus. A graph is never split."""
    batches: list[list] = [[]]
    size = 0
    for item in plan:
        n = expected[item[0]]
        if batches[-1] and size + n > limit:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += n
    return batches


def swap_triples() -> int:
    """Triples swapped in per update request: RIGHTSGRAPH_SWAP_TRIPLES, default 200,000."""
    raw = os.environ.get("RIGHTSGRAPH_SWAP_TRIPLES")
    if not raw:
        return DEFAULT_SWAP_TRIPLES
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"RIGHTSGRAPH_SWAP_TRIPLES must be a positive integer, got {raw!r}")
    return int(raw)


def _named(iri: str):
    from pyoxigraph import NamedNode

    return NamedNode(iri)


def _count(data: bytes) -> int:
    return sum(1 for line in data.splitlines() if line.strip())
