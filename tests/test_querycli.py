"""The researcher's command line: safe parameters, exports that round-trip, stats, build
options, shell completion, and every --help example run as pasted."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from conftest import ROOT, SEED, run_cli
from rightsgraph.store import EmbeddedStore

EVIL = [
    'x" } UNION { ?s ?p ?o } #',
    'x")) } UNION { ?s ?p ?o } #',
    "<urn:x> . ?s ?p ?o",
    "\\u0022 } UNION { ?s ?p ?o } #",
    '\\" } UNION { ?s ?p ?o } #',
    "x\\",
    "x'''\n\"\"\" } UNION { ?s ?p ?o } #",
    "} ; DROP ALL ; SELECT * WHERE {",
]


def csv_rows(out: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.decode("utf-8"))))


# ---------------------------------------------------------------- parameters and injection

@pytest.mark.parametrize("value", EVIL)
def test_injection_in_string_is_a_plain_literal(cli, seed_store, value):
    out = cli("query", "paragraphs-mentioning", "--param", f"text={value}", "--store",
              str(seed_store), "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert csv_rows(out.stdout) == []  # no paragraph holds these words: the result never widens


@pytest.mark.parametrize("value", EVIL + ["not an iri", "urn:x>", "https://x.org/a b"])
def test_injection_in_iri_is_usage_error(cli, seed_store, value):
    out = cli("query", "report-structure", "--param", f"report={value}", "--store",
              str(seed_store))
    assert out.returncode == 2
    assert len(out.stderr.decode().strip().splitlines()) == 1


def test_very_long_value_is_usage_error(cli, seed_store):
    out = cli("query", "paragraphs-mentioning", "--param", "text=" + "x" * 100_000, "--store",
              str(seed_store))
    assert out.returncode == 2 and b"longer than" in out.stderr


def test_iri_param_restricts(cli, seed_store):
    everything = csv_rows(cli("query", "report-structure", "--store", str(seed_store),
                              "--format", "csv").stdout)
    reports = sorted({r["report"] for r in everything})
    assert len(reports) >= 2
    one = csv_rows(cli("query", "report-structure", "--param", f"report={reports[0]}",
                       "--store", str(seed_store), "--format", "csv").stdout)
    assert one and {r["report"] for r in one} == {reports[0]}
    both = csv_rows(cli("query", "report-structure", "--param", f"report={reports[0]}",
                        "--param", f"report={reports[1]}", "--store", str(seed_store),
                        "--format", "csv").stdout)
    assert {r["report"] for r in both} == set(reports[:2])


@pytest.fixture(scope="module")
def typed_query(tmp_path_factory):
    path = tmp_path_factory.mktemp("rq") / "typed.rq"
    path.write_text(
        "# title: Paragraphs by number\n"
        "# description: typed parameters\n"
        "# param: n (integer) — a paragraph number\n"
        "# param: since (date) — a date, default 2020-01-01\n"
        "# param: ok (boolean) — a flag, default true\n"
        "# param: at_least (decimal) — a number, default 0.5\n"
        "PREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
        "SELECT ?report ?n WHERE { GRAPH ?g { ?p rg:paragraphNumber ?n ; rg:inReport ?report } "
        "FILTER(?since > \"2000-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> && ?ok "
        "&& ?at_least < 1) }\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("param", ["n=12abc", "n=1.5", "n=", "since=2024-13-01", "ok=yes",
                                   "at_least=NaN", "at_least=1e", "nope=1", "n"])
def test_value_of_wrong_type_is_exit_2(cli, seed_store, typed_query, param):
    args = ["query", str(typed_query), "--param", param, "--store", str(seed_store)]
    if param == "n=":  # empty means unset: every paragraph
        assert cli(*args).returncode == 0
        return
    out = cli(*args)
    assert out.returncode == 2, (param, out.stderr)


def test_typed_values_bind(cli, seed_store, typed_query):
    out = cli("query", str(typed_query), "--param", "n=12", "--store", str(seed_store),
              "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = csv_rows(out.stdout)
    assert rows and {r["n"] for r in rows} == {"12"}


def test_show_prints_the_bound_query(cli, typed_query):
    out = cli("query", str(typed_query), "--param", "n=7", "--show")
    text = out.stdout.decode()
    assert out.returncode == 0
    assert 'VALUES ?n { "7"^^<http://www.w3.org/2001/XMLSchema#integer> }' in text
    assert text.index("VALUES ?n") > text.index("WHERE {")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('abc xyz"\'\\{}()<>#?.;:u0123-\n\t')), max_size=40))
def test_any_string_binds_as_literal_and_matches_python(seed_store, seed_converted, value):
    """Whatever the text, the query parses and answers exactly what Python's `in` answers."""
    from rdflib.namespace import Namespace

    from rightsgraph.querylib import bind, find_query
    from rightsgraph.store import open_store

    rg = Namespace("https://w3id.org/rightsgraph/ontology#")
    g = seed_converted.graph
    expected = {int(g.value(p, rg.paragraphNumber)) for p, t in g.subject_objects(rg.text)
                if (p, None, rg.Paragraph) in g and value.lower() in str(t).lower()}
    with open_store(seed_store, read_only=True) as store:
        result = store.query(bind(find_query("paragraphs-mentioning"), {"text": value or "x"}))
    seed_iri = str(next(g.subjects(predicate=None, object=URIRef(
        "https://w3id.org/rightsgraph/ontology#Report"))))
    got = {int(row[1].value) for row in result.rows if row[0].value == seed_iri}
    if value:
        assert got == expected


