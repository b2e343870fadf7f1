"""Stage 3: `Document` -> `Facts`. One module per fact kind; each returns plain data."""

from __future__ import annotations

from dataclasses import fields, replace

from ..document import Document
from ..facts import Facts
from .actors import extract_actors
from .instruments import extract_citations
from .interventions import extract_interventions
from .meeting import extract_meeting
from .places import PlaceFinder
from .recommendations import Addressees, extract_recommendations
from .speakers import Attribution, attribute
from .statements import extract_statements
from .statistics import extract_statistics
from .violations import extract_violations
from .voices import attribute as attribute_voices

__all__ = ["extract"]


def extract(document: Document) -> Facts:
    """Extract every kind of fact from a parsed report."""
    meeting, instruments = extract_meeting(document)
    speakers = attribute(document, Facts())
    if meeting is not None:
        meeting = replace(meeting, segments=speakers.segments.segments)
    voices = attribute_voices(document)
    places = PlaceFinder()
    addressees = Addressees()
    cited, citations = extract_citations(document, voices)
    violations = extract_violations(document, voices, places)
    statistics = extract_statistics(document, voices, places)
    recommendations = extract_recommendations(document, voices, addressees)
    practices, commitments, concerns = extract_statements(document, voices)
    for paragraph in document.paragraphs:  # every place named, not only those facts point to
        places.mentions(paragraph.text)
    known = {i.key: i for i in (*cited, *instruments)}
    actors = {
        a.key: a for a in (*places.state_actors.values(), *addressees.actors.values(), *voices.actors(),
                           *extract_actors(document, speakers))
    }
    return _unify(Facts(
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
    ), speakers)


def _unify(facts: Facts, speakers: Attribution) -> Facts:
    """One key per unnamed speaker: the fact extractors' ``person/speaker-N`` becomes the key
    the speaker extractor gave the person introduced in paragraph N."""
    mapping = {f"person/speaker-{i.evidence.paragraph}": i.key
               for i in speakers.introductions if i.report_scoped}
    if not mapping:
        return facts

    def fix(item):
        changes = {}
        for f in fields(item):
            value = getattr(item, f.name)
            if isinstance(value, str) and value in mapping:
                changes[f.name] = mapping[value]
            elif isinstance(value, tuple) and any(isinstance(v, str) and v in mapping for v in value):
                changes[f.name] = tuple(mapping.get(v, v) if isinstance(v, str) else v for v in value)
        return replace(item, **changes) if changes else item

    kept = tuple(a for a in facts.actors if a.key not in mapping)
    return replace(facts, actors=kept, **{
        name: tuple(fix(x) for x in getattr(facts, name))
        for name in ("violations", "recommendations", "commitments", "practices", "concerns",
                     "citations", "statistics", "interventions")
    })
