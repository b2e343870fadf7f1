"""The ontology and vocabularies: HermiT-consistent, documented, and the checker catches each broken rule."""

from __future__ import annotations

import shutil

import pyoxigraph
import pytest
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef

from conftest import ROOT, run_cli
from rightsgraph.errors import OntologyError
from rightsgraph.ontocheck import RG, check_ontology, default_ontology, vocabulary_files
from rightsgraph.ontodocs import build_docs

ONTOLOGY = ROOT / "ontology" / "rightsgraph.ttl"
VOCABS = sorted((ROOT / "ontology" / "vocab").glob("*.ttl"))
CASES = sorted(p for p in (ROOT / "tests" / "cases" / "ontology").iterdir() if p.is_dir())
VOCAB = "https://w3id.org/rightsgraph/id/vocab/"

# Names other modules code against: they may gain company, never disappear.
CONTRACT = """
Report subtitle session issuingBody AgendaItem agendaItem agendaItemNumber requestedBy Section
sectionNumber order hasSection subSectionOf inSection Paragraph paragraphNumber text inReport
sourceStart sourceEnd Footnote footnoteNumber citedIn Meeting summarizedIn Segment inMeeting
Intervention speaker capacity inSegment onBehalfOf Actor State IntergovernmentalOrganization
RegionalOrganization UNEntity HumanRightsMechanism CivilSocietyOrganization AcademicInstitution
Person ActorGroup title affiliation represents member iso3166Alpha3 iso3166Alpha2 m49 wikidata
acronym demonym mentionedIn ExtractedFact quote start end hedged ExtractionActivity attributedTo
ViolationType ViolationReport violationType reportedBy perpetrator PerpetratorType affectedGroup
AffectedGroup location Recommendation recommendedBy addressedTo action theme Theme gcmObjective
sdgTarget invokes specificity specificityRule Commitment committedBy PromisingPractice practiceOf
Concern concernOf description Instrument Resolution Treaty Protocol GeneralComment Compact
Guidelines Agenda Regulation InstrumentPart partOf adoptedBy cites Citation Place Region
MigrationRoute BorderArea Sea Statistic value measure qualifier period about source unit
symbol sessionDates issuingBodyName coversSection
""".split()
SCHEMES = ["violation-type", "perpetrator-type", "affected-group", "capacity", "theme",
           "gcm-objective", "sdg-target", "route", "genre", "response-status",
           "review-decision"]


@pytest.fixture(scope="module")
def project_check():
    return check_ontology()


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY)


def _vocab(scheme: str) -> Graph:
    return Graph().parse(ROOT / "ontology" / "vocab" / f"{scheme}.ttl")


def test_project_files_pass_the_check(project_check):
    assert project_check.problems == ()
    assert project_check.consistent is True
    assert project_check.files[0] == ONTOLOGY and list(project_check.files[1:]) == VOCABS
    assert sorted(s.rsplit("/", 1)[-1] for s in project_check.concepts) == sorted(SCHEMES)


def test_defaults_are_the_project_files():
    assert default_ontology() == ONTOLOGY
    assert vocabulary_files(ONTOLOGY) == VOCABS


