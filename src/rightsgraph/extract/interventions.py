"""Interventions: who took the floor in each paragraph, in which capacity and segment.

One intervention per speaker per paragraph, in order of first attribution; its evidence is
the phrase that names the speaker. Capacities come from the introduction (a moderator, the
speaker who opened or concluded the meeting), else from the role of the section (opening
remarks, panellists' statements, plenary discussion, concluding remarks); a person keeps the
capacity in which they first spoke, so a panellist's closing remarks stay a panellist's.
"""

from __future__ import annotations

from ..document import Document
from ..facts import Evidence, Intervention
from .speakers import Attribution

_ROLE_CAPACITY = {
    "opening": "capacity/opening-speaker",
    "concluding": "capacity/closing-speaker",
    "panel": "capacity/panellist",
    "plenary": "capacity/delegate",
}
_INTRO_CAPACITY = {
    "moderator": "capacity/moderator",
    "opening": "capacity/opening-speaker",
    "closing": "capacity/closing-speaker",
}
_SKIPPED = ("body", "inherited", "plenary")


def extract_interventions(doc: Document, attribution: Attribution) -> tuple[Intervention, ...]:
    """Interventions of a meeting report; none when the report records no meeting."""
    if doc.meeting_date is None:
        return ()
    intros = {i.key: i for i in attribution.introductions}
    listed = {(n, d.key): d for n, d in attribution.delegates}
    held: dict[str, str | None] = {}
    out: list[Intervention] = []
    for p in doc.paragraphs:
        seen: set[str] = set()
        segment = attribution.segments.segment(p.key)
        role = attribution.segments.role(p.key)
        for turn in attribution.turns_in(p.key):
            if turn.how in _SKIPPED:
                continue
            for key in turn.speakers:
                if key in seen:
                    continue
                seen.add(key)
                delegate = listed.get((p.key, key)) if turn.how == "list" else None
                if delegate is not None:
                    quote = p.text[delegate.start : delegate.end]
                    ev = Evidence(p.key, delegate.start, delegate.end, quote)
                    capacity = "capacity/written-statement" if delegate.written else "capacity/delegate"
                    behalf = tuple(k for k, _ in delegate.on_behalf_of)
                    out.append(Intervention(key, segment, capacity, ev, behalf))
                    continue
                capacity = _capacity(key, intros, held, role, turn.how)
                seg = segment or (intros[key].segment_hint if key in intros else None)
                out.append(Intervention(key, seg, capacity, turn.cue))
    return tuple(out)


def _capacity(key: str, intros, held: dict[str, str | None], role: str | None, how: str) -> str | None:
    if not key.startswith("person/") or how in ("group", "passive", "representative"):
        return "capacity/delegate"
    intro = intros.get(key)
    if intro is not None and intro.role == "moderator":
        return "capacity/moderator"
    if held.get(key):
        return held[key]
    capacity = _ROLE_CAPACITY.get(role or "") or (
        _INTRO_CAPACITY.get(intro.role or "") if intro is not None else None)
    if intro is not None and intro.role in ("opening", "closing") and role not in ("panel", "plenary"):
        capacity = _INTRO_CAPACITY[intro.role]
    held[key] = capacity
    return capacity
