"""Publishing to real SPARQL servers: a real Oxigraph server process (and Virtuoso under
`make test-virtuoso`), a fault-injecting proxy in front of it, the real CLI in a subprocess."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from conftest import SEED, free_port
from faultproxy import Rule

VOID = "https://w3id.org/rightsgraph/graph/void"
SECRET = "s3cret-Pa55word"
TOKEN = "tok-9f8e7d6c5b4a"


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The seed as a Turtle file, and a changed version of it (a new label, one more triple)."""
    from rightsgraph.pipeline import convert
    from rightsgraph.serialize import ntriples, serialize
    from rightsgraph.validate import validate

    folder = tmp_path_factory.mktemp("graphs")
    graph = convert(SEED).graph
    report = next(graph.subjects(RDFS.label, None))
    changed = graph.__class__(identifier=graph.identifier)
    for t in graph:
        changed.add(t)
    changed.remove((report, RDFS.label, None))
    changed.add((report, RDFS.label, Literal("A changed label", lang="en")))
    changed.add((report, RDFS.comment, Literal("Republished with a correction.", lang="en")))
    (folder / "seed.ttl").write_bytes(serialize(graph))
    (folder / "changed.ttl").write_bytes(serialize(changed))
    return {"seed": folder / "seed.ttl", "changed": folder / "changed.ttl",
            "seed_graph": (graph, validate(graph)),
            "iri": str(graph.identifier), "seed_nt": set(ntriples(graph).splitlines()),
            "changed_nt": set(ntriples(changed).splitlines()), "report": str(report)}


def baseline(engine, graphs) -> None:
    """Publish the seed through the library (validated once per module), as `publish` would."""
    from rightsgraph.pipeline import publish

    graph, report = graphs["seed_graph"]
    with engine.store() as store:
        publish(store, graph, report=report)


def content(engine, iri: str) -> set[bytes]:
    with engine.store() as store:
        return set(store.dump(RdfFormat.N_TRIPLES, graph=iri).splitlines())


def one_line_error(result, code: int = 4) -> str:
    err = result.stderr.decode()
    assert result.returncode == code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rightsgraph: "), err
    assert "Traceback" not in err
    return lines[0]


# --- the acceptance path, on every engine ------------------------------------------------------

def test_publish_is_idempotent_and_replaces(cli, engine, graphs):
    env = engine.env
    first = cli("publish", str(graphs["seed"]), *engine.args(), env=env)
    assert first.returncode == 0, first.stderr
    sizes = engine.all_graphs()
    assert sizes[graphs["iri"]] == len(graphs["seed_nt"])
    assert VOID in sizes and not any(g.startswith("urn:rightsgraph:") for g in sizes)
    assert content(engine, graphs["iri"]) == graphs["seed_nt"]

    again = cli("publish", str(graphs["seed"]), *engine.args(), env=env)
    assert again.returncode == 0, again.stderr
    assert engine.all_graphs() == sizes
    assert content(engine, VOID) and content(engine, graphs["iri"]) == graphs["seed_nt"]

    changed = cli("publish", str(graphs["changed"]), *engine.args(), env=env)
    assert changed.returncode == 0, changed.stderr
    assert content(engine, graphs["iri"]) == graphs["changed_nt"]
    after = engine.all_graphs()
    assert after[graphs["iri"]] == len(graphs["changed_nt"]) == sizes[graphs["iri"]] + 1
    assert not any(g.startswith("urn:rightsgraph:") for g in after)


def test_stats_query_export_read_the_endpoint(cli, engine, graphs, tmp_path):
    baseline(engine, graphs)
    stats = cli("stats", *engine.args(), env=engine.env)
    assert stats.returncode == 0 and graphs["iri"].encode()[:40] in stats.stdout
    q = cli("query", "report-structure", "--format", "csv", *engine.args(), env=engine.env)
    assert q.returncode == 0, q.stderr
    assert q.stdout.decode().splitlines()[0] == "report,section,number,title,paragraphs"
    out = tmp_path / "all.nt"
    ex = cli("export", "-o", str(out), *engine.args(), env=engine.env)
    assert ex.returncode == 0, ex.stderr
    # the merge of every graph the endpoint holds (the report, its validation, VoID), a set
    exported = set(out.read_bytes().splitlines())
    assert graphs["seed_nt"] <= exported
    assert len(exported) == sum(engine.all_graphs().values())


