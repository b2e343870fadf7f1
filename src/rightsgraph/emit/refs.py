"""Resolve fact keys (``state/COL``, ``violation-type/pushback``, ``footnote/3``) to IRIs."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ..iris import report_key
from .terms import concept, iri

SCHEMES = ("violation-type", "perpetrator-type", "affected-group", "capacity", "theme",
           "gcm-objective", "sdg-target", "route", "genre", "response-status")
GLOBAL = ("state", "org", "person", "instrument", "place", "agent")


_NUMBERED = "report/"


@dataclass(frozen=True)
class Resolver:
    """Maps keys to IRIs for one report; report-scoped actors live under the report."""

    report_id: str
    base: str
    scoped: frozenset[str] = frozenset()

    def __call__(self, key: str) -> URIRef:
        head = key.split("/", 1)[0]
        if key in self.scoped or head == "group":
            return iri(report_key(self.report_id, key), self.base)
        if head in SCHEMES:
            return concept(key, self.base)
        if head in ("footnote", "paragraph", "segment", "meeting"):
            return iri(report_key(self.report_id, key), self.base)
        if head in GLOBAL or key.startswith(_NUMBERED):
            # a numbered recommendation lives under the report of its symbol, whichever
            # document names it (report/a-hrc-43-15/recommendation/121.1)
            return iri(key, self.base)
        raise ValueError(f"unknown kind of key: {key!r}")
