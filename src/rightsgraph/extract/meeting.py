"""The meeting a summary report records and the resolution that mandated it."""

from __future__ import annotations

from ..document import Document
from ..facts import Instrument, Meeting

_BODY_PREFIX = {
    "Human Rights Council": "hrc",
    "General Assembly": "ga",
    "Economic and Social Council": "ecosoc",
    "Security Council": "sc",
}


def resolution_key(body: str | None, number: str) -> str:
    """Instrument key of a resolution: ``instrument/resolution/hrc-53-24``."""
    prefix = _BODY_PREFIX.get(body or "", "un")
    return f"instrument/resolution/{prefix}-{number.replace('/', '-')}"


def extract_meeting(doc: Document) -> tuple[Meeting | None, tuple[Instrument, ...]]:
    """The meeting (when the report summarises one) and its requesting resolution."""
    instruments: list[Instrument] = []
    requested_by = None
    if doc.requesting_resolution:
        requested_by = resolution_key(doc.body, doc.requesting_resolution)
        label = f"{doc.body + ' ' if doc.body else ''}resolution {doc.requesting_resolution}"
        instruments.append(
            Instrument(requested_by, "Resolution", label, identifier=doc.requesting_resolution)
        )
    if doc.meeting_date is None and requested_by is None:
        return None, tuple(instruments)
    label = doc.title or doc.report_id
    return Meeting(label=label, date=doc.meeting_date, requested_by=requested_by), tuple(instruments)
