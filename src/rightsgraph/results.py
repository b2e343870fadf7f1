"""Query results as the bytes `rightsgraph query` writes: CSV, TSV or SPARQL JSON results.

Plain data in (a `QueryResult`), bytes out; the terminal table is rich's (`render`). CSV and
TSV hold each term's text (an IRI, a literal's lexical form), one row per line; JSON is the
SPARQL 1.1 Query Results JSON Format. An ASK result is `true` or `false`, a graph N-Triples.
"""

from __future__ import annotations

import csv
import io
import json

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
    if fmt not in FORMATS:
        raise ValueError(f"unknown results format {fmt!r}")
    if result.kind == "ask":
        return b"true\n" if result.boolean else b"false\n"
    if result.kind == "graph":
        return result.triples or b""
    rows = result.rows if limit is None else result.rows[:limit]
    buf = io.StringIO()
    if fmt == "json":
        bindings = [{var: json_term(term) for var, term in zip(result.variables, row, strict=True)
                     if term is not None} for row in rows]
        json.dump({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                  buf, ensure_ascii=False, indent=1)
        buf.write("\n")
    else:
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([term_text(t) for t in row] for row in rows)
    return buf.getvalue().encode("utf-8")