def test_void_describes_the_graphs(engine, graphs, cli):
    from rdflib import Graph
    from rdflib.namespace import VOID as V

    baseline(engine, graphs)
    g = Graph().parse(data=b"\n".join(content(engine, VOID)).decode(), format="nt")
    counts = {str(s): int(o) for s, o in g.subject_objects(V.triples)}
    assert counts[graphs["iri"]] == len(graphs["seed_nt"])
    assert URIRef(engine.query) in set(g.objects(None, V.sparqlEndpoint))
    assert URIRef(graphs["report"]) in set(g.objects(None, V.exampleResource))
    assert URIRef("https://creativecommons.org/licenses/by/4.0/") in set(g.objects())


# --- faults, through the proxy ---------------------------------------------------------------

FAULTS = {
    "connection dropped during the upload": Rule("drop", path="/store", skip=2),
    "500 during the upload": Rule("500", path="/store", skip=1),
    "500 on the backup": Rule("500", path="/update", body=b"COPY SILENT"),
    "500 on the swap": Rule("500", path="/update", body=b"ADD GRAPH"),
    "unknown engine: 500 on the swap": Rule("500", path="/update", body=b"ADD GRAPH"),
    "unknown engine: dropped on the swap": Rule("drop", path="/update", body=b"ADD GRAPH"),
    "connection dropped on the swap": Rule("drop", path="/update", body=b"ADD GRAPH"),
    "500 on the staging count": Rule("500", path="/query", body=b"staging", skip=0),
    "insert-data path: 500 on the 3rd chunk": Rule("500", path="/update", body=b"INSERT DATA",
                                                   skip=2),
}


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_failed_publish_leaves_previous_graph_intact(cli, oxigraph_server, fault_proxy, graphs,
                                                    fault):
    baseline(oxigraph_server, graphs)
    before = oxigraph_server.all_graphs()
    rule = FAULTS[fault]
    fault_proxy.rules = [Rule(**{k: v for k, v in vars(rule).items() if k != "seen"})]
    if fault.startswith("insert-data"):  # a server without the Graph Store Protocol
        fault_proxy.rules.append(Rule("404", path="/store", times=10**6))
    if "backup" in fault or "unknown engine" in fault:
        fault_proxy.hide_server = True  # an engine not known to run update requests atomically
    env = {"RIGHTSGRAPH_CHUNK_TRIPLES": "100"}
    res = cli("publish", str(graphs["changed"]), "--endpoint", fault_proxy.url + "/query",
              "--update-endpoint", fault_proxy.url + "/update", env=env)
    line = one_line_error(res)
    assert fault_proxy.count(rule.action) == 1, (line, fault_proxy.requests)
    assert oxigraph_server.all_graphs() == before
    assert content(oxigraph_server, graphs["iri"]) == graphs["seed_nt"]


def test_swap_applied_but_answer_lost_is_verified_not_failed(cli, oxigraph_server, fault_proxy,
                                                            graphs):
    baseline(oxigraph_server, graphs)
    fault_proxy.rules = [Rule("forward-then-drop", path="/update", body=b"ADD GRAPH")]
    res = cli("publish", str(graphs["changed"]), "--endpoint", fault_proxy.url + "/query",
              "--update-endpoint", fault_proxy.url + "/update")
    assert res.returncode == 0, res.stderr
    assert fault_proxy.count("forward-then-drop") == 1
    assert content(oxigraph_server, graphs["iri"]) == graphs["changed_nt"]
    assert not any(g.startswith("urn:") for g in oxigraph_server.all_graphs())


