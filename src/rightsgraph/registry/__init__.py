"""Reference registries: UN Member and observer States, organisations, instruments.

The data are CSV files in ``data/`` (see its README for where each fact comes
from). Each registry is a cached table with lookups::

    >>> from rightsgraph.registry import states, organizations, instruments
    >>> states.by_name("Turkey").name
    'Türkiye'
    >>> states.by_name("the Netherlands").iso3
    'NLD'
    >>> organizations.by_name("Committee on Migrant Workers").slug
    'cmw'
    >>> instruments.by_name("the Global Compact").slug
    'gcm'

:func:`find_mentions` finds every registry mention in a text with its offsets.
"""

from __future__ import annotations

from .matcher import KINDS, Mention, Ref, find_mentions
from .records import (
    INSTRUMENT_CLASSES,
    ORGANIZATION_CLASSES,
    Instrument,
    Organization,
    State,
)
from .tables import instruments, organizations, states

__all__ = [
    "INSTRUMENT_CLASSES",
    "KINDS",
    "ORGANIZATION_CLASSES",
    "Instrument",
    "Mention",
    "Organization",
    "Ref",
    "State",
    "find_mentions",
    "instruments",
    "organizations",
    "states",
]
