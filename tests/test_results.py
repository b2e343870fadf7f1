"""`results.iter_results`: the chunked writer gives, byte for byte, what writing the whole
answer at once gives (json.dump / csv.writer over every row), whatever the chunk size."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, Literal, NamedNode

from conftest import budget
from rightsgraph.results import format_results, iter_results, json_term, term_text
from rightsgraph.store.base import QueryResult

TEXT = st.text(alphabet=st.sampled_from(list('ab ,;\t\n"\'\\é€😀\u2028\x00{}[]')), max_size=12)
TERMS = st.one_of(
    st.none(),
    TEXT.map(lambda t: NamedNode("urn:x:" + "".join(c for c in t if c.isalnum()))),
    TEXT.map(Literal),
    st.tuples(TEXT, st.sampled_from(["en", "fr-BE"])).map(lambda t: Literal(t[0], language=t[1])),
    st.integers(-5, 5).map(Literal),
    st.sampled_from(["b1", "x"]).map(BlankNode),
)


@st.composite
def results(draw):
    names = draw(st.lists(st.sampled_from(["a", "b", "report", "n"]), unique=True, max_size=4))
    rows = draw(st.lists(st.tuples(*[TERMS for _ in names]), max_size=12))
    return QueryResult("select", tuple(names), tuple(rows))


def whole(result: QueryResult, fmt: str, limit: int | None) -> bytes:
    """The answer written in one go, as `rightsgraph query` wrote it before answers were kept."""
    rows = result.rows if limit is None else result.rows[:limit]
    buf = io.StringIO()
    if fmt == "json":
        bindings = [{v: json_term(t) for v, t in zip(result.variables, row, strict=True)
                     if t is not None} for row in rows]
        json.dump({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                  buf, ensure_ascii=False, indent=1)
        buf.write("\n")
    else:
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in rows:
            writer.writerow([term_text(t) for t in row])
    return buf.getvalue().encode("utf-8")


@settings(max_examples=budget(150))
@given(results(), st.sampled_from(["csv", "tsv", "json"]), st.integers(1, 5),
       st.one_of(st.none(), st.integers(0, 6)))
def test_chunks_add_up_to_the_whole_answer(result, fmt, per_chunk, limit):
    chunks = list(iter_results(result, fmt, limit=limit, rows_per_chunk=per_chunk))
    assert b"".join(chunks) == whole(result, fmt, limit) == format_results(result, fmt, limit=limit)
    if fmt == "json":
        json.loads(b"".join(chunks))


def test_ask_and_graph_answers():
    assert format_results(QueryResult("ask", boolean=True), "json") == b"true\n"
    assert format_results(QueryResult("graph", triples=b"<a> <b> <c> .\n"), "csv") == b"<a> <b> <c> .\n"