# ---------------------------------------------------------------- query output

def test_query_formats_and_limit(cli, seed_store):
    base = ["query", "footnote-sources", "--store", str(seed_store)]
    as_csv = csv_rows(cli(*base, "--format", "csv").stdout)
    tsv = cli(*base, "--format", "tsv").stdout.decode().splitlines()
    js = json.loads(cli(*base, "--format", "json").stdout)
    assert len(as_csv) == len(tsv) - 1 == len(js["results"]["bindings"]) >= 13
    assert tsv[0].split("\t") == js["head"]["vars"]
    limited = csv_rows(cli(*base, "--format", "csv", "--limit", "3").stdout)
    assert limited == as_csv[:3]
    table = cli(*base, "--format", "table", "--limit", "2")
    assert b"2 row(s)" in table.stdout and b"rgid:report/" in table.stdout


def test_queries_lists_titles_and_params(cli):
    out = cli("queries")
    text = out.stdout.decode()
    assert out.returncode == 0
    for name in ("actors-by-type", "evidence-for-violation-type", "who-called-for"):
        assert name in text
    assert "--param text=<string>" in text


def test_unknown_query_is_usage_error(cli, seed_store):
    out = cli("query", "no-such-query", "--store", str(seed_store))
    assert out.returncode == 2 and b"unknown query" in out.stderr


# ---------------------------------------------------------------- export

def _store_dataset(store_dir) -> pyoxigraph.Dataset:
    store = pyoxigraph.Store.read_only(str(store_dir))
    return pyoxigraph.Dataset(store.quads_for_pattern(None, None, None, None))


def _rdflib_graph_of(quads, graph_name=None) -> Graph:
    data = pyoxigraph.serialize(
        (pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads
         if graph_name is None or q.graph_name == graph_name),
        format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


REPORT_PREFIX = "https://w3id.org/rightsgraph/graph/"


def _is_report_graph(name) -> bool:
    iri = getattr(name, "value", "")
    rest = iri[len(REPORT_PREFIX):]
    return iri.startswith(REPORT_PREFIX) and not rest.startswith(
        ("ontology", "vocab/", "registry", "validation/", "void"))


@pytest.mark.parametrize("fmt,ext,rdflib_format", [
    ("ttl", "ttl", "turtle"), ("nt", "nt", "nt"), ("xml", "rdf", "xml"),
    ("text/turtle", "txt", "turtle"),
])
def test_export_triple_formats_round_trip(cli, seed_store, tmp_path, fmt, ext, rdflib_format):
    path = tmp_path / f"all.{ext}"
    out = cli("export", "--format", fmt, "-o", str(path), "--store", str(seed_store))
    assert out.returncode == 0, out.stderr
    quads = list(_store_dataset(seed_store))
    expected = _rdflib_graph_of(quads)  # the RDF merge of every graph, the query default graph
    assert len(expected) > 500
    assert isomorphic(Graph().parse(path, format=rdflib_format), expected)
    ox = pyoxigraph.Dataset(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.from_extension(
        {"txt": "ttl"}.get(ext, ext))))
    assert len(ox) == len(expected)


@pytest.mark.parametrize("fmt,ext", [("trig", "trig"), ("nq", "nq"), ("jsonld", "jsonld"),
                                     ("application/n-quads", "quads"),
                                     (None, "trig"), (None, "jsonld")])
