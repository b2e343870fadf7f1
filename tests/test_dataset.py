"""One dataset semantics everywhere: the default graph of `rightsgraph query`, `/sparql` and the
merged export is the RDF merge of all graphs, a set; FROM / FROM NAMED and the protocol's
default-graph-uri / named-graph-uri change the answer as SPARQL 1.1 says."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from conftest import GENRE_REPORTS, ROOT, SEED, run_cli

RG = "https://w3id.org/rightsgraph/ontology#"
STATE = "https://w3id.org/rightsgraph/id/state/"
REGISTRY = "https://w3id.org/rightsgraph/graph/registry"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PER_STATE = (f"PREFIX rg: <{RG}>\nSELECT ?state (COUNT(?c) AS ?n) WHERE {{ ?c a rg:Commitment ; "
             "rg:committedBy ?state . ?state a rg:State } GROUP BY ?state ORDER BY ?state")
LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
          f"SELECT ?label WHERE {{ <{STATE}GRC> rdfs:label ?label }}")


def _build(root, *reports) -> None:
    done = run_cli("build", *map(str, reports), "--store", str(root / "store"),
                   "--out", str(root / "out"))
    assert done.returncode == 0, done.stderr.decode()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed and the genre reports (States commit in them: the seed's only pledge is the
    Council's)."""
    root = tmp_path_factory.mktemp("dataset")
    _build(root, SEED, *GENRE_REPORTS)
    return root


@pytest.fixture(scope="module")
def seed_built(tmp_path_factory):
    """What `make run` builds: corpus/."""
    root = tmp_path_factory.mktemp("seed")
    _build(root, ROOT / "corpus")
    return root


@pytest.fixture(scope="module")
def server(built):
    from server_support import LiveServer

    live = LiveServer(built / "store")
    yield live
    live.stop()


def _cli_rows(built, tmp_path, sparql: str, *args: str) -> list[list[str]]:
    path = tmp_path / "q.rq"
    path.write_text(sparql, encoding="utf-8")
    done = run_cli("query", str(path), "--store", str(built / "store"), "--format", "csv", *args)
    assert done.returncode == 0, done.stderr.decode()
    return list(csv.reader(io.StringIO(done.stdout.decode())))[1:]


def _sparql_rows(server, sparql: str, **params) -> list[list[str]]:
    r = httpx.post(server.url + "/sparql", data={"query": sparql, **params},
                   headers={"Accept": "text/csv"}, timeout=30)
    assert r.status_code == 200, r.text
    return list(csv.reader(io.StringIO(r.text)))[1:]


def _distinct_triples(built) -> int:
    from pyoxigraph import Store

    store = Store.read_only(str(built / "store"))
    return len({(q.subject, q.predicate, q.object) for q in store})


def test_counts_agree_between_cli_sparql_and_export_and_are_distinct(built, server, tmp_path):
    distinct = _distinct_triples(built)
    export = Graph().parse(built / "out" / "rightsgraph.ttl", format="turtle")
    assert int(_cli_rows(built, tmp_path, COUNT)[0][0]) == distinct
    assert int(_sparql_rows(server, COUNT)[0][0]) == distinct
    assert len(export) == distinct

    by_rdflib = sorted(
        [str(state), str(n)] for state, n in export.query(PER_STATE))
    assert by_rdflib, "the seed has commitments by States"
    assert _cli_rows(built, tmp_path, PER_STATE) == by_rdflib
    assert _sparql_rows(server, PER_STATE) == by_rdflib
    assert _cli_rows(built, tmp_path, LABELS) == [["Greece"]]
    assert _sparql_rows(server, LABELS) == [["Greece"]]
    assert [str(o) for o in export.objects(URIRef(STATE + "GRC"),
                                           URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
            ] == ["Greece"]


def test_a_state_is_described_once_in_the_registry_graph(built):
    from pyoxigraph import NamedNode, Store

    store = Store.read_only(str(built / "store"))
    graphs = {q.graph_name.value for q in store.quads_for_pattern(
        NamedNode(STATE + "GRC"), NamedNode(str(RDF.type)), None, None)}
    assert graphs == {REGISTRY}


def test_from_changes_the_answer_as_the_protocol_says(built, server, tmp_path):
    from pyoxigraph import NamedNode, Store

    store = Store.read_only(str(built / "store"))
    registry = sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(REGISTRY)))
    del store
    from_registry = f"SELECT (COUNT(*) AS ?n) FROM <{REGISTRY}> WHERE {{ ?s ?p ?o }}"
    assert int(_cli_rows(built, tmp_path, from_registry)[0][0]) == registry
    assert int(_sparql_rows(server, from_registry)[0][0]) == registry
    assert int(_sparql_rows(server, COUNT, **{"default-graph-uri": REGISTRY})[0][0]) == registry
    # a graph the store does not hold is empty: nothing is fetched from outside
    elsewhere = "SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:9/nothing> WHERE { ?s ?p ?o }"
    assert _sparql_rows(server, elsewhere) == [["0"]]
    # FROM NAMED alone: GRAPH ?g sees that graph only, the default graph is empty
    named = (f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{REGISTRY}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
             " GROUP BY ?g")
    assert _cli_rows(built, tmp_path, named) == [[REGISTRY, str(registry)]]
    assert _sparql_rows(server, named) == [[REGISTRY, str(registry)]]
    assert _sparql_rows(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{REGISTRY}> "
                                "WHERE { ?s ?p ?o }") == [["0"]]
    assert _sparql_rows(server, named.replace(f"FROM NAMED <{REGISTRY}> ", ""),
                        **{"named-graph-uri": REGISTRY}) == [[REGISTRY, str(registry)]]


def _readme_counting_block() -> tuple[list[str], str]:
    """The queries and the expected output of the README's "One dataset" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## One dataset", 1)[1].split("\n## ", 1)[0]
    commands, output = section.split("```sh\n", 1)[1].split("```\n\n```\n", 1)
    queries = [line.split("'")[1] for line in commands.splitlines() if line.startswith("echo '")]
    return queries, output.split("```", 1)[0]


def test_readme_counting_example_is_what_the_cli_prints(seed_built, tmp_path):
    queries, expected = _readme_counting_block()
    assert len(queries) == 2
    printed = ""
    for sparql in queries:
        rows = _cli_rows(seed_built, tmp_path, sparql)
        printed += "triples\n" + "".join(f"{r[0]}\n" for r in rows)
    assert printed == expected
    export = run_cli("export", "--format", "nt", "--store", str(seed_built / "store"))
    assert export.returncode == 0
    assert len(Graph().parse(data=export.stdout.decode(), format="nt")) == int(
        expected.split()[1])
