"""The registry records (frozen dataclasses) and their CSV loaders.

Data files live in ``data/`` inside the package and are read through
importlib.resources; a malformed file raises :class:`OntologyError`, since the
registries are reference data of the same standing as the vocabularies.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..errors import OntologyError

ORGANIZATION_CLASSES = (
    "UNEntity",
    "HumanRightsMechanism",
    "IntergovernmentalOrganization",
    "RegionalOrganization",
    "CivilSocietyOrganization",
    "AcademicInstitution",
)
INSTRUMENT_CLASSES = (
    "Resolution",
    "Treaty",
    "Protocol",
    "GeneralComment",
    "Compact",
    "Guidelines",
    "Agenda",
    "Regulation",
)
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _qid(value: str, where: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _QID.match(value):
        raise OntologyError(f"{where}: {value!r} is not a Wikidata QID")
    return value


def _slug(value: str, where: str) -> str:
    if not _SLUG.match(value):
        raise OntologyError(f"{where}: {value!r} is not a slug")
    return value


def read_rows(filename: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a data file with a ``file:line`` tag for error messages."""
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if None in row or any(value is None for value in row.values()):
            raise OntologyError(f"{filename}:{number}: wrong number of columns")
        yield f"{filename}:{number}", row


@dataclass(frozen=True, slots=True)
class State:
    """A UN Member or observer State."""

    iso3: str
    iso2: str
    m49: str
    name: str
    variants: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    wikidata: str | None
    un_status: str

    @property
    def key(self) -> str:
        return self.iso3

    @property
    def wikidata_iri(self) -> str | None:
        return WIKIDATA_ENTITY + self.wikidata if self.wikidata else None

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(form, field) pairs by which the State is named in text."""
        yield self.name, "name"
        yield from ((v, "variant") for v in self.variants)
        yield from ((a, "adjective") for a in self.adjectives)
        yield from ((d, "demonym") for d in self.demonyms)


@dataclass(frozen=True, slots=True)
class Organization:
    """An organisation, body or mechanism; ``actor_class`` is its rg: class name."""

    slug: str
    name: str
    actor_class: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    parent: str | None
    wikidata: str | None

    @property
    def key(self) -> str:
        return self.slug

    @property
    def wikidata_iri(self) -> str | None:
        return WIKIDATA_ENTITY + self.wikidata if self.wikidata else None

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        yield self.name, "name"
        yield from ((a, "acronym") for a in self.acronyms)
        yield from ((a, "alias") for a in self.aliases)


@dataclass(frozen=True, slots=True)
class Instrument:
    """A treaty, compact, resolution or other instrument that reports cite.

    ``parts_pattern`` is the resource-key template of its parts relative to
    ``id/instrument/`` (e.g. ``gcm/objective-{n}``), empty when parts are not cited.
    """

    slug: str
    identifier: str | None
    name: str
    instrument_class: str
    aliases: tuple[str, ...]
    adopted_by: str | None
    year: int | None
    wikidata: str | None
    parts_pattern: str | None

    @property
    def key(self) -> str:
        return self.slug

    @property
    def wikidata_iri(self) -> str | None:
        return WIKIDATA_ENTITY + self.wikidata if self.wikidata else None

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        yield self.name, "name"
        yield from ((a, "alias") for a in self.aliases)


def load_states() -> tuple[State, ...]:
    states = []
    for where, row in read_rows("states.csv"):
        if row["un_status"] not in ("member", "observer"):
            raise OntologyError(f"{where}: un_status must be member or observer")
        states.append(
            State(
                iso3=row["iso3"],
                iso2=row["iso2"],
                m49=row["m49"],
                name=row["name"],
                variants=_split(row["variants"]),
                adjectives=_split(row["adjectives"]),
                demonyms=_split(row["demonyms"]),
                wikidata=_qid(row["wikidata"], where),
                un_status=row["un_status"],
            )
        )
    return tuple(states)


def load_organizations() -> tuple[Organization, ...]:
    orgs = []
    for where, row in read_rows("organizations.csv"):
        if row["class"] not in ORGANIZATION_CLASSES:
            raise OntologyError(f"{where}: unknown class {row['class']!r}")
        orgs.append(
            Organization(
                slug=_slug(row["slug"], where),
                name=row["name"],
                actor_class=row["class"],
                acronyms=_split(row["acronyms"]),
                aliases=_split(row["aliases"]),
                parent=row["parent"] or None,
                wikidata=_qid(row["wikidata"], where),
            )
        )
    slugs = {o.slug for o in orgs}
    for org in orgs:
        if org.parent and org.parent not in slugs:
            raise OntologyError(f"organizations.csv: {org.slug} has unknown parent {org.parent!r}")
    return tuple(orgs)


def load_instruments(organization_slugs: set[str]) -> tuple[Instrument, ...]:
    instruments = []
    for where, row in read_rows("instruments.csv"):
        if row["class"] not in INSTRUMENT_CLASSES:
            raise OntologyError(f"{where}: unknown class {row['class']!r}")
        if row["adopted_by"] and row["adopted_by"] not in organization_slugs:
            raise OntologyError(f"{where}: adopted_by {row['adopted_by']!r} is no organisation")
        if row["year"] and not row["year"].isdigit():
            raise OntologyError(f"{where}: year {row['year']!r} is not a year")
        instruments.append(
            Instrument(
                slug=_slug(row["slug"], where),
                identifier=row["identifier"] or None,
                name=row["name"],
                instrument_class=row["class"],
                aliases=_split(row["aliases"]),
                adopted_by=row["adopted_by"] or None,
                year=int(row["year"]) if row["year"] else None,
                wikidata=_qid(row["wikidata"], where),
                parts_pattern=row["parts_pattern"] or None,
            )
        )
    return tuple(instruments)


def load_shadows() -> tuple[str, ...]:
    """Phrases that contain a registry form but name something else ("Indian Ocean")."""
    return tuple(row["phrase"] for _, row in read_rows("shadows.csv"))
