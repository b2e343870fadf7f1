"""The facts of the genres whose statements name their author by the document's own structure:
treaty-body concluding observations (``treaty-co``), OHCHR compilations (``compilation``),
summaries of stakeholders' submissions (``stakeholders``) and national reports
(``national-report``). Each runs its rule pack in the document's language; a language without a
pack for the genre gets none of these facts.
"""

from __future__ import annotations

from ..document import Document
from ..facts import Facts
from ..profile import Profile
from .compilation import extract_reported
from .compilation_national import extract_own_report
from .compilation_sources import stakeholders
from .rulepack import load_pack
from .treaty import extract_observations
from .treaty_rules import actor

PACKS = ("treaty-co", "compilation", "stakeholders", "national-report")


def genre_facts(doc: Document, prof: Profile) -> Facts:
    """Recommendations, concerns, commitments and practices of the document's rule pack."""
    if prof.pack not in PACKS:
        return Facts()
    pack = load_pack(prof.language, prof.pack)
    if pack is None:
        return Facts()
    party = _party(doc, prof)
    cover = tuple(a for a in map(actor, [k for k in (prof.author, party) if k]) if a)
    if prof.pack == "treaty-co":
        found = extract_observations(doc, pack, author=prof.author, subject=party)
        return Facts(actors=cover, recommendations=found.recommendations, concerns=found.concerns,
                     instruments=found.instruments)
    if prof.pack == "national-report":
        own = extract_own_report(doc, pack, subject=party)
        return Facts(actors=cover, commitments=own.commitments, practices=own.practices)
    codes = stakeholders(doc, pack) if prof.pack == "stakeholders" else None
    reported = extract_reported(doc, pack, subject=party, codes=codes)
    return Facts(actors=(*cover, *reported.actors), recommendations=reported.recommendations,
                 concerns=reported.concerns)


def _party(doc: Document, prof: Profile) -> str | None:
    """The State party of the cover; the European Union when the symbol names it (``CRPD/C/EU/CO/1``)."""
    if prof.subject:
        return prof.subject
    segments = (prof.symbol or doc.symbol or "").split("/")
    return "org/european-union" if "EU" in segments[1:] else None
