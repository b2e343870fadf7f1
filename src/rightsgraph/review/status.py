"""Where the review of each report stands, how far two reviewers agree, the reviewed facts
as rows for people who do not write SPARQL."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from ..iris import base_iri
from .apply import review_graph_iri
from .lookup import _PREFIXES, _v
from .records import Review, read_reviews

_FACTS = _PREFIXES + """SELECT ?g ?fact ?status ?n ?quote ?label ?decision ?reviewer ?time WHERE {
  GRAPH ?g { ?fact prov:wasDerivedFrom ?n ; rg:quote ?quote ; prov:wasGeneratedBy ?by .
             OPTIONAL { ?fact rdfs:label ?label }
             OPTIONAL { ?fact rg:reviewStatus ?status } }
  OPTIONAL { GRAPH ?g { ?fact rg:reviewedIn ?decision }
             GRAPH ?r { ?decision prov:wasAttributedTo ?who ; prov:generatedAtTime ?time .
                        ?who rdfs:label ?reviewer } }
} ORDER BY ?g ?n ?fact"""
_REJECTED = _PREFIXES + """SELECT DISTINCT ?g ?fact WHERE {
  GRAPH ?g { ?d rg:decision ?what ; prov:wasRevisionOf ?fact .
             FILTER (STRENDS(STR(?what), "/review-decision/reject")) }
  FILTER NOT EXISTS { GRAPH ?h { ?fact rg:quote ?quote } } }"""


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two raters' labels for the same items: (po - pe) / (1 - pe), po the
    observed agreement, pe the agreement expected by chance from each rater's label frequencies
    (Cohen 1960). None when it is undefined (no items, or both raters always give one label).

    >>> cohen_kappa(["y"] * 25 + ["n"] * 25, ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15)
    0.4
    """
    if len(a) != len(b):
        raise ValueError("two raters rate the same items")
    n = len(a)
    if not n:
        return None
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe == 1:
        return None
    return round((po - pe) / (1 - pe), 4)


@dataclass
class ReportStatus:
    report: str
    facts: int = 0  # machine-extracted facts, the rejected included
    reviewed: int = 0  # of those, the ones with a decision standing (accepted, corrected, rejected)
    rejected: int = 0
    added: int = 0
    pending: int = 0
    reviewers: list[str] = field(default_factory=list)
    kappa: dict[str, dict[str, float | None | int]] = field(default_factory=dict)


def review_status(store, folder: str | Path | None, *, base: str | None = None) -> list[ReportStatus]:
    """Per report of the store: facts, reviewed, rejected, added, pending; with two or more
    reviewers, Cohen's kappa per fact kind over the facts each pair both decided on."""
    base = base_iri(base)
    out: dict[str, ReportStatus] = {}
    for g, _fact, status, *_ in store.query(_FACTS).rows:
        rid = _v(g).rsplit("/", 1)[-1]
        if "/review/" in _v(g) or "/validation/" in _v(g):
            continue
        s = out.setdefault(rid, ReportStatus(rid))
        decided = _v(status)
        if decided and decided.endswith("/add"):
            s.added += 1
            continue
        s.facts += 1
        s.reviewed += bool(decided)
    for g, _fact in store.query(_REJECTED).rows:
        rid = _v(g).rsplit("/", 1)[-1]
        s = out.setdefault(rid, ReportStatus(rid))
        s.facts += 1
        s.reviewed += 1
        s.rejected += 1
    for s in out.values():
        s.pending = s.facts - s.reviewed
        if folder:
            reviews = read_reviews(folder, s.report)
            s.reviewers = sorted({r.reviewer for r in reviews})
            s.kappa = agreement(reviews)
    return [out[k] for k in sorted(out)]


def agreement(reviews: list[Review]) -> dict[str, dict]:
    """Cohen's kappa per fact kind (and ``all``) for each pair of reviewers, over the facts
    both of them decided on (their last accept, reject or correct of each): ``{kind: {"pair":
    "a/b", "items": n, "kappa": k}}``, the pair with most shared items."""
    last: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # reviewer -> fact -> ...
    for r in reviews:
        if r.decision in ("accept", "reject", "correct") and r.fact:
            last[r.reviewer][r.fact] = (r.kind, r.decision)
    best: dict[str, dict] = {}
    for x, y in combinations(sorted(last), 2):
        shared = sorted(set(last[x]) & set(last[y]))
        by_kind: dict[str, list[str]] = defaultdict(list)
        for fact in shared:
            by_kind[last[x][fact][0]].append(fact)
            by_kind["all"].append(fact)
        for kind, facts in by_kind.items():
            k = cohen_kappa([last[x][f][1] for f in facts], [last[y][f][1] for f in facts])
            if kind not in best or len(facts) > best[kind]["items"]:
                best[kind] = {"pair": f"{x}/{y}", "items": len(facts), "kappa": k}
    return dict(sorted(best.items()))


EXPORT_COLUMNS = ("report", "fact", "kind", "paragraph", "quote", "label", "status", "decision",
                  "reviewer", "time")


def reviewed_facts(store, *, base: str | None = None) -> list[dict[str, str]]:
    """Every fact of the store's report graphs in its reviewed state, one row each: its status
    is machine-extracted, accept, correct or add."""
    base = base_iri(base)
    rows = []
    for g, fact, status, n, quote, label, decision, reviewer, time in store.query(_FACTS).rows:
        graph = _v(g)
        if "/review/" in graph or "/validation/" in graph:
            continue
        key = _v(fact)[len(base):] if _v(fact).startswith(base) else _v(fact)
        rows.append({"report": graph.rsplit("/", 1)[-1], "fact": _v(fact),
                     "kind": key.split("/")[2] if key.count("/") >= 3 else "",
                     "paragraph": _v(n).rsplit("/paragraph/", 1)[-1],
                     "quote": _v(quote) or "", "label": _v(label) or "",
                     "status": (_v(status) or "machine-extracted").rsplit("/", 1)[-1],
                     "decision": _v(decision) or "", "reviewer": _v(reviewer) or "",
                     "time": _v(time) or ""})
    return rows


__all__ = ["ReportStatus", "agreement", "cohen_kappa", "review_graph_iri", "review_status",
           "reviewed_facts"]
