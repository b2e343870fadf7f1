"""Property-based fuzzing of ingest, parse, extract and emit (hypothesis).

The only outcomes allowed for any input: a graph (that serialises and parses back, and passes
validation where checked), or an `InputError`. `make test` runs the `ci` profile (a bounded,
derandomized budget); `make fuzz` runs the `fuzz` profile with many more examples.
"""

from __future__ import annotations

import codecs
import random

import pyoxigraph as ox
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import hostile
from conftest import GENRE_REPORTS, budget
from rightsgraph.emit import emit
from rightsgraph.errors import InputError, UsageError
from rightsgraph.extract import extract
from rightsgraph.ingest import ingest_bytes
from rightsgraph.parse import parse
from rightsgraph.serialize import ntriples
from rightsgraph.validate import validate

pytestmark = pytest.mark.fuzz

SEED = hostile.seed_bytes()
REPORTS = [SEED, *(p.read_bytes() for p in GENRE_REPORTS)]
SMALL = min(REPORTS, key=len)

# Pieces of the report genre, so that random text reaches deep into the parser.
TOKENS = [
    "\n", "\n\n", " ", "1. ", "2. ", "3. ", "12. ", "0. ", "I. ", "II. ", "A. ", "B. ", "# ", "## ",
    "### ", "---", "\f", "<sup>1</sup>", "<sup>2</sup>", "<sup>", "</sup>", "[^1]", "[^1]: ",
    "<sup>1</sup> See ", "[a](https://x.example/a)", "<https://x.example/b>", "https://x.example/c",
    "**", "*", "\\", "\\_", "[", "](", ")", "<", ">", "Human Rights Council", "General Assembly",
    "Distr.: General", "16 July 2024", "Fifty-seventh session", "Agenda items 2 and 3",
    "*Summary*", "resolution 53/24", "was held on 15 May 2024", "A/HRC/57/1", "Mexico",
    "the Special Rapporteur", "recommended that States", '"""', "'", "\u00e9", "\u200b", "\ufeff",
    "\u2028", "\r\n", "\t", "\x0b",
]
inline = st.lists(st.one_of(st.sampled_from(TOKENS), st.sampled_from(TOKENS), st.text(max_size=12)),
                  max_size=30).map("".join)
WORDS = ["States", "The", "Participants", "Mr.", "In", "A", "\u00c9tats", "\"Quoted\"", "<b>", "**Bold**"]


@st.composite
def report_text(draw) -> str:
    """A report-shaped text: front matter, then headings, numbered paragraphs (mostly in sequence),
    footnotes, page rules and stray lines, each filled with genre tokens and arbitrary text."""
    out = [draw(inline) for _ in range(draw(st.integers(0, 3)))]
    number = 0
    for kind in draw(st.lists(st.sampled_from(["para", "para", "para", "more", "heading", "letter",
                                               "footnote", "rule", "free"]), max_size=25)):
        if kind == "para":
            number = number + 1 if draw(st.integers(0, 9)) else draw(st.integers(0, number + 60))
            out.append(f"{number}. {draw(st.sampled_from(WORDS))} {draw(inline)}")
        elif kind == "heading":
            out.append(f"{draw(st.sampled_from(['', '# ', '## ', '### **']))}"
                       f"{draw(st.sampled_from(['I', 'II', 'III', 'IV', 'X']))}. {draw(inline)}")
        elif kind == "letter":
            out.append(f"{draw(st.sampled_from(['', '#### ']))}{draw(st.sampled_from('ABCZ'))}. "
                       f"{draw(inline)}")
        elif kind == "footnote":
            n = draw(st.integers(0, 30))
            out.append(draw(st.sampled_from([f"<sup>{n}</sup> ", f"[^{n}]: "])) + draw(inline))
        elif kind == "rule":
            out.append(draw(st.sampled_from(["---", "***", "\f", "___"])))
        else:
            out.append(draw(inline))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(out)


report_text = report_text()
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
            codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


def convert_bytes(data: bytes, name: str = "<fuzz>"):
    """ingest -> parse -> extract -> emit, as `rightsgraph convert` runs them.

    The outcome is recorded as a hypothesis event (see --hypothesis-show-statistics).
    """
    try:
        text = ingest_bytes(data, name)
        document = parse(text.text, name=name, media_type=text.media_type, symbol=text.symbol)
        graph = emit(document, extract(document))
    except InputError as exc:
        event(f"InputError: {_reason(str(exc))}")
        raise
    event("graph")
    return document, graph


def _reason(message: str) -> str:
    """The kind of refusal, without the offsets and numbers that vary."""
    import re

    return re.sub(r"\d+", "N", message.split(": ", 1)[-1])[:60]


def assert_round_trips(graph) -> None:
    """The graph's canonical N-Triples parse back to the same number of triples."""
    data = ntriples(graph)
    assert len(list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))) == len(graph)


