"""The library API: convert a report, validate it, publish it, build a corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from .document import Document
from .emit import emit
from .errors import InputError
from .extract import extract
from .facts import Facts
from .ingest import ingest
from .iris import ONTOLOGY_GRAPH, REGISTRY_GRAPH, validation_graph, vocab_graph
from .parse import parse
from .resources import ontology_files
from .serialize import ntriples
from .store.base import GraphStore
from .validate import ValidationReport, validate
from .workers import Limits, Refused

if TYPE_CHECKING:
    from .batch import Pending


# Graph files `validate` and `publish` read as RDF; any other file is a report, read by content.
GRAPH_SUFFIXES = (".ttl", ".trig", ".nq", ".nt", ".jsonld", ".rdf", ".xml", ".owl")


@dataclass(frozen=True)
class Converted:
    """One report, converted: its document model, its facts and its named graph."""

    document: Document
    facts: Facts
    graph: Graph

    @property
    def report_id(self) -> str:
        return self.document.report_id


def convert(path: str | Path, *, report_id: str | None = None, base: str | None = None,
            timings: dict[str, float] | None = None) -> Converted:
    """Read, parse, extract and emit one report file (``-`` for stdin).

    `timings`, when given, receives the seconds each stage took (ingest, parse, extract, emit;
    wall clock, and CPU time of this process under ``<stage>_cpu``).
    """
    clock = _Clock(timings)
    text = clock("ingest", ingest, path)
    document = clock("parse", parse, text.text, report_id=report_id, name=text.name,
                     media_type=text.media_type, symbol=text.symbol)
    facts = clock("extract", extract, document)
    return Converted(document, facts, clock("emit", emit, document, facts, base=base))


class _Clock:
    """Run a stage and add its wall time to a timings dict (nothing when there is none)."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings

    def __call__(self, stage: str, func, *args, **kwargs):
        if self.timings is None:
            return func(*args, **kwargs)
        from time import perf_counter, process_time

        started, cpu = perf_counter(), process_time()
        try:
            return func(*args, **kwargs)
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + perf_counter() - started
            cpu_key = f"{stage}_cpu"
            self.timings[cpu_key] = self.timings.get(cpu_key, 0.0) + process_time() - cpu


@dataclass(frozen=True)
class Inputs:
    """The files a build reads, and those of its folders it does not read, with why."""

    files: list[Path]
    skipped: list[Refused] = field(default_factory=list)


def gather_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Files as given; folders expanded to every file they hold, in name order, whatever its
    name (the reader is chosen by content). What a folder holds that is not read is listed
    in `skipped`: hidden files (``.name``) and subfolders (folders are not walked).

    Raises `InputError` for a folder with nothing to read.
    """
    files: list[Path] = []
    skipped: list[Refused] = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            files.append(p)
            continue
        found = []
        for f in sorted(p.iterdir()):
            if f.name.startswith("."):
                skipped.append(Refused(str(f), "hidden file, not read"))
            elif f.is_dir():
                skipped.append(Refused(str(f), "a folder, not read (give it by name)"))
            elif not f.is_file():
                skipped.append(Refused(str(f), "not a regular file, not read"))
            else:
                found.append(f)
        if not found:
            raise InputError(f"{p}: no files to read in this folder")
        files.extend(found)
    return Inputs(files, skipped)


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The files `gather_inputs` reads."""
    return gather_inputs(paths).files


def reference_graphs() -> dict[str, Graph]:
    """Ontology, vocabularies and registries, each for its own named graph."""
    graphs: dict[str, Graph] = {}
    files = [f for f in ontology_files() if f.exists()]
    for f in files:
        iri = ONTOLOGY_GRAPH if f.name == "rightsgraph.ttl" else vocab_graph(f.stem)
        g = Graph(identifier=URIRef(iri))
        g.parse(f, format="turtle")
        graphs[iri] = g
    try:
        from .emit.registry import registry_graph
    except ImportError:
        return graphs
    g = registry_graph(None)
    graphs[str(g.identifier)] = g
    return graphs


def _payload(graph: Graph, report: ValidationReport) -> dict[str, bytes]:
    """The report graph and its validation report, each for its own named graph."""
    rid = str(graph.identifier).rsplit("/", 1)[-1]
    return {str(graph.identifier): ntriples(graph), validation_graph(rid): ntriples(report.graph)}