def test_429_and_503_are_retried_honouring_retry_after(cli, oxigraph_server, fault_proxy, graphs):
    fault_proxy.rules = [Rule("429", path="/store", times=2, arg=1),
                         Rule("503", path="/query", times=1, arg=0)]
    res = cli("publish", str(graphs["seed"]), "--endpoint", fault_proxy.url + "/query",
              "--update-endpoint", fault_proxy.url + "/update")
    assert res.returncode == 0, res.stderr
    assert fault_proxy.count("429") == 2 and fault_proxy.count("503") == 1
    assert content(oxigraph_server, graphs["iri"]) == graphs["seed_nt"]


def test_endless_503_gives_up_after_bounded_tries(cli, fault_proxy, graphs):
    fault_proxy.rules = [Rule("503", path="/query", times=100, arg=0)]
    res = cli("stats", "--endpoint", fault_proxy.url + "/query")
    assert "503" in one_line_error(res)
    assert fault_proxy.count("503") == 5


@pytest.mark.parametrize("command", ["publish", "query", "stats", "export"])
def test_dead_endpoint_is_one_line_exit_4(cli, graphs, command):
    url = f"http://127.0.0.1:{free_port()}/query"
    args = {"publish": ["publish", str(graphs["seed"])], "query": ["query", "report-structure"],
            "stats": ["stats"], "export": ["export"]}[command]
    line = one_line_error(cli(*args, "--endpoint", url))
    assert "cannot connect" in line and "connection refused" in line


def test_timeout_is_one_line(cli, fault_proxy):
    fault_proxy.rules = [Rule("hang", path="/query", arg=3)]
    res = cli("stats", "--endpoint", fault_proxy.url + "/query", env={"RIGHTSGRAPH_TIMEOUT": "1"})
    assert "no answer within 1 s" in one_line_error(res)


def test_partial_results_are_detected(cli, oxigraph_server, fault_proxy, graphs):
    baseline(oxigraph_server, graphs)
    for action in ("206", "sql-state"):
        fault_proxy.rules = [Rule(action, path="/query")]
        res = cli("query", "report-structure", "--endpoint", fault_proxy.url + "/query")
        assert "partial results" in one_line_error(res)


def test_dump_pages_past_a_silent_row_cap(cli, oxigraph_server, fault_proxy, graphs, tmp_path):
    baseline(oxigraph_server, graphs)
    fault_proxy.rules = [Rule("cap", path="/query", times=10**6, arg=100)]
    out = tmp_path / "g.nt"
    res = cli("export", "--graph", graphs["iri"], "-o", str(out), "--endpoint",
              fault_proxy.url + "/query")
    assert res.returncode == 0, res.stderr
    assert set(out.read_bytes().splitlines()) == graphs["seed_nt"]
    # the whole answer was capped, so it paged: at least one request per 100 rows
    assert fault_proxy.count("cap") >= 2 + len(graphs["seed_nt"]) // 100


def test_republish_to_oxigraph_needs_no_backup_copy(cli, oxigraph_server, fault_proxy, graphs):
    args = ["--endpoint", fault_proxy.url + "/query", "--update-endpoint", fault_proxy.url + "/update"]
    for path in ("seed", "changed"):
        assert cli("publish", str(graphs[path]), *args).returncode == 0
    assert fault_proxy.updates and not any(b"COPY" in u for u in fault_proxy.updates)
    assert content(oxigraph_server, graphs["iri"]) == graphs["changed_nt"]
    fault_proxy.hide_server = True  # an unknown engine: back up before the swap
    assert cli("publish", str(graphs["seed"]), *args).returncode == 0
    assert any(b"COPY SILENT" in u for u in fault_proxy.updates)
    assert content(oxigraph_server, graphs["iri"]) == graphs["seed_nt"]
    assert not any(g.startswith("urn:") for g in oxigraph_server.all_graphs())


# --- credentials ----------------------------------------------------------------------------

