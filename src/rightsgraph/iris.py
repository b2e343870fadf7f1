"""IRI minting rules shared by every stage: resources, named graphs, the base."""

from __future__ import annotations

import hashlib
import os
import re

from .errors import UsageError

DEFAULT_BASE = "https://w3id.org/rightsgraph/id/"
GRAPH_BASE = "https://w3id.org/rightsgraph/graph/"
ONTOLOGY_NS = "https://w3id.org/rightsgraph/ontology#"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
REGISTRY_GRAPH = GRAPH_BASE + "registry"
VOID_GRAPH = GRAPH_BASE + "void"

_SAFE = re.compile(r"^[A-Za-z0-9._~/-]+$")
_REPORT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")
# An absolute IRI with nothing that would need escaping in N-Triples, Turtle or a SPARQL query.
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+$")


def base_iri(base: str | None = None) -> str:
    """The resource base: the argument, else $RIGHTSGRAPH_BASE, else the w3id default.

    >>> base_iri("https://example.org/r")
    'https://example.org/r/'
    """
    source = "--base" if base else "$RIGHTSGRAPH_BASE"
    value = base or os.environ.get("RIGHTSGRAPH_BASE") or DEFAULT_BASE
    if not is_absolute_iri(value):
        raise UsageError(f"{source} {value!r} is not an absolute IRI (no spaces, quotes or <>)")
    return value if value.endswith(("/", "#")) else value + "/"


def is_absolute_iri(value: str) -> bool:
    """True for an absolute IRI that can be written between ``<>`` in any RDF syntax or query.

    >>> is_absolute_iri("https://w3id.org/rightsgraph/graph/x"), is_absolute_iri("x> . <y")
    (True, False)
    """
    return bool(_ABSOLUTE_IRI.match(value))


def check_report_id(report_id: str) -> str:
    """Refuse a report id that cannot stand as one IRI path segment.

    >>> check_report_id("a-hrc-56-40")
    'a-hrc-56-40'
    """
    if not _REPORT_ID.match(report_id) or ".." in report_id:
        raise UsageError(f"report id {report_id!r} must be letters, digits, '-', '.', '_' or '~' "
                         "(one IRI path segment)")
    return report_id


def report_graph(report_id: str) -> str:
    """Named graph of one report.

    >>> report_graph("a-hrc-56-40")
    'https://w3id.org/rightsgraph/graph/a-hrc-56-40'
    """
    return GRAPH_BASE + report_id


def validation_graph(report_id: str) -> str:
    return GRAPH_BASE + "validation/" + report_id


def vocab_graph(scheme: str) -> str:
    return GRAPH_BASE + "vocab/" + scheme


def resource(key: str, base: str | None = None) -> str:
    """IRI of a resource key such as ``state/COL`` or ``report/x/paragraph/3``."""
    if not _SAFE.match(key) or ".." in key:
        raise ValueError(f"unsafe resource key: {key!r}")
    return base_iri(base) + key


def report_key(report_id: str, *parts: object) -> str:
    return "/".join(["report", report_id, *(str(p) for p in parts)])


FACT_DIGEST = 10  # hex digits of a fact key's digest: 40 bits among the facts of one paragraph


def fact_key(report_id: str, kind: str, paragraph: object, start: int, end: int, type_: str,
             *, digits: int = FACT_DIGEST) -> str:
    """Key of one fact: minted from its kind, paragraph, span and type, never from a rank.

    The same fact gets the same key on every run and machine, and keeps it when other facts of
    its paragraph come or go; two facts with the same kind, paragraph, span and type are one.

    >>> fact_key("a-hrc-99-1", "violation", 2, 66, 74, "violation-type/arbitrary-detention")
    'report/a-hrc-99-1/violation/2-2f4946996a'
    """
    identity = "\x1f".join((kind, str(paragraph), str(start), str(end), type_))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:digits]
    return report_key(report_id, kind, f"{paragraph}-{digest}")


def concept_key(ref: str) -> str:
    """``violation-type/pushback`` -> ``vocab/violation-type/pushback``."""
    return "vocab/" + ref
