"""Stage 3: `Document` -> `Facts`. One module per fact kind; each returns plain data.

The document's `Profile` (its genre, read from its cover and structure) says which built-in
extractors run and which rule pack's extractor adds the genre's own facts (`genres`).
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..facts import Facts
from ..profile import Profile, profile
from .actors import extract_actors
from .genres import extract_genre, merge
from .instruments import extract_citations
from .interventions import extract_interventions
from .meeting import extract_meeting
from .places import PlaceFinder
from .recommendations import Addressees, extract_recommendations
from .speakers import attribute
from .statements import extract_statements
from .statistics import extract_statistics
from .violations import extract_violations

__all__ = ["RULE_LANGUAGES", "extract", "structure_only"]

RULE_LANGUAGES = frozenset({"en"})  # the languages the extraction rules are written for


def structure_only(document: Document) -> str | None:
    """Why no rule may read `document` ("language fr: structure only"), or None when they may.

    A document whose language was detected and is not one the rules are written for keeps its
    structure (paragraphs, footnotes, cover) and gets no facts: English rules read French or
    Spanish words wrongly. An undetected language (too little text) is read as written.
    """
    if document.language is None or document.language in RULE_LANGUAGES:
        return None
    return f"language {document.language}: structure only"


def extract(document: Document, *, profiled: Profile | None = None) -> Facts:
    """Extract every kind of fact from a parsed report (its genre's, and the built-in ones
    its genre keeps; none from a language the rules are not written for: `structure_only`)."""
    prof = profiled or profile(document)
    gate = structure_only(document)
    if gate is not None:
        return Facts(genre=f"genre/{prof.genre}", notes=(gate,))
    runs = prof.runs
    meeting, instruments = extract_meeting(document) if runs("meeting") else (None, ())
    speakers = attribute(document, Facts())
    if meeting is not None:
        meeting = replace(meeting, segments=speakers.segments.segments)
    places = PlaceFinder()
    addressees = Addressees()
    cited, citations = extract_citations(document, speakers) if runs("citations") else ((), ())
    violations = extract_violations(document, speakers, places) if runs("violations") else ()
    statistics = extract_statistics(document, speakers, places) if runs("statistics") else ()
    recommendations = (extract_recommendations(document, speakers, addressees)
                       if runs("recommendations") else ())
    practices, commitments, concerns = (extract_statements(document, speakers)
                                        if runs("statements") else ((), (), ()))
    for paragraph in document.paragraphs:  # every place named, not only those facts point to
        places.mentions(paragraph.text)
    known = {i.key: i for i in (*cited, *instruments)}
    actors = {
        a.key: a for a in (*places.state_actors.values(), *addressees.actors.values(),
                           *(extract_actors(document, speakers) if runs("actors") else ()))
    }
    facts = Facts(
        meeting=meeting,
        actors=tuple(actors[k] for k in sorted(actors)),
        violations=violations,
        recommendations=recommendations,
        commitments=commitments,
        practices=practices,
        concerns=concerns,
        instruments=tuple(known[k] for k in sorted(known)),
        citations=citations,
        interventions=extract_interventions(document, speakers) if runs("interventions") else (),
        places=places.places(),
        statistics=statistics,
        genre=f"genre/{prof.genre}",
    )
    return merge(facts, extract_genre(document, prof))
