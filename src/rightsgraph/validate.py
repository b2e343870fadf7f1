"""Stage 6: the SHACL gate. pyshacl's raw triple stays in here; callers get a typed report."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .errors import OntologyError, ValidationFailed
from .resources import ontology_files, queries_dir, shapes_dir

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
RG_PARAGRAPH_NUMBER = URIRef("https://w3id.org/rightsgraph/ontology#paragraphNumber")


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # Violation, Warning, Info
    message: str
    shape: str
    focus: str
    path: str | None = None
    value: str | None = None
    paragraph: int | None = None  # paragraph the focus node was derived from


@dataclass
class ValidationReport:
    """Outcome of validating one graph. `conforms` means: no result of severity Violation."""

    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)  # the sh:ValidationReport
    strict: bool = False

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        blocking = self.results if self.strict else self.violations
        return not blocking

    def raise_for_results(self) -> None:
        if not self.conforms:
            worst = (self.violations or self.results)[0]
            n = len(self.violations if not self.strict else self.results)
            raise ValidationFailed(
                f"{n} blocking validation result(s); first: {worst.shape}: {worst.message} "
                f"(focus {worst.focus})",
                report=self,
            )


def _parse_dir(paths: list[Path]) -> Graph:
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
    return _parse_dir(files)


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return _parse_dir([p for p in ontology_files() if p.exists()])


def check_queries() -> list[Path]:
    folder = queries_dir() / "checks"
    return sorted(folder.glob("*-violation.rq")) if folder.is_dir() else []


def _short(node) -> str | None:
    if node is None:
        return None
    return str(node)


def _paragraph_of(data: Graph, focus) -> int | None:
    for p in data.objects(focus, PROV_DERIVED):
        for n in data.objects(p, RG_PARAGRAPH_NUMBER):
            return int(n)
    n = data.value(focus, RG_PARAGRAPH_NUMBER)
    return int(n) if n is not None else None


def _results_from(report_graph: Graph, data: Graph) -> list[ValidationResult]:
    out = []
    for r in report_graph.subjects(RDF.type, SH.ValidationResult):
        sev = report_graph.value(r, SH.resultSeverity)
        sev_name = str(sev).rsplit("#", 1)[-1] if sev else "Violation"
        shape = report_graph.value(r, SH.sourceShape)
        focus = report_graph.value(r, SH.focusNode)
        message = report_graph.value(r, SH.resultMessage)
        out.append(
            ValidationResult(
                severity=sev_name,
                message=str(message) if message else "constraint not met",
                shape=_shape_name(report_graph, shape),
                focus=str(focus),
                path=_short(report_graph.value(r, SH.resultPath)),
                value=_short(report_graph.value(r, SH.value)),
                paragraph=_paragraph_of(data, focus) if focus is not None else None,
            )
        )
    return out


def _shape_name(g: Graph, shape) -> str:
    if isinstance(shape, URIRef):
        return str(shape).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    # blank property shape: name it after its path
    path = g.value(shape, SH.path)
    return f"property {path}" if path is not None else "shape"


def _run_checks(data: Graph, report: Graph) -> list[ValidationResult]:
    """Run queries/checks/*-violation.rq: every returned row is a Violation."""
    results = []
    for rq in check_queries():
        name = rq.stem
        for row in data.query(rq.read_text(encoding="utf-8")):
            values = [v for v in row if v is not None]
            focus = values[0] if values else URIRef("urn:rightsgraph:check")
            message = f"check {name} returned a row: " + ", ".join(str(v) for v in values[1:])
            results.append(
                ValidationResult("Violation", message, name, str(focus),
                                 paragraph=_paragraph_of(data, focus))
            )
            node = URIRef(f"urn:rightsgraph:check:{name}:{len(results)}")
            report.add((node, RDF.type, SH.ValidationResult))
            report.add((node, SH.resultSeverity, SH.Violation))
            report.add((node, SH.focusNode, focus))
            report.add((node, SH.resultMessage, Literal(message)))
            report.add((node, SH.sourceShape, URIRef(rq.resolve().as_uri())))
    return results


def validate(graph: Graph, *, strict: bool = False) -> ValidationReport:
    """Validate a report graph against shapes/ and queries/checks/; never raises on results."""
    from pyshacl import validate as shacl

    _conforms, report_graph, _text = shacl(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    results = _results_from(report_graph, graph)
    results += _run_checks(graph, report_graph)
    results.sort(key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), r.shape, r.message, r.focus))
    return ValidationReport(results=results, graph=report_graph, strict=strict)
