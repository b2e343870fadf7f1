"""IRI minting rules shared by every stage: resources, named graphs, the base."""

from __future__ import annotations

import os
import re

DEFAULT_BASE = "https://w3id.org/rightsgraph/id/"
GRAPH_BASE = "https://w3id.org/rightsgraph/graph/"
ONTOLOGY_NS = "https://w3id.org/rightsgraph/ontology#"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
REGISTRY_GRAPH = GRAPH_BASE + "registry"
VOID_GRAPH = GRAPH_BASE + "void"

_SAFE = re.compile(r"^[A-Za-z0-9._~/-]+$")


def base_iri(base: str | None = None) -> str:
    """The resource base: the argument, else $RIGHTSGRAPH_BASE, else the w3id default."""
    value = base or os.environ.get("RIGHTSGRAPH_BASE") or DEFAULT_BASE
    return value if value.endswith(("/", "#")) else value + "/"


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


def concept_key(ref: str) -> str:
    """``violation-type/pushback`` -> ``vocab/violation-type/pushback``."""
    return "vocab/" + ref