def test_export_dataset_formats_round_trip(cli, seed_store, tmp_path, fmt, ext):
    path = tmp_path / f"all.{ext}"
    args = ["export", "-o", str(path), "--store", str(seed_store)]
    if fmt:
        args += ["--format", fmt]
    out = cli(*args)
    assert out.returncode == 0, out.stderr
    oxfmt = {"quads": pyoxigraph.RdfFormat.N_QUADS}.get(ext) or \
        pyoxigraph.RdfFormat.from_extension(ext)
    exported = pyoxigraph.Dataset(pyoxigraph.parse(path=str(path), format=oxfmt))
    stored = _store_dataset(seed_store)
    exported.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    stored.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    assert set(exported) == set(stored)
    rdflib_format = {"trig": "trig", "nq": "nquads", "quads": "nquads", "jsonld": "json-ld"}[ext]
    ds = Dataset().parse(path, format=rdflib_format)
    names = {q.graph_name for q in stored}
    for name in names:
        got = ds.graph(URIRef(name.value))
        assert isomorphic(got, _rdflib_graph_of(list(stored), name)), name


def test_export_jsonld_uses_published_context(cli, seed_store):
    out = cli("export", "--format", "jsonld", "--store", str(seed_store))
    doc = json.loads(out.stdout)
    published = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"]
    text = out.stdout.decode()
    assert '"paragraphNumber"' in text and '"rgid:report/' in text


def test_export_one_graph(cli, seed_store, tmp_path):
    graph = "https://w3id.org/rightsgraph/graph/ontology"
    path = tmp_path / "onto.nq"
    assert cli("export", "--graph", graph, "-o", str(path), "--store", str(seed_store)).returncode == 0
    names = {q.graph_name.value for q in pyoxigraph.parse(path=str(path))}
    assert names == {graph}
    missing = cli("export", "--graph", "urn:none", "--store", str(seed_store))
    assert missing.returncode == 4


def test_export_is_deterministic_across_stores(cli, tmp_path, seed_store):
    """Two stores built apart from the same input give the same bytes, blank nodes included."""
    other = tmp_path / "store"
    assert cli("build", str(SEED), *[str(p) for p in sorted((ROOT / "tests" / "data" / "reports")
                                                            .glob("*.md"))],
               "--store", str(other), "--out", str(tmp_path / "out"), "-q").returncode == 0
    for fmt in ("ttl", "trig", "jsonld", "nq", "xml"):
        a = cli("export", "--format", fmt, "--store", str(seed_store)).stdout
        b = cli("export", "--format", fmt, "--store", str(other)).stdout
        assert a == b and len(a) > 1000, fmt
    for name in ("rightsgraph.ttl", "validation.ttl"):  # build's files too, blank nodes and all
        assert (tmp_path / "out" / name).read_bytes() == (seed_store.parent / "out" / name).read_bytes()
    ttl = cli("export", "--store", str(other)).stdout.decode()
    assert "@prefix rg: <https://w3id.org/rightsgraph/ontology#> ." in ttl
    assert "@prefix prov: <http://www.w3.org/ns/prov#> ." in ttl


# ---------------------------------------------------------------- stats

def test_stats_counts(cli, seed_store, seed_doc):
    out = cli("stats", "--format", "json", "--store", str(seed_store))
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert stats["triples"] == sum(stats["graphs"].values())
    assert stats["classes"]["https://w3id.org/rightsgraph/ontology#Paragraph"] >= len(seed_doc.paragraphs)
    seed_graph = REPORT_PREFIX + seed_doc.report_id
    assert set(stats["facts"]) == {g for g in stats["graphs"]
                                   if _is_report_graph(pyoxigraph.NamedNode(g))}
    assert seed_graph in stats["facts"]
    table = cli("stats", "--store", str(seed_store)).stdout.decode()
    assert "resources per class" in table and "facts per report" in table


def test_stats_facts_match_converted_graph(seed_store, seed_converted):
    from rdflib import RDF, Namespace

    from rightsgraph.stats import FACT_KINDS, store_stats
    from rightsgraph.store import open_store

    rg = Namespace("https://w3id.org/rightsgraph/ontology#")
    with open_store(seed_store, read_only=True) as store:
        stats = store_stats(store)
    g = seed_converted.graph
    assert stats.facts[str(g.identifier)] == {
        k: len(set(g.subjects(RDF.type, rg[k]))) for k in FACT_KINDS}


# ---------------------------------------------------------------- build options

