"""The SPARQL 1.1 Protocol endpoint (read-only) and its Service Description."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs

from anyio import to_thread
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD
from starlette.requests import Request as HttpRequest
from starlette.responses import RedirectResponse, Response

from ..errors import RightsGraphError
from .admission import Busy
from .conneg import DOCUMENT_CHOICES, HTML, RDF_CHOICES, Choice, by_name, negotiate
from .runner import BadQuery, QueryTimeout, Request
from .security import QueryRefused, check_query, code_of

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_CHOICES = (
    Choice("json", "application/sparql-results+json"),
    Choice("xml", "application/sparql-results+xml"),
    Choice("csv", "text/csv"),
    Choice("tsv", "text/tab-separated-values"),
)
RESULT_ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml"}
TRUNCATED = "X-Result-Truncated"
MAX_ROWS = "X-Result-Max-Rows"


def text(message: str, status: int, **headers) -> Response:
    """A short plain-text error, never a stack trace."""
    return Response(message.rstrip() + "\n", status_code=status, media_type="text/plain",
                    headers={"Cache-Control": "no-store", **headers})


_UPDATE_WORDS = re.compile(r"\b(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                           re.I)


def _is_update(sparql: str) -> bool:
    """True when the text parses as a SPARQL Update (it is refused, not run). rdflib's parser
    is slow Python: only a text with an update keyword in its code goes to it."""
    from rdflib.plugins.sparql.parser import parseUpdate

    if not _UPDATE_WORDS.search(code_of(sparql)):
        return False

    try:
        parseUpdate(sparql)
    except Exception:  # rdflib raises pyparsing errors of several kinds
        return False
    return True


def _formats(request: HttpRequest, params: dict[str, list[str]]) -> tuple[str, str] | Response:
    accept = request.headers.get("accept")
    wanted = (params.get("format") or [None])[0]
    results, graph = "json", "ttl"
    if wanted:
        key = RESULT_ALIASES.get(wanted.lower(), wanted.lower())
        r = by_name(key, RESULT_CHOICES)
        g = by_name(key, RDF_CHOICES)
        if not r and not g:
            return text(f"unknown format {wanted!r}; use json, xml, csv, tsv, ttl, jsonld, nt or rdf",
                        400)
        return (r.name if r else results, g.name if g else graph)
    if accept:
        normal = ",".join(
            RESULT_CHOICES[0].media_type if part.split(";")[0].strip().lower() == "application/json"
            else part for part in accept.split(","))
        r = negotiate(normal, RESULT_CHOICES)
        g = negotiate(accept, RDF_CHOICES)
        results = r.name if r else results
        graph = g.name if g else graph
    return results, graph


async def _read_body(request: HttpRequest, limit: int) -> bytes | Response:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return text(f"request larger than {limit} bytes", 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return text(f"request larger than {limit} bytes", 413)
    return body


def busy(exc: Busy) -> Response:
    """503 with `Retry-After`: the request's queue was full or its time ran out in it."""
    return text(str(exc), 503, **{"Retry-After": str(exc.retry_after)})


async def endpoint(request: HttpRequest) -> Response:
    arrival = time.monotonic()  # the time limit counts from here, waiting included
    app = request.app.state.rg
    limit = app.config.max_request_bytes
    params: dict[str, list[str]] = parse_qs(request.url.query, keep_blank_values=True)
    if len(request.url.query.encode()) > limit:
        return text(f"request larger than {limit} bytes", 413)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request, limit)
        if isinstance(body, Response):
            return body
        if ctype == "application/sparql-update":
            return text("this endpoint is read-only: updates are not accepted", 403)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            return text("POST application/sparql-query or application/x-www-form-urlencoded", 415)
    if "update" in params:
        return text("this endpoint is read-only: updates are not accepted", 403)
    queries = params.get("query")
    if not queries:
        if request.method == "GET":
            try:
                return await app.page_gate.run(arrival + app.config.timeout,
                                               service_description, request, params)
            except Busy as exc:
                return busy(exc)
        return text("missing 'query' parameter", 400)
    if len(queries) > 1:
        return text("give one 'query' parameter", 400)
    try:
        check_query(queries[0], max_depth=app.config.max_depth)
    except QueryRefused as exc:
        return text(str(exc), 400)
    fmts = _formats(request, params)
    if isinstance(fmts, Response):
        return fmts
    req = Request(queries[0], fmts[0], fmts[1], tuple(params.get("default-graph-uri", [])),
                  tuple(params.get("named-graph-uri", [])))
    try:
        answer = await app.queries.run(arrival + app.runner.limits.timeout, app.runner.run, req,
                                       arrival + app.runner.limits.timeout)
    except Busy as exc:
        return busy(exc)
    except QueryTimeout as exc:
        return text(str(exc), 503)
    except BadQuery as exc:
        if await to_thread.run_sync(_is_update, req.sparql):
            return text("this endpoint is read-only: updates are not accepted", 403)
        return text(str(exc), 400)
    except RightsGraphError as exc:
        return text(str(exc).splitlines()[0] if str(exc) else "query failed", 500)
    headers = {"Vary": "Accept", "Cache-Control": "no-cache", MAX_ROWS: str(app.runner.limits.max_rows)}
    if answer.truncated:
        headers[TRUNCATED] = "true"
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def service_description(request: HttpRequest, params: dict[str, list[str]]) -> Response:
    """SPARQL 1.1 Service Description of this endpoint (HTML clients go to the query editor)."""
    wanted = (params.get("format") or [None])[0]
    choice = by_name(wanted, DOCUMENT_CHOICES) if wanted else negotiate(
        request.headers.get("accept"), DOCUMENT_CHOICES, default=RDF_CHOICES[0])
    if choice is None:
        return text("not acceptable; ask for text/turtle, application/ld+json, "
                    "application/n-triples or application/rdf+xml", 406)
    if choice is HTML:
        return RedirectResponse("/editor", status_code=303, headers={"Vary": "Accept"})
    app = request.app.state.rg
    url = URIRef(str(request.url.replace(query="", fragment="")).rstrip("?"))
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    g.add((url, RDF.type, SD.Service))
    g.add((url, SD.endpoint, url))
    g.add((url, SD.supportedLanguage, SD.SPARQL11Query))
    if app.runner.limits.union_default_graph:
        g.add((url, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        g.add((url, SD.resultFormat, FORMATS[name]))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((url, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    sizes = app.sizes()
    g.add((default, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for i, (name, n) in enumerate(sorted(sizes.items())):
        ng, gr = BNode(f"ng{i}"), BNode(f"g{i}")
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
        g.add((ng, SD.graph, gr))
        g.add((gr, RDF.type, SD.Graph))
        g.add((gr, VOID.triples, Literal(n, datatype=XSD.integer)))
    fmt = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}[choice.name]
    return Response(g.serialize(format=fmt, encoding="utf-8"), media_type=choice.media_type,
                    headers={"Vary": "Accept"})