def reference_ntriples(base: str | None = None) -> dict[str, bytes]:
    """`reference_graphs` as canonical N-Triples, the ontology files read by Oxigraph (fast),
    with the vocabulary concepts and registry resources under the resource base `base`."""
    from .iris import DEFAULT_BASE, base_iri
    from .serialize import file_ntriples, rebased

    resources = base_iri(base)
    out: dict[str, bytes] = {}
    for f in ontology_files():
        if f.exists():
            iri = ONTOLOGY_GRAPH if f.name == "rightsgraph.ttl" else vocab_graph(f.stem)
            out[iri] = rebased(file_ntriples(f), DEFAULT_BASE, resources)
    try:
        from .emit.registry import registry_graph
    except ImportError:
        return out
    g = registry_graph(base)
    out[str(g.identifier)] = ntriples(g)
    return out


def publish(store: GraphStore, converted: Converted | Graph, *, strict: bool = False,
            report: ValidationReport | None = None, extra: dict[str, Graph] | None = None,
            describe: bool = True) -> ValidationReport:
    """Validate, then replace the report's graph (and its validation report) in the store,
    with (`describe`) the dataset description (VoID/DCAT graph) in the same transaction.

    Raises `ValidationFailed` and publishes nothing when a blocking result is found.
    """
    graph = converted.graph if isinstance(converted, Converted) else converted
    return publish_all(store, [(graph, report)], strict=strict, extra=extra, describe=describe)[0]


def publish_all(store: GraphStore, items: list[tuple[Graph, ValidationReport | None]], *,
                strict: bool = False, extra: dict[str, Graph] | None = None,
                describe: bool = True) -> list[ValidationReport]:
    """Validate every graph first; publish all of them in one store transaction, or none,
    with (`describe`) the dataset description (VoID/DCAT graph) in that transaction (an
    endpoint swaps large publishes in batches, each report graph atomic; the description
    goes with the last).

    A report given with a graph is reused (not recomputed) unless `strict` asks for more
    than it was computed with. Raises `ValidationFailed` before writing anything when any
    graph has a blocking result, so the store stays as it was.
    """
    reports = []
    for graph, report in items:
        if report is None or (strict and not report.strict):
            report = validate(graph, strict=strict)
        reports.append(report)
    for report in reports:
        report.raise_for_results()
    payload: dict[str, bytes] = {}
    for (graph, _), report in zip(items, reports, strict=True):
        payload.update(_payload(graph, report))
    for iri, g in (extra or {}).items():
        payload[iri] = ntriples(g)
    if REGISTRY_GRAPH not in payload and REGISTRY_GRAPH not in store.graph_names():
        # shared entities (States, bodies, concepts) are described once, in their own graphs:
        # a store without them would hold reports whose States have no type or label
        payload = {**reference_ntriples(_base_of(items[0][0]) if items else None), **payload}
    if describe:  # the dataset description commits with the data it describes
        from .void import with_description

        payload = with_description(store, payload)
    store.replace_graphs(payload)
    return reports


def _base_of(graph: Graph) -> str | None:
    """The resource base a report graph was minted under (its rg:Report's IRI before report/)."""
    from rdflib.namespace import RDF

    from .emit.terms import RG

    for report in graph.subjects(RDF.type, RG.Report):
        if "/report/" in str(report):
            return str(report).rsplit("report/", 1)[0]
    return None


@dataclass
class ReportOutcome:
    report_id: str
    source: str
    paragraphs: int
    footnotes: int
    triples: int
    conforms: bool
    published: bool
    violations: int = 0
    warnings: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, this report
    reviews: tuple = ()  # review.Outcome of each review decision on this report
    notes: tuple[str, ...] = ()  # e.g. "language fr: structure only"


def fact_counts(facts: Facts) -> dict[str, int]:
    return {
        name: len(getattr(facts, name))
        for name in ("actors", "interventions", "violations", "recommendations", "commitments",
                     "practices", "concerns", "instruments", "citations", "places", "statistics")
    }


@dataclass
class BuildSummary:
    reports: list[ReportOutcome]
    store: str
    outputs: list[str]
    store_triples: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds: prepare, publish, export
    refused: list[Refused] = field(default_factory=list)  # files read that gave no report
    skipped: list[Refused] = field(default_factory=list)  # files of the folders not read

    @property
    def ok(self) -> bool:
        """Every file read, every report published."""
        return not self.refused and all(r.published for r in self.reports)

    @property
    def blocked(self) -> list[ReportOutcome]:
        """The reports validation blocked (then nothing was published)."""
        return [r for r in self.reports if not r.conforms]

    @property
    def published(self) -> bool:
        return bool(self.reports) and all(r.published for r in self.reports)


