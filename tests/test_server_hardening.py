"""Server hardening, against a real `rightsgraph serve` (uvicorn) on loopback: security headers,
no path traversal, no stack traces on hostile requests, read-only, safe links, and the embedded
store shared with `publish` as the store allows (a served store refuses writers, exit 4).

Read-only use, time limits, row caps and request size limits are in test_server_http.py.
"""

from __future__ import annotations

import json
import socket

import httpx
import pytest
from rdflib import Graph, Literal, URIRef

from conftest import SEED, run_cli

PAGES = ["/", "/search?q=migrants", "/editor", "/ontology", "/dataset", "/validation",
         "/static/style.css", "/sparql?query=ASK%7B%7D", "/no/such/page", "/doc/nothing"]
TRAVERSALS = [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py",
    "/static/....//app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/assets/yasgui/..%2f..%2f..%2f..%2fpyproject.toml", "/assets/yasgui/%2e%2e",
    "/doc/../../../../etc/passwd", "/doc/..%2f..%2f..%2fetc%2fpasswd", "/doc/%2e%2e/%2e%2e/etc/passwd",
    "/data/..%2f..%2f..%2fetc%2fpasswd.ttl", "/data/../../pyproject.toml",
    "/id/..%2f..%2fetc%2fpasswd", "/id/%2e%2e/%2e%2e/etc/passwd", "/static/%00", "/doc/%00",
    "/static/app.py%00.css", "/static/\\..\\app.py",
]
SECRETS = (b"root:x:0:0", b"[build-system]", b"import ", b"def ")


@pytest.fixture(scope="module")
def http(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_security_headers_on_every_response(http, path):
    r = http.get(path)
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no remote script
    assert directives["style-src"].split()[0] == "'self'" and "http" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert "server" not in r.headers  # no uvicorn version advertised


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_traversal(live_server, path):
    """Raw paths, as an attacker would send them (no client-side normalisation)."""
    host, port = "127.0.0.1", live_server.port
    with socket.create_connection((host, port), timeout=60) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    assert status in (303, 400, 404, 405), data[:200]
    body = data.split(b"\r\n\r\n", 1)[-1]
    assert not any(secret in body for secret in SECRETS), body[:200]
    assert b"Traceback" not in body


HOSTILE = [
    ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "format": "../../x"}}),
    ("GET", "/sparql?query=%ED%B3%BF%FF%00", {}),
    ("GET", "/sparql", {"params": {"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}}),
    ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "x> <y"}}),
    ("GET", "/sparql", {"params": {"query": "LOAD <file:///etc/passwd>"}}),
    ("GET", "/sparql", {"params": {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}}),
    ("GET", "/sparql", {"params": {"query": "SELECT (<http://x>(1) AS ?x) WHERE {}"}}),
    ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }"},
                        "headers": {"Accept": "*/*;q=x, \x7f"}}),
    ("POST", "/sparql", {"content": b"\xff\xfe\x00garbage",
                         "headers": {"Content-Type": "application/sparql-query"}}),
    ("POST", "/sparql", {"content": b"query=%ff%fe%00", "headers": {
        "Content-Type": "application/x-www-form-urlencoded"}}),
    ("POST", "/sparql", {"content": b"{}", "headers": {"Content-Type": "application/json"}}),
    ("PUT", "/sparql", {"content": b"<a:b> <a:c> <a:d> ."}),
    ("DELETE", "/sparql", {}),
    ("GET", "/search", {"params": {"q": "<script>alert(1)</script>" * 100}}),
    ("GET", "/doc/report/" + "x" * 5000, {}),
    ("GET", "/id/state/COL", {"headers": {"Accept": "text/turtle;q=abc, */*;q=-1"}}),
    ("GET", "/data/state/COL.ttl", {"headers": {"If-None-Match": '"' + "x" * 10000 + '"'}}),
    ("GET", "/editor", {"headers": {"Accept-Encoding": "gzip;q=x"}}),
]


@pytest.mark.parametrize("method,path,kwargs", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_requests_get_short_answers_never_traces(http, method, path, kwargs):
    try:
        r = http.request(method, path, **kwargs)
    except httpx.HTTPError:  # the server may close a connection it finds invalid
        assert http.get("/").status_code == 200
        return
    assert r.status_code < 500 or r.status_code in (503,), (r.status_code, r.text[:200])
    for needle in ("Traceback", 'File "', "site-packages", "/src/rightsgraph", "Exception"):
        assert needle not in r.text
    if r.status_code >= 400:
        assert len(r.text.strip().splitlines()) <= 1 or r.headers["content-type"].startswith("text/html")
    assert "root:x:0:0" not in r.text
    assert http.get("/").status_code == 200  # and the server goes on


def test_declared_length_beyond_the_limit_is_refused_before_reading(live_server):
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=60) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 99999999999\r\nConnection: close\r\n\r\nSELECT")
        data = s.recv(65536)
    assert data.split(b" ", 2)[1] == b"413"


def test_search_echo_is_escaped(http):
    r = http.get("/search", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;" in r.text or "&#34;&gt;&lt;script" in r.text


def test_update_in_a_query_changes_nothing(http):
    before = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                      headers={"Accept": "application/sparql-results+json"}).content
    for text in ("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", "CLEAR ALL", "DROP ALL",
                 "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"):
        for send in (lambda q: http.get("/sparql", params={"query": q}),
                     lambda q: http.post("/sparql", data={"query": q}),
                     lambda q: http.post("/sparql", data={"update": q})):
            assert send(text).status_code in (400, 403)
    after = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                     headers={"Accept": "application/sparql-results+json"}).content
    assert json.loads(after) == json.loads(before)


def test_publish_while_serving_is_refused_with_store_in_use(live_server, served_store):
    """The server holds the store's shared lock: a writer gets exit 4, the server goes on."""
    res = run_cli("publish", str(SEED), "--store", str(served_store))
    assert res.returncode == 4, res.stderr
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "store is in use" in lines[0]
    assert httpx.get(live_server.url + "/", timeout=60).status_code == 200
    res = run_cli("query", "report-structure", "--store", str(served_store), "--format", "csv")
    assert res.returncode == 0, res.stderr  # readers share it


def test_bug_javascript_iri_in_a_published_graph_became_a_link(tmp_path):
    """A published graph may hold any IRI; a page never turns javascript: or data: into a link."""
    from rightsgraph.pipeline import convert
    from rightsgraph.serialize import ntriples
    from rightsgraph.store import EmbeddedStore
    from server_support import LiveServer

    converted = convert(SEED)
    graph = Graph(identifier=converted.graph.identifier)
    graph += converted.graph
    thing = URIRef("https://w3id.org/rightsgraph/id/thing/hostile-links")
    graph.add((thing, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Hostile links")))
    for evil in ("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4="):
        graph.add((thing, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"), URIRef(evil)))
    graph.add((thing, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
               Literal('<img src=x onerror="alert(1)">')))
    store_path = tmp_path / "store"
    with EmbeddedStore(store_path) as store:
        store.replace_graphs({str(graph.identifier): ntriples(graph)})
    server = LiveServer(store_path)
    try:
        page = httpx.get(f"{server.url}/doc/thing/hostile-links", timeout=60)
        assert page.status_code == 200 and "javascript:alert(1)" in page.text  # shown as text
        assert 'href="javascript:' not in page.text and 'href="data:' not in page.text
        assert '<img src=x onerror="alert(1)">' not in page.text
    finally:
        server.stop()
