"""Run researchers' SPARQL with a time limit and a row cap.

For the embedded store each query runs in a worker process that holds the store open
read-only: when a query outlives the time limit the worker is killed (its CPU is freed) and a
fresh one takes its place. Any other store (a remote endpoint) is queried in a thread.

Where the kernel allows it (Linux user namespaces), a worker leaves the host's network before it
opens the store: it runs in a network namespace of its own with no interface up, so even a
query that got past the endpoint's SERVICE check could reach no address at all.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
)

from ..errors import RightsGraphError, StoreError, UsageError
from ..serialize import prefixes
from ..store.base import GraphStore
from ..store.embedded import dataset_options
from .results import MEDIA_TYPES, write_boolean, write_select

RDF_OUT = {"ttl": (RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
           "jsonld": (RdfFormat.JSON_LD, "application/ld+json"),
           "nt": (RdfFormat.N_TRIPLES, "application/n-triples"),
           "rdf": (RdfFormat.RDF_XML, "application/rdf+xml")}


STARTUP_SECONDS = 60
WORKER_NICENESS = 10


class QueryTimeout(StoreError):
    """A query ran past the server's time limit and was stopped."""


class BadQuery(UsageError):
    """The query cannot be parsed or evaluated."""


@dataclass(frozen=True)
class Request:
    sparql: str
    results_format: str = "json"  # json, xml, csv, tsv (SELECT and ASK)
    graph_format: str = "ttl"  # ttl, jsonld, nt, rdf (CONSTRUCT and DESCRIBE)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    kind: str  # select, ask, graph
    body: bytes
    media_type: str
    truncated: bool = False
    count: int = 0


@dataclass
class Limits:
    timeout: float = 30.0
    max_rows: int = 10_000
    union_default_graph: bool = True


def _graph_answer(triples, fmt: str, max_rows: int) -> Answer:
    rdf, media = RDF_OUT[fmt]
    store = Store()
    n, truncated = 0, False
    for t in triples:
        if n >= max_rows:
            truncated = True
            break
        store.add(Quad(t.subject, t.predicate, t.object, DefaultGraph()))
        n += 1
    kwargs = {"prefixes": prefixes()} if rdf in (RdfFormat.TURTLE, RdfFormat.RDF_XML,
                                                  RdfFormat.JSON_LD) else {}
    return Answer("graph", store.dump(format=rdf, from_graph=DefaultGraph(), **kwargs), media,
                  truncated, n)


def _select_answer(variables: Sequence[str], rows, fmt: str, max_rows: int) -> Answer:
    kept, truncated = [], False
    for row in rows:
        if len(kept) >= max_rows:
            truncated = True
            break
        kept.append(row)
    return Answer("select", write_select(variables, kept, fmt), MEDIA_TYPES[fmt], truncated, len(kept))


def evaluate(store: Store, req: Request, max_rows: int, union: bool) -> Answer:
    """Run one query on a pyoxigraph store, streaming at most `max_rows` results."""
    kwargs = dataset_options(req.sparql, req.default_graphs, req.named_graphs)
    if not union:
        kwargs.pop("use_default_graph_as_union", None)
    try:
        result = store.query(req.sparql, **kwargs)
        if isinstance(result, QueryBoolean):
            return Answer("ask", write_boolean(bool(result), req.results_format),
                          MEDIA_TYPES[req.results_format], False, 1)
        if isinstance(result, QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = (tuple(sol[v] for v in variables) for sol in result)
            return _select_answer(variables, rows, req.results_format, max_rows)
        return _graph_answer(result, req.graph_format, max_rows)
    except SyntaxError as exc:
        raise BadQuery(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    except (OSError, ValueError, TypeError) as exc:
        raise BadQuery(f"query failed: {str(exc).splitlines()[0]}") from None


CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def leave_network() -> bool:
    """Move this (single-threaded) process into new user and network namespaces, where no
    address can be reached; False where the kernel or the container does not allow it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _worker(conn, path: str, max_rows: int, union: bool) -> None:
    isolated = leave_network()
    try:  # pages are answered by the server process: let it win the CPU over long queries
        os.nice(WORKER_NICENESS)
    except OSError:
        pass
    try:
        store = Store.read_only(path)
    except OSError as exc:
        conn.send(("error", f"{path}: cannot open the store ({exc})"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", evaluate(store, req, max_rows, union)))
        except RightsGraphError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # never let one bad query end the worker
            conn.send(("error", f"query failed: {type(exc).__name__}"))


def _context():
    """Workers fork from a small server process that has already imported this module (a fresh
    worker is ready in tens of milliseconds, not the half second of a new interpreter), and
    holds no store, thread or socket of the parent."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


class _Worker:
    def __init__(self, path: str, limits: Limits):
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, path, limits.max_rows,
                                                         limits.union_default_graph), daemon=True)
        self.process.start()
        child.close()
        status, value = self.conn.recv() if self.conn.poll(STARTUP_SECONDS) else ("error", "no answer")
        if status != "ready":
            self.kill()
            raise StoreError(f"the query worker did not start: {value}")
        self.isolated = bool(value)  # no network in the worker's namespace

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _stopped(limit: float) -> QueryTimeout:
    return QueryTimeout(f"query stopped after {limit:g} s (the server's time limit, counted "
                        "from its arrival)")