PUBLISH_BATCH_BYTES = 64 * 1024 * 1024  # N-Triples held before one crossing into the store


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: `done` of `total` files; `outcome` (a report read) or `refused` (a
    file that gave none) says what became of `path`; both are None for the start event."""

    done: int
    total: int
    path: Path
    outcome: ReportOutcome | None = None
    refused: Refused | None = None


def build(paths: Iterable[str | Path], store: GraphStore, out_dir: str | Path, *,
          strict: bool = False, jobs: int | None = None, base: str | None = None,
          progress: Callable[[BuildProgress], None] | None = None,
          limits: Limits | None = None, fail_fast: bool = False,
          reviews: str | Path | None = None) -> BuildSummary:
    """convert -> validate every report; then, only if none is blocked, publish them all with
    the reference graphs and export the files.

    Reports are converted and validated on `jobs` worker processes (default: every core),
    each graph on its own, each file within `limits` (seconds and memory per document). A
    file that cannot be read (not a report, a damaged PDF, past a limit) is refused: it is
    listed in `BuildSummary.refused` with its reason and the others go on (with `fail_fast`
    the first refusal is raised as an `InputError` and nothing is published). What a folder
    holds that is not read is listed in `BuildSummary.skipped`. When any report has a
    blocking result (a Violation, or any result
    when `strict`), nothing is published and the store is left as it was; ``validation.ttl``
    (every validation report) is written into `out_dir` either way, ``rightsgraph.ttl``
    (every report graph of the store, merged, streamed graph by graph) only after publishing.
    Graphs waiting for that decision are spooled to an anonymous temporary file in `out_dir`
    once they outgrow one batch, then cross into the store in batches. Publishing and the
    exports are all or nothing: an error or an interrupt (KeyboardInterrupt) before the end
    puts back the graphs the batches replaced and leaves the previous files; an interrupt
    while reports are converted stops the workers at once. `progress` is called once at the
    start and once as each file is done, in the order they finish (a progress bar, a log
    line); `base` is the resource IRI base. Nothing is published or written when no file
    gave a report. `reviews` is a folder of review files (`rightsgraph.review`): each report's
    decisions are re-applied to its graph, published in its reviewed state beside its review
    graph; what became of each decision is in its outcome's `reviews`.
    """
    from .batch import Pending
    from .files import check_folder

    out = Path(out_dir)
    check_folder(out)  # an unusable --out is found before any work, with nothing published
    inputs = gather_inputs(paths)
    with Pending(out, memory=PUBLISH_BATCH_BYTES) as pending:
        summary = _build(inputs.files, store, out, pending, strict=strict, jobs=jobs, base=base,
                         progress=progress, limits=limits, fail_fast=fail_fast,
                         reviews=reviews)
    summary.skipped = inputs.skipped
    return summary


def _build(files: list[Path], store: GraphStore, out: Path, pending: Pending, *, strict: bool,
           jobs: int | None, base: str | None,
           progress: Callable[[BuildProgress], None] | None, limits: Limits | None,
           fail_fast: bool, reviews: str | Path | None = None) -> BuildSummary:
    from time import perf_counter

    from pyoxigraph import RdfFormat

    from .batch import all_or_nothing, prepare_all
    from .export import export_file, write_graphs
    from .files import atomic_output
    from .void import with_description

    started = perf_counter()
    validation: list[tuple[int, str, bytes]] = []  # (index, validation graph IRI, N-Triples)
    outcomes: list[tuple[int, ReportOutcome]] = []
    refused: list[tuple[int, Refused]] = []
    if progress and files:
        progress(BuildProgress(0, len(files), files[0]))
    for i, (index, done) in enumerate(prepare_all(files, jobs=jobs, strict=strict, base=base,
                                                  limits=limits, fail_fast=fail_fast,
                                                  reviews=reviews), 1):
        if isinstance(done, Refused):
            refused.append((index, done))
            if progress:
                progress(BuildProgress(i, len(files), files[index], refused=done))
            continue
        outcome = ReportOutcome(
            report_id=done.report_id, source=done.source, paragraphs=done.paragraphs,
            footnotes=done.footnotes, triples=done.triples, conforms=done.conforms,
            published=False, violations=done.violations, warnings=done.warnings,
            facts=done.facts, timings=done.timings, reviews=done.reviews,
            notes=done.notes,
        )
        outcomes.append((index, outcome))
        checked = validation_graph(done.graph.rsplit("/", 1)[-1])
        validation.append((index, checked, done.validation))
        if done.conforms:
            pending.add({done.graph: done.data, checked: done.validation, **done.extra})
        if progress:
            progress(BuildProgress(i, len(files), files[index], outcome))
    reports = [o for _, o in sorted(outcomes, key=lambda item: item[0])]
    refusals = [r for _, r in sorted(refused, key=lambda item: item[0])]
    prepared = perf_counter() - started
    if not reports:  # nothing was read: nothing to publish, no file to write
        return BuildSummary([], store.location, [], store_triples=sum(store.graph_sizes().values()),
                            timings={"prepare": prepared, "total": perf_counter() - started},
                            refused=refusals)
    validation.sort(key=lambda item: item[0])
    began = perf_counter()
    publishing = 0.0
    publishable = all(o.conforms for o in reports)  # all or nothing: one blocked report stops it
    exporting = 0.0
    # validation.ttl is renamed into place last, once the store and rightsgraph.ttl are done:
    # an error or an interrupt before that leaves the previous files and store graphs
    with atomic_output(out / "validation.ttl") as fh:  # canonical per report, as exports are
        write_graphs([(iri, data) for _, iri, data in validation], RdfFormat.TURTLE, fh, base=base)
        if publishable:
            pending.add(reference_ntriples(base))
            with all_or_nothing(store, out, memory=PUBLISH_BATCH_BYTES) as target:
                batches = pending.batches(PUBLISH_BATCH_BYTES)
                batch = next(batches)  # the reference graphs at least
                while batch is not None:
                    following = next(batches, None)
                    if following is None:  # the dataset description commits with the last batch
                        batch = with_description(target, batch, base=base)
                    target.replace_graphs(batch)
                    batch = following
                target.optimize()  # one compaction after the batches: fewer files to search
                publishing = perf_counter() - began
                began = perf_counter()
                export_file(store, RdfFormat.TURTLE, out / "rightsgraph.ttl", base=base)
                exporting = perf_counter() - began
            for o in reports:
                o.published = True
    outputs = [str(out / "rightsgraph.ttl")] if publishable else []
    outputs.append(str(out / "validation.ttl"))
    sizes = store.graph_sizes()
    return BuildSummary(reports, store.location, outputs, store_triples=sum(sizes.values()),
                        timings={"prepare": prepared, "publish": publishing, "export": exporting,
                                 "total": perf_counter() - started}, refused=refusals)


def report_graph_iris(store: GraphStore) -> list[str]:
    from .export import report_graph_iris as graphs

    return graphs(store)


def load_graph_file(path: str | Path) -> Graph:
    """Read a converted report graph (any RDF format; ``-`` for stdin) for validate/publish.

    The named graph comes from TriG/N-Quads, else from the report resource it describes.
    """
    import sys

    from pyoxigraph import Dataset as OxDataset
    from pyoxigraph import parse as ox_parse

    from .formats import rdf_format
    from .iris import report_graph

    name = "<stdin>" if str(path) == "-" else str(path)
    if name != "<stdin>" and not Path(path).is_file():
        raise InputError(f"{name}: no such file")
    data = sys.stdin.buffer.read() if name == "<stdin>" else Path(path).read_bytes()
    if not data.strip():
        raise InputError(f"{name}: empty file")
    fmt = rdf_format(None, None if name == "<stdin>" else path)
    try:
        quads = OxDataset(ox_parse(data, format=fmt))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{name}: not valid {fmt.name} ({str(exc).splitlines()[0]})") from None
    graph_names = {str(q.graph_name.value) for q in quads if hasattr(q.graph_name, "value")}
    report_graphs = [g for g in graph_names if not g.startswith("urn:")]
    if len(report_graphs) > 1:
        raise InputError(f"{name}: holds {len(report_graphs)} named graphs; give one report each")
    g = Graph()
    g.parse(data=_as_ntriples(quads), format="nt")
    if report_graphs:
        g = _renamed(g, report_graphs[0])
    else:
        reports = list(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  URIRef("https://w3id.org/rightsgraph/ontology#Report")))
        if len(reports) != 1:
            raise InputError(f"{name}: describes {len(reports)} reports (rg:Report); expected one")
        g = _renamed(g, report_graph(str(reports[0]).rstrip("/").rsplit("/", 1)[-1]))
    return g


def _as_ntriples(quads) -> bytes:
    from pyoxigraph import RdfFormat as F
    from pyoxigraph import Triple
    from pyoxigraph import serialize as ox_serialize

    return ox_serialize((Triple(q.subject, q.predicate, q.object) for q in quads), format=F.N_TRIPLES)


def _renamed(graph: Graph, iri: str) -> Graph:
    out = Graph(identifier=URIRef(iri))
    for t in graph:
        out.add(t)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    return out


def load_any(path: str | Path) -> Graph:
    """A graph file (by its extension: .ttl, .nt, .nq, .trig, .jsonld, .rdf ...; ``-`` is
    stdin, a graph), or a report file of any other name (.pdf, .docx, .html, .md, .txt ...)
    converted on the fly, its reader chosen by content."""
    if str(path) == "-" or Path(path).suffix.lower() in GRAPH_SUFFIXES:
        return load_graph_file(path)
    return convert(path).graph