def assert_document_sound(document) -> None:
    keys = [p.key for p in document.paragraphs]
    assert keys and len(set(keys)) == len(keys)  # a numbering may restart: keys stay unique
    for series in {k[: -len(str(p.number))] for k, p in zip(keys, document.paragraphs, strict=True)}:
        numbers = [p.number for p in document.paragraphs if p.key == f"{series}{p.number}"]
        assert numbers == sorted(set(numbers))  # each numbering goes up
    for p in document.paragraphs:
        assert "\x00" not in p.text
        for ref in p.footnotes:
            assert 0 <= ref.offset <= len(p.text)


@settings(max_examples=budget(500))
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_ingest_arbitrary_bytes(prefix, body):
    try:
        text = ingest_bytes(prefix + body, "<fuzz>")
    except InputError as exc:
        event(f"InputError: {_reason(str(exc))}")
        return
    event("text")
    assert text.text.strip()
    assert not set(text.text) & {chr(c) for c in [*range(0, 9), *range(14, 32), 127]}


@settings(max_examples=budget(500))
@given(text=report_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_convert_arbitrary_report_text(text, encoding):
    try:
        document, graph = convert_bytes(text.encode(encoding, errors="surrogatepass"))
    except InputError:
        return
    assert_document_sound(document)
    assert_round_trips(graph)


MUTATIONS = st.one_of(
    st.builds(lambda at: ("truncate", lambda d, r: hostile.truncate(d, at)), st.integers(0, 70_000)),
    st.builds(lambda share: ("shuffle", lambda d, r: hostile.shuffle_lines(d, r, share)),
              st.floats(0.0, 1.0)),
    st.builds(lambda at, junk: ("insert", lambda d, r: hostile.insert_bytes(d, at, junk)),
              st.integers(0, 70_000), st.binary(min_size=1, max_size=40)),
    st.builds(lambda at, junk: ("insert-text", lambda d, r: hostile.insert_bytes(d, at, junk.encode())),
              st.integers(0, 70_000), st.one_of(st.sampled_from(TOKENS), report_text)),
    st.just(("drop-footnotes", lambda d, r: hostile.drop_footnotes(d))),
    st.just(("drop-markers", lambda d, r: hostile.drop_markers(d))),
    st.just(("stray-markers", lambda d, r: hostile.stray_markers(d, r, 5))),
    st.just(("duplicate-number", hostile.duplicate_paragraph_number)),
    st.just(("swap-paragraphs", hostile.swap_paragraphs)),
    st.just(("far-gap", hostile.renumber_far)),
    st.just(("controls", lambda d, r: hostile.with_controls(d, r, 10))),
    st.just(("crlf", lambda d, r: d.replace(b"\n", b"\r\n"))),
    st.builds(lambda payload: ("inject", lambda d, r: hostile.inject_text(d, payload, r)),
              st.one_of(st.sampled_from(hostile.INJECTIONS), st.text(min_size=1, max_size=40))),
    st.sampled_from([("utf16", lambda d, r: hostile.reencode(d, "utf-16-le", codecs.BOM_UTF16_LE)),
                     ("utf16-nobom", lambda d, r: hostile.reencode(d, "utf-16-be")),
                     ("latin1", lambda d, r: hostile.reencode(d, "latin-1")),
                     ("bom", lambda d, r: codecs.BOM_UTF8 + d)]),
)


@settings(max_examples=budget(150))
@given(base=st.sampled_from(range(len(REPORTS))),
       mutations=st.lists(MUTATIONS, min_size=1, max_size=3), seed=st.integers(0, 2**32))
def test_mutated_reports_give_a_graph_or_input_error(base, mutations, seed):
    rng = random.Random(seed)
    data = REPORTS[base]
    for _name, mutate in mutations:
        data = mutate(data, rng)
    try:
        document, graph = convert_bytes(data)
    except InputError:
        return
    assert_document_sound(document)
    assert_round_trips(graph)


@settings(max_examples=budget(30))
@given(base=st.sampled_from(range(len(REPORTS))),
       mutations=st.lists(MUTATIONS, min_size=1, max_size=2), seed=st.integers(0, 2**32))
def test_mutated_reports_that_convert_also_validate(base, mutations, seed):
    rng = random.Random(seed)
    data = REPORTS[base]
    for _name, mutate in mutations:
        data = mutate(data, rng)
    try:
        _document, graph = convert_bytes(data)
    except InputError:
        return
    report = validate(graph)
    assert report.conforms, report.violations[:3]


@settings(max_examples=budget(25))
@given(text=report_text)
def test_arbitrary_text_that_converts_also_validates(text):
    try:
        _document, graph = convert_bytes(text.encode("utf-8", errors="surrogatepass"))
    except InputError:
        return
    report = validate(graph)
    assert report.conforms, report.violations[:3]


@settings(max_examples=budget(100))
@given(report_id=st.text(max_size=30))
def test_any_report_id_is_minted_or_refused(report_id):
    document = None
    try:
        document = parse(SMALL.decode("utf-8"), report_id=report_id)
    except UsageError:
        event("UsageError")
        return
    event("graph")
    assert_round_trips(emit(document, extract(document)))
