"""Stage 6: the SHACL gate. pyshacl's raw triple stays in here; callers get a typed report.

A report graph is checked by the shapes in ``shapes/`` (SHACL core and SHACL-SPARQL) and by
the SELECT queries ``queries/checks/*-{violation,warning,info}.rq`` (the Ontology Development
Kit convention: each returns zero rows on good data). Results of severity Violation block
publishing; Warnings and Infos block only in strict mode. `sh:conforms` in the published
``sh:ValidationReport`` keeps its SHACL meaning (false for any result, whatever its severity):
the gate is `ValidationReport.conforms`, which reads severities.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, SKOS

from .errors import OntologyError, UsageError, ValidationFailed
from .graphs import closure
from .iris import DEFAULT_BASE, ONTOLOGY_NS, REGISTRY_GRAPH, report_graph, validation_graph
from .resources import ontology_files, queries_dir, shapes_dir

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
CHECK_SUFFIXES = {"-violation": "Violation", "-warning": "Warning", "-info": "Info"}
CHECK_NS = "https://w3id.org/rightsgraph/queries/checks/"
RG_REPORT = URIRef(ONTOLOGY_NS + "Report")
RG_PARAGRAPH_NUMBER = URIRef(ONTOLOGY_NS + "paragraphNumber")
RG_CITED_IN = URIRef(ONTOLOGY_NS + "citedIn")
_FACT_IRI = re.compile(r"/report/[^/]+/[a-z]+/([1-9][0-9]*)-[0-9a-f]+$")
_PARAGRAPH_IRI = re.compile(r"/report/[^/]+/paragraph/([1-9][0-9]*)$")
# The SHACL engines: "fast" (shacl_engine.py, the default) and "reference" (plain
# `pyshacl.validate`); both give the same results, which the tests check on every fixture.
ENGINES = ("fast", "reference")
ENGINE_VARIABLE = "RIGHTSGRAPH_SHACL_ENGINE"
REFERENCE_GRAPH = "urn:rightsgraph:validation:reference"  # its named graph in the validation store


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation, Warning, Info
    message: str
    shape: str  # the named shape (or check query) that produced the result
    focus: str
    path: str | None = None
    value: str | None = None
    paragraph: int | None = None  # paragraph the focus node was derived from


@dataclass
class ValidationReport:
    """Outcome of validating one graph. `conforms` means: nothing blocking.

    Blocking results are those of severity Violation, or every result when `strict`.
    """

    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)  # the sh:ValidationReport
    strict: bool = False
    validated: str | None = None  # IRI of the report graph that was validated

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def blocking(self) -> list[ValidationResult]:
        return list(self.results) if self.strict else self.violations

    @property
    def conforms(self) -> bool:
        return not self.blocking

    @property
    def verdict(self) -> str:
        """The one wording of the outcome, in the CLI, the report file and /validation."""
        return verdict(len(self.violations), len(self.results) - len(self.violations),
                       strict=self.strict)

    def raise_for_results(self) -> None:
        blocking = self.blocking
        if blocking:
            shapes = sorted({r.shape for r in blocking})
            first = blocking[0]
            raise ValidationFailed(
                f"{len(blocking)} blocking validation result(s) from {', '.join(shapes)}; "
                f"first: {first.shape}: {first.message} (focus {first.focus})",
                report=self,
            )


def verdict(violations: int, others: int, *, strict: bool = False) -> str:
    """What a validation outcome is called everywhere: conforms means no sh:Violation (SHACL's
    own `sh:conforms` is false for any result, a warning too: it stays so in the report file,
    with this verdict beside it).

    >>> verdict(0, 0), verdict(0, 72)
    ('conforms', 'conforms, with 72 warnings/infos')
    >>> verdict(2, 5)
    'does not conform (2 violations, 5 warnings/infos)'
    >>> verdict(0, 3, strict=True)
    'does not conform under --strict (0 violations, 3 warnings/infos)'
    """
    if violations or (strict and others):
        return (f"does not conform{' under --strict' if strict and not violations else ''} "
                f"({violations} violations, {others} warnings/infos)")
    return f"conforms, with {others} warnings/infos" if others else "conforms"


def published_verdict(violations: int, others: int) -> str:
    """The verdict of a report the store holds (it passed the gate when it was published).

    >>> published_verdict(0, 72), published_verdict(0, 0)
    ('conforms: published, with 72 warnings/infos', 'conforms: published')
    """
    if violations:
        return verdict(violations, others)
    return "conforms: published" + (f", with {others} warnings/infos" if others else "")


def _parse(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types for bad Turtle
            raise OntologyError(f"{path}: cannot be parsed as Turtle ({exc})") from None
    return g


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    files = sorted(shapes_dir().glob("*.ttl"))
    if not files:
        raise OntologyError(f"no SHACL shapes found in {shapes_dir()}")
    return _parse(files)


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology and vocabularies as they are on disk."""
    return _parse([p for p in ontology_files() if p.exists()])


