"""What extraction finds: plain, frozen data. Every fact carries its `Evidence`.

Actors, instruments and places are referred to by *keys* (``state/COL``, ``org/ohchr``,
``person/jane-doe``, ``instrument/gcm``, ``place/darien``, ``group/participants``): the same
key in every report, so `emit` can mint the same IRI. Vocabulary concepts are referred to by
``scheme/slug`` (``violation-type/pushback``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: `quote == paragraph_text[start:end]`; `paragraph` is the
    paragraph's key (`Paragraph.key`: its number in the main numbering)."""

    paragraph: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Actor:
    key: str
    kind: str  # State, UNEntity, HumanRightsMechanism, IntergovernmentalOrganization,
    # RegionalOrganization, CivilSocietyOrganization, AcademicInstitution, Person, ActorGroup
    label: str
    iso3: str | None = None
    wikidata: str | None = None
    title: str | None = None  # for persons: the office as the report states it
    affiliation: str | None = None  # actor key
    represents: str | None = None  # actor key spoken for
    acronym: str | None = None
    members: tuple[str, ...] = ()  # for groups
    report_scoped: bool = False  # unnamed speakers and collectives live in one report
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Segment:
    slug: str  # opening, segment-1, segment-2, concluding ...
    label: str
    order: int
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Meeting:
    label: str
    date: date | None
    requested_by: str | None  # instrument key of the resolution
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Intervention:
    speaker: str  # actor key
    segment: str | None
    capacity: str | None  # capacity/<slug>
    evidence: Evidence
    on_behalf_of: tuple[str, ...] = ()
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class ViolationReport:
    violation_type: str  # violation-type/<slug>
    evidence: Evidence
    reported_by: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()  # perpetrator-type/<slug>
    affected_groups: tuple[str, ...] = ()  # affected-group/<slug>
    locations: tuple[str, ...] = ()  # state/..., place/..., route/...
    hedged: bool = False
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class Recommendation:
    action: str
    evidence: Evidence
    recommended_by: tuple[str, ...] = ()
    addressed_to: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()  # theme/<slug>
    gcm_objectives: tuple[str, ...] = ()  # gcm-objective/<n>
    sdg_targets: tuple[str, ...] = ()  # sdg-target/<slug>
    instruments: tuple[str, ...] = ()
    specificity: int | None = None
    specificity_rule: str | None = None
    context: StatementContext | None = None
    number: str | None = None  # as the report numbers it: "121.4"
    key: str | None = None  # recommendation/<symbol>/<number>: one IRI in every report
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class StatementContext:
    """Where a statement of a genre's rule pack stands and what it rests on: the rule that made
    it, the heading above it (a Convention article, a theme), its sub-item label ("(b)"), the
    documents it cites as its source (a compilation's footnote) and the earlier documents whose
    recommendations it reiterates (symbols such as ``CRPD/C/AUT/CO/1``)."""

    rule: str
    heading: str | None = None
    sub_item: str | None = None
    sources: tuple[str, ...] = ()
    reiterates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commitment:
    action: str
    evidence: Evidence
    committed_by: tuple[str, ...] = ()
    context: StatementContext | None = None
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class PromisingPractice:
    description: str
    evidence: Evidence
    practice_of: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    context: StatementContext | None = None
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class Concern:
    description: str
    evidence: Evidence
    concern_of: tuple[str, ...] = ()
    context: StatementContext | None = None
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class Instrument:
    key: str  # instrument/gcm, instrument/resolution/hrc-53-24
    kind: str  # Resolution, Treaty, Protocol, GeneralComment, Compact, Guidelines, Agenda, ...
    label: str
    identifier: str | None = None
    part_of: str | None = None
    adopted_by: str | None = None  # actor key
    wikidata: str | None = None


@dataclass(frozen=True)
class Citation:
    instrument: str  # instrument key
    evidence: Evidence
    cited_by: tuple[str, ...] = ()
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class Place:
    key: str  # place/<slug> or route/<slug>
    kind: str  # Place, Region, MigrationRoute, BorderArea, Sea
    label: str
    wikidata: str | None = None


@dataclass(frozen=True)
class Statistic:
    value: Decimal
    measure: str
    evidence: Evidence
    qualifier: str | None = None
    period: str | None = None
    unit: str | None = None
    about: tuple[str, ...] = ()
    source: tuple[str, ...] = ()  # actor keys or footnote/<n>
    rule: str | None = None  # the id of the rule that made it (rg:extractionRule)


@dataclass(frozen=True)
class RecommendationResponse:
    """A State's position on a recommendation (its key), stated where `evidence` points."""

    recommendation: str  # recommendation/<symbol>/<number>
    number: str
    status: str  # response-status/supported, response-status/noted
    evidence: Evidence
    responded_by: tuple[str, ...] = ()
    rule: str | None = None


@dataclass(frozen=True)
class Facts:
    """Everything extracted from one report."""

    meeting: Meeting | None = None
    actors: tuple[Actor, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    violations: tuple[ViolationReport, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    practices: tuple[PromisingPractice, ...] = ()
    concerns: tuple[Concern, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    citations: tuple[Citation, ...] = ()
    places: tuple[Place, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    responses: tuple[RecommendationResponse, ...] = ()
    genre: str | None = None  # genre/<slug>, from the profile
    notes: tuple[str, ...] = field(default=(), compare=False)
