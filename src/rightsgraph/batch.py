"""Convert and validate many reports in worker processes.

Each report is converted and validated on its own (its graph is small, so pyshacl is fast
on it) in worker processes (`rightsgraph.workers`: a time limit and a memory cap per
document, a report that cannot be read refused while the others go on); the results cross
back to the parent as canonical N-Triples bytes, never as pickled rdflib graphs. The parent
keeps them in a `Pending` spool until it knows that every report may be published, then
publishes them in batches, each one crossing into the store at once (`all_or_nothing`: every
batch, or none).

An interrupt (Ctrl-C, SIGTERM raised as an exception by the CLI) or an error stops the workers
at once: queued reports are dropped, live workers killed (SIGKILL) and joined. The workers
ignore SIGINT themselves, so a Ctrl-C at a terminal (sent to the whole process group) is the
parent's to handle.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .workers import Limits, Refused

if TYPE_CHECKING:
    from .store.base import GraphStore


@dataclass(frozen=True)
class Prepared:
    """One report converted and validated: counts for the summary, graphs as N-Triples."""

    source: str
    report_id: str
    graph: str  # the report's named graph IRI
    data: bytes  # canonical N-Triples of the report graph
    validation: bytes  # canonical N-Triples of its sh:ValidationReport
    paragraphs: int
    footnotes: int
    triples: int
    conforms: bool
    violations: int
    warnings: int
    facts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (wall, *_cpu)
    extra: dict[str, bytes] = field(default_factory=dict)  # the review graph, when reviewed
    reviews: tuple = ()  # review.Outcome of each decision on the report
    notes: tuple[str, ...] = ()  # what the summary line says besides counts (Facts.notes)


def default_jobs() -> int:
    """Worker processes by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepare(path: str | Path, *, strict: bool = False, base: str | None = None,
            reviews: str | Path | None = None) -> Prepared:
    """Convert, review (the decisions of the `reviews` folder) and validate one report file
    (runs in a worker process)."""
    from .pipeline import convert, fact_counts
    from .review.build import gate_graph, review_report
    from .serialize import ntriples
    from .validate import validate

    timings: dict[str, float] = {}
    converted = convert(path, base=base, timings=timings)
    reviewed = review_report(converted.graph, reviews, base=base)
    started, cpu = time.perf_counter(), time.process_time()
    report = validate(gate_graph(reviewed), strict=strict)
    timings["validate"], timings["validate_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    data, validation = ntriples(reviewed.graph), ntriples(report.graph)
    extra = {str(reviewed.reviews.identifier): ntriples(reviewed.reviews)} if reviews else {}
    timings["serialize"], timings["serialize_cpu"] = time.perf_counter() - started, time.process_time() - cpu
    return Prepared(
        source=str(path),
        report_id=converted.report_id,
        graph=str(converted.graph.identifier),
        data=data,
        validation=validation,
        paragraphs=len(converted.document.paragraphs),
        footnotes=len(converted.document.footnotes),
        triples=len(reviewed.graph),
        conforms=report.conforms and not (strict and reviewed.unanchored),  # --strict: all anchor
        violations=len(report.violations),
        warnings=len(report.results) - len(report.violations),
        facts=fact_counts(converted.facts),
        timings=timings,
        extra=extra,
        reviews=tuple(reviewed.outcomes),
        notes=converted.facts.notes,
    )


def _warm_up() -> None:
    """Load what every worker needs once, in the parent, so that forked workers share it."""
    from .validate import ontology_graph, reference_graph, shacl_engine, shapes_graph

    shapes_graph()
    ontology_graph()
    reference_graph()
    shacl_engine()
    gc.freeze()  # what is loaded now lives as long as the process: the collector skips it


def prepare_all(paths: Sequence[str | Path], *, jobs: int | None = None, strict: bool = False,
                base: str | None = None, limits: Limits | None = None,
                fail_fast: bool = False,
                reviews: str | Path | None = None) -> Iterator[tuple[int, Prepared | Refused]]:
    """`prepare` every path on `jobs` worker processes (default: all cores), each within
    `limits` (time and memory per document); yields (index in `paths`, `Prepared` or
    `Refused`) as each finishes.

    A report that cannot be read (an `InputError`, the limits) is refused and the others go
    on; with `fail_fast` the first refusal stops the workers and is raised. An error, an
    interrupt or closing the iterator stops the workers at once (queued reports are dropped).
    """
    from .workers import run_all

    jobs = default_jobs() if jobs is None else max(1, jobs)
    if not paths:
        return
    _warm_up()
    work = partial(prepare, strict=strict, base=base, reviews=reviews)
    for done in run_all(work, paths, jobs=jobs, limits=limits or Limits(), fail_fast=fail_fast):
        yield done.index, done.result if done.refused is None else done.refused


class Pending:
    """Graphs (IRI -> N-Triples) waiting to be published, in order, in groups that are never
    split across batches (a report graph and its validation report, say).

    Held in memory up to `memory` bytes, then spooled to an anonymous temporary file in
    `folder` (created then; the file has no name, so nothing is left behind, even on a
    crash), so that memory stays flat however many reports wait for the all-or-nothing
    decision.
    """

    def __init__(self, folder: str | Path, *, memory: int):
        self.folder, self.memory = Path(folder), memory
        self.size = 0  # bytes held
        self._file = io.BytesIO()
        self._spooled = False
        self._groups: list[list[tuple[str, int]]] = []  # (graph IRI, length), in file order

    def add(self, graphs: Mapping[str, bytes]) -> None:
        """Append one group of graphs."""
        incoming = sum(len(data) for data in graphs.values())
        try:
            if not self._spooled and self.size + incoming > self.memory:
                self.folder.mkdir(parents=True, exist_ok=True)
                spool = tempfile.TemporaryFile(dir=self.folder)
                spool.write(self._file.getbuffer())
                self._file, self._spooled = spool, True
            for data in graphs.values():
                self._file.write(data)
        except OSError as exc:  # disk full under the spool, say: one line, not a traceback
            from .files import output_error

            raise output_error(self.folder, exc) from None
        self._groups.append([(iri, len(data)) for iri, data in graphs.items()])
        self.size += incoming

    def batches(self, limit: int) -> Iterator[dict[str, bytes]]:
        """The graphs again, in order, as batches of about `limit` bytes (one group at least)."""
        self._file.seek(0)
        batch: dict[str, bytes] = {}
        size = 0
        for group in self._groups:
            for iri, length in group:
                batch[iri] = self._file.read(length)
                size += length
            if size >= limit:
                yield batch
                batch, size = {}, 0
        if batch:
            yield batch

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Reversible:
    """A store seen through a log of what `replace_graphs` changed there, so that `undo` can
    put it back: graphs the store did not hold are dropped again, graphs it held get their
    previous content back (read just before they were replaced, spooled like `Pending`).

    Publishing a build takes several store transactions (one per batch, then the dataset
    description); `all_or_nothing` makes them one step as far as an error or an
    interrupt is concerned. Everything but `replace_graphs` goes to the store unchanged.
    """

    def __init__(self, store: GraphStore, folder: str | Path, *, memory: int):
        self.store = store
        self.held = store.graph_names()
        self.previous = Pending(folder, memory=memory)
        self.added: list[str] = []
        self.logged: set[str] = set()  # held graphs whose previous content is in the log
        self.memory = memory

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def replace_graphs(self, graphs: Mapping[str, bytes], *, previous=None) -> None:
        # logged before the store changes: an interrupt just after the store returns must find
        # what it changed (putting back a graph that was not replaced yet does no harm); the
        # previous content comes from the store, which reads it anyway to compute the change
        self.added += [iri for iri in graphs if iri not in self.held and iri not in self.logged]
        self.store.replace_graphs(graphs, previous=self._log)

    def _log(self, graphs: dict[str, bytes]) -> None:
        first = {iri: data for iri, data in graphs.items()  # the first content is the one to
                 if iri in self.held and iri not in self.logged}  # put back
        if first:
            self.previous.add(first)
            self.logged.update(first)

    def undo(self) -> None:
        """Put the store back as it was; a Ctrl-C or SIGTERM meanwhile waits until it is done."""
        with _signals_held():
            self.store.drop_graphs(self.added)
            for batch in self.previous.batches(self.memory):
                self.store.replace_graphs(batch)
            self.added = []

    def close(self) -> None:
        self.previous.close()


@contextlib.contextmanager
def all_or_nothing(store: GraphStore, folder: str | Path, *, memory: int) -> Iterator[Reversible]:
    """A `Reversible` view of `store`: an error or an interrupt inside the block undoes every
    `replace_graphs` made through it, then goes on being raised."""
    log = Reversible(store, folder, memory=memory)
    try:
        yield log
    except BaseException:
        log.undo()
        raise
    finally:
        log.close()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM are noted, not acted on, until the block ends (in the main thread;
    elsewhere signals do not reach Python code anyway). They come while an interrupt or an
    error is already on its way out, so they are dropped: the run is ending."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda signum, frame: None) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