def _rebase(term, base: str):
    if isinstance(term, URIRef) and base != DEFAULT_BASE and str(term).startswith(DEFAULT_BASE):
        return URIRef(base + str(term)[len(DEFAULT_BASE):])
    return term


@lru_cache(maxsize=4)
def reference_graph(base: str = DEFAULT_BASE) -> Graph:
    """What the shapes need from outside the report graph, and nothing more (it is added to
    a copy of the data on every run): the types and schemes of vocabulary concepts, re-based onto
    `base`, and an ``rdfs:isDefinedBy`` marker on every registry resource."""
    out = Graph()
    source = ontology_graph()
    for pred in (RDF.type, SKOS.inScheme):
        for s, o in source.subject_objects(pred):
            if isinstance(s, URIRef) and str(s).startswith(DEFAULT_BASE):
                out.add((_rebase(s, base), pred, _rebase(o, base)))
    try:
        from .emit.registry import registry_graph
    except ImportError:  # the registries have not landed in this checkout
        return out
    registry = URIRef(REGISTRY_GRAPH)
    described = registry_graph(base)
    for s in set(described.subjects(RDF.type, None)):
        out.add((s, RDFS.isDefinedBy, registry))
    for s in described.subjects(RDF.type, PROV.SoftwareAgent):  # the extraction's agent
        out.add((s, RDF.type, PROV.SoftwareAgent))
    return out


@lru_cache(maxsize=4)
def _reference_ntriples(base: str = DEFAULT_BASE) -> bytes:
    return reference_graph(base).serialize(format="nt", encoding="utf-8")


@lru_cache(maxsize=1)
def shacl_engine():
    """The fast engine over shapes/, or None when the shapes use what it does not run."""
    from .shacl_engine import ShaclEngine, supports

    shapes = shapes_graph()
    return ShaclEngine(shapes) if supports(shapes) else None


def check_queries() -> list[Path]:
    """queries/checks/*-violation.rq, *-warning.rq and *-info.rq, in name order."""
    folder = queries_dir() / "checks"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.rq") if p.stem.endswith(tuple(CHECK_SUFFIXES)))


def check_severity(path: Path) -> str:
    for suffix, severity in CHECK_SUFFIXES.items():
        if path.stem.endswith(suffix):
            return severity
    return "Violation"


@lru_cache(maxsize=1)
def _parent_shapes() -> dict:
    """Blank property shapes -> the named node shape holding them (for readable results)."""
    sg = shapes_graph()
    out = {}
    for parent, prop in sg.subject_objects(SH.property):
        if isinstance(parent, URIRef):
            out[prop] = parent
    return out


def shape_name(shape) -> str:
    named = shape if isinstance(shape, URIRef) else _parent_shapes().get(shape)
    if named is None:
        return "shape"
    return str(named).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _number(term) -> int | None:
    """An integer literal's value; None for anything else (a defective graph may hold any)."""
    try:
        return int(term) if term is not None else None
    except (TypeError, ValueError):
        return None


def _paragraph_of(data: Graph, focus) -> int | None:
    for link in (PROV.wasDerivedFrom, RG_CITED_IN):
        for p in data.objects(focus, link):
            n = _number(data.value(p, RG_PARAGRAPH_NUMBER))
            if n is not None:
                return n
    n = _number(data.value(focus, RG_PARAGRAPH_NUMBER))
    if n is not None:
        return n
    m = _FACT_IRI.search(str(focus)) or _PARAGRAPH_IRI.search(str(focus))
    return int(m.group(1)) if m else None


