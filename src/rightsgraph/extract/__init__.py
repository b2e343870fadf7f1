"""Stage 3: `Document` -> `Facts`. One module per fact kind; each returns plain data."""

from __future__ import annotations

from ..document import Document
from ..facts import Facts
from .meeting import extract_meeting

__all__ = ["extract"]


def extract(document: Document) -> Facts:
    """Extract every kind of fact from a parsed report."""
    meeting, instruments = extract_meeting(document)
    return Facts(meeting=meeting, instruments=instruments)
