"""Injection: query parameters and report text that look like SPARQL, Turtle, JSON-LD or markup
change no query and break no serialisation (round trips through every export format)."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile
from conftest import GENRE_REPORTS, budget
from rightsgraph.emit import emit
from rightsgraph.errors import InputError, UsageError
from rightsgraph.export import export
from rightsgraph.extract import extract
from rightsgraph.formats import RDF_FORMAT_NAMES, rdf_format
from rightsgraph.ingest import ingest_bytes
from rightsgraph.parse import parse
from rightsgraph.querylib import LibraryQuery, Param, bind, find_query
from rightsgraph.serialize import ntriples, serialize
from rightsgraph.store import EmbeddedStore

BASE_REPORT = min(GENRE_REPORTS, key=lambda p: p.stat().st_size).read_bytes()
EVIL = "https://evil.example/"
RG_TEXT = ox.NamedNode("https://w3id.org/rightsgraph/ontology#text")


def convert_with(payload: str, seed: int = 0):
    data = hostile.inject_text(BASE_REPORT, payload, random.Random(seed), times=2)
    data = data.replace(b"<sup>1</sup> ", b"<sup>1</sup> " + payload.encode("utf-8") + b" ", 1)
    text = ingest_bytes(data, "<injected>")
    document = parse(text.text, name="<injected>")
    return emit(document, extract(document))


def quads_of(data: bytes, fmt: ox.RdfFormat, graph_name: str) -> set[tuple[str, str, str]]:
    out = set()
    for q in ox.parse(data, format=fmt):
        if fmt.supports_datasets:
            assert str(q.graph_name) == f"<{graph_name}>"
        out.add((str(q.subject), str(q.predicate), str(q.object)))
    return out


def assert_round_trips_everywhere(graph) -> None:
    """Every export format parses back to exactly the triples emitted; no term was injected."""
    expected = quads_of(ntriples(graph), ox.RdfFormat.N_TRIPLES, str(graph.identifier))
    assert len(expected) == len(graph)
    for term in {t for triple in expected for t in triple[:2]} | {o for *_, o in expected}:
        assert not term.startswith(f"<{EVIL}"), term  # only ever inside literals
    for name in RDF_FORMAT_NAMES:
        fmt = rdf_format(name)
        assert quads_of(serialize(graph, fmt), fmt, str(graph.identifier)) == expected, name


@pytest.mark.parametrize("payload", hostile.INJECTIONS, ids=range(len(hostile.INJECTIONS)))
def test_report_text_with_syntax_round_trips_every_format(payload):
    graph = convert_with(payload)
    texts = [str(o) for o in graph.objects(None, None) if payload.strip('"\'') in str(o)]
    assert texts or payload.startswith(("\\", "\u202e", "**", "<script>")), payload
    assert_round_trips_everywhere(graph)


@pytest.mark.fuzz
@settings(max_examples=budget(40))
@given(payload=st.text(min_size=1, max_size=60), seed=st.integers(0, 1000))
def test_any_text_in_a_report_round_trips_every_format(payload, seed):
    try:
        graph = convert_with(payload, seed)
    except InputError:  # e.g. the payload renumbers a paragraph
        return
    assert_round_trips_everywhere(graph)


def test_store_export_round_trips_injected_text(tmp_path: Path):
    graph = convert_with(" ".join(hostile.INJECTIONS))
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graphs({str(graph.identifier): ntriples(graph)})
        expected = quads_of(ntriples(graph), ox.RdfFormat.N_TRIPLES, str(graph.identifier))
        for name in RDF_FORMAT_NAMES:
            fmt = rdf_format(name)
            data = store.dump(fmt, graph=str(graph.identifier))
            assert quads_of(data, fmt, str(graph.identifier)) == expected, name
            if not fmt.supports_datasets:
                assert quads_of(export(store, fmt), fmt, "") == expected, name


# --- query parameters -------------------------------------------------------------------------

QUERY = LibraryQuery(
    name="probe", path=Path("probe.rq"), title="probe", description="",
    params=tuple(Param(n, t) for n, t in [("text", "string"), ("iri", "iri"), ("n", "integer"),
                                          ("d", "decimal"), ("day", "date"), ("flag", "boolean")]),
    text="SELECT ?p ?text ?iri ?n ?d ?day ?flag WHERE {\n"
         "  OPTIONAL { ?p <https://w3id.org/rightsgraph/ontology#text> ?text }\n}",
)


def _store_with_text(value: str) -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/p"), RG_TEXT, ox.Literal(value),
                      ox.DefaultGraph()))
    store.add(ox.Quad(ox.NamedNode("https://example.org/other"), RG_TEXT, ox.Literal("other"),
                      ox.DefaultGraph()))
    return store


@pytest.mark.fuzz
@settings(max_examples=budget(300))
@given(value=st.text(max_size=80))
def test_string_parameter_is_bound_as_one_literal(value):
    """Whatever the value, the query keeps its shape and the value arrives intact."""
    try:
        text = bind(QUERY, {"text": value})
    except UsageError:  # empty, too long, or holding a NUL or a lone surrogate: refused
        assert value == "" or len(value) > 10_000 or "\x00" in value or any(
            0xD800 <= ord(c) <= 0xDFFF for c in value)
        return
    if value == "":
        return
    rows = list(_store_with_text(value).query(text))
    assert len(rows) == 1
    assert rows[0]["text"].value == value and rows[0]["p"].value == "https://example.org/p"


@pytest.mark.fuzz
@settings(max_examples=budget(200))
@given(name=st.sampled_from(["iri", "n", "d", "day", "flag"]), value=st.text(min_size=1, max_size=60))
def test_typed_parameters_are_bound_or_refused(name, value):
    try:
        text = bind(QUERY, {name: value})
    except UsageError:
        return
    rows = list(ox.Store().query(text))
    assert len(rows) == 1
    bound = rows[0][name]
    assert bound is not None
    if name == "iri":
        assert isinstance(bound, ox.NamedNode) and bound.value == value


@pytest.mark.parametrize("value", [
    'x")) } UNION { ?s ?p ?o } #',
    'x" . ?s ?p ?o . FILTER("1',
    "x'''} DELETE WHERE { ?s ?p ?o } #",
    '\\" } ; DROP ALL ; #',
    "\\u0022) } UNION { ?s ?p ?o } #",
    "line\nbreak\r\"quote\"\\",
    "} } } ] ) #",
])
def test_library_query_parameter_injection_returns_nothing(value):
    """paragraphs-mentioning with a hostile text finds no paragraph and changes nothing."""
    store = _store_with_text("a paragraph about detention")
    q = find_query("paragraphs-mentioning")
    rows = list(store.query(bind(q, {"text": value})))
    assert rows == []
    assert len(store) == 2


@pytest.mark.parametrize("value", ["https://x.example/a> . <b", "https://x.example/a b",
                                   'https://x.example/"', "no-scheme", "https://x.example/{x}",
                                   "https://x.example/\u0000"])
def test_iri_parameter_refuses_what_would_escape_the_brackets(value):
    with pytest.raises(UsageError):
        bind(QUERY, {"iri": value})
