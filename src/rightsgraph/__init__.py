"""RightsGraph: UN human-rights reports as a validated linked-data knowledge graph.

>>> from rightsgraph import parse
>>> doc = parse("I. Background\\n\\n1. The Council met.\\n")
>>> [p.text for p in doc.paragraphs]
['The Council met.']
"""

from __future__ import annotations

__version__ = "0.1.0"

# The stage functions are imported eagerly on purpose: they share their names with the stage
# modules (rightsgraph.parse, rightsgraph.validate ...), and the function must win.
from .errors import (  # noqa: E402
    InputError,
    OntologyError,
    RightsGraphError,
    StoreError,
    UsageError,
    ValidationFailed,
)
from .extract import extract  # noqa: E402
from .ingest import ingest  # noqa: E402
from .parse import parse  # noqa: E402
from .pipeline import Converted, build, convert, publish  # noqa: E402
from .store import open_store  # noqa: E402
from .validate import ValidationReport, validate  # noqa: E402

__all__ = [
    "Converted",
    "InputError",
    "OntologyError",
    "RightsGraphError",
    "StoreError",
    "UsageError",
    "ValidationFailed",
    "ValidationReport",
    "build",
    "convert",
    "extract",
    "ingest",
    "open_store",
    "parse",
    "publish",
    "validate",
]
