"""Cached registry tables with key and name lookups."""

from __future__ import annotations

from functools import cached_property
from typing import Generic, Protocol, TypeVar

from ..errors import OntologyError
from . import records
from .fold import fold


class _Record(Protocol):
    @property
    def key(self) -> str: ...

    def surface_forms(self): ...


R = TypeVar("R", bound=_Record)


class Table(Generic[R]):
    """One registry: its records in file order, found by key or by any name they go by."""

    def __init__(self, name: str, loader) -> None:
        self.name = name
        self._loader = loader

    @cached_property
    def records(self) -> tuple[R, ...]:
        return self._loader()

    @cached_property
    def _by_key(self) -> dict[str, R]:
        index: dict[str, R] = {}
        for record in self.records:
            if record.key in index:
                raise OntologyError(f"{self.name}: duplicate key {record.key!r}")
            index[record.key] = record
        return index

    @cached_property
    def _by_name(self) -> dict[str, R]:
        index: dict[str, R] = {}
        for record in self.records:
            for form, _field in record.surface_forms():
                key = fold(form, drop_article=True)
                other = index.setdefault(key, record)
                if other is not record:
                    raise OntologyError(
                        f"{self.name}: {form!r} names both {other.key!r} and {record.key!r}"
                    )
        return index

    def all(self) -> tuple[R, ...]:
        return self.records

    def by_key(self, key: str) -> R | None:
        return self._by_key.get(key)

    def by_name(self, text: str) -> R | None:
        """The record named ``text`` (any case, accents optional, leading "the" optional)."""
        return self._by_name.get(fold(text, drop_article=True))

    def __iter__(self):
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


class StateTable(Table[records.State]):
    def by_iso3(self, code: str) -> records.State | None:
        return self.by_key(code.upper())

    @cached_property
    def _by_iso2(self) -> dict[str, records.State]:
        return {s.iso2: s for s in self.records}

    def by_iso2(self, code: str) -> records.State | None:
        return self._by_iso2.get(code.upper())


class OrganizationTable(Table[records.Organization]):
    def by_slug(self, slug: str) -> records.Organization | None:
        return self.by_key(slug)


class InstrumentTable(Table[records.Instrument]):
    def by_slug(self, slug: str) -> records.Instrument | None:
        return self.by_key(slug)


states = StateTable("states.csv", records.load_states)
organizations = OrganizationTable("organizations.csv", records.load_organizations)
instruments = InstrumentTable(
    "instruments.csv",
    lambda: records.load_instruments({o.slug for o in organizations}),
)
