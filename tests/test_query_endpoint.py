"""Every library query through a real `oxigraph serve` (the endpoint store) answers as the
embedded store does (unbound, per report, and with its first parameter bound as bench/queries.py
binds it), and no library query is taken for an update."""

from __future__ import annotations

import urllib.request
from collections import Counter

import pytest
from pyoxigraph import RdfFormat

from conftest import ROOT, load_bench

QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def genre_store(tmp_path_factory):
    """The seed, the genre reports, a UPR Working Group report with its Add.1 and two cycles of
    concluding observations (the small texts of test_upr and test_treaty_queries), so that every
    library query has something to answer."""
    from conftest import GENRE_REPORTS, SEED
    from rightsgraph.pipeline import build
    from rightsgraph.store import open_store
    from test_treaty_queries import CYCLE
    from test_upr import VIEWS, WORKING_GROUP

    root = tmp_path_factory.mktemp("genre-store")
    texts = {"upr-views.md": VIEWS, "upr-wg.md": WORKING_GROUP}
    for n, (which, lead) in enumerate([("initial", "The Committee recommends that"),
                                       ("second periodic", "The Committee recommends that")], 1):
        texts[f"co-{n}.md"] = CYCLE.format(symbol=f"CRPD/C/SVN/CO/{n}", date=f"3 October 20{18 + n}",
                                           which=which, lead=lead)
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    with open_store(root / "store") as store:
        summary = build([SEED, *GENRE_REPORTS, *(root / n for n in sorted(texts))], store, root / "out")
    assert summary.ok, [r.report_id for r in summary.reports if not r.published]
    return root / "store"


@pytest.fixture(scope="module")
def stores(oxigraph_server, genre_store):
    """The embedded store and the Oxigraph server loaded with exactly its quads."""
    from rightsgraph.store import EmbeddedStore

    embedded = EmbeddedStore(genre_store, read_only=True)
    oxigraph_server.reset()
    request = urllib.request.Request(oxigraph_server.query.rsplit("/", 1)[0] + "/store",
                                     data=embedded.dump(RdfFormat.N_QUADS), method="POST",
                                     headers={"Content-Type": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert answer.status in (200, 201, 204)
    endpoint = oxigraph_server.store()
    try:
        yield embedded, endpoint
    finally:
        endpoint.close()
        embedded.close()
        oxigraph_server.reset()


def rows(result) -> Counter:
    return Counter(tuple(None if t is None else str(t) for t in row) for row in result.rows)


@pytest.mark.parametrize("name", QUERIES)
def test_library_query_answers_the_same_through_the_endpoint(stores, name):
    from rightsgraph.querylib import bind, find_query

    embedded, endpoint = stores
    query = find_query(name)
    runs = [{}]
    if any(p.name == "report" for p in query.params):
        report = embedded.query("SELECT ?r WHERE { GRAPH ?g { ?r a "
                                "<https://w3id.org/rightsgraph/ontology#Report> } } "
                                "ORDER BY ?r LIMIT 1").rows[0][0].value
        runs.append({"report": report})
    picked = load_bench("queries").bound_values(embedded, [query])
    if name in picked:  # the bound run of the bench, through subquery placeholders too
        param, value = picked[name]
        runs.append({param: value})
    for params in runs:
        text = bind(query, params)
        here, there = embedded.query(text), endpoint.query(text)
        assert there.kind == "select" and there.variables == here.variables, (name, params)
        assert rows(there) == rows(here), (name, params)
        assert len(here.rows) > 0 or params, f"{name} answers nothing on the store"


def test_query_command_reads_queries_that_mention_updates(cli, stores, oxigraph_server):
    """Header comments saying "addressee" made SPARQLWrapper take these for ADD updates."""
    for name in ("recommendation-specificity", "recommendations-to-states"):
        out = cli("query", name, "--format", "csv", *oxigraph_server.args())
        assert out.returncode == 0, out.stderr.decode()
        assert len(out.stdout.decode().splitlines()) > 1


def test_updates_are_still_refused(stores):
    from rightsgraph.errors import UsageError

    _, endpoint = stores
    for update in ("PREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n# select nothing\n"
                   "DROP ALL", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"):
        with pytest.raises(UsageError, match="SPARQL Update"):
            endpoint.query(update)
