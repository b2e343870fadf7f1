"""One regression test per bug the fuzzing and the fault tests found, named after it, input inline.

The quadratic-regex tests feed a line of about 1 MB: before the fix each took minutes to hours
(see bench/regex_scaling.py); now they finish like any report. No time is asserted.
"""

from __future__ import annotations

import codecs

import pyoxigraph as ox
import pytest
from rdflib import Graph

from conftest import SEED
from rightsgraph.emit import emit
from rightsgraph.errors import InputError, UsageError
from rightsgraph.extract import extract
from rightsgraph.ingest import decode, ingest_bytes
from rightsgraph.parse import parse
from rightsgraph.querylib import LibraryQuery, Param, bind
from rightsgraph.serialize import serialize
from rightsgraph.store import EmbeddedStore

MB = 1024 * 1024


def _convert(text: str):
    document = parse(ingest_bytes(text.encode("utf-8")).text)
    return document, emit(document, extract(document))


@pytest.mark.parametrize("line", [
    "**a " * (MB // 4),  # blocks._EMPHASIS: lazy span up to a back-reference
    "[a](" * (MB // 4),  # parse._MD_LINK: label and target rescanned from every bracket
    "[" * MB,
    "<http://a" * (MB // 9),  # parse._AUTOLINK
    "a" + " " * MB + "b",  # plain_text: `[ \t]*\n[ \t]*` over a long blank run
], ids=["double-stars", "link-openers", "open-brackets", "autolink-openers", "blank-run"])
def test_bug_quadratic_regex_on_one_megabyte_paragraph_line(line):
    document, graph = _convert(f"1. {line}\n\n2. Next.\n\n<sup>1</sup> {line}\n")
    assert [p.number for p in document.paragraphs] == [1, 2]
    assert len(graph) > 0


def test_bug_quadratic_heading_regex_on_a_line_of_hashes():
    document, _ = _convert("#" * MB + "x\n\n1. Text.\n")
    assert [p.number for p in document.paragraphs] == [1]


def test_bug_quadratic_agenda_regex_on_trailing_punctuation():
    document, _ = _convert("Agenda items 2 " + "." * MB + "x\n\n1. Text.\n")
    assert document.paragraphs[0].text == "Text."


def test_bug_quadratic_session_regex_on_a_long_front_line():
    document, _ = _convert("Fifty " + "a " * (MB // 2) + "session\n\n1. Text.\n")
    assert document.session is None


def test_closing_hashes_still_stripped_from_headings():
    document, _ = _convert("## I. Background ##\n\n1. Text.\n\n### A. C# and F# ###\n\n2. More.\n")
    assert [(s.path, s.title) for s in document.sections] == [("I", "Background"), ("I.A", "C# and F#")]


def test_bug_control_characters_broke_the_rdf_xml_export():
    _, graph = _convert("1. Text with \x01 a start-of-heading, \x1b escape and \x7f delete\x0c, "
                        "\x85 next line and \ufffe.\n")
    data = serialize(graph, ox.RdfFormat.RDF_XML)
    parsed = Graph().parse(data=data, format="xml")  # expat: well-formed XML 1.0
    assert len(parsed) == len(graph)


def test_bug_unsafe_report_id_was_an_internal_error(cli):
    for rid in ("a b", "../x", "x>y", "a/b", ""):
        with pytest.raises(UsageError):
            parse("1. Text.\n", report_id=rid)
    res = cli("convert", str(SEED), "--id", "a> <b", "--format", "nt")
    assert res.returncode == 2 and len(res.stderr.decode().strip().splitlines()) == 1


def test_bug_invalid_base_iri_was_an_internal_error(cli):
    res = cli("convert", str(SEED), "--base", 'http://a/> <http://e> "x" . #', "--format", "nt")
    assert res.returncode == 2, res.stderr
    assert len(res.stderr.decode().strip().splitlines()) == 1 and b"--base" in res.stderr
    res = cli("convert", str(SEED), "--format", "nt", env={"RIGHTSGRAPH_BASE": "not an iri"})
    assert res.returncode == 2 and b"RIGHTSGRAPH_BASE" in res.stderr


def test_bug_nul_offset_was_a_character_offset_not_a_byte_offset():
    with pytest.raises(InputError, match="byte offset 4"):
        decode("éé\x00".encode())  # 2 characters, 4 bytes before the NUL
    with pytest.raises(InputError, match="byte offset 6"):
        decode(codecs.BOM_UTF16_LE + "ab\x00".encode("utf-16-le"))


def test_bug_utf16_without_bom_was_called_binary():
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        decode("1. A paragraph of text.\n".encode("utf-16-le"))


def test_bug_utf32_with_bom_was_decoded_as_utf16():
    with pytest.raises(InputError, match="UTF-32"):
        decode(codecs.BOM_UTF32_LE + "1. Text.\n".encode("utf-32-le"))


def test_latin1_refusal_names_the_byte():
    with pytest.raises(InputError, match=r"byte offset 6 .*0xe9; Latin-1"):
        decode("1. Caf\u00e9.\n".encode("latin-1"))


def test_bug_iri_parameter_accepted_control_characters():
    query = LibraryQuery("q", SEED, "q", "", (Param("x", "iri"),), "SELECT * WHERE { ?s ?p ?x }")
    for value in ("https://x.example/\x00", "https://x.example/\x1f", "https://x.example/\x85"):
        with pytest.raises(UsageError):
            bind(query, {"x": value})


class _InterruptedAfterLoad:
    """The real pyoxigraph store, with SIGINT arriving right after a bulk load (fault injection)."""

    def __init__(self, store):
        self._real = store

    def __getattr__(self, name):
        return getattr(self._real, name)

    def bulk_load(self, *args, **kwargs):
        self._real.bulk_load(*args, **kwargs)
        raise KeyboardInterrupt


def test_bug_interrupted_publish_left_new_graphs_half_published(tmp_path):
    triple = b'<https://e.org/s> <https://e.org/p> "%d" .\n'
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_graphs({"https://example.org/g/a": triple % 1})
        real = store._store
        store._store = _InterruptedAfterLoad(real)
        with pytest.raises(KeyboardInterrupt):
            store.replace_graphs({"https://example.org/g/a": triple % 2,
                                  "https://example.org/g/b": triple % 3 + triple % 4})
        store._store = real
        assert store.graph_sizes() == {"https://example.org/g/a": 1}
        assert b'"1"' in store.dump(ox.RdfFormat.N_TRIPLES, graph="https://example.org/g/a")


def test_bug_graph_name_was_pasted_into_the_update_unchecked(tmp_path):
    from rightsgraph.errors import StoreError

    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(StoreError, match="not an IRI"):
            store.replace_graphs({"https://e.org/g> } ; DROP ALL ; { <x": b""})
        assert store.graph_sizes() == {}


def test_bug_overlap_checks_were_quadratic_in_the_mentions_of_a_paragraph():
    """Every kept mention was compared with every candidate (`all(...)`/`any(...)` over a list):
    a paragraph naming one State 20,000 times took minutes in the matcher and place finder."""
    from rightsgraph.extract.places import PlaceFinder
    from rightsgraph.extract.violations import violation_mentions
    from rightsgraph.registry import find_mentions

    text = "Mexico, pushbacks and arbitrary detention; " * 20_000
    assert len(find_mentions(text, kinds=("state",), adjectives=False)) == 20_000
    assert len(PlaceFinder().mentions(text)) == 20_000
    assert len(violation_mentions(text)) >= 20_000


def test_bug_jsonld_export_changed_text_holding_backslash_escapes():
    """pyld's N-Quads reader unescaped `\\u0022` inside a literal: the JSON-LD export changed it."""
    from rightsgraph.serialize import ntriples

    _, graph = _convert('1. A quote written as \\u0022 and \\U0000003E and \\\\ and \\n in the text.\n')
    data = serialize(graph, ox.RdfFormat.JSON_LD)
    back = {str(q.object) for q in ox.parse(data, format=ox.RdfFormat.JSON_LD)}
    assert back == {str(t.object) for t in ox.parse(ntriples(graph), format=ox.RdfFormat.N_TRIPLES)}


def test_bug_marker_without_footnote_made_a_dangling_statistic_source():
    """A figure followed by a marker whose footnote is missing cited a footnote never emitted."""
    from rightsgraph.validate import validate

    _, graph = _convert("1. More than 5,000 migrants died at sea in 2023.<sup>7</sup>\n")
    report = validate(graph)
    assert report.conforms, report.violations[:2]


def test_bug_publishing_rewrote_literal_text_ending_in_a_blank_node_label():
    """Graphs crossing into the store get graph-local blank node labels by a regex over the
    N-Triples; it took the end of a literal `"... _:b"` for an object blank node and rewrote
    the text to `"... _:g0b"`."""
    text = b'<http://ex/s> <http://ex/p> "see _:b" .\n<http://ex/s> <http://ex/q> _:b .\n'
    with EmbeddedStore(None) as store:
        store.replace_graphs({"http://ex/g": text})
        held = {str(q.object) for q in store.raw.quads_for_pattern(None, None, None, None)}
    assert '"see _:b"' in held and len(held) == 2
