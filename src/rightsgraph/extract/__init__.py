"""Stage 3: `Document` -> `Facts`. One module per fact kind; each returns plain data."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..facts import Facts
from .actors import extract_actors
from .interventions import extract_interventions
from .meeting import extract_meeting
from .speakers import attribute

__all__ = ["extract"]


def extract(document: Document) -> Facts:
    """Extract every kind of fact from a parsed report."""
    meeting, instruments = extract_meeting(document)
    attribution = attribute(document, Facts())
    if meeting is not None:
        meeting = replace(meeting, segments=attribution.segments.segments)
    actors = extract_actors(document, attribution)
    interventions = extract_interventions(document, attribution)
    return Facts(meeting=meeting, instruments=instruments, actors=actors, interventions=interventions)