class QueryRunner(ABC):
    """Runs protocol queries; subclasses decide where."""

    def __init__(self, limits: Limits):
        self.limits = limits

    def deadline(self) -> float:
        """When a query arriving now must be answered (a `time.monotonic()` instant)."""
        return time.monotonic() + self.limits.timeout

    @abstractmethod
    def run(self, req: Request, deadline: float | None = None) -> Answer:
        """Evaluate `req` by `deadline` (default: the time limit from now), or raise
        `QueryTimeout` / `BadQuery`."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Stop workers."""


class ProcessRunner(QueryRunner):
    """Worker processes over an on-disk store, killed when a query runs past its deadline.

    Callers are admitted by the server's query gate (at most `workers` at a time): each takes an
    idle worker or waits, within its deadline, for one being started. A worker killed at a
    deadline is replaced at once in the background, so the next query seldom waits for one."""

    def __init__(self, path: str | Path, limits: Limits, workers: int = 2):
        super().__init__(limits)
        self.path = str(path)
        self.workers = max(1, workers)
        self._idle: list[_Worker] = []
        self._starting = 0
        self._failure: str | None = None
        self._closed = False
        self._ready = threading.Condition()
        with self._ready:
            for _ in range(self.workers):
                self._spawn()

    def _spawn(self) -> None:
        """Start one worker in the background (call with `_ready` held)."""
        self._starting += 1
        threading.Thread(target=self._start_one, name="sparql-worker-start", daemon=True).start()

    def _start_one(self) -> None:
        worker, failure = None, None
        try:
            worker = _Worker(self.path, self.limits)
        except StoreError as exc:
            failure = str(exc)
        with self._ready:
            self._starting -= 1
            if worker is not None and self._closed:
                worker.kill()
            elif worker is not None:
                self._idle.append(worker)
            else:
                self._failure = failure
            self._ready.notify_all()

    def _take(self, deadline: float) -> _Worker:
        with self._ready:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.process.is_alive():
                        return worker
                    worker.kill()
                if self._failure is not None:
                    failure, self._failure = self._failure, None
                    raise StoreError(failure)
                if self._starting == 0:
                    self._spawn()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _stopped(self.limits.timeout)
                self._ready.wait(remaining)

    def _give_back(self, worker: _Worker) -> None:
        with self._ready:
            self._idle.append(worker)
            self._ready.notify()

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._ready:
            if not self._closed:
                self._spawn()

    def run(self, req: Request, deadline: float | None = None) -> Answer:
        deadline = self.deadline() if deadline is None else deadline
        worker = self._take(deadline)
        try:
            worker.conn.send(req)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise _stopped(self.limits.timeout)
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise StoreError("the query worker ended unexpectedly") from None
        self._give_back(worker)
        if status == "error":
            raise BadQuery(value)
        return value

    def isolation(self) -> bool:
        """True when the query workers run without a network (see `leave_network`)."""
        worker = self._take(self.deadline())
        self._give_back(worker)
        return worker.isolated

    def close(self) -> None:
        with self._ready:
            self._closed = True
            idle, self._idle = self._idle, []
        for w in idle:
            w.kill()


class StoreRunner(QueryRunner):
    """Any `GraphStore` (a remote endpoint, an in-memory store), queried in a thread."""

    def __init__(self, store: GraphStore, limits: Limits):
        super().__init__(limits)
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sparql")

    def _run(self, req: Request) -> Answer:
        result = self.store.query(req.sparql)
        if result.kind == "ask":
            return Answer("ask", write_boolean(bool(result.boolean), req.results_format),
                          MEDIA_TYPES[req.results_format], False, 1)
        if result.kind == "select":
            return _select_answer(result.variables, result.rows, req.results_format,
                                  self.limits.max_rows)
        return _graph_answer(parse(result.triples or b"", format=RdfFormat.N_TRIPLES),
                             req.graph_format, self.limits.max_rows)

    def run(self, req: Request, deadline: float | None = None) -> Answer:
        deadline = self.deadline() if deadline is None else deadline
        future = self._pool.submit(self._run, req)
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            future.cancel()
            raise _stopped(self.limits.timeout) from None
        except UsageError as exc:
            raise BadQuery(str(exc)) from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
