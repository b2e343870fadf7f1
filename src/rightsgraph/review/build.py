"""Reviews in the build: find a report's decisions, re-apply them, validate both graphs."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from ..errors import UsageError
from .apply import Reviewed, apply_reviews
from .records import read_reviews

DEFAULT_FOLDER = "reviews"


def reviews_folder(folder: str | Path | None) -> Path | None:
    """The folder given (it must exist), else ``reviews/`` when there is one, else None."""
    if folder is not None:
        path = Path(folder)
        if not path.is_dir():
            raise UsageError(f"--reviews {folder}: no such folder")
        return path
    default = Path(os.environ.get("RIGHTSGRAPH_REVIEWS") or DEFAULT_FOLDER)
    return default if default.is_dir() else None


def review_report(graph: Graph, folder: str | Path | None, *, base: str | None = None) -> Reviewed:
    """The reviewed state of one report graph with the decisions of `folder` (none: as is)."""
    rid = str(graph.identifier).rsplit("/", 1)[-1]
    return apply_reviews(graph, read_reviews(folder, rid) if folder else [], base=base)


def gate_graph(reviewed: Reviewed) -> Graph:
    """What the SHACL gate checks: the reviewed report graph with its review decisions."""
    if not len(reviewed.reviews):
        return reviewed.graph
    merged = Graph(identifier=reviewed.graph.identifier)
    merged += reviewed.graph
    merged += reviewed.reviews
    return merged


def reviewed_items(graphs: list[Graph], folder: Path | None, *, strict: bool = False):
    """For publish: each graph in its reviewed state with its validation report, the review
    graphs to publish beside them, and every decision's outcome. With `strict`, a decision that
    no longer anchors makes its report fail the gate."""
    from ..validate import ValidationResult, validate

    items, extra, outcomes = [], {}, []
    for graph in graphs:
        reviewed = review_report(graph, folder)
        report = validate(gate_graph(reviewed), strict=strict)
        if strict:
            report.results.extend(
                ValidationResult("Violation", f"review {o.review.id} ({o.review.decision}) is "
                                 f"unanchored: {o.reason}", "review-anchor",
                                 focus=o.review.fact or o.review.report)
                for o in reviewed.unanchored)
        items.append((reviewed.graph, report))
        if folder is not None:
            extra[str(reviewed.reviews.identifier)] = reviewed.reviews
        outcomes.extend(reviewed.outcomes)
    return items, extra, outcomes