def _text(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return "(path expression)"
    return str(term)


def _shacl_results(pyshacl_report: Graph, data: Graph, report: Graph, node: URIRef
                   ) -> list[ValidationResult]:
    out = []
    sg = shapes_graph()
    top = pyshacl_report.value(predicate=RDF.type, object=SH.ValidationReport)
    for r in pyshacl_report.objects(top, SH.result):  # nested sh:detail results stay inside
        for triple in closure(pyshacl_report, r):
            report.add(triple)
        report.add((node, SH.result, r))
        shape = pyshacl_report.value(r, SH.sourceShape)
        if isinstance(shape, BNode):
            for triple in closure(sg, shape):  # the property shape, so the report stands alone
                report.add(triple)
        sev = pyshacl_report.value(r, SH.resultSeverity)
        focus = pyshacl_report.value(r, SH.focusNode)
        messages = sorted(str(m) for m in pyshacl_report.objects(r, SH.resultMessage))
        out.append(ValidationResult(
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            message=messages[0] if messages else "constraint not met",
            shape=shape_name(shape),
            focus=str(focus),
            path=_text(pyshacl_report.value(r, SH.resultPath)),
            value=_text(pyshacl_report.value(r, SH.value)),
            paragraph=_paragraph_of(data, focus) if focus is not None else None,
        ))
    return out


def _rdflib_term(term):
    """A pyoxigraph term of a check's result row as the rdflib term of the report graph."""
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _data_store(data: Graph, base: str):
    """The report graph in an in-memory Oxigraph store (default graph), with the reference
    graph beside it (its own named graph, for the SPARQL targets only). rdflib's SPARQL
    engine is slow on joins over every paragraph; the graph crosses over once, as N-Triples
    that keep its blank node labels, so the nodes a query returns are the report graph's."""
    from pyoxigraph import NamedNode, RdfFormat, Store, parse

    store = Store()
    store.extend(parse(data.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES))
    store.load(_reference_ntriples(base), format=RdfFormat.N_TRIPLES,
               to_graph=NamedNode(REFERENCE_GRAPH))
    return store


def _target_query(store):
    """A SPARQL target's SELECT evaluated in `store` over the report and reference graphs:
    its ?this values as rdflib terms, or None if Oxigraph cannot parse the query (the engine
    then evaluates it with rdflib, as pyshacl does)."""
    from pyoxigraph import DefaultGraph, NamedNode

    graphs = [DefaultGraph(), NamedNode(REFERENCE_GRAPH)]

    def query(text: str):
        try:
            solutions = store.query(text, default_graph=graphs)
        except SyntaxError:
            return None
        return [_rdflib_term(s["this"]) for s in solutions if s["this"] is not None]

    return query


def _check_results(data: Graph, store, report: Graph, node: URIRef) -> list[ValidationResult]:
    """Run the check queries on the report graph in `store`; every row is a result. Rows bind
    ?this (the focus node) and may bind ?path, ?value and ?message; without ?message the
    query's `# title:` is used."""
    from .querylib import load_query

    queries = check_queries()
    if not queries:
        return []
    out = []
    for rq in queries:
        query = load_query(rq)
        severity = check_severity(rq)
        source = URIRef(CHECK_NS + rq.stem)
        try:
            solutions = store.query(query.text)  # the default graph: the report graph
        except SyntaxError as exc:
            raise OntologyError(f"{rq}: not a valid SPARQL query ({exc})") from None
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            b = {n: _rdflib_term(solution[n]) for n in names if solution[n] is not None}
            focus = b.get("this") or b.get("focus") or source
            message = str(b["message"]) if "message" in b else query.title
            r = BNode()
            report.add((node, SH.result, r))
            report.add((r, RDF.type, SH.ValidationResult))
            report.add((r, SH.resultSeverity, SH[severity]))
            report.add((r, SH.focusNode, focus))
            report.add((r, SH.resultMessage, Literal(message)))
            report.add((r, SH.sourceShape, source))
            report.add((r, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            for var, pred in (("path", SH.resultPath), ("value", SH.value)):
                if var in b:
                    report.add((r, pred, b[var]))
            out.append(ValidationResult(
                severity, message, rq.stem, str(focus), path=_text(b.get("path")),
                value=_text(b.get("value")), paragraph=_paragraph_of(data, focus)))
    return out


_TRANSLATED: dict = {}


@contextmanager
def _parsed_once() -> Iterator[None]:
    """While pyshacl runs, let rdflib parse each SPARQL text once per process.

    pyshacl hands rdflib the same query strings (SHACL-SPARQL constraints, SPARQL targets)
    on every focus node and every run, and parsing costs far more than evaluating them on
    one report graph. A translated query is reusable with other initial bindings (that is
    what rdflib's `prepareQuery` is for), so the translation is kept, keyed by its text.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in _TRANSLATED:
                _TRANSLATED[key] = processor.translateQuery(processor.parseQuery(strOrQuery),
                                                            base, initNs)
            strOrQuery = _TRANSLATED[key]
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def described_report(graph: Graph) -> URIRef | None:
    reports = sorted(s for s in graph.subjects(RDF.type, RG_REPORT) if isinstance(s, URIRef))
    return reports[0] if reports else None


def _base_of(report: URIRef | None) -> str:
    if report is None or "/report/" not in str(report):
        return DEFAULT_BASE
    return str(report).rsplit("report/", 1)[0]


def _graph_iri(graph: Graph, report: URIRef | None) -> str:
    if isinstance(graph.identifier, URIRef) and not str(graph.identifier).startswith("urn:"):
        return str(graph.identifier)
    rid = str(report).rstrip("/").rsplit("/", 1)[-1] if report is not None else "unnamed"
    return report_graph(rid)


def _engine_name(engine: str | None) -> str:
    name = engine or os.environ.get(ENGINE_VARIABLE) or "fast"
    if name not in ENGINES:
        raise UsageError(f"unknown SHACL engine {name!r} (from {ENGINE_VARIABLE} or engine=): "
                         f"use one of {', '.join(ENGINES)}")
    return name


def _run_shapes(data: Graph, store, engine: str) -> Graph:
    """pyshacl's sh:ValidationReport for `data` (the report graph plus the reference graph)."""
    from pyshacl import validate as shacl
    from pyshacl.errors import ReportableRuntimeError, ShapeLoadError, ValidationFailure

    fast = shacl_engine() if engine == "fast" else None
    with _parsed_once():
        try:
            if fast is not None:
                return fast.run(data, _target_query(store))[1]
            _conforms, pyshacl_report, _text_report = shacl(
                data,
                shacl_graph=shapes_graph(),
                inference="none",
                advanced=True,  # SHACL-AF: sh:SPARQLTarget picks the few nodes to check
                allow_warnings=True,
                inplace=True,  # `data` is our own copy: spare pyshacl cloning it again
            )
            return pyshacl_report
        except (ReportableRuntimeError, ShapeLoadError, ValidationFailure) as exc:
            message = getattr(exc, "message", None) or str(exc)
            raise OntologyError(f"the SHACL shapes cannot be run: {message.splitlines()[0]}") from None


def validate(graph: Graph, *, strict: bool = False, engine: str | None = None) -> ValidationReport:
    """Validate a report graph against shapes/ and queries/checks/; never raises on results.

    The returned report's `graph` is a `sh:ValidationReport` whose IRI is the report's
    validation graph (``.../graph/validation/{rid}``), with `dcterms:subject` and
    `prov:used` naming the report graph it validated. `engine` ("fast", the default, or
    "reference": plain pyshacl; default from ``$RIGHTSGRAPH_SHACL_ENGINE``) changes how
    long the shapes take, not what they find.
    """
    engine = _engine_name(engine)
    report_node = described_report(graph)
    graph_iri = _graph_iri(graph, report_node)
    rid = graph_iri.rsplit("/", 1)[-1]
    base = _base_of(report_node)
    # pyshacl's ont_graph only brings class and property axioms over ("inoculation"), not
    # the vocabulary concepts and registry markers the shapes look for: mix them in here.
    data = Graph()
    data += graph
    data += reference_graph(base)
    store = _data_store(graph, base)
    pyshacl_report = _run_shapes(data, store, engine)
    node = URIRef(validation_graph(rid))
    report = Graph(identifier=node)
    report.bind("sh", SH)
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, DCTERMS.subject, URIRef(graph_iri)))
    report.add((node, PROV.used, URIRef(graph_iri)))
    results = _shacl_results(pyshacl_report, graph, report, node)
    results += _check_results(graph, store, report, node)
    report.add((node, SH.conforms, Literal(not results)))
    violations = sum(1 for r in results if r.severity == "Violation")
    report.add((node, RDFS.comment, Literal(
        f"{verdict(violations, len(results) - violations)}: RightsGraph's verdict, where only "
        "sh:Violation blocks publishing (sh:conforms is false whenever SHACL finds any result, "
        "whatever its severity)", lang="en")))
    results.sort(key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.shape, r.message, r.focus,
                                r.path or "", r.value or ""))
    return ValidationReport(results=results, graph=report, strict=strict, validated=graph_iri)
