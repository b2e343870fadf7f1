"""Recording a decision: what the store says about the fact, checked before a line is written.

A decision is recorded against the published (reviewed) graph: the fact must be there, an
added fact's quote must be in its paragraph (its offsets are computed here), a correction's
property must be one the fact's kind has, merged actors must be named by the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ReviewError
from ..iris import base_iri, check_report_id, is_absolute_iri, report_graph, report_key
from .records import Review, append_review, new_review
from .terms import check_kind, check_property

_PREFIXES = ("PREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n"
             "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


@dataclass(frozen=True)
class StoredFact:
    report: str
    key: str  # under the base
    kind: str
    paragraph: str  # key
    start: int
    quote: str


def _v(term) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def fact_key_of(fact: str, base: str) -> str:
    """``report/r/violation/3-…`` from a key or an IRI under the base."""
    if fact.startswith(base):
        return fact[len(base):]
    if is_absolute_iri(fact):
        raise ReviewError(f"{fact} is not under the resource base {base}")
    return fact.strip("/")


def stored_fact(store, fact: str, *, base: str | None = None) -> StoredFact:
    """The fact `fact` (a key or an IRI) as the store holds it."""
    base = base_iri(base)
    key = fact_key_of(fact, base)
    parts = key.split("/")
    if len(parts) != 4 or parts[0] != "report":
        raise ReviewError(f"{fact!r} is not a fact (report/{{id}}/{{kind}}/{{paragraph}}-{{digest}})")
    rid, kind = parts[1], check_kind(parts[2])
    rows = store.query(_PREFIXES + f"""SELECT ?p ?start ?quote WHERE {{
        GRAPH <{report_graph(rid)}> {{
          <{base}{key}> prov:wasDerivedFrom ?p ; rg:start ?start ; rg:quote ?quote . }} }}
        LIMIT 1""").rows
    if not rows:
        raise ReviewError(f"no fact {key} in the store (build the report first; a rejected "
                          "fact is no longer there)")
    p, start, quote = (_v(t) for t in rows[0])
    return StoredFact(rid, key, kind, p.rsplit("/paragraph/", 1)[-1], int(start), quote or "")


def paragraph_text(store, report: str, paragraph: str, *, base: str | None = None) -> str:
    base = base_iri(base)
    node = base + report_key(check_report_id(report), "paragraph", paragraph)
    rows = store.query(_PREFIXES + f"""SELECT ?text WHERE {{
        GRAPH <{report_graph(report)}> {{ <{node}> rg:text ?text }} }} LIMIT 1""").rows
    if not rows:
        raise ReviewError(f"report {report} has no paragraph {paragraph} in the store")
    return _v(rows[0][0]) or ""


def _mentioned(store, report: str, key: str, base: str) -> bool:
    node = base + (key if key.split("/", 1)[0] in ("state", "org", "person", "place", "instrument")
                   else report_key(report, key))
    return store.query(f"""ASK {{ GRAPH <{report_graph(report)}> {{
        {{ <{node}> ?p ?o }} UNION {{ ?s ?q <{node}> }} }} }}""").boolean


def record(store, folder: str | Path, decision: str, reviewer: str, *, fact: str = "",
           report: str = "", kind: str = "", paragraph: str | None = None, quote: str = "",
           values: tuple[tuple[str, str], ...] = (), note: str = "",
           base: str | None = None) -> Review:
    """Check one decision against the store and append it to the report's review file."""
    base = base_iri(base)
    if decision in ("accept", "reject", "correct"):
        found = stored_fact(store, fact, base=base)
        if decision == "correct":
            if len(values) != 1:
                raise ReviewError("a correction sets exactly one property: --set NAME=VALUE")
            check_property(found.kind, values[0][0])
        elif values:
            raise ReviewError(f"an {decision} sets no property")
        review = new_review(found.report, decision, reviewer, fact=found.key, kind=found.kind,
                            paragraph=found.paragraph, start=found.start, quote=found.quote,
                            values=values, note=note)
    elif decision == "add":
        check_kind(kind)
        for name, _ in values:
            check_property(kind, name)
        if paragraph is None or not quote:
            raise ReviewError("an added fact needs its paragraph and its quote")
        text = paragraph_text(store, report, paragraph, base=base)
        start = text.find(quote)
        if start < 0:
            raise ReviewError(f"the quote {quote!r} is not in paragraph {paragraph} of {report}")
        review = new_review(report, "add", reviewer, kind=kind, paragraph=paragraph, start=start,
                            quote=quote, values=values, note=note)
    elif decision in ("merge", "split"):
        name = "sameAs" if decision == "merge" else "differentFrom"
        other = dict(values).get(name)
        if not other:
            raise ReviewError(f"a {decision} names the other actor ({name}=key)")
        for key in (fact, other):
            if not _mentioned(store, report, key, base):
                raise ReviewError(f"report {report} does not mention the actor {key}")
        review = new_review(report, decision, reviewer, fact=fact, values=values, note=note)
    else:
        raise ReviewError(f"unknown decision {decision!r}")
    append_review(folder, review)
    return review
