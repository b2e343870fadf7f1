"""Query results as the bytes `rightsgraph query` writes: CSV, TSV or SPARQL JSON results.

Plain data in (a `QueryResult`), bytes out; the terminal table is rich's (`render`). CSV and
TSV hold each term's text (an IRI, a literal's lexical form), one row per line; JSON is the
SPARQL 1.1 Query Results JSON Format. An ASK result is `true` or `false`, a graph N-Triples.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from .store.base import QueryResult

FORMATS = ("csv", "tsv", "json")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_text(term) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def json_term(term) -> dict:
    """One RDF term as a SPARQL JSON results binding (RDF-star triples included).

    >>> from pyoxigraph import Literal, NamedNode
    >>> json_term(NamedNode("urn:x")), json_term(Literal("été", language="fr"))
    ({'type': 'uri', 'value': 'urn:x'}, {'type': 'literal', 'value': 'été', 'xml:lang': 'fr'})
    """
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": json_term(term.subject),
                                            "predicate": json_term(term.predicate),
                                            "object": json_term(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def format_results(result: QueryResult, fmt: str, *, limit: int | None = None) -> bytes:
    """`result` in `fmt` (one of `FORMATS`), at most `limit` rows.

    >>> from pyoxigraph import Literal, NamedNode
    >>> r = QueryResult("select", ("a", "b"), ((NamedNode("urn:x"), Literal("1, 2")), (None, None)))
    >>> format_results(r, "csv")
    b'a,b\\nurn:x,"1, 2"\\n,\\n'
    >>> format_results(r, "tsv", limit=1)
    b'a\\tb\\nurn:x\\t1, 2\\n'
    """
    return b"".join(iter_results(result, fmt, limit=limit))


def iter_results(result: QueryResult, fmt: str, *, limit: int | None = None,
                 rows_per_chunk: int = 2_000) -> Iterator[bytes]:
    """The bytes of `format_results` in chunks of `rows_per_chunk` rows, so that a large answer
    is never held whole in another form than its rows (kept answers are compressed as they come)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown results format {fmt!r}")
    if result.kind == "ask":
        yield b"true\n" if result.boolean else b"false\n"
        return
    if result.kind == "graph":
        yield result.triples or b""
        return
    rows = result.rows if limit is None else result.rows[:limit]
    chunks = (rows[i:i + rows_per_chunk] for i in range(0, len(rows), rows_per_chunk))
    if fmt == "json":
        yield from _json_chunks(result.variables, chunks, bool(rows))
        return
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
    writer.writerow(result.variables)
    for chunk in chunks:
        writer.writerows([term_text(t) for t in row] for row in chunk)
        yield buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue().encode("utf-8")


def _json_chunks(variables: tuple[str, ...], chunks, any_rows: bool) -> Iterator[bytes]:
    """SPARQL JSON results, byte for byte what `json.dump(..., ensure_ascii=False, indent=1)`
    writes for the whole document, one chunk of bindings at a time: the document is written
    around a marker binding, and each binding, written alone, is indented to its depth (a JSON
    text holds no raw line break but those of its layout)."""
    head = {"vars": list(variables)}
    if not any_rows:
        yield (json.dumps({"head": head, "results": {"bindings": []}}, ensure_ascii=False,
                          indent=1) + "\n").encode("utf-8")
        return
    frame = json.dumps({"head": head, "results": {"bindings": ["\0"]}}, ensure_ascii=False,
                       indent=1)
    before, after = frame.split('"\\u0000"')
    first = True
    for chunk in chunks:
        text = ",\n   ".join(
            json.dumps({var: json_term(term) for var, term in zip(variables, row, strict=True)
                        if term is not None}, ensure_ascii=False, indent=1).replace("\n", "\n   ")
            for row in chunk)
        yield ((before if first else ",\n   ") + text).encode("utf-8")
        first = False
    yield (after + "\n").encode("utf-8")
