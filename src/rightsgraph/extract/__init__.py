"""Stage 3: `Document` -> `Facts`. One module per fact kind; each returns plain data."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..facts import Facts
from .actors import extract_actors
from .instruments import extract_citations
from .interventions import extract_interventions
from .meeting import extract_meeting
from .places import PlaceFinder
from .recommendations import Addressees, extract_recommendations
from .speakers import attribute
from .statements import extract_statements
from .statistics import extract_statistics
from .violations import extract_violations

__all__ = ["extract"]


def extract(document: Document) -> Facts:
    """Extract every kind of fact from a parsed report."""
    meeting, instruments = extract_meeting(document)
    speakers = attribute(document, Facts())
    if meeting is not None:
        meeting = replace(meeting, segments=speakers.segments.segments)
    places = PlaceFinder()
    addressees = Addressees()
    cited, citations = extract_citations(document, speakers)
    violations = extract_violations(document, speakers, places)
    statistics = extract_statistics(document, speakers, places)
    recommendations = extract_recommendations(document, speakers, addressees)
    practices, commitments, concerns = extract_statements(document, speakers)
    for paragraph in document.paragraphs:  # every place named, not only those facts point to
        places.mentions(paragraph.text)
    known = {i.key: i for i in (*cited, *instruments)}
    actors = {
        a.key: a for a in (*places.state_actors.values(), *addressees.actors.values(),
                           *extract_actors(document, speakers))
    }
    return Facts(
        meeting=meeting,
        actors=tuple(actors[k] for k in sorted(actors)),
        violations=violations,
        recommendations=recommendations,
        commitments=commitments,
        practices=practices,
        concerns=concerns,
        instruments=tuple(known[k] for k in sorted(known)),
        citations=citations,
        interventions=extract_interventions(document, speakers),
        places=places.places(),
        statistics=statistics,
    )