@pytest.mark.parametrize("name", CONTRACT)
def test_contract_term_is_declared(ontology_graph, name):
    term = RG[name]
    kinds = set(ontology_graph.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, name


def test_ontology_metadata(ontology_graph):
    onto = URIRef("https://w3id.org/rightsgraph/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology_graph
    assert (onto, OWL.versionIRI, URIRef("https://w3id.org/rightsgraph/ontology/0.1.0")) in ontology_graph
    assert (onto, OWL.versionInfo, Literal("0.1.0")) in ontology_graph
    license_ = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert license_ in set(ontology_graph.objects(onto, URIRef("http://purl.org/dc/terms/license")))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_check_fails_naming_the_culprit(case):
    rule, culprit = (case / "expected.txt").read_text(encoding="utf-8").split()[:2]
    result = check_ontology(extra=[case / "extra.ttl"])
    assert not result.ok
    matching = [p for p in result.problems if p.rule == rule]
    assert matching, [str(p) for p in result.problems]
    assert any(culprit in p.subject or culprit in p.message for p in matching), [str(p) for p in matching]
    with pytest.raises(OntologyError, match=rule.split("-")[0]):
        result.raise_for_problems()


def test_seed_and_registry_graphs_are_consistent_with_the_ontology(seed_converted, tmp_path):
    """What emit writes uses only declared terms, and HermiT finds no contradiction in it."""
    from rightsgraph.pipeline import reference_graphs

    data = tmp_path / "seed.ttl"
    seed_converted.graph.serialize(data, format="turtle")
    extra = [data]
    for iri, graph in reference_graphs().items():
        if iri.endswith("/registry"):
            extra.append(tmp_path / "registry.ttl")
            graph.serialize(extra[-1], format="turtle")
    result = check_ontology(extra=extra)
    assert result.problems == ()


def test_missing_java_is_a_clear_error():
    with pytest.raises(OntologyError, match="Java"):
        check_ontology(java="/nonexistent/bin/java")


def test_unparsable_file_is_reported(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    result = check_ontology(extra=[broken])
    assert [p.rule for p in result.problems] == ["syntax"]
    assert str(broken) in result.problems[0].subject


def test_cli_check_passes_on_the_project():
    out = run_cli("ontology", "check")
    assert out.returncode == 0, out.stderr.decode()
    stdout = out.stdout.decode()
    assert "HermiT: consistent" in stdout and stdout.rstrip().endswith("ok")


def test_cli_check_fails_with_a_readable_list(tmp_path):
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copy(CASES[0].parent / "unlabelled-term" / "extra.ttl", tmp_path / "ontology" / "vocab" / "zz.ttl")
    out = run_cli("ontology", "check", env={"RIGHTSGRAPH_HOME": str(tmp_path)})
    assert out.returncode == 1
    assert "[labelled] https://w3id.org/rightsgraph/ontology#Ghost" in out.stdout.decode()
    assert "problem" in out.stderr.decode()


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    return build_docs(tmp_path_factory.mktemp("docs"))


def test_docs_document_every_class_and_property(docs, ontology_graph):
    html = docs.index.read_text(encoding="utf-8")
    terms = {s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
             for s in ontology_graph.subjects(RDF.type, t) if str(s).startswith(str(RG))}
    assert len(terms) > 100
    assert [t for t in sorted(terms) if str(t) not in html] == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_docs_list_every_concept_of_each_scheme(docs, scheme):
    page = docs.index.parent / "vocab" / f"{scheme}.html"
    html = page.read_text(encoding="utf-8")
    concepts = set(_vocab(scheme).subjects(SKOS.inScheme, URIRef(VOCAB + scheme)))
    assert concepts and [c for c in concepts if str(c) not in html] == []
    assert f'href="{scheme}.html"' in docs.vocabulary_index.read_text(encoding="utf-8")


def test_cli_docs_writes_the_pages(tmp_path):
    out = run_cli("ontology", "docs", "-o", str(tmp_path / "site"))
    assert out.returncode == 0, out.stderr.decode()
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "vocab" / "violation-type.html").is_file()
    assert not [p for p in (tmp_path / "site").iterdir() if p.name.startswith(".docs-")]


def test_cli_docs_into_a_file_is_one_line_exit_2(tmp_path):
    target = tmp_path / "site"
    target.write_bytes(b"previous\n")
    out = run_cli("ontology", "docs", "-o", str(target))
    lines = out.stderr.decode().strip().splitlines()
    assert out.returncode == 2 and len(lines) == 1, out.stderr
    assert lines[0] == f"rightsgraph: cannot write {target}: not a folder"
    assert target.read_bytes() == b"previous\n"


def test_cli_docs_writes_all_pages_or_none(tmp_path):
    """A page that cannot be written (a folder stands where it goes) stops the run before any
    page is renamed into place: the previous pages stay, no temporary file is left."""
    site = tmp_path / "site"
    (site / "vocab" / "index.html").mkdir(parents=True)
    (site / "index.html").write_bytes(b"old index\n")
    out = run_cli("ontology", "docs", "-o", str(site))
    assert out.returncode == 2, out.stderr
    assert out.stderr.decode().strip() == (
        f"rightsgraph: cannot write {site / 'vocab' / 'index.html'}: Is a directory")
    assert (site / "index.html").read_bytes() == b"old index\n"
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["index.html", "vocab", "vocab/index.html"]


def test_violation_scheme_has_forty_concepts_in_three_languages():
    graph = _vocab("violation-type")
    concepts = set(graph.subjects(SKOS.inScheme, URIRef(VOCAB + "violation-type")))
    assert len(concepts) >= 40
    for concept in concepts:
        langs = {label.language for label in graph.objects(concept, SKOS.prefLabel)}
        assert {"en", "fr", "es"} <= langs, concept
        assert (concept, RDF.type, RG.ViolationType) in graph


def test_gcm_scheme_has_the_23_objectives():
    graph = _vocab("gcm-objective")
    notations = sorted(int(n) for n in graph.objects(None, SKOS.notation))
    assert notations == list(range(1, 24))


def test_sdg_targets_align_to_the_un_sdg_vocabulary():
    graph = _vocab("sdg-target")
    target = URIRef(VOCAB + "sdg-target/target-10-7")
    assert (target, SKOS.exactMatch, URIRef("http://metadata.un.org/sdg/10.7")) in graph


def test_extraction_wordings_are_alt_labels():
    graph = _vocab("violation-type")
    labels = {str(a).casefold() for p in (SKOS.prefLabel, SKOS.altLabel) for a in graph.objects(None, p)}
    for wording in ["pushbacks", "pushed back", "push-backs", "detained", "kidnapping", "kidnappings"]:
        assert wording in labels, wording
    routes = {str(a).casefold() for a in _vocab("route").objects(None, SKOS.altLabel)}
    assert {"darien gap", "darien jungle"} <= routes


@pytest.mark.parametrize("path", VOCABS, ids=lambda p: p.name)
def test_vocabulary_file_parses_with_rdflib_and_oxigraph(path):
    assert len(Graph().parse(path, format="turtle")) > 0
    with path.open("rb") as f:
        triples = list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 0
