"""Reading from a SPARQL endpoint with SPARQLWrapper: JSON results, CONSTRUCT as Turtle,
truncation detected (HTTP 206, Virtuoso's X-SQL-State and X-SPARQL-MaxRows), bounded retries."""

from __future__ import annotations

import json
import re
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse, serialize
from SPARQLWrapper import DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from ..errors import StoreError, UsageError
from ..querylib import UPDATE_FORMS, query_form
from .base import QueryResult
from .http import MAX_ATTEMPTS, MAX_WAIT, RETRY_STATUSES, Credentials, public_url, retry_after, scrub

# Virtuoso (anytime answers, row caps) and `rightsgraph serve` (its --max-rows cap).
TRUNCATION_HEADERS = ("X-SQL-State", "X-SPARQL-MaxRows", "X-Result-Truncated")


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: the parsed result and whether the endpoint said it is partial."""

    result: QueryResult
    truncated: str | None = None  # why, when the endpoint cut the result


class Reader:
    """Runs read queries against `endpoint` (SPARQL 1.1 Protocol, POST, form-encoded)."""

    def __init__(self, endpoint: str, creds: Credentials, *, timeout: float,
                 challenge: Callable[[], str] | None = None, sleep=time.sleep):
        self.endpoint = endpoint
        self.creds = creds
        self.timeout = timeout
        self.digest_realm: str | None = None
        self.server = ""  # the Server header of the last answer (which engine this is)
        self.requests = 0
        self._challenge = challenge
        self._sleep = sleep

    def _wrapper(self, sparql: str, fmt: str, kind: str) -> SPARQLWrapper:
        w = SPARQLWrapper(self.endpoint, agent="rightsgraph")
        w.setMethod(POST)
        w.setTimeout(int(max(1, self.timeout)))
        w.setQuery(sparql)
        # SPARQLWrapper sniffs the kind by searching keywords anywhere after the prefixes (a
        # comment line saying "addressed" made a SELECT an ADD update): tell it ours
        w.queryType = kind
        w.setReturnFormat(fmt)
        if self.creds.token:
            w.addCustomHttpHeader("Authorization", f"Bearer {self.creds.token}")
        elif self.creds.basic:
            w.setCredentials(self.creds.user, self.creds.password)
            if self.digest_realm is not None:
                w.setHTTPAuth(DIGEST)
                w.setRealm(self.digest_realm)
        return w

    def run(self, sparql: str) -> Answer:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query; raise on failure, report truncation."""
        kind = query_form(sparql) or "SELECT"  # not a known form: the endpoint says what is wrong
        if kind in UPDATE_FORMS:
            raise UsageError("this is a SPARQL Update; queries are read-only (use publish)")
        graph = kind in ("CONSTRUCT", "DESCRIBE")
        response = self._send(sparql, TURTLE if graph else JSON, kind)
        status = getattr(response, "status", 200)
        headers = response.headers
        self.server = headers.get("Server", "")
        truncated = None
        if status == 206:
            truncated = "HTTP 206 Partial Content"
        for name in TRUNCATION_HEADERS:
            if headers.get(name) and headers.get(name).strip().lower() != "false":
                truncated = f"{name}: {scrub(headers.get(name), self.creds)}"
        body = response.read()
        if graph:
            return Answer(_graph_result(body, self.endpoint), truncated)
        return Answer(_json_result(body, self.endpoint), truncated)

    def _send(self, sparql: str, fmt: str, kind: str):
        where = public_url(self.endpoint)
        attempt = 0
        while True:
            self.requests += 1
            try:
                return self._wrapper(sparql, fmt, kind).query().response
            except QueryBadFormed as exc:
                raise UsageError(f"{where} rejected the query: {_first_line(exc, self.creds)}") from None
            except Unauthorized:
                if self._learn_digest():
                    continue
                raise StoreError(f"{where}: query: HTTP 401 Unauthorized ("
                                 + ("credentials refused" if self.creds.basic or self.creds.token
                                    else "set RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD or "
                                    "RIGHTSGRAPH_TOKEN") + ")") from None
            except EndPointNotFound:
                raise StoreError(f"{where}: query: HTTP 404 Not Found (is this the SPARQL "
                                 "endpoint?)") from None
            except URITooLong:
                raise StoreError(f"{where}: query: HTTP 414 URI Too Long") from None
            except EndPointInternalError as exc:
                raise StoreError(f"{where}: query: HTTP 500 ({_first_line(exc, self.creds)})") from None
            except urllib.error.HTTPError as exc:
                if exc.code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                    wait = retry_after(exc.headers.get("Retry-After"), attempt)
                    if wait <= MAX_WAIT:
                        self._sleep(wait)
                        attempt += 1
                        continue
                raise StoreError(f"{where}: query: HTTP {exc.code} {exc.reason}") from None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    raise StoreError(f"{where}: query: no answer within {self.timeout:g} s") from None
                raise StoreError(f"{where}: query: cannot connect ({_reason_text(reason)})") from None
            except (SPARQLWrapperException, OSError, ValueError) as exc:
                raise StoreError(f"{where}: query failed ({_first_line(exc, self.creds)})") from None

    def _learn_digest(self) -> bool:
        """The server refused basic auth: if it asks for digest, switch once and retry."""
        if not self.creds.basic or self.digest_realm is not None or self._challenge is None:
            return False
        challenge = self._challenge()
        if not challenge.lower().startswith("digest"):
            return False
        m = re.search(r'realm="([^"]*)"', challenge)
        self.digest_realm = m.group(1) if m else ""
        return True


def _first_line(exc: Exception, creds: Credentials) -> str:
    text = str(exc)
    text = text.split("Response:", 1)[-1] if "Response:" in text else text
    text = re.sub(r"^b['\"]|['\"]$", "", text.strip())
    return scrub(text.replace("\\n", " "), creds) or type(exc).__name__


def _reason_text(reason) -> str:
    text = str(reason)
    return "connection refused" if "refused" in text.lower() else " ".join(text.split())[:160]


def _graph_result(body: bytes, endpoint: str) -> QueryResult:
    try:
        triples = list(parse(body, format=RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{public_url(endpoint)}: unreadable Turtle answer "
                         f"({str(exc).splitlines()[0]})") from None
    return QueryResult("graph", triples=serialize(triples, format=RdfFormat.N_TRIPLES) or b"")


def _json_result(body: bytes, endpoint: str) -> QueryResult:
    try:
        data = json.loads(body)
    except ValueError:
        raise StoreError(f"{public_url(endpoint)}: answer is not SPARQL JSON results") from None
    if "boolean" in data:
        return QueryResult("ask", boolean=bool(data["boolean"]))
    variables = tuple(data.get("head", {}).get("vars", []))
    rows = tuple(tuple(term(b.get(v)) for v in variables)
                 for b in data.get("results", {}).get("bindings", []))
    return QueryResult("select", variables=variables, rows=rows)


_BNODE_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def term(binding: dict | None):
    """A SPARQL JSON results term as a pyoxigraph term.

    >>> term({"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
    <Literal value=5 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> term({"type": "bnode", "value": "nodeID://b10007"}).value
    'nodeID___b10007'
    """
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(_BNODE_UNSAFE.sub("_", value) or "b")
    if binding.get("xml:lang"):
        return Literal(value, language=binding["xml:lang"])
    if binding.get("datatype"):  # "literal" (SPARQL 1.1) or "typed-literal" (older Virtuoso)
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)
