"""Human review: decisions kept apart from extraction, re-applied on every rebuild.

Records (`records`) are one CSV file per report under a reviews folder; `apply_reviews` turns
a freshly built report graph into its reviewed state plus the graph of its reviews, anchoring
each decision by the fact's stable IRI, else by its quote; `status` counts and compares.
"""

from __future__ import annotations

from .apply import Outcome, Reviewed, apply_reviews, review_graph_iri, reviewer_iri
from .records import (
    DECISIONS,
    Review,
    append_review,
    new_review,
    read_reviews,
    review_file,
    reviewed_reports,
)

__all__ = [
    "DECISIONS", "Outcome", "Review", "Reviewed", "append_review", "apply_reviews",
    "new_review", "read_reviews", "review_file", "review_graph_iri", "reviewed_reports",
    "reviewer_iri",
]
