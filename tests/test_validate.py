"""The SHACL gate: checked shapes, a failing case per shape and check, good reports pass,
tampered graphs are refused and the store stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, XSD

from conftest import GENRE_REPORTS, ROOT, SEED
from rightsgraph.serialize import ntriples, serialize
from rightsgraph.validate import (
    ValidationReport,
    ValidationResult,
    check_queries,
    shapes_graph,
    validate,
)

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
CASES = ROOT / "tests" / "cases" / "shacl"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "expect.txt").exists())


def expected(folder: Path) -> tuple[str, str]:
    """expect.txt: ``shape: NAME`` (a shape or check query) and ``severity: Violation``."""
    lines = (folder / "expect.txt").read_text(encoding="utf-8").splitlines()
    e = {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in lines if ":" in line)}
    return e["shape"], e["severity"]


def data_file(folder: Path) -> Path:
    (path,) = sorted(folder.glob("data.*"))
    return path


def targeted_shapes() -> set[str]:
    """Named shapes with a target of their own (reference shapes are used through sh:node)."""
    sg = shapes_graph()
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    return {str(s).rsplit("#", 1)[-1] for t in targets for s in sg.subjects(t, None)
            if isinstance(s, URIRef)}


def test_shapes_pass_shacl_shacl():
    from pyshacl.entrypoints import meta_validate

    conforms, _graph, text = meta_validate(shapes_graph(), inference="none")
    assert conforms, text


def test_every_shape_and_check_has_a_failing_case():
    covered = {expected(d)[0] for d in CASE_DIRS}
    checks = {q.stem for q in check_queries()}
    assert len(checks) >= 5
    assert targeted_shapes() | checks <= covered, sorted(targeted_shapes() | checks - covered)
    assert covered <= targeted_shapes() | checks, "a case names a shape that does not exist"


def test_check_queries_are_documented():
    readme = (ROOT / "queries" / "checks" / "README.md").read_text(encoding="utf-8")
    for q in check_queries():
        assert q.stem in readme
        assert q.read_text(encoding="utf-8").startswith("# title: ")


def test_valid_fixture_has_no_result_at_all():
    g = Graph().parse(CASES / "valid.ttl")
    report = validate(g, strict=True)
    assert report.results == [] and report.conforms


def run_validate(*args: str) -> tuple[int, str, str]:
    """The real `rightsgraph validate` command, run in-process by click's test runner
    (the fixtures are many; a subprocess each would mostly measure interpreter start-up)."""
    from click.testing import CliRunner

    from rightsgraph.cli import main

    result = CliRunner().invoke(main, ["validate", *args], env={"COLUMNS": "300"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("folder", CASE_DIRS, ids=[d.name for d in CASE_DIRS])
def test_case_is_rejected_naming_its_shape(folder):
    shape, severity = expected(folder)
    path = str(data_file(folder))
    strict = ["--strict"] if severity != "Violation" else []
    code, stdout, stderr = run_validate(path, *strict)
    assert code == 1, stdout + stderr
    assert shape in stderr and shape in stdout
    assert any(shape in line and severity in line for line in stdout.splitlines()), stdout
    if severity != "Violation":  # warnings and infos are reported, and do not block
        code, stdout, stderr = run_validate(path)
        assert code == 0, stdout + stderr
        assert shape in stdout and "conforms" in stdout


@pytest.mark.parametrize("report", [SEED, *GENRE_REPORTS], ids=lambda p: p.stem)
def test_reports_convert_and_conform(cli, tmp_path, report):
    ttl = tmp_path / "graph.ttl"
    assert cli("convert", str(report), "-o", str(ttl)).returncode == 0
    out = cli("validate", str(ttl), env={"COLUMNS": "300"})
    assert out.returncode == 0, out.stdout.decode() + out.stderr.decode()
    shown = out.stdout.decode()
    assert ": conforms" in shown and "does not conform" not in shown


def test_one_verdict_in_cli_report_file_and_pages(cli, tmp_path):
    """Regression: the CLI said "conforms (0 violations, 72 warnings/infos)", the report file
    only `sh:conforms false`, and /validation "does not conform" for the same published report."""
    ttl, report_file = tmp_path / "graph.ttl", tmp_path / "validation.ttl"
    assert cli("convert", str(SEED), "-o", str(ttl)).returncode == 0
    out = cli("validate", str(ttl), "--report", str(report_file), env={"COLUMNS": "300"})
    assert out.returncode == 0
    report = validate(Graph().parse(ttl))
    n = len(report.results)
    assert n and not report.violations, "the seed has warnings and no violation"
    assert report.verdict == f"conforms, with {n} warnings/infos"
    assert f"{ttl}: {report.verdict}" in out.stdout.decode().replace("\n", " ")
    written = Graph().parse(report_file)
    assert (None, SH.conforms, Literal(False)) in written  # SHACL's own meaning, kept
    comments = [str(c) for c in written.objects(None, RDFS.comment)]
    assert any(c.startswith(report.verdict + ":") for c in comments), comments


def test_graph_with_another_base_conforms(seed_path):
    from rightsgraph.pipeline import convert

    report = validate(convert(seed_path, base="https://example.org/r/", report_id="seed").graph)
    assert report.conforms, report.results[:3]


def test_severity_gate_and_strict():
    warning = ValidationResult("Warning", "m", "S", "urn:x")
    lenient = ValidationReport(results=[warning])
    assert lenient.conforms and lenient.blocking == []
    lenient.raise_for_results()
    strict = ValidationReport(results=[warning], strict=True)
    assert not strict.conforms
    with pytest.raises(Exception, match="S: m"):
        strict.raise_for_results()
    violation = ValidationReport(results=[ValidationResult("Violation", "m", "V", "urn:x"), warning])
    assert not violation.conforms and len(violation.blocking) == 1


def test_report_names_the_validated_graph_and_is_deterministic():
    g = Graph().parse(data_file(CASES / "quote-changed"))
    a, b = validate(g), validate(g)
    assert ntriples(a.graph) == ntriples(b.graph)
    node = URIRef("https://w3id.org/rightsgraph/graph/validation/a-hrc-99-1")
    graph_iri = URIRef("https://w3id.org/rightsgraph/graph/a-hrc-99-1")
    assert (node, RDF.type, SH.ValidationReport) in a.graph
    assert (node, DCTERMS.subject, graph_iri) in a.graph
    assert (node, PROV.used, graph_iri) in a.graph
    assert (node, SH.conforms, Literal(False)) in a.graph
    assert a.validated == str(graph_iri)
    (quote,) = [r for r in a.results if r.shape == "QuoteShape"]
    assert quote.paragraph == 2 and quote.path.endswith("#quote")


# --- tampering with the converted seed graph ---------------------------------------------

def with_facts(graph: Graph) -> Graph:
    """The seed graph, plus a State and a recommendation with exact evidence if extraction
    has not produced them yet (so the tampering below always has something to break)."""
    g = Graph(identifier=graph.identifier)
    for t in graph:
        g.add(t)
    report = next(g.subjects(RDF.type, RG.Report))
    rid = str(report).rsplit("/", 1)[-1]
    base = str(report).rsplit("report/", 1)[0]
    state = next(iter(g.subjects(RDF.type, RG.State)), None)
    if state is None:
        state = URIRef(base + "state/XYZ")
        g.add((state, RDF.type, RG.State))
        g.add((state, RDFS.label, Literal("Xyzland", lang="en")))
        g.add((state, RG.iso3166Alpha3, Literal("XYZ")))
    if next(g.subjects(RDF.type, RG.Recommendation), None) is None:
        para = URIRef(f"{base}report/{rid}/paragraph/1")
        text = str(g.value(para, RG.text))
        node = URIRef(f"{base}report/{rid}/recommendation/1-1")
        g.add((node, RDF.type, RG.Recommendation))
        g.add((node, RDFS.label, Literal("Recommendation (¶1)", lang="en")))
        g.add((node, RG.action, Literal(text[:40], lang="en")))
        g.add((node, RG.recommendedBy, state))
        g.add((node, RG.addressedTo, state))
        g.add((node, PROV.wasDerivedFrom, para))
        g.add((node, RG.quote, Literal(text[:40])))
        g.add((node, RG.start, Literal(0, datatype=XSD.integer)))
        g.add((node, RG.end, Literal(40, datatype=XSD.integer)))
        g.add((node, PROV.wasGeneratedBy, URIRef(f"{base}report/{rid}/extraction")))
    return g


def tamper(graph: Graph, how: str) -> Graph:
    g = with_facts(graph)
    rec = sorted(g.subjects(RDF.type, RG.Recommendation))[0]
    if how == "changed-quote":
        quote = g.value(rec, RG.quote)
        g.set((rec, RG.quote, Literal(str(quote)[:-1] + ("x" if str(quote)[-1] != "x" else "y"))))
    elif how == "recommendation-without-derivation":
        g.remove((rec, PROV.wasDerivedFrom, None))
    elif how == "state-without-iso":
        state = sorted(g.subjects(RDF.type, RG.State))[0]
        g.remove((state, RG.iso3166Alpha3, None))
    return g


TAMPERING = {"changed-quote": "QuoteShape", "recommendation-without-derivation": "EvidenceShape",
             "state-without-iso": "StateShape"}


def store_dump(path: Path) -> bytes:
    from pyoxigraph import RdfFormat

    from rightsgraph.store import EmbeddedStore

    with EmbeddedStore(path, read_only=True) as store:
        return b"\n".join(sorted(store.dump(RdfFormat.N_QUADS).splitlines()))


def test_seed_with_added_facts_conforms(seed_converted):
    report = validate(with_facts(seed_converted.graph))
    assert report.conforms, report.results[:3]


def test_tampered_seed_is_refused_and_store_unchanged(cli, tmp_path, seed_converted):
    good = tmp_path / "good.ttl"
    good.write_bytes(serialize(with_facts(seed_converted.graph)))
    store = tmp_path / "store"
    first = cli("publish", str(good), "--store", str(store))
    assert first.returncode == 0, first.stderr.decode()
    before = store_dump(store)
    assert b"/graph/validation/" in before
    for how, shape in TAMPERING.items():
        bad = tmp_path / f"{how}.ttl"
        bad.write_bytes(serialize(tamper(seed_converted.graph, how)))
        code, stdout, stderr = run_validate(str(bad))
        assert code == 1 and shape in stderr, (how, stdout)
        p = cli("publish", str(good), str(bad), "--store", str(store), env={"COLUMNS": "300"})
        assert p.returncode == 1, (how, p.stderr.decode())
        assert shape in p.stderr.decode() + p.stdout.decode()
        assert store_dump(store) == before, how


def test_build_publishes_validation_graph_naming_report(cli, tmp_path):
    from rightsgraph.store import EmbeddedStore

    store, out = tmp_path / "store", tmp_path / "out"
    res = cli("build", str(SEED), "--store", str(store), "--out", str(out))
    assert res.returncode == 0, res.stderr.decode()
    report = Graph().parse(out / "validation.ttl")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    subject = report.value(node, DCTERMS.subject)
    assert str(subject).startswith("https://w3id.org/rightsgraph/graph/") and "validation" not in str(subject)
    with EmbeddedStore(store, read_only=True) as s:
        sizes = s.graph_sizes()
    assert str(node) in sizes and str(subject) in sizes


def test_blocked_build_publishes_nothing(cli, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    assert cli("build", str(SEED), "--store", str(store), "--out", str(out)).returncode == 0
    before = store_dump(store)
    text = SEED.read_text(encoding="utf-8")
    uncited = text.replace("2024.<sup>1</sup> The Council", "2024. The Council", 1)
    assert uncited != text
    broken = tmp_path / "uncited-footnote.md"
    broken.write_text(uncited, encoding="utf-8")
    lenient = cli("build", str(broken), "--store", str(tmp_path / "other"), "--out", str(out))
    assert lenient.returncode == 0, lenient.stderr.decode()  # a Warning does not block ...
    res = cli("build", str(broken), "--strict", "--store", str(store), "--out", str(out))
    assert res.returncode == 1, res.stderr.decode()  # ... unless --strict
    assert "nothing was published" in res.stderr.decode()
    assert "FootnoteCitedShape" in (out / "validation.ttl").read_text(encoding="utf-8") or \
        "footnote is cited by no paragraph" in (out / "validation.ttl").read_text(encoding="utf-8")
    assert store_dump(store) == before


def test_paragraph_number_that_is_no_number_is_reported_not_raised():
    """Regression: a paragraph number that is not an integer made validate raise ValueError
    while looking up the paragraph of each result, instead of reporting it."""
    g = Graph().parse(CASES / "valid.ttl")
    paragraph = URIRef("https://w3id.org/rightsgraph/id/report/a-hrc-99-1/paragraph/2")
    g.set((paragraph, RG.paragraphNumber, Literal("two")))
    results = validate(g).results
    on_paragraph = {(r.shape, r.value, r.paragraph) for r in results if r.focus == str(paragraph)}
    assert on_paragraph == {("ParagraphShape", "two", 2)}  # wrong datatype, so not >= 1 either
    assert {r.paragraph for r in results if "/concern/2-1" in r.focus} == {2}  # from the IRI
