"""The command line, run as a real subprocess: outputs, exit codes, one-line errors."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import GENRE_REPORTS, SEED


def test_convert_is_deterministic_and_parses(cli, tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert cli("convert", str(SEED), "-o", str(a)).returncode == 0
    assert cli("convert", str(SEED), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    g = Graph().parse(a, format="turtle")
    assert len(g) > 500
    store = pyoxigraph.Store()
    store.load(path=str(a), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_convert_to_stdout_and_from_stdin(cli):
    out = cli("convert", "-", "--format", "nt", input=SEED.read_bytes())
    assert out.returncode == 0, out.stderr
    assert b"<https://w3id.org/rightsgraph/ontology#paragraphNumber>" in out.stdout


def test_convert_base_and_id(cli):
    out = cli("convert", str(SEED), "--base", "https://example.org/r/", "--id", "seed",
              "--format", "nt")
    assert out.returncode == 0, out.stderr
    assert b"<https://example.org/r/report/seed/paragraph/47>" in out.stdout
    assert b"<https://w3id.org/rightsgraph/id/" not in out.stdout


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "prose", "directory"])
def test_convert_bad_input_one_line_exit_3(cli, tmp_path, kind):
    path = tmp_path / f"{kind}.md"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "prose":
        path.write_text("A letter with no numbered paragraphs.\n\nRegards.\n")
    elif kind == "directory":
        path.mkdir()
    out_file = tmp_path / "out.ttl"
    out = cli("convert", str(path), "-o", str(out_file))
    assert out.returncode == 3
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rightsgraph: ")
    assert "Traceback" not in out.stderr.decode()
    assert not out_file.exists()


def test_unknown_format_is_usage_error(cli, tmp_path):
    out = cli("convert", str(SEED), "--format", "yaml")
    assert out.returncode == 2 and b"unknown RDF format" in out.stderr


def test_build_publishes_and_exports(cli, tmp_path):
    store, out_dir = tmp_path / "store", tmp_path / "out"
    res = cli("build", str(SEED), *map(str, GENRE_REPORTS), "--store", str(store),
              "--out", str(out_dir))
    assert res.returncode == 0, res.stderr
    text = res.stdout.decode()
    for word in ("47 paragraphs", "13 footnotes", "conforms, published", "rightsgraph.ttl",
                 "validation.ttl"):
        assert word in text
    assert (out_dir / "rightsgraph.ttl").stat().st_size > 1000
    assert (out_dir / "validation.ttl").exists()
    g = Graph().parse(out_dir / "rightsgraph.ttl", format="turtle")
    reports = set(g.subjects(predicate=None, object=None))
    assert len(reports) > 100
    q = cli("query", "report-structure", "--store", str(store), "--format", "csv")
    assert q.returncode == 0, q.stderr
    rows = q.stdout.decode().strip().splitlines()
    assert rows[0] == "report,section,number,title,paragraphs"
    assert sum(1 for r in rows if ",III.B,Plenary discussion,13" in r) == 1
    # publishing again replaces, never duplicates
    res2 = cli("build", str(SEED), "--store", str(store), "--out", str(out_dir))
    assert res2.returncode == 0
    st = cli("stats", "--store", str(store))
    assert st.returncode == 0 and b"total" in st.stdout


def test_query_parameter_bound_as_literal(cli, tmp_path):
    store = tmp_path / "store"
    assert cli("build", str(SEED), "--store", str(store), "--out", str(tmp_path)).returncode == 0
    ok = cli("query", "paragraphs-mentioning", "--param", "text=Darien", "--store", str(store),
             "--format", "csv")
    assert ok.returncode == 0
    assert len(ok.stdout.decode().strip().splitlines()) == 2  # header + paragraph 14
    evil = cli("query", "paragraphs-mentioning", "--param", 'text=x")) } UNION { ?s ?p ?o } #',
               "--store", str(store), "--format", "csv")
    assert evil.returncode == 0
    assert len(evil.stdout.decode().strip().splitlines()) == 1
    bad = cli("query", "paragraphs-mentioning", "--param", "nope=1", "--store", str(store))
    assert bad.returncode == 2


def test_validate_and_publish_graph_files(cli, tmp_path):
    ttl = tmp_path / "seed.ttl"
    assert cli("convert", str(SEED), "-o", str(ttl)).returncode == 0
    report = tmp_path / "report.ttl"
    v = cli("validate", str(ttl), "--report", str(report))
    assert v.returncode == 0, v.stdout + v.stderr
    assert b"conforms" in v.stdout and report.exists()
    p = cli("publish", str(ttl), "--store", str(tmp_path / "store"))
    assert p.returncode == 0, p.stderr


def test_query_without_store_is_store_error(cli, tmp_path):
    out = cli("query", "report-structure", "--store", str(tmp_path / "none"))
    assert out.returncode == 4 and len(out.stderr.decode().strip().splitlines()) == 1


def test_export_formats_round_trip(cli, tmp_path):
    store = tmp_path / "store"
    assert cli("build", str(SEED), "--store", str(store), "--out", str(tmp_path)).returncode == 0
    sizes = {}
    for fmt, ext in [("ttl", "ttl"), ("nt", "nt"), ("xml", "rdf")]:
        path = tmp_path / f"all.{ext}"
        out = cli("export", "--format", fmt, "-o", str(path), "--store", str(store))
        assert out.returncode == 0, out.stderr
        sizes[fmt] = len(Graph().parse(path, format={"ttl": "turtle", "nt": "nt",
                                                     "xml": "xml"}[fmt]))
    assert len(set(sizes.values())) == 1 and sizes["ttl"] > 500
    totals = {}
    for fmt in ("trig", "nq", "jsonld"):  # dataset formats keep every named graph
        path = tmp_path / f"all.{fmt}"
        assert cli("export", "-o", str(path), "--store", str(store)).returncode == 0
        totals[fmt] = len(list(pyoxigraph.parse(path=str(path))))
    # triple formats are the RDF merge of every graph, a set: the distinct triples of the dataset
    quads = pyoxigraph.parse(path=str(tmp_path / "all.trig"))
    distinct = {(q.subject, q.predicate, q.object) for q in quads}
    assert len(set(totals.values())) == 1 and totals["trig"] >= sizes["ttl"] == len(distinct)