def test_build_quiet_verbose_base(cli, tmp_path):
    store = tmp_path / "store"
    quiet = cli("build", str(SEED), "--store", str(store), "--out", str(tmp_path), "-q")
    assert quiet.returncode == 0 and quiet.stdout == b"" and quiet.stderr == b""
    verbose = cli("build", str(SEED), "--store", str(store), "--out", str(tmp_path), "-v")
    assert verbose.returncode == 0 and b"[1/1]" in verbose.stderr and b"published" in verbose.stderr
    assert b"timings: prepare" in verbose.stderr
    both = cli("build", str(SEED), "--store", str(store), "-q", "-v")
    assert both.returncode == 2
    based = cli("build", str(SEED), "--store", str(tmp_path / "s2"), "--out", str(tmp_path / "o2"),
                "--base", "https://example.org/r/", "-q")
    assert based.returncode == 0, based.stderr
    rows = csv_rows(cli("query", "report-structure", "--store", str(tmp_path / "s2"),
                        "--format", "csv").stdout)
    assert rows and all(r["report"].startswith("https://example.org/r/report/") for r in rows)
    # the vocabularies and registries follow the base, so concept labels still join
    types = csv_rows(cli("query", "violation-types", "--store", str(tmp_path / "s2"),
                         "--format", "csv").stdout)
    assert types and all(r["type"].startswith("https://example.org/r/vocab/violation-type/")
                         and r["typeLabel"] for r in types)
    with EmbeddedStore(tmp_path / "s2", read_only=True) as s:
        dump = s.dump(pyoxigraph.RdfFormat.N_QUADS)
    assert b"<https://w3id.org/rightsgraph/id/" not in dump


def test_build_on_a_terminal_shows_summary_table(cli, tmp_path):
    out = cli("build", str(SEED), "--store", str(tmp_path / "store"), "--out", str(tmp_path),
              env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "160"})
    assert out.returncode == 0, out.stderr
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout.decode())
    assert "build summary" in text and "┃ report" in text and "conforms" in text


def test_progress_callback_sees_every_report(tmp_path):
    from rightsgraph.pipeline import build
    from rightsgraph.store import open_store

    steps = []
    with open_store(tmp_path / "store") as store:
        build([SEED, SEED], store, tmp_path, progress=steps.append)
    assert [(s.done, s.total, s.outcome is not None) for s in steps] == [
        (0, 2, False), (1, 2, True), (2, 2, True)]


# ---------------------------------------------------------------- completion and --help examples

def test_shell_completion(cli):
    script = cli(env={"_RIGHTSGRAPH_COMPLETE": "bash_source"})
    assert script.returncode == 0 and b"complete" in script.stdout
    names = cli(env={"_RIGHTSGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "rightsgraph query act",
                     "COMP_CWORD": "2"})
    assert b"actors-by-type" in names.stdout and b"actor-appearances" in names.stdout
    assert "_RIGHTSGRAPH_COMPLETE=bash_source rightsgraph" in (ROOT / "README.md").read_text()


def _help_examples():
    from rightsgraph.cli import main

    def walk(group, prefix=()):
        for name, cmd in sorted(group.commands.items()):
            yield (*prefix, name), cmd
            if hasattr(cmd, "commands"):
                yield from walk(cmd, (*prefix, name))

    lines = []
    for path in [(), *[p for p, _ in walk(main)]]:
        text = CliRunner().invoke(main, [*path, "--help"]).output
        block = text.split("Example", 1)[1] if "Example" in text else ""
        lines += [line.strip() for line in block.splitlines()
                  if line.strip().startswith("rightsgraph ")]
    return lines


LONG_RUNNING = ("rightsgraph serve",)
NEEDS_A_SERVER = "--endpoint "  # run against a real Oxigraph server in tests/test_endpoint.py
# decisions name a fact or a report of a built store ($R, report/.../violation/...): the review
# commands run on one in tests/test_review.py
NEEDS_A_FACT = tuple(f"rightsgraph review {c} " for c in ("accept", "reject", "correct", "add", "merge",
                                                           "split"))


def test_every_help_example_works_when_pasted(tmp_path):
    """Each example line of every --help, in order, in a fresh folder holding corpus/."""
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    examples = _help_examples()
    assert len(examples) >= 10
    build = [e for e in examples if e.startswith("rightsgraph build")]
    for line in build + [e for e in examples if e not in build]:
        if line.startswith(LONG_RUNNING + NEEDS_A_FACT) or NEEDS_A_SERVER in line:
            continue
        args = shlex.split(line, comments=True)[1:]
        out = run_cli(*args, cwd=tmp_path)
        assert out.returncode == 0, (line, out.stderr.decode())

