"""The public endpoint reaches nothing outside its store (issue 26): a real listener on a free
loopback port stands in for any other address, and every spelling of SERVICE we could think of
is sent to a real `rightsgraph serve`, in the query string and in POST bodies. The listener must
receive nothing. The same forms run on a bare pyoxigraph store do reach it, so they are real.

Below the endpoint's check, the query workers run without a network where the kernel allows:
a SERVICE given to a worker directly (past the check) reaches nothing either.
"""

from __future__ import annotations

import re
import socket
import threading
from urllib.parse import quote, quote_plus

import httpx
import pytest

ANSWER = b'{"head":{"vars":["s","p","o"]},"results":{"bindings":[]}}'


class Listener:
    """A real TCP listener on 127.0.0.1 that records every connection and answers each with an
    empty SPARQL result (so an engine that follows SERVICE would go on and come back)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.hits.append(conn.recv(65536) or b"(connected)")
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json"
                                 b"\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(ANSWER)
                                 + ANSWER)
                except OSError:
                    self.hits.append(b"(connected)")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


def service_forms(port: int) -> list[str]:
    """SELECT queries that each name http://127.0.0.1:{port}/ through SERVICE in another way."""
    u = f"http://127.0.0.1:{port}/sparql"
    iri = f"<{u}>"
    return [
        f"SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT {iri} {{ ?s ?p ?o }} }}",
        f"select * where {{ service {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ sErViCe sIlEnT {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment\n {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE\t\r\n{iri}{{?s ?p ?o}} }}",
        f"SELECT * WHERE {{SERVICE{iri}{{?s ?p ?o}}}}",
        f"SELECT * WHERE {{ BIND(1 AS ?x).SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE {iri} {{ SERVICE {iri} {{ SERVICE {iri} {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ }} UNION {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?s) MINUS {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ FILTER NOT EXISTS {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ GRAPH ?g {{ ?a ?b ?c }} }} SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND({iri} AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ {iri} }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE $e {{ ?s ?p ?o }} }} VALUES $e {{ {iri} }}",
        f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"BASE <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <\\u0068ttp://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\U00000053ervice {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVIC\\u0045 {iri} {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }} GROUP BY ?s HAVING (true)",
        f"SELECT * WHERE {{ BIND(\"SERVICE\" AS ?t) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<urn:x:SERVICE> AS ?t) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND('''x''' AS ?t) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(\"a\\\"b\" AS ?t) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(\"\\u0022 # \" AS ?t) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ FILTER(?a <?b) SERVICE {iri} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \ufeffSERVICE {iri} {{ ?s ?p ?o }} }}",
    ]


HARMLESS = [
    "SELECT ?service WHERE { ?service a ?t } LIMIT 1",
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:1/> { }" } LIMIT 1',
    "SELECT * WHERE { ?s <http://example.org/service> ?o } LIMIT 1",
    "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s schema:serviceType ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:1/> { }\nLIMIT 1",
    'SELECT * WHERE { ?s ?p """a long SERVICE text""" } LIMIT 1',
]


def test_the_forms_are_real_attacks_on_a_bare_engine(listener):
    """Control: run bare (no endpoint, no worker), most forms make pyoxigraph call the listener."""
    from pyoxigraph import QueryBoolean, Store

    store, reached = Store(), 0
    for query in service_forms(listener.port):
        before = len(listener.hits)
        try:
            result = store.query(query)
            if not isinstance(result, QueryBoolean):
                list(result)
        except (SyntaxError, OSError, RuntimeError, ValueError):
            pass
        reached += len(listener.hits) > before
    listener.hits.clear()
    # all but seven: Oxigraph evaluates SERVICE ?e before ?e is bound (3 forms) and reads \\u
    # escapes only in strings and IRIs (4 forms, which engines behind --endpoint may follow)
    assert reached == len(service_forms(listener.port)) - 7, reached


def test_every_service_form_is_refused_by_the_check(listener):
    from rightsgraph.server.security import QueryRefused, check_query

    for query in service_forms(listener.port):
        with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
            check_query(query, max_depth=32)


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_in_strings_iris_comments_and_names_is_not_service(query):
    from rightsgraph.server.security import check_query

    check_query(query, max_depth=32)


def test_every_library_query_passes_the_check():
    """`rightsgraph query NAME` runs the library: none of it names SERVICE or nests too deep."""
    from rightsgraph.querylib import library
    from rightsgraph.server.security import check_query

    queries = library()
    assert queries
    for q in queries:
        check_query(q.text, max_depth=32)


def _sends(url: str, query: str):
    """The ways a client can hand the endpoint one query."""
    yield "GET", f"{url}/sparql?query={quote(query)}", {}
    yield "GET", f"{url}/sparql?query={quote_plus(query)}", {}
    yield "POST", f"{url}/sparql", {"content": query.encode(),
                                    "headers": {"Content-Type": "application/sparql-query"}}
    yield "POST", f"{url}/sparql", {"content": b"query=" + quote_plus(query).encode(),
                                    "headers": {"Content-Type": "application/x-www-form-urlencoded"}}
    yield "POST", f"{url}/sparql?format=json", {
        "content": b"query=" + quote(query, safe="").encode(),
        "headers": {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}}


def test_the_server_reaches_nothing_for_any_service_form(live_server, listener):
    listener.hits.clear()
    answers = []
    with httpx.Client(timeout=30) as client:
        for query in service_forms(listener.port):
            for method, url, kwargs in _sends(live_server.url, query):
                r = client.request(method, url, **kwargs)
                answers.append((r.status_code, r.text))
        # the server's own /sparql as the target: still refused, nothing comes back through it
        own = f"SELECT * WHERE {{ SERVICE <{live_server.url}/sparql> {{ ?s ?p ?o }} }}"
        r = client.get(f"{live_server.url}/sparql", params={"query": own})
        answers.append((r.status_code, r.text))
    assert listener.hits == []
    assert all(status == 400 for status, _ in answers), {s for s, _ in answers}
    assert all("SERVICE is not allowed" in body for _, body in answers)


def test_nesting_is_bounded_before_the_engine(live_server):
    deep = "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000
    parens = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    fine = "SELECT * WHERE " + "{ " * 20 + "?s ?p ?o" + " }" * 20 + " LIMIT 1"
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        for query in (deep, parens):
            r = client.post("/sparql", content=query.encode(),
                            headers={"Content-Type": "application/sparql-query"})
            assert r.status_code == 400
            assert re.search(r"nested 50\d\d levels deep; this endpoint allows 32", r.text)
        assert client.get("/sparql", params={"query": fine}).status_code == 200


def test_a_worker_reaches_nothing_even_past_the_check(served_store, listener):
    """The second wall: a query worker has no network (where the kernel gives namespaces)."""
    from rightsgraph.server.runner import BadQuery, Limits, ProcessRunner, Request

    runner = ProcessRunner(served_store, Limits(timeout=10), workers=1)
    try:
        probe = runner.isolation()
        if not probe:
            pytest.skip("this kernel gives no user and network namespaces to the workers")
        listener.hits.clear()
        for query in service_forms(listener.port)[:21]:
            try:
                runner.run(Request(query))
            except BadQuery:
                pass
        assert listener.hits == []
    finally:
        runner.close()