def test_basic_auth_works_and_is_never_shown(cli, oxigraph_server, fault_proxy, graphs):
    fault_proxy.basic = ("publisher", SECRET)
    args = ["--endpoint", fault_proxy.url + "/query", "--update-endpoint", fault_proxy.url + "/update"]
    anonymous = cli("publish", str(graphs["seed"]), *args)
    assert "401" in one_line_error(anonymous) and "RIGHTSGRAPH_USER" in anonymous.stderr.decode()
    wrong = cli("publish", str(graphs["seed"]), *args,
                env={"RIGHTSGRAPH_USER": "publisher", "RIGHTSGRAPH_PASSWORD": SECRET + "x"})
    assert "credentials refused" in one_line_error(wrong)
    ok = cli("publish", str(graphs["seed"]), *args,
             env={"RIGHTSGRAPH_USER": "publisher", "RIGHTSGRAPH_PASSWORD": SECRET})
    assert ok.returncode == 0, ok.stderr
    stats = cli("stats", *args, env={"RIGHTSGRAPH_USER": "publisher",
                                     "RIGHTSGRAPH_PASSWORD": SECRET})
    assert stats.returncode == 0, stats.stderr
    for res in (anonymous, wrong, ok, stats):
        assert SECRET.encode() not in res.stdout + res.stderr
    assert content(oxigraph_server, graphs["iri"]) == graphs["seed_nt"]


def test_bearer_token_works_and_is_never_shown(cli, fault_proxy, graphs):
    fault_proxy.token = TOKEN
    args = ["--endpoint", fault_proxy.url + "/query", "--update-endpoint", fault_proxy.url + "/update"]
    ok = cli("publish", str(graphs["seed"]), *args, env={"RIGHTSGRAPH_TOKEN": TOKEN})
    assert ok.returncode == 0, ok.stderr
    bad = cli("stats", *args, env={"RIGHTSGRAPH_TOKEN": TOKEN + "0"})
    assert "credentials refused" in one_line_error(bad)
    for res in (ok, bad):
        assert TOKEN.encode() not in res.stdout + res.stderr


def test_credentials_in_the_url_are_refused(cli):
    res = cli("stats", "--endpoint", f"http://user:{SECRET}@127.0.0.1:1/query")
    line = one_line_error(res, code=2)
    assert SECRET not in line and "RIGHTSGRAPH_PASSWORD" in line


# --- library pieces ---------------------------------------------------------------------------

def test_progress_reports_every_triple(oxigraph_server, graphs, monkeypatch):
    from rightsgraph.pipeline import load_any, publish

    monkeypatch.setenv("RIGHTSGRAPH_CHUNK_TRIPLES", "50")
    calls: list[tuple[int, int]] = []
    with oxigraph_server.store(progress=lambda sent, total: calls.append((sent, total))) as store:
        publish(store, load_any(graphs["seed"]), describe=False)
        requests = store.requests
    total = calls[-1][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total) and len(calls) > 10
    assert [s for s, _ in calls] == sorted(s for s, _ in calls)
    assert requests >= len(calls) - 1


def test_chunks_never_split_a_blank_node():
    from rightsgraph.store.chunks import chunks

    lines = [f"<s{i}> <p> <o{i}> .".encode() for i in range(50)]
    lines += [f"<s{i}> <q> _:b{i % 7} .".encode() for i in range(30)]
    lines += [f"_:b{i} <r> _:b{i + 1} .".encode() for i in range(0, 6, 2)]
    out = list(chunks(b"\n".join(lines), max_triples=10))
    assert sorted(line for c in out for line in c) == sorted(lines)
    homes: dict[bytes, set[int]] = {}
    for n, c in enumerate(out):
        for line in c:
            for word in line.split():
                if word.startswith(b"_:"):
                    homes.setdefault(word, set()).add(n)
    assert homes and all(len(h) == 1 for h in homes.values())


def test_credentials_repr_hides_secrets():
    from rightsgraph.store.http import Credentials

    text = repr(Credentials("me", SECRET, TOKEN))
    assert SECRET not in text and TOKEN not in text
