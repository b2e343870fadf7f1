"""The linked-data server over HTTP (a real uvicorn process): 303s and conneg for each kind of
resource, RDF documents that parse, the SPARQL protocol, its limits and its refusals."""

from __future__ import annotations

import json

import httpx
import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from conftest import SEED

BASE = "https://w3id.org/rightsgraph/id/"
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
             "application/n-triples": "nt", "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def rid():
    from rightsgraph.pipeline import convert

    return convert(SEED).report_id


@pytest.fixture(scope="module")
def http(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


def kinds(rid):
    return {
        "report": f"report/{rid}",
        "section": f"report/{rid}/section/iii-a",
        "paragraph": f"report/{rid}/paragraph/14",
        "footnote": f"report/{rid}/footnote/1",
        "intervention": _first(rid, "intervention"),
        "statistic": _first(rid, "statistic"),
        "actor": _extracted("person/") or "person/almudena-puig",
        "state": _extracted("state/") or "state/BGD",
        "instrument": "instrument/resolution/hrc-53-24",
        "concept": _extracted("violation-type/") or "vocab/violation-type/pushback",
        "route": _extracted("route/") or "vocab/route/darien",
    }


def _extracted(prefix: str) -> str | None:
    """The path of the first resource of a kind the extractors found in the seed (actors under
    id/, vocabulary concepts under id/vocab/); None while the server tests use hand-made facts."""
    if _handmade():
        return None
    from rightsgraph.pipeline import convert

    facts = convert(SEED).facts
    keys = sorted({a.key for a in facts.actors} | {v.violation_type for v in facts.violations}
                  | {p.key for p in facts.places})
    key = next(k for k in keys if k.startswith(prefix))
    return key if prefix in ("person/", "state/") else f"vocab/{key}"


def _handmade() -> bool:
    from rightsgraph.pipeline import convert
    from server_support import extractors_complete

    return not extractors_complete(convert(SEED).facts)


def _first(rid, kind):
    from rightsgraph.pipeline import convert
    from server_support import seed_facts

    converted = convert(SEED)
    facts = seed_facts(converted)
    from rightsgraph.iris import fact_key

    items = {"intervention": facts.interventions, "statistic": facts.statistics}[kind]
    first = min(items, key=lambda i: (i.evidence.paragraph, i.evidence.start))
    ev = first.evidence
    type_ = first.speaker if kind == "intervention" else first.measure
    return fact_key(rid, kind, ev.paragraph, ev.start, ev.end, type_)


@pytest.mark.parametrize("kind", ["report", "section", "paragraph", "footnote", "intervention",
                                  "statistic", "actor", "state", "instrument", "concept", "route"])
def test_each_kind_dereferences_by_accept(http, rid, kind):
    path = kinds(rid)[kind]
    html = http.get(f"/id/{path}", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.status_code == 303 and html.headers["location"] == f"/doc/{path}"
    assert "Accept" in html.headers["vary"]
    page = http.get(html.headers["location"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["etag"]
    for media, parser in RDF_TYPES.items():
        r = http.get(f"/id/{path}", headers={"Accept": media})
        assert r.status_code == 303, media
        doc = http.get(r.headers["location"])
        assert doc.status_code == 200 and doc.headers["content-type"].startswith(media)
        g = Graph().parse(data=doc.content, format=parser)
        assert (URIRef(BASE + path), None, None) in g or (None, None, URIRef(BASE + path)) in g


def test_format_parameter_overrides_accept(http, rid):
    r = http.get(f"/id/report/{rid}?format=jsonld", headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"].endswith(".jsonld")


def test_unknown_resource_is_404_and_unacceptable_is_406(http, rid):
    assert http.get("/id/state/XXX", headers={"Accept": "text/turtle"}).status_code == 404
    assert http.get(f"/id/report/{rid}", headers={"Accept": "image/png"}).status_code == 406


def test_etag_gives_304(http, rid):
    first = http.get(f"/data/report/{rid}/paragraph/14.ttl")
    again = http.get(f"/data/report/{rid}/paragraph/14.ttl", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]


def test_report_page_highlights_facts_at_their_offsets(http, rid):
    html = http.get(f"/doc/report/{rid}").text
    assert html.count('<mark class="hl ') >= 5
    assert 'class="legend"' in html
    assert "</mark><a class=\"ref " in html


def test_ontology_html_and_turtle(http):
    html = http.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "<html" in html.text.lower()
    ttl = http.get("/ontology", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.content, format="turtle")
    assert (URIRef("https://w3id.org/rightsgraph/ontology"), None, None) in g
    assert "Accept" in ttl.headers["vary"]


@pytest.mark.parametrize("path", ["/.well-known/void", "/dataset"])
def test_void_and_dcat(http, path):
    r = http.get(path, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    void = "http://rdfs.org/ns/void#"
    assert list(g.subjects(URIRef(void + "sparqlEndpoint"), None))
    assert list(g.objects(None, URIRef("http://purl.org/dc/terms/license")))
    assert (None, None, URIRef("http://www.w3.org/ns/dcat#Dataset")) in g


def test_validation_page(http):
    page = http.get("/validation").text
    assert "Validation reports" in page
    assert "does not conform" not in page and "conforms: published, with" in page
    g = Graph().parse(data=http.get("/validation?format=ttl").content, format="turtle")
    assert (None, None, URIRef("http://www.w3.org/ns/shacl#ValidationReport")) in g


def test_search_finds_paragraphs_and_labels(http):
    r = http.get("/search", params={"q": "Darien"})
    assert r.status_code == 200 and "<mark" in r.text and "¶14" in r.text


# ---- SPARQL 1.1 Protocol ---------------------------------------------------------------------

Q = ("PREFIX rg: <https://w3id.org/rightsgraph/ontology#> "
     "SELECT ?p ?n WHERE { ?p rg:paragraphNumber ?n } ORDER BY ?n LIMIT 3")


def test_service_description_on_bare_get(http):
    r = http.get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.content, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    assert list(g.objects(None, URIRef(sd + "resultFormat")))


@pytest.mark.parametrize("media,check", [
    ("application/sparql-results+json", lambda b: len(json.loads(b)["results"]["bindings"]) == 3),
    ("application/sparql-results+xml", lambda b: b.count(b"<result>") == 3),
    ("text/csv", lambda b: b.splitlines()[0] == b"p,n" and len(b.splitlines()) == 4),
    ("text/tab-separated-values", lambda b: b.splitlines()[0] == b"?p\t?n" and len(b.splitlines()) == 4),
])
def test_select_in_every_results_format(http, media, check):
    for r in (http.get("/sparql", params={"query": Q}, headers={"Accept": media}),
              http.post("/sparql", data={"query": Q}, headers={"Accept": media}),
              http.post("/sparql", content=Q, headers={"Accept": media,
                                                        "Content-Type": "application/sparql-query"})):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(media)
        assert check(r.content)


@pytest.mark.parametrize("media", ["text/turtle", "application/ld+json"])
def test_construct_and_describe(http, rid, media):
    for q in (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{BASE}report/{rid}> AS ?s) ?s ?p ?o }}",
              f"DESCRIBE <{BASE}report/{rid}>"):
        r = http.get("/sparql", params={"query": q}, headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        g = Graph().parse(data=r.content, format=RDF_TYPES[media])
        assert (URIRef(f"{BASE}report/{rid}"), None, None) in g


def test_ask(http):
    r = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert json.loads(r.content)["boolean"] is True


def test_updates_are_refused(http, served_store):
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    assert http.post("/sparql", data={"update": update}).status_code == 403
    assert http.post("/sparql", content=update,
                     headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert http.get("/sparql", params={"query": update}).status_code == 403
    ask = http.get("/sparql", params={"query": "ASK { GRAPH <urn:x> { ?s ?p ?o } }"})
    assert json.loads(ask.content)["boolean"] is False


def test_row_cap_says_the_answer_is_truncated(http):
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                 headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(json.loads(r.content)["results"]["bindings"]) == 40
    assert r.headers["x-result-truncated"] == "true" and r.headers["x-result-max-rows"] == "40"
    small = http.get("/sparql", params={"query": Q})
    assert "x-result-truncated" not in small.headers


def test_timeout_stops_the_query_and_the_server_goes_on(http):
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
            "FILTER(?c != ?l) }")
    r = http.get("/sparql", params={"query": slow})
    assert r.status_code == 503 and "time limit" in r.text
    assert len(r.text.splitlines()) == 1
    assert http.get("/sparql", params={"query": Q}).status_code == 200


def test_errors_are_short_messages(http):
    r = http.get("/sparql", params={"query": "SELECT WHERE {"})
    assert r.status_code == 400 and "Traceback" not in r.text and len(r.text.splitlines()) == 1
    assert http.post("/sparql", content=b"x", headers={"Content-Type": "image/png"}).status_code == 415


def test_request_size_limit(http):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    assert http.post("/sparql", content=big,
                     headers={"Content-Type": "application/sparql-query"}).status_code == 413


def test_cors_is_off_by_default(http):
    r = http.get("/sparql", params={"query": Q}, headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_flag_turns_it_on(served_store):
    from server_support import LiveServer

    server = LiveServer(served_store, "--cors")
    try:
        r = httpx.get(server.url + "/sparql", params={"query": Q},
                      headers={"Origin": "https://example.org"})
        assert r.headers["access-control-allow-origin"] == "*"
    finally:
        server.stop()


def test_results_parse_with_oxigraph(http):
    r = http.get("/sparql", params={"query": Q}, headers={"Accept": "application/sparql-results+xml"})
    solutions = pyoxigraph.parse_query_results(r.content, format=pyoxigraph.QueryResultsFormat.XML)
    assert len(list(solutions)) == 3


def test_dataset_is_a_page_and_rdf_by_conneg_and_its_dump_is_served(http):
    """Regression (issue 22): /dataset was Turtle in a <pre>; the dump the VoID names answered 404."""
    page = http.get("/dataset", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<pre" not in page.text and "Named graphs" in page.text
    g = Graph().parse(data=http.get("/dataset", headers={"Accept": "text/turtle"}).content,
                      format="turtle")
    dumps = [str(d) for d in g.objects(None, URIRef("http://rdfs.org/ns/void#dataDump"))]
    served = [d for d in dumps if d.startswith(str(http.base_url))]
    assert served, dumps
    r = http.get(served[0])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    dumped = Graph().parse(data=r.content, format="turtle")
    count = http.post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                      headers={"Accept": "text/csv"}).text.split()[1]
    assert len(dumped) == int(count)
